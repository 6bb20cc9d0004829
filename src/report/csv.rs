//! The council CSV (審議会向け): one row per KPI, an item without a KPI still gets one row.
//! UTF-8 with BOM and CRLF by default, as Excel on a Japanese Windows opens it without asking.

use crate::model::number::format_plain;
use crate::model::progress::progress;
use crate::model::{FiscalYear, Item, Kpi, KpiValue, Plan, Rating};

/// The fixed columns before the per-year actuals.
pub const LEADING_HEADERS: [&str; 13] = [
    "重点項目番号",
    "重点項目",
    "取組分類",
    "項目番号",
    "改革項目",
    "実施課",
    "目標名",
    "単位",
    "基準年度",
    "基準値",
    "目標年度",
    "目標値",
    "目標の方向",
];
/// After the per-year actuals; then, per year, the item's evaluation (EVALUATION_HEADERS).
pub const TRAILING_HEADERS: [&str; 4] = ["進捗率", "判定", "備考", "暫定の実績"];
/// Per year of the plan, prefixed by the year: 令和3年度評価, 令和3年度取組実績, …
pub const EVALUATION_HEADERS: [&str; 4] = ["評価", "取組実績", "課題・今後の方針", "審議会意見"];

/// A cell: text cells are guarded against formula injection when written, numbers never are.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(String),
    Empty,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
    }

    fn value(kpi: &Kpi, v: Option<&KpiValue>) -> Cell {
        match v {
            Some(KpiValue::Number(n)) => Cell::Number(kpi.plain_value(*n)),
            Some(KpiValue::Text(t)) => Cell::text(t),
            None => Cell::Empty,
        }
    }

    fn year(y: Option<FiscalYear>) -> Cell {
        y.map(|y| Cell::Text(y.japanese())).unwrap_or(Cell::Empty)
    }

    /// The text as written to the file. A text cell that a spreadsheet would read as a
    /// formula (= + - @, tab, CR, or their full-width forms) gets a leading apostrophe.
    pub fn written(&self) -> String {
        match self {
            Cell::Text(t) => {
                let risky = t.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);
                if risky { format!("'{t}") } else { t.clone() }
            }
            Cell::Number(n) => n.clone(),
            Cell::Empty => String::new(),
        }
    }
}

pub fn headers(plan: &Plan) -> Vec<String> {
    let years = plan.info.years();
    let mut h: Vec<String> = LEADING_HEADERS.iter().map(|s| s.to_string()).collect();
    h.extend(years.iter().map(|y| format!("{}実績", y.japanese())));
    h.extend(TRAILING_HEADERS.iter().map(|s| s.to_string()));
    for y in &years {
        h.extend(EVALUATION_HEADERS.iter().map(|e| format!("{}{e}", y.japanese())));
    }
    if continues_a_plan(plan) {
        h.push(PREDECESSOR_HEADER.to_string());
    }
    if has_statuses(plan) {
        h.push(STATUS_HEADER.to_string());
    }
    if has_effects(plan) {
        for y in &years {
            h.extend(EFFECT_HEADERS.iter().map(|e| format!("{}{e}", y.japanese())));
        }
    }
    h
}

/// Columns only a plan that has them gets (the council's familiar table stays as it is otherwise):
/// an ended item's status, and the yearly 効果額 in 千円.
pub const STATUS_HEADER: &str = "状態";
pub const EFFECT_HEADERS: [&str; 2] = ["効果額（計画・千円）", "効果額（実績・千円）"];

fn has_statuses(plan: &Plan) -> bool {
    plan.items.iter().any(|i| i.status.is_some())
}

fn has_effects(plan: &Plan) -> bool {
    plan.items.iter().any(|i| !i.effects.is_empty())
}

/// The last column, only for a plan rolled over from a previous one (a plan of its own keeps
/// the table the council knows).
pub const PREDECESSOR_HEADER: &str = "前計画の項目";

fn continues_a_plan(plan: &Plan) -> bool {
    plan.items.iter().any(|i| i.predecessor.is_some())
}

/// The rows of the council table, as cells.
pub fn council_rows(plan: &Plan) -> Vec<Vec<Cell>> {
    let years = plan.info.years();
    let mut rows = Vec::new();
    for item in &plan.items {
        if item.kpis.is_empty() {
            rows.push(row(plan, item, None, &years));
        }
        for kpi in &item.kpis {
            rows.push(row(plan, item, Some(kpi), &years));
        }
    }
    rows
}

