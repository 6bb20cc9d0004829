//! The one question before a value far outside its KPI's range is saved (the rule is
//! `model::outlier`): a small note under the cell with はい and いいえ. はい saves the value and
//! moves on as the key pressed would have; いいえ (or Esc) saves nothing and returns to the text,
//! so that the slip can be corrected.

use egui::{Key, RichText, Ui};

use super::{CellKey, KpiTableState};
use crate::edit::Edit;
use crate::model::outlier::FarOutside;
use crate::ui::app::commands::Commands;

pub const QUESTION: &str = "この値は目標値・基準値から大きく離れています。保存しますか？";

/// An edit waiting for the officer's answer.
#[derive(Debug)]
pub(super) struct Pending {
    pub key: CellKey,
    pub edit: Edit,
    pub reason: FarOutside,
    /// The cell to focus once saved (the one below after Enter, the next after Tab).
    pub then: Option<CellKey>,
    /// The question has been shown (and はい given the focus) once.
    pub asked: bool,
}

/// Draws the typed text in the cell and the question under it, and carries out the answer.
pub(super) fn show(ui: &mut Ui, key: CellKey, state: &mut KpiTableState, commands: &mut Commands) {
    let cell = ui.max_rect();
    ui.label(state.buffer.as_str());
    let Some(pending) = state.confirm.as_mut() else { return };
    let first = !std::mem::replace(&mut pending.asked, true);
    let reason = pending.reason.explain();
    let answer = egui::Area::new(egui::Id::unique(("kpi_confirm", key.kpi_id, key.column)))
        .order(egui::Order::Foreground)
        .fixed_pos(cell.left_bottom() + egui::vec2(0.0, 2.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(QUESTION).strong()).wrap_mode(egui::TextWrapMode::Extend));
                    ui.label(format!("入力「{}」: {reason}", state.buffer.trim()));
                    ui.horizontal(|ui| {
                        let yes = ui.button("はい");
                        let no = ui.button("いいえ");
                        if first {
                            yes.request_focus();
                        }
                        (yes.clicked(), no.clicked())
                    })
                    .inner
                })
                .inner
        })
        .inner;
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    match answer {
        (true, _) => {
            let pending = state.confirm.take().expect("the question is open");
            commands.edit(pending.edit);
            state.cancel_edit();
            state.focus_cell = pending.then;
        }
        (false, true) => back_to_text(state),
        _ if escape && !first => back_to_text(state),
        _ => {}
    }
}

/// いいえ: nothing is saved; the text is open again, selected, for a correction or Esc.
fn back_to_text(state: &mut KpiTableState) {
    state.confirm = None;
    state.edit_had_focus = false;
    state.focus_edit = true;
    state.select_on_focus = true;
}
