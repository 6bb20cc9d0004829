//! The record: one SQLite file, opened with the pragmas a shared folder needs, migrated by
//! `PRAGMA user_version`, read into a `Plan` snapshot and changed only through `Edit`s.

mod backup;
mod check;
mod council;
mod edits;
mod error;
mod export;
mod files;
mod goals;
mod history;
pub mod import;
mod load;
mod lock;
mod merge;
mod read_only;
mod receipt;
mod replace;
mod schema;
mod space;
mod transact;
mod undo;
mod values;
mod watch;
mod write;

pub use export::default_export_name;
pub use files::{replace_file, write_atomically};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backup::{BackupPath, KEEP_BACKUPS, backup_dir, list_backups};
pub use check::CheckReport;
pub use error::StoreError;
pub use history::ChangeRecord;
pub use lock::{LockError, RecordLock};
pub use merge::{MergeOrigin, candidate_history};
pub use read_only::load_read_only;
pub use receipt::{AnswersTaken, SurveyReceipt, parse_source_tag, source_tag};
pub use schema::SCHEMA_VERSION;
pub use undo::UNDO_SOURCE;
pub use watch::ChangeWatcher;

use crate::model::Plan;

/// How long a write waits for another PC's lock on the shared file before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing record, upgrading an older schema in one transaction.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| StoreError::open(path, e))?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.configure()?;
        schema::upgrade(&mut store.conn, path)?;
        Ok(store)
    }

    /// Creates a new record holding `plan`. Refuses to touch an existing file.
    pub fn create(path: &Path, plan: &Plan) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        // Built under a temporary name and renamed, so a crash never leaves a half-made record.
        let temp = write::temp_path_beside(path);
        let result = (|| {
            let conn = Connection::open(&temp).map_err(|e| StoreError::open(&temp, e))?;
            let mut store = Store { conn, path: temp.clone() };
            store.configure()?;
            schema::upgrade(&mut store.conn, &temp)?;
            write::insert_plan(&mut store.conn, plan)?;
            drop(store);
            std::fs::rename(&temp, path).map_err(|e| StoreError::io(path, e))
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        Store::open(path)
    }

    /// Opens `path`, creating it from the built-in SAP III plan on first start.
    pub fn open_or_create_sap3(path: &Path) -> Result<Store, StoreError> {
        if path.exists() { Store::open(path) } else { Store::create(path, &crate::seed::sap3()) }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Rollback journal, not WAL: WAL needs shared memory, which SMB shares do not provide.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| StoreError::open(&self.path, e))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Damaged(format!("journal_mode を DELETE にできません（{mode}）")));
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;")?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole plan with its progress.
    pub fn load(&self) -> Result<Plan, StoreError> {
        load::load_plan(&self.conn)
    }

    /// SQLite's counter of changes made by *other* connections: when it moves, reload.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The record's identity, written when it was created (survives export and import).
    pub fn record_id(&self) -> Result<String, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = 'record_id'", [], |r| r.get(0))?)
    }
}

/// The OS account name, recorded with each change.
pub fn current_user() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "不明".to_string())
}

/// The record's file name, in the data folder or next to a portable .exe.
const RECORD_FILE_NAME: &str = "reform-tracker.sqlite";

/// A file of this name next to the .exe makes the copy portable (a USB stick): the record lives beside it.
pub const PORTABLE_MARKER: &str = "portable";

/// Where the record lives by default: next to the .exe when a `portable` marker file is there, otherwise
/// %APPDATA%\reform-tracker\ on Windows and the XDG data dir on Linux.
pub fn default_record_path() -> PathBuf {
    let exe_dir = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
    record_path_for(exe_dir.as_deref(), dirs::data_dir())
}

fn record_path_for(exe_dir: Option<&Path>, data_dir: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = exe_dir.filter(|dir| dir.join(PORTABLE_MARKER).is_file()) {
        return dir.join(RECORD_FILE_NAME);
    }
    data_dir.unwrap_or_else(|| PathBuf::from(".")).join("reform-tracker").join(RECORD_FILE_NAME)
}

#[cfg(test)]
mod default_path_tests {
    use super::*;

    #[test]
    fn without_the_marker_the_record_lives_in_the_users_data_folder() {
        let exe_dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let path = record_path_for(Some(exe_dir.path()), Some(data.path().to_path_buf()));
        assert_eq!(path, data.path().join("reform-tracker").join("reform-tracker.sqlite"));
    }

    #[test]
    fn a_portable_marker_next_to_the_exe_keeps_the_record_beside_it() {
        let exe_dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::write(exe_dir.path().join(PORTABLE_MARKER), "").unwrap();
        let path = record_path_for(Some(exe_dir.path()), Some(data.path().to_path_buf()));
        assert_eq!(path, exe_dir.path().join("reform-tracker.sqlite"));
    }

    #[test]
    fn a_folder_named_portable_is_not_the_marker() {
        let exe_dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir(exe_dir.path().join(PORTABLE_MARKER)).unwrap();
        let path = record_path_for(Some(exe_dir.path()), Some(data.path().to_path_buf()));
        assert_eq!(path, data.path().join("reform-tracker").join("reform-tracker.sqlite"));
    }
}
