//! What can be done to the chosen focus area, category or item.

use super::{Chosen, StructureWindow};
use crate::edit::Edit;
use crate::edit::moves::{
    NewNode, category_to_focus_area, item_number, item_to_category, move_child, move_focus_area, move_item,
};
use crate::edit::structure::{CategoryData, FocusAreaData, ItemData, KpiData, Level, Node, StructureEdit, is_bare};
use crate::model::{Direction, Id, Item, ItemStatus, Plan, StatusKind};
use crate::ui::app::commands::Command;

fn send(requests: &mut Vec<Command>, edit: Option<StructureEdit>) {
    if let Some(e) = edit {
        requests.push(Command::Edit(Box::new(Edit::Structure(e))));
    }
}

/// 上へ / 下へ, each enabled only where the move can be made.
fn up_down(ui: &mut egui::Ui, requests: &mut Vec<Command>, mv: impl Fn(bool) -> Option<StructureEdit>) {
    ui.horizontal(|ui| {
        for (up, text) in [(true, "上へ"), (false, "下へ")] {
            let edit = mv(up);
            if ui.add_enabled(edit.is_some(), egui::Button::new(text)).clicked() {
                send(requests, edit);
            }
        }
    });
}

fn rename(ui: &mut egui::Ui, state: &mut StructureWindow, node: Node, current: &str, requests: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("名前");
        ui.add(egui::TextEdit::singleline(&mut state.name).desired_width(300.0)).labelled_by(label.id);
        let changed = state.name.trim() != current && !state.name.trim().is_empty();
        if ui.add_enabled(changed, egui::Button::new("名前を変更")).clicked() {
            send(
                requests,
                Some(StructureEdit::Rename { node, old: current.to_string(), new: state.name.trim().to_string() }),
            );
        }
    });
}

pub fn show(ui: &mut egui::Ui, plan: &Plan, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    match state.chosen {
        None => {
            ui.label("左の一覧から重点項目・取組分類・改革項目を選んでください。");
        }
        Some(Chosen::FocusArea(id)) => focus_area(ui, plan, id, state, requests),
        Some(Chosen::Category(id)) => category(ui, plan, id, state, requests),
        Some(Chosen::Item(id)) => {
            if let Some(item) = plan.item(id) {
                self::item(ui, plan, item, state, requests);
            }
        }
    }
    if let Some(m) = &state.message {
        ui.colored_label(ui.visuals().error_fg_color, m);
    }
}

fn focus_area(ui: &mut egui::Ui, plan: &Plan, id: Id, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    let Some(f) = plan.focus_areas.iter().find(|f| f.id == id) else { return };
    ui.strong(format!("重点項目{}", f.number));
    rename(ui, state, Node::FocusArea(id), &f.title, requests);
    up_down(ui, requests, |up| move_focus_area(plan, id, up));
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label("新しい取組分類");
        ui.add(egui::TextEdit::singleline(&mut state.child_title).desired_width(260.0)).labelled_by(label.id);
        if ui.add_enabled(!state.child_title.trim().is_empty(), egui::Button::new("取組分類を追加")).clicked() {
            let title = std::mem::take(&mut state.child_title);
            requests.push(Command::AddNode(NewNode::Category { focus_area_id: id, title }));
        }
    });
    ui.separator();
    let empty = f.categories.is_empty();
    let remove = ui
        .add_enabled(empty, egui::Button::new("重点項目を削除"))
        .on_disabled_hover_text("取組分類のある重点項目は削除できません。先に取組分類を削除か移動してください。");
    if remove.clicked() {
        send(
            requests,
            Some(StructureEdit::RemoveFocusArea(FocusAreaData { id, number: f.number, title: f.title.clone() })),
        );
    }
}

