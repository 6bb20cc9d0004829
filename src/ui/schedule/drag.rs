//! Pointer gestures on the bars: a click selects, a drag moves the bar, a drag of either end
//! changes its period. Months snap; the bar is drawn from the drag's preview while it lasts and
//! becomes one `Edit::Phase` on release.

use chrono::NaiveDate;
use egui::{Rect, Sense, pos2, vec2};

use super::labels::bar_name;
use super::paint::{self, BarLook};
use super::{Frame, GRIP};
use crate::edit::Edit;
use crate::layout::{LayoutRow, ScheduleLayout, ScheduleStyle, TimeAxis};
use crate::model::{Id, PhaseData, ScheduleRow};
use crate::ui::app::commands::{Command, Commands};
use crate::ui::app::state::Selection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DragMode {
    Move,
    Start,
    End,
}

/// A bar being dragged: what it was, and where the pointer went down.
#[derive(Debug, Clone)]
pub(super) struct BarDrag {
    phase_id: Id,
    mode: DragMode,
    original: PhaseData,
    origin_x: f32,
    /// The months the bar would have if released now.
    preview: PhaseData,
}

impl BarDrag {
    /// Moves or resizes by whole months, keeping start ≤ end and a moved bar inside the plan.
    fn update(&mut self, pointer_x: f32, axis: &TimeAxis) {
        let months = ((pointer_x - self.origin_x) / axis.month_width).round() as i32;
        let o = &self.original;
        let mut p = o.clone();
        match self.mode {
            DragMode::Move => {
                let lo = (axis.first.index() - o.start.index()).min(0);
                let hi = (axis.last.index() - o.end.index()).max(0);
                let m = months.clamp(lo, hi);
                p.start = o.start.add_months(m);
                p.end = o.end.add_months(m);
            }
            DragMode::Start => p.start = o.start.add_months(months).min(o.end).max(axis.first.min(o.start)),
            DragMode::End => p.end = o.end.add_months(months).max(o.start).min(axis.last.max(o.end)),
        }
        self.preview = p;
    }
}

/// One schedule row's bars as laid out, and what they belong to.
pub(super) struct RowOfBars<'a> {
    pub row: &'a LayoutRow,
    pub item_number: u32,
    pub row_index: usize,
    pub schedule_row: &'a ScheduleRow,
}

