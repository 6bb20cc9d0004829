//! The yearly progress survey as the App carries it out: writing the workbooks, reading the
//! answers into a preview, applying it as one undoable step through the Session, and the
//! answer status. The windows themselves are drawn by `ui::windows::survey`.

use std::path::{Path, PathBuf};

use super::App;
use crate::model::FiscalYear;
use crate::survey;
use crate::ui::windows::survey::import_preview::SurveyDialog;
use crate::ui::windows::survey::{ExportForm, StatusView, Written};

impl App {
    /// The year the survey windows open on (see [`due_year`]).
    pub fn survey_year(&self) -> FiscalYear {
        self.plan().info.last_ended_year(self.reference_date())
    }

    /// ファイル → 進捗調査票を作成…: opens the form on the due year.
    pub fn open_survey_export(&mut self) {
        let year = self.survey_year();
        self.runtime.windows.survey.export.get_or_insert(ExportForm { year, department: None, outcome: None });
        self.runtime.windows.survey.changed();
    }

    /// Writes the workbooks of `year` (one department, or all) into `dir` and shows the outcome in
    /// the form. What the form's button does once a folder is chosen.
    pub fn export_survey_to(&mut self, dir: &Path, year: FiscalYear, department: Option<&str>) {
        self.open_survey_export();
        let outcome = self
            .store()
            .record_id()
            .map_err(|e| e.to_string())
            .and_then(|id| survey::export_workbooks(self.plan(), &id, year, department, dir).map_err(|e| e.to_string()))
            .map(|paths| Written {
                dir: dir.to_path_buf(),
                files: paths.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect(),
            });
        match &outcome {
            Ok(w) => self.info(format!("{}の進捗調査票を {} 件作成しました。", year.japanese(), w.files.len())),
            Err(e) => self.error(e.clone()),
        }
        if let Some(form) = &mut self.runtime.windows.survey.export {
            form.year = year;
            form.department = department.map(str::to_string);
            form.outcome = Some(outcome);
        }
    }

    /// Reads returned surveys (.xlsx or CSV) and shows what they would change; nothing is
    /// written until 取り込む. What ファイル → 調査票を取り込む… does once files are chosen.
    pub fn import_survey_from(&mut self, paths: &[PathBuf]) {
        let record_id = match self.store().record_id() {
            Ok(id) => id,
            Err(e) => return self.error(e.to_string()),
        };
        let (answers, unreadable) = survey::read_all_answers(paths);
        let preview = survey::plan_import_for_year(self.plan(), &record_id, None, &answers);
        // The answers' own year (they are for one year as a rule), else the due one.
        let year = preview.departments.first().map(|d| d.year).unwrap_or_else(|| self.survey_year());
        let mut dialog = SurveyDialog::new(year).with_preview(preview, unreadable);
        dialog.status = survey::read_status(self.store(), self.plan(), year).ok();
        self.runtime.windows.survey.import = Some(dialog);
        self.runtime.windows.survey.changed();
    }

    /// Whether an import preview is open and not yet applied.
    pub fn survey_import_pending(&self) -> bool {
        self.runtime.windows.survey.import.as_ref().is_some_and(|d| d.preview.is_some() && !d.applied)
    }

    /// Applies the open preview (the 取り込む button): each change as an ordinary edit, tagged
    /// with its file and department in the history and put on the undo stack; every department
    /// that answered is recorded as such, also when nothing changed.
    pub fn apply_survey_import(&mut self) {
        let Some(dialog) = self.runtime.windows.survey.import.as_mut() else { return };
        let Some(preview) = dialog.preview.as_ref().filter(|_| !dialog.applied) else { return };
        let done = survey::apply_import(&mut self.session, preview);
        if done.failed.is_empty() {
            dialog.applied = true;
        } else {
            // Judged against a record that has since changed: it must be read again.
            dialog.preview = None;
        }
        // A failure wrote nothing: say only that, never "0 課の回答を受け付けました" beside it.
        let text = if !done.failed.is_empty() {
            done.failed.iter().map(|f| format!("× {f}")).collect::<Vec<_>>().join("\n")
        } else if done.applied.is_empty() {
            format!("記録と同じ内容のため、変更はありません。{} 課の回答を受け付けました。", done.received.len())
        } else {
            format!(
                "{} 件の変更を記録しました（まとめて元に戻す: Ctrl+Z）。{} 課の回答を受け付けました。",
                done.applied.len(),
                done.received.len()
            )
        };
        dialog.message = Some(text.clone());
        let year = dialog.year;
        let status = survey::read_status(self.store(), self.plan(), year).ok();
        if let Some(dialog) = self.runtime.windows.survey.import.as_mut() {
            dialog.status = status;
        }
        if self.runtime.windows.survey.status.is_some() {
            self.show_survey_status(year);
        }
        self.runtime.windows.survey.changed();
        if done.failed.is_empty() { self.info(text) } else { self.error(text) }
    }

    /// ファイル → 回答状況…, or another year chosen in it.
    pub fn show_survey_status(&mut self, year: FiscalYear) {
        let status = survey::read_status(self.store(), self.plan(), year).map_err(|e| e.to_string());
        self.runtime.windows.survey.status = Some(StatusView { year, status });
        self.runtime.windows.survey.changed();
    }
}
