//! The windows the ファイル menu opens: print, CSV, export, import (with its preview) and the
//! change history. Each keeps its own state here; the App opens them and applies what they return.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::csv_dialog::{self, CsvDialogState};
use super::print_dialog::{self, PrintDialogState};
use crate::model::diff::ImportSummary;
use crate::model::{Id, Plan};
use crate::store::ChangeRecord;
use crate::store::import::Candidate;

/// How many history rows the 変更履歴 window lists.
pub const HISTORY_LIMIT: usize = 500;

#[derive(Default)]
pub struct Dialogs {
    pub print: Option<PrintDialogState>,
    pub csv: Option<CsvDialogState>,
    pub import: Option<ImportPreview>,
    pub history: Option<HistoryView>,
}

/// A checked candidate file waiting for the officer's yes.
pub struct ImportPreview {
    pub candidate: Candidate,
    pub summary: ImportSummary,
    pub from_other_record: bool,
}

pub struct HistoryView {
    pub rows: Vec<ChangeRecord>,
    /// Filters: item number, user name, and a date prefix such as 2026-11.
    pub item: String,
    pub user: String,
    pub period: String,
}

/// What a dialog asks the App to do once drawing is over.
pub enum DialogRequest {
    ReplaceWithCandidate,
    UndoChange(Id),
    RefreshHistory,
}

impl Dialogs {
    pub fn open_print(&mut self, record_name: &str, today: NaiveDate) {
        if self.print.is_none() {
            self.print = Some(PrintDialogState::new(record_name, today));
        }
    }

    pub fn open_csv(&mut self) {
        self.csv.get_or_insert_with(CsvDialogState::default);
    }

    pub fn open_history(&mut self, rows: Vec<ChangeRecord>) {
        self.history = Some(HistoryView { rows, item: String::new(), user: String::new(), period: String::new() });
    }

    /// Draws the open dialogs; returns what the App must do with the record.
    pub fn show(&mut self, ctx: &egui::Context, plan: &Plan) -> Vec<DialogRequest> {
        let mut requests = Vec::new();
        if let Some(state) = &mut self.print {
            let mut open = true;
            // Large enough for a readable preview of the page; centred, not over the menu bar.
            let screen = ctx.content_rect();
            let size = egui::vec2((screen.width() * 0.9).min(1280.0), (screen.height() * 0.85).min(860.0));
            egui::Window::new("印刷")
                .open(&mut open)
                .collapsible(false)
                .default_size(size)
                .pivot(egui::Align2::CENTER_CENTER)
                .default_pos(screen.center())
                .show(ctx, |ui| {
                    if let Some(action) = print_dialog::show(ui, plan, state) {
                        state.run(plan, action);
                    }
                });
            if !open && !state.is_busy() {
                self.print = None;
            }
        }
        if let Some(state) = &mut self.csv {
            let mut open = true;
            egui::Window::new("CSV出力").open(&mut open).show(ctx, |ui| {
                if let Some(action) = csv_dialog::show(ui, plan, state) {
                    state.run(plan, action);
                }
            });
            if !open {
                self.csv = None;
            }
        }
        if let Some(preview) = &self.import {
            let mut open = true;
            let mut decided = None;
            egui::Window::new("インポートの確認").open(&mut open).default_width(640.0).show(ctx, |ui| {
                decided = import_preview(ui, preview);
            });
            match decided {
                Some(true) => requests.push(DialogRequest::ReplaceWithCandidate),
                Some(false) => self.import = None,
                None if !open => self.import = None,
                None => {}
            }
        }
        if let Some(view) = &mut self.history {
            let mut open = true;
            egui::Window::new("変更履歴")
                .open(&mut open)
                // Below the menu bar, so the menu stays reachable while the history is open.
                .default_pos(egui::pos2(300.0, 70.0))
                .default_width(1080.0)
                .default_height(500.0)
                .show(ctx, |ui| {
                    requests.extend(history_view(ui, plan, view));
                });
            if !open {
                self.history = None;
            }
        }
        requests
    }
}

