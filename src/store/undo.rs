//! Undoing a chosen change from the history: the recorded edit's inverse, applied like any
//! other edit — so it is refused when the record has moved on since, and is itself logged.

use rusqlite::OptionalExtension;

use super::Store;
use super::error::StoreError;
use crate::edit::Edit;
use crate::model::Id;

/// The history's `source` for an undo made from the 変更履歴 view or the command line.
pub const UNDO_SOURCE: &str = "変更履歴から取り消し";

impl Store {
    /// Applies the inverse of change `change_id`; returns the edit applied. When a later
    /// change touched the same value, nothing is changed and `CannotUndo` says what.
    pub fn undo_change(&mut self, change_id: Id) -> Result<Edit, StoreError> {
        let json: Option<String> =
            self.conn.query_row(include_str!("sql/select_change_edit.sql"), [change_id], |r| r.get(0)).optional()?;
        let json = json.ok_or_else(|| StoreError::CannotUndo(format!("変更 #{change_id} は記録にありません")))?;
        let edit: Edit = serde_json::from_str(&json)
            .map_err(|_| StoreError::CannotUndo(format!("変更 #{change_id} の内容を読めません")))?;
        let inverse = edit.inverse();
        match self.apply(&inverse, UNDO_SOURCE) {
            Ok(()) => Ok(inverse),
            Err(StoreError::Conflict(what)) => {
                Err(StoreError::CannotUndo(format!("{what}は、この変更の後にさらに変更されています")))
            }
            Err(e) => Err(e),
        }
    }
}
