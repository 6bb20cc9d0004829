//! The schedule (Gantt) view: the plan's fiscal years across, items and their schedule rows down.
//!
//! All geometry comes from `crate::layout` (shared with print); this file only paints it and turns
//! pointer gestures into edits. The label columns and the time header stay in place while the body
//! scrolls, and only the rows inside the viewport are painted or made interactive, so ten thousand
//! rows cost what thirty do. A drag is drawn from `BarDrag` while it lasts and becomes one
//! `Edit::Phase` on release: one drag, one undo step.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::state::Selection;
use crate::edit::Edit;
use crate::layout::{
    LabelPlacement, LayoutRow, RowKind, ScheduleLayout, ScheduleStyle, Span, TimeAxis, Zoom, place_label,
};
use crate::model::{Id, Item, PhaseData, PhaseKind, PhaseStatus, Plan, PlanInfo, ScheduleRow, YearMonth};

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

fn month_width(zoom: Zoom) -> f32 {
    match zoom {
        Zoom::Month => 30.0,
        Zoom::Quarter => 13.0,
    }
}

/// Fill colour of a bar by kind of phase (the legend shows the same).
pub fn kind_color(kind: PhaseKind) -> Color32 {
    match kind {
        PhaseKind::Study => Color32::from_rgb(122, 170, 230),
        PhaseKind::Preparation => Color32::from_rgb(244, 190, 92),
        PhaseKind::Implementation => Color32::from_rgb(112, 190, 122),
        PhaseKind::Other => Color32::from_rgb(186, 186, 186),
    }
}

fn actual_color(kind: PhaseKind) -> Color32 {
    let c = kind_color(kind);
    Color32::from_rgb((c.r() as f32 * 0.45) as u8, (c.g() as f32 * 0.45) as u8, (c.b() as f32 * 0.45) as u8)
}

const DELAYED: Color32 = Color32::from_rgb(200, 40, 40);
const REFERENCE_LINE: Color32 = Color32::from_rgb(220, 30, 60);
const BAR_TEXT: Color32 = Color32::from_rgb(20, 20, 20);

/// The accessible name of a bar (screen readers, and tests that click a bar by its label):
/// "工程 7-1 検討（令和3年4月〜令和4年3月）" for item 7's first schedule row.
pub fn bar_name(item_number: u32, row_index: usize, data: &PhaseData) -> String {
    format!(
        "工程 {}-{} {}（{}〜{}）",
        item_number,
        row_index + 1,
        data.label,
        data.start.japanese(),
        data.end.japanese()
    )
}

/// Accessible name of a schedule row's label cell.
pub fn row_name(item: &Item, row: &ScheduleRow) -> String {
    format!(
        "スケジュール行 {}-{} {}",
        item.number,
        item.schedule.iter().position(|r| r.id == row.id).unwrap_or(0) + 1,
        row.label
    )
}

