//! The 数値目標 table: one row per KPI of the visible items, sortable by any column and edited
//! in place. Every cell's state is keyed by the KPI's id and the column, never by the row's
//! position, so sorting or filtering can never move an edit onto another KPI.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::text::{CCursor, CCursorRange};
use egui::{
    Align, Align2, Color32, Event, FontId, Galley, ImeEvent, Key, Layout, Rangef, Rect, RichText, Sense, Stroke, Ui,
};

use super::kpi_column_widths::{KpiColumnWidths, cell_rects, separators};
use super::kpi_input::{KpiCell, edit_from_input, edit_text, stored_value};
use super::progress_colors::{judgement_color, rating_color, rating_letter};
use crate::edit::Edit;
use crate::model::progress::{Progress, progress};
use crate::model::{FiscalYear, Id, Item, Judgement, Kpi, KpiValue, Plan, Rating};

/// A column of the table. Plan years are part of the column, so a plan over other years
/// gets its own 実績 and 評価 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiColumn {
    Number,
    Title,
    Department,
    Name,
    Unit,
    Baseline,
    Target,
    Actual(FiscalYear),
    Rate,
    Judgement,
    Rating(FiscalYear),
}

impl KpiColumn {
    /// The columns for a plan, left to right.
    pub fn all(plan: &Plan) -> Vec<KpiColumn> {
        let years = plan.info.years();
        let mut cols = vec![
            KpiColumn::Number,
            KpiColumn::Title,
            KpiColumn::Department,
            KpiColumn::Name,
            KpiColumn::Unit,
            KpiColumn::Baseline,
            KpiColumn::Target,
        ];
        cols.extend(years.iter().map(|y| KpiColumn::Actual(*y)));
        cols.extend([KpiColumn::Rate, KpiColumn::Judgement]);
        cols.extend(years.iter().map(|y| KpiColumn::Rating(*y)));
        cols
    }

    pub fn header(self) -> String {
        match self {
            KpiColumn::Number => "項目番号".into(),
            KpiColumn::Title => "改革項目".into(),
            KpiColumn::Department => "実施課".into(),
            KpiColumn::Name => "目標名".into(),
            KpiColumn::Unit => "単位".into(),
            KpiColumn::Baseline => "基準値（年度）".into(),
            KpiColumn::Target => "目標値（年度）".into(),
            KpiColumn::Actual(y) => format!("{}実績", y.japanese()),
            KpiColumn::Rate => "進捗率".into(),
            KpiColumn::Judgement => "判定".into(),
            KpiColumn::Rating(y) => format!("{}評価", y.short()),
        }
    }

    fn hover(self) -> String {
        match self {
            KpiColumn::Actual(y) => format!("{}（{}年4月～{}年3月）の実績", y.japanese(), y.0, y.0 + 1),
            KpiColumn::Rating(y) => {
                format!("{}の担当評価（S 計画以上 / A 計画どおり / B やや遅れ / C 遅れ）", y.japanese())
            }
            KpiColumn::Rate => "（最新の実績 − 基準値）÷（目標値 − 基準値）".into(),
            KpiColumn::Judgement => "進捗率と経過年数から自動で判定します（参考）".into(),
            _ => "クリックで並べ替え".into(),
        }
    }

    /// The key its width is remembered under.
    pub fn key(self) -> String {
        match self {
            KpiColumn::Number => "number".into(),
            KpiColumn::Title => "title".into(),
            KpiColumn::Department => "department".into(),
            KpiColumn::Name => "name".into(),
            KpiColumn::Unit => "unit".into(),
            KpiColumn::Baseline => "baseline".into(),
            KpiColumn::Target => "target".into(),
            KpiColumn::Actual(y) => format!("actual-{}", y.0),
            KpiColumn::Rate => "rate".into(),
            KpiColumn::Judgement => "judgement".into(),
            KpiColumn::Rating(y) => format!("rating-{}", y.0),
        }
    }

