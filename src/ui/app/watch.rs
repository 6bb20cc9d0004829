//! Following other writers: another window, PC or the command line may change the same record.
//! A watcher thread polls the file (store layer) and wakes the window only when something was
//! committed; the frame then asks the Session, which tells another writer's commit from our own
//! (SQLite's data_version) and reads the snapshot again.

use std::time::Duration;

use super::App;

/// How often the watcher thread looks for edits made by another window on the same file.
const OTHER_WRITERS_POLL: Duration = Duration::from_secs(2);

impl App {
    pub(super) fn follow_other_writers(&mut self, ctx: &egui::Context) {
        if self.runtime.watcher.is_none() && !self.runtime.watcher_failed {
            let waker = ctx.clone();
            match crate::store::ChangeWatcher::start(self.session.path(), OTHER_WRITERS_POLL, move || {
                waker.request_repaint()
            }) {
                Ok(watcher) => self.runtime.watcher = Some(watcher),
                // Without the watcher the window still works; it only stops following other windows.
                Err(e) => {
                    self.runtime.watcher_failed = true;
                    eprintln!("ほかの画面の変更を見張れません: {e}");
                }
            }
        }
        let notified = self.runtime.watcher.as_ref().is_some_and(|w| w.take_change());
        let forced = std::mem::take(&mut self.runtime.check_now);
        if !notified && !forced {
            return;
        }
        match self.session.check_other_writers() {
            Ok(true) => self.info("ほかの画面（共有フォルダーの別の PC など）での変更を読み込みました。".into()),
            Ok(false) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Checks now for changes made by another window (tests call it instead of waiting).
    pub fn check_other_writers(&mut self, ctx: &egui::Context) {
        self.runtime.check_now = true;
        self.follow_other_writers(ctx);
    }
}
