//! The one way a change reaches the record: a transaction that writes each edit together with
//! its history row (who, when, from where), committed whole or not at all.

use rusqlite::{Transaction, TransactionBehavior, params};

use super::Store;
use super::edits;
use super::error::StoreError;
use crate::edit::Edit;

/// An open write transaction with the user and time every row it logs will carry.
pub(crate) struct Change<'c> {
    pub tx: Transaction<'c>,
    pub user: String,
    pub at: String,
}

impl Change<'_> {
    /// Writes one edit and its history row. A no-op edit writes nothing.
    pub fn record(&self, edit: &Edit, source: &str) -> Result<(), StoreError> {
        self.write(edit, None, &self.user, &self.at, source)
    }

    /// Writes one edit made elsewhere (a merged copy of the record): its history row keeps the
    /// change's own identity, author and time.
    pub fn record_as(&self, edit: &Edit, uid: &str, user: &str, at: &str, source: &str) -> Result<(), StoreError> {
        self.write(edit, Some(uid), user, at, source)
    }

    fn write(&self, edit: &Edit, uid: Option<&str>, user: &str, at: &str, source: &str) -> Result<(), StoreError> {
        if edit.is_noop() {
            return Ok(());
        }
        // The same value rules on every way in (window, command line, survey, import).
        super::values::check_edit(edit)?;
        let d = edits::apply_in(&self.tx, edit)?;
        let json = serde_json::to_string(edit).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.tx.execute(
            include_str!("sql/insert_change.sql"),
            params![at, user, d.item_id, d.target, d.field, d.old, d.new, json, source, uid],
        )?;
        Ok(())
    }
}

impl Store {
    /// Runs `write` in one immediate transaction (so another PC's writer waits, not interleaves)
    /// and commits only if it succeeds; on any error nothing of it reaches the file.
    pub(crate) fn transact<T>(
        &mut self,
        write: impl FnOnce(&Change) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let change = Change {
            tx,
            user: super::current_user(),
            at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        };
        let out = write(&change)?;
        change.tx.commit()?;
        Ok(out)
    }

    /// Applies one edit; `source` says where it came from (画面, コマンドライン, a file…).
    pub fn apply(&mut self, edit: &Edit, source: &str) -> Result<(), StoreError> {
        if edit.is_noop() {
            return Ok(());
        }
        self.transact(|change| change.record(edit, source))
    }

    /// Applies several edits, all or none (one undo step: an imported survey, a merge).
    pub fn apply_all(&mut self, edits: &[Edit], source: &str) -> Result<(), StoreError> {
        self.transact(|change| edits.iter().try_for_each(|edit| change.record(edit, source)))
    }
}