    /// The column's width in points until the officer changes it.
    pub fn default_width(self) -> f32 {
        match self {
            KpiColumn::Number => 64.0,
            KpiColumn::Title => 170.0,
            KpiColumn::Department => 100.0,
            KpiColumn::Name => 190.0,
            KpiColumn::Unit => 44.0,
            KpiColumn::Baseline | KpiColumn::Target => 130.0,
            KpiColumn::Actual(_) => 108.0,
            KpiColumn::Rate => 64.0,
            KpiColumn::Judgement => 52.0,
            KpiColumn::Rating(_) => 50.0,
        }
    }

    /// The editable part of a KPI this column shows, if any.
    pub fn cell(self) -> Option<KpiCell> {
        match self {
            KpiColumn::Name => Some(KpiCell::Name),
            KpiColumn::Unit => Some(KpiCell::Unit),
            KpiColumn::Baseline => Some(KpiCell::Baseline),
            KpiColumn::Target => Some(KpiCell::Target),
            KpiColumn::Actual(y) => Some(KpiCell::Actual(y)),
            _ => None,
        }
    }

    fn is_numeric(self) -> bool {
        matches!(self, KpiColumn::Baseline | KpiColumn::Target | KpiColumn::Actual(_) | KpiColumn::Rate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

/// One cell of the table, named by the KPI it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub kpi_id: Id,
    pub column: KpiColumn,
}

#[derive(Debug, Default)]
pub struct KpiTableState {
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
    /// Give the edited field focus (and select its text) on the next frame it is drawn.
    focus_edit: bool,
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

/// Laid-out cell texts by cell. Each is checked against what the cell shows now (text, colour,
/// font, width), so an edit or a theme change lays out again; all are dropped when egui drops
/// its own galleys (a new font atlas), seen by a probe text laid out through egui every frame.
#[derive(Debug, Default)]
struct CellGalleys {
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
    fn begin_frame(&mut self, ui: &Ui) {
        let probe = ui.painter().layout_no_wrap("数値目標".to_owned(), FontId::default(), Color32::WHITE);
        if self.probe.as_ref().is_none_or(|p| !Arc::ptr_eq(p, &probe)) || self.cells.len() > MAX_CACHED_CELLS {
            self.cells.clear();
        }
        self.probe = Some(probe);
    }

    fn get(
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

#[derive(Debug)]
struct RowOrder {
    version: u64,
    visible: Vec<Id>,
    sort: Option<(KpiColumn, SortOrder)>,
    /// (index of the item in the plan, index of the KPI in the item, its progress).
    rows: Vec<(usize, usize, Progress)>,
}

impl KpiTableState {
    /// Starts editing `key` with the stored text (what a click or Enter on the cell does).
    pub fn begin_edit(&mut self, plan: &Plan, key: CellKey) {
        let Some((_, kpi)) = plan.kpi(key.kpi_id) else { return };
        let Some(cell) = key.column.cell() else { return };
        self.editing = Some(key);
        self.buffer = edit_text(kpi, cell);
        self.refusal = None;
        self.ime_composing = false;
        self.ime_committed_at = None;
        self.edit_had_focus = false;
        self.focus_edit = true;
    }

    pub fn cancel_edit(&mut self) {
        self.editing = None;
        self.buffer.clear();
        self.refusal = None;
        self.ime_composing = false;
        self.edit_had_focus = false;
    }
}

/// A KPI with what the table shows about it.
struct Row<'a> {
    item: &'a Item,
    kpi: &'a Kpi,
    /// 1-based position of the KPI within its item (項目23 has three).
    ordinal: usize,
    progress: Progress,
}

impl Row<'_> {
    /// "項目16" or, where an item has several KPIs, "項目23-2": names the row for screen readers and tests.
    fn label(&self) -> String {
        if self.item.kpis.len() > 1 {
            format!("項目{}-{}", self.item.number, self.ordinal)
        } else {
            format!("項目{}", self.item.number)
        }
    }
}

/// How soon after an IME commit an Enter still counts as the IME's (seconds). A person's own
/// Enter comes much later than the platform's echo of the confirming one.
const IME_ENTER_WINDOW: f64 = 0.05;

/// What a key press asks of the edited cell.
enum Move {
    Down,
    Next,
    Previous,
    Stay,
}

/// Draws the table. `version` changes whenever `plan` does (the App's snapshot counter).
pub fn show(
    ui: &mut Ui,
    plan: &Plan,
    version: u64,
    visible_items: &[Id],
    state: &mut KpiTableState,
    column_widths: &mut KpiColumnWidths,
    edits: &mut Vec<Edit>,
) {
    let columns = KpiColumn::all(plan);
    let rows = cached_rows(plan, version, visible_items, state);
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
    let focus_now = state.focus_cell.take();
    let scroll_to = focus_now.and_then(|k| rows.iter().position(|r| r.kpi.id == k.kpi_id));
    let dark = ui.visuals().dark_mode;
    // Whether screen readers (or tests) read the accessibility tree this frame.
    let accesskit = ui.ctx().accesskit_node_builder(ui.unique_id(), |_| ()).is_some();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let per_row = row_height + ui.spacing().item_spacing.y;

    let widths: Vec<f32> = columns.iter().map(|c| column_widths.width(*c)).collect();
    let spacing = ui.spacing().item_spacing;
    let table_width = widths.iter().sum::<f32>() + spacing.x * widths.len().saturating_sub(1) as f32;

    egui::ScrollArea::horizontal().id_salt("kpi_table_h").show(ui, |ui| {
        let (header_rect, _) = ui.allocate_exact_size(egui::vec2(table_width, row_height + 4.0), Sense::hover());
        for (c, rect) in columns.iter().zip(cell_rects(header_rect, &widths, spacing.x)) {
            let mut cell_ui =
                ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(Layout::left_to_right(Align::Center)));
            cell_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
            header_cell(&mut cell_ui, *c, state);
        }
        let mut area = egui::ScrollArea::vertical().id_salt("kpi_table").auto_shrink([true, false]);
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
            let row_rect = |i: usize| {
                Rect::from_min_size(egui::pos2(left, top + i as f32 * per_row), egui::vec2(table_width, row_height))
            };
            if let (Some(i), Some(key)) = (scroll_to, focus_now) {
                let column = columns.iter().position(|c| *c == key.column).unwrap_or(0);
                let cell = cell_rects(row_rect(i), &widths, spacing.x).nth(column).unwrap_or(row_rect(i));
                ui.scroll_to_rect(cell, None);
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
                for (c, cell) in columns.iter().zip(cell_rects(rect, &widths, spacing.x)) {
                    let key = CellKey { kpi_id: row.kpi.id, column: *c };
                    if state.editing == Some(key) {
                        let mut cell_ui = ui.new_child(
                            egui::UiBuilder::new().max_rect(cell).layout(Layout::left_to_right(Align::Center)),
                        );
                        cell_ui.set_clip_rect(cell.intersect(ui.clip_rect()));
                        edit_cell(&mut cell_ui, &rows, &columns, row, key, state, edits);
                    } else {
                        display_cell(ui, cell, plan, row, *c, dark, accesskit, focus_now == Some(key), state);
                    }
                }
            }
            // A cell to focus on a row not drawn yet (the view scrolls to it now): focus it when it is.
            if scroll_to.is_some_and(|i| !(first..last).contains(&i)) {
                state.focus_cell = focus_now;
                ui.ctx().request_repaint();
            }
        });
        let lines = Rangef::new(header_rect.top(), body.inner_rect.bottom());
        separators(ui, &columns, header_rect.left(), lines, column_widths, |c| fitted_width(ui, &rows, c));
    });
}