fn category(ui: &mut egui::Ui, plan: &Plan, id: Id, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    let Some((area, c)) = plan.category(id) else { return };
    ui.strong(format!("重点項目{} の取組分類", area.number));
    rename(ui, state, Node::Category(id), &c.title, requests);
    up_down(ui, requests, |up| move_child(plan, Level::Category, id, up));
    ui.horizontal(|ui| {
        let label = ui.label("移す先の重点項目");
        let mut to = area.id;
        egui::ComboBox::from_id_salt("structure_category_area")
            .selected_text(format!("重点項目{}", area.number))
            .show_ui(ui, |ui| {
                for f in &plan.focus_areas {
                    ui.selectable_value(&mut to, f.id, format!("重点項目{}　{}", f.number, f.title));
                }
            })
            .response
            .labelled_by(label.id);
        if to != area.id {
            send(requests, category_to_focus_area(plan, id, to));
        }
    });
    ui.separator();
    ui.strong("新しい改革項目");
    egui::Grid::new("structure_new_item").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
        let label = ui.label("番号");
        ui.add(egui::TextEdit::singleline(&mut state.number).desired_width(60.0)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("改革項目名");
        ui.add(egui::TextEdit::singleline(&mut state.child_title).desired_width(300.0)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("実施課");
        ui.add(egui::TextEdit::singleline(&mut state.department).desired_width(200.0)).labelled_by(label.id);
        ui.end_row();
    });
    if ui.add_enabled(!state.child_title.trim().is_empty(), egui::Button::new("改革項目を追加")).clicked() {
        match read_number(&state.number, plan, None) {
            Ok(number) => {
                state.message = None;
                requests.push(Command::AddNode(NewNode::Item {
                    category_id: id,
                    number,
                    title: std::mem::take(&mut state.child_title),
                    department: std::mem::take(&mut state.department),
                }));
            }
            Err(e) => state.message = Some(e),
        }
    }
    ui.separator();
    let empty = !plan.items.iter().any(|i| i.category_id == id);
    let remove = ui
        .add_enabled(empty, egui::Button::new("取組分類を削除"))
        .on_disabled_hover_text("改革項目のある取組分類は削除できません。先に改革項目を別の分類へ移してください。");
    if remove.clicked() {
        let position = area.categories.iter().position(|x| x.id == id).unwrap_or(0);
        send(
            requests,
            Some(StructureEdit::RemoveCategory(CategoryData {
                id,
                focus_area_id: area.id,
                position,
                title: c.title.clone(),
            })),
        );
    }
}

/// An item number as typed: a whole number above 0 that no other item has.
fn read_number(text: &str, plan: &Plan, own: Option<Id>) -> Result<u32, String> {
    let half = crate::model::number::to_half_width(text.trim());
    let number: u32 = half
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("番号「{}」は 1 以上の整数で入力してください。", text.trim()))?;
    match plan.item_by_number(number) {
        Some(other) if Some(other.id) != own => {
            Err(format!("改革項目{number}は既にあります。別の番号にしてください。"))
        }
        _ => Ok(number),
    }
}