fn row(plan: &Plan, item: &Item, kpi: Option<&Kpi>, years: &[FiscalYear]) -> Vec<Cell> {
    let (focus_title, category_title) =
        plan.category(item.category_id).map(|(f, c)| (f.title.as_str(), c.title.as_str())).unwrap_or(("", ""));
    let mut cells = vec![
        Cell::Number(item.focus_area.to_string()),
        Cell::text(focus_title),
        Cell::text(category_title),
        Cell::Number(item.number.to_string()),
        Cell::text(&item.title),
        Cell::text(&item.department),
    ];
    match kpi {
        Some(k) => {
            let p = progress(&plan.info, k);
            cells.extend([
                Cell::text(&k.name),
                Cell::text(&k.unit),
                Cell::year(k.baseline_year),
                Cell::value(k, k.baseline.as_ref()),
                Cell::year(k.target_year),
                Cell::value(k, k.target.as_ref()),
                Cell::Text(k.direction.label().to_string()),
            ]);
            cells.extend(years.iter().map(|y| Cell::value(k, k.actuals.get(y))));
            cells.push(p.rate.map(|r| Cell::Number(format!("{r:.1}"))).unwrap_or(Cell::Empty));
            cells.push(Cell::Text(p.judgement.label().to_string()));
            cells.push(Cell::text(&k.remarks()));
            let provisional: Vec<String> =
                years.iter().filter(|y| k.is_provisional(**y)).map(|y| y.japanese()).collect();
            cells.push(Cell::text(&provisional.join("・")));
        }
        None => {
            cells.extend(std::iter::repeat_n(Cell::Empty, 7 + years.len() + TRAILING_HEADERS.len()));
        }
    }
    // The evaluation is the item's: every KPI row of the item repeats it, so that a filtered
    // spreadsheet still shows it beside each KPI.
    for y in years {
        let e = item.evaluation(*y);
        let rating = e.map(|e| e.rating).unwrap_or(Rating::Unrated);
        cells.push(Cell::Text(rating_cell(rating).to_string()));
        cells.push(e.map(|e| Cell::text(&e.results)).unwrap_or(Cell::Empty));
        cells.push(e.map(|e| Cell::text(&e.next_steps)).unwrap_or(Cell::Empty));
        cells.push(item.council_opinions.get(y).map(|o| Cell::text(o)).unwrap_or(Cell::Empty));
    }
    if continues_a_plan(plan) {
        cells.push(Cell::text(item.predecessor.as_deref().unwrap_or("")));
    }
    if has_statuses(plan) {
        let status = item.status.as_ref().map(|s| format!("{}: {}", s.label(), s.reason)).unwrap_or_default();
        cells.push(Cell::text(&status));
    }
    if has_effects(plan) {
        let number = |v: Option<f64>| v.map(|n| Cell::Number(format_plain(n))).unwrap_or(Cell::Empty);
        for y in years {
            let e = item.effects.get(y).copied().unwrap_or_default();
            cells.extend([number(e.planned), number(e.actual)]);
        }
    }
    cells
}

/// S/A/B/C as printed in the plan's 評価 column; no rating yet reads 未評価 (a bare "-" would
/// look like a formula to a spreadsheet).
pub fn rating_cell(r: Rating) -> &'static str {
    match r {
        Rating::Unrated => "未評価",
        r => r.code(),
    }
}

/// A table ready to be written: headers and cells, before the injection guard and encoding.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The cells as they go into the file (text cells guarded against formula injection).
    pub fn written_rows(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| r.iter().map(Cell::written).collect()).collect()
    }
}

pub fn council_table(plan: &Plan) -> Table {
    Table { headers: headers(plan), rows: council_rows(plan) }
}

/// The whole CSV as text (RFC 4180 quoting, CRLF line ends), before encoding.
pub fn council_csv_text(plan: &Plan) -> String {
    let table = council_table(plan);
    write_table(&table.headers, &table.written_rows())
}

/// Writes a table with the csv crate: quotes only where needed, CRLF terminators.
pub fn write_table(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(headers).expect("writing to memory cannot fail");
    for r in rows {
        w.write_record(r).expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("flushing to memory cannot fail");
    String::from_utf8(bytes).expect("the csv writer keeps UTF-8 intact")
}

pub use super::encoding::utf8_bom;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_guard_on_text_only() {
        assert_eq!(Cell::Text("=SUM(A1)".into()).written(), "'=SUM(A1)");
        assert_eq!(Cell::Text("＋1".into()).written(), "'＋1");
        assert_eq!(Cell::Text("-3".into()).written(), "'-3");
        assert_eq!(Cell::Text("\tx".into()).written(), "'\tx");
        assert_eq!(Cell::Number("-3".into()).written(), "-3");
        assert_eq!(Cell::Text("存続の可否決定".into()).written(), "存続の可否決定");
    }
}