/// The width that shows the column's header and every row's text whole.
fn fitted_width(ui: &Ui, rows: &[Row], column: KpiColumn) -> f32 {
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

fn header_cell(ui: &mut Ui, column: KpiColumn, state: &mut KpiTableState) {
    let arrow = match state.sort {
        Some((c, SortOrder::Ascending)) if c == column => " ▲",
        Some((c, SortOrder::Descending)) if c == column => " ▼",
        _ => "",
    };
    let text = RichText::new(format!("{}{arrow}", column.header())).strong();
    let response = ui.add(egui::Button::new(text).frame(false)).on_hover_text(column.hover());
    if response.clicked() {
        state.sort = match state.sort {
            Some((c, SortOrder::Ascending)) if c == column => Some((column, SortOrder::Descending)),
            Some((c, SortOrder::Descending)) if c == column => None,
            _ => Some((column, SortOrder::Ascending)),
        };
    }
}

/// A cell not being edited, painted into `rect`: text, and for editable cells a focusable area
/// that a click or Enter turns into a text field. Read-only cells are only painted (a widget per
/// cell is what made the table slow); one gets a widget only under the pointer (for its hover
/// explanation) or when the accessibility tree is being built (so screen readers can read it).
#[allow(clippy::too_many_arguments)]
fn display_cell(
    ui: &mut Ui,
    rect: Rect,
    plan: &Plan,
    row: &Row,
    column: KpiColumn,
    dark: bool,
    accesskit: bool,
    take_focus: bool,
    state: &mut KpiTableState,
) {
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
        return;
    };
    let key = CellKey { kpi_id: row.kpi.id, column };
    let response = ui.interact(rect, egui::Id::unique(("kpi_cell_view", row.kpi.id, column)), Sense::click());
    response.widget_info(|| {
        let name = format!("{} {}", row.label(), column.header());
        let mut info = egui::WidgetInfo::labeled(egui::Role::Button, true, name);
        info.current_text_value = Some(text.to_string());
        info
    });
    if take_focus {
        response.request_focus();
        response.scroll_to_me(None);
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
    if response.clicked() {
        state.begin_edit(plan, key);
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
fn cell_display<'a>(row: &Row<'a>, column: KpiColumn, dark: bool, text_color: Color32) -> (Cow<'a, str>, Color32) {
    let kpi = row.kpi;
    let value = |v: Option<&KpiValue>| v.map(KpiValue::display).unwrap_or_default();
    let with_year = |v: Option<&KpiValue>, y: Option<FiscalYear>| match (v, y) {
        (Some(v), Some(y)) => format!("{}（{}）", v.display(), y.short()),
        (Some(v), None) => v.display(),
        (None, _) => String::new(),
    };
    match column {
        KpiColumn::Number => (row.item.number.to_string().into(), text_color),
        KpiColumn::Title => (row.item.title.as_str().into(), text_color),
        KpiColumn::Department => (row.item.department.as_str().into(), text_color),
        KpiColumn::Name => (kpi.name.as_str().into(), text_color),
        KpiColumn::Unit => (kpi.unit.as_str().into(), text_color),
        KpiColumn::Baseline => (with_year(kpi.baseline.as_ref(), kpi.baseline_year).into(), text_color),
        KpiColumn::Target => (with_year(kpi.target.as_ref(), kpi.target_year).into(), text_color),
        KpiColumn::Actual(y) => (value(kpi.actuals.get(&y)).into(), text_color),
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
        KpiColumn::Name => !row.kpi.name.is_empty() || !row.kpi.note.is_empty(),
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
            [kpi.name.as_str(), kpi.note.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
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

#[allow(clippy::too_many_arguments)]
fn edit_cell(
    ui: &mut Ui,
    rows: &[Row],
    columns: &[KpiColumn],
    row: &Row,
    key: CellKey,
    state: &mut KpiTableState,
    edits: &mut Vec<Edit>,
) {
    let id = edit_id(key);
    // Keys are read before the field sees them: Escape has already cleared egui's focus by now,
    // and an Enter that confirms an IME conversion must go to the IME, not to the cell.
    let (mut enter, mut tab, mut shift_tab, mut escape, mut ime_seen) = (false, false, false, false, false);
    let was_composing = state.ime_composing;
    let mut enter_after_commit = false;
    ui.input(|i| {
        for event in &i.events {
            match event {
                Event::Ime(ImeEvent::Preedit { text, .. }) => {
                    ime_seen = true;
                    state.ime_composing = !text.is_empty();
                }
                Event::Ime(ImeEvent::Commit(_)) => {
                    ime_seen = true;
                    state.ime_composing = false;
                    state.ime_committed_at = Some(i.time);
                }
                Event::Key { key: Key::Enter, pressed: true, .. } => {
                    enter = true;
                    enter_after_commit |= state.ime_committed_at.is_some_and(|t| i.time - t < IME_ENTER_WINDOW);
                }
                Event::Key { key: Key::Tab, pressed: true, modifiers, .. } => {
                    if modifiers.shift {
                        shift_tab = true
                    } else {
                        tab = true
                    }
                }
                Event::Key { key: Key::Escape, pressed: true, .. } => escape = true,
                _ => {}
            }
        }
    });
    let ime_busy = was_composing || ime_seen || state.ime_composing || enter_after_commit;
    if ime_busy {
        enter = false;
        escape = false;
        tab = false;
        shift_tab = false;
    }
    let hint = format!("{} {}", row.label(), key.column.header());
    let response = ui.add(
        egui::TextEdit::singleline(&mut state.buffer)
            .id(id)
            .hint_text(hint)
            .return_key(None)
            .desired_width(f32::INFINITY)
            .align(if key.column.is_numeric() { Align2::RIGHT_CENTER } else { Align2::LEFT_CENTER }),
    );
    if state.focus_edit {
        state.focus_edit = false;
        response.request_focus();
        select_all(ui, id, &state.buffer);
    }
    let had_focus = state.edit_had_focus;
    state.edit_had_focus = response.has_focus();

    let action = if had_focus && escape {
        None
    } else if had_focus && enter {
        Some(Move::Down)
    } else if had_focus && tab {
        Some(Move::Next)
    } else if had_focus && shift_tab {
        Some(Move::Previous)
    } else if response.lost_focus() && !ime_busy {
        // Clicked elsewhere: the typed value is kept, as in a spreadsheet.
        Some(Move::Stay)
    } else {
        if let Some((k, message)) = &state.refusal
            && *k == key
        {
            refusal_note(ui, response.rect, key, message);
        }
        return;
    };
    let Some(movement) = action else {
        state.cancel_edit();
        state.focus_cell = Some(key);
        return;
    };
    let cell = key.column.cell().expect("only editable cells are edited");
    match edit_from_input(row.kpi, cell, &state.buffer) {
        Ok(edit) => {
            edits.extend(edit);
            state.cancel_edit();
            state.focus_cell = match movement {
                Move::Down => next_row(rows, key).or(Some(key)),
                Move::Next => next_cell(rows, columns, key, true).or(Some(key)),
                Move::Previous => next_cell(rows, columns, key, false).or(Some(key)),
                Move::Stay => None,
            };
        }
        Err(message) => {
            refusal_note(ui, response.rect, key, &message);
            state.refusal = Some((key, message));
            // The stored value stays; the officer corrects the text or presses Esc.
            state.focus_edit = matches!(movement, Move::Down | Move::Next | Move::Previous);
        }
    }
}

fn edit_id(key: CellKey) -> egui::Id {
    egui::Id::unique(("kpi_cell", key.kpi_id, key.column))
}

fn select_all(ui: &Ui, id: egui::Id, text: &str) {
    let mut te = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
    te.cursor.set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(text.chars().count()))));
    te.store(ui.ctx(), id);
}

/// The refusal, in red, just right of the cell (over the neighbours, as a note).
fn refusal_note(ui: &Ui, cell: Rect, key: CellKey, message: &str) {
    let dark = ui.visuals().dark_mode;
    egui::Area::new(egui::Id::unique(("kpi_refusal", key.kpi_id, key.column)))
        .order(egui::Order::Tooltip)
        .fixed_pos(cell.right_top() + egui::vec2(4.0, 0.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.label(RichText::new(message).color(judgement_color(Judgement::Behind, dark)));
            });
        });
}

