//! 表示 → 基準日…: the date progress and lateness are judged at. A window that stays open while
//! the officer types (2022-10-01, 令和4年10月1日, R4.10.1 … all read by `model::dates`) or picks
//! a day in a calendar headed in 和暦.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use crate::model::dates::{days_in_month, japanese_date, parse_date};
use crate::model::{Plan, YearMonth};
use crate::ui::app::commands::Command;

/// The window's state while it is open.
pub struct ReferenceDateWindow {
    text: String,
    /// The month the calendar shows.
    month: YearMonth,
    error: Option<String>,
}

impl ReferenceDateWindow {
    pub fn new(current: NaiveDate) -> Self {
        ReferenceDateWindow { text: String::new(), month: YearMonth::new(current.year(), current.month()), error: None }
    }
}

/// Draws the window; `false` once it is closed.
pub fn window(
    ctx: &egui::Context,
    state: &mut ReferenceDateWindow,
    (plan, current): (&Plan, NaiveDate),
    out: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    let mut close = false;
    super::centred(ctx, "基準日").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        ui.label(RichText::new(format!("基準日: {}", japanese_date(current))).strong())
            .on_hover_text(current.format("%Y-%m-%d").to_string());
        ui.label("進捗率・遅れ・スケジュールの赤い線は、この日を基準に表示します。");
        ui.separator();
        typed(ui, state, out);
        ui.separator();
        calendar(ui, state, current, out);
        ui.separator();
        ui.horizontal(|ui| {
            let today = chrono::Local::now().date_naive();
            if ui.button("今日").on_hover_text(japanese_date(today)).clicked() {
                out.push(Command::ReferenceDate(Some(today)));
                state.month = YearMonth::new(today.year(), today.month());
            }
            let end = plan.info.end_date();
            if ui.button("計画の最終日").on_hover_text(japanese_date(end)).clicked() {
                out.push(Command::ReferenceDate(Some(end)));
                state.month = YearMonth::new(end.year(), end.month());
            }
            if ui.button("自動（今日、計画終了後は最終日）").clicked() {
                out.push(Command::ReferenceDate(None));
            }
            if ui.button("閉じる").clicked() {
                close = true;
            }
        });
    });
    open && !close
}

fn typed(ui: &mut egui::Ui, state: &mut ReferenceDateWindow, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.text)
                .hint_text("例: 令和4年10月1日、2022-10-01")
                .desired_width(260.0),
        );
        let field = field.accessible_name("基準日を入力");
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("設定").clicked() || entered {
            match parse_date(&state.text) {
                Ok(date) => {
                    out.push(Command::ReferenceDate(Some(date)));
                    state.month = YearMonth::new(date.year(), date.month());
                    state.error = None;
                    state.text.clear();
                }
                Err(message) => state.error = Some(message),
            }
        }
    });
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

/// A month of days, 日 to 土, headed 令和4年10月; the 基準日 is highlighted.
fn calendar(ui: &mut egui::Ui, state: &mut ReferenceDateWindow, current: NaiveDate, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui.button("◀").on_hover_text("前の月").accessible_name("前の月").clicked() {
            state.month = state.month.add_months(-1);
        }
        let m = state.month;
        ui.label(RichText::new(m.japanese()).strong()).on_hover_text(format!("{}年{}月", m.year, m.month));
        if ui.button("▶").on_hover_text("次の月").accessible_name("次の月").clicked() {
            state.month = state.month.add_months(1);
        }
    });
    let m = state.month;
    let Some(first) = NaiveDate::from_ymd_opt(m.year, m.month, 1) else { return };
    let blank = first.weekday().num_days_from_sunday() as usize;
    egui::Grid::new("reference_date_calendar").spacing([2.0, 2.0]).show(ui, |ui| {
        for (i, name) in ["日", "月", "火", "水", "木", "金", "土"].iter().enumerate() {
            let text = RichText::new(*name).weak();
            ui.label(if i == 0 { text.color(egui::Color32::from_rgb(200, 60, 60)) } else { text });
        }
        ui.end_row();
        for _ in 0..blank {
            ui.label("");
        }
        for day in 1..=days_in_month(m.year, m.month) {
            let date = NaiveDate::from_ymd_opt(m.year, m.month, day).expect("a day of the month");
            let button =
                egui::Button::selectable(date == current, format!("{day:>2}")).min_size(egui::vec2(30.0, 22.0));
            let response = ui.add(button).on_hover_text(japanese_date(date));
            let response = response.accessible_name(japanese_date(date));
            if response.clicked() {
                out.push(Command::ReferenceDate(Some(date)));
            }
            if (blank + day as usize).is_multiple_of(7) {
                ui.end_row();
            }
        }
    });
}
