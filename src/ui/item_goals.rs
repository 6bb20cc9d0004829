//! 項目詳細, below the texts: what the plan says about the item's goals besides their values — the
//! headings (数値目標 / 活動目標, 実施内容・効果 / 取組内容・効果), the yearly 効果額 in 千円, and for
//! each KPI the remarks on its baseline and target, the baseline's day, 万, direction, decimals and
//! milestones. A typed field is saved when it loses the focus, as one edit; a choice at once.

use std::collections::HashMap;

use super::app::commands::Commands;
use crate::edit::goals::{GoalEdit, ItemHeadings, KpiSettings};
use crate::edit::{Edit, KpiField};
use crate::model::dates::{japanese_date, parse_date};
use crate::model::number::{format_plain, parse_number};
use crate::model::{
    ActionsHeading, Direction, FiscalYear, GoalHeading, Id, Item, Kpi, KpiValue, Milestone, Plan, Scale,
};

/// Drafts of the typed fields (keyed by field, with what each one sets), and the new milestone's
/// fields per KPI.
#[derive(Default)]
pub struct ItemGoalsState {
    item_id: Option<Id>,
    drafts: HashMap<egui::Id, (String, String, Slot)>,
    new_milestone: HashMap<Id, (String, String, bool)>,
    message: Option<String>,
}

/// A typed field as drawn: the record's value, its accessible name, the grey hint, its width.
#[derive(Clone, Copy)]
struct Shown<'a> {
    current: &'a str,
    label: &'a str,
    hint: &'a str,
    width: f32,
}

/// What a typed field sets (and, hashed, the field's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Effect { item_id: Id, year: FiscalYear, planned: bool },
    KpiNote { kpi_id: Id, field: KpiField },
    BaselineDate { kpi_id: Id },
}

impl ItemGoalsState {
    /// Saves what is still typed in a field (the tab or the item is left before the field was).
    pub fn flush(&mut self, plan: &Plan, commands: &mut Commands) {
        let pending: Vec<(String, Slot)> =
            self.drafts.drain().filter(|(_, (base, draft, _))| base != draft).map(|(_, (_, d, s))| (d, s)).collect();
        for (typed, slot) in pending {
            let _ = self.commit(plan, slot, &typed, commands);
        }
        self.item_id = None;
    }

    /// The edit a typed text makes, sent; a text that cannot be read is told, sends nothing and
    /// gives false.
    fn commit(&mut self, plan: &Plan, slot: Slot, typed: &str, commands: &mut Commands) -> bool {
        match slot {
            Slot::Effect { item_id, year, planned } => {
                let Some(item) = plan.item(item_id) else { return true };
                match amount(typed) {
                    Ok(n) => {
                        self.message = None;
                        let current = item.effects.get(&year).copied();
                        let mut new = current.unwrap_or_default();
                        if planned {
                            new.planned = n
                        } else {
                            new.actual = n
                        }
                        let new = (!new.is_empty()).then_some(new);
                        if current != new {
                            commands.edit(Edit::Goal(GoalEdit::Effect { item_id, year, old: current, new }));
                        }
                    }
                    Err(e) => {
                        self.message = Some(e);
                        return false;
                    }
                }
            }
            Slot::KpiNote { kpi_id, field } => {
                let Some((_, kpi)) = plan.kpi(kpi_id) else { return true };
                let old = if field == KpiField::BaselineNote { &kpi.baseline_note } else { &kpi.target_note };
                let new = typed.trim().to_string();
                if *old != new {
                    commands.edit(Edit::KpiText { kpi_id, field, old: old.clone(), new });
                }
            }
            Slot::BaselineDate { kpi_id } => {
                let Some((_, kpi)) = plan.kpi(kpi_id) else { return true };
                let old = KpiSettings::of(kpi);
                let baseline_date = match typed.trim() {
                    "" => None,
                    text => match parse_date(text) {
                        Ok(day) => Some(day.format("%Y-%m-%d").to_string()),
                        Err(e) => {
                            self.message = Some(e);
                            return false;
                        }
                    },
                };
                self.message = None;
                let new = KpiSettings { baseline_date, ..old.clone() };
                if new != old {
                    commands.edit(Edit::Goal(GoalEdit::KpiSettings { kpi_id, old, new }));
                }
            }
        }
        true
    }

    /// A typed field in place: saved through `commit` when it loses the focus.
    fn typed(&mut self, ui: &mut egui::Ui, (plan, commands): (&Plan, &mut Commands), slot: Slot, shown: Shown) {
        let key = egui::Id::unique(("item_goals", slot));
        if let Some((_, typed)) = self.field(ui, key, &shown, slot)
            && !self.commit(plan, slot, &typed, commands)
        {
            // The record's value back in the field: nothing was saved.
            self.drafts.remove(&key);
        }
    }

