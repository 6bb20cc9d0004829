//! The optional KPI pages after the schedule: each item's 数値目標 with baseline, target and
//! actuals, 進捗率, 判定 and the officer's latest rating. An item's KPIs never split across pages.

use chrono::{Datelike, NaiveDate};

use super::draw::{PageDrawing, Stroke};
use super::frame::{self, FOOTER_HEIGHT, FrameText, HEADER_HEIGHT};
use super::page::PageSetup;
use super::style::{GRID, HEADER_BAND, ITEM_BAND, SUBTLE, TEXT, YEAR_LINE};
use super::text::{Fitted, LINE_GAP, fit, text_width};
use crate::model::progress::progress;
use crate::model::{FiscalYear, Item, Kpi, KpiValue, Plan, YearMonth};

const HEAD: f32 = 18.0;
/// Height of a line of the table holding one line of text; each wrapped line adds SIZE × LINE_GAP.
const ROW: f32 = 15.0;
const SIZE: f32 = 7.5;
const HEAD_SIZE: f32 = 8.0;
const PAD: f32 = 2.5;
/// A cell's text wraps onto at most this many lines (the last cut with 「…」).
const MAX_LINES: usize = 3;
/// Fixed columns are as wide as their widest value, up to this many ems.
const FIXED_MAX_EM: f32 = 6.0;

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
    Centre,
}

struct Column {
    title: String,
    /// Share of the room left by the fixed columns; None for a fixed column (as wide as its values).
    weight: Option<f32>,
    align: Align,
}

fn columns(plan: &Plan) -> Vec<Column> {
    let col = |title: &str, weight: Option<f32>, align| Column { title: title.to_string(), weight, align };
    let mut c = vec![
        col("番号", None, Align::Centre),
        col("改革項目", Some(13.0), Align::Left),
        col("目標名", Some(13.0), Align::Left),
        col("単位", None, Align::Centre),
        col("基準値", None, Align::Right),
        col("目標値", None, Align::Right),
    ];
    for y in plan.info.years() {
        c.push(col(&format!("{}実績", y.short()), None, Align::Right));
    }
    c.extend([
        col("進捗率", None, Align::Right),
        col("判定", None, Align::Centre),
        col("評価", Some(6.0), Align::Left),
    ]);
    c
}

/// A value as the plan prints it (its decimals, 万).
fn value(k: &Kpi, v: Option<&KpiValue>) -> String {
    v.map(|v| k.display_value(v)).unwrap_or_default()
}

/// The officer's rating for the latest fiscal year up to the 基準日's, e.g. "A 計画どおり（R4）".
fn rating(item: &Item, as_of: NaiveDate) -> String {
    let year = FiscalYear::containing(YearMonth::new(as_of.year(), as_of.month()));
    item.evaluations
        .iter()
        .rfind(|e| e.year <= year)
        .map(|e| format!("{}（{}）", e.rating.label(), e.year.short()))
        .unwrap_or_else(|| "−".to_string())
}

/// The cells of an item's lines: one per KPI, or one saying it has none.
fn item_lines(plan: &Plan, item: &Item, as_of: NaiveDate) -> Vec<Vec<String>> {
    let years = plan.info.years();
    let rating = rating(item, as_of);
    if item.kpis.is_empty() {
        let none = format!("（{}なし）", item.goal_heading.label());
        let mut cells = vec![item.number.to_string(), item.listed_title(), none];
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
                if first { item.listed_title() } else { String::new() },
                match k.remarks() {
                    r if r.is_empty() => k.name.clone(),
                    r => format!("{}（{r}）", k.name),
                },
                k.unit.clone(),
                value(k, k.baseline.as_ref()),
                value(k, k.target.as_ref()),
            ];
            cells.extend(years.iter().map(|y| value(k, k.actuals.get(y))));
            cells.push(p.rate.map(|r| format!("{r:.1}%")).unwrap_or_default());
            cells.push(p.judgement.label().to_string());
            cells.push(if first { rating.clone() } else { String::new() });
            cells
        })
        .collect()
}

