//! The fixed parts around the body: the label columns on the left (number, title or row label,
//! 実施課), the time header on top (fiscal years over months or quarters) and the corner.

use std::sync::Arc;

use chrono::NaiveDate;
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, pos2};

use super::paint::REFERENCE_LINE;
use super::{DEPARTMENT_WIDTH, Frame, HEADER_ROW, NUMBER_WIDTH, TITLE_WIDTH};
use crate::layout::{RowKind, ScheduleLayout, TimeAxis, Zoom};
use crate::model::{Item, PhaseData, Plan, ScheduleRow};
use crate::ui::app::commands::{Command, Commands};
use crate::ui::app::state::Selection;

/// The accessible name of a bar (screen readers, and tests that click a bar by its label):
/// "工程 7-1 検討（令和3年4月〜令和4年3月）" for item 7's first schedule row.
pub fn bar_name(item_number: u32, row_index: usize, data: &PhaseData) -> String {
    format!(
        "工程 {}-{} {}（{}〜{}）",
        item_number,
        row_index + 1,
        data.label,
        data.start.japanese(),
        data.end.japanese()
    )
}

/// Accessible name of a schedule row's label cell.
pub fn row_name(item: &Item, row: &ScheduleRow) -> String {
    format!(
        "スケジュール行 {}-{} {}",
        item.number,
        item.schedule.iter().position(|r| r.id == row.id).unwrap_or(0) + 1,
        row.label
    )
}

/// One line of text cut to `width` with an ellipsis.
fn elided(ui: &egui::Ui, text: &str, font: FontId, color: Color32, width: f32) -> Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(1.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

/// The fixed columns on the left: number, title or row label, 実施課.
pub(super) fn label_column(
    ui: &mut egui::Ui,
    (plan, layout, frame): (&Plan, &ScheduleLayout, &Frame),
    rows: std::ops::Range<usize>,
    selection: Option<Selection>,
    commands: &mut Commands,
) {
    let clip = frame.labels;
    let painter = ui.painter().with_clip_rect(clip);
    painter.rect_filled(clip, 0.0, ui.visuals().panel_fill);
    let visuals = ui.visuals().clone();
    let text = visuals.text_color();
    let strong = visuals.strong_text_color();
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let x = clip.left();
    for row in &layout.rows[rows] {
        let y0 = frame.body_y(row.y);
        let rect = Rect::from_x_y_ranges(x..=clip.right(), y0..=y0 + row.height);
        let mid = rect.center().y;
        match row.kind {
            RowKind::Item { item_id } => {
                let Some(item) = plan.item(item_id) else { continue };
                painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
                painter.text(
                    pos2(x + 4.0, mid),
                    Align2::LEFT_CENTER,
                    item.number.to_string(),
                    FontId::proportional(13.0),
                    strong,
                );
                let title = elided(ui, &item.listed_title(), FontId::proportional(13.0), strong, TITLE_WIDTH - 8.0);
                painter.galley(pos2(x + NUMBER_WIDTH, mid - title.size().y / 2.0), title, strong);
                let dept = elided(ui, &item.department, FontId::proportional(12.0), text, DEPARTMENT_WIDTH - 8.0);
                painter.galley(pos2(x + NUMBER_WIDTH + TITLE_WIDTH + 4.0, mid - dept.size().y / 2.0), dept, text);
                let r = ui.interact(rect.intersect(clip), egui::Id::unique(("schedule_item", item_id)), Sense::hover());
                r.on_hover_text(format!("{}. {}（{}）", item.number, item.listed_title(), item.department));
            }
            RowKind::Schedule { item_id, row_id, index } => {
                let Some(item) = plan.item(item_id) else { continue };
                let Some(schedule_row) = item.schedule.get(index) else { continue };
                if selection == Some(Selection::Row(row_id)) {
                    painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
                }
                let label = if schedule_row.label.is_empty() { "（全体）" } else { &schedule_row.label };
                let g = elided(ui, label, FontId::proportional(12.0), text, TITLE_WIDTH + DEPARTMENT_WIDTH - 20.0);
                painter.galley(pos2(x + NUMBER_WIDTH + 12.0, mid - g.size().y / 2.0), g, text);
                let r = ui.interact(rect.intersect(clip), egui::Id::unique(("schedule_row", row_id)), Sense::click());
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, row_name(item, schedule_row)));
                if r.clicked() {
                    commands.send(Command::Select(Some(Selection::Row(row_id))));
                }
            }
        }
        painter.hline(rect.x_range(), rect.bottom(), Stroke::new(0.5, line));
    }
    painter.vline(clip.right() - 0.5, clip.y_range(), Stroke::new(1.0, line));
}