    /// A one-line field whose text is saved when it loses the focus: `Some((old, new))` then.
    /// `label` is its accessible name; `hint` the grey text shown while it is empty.
    fn field(&mut self, ui: &mut egui::Ui, key: egui::Id, shown: &Shown, slot: Slot) -> Option<(String, String)> {
        let Shown { current, label, hint, width } = *shown;
        let (base, draft, _) =
            self.drafts.entry(key).or_insert_with(|| (current.to_string(), current.to_string(), slot));
        // Changed underneath (undo, another PC) and not typed in: take the new value.
        if base != current && draft == base {
            *base = current.to_string();
            *draft = current.to_string();
        }
        let response = ui
            .add_sized([width, ui.spacing().interact_size.y], egui::TextEdit::singleline(draft).id(key).hint_text(hint))
            .accessible_name(label);
        if !response.has_focus() && draft != base {
            let changed = (base.clone(), draft.clone());
            *base = draft.clone();
            return Some(changed);
        }
        None
    }
}

pub fn show(ui: &mut egui::Ui, plan: &Plan, item: &Item, state: &mut ItemGoalsState, commands: &mut Commands) {
    if state.item_id != Some(item.id) {
        state.flush(plan, commands);
        state.item_id = Some(item.id);
    }
    ui.separator();
    headings(ui, item, commands);
    ui.add_space(6.0);
    effects(ui, plan, item, state, commands);
    for kpi in &item.kpis {
        kpi_settings(ui, plan, kpi, state, commands);
    }
    if let Some(m) = &state.message {
        ui.colored_label(ui.visuals().error_fg_color, m);
    }
}

