//! The structure changes an officer asks for in words (add an item here, move this one up,
//! renumber the items) turned into `StructureEdit`s against the plan as it is now.

use super::structure::{
    CategoryData, FocusAreaData, ItemData, KpiData, Level, Place, StructureEdit, children, place_of,
};
use std::collections::HashMap;

use crate::model::{Direction, Id, Item, Plan};

/// Something new for the plan; the App gives it fresh ids from the record.
#[derive(Debug, Clone, PartialEq)]
pub enum NewNode {
    FocusArea { title: String },
    Category { focus_area_id: Id, title: String },
    Item { category_id: Id, number: u32, title: String, department: String },
    Kpi { item_id: Id, name: String, unit: String, direction: Direction },
}

/// Fresh ids, as `Store::next_structure_ids` gives them: focus area, category, item, KPI.
pub type FreshIds = [Id; 4];

impl NewNode {
    pub fn into_edit(self, plan: &Plan, ids: FreshIds) -> StructureEdit {
        match self {
            NewNode::FocusArea { title } => StructureEdit::AddFocusArea(FocusAreaData {
                id: ids[0],
                number: plan.focus_areas.iter().map(|f| f.number).max().unwrap_or(0) + 1,
                title: title.trim().to_string(),
            }),
            NewNode::Category { focus_area_id, title } => StructureEdit::AddCategory(CategoryData {
                id: ids[1],
                focus_area_id,
                position: children(plan, Level::Category, focus_area_id).len(),
                title: title.trim().to_string(),
            }),
            NewNode::Item { category_id, number, title, department } => StructureEdit::AddItem(ItemData {
                id: ids[2],
                number,
                category_id,
                title: title.trim().to_string(),
                department: department.trim().to_string(),
                current_issues: String::new(),
                actions: String::new(),
            }),
            NewNode::Kpi { item_id, name, unit, direction } => StructureEdit::AddKpi(KpiData::blank(
                ids[3],
                item_id,
                children(plan, Level::Kpi, item_id).len(),
                name.trim(),
                unit.trim(),
                direction,
            )),
        }
    }
}

/// The number a new item gets unless the officer says otherwise: one after the last.
pub fn next_item_number(plan: &Plan) -> u32 {
    plan.items.iter().map(|i| i.number).max().unwrap_or(0) + 1
}

/// Items in the order the tree and the printed plan show them: by focus area, category, number.
pub fn items_in_tree_order(plan: &Plan) -> Vec<&Item> {
    let rank: HashMap<Id, usize> =
        plan.focus_areas.iter().flat_map(|f| &f.categories).enumerate().map(|(at, c)| (c.id, at)).collect();
    let mut out: Vec<&Item> = plan.items.iter().collect();
    // Items whose category is missing (a damaged file) keep their place at the end.
    out.sort_by_key(|i| (rank.get(&i.category_id).copied().unwrap_or(usize::MAX), i.number));
    out
}

/// 番号を振り直す: items numbered 1, 2, 3… in the tree's order; `None` when they already are.
pub fn renumber_items(plan: &Plan) -> Option<StructureEdit> {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for (at, item) in items_in_tree_order(plan).into_iter().enumerate() {
        let place = Place { id: item.id, parent: item.category_id, position: item.number };
        let number = at as u32 + 1;
        if place.position != number {
            old.push(place);
            new.push(Place { position: number, ..place });
        }
    }
    (!old.is_empty()).then_some(StructureEdit::Order { level: Level::Item, old, new })
}

/// An item one place up (`up`) or down among its category's items: it swaps numbers with its
/// neighbour. `None` at the end of the category.
pub fn move_item(plan: &Plan, item_id: Id, up: bool) -> Option<StructureEdit> {
    let me = place_of(plan, Level::Item, item_id)?;
    // The snapshot keeps items in number order, so a category's items are in order too.
    let siblings: Vec<Place> = plan
        .items
        .iter()
        .filter(|i| i.category_id == me.parent)
        .map(|i| Place { id: i.id, parent: i.category_id, position: i.number })
        .collect();
    let at = siblings.iter().position(|p| p.id == item_id)?;
    let other = *siblings.get(if up { at.checked_sub(1)? } else { at + 1 })?;
    Some(StructureEdit::Order {
        level: Level::Item,
        old: vec![me, other],
        new: vec![Place { position: other.position, ..me }, Place { position: me.position, ..other }],
    })
}