/// Column edges: fixed columns as wide as their widest value (numbers are never cut), the
/// rest of the width shared by the text columns; when the paper is too narrow for that, all
/// columns shrink alike and their text wraps.
fn edges(cols: &[Column], lines: &[Vec<String>], setup: &PageSetup) -> Vec<f32> {
    let natural_at = |max_em: f32| -> Vec<f32> {
        cols.iter()
            .enumerate()
            .map(|(i, c)| match c.weight {
                Some(_) => 0.0,
                None => {
                    let widest = lines.iter().map(|l| text_width(&l[i], SIZE)).fold(0.0, f32::max);
                    text_width(&c.title, HEAD_SIZE).max(widest.min(max_em * SIZE)) + 2.0 * PAD
                }
            })
            .collect()
    };
    let width = setup.content_width();
    // Worded values (目標値 such as 自治組織内の違い解消) stay on one line where the paper is wide.
    let mut natural = natural_at(2.0 * FIXED_MAX_EM);
    if natural.iter().sum::<f32>() > width * 0.45 {
        natural = natural_at(FIXED_MAX_EM);
    }
    let fixed: f32 = natural.iter().sum();
    // The text columns keep at least 40 % of the width.
    let squeeze = ((width * 0.6) / fixed).min(1.0);
    let weights: f32 = cols.iter().filter_map(|c| c.weight).sum();
    let room = width - fixed * squeeze;
    let mut xs = vec![setup.left()];
    for (c, n) in cols.iter().zip(&natural) {
        let w = match c.weight {
            Some(weight) => room * weight / weights,
            None => n * squeeze,
        };
        xs.push(xs.last().expect("never empty") + w);
    }
    xs
}

/// A figure such as 949,451,676 or 12.5%: never wrapped or cut.
fn is_figure(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || ",.-−+% ".contains(c))
}

/// A cell's text as drawn: figures shrink to stay whole on one line; words wrap.
fn cell_text(text: &str, width: f32) -> Fitted {
    let room = width - 2.0 * PAD;
    if is_figure(text) {
        let size = (room / text_width(text, 1.0)).min(SIZE);
        if size >= 4.0 {
            return Fitted { size, lines: vec![text.to_string()] };
        }
    }
    let height = SIZE * (1.0 + (MAX_LINES - 1) as f32 * LINE_GAP);
    fit(text, room, height, SIZE, SIZE)
}

/// A line of the table: its cells as drawn, and its height.
type Line = (Vec<Fitted>, f32);

fn row_height(cells: &[Fitted]) -> f32 {
    let lines = cells.iter().map(|f| f.lines.len()).max().unwrap_or(1).max(1);
    ROW + (lines - 1) as f32 * SIZE * LINE_GAP
}

pub fn pages(plan: &Plan, items: &[&Item], setup: &PageSetup, as_of: NaiveDate, t: &FrameText) -> Vec<PageDrawing> {
    let cols = columns(plan);
    let groups: Vec<Vec<Vec<String>>> = items.iter().map(|i| item_lines(plan, i, as_of)).collect();
    let all: Vec<Vec<String>> = groups.iter().flatten().cloned().collect();
    let xs = edges(&cols, &all, setup);
    let top = setup.top() + HEADER_HEIGHT;
    let bottom = setup.bottom() - FOOTER_HEIGHT - NOTE_HEIGHT;
    let room = bottom - top - HEAD;

    // Each line's cells fitted to their columns, grouped by item.
    let fitted: Vec<Vec<Line>> = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|cells| {
                    let f: Vec<Fitted> =
                        cells.iter().enumerate().map(|(i, t)| cell_text(t, xs[i + 1] - xs[i])).collect();
                    let h = row_height(&f);
                    (f, h)
                })
                .collect()
        })
        .collect();

    // Fill pages without splitting an item (unless it alone overflows a page).
    let mut pages_groups: Vec<Vec<&Vec<Line>>> = vec![Vec::new()];
    let mut used = 0.0;
    for g in &fitted {
        let h: f32 = g.iter().map(|(_, h)| h).sum();
        if used + h > room && used > 0.0 {
            pages_groups.push(Vec::new());
            used = 0.0;
        }
        used += h;
        pages_groups.last_mut().expect("never empty").push(g);
    }

    pages_groups
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|groups| {
            let mut page = PageDrawing::new(setup.width, setup.height);
            frame::header(&mut page, setup, t);
            page.rect(setup.left(), top, setup.content_width(), HEAD, Some(HEADER_BAND), None);
            for (i, c) in cols.iter().enumerate() {
                let f = fit(&c.title, xs[i + 1] - xs[i] - 2.0 * PAD, HEAD - 2.0, HEAD_SIZE, 5.0);
                draw_cell(&mut page, xs[i], xs[i + 1], top, HEAD, &f, Align::Centre);
            }
            let mut y = top + HEAD;
            for lines in groups {
                let group_h: f32 = lines.iter().map(|(_, h)| h).sum();
                page.rect(setup.left(), y, xs[3] - setup.left(), group_h, Some(ITEM_BAND), None);
                page.line(setup.left(), y, setup.right(), y, Stroke::solid(YEAR_LINE, 0.6));
                for (n, (cells, h)) in lines.iter().enumerate() {
                    if n > 0 {
                        page.line(xs[2], y, setup.right(), y, Stroke::solid(GRID, 0.3));
                    }
                    for (i, c) in cols.iter().enumerate() {
                        draw_cell(&mut page, xs[i], xs[i + 1], y, *h, &cells[i], c.align);
                    }
                    y += h;
                }
            }
            for x in &xs {
                page.line(*x, top, *x, y, Stroke::solid(YEAR_LINE, 0.5));
            }
            page.line(setup.left(), y, setup.right(), y, Stroke::solid(YEAR_LINE, 0.6));
            page.line(setup.left(), top, setup.right(), top, Stroke::solid(YEAR_LINE, 0.6));
            let note = fit(NOTE, setup.content_width(), NOTE_HEIGHT - 4.0, 7.0, 6.0);
            let mut line_top = y + 4.0;
            for line in &note.lines {
                page.text(setup.left(), line_top, note.size, SUBTLE, line.clone());
                line_top += note.size * LINE_GAP;
            }
            page
        })
        .collect()
}

