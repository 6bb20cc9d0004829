//! The cells not being edited: painted, not made into widgets, with their laid-out texts kept
//! between frames; a widget only where the pointer or a screen reader needs one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::{Align2, Color32, FontId, Galley, Rect, Sense, Stroke, Ui};

use super::input::{KpiCell, stored_value};
use super::{CellKey, KpiColumn, KpiTableState, Row, cell_id, typing};
use crate::edit::Edit;
use crate::model::{FiscalYear, KpiValue, Plan, Rating};
use crate::ui::progress_colors::{judgement_color, rating_color, rating_letter};

/// How a cell is drawn this frame, beside its content.
#[derive(Clone, Copy)]
pub(super) struct CellLook {
    pub dark: bool,
    /// Screen readers (or tests) read the accessibility tree this frame.
    pub accesskit: bool,
    pub take_focus: bool,
    /// The width the frozen columns take at the left: a cell scrolled into view must clear them.
    pub frozen_width: f32,
}

/// Laid-out cell texts by cell. Each is checked against what the cell shows now (text, colour,
/// font, width), so an edit or a theme change lays out again; all are dropped when egui drops
/// its own galleys (a new font atlas), seen by a probe text laid out through egui every frame.
#[derive(Debug, Default)]
pub(super) struct CellGalleys {
    probe: Option<Arc<Galley>>,
    cells: HashMap<CellKey, CellGalley>,
}

#[derive(Debug)]
struct CellGalley {
    text: String,
    color: Color32,
    font: FontId,
    /// The width it was cut to (`None`: not cut).
    width: Option<f32>,
    galley: Arc<Galley>,
}

/// Cells kept at most; more (after scrolling through a large plan) starts the cache afresh.
const MAX_CACHED_CELLS: usize = 20_000;

impl CellGalleys {
    /// Forgets everything if egui has thrown its galleys away since the last frame.
    pub(super) fn begin_frame(&mut self, ui: &Ui) {
        let probe = ui.painter().layout_no_wrap("数値目標".to_owned(), FontId::default(), Color32::WHITE);
        if self.probe.as_ref().is_none_or(|p| !Arc::ptr_eq(p, &probe)) || self.cells.len() > MAX_CACHED_CELLS {
            self.cells.clear();
        }
        self.probe = Some(probe);
    }

    pub(super) fn get(
        &mut self,
        ui: &Ui,
        key: CellKey,
        text: &str,
        font: FontId,
        color: Color32,
        width: Option<f32>,
    ) -> Arc<Galley> {
        if let Some(c) = self.cells.get(&key)
            && c.text == text
            && c.color == color
            && c.font == font
            && c.width == width
        {
            return c.galley.clone();
        }
        let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font.clone(), color);
        if let Some(w) = width {
            job.wrap = egui::text::TextWrapping::truncate_at_width(w);
        }
        let galley = ui.painter().layout_job(job);
        self.cells.insert(key, CellGalley { text: text.to_owned(), color, font, width, galley: galley.clone() });
        galley
    }
}

