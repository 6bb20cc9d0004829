//! Which value of the record an edit changes, so that a change made on both sides since the copies
//! parted is found (a conflict), and what a change of theirs becomes on top of ours (rebase).

use std::collections::HashSet;

use crate::edit::goals::GoalEdit;
use crate::edit::structure::StructureEdit;
use crate::edit::{Edit, ItemField, KpiField, KpiSlot, RowData};
use crate::model::{FiscalYear, Id, Plan};

/// One value of the record, as both sides name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    ItemText(Id, ItemField),
    KpiText(Id, KpiField),
    KpiValue(Id, KpiSlot),
    Phase(Id),
    RowLabel(Id),
    /// The schedule row as a whole (its removal).
    Row(Id),
    Evaluation(Id, FiscalYear),
    CouncilOpinion(Id, FiscalYear),
    Provisional(Id, FiscalYear),
    /// The plan's shape (focus areas, categories, items, KPIs, the plan's own data): changed on
    /// both sides, their changes of it are one conflict, since ids and numbers given on each side
    /// may clash.
    Structure,
    KpiSettings(Id),
    Milestones(Id),
    Headings(Id),
    Effect(Id, FiscalYear),
}

/// What one of our edits since parting touched. `plan` is ours, for the row a phase sits in.
pub fn touched(edit: &Edit, plan: &Plan, set: &mut HashSet<Target>) {
    match edit {
        Edit::ItemText { item_id, field, .. } => {
            set.insert(Target::ItemText(*item_id, *field));
        }
        Edit::KpiText { kpi_id, field, .. } => {
            set.insert(Target::KpiText(*kpi_id, *field));
        }
        Edit::KpiValue { kpi_id, slot, .. } => {
            set.insert(Target::KpiValue(*kpi_id, *slot));
        }
        Edit::Phase { phase_id, .. } => {
            set.insert(Target::Phase(*phase_id));
            if let Some((_, row, _)) = plan.phase(*phase_id) {
                set.insert(Target::Row(row.id));
            }
        }
        Edit::InsertPhase { row_id, .. } | Edit::MoveRow { row_id, .. } => {
            set.insert(Target::Row(*row_id));
        }
        Edit::RemovePhase { row_id, phase_id, .. } => {
            set.insert(Target::Phase(*phase_id));
            set.insert(Target::Row(*row_id));
        }
        Edit::RowLabel { row_id, .. } => {
            set.insert(Target::RowLabel(*row_id));
            set.insert(Target::Row(*row_id));
        }
        // A row we added is unknown to them: nothing of theirs can touch it.
        Edit::InsertRow(_) => {}
        Edit::RemoveRow(row) => {
            set.insert(Target::RowLabel(row.row_id));
            set.insert(Target::Row(row.row_id));
            set.extend(row.phases.iter().map(|(id, _)| Target::Phase(*id)));
        }
        Edit::Evaluation { item_id, year, .. } => {
            set.insert(Target::Evaluation(*item_id, *year));
        }
        Edit::CouncilOpinion { item_id, year, .. } => {
            set.insert(Target::CouncilOpinion(*item_id, *year));
        }
        Edit::Provisional { kpi_id, year, .. } => {
            set.insert(Target::Provisional(*kpi_id, *year));
        }
        Edit::Structure(_) => {
            set.insert(Target::Structure);
        }
        Edit::Goal(g) => {
            set.insert(goal_target(g));
        }
    }
}

/// The value one of their edits sets, if we changed it too since parting.
pub fn conflict_of(edit: &Edit, ours: &HashSet<Target>) -> Option<Target> {
    let target = match edit {
        Edit::ItemText { item_id, field, .. } => Target::ItemText(*item_id, *field),
        Edit::KpiText { kpi_id, field, .. } => Target::KpiText(*kpi_id, *field),
        Edit::KpiValue { kpi_id, slot, .. } => Target::KpiValue(*kpi_id, *slot),
        Edit::Phase { phase_id, .. } | Edit::RemovePhase { phase_id, .. } => Target::Phase(*phase_id),
        Edit::RowLabel { row_id, .. } => Target::RowLabel(*row_id),
        Edit::Evaluation { item_id, year, .. } => Target::Evaluation(*item_id, *year),
        Edit::CouncilOpinion { item_id, year, .. } => Target::CouncilOpinion(*item_id, *year),
        Edit::Provisional { kpi_id, year, .. } => Target::Provisional(*kpi_id, *year),
        // Their removal of a KPI or item we changed since parting would take our change with it.
        Edit::Structure(StructureEdit::RemoveKpi(d)) if touched_kpi(ours, d.id) => return Some(Target::Structure),
        Edit::Structure(StructureEdit::RemoveItem(d)) if touched_item(ours, d.id) => return Some(Target::Structure),
        Edit::Structure(_) => Target::Structure,
        Edit::Goal(g) => goal_target(g),
        Edit::RemoveRow(row) => {
            let edited = ours.contains(&Target::Row(row.row_id))
                || row.phases.iter().any(|(id, _)| ours.contains(&Target::Phase(*id)));
            return edited.then_some(Target::Row(row.row_id));
        }
        // Additions and moves never overwrite a value; a move is placed where the row is now.
        Edit::InsertRow(_) | Edit::InsertPhase { .. } | Edit::MoveRow { .. } => return None,
    };
    ours.contains(&target).then_some(target)
}

