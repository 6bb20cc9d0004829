//! The schedule pages: the layout's geometry (time axis, rows, bars, page breaks) painted on
//! paper, with the label columns and the year/month header repeated on every page.

use chrono::NaiveDate;

use super::draw::{PageDrawing, Rgb, Stroke};
use super::frame::{self, FOOTER_HEIGHT, FrameText, HEADER_HEIGHT, Legend};
use super::page::PageSetup;
use super::sizes::{MAX_ROW_GROWTH, Scale, TextSize};
use super::style::{self, AS_OF, GRID, HEADER_BAND, ITEM_BAND, SUBTLE, TEXT, YEAR_LINE, bar_look};
use super::text::{self, Fitted, LINE_GAP, fit_grown, text_width, truncate};
use crate::layout::{LabelPlacement, LayoutRow, RowKind, ScheduleLayout, ScheduleStyle, TimeAxis, Zoom, place_label};
use crate::model::{Id, Item, Plan};

/// Height of the two header rows (fiscal years, months).
const YEAR_ROW: f32 = 15.0;
const MONTH_ROW: f32 = 13.0;
const BAR_TEXT: f32 = 7.0;

/// The label columns left of the time axis: 番号, 改革項目 (and the schedule row labels), 実施課.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub number: (f32, f32),
    pub title: (f32, f32),
    pub department: (f32, f32),
}

impl Columns {
    fn new(setup: &PageSetup) -> Self {
        let portrait = setup.height > setup.width;
        let w = setup.content_width() * if portrait { 0.36 } else { 0.30 };
        let number_w = if portrait { 18.0 } else { 24.0 };
        let department_w = w * 0.26;
        let l = setup.left();
        Columns {
            number: (l, l + number_w),
            title: (l + number_w, l + w - department_w),
            department: (l + w - department_w, l + w),
        }
    }

    fn end(&self) -> f32 {
        self.department.1
    }
}

/// Where the body sits on a schedule page, and how tall it may be.
pub struct BodyFrame {
    pub columns: Columns,
    pub header_top: f32,
    pub body_top: f32,
    pub body_height: f32,
    pub legend: Legend,
}

impl BodyFrame {
    pub fn new(setup: &PageSetup, as_of_shown: bool) -> Self {
        let header_top = setup.top() + HEADER_HEIGHT;
        let body_top = header_top + YEAR_ROW + MONTH_ROW;
        let legend = Legend::new(setup, as_of_shown);
        let body_bottom = setup.bottom() - FOOTER_HEIGHT - legend.height() - 4.0;
        BodyFrame { columns: Columns::new(setup), header_top, body_top, body_height: body_bottom - body_top, legend }
    }
}

/// The layout for these items on this paper: the plan's whole period fitted to the width.
pub fn layout(plan: &Plan, items: &[Id], setup: &PageSetup, style: &ScheduleStyle) -> ScheduleLayout {
    let columns = Columns::new(setup);
    let axis = TimeAxis::fitted(&plan.info, columns.end(), setup.right() - columns.end());
    ScheduleLayout::new(plan, items, axis, style)
}

/// One drawing per page; the footer (page n / N) is added once all pages are known.
///
/// The page count is the fewest the rows need at the chosen size, the items shared out evenly;
/// then rows and words grow until the fullest page reaches the legend, and each other page's
/// rows are spaced out to reach it too.
pub fn pages(
    plan: &Plan,
    items: &[Id],
    setup: &PageSetup,
    as_of: NaiveDate,
    size: TextSize,
    t: &FrameText,
) -> Vec<PageDrawing> {
    let base = layout(plan, items, setup, &size.base_style());
    let as_of_x = base.axis.x_of_date(as_of);
    let frame = BodyFrame::new(setup, as_of_x.is_some());
    let breaks = base.balanced_pages(frame.body_height);
    let scale = Scale::new(size, base.growth_to_fill(&breaks, frame.body_height, MAX_ROW_GROWTH));
    let layout = layout(plan, items, setup, &scale.style);
    breaks
        .into_iter()
        .map(|range| {
            let mut page = PageDrawing::new(setup.width, setup.height);
            frame::header(&mut page, setup, t);
            let stretch = layout.stretch_to_fill(range.clone(), frame.body_height);
            let rows = layout.stretched(range, stretch, frame.body_top);
            let body_end = rows.last().map(|r| r.y + r.height).unwrap_or(frame.body_top);
            // Bands first, then the grid, then bars, the 基準日 line and last the words, so
            // lines never cross a bar and nothing crosses a word.
            for row in rows.iter().filter(|r| matches!(r.kind, RowKind::Item { .. })) {
                page.rect(setup.left(), row.y, setup.content_width(), row.height, Some(ITEM_BAND), None);
            }
            grid(&mut page, setup, &frame, &layout.axis, body_end);
            let mut words = PageDrawing::new(setup.width, setup.height);
            for row in &rows {
                let mut canvas = Canvas { page: &mut page, words: &mut words };
                paint_row(&mut canvas, plan, (setup, &frame.columns, &layout.axis), row, (&scale, as_of));
            }
            time_header(&mut page, &frame, &layout.axis, setup);
            if let Some(x) = as_of_x {
                // From just under the month labels, so the line marks the month without crossing it.
                page.line(x, frame.body_top - 2.0, x, body_end, Stroke::dashed(AS_OF, 1.0, 3.0));
            }
            page.shapes.append(&mut words.shapes);
            frame.legend.draw(&mut page, setup);
            page
        })
        .collect()
}

