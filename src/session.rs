//! The open record as the app sees it: the store, the plan snapshot read from it, a version
//! counter bumped whenever the snapshot changes, and the undo stack. Every change — from the
//! window, the command line, a survey import — goes through here, so each one is written to the
//! file first (one transaction with its history row), then mirrored in the snapshot, then made
//! undoable. No egui here: the window and the command line drive the same Session.

mod merge;

pub use merge::merge_source;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{Local, NaiveDateTime};

use crate::edit::{Edit, UndoStack};
use crate::model::{Id, Plan};
use crate::store::import::Candidate;
use crate::store::{BackupPath, Store, StoreError};

/// Where a change came from, as the change history names it.
pub const WINDOW_SOURCE: &str = "画面";
pub const COMMAND_LINE_SOURCE: &str = "コマンドライン";

/// Snapshot versions, unique in the process: a view that cached what it derived from one
/// snapshot never mistakes another's for it — also after another record is opened.
static VERSIONS: AtomicU64 = AtomicU64::new(1);

fn next_version() -> u64 {
    VERSIONS.fetch_add(1, Ordering::Relaxed)
}

pub struct Session {
    store: Store,
    plan: Plan,
    version: u64,
    undo: UndoStack,
    last_saved: Option<NaiveDateTime>,
    /// SQLite's data_version of our own connection when last looked at (other writers move it).
    seen_data_version: Option<i64>,
    source: &'static str,
}

impl Session {
    /// The session on an open store; `source` names the edits it makes in the history.
    pub fn new(store: Store, source: &'static str) -> Result<Session, StoreError> {
        let plan = store.load()?;
        let seen_data_version = store.data_version().ok();
        Ok(Session {
            store,
            plan,
            version: next_version(),
            undo: UndoStack::default(),
            last_saved: None,
            seen_data_version,
            source,
        })
    }

    /// Opens the record at `path` (it must exist).
    pub fn open(path: &Path, source: &'static str) -> Result<Session, StoreError> {
        Session::new(Store::open(path)?, source)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Bumped whenever the snapshot changes, so views can keep what they derive from it.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    /// When this session last wrote to the record (edit, undo, import), as 時:分:秒.
    pub fn last_saved(&self) -> Option<String> {
        self.last_saved.map(|t| t.format("%H:%M:%S").to_string())
    }

    /// Applies one edit: to the file, then the snapshot, then the undo stack. `Ok(false)` when
    /// the edit changes nothing. On refusal (a conflict with another writer, an invalid value)
    /// the snapshot is read again, so it shows what the file really holds.
    pub fn apply(&mut self, edit: Edit) -> Result<bool, StoreError> {
        if edit.is_noop() {
            return Ok(false);
        }
        self.write_one(&edit)?;
        self.undo.push(edit);
        Ok(true)
    }

    /// Several edits as one transaction and one undo step, logged with `source`.
    pub fn apply_group(&mut self, edits: Vec<Edit>, source: &str) -> Result<(), StoreError> {
        self.apply_group_with(edits, |store, edits| store.apply_all(edits, source))
    }

    /// A group whose writing needs more than the edits (a survey import also writes receipts):
    /// `write` must apply exactly `edits` in one transaction. One undo step takes them back.
    pub fn apply_group_with(
        &mut self,
        edits: Vec<Edit>,
        write: impl FnOnce(&mut Store, &[Edit]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let result = write(&mut self.store, &edits);
        self.reload()?;
        result?;
        self.saved_now();
        self.undo.push_group(edits.into_iter().filter(|e| !e.is_noop()).collect());
        Ok(())
    }

    /// Takes back the last step. `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, StoreError> {
        let Some(edits) = self.undo.undo_step() else { return Ok(false) };
        self.write_step(&edits)?;
        self.undo.undone();
        Ok(true)
    }

    /// Applies again the last undone step. `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, StoreError> {
        let Some(edits) = self.undo.redo_step() else { return Ok(false) };
        self.write_step(&edits)?;
        self.undo.redone();
        Ok(true)
    }

    /// Reads the snapshot again from the file.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.version = next_version();
        self.plan = self.store.load()?;
        Ok(())
    }

    /// The next free ids for a new schedule row and phase.
    pub fn next_ids(&self) -> Result<(Id, Id), StoreError> {
        self.store.next_ids()
    }

    /// Fresh ids for a new focus area, category, item and KPI.
    pub fn next_structure_ids(&self) -> Result<crate::edit::moves::FreshIds, StoreError> {
        self.store.next_structure_ids()
    }

    /// Replaces the whole record by an inspected candidate (import), after a backup. The
    /// undo stack is cleared: its edits belong to the record that was replaced.
    pub fn replace_with(&mut self, candidate: &Candidate) -> Result<BackupPath, StoreError> {
        let backup = self.store.replace_with(candidate)?;
        self.undo.clear();
        self.seen_data_version = self.store.data_version().ok();
        self.saved_now();
        self.reload()?;
        Ok(backup)
    }

    /// Undoes change #`change_id` of the history (its inverse, logged like any edit).
    pub fn undo_change(&mut self, change_id: Id) -> Result<Edit, StoreError> {
        let result = self.store.undo_change(change_id);
        self.reload()?;
        let inverse = result?;
        self.saved_now();
        Ok(inverse)
    }

    /// Whether another connection (a second window, another PC, the command line) committed
    /// since we last looked; if so the snapshot is read again and `Ok(true)` returned.
    pub fn check_other_writers(&mut self) -> Result<bool, StoreError> {
        let version = self.store.data_version()?;
        let seen = self.seen_data_version.replace(version);
        if seen.is_some_and(|v| v != version) {
            self.reload()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// One edit to the file, then to the snapshot (or the snapshot read again).
    fn write_one(&mut self, edit: &Edit) -> Result<(), StoreError> {
        if let Err(e) = self.store.apply(edit, self.source) {
            // Best effort: the refusal is what the caller must hear about.
            let _ = self.reload();
            return Err(e);
        }
        self.saved_now();
        self.version = next_version();
        if !edit.apply_to(&mut self.plan) {
            self.reload()?;
        }
        Ok(())
    }

    /// An undo or redo step: one edit, or a group written in one transaction, all or nothing.
    fn write_step(&mut self, edits: &[Edit]) -> Result<(), StoreError> {
        if let [edit] = edits {
            return self.write_one(edit);
        }
        let result = self.store.apply_all(edits, self.source);
        self.reload()?;
        result?;
        self.saved_now();
        Ok(())
    }

    fn saved_now(&mut self) {
        self.last_saved = Some(Local::now().naive_local());
    }
}
