//! The yearly progress survey in the window (ファイル menu): 進捗調査票を作成… (a year, optionally
//! one 実施課, then a folder → one workbook per department), 調査票を取り込む… (files → the preview
//! of `survey_dialog` → the accepted changes applied as ordinary, undoable edits) and 回答状況…
//! (which departments have answered for a year).
//!
//! The state of the three windows and the App's survey methods live here, so the App itself only
//! routes the menu actions and draws the windows once a frame. The system file dialogs are opened
//! only by the menu and the 作成 button; everything behind them takes paths
//! ([`App::export_survey_to`], [`App::import_survey_from`]), which is what the tests drive.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Local, NaiveDate};
use egui::{Color32, RichText};

use super::survey_dialog::{SurveyDialog, SurveyDialogAction};
use super::{App, MenuAction};
use crate::model::{FiscalYear, Plan};
use crate::survey::{self, SurveyStatus};

const ERROR: Color32 = Color32::from_rgb(0xB0, 0x20, 0x20);
const DONE: Color32 = Color32::from_rgb(0x1F, 0x7A, 0x3A);
/// Below the menu bar and right of the item tree, so neither is hidden when a window opens.
const WINDOW_POS: egui::Pos2 = egui::pos2(340.0, 70.0);

/// Which of the survey windows are open, and what they hold.
#[derive(Default)]
pub struct SurveyWindows {
    export: Option<ExportForm>,
    import: Option<SurveyDialog>,
    status: Option<StatusView>,
    /// Frames still to draw after a window opened or its content changed. An auto-sized window
    /// around a Grid reaches its full size a few frames late, and with no input egui would not
    /// draw those frames: the window stayed cut off below its table (seen under Xvfb).
    settle_frames: u8,
}

/// Frames enough for an auto-sized window and its Grid to settle.
const SETTLE_FRAMES: u8 = 2;

impl SurveyWindows {
    fn changed(&mut self) {
        self.settle_frames = SETTLE_FRAMES;
    }
}

/// 進捗調査票の作成: the choices, and the outcome of the last run.
struct ExportForm {
    year: FiscalYear,
    /// `None` = every department.
    department: Option<String>,
    outcome: Option<Result<Written, String>>,
}

struct Written {
    dir: PathBuf,
    files: Vec<String>,
}

/// 回答状況 of one year.
struct StatusView {
    year: FiscalYear,
    status: Result<SurveyStatus, String>,
}

/// What a survey window asks the App to do once drawing is over.
enum SurveyRequest {
    /// Ask for a folder, then write the workbooks there.
    PickFolderAndExport {
        year: FiscalYear,
        department: Option<String>,
    },
    PickFilesAndImport,
    ApplyImport,
    ShowStatus(FiscalYear),
}

/// The fiscal year whose survey is due at `today`: the last one of the plan that has ended
/// (the survey asks each spring about the year just past); the plan's first year before any has.
pub fn due_year(plan: &Plan, today: NaiveDate) -> FiscalYear {
    // The fiscal year running at `today` starts in April.
    let running = if today.month() >= 4 { today.year() } else { today.year() - 1 };
    let years = plan.info.years();
    years.iter().rev().find(|y| y.0 < running).or(years.first()).copied().unwrap_or(FiscalYear(running - 1))
}

impl App {
    /// The year the survey windows open on (see [`due_year`]).
    pub fn survey_year(&self) -> FiscalYear {
        due_year(&self.plan, self.reference_date())
    }

    /// ファイル → 進捗調査票を作成…: opens the form on the due year.
    pub fn open_survey_export(&mut self) {
        let year = self.survey_year();
        self.runtime.survey.export.get_or_insert(ExportForm { year, department: None, outcome: None });
        self.runtime.survey.changed();
    }

