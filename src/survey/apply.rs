//! Applying a judged import to the record: every accepted edit through `Store::apply` with its
//! source tag (so it is in the change history, tagged with file and department), then a receipt
//! for each department whose answers were taken — also when they changed nothing. The window and
//! the CLI both apply imports here, so both leave the same trace.

use super::import::{DepartmentPreview, SurveyPreview};
use crate::edit::Edit;
use crate::store::Store;

/// What applying an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppliedImport {
    /// The edits written, in order (the window puts them on its undo stack).
    pub applied: Vec<Edit>,
    /// Departments recorded as having answered.
    pub received: Vec<String>,
    /// What the record refused (it moved on since the preview), one sentence each.
    pub failed: Vec<String>,
}

impl DepartmentPreview {
    /// Whether these answers count as the department's reply: something was taken, or nothing
    /// was refused. Answers that were all refused leave the department outstanding, so that a
    /// corrected sheet is asked for.
    pub fn counts_as_answer(&self) -> bool {
        !self.changes.is_empty() || self.refusals.is_empty()
    }
}

impl SurveyPreview {
    /// Whether applying would do anything: a change to write or an answer to receive.
    pub fn can_apply(&self) -> bool {
        self.departments.iter().any(DepartmentPreview::counts_as_answer)
    }
}

/// Writes the preview's accepted edits and the receipts of the departments that answered.
pub fn apply_import(store: &mut Store, preview: &SurveyPreview) -> AppliedImport {
    let mut out = AppliedImport::default();
    for dept in preview.departments.iter().filter(|d| d.counts_as_answer()) {
        let mut written = 0;
        for edit in dept.edits() {
            match store.apply(edit, &dept.source) {
                Ok(()) => {
                    written += 1;
                    out.applied.push(edit.clone());
                }
                Err(e) => out.failed.push(format!("{}: {e}", dept.department)),
            }
        }
        let refused = dept.refusals.len() + (dept.changes.len() - written);
        match store.record_survey_receipt(dept.year, &dept.department, &dept.file_name, written, refused) {
            Ok(()) => out.received.push(dept.department.clone()),
            Err(e) => out.failed.push(format!("{}の回答の受付を記録できません（{e}）", dept.department)),
        }
    }
    out
}
