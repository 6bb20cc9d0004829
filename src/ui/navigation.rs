//! The left panel: search box, filters by 実施課 and status, and the tree
//! 重点項目 → 分類 → 改革項目. Choosing an item is reported to the App, which scrolls the views to it.

use std::collections::HashSet;

use super::filter::{ItemFilter, StatusFilter};
use crate::model::{Id, Item, Plan};

/// The search box's id, so Ctrl+F can give it the keyboard focus.
pub fn search_id() -> egui::Id {
    egui::Id::unique("navigation_search")
}

/// How an item is named in the tree (and found by label in tests): "7. 公共施設の…".
pub fn item_label(item: &Item) -> String {
    format!("{}. {}", item.number, item.title)
}

/// Returns the item the officer clicked this frame.
pub fn show(
    ui: &mut egui::Ui,
    plan: &Plan,
    filter: &mut ItemFilter,
    visible: &[Id],
    selected: Option<Id>,
    focus_search: bool,
) -> Option<Id> {
    ui.add_space(4.0);
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut filter.text)
                .id(search_id())
                .hint_text("検索（番号・項目名・実施課）")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("検索");
    if focus_search {
        search.request_focus();
    }
    filters(ui, plan, filter);
    ui.horizontal(|ui| {
        ui.label(format!("{} / {} 項目", visible.len(), plan.items.len()));
        if !filter.is_empty() && ui.small_button("条件をクリア").clicked() {
            *filter = ItemFilter::default();
        }
    });
    ui.separator();

    let mut chosen = None;
    // While filtering, every branch with a hit is open so that nothing found stays hidden.
    let force_open = (!filter.is_empty()).then_some(true);
    let shown: HashSet<Id> = visible.iter().copied().collect();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for area in &plan.focus_areas {
            let items: Vec<&Item> =
                plan.items.iter().filter(|i| i.focus_area == area.number && shown.contains(&i.id)).collect();
            if items.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(format!("重点項目{} {}", area.number, area.title))
                .id_salt(("focus_area", area.id))
                .default_open(true)
                .open(force_open)
                .show(ui, |ui| {
                    for category in &area.categories {
                        let in_category: Vec<&&Item> = items.iter().filter(|i| i.category_id == category.id).collect();
                        if in_category.is_empty() {
                            continue;
                        }
                        egui::CollapsingHeader::new(format!("● {}", category.title))
                            .id_salt(("category", category.id))
                            .default_open(true)
                            .open(force_open)
                            .show(ui, |ui| {
                                for item in in_category {
                                    if item_button(ui, item, selected) {
                                        chosen = Some(item.id);
                                    }
                                }
                            });
                    }
                    // Items whose category is not listed under the area still show.
                    for item in items.iter().filter(|i| !area.categories.iter().any(|c| c.id == i.category_id)) {
                        if item_button(ui, item, selected) {
                            chosen = Some(item.id);
                        }
                    }
                });
        }
        if visible.is_empty() {
            ui.label("条件に合う改革項目はありません。");
        }
    });
    chosen
}

fn item_button(ui: &mut egui::Ui, item: &Item, selected: Option<Id>) -> bool {
    let response = ui.selectable_label(selected == Some(item.id), item_label(item));
    response.on_hover_text(format!("実施課: {}", item.department)).clicked()
}

fn filters(ui: &mut egui::Ui, plan: &Plan, filter: &mut ItemFilter) {
    egui::Grid::new("navigation_filters").num_columns(2).show(ui, |ui| {
        ui.label("実施課");
        let current = filter.department.clone().unwrap_or_else(|| "すべて".to_string());
        egui::ComboBox::from_id_salt("filter_department")
            .selected_text(current)
            .width(180.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.department, None, "すべて");
                for dept in departments(plan) {
                    let label = dept.clone();
                    ui.selectable_value(&mut filter.department, Some(dept), label);
                }
            })
            .response
            .accessible_name("実施課で絞り込み");
        ui.end_row();
        ui.label("状況");
        egui::ComboBox::from_id_salt("filter_status")
            .selected_text(filter.status.label())
            .width(180.0)
            .show_ui(ui, |ui| {
                for status in StatusFilter::ALL {
                    ui.selectable_value(&mut filter.status, status, status.label());
                }
            })
            .response
            .accessible_name("状況で絞り込み");
        ui.end_row();
    });
}

/// Single departments (a shared item counts for each of its 課), in order of first appearance.
fn departments(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in &plan.items {
        for d in item.departments() {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}
