//! Reading a record without ever writing to it (the old plan of a rollover): opened read-only;
//! an older schema is upgraded in a private copy, never in the file itself.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::is_not_a_database;
use super::{SCHEMA_VERSION, Store, StoreError, load, schema};
use crate::model::Plan;

/// The plan a record holds, read without changing a byte of the file.
pub fn load_read_only(path: &Path) -> Result<Plan, StoreError> {
    if !path.exists() {
        return Err(StoreError::NotFound(path.to_path_buf()));
    }
    if !path.is_file() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| StoreError::open(path, e))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    let version = schema::user_version(&conn).map_err(|e| {
        if is_not_a_database(&e) { StoreError::NotSqlite(path.to_path_buf()) } else { StoreError::open(path, e) }
    })?;
    if version == SCHEMA_VERSION {
        return load::load_plan(&conn);
    }
    drop(conn);
    // Store::open upgrades the copy, and gives the right refusal (not a record, too new) on it too.
    let copy = std::env::temp_dir().join(format!("reform-tracker-read-{}.sqlite", std::process::id()));
    std::fs::copy(path, &copy).map_err(|e| StoreError::io(path, e))?;
    let plan = Store::open(&copy).and_then(|s| s.load());
    let _ = std::fs::remove_file(&copy);
    plan.map_err(|e| match e {
        StoreError::TooNew { found, supported, .. } => {
            StoreError::TooNew { path: path.to_path_buf(), found, supported }
        }
        StoreError::Foreign(_) => StoreError::Foreign(path.to_path_buf()),
        StoreError::NotSqlite(_) => StoreError::NotSqlite(path.to_path_buf()),
        other => other,
    })
}