    /// Writes the workbooks of `year` (one department, or all) into `dir` and shows the outcome in
    /// the form. What the form's button does once a folder is chosen.
    pub fn export_survey_to(&mut self, dir: &Path, year: FiscalYear, department: Option<&str>) {
        self.open_survey_export();
        let outcome = self
            .store
            .record_id()
            .map_err(|e| e.to_string())
            .and_then(|id| survey::export_workbooks(&self.plan, &id, year, department, dir).map_err(|e| e.to_string()))
            .map(|paths| Written {
                dir: dir.to_path_buf(),
                files: paths.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect(),
            });
        match &outcome {
            Ok(w) => self.info(format!("{}の進捗調査票を {} 件作成しました。", year.japanese(), w.files.len())),
            Err(e) => self.error(e.clone()),
        }
        if let Some(form) = &mut self.runtime.survey.export {
            form.year = year;
            form.department = department.map(str::to_string);
            form.outcome = Some(outcome);
        }
    }

    /// Reads returned surveys (.xlsx or CSV) and shows what they would change; nothing is
    /// written until 取り込む. What ファイル → 調査票を取り込む… does once files are chosen.
    pub fn import_survey_from(&mut self, paths: &[PathBuf]) {
        let record_id = match self.store.record_id() {
            Ok(id) => id,
            Err(e) => return self.error(e.to_string()),
        };
        let (answers, unreadable) = survey::read_all_answers(paths);
        let preview = survey::plan_import_for_year(&self.plan, &record_id, None, &answers);
        // The answers' own year (they are for one year as a rule), else the due one.
        let year = preview.departments.first().map(|d| d.year).unwrap_or_else(|| self.survey_year());
        let mut dialog = SurveyDialog::new(year).with_preview(preview, unreadable);
        dialog.status = survey::read_status(&self.store, &self.plan, year).ok();
        self.runtime.survey.import = Some(dialog);
        self.runtime.survey.changed();
    }

    /// Whether an import preview is open and not yet applied.
    pub fn survey_import_pending(&self) -> bool {
        self.runtime.survey.import.as_ref().is_some_and(|d| d.preview.is_some() && !d.applied)
    }

    /// Applies the open preview (the 取り込む button): each change as an ordinary edit, tagged
    /// with its file and department in the history and put on the undo stack; every department
    /// that answered is recorded as such, also when nothing changed.
    pub fn apply_survey_import(&mut self) {
        let Some(dialog) = self.runtime.survey.import.as_mut() else { return };
        let Some(preview) = dialog.preview.as_ref().filter(|_| !dialog.applied) else { return };
        let done = survey::apply_import(&mut self.store, preview);
        if done.failed.is_empty() {
            dialog.applied = true;
        } else {
            // Judged against a record that has since changed: it must be read again.
            dialog.preview = None;
        }
        let mut text = if done.applied.is_empty() {
            "記録と同じ内容のため、変更はありません。".to_string()
        } else {
            format!("{} 件の変更を記録しました（まとめて元に戻す: Ctrl+Z）。", done.applied.len())
        };
        text.push_str(&format!("{} 課の回答を受け付けました。", done.received.len()));
        for f in &done.failed {
            text.push_str(&format!("\n× {f}"));
        }
        dialog.message = Some(text.clone());
        let year = dialog.year;
        // One Ctrl+Z takes back the whole import.
        self.undo.push_group(done.applied);
        self.reload();
        self.runtime.last_save = Some(Local::now().format("%H:%M:%S").to_string());
        let status = survey::read_status(&self.store, &self.plan, year).ok();
        if let Some(dialog) = self.runtime.survey.import.as_mut() {
            dialog.status = status;
        }
        if self.runtime.survey.status.is_some() {
            self.show_survey_status(year);
        }
        self.runtime.survey.changed();
        if done.failed.is_empty() { self.info(text) } else { self.error(text) }
    }

    /// ファイル → 回答状況…, or another year chosen in it.
    pub fn show_survey_status(&mut self, year: FiscalYear) {
        let status = survey::read_status(&self.store, &self.plan, year).map_err(|e| e.to_string());
        self.runtime.survey.status = Some(StatusView { year, status });
        self.runtime.survey.changed();
    }