fn next_row(rows: &[Row], key: CellKey) -> Option<CellKey> {
    let i = rows.iter().position(|r| r.kpi.id == key.kpi_id)?;
    rows.get(i + 1).map(|r| CellKey { kpi_id: r.kpi.id, column: key.column })
}

fn next_cell(rows: &[Row], columns: &[KpiColumn], key: CellKey, forward: bool) -> Option<CellKey> {
    let cells: Vec<CellKey> = rows
        .iter()
        .flat_map(|r| columns.iter().filter(|c| c.cell().is_some()).map(|c| CellKey { kpi_id: r.kpi.id, column: *c }))
        .collect();
    let i = cells.iter().position(|c| *c == key)?;
    if forward { cells.get(i + 1).copied() } else { i.checked_sub(1).and_then(|j| cells.get(j).copied()) }
}

/// `sorted_rows`, from the cache while the snapshot, the filter and the sort stay the same.
fn cached_rows<'a>(plan: &'a Plan, version: u64, visible_items: &[Id], state: &mut KpiTableState) -> Vec<Row<'a>> {
    let fresh = state
        .order
        .as_ref()
        .is_some_and(|o| o.version == version && o.sort == state.sort && o.visible == visible_items);
    if !fresh {
        let index: std::collections::HashMap<Id, usize> =
            plan.items.iter().enumerate().map(|(i, item)| (item.id, i)).collect();
        let rows = sorted_rows(plan, visible_items, state.sort)
            .into_iter()
            .map(|r| (index[&r.item.id], r.ordinal - 1, r.progress))
            .collect();
        state.order = Some(RowOrder { version, visible: visible_items.to_vec(), sort: state.sort, rows });
    }
    let order = state.order.as_ref().expect("just filled");
    order
        .rows
        .iter()
        .map(|(i, k, progress)| {
            let item = &plan.items[*i];
            Row { item, kpi: &item.kpis[*k], ordinal: k + 1, progress: *progress }
        })
        .collect()
}

