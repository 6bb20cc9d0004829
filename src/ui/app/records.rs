//! Whole-record operations from the ファイル menu: open another record, export a copy, import a
//! received copy (preview first), and the change history with the undo of a single change.

use std::path::Path;

use super::App;
use crate::session::{Session, WINDOW_SOURCE};
use crate::ui::windows::HISTORY_LIMIT;
use crate::ui::windows::import::ImportPreview;
use crate::ui::windows::merge::MergeView;

impl App {
    /// Switches the window to another record file (ファイル → 開く…). On failure the current
    /// record stays open and the returned message says why.
    pub fn open_record(&mut self, path: &Path) -> Result<(), String> {
        self.session = Session::open(path, WINDOW_SOURCE).map_err(|e| e.to_string())?;
        self.runtime.selection = None;
        self.runtime.selected_item = None;
        // The watcher follows the new file from the next frame.
        self.runtime.watcher = None;
        self.runtime.watcher_failed = false;
        self.runtime.phase_editor = Default::default();
        self.runtime.detail = Default::default();
        self.info(format!("記録ファイル「{}」を開きました。", path.display()));
        Ok(())
    }

    /// ファイル → 新しい計画…: a new record from a plan file, then opened. The file is checked whole
    /// first; a refusal is shown in the window and nothing is created.
    pub fn create_from_plan(&mut self, plan_file: &Path, record: &Path) -> Result<(), String> {
        let result = crate::plan_file::read_any(plan_file).and_then(|plan| {
            crate::store::Store::create(record, &plan).map_err(|e| e.to_string())?;
            Ok(plan)
        });
        let plan = match result {
            Ok(plan) => plan,
            Err(message) => {
                if let Some(state) = &mut self.runtime.windows.new_plan {
                    state.error = Some(message.clone());
                }
                self.error(message.clone());
                return Err(message);
            }
        };
        self.runtime.windows.new_plan = None;
        self.open_record(record)?;
        self.info(format!("「{}」（改革項目 {} 件）の記録を作り、開きました。", plan.info.name, plan.items.len()));
        Ok(())
    }

    /// ファイル → エクスポート…: a consistent copy of the open record, written atomically.
    pub fn export_record(&mut self, target: &Path) {
        match self.store().export_to(target) {
            Ok(()) => self.info(format!("記録を「{}」にエクスポートしました。", target.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// ファイル → インポート…: checks the file and shows what would change; nothing is replaced
    /// until the officer confirms in the preview.
    pub fn start_import(&mut self, source: &Path) {
        if self.store().is_same_file(source) {
            self.error("開いている記録そのものは取り込めません。別のファイルを選んでください。".into());
            return;
        }
        match crate::store::import::inspect(source) {
            Ok(candidate) => {
                let summary = crate::model::diff::diff(self.plan(), candidate.plan());
                let from_other_record = self.store().record_id().map(|id| id != candidate.record_id()).unwrap_or(true);
                // A history that cannot be read leaves replacing, as before merging existed.
                let merge = self.session.merge_base(&candidate).ok().flatten().map(|base| {
                    let plan = self.session.merge_preview(&base, &|_| false);
                    MergeView::new(base, plan)
                });
                let merging = merge.is_some();
                self.runtime.windows.import =
                    Some(ImportPreview { candidate, summary, from_other_record, merge, merging });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Whether an import preview is waiting for the officer's answer.
    pub fn import_pending(&self) -> bool {
        self.runtime.windows.import.is_some()
    }

    /// Replaces the record with the previewed file (after a backup of the current one).
    pub fn confirm_import(&mut self) {
        let Some(preview) = self.runtime.windows.import.take() else { return };
        match self.session.replace_with(&preview.candidate) {
            Ok(backup) => {
                self.runtime.selection = None;
                self.info(format!(
                    "「{}」を取り込みました。元の記録は「{}」に保存しました。",
                    preview.candidate.source().display(),
                    backup.display()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Merges the previewed file into the record: their changes since the copies parted, with
    /// ours kept in every conflict but those in `theirs`. One Ctrl+Z takes the whole merge back.
    pub fn confirm_merge(&mut self, theirs: &[crate::merge::Target]) {
        let Some(preview) = self.runtime.windows.import.take() else { return };
        if preview.merge.is_none() {
            return;
        }
        // Read again: our record may have changed since the preview (another window, another PC),
        // and a value changed there must count as ours.
        let base = match self.session.check_other_writers().and_then(|_| self.session.merge_base(&preview.candidate)) {
            Ok(Some(base)) => base,
            Ok(None) => return self.error("共通の変更履歴が見つからなくなったため、統合しませんでした。".into()),
            Err(e) => return self.error(e.to_string()),
        };
        let plan = self.session.merge_preview(&base, &|t| theirs.contains(&t));
        match self.session.merge(&preview.candidate, &base, &plan) {
            Ok(backup) => {
                let mut text = format!(
                    "「{}」を統合しました（相手の変更 {} 件）。",
                    preview.candidate.source().display(),
                    plan.changes.len()
                );
                if let Some(backup) = backup {
                    text.push_str(&format!("元の記録は「{}」に保存しました。", backup.display()));
                }
                self.info(text);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn open_history(&mut self) {
        match self.store().history(HISTORY_LIMIT) {
            Ok(rows) => self.runtime.windows.open_history(rows),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Undoes one change chosen in 変更履歴, where it still applies.
    pub fn undo_change(&mut self, change_id: crate::model::Id) {
        match self.session.undo_change(change_id) {
            Ok(_) => self.info("選んだ変更を取り消しました。".into()),
            Err(e) => self.error(e.to_string()),
        }
        if self.runtime.windows.history.is_some() {
            self.open_history();
        }
    }
}
