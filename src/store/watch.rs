//! Noticing commits made by another window (this PC or another on the shared folder) without
//! waking the window: a small thread with its own read-only connection polls SQLite's
//! `data_version` and calls back only when it moved. The window then looks at its own
//! connection once; while nothing changes it is never repainted.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, StoreError};

/// Stops and joins the thread when dropped.
pub struct ChangeWatcher {
    changed: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ChangeWatcher {
    /// Starts watching the record at `path` every `interval`. `on_change` runs on the watcher's
    /// thread after a commit by any connection (including the window's own: the window tells
    /// those apart with `Store::data_version`).
    pub fn start(
        path: &Path,
        interval: Duration,
        on_change: impl Fn() + Send + 'static,
    ) -> Result<ChangeWatcher, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut seen = data_version(&conn)?;
        let changed = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (changed_in, stop_in) = (changed.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("record-watcher".into())
            .spawn(move || {
                loop {
                    std::thread::park_timeout(interval);
                    if stop_in.load(Ordering::Acquire) {
                        break;
                    }
                    // A busy or briefly unreadable file (another PC writing) is tried again next time.
                    let Ok(version) = data_version(&conn) else { continue };
                    if version != seen {
                        seen = version;
                        changed_in.store(true, Ordering::Release);
                        on_change();
                    }
                }
            })
            .map_err(|e| StoreError::io(path, e))?;
        Ok(ChangeWatcher { changed, stop, thread: Some(thread) })
    }

    /// Whether a commit was seen since the last call (and forgets it).
    pub fn take_change(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

impl Drop for ChangeWatcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, ItemField};
    use crate::store::Store;
    use std::sync::atomic::AtomicUsize;
    use std::time::Instant;

    fn wait_for(mut done: impl FnMut() -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    }

    #[test]
    fn a_commit_by_another_connection_is_reported_once_and_quiet_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.sqlite");
        Store::create(&path, &crate::seed::sap3()).unwrap();
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let watcher = ChangeWatcher::start(&path, Duration::from_millis(10), move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(calls.load(Ordering::SeqCst), 0, "nothing changed, nothing reported");
        assert!(!watcher.take_change());

        let mut other = Store::open(&path).unwrap();
        let item = other.load().unwrap().items[0].clone();
        let new = format!("{}（変更）", item.title);
        other
            .apply(&Edit::ItemText { item_id: item.id, field: ItemField::Title, old: item.title, new }, "test")
            .unwrap();
        assert!(wait_for(|| calls.load(Ordering::SeqCst) == 1), "the commit is noticed");
        assert!(watcher.take_change());
        assert!(!watcher.take_change(), "and forgotten once taken");
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one commit, one call");
    }

    #[test]
    fn dropping_the_watcher_stops_its_thread_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.sqlite");
        Store::create(&path, &crate::seed::sap3()).unwrap();
        let watcher = ChangeWatcher::start(&path, Duration::from_secs(3600), || {}).unwrap();
        let started = Instant::now();
        drop(watcher);
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
