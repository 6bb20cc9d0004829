//! The 数値目標 table: one row per KPI of the visible items, sortable by any column and edited
//! in place. Every cell's state is keyed by the KPI's id and the column, never by the row's
//! position, so sorting or filtering can never move an edit onto another KPI.
//!
//! 項目番号 and 改革項目 stay at the left edge while the other columns scroll sideways under them
//! (one scroll area for the rows; the frozen cells are drawn at the view's left edge, the
//! header follows the rows' sideways offset).
//!
//! `columns.rs` names the columns, `sort.rs` orders the rows, `cells.rs` paints the cells not
//! being edited, `typing.rs` opens a selected cell on a typed key (as in Excel), `editing.rs` is
//! the cell being typed in, `input.rs` reads what was typed, `confirm.rs` asks about a value far
//! outside its KPI's range before it is saved, and `widths.rs` the column widths the officer sets.

mod cells;
pub mod columns;
mod confirm;
mod editing;
pub mod input;
mod provisional;
mod sort;
mod typing;
pub mod widths;

use egui::emath::GuiRounding as _;
use egui::{Align, Layout, Rangef, Rect, Sense, Ui};

use self::cells::{CellGalleys, CellLook};
pub use self::columns::{CellKey, KpiColumn, SortOrder};
use self::input::edit_text;
use self::sort::RowOrder;
pub use self::widths::KpiColumnWidths;
use self::widths::{cell_rects, separators};
use crate::model::progress::Progress;
use crate::model::{Item, Kpi, Plan};
use crate::ui::app::commands::Commands;
use crate::ui::context::ViewContext;

#[derive(Debug, Default)]
pub struct KpiTableState {
    /// The KPI as it was when the edit began (see `begin_edit`).
    began_with: Option<Kpi>,
    /// `None`: plan order (item number, then the KPI's order in the item).
    pub sort: Option<(KpiColumn, SortOrder)>,
    /// The cell being edited, and the text typed into it so far.
    pub editing: Option<CellKey>,
    pub buffer: String,
    /// The last refused input, shown beside its cell until the edit ends.
    pub refusal: Option<(CellKey, String)>,
    /// An IME conversion is under way in the edited cell: its Enter belongs to the IME.
    ime_composing: bool,
    /// When the IME last handed over its text. Some platforms deliver the Enter that confirmed
    /// the conversion as a key press just after the text; that Enter is the IME's too.
    ime_committed_at: Option<f64>,
    /// The edited field had keyboard focus at the end of the last frame.
    edit_had_focus: bool,
    /// Give the edited field focus on the next frame it is drawn.
    focus_edit: bool,
    /// With `focus_edit`: select the whole text (a click, Enter) rather than put the cursor at its end (F2).
    select_on_focus: bool,
    /// The editable cell that had keyboard focus last frame (not being edited): what is typed on it opens it.
    focused: Option<CellKey>,
    /// A value far outside its KPI's range, waiting for the officer's はい or いいえ.
    confirm: Option<confirm::Pending>,
    /// The cell to focus next frame after a commit (Enter: the one below; Tab: the next one).
    focus_cell: Option<CellKey>,
    /// Jump to this fraction of the table's height on the next frame (0 = top, 1 = end).
    pub scroll_fraction: Option<f32>,
    /// The rows in their order, worked out again only when the snapshot, the filter or the
    /// sort changes (進捗率 of every KPI and a sort are too much for every frame).
    order: Option<RowOrder>,
    /// The cells' laid-out texts, so that a repaint does not lay out ~600 texts again.
    galleys: CellGalleys,
}

impl KpiTableState {
    /// Starts editing `key` with the stored text (what a click or Enter on the cell does).
    pub fn begin_edit(&mut self, plan: &Plan, key: CellKey) {
        let Some((_, kpi)) = plan.kpi(key.kpi_id) else { return };
        let Some(cell) = key.column.cell() else { return };
        self.editing = Some(key);
        // What the officer saw when editing began: the edit replaces exactly this, so a value
        // another window saved meanwhile is a conflict, not silently overwritten.
        self.began_with = Some(kpi.clone());
        self.buffer = edit_text(kpi, cell);
        self.refusal = None;
        self.ime_composing = false;
        self.ime_committed_at = None;
        self.edit_had_focus = false;
        self.focus_edit = true;
        self.select_on_focus = true;
        self.confirm = None;
    }

    pub fn cancel_edit(&mut self) {
        self.editing = None;
        self.buffer.clear();
        self.refusal = None;
        self.ime_composing = false;
        self.edit_had_focus = false;
        self.confirm = None;
    }

    /// The question about a value far outside its KPI's range, if one is waiting.
    pub fn confirmation_pending(&self) -> bool {
        self.confirm.is_some()
    }
}

/// A KPI with what the table shows about it.
pub(super) struct Row<'a> {
    pub item: &'a Item,
    pub kpi: &'a Kpi,
    /// 1-based position of the KPI within its item (項目23 has three).
    pub ordinal: usize,
    pub progress: Progress,
}

