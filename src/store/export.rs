//! Export: a consistent copy of the open record, written under a temporary name beside the
//! target, flushed to disk and renamed into place, so the target is never half-written —
//! not even if the app is killed mid-way or the disk fills up.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::error::StoreError;
use super::write::temp_path_beside;
use super::{BUSY_TIMEOUT, Store};

impl Store {
    /// Writes a consistent copy of the record (with its change history) to `target`.
    pub fn export_to(&self, target: &Path) -> Result<(), StoreError> {
        if same_file(target, &self.path) {
            return Err(StoreError::Invalid(
                "書き出し先が開いている記録ファイルそのものです。別のファイル名を指定してください。".into(),
            ));
        }
        copy_database(&self.conn, target)
    }
}

/// True when both paths name one existing file (so exporting onto it would destroy it).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Copies the `main` database of `from` to `target` through a temporary file beside it.
pub(crate) fn copy_database(from: &Connection, target: &Path) -> Result<(), StoreError> {
    if target.is_dir() {
        return Err(StoreError::NotAFile(target.to_path_buf()));
    }
    let temp = temp_path_beside(target);
    remove_leftovers(&temp);
    let result = (|| {
        let mut to = Connection::open(&temp).map_err(|e| StoreError::open(&temp, e))?;
        {
            let backup = Backup::new(from, &mut to)?;
            run_backup(&backup)?;
        }
        to.close().map_err(|(_, e)| StoreError::from(e))?;
        sync_file(&temp)?;
        std::fs::rename(&temp, target).map_err(|e| StoreError::io(target, e))?;
        sync_parent(target);
        Ok(())
    })();
    if result.is_err() {
        remove_leftovers(&temp);
    }
    result
}

/// Copies every page in one step; waits for another writer's lock up to `BUSY_TIMEOUT`.
pub(crate) fn run_backup(backup: &Backup) -> Result<(), StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if Instant::now() >= deadline {
                    return Err(StoreError::Busy);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // StepResult is non-exhaustive; treat anything new as "try again".
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn sync_file(path: &Path) -> Result<(), StoreError> {
    let file = std::fs::OpenOptions::new().read(true).write(true).open(path).map_err(|e| StoreError::io(path, e))?;
    file.sync_all().map_err(|e| StoreError::io(path, e))
}

/// Makes the rename itself durable where the OS allows it (a no-op on Windows).
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn remove_leftovers(temp: &Path) {
    let _ = std::fs::remove_file(temp);
    let mut journal = temp.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
}
