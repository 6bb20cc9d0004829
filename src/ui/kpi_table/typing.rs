//! Typing on a selected cell, as in a spreadsheet: a character typed or pasted on the focused
//! cell (or the text of an IME conversion begun on it) opens the cell with that text in place of
//! the old value; F2 opens it with the stored text and the cursor at its end. Enter and a click open it
//! with the stored text selected (`display_cell`).

use egui::text::{CCursor, CCursorRange};
use egui::{Event, ImeEvent, Key, Rect, Ui};

use super::{KpiTableState, cell_id};
use crate::model::Plan;

/// Opens the focused cell if this frame's keys ask for it. Runs before the cells are drawn:
/// the text field that takes the cell's place then has the keyboard focus (it shares the cell's
/// id) and reads the same keys, so the first character is not lost and an IME conversion goes on
/// in the field.
pub(super) fn start_from_keys(ui: &Ui, plan: &Plan, state: &mut KpiTableState) {
    let focused = state.focused.take();
    let Some(key) = focused else { return };
    if state.editing.is_some() || !ui.memory(|m| m.has_focus(cell_id(key))) {
        return;
    }
    let (typed, f2) = ui.input(|i| {
        let typed = i.events.iter().any(|e| match e {
            // A space is the cell's own key (it opens the cell, like Enter), not text.
            Event::Text(t) => t.chars().any(|c| !c.is_whitespace() && !c.is_control()),
            Event::Ime(ImeEvent::Preedit { text, .. }) => !text.is_empty(),
            Event::Ime(ImeEvent::Commit(text)) => !text.is_empty(),
            // A value copied from a workbook and pasted on the cell, as in Excel.
            Event::Paste(text) => !text.trim().is_empty(),
            _ => false,
        });
        (typed, i.key_pressed(Key::F2))
    });
    if typed {
        state.begin_edit(plan, key);
        // What is typed replaces the old value; the field already has the focus.
        state.buffer.clear();
        state.focus_edit = false;
        state.edit_had_focus = true;
        set_cursor(ui, key, 0);
    } else if f2 {
        state.begin_edit(plan, key);
        state.select_on_focus = false;
    }
}

/// Lets the platform's IME work on the focused cell (egui allows it only for a focused text
/// field otherwise), so that Japanese input starts on the cell as it does in Excel.
pub(super) fn offer_ime(ui: &Ui, cell: Rect) {
    let to_global = ui.ctx().layer_transform_to_global(ui.layer_id()).unwrap_or_default();
    let cursor = Rect::from_min_max(cell.left_top() + egui::vec2(4.0, 2.0), cell.left_bottom() + egui::vec2(5.0, -2.0));
    ui.output_mut(|o| {
        o.ime = Some(egui::output::IMEOutput {
            purpose: egui::IMEPurpose::Normal,
            rect: to_global * cell,
            cursor_rect: to_global * cursor,
            should_interrupt_composition: false,
        });
    });
}

/// Puts the text field's cursor at character `at`, forgetting a selection left from an earlier edit.
pub(super) fn set_cursor(ui: &Ui, key: super::CellKey, at: usize) {
    let id = cell_id(key);
    let mut te = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
    te.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(at))));
    te.store(ui.ctx(), id);
}
