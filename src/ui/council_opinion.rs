//! The 行政改革推進審議会's opinion on an item for a year, under the officer's evaluation:
//! one `Edit::CouncilOpinion` when the field is left, never one per keystroke.

use egui::Ui;

use super::app::commands::Commands;
use crate::edit::Edit;
use crate::model::{FiscalYear, Id, Item};

/// The text being typed, kept between frames until the officer leaves the field.
#[derive(Debug, Default)]
pub struct OpinionState {
    draft: Option<Draft>,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    item_id: Id,
    year: FiscalYear,
    /// The stored opinion the draft was taken from, so an untouched draft follows undo and reloads.
    from: String,
    text: String,
}

pub fn show(ui: &mut Ui, item: &Item, year: FiscalYear, state: &mut OpinionState, commands: &mut Commands) {
    let stored = item.council_opinions.get(&year).cloned().unwrap_or_default();
    let id = egui::Id::unique(("council_opinion", item.id, year));
    let typing = ui.memory(|m| m.has_focus(id));
    let stale = match &state.draft {
        Some(d) => d.item_id != item.id || d.year != year || (!typing && d.from != stored),
        None => true,
    };
    if stale {
        state.draft = Some(Draft { item_id: item.id, year, from: stored.clone(), text: stored.clone() });
    }
    let draft = state.draft.as_mut().expect("draft set above");
    let label = ui.label("審議会意見");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.text)
                .id(id)
                .hint_text("審議会意見")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if r.lost_focus() {
        let new = draft.text.trim().to_string();
        let edit = Edit::CouncilOpinion { item_id: item.id, year, old: stored, new: new.clone() };
        if !edit.is_noop() {
            commands.edit(edit);
            draft.from = new;
        }
    }
}
