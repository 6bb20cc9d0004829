//! The system's file dialogs, all in one place. What happens with a chosen file is an App method
//! taking a path, which tests call directly (a dialog cannot be driven headless).
//!
//! Where the system offers no file dialog (a Linux desktop without a file-chooser portal, some
//! remote desktops), the dialog comes back at once with nothing; that is told apart from the
//! officer's cancel by how soon it came back, and the App then offers a field for the path.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file dialog gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked<T> {
    Chosen(T),
    Cancelled,
    /// No dialog could be shown: ask for the path in the window instead.
    Unavailable,
}

/// A dialog the officer really saw takes longer than this to cancel.
const NO_DIALOG: Duration = Duration::from_millis(250);

fn pick<T>(show: impl FnOnce() -> Option<T>) -> Picked<T> {
    let started = Instant::now();
    match show() {
        Some(t) => Picked::Chosen(t),
        None if started.elapsed() < NO_DIALOG => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// ファイル → 開く…: a record file.
pub fn record_file() -> Picked<PathBuf> {
    pick(|| {
        rfd::FileDialog::new()
            .set_title("記録ファイルを開く")
            .add_filter("記録ファイル (*.sqlite, *.db)", &["sqlite", "db", "sqlite3"])
            .add_filter("すべてのファイル", &["*"])
            .pick_file()
    })
}

/// 新しい計画…: a plan file.
pub fn plan_file() -> Picked<PathBuf> {
    pick(|| {
        rfd::FileDialog::new()
            .set_title("計画ファイルを選ぶ")
            .add_filter("計画ファイル (*.toml, *.xlsx)", &["toml", "xlsx"])
            .pick_file()
    })
}

/// エクスポート…: where to write the copy.
pub fn export_target(default_name: &str) -> Picked<PathBuf> {
    pick(|| {
        rfd::FileDialog::new()
            .set_title("記録ファイルのエクスポート")
            .set_file_name(default_name)
            .add_filter("記録ファイル", &["sqlite"])
            .save_file()
    })
}

/// インポート…: the copy a colleague sent back.
pub fn import_source() -> Picked<PathBuf> {
    pick(|| {
        rfd::FileDialog::new().set_title("記録ファイルのインポート").add_filter("記録ファイル", &["sqlite"]).pick_file()
    })
}

/// 進捗調査票を作成…: the folder the workbooks go into.
pub fn survey_folder() -> Picked<PathBuf> {
    pick(|| rfd::FileDialog::new().set_title("調査票を保存するフォルダーを選ぶ").pick_folder())
}

/// 調査票を取り込む…: the answered workbooks (or their CSV).
pub fn survey_answers() -> Picked<Vec<PathBuf>> {
    pick(|| {
        rfd::FileDialog::new()
            .set_title("回答された調査票を選ぶ（複数可）")
            .add_filter("調査票（Excel・CSV）", &["xlsx", "csv"])
            .pick_files()
            .filter(|p| !p.is_empty())
    })
}

/// The record's file name, for the print footer and the export's default name.
pub fn record_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
