//! Backups taken before an import replaces the record: timestamped copies in a `backups/`
//! folder beside the record, the newest `KEEP_BACKUPS` kept.

use std::path::{Path, PathBuf};

use super::Store;
use super::error::StoreError;
use super::export::copy_database;

/// Where a backup was written.
pub type BackupPath = PathBuf;

/// How many backups are kept; older ones are deleted after each new one.
pub const KEEP_BACKUPS: usize = 20;

/// `<folder of the record>/backups`
pub fn backup_dir(record: &Path) -> PathBuf {
    record.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

fn stem(record: &Path) -> String {
    record.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into())
}

/// "20261124-224512-123_00": local time to the millisecond and a sequence number for backups
/// made within one millisecond. Fixed width, so name order is time order.
fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 22
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 15 => *c == b'-',
            19 => *c == b'_',
            _ => c.is_ascii_digit(),
        })
}

/// The backups of `record`, oldest first. Other files in the folder are left alone.
pub fn list_backups(record: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let dir = backup_dir(record);
    let prefix = format!("{}_", stem(record));
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".sqlite")).is_some_and(is_stamp)
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    Ok(found)
}

impl Store {
    /// Copies the record into `backups/` and deletes all but the newest `KEEP_BACKUPS`.
    pub fn back_up(&self) -> Result<BackupPath, StoreError> {
        let target = self.write_backup()?;
        rotate_backups(&self.path, &target);
        Ok(target)
    }

    /// Writes a new backup through SQLite's backup API, without deleting any older one.
    pub(crate) fn write_backup(&self) -> Result<BackupPath, StoreError> {
        let target = self.new_backup_path()?;
        copy_database(&self.conn, &target)?;
        Ok(target)
    }

    pub(crate) fn new_backup_path(&self) -> Result<BackupPath, StoreError> {
        let dir = backup_dir(&self.path);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let time = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f").to_string();
        let stem = stem(&self.path);
        let target = (0..100)
            .map(|n| dir.join(format!("{stem}_{time}_{n:02}.sqlite")))
            .find(|p| !p.exists())
            .ok_or_else(|| StoreError::Io {
                path: dir.clone(), reason: "同じ時刻のバックアップが多すぎます".into()
            })?;
        Ok(target)
    }
}

/// Deletes all but the newest `KEEP_BACKUPS` backups of `record`, never `keep`.
pub(crate) fn rotate_backups(record: &Path, keep: &Path) {
    let Ok(all) = list_backups(record) else { return };
    for old in all.iter().take(all.len().saturating_sub(KEEP_BACKUPS)).filter(|p| *p != keep) {
        // A backup that cannot be deleted (read-only share) is not worth failing the import.
        let _ = std::fs::remove_file(old);
    }
}

/// A backup being written lives seconds; one untouched this long was left by a killed process.
pub(crate) const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes half-written backups (`.<stem>_….sqlite.tmp-<pid>` and their journals) left by a
/// process killed while writing one: those not modified for `STALE_AFTER`, so that another
/// process's backup in progress is never touched.
pub(crate) fn remove_stale_temps(record: &Path) {
    let prefix = format!(".{}_", stem(record));
    let Ok(entries) = std::fs::read_dir(backup_dir(record)) else { return };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if stale && name.starts_with(&prefix) && name.contains(".sqlite.tmp-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_recognised() {
        assert!(is_stamp("20261124-224512-123_00"));
        assert!(!is_stamp("20261124-224512-123"));
        assert!(!is_stamp("2026112x-224512-123_00"));
    }

    #[test]
    fn backup_folder_is_beside_the_record() {
        assert_eq!(backup_dir(Path::new("/a/b/r.sqlite")), PathBuf::from("/a/b/backups"));
        assert_eq!(backup_dir(Path::new("r.sqlite")), PathBuf::from("./backups"));
    }
}
