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
        copy_database(&self.conn, &target)?;
        let all = list_backups(&self.path)?;
        for old in all.iter().take(all.len().saturating_sub(KEEP_BACKUPS)).filter(|p| **p != target) {
            // A backup that cannot be deleted (read-only share) is not worth failing the import.
            let _ = std::fs::remove_file(old);
        }
        Ok(target)
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