fn time_header(page: &mut PageDrawing, frame: &BodyFrame, axis: &TimeAxis, setup: &PageSetup) {
    let top = frame.header_top;
    let c = &frame.columns;
    let h = YEAR_ROW + MONTH_ROW;
    page.rect(setup.left(), top, setup.content_width(), h, Some(HEADER_BAND), None);
    let size = 8.0;
    let mid = top + (h - size) / 2.0;
    centred(page, c.number, mid, size, "番号");
    centred(page, c.title, mid, size, "改革項目／取組");
    centred(page, c.department, mid, size, "実施課");
    for col in axis.year_columns() {
        // A long plan on narrow paper leaves a year too little room for 令和10年度: R10 then.
        let label = if text_width(&col.label, 9.0) + 2.0 <= col.x1 - col.x0 { &col.label } else { &col.short };
        centred(page, (col.x0, col.x1), top + (YEAR_ROW - 9.0) / 2.0, 9.0, label);
    }
    let months = axis.columns(Zoom::Month);
    // The widest month number ("12") must fit its column; 月 only where there is room for it.
    let month_size = 7.0_f32.min((axis.month_width - 2.0) / text_width("12", 1.0)).max(1.0);
    let with_suffix = text_width("12月", month_size) + 2.0 <= axis.month_width;
    for col in &months {
        let label = if with_suffix { col.label.clone() } else { col.label.trim_end_matches('月').to_string() };
        centred(page, (col.x0, col.x1), top + YEAR_ROW + (MONTH_ROW - month_size) / 2.0, month_size, &label);
    }
    let line = Stroke::solid(YEAR_LINE, 0.6);
    page.line(axis.x0, top + YEAR_ROW, axis.x_end(), top + YEAR_ROW, Stroke::solid(GRID, 0.5));
    page.rect(setup.left(), top, setup.content_width(), h, None, Some(line));
}

fn centred(page: &mut PageDrawing, (x0, x1): (f32, f32), top: f32, size: f32, text: &str) {
    let t = truncate(text, x1 - x0 - 2.0, size);
    let w = text_width(&t, size);
    page.text(x0 + (x1 - x0 - w) / 2.0, top, size, TEXT, t);
}

/// Month and year lines over header and body; column rules of the label area; the frame.
fn grid(page: &mut PageDrawing, setup: &PageSetup, frame: &BodyFrame, axis: &TimeAxis, body_end: f32) {
    let top = frame.header_top + YEAR_ROW;
    for col in axis.columns(Zoom::Month).iter().skip(1) {
        let year_start = axis.year_columns().iter().any(|y| y.x0 == col.x0);
        let stroke = if year_start { Stroke::solid(YEAR_LINE, 0.8) } else { Stroke::solid(GRID, 0.3) };
        let y0 = if year_start { frame.header_top } else { top };
        page.line(col.x0, y0, col.x0, body_end, stroke);
    }
    let c = &frame.columns;
    for x in [c.title.0, c.department.0, c.end()] {
        page.line(x, frame.header_top, x, body_end, Stroke::solid(YEAR_LINE, 0.6));
    }
    page.rect(
        setup.left(),
        frame.header_top,
        setup.content_width(),
        body_end - frame.header_top,
        None,
        Some(Stroke::solid(Rgb(60, 60, 60), 0.8)),
    );
}

/// A page's two layers: shapes, and the words drawn over them last.
struct Canvas<'a> {
    page: &'a mut PageDrawing,
    words: &'a mut PageDrawing,
}

