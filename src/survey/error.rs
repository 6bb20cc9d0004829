use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::store::StoreError;

/// Errors an officer can meet while making or reading survey workbooks.
#[derive(Debug, Error)]
pub enum SurveyError {
    #[error("ファイル「{}」を読み書きできません（{reason}）。", .path.display())]
    Io { path: PathBuf, reason: String },
    #[error("「{}」は進捗調査票として読めません（{reason}）。アプリで作成した調査票か、その調査票を CSV で保存したファイルを選んでください。", .path.display())]
    NotASurvey { path: PathBuf, reason: String },
    #[error("実施課「{name}」の改革項目はありません。指定できる課: {}", .known.join("、"))]
    UnknownDepartment { name: String, known: Vec<String> },
    #[error("{year}は計画の期間（{period}）に含まれません。")]
    YearOutsidePlan { year: String, period: String },
    #[error("調査票を作成できません（{0}）。")]
    Write(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error(
        "調査票の書き出しが途中で止まりました: {reason}\n作成済み（{} 件）: {}\n作成できなかった調査票（{} 件）: {}\n空きを作ってから、もう一度書き出してください。",
        .written.len(),
        if .written.is_empty() { "なし".to_string() } else { .written.join("、") },
        .missing.len(),
        .missing.join("、")
    )]
    Partial { reason: String, written: Vec<String>, missing: Vec<String> },
}

impl SurveyError {
    pub(crate) fn io(path: &Path, e: impl std::fmt::Display) -> Self {
        SurveyError::Io { path: path.to_path_buf(), reason: e.to_string() }
    }

    pub(crate) fn not_a_survey(path: &Path, reason: impl Into<String>) -> Self {
        SurveyError::NotASurvey { path: path.to_path_buf(), reason: reason.into() }
    }
}

impl From<rust_xlsxwriter::XlsxError> for SurveyError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        SurveyError::Write(e.to_string())
    }
}
