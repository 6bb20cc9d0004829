//! The schedule (Gantt) view: the plan's fiscal years across, items and their schedule rows down.
//!
//! All geometry comes from `crate::layout` (shared with print); this folder only paints it and turns
//! pointer gestures into commands. The label columns and the time header stay in place while the body
//! scrolls, and only the rows inside the viewport are painted or made interactive, so ten thousand
//! rows cost what thirty do. `drag.rs` turns a drag into one `Edit::Phase` on release (one drag,
//! one undo step); `paint.rs` draws bars and grid; `labels.rs` the fixed columns and header.

mod drag;
mod labels;
mod paint;

use chrono::NaiveDate;
use egui::{Color32, Rect, Sense, Vec2, pos2, vec2};

use self::drag::{BarDrag, RowOfBars};
use self::paint::{ACTUAL, DELAYED, REFERENCE_LINE};
use crate::layout::{RowKind, ScheduleLayout, ScheduleStyle, Span, TimeAxis, Zoom};
use crate::model::dates::japanese_date;
use crate::model::{Id, PhaseKind, Plan};
use crate::ui::app::commands::Commands;
use crate::ui::app::state::Selection;
use crate::ui::context::ViewContext;

/// Width of the fixed label columns: number, title (or row label), 実施課.
const NUMBER_WIDTH: f32 = 36.0;
const TITLE_WIDTH: f32 = 250.0;
const DEPARTMENT_WIDTH: f32 = 120.0;
const LABEL_WIDTH: f32 = NUMBER_WIDTH + TITLE_WIDTH + DEPARTMENT_WIDTH;
const HEADER_ROW: f32 = 22.0;
const HEADER_HEIGHT: f32 = 2.0 * HEADER_ROW;
/// Room right of the last month, so a label placed beside a bar that ends in March stays readable.
const RIGHT_MARGIN: f32 = 120.0;
/// Width of the grip at each end of a bar that resizes it.
const GRIP: f32 = 6.0;

/// Width of one month for a zoom; 全期間 divides the body's width among the plan's months.
fn month_width(zoom: Zoom, body_width: f32, months: i32) -> f32 {
    match zoom {
        Zoom::Month => 30.0,
        Zoom::Quarter => 13.0,
        // Whole points, so that a window resized by a pixel does not lay everything out again.
        Zoom::Fit => ((body_width - FIT_MARGIN) / months.max(1) as f32).floor().max(3.0),
    }
}

/// Room kept right of the last month when the period is fitted to the width.
const FIT_MARGIN: f32 = 12.0;

struct CachedLayout {
    version: u64,
    visible: Vec<Id>,
    month_width: f32,
    layout: ScheduleLayout,
}

/// Runtime state of the view (nothing here is saved).
#[derive(Default)]
pub struct ScheduleState {
    cache: Option<CachedLayout>,
    drag: Option<BarDrag>,
    /// The body's scroll offset last frame; the label column scrolls the body through it.
    offset: Vec2,
}

/// What the App lends the view for one frame.
pub struct ViewState<'a> {
    pub state: &'a mut ScheduleState,
    pub selection: Option<Selection>,
    pub scroll_to_item: Option<Id>,
    /// Jump to this fraction of the body's height (0 = top, 1 = end).
    pub scroll_fraction: Option<f32>,
}

impl ScheduleState {
    fn layout(&mut self, plan: &Plan, version: u64, visible: &[Id], month_width: f32) -> &ScheduleLayout {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.version != version || c.month_width != month_width || c.visible != visible);
        if stale {
            let axis = TimeAxis::new(&plan.info, 0.0, month_width);
            let layout = ScheduleLayout::new(plan, visible, axis, &ScheduleStyle::SCREEN);
            self.cache = Some(CachedLayout { version, visible: visible.to_vec(), month_width, layout });
        }
        &self.cache.as_ref().expect("just filled").layout
    }
}

/// Where the parts of the view are on screen this frame, and how far the body is scrolled.
struct Frame {
    header: Rect,
    labels: Rect,
    body: Rect,
    offset: Vec2,
}

impl Frame {
    fn body_x(&self, x: f32) -> f32 {
        self.body.left() + x - self.offset.x
    }

    fn body_y(&self, y: f32) -> f32 {
        self.body.top() + y - self.offset.y
    }

    fn span(&self, s: &Span) -> Rect {
        Rect::from_min_max(pos2(self.body_x(s.x0), self.body_y(s.y0)), pos2(self.body_x(s.x1), self.body_y(s.y1)))
    }
}

