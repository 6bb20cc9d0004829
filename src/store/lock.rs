//! One window per record: a second start on the same file is told so instead of editing beside the first.
//!
//! The lock is the operating system's exclusive lock on a small file beside the record
//! (`reform-tracker.sqlite.lock`). The OS releases it when the process ends, even by a crash or a power cut,
//! so a stale lock can never keep the office out; on a Windows shared folder the lock holds across PCs.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "記録ファイル {0} は、すでに別の画面（このPCか、共有フォルダーの別のPC）で開かれています。\
         開いている画面を使うか、それを閉じてから起動し直してください。"
    )]
    AlreadyOpen(PathBuf),
    #[error("記録ファイルの使用中の印（{0}）を作れません: {1}。フォルダーに書き込めるか確かめてください。")]
    Io(PathBuf, std::io::Error),
}

/// Held while the window is open; dropping it lets the next start in.
#[derive(Debug)]
pub struct RecordLock {
    _file: File,
    path: PathBuf,
}

impl RecordLock {
    /// Takes the lock of the record at `record`, creating its folder and the lock file if needed.
    pub fn acquire(record: &Path) -> Result<RecordLock, LockError> {
        let path = lock_path(record);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| LockError::Io(path.clone(), e))?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| LockError::Io(path.clone(), e))?;
        match file.try_lock() {
            Ok(()) => Ok(RecordLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::AlreadyOpen(record.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(LockError::Io(path, e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `…\reform-tracker.sqlite` → `…\reform-tracker.sqlite.lock`.
fn lock_path(record: &Path) -> PathBuf {
    let mut name = record.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "record".into());
    name.push(".lock");
    record.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_start_on_the_same_record_is_refused_with_a_japanese_message() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("関市 行政改革").join("record.sqlite");
        let first = RecordLock::acquire(&record).unwrap();
        assert_eq!(first.path(), dir.path().join("関市 行政改革").join("record.sqlite.lock"));

        let second = RecordLock::acquire(&record).unwrap_err();
        assert!(matches!(second, LockError::AlreadyOpen(ref p) if *p == record), "{second:?}");
        let message = second.to_string();
        assert!(message.contains("すでに別の画面") && message.contains("record.sqlite"), "{message}");
        // Refusing touched nothing: the record was never created by the refused start.
        assert!(!record.exists());
    }

    #[test]
    fn the_lock_is_free_again_once_the_first_window_closes() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("record.sqlite");
        drop(RecordLock::acquire(&record).unwrap());
        let again = RecordLock::acquire(&record);
        assert!(again.is_ok(), "{again:?}");
    }

    #[test]
    fn different_records_do_not_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let _a = RecordLock::acquire(&dir.path().join("a.sqlite")).unwrap();
        let b = RecordLock::acquire(&dir.path().join("b.sqlite"));
        assert!(b.is_ok(), "{b:?}");
    }
}
