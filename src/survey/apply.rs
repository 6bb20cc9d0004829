//! Applying a judged import to the record: every accepted edit with its source tag (so it is in the
//! change history, tagged with file and department) and a receipt for each department whose answers
//! were taken — also when they changed nothing — in one transaction. The window and the CLI both
//! apply imports here, so both leave the same trace.

use super::import::{DepartmentPreview, SurveyPreview};
use crate::edit::Edit;
use crate::session::Session;
use crate::store::AnswersTaken;

/// What applying an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppliedImport {
    /// The edits written, in order (the window puts them on its undo stack).
    pub applied: Vec<Edit>,
    /// Departments recorded as having answered.
    pub received: Vec<String>,
    /// Why nothing was written (the record moved on since the preview), one sentence each.
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

/// Writes the preview's accepted edits and the receipts of the departments that answered, in one
/// transaction: when the record has changed since the preview (another PC), nothing is written and
/// `failed` says why, so the officer reads the answers again against the record as it now is.
pub fn apply_import(session: &mut Session, preview: &SurveyPreview) -> AppliedImport {
    let answering: Vec<&DepartmentPreview> = preview.departments.iter().filter(|d| d.counts_as_answer()).collect();
    let taken: Vec<AnswersTaken> = answering
        .iter()
        .map(|d| AnswersTaken {
            year: d.year,
            department: &d.department,
            file_name: &d.file_name,
            edits: d.edits().collect(),
            source: &d.source,
            refused: d.refusals.len(),
        })
        .collect();
    let applied: Vec<Edit> = answering.iter().flat_map(|d| d.edits().cloned()).collect();
    // One undo step takes back the whole import.
    match session.apply_group_with(applied.clone(), |store, _| store.take_in_survey(&taken)) {
        Ok(()) => AppliedImport {
            applied,
            received: answering.iter().map(|d| d.department.clone()).collect(),
            failed: Vec::new(),
        },
        Err(e) => {
            // Only a record that moved on is cured by reading the answers again; a read-only record
            // or a full disk says what to do itself.
            let failed = match e {
                crate::store::StoreError::Conflict(_) | crate::store::StoreError::Busy => {
                    format!("{e} 調査票を取り込み直してください（記録は変更していません）。")
                }
                other => format!("{other} 調査票の回答は記録していません。"),
            };
            AppliedImport { failed: vec![failed], ..AppliedImport::default() }
        }
    }
}
