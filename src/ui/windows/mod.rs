//! The windows the menus open, one module each: print, CSV, import (with its preview), the
//! change history, the survey's three windows, and このアプリについて. Each module draws its
//! window and sends commands; the App carries them out after drawing.

pub mod about;
pub mod csv;
pub mod help;
pub mod history;
pub mod import;
pub mod merge;
pub mod new_plan;
pub mod path_entry;
pub mod print;
pub mod reference_date;
pub mod report;
pub mod rollover;
pub mod structure;
pub mod survey;

use chrono::NaiveDate;

use self::csv::CsvDialogState;
use self::history::HistoryView;
use self::import::ImportPreview;
use self::new_plan::NewPlanWindow;
use self::path_entry::PathEntry;
use self::print::PrintDialogState;
use self::reference_date::ReferenceDateWindow;
use self::report::ReportDialogState;
use crate::model::Plan;
use crate::store::ChangeRecord;
use crate::ui::app::commands::{Command, Commands};

pub use self::history::HISTORY_LIMIT;

/// Where the menu bar ends this frame (kept in egui's memory by the frame, read by every window).
const BELOW_MENU: &str = "below_menu_bar";

/// Remembers the area below the menu bar, which every window stays in.
pub fn set_window_area(ctx: &egui::Context, area: egui::Rect) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(BELOW_MENU), area));
}

fn window_area(ctx: &egui::Context) -> egui::Rect {
    ctx.data(|d| d.get_temp::<egui::Rect>(egui::Id::unique(BELOW_MENU))).unwrap_or_else(|| ctx.content_rect())
}

/// Every window of the app: never over the menu bar, never off the screen, and no larger than
/// the area below the menu (so it fits a 1366×768 screen).
pub fn placed<'a>(ctx: &egui::Context, title: &'a str) -> egui::Window<'a> {
    let area = window_area(ctx);
    egui::Window::new(title).constrain_to(area).max_height(area.height() - 40.0).max_width(area.width() - 16.0)
}

/// A window that opens in the middle of the area below the menu bar.
pub fn centred<'a>(ctx: &egui::Context, title: &'a str) -> egui::Window<'a> {
    let area = window_area(ctx);
    placed(ctx, title).pivot(egui::Align2::CENTER_CENTER).default_pos(area.center())
}

#[derive(Default)]
pub struct Windows {
    pub print: Option<PrintDialogState>,
    pub csv: Option<CsvDialogState>,
    pub report: Option<ReportDialogState>,
    pub rollover: Option<rollover::RolloverDialogState>,
    pub import: Option<ImportPreview>,
    pub history: Option<HistoryView>,
    pub survey: survey::SurveyWindows,
    pub about: bool,
    pub help: bool,
    pub new_plan: Option<NewPlanWindow>,
    pub path_entry: Option<PathEntry>,
    pub reference_date: Option<ReferenceDateWindow>,
    pub structure: Option<structure::StructureWindow>,
}

impl Windows {
    pub fn open_print(&mut self, record_name: &str, today: NaiveDate) {
        if self.print.is_none() {
            self.print = Some(PrintDialogState::new(record_name, today));
        }
    }

    pub fn open_csv(&mut self) {
        self.csv.get_or_insert_with(CsvDialogState::default);
    }

    pub fn open_history(&mut self, rows: Vec<ChangeRecord>) {
        self.history = Some(HistoryView::new(rows));
    }

    /// Draws the open windows; what they ask of the App is sent as commands.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        (plan, version): (&Plan, u64),
        as_of: NaiveDate,
        commands: &mut Commands,
    ) {
        let mut requests = Vec::new();
        if let Some(state) = &mut self.print {
            let mut open = true;
            // Large enough for a readable preview of the page; centred, not over the menu bar.
            let screen = ctx.content_rect();
            let size = egui::vec2((screen.width() * 0.9).min(1280.0), (screen.height() * 0.85).min(860.0));
            centred(ctx, "印刷").open(&mut open).collapsible(false).default_size(size).show(ctx, |ui| {
                if let Some(action) = print::show(ui, plan, state) {
                    state.run(plan, action);
                }
            });
            if !open && !state.is_busy() {
                self.print = None;
            }
        }
        if let Some(state) = &mut self.csv {
            let mut open = true;
            centred(ctx, "CSV出力").open(&mut open).show(ctx, |ui| {
                if let Some(action) = csv::show(ui, plan, state) {
                    state.run(plan, action);
                }
            });
            if !open {
                self.csv = None;
            }
        }
        if let Some(state) = &mut self.report {
            let mut open = true;
            centred(ctx, "年次報告書").open(&mut open).show(ctx, |ui| {
                requests.extend(report::show(ui, plan, state).map(Command::WriteAnnualReport));
            });
            // Kept open while the report is written, so that its outcome is seen.
            if !open && !state.is_busy() {
                self.report = None;
            }
        }
        if let Some(state) = &mut self.rollover {
            let mut open = true;
            centred(ctx, "次期計画を作成").open(&mut open).show(ctx, |ui| {
                requests.extend(rollover::show(ui, plan, state).map(Command::CreateRollover));
            });
            if !open {
                self.rollover = None;
            }
        }
        if let Some(preview) = &mut self.import
            && !import::window(ctx, preview, &mut requests)
        {
            self.import = None;
        }
        if let Some(view) = &mut self.history
            && !history::window(ctx, plan, view, &mut requests)
        {
            self.history = None;
        }
        about::window(ctx, &mut self.about);
        help::window(ctx, &mut self.help);
        if let Some(state) = &mut self.new_plan
            && !new_plan::window(ctx, state, &mut requests)
        {
            self.new_plan = None;
        }
        if let Some(entry) = &mut self.path_entry
            && !path_entry::window(ctx, entry, &mut requests)
        {
            self.path_entry = None;
        }
        if let Some(state) = &mut self.reference_date
            && !reference_date::window(ctx, state, (plan, as_of), &mut requests)
        {
            self.reference_date = None;
        }
        if let Some(state) = &mut self.structure
            && !structure::window(ctx, state, plan, version, &mut requests)
        {
            self.structure = None;
        }
        self.survey.show(ctx, plan, &mut requests);
        commands.extend(requests);
    }
}
