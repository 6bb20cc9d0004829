//! Where things sit and the rules for moving them: numbers unique and above 0, parents that exist,
//! every child of a parent placed 0..n; the snapshot kept in the order the store loads it.

use super::{Level, Place};
use crate::model::{Category, Id, Kpi, Plan};

/// Where the things `places` name sit in `plan` now (in the same order); ids not found sit nowhere
/// (parent −1), so the comparison with what an edit expects fails.
pub fn current_places(plan: &Plan, level: Level, places: &[Place]) -> Vec<Place> {
    places.iter().map(|p| place_of(plan, level, p.id).unwrap_or(Place { id: p.id, parent: -1, position: 0 })).collect()
}

pub fn place_of(plan: &Plan, level: Level, id: Id) -> Option<Place> {
    match level {
        Level::FocusArea => {
            plan.focus_areas.iter().find(|f| f.id == id).map(|f| Place { id, parent: 0, position: f.number })
        }
        Level::Category => plan.focus_areas.iter().find_map(|f| {
            f.categories.iter().position(|c| c.id == id).map(|at| Place { id, parent: f.id, position: at as u32 })
        }),
        Level::Item => plan.item(id).map(|i| Place { id, parent: i.category_id, position: i.number }),
        Level::Kpi => plan.items.iter().find_map(|i| {
            i.kpis.iter().position(|k| k.id == id).map(|at| Place { id, parent: i.id, position: at as u32 })
        }),
    }
}

/// Every child of a parent, in order (categories of a focus area, KPIs of an item).
pub fn children(plan: &Plan, level: Level, parent: Id) -> Vec<Place> {
    match level {
        Level::Category => plan
            .focus_areas
            .iter()
            .find(|f| f.id == parent)
            .map(|f| {
                f.categories.iter().enumerate().map(|(at, c)| Place { id: c.id, parent, position: at as u32 }).collect()
            })
            .unwrap_or_default(),
        Level::Kpi => plan
            .item(parent)
            .map(|i| i.kpis.iter().enumerate().map(|(at, k)| Place { id: k.id, parent, position: at as u32 }).collect())
            .unwrap_or_default(),
        Level::FocusArea | Level::Item => Vec::new(),
    }
}

/// The rules a new placing must keep, whatever the way in: numbers above 0 and unique, parents that
/// exist, and for categories and KPIs every child of each parent named with places 0..n.
pub fn check_order(plan: &Plan, level: Level, old: &[Place], new: &[Place]) -> Result<(), String> {
    let mut ids: Vec<Id> = old.iter().map(|p| p.id).collect();
    let mut new_ids: Vec<Id> = new.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    new_ids.sort_unstable();
    if ids != new_ids || ids.windows(2).any(|w| w[0] == w[1]) {
        return Err("並べ替えの内容が正しくありません。".into());
    }
    match level {
        Level::FocusArea | Level::Item => {
            if new.iter().any(|p| p.position == 0) {
                return Err(format!("{}の番号は1以上にしてください。", level.label()));
            }
            let moved: Vec<Id> = new.iter().map(|p| p.id).collect();
            let mut numbers: Vec<u32> = match level {
                Level::FocusArea => {
                    plan.focus_areas.iter().filter(|f| !moved.contains(&f.id)).map(|f| f.number).collect()
                }
                _ => plan.items.iter().filter(|i| !moved.contains(&i.id)).map(|i| i.number).collect(),
            };
            numbers.extend(new.iter().map(|p| p.position));
            let count = numbers.len();
            numbers.sort_unstable();
            numbers.dedup();
            if numbers.len() != count {
                return Err(format!("{}の番号が重なります。", level.label()));
            }
            if level == Level::Item && new.iter().any(|p| plan.category(p.parent).is_none()) {
                return Err("移す先の取組分類がありません。".into());
            }
        }
        Level::Category | Level::Kpi => {
            let mut parents: Vec<Id> = old.iter().chain(new).map(|p| p.parent).collect();
            parents.sort_unstable();
            parents.dedup();
            for parent in parents {
                let exists = match level {
                    Level::Category => plan.focus_areas.iter().any(|f| f.id == parent),
                    _ => plan.item(parent).is_some(),
                };
                if !exists {
                    return Err(format!(
                        "移す先の{}がありません。",
                        if level == Level::Kpi { "改革項目" } else { "重点項目" }
                    ));
                }
                let mut now: Vec<Id> = children(plan, level, parent).iter().map(|p| p.id).collect();
                let mut named: Vec<Id> = old.iter().filter(|p| p.parent == parent).map(|p| p.id).collect();
                now.sort_unstable();
                named.sort_unstable();
                if now != named {
                    return Err("並べ替えの内容が正しくありません。".into());
                }
                let mut places: Vec<u32> = new.iter().filter(|p| p.parent == parent).map(|p| p.position).collect();
                places.sort_unstable();
                if places.iter().enumerate().any(|(i, p)| *p != i as u32) {
                    return Err("並べ替えの内容が正しくありません。".into());
                }
            }
        }
    }
    Ok(())
}

pub(super) fn reorder(plan: &mut Plan, level: Level, new: &[Place]) -> bool {
    if check_order(plan, level, &current_places(plan, level, new), new).is_err() {
        return false;
    }
    match level {
        Level::FocusArea => {
            for p in new {
                if let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == p.id) {
                    f.number = p.position;
                }
            }
        }
        Level::Item => {
            for p in new {
                if let Some(i) = plan.items.iter_mut().find(|i| i.id == p.id) {
                    i.number = p.position;
                    i.category_id = p.parent;
                }
            }
        }
        Level::Category => {
            let mut taken: Vec<(Place, Category)> = Vec::new();
            for p in new {
                for f in &mut plan.focus_areas {
                    if let Some(at) = f.categories.iter().position(|c| c.id == p.id) {
                        taken.push((*p, f.categories.remove(at)));
                    }
                }
            }
            taken.sort_by_key(|(p, _)| p.position);
            for (p, c) in taken {
                if let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == p.parent) {
                    f.categories.insert((p.position as usize).min(f.categories.len()), c);
                }
            }
        }
        Level::Kpi => {
            let mut taken: Vec<(Place, Kpi)> = Vec::new();
            for p in new {
                for i in &mut plan.items {
                    if let Some(at) = i.kpis.iter().position(|k| k.id == p.id) {
                        taken.push((*p, i.kpis.remove(at)));
                    }
                }
            }
            taken.sort_by_key(|(p, _)| p.position);
            for (p, k) in taken {
                if let Some(i) = plan.items.iter_mut().find(|i| i.id == p.parent) {
                    i.kpis.insert((p.position as usize).min(i.kpis.len()), k);
                }
            }
        }
    }
    true
}

/// Keeps the snapshot in the order the store loads it: focus areas and items by number, each
/// item's focus-area number from its category.
pub fn tidy(plan: &mut Plan) {
    plan.focus_areas.sort_by_key(|f| f.number);
    let numbers: Vec<(Id, u32)> =
        plan.focus_areas.iter().flat_map(|f| f.categories.iter().map(move |c| (c.id, f.number))).collect();
    for item in &mut plan.items {
        if let Some((_, n)) = numbers.iter().find(|(c, _)| *c == item.category_id) {
            item.focus_area = *n;
        }
    }
    plan.items.sort_by_key(|i| i.number);
}
