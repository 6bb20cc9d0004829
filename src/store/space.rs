//! Room on the record's drive, checked before an import writes anything: a clear message beats a
//! write that fails half-way (which SQLite would roll back, but only after filling the disk).

use std::path::Path;

use super::error::StoreError;

/// Refuses when the drive holding `dir` (or its nearest existing parent) has less than `needed`
/// bytes free (on a shared folder: what the share grants this user). Where the free space cannot
/// be learned, the write itself is the test: it fails and rolls back.
pub(crate) fn check_space(dir: &Path, needed: u64) -> Result<(), StoreError> {
    let existing = dir.ancestors().find(|d| d.is_dir()).unwrap_or(Path::new("."));
    match free_bytes(existing) {
        Some(free) if free < needed => Err(StoreError::DiskFull(format!(
            "空き {} MB、必要 {} MB。",
            free.div_ceil(1024 * 1024),
            needed.div_ceil(1024 * 1024)
        ))),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is a valid C string and `stat` a writable statvfs.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

#[cfg(windows)]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::windows::ffi::OsStrExt;
    let wide: Vec<u16> = dir.as_os_str().encode_wide().chain(std::iter::once(0)).collect();
    let mut free: u64 = 0;
    // SAFETY: `wide` is a NUL-terminated UTF-16 path; the other outputs may be null.
    let ok = unsafe {
        windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW(
            wide.as_ptr(),
            &mut free,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    (ok != 0).then_some(free)
}

#[cfg(not(any(unix, windows)))]
fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_the_drive_holds_is_refused_in_japanese() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_space(dir.path(), 1).is_ok());
        let e = check_space(&dir.path().join("backups"), u64::MAX / 2).unwrap_err();
        assert!(e.to_string().contains("空きが足りない"), "{e}");
    }
}
