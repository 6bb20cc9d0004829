//! The change history kept in the record itself.

use rusqlite::params;

use super::Store;
use super::error::StoreError;
use crate::edit::Edit;
use crate::model::Id;

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRecord {
    pub id: Id,
    /// Local time, "YYYY-MM-DD HH:MM:SS".
    pub at: String,
    pub user: String,
    pub item_id: Option<Id>,
    pub target: String,
    pub field: String,
    pub old: String,
    pub new: String,
    /// The edit itself, so that a chosen change can be undone later; `None` if unreadable.
    pub edit: Option<Edit>,
    pub source: String,
}

impl Store {
    /// The newest changes first, at most `limit`.
    pub fn history(&self, limit: usize) -> Result<Vec<ChangeRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(include_str!("sql/select_changes.sql"))?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            let json: String = r.get(8)?;
            Ok(ChangeRecord {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                item_id: r.get(3)?,
                target: r.get(4)?,
                field: r.get(5)?,
                old: r.get(6)?,
                new: r.get(7)?,
                edit: serde_json::from_str(&json).ok(),
                source: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
