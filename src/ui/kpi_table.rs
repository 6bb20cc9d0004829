//! The 数値目標 table: one row per KPI of the visible items, sortable by any column and edited
//! in place. Every cell's state is keyed by the KPI's id and the column, never by the row's
//! position, so sorting or filtering can never move an edit onto another KPI.

use std::cmp::Ordering;
use std::collections::HashSet;

use egui::text::{CCursor, CCursorRange};
use egui::{Align, Align2, Color32, Event, FontId, ImeEvent, Key, Layout, Rect, RichText, Sense, Stroke, Ui};
use egui_extras::{Column, TableBuilder};

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

    fn width(self) -> Column {
        let w = match self {
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
        };
        Column::initial(w).at_least(30.0).clip(true).resizable(true)
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
    let focus_now = state.focus_cell.take();
    let scroll_to = focus_now.and_then(|k| rows.iter().position(|r| r.kpi.id == k.kpi_id));
    let dark = ui.visuals().dark_mode;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let per_row = row_height + ui.spacing().item_spacing.y;

    egui::ScrollArea::horizontal().id_salt("kpi_table_h").show(ui, |ui| {
        let mut builder = TableBuilder::new(ui)
            .id_salt("kpi_table")
            .striped(true)
            .resizable(true)
            .cell_layout(Layout::left_to_right(Align::Center))
            .min_scrolled_height(0.0);
        for c in &columns {
            builder = builder.column(c.width());
        }
        if let Some(i) = scroll_to {
            builder = builder.scroll_to_row(i, None);
        } else if let Some(f) = state.scroll_fraction.take() {
            // Past the end is clamped by the scroll area, so `f = 1` shows the last row.
            builder = builder.vertical_scroll_offset(f * per_row * rows.len() as f32);
        }
        builder
            .header(row_height + 4.0, |mut header| {
                for c in &columns {
                    header.col(|ui| header_cell(ui, *c, state));
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut table_row| {
                    let row = &rows[table_row.index()];
                    for c in &columns {
                        table_row.col(|ui| {
                            let key = CellKey { kpi_id: row.kpi.id, column: *c };
                            if state.editing == Some(key) {
                                edit_cell(ui, &rows, &columns, row, key, state, edits);
                            } else {
                                display_cell(ui, plan, row, *c, dark, focus_now == Some(key), state);
                            }
                        });
                    }
                });
            });
    });
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

/// A cell not being edited: text, and for editable cells a focusable area that a click or
/// Enter turns into a text field.
fn display_cell(
    ui: &mut Ui,
    plan: &Plan,
    row: &Row,
    column: KpiColumn,
    dark: bool,
    take_focus: bool,
    state: &mut KpiTableState,
) {
    let (text, color, hover) = cell_display(row, column, dark, ui.visuals().text_color());
    let Some(_) = column.cell() else {
        let mut label = egui::Label::new(RichText::new(&text).color(color)).truncate();
        if column.is_numeric() {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| ui.add(label));
        } else {
            if !hover.is_empty() {
                label = label.sense(Sense::hover());
                ui.add(label).on_hover_text(hover);
            } else {
                ui.add(label);
            }
        }
        return;
    };
    let key = CellKey { kpi_id: row.kpi.id, column };
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
    response.widget_info(|| {
        let name = format!("{} {}", row.label(), column.header());
        let mut info = egui::WidgetInfo::labeled(egui::Role::Button, true, name);
        info.current_text_value = Some(text.clone());
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
    if numeric_value {
        painter.text(inner.right_center(), Align2::RIGHT_CENTER, &text, font, color);
    } else {
        painter.text(inner.left_center(), Align2::LEFT_CENTER, &text, font, color);
    }
    let response = if hover.is_empty() { response } else { response.on_hover_text(hover) };
    if response.clicked() {
        state.begin_edit(plan, key);
    }
}

/// What a cell shows: its text, colour and an optional hover explanation.
fn cell_display(row: &Row, column: KpiColumn, dark: bool, text_color: Color32) -> (String, Color32, String) {
    let kpi = row.kpi;
    let value = |v: Option<&KpiValue>| v.map(KpiValue::display).unwrap_or_default();
    let with_year = |v: Option<&KpiValue>, y: Option<FiscalYear>| match (v, y) {
        (Some(v), Some(y)) => format!("{}（{}）", v.display(), y.short()),
        (Some(v), None) => v.display(),
        (None, _) => String::new(),
    };
    match column {
        KpiColumn::Number => (row.item.number.to_string(), text_color, String::new()),
        KpiColumn::Title => (row.item.title.clone(), text_color, row.item.title.clone()),
        KpiColumn::Department => (row.item.department.clone(), text_color, row.item.department.clone()),
        KpiColumn::Name => (kpi.name.clone(), text_color, kpi.note.clone()),
        KpiColumn::Unit => (kpi.unit.clone(), text_color, String::new()),
        KpiColumn::Baseline => (
            with_year(kpi.baseline.as_ref(), kpi.baseline_year),
            text_color,
            kpi.baseline_year.map(|y| y.japanese()).unwrap_or_default(),
        ),
        KpiColumn::Target => (
            with_year(kpi.target.as_ref(), kpi.target_year),
            text_color,
            kpi.target_year.map(|y| y.japanese()).unwrap_or_default(),
        ),
        KpiColumn::Actual(y) => (value(kpi.actuals.get(&y)), text_color, String::new()),
        KpiColumn::Rate => {
            let text = row.progress.rate.map(|r| format!("{r:.1}%")).unwrap_or_default();
            let hover = row.progress.year.map(|y| format!("{}の実績から", y.japanese())).unwrap_or_default();
            (text, text_color, hover)
        }
        KpiColumn::Judgement => {
            let j = row.progress.judgement;
            (j.label().to_string(), judgement_color(j, dark), String::new())
        }
        KpiColumn::Rating(y) => {
            let rating = row.item.evaluation(y).map(|e| e.rating).unwrap_or(Rating::Unrated);
            (
                rating_letter(rating).to_string(),
                rating_color(rating, dark),
                format!("{}：{}", y.japanese(), rating.label()),
            )
        }
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