/// A cell not being edited, painted into `rect`: text, and for editable cells a focusable area
/// that a click or Enter turns into a text field. Read-only cells are only painted (a widget per
/// cell is what made the table slow); one gets a widget only under the pointer (for its hover
/// explanation) or when the accessibility tree is being built (so screen readers can read it).
pub(super) fn display_cell(
    ui: &mut Ui,
    (rect, column): (Rect, KpiColumn),
    plan: &Plan,
    row: &Row,
    look: CellLook,
    state: &mut KpiTableState,
) -> Option<Edit> {
    let CellLook { dark, accesskit, take_focus, frozen_width } = look;
    let (text, color) = cell_display(row, column, dark, ui.visuals().text_color());
    let hover = has_hover(row, column);
    let Some(_) = column.cell() else {
        if !text.is_empty() && ui.is_rect_visible(rect) {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let key = CellKey { kpi_id: row.kpi.id, column };
            let galley = state.galleys.get(ui, key, &text, font, color, Some(rect.width()));
            paint_truncated(ui, rect, galley, color, column.is_numeric());
        }
        // A widget only where it is needed: under the pointer for the hover text, and for
        // screen readers (accesskit on) so that read-only text can be found by name.
        let for_hover = hover && ui.rect_contains_pointer(rect);
        if for_hover || (accesskit && !text.is_empty()) {
            let id = egui::Id::unique(("kpi_cell_view", row.kpi.id, column));
            let response = ui.interact(rect, id, Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.as_ref()));
            if for_hover && response.hovered() {
                response.on_hover_text(cell_hover(row, column));
            }
        }
        return None;
    };
    let key = CellKey { kpi_id: row.kpi.id, column };
    let response = ui.interact(rect, cell_id(key), Sense::click());
    response.widget_info(|| {
        let name = format!("{} {}", row.label(), column.header());
        let mut info = egui::WidgetInfo::labeled(egui::Role::Button, true, name);
        info.current_text_value = Some(text.to_string());
        info
    });
    if take_focus {
        response.request_focus();
    }
    // Reached by the keyboard (Enter, Tab, egui's own focus moves): into view, clear of the frozen columns.
    if take_focus || response.gained_focus() {
        ui.scroll_to_rect(rect.with_min_x(rect.min.x - frozen_width), None);
    }
    if response.has_focus() {
        state.focused = Some(key);
        typing::offer_ime(ui, rect);
    }
    let visuals = ui.visuals();
    if response.hovered() {
        ui.painter().rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
    let inner = rect.shrink2(egui::vec2(4.0, 0.0));
    let painter = ui.painter_at(rect);
    // Numbers line up on the right; words (存続の可否決定) read from the left.
    let numeric_value = match column.cell().and_then(KpiCell::slot) {
        Some(slot) => !matches!(stored_value(row.kpi, slot), Some(KpiValue::Text(_))),
        None => false,
    };
    if !text.is_empty() {
        // Cut with "…" like the read-only cells; the whole text is in the hover and the editor.
        let galley = state.galleys.get(ui, key, &text, font, color, Some(inner.width()));
        let (anchor, align) = if numeric_value {
            (inner.right_center(), Align2::RIGHT_CENTER)
        } else {
            (inner.left_center(), Align2::LEFT_CENTER)
        };
        painter.galley(align.anchor_size(anchor, galley.size()).min, galley, color);
    }
    let response = if hover && response.hovered() { response.on_hover_text(cell_hover(row, column)) } else { response };
    // While a far-out value waits for its はい or いいえ, no other cell opens: the question is answered first.
    if response.clicked() && state.confirm.is_none() {
        state.begin_edit(plan, key);
    }
    // The actual's context menu marks it 暫定 (provisional) or confirmed.
    match column {
        KpiColumn::Actual(year) => super::provisional::menu(&response, row.kpi, year),
        _ => None,
    }
}

/// Read-only text on one line in its cell, cut with "…" where it does not fit (as a truncated
/// Label is).
fn paint_truncated(ui: &Ui, rect: Rect, galley: Arc<Galley>, color: Color32, right_aligned: bool) {
    let x = if right_aligned { rect.right() - galley.size().x } else { rect.left() };
    let pos = egui::pos2(x, rect.center().y - galley.size().y / 2.0).round_ui();
    ui.painter().with_clip_rect(rect.intersect(ui.clip_rect())).galley(pos, galley, color);
}

/// What a cell shows: its text and colour. Borrowed where the text is stored as shown, since
/// this runs for every cell in view on every frame.
pub(super) fn cell_display<'a>(
    row: &Row<'a>,
    column: KpiColumn,
    dark: bool,
    text_color: Color32,
) -> (Cow<'a, str>, Color32) {
    let kpi = row.kpi;
    // As the plan prints them: 18.0 where the plan writes one decimal.
    let value = |v: Option<&KpiValue>| v.map(|v| kpi.display_value(v)).unwrap_or_default();
    let with_year = |v: Option<&KpiValue>, y: Option<FiscalYear>| match (v, y) {
        (Some(v), Some(y)) => format!("{}（{}）", kpi.display_value(v), y.short()),
        (Some(v), None) => kpi.display_value(v),
        (None, _) => String::new(),
    };
    match column {
        // 23-2 where an item has several KPIs: with 目標名 scrolled away, the number alone tells them apart.
        KpiColumn::Number if row.item.kpis.len() > 1 => {
            (format!("{}-{}", row.item.number, row.ordinal).into(), text_color)
        }
        KpiColumn::Number => (row.item.number.to_string().into(), text_color),
        KpiColumn::Title => (row.item.title.as_str().into(), text_color),
        KpiColumn::Department => (row.item.department.as_str().into(), text_color),
        KpiColumn::Name => (kpi.name.as_str().into(), text_color),
        KpiColumn::Unit => (kpi.unit.as_str().into(), text_color),
        KpiColumn::Baseline => (with_year(kpi.baseline.as_ref(), kpi.baseline_year).into(), text_color),
        KpiColumn::Target => (with_year(kpi.target.as_ref(), kpi.target_year).into(), text_color),
        KpiColumn::Actual(y) => {
            let mut shown = value(kpi.actuals.get(&y));
            shown.push_str(super::provisional::suffix(kpi, y));
            (shown.into(), text_color)
        }
        KpiColumn::Rate => (row.progress.rate.map(|r| format!("{r:.1}%")).unwrap_or_default().into(), text_color),
        KpiColumn::Judgement => {
            let j = row.progress.judgement;
            (j.label().into(), judgement_color(j, dark))
        }
        KpiColumn::Rating(y) => {
            let rating = rating_of(row, y);
            (rating_letter(rating).into(), rating_color(rating, dark))
        }
    }
}