fn paint_row(
    canvas: &mut Canvas,
    plan: &Plan,
    (setup, c, axis): (&PageSetup, &Columns, &TimeAxis),
    row: &LayoutRow,
    (scale, as_of): (&Scale, NaiveDate),
) {
    let Canvas { page, words } = canvas;
    let y = row.y;
    let k = scale.words;
    let Some(item) = plan.item(row.kind.item_id()) else { return };
    match row.kind {
        RowKind::Item { .. } => {
            page.line(setup.left(), y, setup.right(), y, Stroke::solid(YEAR_LINE, 0.6));
            let inner = |(x0, x1): (f32, f32)| (x0 + 3.0, x1 - 3.0);
            let title = fit_grown(
                &item.listed_title(),
                c.title.1 - c.title.0 - 6.0,
                row.height - 3.0,
                (9.0 * scale.chosen, 9.0 * k),
                6.5,
            );
            // The number stands level with the title's first line: text extraction then reads
            // number and title in order, and a wrapped title is still found whole.
            let number = 8.5 * k;
            let first_line = y + (row.height - title.height()) / 2.0 + (title.size - number) / 2.0;
            centred(words, c.number, first_line, number, &item.number.to_string());
            fitted(words, inner(c.title), y, row.height, &title, TEXT);
            let dept = fit_grown(
                &item.department,
                c.department.1 - c.department.0 - 6.0,
                row.height - 3.0,
                (8.0 * scale.chosen, 8.0 * k),
                5.5,
            );
            fitted(words, inner(c.department), y, row.height, &dept, TEXT);
        }
        RowKind::Schedule { index, .. } => {
            page.line(c.title.0, y, setup.right(), y, Stroke::solid(GRID, 0.3));
            schedule_row(&mut Canvas { page, words }, (item, index), (c, axis), row, (scale, as_of));
        }
    }
}

/// Text lines centred vertically in a row.
fn fitted(page: &mut PageDrawing, (x0, _): (f32, f32), y: f32, height: f32, f: &Fitted, color: Rgb) {
    let mut top = y + (height - f.height()) / 2.0;
    for line in &f.lines {
        page.text(x0, top, f.size, color, line.clone());
        top += f.size * LINE_GAP;
    }
}