fn item(ui: &mut egui::Ui, plan: &Plan, item: &Item, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    let id = item.id;
    ui.strong(format!("改革項目{}　{}", item.number, item.title));
    ui.horizontal(|ui| {
        let label = ui.label("番号");
        ui.add(egui::TextEdit::singleline(&mut state.number).desired_width(60.0)).labelled_by(label.id);
        if ui.button("番号を変更").clicked() {
            match read_number(&state.number, plan, Some(id)) {
                Ok(n) => {
                    state.message = None;
                    send(requests, item_number(plan, id, n));
                }
                Err(e) => state.message = Some(e),
            }
        }
    });
    up_down(ui, requests, |up| move_item(plan, id, up));
    ui.horizontal(|ui| {
        let label = ui.label("取組分類");
        let mut to = item.category_id;
        let name = |cid: Id| {
            plan.category(cid).map(|(f, c)| format!("重点項目{} ● {}", f.number, c.title)).unwrap_or_default()
        };
        egui::ComboBox::from_id_salt("structure_item_category")
            .selected_text(name(item.category_id))
            .width(320.0)
            .show_ui(ui, |ui| {
                for f in &plan.focus_areas {
                    for c in &f.categories {
                        ui.selectable_value(&mut to, c.id, name(c.id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if to != item.category_id {
            send(requests, item_to_category(plan, id, to));
        }
    });
    ui.separator();
    kpis(ui, plan, item, state, requests);
    ui.separator();
    status(ui, plan, item, state, requests);
    ui.separator();
    let data = ItemData::of(item);
    let bare = is_bare(item, &data);
    let remove = ui
        .add_enabled(bare, egui::Button::new("改革項目を削除"))
        .on_hover_text("何も記録されていない改革項目（追加の取り消し）だけを削除します。")
        .on_disabled_hover_text("数値目標・スケジュール・評価などのある改革項目は削除できません。状態（完了・統合・中止など）を記録してください。");
    if remove.clicked() {
        send(requests, Some(StructureEdit::RemoveItem(data)));
    }
}

fn kpis(ui: &mut egui::Ui, plan: &Plan, item: &Item, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    ui.strong("数値目標");
    if item.kpis.is_empty() {
        ui.weak("（なし）");
    }
    for (at, k) in item.kpis.iter().enumerate() {
        ui.horizontal(|ui| {
            let unit = if k.unit.is_empty() { String::new() } else { format!("（{}）", k.unit) };
            ui.label(format!("{}. {}{}", at + 1, k.name, unit));
            for (up, text) in [(true, "上へ"), (false, "下へ")] {
                let edit = move_child(plan, Level::Kpi, k.id, up);
                if ui.add_enabled(edit.is_some(), egui::Button::new(text)).clicked() {
                    send(requests, edit);
                }
            }
            if ui.button("削除").on_hover_text("実績も含めて削除します（元に戻すで取り消せます）。").clicked()
            {
                send(requests, Some(StructureEdit::RemoveKpi(KpiData::of(item.id, at, k))));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("新しい数値目標");
        ui.add(egui::TextEdit::singleline(&mut state.kpi_name).hint_text("目標名").desired_width(220.0))
            .labelled_by(label.id);
        let label = ui.label("単位");
        ui.add(egui::TextEdit::singleline(&mut state.kpi_unit).desired_width(60.0)).labelled_by(label.id);
        ui.checkbox(&mut state.kpi_decrease, "減らす目標");
        if ui.add_enabled(!state.kpi_name.trim().is_empty(), egui::Button::new("数値目標を追加")).clicked() {
            requests.push(Command::AddNode(NewNode::Kpi {
                item_id: item.id,
                name: std::mem::take(&mut state.kpi_name),
                unit: std::mem::take(&mut state.kpi_unit),
                direction: if state.kpi_decrease { Direction::Decrease } else { Direction::Increase },
            }));
        }
    });
}

fn status(ui: &mut egui::Ui, plan: &Plan, item: &Item, state: &mut StructureWindow, requests: &mut Vec<Command>) {
    ui.strong("状態");
    if let Some(s) = &item.status {
        ui.label(format!("{}　理由: {}", s.label(), s.reason));
        if ui.button("実施中に戻す").clicked() {
            send(requests, Some(StructureEdit::Status { item_id: item.id, old: Some(s.clone()), new: None }));
        }
        return;
    }
    ui.label("実施中。計画の途中で終える場合は、区分・年度・理由を記録します（項目と履歴は残ります）。");
    ui.horizontal(|ui| {
        let label = ui.label("区分");
        egui::ComboBox::from_id_salt("structure_status_kind")
            .selected_text(state.status_kind.label())
            .show_ui(ui, |ui| {
                for k in StatusKind::ALL {
                    ui.selectable_value(&mut state.status_kind, k, k.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("年度");
        egui::ComboBox::from_id_salt("structure_status_year")
            .selected_text(state.status_year.japanese())
            .show_ui(ui, |ui| {
                for y in plan.info.years() {
                    ui.selectable_value(&mut state.status_year, y, y.japanese());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("理由");
        ui.add(egui::TextEdit::singleline(&mut state.status_reason).hint_text("例: 項目5に統合").desired_width(320.0))
            .labelled_by(label.id);
        if ui.button("状態を記録").clicked() {
            let s = ItemStatus {
                kind: state.status_kind,
                year: state.status_year,
                reason: state.status_reason.trim().to_string(),
            };
            match s.check(plan.info.first_year, plan.info.last_year) {
                Ok(()) => {
                    state.message = None;
                    send(requests, Some(StructureEdit::Status { item_id: item.id, old: None, new: Some(s) }));
                }
                Err(e) => state.message = Some(e),
            }
        }
    });
}
