//! Pages that fill the paper. The page breaks come from `balanced_pages` (the fewest pages the
//! rows need, the items shared out evenly); this decides how much the rows may then grow so
//! that the fullest page reaches the page's foot, and stretches each page's rows so that the
//! others reach it too, instead of leaving a third of the sheet blank.

use std::ops::Range;

use super::schedule::{LayoutRow, ScheduleLayout, ScheduleStyle, Span};

/// A page less full than the fullest one has its row spacing stretched by at most this much:
/// the items are shared out evenly, so only a short last page (or one after an item too tall
/// for a page) needs more, and there blank paper reads better than rows spread thin.
pub const MAX_STRETCH: f32 = 1.3;

impl ScheduleStyle {
    /// Every size `k` times as large.
    pub fn scaled(&self, k: f32) -> Self {
        ScheduleStyle {
            item_row_height: self.item_row_height * k,
            schedule_row_height: self.schedule_row_height * k,
            bar_height: self.bar_height * k,
            actual_bar_height: self.actual_bar_height * k,
            bar_top: self.bar_top * k,
            label_pad: self.label_pad * k,
        }
    }
}

impl ScheduleLayout {
    /// Height of a run of rows.
    pub fn height_of(&self, rows: Range<usize>) -> f32 {
        self.rows[rows].iter().map(|r| r.height).sum()
    }

    /// How much every size may grow, between 1 and `max`, for the fullest of `pages` to fill
    /// `page_height`.
    pub fn growth_to_fill(&self, pages: &[Range<usize>], page_height: f32, max: f32) -> f32 {
        let fullest = pages.iter().map(|p| self.height_of(p.clone())).fold(0.0, f32::max);
        if fullest <= 0.0 {
            return 1.0;
        }
        // A hair under the exact ratio, so rounding never pushes the fullest page past its foot.
        (page_height / fullest * 0.9999).clamp(1.0, max.max(1.0))
    }

    /// The stretch (1 to `MAX_STRETCH`) that brings these rows down to `page_height`.
    pub fn stretch_to_fill(&self, rows: Range<usize>, page_height: f32) -> f32 {
        let h = self.height_of(rows);
        if h <= 0.0 { 1.0 } else { (page_height / h * 0.9999).clamp(1.0, MAX_STRETCH) }
    }

    /// One page's rows placed from `top`, each `stretch` times as tall; the bars keep their
    /// size and stay centred in their taller rows.
    pub fn stretched(&self, rows: Range<usize>, stretch: f32, top: f32) -> Vec<LayoutRow> {
        let Some(first) = self.rows.get(rows.start).map(|r| r.y) else { return Vec::new() };
        self.rows[rows]
            .iter()
            .map(|row| {
                let y = top + (row.y - first) * stretch;
                let height = row.height * stretch;
                let dy = y - row.y + (height - row.height) / 2.0;
                let shift = |s: Span| Span { y0: s.y0 + dy, y1: s.y1 + dy, ..s };
                let bars = row
                    .bars
                    .iter()
                    .map(|b| super::BarGeometry { planned: shift(b.planned), actual: b.actual.map(shift), ..b.clone() })
                    .collect();
                LayoutRow { kind: row.kind, y, height, bars }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RowKind, TimeAxis};
    use super::*;
    use crate::model::{Id, Plan};

    fn sap3() -> Plan {
        crate::seed::sap3_with_ids()
    }

    fn layout(plan: &Plan, style: &ScheduleStyle) -> ScheduleLayout {
        let ids: Vec<Id> = plan.items.iter().map(|i| i.id).collect();
        ScheduleLayout::new(plan, &ids, TimeAxis::fitted(&plan.info, 300.0, 720.0), style)
    }

    #[test]
    fn grown_rows_fill_the_fullest_page_and_stretched_rows_the_others() {
        let plan = sap3();
        let style = ScheduleStyle::SCREEN;
        let base = layout(&plan, &style);
        // A page height at which the plan needs three pages with room to spare on each.
        let page = base.height / 2.6;
        let pages = base.balanced_pages(page);
        assert_eq!(pages.len(), 3);
        let growth = base.growth_to_fill(&pages, page, 2.0);
        assert!(growth > 1.05, "room to grow: {growth}");
        let grown = layout(&plan, &style.scaled(growth));
        let heights: Vec<f32> = pages.iter().map(|p| grown.height_of(p.clone())).collect();
        let fullest = heights.iter().fold(0.0_f32, |a, h| a.max(*h));
        assert!(fullest <= page && fullest > page * 0.999, "{heights:?} on {page}");
        for p in &pages {
            let stretch = grown.stretch_to_fill(p.clone(), page);
            let rows = grown.stretched(p.clone(), stretch, 100.0);
            let last = rows.last().unwrap();
            let foot = last.y + last.height;
            assert!(foot <= 100.0 + page + 0.01 && foot >= 100.0 + page * 0.99, "page ends at {foot}");
            assert_eq!(rows[0].y, 100.0);
            assert!(matches!(rows[0].kind, RowKind::Item { .. }));
            for (r, original) in rows.iter().zip(&grown.rows[p.clone()]) {
                for (b, o) in r.bars.iter().zip(&original.bars) {
                    assert!((b.planned.height() - o.planned.height()).abs() < 1e-3, "bars keep their size");
                    let gap_above = b.planned.y0 - r.y;
                    let gap_below = r.y + r.height - b.actual.unwrap_or(b.planned).y1;
                    assert!(gap_above > 0.0 && gap_below > 0.0, "bars stay inside their rows");
                }
            }
        }
    }

    #[test]
    fn growth_and_stretch_are_bounded() {
        let plan = sap3();
        let base = layout(&plan, &ScheduleStyle::SCREEN);
        let one: Vec<Range<usize>> = std::iter::once(0..base.rows.len()).collect();
        assert_eq!(base.growth_to_fill(&one, base.height * 10.0, 1.5), 1.5);
        assert_eq!(base.growth_to_fill(&one, base.height / 2.0, 1.5), 1.0, "never shrinks");
        assert_eq!(base.stretch_to_fill(0..3, 10_000.0), MAX_STRETCH);
    }
}
