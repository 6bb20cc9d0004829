//! The optional KPI pages after the schedule: each item's 数値目標 with baseline, target and
//! actuals, 進捗率, 判定 and the officer's latest rating. An item's KPIs never split across pages.

use chrono::{Datelike, NaiveDate};

use super::draw::{PageDrawing, Stroke};
use super::frame::{self, FOOTER_HEIGHT, FrameText, HEADER_HEIGHT};
use super::page::PageSetup;
use super::style::{GRID, HEADER_BAND, ITEM_BAND, SUBTLE, TEXT, YEAR_LINE};
use super::text::{text_width, truncate};
use crate::model::progress::progress;
use crate::model::{FiscalYear, Item, KpiValue, Plan, YearMonth};

const HEAD: f32 = 18.0;
const ROW: f32 = 15.0;
const SIZE: f32 = 7.5;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
    Centre,
}

struct Column {
    title: String,
    weight: f32,
    align: Align,
}

fn columns(plan: &Plan) -> Vec<Column> {
    let col = |title: &str, weight: f32, align| Column { title: title.to_string(), weight, align };
    let mut c = vec![
        col("番号", 2.2, Align::Centre),
        col("改革項目", 13.0, Align::Left),
        col("目標名", 13.0, Align::Left),
        col("単位", 3.5, Align::Centre),
        col("基準値", 6.0, Align::Right),
        col("目標値", 6.0, Align::Right),
    ];
    for y in plan.info.years() {
        c.push(col(&format!("{}実績", y.short()), 6.0, Align::Right));
    }
    c.extend([col("進捗率", 4.5, Align::Right), col("判定", 3.8, Align::Centre), col("評価", 7.5, Align::Left)]);
    c
}

fn value(v: Option<&KpiValue>) -> String {
    v.map(KpiValue::display).unwrap_or_default()
}

/// The officer's rating for the latest fiscal year up to the 基準日's, e.g. "A 計画どおり（R4）".
fn rating(item: &Item, as_of: NaiveDate) -> String {
    let year = FiscalYear::containing(YearMonth::new(as_of.year(), as_of.month()));
    item.evaluations
        .iter()
        .filter(|e| e.year <= year)
        .next_back()
        .map(|e| format!("{}（{}）", e.rating.label(), e.year.short()))
        .unwrap_or_else(|| "−".to_string())
}

/// The cells of an item's lines: one per KPI, or one saying it has none.
fn item_lines(plan: &Plan, item: &Item, as_of: NaiveDate) -> Vec<Vec<String>> {
    let years = plan.info.years();
    let rating = rating(item, as_of);
    if item.kpis.is_empty() {
        let mut cells = vec![item.number.to_string(), item.title.clone(), "（数値目標なし）".to_string()];
        cells.extend(std::iter::repeat_n(String::new(), 3 + years.len() + 2));
        cells.push(rating);
        return vec![cells];
    }
    item.kpis
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let p = progress(&plan.info, k);
            let first = i == 0;
            let mut cells = vec![
                if first { item.number.to_string() } else { String::new() },
                if first { item.title.clone() } else { String::new() },
                k.name.clone(),
                k.unit.clone(),
                value(k.baseline.as_ref()),
                value(k.target.as_ref()),
            ];
            cells.extend(years.iter().map(|y| value(k.actuals.get(y))));
            cells.push(p.rate.map(|r| format!("{r:.1}%")).unwrap_or_default());
            cells.push(p.judgement.label().to_string());
            cells.push(if first { rating.clone() } else { String::new() });
            cells
        })
        .collect()
}

pub fn pages(plan: &Plan, items: &[&Item], setup: &PageSetup, as_of: NaiveDate, t: &FrameText) -> Vec<PageDrawing> {
    let cols = columns(plan);
    let total: f32 = cols.iter().map(|c| c.weight).sum();
    let mut xs = vec![setup.left()];
    for c in &cols {
        xs.push(xs.last().unwrap() + c.weight / total * setup.content_width());
    }
    let top = setup.top() + HEADER_HEIGHT;
    let bottom = setup.bottom() - FOOTER_HEIGHT - 4.0;
    let per_page = (((bottom - top - HEAD) / ROW).floor() as usize).max(1);

    // Group lines by item, then fill pages without splitting an item (unless it alone overflows).
    let mut groups: Vec<Vec<Vec<String>>> = items.iter().map(|i| item_lines(plan, i, as_of)).collect();
    let mut pages_lines: Vec<Vec<Vec<Vec<String>>>> = vec![Vec::new()];
    let mut used = 0;
    for g in groups.drain(..) {
        if used + g.len() > per_page && used > 0 {
            pages_lines.push(Vec::new());
            used = 0;
        }
        used += g.len();
        pages_lines.last_mut().unwrap().push(g);
    }

    pages_lines
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|groups| {
            let mut page = PageDrawing::new(setup.width, setup.height);
            frame::header(&mut page, setup, t);
            page.rect(setup.left(), top, setup.content_width(), HEAD, Some(HEADER_BAND), None);
            for (i, c) in cols.iter().enumerate() {
                cell(&mut page, xs[i], xs[i + 1], top + (HEAD - 8.0) / 2.0, 8.0, &c.title, Align::Centre);
            }
            let mut y = top + HEAD;
            for lines in groups {
                page.rect(setup.left(), y, xs[3] - setup.left(), ROW * lines.len() as f32, Some(ITEM_BAND), None);
                page.line(setup.left(), y, setup.right(), y, Stroke::solid(YEAR_LINE, 0.6));
                for (n, cells) in lines.iter().enumerate() {
                    if n > 0 {
                        page.line(xs[2], y, setup.right(), y, Stroke::solid(GRID, 0.3));
                    }
                    for (i, c) in cols.iter().enumerate() {
                        cell(&mut page, xs[i], xs[i + 1], y + (ROW - SIZE) / 2.0, SIZE, &cells[i], c.align);
                    }
                    y += ROW;
                }
            }
            for x in &xs {
                page.line(*x, top, *x, y, Stroke::solid(YEAR_LINE, 0.5));
            }
            page.line(setup.left(), y, setup.right(), y, Stroke::solid(YEAR_LINE, 0.6));
            page.line(setup.left(), top, setup.right(), top, Stroke::solid(YEAR_LINE, 0.6));
            let note = "進捗率 = (最新の実績 − 基準値) ÷ (目標値 − 基準値)。判定は経過年数の割合と比べたもの。評価は担当の評価（基準日の年度まで）。";
            page.text(setup.left(), y + 4.0, 7.0, SUBTLE, truncate(note, setup.content_width(), 7.0));
            page
        })
        .collect()
}

fn cell(page: &mut PageDrawing, x0: f32, x1: f32, top: f32, size: f32, text: &str, align: Align) {
    let pad = 2.5;
    // Titles keep their full text where a smaller size lets them fit in one line.
    let size = if text_width(text, size) > x1 - x0 - 2.0 * pad {
        ((x1 - x0 - 2.0 * pad) / text_width(text, 1.0)).max(5.5).min(size)
    } else {
        size
    };
    let t = truncate(text, x1 - x0 - 2.0 * pad, size);
    let w = text_width(&t, size);
    let x = match align {
        Align::Left => x0 + pad,
        Align::Right => x1 - pad - w,
        Align::Centre => x0 + (x1 - x0 - w) / 2.0,
    };
    page.text(x, top + (SIZE - size).max(0.0) / 2.0, size, TEXT, t);
}
