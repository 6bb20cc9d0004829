//! 項目詳細: an item's title, 実施課, 現状・課題 and 実施内容・効果. Typed text is committed as one
//! `Edit::ItemText` when the field loses the focus (or on Enter in a one-line field), never per
//! keystroke; text still in a field when the tab is left is committed then.

use super::app::commands::Commands;
use crate::edit::{Edit, ItemField};
use crate::model::{Id, Item, Plan};

const FIELDS: [ItemField; 4] = [ItemField::Title, ItemField::Department, ItemField::CurrentIssues, ItemField::Actions];

#[derive(Default)]
pub struct ItemDetailState {
    item_id: Option<Id>,
    /// Per field: what the record held when the draft was taken, and the draft.
    fields: Vec<(ItemField, String, String)>,
}

fn value(item: &Item, field: ItemField) -> &str {
    match field {
        ItemField::Title => &item.title,
        ItemField::Department => &item.department,
        ItemField::CurrentIssues => &item.current_issues,
        ItemField::Actions => &item.actions,
    }
}

impl ItemDetailState {
    /// Emits an edit for every field whose draft differs from the record.
    pub fn flush(&mut self, commands: &mut Commands) {
        let Some(item_id) = self.item_id.take() else { return };
        for (field, base, draft) in self.fields.drain(..) {
            if base != draft {
                commands.edit(Edit::ItemText { item_id, field, old: base, new: draft });
            }
        }
    }

    fn sync(&mut self, item: &Item, commands: &mut Commands) {
        if self.item_id != Some(item.id) {
            self.flush(commands);
            self.item_id = Some(item.id);
            self.fields =
                FIELDS.iter().map(|f| (*f, value(item, *f).to_string(), value(item, *f).to_string())).collect();
            return;
        }
        // A value changed underneath (undo, another PC): take it over unless the officer has typed
        // there; typed text is then saved against the value it was typed over, so the change made
        // meanwhile is reported as a conflict instead of being overwritten unseen.
        for (field, base, draft) in &mut self.fields {
            let current = value(item, *field);
            if base != current && draft == base {
                *base = current.to_string();
                *draft = current.to_string();
            }
        }
    }
}

/// Where the item stands in the plan, and its number and title: the top of the tab.
pub fn heading(ui: &mut egui::Ui, plan: &Plan, item: &Item) {
    if let Some(area) = plan.focus_area(item.focus_area) {
        let category = plan.category(item.category_id).map(|(_, c)| c.title.as_str()).unwrap_or("");
        ui.label(format!("重点項目{} {} ／ {}", area.number, area.title, category));
    }
    ui.heading(format!("改革項目 {}　{}", item.number, item.title));
    if let Some(before) = &item.predecessor {
        ui.label(format!("前計画の項目: {before}"));
    }
    if let Some(s) = &item.status {
        ui.colored_label(ui.visuals().warn_fg_color, format!("状態: {}　理由: {}", s.label(), s.reason));
    }
}

/// The item's own texts, edited in place, and its KPIs for reference.
pub fn show(ui: &mut egui::Ui, item: &Item, state: &mut ItemDetailState, commands: &mut Commands) {
    state.sync(item, commands);
    {
        for (field, base, draft) in &mut state.fields {
            ui.label(field_label(item, *field));
            let multiline = matches!(field, ItemField::CurrentIssues | ItemField::Actions);
            let edit = if multiline {
                egui::TextEdit::multiline(draft).desired_rows(6)
            } else {
                egui::TextEdit::singleline(draft)
            };
            let response = ui
                .add(
                    edit.id_salt(("item_detail", item.id, *field as u8))
                        .hint_text(field_label(item, *field))
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(field_label(item, *field));
            if !response.has_focus() && base != draft {
                commands.edit(Edit::ItemText {
                    item_id: item.id,
                    field: *field,
                    old: base.clone(),
                    new: draft.clone(),
                });
                // The new base at once, so a refused edit is not sent again every frame.
                *base = draft.clone();
            }
            ui.add_space(8.0);
        }
        kpi_summary(ui, item);
    }
}

/// A field's heading: the item's own for its second text (実施内容・効果 or 取組内容・効果).
fn field_label(item: &Item, field: ItemField) -> &'static str {
    match field {
        ItemField::Actions => item.actions_heading.label(),
        f => f.label(),
    }
}

/// The item's KPIs for reference; they are edited in the 数値目標 tab.
fn kpi_summary(ui: &mut egui::Ui, item: &Item) {
    if item.kpis.is_empty() {
        return;
    }
    ui.separator();
    ui.label(format!("{}（値の編集は「数値目標」タブで）", item.goal_heading.label()));
    for kpi in &item.kpis {
        let target = kpi.target.as_ref().map(|v| kpi.display_value(v)).unwrap_or_else(|| "—".to_string());
        let remarks = kpi.remarks();
        let remarks = if remarks.is_empty() { String::new() } else { format!("（{remarks}）") };
        ui.label(format!("・{}　目標 {}{}{remarks}", kpi.name, target, kpi.unit));
    }
}
