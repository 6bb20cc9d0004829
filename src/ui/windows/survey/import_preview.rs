//! The survey import view: what the returned surveys would change, per department, with every
//! refused cell, an 取り込む button that hands the accepted edits back to the caller, and the
//! year's answer status (回答済み・未回答). Pure egui: reading files, applying edits and reading
//! the history stay with the caller (ファイル → 調査票を取り込む…).

use egui::{Color32, RichText};

use crate::edit::Edit;
use crate::model::FiscalYear;
use crate::survey::{SurveyPreview, SurveyStatus};

const REFUSED: Color32 = Color32::from_rgb(0xB0, 0x20, 0x20);
const CHANGED: Color32 = Color32::from_rgb(0x1F, 0x5F, 0xA8);

/// What the user asked for this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyDialogAction {
    /// Apply these edits, each with its change-history source tag, in order.
    Apply(Vec<(Edit, String)>),
    Close,
}

#[derive(Debug, Clone)]
pub struct SurveyDialog {
    pub year: FiscalYear,
    /// The judged answers, once files were chosen and read.
    pub preview: Option<SurveyPreview>,
    /// Files that could not be read as surveys, with the reason (a sentence each).
    pub unreadable: Vec<String>,
    pub status: Option<SurveyStatus>,
    /// A line shown above the buttons (e.g. "12 件の変更を記録しました。").
    pub message: Option<String>,
    /// Set once the preview was applied: it cannot be applied twice.
    pub applied: bool,
}

impl SurveyDialog {
    pub fn new(year: FiscalYear) -> Self {
        SurveyDialog { year, preview: None, unreadable: Vec::new(), status: None, message: None, applied: false }
    }

    pub fn with_preview(mut self, preview: SurveyPreview, unreadable: Vec<String>) -> Self {
        self.preview = Some(preview);
        self.unreadable = unreadable;
        self
    }

    pub fn with_status(mut self, status: SurveyStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Draws the view; returns the user's request, if any.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<SurveyDialogAction> {
        let mut action = None;
        ui.heading(format!("進捗調査票の取り込み（{}）", self.year.japanese()));
        ui.add_space(4.0);
        egui::ScrollArea::vertical().max_height(ui.available_height() - 40.0).auto_shrink([false, true]).show(
            ui,
            |ui| {
                self.preview_ui(ui);
                ui.separator();
                self.status_ui(ui);
            },
        );
        ui.separator();
        if let Some(m) = &self.message {
            ui.label(m);
        }
        ui.horizontal(|ui| {
            let accepted = self.preview.as_ref().map(SurveyPreview::accepted).unwrap_or_default();
            // Answers that change nothing are still taken in: the department has answered.
            let can_apply = !self.applied && self.preview.as_ref().is_some_and(SurveyPreview::can_apply);
            let label = if self.applied {
                "取り込み済み".to_string()
            } else if accepted.is_empty() && can_apply {
                "回答を受け付ける（変更なし）".to_string()
            } else {
                format!("取り込む（{} 件）", accepted.len())
            };
            let button = ui.add_enabled(can_apply, egui::Button::new(label)).on_hover_text(
                "変更は記録に保存され、編集 → 元に戻す（Ctrl+Z）で取り消せます。回答した課は回答済みになります。",
            );
            if button.clicked() {
                action = Some(SurveyDialogAction::Apply(accepted));
            }
            if ui.button("閉じる").clicked() {
                action = Some(SurveyDialogAction::Close);
            }
        });
        action
    }

    fn preview_ui(&self, ui: &mut egui::Ui) {
        for u in &self.unreadable {
            ui.label(RichText::new(format!("× {u}")).color(REFUSED));
        }
        let Some(preview) = &self.preview else {
            ui.label("取り込む調査票が選ばれていません。");
            return;
        };
        for f in &preview.refused_files {
            ui.label(RichText::new(format!("× {}（{}）: {}", f.file_name, f.department, f.reason)).color(REFUSED));
        }
        if preview.departments.is_empty() && preview.refused_files.is_empty() && self.unreadable.is_empty() {
            ui.label("調査票に回答がありません。");
        }
        for (i, d) in preview.departments.iter().enumerate() {
            let title = format!(
                "{}　変更 {} 件・受け付けない入力 {} 件・変更なし {} 件（{}）",
                d.department,
                d.changes.len(),
                d.refusals.len(),
                d.unchanged,
                d.file_name
            );
            egui::CollapsingHeader::new(title).id_salt(("survey_dept", i)).default_open(true).show(ui, |ui| {
                if d.changes.is_empty() && d.refusals.is_empty() {
                    ui.label("記録と同じ内容です。");
                }
                egui::Grid::new(("survey_changes", i)).striped(true).num_columns(4).show(ui, |ui| {
                    for c in &d.changes {
                        ui.label(format!("{} {}", c.target, c.field));
                        ui.label(&c.old);
                        ui.label(RichText::new(format!("→ {}", c.new)).color(CHANGED));
                        ui.label(RichText::new(c.pos.to_string()).weak());
                        ui.end_row();
                    }
                    for r in &d.refusals {
                        ui.label(RichText::new(format!("× {}", r.target)).color(REFUSED));
                        ui.label(format!("「{}」", r.value));
                        ui.label(RichText::new(&r.reason).color(REFUSED));
                        ui.label(RichText::new(r.pos.to_string()).weak());
                        ui.end_row();
                    }
                });
            });
        }
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        let Some(st) = &self.status else { return };
        ui.label(RichText::new(format!("回答状況（{}）: {}", st.year.japanese(), answer_counts(st))).strong());
        egui::Grid::new("survey_status").striped(true).num_columns(3).show(ui, |ui| {
            for a in &st.answered {
                ui.label(format!("回答済み {}", a.department));
                ui.label(&a.last_at);
                let mut detail = format!("変更 {} 件（{}）", a.changes, a.files.join("、"));
                if a.refused > 0 {
                    detail.push_str(&format!("　受け付けない入力 {} 件", a.refused));
                }
                ui.label(detail);
                ui.end_row();
            }
        });
        if !st.outstanding.is_empty() {
            ui.add(
                egui::Label::new(RichText::new(format!("未回答: {}", st.outstanding.join("、"))).color(REFUSED)).wrap(),
            );
        }
    }
}

/// 「回答済み 3 課・未回答 14 課」, as the survey windows head their status.
pub(super) fn answer_counts(st: &crate::survey::SurveyStatus) -> String {
    format!("回答済み {} 課・未回答 {} 課", st.answered.len(), st.outstanding.len())
}
