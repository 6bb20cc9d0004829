//! Changes of the plan's shape: its own data (name, period, 策定日), focus areas, categories, items
//! and KPIs added, renamed, moved, renumbered and removed, and an item's status when it leaves the
//! plan. Each is an `Edit` like any other (undo, history, conflict check): it carries what it
//! expects to find, and its inverse puts back exactly what it took away.

mod data;
mod order;
mod words;

use serde::{Deserialize, Serialize};

use data::new_item;
pub use data::{CategoryData, FocusAreaData, ItemData, KpiData, Level, Node, Place, PlanHeader, is_bare};
use order::reorder;
pub use order::{check_order, children, current_places, place_of, tidy};

use crate::model::{Category, FocusArea, Id, ItemStatus, Plan};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StructureEdit {
    Plan {
        old: PlanHeader,
        new: PlanHeader,
    },
    AddFocusArea(FocusAreaData),
    RemoveFocusArea(FocusAreaData),
    AddCategory(CategoryData),
    RemoveCategory(CategoryData),
    AddItem(ItemData),
    RemoveItem(ItemData),
    AddKpi(KpiData),
    RemoveKpi(KpiData),
    Rename {
        node: Node,
        old: String,
        new: String,
    },
    /// Things moved or renumbered. For categories and KPIs, `old` names every child of each parent
    /// it touches (so the new order is whole); for items and focus areas, any of them.
    Order {
        level: Level,
        old: Vec<Place>,
        new: Vec<Place>,
    },
    /// An item marked as ended (完了, 統合, 中止…) or taken back into the plan (`None`).
    Status {
        item_id: Id,
        old: Option<ItemStatus>,
        new: Option<ItemStatus>,
    },
}

impl StructureEdit {
    pub fn inverse(&self) -> StructureEdit {
        use StructureEdit as S;
        match self.clone() {
            S::Plan { old, new } => S::Plan { old: new, new: old },
            S::AddFocusArea(d) => S::RemoveFocusArea(d),
            S::RemoveFocusArea(d) => S::AddFocusArea(d),
            S::AddCategory(d) => S::RemoveCategory(d),
            S::RemoveCategory(d) => S::AddCategory(d),
            S::AddItem(d) => S::RemoveItem(d),
            S::RemoveItem(d) => S::AddItem(d),
            S::AddKpi(d) => S::RemoveKpi(d),
            S::RemoveKpi(d) => S::AddKpi(d),
            S::Rename { node, old, new } => S::Rename { node, old: new, new: old },
            S::Order { level, old, new } => S::Order { level, old: new, new: old },
            S::Status { item_id, old, new } => S::Status { item_id, old: new, new: old },
        }
    }

    pub fn is_noop(&self) -> bool {
        match self {
            StructureEdit::Plan { old, new } => old == new,
            StructureEdit::Rename { old, new, .. } => old == new,
            StructureEdit::Order { old, new, .. } => old == new,
            StructureEdit::Status { old, new, .. } => old == new,
            _ => false,
        }
    }

    /// The item the change is about, for the history's filter by item.
    pub fn item_id(&self) -> Option<Id> {
        match self {
            StructureEdit::AddItem(d) | StructureEdit::RemoveItem(d) => Some(d.id),
            StructureEdit::AddKpi(d) | StructureEdit::RemoveKpi(d) => Some(d.item_id),
            StructureEdit::Status { item_id, .. } => Some(*item_id),
            StructureEdit::Order { level: Level::Item, new, .. } if new.len() == 1 => Some(new[0].id),
            _ => None,
        }
    }

    /// Mirrors the change in the snapshot; false when it does not hold what the edit expects.
    pub fn apply_to(&self, plan: &mut Plan) -> bool {
        let done = match self {
            StructureEdit::Plan { old, new } => {
                if PlanHeader::of(&plan.info) != *old {
                    return false;
                }
                plan.info = new.to_info();
                true
            }
            StructureEdit::AddFocusArea(d) => {
                if plan.focus_areas.iter().any(|f| f.id == d.id || f.number == d.number) {
                    return false;
                }
                plan.focus_areas.push(FocusArea {
                    id: d.id,
                    number: d.number,
                    title: d.title.clone(),
                    categories: vec![],
                });
                true
            }
            StructureEdit::RemoveFocusArea(d) => {
                let Some(i) = plan.focus_areas.iter().position(|f| f.id == d.id) else { return false };
                let f = &plan.focus_areas[i];
                if f.number != d.number || f.title != d.title || !f.categories.is_empty() {
                    return false;
                }
                plan.focus_areas.remove(i);
                true
            }
            StructureEdit::AddCategory(d) => {
                if plan.category(d.id).is_some() {
                    return false;
                }
                let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == d.focus_area_id) else { return false };
                let at = d.position.min(f.categories.len());
                f.categories.insert(at, Category { id: d.id, title: d.title.clone() });
                true
            }
            StructureEdit::RemoveCategory(d) => {
                if plan.items.iter().any(|i| i.category_id == d.id) {
                    return false;
                }
                let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == d.focus_area_id) else { return false };
                let Some(at) = f.categories.iter().position(|c| c.id == d.id && c.title == d.title) else {
                    return false;
                };
                if at != d.position {
                    return false;
                }
                f.categories.remove(at);
                true
            }
            StructureEdit::AddItem(d) => {
                if plan.items.iter().any(|i| i.id == d.id || i.number == d.number)
                    || plan.category(d.category_id).is_none()
                {
                    return false;
                }
                plan.items.push(new_item(d));
                true
            }
            StructureEdit::RemoveItem(d) => {
                let Some(at) = plan.items.iter().position(|i| i.id == d.id) else { return false };
                if !is_bare(&plan.items[at], d) {
                    return false;
                }
                plan.items.remove(at);
                true
            }
            StructureEdit::AddKpi(d) => {
                if plan.kpi(d.id).is_some() {
                    return false;
                }
                let Some(item) = plan.items.iter_mut().find(|i| i.id == d.item_id) else { return false };
                let at = d.position.min(item.kpis.len());
                item.kpis.insert(at, d.to_kpi());
                true
            }
            StructureEdit::RemoveKpi(d) => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == d.item_id) else { return false };
                let Some(at) = item.kpis.iter().position(|k| k.id == d.id) else { return false };
                if KpiData::of(item.id, at, &item.kpis[at]) != *d {
                    return false;
                }
                item.kpis.remove(at);
                true
            }
            StructureEdit::Rename { node, old, new } => {
                let slot = match node {
                    Node::FocusArea(id) => plan.focus_areas.iter_mut().find(|f| f.id == *id).map(|f| &mut f.title),
                    Node::Category(id) => plan
                        .focus_areas
                        .iter_mut()
                        .flat_map(|f| f.categories.iter_mut())
                        .find(|c| c.id == *id)
                        .map(|c| &mut c.title),
                };
                match slot {
                    Some(title) if title == old => {
                        *title = new.clone();
                        true
                    }
                    _ => false,
                }
            }
            StructureEdit::Order { level, old, new } => {
                if current_places(plan, *level, old) != *old {
                    return false;
                }
                reorder(plan, *level, new)
            }
            StructureEdit::Status { item_id, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.status != *old {
                    return false;
                }
                item.status = new.clone();
                true
            }
        };
        if done {
            tidy(plan);
        }
        done
    }
}
