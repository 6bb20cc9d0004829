//! The plan's shape as a list to choose from: focus areas, their categories, their items (with
//! an ended item's status), and the two changes that concern the whole list.

use super::{Chosen, StructureWindow};
use crate::edit::Edit;
use crate::edit::moves::{NewNode, renumber_items};
use crate::model::Plan;
use crate::ui::app::commands::Command;

pub fn show(ui: &mut egui::Ui, plan: &Plan, state: &mut StructureWindow, height: f32, requests: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let renumber = renumber_items(plan);
        let button = ui
            .add_enabled(renumber.is_some(), egui::Button::new("番号を振り直す"))
            .on_hover_text("改革項目を、重点項目・取組分類の順に 1 から番号を付け直します。")
            .on_disabled_hover_text("番号は既に一覧の順です。");
        if button.clicked()
            && let Some(edit) = renumber
        {
            requests.push(Command::Edit(Box::new(Edit::Structure(edit))));
        }
    });
    // Room below the list for the new focus area's field.
    let bottom = 80.0;
    egui::ScrollArea::vertical()
        .id_salt("structure_tree")
        .max_height((height - bottom).max(120.0))
        .auto_shrink(false)
        .show(ui, |ui| {
            for f in &plan.focus_areas {
                let chosen = state.chosen == Some(Chosen::FocusArea(f.id));
                if ui.selectable_label(chosen, format!("重点項目{}　{}", f.number, f.title)).clicked() {
                    state.choose(Chosen::FocusArea(f.id));
                }
                for c in &f.categories {
                    ui.horizontal(|ui| {
                        ui.add_space(16.0);
                        let chosen = state.chosen == Some(Chosen::Category(c.id));
                        if ui.selectable_label(chosen, format!("● {}", c.title)).clicked() {
                            state.choose(Chosen::Category(c.id));
                        }
                    });
                    for item in plan.items.iter().filter(|i| i.category_id == c.id) {
                        ui.horizontal(|ui| {
                            ui.add_space(32.0);
                            let chosen = state.chosen == Some(Chosen::Item(item.id));
                            let mut text = format!("{}　{}", item.number, item.title);
                            if let Some(s) = &item.status {
                                text.push_str(&format!("　〔{}〕", s.label()));
                            }
                            let mut label = egui::RichText::new(text);
                            if item.status.is_some() {
                                label = label.weak();
                            }
                            if ui.selectable_label(chosen, label).clicked() {
                                state.choose(Chosen::Item(item.id));
                            }
                        });
                    }
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label("新しい重点項目");
        ui.add(egui::TextEdit::singleline(&mut state.new_area).desired_width(200.0)).labelled_by(label.id);
        if ui.add_enabled(!state.new_area.trim().is_empty(), egui::Button::new("重点項目を追加")).clicked() {
            requests.push(Command::AddNode(NewNode::FocusArea { title: std::mem::take(&mut state.new_area) }));
        }
    });
}
