//! A plan from an Excel workbook (docs/plan-format.md, 「Excel の計画ブック」): the sheets are read
//! within the survey reader's bounds (`survey::bounded_sheets`: size, inflation, range caps), turned
//! into the same `FileIn` the TOML reader builds, and checked by the same `read::check`. Each value's
//! span is the index of the cell it came from, so a refusal names the sheet, the row and the column.

mod cells;
mod goals;
mod plan;

use std::io::Read as _;
use std::path::Path;

use toml::Spanned;

use super::PlanFileError;
use super::read::{CellAt, Source, check};
use crate::model::Plan;
use crate::survey::Value;

pub const PLAN: &str = "計画";
pub const FOCUS: &str = "重点項目";
pub const CATEGORIES: &str = "分類";
pub const ITEMS: &str = "改革項目";
pub const KPIS: &str = "数値目標";
pub const MILESTONES: &str = "中間目標";
pub const SCHEDULE: &str = "スケジュール";
pub const EFFECTS: &str = "効果額";

/// A data sheet and its columns, in order; the header row must read exactly so.
pub struct SheetSpec {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    /// The columns the first plan workbooks had (before the goals' columns were added at the end):
    /// a header that stops there is still read, the later columns as blank.
    pub first: usize,
    /// A sheet the first plan workbooks did not have: read as empty when it is missing.
    pub added: bool,
}