/// A phase added with 工程を追加: six months after the row's last phase, within the plan.
pub fn new_phase(info: &PlanInfo, row: Option<&ScheduleRow>) -> PhaseData {
    let (first, last) = (info.first_month(), info.last_month());
    let after = row.and_then(|r| r.phases.iter().map(|p| p.data.end).max()).map(|m| m.add_months(1));
    let start = after.filter(|m| *m <= last).unwrap_or(first);
    PhaseData::planned("新しい工程", start, start.add_months(5).min(last))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DragMode {
    Move,
    Start,
    End,
}

/// A bar being dragged: what it was, and where the pointer went down.
#[derive(Debug, Clone)]
struct BarDrag {
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

struct CachedLayout {
    version: u64,
    visible: Vec<Id>,
    zoom: Zoom,
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

#[derive(Default)]
pub struct ScheduleOutput {
    pub clicked: Option<Selection>,
}

impl ScheduleState {
    fn layout(&mut self, plan: &Plan, version: u64, visible: &[Id], zoom: Zoom) -> &ScheduleLayout {
        let stale = self.cache.as_ref().is_none_or(|c| c.version != version || c.zoom != zoom || c.visible != visible);
        if stale {
            let axis = TimeAxis::new(&plan.info, 0.0, month_width(zoom));
            let layout = ScheduleLayout::new(plan, visible, axis, &ScheduleStyle::SCREEN);
            self.cache = Some(CachedLayout { version, visible: visible.to_vec(), zoom, layout });
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

#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut egui::Ui,
    plan: &Plan,
    version: u64,
    visible: &[Id],
    zoom: Zoom,
    reference_date: NaiveDate,
    view: &mut ViewState,
    pending: &mut Vec<Edit>,
) -> ScheduleOutput {
    legend(ui, reference_date);
    ui.add_space(4.0);
    let state = &mut *view.state;
    // Split borrows: the cached layout is read while the drag state changes.
    state.layout(plan, version, visible, zoom);
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

    let mut out = ScheduleOutput::default();
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
        paint_grid(ui, layout, &frame, &rows, view.selection);
        for row in &layout.rows[rows] {
            if let RowKind::Schedule { item_id, index, .. } = row.kind
                && let Some(schedule_row) = plan.item(item_id).and_then(|i| i.schedule.get(index))
            {
                let number = plan.item(item_id).map_or(0, |i| i.number);
                bars(ui, layout, &frame, row, (number, index), schedule_row, view.selection, drag, pending, &mut out);
            }
        }
        reference_line(ui.painter(), &layout.axis, &frame, reference_date, frame.body);
        frame.offset
    });
    *offset = scrolled.inner;
    let frame = Frame { header, labels, body: scrolled.inner_rect, offset: *offset };
    let rows = layout.rows_in(offset.y, offset.y + frame.body.height());
    label_column(ui, plan, layout, &frame, rows, view.selection, &mut out);
    time_header(ui, &layout.axis, &frame, zoom, reference_date);
    corner(ui, Rect::from_min_max(outer.min, pos2(labels.right(), header.bottom())));
    out
}

fn legend(ui: &mut egui::Ui, reference_date: NaiveDate) {
    ui.horizontal_wrapped(|ui| {
        ui.label("凡例:");
        for kind in PhaseKind::ALL {
            chip(ui, kind_color(kind), 16.0, 10.0);
            ui.label(kind.label());
        }
        ui.add_space(8.0);
        chip(ui, actual_color(PhaseKind::Implementation), 16.0, 4.0);
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

/// 令和4年10月1日
pub fn japanese_date(d: NaiveDate) -> String {
    let ym = YearMonth::new(d.year(), d.month()).japanese();
    format!("{ym}{}日", d.day())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(30, |d| d.day())
}

fn reference_x(axis: &TimeAxis, date: NaiveDate) -> Option<f32> {
    let m = YearMonth::new(date.year(), date.month());
    (axis.first..=axis.last)
        .contains(&m)
        .then(|| axis.x_of_day(m, date.day(), days_in_month(date.year(), date.month())))
}

fn reference_line(painter: &egui::Painter, axis: &TimeAxis, frame: &Frame, date: NaiveDate, clip: Rect) {
    if let Some(x) = reference_x(axis, date) {
        let x = frame.body_x(x);
        painter.with_clip_rect(clip).vline(x, clip.y_range(), Stroke::new(1.5, REFERENCE_LINE));
    }
}

/// Row backgrounds, month and year lines, for the visible rows only.
fn paint_grid(
    ui: &egui::Ui,
    layout: &ScheduleLayout,
    frame: &Frame,
    rows: &std::ops::Range<usize>,
    selection: Option<Selection>,
) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    let item_fill = visuals.faint_bg_color;
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let right = frame.body_x(layout.axis.x_end());
    for row in &layout.rows[rows.clone()] {
        let rect = Rect::from_x_y_ranges(
            frame.body.left()..=frame.body.right(),
            frame.body_y(row.y)..=frame.body_y(row.y + row.height),
        );
        match row.kind {
            RowKind::Item { .. } => {
                painter.rect_filled(rect, 0.0, item_fill);
            }
            RowKind::Schedule { row_id, .. } if selection == Some(Selection::Row(row_id)) => {
                painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
            }
            RowKind::Schedule { .. } => {}
        }
        painter.hline(rect.x_range(), rect.bottom(), Stroke::new(0.5, line));
    }
    let top = frame.body.top();
    let bottom = frame.body_y(layout.height).min(frame.body.bottom());
    let axis = &layout.axis;
    for i in 0..=axis.months() {
        let m = axis.first.add_months(i);
        let x = frame.body_x(axis.x0 + i as f32 * axis.month_width);
        let year_edge = m.month == 4 || i == axis.months();
        let stroke = if year_edge {
            Stroke::new(1.0, line.gamma_multiply(2.0))
        } else {
            Stroke::new(0.5, line.gamma_multiply(0.6))
        };
        painter.vline(x, top..=bottom, stroke);
    }
    let _ = right;
}

#[allow(clippy::too_many_arguments)]
fn bars(
    ui: &mut egui::Ui,
    layout: &ScheduleLayout,
    frame: &Frame,
    row: &LayoutRow,
    (item_number, row_index): (u32, usize),
    schedule_row: &ScheduleRow,
    selection: Option<Selection>,
    drag: &mut Option<BarDrag>,
    pending: &mut Vec<Edit>,
    out: &mut ScheduleOutput,
) {
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
                        pending.push(Edit::Phase {
                            phase_id: phase.id,
                            old: d.original.clone(),
                            new: d.preview.clone(),
                        });
                    }
                    out.clicked = Some(Selection::Phase(phase.id));
                    *drag = None;
                }
            }
        }
        if body.clicked() {
            out.clicked = Some(Selection::Phase(phase.id));
        }
        body.on_hover_ui(|ui| bar_tooltip(ui, &phase.data));

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
        paint_bar(ui, frame, planned, geometry.actual.as_ref(), data, selected, dragging.is_some(), style.label_pad);
    }
}