impl Row<'_> {
    /// "項目16" or, where an item has several KPIs, "項目23-2": names the row for screen readers and tests.
    pub(super) fn label(&self) -> String {
        if self.item.kpis.len() > 1 {
            format!("項目{}-{}", self.item.number, self.ordinal)
        } else {
            format!("項目{}", self.item.number)
        }
    }
}

/// Where the columns lie this frame: the frozen ones at the view's left edge, the others
/// scrolled sideways under them.
struct Geometry {
    widths: Vec<f32>,
    gap: f32,
    /// How many columns, from the left, stay in place.
    frozen: usize,
    /// From the table's left edge to where the scrolled columns begin (the last gap included).
    frozen_width: f32,
    table_width: f32,
}

impl Geometry {
    fn new(columns: &[KpiColumn], column_widths: &KpiColumnWidths, gap: f32) -> Geometry {
        let widths: Vec<f32> = columns.iter().map(|c| column_widths.width(*c)).collect();
        let frozen = columns.iter().take_while(|c| c.is_frozen()).count();
        let frozen_width = widths[..frozen].iter().sum::<f32>() + gap * frozen as f32;
        let table_width = widths.iter().sum::<f32>() + gap * widths.len().saturating_sub(1) as f32;
        Geometry { widths, gap, frozen, frozen_width, table_width }
    }

    /// The cells of a row laid out from `row.left()`, the frozen ones moved right by `shift`
    /// (how far the view is scrolled), so that they stay in view.
    fn cells(&self, row: Rect, shift: f32) -> impl Iterator<Item = (usize, Rect)> + '_ {
        cell_rects(row, &self.widths, self.gap)
            .enumerate()
            .map(move |(j, r)| if j < self.frozen { (j, r.translate(egui::vec2(shift, 0.0))) } else { (j, r) })
    }

    /// `cell` with room on its left for the frozen columns: scrolling to this shows the cell whole
    /// beside them, not under them.
    fn scroll_target(&self, cell: Rect) -> Rect {
        cell.with_min_x(cell.min.x - self.frozen_width)
    }
}

/// A child of `ui` drawing only within `clip` (the frozen or the scrolled part of the table).
fn clipped_child(ui: &mut Ui, clip: Rect) -> Ui {
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(ui.max_rect()));
    child.set_clip_rect(clip);
    child
}

/// The id of an editable cell: the same for the painted cell and its text field, so that keyboard
/// focus (and an IME conversion begun on the cell) stays put when typing opens the field.
fn cell_id(key: CellKey) -> egui::Id {
    egui::Id::unique(("kpi_cell", key.kpi_id, key.column))
}

