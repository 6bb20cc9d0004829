//! The yearly progress survey in the window (ファイル menu): 進捗調査票を作成… (a year, optionally
//! one 実施課, then a folder → one workbook per department), 調査票を取り込む… (files → the preview
//! of `survey_dialog` → the accepted changes applied as ordinary, undoable edits) and 回答状況…
//! (which departments have answered for a year).
//!
//! The state of the three windows and their drawing live here; what they ask for is carried out by
//! the App (`ui/app/survey.rs`). The system file dialogs are opened
//! only by the menu and the 作成 button; everything behind them takes paths
//! ([`App::export_survey_to`], [`App::import_survey_from`]), which is what the tests drive.

pub mod import_preview;

use std::path::PathBuf;

use egui::{Color32, RichText};

use self::import_preview::{SurveyDialog, SurveyDialogAction};
use crate::model::{FiscalYear, Plan};
use crate::survey::{self, SurveyStatus};
use crate::ui::app::commands::Command;

const ERROR: Color32 = Color32::from_rgb(0xB0, 0x20, 0x20);
const DONE: Color32 = Color32::from_rgb(0x1F, 0x7A, 0x3A);
/// Below the menu bar and right of the item tree, so neither is hidden when a window opens.
const WINDOW_POS: egui::Pos2 = egui::pos2(340.0, 70.0);

/// Which of the survey windows are open, and what they hold.
#[derive(Default)]
pub struct SurveyWindows {
    pub(crate) export: Option<ExportForm>,
    pub(crate) import: Option<SurveyDialog>,
    pub(crate) status: Option<StatusView>,
    /// Frames still to draw after a window opened or its content changed. An auto-sized window
    /// around a Grid reaches its full size a few frames late, and with no input egui would not
    /// draw those frames: the window stayed cut off below its table (seen under Xvfb).
    pub(crate) settle_frames: u8,
}

/// Frames enough for an auto-sized window and its Grid to settle.
const SETTLE_FRAMES: u8 = 2;

impl SurveyWindows {
    pub(crate) fn changed(&mut self) {
        self.settle_frames = SETTLE_FRAMES;
    }
}

/// 進捗調査票の作成: the choices, and the outcome of the last run.
pub(crate) struct ExportForm {
    pub(crate) year: FiscalYear,
    /// `None` = every department.
    pub(crate) department: Option<String>,
    pub(crate) outcome: Option<Result<Written, String>>,
}

pub(crate) struct Written {
    pub(crate) dir: PathBuf,
    pub(crate) files: Vec<String>,
}

/// 回答状況 of one year.
pub(crate) struct StatusView {
    pub(crate) year: FiscalYear,
    pub(crate) status: Result<SurveyStatus, String>,
}

impl SurveyWindows {
    /// Draws the open survey windows and carries out what they ask.
    pub fn show(&mut self, ctx: &egui::Context, plan: &Plan, requests: &mut Vec<Command>) {
        let windows = self;
        if windows.settle_frames > 0 {
            windows.settle_frames -= 1;
            ctx.request_repaint();
        }
        if let Some(form) = &mut windows.export {
            let mut open = true;
            super::placed(ctx, "進捗調査票の作成").open(&mut open).default_pos(WINDOW_POS).default_width(560.0).show(
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
            super::placed(ctx, "調査票の取り込み")
                .open(&mut open)
                .default_pos(WINDOW_POS)
                .default_size([900.0, 560.0])
                .min_height(320.0)
                .show(ctx, |ui| match dialog.show(ui) {
                    Some(SurveyDialogAction::Apply(_)) => requests.push(Command::SurveyApplyImport),
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
            super::placed(ctx, "進捗調査の回答状況")
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

fn export_form(ui: &mut egui::Ui, plan: &Plan, form: &mut ExportForm) -> Option<Command> {
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
        request = Some(Command::SurveyExportTo { year: form.year, department: form.department.clone() });
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

fn status_view(ui: &mut egui::Ui, plan: &Plan, view: &StatusView) -> Option<Command> {
    let mut request = None;
    let mut year = view.year;
    if year_buttons(ui, plan, &mut year) {
        request = Some(Command::SurveyStatusOf(year));
    }
    let st = match &view.status {
        Ok(st) => st,
        Err(e) => {
            ui.label(RichText::new(e).color(ERROR));
            return request;
        }
    };
    ui.label(RichText::new(format!("{}: {}", st.year.japanese(), import_preview::answer_counts(st))).strong());
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
            request = Some(Command::SurveyImport);
        }
        if ui.button("最新の状態にする").clicked() {
            request = Some(Command::SurveyStatusOf(view.year));
        }
    });
    request
}
