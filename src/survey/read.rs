//! Reading a returned survey: the workbook itself (calamine), or its main sheet saved as CSV by
//! Excel in Shift_JIS (CP932) or UTF-8, with or without BOM. Both become one grid of cells, and
//! the grid is read the same way. Nothing here judges the answers: that is `import`.

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use super::SurveyError;
use super::bounded::{Grid, MAX_FILE_BYTES, MAX_ROWS, xlsx_grid};
use super::sheet::*;
use crate::model::number::format_plain;
use crate::model::{FiscalYear, Id};

/// A cell as it came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Blank,
    Text(String),
    Number(f64),
    /// An Excel date serial (Excel turned a typed 2022/4 into a date).
    Date(f64),
    /// An error cell (#REF!, #DIV/0!): the answer that was meant is not in the file.
    Error(String),
    /// A formula whose result was never saved (a file not recalculated by Excel).
    Uncalculated,
}

impl Value {
    /// The cell as text: numbers in plain form, dates as their serial (callers that expect a
    /// date look at `Date` first).
    pub fn text(&self) -> String {
        match self {
            Value::Blank => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) | Value::Date(n) => format_plain(*n),
            Value::Error(e) => e.clone(),
            Value::Uncalculated => "（計算式）".into(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Value::Blank => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// Where a cell is: sheet, row (1-based, as Excel shows it), column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPos {
    pub sheet: String,
    pub row: u32,
    /// 0-based column index (A = 0).
    pub col: u16,
}

impl CellPos {
    pub fn column_letter(&self) -> String {
        let mut n = u32::from(self.col) + 1;
        let mut s = Vec::new();
        while n > 0 {
            let r = (n - 1) % 26;
            s.push(char::from(b'A' + r as u8));
            n = (n - 1) / 26;
        }
        s.iter().rev().collect()
    }
}

impl fmt::Display for CellPos {
    /// 調査票!J12
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}{}", self.sheet, self.column_letter(), self.row)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerCell {
    pub pos: CellPos,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiAnswer {
    pub kpi_id: Id,
    pub actual: AnswerCell,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhaseAnswer {
    pub phase_id: Id,
    pub status: AnswerCell,
    pub actual_start: AnswerCell,
    pub actual_end: AnswerCell,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationAnswer {
    pub item_id: Id,
    pub rating: AnswerCell,
    pub results: AnswerCell,
    pub next_steps: AnswerCell,
}

/// An item's actual 効果額 of the survey's year (千円). Sheets made before format 2 have none.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectAnswer {
    pub item_id: Id,
    pub actual: AnswerCell,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceFormat {
    Xlsx,
    /// CSV in the named encoding (UTF-8, Shift_JIS).
    Csv(&'static str),
}

/// One returned survey, as read (not yet judged against the record).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnswers {
    pub file_name: String,
    pub format: SourceFormat,
    pub record_id: String,
    pub year: FiscalYear,
    pub department: String,
    /// Why the locked cells do not match the sheet as it was made; `None` when intact.
    pub altered: Option<String>,
    pub kpis: Vec<KpiAnswer>,
    pub phases: Vec<PhaseAnswer>,
    pub evaluations: Vec<EvaluationAnswer>,
    /// Empty for a sheet without the 効果額 section (format 1).
    pub effects: Vec<EffectAnswer>,
}

/// Reads a returned survey file: .xlsx, or .csv (any other name is tried as both).
pub fn read_answers(path: &Path) -> Result<SurveyAnswers, SurveyError> {
    // Read no more than the cap (plus one byte to tell a larger file), whatever the file claims.
    let file = std::fs::File::open(path).map_err(|e| SurveyError::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| SurveyError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let reason = format!("{} MB を超える大きさです", MAX_FILE_BYTES / 1024 / 1024);
        return Err(SurveyError::not_a_survey(path, reason));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read_answers_from_bytes(&name, &bytes).map_err(|reason| SurveyError::not_a_survey(path, reason))
}

/// Reads every file of one import: the surveys read, and for each file that is not one a
/// sentence saying why (the others are still read). The window and the CLI both start here.
pub fn read_all_answers(paths: &[std::path::PathBuf]) -> (Vec<SurveyAnswers>, Vec<String>) {
    let mut answers = Vec::new();
    let mut unreadable = Vec::new();
    for p in paths {
        match read_answers(p) {
            Ok(a) => answers.push(a),
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    (answers, unreadable)
}

/// Reads a survey from its bytes; `file_name` names it in messages. Errors are the reason why
/// the bytes are not a survey.
pub fn read_answers_from_bytes(file_name: &str, bytes: &[u8]) -> Result<SurveyAnswers, String> {
    // An .xlsx is a zip archive: "PK\x03\x04".
    if bytes.starts_with(b"PK\x03\x04") {
        let (grid, hidden) = xlsx_grid(bytes)?;
        answers_from_grid(file_name, SourceFormat::Xlsx, &grid, hidden.as_ref())
    } else {
        let (text, encoding) = decode_csv(bytes);
        let grid = csv_grid(&text)?;
        answers_from_grid(file_name, SourceFormat::Csv(encoding), &grid, None)
    }
}

fn cell(grid: &Grid, row: usize, col: u16) -> &Value {
    grid.get(row).and_then(|r| r.get(usize::from(col))).unwrap_or(&Value::Blank)
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Shift_JIS as Excel on a
/// Japanese Windows writes it (encoding_rs's SHIFT_JIS is the WHATWG form, a superset of CP932).
fn decode_csv(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), "UTF-8");
    }
    let (text, _, _) = encoding_rs::SHIFT_JIS.decode(bytes);
    (text.into_owned(), "Shift_JIS")
}

/// The codes Excel shows (and writes into CSV) for an error cell.
const EXCEL_ERRORS: [&str; 8] = ["#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"];

fn csv_grid(text: &str) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records().take(MAX_ROWS as usize) {
        let record = record.map_err(|e| format!("CSV として読めません: {e}"))?;
        grid.push(
            record
                .iter()
                .take(usize::from(COLUMNS))
                .map(|s| {
                    let s = s.replace("\r\n", "\n");
                    if s.is_empty() {
                        Value::Blank
                    } else if EXCEL_ERRORS.contains(&s.trim()) {
                        // Excel saves an error cell into CSV as its code: still an error, not an answer.
                        Value::Error(s.trim().to_string())
                    } else {
                        Value::Text(s)
                    }
                })
                .collect(),
        );
    }
    Ok(grid)
}

struct Identity {
    record_id: String,
    year: FiscalYear,
    department: String,
    checksum: String,
}

/// The identity line of the main sheet: 記録ID, <id>, …, 年度, <year>, 実施課, <dept>, 検査値, <sum>.
fn visible_identity(grid: &Grid) -> Result<(usize, Identity), String> {
    let row = grid
        .iter()
        .position(|r| r.first().map(|v| v.text().trim() == ID_LABEL).unwrap_or(false))
        .ok_or_else(|| "識別情報の行（記録ID）が見つかりません".to_string())?;
    let cells: Vec<String> = grid[row].iter().map(|v| v.text().trim().to_string()).collect();
    let after = |label: &str| -> Option<String> {
        let i = cells.iter().position(|c| c == label)?;
        cells[i + 1..].iter().find(|c| !c.is_empty()).cloned()
    };
    let record_id = after(ID_LABEL).ok_or("記録ID が空です")?;
    let year_text = after(YEAR_LABEL).ok_or("年度が空です")?;
    let year = FiscalYear::parse(&year_text).ok_or_else(|| format!("年度「{year_text}」を読めません"))?;
    let department = after(DEPARTMENT_LABEL).ok_or("実施課が空です")?;
    let checksum = after(CHECK_LABEL).ok_or("検査値が空です")?;
    Ok((row, Identity { record_id, year, department, checksum }))
}

fn hidden_identity(grid: &Grid) -> Result<Identity, String> {
    let get = |label: &str| -> Option<String> {
        grid.iter().find(|r| r.first().map(|v| v.text() == label).unwrap_or(false)).map(|r| cell_text(r, 1))
    };
    if !get(FORMAT_LABEL).is_some_and(|f| FORMATS_READ.contains(&f.as_str())) {
        return Err(format!("シート「{ID_SHEET}」の形式が違います"));
    }
    let year_text = get(YEAR_LABEL).unwrap_or_default();
    Ok(Identity {
        record_id: get(ID_LABEL).unwrap_or_default(),
        year: FiscalYear::parse(&year_text).ok_or_else(|| format!("年度「{year_text}」を読めません"))?,
        department: get(DEPARTMENT_LABEL).unwrap_or_default(),
        checksum: get(CHECK_LABEL).unwrap_or_default(),
    })
}

fn cell_text(row: &[Value], col: usize) -> String {
    row.get(col).map(|v| v.text().trim().to_string()).unwrap_or_default()
}

fn answers_from_grid(
    file_name: &str,
    format: SourceFormat,
    grid: &Grid,
    hidden: Option<&Grid>,
) -> Result<SurveyAnswers, String> {
    let (id_row, visible) = visible_identity(grid)?;
    let mut altered = None;
    let identity = match (&format, hidden) {
        (SourceFormat::Xlsx, None) => return Err(format!("シート「{ID_SHEET}」がありません")),
        (SourceFormat::Xlsx, Some(h)) => {
            let hidden = hidden_identity(h)?;
            if (&hidden.record_id, hidden.year, &hidden.department, &hidden.checksum)
                != (&visible.record_id, visible.year, &visible.department, &visible.checksum)
            {
                altered = Some(format!("{}行目の識別情報が、隠しシート「{ID_SHEET}」の内容と一致しません", id_row + 1));
            }
            hidden
        }
        (SourceFormat::Csv(_), _) => visible,
    };

    let pos = |row: usize, col: u16| CellPos { sheet: MAIN_SHEET.to_string(), row: row as u32 + 1, col };
    let answer = |row: usize, col: u16| AnswerCell { pos: pos(row, col), value: cell(grid, row, col).clone() };
    let mut keys: Vec<(RowKind, Vec<String>)> = Vec::new();
    let mut answers = SurveyAnswers {
        file_name: file_name.to_string(),
        format,
        record_id: identity.record_id.clone(),
        year: identity.year,
        department: identity.department.clone(),
        altered: None,
        kpis: Vec::new(),
        phases: Vec::new(),
        evaluations: Vec::new(),
        effects: Vec::new(),
    };
    for (r, row) in grid.iter().enumerate().skip(id_row + 1) {
        let Some(kind) = row.first().and_then(|v| RowKind::from_label(&v.text())) else { continue };
        keys.push((kind, (0..kind.locked_columns()).map(|c| cell(grid, r, c).text().trim().to_string()).collect()));
        let id_text = cell(grid, r, COL_ID).text();
        let Ok(id) = id_text.trim().parse::<Id>() else {
            altered
                .get_or_insert_with(|| format!("{} の ID「{}」が数値ではありません", pos(r, COL_ID), id_text.trim()));
            continue;
        };
        match kind {
            RowKind::Kpi => answers.kpis.push(KpiAnswer { kpi_id: id, actual: answer(r, COL_KPI_ACTUAL) }),
            RowKind::Phase => answers.phases.push(PhaseAnswer {
                phase_id: id,
                status: answer(r, COL_PHASE_STATUS),
                actual_start: answer(r, COL_PHASE_START),
                actual_end: answer(r, COL_PHASE_END),
            }),
            RowKind::Evaluation => answers.evaluations.push(EvaluationAnswer {
                item_id: id,
                rating: answer(r, COL_EVAL_RATING),
                results: answer(r, COL_EVAL_RESULTS),
                next_steps: answer(r, COL_EVAL_NEXT),
            }),
            RowKind::Effect => answers.effects.push(EffectAnswer { item_id: id, actual: answer(r, COL_EFFECT_ACTUAL) }),
        }
    }
    if altered.is_none() {
        let sum = checksum_of(&identity.record_id, identity.year, &identity.department, &keys);
        if !sum.eq_ignore_ascii_case(identity.checksum.trim()) {
            altered = Some(
                "灰色（変更不可）のセルの内容が、作成したときと違います。行の追加・削除・並べ替えや、項目・ID の書き換えはできません"
                    .to_string(),
            );
        }
    }
    answers.altered = altered;
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        let p = |col| CellPos { sheet: "s".into(), row: 3, col };
        assert_eq!(p(0).to_string(), "s!A3");
        assert_eq!(p(9).to_string(), "s!J3");
        assert_eq!(p(26).column_letter(), "AA");
    }

    #[test]
    fn error_codes_saved_into_csv_stay_errors() {
        let grid = csv_grid("評価,#REF!,#N/A,#REF!です\r\n").unwrap();
        assert_eq!(grid[0][1], Value::Error("#REF!".into()));
        assert_eq!(grid[0][2], Value::Error("#N/A".into()));
        assert_eq!(grid[0][3], Value::Text("#REF!です".into()));
    }

    #[test]
    fn csv_encodings() {
        let text = "記録ID,abc\r\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert_eq!(decode_csv(&sjis), (text.to_string(), "Shift_JIS"));
        assert_eq!(decode_csv(text.as_bytes()).1, "UTF-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_csv(&bom), (text.to_string(), "UTF-8"));
    }
}