/// Draws the table. `ctx.version` changes whenever the plan does (the snapshot counter).
pub fn show(
    ui: &mut Ui,
    ctx: &ViewContext,
    state: &mut KpiTableState,
    column_widths: &mut KpiColumnWidths,
    commands: &mut Commands,
) {
    let plan = ctx.plan;
    let columns = KpiColumn::all(plan);
    let rows = sort::cached_rows(plan, ctx.version, ctx.visible, state);
    if rows.is_empty() {
        ui.label("表示する数値目標がありません。絞り込みの条件を確かめてください。");
        return;
    }
    // A cell whose KPI left the view (filtered out, or removed by a reload) ends its edit.
    if let Some(key) = state.editing
        && !rows.iter().any(|r| r.kpi.id == key.kpi_id)
    {
        state.cancel_edit();
    }
    state.galleys.begin_frame(ui);
    // Before any cell is drawn: a key typed on the focused cell opens it this very frame, so that
    // its text field takes the keys (and the IME's text) of this frame.
    typing::start_from_keys(ui, plan, state);
    let focus_now = state.focus_cell.take();
    let scroll_to = focus_now.and_then(|k| rows.iter().position(|r| r.kpi.id == k.kpi_id));
    let dark = ui.visuals().dark_mode;
    // Whether screen readers (or tests) read the accessibility tree this frame.
    let accesskit = ui.ctx().accesskit_node_builder(ui.unique_id(), |_| ()).is_some();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let per_row = row_height + ui.spacing().item_spacing.y;
    let spacing = ui.spacing().item_spacing;
    let geometry = Geometry::new(&columns, column_widths, spacing.x);
    let Geometry { frozen, frozen_width, table_width, .. } = geometry;

    // The header stays above the rows; its scrolled part follows the body sideways (drawn below,
    // once the body's scroll offset of this frame is known).
    let (header_rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), row_height + 4.0), Sense::hover());
    let mut area = egui::ScrollArea::both().id_salt("kpi_table").auto_shrink([true, false]);
    if state.confirm.is_some() {
        // The question about a far-out value stays beside its cell until it is answered.
        area = area.scroll_source(egui::scroll_area::ScrollSource::NONE);
    }
    if scroll_to.is_none()
        && let Some(f) = state.scroll_fraction.take()
    {
        // Past the end is clamped by the scroll area, so `f = 1` shows the last row.
        area = area.vertical_scroll_offset(f * per_row * rows.len() as f32);
    }
    let body = area.show_viewport(ui, |ui, viewport| {
        ui.set_width(table_width);
        ui.set_height((per_row * rows.len() as f32 - spacing.y).max(0.0));
        let top = ui.max_rect().top();
        let left = ui.max_rect().left();
        let shift = viewport.min.x;
        // The frozen columns sit at the view's left edge; the scrolled ones are drawn only right of
        // them, so that nothing shows (or takes a click) under the frozen columns.
        let view = ui.clip_rect();
        // The split is the frozen columns' right-hand line: nothing scrolled shows left of it.
        let split = (left + shift + frozen_width).min(view.max.x);
        let mut frozen_ui = clipped_child(ui, view.with_max_x(split));
        let mut scrolled_ui = clipped_child(ui, view.with_min_x(split));
        let row_rect = |i: usize| {
            Rect::from_min_size(egui::pos2(left, top + i as f32 * per_row), egui::vec2(table_width, row_height))
        };
        if let (Some(i), Some(key)) = (scroll_to, focus_now) {
            let column = columns.iter().position(|c| *c == key.column).unwrap_or(0);
            let cell = geometry.cells(row_rect(i), shift).nth(column).map_or(row_rect(i), |(_, r)| r);
            ui.scroll_to_rect(geometry.scroll_target(cell), None);
        }
        // Only the rows in view are drawn: each is painted, with one widget per editable cell.
        let first = ((viewport.min.y / per_row).floor().max(0.0) as usize).min(rows.len());
        let last = ((viewport.max.y / per_row).ceil().max(0.0) as usize + 1).min(rows.len());
        for i in first..last {
            let rect = row_rect(i);
            if i % 2 == 0 {
                ui.painter().rect_filled(rect.expand2(0.5 * spacing).round_ui(), 0.0, ui.visuals().faint_bg_color);
            }
            let row = &rows[i];
            for (j, cell) in geometry.cells(rect, shift) {
                let column = columns[j];
                let part = if j < frozen { &mut frozen_ui } else { &mut scrolled_ui };
                let key = CellKey { kpi_id: row.kpi.id, column };
                if state.editing == Some(key) {
                    let mut cell_ui = part
                        .new_child(egui::UiBuilder::new().max_rect(cell).layout(Layout::left_to_right(Align::Center)));
                    cell_ui.set_clip_rect(cell.intersect(part.clip_rect()));
                    editing::edit_cell(&mut cell_ui, (&rows, &columns), row, key, state, commands);
                } else {
                    let look = CellLook { dark, accesskit, take_focus: focus_now == Some(key), frozen_width };
                    if let Some(edit) = cells::display_cell(part, (cell, column), plan, row, look, state) {
                        commands.edit(edit);
                    }
                }
            }
        }
        // A cell to focus on a row not drawn yet (the view scrolls to it now): focus it when it is.
        if scroll_to.is_some_and(|i| !(first..last).contains(&i)) {
            state.focus_cell = focus_now;
            ui.ctx().request_repaint();
        }
    });
    let offset = body.state.unclamped_offset().x;
    let inner = body.inner_rect;
    let split = header_rect.left() + frozen_width;
    let mut frozen_header = clipped_child(ui, header_rect.with_max_x(split.min(inner.right())));
    let mut scrolled_header = clipped_child(ui, header_rect.with_min_x(split).with_max_x(inner.right()));
    for (j, rect) in geometry.cells(header_rect.translate(egui::vec2(-offset, 0.0)), offset) {
        let part = if j < frozen { &mut frozen_header } else { &mut scrolled_header };
        let mut cell_ui =
            part.new_child(egui::UiBuilder::new().max_rect(rect).layout(Layout::left_to_right(Align::Center)));
        cell_ui.set_clip_rect(rect.intersect(part.clip_rect()));
        sort::header_cell(&mut cell_ui, columns[j], state);
    }
    let lines = Rangef::new(header_rect.top(), inner.bottom());
    let scrolled_lines = clipped_child(ui, Rect::from_x_y_ranges(split..=inner.right(), lines));
    let fit = |c| cells::fitted_width(ui, &rows, c);
    let scrolled_left = header_rect.left() + frozen_width - offset;
    separators(&scrolled_lines, &columns[frozen..], scrolled_left, lines, column_widths, fit);
    if offset > 0.5 {
        // Scrolled: a firmer line says that columns pass under the frozen ones.
        let stroke = egui::Stroke::new(2.0, ui.visuals().widgets.noninteractive.fg_stroke.color.gamma_multiply(0.5));
        ui.painter().vline(split, lines, stroke);
    }
    // The frozen columns' lines last: on top of a scrolled one that passes under them.
    separators(ui, &columns[..frozen], header_rect.left(), lines, column_widths, fit);
}