/// The rows of the visible items, in the chosen order. Linear in the plan's size.
fn sorted_rows<'a>(plan: &'a Plan, visible_items: &[Id], sort: Option<(KpiColumn, SortOrder)>) -> Vec<Row<'a>> {
    let visible: HashSet<Id> = visible_items.iter().copied().collect();
    let mut rows: Vec<Row> = plan
        .items
        .iter()
        .filter(|i| visible.contains(&i.id))
        .flat_map(|item| {
            item.kpis.iter().enumerate().map(move |(n, kpi)| Row {
                item,
                kpi,
                ordinal: n + 1,
                progress: progress(&plan.info, kpi),
            })
        })
        .collect();
    let plan_order = |a: &Row, b: &Row| a.item.number.cmp(&b.item.number).then(a.ordinal.cmp(&b.ordinal));
    if let Some((column, order)) = sort {
        rows.sort_by(|a, b| {
            let primary = compare(column, a, b);
            let primary = if order == SortOrder::Descending { primary.reverse() } else { primary };
            primary.then_with(|| plan_order(a, b))
        });
    } else {
        rows.sort_by(plan_order);
    }
    rows
}

fn compare(column: KpiColumn, a: &Row, b: &Row) -> Ordering {
    match column {
        KpiColumn::Number => a.item.number.cmp(&b.item.number),
        KpiColumn::Title => a.item.title.cmp(&b.item.title),
        KpiColumn::Department => a.item.department.cmp(&b.item.department),
        KpiColumn::Name => a.kpi.name.cmp(&b.kpi.name),
        KpiColumn::Unit => a.kpi.unit.cmp(&b.kpi.unit),
        KpiColumn::Baseline | KpiColumn::Target | KpiColumn::Actual(_) => {
            let slot = column.cell().and_then(KpiCell::slot).expect("value columns have a slot");
            compare_values(stored_value(a.kpi, slot), stored_value(b.kpi, slot))
        }
        KpiColumn::Rate => compare_numbers(a.progress.rate, b.progress.rate),
        KpiColumn::Judgement => judgement_rank(a.progress.judgement).cmp(&judgement_rank(b.progress.judgement)),
        KpiColumn::Rating(y) => {
            let rank = |r: &Row| r.item.evaluation(y).map(|e| e.rating).unwrap_or(Rating::Unrated);
            rating_rank(rank(a)).cmp(&rating_rank(rank(b)))
        }
    }
}

/// Numbers first (by value), then words, then empty cells.
fn compare_values(a: Option<&KpiValue>, b: Option<&KpiValue>) -> Ordering {
    let rank = |v: Option<&KpiValue>| match v {
        Some(KpiValue::Number(_)) => 0,
        Some(KpiValue::Text(_)) => 1,
        None => 2,
    };
    match (a, b) {
        (Some(KpiValue::Number(x)), Some(KpiValue::Number(y))) => x.total_cmp(y),
        (Some(KpiValue::Text(x)), Some(KpiValue::Text(y))) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn compare_numbers(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn judgement_rank(j: Judgement) -> usize {
    Judgement::ALL.iter().position(|x| *x == j).unwrap_or(usize::MAX)
}

fn rating_rank(r: Rating) -> usize {
    Rating::ALL.iter().position(|x| *x == r).unwrap_or(usize::MAX)
}