/// An item under another category, keeping its number.
pub fn item_to_category(plan: &Plan, item_id: Id, category_id: Id) -> Option<StructureEdit> {
    let me = place_of(plan, Level::Item, item_id)?;
    plan.category(category_id)?;
    (me.parent != category_id).then(|| StructureEdit::Order {
        level: Level::Item,
        old: vec![me],
        new: vec![Place { parent: category_id, ..me }],
    })
}

/// An item given another number (one no other item has).
pub fn item_number(plan: &Plan, item_id: Id, number: u32) -> Option<StructureEdit> {
    let me = place_of(plan, Level::Item, item_id)?;
    (me.position != number).then(|| StructureEdit::Order {
        level: Level::Item,
        old: vec![me],
        new: vec![Place { position: number, ..me }],
    })
}

/// A focus area one place up or down: it swaps numbers with its neighbour.
pub fn move_focus_area(plan: &Plan, id: Id, up: bool) -> Option<StructureEdit> {
    let at = plan.focus_areas.iter().position(|f| f.id == id)?;
    let other = plan.focus_areas.get(if up { at.checked_sub(1)? } else { at + 1 })?;
    let me = place_of(plan, Level::FocusArea, id)?;
    let them = place_of(plan, Level::FocusArea, other.id)?;
    Some(StructureEdit::Order {
        level: Level::FocusArea,
        old: vec![me, them],
        new: vec![Place { position: them.position, ..me }, Place { position: me.position, ..them }],
    })
}

/// One of a parent's children (a category, a KPI) one place up or down.
pub fn move_child(plan: &Plan, level: Level, id: Id, up: bool) -> Option<StructureEdit> {
    let parent = place_of(plan, level, id)?.parent;
    let old = children(plan, level, parent);
    let at = old.iter().position(|p| p.id == id)?;
    let to = if up { at.checked_sub(1)? } else { at + 1 };
    if to >= old.len() {
        return None;
    }
    let mut ids: Vec<Id> = old.iter().map(|p| p.id).collect();
    ids.swap(at, to);
    let new = ids.iter().enumerate().map(|(i, id)| Place { id: *id, parent, position: i as u32 }).collect();
    Some(StructureEdit::Order { level, old, new })
}