    /// The survey entries of the ファイル menu.
    pub(super) fn survey_menu(&mut self, action: MenuAction) {
        match action {
            MenuAction::SurveyExport => self.open_survey_export(),
            MenuAction::SurveyImport => self.pick_and_import_survey(),
            MenuAction::SurveyStatus => self.show_survey_status(self.survey_year()),
            _ => {}
        }
    }

    fn pick_and_import_survey(&mut self) {
        let files = rfd::FileDialog::new()
            .set_title("回答された調査票を選ぶ（複数可）")
            .add_filter("調査票（Excel・CSV）", &["xlsx", "csv"])
            .pick_files();
        if let Some(paths) = files.filter(|p| !p.is_empty()) {
            self.import_survey_from(&paths);
        }
    }

    /// Draws the open survey windows and carries out what they ask.
    pub(super) fn survey_windows(&mut self, ctx: &egui::Context) {
        let plan = &self.plan;
        let windows = &mut self.runtime.survey;
        if windows.settle_frames > 0 {
            windows.settle_frames -= 1;
            ctx.request_repaint();
        }
        let mut requests = Vec::new();
        if let Some(form) = &mut windows.export {
            let mut open = true;
            egui::Window::new("進捗調査票の作成").open(&mut open).default_pos(WINDOW_POS).default_width(560.0).show(
                ctx,
                |ui| {
                    requests.extend(export_form(ui, plan, form));
                },
            );
            if !open {
                windows.export = None;
            }
        }
        if let Some(dialog) = &mut windows.import {
            let mut open = true;
            let mut close = false;
            egui::Window::new("調査票の取り込み")
                .open(&mut open)
                .default_pos(WINDOW_POS)
                .default_size([900.0, 560.0])
                .min_height(320.0)
                .show(ctx, |ui| match dialog.show(ui) {
                    Some(SurveyDialogAction::Apply(_)) => requests.push(SurveyRequest::ApplyImport),
                    Some(SurveyDialogAction::Close) => close = true,
                    None => {}
                });
            if !open || close {
                windows.import = None;
            }
        }
        if let Some(view) = &windows.status {
            let mut open = true;
            // A given size, not sized to the table: an auto-sized window around a scrolled Grid
            // grows a few rows per frame and stayed cut off until the next input (seen under Xvfb).
            egui::Window::new("進捗調査の回答状況")
                .open(&mut open)
                .default_pos(WINDOW_POS)
                .default_size([800.0, 620.0])
                .show(ctx, |ui| {
                    requests.extend(status_view(ui, plan, view));
                });
            if !open {
                windows.status = None;
            }
        }
        for request in requests {
            match request {
                SurveyRequest::PickFolderAndExport { year, department } => {
                    let folder = rfd::FileDialog::new().set_title("調査票を保存するフォルダーを選ぶ").pick_folder();
                    if let Some(dir) = folder {
                        self.export_survey_to(&dir, year, department.as_deref());
                    }
                }
                SurveyRequest::PickFilesAndImport => self.pick_and_import_survey(),
                SurveyRequest::ApplyImport => self.apply_survey_import(),
                SurveyRequest::ShowStatus(year) => self.show_survey_status(year),
            }
        }
    }
}

fn year_buttons(ui: &mut egui::Ui, plan: &Plan, year: &mut FiscalYear) -> bool {
    let before = *year;
    ui.horizontal(|ui| {
        ui.label("年度:");
        for y in plan.info.years() {
            ui.selectable_value(year, y, y.japanese()).on_hover_text(format!("{}年度", y.0));
        }
    });
    *year != before
}