fn rating_of(row: &Row, year: FiscalYear) -> Rating {
    row.item.evaluation(year).map(|e| e.rating).unwrap_or(Rating::Unrated)
}

/// Whether the cell has a hover explanation (an empty one is not shown).
fn has_hover(row: &Row, column: KpiColumn) -> bool {
    match column {
        KpiColumn::Title => !row.item.title.is_empty(),
        KpiColumn::Rating(_) => true,
        KpiColumn::Department => !row.item.department.is_empty(),
        KpiColumn::Name => !row.kpi.name.is_empty() || row.kpi.has_remarks(),
        KpiColumn::Baseline => row.kpi.baseline.is_some() || row.kpi.baseline_year.is_some(),
        KpiColumn::Target => row.kpi.target.is_some() || row.kpi.target_year.is_some(),
        KpiColumn::Rate => row.progress.year.is_some(),
        _ => false,
    }
}

/// The cell's hover explanation; worked out only for the cell under the pointer.
fn cell_hover(row: &Row, column: KpiColumn) -> String {
    let kpi = row.kpi;
    match column {
        KpiColumn::Title => row.item.title.clone(),
        KpiColumn::Department => row.item.department.clone(),
        // The whole text, which the narrow column may have cut, and what explains it.
        KpiColumn::Name => {
            let remarks = kpi.remarks();
            [kpi.name.as_str(), remarks.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
        }
        KpiColumn::Baseline => value_with_year(kpi.baseline.as_ref(), kpi.baseline_year),
        KpiColumn::Target => value_with_year(kpi.target.as_ref(), kpi.target_year),
        KpiColumn::Rate => row.progress.year.map(|y| format!("{}の実績から", y.japanese())).unwrap_or_default(),
        KpiColumn::Rating(y) => format!("{}：{}", y.japanese(), rating_of(row, y).label()),
        _ => String::new(),
    }
}

/// 「存続の可否決定（令和5年度）」: a baseline or target in full, for its hover text.
fn value_with_year(value: Option<&KpiValue>, year: Option<FiscalYear>) -> String {
    match (value, year) {
        (Some(v), Some(y)) => format!("{}（{}）", v.display(), y.japanese()),
        (Some(v), None) => v.display(),
        (None, Some(y)) => y.japanese(),
        (None, None) => String::new(),
    }
}

/// The width that shows the column's header and every row's text whole.
pub(super) fn fitted_width(ui: &Ui, rows: &[Row], column: KpiColumn) -> f32 {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let measure =
        |text: String, font: &FontId| ui.painter().layout_no_wrap(text, font.clone(), Color32::PLACEHOLDER).size().x;
    // The header is a frameless button with room for the sort arrow.
    let header = measure(format!("{} ▼", column.header()), &body) + 2.0 * ui.spacing().button_padding.x;
    // Editable cells are drawn a point smaller and 4 points in from each side (see `display_cell`).
    let (font, padding) = match column.cell() {
        Some(_) => (FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0), 8.0),
        None => (body, 0.0),
    };
    let widest = rows
        .iter()
        .map(|row| cell_display(row, column, false, Color32::PLACEHOLDER).0)
        .filter(|text| !text.is_empty())
        .map(|text| measure(text.into_owned(), &font) + padding)
        .fold(0.0, f32::max);
    // A couple of points more, so that rounding never brings back the 「…」.
    header.max(widest).ceil() + 2.0
}
