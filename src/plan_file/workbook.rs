//! A plan from an Excel workbook (docs/plan-format.md, 「Excel の計画ブック」): the sheets are read
//! within the survey reader's bounds (`survey::bounded_sheets`: size, inflation, range caps), turned
//! into the same `FileIn` the TOML reader builds, and checked by the same `read::check`. Each value's
//! span is the index of the cell it came from, so a refusal names the sheet, the row and the column.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

use toml::Spanned;

use super::PlanFileError;
use super::format::{FileIn, FocusAreaIn, ItemIn, KpiIn, PhaseIn, PlanIn, RowIn, ValueIo};
use super::read::{CellAt, Source, check};
use crate::model::{FiscalYear, Plan};
use crate::survey::Value;

pub const PLAN: &str = "計画";
pub const FOCUS: &str = "重点項目";
pub const CATEGORIES: &str = "分類";
pub const ITEMS: &str = "改革項目";
pub const KPIS: &str = "数値目標";
pub const SCHEDULE: &str = "スケジュール";

/// Every data sheet with its columns, in order; the header row must read exactly so.
pub const SHEETS: [(&str, &[&str]); 6] = [
    (PLAN, &["計画名", "略称", "開始年度", "終了年度", "基準年度", "策定日"]),
    (FOCUS, &["番号", "名称"]),
    (CATEGORIES, &["重点項目番号", "分類名"]),
    (ITEMS, &["番号", "重点項目番号", "分類", "改革項目名", "実施課", "現状・課題", "実施内容・効果"]),
    (KPIS, &["項目番号", "目標名", "単位", "基準年度", "基準値", "目標年度", "目標値", "方向", "備考"]),
    (SCHEDULE, &["項目番号", "取組", "工程名", "開始", "終了"]),
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
    let wanted: Vec<(&str, u16)> = SHEETS.iter().map(|(name, cols)| (*name, cols.len() as u16)).collect();
    let grids = crate::survey::bounded_sheets(bytes, &wanted).map_err(|e| PlanFileError {
        line: None,
        field: String::new(),
        message: format!("Excel のブックとして読めません（{e}）。plan-template で作ったブックに記入してください。"),
        sheet: None,
    })?;
    let mut b = Builder { cells: Vec::new(), unknown_item: None };
    let mut tables = Vec::new();
    for ((name, columns), grid) in SHEETS.iter().zip(grids) {
        let Some(grid) = grid else {
            return Err(at_sheet(name, "シートがありません。plan-template で作ったブックに記入してください。"));
        };
        tables.push(b.table(name, columns, grid)?);
    }
    let file = b.file(&tables)?;
    let plan = check(&file, Source::Cells(&b.cells))?;
    // A KPI or schedule row naming no item is told after the items' own checks, so that a
    // duplicate or mistyped item number is named where it is, not where a row refers to it.
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

struct Builder {
    cells: Vec<CellAt>,
    unknown_item: Option<PlanFileError>,
}

impl Builder {
    /// The header checked, then the non-blank rows below it.
    fn table(
        &self,
        sheet: &'static str,
        columns: &'static [&'static str],
        grid: Vec<Vec<Value>>,
    ) -> Result<Vec<Row>, PlanFileError> {
        let header = grid.first().cloned().unwrap_or_default();
        for (i, want) in columns.iter().enumerate() {
            let got = match header.get(i) {
                Some(Value::Text(t)) => t.trim().to_string(),
                _ => String::new(),
            };
            if got != *want {
                return Err(PlanFileError {
                    line: Some(1),
                    field: want.to_string(),
                    message: format!(
                        "見出しが「{got}」になっています。{} 列目の見出しは「{want}」です。列を並べ替えたり消したりしないでください。",
                        i + 1
                    ),
                    sheet: Some(sheet.to_string()),
                });
            }
        }
        let mut rows = Vec::new();
        for (i, line) in grid.into_iter().enumerate().skip(1) {
            if line.iter().all(|v| matches!(v, Value::Blank) || matches!(v, Value::Text(t) if t.trim().is_empty())) {
                continue;
            }
            let mut values = line;
            values.resize(columns.len(), Value::Blank);
            rows.push(Row { sheet, columns, excel_row: i + 1, values });
        }
        Ok(rows)
    }

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

    /// A cell's text; blank is "". Dates, errors and uncalculated formulas are refused.
    fn text(&self, row: &Row, col: usize) -> Result<String, PlanFileError> {
        match &row.values[col] {
            Value::Blank => Ok(String::new()),
            Value::Text(t) => match crate::model::limits::check_text(row.columns[col], t) {
                Ok(()) => Ok(t.trim().to_string()),
                Err(e) => self.refuse(row, col, e.to_string()),
            },
            Value::Number(n) => Ok(crate::model::number::format_plain(*n)),
            Value::Date(_) => self.refuse(row, col, "日付になっています。文字で入力してください。"),
            Value::Error(e) => self.refuse(row, col, format!("エラー（{e}）のセルです。値を入力してください。")),
            Value::Uncalculated => {
                self.refuse(row, col, "計算されていない数式です。Excel で開いて保存し直してください。")
            }
        }
    }

    fn required(&self, row: &Row, col: usize) -> Result<String, PlanFileError> {
        let t = self.text(row, col)?;
        if t.is_empty() {
            return self.refuse(row, col, "空です。入力してください。");
        }
        Ok(t)
    }

    fn no_item(&mut self, row: &Row, n: u32) {
        if self.unknown_item.is_none() {
            let message = format!("改革項目{n}がありません。改革項目シートにある番号を入力してください。");
            self.unknown_item = self.refuse::<()>(row, 0, message).err();
        }
    }

    fn spanned_text(&mut self, row: &Row, col: usize, required: bool) -> Result<Spanned<String>, PlanFileError> {
        let t = if required { self.required(row, col)? } else { self.text(row, col)? };
        Ok(self.span(row, col, t))
    }

    /// A whole number (番号): typed as a number or as digits.
    fn number(&mut self, row: &Row, col: usize) -> Result<Spanned<u32>, PlanFileError> {
        let n = match &row.values[col] {
            Value::Number(n) if n.fract() == 0.0 && (1.0..=1_000_000.0).contains(n) => Some(*n as u32),
            Value::Text(t) => crate::model::number::parse_number(t.trim())
                .ok()
                .flatten()
                .filter(|n| n.fract() == 0.0 && (1.0..=1_000_000.0).contains(n))
                .map(|n| n as u32),
            _ => None,
        };
        match n {
            Some(n) => Ok(self.span(row, col, n)),
            None => {
                let shown = self.text(row, col).unwrap_or_default();
                self.refuse(row, col, format!("「{shown}」は番号として読めません。1 以上の整数を入力してください。"))
            }
        }
    }

    /// A fiscal year as 2024, 令和6, R6 or 令和6年度.
    fn year(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<i32>>, PlanFileError> {
        let text = self.text(row, col)?;
        if text.is_empty() {
            return Ok(None);
        }
        match FiscalYear::parse(&text) {
            Some(y) => Ok(Some(self.span(row, col, y.0))),
            None => self.refuse(
                row,
                col,
                format!("年度「{text}」は読めません。2024、令和6、R6 のどれかの書き方で入力してください。"),
            ),
        }
    }

    fn required_year(&mut self, row: &Row, col: usize) -> Result<Spanned<i32>, PlanFileError> {
        match self.year(row, col)? {
            Some(y) => Ok(y),
            None => self.refuse(row, col, "空です。年度を入力してください（2024、令和6、R6）。"),
        }
    }

    /// A month as YYYY-MM text, or a date Excel made of it (typing 2024-04 gives a date).
    fn month(&mut self, row: &Row, col: usize) -> Result<Spanned<String>, PlanFileError> {
        let text = match &row.values[col] {
            Value::Date(serial) => crate::survey::month_of_serial(*serial).map(|m| m.iso()).unwrap_or_default(),
            _ => self.required(row, col)?,
        };
        Ok(self.span(row, col, text))
    }

    /// A KPI value and the decimals its text shows. A number cell cannot show its decimals to
    /// calamine, so a value whose decimals matter (18.0) is written as the text "18.0": a text of
    /// plain digits is that number, printed with the decimals written.
    fn value(&mut self, row: &Row, col: usize) -> Result<(Option<Spanned<ValueIo>>, Option<u8>), PlanFileError> {
        let (v, shown) = match &row.values[col] {
            Value::Blank => return Ok((None, None)),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (ValueIo::Integer(*n as i64), None),
            Value::Number(n) => (ValueIo::Float(*n), None),
            _ => {
                let t = self.text(row, col)?;
                if t.is_empty() {
                    return Ok((None, None));
                }
                match plain_decimal(&t) {
                    Some((n, 0)) => (ValueIo::Integer(n as i64), None),
                    Some((n, d)) => (ValueIo::Float(n), Some(d)),
                    None => (ValueIo::Text(t), None),
                }
            }
        };
        Ok((Some(self.span(row, col, v)), shown))
    }

    fn file(&mut self, tables: &[Vec<Row>]) -> Result<FileIn, PlanFileError> {
        let [plan_rows, focus_rows, category_rows, item_rows, kpi_rows, schedule_rows] = tables else {
            unreachable!("SHEETS has six sheets")
        };
        let plan = match plan_rows.as_slice() {
            [] => return Err(at_sheet(PLAN, "2 行目に計画名・略称・期間を入力してください。")),
            [row] => PlanIn {
                name: self.spanned_text(row, 0, true)?,
                short_name: self.spanned_text(row, 1, true)?,
                first_year: self.required_year(row, 2)?,
                last_year: self.required_year(row, 3)?,
                baseline_year: self.required_year(row, 4)?,
                adopted_on: Some(self.spanned_text(row, 5, false)?),
            },
            [_, extra, ..] => return self.refuse(extra, 0, "計画は 1 行だけです。2 行目だけに入力してください。"),
        };

        let mut categories: BTreeMap<u32, (Spanned<()>, Vec<String>)> = BTreeMap::new();
        let mut focus_numbers = BTreeSet::new();
        for row in focus_rows {
            focus_numbers.insert(self.number(row, 0)?.into_inner());
        }
        for row in category_rows {
            let area = self.number(row, 0)?.into_inner();
            if !focus_numbers.contains(&area) {
                return self.refuse(
                    row,
                    0,
                    format!("重点項目{area}がありません。重点項目シートにある番号を入力してください。"),
                );
            }
            let title = self.required(row, 1)?;
            let span = self.span(row, 1, ());
            let entry = categories.entry(area).or_insert_with(|| (span, Vec::new()));
            if entry.1.contains(&title) {
                return self.refuse(row, 1, format!("重点項目{area}に分類「{title}」が二度あります。"));
            }
            entry.1.push(title);
        }
        let mut focus_areas = Vec::new();
        for row in focus_rows {
            let number = self.number(row, 0)?;
            let title = self.spanned_text(row, 1, true)?;
            let (span, list) = match categories.remove(number.get_ref()) {
                Some((span, list)) => (span.span(), list),
                None => (number.span(), Vec::new()),
            };
            focus_areas.push(FocusAreaIn { number, title, categories: Spanned::new(span, list) });
        }

        let mut items = Vec::new();
        for row in item_rows {
            items.push(ItemIn {
                number: self.number(row, 0)?,
                focus_area: self.number(row, 1)?,
                category: self.spanned_text(row, 2, true)?,
                title: self.spanned_text(row, 3, true)?,
                department: self.spanned_text(row, 4, false)?,
                current_issues: self.spanned_text(row, 5, false)?,
                actions: self.spanned_text(row, 6, false)?,
                // The workbook has no column for the link to a predecessor item (a rollover writes it).
                predecessor: None,
                // Nor for a status: a new plan's items are all under way.
                status: None,
                status_year: None,
                status_reason: None,
                goal_heading: None,
                actions_heading: None,
                effects: Vec::new(),
                kpis: Vec::new(),
                schedule: Vec::new(),
            });
        }
        // KPI and schedule rows name their item by number; the first item with it takes them
        // (a duplicate number is refused by the check anyway).
        let item_at = |items: &[ItemIn], n: u32| items.iter().position(|i| *i.number.get_ref() == n);
        for row in kpi_rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(&items, n) else {
                self.no_item(row, n);
                continue;
            };
            let direction_text = self.required(row, 7)?;
            let direction = match direction_text.as_str() {
                "増加" | "increase" => "increase",
                "減少" | "decrease" => "decrease",
                other => {
                    return self.refuse(
                        row,
                        7,
                        format!("方向「{other}」は読めません。増加 か 減少 を選んでください。"),
                    );
                }
            };
            let (baseline, baseline_shown) = self.value(row, 4)?;
            let (target, target_shown) = self.value(row, 6)?;
            let decimals = match (baseline_shown, target_shown) {
                (None, None) => None,
                (b, t) => {
                    let col = if t >= b { 6 } else { 4 };
                    Some(self.span(row, col, b.max(t).unwrap_or(0)))
                }
            };
            let kpi = KpiIn {
                name: self.spanned_text(row, 1, true)?,
                unit: self.text(row, 2)?,
                baseline_year: self.year(row, 3)?,
                baseline,
                target_year: self.year(row, 5)?,
                target,
                direction: self.span(row, 7, direction.to_string()),
                note: self.text(row, 8)?,
                decimals,
                // The workbook keeps to the columns an office fills in for a new plan; remarks,
                // milestones and 万 are set afterwards in the window or a plan file.
                baseline_note: String::new(),
                target_note: String::new(),
                baseline_date: None,
                scale: None,
                milestones: Vec::new(),
            };
            items[at].kpis.push(kpi);
        }
        for row in schedule_rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(&items, n) else {
                self.no_item(row, n);
                continue;
            };
            let label = self.required(row, 1)?;
            let phase = PhaseIn {
                label: self.text(row, 2)?,
                start: self.month(row, 3)?,
                end: self.month(row, 4)?,
                actual_start: None,
                actual_end: None,
                status: None,
                note: String::new(),
            };
            let schedule = &mut items[at].schedule;
            match schedule.iter_mut().find(|r| r.label == label) {
                Some(r) => r.phases.push(phase),
                None => schedule.push(RowIn { label, phases: vec![phase] }),
            }
        }
        Ok(FileIn { plan, focus_areas, items })
    }
}

/// "18", "18.0", "-2.50", "１８．０" → the number and its decimals; anything else (10%, 1,000,
/// words) is text.
fn plain_decimal(text: &str) -> Option<(f64, u8)> {
    let half = crate::model::number::to_half_width(text.trim());
    let digits = half.strip_prefix('-').unwrap_or(&half);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !all_digits(int) || int.len() > 15 || (digits.contains('.') && !all_digits(frac)) || frac.len() > 6 {
        return None;
    }
    Some((half.parse().ok()?, frac.len() as u8))
}

#[cfg(test)]
mod tests {
    use super::plain_decimal;

    #[test]
    fn only_plain_numbers_written_as_text_are_numbers() {
        assert_eq!(plain_decimal("18.0"), Some((18.0, 1)));
        assert_eq!(plain_decimal(" -2.50 "), Some((-2.5, 2)));
        assert_eq!(plain_decimal("１８．０"), Some((18.0, 1)));
        assert_eq!(plain_decimal("60"), Some((60.0, 0)));
        for text in ["10%", "1,000", "18.", ".5", "存続の可否決定", "R5.6.1現在", "1e5", "-", "1.2345678"] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
    }
}