fn export_form(ui: &mut egui::Ui, plan: &Plan, form: &mut ExportForm) -> Option<SurveyRequest> {
    let mut request = None;
    ui.label("実施課ごとに、その課の改革項目の調査票（Excel）を 1 つずつ作ります。");
    ui.add_space(4.0);
    year_buttons(ui, plan, &mut form.year);
    let departments = survey::survey_departments(plan);
    let all = format!("すべての課（{} 課）", departments.len());
    ui.horizontal(|ui| {
        ui.label("実施課:");
        egui::ComboBox::from_id_salt("survey_department")
            .selected_text(form.department.clone().unwrap_or_else(|| all.clone()))
            .width(260.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.department, None, &all);
                for d in &departments {
                    ui.selectable_value(&mut form.department, Some(d.clone()), d);
                }
            })
            .response
            .accessible_name("実施課");
    });
    ui.add_space(4.0);
    if ui.button("保存先のフォルダーを選んで作成…").clicked() {
        request = Some(SurveyRequest::PickFolderAndExport { year: form.year, department: form.department.clone() });
    }
    match &form.outcome {
        None => {}
        Some(Err(e)) => {
            ui.separator();
            ui.add(egui::Label::new(RichText::new(e).color(ERROR)).wrap());
        }
        Some(Ok(w)) => {
            ui.separator();
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{} 件の調査票を作成しました（{}）。", w.files.len(), w.dir.display()))
                        .color(DONE),
                )
                .wrap(),
            );
            egui::ScrollArea::vertical().max_height(220.0).auto_shrink([false, true]).show(ui, |ui| {
                for f in &w.files {
                    ui.label(f);
                }
            });
        }
    }
    request
}

fn status_view(ui: &mut egui::Ui, plan: &Plan, view: &StatusView) -> Option<SurveyRequest> {
    let mut request = None;
    let mut year = view.year;
    if year_buttons(ui, plan, &mut year) {
        request = Some(SurveyRequest::ShowStatus(year));
    }
    let st = match &view.status {
        Ok(st) => st,
        Err(e) => {
            ui.label(RichText::new(e).color(ERROR));
            return request;
        }
    };
    ui.label(RichText::new(format!("{}: {}", st.year.japanese(), super::survey_dialog::answer_counts(st))).strong());
    ui.separator();
    // Leaves room for the buttons below; long file names scroll sideways.
    let table_height = (ui.available_height() - 44.0).max(120.0);
    egui::ScrollArea::both().max_height(table_height).auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("survey_status_table").striped(true).num_columns(5).spacing([16.0, 6.0]).show(ui, |ui| {
            for title in ["実施課", "状況", "受付日時", "変更", "回答ファイル"] {
                ui.strong(title);
            }
            ui.end_row();
            // Every department in the plan's order, answered or not.
            for dept in survey::survey_departments(plan) {
                ui.label(&dept);
                match st.answered.iter().find(|a| a.department == dept) {
                    Some(a) => {
                        let state = if a.refused > 0 {
                            format!("回答済み（受け付けない入力 {} 件）", a.refused)
                        } else {
                            "回答済み".to_string()
                        };
                        ui.label(RichText::new(state).color(DONE));
                        ui.label(&a.last_at).on_hover_text(format!("受け付けた人: {}", a.user));
                        ui.label(format!("{} 件", a.changes));
                        ui.label(a.files.join("、"));
                    }
                    None => {
                        ui.label(RichText::new("未回答").color(ERROR));
                        ui.label("—");
                        ui.label("—");
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
    });
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("調査票を取り込む…").clicked() {
            request = Some(SurveyRequest::PickFilesAndImport);
        }
        if ui.button("最新の状態にする").clicked() {
            request = Some(SurveyRequest::ShowStatus(view.year));
        }
    });
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_year_is_the_last_ended_year_of_the_plan() {
        let plan = crate::seed::sap3(); // 令和3〜5年度
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(due_year(&plan, day(2023, 5, 10)), FiscalYear(2022), "spring 2023 asks about 令和4年度");
        assert_eq!(due_year(&plan, day(2023, 3, 31)), FiscalYear(2021), "令和4年度 is still running");
        assert_eq!(due_year(&plan, day(2026, 11, 25)), FiscalYear(2023), "after the plan: its last year");
        assert_eq!(due_year(&plan, day(2021, 6, 1)), FiscalYear(2021), "before any has ended: the first");
    }
}
