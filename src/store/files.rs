//! Writing whole files so that the target is never half-written: write a temporary file
//! beside it, flush it to disk, then rename it into place (atomic on one volume).

use std::io::Write;
use std::path::Path;

use super::error::StoreError;
use super::write::temp_path_beside;

pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if target.is_dir() {
        return Err(StoreError::Io { path: target.to_path_buf(), reason: "フォルダです".into() });
    }
    let temp = temp_path_beside(target);
    let result = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&temp, target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        StoreError::io(target, e)
    })
}

/// Moves `from` over `to` in one rename.
pub fn replace_file(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::rename(from, to).map_err(|e| StoreError::io(to, e))
}
