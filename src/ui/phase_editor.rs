//! The side panel beside the schedule: edits the chosen bar's phase (label, months, actual period,
//! status, note) and its schedule row (label, order, adding and deleting).
//!
//! Fields edit a draft. A choice from a list is committed at once; typed text is committed when
//! the field loses the focus (or on Enter), never per keystroke, so one change is one undo step.

use super::app::commands::{Command, Commands};
use super::app::state::Selection;
use crate::edit::Edit;
use crate::model::{Id, Item, PhaseData, PhaseStatus, Plan, ScheduleRow, YearMonth};

#[derive(Default)]
pub struct PhaseEditorState {
    phase: Option<Draft<PhaseData>>,
    row: Option<Draft<String>>,
    error: Option<String>,
}

/// A value being edited: `base` is what the record held when the draft was taken.
struct Draft<T> {
    id: Id,
    base: T,
    draft: T,
}

impl<T: Clone + PartialEq> Draft<T> {
    /// Keeps the draft while it belongs to the same record value; starts over when the value
    /// changed underneath (undo, a drag, another selection) — unless the officer has typed into
    /// it: that text is then saved against the value it was typed over, and the store reports
    /// the change made meanwhile as a conflict rather than overwriting it unseen.
    fn sync(slot: &mut Option<Draft<T>>, id: Id, current: &T) {
        let fresh = match slot {
            Some(d) => d.id != id || (d.base != *current && !d.dirty()),
            None => true,
        };
        if fresh {
            *slot = Some(Draft { id, base: current.clone(), draft: current.clone() });
        }
    }

    fn dirty(&self) -> bool {
        self.base != self.draft
    }
}

impl PhaseEditorState {
    /// Commits typed text left in the panel when the panel closes.
    pub fn flush(&mut self, commands: &mut Commands) {
        if let Some(d) = self.phase.take()
            && d.dirty()
            && d.draft.validate().is_ok()
        {
            commands.edit(Edit::Phase { phase_id: d.id, old: d.base, new: d.draft });
        }
        if let Some(d) = self.row.take()
            && d.dirty()
        {
            commands.edit(Edit::RowLabel { row_id: d.id, old: d.base, new: d.draft });
        }
    }
}

/// Draws the panel. A changed selection (closed, or a phase or row deleted) is sent as a command.
pub fn show(
    ui: &mut egui::Ui,
    plan: &Plan,
    selection: Selection,
    state: &mut PhaseEditorState,
    commands: &mut Commands,
) {
    if let Some(next) = panel(ui, plan, selection, state, commands) {
        commands.send(Command::Select(next));
    }
}

fn panel(
    ui: &mut egui::Ui,
    plan: &Plan,
    selection: Selection,
    state: &mut PhaseEditorState,
    commands: &mut Commands,
) -> Option<Option<Selection>> {
    let (item, row, phase_id) = match selection {
        Selection::Phase(id) => match plan.phase(id) {
            Some((item, row, _)) => (item, row, Some(id)),
            None => return Some(None),
        },
        Selection::Row(id) => match plan.row(id) {
            Some((item, row)) => (item, row, None),
            None => return Some(None),
        },
    };
    let mut next = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(if phase_id.is_some() { "工程の編集" } else { "スケジュール行の編集" });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("閉じる").clicked() {
                    next = Some(None);
                }
            });
        });
        ui.label(format!("{}. {}", item.number, item.title));
        ui.separator();
        if let Some(phase_id) = phase_id {
            if let Some(s) = phase_section(ui, plan, row, phase_id, state, commands) {
                next = Some(s);
            }
            ui.separator();
        } else {
            state.phase = None;
        }
        if let Some(s) = row_section(ui, item, row, state, commands) {
            next = Some(s);
        }
        if let Some(error) = &state.error {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    });
    next
}

