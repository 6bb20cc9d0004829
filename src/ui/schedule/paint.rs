//! Painting the body: the grid of rows and months, the bars, the 基準日 line, in the palette
//! shared with the paper (`layout::palette`).

use std::sync::Arc;

use egui::{Color32, FontId, Rect, Stroke, StrokeKind, pos2};

use super::Frame;
use crate::layout::palette::{self, Rgb};
use crate::layout::{LabelPlacement, RowKind, ScheduleLayout, Span, TimeAxis, place_label};
use crate::model::{PhaseData, PhaseKind, PhaseStatus};
use crate::ui::app::state::Selection;
use chrono::NaiveDate;

/// A colour of the shared palette (`layout::palette`), for egui.
pub(super) fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Fill colour of a bar by kind of phase (the legend and the paper show the same).
pub(super) fn kind_color(kind: PhaseKind) -> Color32 {
    color(palette::kind_color(kind))
}

pub(super) const DELAYED: Color32 = Color32::from_rgb(palette::DELAYED.0, palette::DELAYED.1, palette::DELAYED.2);
pub(super) const REFERENCE_LINE: Color32 = Color32::from_rgb(palette::AS_OF.0, palette::AS_OF.1, palette::AS_OF.2);
pub(super) const ACTUAL: Color32 = Color32::from_rgb(palette::ACTUAL.0, palette::ACTUAL.1, palette::ACTUAL.2);
const BAR_TEXT: Color32 = Color32::from_rgb(palette::TEXT.0, palette::TEXT.1, palette::TEXT.2);

/// Row backgrounds, month and year lines, for the visible rows only.
pub(super) fn grid(
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

/// How a bar is drawn this frame, beside its data.
pub(super) struct BarLook {
    pub selected: bool,
    pub dragging: bool,
    /// The status as of the 基準日 (a phase past its planned end and unfinished is 遅れ).
    pub status: PhaseStatus,
    /// Room kept between a bar's edge and its label.
    pub pad: f32,
}

pub(super) fn bar(
    ui: &egui::Ui,
    frame: &Frame,
    (planned, actual): (Rect, Option<Span>),
    data: &PhaseData,
    look: &BarLook,
) {
    let BarLook { selected, dragging, status, pad } = *look;
    let painter = ui.painter();
    let kind = data.kind();
    let mut fill = kind_color(kind);
    if status == PhaseStatus::Cancelled {
        fill = fill.gamma_multiply(0.35);
    }
    if dragging {
        fill = fill.gamma_multiply(0.7);
    }
    painter.rect_filled(planned, 3.0, fill);
    let stroke = if selected {
        Stroke::new(2.5, ui.visuals().selection.stroke.color)
    } else if status == PhaseStatus::Delayed {
        Stroke::new(2.0, DELAYED)
    } else {
        Stroke::new(0.5, fill.gamma_multiply(0.6))
    };
    painter.rect_stroke(planned, 3.0, stroke, StrokeKind::Inside);
    if let Some(actual) = actual {
        painter.rect_filled(frame.span(&actual), 1.0, ACTUAL);
    }

    let text =
        if data.label.is_empty() { status.label().to_string() } else { format!("{}・{}", data.label, status.label()) };
    let font = FontId::proportional(12.0);
    let galley = painter.layout_no_wrap(text.clone(), font.clone(), BAR_TEXT);
    let bar = Span { x0: planned.left(), x1: planned.right(), y0: planned.top(), y1: planned.bottom() };
    let y = planned.center().y - galley.size().y / 2.0;
    match place_label(&bar, galley.size().x, pad) {
        LabelPlacement::Inside { x } => painter.galley(pos2(x, y), galley, BAR_TEXT),
        LabelPlacement::Beside { x } => {
            let color = if status == PhaseStatus::Delayed { DELAYED } else { ui.visuals().text_color() };
            let galley: Arc<egui::Galley> = painter.layout_no_wrap(text, font, color);
            painter.galley(pos2(x, y), galley, color);
        }
    }
}

pub(super) fn bar_tooltip(ui: &mut egui::Ui, d: &PhaseData, status: PhaseStatus) {
    ui.label(if d.label.is_empty() { "（名前のない工程）" } else { &d.label });
    ui.label(format!("計画: {} 〜 {}", d.start.japanese(), d.end.japanese()));
    match (d.actual_start, d.actual_end) {
        (Some(s), Some(e)) => ui.label(format!("実績: {} 〜 {}", s.japanese(), e.japanese())),
        (Some(s), None) => ui.label(format!("実績: {} 〜（継続中）", s.japanese())),
        _ => ui.label("実績: 未入力"),
    };
    if status != d.status {
        ui.label(format!("状況: {}（入力は「{}」、計画の終了を過ぎています）", status.label(), d.status.label()));
    } else {
        ui.label(format!("状況: {}", d.status.label()));
    }
    if !d.note.is_empty() {
        ui.label(format!("備考: {}", d.note));
    }
    ui.weak("クリックで編集、ドラッグで移動、端のドラッグで期間を変更");
}

pub(super) fn reference_line(painter: &egui::Painter, axis: &TimeAxis, frame: &Frame, date: NaiveDate, clip: Rect) {
    if let Some(x) = axis.x_of_date(date) {
        let x = frame.body_x(x);
        painter.with_clip_rect(clip).vline(x, clip.y_range(), Stroke::new(1.5, REFERENCE_LINE));
    }
}
