//! The layout of a survey sheet, as data: which row holds what, which cells are locked keys and
//! which are answers. The writer draws it, the reader finds its way back with it, and the check
//! value is computed over its locked cells on both sides.
//!
//! Everything lives on one sheet (数値目標, then 工程, then 評価, then 効果額, each row saying its
//! kind in column A) so that the sheet saved as one CSV by Excel carries the whole answer, identity
//! line included. The hidden sheet repeats the identity for the workbook form.
//!
//! The 効果額 section came later (format 2). A sheet of format 1 has no such rows, and its check
//! value was computed over the rows it has: the reader sums the rows it finds, so both read alike.

use super::checksum::Checksum;
use crate::model::{FiscalYear, Item, KpiValue, Plan};

/// The visible sheet that carries everything.
pub const MAIN_SHEET: &str = "調査票";
/// The hidden sheet with the record's identity.
pub(crate) const ID_SHEET: &str = "識別情報";
/// First cell of the identity line (visible, and in the CSV).
pub(crate) const ID_LABEL: &str = "記録ID";
pub(crate) const YEAR_LABEL: &str = "年度";
pub(crate) const DEPARTMENT_LABEL: &str = "実施課";
pub(crate) const CHECK_LABEL: &str = "検査値";
pub(crate) const FORMAT_LABEL: &str = "形式";
/// Written on new sheets: 2 has the 効果額 section. A build that knows only 1 refuses a 2 by its
/// format instead of dropping the 効果額 rows unread.
pub(crate) const FORMAT_VALUE: &str = "reform-tracker 進捗調査票 2";
/// Every format this build reads; 1 is the sheet without 効果額, still answered in the field.
pub(crate) const FORMATS_READ: [&str; 2] = ["reform-tracker 進捗調査票 1", FORMAT_VALUE];

pub(crate) const COL_ID: u16 = 1;
/// Number of columns of the sheet (A..J).
pub(crate) const COLUMNS: u16 = 10;

/// Kind of a data row, written in column A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowKind {
    Kpi,
    Phase,
    Evaluation,
    /// An item's 効果額 of the year (千円).
    Effect,
}

impl RowKind {
    pub const ALL: [RowKind; 4] = [RowKind::Kpi, RowKind::Phase, RowKind::Evaluation, RowKind::Effect];

    pub fn label(self) -> &'static str {
        match self {
            RowKind::Kpi => "数値目標",
            RowKind::Phase => "工程",
            RowKind::Evaluation => "評価",
            RowKind::Effect => "効果額",
        }
    }

    pub fn from_label(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == text.trim())
    }

    /// Columns A.. that are locked keys; the answers follow.
    pub fn locked_columns(self) -> u16 {
        match self {
            RowKind::Kpi => 9,
            RowKind::Phase => 7,
            RowKind::Evaluation => 4,
            RowKind::Effect => 6,
        }
    }

    pub fn section_title(self) -> &'static str {
        match self {
            RowKind::Kpi => "１　数値目標（KPI）の実績",
            RowKind::Phase => "２　取組スケジュールの進捗",
            RowKind::Evaluation => "３　自己評価",
            RowKind::Effect => "４　効果額（千円）",
        }
    }
}

// Answer columns.
pub(crate) const COL_KPI_ACTUAL: u16 = 9;
pub(crate) const COL_PHASE_STATUS: u16 = 7;
pub(crate) const COL_PHASE_START: u16 = 8;
pub(crate) const COL_PHASE_END: u16 = 9;
pub(crate) const COL_EVAL_RATING: u16 = 4;
/// 取組実績: merged over F..H.
pub(crate) const COL_EVAL_RESULTS: u16 = 5;
pub(crate) const COL_EVAL_RESULTS_LAST: u16 = 7;
/// 課題・今後の方針: merged over I..J.
pub(crate) const COL_EVAL_NEXT: u16 = 8;
pub(crate) const COL_EVAL_NEXT_LAST: u16 = 9;
/// The year's actual 効果額 (千円), after 年度 (E) and 計画 (F).
pub(crate) const COL_EFFECT_ACTUAL: u16 = 6;