/// A category moved to the end of another focus area.
pub fn category_to_focus_area(plan: &Plan, id: Id, focus_area_id: Id) -> Option<StructureEdit> {
    let from = place_of(plan, Level::Category, id)?.parent;
    if from == focus_area_id || !plan.focus_areas.iter().any(|f| f.id == focus_area_id) {
        return None;
    }
    let left = children(plan, Level::Category, from);
    let right = children(plan, Level::Category, focus_area_id);
    let mut new: Vec<Place> =
        left.iter().filter(|p| p.id != id).enumerate().map(|(i, p)| Place { position: i as u32, ..*p }).collect();
    new.extend(right.iter().copied());
    new.push(Place { id, parent: focus_area_id, position: right.len() as u32 });
    let old = left.into_iter().chain(right).collect();
    Some(StructureEdit::Order { level: Level::Category, old, new })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sap3() -> Plan {
        let mut plan = crate::seed::sap3();
        // A data file's ids are provisional; give every thing a distinct id as the record does.
        let mut next = 1;
        for f in &mut plan.focus_areas {
            f.id = next;
            next += 1;
            for c in &mut f.categories {
                let old = c.id;
                c.id = 100 + next;
                next += 1;
                for i in plan.items.iter_mut().filter(|i| i.category_id == old) {
                    i.category_id = c.id;
                }
            }
        }
        for (n, i) in plan.items.iter_mut().enumerate() {
            i.id = 1000 + n as Id;
            for (m, k) in i.kpis.iter_mut().enumerate() {
                k.id = 10_000 + (n * 10 + m) as Id;
            }
        }
        plan
    }

    #[test]
    fn an_item_moved_up_swaps_numbers_with_the_one_before_in_its_category() {
        let mut plan = sap3();
        let second = plan.items[1].clone();
        let first = plan.items[0].clone();
        assert_eq!(first.category_id, second.category_id, "SAP III's items 1 and 2 share a category");
        let edit = move_item(&plan, second.id, true).expect("item 2 can move up");
        assert!(edit.apply_to(&mut plan));
        assert_eq!(plan.item(second.id).unwrap().number, 1);
        assert_eq!(plan.item(first.id).unwrap().number, 2);
        assert_eq!(plan.items[0].id, second.id, "the snapshot stays in number order");
        assert!(move_item(&plan, second.id, true).is_none(), "the first of its category goes no higher");
        assert!(edit.inverse().apply_to(&mut plan));
        assert_eq!(plan.item(first.id).unwrap().number, 1);
    }

    #[test]
    fn renumbering_follows_the_tree_after_a_move_to_another_category() {
        let mut plan = sap3();
        let item1 = plan.items[0].id;
        let last_category = plan.focus_areas.last().unwrap().categories.last().unwrap().id;
        assert!(item_to_category(&plan, item1, last_category).unwrap().apply_to(&mut plan));
        assert_eq!(plan.item(item1).unwrap().number, 1, "a move keeps the number");
        assert_eq!(plan.item(item1).unwrap().focus_area, plan.focus_areas.last().unwrap().number);
        let edit = renumber_items(&plan).expect("numbers no longer follow the tree");
        assert!(edit.apply_to(&mut plan));
        let count = plan.items.len() as u32;
        // It keeps number 1, so it leads its new category: after every item of the categories before.
        let before = plan.items.iter().filter(|i| i.category_id != last_category).count() as u32;
        assert_eq!(plan.item(item1).unwrap().number, before + 1, "first of the last category");
        let numbers: Vec<u32> = plan.items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, (1..=count).collect::<Vec<_>>());
        assert!(renumber_items(&plan).is_none());
    }

    #[test]
    fn a_number_another_item_holds_is_refused() {
        let mut plan = sap3();
        let item1 = plan.items[0].id;
        let before = plan.clone();
        assert!(!item_number(&plan, item1, 5).unwrap().apply_to(&mut plan));
        assert_eq!(plan, before);
        assert!(item_number(&plan, item1, 99).unwrap().apply_to(&mut plan));
        assert_eq!(plan.items.last().unwrap().id, item1);
    }

    #[test]
    fn categories_and_kpis_move_among_their_siblings() {
        let mut plan = sap3();
        let area = plan.focus_areas.iter().find(|f| f.categories.len() >= 2).unwrap().clone();
        let second = area.categories[1].id;
        assert!(move_child(&plan, Level::Category, second, true).unwrap().apply_to(&mut plan));
        let area_now = plan.focus_areas.iter().find(|f| f.id == area.id).unwrap();
        assert_eq!(area_now.categories[0].id, second);
        let other = plan.focus_areas.iter().find(|f| f.id != area.id).unwrap().id;
        assert!(category_to_focus_area(&plan, second, other).unwrap().apply_to(&mut plan));
        let moved_to = plan.focus_areas.iter().find(|f| f.id == other).unwrap();
        assert_eq!(moved_to.categories.last().unwrap().id, second);
        let other_number = moved_to.number;
        assert!(plan.items.iter().filter(|i| i.category_id == second).all(|i| i.focus_area == other_number));

        let item = plan.items.iter().find(|i| i.kpis.len() >= 2).unwrap().clone();
        assert!(move_child(&plan, Level::Kpi, item.kpis[1].id, true).unwrap().apply_to(&mut plan));
        assert_eq!(plan.item(item.id).unwrap().kpis[0].id, item.kpis[1].id);
        assert!(move_child(&plan, Level::Kpi, item.kpis[1].id, true).is_none());
    }

    #[test]
    fn new_things_get_the_next_number_and_the_last_place() {
        let mut plan = sap3();
        let count = plan.items.len() as u32;
        let area = NewNode::FocusArea { title: " 新しい重点項目 ".into() }.into_edit(&plan, [50, 500, 5000, 50_000]);
        assert!(area.apply_to(&mut plan));
        assert_eq!(plan.focus_areas.last().unwrap().title, "新しい重点項目");
        assert_eq!(plan.focus_areas.last().unwrap().number, 6);
        let cat =
            NewNode::Category { focus_area_id: 50, title: "分類".into() }.into_edit(&plan, [51, 500, 5000, 50_000]);
        assert!(cat.apply_to(&mut plan));
        let item = NewNode::Item {
            category_id: 500,
            number: next_item_number(&plan),
            title: "新項目".into(),
            department: "行政経営課".into(),
        }
        .into_edit(&plan, [52, 501, 5000, 50_000]);
        assert!(item.apply_to(&mut plan));
        assert_eq!(plan.item(5000).unwrap().number, count + 1);
        assert_eq!(plan.item(5000).unwrap().focus_area, 6);
        let kpi =
            NewNode::Kpi { item_id: 5000, name: "件数".into(), unit: "件".into(), direction: Direction::Increase }
                .into_edit(&plan, [53, 502, 5001, 50_000]);
        assert!(kpi.apply_to(&mut plan));
        // Taking them back in reverse order leaves the plan as it was.
        for e in [kpi, item, cat, area] {
            assert!(e.inverse().apply_to(&mut plan), "{e:?}");
        }
        assert_eq!(plan, sap3());
    }
}
