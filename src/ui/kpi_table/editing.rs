//! The cell being typed in: a text field keyed by the KPI and column. Enter goes down, Tab
//! across, Esc cancels, a click elsewhere keeps the value; an IME conversion keeps its own Enter.
//! The text is read by `input.rs`: a value the cell cannot take is refused beside the cell and
//! the stored value stays; a value far outside its KPI's range is asked about first (`confirm.rs`).

use egui::text::{CCursor, CCursorRange};
use egui::{Align2, Event, ImeEvent, Key, Rect, RichText, Ui};

use super::input::{edit_from_input, far_outside_edit};
use super::typing::set_cursor;
use super::{CellKey, KpiColumn, KpiTableState, Row, cell_id, confirm};
use crate::model::Judgement;
use crate::ui::app::commands::Commands;
use crate::ui::progress_colors::judgement_color;

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

pub(super) fn edit_cell(
    ui: &mut Ui,
    (rows, columns): (&[Row], &[KpiColumn]),
    row: &Row,
    key: CellKey,
    state: &mut KpiTableState,
    commands: &mut Commands,
) {
    let id = cell_id(key);
    if state.confirm.as_ref().is_some_and(|p| p.key == key) {
        confirm::show(ui, key, state, commands);
        return;
    }
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
        if state.select_on_focus {
            select_all(ui, id, &state.buffer);
        } else {
            set_cursor(ui, key, state.buffer.chars().count());
        }
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
    let seen = state.began_with.as_ref().filter(|k| k.id == row.kpi.id).unwrap_or(row.kpi);
    match edit_from_input(seen, cell, &state.buffer) {
        Ok(edit) => {
            let then = match movement {
                Move::Down => next_row(rows, key).or(Some(key)),
                Move::Next => next_cell(rows, columns, key, true).or(Some(key)),
                Move::Previous => next_cell(rows, columns, key, false).or(Some(key)),
                Move::Stay => None,
            };
            if let Some(edit) = edit {
                if let Some(reason) = far_outside_edit(row.kpi, &edit) {
                    // Asked once, before anything is saved: はい saves it, いいえ returns to the text.
                    state.confirm = Some(confirm::Pending { key, edit, reason, then, asked: false });
                    confirm::show(ui, key, state, commands);
                    return;
                }
                commands.edit(edit);
            }
            state.cancel_edit();
            state.focus_cell = then;
        }
        Err(message) => {
            refusal_note(ui, response.rect, key, &message);
            state.refusal = Some((key, message));
            // The stored value stays; the officer corrects the text or presses Esc.
            state.focus_edit = matches!(movement, Move::Down | Move::Next | Move::Previous);
        }
    }
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