/// Column headings of each section (A..J; an empty heading continues a merged one).
pub(crate) fn headings(kind: RowKind, year: FiscalYear) -> Vec<String> {
    let prev = FiscalYear(year.0 - 1);
    let v: Vec<String> = match kind {
        RowKind::Kpi => vec![
            "種別".into(),
            "ID".into(),
            "項目番号".into(),
            "改革項目".into(),
            "目標名".into(),
            "単位".into(),
            "基準値".into(),
            "目標値".into(),
            format!("{}実績（参考）", prev.japanese()),
            format!("{}実績", year.japanese()),
        ],
        RowKind::Phase => vec![
            "種別".into(),
            "ID".into(),
            "項目番号".into(),
            "改革項目".into(),
            "取組".into(),
            "工程".into(),
            "計画期間".into(),
            "状態".into(),
            "実績開始（年-月）".into(),
            "実績終了（年-月）".into(),
        ],
        RowKind::Evaluation => vec![
            "種別".into(),
            "ID".into(),
            "項目番号".into(),
            "改革項目".into(),
            "自己評価（S/A/B/C）".into(),
            "取組実績".into(),
            String::new(),
            String::new(),
            "課題・今後の方針".into(),
            String::new(),
        ],
        // Seven columns: H..J stay empty.
        RowKind::Effect => vec![
            "種別".into(),
            "ID".into(),
            "項目番号".into(),
            "改革項目".into(),
            "年度".into(),
            "計画（千円）".into(),
            "実績（千円）".into(),
        ],
    };
    v
}

/// A locked key cell: numbers (ids, item numbers) are written as numbers, the rest as text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Number(i64),
    Text(String),
}

impl Key {
    pub fn text(&self) -> String {
        match self {
            Key::Number(n) => n.to_string(),
            Key::Text(t) => t.clone(),
        }
    }
}

/// The value an answer cell is written with (the record's current value, to be corrected).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Prefill {
    Number(f64),
    /// Text typed as text (the cell's format is `@`, so Excel keeps 2022-04 as it is).
    Text(String),
    /// A drop-down choice.
    Choice(String),
    Blank,
}

#[derive(Debug, Clone)]
pub(crate) struct DataRow {
    pub kind: RowKind,
    pub keys: Vec<Key>,
    pub answers: Vec<Prefill>,
}

/// Everything a department's sheet holds, before it is drawn.
#[derive(Debug, Clone)]
pub(crate) struct SheetModel {
    pub plan_name: String,
    pub record_id: String,
    pub year: FiscalYear,
    pub department: String,
    pub rows: Vec<DataRow>,
}

impl SheetModel {
    pub fn build(plan: &Plan, record_id: &str, year: FiscalYear, department: &str) -> SheetModel {
        let items = super::items_due(plan, department, year);
        let mut rows = Vec::new();
        for item in &items {
            rows.extend(kpi_rows(item, year));
        }
        for item in &items {
            rows.extend(phase_rows(item));
        }
        for item in &items {
            rows.push(evaluation_row(item, year));
        }
        for item in &items {
            rows.push(effect_row(item, year));
        }
        SheetModel {
            plan_name: plan.info.name.clone(),
            record_id: record_id.to_string(),
            year,
            department: department.to_string(),
            rows,
        }
    }

    pub fn rows_of(&self, kind: RowKind) -> impl Iterator<Item = &DataRow> {
        self.rows.iter().filter(move |r| r.kind == kind)
    }

    pub fn checksum(&self) -> String {
        let keys: Vec<(RowKind, Vec<String>)> =
            self.rows.iter().map(|r| (r.kind, r.keys.iter().map(Key::text).collect())).collect();
        checksum_of(&self.record_id, self.year, &self.department, &keys)
    }
}

/// The check value over the identity and the locked cells of every data row, in sheet order.
pub(crate) fn checksum_of(
    record_id: &str,
    year: FiscalYear,
    department: &str,
    rows: &[(RowKind, Vec<String>)],
) -> String {
    let mut sum = Checksum::new();
    sum.field(record_id);
    sum.field(&year.0.to_string());
    sum.field(department);
    sum.end_row();
    for (kind, keys) in rows {
        sum.field(kind.label());
        for k in keys.iter().skip(1) {
            sum.field(k);
        }
        sum.end_row();
    }
    sum.hex()
}

fn value_text(v: Option<&KpiValue>) -> String {
    v.map(KpiValue::display).unwrap_or_default()
}