/// The fixed header: fiscal years (西暦 on hover) over months or quarters.
pub(super) fn time_header(ui: &mut egui::Ui, axis: &TimeAxis, frame: &Frame, zoom: Zoom, reference_date: NaiveDate) {
    let clip = frame.header;
    let painter = ui.painter().with_clip_rect(clip);
    let visuals = ui.visuals().clone();
    painter.rect_filled(clip, 0.0, visuals.panel_fill);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let text = visuals.text_color();
    let (top, mid, bottom) = (clip.top(), clip.top() + HEADER_ROW, clip.bottom());
    for col in axis.year_columns() {
        let r = Rect::from_x_y_ranges(frame.body_x(col.x0)..=frame.body_x(col.x1), top..=mid);
        painter.rect_filled(r.shrink(0.5), 0.0, visuals.faint_bg_color);
        // Where 令和10年度 would spill into the next year (a long plan fitted to the width): R10.
        let font = FontId::proportional(13.0);
        let full = painter.layout_no_wrap(col.label.clone(), font.clone(), visuals.strong_text_color());
        let shown = if full.size().x + 4.0 <= r.width() { &col.label } else { &col.short };
        painter.text(r.center(), Align2::CENTER_CENTER, shown, font, visuals.strong_text_color());
        painter.vline(r.left(), top..=bottom, Stroke::new(1.0, line));
        if r.intersects(clip) {
            let response =
                ui.interact(r.intersect(clip), egui::Id::unique(("schedule_year", col.x0 as i32)), Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &col.label));
            response.on_hover_text(&col.hover);
        }
    }
    for col in axis.columns(zoom) {
        let r = Rect::from_x_y_ranges(frame.body_x(col.x0)..=frame.body_x(col.x1), mid..=bottom);
        painter.text(r.center(), Align2::CENTER_CENTER, &col.label, FontId::proportional(11.0), text);
        painter.vline(r.left(), mid..=bottom, Stroke::new(0.5, line));
    }
    painter.hline(clip.x_range(), mid, Stroke::new(0.5, line));
    painter.hline(clip.x_range(), bottom - 0.5, Stroke::new(1.0, line));
    if let Some(x) = axis.x_of_date(reference_date) {
        let x = frame.body_x(x);
        painter.vline(x, mid..=bottom, Stroke::new(1.5, REFERENCE_LINE));
    }
}

pub(super) fn corner(ui: &egui::Ui, rect: Rect) {
    let painter = ui.painter().with_clip_rect(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.panel_fill);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let text = visuals.text_color();
    let y = rect.bottom() - HEADER_ROW / 2.0;
    let x = rect.left();
    let font = FontId::proportional(12.0);
    painter.text(pos2(x + 4.0, y), Align2::LEFT_CENTER, "番号", font.clone(), text);
    painter.text(pos2(x + NUMBER_WIDTH, y), Align2::LEFT_CENTER, "改革項目 ／ 取組", font.clone(), text);
    painter.text(pos2(x + NUMBER_WIDTH + TITLE_WIDTH + 4.0, y), Align2::LEFT_CENTER, "実施課", font, text);
    painter.hline(rect.x_range(), rect.bottom() - 0.5, Stroke::new(1.0, line));
    painter.vline(rect.right() - 0.5, rect.y_range(), Stroke::new(1.0, line));
}