#[allow(clippy::too_many_arguments)]
fn paint_bar(
    ui: &egui::Ui,
    frame: &Frame,
    planned: Rect,
    actual: Option<&Span>,
    data: &PhaseData,
    selected: bool,
    dragging: bool,
    pad: f32,
) {
    let painter = ui.painter();
    let kind = data.kind();
    let mut fill = kind_color(kind);
    if data.status == PhaseStatus::Cancelled {
        fill = fill.gamma_multiply(0.35);
    }
    if dragging {
        fill = fill.gamma_multiply(0.7);
    }
    painter.rect_filled(planned, 3.0, fill);
    let stroke = if selected {
        Stroke::new(2.5, ui.visuals().selection.stroke.color)
    } else if data.status == PhaseStatus::Delayed {
        Stroke::new(2.0, DELAYED)
    } else {
        Stroke::new(0.5, fill.gamma_multiply(0.6))
    };
    painter.rect_stroke(planned, 3.0, stroke, StrokeKind::Inside);
    if let Some(actual) = actual {
        painter.rect_filled(frame.span(actual), 1.0, actual_color(kind));
    }

    let text = if data.label.is_empty() {
        data.status.label().to_string()
    } else {
        format!("{}・{}", data.label, data.status.label())
    };
    let font = FontId::proportional(12.0);
    let galley = painter.layout_no_wrap(text.clone(), font.clone(), BAR_TEXT);
    let bar = Span { x0: planned.left(), x1: planned.right(), y0: planned.top(), y1: planned.bottom() };
    let y = planned.center().y - galley.size().y / 2.0;
    match place_label(&bar, galley.size().x, pad) {
        LabelPlacement::Inside { x } => painter.galley(pos2(x, y), galley, BAR_TEXT),
        LabelPlacement::Beside { x } => {
            let color = if data.status == PhaseStatus::Delayed { DELAYED } else { ui.visuals().text_color() };
            let galley: Arc<egui::Galley> = painter.layout_no_wrap(text, font, color);
            painter.galley(pos2(x, y), galley, color);
        }
    }
}

