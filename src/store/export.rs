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

/// The file name an export suggests: the record's stem, 書き出し and the date — never the open
/// record's own name, so accepting the suggestion in the record's folder cannot target the record.
pub fn default_export_name(record: &Path, today: chrono::NaiveDate) -> String {
    let stem = record.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "記録".into());
    let own = record.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = format!("{stem}_書き出し_{}.sqlite", today.format("%Y%m%d"));
    if name == own { format!("{stem}_書き出し_{}_2.sqlite", today.format("%Y%m%d")) } else { name }
}

/// True when both paths name one existing file (so exporting onto it would destroy it): the same
/// path once links are resolved, or (on Unix) another name of the same file (a hard link).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ca), Ok(cb)) = (std::fs::canonicalize(a), std::fs::canonicalize(b))
        && ca == cb
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_export_name_is_never_the_record_itself() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            default_export_name(Path::new("/共有/reform-tracker.sqlite"), day),
            "reform-tracker_書き出し_20261204.sqlite"
        );
        let tricky = Path::new("/x/r_書き出し_20261204.sqlite");
        let name = default_export_name(tricky, day);
        assert_ne!(name, "r_書き出し_20261204.sqlite");
        assert_ne!(Some(std::ffi::OsStr::new(&name)), tricky.file_name());
    }
}
