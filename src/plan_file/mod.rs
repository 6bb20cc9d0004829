//! Plan files (docs/plan-format.md): a plan as TOML, read into a `Plan` with every key checked and
//! a refusal that names the line and the key, and written back from a record's plan.
//! The built-in SAP III (`data/sap3.toml`) is one such file.

mod format;
mod read;
mod template;
mod workbook;
mod write;

use std::path::Path;

pub use read::{MAX_YEARS, parse};
pub use template::workbook_bytes;
pub use workbook::{parse_workbook, read_workbook_file};
pub use write::to_toml;

/// A refused plan file: where (line, key) and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFileError {
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
    /// The workbook sheet, for a plan read from Excel: then `line` is the Excel row and `field`
    /// the column header.
    pub sheet: Option<String>,
}

impl std::fmt::Display for PlanFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "シート「{sheet}」")?;
            if let Some(row) = self.line {
                write!(f, "の {row} 行目")?;
            }
            if !self.field.is_empty() {
                write!(f, "、列「{}」", self.field)?;
            }
            return write!(f, ": {}", self.message);
        }
        match (self.line, self.field.is_empty()) {
            (Some(line), false) => write!(f, "{line} 行目の「{}」: {}", self.field, self.message),
            (Some(line), true) => write!(f, "{line} 行目: {}", self.message),
            (None, false) => write!(f, "「{}」: {}", self.field, self.message),
            (None, true) => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for PlanFileError {}

/// Reads and checks a plan file; the message names the file, the line and the key.
pub fn read_file(path: &Path) -> Result<crate::model::Plan, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("計画ファイル「{}」を読めません（{e}）。パスを確かめてください。", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("計画ファイル「{}」は UTF-8 ではありません。UTF-8 で保存し直してください。", path.display())
    })?;
    parse(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let gap = if e.line.is_some() { " " } else { "" };
        format!("計画ファイル「{}」の{gap}{e}", path.display())
    })
}

/// Whether a path names a plan workbook (by its extension) rather than a TOML plan file.
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A plan from a TOML plan file or a plan workbook (.xlsx), chosen by the extension.
pub fn read_any(path: &Path) -> Result<crate::model::Plan, String> {
    if is_workbook(path) { read_workbook_file(path) } else { read_file(path) }
}