fn bar_tooltip(ui: &mut egui::Ui, d: &PhaseData) {
    ui.label(if d.label.is_empty() { "（名前のない工程）" } else { &d.label });
    ui.label(format!("計画: {} 〜 {}", d.start.japanese(), d.end.japanese()));
    match (d.actual_start, d.actual_end) {
        (Some(s), Some(e)) => ui.label(format!("実績: {} 〜 {}", s.japanese(), e.japanese())),
        (Some(s), None) => ui.label(format!("実績: {} 〜（継続中）", s.japanese())),
        _ => ui.label("実績: 未入力"),
    };
    ui.label(format!("状況: {}", d.status.label()));
    if !d.note.is_empty() {
        ui.label(format!("備考: {}", d.note));
    }
    ui.weak("クリックで編集、ドラッグで移動、端のドラッグで期間を変更");
}

/// One line of text cut to `width` with an ellipsis.
fn elided(ui: &egui::Ui, text: &str, font: FontId, color: Color32, width: f32) -> Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(1.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

/// The fixed columns on the left: number, title or row label, 実施課.
fn label_column(
    ui: &mut egui::Ui,
    plan: &Plan,
    layout: &ScheduleLayout,
    frame: &Frame,
    rows: std::ops::Range<usize>,
    selection: Option<Selection>,
    out: &mut ScheduleOutput,
) {
    let clip = frame.labels;
    let painter = ui.painter().with_clip_rect(clip);
    painter.rect_filled(clip, 0.0, ui.visuals().panel_fill);
    let visuals = ui.visuals().clone();
    let text = visuals.text_color();
    let strong = visuals.strong_text_color();
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let x = clip.left();
    for row in &layout.rows[rows] {
        let y0 = frame.body_y(row.y);
        let rect = Rect::from_x_y_ranges(x..=clip.right(), y0..=y0 + row.height);
        let mid = rect.center().y;
        match row.kind {
            RowKind::Item { item_id } => {
                let Some(item) = plan.item(item_id) else { continue };
                painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
                painter.text(
                    pos2(x + 4.0, mid),
                    Align2::LEFT_CENTER,
                    item.number.to_string(),
                    FontId::proportional(13.0),
                    strong,
                );
                let title = elided(ui, &item.title, FontId::proportional(13.0), strong, TITLE_WIDTH - 8.0);
                painter.galley(pos2(x + NUMBER_WIDTH, mid - title.size().y / 2.0), title, strong);
                let dept = elided(ui, &item.department, FontId::proportional(12.0), text, DEPARTMENT_WIDTH - 8.0);
                painter.galley(pos2(x + NUMBER_WIDTH + TITLE_WIDTH + 4.0, mid - dept.size().y / 2.0), dept, text);
                let r = ui.interact(rect.intersect(clip), egui::Id::unique(("schedule_item", item_id)), Sense::hover());
                r.on_hover_text(format!("{}. {}（{}）", item.number, item.title, item.department));
            }
            RowKind::Schedule { item_id, row_id, index } => {
                let Some(item) = plan.item(item_id) else { continue };
                let Some(schedule_row) = item.schedule.get(index) else { continue };
                if selection == Some(Selection::Row(row_id)) {
                    painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
                }
                let label = if schedule_row.label.is_empty() { "（全体）" } else { &schedule_row.label };
                let g = elided(ui, label, FontId::proportional(12.0), text, TITLE_WIDTH + DEPARTMENT_WIDTH - 20.0);
                painter.galley(pos2(x + NUMBER_WIDTH + 12.0, mid - g.size().y / 2.0), g, text);
                let r = ui.interact(rect.intersect(clip), egui::Id::unique(("schedule_row", row_id)), Sense::click());
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, row_name(item, schedule_row)));
                if r.clicked() {
                    out.clicked = Some(Selection::Row(row_id));
                }
            }
        }
        painter.hline(rect.x_range(), rect.bottom(), Stroke::new(0.5, line));
    }
    painter.vline(clip.right() - 0.5, clip.y_range(), Stroke::new(1.0, line));
}