pub fn show(ui: &mut egui::Ui, ctx: &ViewContext, zoom: Zoom, view: &mut ViewState, commands: &mut Commands) {
    let ViewContext { plan, version, visible, reference_date } = *ctx;
    legend(ui, reference_date);
    ui.add_space(4.0);
    let state = &mut *view.state;
    let months = plan.info.last_month().index() - plan.info.first_month().index() + 1;
    let body_width = ui.available_width() - LABEL_WIDTH;
    // Split borrows: the cached layout is read while the drag state changes.
    state.layout(plan, version, visible, month_width(zoom, body_width, months));
    let ScheduleState { cache, drag, offset } = state;
    let layout = &cache.as_ref().expect("layout cached").layout;

    let outer = ui.available_rect_before_wrap();
    ui.allocate_rect(outer, Sense::hover());
    let header = Rect::from_min_max(
        pos2(outer.left() + LABEL_WIDTH, outer.top()),
        pos2(outer.right(), outer.top() + HEADER_HEIGHT),
    );
    let labels = Rect::from_min_max(
        pos2(outer.left(), outer.top() + HEADER_HEIGHT),
        pos2(outer.left() + LABEL_WIDTH, outer.bottom()),
    );
    let body = Rect::from_min_max(pos2(outer.left() + LABEL_WIDTH, outer.top() + HEADER_HEIGHT), outer.max);

    // Where the body should scroll to this frame: an item chosen in the tree, or the wheel over the labels.
    let mut scroll_to: Option<f32> = None;
    if let Some(item_id) = view.scroll_to_item
        && let Some(i) = layout.row_of_item(item_id)
    {
        scroll_to = Some(layout.rows[i].y);
    }
    if let Some(f) = view.scroll_fraction {
        scroll_to = Some(f * (layout.height - body.height() + 16.0).max(0.0));
    }
    if ui.rect_contains_pointer(labels) {
        let dy = ui.input(|i| i.smooth_scroll_delta.y);
        if dy != 0.0 {
            scroll_to = Some(offset.y - dy);
        }
    }
    if let Some(y) = scroll_to {
        let max = (layout.height - body.height() + 16.0).max(0.0);
        scroll_to = Some(y.clamp(0.0, max));
    }

    let mut body_ui = ui.new_child(egui::UiBuilder::new().max_rect(body).id_salt("schedule_body"));
    let mut area = egui::ScrollArea::both().id_salt("schedule_scroll").auto_shrink([false, false]);
    if let Some(y) = scroll_to {
        area = area.vertical_scroll_offset(y);
    }
    let scrolled = area.show_viewport(&mut body_ui, |ui, viewport| {
        ui.set_min_size(vec2(layout.axis.width() + RIGHT_MARGIN, layout.height));
        let frame = Frame {
            header,
            labels,
            body: Rect::from_min_size(ui.max_rect().min + viewport.min.to_vec2(), body.size()),
            offset: viewport.min.to_vec2(),
        };
        let rows = layout.rows_in(viewport.min.y, viewport.max.y);
        paint::grid(ui, layout, &frame, &rows, view.selection);
        for row in &layout.rows[rows] {
            if let RowKind::Schedule { item_id, index, .. } = row.kind
                && let Some(item) = plan.item(item_id)
                && let Some(schedule_row) = item.schedule.get(index)
            {
                let bars = RowOfBars { row, item_number: item.number, row_index: index, schedule_row };
                drag::bars(ui, (layout, &frame, view.selection, reference_date), &bars, drag, commands);
            }
        }
        paint::reference_line(ui.painter(), &layout.axis, &frame, reference_date, frame.body);
        frame.offset
    });
    *offset = scrolled.inner;
    let frame = Frame { header, labels, body: scrolled.inner_rect, offset: *offset };
    let rows = layout.rows_in(offset.y, offset.y + frame.body.height());
    labels::label_column(ui, (plan, layout, &frame), rows, view.selection, commands);
    labels::time_header(ui, &layout.axis, &frame, zoom, reference_date);
    labels::corner(ui, Rect::from_min_max(outer.min, pos2(labels.right(), header.bottom())));
}

fn legend(ui: &mut egui::Ui, reference_date: NaiveDate) {
    ui.horizontal_wrapped(|ui| {
        ui.label("凡例:");
        for kind in PhaseKind::ALL {
            chip(ui, paint::kind_color(kind), 16.0, 10.0);
            ui.label(kind.label());
        }
        ui.add_space(8.0);
        chip(ui, ACTUAL, 16.0, 4.0);
        ui.label("実績");
        chip(ui, DELAYED, 16.0, 2.0);
        ui.label("遅れ");
        chip(ui, REFERENCE_LINE, 2.0, 14.0);
        ui.label(format!("基準日 {}", japanese_date(reference_date)));
    });
}

fn chip(ui: &mut egui::Ui, color: Color32, w: f32, h: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(w, 14.0), Sense::hover());
    ui.painter().rect_filled(Rect::from_center_size(rect.center(), vec2(w, h)), 1.0, color);
}
