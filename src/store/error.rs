use std::path::{Path, PathBuf};

use thiserror::Error;

/// Errors an officer can meet, each a sentence that says what happened and what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("記録ファイル「{}」が見つかりません。パスを確かめてください。", .0.display())]
    NotFound(PathBuf),
    #[error("記録ファイル「{}」は既にあります。上書きする場合は --force を付けてください。", .0.display())]
    AlreadyExists(PathBuf),
    #[error("記録ファイル「{}」を開けません（{reason}）。", .path.display())]
    Open { path: PathBuf, reason: String },
    #[error("「{}」は SQLite のファイルではないか、壊れています。正しい記録ファイルを選んでください。", .0.display())]
    NotSqlite(PathBuf),
    #[error("「{}」は reform-tracker の記録ファイルではありません。", .0.display())]
    Foreign(PathBuf),
    #[error("記録ファイル「{}」は新しい版のアプリで作られています（形式 {found}、このアプリは {supported} まで）。アプリを更新してください。", .path.display())]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("記録ファイルが壊れています: {0}")]
    Damaged(String),
    #[error("「{}」は壊れているため取り込めません（{detail}）。元の記録ファイルをもう一度書き出してもらってください。", .path.display())]
    DamagedFile { path: PathBuf, detail: String },
    #[error("「{}」は reform-tracker の記録ファイルと形式が違うため取り込めません（{detail}）。", .path.display())]
    ForeignSchema { path: PathBuf, detail: String },
    #[error("「{}」はファイルではありません（フォルダなど）。記録ファイルを選んでください。", .0.display())]
    NotAFile(PathBuf),
    #[error("この変更は取り消せません（{0}）。変更履歴を読み込み直して確かめてください。")]
    CannotUndo(String),
    #[error(
        "ほかの人が同じ箇所を先に変更していました（{0}）。最新の内容を読み込み直したので、必要ならもう一度入力してください。"
    )]
    Conflict(String),
    #[error("入力を受け付けられません: {0}")]
    Invalid(String),
    #[error("記録ファイルがほかの PC で使用中のため書き込めませんでした。少し待ってからもう一度お試しください。")]
    Busy,
    #[error("ファイル「{}」を読み書きできません（{reason}）。", .path.display())]
    Io { path: PathBuf, reason: String },
    #[error("記録ファイルの読み書きに失敗しました（{0}）。")]
    Sqlite(String),
    #[error(
        "記録ファイルが読み取り専用のため変更できません（記録もバックアップも元のままです）。ファイルとフォルダーの読み取り専用を解除するか、書き込める場所にある記録を開いてください。"
    )]
    ReadOnly,
    #[error(
        "記録ファイルのあるドライブの空きが足りないため書き込めませんでした（記録は元のままです）。{0}不要なファイルを削除して空きを作ってから、もう一度実行してください。"
    )]
    DiskFull(String),
    #[error("取り込むファイル「{}」は、開いている記録ファイルそのものです。別のファイルを選んでください。", .0.display())]
    SameFile(PathBuf),
    #[error(
        "取り込みを中止しました。記録とバックアップは取り込む前のままです（{0}）。ドライブの空きやネットワークの接続を確かめて、もう一度実行してください。"
    )]
    NotReplaced(String),
}

impl StoreError {
    pub fn open(path: &Path, e: rusqlite::Error) -> Self {
        if is_not_a_database(&e) {
            StoreError::NotSqlite(path.to_path_buf())
        } else {
            StoreError::Open { path: path.to_path_buf(), reason: e.to_string() }
        }
    }

    pub fn io(path: &Path, e: std::io::Error) -> Self {
        StoreError::Io { path: path.to_path_buf(), reason: e.to_string() }
    }
}

pub(crate) fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) =>
            {
                StoreError::Busy
            }
            _ if is_not_a_database(&e) => StoreError::Damaged(e.to_string()),
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => StoreError::ReadOnly,
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
                StoreError::DiskFull(String::new())
            }
            _ => StoreError::Sqlite(e.to_string()),
        }
    }
}
