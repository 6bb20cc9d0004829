//! The plan's shape as a list to choose from: focus areas, their categories, their items (with
//! an ended item's status), and the two changes that concern the whole list.

use super::{Chosen, StructureWindow};
use crate::edit::Edit;
use crate::edit::moves::{NewNode, renumber_items};
use crate::edit::structure::StructureEdit;
use crate::model::Plan;
use crate::ui::app::commands::Command;

/// What the list shows, derived from the plan once per version of it (not every frame: a plan of
/// thousands of items would be walked, sorted and formatted 60 times a second).
#[derive(Debug, Clone)]
pub(super) struct Derived {
    version: u64,
    lines: Vec<Line>,
    renumber: Option<StructureEdit>,
}

pub fn show(
    ui: &mut egui::Ui,
    (plan, version): (&Plan, u64),
    state: &mut StructureWindow,
    height: f32,
    requests: &mut Vec<Command>,
) {
    if state.derived.as_ref().is_none_or(|d| d.version != version) {
        state.derived = Some(Derived { version, lines: lines(plan), renumber: renumber_items(plan) });
    }
    // Out of `state` while the list is drawn (a click there changes `state`), put back after.
    let Some(derived) = state.derived.take() else { return };
    ui.horizontal(|ui| {
        let renumber = derived.renumber.clone();
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
    // One line per focus area, category and item, drawn only where visible: a plan of thousands of
    // items scrolls as smoothly as SAP III.
    let lines = &derived.lines;
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("structure_tree")
        .max_height((height - bottom).max(120.0))
        .auto_shrink(false)
        .show_rows(ui, row_height, lines.len(), |ui, range| {
            for line in &lines[range] {
                ui.horizontal(|ui| {
                    ui.add_space(line.indent);
                    let mut text = egui::RichText::new(&line.text);
                    if line.ended {
                        text = text.weak();
                    }
                    if ui.selectable_label(state.chosen == Some(line.chosen), text).clicked() {
                        state.choose(line.chosen);
                    }
                });
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
    state.derived = Some(derived);
}

/// One line of the list.
#[derive(Debug, Clone)]
struct Line {
    chosen: Chosen,
    indent: f32,
    text: String,
    /// An item that has left the plan, drawn weaker.
    ended: bool,
}

fn lines(plan: &Plan) -> Vec<Line> {
    let mut by_category: std::collections::HashMap<crate::model::Id, Vec<&crate::model::Item>> =
        std::collections::HashMap::new();
    for item in &plan.items {
        by_category.entry(item.category_id).or_default().push(item);
    }
    let mut out = Vec::with_capacity(plan.items.len() + plan.focus_areas.len() * 3);
    for f in &plan.focus_areas {
        out.push(Line {
            chosen: Chosen::FocusArea(f.id),
            indent: 0.0,
            text: format!("重点項目{}　{}", f.number, f.title),
            ended: false,
        });
        for c in &f.categories {
            out.push(Line {
                chosen: Chosen::Category(c.id),
                indent: 16.0,
                text: format!("● {}", c.title),
                ended: false,
            });
            for item in by_category.get(&c.id).into_iter().flatten() {
                let mut text = format!("{}　{}", item.number, item.title);
                if let Some(s) = &item.status {
                    text.push_str(&format!("　〔{}〕", s.label()));
                }
                out.push(Line { chosen: Chosen::Item(item.id), indent: 32.0, text, ended: item.status.is_some() });
            }
        }
    }
    out
}
