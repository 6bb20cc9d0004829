//! Things of the plan's shape one of their edits adds or names: when their addition is declined
//! (both sides reshaped the plan, and ids given on each side may clash), every later edit of theirs
//! that names what it added is declined too, so it cannot land on a different thing of ours that
//! happens to have the same id.

use std::collections::HashSet;

use crate::edit::Edit;
use crate::edit::goals::GoalEdit;
use crate::edit::structure::{Level, StructureEdit};
use crate::model::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    FocusArea(Id),
    Category(Id),
    Item(Id),
    Kpi(Id),
}

/// What an edit adds to the plan's shape, if anything.
pub fn added(edit: &Edit) -> Option<Node> {
    match edit {
        Edit::Structure(StructureEdit::AddFocusArea(d)) => Some(Node::FocusArea(d.id)),
        Edit::Structure(StructureEdit::AddCategory(d)) => Some(Node::Category(d.id)),
        Edit::Structure(StructureEdit::AddItem(d)) => Some(Node::Item(d.id)),
        Edit::Structure(StructureEdit::AddKpi(d)) => Some(Node::Kpi(d.id)),
        _ => None,
    }
}

/// Whether an edit names any of `nodes` (as what it changes, or where it puts something).
pub fn names_any(edit: &Edit, nodes: &HashSet<Node>) -> bool {
    if nodes.is_empty() {
        return false;
    }
    let mut named = Vec::new();
    match edit {
        Edit::ItemText { item_id, .. }
        | Edit::Evaluation { item_id, .. }
        | Edit::CouncilOpinion { item_id, .. }
        | Edit::MoveRow { item_id, .. } => named.push(Node::Item(*item_id)),
        Edit::InsertRow(row) | Edit::RemoveRow(row) => named.push(Node::Item(row.item_id)),
        Edit::KpiText { kpi_id, .. } | Edit::KpiValue { kpi_id, .. } | Edit::Provisional { kpi_id, .. } => {
            named.push(Node::Kpi(*kpi_id))
        }
        Edit::Goal(g) => named.push(match g {
            GoalEdit::KpiSettings { kpi_id, .. } | GoalEdit::Milestones { kpi_id, .. } => Node::Kpi(*kpi_id),
            GoalEdit::Headings { item_id, .. } | GoalEdit::Effect { item_id, .. } => Node::Item(*item_id),
        }),
        Edit::Structure(s) => match s {
            StructureEdit::AddCategory(d) | StructureEdit::RemoveCategory(d) => {
                named.extend([Node::Category(d.id), Node::FocusArea(d.focus_area_id)])
            }
            StructureEdit::AddItem(d) | StructureEdit::RemoveItem(d) => {
                named.extend([Node::Item(d.id), Node::Category(d.category_id)])
            }
            StructureEdit::AddKpi(d) | StructureEdit::RemoveKpi(d) => {
                named.extend([Node::Kpi(d.id), Node::Item(d.item_id)])
            }
            StructureEdit::AddFocusArea(d) | StructureEdit::RemoveFocusArea(d) => named.push(Node::FocusArea(d.id)),
            StructureEdit::Rename { node, .. } => named.push(match node {
                crate::edit::structure::Node::FocusArea(id) => Node::FocusArea(*id),
                crate::edit::structure::Node::Category(id) => Node::Category(*id),
            }),
            StructureEdit::Order { level, old, new } => {
                for p in old.iter().chain(new) {
                    named.push(match level {
                        Level::FocusArea => Node::FocusArea(p.id),
                        Level::Category => Node::Category(p.id),
                        Level::Item => Node::Item(p.id),
                        Level::Kpi => Node::Kpi(p.id),
                    });
                    named.push(match level {
                        Level::FocusArea => Node::FocusArea(p.id),
                        Level::Category => Node::FocusArea(p.parent),
                        Level::Item => Node::Category(p.parent),
                        Level::Kpi => Node::Item(p.parent),
                    });
                }
            }
            StructureEdit::Status { item_id, .. } => named.push(Node::Item(*item_id)),
            StructureEdit::Plan { .. } => {}
        },
        // Rows and phases have ids of their own, translated by `IdMap`.
        Edit::Phase { .. } | Edit::InsertPhase { .. } | Edit::RemovePhase { .. } | Edit::RowLabel { .. } => {}
    }
    named.iter().any(|n| nodes.contains(n))
}