fn common_keys(kind: RowKind, id: i64, item: &Item) -> Vec<Key> {
    vec![
        Key::Text(kind.label().into()),
        Key::Number(id),
        Key::Number(i64::from(item.number)),
        Key::Text(item.title.clone()),
    ]
}

/// The KPI's name with its remarks (基準値/目標値の注記, 中間目標, 備考) below it, so the department
/// answers knowing them. A locked cell like the name was: the check value is over the cell as
/// written, so sheets made before (the name alone) still read; kept within one Excel cell.
fn kpi_title(k: &crate::model::Kpi) -> String {
    let remarks = k.remarks();
    if remarks.is_empty() {
        return k.name.clone();
    }
    let text = format!("{}\n（{}）", k.name, remarks);
    if text.chars().count() <= crate::model::limits::MAX_TEXT_CHARS { text } else { k.name.clone() }
}

fn kpi_rows(item: &Item, year: FiscalYear) -> Vec<DataRow> {
    let prev = FiscalYear(year.0 - 1);
    item.kpis
        .iter()
        .map(|k| {
            let mut keys = common_keys(RowKind::Kpi, k.id, item);
            keys.extend([
                Key::Text(kpi_title(k)),
                Key::Text(k.unit.clone()),
                Key::Text(value_text(k.baseline.as_ref())),
                Key::Text(value_text(k.target.as_ref())),
                Key::Text(value_text(k.actuals.get(&prev))),
            ]);
            let answer = match k.actuals.get(&year) {
                Some(KpiValue::Number(n)) => Prefill::Number(*n),
                Some(KpiValue::Text(t)) => Prefill::Text(t.clone()),
                None => Prefill::Blank,
            };
            DataRow { kind: RowKind::Kpi, keys, answers: vec![answer] }
        })
        .collect()
}

fn phase_rows(item: &Item) -> Vec<DataRow> {
    let mut rows = Vec::new();
    for row in &item.schedule {
        for p in &row.phases {
            let d = &p.data;
            let mut keys = common_keys(RowKind::Phase, p.id, item);
            keys.extend([
                Key::Text(row.label.clone()),
                Key::Text(d.label.clone()),
                Key::Text(format!("{}〜{}", d.start.iso(), d.end.iso())),
            ]);
            let month =
                |m: Option<crate::model::YearMonth>| m.map(|m| Prefill::Text(m.iso())).unwrap_or(Prefill::Blank);
            rows.push(DataRow {
                kind: RowKind::Phase,
                keys,
                answers: vec![Prefill::Choice(d.status.label().into()), month(d.actual_start), month(d.actual_end)],
            });
        }
    }
    rows
}

fn evaluation_row(item: &Item, year: FiscalYear) -> DataRow {
    let e = item.evaluation(year);
    let text =
        |t: Option<&String>| t.filter(|t| !t.is_empty()).map(|t| Prefill::Text(t.clone())).unwrap_or(Prefill::Blank);
    let rating = match e.map(|e| e.rating) {
        Some(r) if r != crate::model::Rating::Unrated => Prefill::Choice(r.code().into()),
        _ => Prefill::Blank,
    };
    DataRow {
        kind: RowKind::Evaluation,
        keys: common_keys(RowKind::Evaluation, item.id, item),
        answers: vec![rating, text(e.map(|e| &e.results)), text(e.map(|e| &e.next_steps))],
    }
}

/// The item's 効果額 of the year: the plan's amount shown (locked), the actual asked for, pre-filled
/// with what the record holds.
fn effect_row(item: &Item, year: FiscalYear) -> DataRow {
    let effect = item.effects.get(&year);
    let planned = effect.and_then(|e| e.planned).map(crate::model::number::format_grouped).unwrap_or_default();
    let mut keys = common_keys(RowKind::Effect, item.id, item);
    keys.extend([Key::Text(year.japanese()), Key::Text(planned)]);
    let answer = effect.and_then(|e| e.actual).map(Prefill::Number).unwrap_or(Prefill::Blank);
    DataRow { kind: RowKind::Effect, keys, answers: vec![answer] }
}

/// 進捗調査票_令和4年度_秘書課.xlsx — characters Windows refuses in file names become _.
pub fn file_name(year: FiscalYear, department: &str) -> String {
    let safe: String = department
        .chars()
        .map(|c| if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    format!("進捗調査票_{}_{}.xlsx", year.japanese(), safe)
}