fn schedule_row(
    canvas: &mut Canvas,
    (item, index): (&Item, usize),
    (c, axis): (&Columns, &TimeAxis),
    row: &LayoutRow,
    (scale, as_of): (&Scale, NaiveDate),
) {
    let Canvas { page, words } = canvas;
    let (y, bar_text) = (row.y, BAR_TEXT * scale.words);
    let Some(srow) = item.schedule.get(index) else { return };
    let label = if srow.label.trim().is_empty() { "（取組全体）" } else { srow.label.as_str() };
    let color = if srow.label.trim().is_empty() { SUBTLE } else { TEXT };
    let x0 = c.title.0 + 10.0;
    let f = fit_grown(label, c.title.1 - x0 - 3.0, row.height - 2.0, (7.5 * scale.chosen, 7.5 * scale.words), 5.5);
    fitted(words, (x0, 0.0), y, row.height, &f, color);

    let (lo, hi) = (axis.x0, axis.x_end());
    for (i, (bar, phase)) in row.bars.iter().zip(&srow.phases).enumerate() {
        let d = &phase.data;
        let p = bar.planned;
        let (bx0, bx1) = (p.x0.max(lo), p.x1.min(hi));
        if bx1 <= bx0 {
            continue;
        }
        let (by0, bh) = (p.y0, p.height());
        let look = bar_look(d.kind(), d.status_at(as_of));
        frame::bar_sample(page, bx0, by0, bx1 - bx0, bh, look.fill, &look);
        if let Some(a) = bar.actual_at(axis, as_of) {
            let (ax0, ax1) = (a.x0.max(lo), a.x1.min(hi));
            if ax1 > ax0 {
                page.rect(ax0, a.y0, ax1 - ax0, a.height(), Some(style::ACTUAL), None);
            }
        }
        let text = d.label.trim();
        if text.is_empty() {
            continue;
        }
        let clipped = crate::layout::Span { x0: bx0, x1: bx1, ..p };
        let top = by0 + (bh - bar_text) / 2.0;
        match place_label(&clipped, text_width(text, bar_text), scale.style.label_pad) {
            LabelPlacement::Inside { x } => words.text(x, top, bar_text, TEXT, text),
            LabelPlacement::Beside { x } => {
                // Beside the bar, up to the next bar of the row or the end of the axis.
                let limit = row.bars.get(i + 1).map(|b| b.planned.x0.max(lo)).unwrap_or(hi) - 1.0;
                let room = limit - x;
                if room > bar_text {
                    words.text(x, top, bar_text, TEXT, text::truncate(text, room, bar_text));
                } else {
                    // No room on either side: the label goes inside, cut to the bar.
                    let t = text::truncate(text, bx1 - bx0 - 2.0, bar_text);
                    words.text(bx0 + 1.0, top, bar_text, TEXT, t);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::draw::Shape;
    use super::super::page::{Orientation, Paper};
    use super::super::style::PRINT;
    use super::*;

    /// SAP III with ids (as a record gives it).
    fn sap3() -> Plan {
        plan(false)
    }

    /// SAP III with ids, and every third item's texts made much longer than any column.
    fn wordy_plan() -> Plan {
        plan(true)
    }

    fn plan(wordy: bool) -> Plan {
        let mut plan = crate::seed::sap3_with_ids();
        for item in plan.items.iter_mut().step_by(3).filter(|_| wordy) {
            item.title = format!("{}及び関連する事務事業の総合的な見直しと市民サービスの向上", item.title);
            item.department = "企画広報課及び行政情報課並びに関係各課".into();
            for row in &mut item.schedule {
                row.label = format!("{}に係る関係機関との協議及び調整", row.label);
                for p in &mut row.phases {
                    p.data.label = "関係機関との協議・調整及び試行".into();
                }
            }
        }
        plan
    }

    /// Each text's box: (x0, x1, top, bottom, text).
    fn boxes(page: &PageDrawing) -> Vec<(f32, f32, f32, f32, &str)> {
        page.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { x, top, size, text, .. } => {
                    Some((*x, x + text_width(text, *size), *top, top + size, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn words_stay_in_their_columns_and_never_overlap() {
        let eps = 0.01;
        for plan in [sap3(), wordy_plan()] {
            let ids: Vec<Id> = plan.items.iter().map(|i| i.id).collect();
            for paper in Paper::ALL {
                for orientation in [Orientation::Landscape, Orientation::Portrait] {
                    let setup = PageSetup::new(paper, orientation);
                    let t = FrameText {
                        plan_name: &plan.info.name,
                        as_of: NaiveDate::from_ymd_opt(2022, 10, 15).unwrap(),
                        subtitle: "取組スケジュール",
                        file_name: "sap3.sqlite",
                    };
                    let columns = Columns::new(&setup);
                    let body = BodyFrame::new(&setup, true);
                    let in_body = |y0: f32, y1: f32| y0 >= body.header_top && y1 <= body.body_top + body.body_height;
                    let axis_end = layout(&plan, &ids, &setup, &PRINT).axis.x_end();
                    let all = TextSize::ALL.map(|size| (size, pages(&plan, &ids, &setup, t.as_of, size, &t)));
                    for (size, n, page) in
                        all.iter().flat_map(|(s, p)| p.iter().enumerate().map(move |(n, p)| (s, n, p)))
                    {
                        let at = format!("{paper:?} {orientation:?} {size:?} page {}", n + 1);
                        let b = boxes(page);
                        for (i, &(x0, x1, y0, y1, text)) in b.iter().enumerate() {
                            assert!(
                                x0 >= setup.left() - eps
                                    && x1 <= setup.right() + eps
                                    && y0 >= setup.top() - eps
                                    && y1 <= setup.bottom() + eps,
                                "{at}: 「{text}」 leaves the printable area"
                            );
                            if !in_body(y0, y1) {
                                // Header, legend and footer: checked against the margins above.
                            } else if x0 < columns.end() {
                                for rule in [columns.title.0, columns.department.0, columns.end()] {
                                    assert!(
                                        !(x0 < rule - eps && x1 > rule + eps),
                                        "{at}: 「{text}」 ({x0:.1}–{x1:.1}) crosses the column rule at {rule:.1}"
                                    );
                                }
                            } else {
                                assert!(x1 <= axis_end + eps, "{at}: 「{text}」 runs past the time axis");
                            }
                            for &(u0, u1, v0, v1, other) in &b[i + 1..] {
                                let apart = x1 <= u0 + eps || u1 <= x0 + eps || y1 <= v0 + eps || v1 <= y0 + eps;
                                assert!(apart, "{at}: 「{text}」 overlaps 「{other}」");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn long_titles_end_in_an_ellipsis_inside_their_column() {
        let plan = wordy_plan();
        let ids: Vec<Id> = plan.items.iter().map(|i| i.id).collect();
        let setup = PageSetup::new(Paper::A4, Orientation::Portrait);
        let t = FrameText {
            plan_name: &plan.info.name,
            as_of: NaiveDate::from_ymd_opt(2022, 10, 15).unwrap(),
            subtitle: "",
            file_name: "x",
        };
        let all: Vec<String> = pages(&plan, &ids, &setup, t.as_of, TextSize::Standard, &t)
            .iter()
            .flat_map(|p| p.texts().map(String::from))
            .collect();
        assert!(all.iter().any(|t| t.ends_with('…')), "the longest titles are shortened");
        // Every item still shows its number and the start of its title.
        for item in &plan.items {
            let start: String = item.title.chars().take(4).collect();
            assert!(all.iter().any(|t| t.starts_with(&start)), "item {} missing", item.number);
        }
    }
}