fn phase_section(
    ui: &mut egui::Ui,
    plan: &Plan,
    row: &ScheduleRow,
    phase_id: Id,
    state: &mut PhaseEditorState,
    commands: &mut Commands,
) -> Option<Option<Selection>> {
    let current = &row.phases.iter().find(|p| p.id == phase_id)?.data;
    Draft::sync(&mut state.phase, phase_id, current);
    let d = state.phase.as_mut()?;
    let months = month_choices(plan, &d.draft);
    let mut chose = false;
    let mut typing = false;

    egui::Grid::new(("phase_fields", phase_id)).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("工程名");
        let r = ui.add(egui::TextEdit::singleline(&mut d.draft.label).hint_text("工程名").desired_width(200.0));
        let r = r.accessible_name("工程名");
        typing |= r.has_focus();
        ui.end_row();

        ui.label("開始");
        chose |= month_combo(ui, "開始", &mut d.draft.start, &months);
        ui.end_row();
        ui.label("終了");
        chose |= month_combo(ui, "終了", &mut d.draft.end, &months);
        ui.end_row();

        ui.label("実績開始");
        chose |= optional_month_combo(ui, "実績開始", &mut d.draft.actual_start, &months);
        ui.end_row();
        ui.label("実績終了");
        chose |= optional_month_combo(ui, "実績終了", &mut d.draft.actual_end, &months);
        ui.end_row();

        ui.label("状況");
        let before = d.draft.status;
        egui::ComboBox::from_id_salt("phase_status")
            .selected_text(before.label())
            .show_ui(ui, |ui| {
                for s in PhaseStatus::ALL {
                    ui.selectable_value(&mut d.draft.status, s, s.label());
                }
            })
            .response
            .accessible_name("状況");
        chose |= d.draft.status != before;
        ui.end_row();

        ui.label("備考");
        let r =
            ui.add(egui::TextEdit::multiline(&mut d.draft.note).hint_text("備考").desired_rows(3).desired_width(200.0));
        let r = r.accessible_name("備考");
        typing |= r.has_focus();
        ui.end_row();
    });

    if chose {
        // An actual start or end entered moves the status on, in the same edit (one undo step).
        d.draft = d.draft.clone().follow_actuals(&d.base);
    }
    if d.dirty() && (chose || !typing) {
        match d.draft.validate() {
            Ok(()) => {
                commands.edit(Edit::Phase { phase_id, old: d.base.clone(), new: d.draft.clone() });
                // Taken as the new base at once, so a refused edit is not sent again every frame.
                d.base = d.draft.clone();
                state.error = None;
            }
            Err(message) => state.error = Some(message),
        }
    }

    let mut next = None;
    ui.horizontal(|ui| {
        if d.dirty() && ui.button("入力を取り消す").clicked() {
            d.draft = d.base.clone();
            state.error = None;
        }
        if ui.button("工程を削除").clicked() {
            commands.edit(Edit::RemovePhase { row_id: row.id, phase_id, data: current.clone() });
            next = Some(Some(Selection::Row(row.id)));
        }
    });
    next
}

fn row_section(
    ui: &mut egui::Ui,
    item: &Item,
    row: &ScheduleRow,
    state: &mut PhaseEditorState,
    commands: &mut Commands,
) -> Option<Option<Selection>> {
    Draft::sync(&mut state.row, row.id, &row.label);
    let d = state.row.as_mut()?;
    ui.label("スケジュール行");
    let r = ui.add(egui::TextEdit::singleline(&mut d.draft).hint_text("行の名前").desired_width(f32::INFINITY));
    let r = r.accessible_name("行の名前");
    if d.dirty() && !r.has_focus() {
        commands.edit(Edit::RowLabel { row_id: row.id, old: d.base.clone(), new: d.draft.clone() });
        d.base = d.draft.clone();
    }
    let index = item.schedule.iter().position(|r| r.id == row.id).unwrap_or(0);
    let mut next = None;
    ui.horizontal_wrapped(|ui| {
        let moved = |to: usize| Edit::MoveRow { row_id: row.id, item_id: item.id, from: index, to };
        if ui.add_enabled(index > 0, egui::Button::new("行を上へ")).clicked() {
            commands.edit(moved(index - 1));
        }
        if ui.add_enabled(index + 1 < item.schedule.len(), egui::Button::new("行を下へ")).clicked() {
            commands.edit(moved(index + 1));
        }
        if ui.button("工程を追加").clicked() {
            commands.send(Command::AddPhase { row_id: row.id });
        }
        if ui.button("行を追加").clicked() {
            commands.send(Command::AddRow { item_id: item.id });
        }
        if ui.button("行を削除").clicked() {
            commands.edit(Edit::RemoveRow(crate::edit::RowData {
                row_id: row.id,
                item_id: item.id,
                position: index,
                label: row.label.clone(),
                phases: row.phases.iter().map(|p| (p.id, p.data.clone())).collect(),
            }));
            next = Some(None);
        }
    });
    next
}

/// The plan's months, widened to include whatever the phase already holds.
fn month_choices(plan: &Plan, data: &PhaseData) -> Vec<YearMonth> {
    let held = [Some(data.start), Some(data.end), data.actual_start, data.actual_end];
    let first = held.iter().flatten().copied().chain([plan.info.first_month()]).min().unwrap_or(data.start);
    let last = held.iter().flatten().copied().chain([plan.info.last_month()]).max().unwrap_or(data.end);
    (0..first.months_through(last)).map(|i| first.add_months(i)).collect()
}

/// `name` is the field's accessible name (and its id).
fn month_combo(ui: &mut egui::Ui, name: &str, value: &mut YearMonth, months: &[YearMonth]) -> bool {
    let before = *value;
    egui::ComboBox::from_id_salt(name)
        .selected_text(value.japanese())
        .height(300.0)
        .show_ui(ui, |ui| {
            for m in months {
                ui.selectable_value(value, *m, m.japanese());
            }
        })
        .response
        .accessible_name(name);
    *value != before
}

fn optional_month_combo(ui: &mut egui::Ui, name: &str, value: &mut Option<YearMonth>, months: &[YearMonth]) -> bool {
    let before = *value;
    let text = value.map_or_else(|| "（なし）".to_string(), |m| m.japanese());
    egui::ComboBox::from_id_salt(name)
        .selected_text(text)
        .height(300.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "（なし）");
            for m in months {
                ui.selectable_value(value, Some(*m), m.japanese());
            }
        })
        .response
        .accessible_name(name);
    *value != before
}
