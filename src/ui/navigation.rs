//! The left panel: search box, filters by 実施課 and status, and the tree
//! 重点項目 → 分類 → 改革項目. Choosing an item is reported to the App, which scrolls the views to it.

use std::collections::HashSet;

use super::app::commands::{Command, Commands};
use super::context::ViewContext;
use super::filter::{ItemFilter, StatusFilter};
use crate::model::{Id, Item, Plan};

/// The search box's id, so Ctrl+F can give it the keyboard focus.
pub fn search_id() -> egui::Id {
    egui::Id::unique("navigation_search")
}

/// How an item is named in the tree (and found by label in tests): "7. 公共施設の…".
pub fn item_label(item: &Item) -> String {
    format!("{}. {}", item.number, item.listed_title())
}

/// Branches the officer has closed, and the tree flattened into lines (rebuilt only when the
/// snapshot, the filter's result or a branch changes).
#[derive(Default)]
pub struct NavigationState {
    closed: HashSet<Branch>,
    cache: Option<CachedLines>,
}

/// A foldable branch of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Branch {
    Area(Id),
    Category(Id),
}

/// One line of the tree, by index into the plan (valid for the cached plan version).
#[derive(Debug, Clone, Copy)]
enum Line {
    Area { area: usize, open: bool },
    Category { area: usize, category: usize, open: bool },
    Item { item: usize, depth: u8 },
}

struct CachedLines {
    version: u64,
    visible: Vec<Id>,
    force_open: bool,
    lines: Vec<Line>,
}

impl NavigationState {
    fn lines(&mut self, plan: &Plan, version: u64, visible: &[Id], force_open: bool) -> &[Line] {
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.version != version || c.force_open != force_open || c.visible != visible);
        if stale {
            let lines = flatten(plan, visible, |b| force_open || !self.closed.contains(&b));
            self.cache = Some(CachedLines { version, visible: visible.to_vec(), force_open, lines });
        }
        &self.cache.as_ref().expect("just filled").lines
    }

    fn toggle(&mut self, branch: Branch) {
        if !self.closed.remove(&branch) {
            self.closed.insert(branch);
        }
        self.cache = None;
    }
}

/// The tree 重点項目 → 分類 → 改革項目 as lines, skipping what a closed branch hides.
fn flatten(plan: &Plan, visible: &[Id], is_open: impl Fn(Branch) -> bool) -> Vec<Line> {
    let shown: HashSet<Id> = visible.iter().copied().collect();
    let mut lines = Vec::new();
    for (a, area) in plan.focus_areas.iter().enumerate() {
        let items: Vec<usize> = (0..plan.items.len())
            .filter(|&i| plan.items[i].focus_area == area.number && shown.contains(&plan.items[i].id))
            .collect();
        if items.is_empty() {
            continue;
        }
        let open = is_open(Branch::Area(area.id));
        lines.push(Line::Area { area: a, open });
        if !open {
            continue;
        }
        for (c, category) in area.categories.iter().enumerate() {
            let in_category: Vec<usize> =
                items.iter().copied().filter(|&i| plan.items[i].category_id == category.id).collect();
            if in_category.is_empty() {
                continue;
            }
            let open = is_open(Branch::Category(category.id));
            lines.push(Line::Category { area: a, category: c, open });
            if open {
                lines.extend(in_category.into_iter().map(|item| Line::Item { item, depth: 2 }));
            }
        }
        // Items whose category is not listed under the area still show.
        for &i in &items {
            if !area.categories.iter().any(|c| c.id == plan.items[i].category_id) {
                lines.push(Line::Item { item: i, depth: 1 });
            }
        }
    }
    lines
}

/// What the tree shows of the App's state this frame.
pub struct Tree {
    pub selected: Option<Id>,
    /// Give the search box the keyboard focus (Ctrl+F).
    pub focus_search: bool,
}

impl Tree {
    /// Draws the panel; an item clicked is sent as `Command::ShowItem`.
    pub fn show(
        &self,
        ui: &mut egui::Ui,
        ctx: &ViewContext,
        filter: &mut ItemFilter,
        state: &mut NavigationState,
        commands: &mut Commands,
    ) {
        if let Some(item) = self.draw(ui, ctx, filter, state) {
            commands.send(Command::ShowItem(item));
        }
    }

    fn draw(
        &self,
        ui: &mut egui::Ui,
        ctx: &ViewContext,
        filter: &mut ItemFilter,
        state: &mut NavigationState,
    ) -> Option<Id> {
        let ViewContext { plan, version, visible, .. } = *ctx;
        let (selected, focus_search) = (self.selected, self.focus_search);
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
        if visible.is_empty() {
            ui.label("条件に合う改革項目はありません。");
            return None;
        }

        // While filtering, every branch with a hit is open so that nothing found stays hidden.
        let force_open = !filter.is_empty();
        let lines = state.lines(plan, version, visible, force_open);
        let line_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let indent = ui.spacing().indent;
        let mut chosen = None;
        let mut toggled = None;
        // Only the lines in view (and half a view around it, for screen readers) are made into
        // widgets: thousands of items cost what thirty do.
        egui::ScrollArea::vertical().auto_shrink([false, false]).show_viewport(ui, |ui, viewport| {
            let top = ui.max_rect().top();
            ui.set_min_height(lines.len() as f32 * line_height);
            let margin = viewport.height() / 2.0;
            let first = ((viewport.min.y - margin) / line_height).floor().max(0.0) as usize;
            let last = (((viewport.max.y + margin) / line_height).ceil().max(0.0) as usize).min(lines.len());
            for (i, line) in lines.iter().enumerate().take(last).skip(first) {
                let y = top + i as f32 * line_height;
                let rect = egui::Rect::from_min_size(
                    egui::pos2(ui.max_rect().left(), y),
                    egui::vec2(ui.max_rect().width(), line_height),
                );
                let mut line_ui = ui.new_child(
                    egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(egui::Align::Center)),
                );
                match *line {
                    Line::Area { area, open } => {
                        let area = &plan.focus_areas[area];
                        let text = format!("重点項目{} {}", area.number, area.title);
                        if branch_button(&mut line_ui, open, text) {
                            toggled = Some(Branch::Area(area.id));
                        }
                    }
                    Line::Category { area, category, open } => {
                        line_ui.add_space(indent);
                        let category = &plan.focus_areas[area].categories[category];
                        if branch_button(&mut line_ui, open, format!("● {}", category.title)) {
                            toggled = Some(Branch::Category(category.id));
                        }
                    }
                    Line::Item { item, depth } => {
                        line_ui.add_space(indent * f32::from(depth));
                        let item = &plan.items[item];
                        if item_button(&mut line_ui, item, selected) {
                            chosen = Some(item.id);
                        }
                    }
                }
            }
        });
        if let Some(branch) = toggled {
            state.toggle(branch);
        }
        chosen
    }
}

/// A heading of the tree that opens and closes its branch.
fn branch_button(ui: &mut egui::Ui, open: bool, text: String) -> bool {
    let arrow = if open { "▼" } else { "▶" };
    ui.add(egui::Button::new(format!("{arrow} {text}")).frame(false).truncate())
        .on_hover_text(if open { "クリックで閉じる" } else { "クリックで開く" })
        .clicked()
}

fn item_button(ui: &mut egui::Ui, item: &Item, selected: Option<Id>) -> bool {
    let response = ui.add(egui::Button::selectable(selected == Some(item.id), item_label(item)).truncate());
    response.on_hover_text(format!("{}\n実施課: {}", item_label(item), item.department)).clicked()
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
                for dept in plan.single_departments() {
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
