//! The record: one SQLite file, opened with the pragmas a shared folder needs, migrated by
//! `PRAGMA user_version`, read into a `Plan` snapshot and changed only through `Edit`s.

mod apply;
mod backup;
mod check;
mod error;
mod export;
mod files;
mod history;
pub mod import;
mod load;
mod schema;
mod undo;
mod write;

pub use files::{replace_file, write_atomically};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backup::{BackupPath, KEEP_BACKUPS, backup_dir, list_backups};
pub use check::CheckReport;
pub use error::StoreError;
pub use history::ChangeRecord;
pub use schema::SCHEMA_VERSION;
pub use undo::UNDO_SOURCE;

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

/// Where the record lives by default: %APPDATA%\reform-tracker\ on Windows, the XDG data dir on Linux.
pub fn default_record_path() -> PathBuf {
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    base.join("reform-tracker").join("reform-tracker.sqlite")
}