/// The bars of one row: interaction first (so a drag is seen this frame), then painting.
pub(super) fn bars(
    ui: &mut egui::Ui,
    (layout, frame, selection, as_of): (&ScheduleLayout, &Frame, Option<Selection>, NaiveDate),
    bars: &RowOfBars,
    drag: &mut Option<BarDrag>,
    commands: &mut Commands,
) {
    let RowOfBars { row, item_number, row_index, schedule_row } = *bars;
    let axis = &layout.axis;
    let style = ScheduleStyle::SCREEN;
    for geometry in &row.bars {
        let Some(phase) = schedule_row.phases.iter().find(|p| p.id == geometry.phase_id) else { continue };
        let id = egui::Id::unique(("schedule_bar", phase.id));
        let planned = frame.span(&geometry.planned);

        // Interaction: the body of the bar moves it, its ends resize it.
        let body = ui.interact(planned, id, Sense::click_and_drag());
        let grip_w = GRIP.min(planned.width() / 3.0);
        let start_grip = ui.interact(
            Rect::from_min_size(planned.min, vec2(grip_w, planned.height())),
            id.with("start"),
            Sense::drag(),
        );
        let end_grip = ui.interact(
            Rect::from_min_max(pos2(planned.right() - grip_w, planned.top()), planned.max),
            id.with("end"),
            Sense::drag(),
        );
        body.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, bar_name(item_number, row_index, &phase.data))
        });
        for (response, mode) in [(&body, DragMode::Move), (&start_grip, DragMode::Start), (&end_grip, DragMode::End)] {
            if response.hovered() || response.dragged() {
                ui.ctx().set_cursor_icon(if mode == DragMode::Move {
                    egui::CursorIcon::Grab
                } else {
                    egui::CursorIcon::ResizeHorizontal
                });
            }
            if response.drag_started() {
                let origin_x = ui.input(|i| i.pointer.press_origin()).map_or(planned.center().x, |p| p.x);
                *drag = Some(BarDrag {
                    phase_id: phase.id,
                    mode,
                    original: phase.data.clone(),
                    origin_x,
                    preview: phase.data.clone(),
                });
            }
            if let Some(d) = drag.as_mut().filter(|d| d.phase_id == phase.id && d.mode == mode) {
                if let Some(p) = ui.input(|i| i.pointer.latest_pos()) {
                    d.update(p.x, axis);
                }
                if response.drag_stopped() {
                    if d.preview != d.original {
                        commands.edit(Edit::Phase {
                            phase_id: phase.id,
                            old: d.original.clone(),
                            new: d.preview.clone(),
                        });
                    }
                    commands.send(Command::Select(Some(Selection::Phase(phase.id))));
                    *drag = None;
                }
            }
        }
        if body.clicked() {
            commands.send(Command::Select(Some(Selection::Phase(phase.id))));
        }
        body.on_hover_ui(|ui| paint::bar_tooltip(ui, &phase.data, phase.data.status_at(as_of)));

        // Paint: the drag preview if this bar is being dragged, else the record.
        let dragging = drag.as_ref().filter(|d| d.phase_id == phase.id);
        let data = dragging.map_or(&phase.data, |d| &d.preview);
        let planned = if dragging.is_some() {
            Rect::from_x_y_ranges(
                frame.body_x(axis.x_of(data.start))..=frame.body_x(axis.x_after(data.end)),
                planned.y_range(),
            )
        } else {
            planned
        };
        let selected = selection == Some(Selection::Phase(phase.id));
        let status = data.status_at(as_of);
        let look = BarLook { selected, dragging: dragging.is_some(), status, pad: style.label_pad };
        paint::bar(ui, frame, (planned, geometry.actual_at(axis, as_of)), data, &look);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FiscalYear, PlanInfo, YearMonth};

    fn axis() -> TimeAxis {
        let info = PlanInfo {
            name: String::new(),
            short_name: String::new(),
            first_year: FiscalYear(2021),
            last_year: FiscalYear(2023),
            baseline_year: FiscalYear(2020),
            adopted_on: None,
        };
        TimeAxis::new(&info, 0.0, 30.0)
    }

    fn drag(mode: DragMode, start: YearMonth, end: YearMonth) -> BarDrag {
        let data = PhaseData::planned("検討", start, end);
        BarDrag { phase_id: 1, mode, original: data.clone(), origin_x: 100.0, preview: data }
    }

    #[test]
    fn a_drag_snaps_to_whole_months() {
        let mut d = drag(DragMode::Move, YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        d.update(100.0 + 2.0 * 30.0 + 10.0, &axis());
        assert_eq!((d.preview.start, d.preview.end), (YearMonth::new(2021, 6), YearMonth::new(2022, 5)));
        d.update(100.0 + 14.0, &axis());
        assert_eq!(d.preview, d.original, "less than half a month snaps back");
    }

    #[test]
    fn a_moved_bar_stays_in_the_plan_and_a_resized_one_keeps_its_order() {
        let mut d = drag(DragMode::Move, YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        d.update(100.0 - 300.0, &axis());
        assert_eq!(d.preview.start, YearMonth::new(2021, 4));
        d.update(100.0 + 5000.0, &axis());
        assert_eq!(d.preview.end, YearMonth::new(2024, 3));
        assert_eq!(d.preview.start, YearMonth::new(2023, 4));

        let mut s = drag(DragMode::Start, YearMonth::new(2021, 4), YearMonth::new(2021, 9));
        s.update(100.0 + 30.0 * 20.0, &axis());
        assert_eq!(s.preview.start, YearMonth::new(2021, 9), "start never passes end");
        let mut e = drag(DragMode::End, YearMonth::new(2021, 4), YearMonth::new(2021, 9));
        e.update(100.0 - 30.0 * 20.0, &axis());
        assert_eq!(e.preview.end, YearMonth::new(2021, 4), "end never passes start");
    }
}