/// Their edit with the value it replaces taken from `work` (ours, with their changes so far), so
/// the record's own conflict check passes; `None` when what it changes is not there any more.
pub fn rebase(edit: &Edit, work: &Plan) -> Option<Edit> {
    let mut e = edit.clone();
    match &mut e {
        Edit::ItemText { item_id, field, old, .. } => {
            let item = work.item(*item_id)?;
            *old = match field {
                ItemField::Title => item.title.clone(),
                ItemField::Department => item.department.clone(),
                ItemField::CurrentIssues => item.current_issues.clone(),
                ItemField::Actions => item.actions.clone(),
            };
        }
        Edit::KpiText { kpi_id, field, old, .. } => {
            let (_, kpi) = work.kpi(*kpi_id)?;
            *old = match field {
                KpiField::Name => kpi.name.clone(),
                KpiField::Unit => kpi.unit.clone(),
                KpiField::Note => kpi.note.clone(),
                KpiField::BaselineNote => kpi.baseline_note.clone(),
                KpiField::TargetNote => kpi.target_note.clone(),
            };
        }
        Edit::KpiValue { kpi_id, slot, old, .. } => {
            let (_, kpi) = work.kpi(*kpi_id)?;
            *old = match slot {
                KpiSlot::Baseline => kpi.baseline.clone(),
                KpiSlot::Target => kpi.target.clone(),
                KpiSlot::Actual(year) => kpi.actuals.get(year).cloned(),
            };
        }
        Edit::Phase { phase_id, old, .. } => *old = work.phase(*phase_id)?.2.data.clone(),
        Edit::InsertPhase { row_id, .. } => {
            work.row(*row_id)?;
        }
        Edit::RemovePhase { row_id, phase_id, data } => {
            let (_, row, phase) = work.phase(*phase_id)?;
            *row_id = row.id;
            *data = phase.data.clone();
        }
        Edit::RowLabel { row_id, old, .. } => *old = work.row(*row_id)?.1.label.clone(),
        Edit::InsertRow(row) => {
            let item = work.item(row.item_id)?;
            row.position = row.position.min(item.schedule.len());
        }
        Edit::RemoveRow(row) => *row = current_row(work, row.row_id)?,
        Edit::MoveRow { row_id, item_id, from, to } => {
            let (item, _) = work.row(*row_id)?;
            *item_id = item.id;
            *from = item.schedule.iter().position(|r| r.id == *row_id)?;
            *to = (*to).min(item.schedule.len() - 1);
        }
        Edit::Evaluation { item_id, year, old, .. } => *old = work.item(*item_id)?.evaluation(*year).cloned(),
        Edit::CouncilOpinion { item_id, year, old, .. } => {
            *old = work.item(*item_id)?.council_opinions.get(year).cloned().unwrap_or_default();
        }
        Edit::Provisional { kpi_id, year, old, .. } => *old = work.kpi(*kpi_id)?.1.provisional.contains(year),
        Edit::Structure(s) => *s = s.rebased(work)?,
        Edit::Goal(g) => *g = g.rebased(work)?,
    }
    Some(e)
}

fn touched_kpi(ours: &HashSet<Target>, id: Id) -> bool {
    ours.iter().any(|t| match t {
        Target::KpiText(k, _) | Target::KpiValue(k, _) | Target::Provisional(k, _) => *k == id,
        Target::KpiSettings(k) | Target::Milestones(k) => *k == id,
        _ => false,
    })
}

fn touched_item(ours: &HashSet<Target>, id: Id) -> bool {
    ours.iter().any(|t| match t {
        Target::ItemText(i, _) | Target::Evaluation(i, _) | Target::CouncilOpinion(i, _) | Target::Effect(i, _) => {
            *i == id
        }
        Target::Headings(i) => *i == id,
        _ => false,
    })
}

fn goal_target(g: &GoalEdit) -> Target {
    match g {
        GoalEdit::KpiSettings { kpi_id, .. } => Target::KpiSettings(*kpi_id),
        GoalEdit::Milestones { kpi_id, .. } => Target::Milestones(*kpi_id),
        GoalEdit::Headings { item_id, .. } => Target::Headings(*item_id),
        GoalEdit::Effect { item_id, year, .. } => Target::Effect(*item_id, *year),
    }
}

fn current_row(plan: &Plan, row_id: Id) -> Option<RowData> {
    let (item, row) = plan.row(row_id)?;
    Some(RowData {
        row_id,
        item_id: item.id,
        position: item.schedule.iter().position(|r| r.id == row_id)?,
        label: row.label.clone(),
        phases: row.phases.iter().map(|p| (p.id, p.data.clone())).collect(),
    })
}