/// Some(true) = replace, Some(false) = cancel.
fn import_preview(ui: &mut egui::Ui, preview: &ImportPreview) -> Option<bool> {
    ui.label(format!("取り込むファイル: {}", preview.candidate.source().display()));
    if preview.from_other_record {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "このファイルは別の記録から作られたものです。内容をよく確かめてください。",
        );
    }
    if preview.candidate.was_upgraded() {
        ui.label(format!(
            "古い形式（{}）のファイルです。取り込む際に新しい形式に変換します。",
            preview.candidate.found_version()
        ));
    }
    ui.separator();
    if preview.summary.is_empty() {
        ui.label("今の記録との違いはありません。");
    } else {
        ui.label(preview.summary.totals());
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for line in preview.summary.lines() {
                ui.label(line);
            }
        });
    }
    ui.separator();
    ui.label("取り込む前の記録は backups フォルダに保存されます。");
    let mut decided = None;
    ui.horizontal(|ui| {
        if ui.button("取り込んで置き換える").clicked() {
            decided = Some(true);
        }
        if ui.button("やめる").clicked() {
            decided = Some(false);
        }
    });
    decided
}

fn history_view(ui: &mut egui::Ui, plan: &Plan, view: &mut HistoryView) -> Vec<DialogRequest> {
    let mut requests = Vec::new();
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut view.item).hint_text("項目番号").desired_width(70.0));
        ui.add(egui::TextEdit::singleline(&mut view.user).hint_text("変更者").desired_width(110.0));
        ui.add(egui::TextEdit::singleline(&mut view.period).hint_text("期間（例 2026-11）").desired_width(140.0));
        if ui.button("最新の状態にする").clicked() {
            requests.push(DialogRequest::RefreshHistory);
        }
    });
    let item_filter: Option<u32> = crate::model::number::to_half_width(view.item.trim()).parse().ok();
    let item_id = item_filter.and_then(|n| plan.item_by_number(n)).map(|i| i.id);
    let rows: Vec<&ChangeRecord> = view
        .rows
        .iter()
        .filter(|r| item_filter.is_none() || r.item_id == item_id)
        .filter(|r| view.user.trim().is_empty() || r.user.contains(view.user.trim()))
        .filter(|r| view.period.trim().is_empty() || r.at.starts_with(view.period.trim()))
        .collect();
    ui.label(format!("{} 件", rows.len()));
    egui_extras::TableBuilder::new(ui)
        .striped(true)
        .column(egui_extras::Column::auto())
        .column(egui_extras::Column::auto())
        .column(egui_extras::Column::initial(220.0))
        .column(egui_extras::Column::initial(120.0))
        .column(egui_extras::Column::remainder())
        .column(egui_extras::Column::initial(220.0).clip(true))
        .column(egui_extras::Column::auto())
        .header(22.0, |mut h| {
            for title in ["日時", "変更者", "対象", "項目", "変更前 → 変更後", "変更元", ""] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                // One line per row (the rows are 24 px high): long text is cut, and shown whole on hover.
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.at).extend());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.user).extend());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.target).truncate()).on_hover_text(&r.target);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.field).truncate()).on_hover_text(&r.field);
                });
                row.col(|ui| {
                    let change = format!("{} → {}", r.old, r.new);
                    ui.add(egui::Label::new(&change).truncate()).on_hover_text(&change);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(source_label(&r.source)).truncate()).on_hover_text(&r.source);
                });
                row.col(|ui| {
                    if r.edit.is_some() && ui.button("取り消す").clicked() {
                        requests.push(DialogRequest::UndoChange(r.id));
                    }
                });
            });
        });
    requests
}

/// Where a change came from: a survey answer names its department and file (the whole tag, with
/// the year, is in the hover text); anything else is shown as recorded.
fn source_label(source: &str) -> String {
    match crate::store::parse_source_tag(source) {
        Some((_, department, file)) => format!("調査票（{department}）{file}"),
        None => source.to_string(),
    }
}

/// The record's file name, for the print footer.
pub fn record_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Where to write an export: asks with the system dialog.
pub fn pick_export_target(default_name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("記録ファイルのエクスポート")
        .set_file_name(default_name)
        .add_filter("記録ファイル", &["sqlite"])
        .save_file()
}

pub fn pick_import_source() -> Option<PathBuf> {
    rfd::FileDialog::new().set_title("記録ファイルのインポート").add_filter("記録ファイル", &["sqlite"]).pick_file()
}