const fn sheet(name: &'static str, columns: &'static [&'static str], first: usize, added: bool) -> SheetSpec {
    SheetSpec { name, columns, first, added }
}

pub static SHEETS: [SheetSpec; 8] = [
    sheet(PLAN, &["計画名", "略称", "開始年度", "終了年度", "基準年度", "策定日"], 6, false),
    sheet(FOCUS, &["番号", "名称"], 2, false),
    sheet(CATEGORIES, &["重点項目番号", "分類名"], 2, false),
    sheet(
        ITEMS,
        &[
            "番号",
            "重点項目番号",
            "分類",
            "改革項目名",
            "実施課",
            "現状・課題",
            "実施内容・効果",
            "目標の見出し",
            "内容の見出し",
            "状態",
            "状態の年度",
            "状態の理由",
            "前計画の項目",
        ],
        7,
        false,
    ),
    sheet(
        KPIS,
        &[
            "項目番号",
            "目標名",
            "単位",
            "基準年度",
            "基準値",
            "目標年度",
            "目標値",
            "方向",
            "備考",
            "基準値の注記",
            "目標値の注記",
            "基準日",
            "表示",
            "小数",
        ],
        9,
        false,
    ),
    sheet(MILESTONES, &["項目番号", "目標名", "年度", "目標値", "累計"], 5, true),
    sheet(SCHEDULE, &["項目番号", "取組", "工程名", "開始", "終了"], 5, false),
    sheet(EFFECTS, &["項目番号", "年度", "計画（千円）", "実績（千円）"], 4, true),
];

/// A plan workbook is tens of kilobytes; the survey's cap is far above any real one.
const MAX_FILE_BYTES: u64 = crate::survey::MAX_FILE_BYTES;

/// Reads and checks a plan workbook; the message names the file, the sheet, the row and the column.
pub fn read_workbook_file(path: &Path) -> Result<Plan, String> {
    let fail = |reason: String| format!("計画ブック「{}」の{reason}", path.display());
    let file = std::fs::File::open(path)
        .map_err(|e| format!("計画ブック「{}」を読めません（{e}）。パスを確かめてください。", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("計画ブック「{}」を読めません（{e}）。", path.display()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "大きさが {} MB を超えています。計画ブックではありません。",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    parse_workbook(&bytes).map_err(|e| match e.sheet {
        Some(_) => fail(e.to_string()),
        None => format!("計画ブック「{}」: {e}", path.display()),
    })
}

/// The workbook's bytes → a checked `Plan`.
pub fn parse_workbook(bytes: &[u8]) -> Result<Plan, PlanFileError> {
    let wanted: Vec<(&str, u16)> = SHEETS.iter().map(|s| (s.name, s.columns.len() as u16)).collect();
    let grids = crate::survey::bounded_sheets(bytes, &wanted).map_err(|e| PlanFileError {
        line: None,
        field: String::new(),
        message: format!("Excel のブックとして読めません（{e}）。plan-template で作ったブックに記入してください。"),
        sheet: None,
    })?;
    let mut b = Builder { cells: Vec::new(), unknown_item: None };
    let mut tables = Vec::new();
    for (spec, grid) in SHEETS.iter().zip(grids) {
        match grid {
            Some(grid) => tables.push(table(spec, grid)?),
            None if spec.added => tables.push(Vec::new()),
            None => {
                return Err(at_sheet(
                    spec.name,
                    "シートがありません。plan-template で作ったブックに記入してください。",
                ));
            }
        }
    }
    let file = b.file(&tables)?;
    let plan = check(&file, Source::Cells(&b.cells))?;
    // A row naming no item is told after the items' own checks, so that a duplicate or mistyped
    // item number is named where it is, not where a row refers to it.
    match b.unknown_item {
        Some(e) => Err(e),
        None => Ok(plan),
    }
}

fn at_sheet(sheet: &str, message: &str) -> PlanFileError {
    PlanFileError { line: None, field: String::new(), message: message.to_string(), sheet: Some(sheet.to_string()) }
}

/// One data row: its Excel row number and its cells, one per column.
struct Row {
    sheet: &'static str,
    columns: &'static [&'static str],
    excel_row: usize,
    values: Vec<Value>,
}

/// The header checked, then the non-blank rows below it. A header that stops after the first
/// workbooks' columns is such a workbook: what its rows hold further right was never part of it.
fn table(spec: &'static SheetSpec, grid: Vec<Vec<Value>>) -> Result<Vec<Row>, PlanFileError> {
    let header = grid.first().cloned().unwrap_or_default();
    let heading = |i: usize| match header.get(i) {
        Some(Value::Text(t)) => t.trim().to_string(),
        _ => String::new(),
    };
    let first_only = (spec.first..spec.columns.len()).all(|i| heading(i).is_empty());
    let width = if first_only { spec.first } else { spec.columns.len() };
    for (i, want) in spec.columns.iter().enumerate().take(width) {
        let got = heading(i);
        if got != *want {
            return Err(PlanFileError {
                line: Some(1),
                field: want.to_string(),
                message: format!(
                    "見出しが「{got}」になっています。{} 列目の見出しは「{want}」です。列を並べ替えたり消したりしないでください。",
                    i + 1
                ),
                sheet: Some(spec.name.to_string()),
            });
        }
    }
    let mut rows = Vec::new();
    for (i, mut values) in grid.into_iter().enumerate().skip(1) {
        values.truncate(width);
        if values.iter().all(|v| matches!(v, Value::Blank) || matches!(v, Value::Text(t) if t.trim().is_empty())) {
            continue;
        }
        values.resize(spec.columns.len(), Value::Blank);
        rows.push(Row { sheet: spec.name, columns: spec.columns, excel_row: i + 1, values });
    }
    Ok(rows)
}

struct Builder {
    cells: Vec<CellAt>,
    unknown_item: Option<PlanFileError>,
}

impl Builder {
    fn refuse<T>(&self, row: &Row, col: usize, message: impl Into<String>) -> Result<T, PlanFileError> {
        Err(PlanFileError {
            line: Some(row.excel_row),
            field: row.columns[col].to_string(),
            message: message.into(),
            sheet: Some(row.sheet.to_string()),
        })
    }

    /// A span that points at the cell (row, col).
    fn span<T>(&mut self, row: &Row, col: usize, value: T) -> Spanned<T> {
        self.cells.push(CellAt { sheet: row.sheet, row: row.excel_row, column: row.columns[col] });
        let at = self.cells.len() - 1;
        Spanned::new(at..at + 1, value)
    }

    fn no_item(&mut self, row: &Row, n: u32) {
        if self.unknown_item.is_none() {
            let message = format!("改革項目{n}がありません。改革項目シートにある番号を入力してください。");
            self.unknown_item = self.refuse::<()>(row, 0, message).err();
        }
    }
}