const NOTE: &str = "進捗率 = (最新の実績 − 基準値) ÷ (目標値 − 基準値)。判定は経過年数の割合と比べたもの。評価は担当の評価（基準日の年度まで）。";
/// Room under the table for the note (two lines on narrow paper).
const NOTE_HEIGHT: f32 = 22.0;

/// A cell's lines, centred vertically in its row and aligned within its column.
fn draw_cell(page: &mut PageDrawing, x0: f32, x1: f32, y: f32, h: f32, f: &Fitted, align: Align) {
    let mut top = y + (h - f.height()) / 2.0;
    for line in &f.lines {
        let w = text_width(line, f.size);
        let x = match align {
            Align::Left => x0 + PAD,
            Align::Right => x1 - PAD - w,
            Align::Centre => x0 + (x1 - x0 - w) / 2.0,
        };
        page.text(x, top, f.size, TEXT, line.clone());
        top += f.size * LINE_GAP;
    }
}

#[cfg(test)]
mod tests {
    use super::super::draw::Shape;
    use super::super::page::{Orientation, Paper};
    use super::*;

    #[test]
    fn cells_stay_in_their_columns_and_figures_stay_whole() {
        let mut plan = crate::seed::sap3();
        for (i, item) in plan.items.iter_mut().enumerate() {
            item.id = i as i64 + 1;
            if i % 4 == 0 {
                item.title = format!("{}及び関連する事務事業の総合的な見直しと市民サービスの向上", item.title);
                for k in &mut item.kpis {
                    k.name = format!("{}（市民・事業者・関係団体を対象とした調査による）", k.name);
                }
            }
        }
        let biggest = plan.items.iter().flat_map(|i| &i.kpis).filter_map(|k| k.target.as_ref()).map(KpiValue::display);
        let biggest = biggest.filter(|v| is_figure(v)).max_by_key(|v| v.len()).unwrap();
        let items: Vec<&Item> = plan.items.iter().collect();
        let cols = columns(&plan);
        let all: Vec<Vec<String>> =
            items.iter().flat_map(|i| item_lines(&plan, i, NaiveDate::from_ymd_opt(2022, 10, 15).unwrap())).collect();
        for paper in Paper::ALL {
            for orientation in [Orientation::Landscape, Orientation::Portrait] {
                let setup = PageSetup::new(paper, orientation);
                let xs = edges(&cols, &all, &setup);
                let t = FrameText {
                    plan_name: &plan.info.name,
                    as_of: NaiveDate::from_ymd_opt(2022, 10, 15).unwrap(),
                    subtitle: "数値目標",
                    file_name: "sap3.sqlite",
                };
                let pages = pages(&plan, &items, &setup, t.as_of, &t);
                let texts: Vec<String> = pages.iter().flat_map(|p| p.texts().map(String::from)).collect();
                assert!(texts.contains(&biggest), "{paper:?} {orientation:?}: {biggest} is cut");
                for page in &pages {
                    for s in &page.shapes {
                        let Shape::Text { x, top, size, text, .. } = s else { continue };
                        let (x0, x1) = (*x, x + text_width(text, *size));
                        let in_table = *top >= setup.top() + HEADER_HEIGHT && x1 <= setup.right() + 0.01;
                        assert!(in_table || *top < setup.top() + HEADER_HEIGHT, "{text} leaves the page");
                        if *top < setup.top() + HEADER_HEIGHT || text.starts_with("進捗率 =") {
                            continue;
                        }
                        for edge in &xs {
                            assert!(
                                !(x0 < edge - 0.01 && x1 > edge + 0.01),
                                "{paper:?} {orientation:?}: 「{text}」 crosses the column edge at {edge:.1}"
                            );
                        }
                    }
                }
            }
        }
    }
}