/// The fixed header: fiscal years (西暦 on hover) over months or quarters.
fn time_header(ui: &mut egui::Ui, axis: &TimeAxis, frame: &Frame, zoom: Zoom, reference_date: NaiveDate) {
    let clip = frame.header;
    let painter = ui.painter().with_clip_rect(clip);
    let visuals = ui.visuals().clone();
    painter.rect_filled(clip, 0.0, visuals.panel_fill);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let text = visuals.text_color();
    let (top, mid, bottom) = (clip.top(), clip.top() + HEADER_ROW, clip.bottom());
    for col in axis.year_columns() {
        let r = Rect::from_x_y_ranges(frame.body_x(col.x0)..=frame.body_x(col.x1), top..=mid);
        painter.rect_filled(r.shrink(0.5), 0.0, visuals.faint_bg_color);
        painter.text(
            r.center(),
            Align2::CENTER_CENTER,
            &col.label,
            FontId::proportional(13.0),
            visuals.strong_text_color(),
        );
        painter.vline(r.left(), top..=bottom, Stroke::new(1.0, line));
        if r.intersects(clip) {
            let response =
                ui.interact(r.intersect(clip), egui::Id::unique(("schedule_year", col.x0 as i32)), Sense::hover());
            response.on_hover_text(&col.hover);
        }
    }
    for col in axis.columns(zoom) {
        let r = Rect::from_x_y_ranges(frame.body_x(col.x0)..=frame.body_x(col.x1), mid..=bottom);
        painter.text(r.center(), Align2::CENTER_CENTER, &col.label, FontId::proportional(11.0), text);
        painter.vline(r.left(), mid..=bottom, Stroke::new(0.5, line));
    }
    painter.hline(clip.x_range(), mid, Stroke::new(0.5, line));
    painter.hline(clip.x_range(), bottom - 0.5, Stroke::new(1.0, line));
    if let Some(x) = reference_x(axis, reference_date) {
        let x = frame.body_x(x);
        painter.vline(x, mid..=bottom, Stroke::new(1.5, REFERENCE_LINE));
    }
}

fn corner(ui: &egui::Ui, rect: Rect) {
    let painter = ui.painter().with_clip_rect(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.panel_fill);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let text = visuals.text_color();
    let y = rect.bottom() - HEADER_ROW / 2.0;
    let x = rect.left();
    let font = FontId::proportional(12.0);
    painter.text(pos2(x + 4.0, y), Align2::LEFT_CENTER, "番号", font.clone(), text);
    painter.text(pos2(x + NUMBER_WIDTH, y), Align2::LEFT_CENTER, "改革項目 ／ 取組", font.clone(), text);
    painter.text(pos2(x + NUMBER_WIDTH + TITLE_WIDTH + 4.0, y), Align2::LEFT_CENTER, "実施課", font, text);
    painter.hline(rect.x_range(), rect.bottom() - 0.5, Stroke::new(1.0, line));
    painter.vline(rect.right() - 0.5, rect.y_range(), Stroke::new(1.0, line));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FiscalYear;

    fn axis() -> TimeAxis {
        let info = PlanInfo {
            name: String::new(),
            short_name: String::new(),
            first_year: FiscalYear(2021),
            last_year: FiscalYear(2023),
            baseline_year: FiscalYear(2020),
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

    #[test]
    fn new_phases_follow_the_row() {
        let plan = crate::seed::sap3();
        let p = new_phase(&plan.info, None);
        assert_eq!((p.start, p.end), (YearMonth::new(2021, 4), YearMonth::new(2021, 9)));
        let row = ScheduleRow {
            id: 1,
            label: String::new(),
            phases: vec![crate::model::Phase {
                id: 1,
                data: PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2023, 12)),
            }],
        };
        let p = new_phase(&plan.info, Some(&row));
        assert_eq!((p.start, p.end), (YearMonth::new(2024, 1), YearMonth::new(2024, 3)));
    }

    #[test]
    fn reference_date_inside_the_plan_only() {
        let a = axis();
        assert!(reference_x(&a, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()).is_none());
        let x = reference_x(&a, NaiveDate::from_ymd_opt(2021, 4, 16).unwrap()).unwrap();
        assert!(x > 14.0 && x < 16.0, "{x}");
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(japanese_date(NaiveDate::from_ymd_opt(2022, 10, 1).unwrap()), "令和4年10月1日");
    }
}
