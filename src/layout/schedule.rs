//! Rows and bars of the schedule: where each item row, schedule row and phase bar stands,
//! and where pages may break. Text is not measured here: label fitting takes a width from the
//! painter (`place_label`), so only visible labels are ever shaped.

use chrono::NaiveDate;
use std::ops::Range;

use super::axis::TimeAxis;
use crate::model::{Id, Phase, Plan};

/// Sizes in the painter's units (points on screen, points on paper).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScheduleStyle {
    pub item_row_height: f32,
    pub schedule_row_height: f32,
    /// Height of the planned bar within a schedule row.
    pub bar_height: f32,
    /// Height of the thinner actual-period bar drawn beneath the planned one.
    pub actual_bar_height: f32,
    /// Space above the planned bar inside its row.
    pub bar_top: f32,
    /// Padding between a bar's edge and its label.
    pub label_pad: f32,
}

impl ScheduleStyle {
    pub const SCREEN: ScheduleStyle = ScheduleStyle {
        item_row_height: 26.0,
        schedule_row_height: 30.0,
        bar_height: 18.0,
        actual_bar_height: 5.0,
        bar_top: 3.0,
        label_pad: 4.0,
    };
}

/// An axis-aligned rectangle in layout units (y from the top of the body).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
}

impl Span {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RowKind {
    /// The heading row of an item: number, title, 実施課.
    Item { item_id: Id },
    /// One line of the item's 取組スケジュール. `index` is its position within the item.
    Schedule { item_id: Id, row_id: Id, index: usize },
}

impl RowKind {
    pub fn item_id(&self) -> Id {
        match self {
            RowKind::Item { item_id } | RowKind::Schedule { item_id, .. } => *item_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarGeometry {
    pub phase_id: Id,
    pub planned: Span,
    /// The actual period, where the officer has entered an actual start. One still running
    /// (no actual end) reaches the planned end here; draw it with [`BarGeometry::actual_at`].
    pub actual: Option<Span>,
    /// The actual period has a start and no end yet.
    pub running: bool,
}

impl BarGeometry {
    /// The actual period as of the 基準日: a running one is drawn up to the 基準日 (to the end of
    /// the axis once the plan has ended), never beyond what was done by then.
    pub fn actual_at(&self, axis: &TimeAxis, as_of: NaiveDate) -> Option<Span> {
        let actual = self.actual?;
        if !self.running {
            return Some(actual);
        }
        let x1 = match axis.x_of_date(as_of) {
            Some(x) => x,
            None if as_of > axis.last_day() => axis.x_end(),
            None => actual.x0,
        };
        Some(Span { x1: x1.max(actual.x0 + 1.0), ..actual })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutRow {
    pub kind: RowKind,
    pub y: f32,
    pub height: f32,
    pub bars: Vec<BarGeometry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleLayout {
    pub axis: TimeAxis,
    pub rows: Vec<LayoutRow>,
    /// Total height of the body (all rows).
    pub height: f32,
}

/// Where a bar's label goes: inside when it fits, else to the right of the bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabelPlacement {
    Inside { x: f32 },
    Beside { x: f32 },
}

pub fn place_label(bar: &Span, text_width: f32, pad: f32) -> LabelPlacement {
    if text_width + 2.0 * pad <= bar.width() {
        LabelPlacement::Inside { x: bar.x0 + (bar.width() - text_width) / 2.0 }
    } else {
        LabelPlacement::Beside { x: bar.x1 + pad }
    }
}

fn bar(axis: &TimeAxis, style: &ScheduleStyle, row_y: f32, phase: &Phase) -> BarGeometry {
    let d = &phase.data;
    let y0 = row_y + style.bar_top;
    let planned = Span { x0: axis.x_of(d.start), x1: axis.x_after(d.end), y0, y1: y0 + style.bar_height };
    let actual = d.actual_start.map(|start| {
        // An actual period still running ends at its planned end on the chart.
        let end = d.actual_end.unwrap_or(d.end.max(start));
        let y0 = planned.y1 + 1.0;
        Span { x0: axis.x_of(start), x1: axis.x_after(end), y0, y1: y0 + style.actual_bar_height }
    });
    BarGeometry { phase_id: phase.id, planned, actual, running: d.actual_start.is_some() && d.actual_end.is_none() }
}

impl ScheduleLayout {
    /// Lays out the given items (in the order given) below y = 0.
    pub fn new(plan: &Plan, items: &[Id], axis: TimeAxis, style: &ScheduleStyle) -> Self {
        let mut rows = Vec::with_capacity(items.len() * 3);
        let mut y = 0.0;
        for item in items.iter().filter_map(|id| plan.item(*id)) {
            rows.push(LayoutRow {
                kind: RowKind::Item { item_id: item.id },
                y,
                height: style.item_row_height,
                bars: vec![],
            });
            y += style.item_row_height;
            for (index, row) in item.schedule.iter().enumerate() {
                let bars = row.phases.iter().map(|p| bar(&axis, style, y, p)).collect();
                rows.push(LayoutRow {
                    kind: RowKind::Schedule { item_id: item.id, row_id: row.id, index },
                    y,
                    height: style.schedule_row_height,
                    bars,
                });
                y += style.schedule_row_height;
            }
        }
        ScheduleLayout { axis, rows, height: y }
    }

    /// The rows that intersect [y0, y1): what a virtualised painter draws.
    pub fn rows_in(&self, y0: f32, y1: f32) -> Range<usize> {
        let start = self.rows.partition_point(|r| r.y + r.height <= y0);
        let end = self.rows.partition_point(|r| r.y < y1);
        start..end.max(start)
    }

    pub fn row_of_item(&self, item_id: Id) -> Option<usize> {
        self.rows.iter().position(|r| r.kind == RowKind::Item { item_id })
    }

    pub fn row_at(&self, y: f32) -> Option<usize> {
        let r = self.rows_in(y, y + f32::EPSILON);
        (!r.is_empty()).then_some(r.start)
    }

    /// Row ranges, one per page of body height `page_height`, breaking only between items.
    /// An item taller than a whole page is the one case that must be split: it starts a new
    /// page and breaks between its own schedule rows.
    pub fn pages(&self, page_height: f32) -> Vec<Range<usize>> {
        let mut pages = Vec::new();
        let mut start = 0;
        let mut used = 0.0;
        let items = self.item_ranges();
        for item in items {
            let h: f32 = self.rows[item.clone()].iter().map(|r| r.height).sum();
            if used + h <= page_height || (used == 0.0 && h <= page_height) {
                used += h;
                continue;
            }
            if used > 0.0 {
                pages.push(start..item.start);
            }
            start = item.start;
            used = 0.0;
            if h > page_height {
                for i in item.clone() {
                    let rh = self.rows[i].height;
                    if used + rh > page_height && i > start {
                        pages.push(start..i);
                        start = i;
                        used = 0.0;
                    }
                    used += rh;
                }
            } else {
                used = h;
            }
        }
        if start < self.rows.len() {
            pages.push(start..self.rows.len());
        }
        pages
    }

    /// As `pages`, with as many pages, but the items shared out evenly: no last page holding
    /// one item under pages filled to the bottom. Still breaks only between items.
    pub fn balanced_pages(&self, page_height: f32) -> Vec<Range<usize>> {
        let greedy = self.pages(page_height);
        if greedy.len() <= 1 {
            return greedy;
        }
        let tallest = self
            .item_ranges()
            .into_iter()
            .map(|r| self.rows[r].iter().map(|row| row.height).sum::<f32>())
            .filter(|h| *h <= page_height)
            .fold(0.0, f32::max);
        // The smallest page height that still needs no more pages.
        let (mut lo, mut hi) = ((self.height / greedy.len() as f32).max(tallest), page_height);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if self.pages(mid).len() <= greedy.len() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let even = self.pages(hi);
        if even.len() == greedy.len() { even } else { greedy }
    }

    /// Each item's rows: its heading row and its schedule rows.
    pub fn item_ranges(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            match row.kind {
                RowKind::Item { .. } => out.push(i..i + 1),
                RowKind::Schedule { .. } => {
                    if let Some(last) = out.last_mut() {
                        last.end = i + 1;
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    fn sap3_with_ids() -> Plan {
        crate::seed::sap3_with_ids()
    }

    fn layout(plan: &Plan) -> ScheduleLayout {
        let ids: Vec<Id> = plan.items.iter().map(|i| i.id).collect();
        let axis = TimeAxis::fitted(&plan.info, 300.0, 720.0);
        ScheduleLayout::new(plan, &ids, axis, &ScheduleStyle::SCREEN)
    }

    #[test]
    fn rows_follow_items_and_bars_follow_months() {
        let plan = sap3_with_ids();
        let l = layout(&plan);
        assert_eq!(l.rows.len(), 31 + plan.schedule_row_count());
        assert!(matches!(l.rows[0].kind, RowKind::Item { .. }));
        // Item 7's first row: 検討 in 令和3年度 = the first 12 of 36 months.
        let item7 = plan.item_by_number(7).unwrap();
        let r = l
            .rows
            .iter()
            .find(|r| matches!(r.kind, RowKind::Schedule { row_id, .. } if row_id == item7.schedule[0].id))
            .unwrap();
        assert_eq!(r.bars[0].planned.x0, 300.0);
        assert_eq!(r.bars[0].planned.x1, 540.0);
        assert!(r.bars[0].planned.y0 > r.y && r.bars[0].planned.y1 < r.y + r.height);
        let total: f32 = l.rows.iter().map(|r| r.height).sum();
        assert_eq!(l.height, total);
    }

    #[test]
    fn actual_bar_sits_beneath_the_planned_one() {
        let mut plan = sap3_with_ids();
        let p = &mut plan.items[0].schedule[0].phases[0].data;
        p.actual_start = Some(YearMonth::new(2021, 6));
        let l = layout(&plan);
        let bar = &l.rows[1].bars[0];
        let actual = bar.actual.unwrap();
        assert!(actual.y0 >= bar.planned.y1);
        assert_eq!(actual.x0, 300.0 + 2.0 * 20.0);
        assert_eq!(actual.x1, bar.planned.x1, "a running actual reaches the planned end in the layout");
        // Drawn as of 16 September 2021: up to the middle of September (20 points a month).
        let as_of = chrono::NaiveDate::from_ymd_opt(2021, 9, 16).unwrap();
        let drawn = bar.actual_at(&l.axis, as_of).unwrap();
        assert_eq!(drawn.x0, actual.x0);
        assert!((drawn.x1 - (300.0 + 5.0 * 20.0 + 10.0)).abs() < 0.5, "{}", drawn.x1);
        // After the plan's end: to the end of the axis.
        let later = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(bar.actual_at(&l.axis, later).unwrap().x1, l.axis.x_end());
    }

    #[test]
    fn virtualised_range() {
        let plan = sap3_with_ids();
        let l = layout(&plan);
        let r = l.rows_in(100.0, 200.0);
        assert!(l.rows[r.start].y <= 100.0 && l.rows[r.start].y + l.rows[r.start].height > 100.0);
        assert!(l.rows[r.end - 1].y < 200.0);
        assert!(r.end == l.rows.len() || l.rows[r.end].y >= 200.0);
        assert!(l.rows_in(l.height + 10.0, l.height + 20.0).is_empty());
        assert_eq!(l.row_at(0.0), Some(0));
    }

    #[test]
    fn pages_break_between_items_only() {
        let plan = sap3_with_ids();
        let l = layout(&plan);
        let pages = l.pages(300.0);
        assert!(pages.len() > 1);
        assert_eq!(pages.first().unwrap().start, 0);
        assert_eq!(pages.last().unwrap().end, l.rows.len());
        for w in pages.windows(2) {
            assert_eq!(w[0].end, w[1].start, "pages are contiguous");
        }
        for p in &pages {
            assert!(matches!(l.rows[p.start].kind, RowKind::Item { .. }), "every page starts with an item heading");
            let h: f32 = l.rows[p.clone()].iter().map(|r| r.height).sum();
            assert!(h <= 300.0);
        }
    }

    #[test]
    fn balanced_pages_share_the_items_out() {
        let plan = sap3_with_ids();
        let l = layout(&plan);
        let page = 0.42 * l.height;
        let greedy = l.pages(page);
        let even = l.balanced_pages(page);
        assert_eq!(even.len(), greedy.len());
        assert_eq!((even[0].start, even.last().unwrap().end), (0, l.rows.len()));
        let heights: Vec<f32> = even.iter().map(|p| l.rows[p.clone()].iter().map(|r| r.height).sum()).collect();
        let tallest_item = l.item_ranges().into_iter().map(|r| l.rows[r].iter().map(|r| r.height).sum::<f32>());
        let tallest_item = tallest_item.fold(0.0, f32::max);
        let spread = heights.iter().fold(0.0_f32, |a, h| a.max(*h)) - heights.iter().fold(f32::MAX, |a, h| a.min(*h));
        assert!(spread <= tallest_item, "pages {heights:?}");
        for (w, p) in even.windows(2).zip(&even) {
            assert_eq!(w[0].end, w[1].start);
            assert!(matches!(l.rows[p.start].kind, RowKind::Item { .. }));
            assert!(heights.iter().all(|h| *h <= page));
        }
    }

    #[test]
    fn an_item_taller_than_a_page_is_split_within_itself() {
        let plan = sap3_with_ids();
        let l = layout(&plan);
        let pages = l.pages(50.0);
        assert_eq!(pages.last().unwrap().end, l.rows.len());
        for p in &pages {
            assert!(!p.is_empty());
        }
    }

    #[test]
    fn labels_inside_or_beside() {
        let bar = Span { x0: 0.0, x1: 100.0, y0: 0.0, y1: 10.0 };
        assert_eq!(place_label(&bar, 50.0, 4.0), LabelPlacement::Inside { x: 25.0 });
        assert_eq!(place_label(&bar, 95.0, 4.0), LabelPlacement::Beside { x: 104.0 });
    }
}
