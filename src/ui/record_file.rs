//! ファイル → 開く…: the file dialog. What happens with the chosen file is `App::open_record`,
//! which tests call directly (a dialog cannot be driven headless).

use std::path::PathBuf;

/// Asks for a record file; `None` when the officer cancels.
pub fn pick_record_file() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("記録ファイルを開く")
        .add_filter("記録ファイル (*.sqlite, *.db)", &["sqlite", "db", "sqlite3"])
        .add_filter("すべてのファイル", &["*"])
        .pick_file()
}