fn headings(ui: &mut egui::Ui, item: &Item, commands: &mut Commands) {
    let old = ItemHeadings::of(item);
    let mut new = old;
    ui.horizontal(|ui| {
        let label = ui.label("目標の見出し");
        egui::ComboBox::from_id_salt(("goal_heading", item.id))
            .selected_text(new.goal.label())
            .show_ui(ui, |ui| {
                for h in GoalHeading::ALL {
                    ui.selectable_value(&mut new.goal, h, h.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("内容の見出し");
        egui::ComboBox::from_id_salt(("actions_heading", item.id))
            .selected_text(new.actions.label())
            .show_ui(ui, |ui| {
                for h in ActionsHeading::ALL {
                    ui.selectable_value(&mut new.actions, h, h.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
    if new != old {
        commands.edit(Edit::Goal(GoalEdit::Headings { item_id: item.id, old, new }));
    }
}

/// A typed amount: empty is none; otherwise a number as the office types it (1,234 or 全角).
fn amount(text: &str) -> Result<Option<f64>, String> {
    parse_number(text.trim())
        .map_err(|_| format!("効果額「{}」を数値として読めません（千円単位の数値を入力）。", text.trim()))
}

fn effects(ui: &mut egui::Ui, plan: &Plan, item: &Item, state: &mut ItemGoalsState, commands: &mut Commands) {
    ui.strong("効果額（千円）");
    // Rows of fixed widths rather than a grid: a grid sizes its columns from the frame before,
    // which leaves text fields too narrow on the first frames.
    let cell = 120.0;
    let heading = |ui: &mut egui::Ui, text: &str, width: f32| {
        ui.add_sized([width, ui.spacing().interact_size.y], egui::Label::new(text));
    };
    ui.horizontal(|ui| {
        heading(ui, "年度", 48.0);
        heading(ui, "計画", cell);
        heading(ui, "実績", cell);
    });
    for year in plan.info.years() {
        ui.horizontal(|ui| {
            // R3, not 令和3年度: the year buttons of the evaluation above carry the long name.
            ui.add_sized([48.0, ui.spacing().interact_size.y], egui::Label::new(year.short()))
                .on_hover_text(year.japanese());
            let current = item.effects.get(&year).copied();
            for (planned, what) in [(true, "計画"), (false, "実績")] {
                let value = current.and_then(|e| if planned { e.planned } else { e.actual });
                let shown = value.map(format_plain).unwrap_or_default();
                let label = format!("{}の効果額（{what}）", year.japanese());
                let slot = Slot::Effect { item_id: item.id, year, planned };
                let shown = Shown { current: &shown, label: &label, hint: "千円", width: cell };
                state.typed(ui, (plan, commands), slot, shown);
            }
        });
    }
}

fn kpi_settings(ui: &mut egui::Ui, plan: &Plan, kpi: &Kpi, state: &mut ItemGoalsState, commands: &mut Commands) {
    egui::CollapsingHeader::new(format!("「{}」の注記・中間目標・表示", kpi.name))
        .id_salt(("kpi_settings", kpi.id))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for (field, current) in
                    [(KpiField::BaselineNote, &kpi.baseline_note), (KpiField::TargetNote, &kpi.target_note)]
                {
                    ui.label(field.label());
                    let slot = Slot::KpiNote { kpi_id: kpi.id, field };
                    let shown = Shown { current, label: field.label(), hint: "", width: 160.0 };
                    state.typed(ui, (plan, commands), slot, shown);
                }
            });
            settings(ui, plan, kpi, state, commands);
            milestones(ui, kpi, state, commands);
        });
}

fn settings(ui: &mut egui::Ui, plan: &Plan, kpi: &Kpi, state: &mut ItemGoalsState, commands: &mut Commands) {
    let old = KpiSettings::of(kpi);
    let mut new = old.clone();
    ui.horizontal(|ui| {
        ui.label("基準日");
        let shown = kpi.baseline_date.map(japanese_date).unwrap_or_default();
        let slot = Slot::BaselineDate { kpi_id: kpi.id };
        let shown = Shown { current: &shown, label: "基準日", hint: "例: R2.6.1", width: 150.0 };
        state.typed(ui, (plan, commands), slot, shown);
        let label = ui.label("表示");
        egui::ComboBox::from_id_salt(("scale", kpi.id))
            .selected_text(new.scale.label())
            .show_ui(ui, |ui| {
                for s in Scale::ALL {
                    ui.selectable_value(&mut new.scale, s, s.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("方向");
        egui::ComboBox::from_id_salt(("direction", kpi.id))
            .selected_text(new.direction.label())
            .show_ui(ui, |ui| {
                for d in [Direction::Increase, Direction::Decrease] {
                    ui.selectable_value(&mut new.direction, d, d.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("小数の桁");
        egui::ComboBox::from_id_salt(("decimals", kpi.id))
            .selected_text(new.decimals.to_string())
            .show_ui(ui, |ui| {
                for d in 0..=6u8 {
                    ui.selectable_value(&mut new.decimals, d, d.to_string());
                }
            })
            .response
            .labelled_by(label.id);
    });
    if new != old {
        state.message = None;
        commands.edit(Edit::Goal(GoalEdit::KpiSettings { kpi_id: kpi.id, old, new }));
    }
}

fn milestones(ui: &mut egui::Ui, kpi: &Kpi, state: &mut ItemGoalsState, commands: &mut Commands) {
    let old = kpi.milestones.clone();
    ui.label("中間目標");
    for (at, m) in old.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(m.label(|v| kpi.display_value(v)));
            if ui.small_button("削除").clicked() {
                let mut new = old.clone();
                new.remove(at);
                commands.edit(Edit::Goal(GoalEdit::Milestones { kpi_id: kpi.id, old: old.clone(), new }));
            }
        });
    }
    let (year, value, cumulative) = state.new_milestone.entry(kpi.id).or_default();
    let mut add = false;
    ui.horizontal(|ui| {
        let label = ui.label("年度");
        ui.add(egui::TextEdit::singleline(year).hint_text("例: R7").desired_width(60.0)).labelled_by(label.id);
        let label = ui.label("目標");
        ui.add(egui::TextEdit::singleline(value).desired_width(90.0)).labelled_by(label.id);
        ui.checkbox(cumulative, "累計");
        add = ui.button("中間目標を追加").clicked();
    });
    if add {
        let read = FiscalYear::parse(year)
            .ok_or_else(|| format!("年度「{}」を読めません。R7 のように入力してください。", year.trim()))
            .and_then(|y| {
                let v = match parse_number(value.trim()) {
                    Ok(Some(n)) => KpiValue::Number(n),
                    _ if !value.trim().is_empty() => KpiValue::Text(value.trim().to_string()),
                    _ => return Err("中間目標の値を入力してください。".to_string()),
                };
                Ok(Milestone { year: y, value: v, cumulative: *cumulative })
            });
        match read {
            Ok(m) => {
                let mut new = old.clone();
                new.retain(|x| x.year != m.year);
                new.push(m);
                new.sort_by_key(|x| x.year);
                match crate::edit::goals::check_milestones(&new) {
                    Ok(()) => {
                        state.message = None;
                        year.clear();
                        value.clear();
                        commands.edit(Edit::Goal(GoalEdit::Milestones { kpi_id: kpi.id, old, new }));
                    }
                    Err(e) => state.message = Some(e),
                }
            }
            Err(e) => state.message = Some(e),
        }
    }
}
