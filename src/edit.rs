//! Edits: every change an officer makes, as a command that knows its inverse.
//! Undo/redo, the change history and conflict detection all rest on this one mechanism:
//! an edit carries the value it expects to replace (`old`), so applying it to a record
//! that has moved on since is refused as a conflict rather than silently overwriting.

pub mod goals;
pub mod moves;
pub mod structure;
mod undo;

pub use undo::UndoStack;

use serde::{Deserialize, Serialize};

use crate::model::{Evaluation, FiscalYear, Id, KpiValue, Phase, PhaseData, Plan, ScheduleRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemField {
    Title,
    Department,
    CurrentIssues,
    Actions,
}

impl ItemField {
    pub fn label(self) -> &'static str {
        match self {
            ItemField::Title => "改革項目",
            ItemField::Department => "実施課",
            ItemField::CurrentIssues => "現状・課題",
            ItemField::Actions => "実施内容・効果",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KpiField {
    Name,
    Unit,
    Note,
    /// The remark printed with the baseline (R2.6.1現在).
    BaselineNote,
    /// The remark printed with the target (10%縮減, 5%増).
    TargetNote,
}

impl KpiField {
    pub fn label(self) -> &'static str {
        match self {
            KpiField::Name => "目標名",
            KpiField::Unit => "単位",
            KpiField::Note => "備考",
            KpiField::BaselineNote => "基準値の注記",
            KpiField::TargetNote => "目標値の注記",
        }
    }
}

/// Which value of a KPI an edit sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KpiSlot {
    Baseline,
    Target,
    Actual(FiscalYear),
}

impl KpiSlot {
    pub fn label(self) -> String {
        match self {
            KpiSlot::Baseline => "基準値".to_string(),
            KpiSlot::Target => "目標値".to_string(),
            KpiSlot::Actual(y) => format!("{}実績", y.japanese()),
        }
    }
}

/// A schedule row with its phases, as removed or re-inserted in one piece.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowData {
    pub row_id: Id,
    pub item_id: Id,
    pub position: usize,
    pub label: String,
    pub phases: Vec<(Id, PhaseData)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    ItemText {
        item_id: Id,
        field: ItemField,
        old: String,
        new: String,
    },
    KpiText {
        kpi_id: Id,
        field: KpiField,
        old: String,
        new: String,
    },
    KpiValue {
        kpi_id: Id,
        slot: KpiSlot,
        old: Option<KpiValue>,
        new: Option<KpiValue>,
    },
    /// Any change of one phase: label, months (a drag), actual period, status, note.
    Phase {
        phase_id: Id,
        old: PhaseData,
        new: PhaseData,
    },
    InsertPhase {
        row_id: Id,
        phase_id: Id,
        data: PhaseData,
    },
    RemovePhase {
        row_id: Id,
        phase_id: Id,
        data: PhaseData,
    },
    RowLabel {
        row_id: Id,
        old: String,
        new: String,
    },
    InsertRow(RowData),
    RemoveRow(RowData),
    MoveRow {
        row_id: Id,
        item_id: Id,
        from: usize,
        to: usize,
    },
    Evaluation {
        item_id: Id,
        year: FiscalYear,
        old: Option<Evaluation>,
        new: Option<Evaluation>,
    },
    /// The 審議会's opinion on an item for a year; empty text means none.
    CouncilOpinion {
        item_id: Id,
        year: FiscalYear,
        old: String,
        new: String,
    },
    /// The 暫定 (provisional) mark on a KPI's actual of one year.
    Provisional {
        kpi_id: Id,
        year: FiscalYear,
        old: bool,
        new: bool,
    },
    /// The plan's shape: its own data, focus areas, categories, items, KPIs, an item's status.
    Structure(structure::StructureEdit),
    /// A KPI's settings and milestones, an item's headings and 効果額.
    Goal(goals::GoalEdit),
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::ItemText { item_id, field, old, new } => Edit::ItemText { item_id, field, old: new, new: old },
            Edit::KpiText { kpi_id, field, old, new } => Edit::KpiText { kpi_id, field, old: new, new: old },
            Edit::KpiValue { kpi_id, slot, old, new } => Edit::KpiValue { kpi_id, slot, old: new, new: old },
            Edit::Phase { phase_id, old, new } => Edit::Phase { phase_id, old: new, new: old },
            Edit::InsertPhase { row_id, phase_id, data } => Edit::RemovePhase { row_id, phase_id, data },
            Edit::RemovePhase { row_id, phase_id, data } => Edit::InsertPhase { row_id, phase_id, data },
            Edit::RowLabel { row_id, old, new } => Edit::RowLabel { row_id, old: new, new: old },
            Edit::InsertRow(row) => Edit::RemoveRow(row),
            Edit::RemoveRow(row) => Edit::InsertRow(row),
            Edit::MoveRow { row_id, item_id, from, to } => Edit::MoveRow { row_id, item_id, from: to, to: from },
            Edit::Evaluation { item_id, year, old, new } => Edit::Evaluation { item_id, year, old: new, new: old },
            Edit::CouncilOpinion { item_id, year, old, new } => {
                Edit::CouncilOpinion { item_id, year, old: new, new: old }
            }
            Edit::Provisional { kpi_id, year, old, new } => Edit::Provisional { kpi_id, year, old: new, new: old },
            Edit::Structure(s) => Edit::Structure(s.inverse()),
            Edit::Goal(g) => Edit::Goal(g.inverse()),
        }
    }

    /// Visits the schedule rows' and phases' ids the edit names, to read or to renumber them
    /// (a merge gives rows and phases added on both sides fresh ids).
    pub fn visit_schedule_ids(&mut self, mut row: impl FnMut(&mut Id), mut phase: impl FnMut(&mut Id)) {
        match self {
            Edit::Phase { phase_id, .. } => phase(phase_id),
            Edit::InsertPhase { row_id, phase_id, .. } | Edit::RemovePhase { row_id, phase_id, .. } => {
                row(row_id);
                phase(phase_id);
            }
            Edit::RowLabel { row_id, .. } | Edit::MoveRow { row_id, .. } => row(row_id),
            Edit::InsertRow(data) | Edit::RemoveRow(data) => {
                row(&mut data.row_id);
                data.phases.iter_mut().for_each(|(id, _)| phase(id));
            }
            Edit::ItemText { .. }
            | Edit::KpiText { .. }
            | Edit::KpiValue { .. }
            | Edit::Evaluation { .. }
            | Edit::CouncilOpinion { .. }
            | Edit::Provisional { .. }
            | Edit::Structure(_)
            | Edit::Goal(_) => {}
        }
    }

    /// An edit that would change nothing is not worth an undo step or a history row.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::ItemText { old, new, .. } | Edit::KpiText { old, new, .. } | Edit::RowLabel { old, new, .. } => {
                old == new
            }
            Edit::KpiValue { old, new, .. } => old == new,
            Edit::Phase { old, new, .. } => old == new,
            Edit::MoveRow { from, to, .. } => from == to,
            Edit::Evaluation { old, new, .. } => old == new,
            Edit::CouncilOpinion { old, new, .. } => old == new,
            Edit::Provisional { old, new, .. } => old == new,
            Edit::Structure(s) => s.is_noop(),
            Edit::Goal(g) => g.is_noop(),
            Edit::InsertPhase { .. } | Edit::RemovePhase { .. } | Edit::InsertRow(_) | Edit::RemoveRow(_) => false,
        }
    }

    /// Applies the edit to an in-memory snapshot, mirroring what the store does to the file,
    /// so the window need not reload the record after each edit. Returns false when the
    /// snapshot does not hold what the edit expects (the caller then reloads from the file).
    pub fn apply_to(&self, plan: &mut Plan) -> bool {
        let item_of_row = |plan: &Plan, row_id: Id| plan.row(row_id).map(|(i, _)| i.id);
        match self {
            Edit::ItemText { item_id, field, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                let slot = match field {
                    ItemField::Title => &mut item.title,
                    ItemField::Department => &mut item.department,
                    ItemField::CurrentIssues => &mut item.current_issues,
                    ItemField::Actions => &mut item.actions,
                };
                swap_if(slot, old, new.clone())
            }
            Edit::KpiText { kpi_id, field, old, new } => {
                let Some(kpi) = plan.items.iter_mut().flat_map(|i| i.kpis.iter_mut()).find(|k| k.id == *kpi_id) else {
                    return false;
                };
                let slot = match field {
                    KpiField::Name => &mut kpi.name,
                    KpiField::Unit => &mut kpi.unit,
                    KpiField::Note => &mut kpi.note,
                    KpiField::BaselineNote => &mut kpi.baseline_note,
                    KpiField::TargetNote => &mut kpi.target_note,
                };
                swap_if(slot, old, new.clone())
            }
            Edit::KpiValue { kpi_id, slot, old, new } => {
                let Some(kpi) = plan.items.iter_mut().flat_map(|i| i.kpis.iter_mut()).find(|k| k.id == *kpi_id) else {
                    return false;
                };
                match slot {
                    KpiSlot::Baseline => swap_if(&mut kpi.baseline, old, new.clone()),
                    KpiSlot::Target => swap_if(&mut kpi.target, old, new.clone()),
                    KpiSlot::Actual(year) => {
                        if kpi.actuals.get(year) != old.as_ref() {
                            return false;
                        }
                        match new {
                            Some(v) => kpi.actuals.insert(*year, v.clone()),
                            None => kpi.actuals.remove(year),
                        };
                        true
                    }
                }
            }
            Edit::Phase { phase_id, old, new } => {
                let Some(row) = row_of_phase(plan, *phase_id) else { return false };
                let Some(phase) = row.phases.iter_mut().find(|p| p.id == *phase_id) else { return false };
                if !swap_if(&mut phase.data, old, new.clone()) {
                    return false;
                }
                sort_phases(row);
                true
            }
            Edit::InsertPhase { row_id, phase_id, data } => {
                let Some(row) = row_mut(plan, *row_id) else { return false };
                row.phases.push(Phase { id: *phase_id, data: data.clone() });
                sort_phases(row);
                true
            }
            Edit::RemovePhase { row_id, phase_id, data } => {
                let Some(row) = row_mut(plan, *row_id) else { return false };
                let before = row.phases.len();
                row.phases.retain(|p| !(p.id == *phase_id && p.data == *data));
                row.phases.len() != before
            }
            Edit::RowLabel { row_id, old, new } => {
                let Some(row) = row_mut(plan, *row_id) else { return false };
                swap_if(&mut row.label, old, new.clone())
            }
            Edit::InsertRow(data) => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == data.item_id) else { return false };
                let position = data.position.min(item.schedule.len());
                let phases = data.phases.iter().map(|(id, d)| Phase { id: *id, data: d.clone() }).collect();
                let mut row = ScheduleRow { id: data.row_id, label: data.label.clone(), phases };
                sort_phases(&mut row);
                item.schedule.insert(position, row);
                true
            }
            Edit::RemoveRow(data) => {
                if item_of_row(plan, data.row_id) != Some(data.item_id) {
                    return false;
                }
                let Some(item) = plan.items.iter_mut().find(|i| i.id == data.item_id) else { return false };
                item.schedule.retain(|r| r.id != data.row_id);
                true
            }
            Edit::MoveRow { row_id, item_id, from, to } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.schedule.get(*from).map(|r| r.id) != Some(*row_id) || *to >= item.schedule.len() {
                    return false;
                }
                let row = item.schedule.remove(*from);
                item.schedule.insert(*to, row);
                true
            }
            Edit::Evaluation { item_id, year, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.evaluations.iter().find(|e| e.year == *year) != old.as_ref() {
                    return false;
                }
                item.evaluations.retain(|e| e.year != *year);
                if let Some(e) = new {
                    item.evaluations.push(e.clone());
                    item.evaluations.sort_by_key(|e| e.year);
                }
                true
            }
            Edit::CouncilOpinion { item_id, year, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.council_opinions.get(year).map(String::as_str).unwrap_or("") != old {
                    return false;
                }
                if new.is_empty() {
                    item.council_opinions.remove(year);
                } else {
                    item.council_opinions.insert(*year, new.clone());
                }
                true
            }
            Edit::Provisional { kpi_id, year, old, new } => {
                let Some(kpi) = plan.items.iter_mut().flat_map(|i| i.kpis.iter_mut()).find(|k| k.id == *kpi_id) else {
                    return false;
                };
                if kpi.provisional.contains(year) != *old {
                    return false;
                }
                if *new {
                    kpi.provisional.insert(*year);
                } else {
                    kpi.provisional.remove(year);
                }
                true
            }
            Edit::Structure(s) => s.apply_to(plan),
            Edit::Goal(g) => g.apply_to(plan),
        }
    }
}

fn swap_if<T: PartialEq>(slot: &mut T, expected: &T, new: T) -> bool {
    if slot != expected {
        return false;
    }
    *slot = new;
    true
}

fn row_mut(plan: &mut Plan, row_id: Id) -> Option<&mut ScheduleRow> {
    plan.items.iter_mut().flat_map(|i| i.schedule.iter_mut()).find(|r| r.id == row_id)
}

fn row_of_phase(plan: &mut Plan, phase_id: Id) -> Option<&mut ScheduleRow> {
    plan.items.iter_mut().flat_map(|i| i.schedule.iter_mut()).find(|r| r.phases.iter().any(|p| p.id == phase_id))
}

/// Phases are kept in order of their planned start, as the store loads them.
pub fn sort_phases(row: &mut ScheduleRow) {
    row.phases.sort_by_key(|p| (p.data.start, p.id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    #[test]
    fn inverse_of_inverse_is_the_edit() {
        let data = PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        let mut moved = data.clone();
        moved.start = YearMonth::new(2021, 7);
        let edits = [
            Edit::Phase { phase_id: 3, old: data.clone(), new: moved },
            Edit::InsertPhase { row_id: 1, phase_id: 9, data: data.clone() },
            Edit::KpiValue {
                kpi_id: 1,
                slot: KpiSlot::Actual(FiscalYear(2021)),
                old: None,
                new: Some(KpiValue::Number(4.0)),
            },
            Edit::MoveRow { row_id: 1, item_id: 1, from: 0, to: 2 },
            Edit::CouncilOpinion { item_id: 1, year: FiscalYear(2022), old: String::new(), new: "妥当".into() },
            Edit::Provisional { kpi_id: 1, year: FiscalYear(2022), old: false, new: true },
        ];
        for e in edits {
            assert_eq!(e.inverse().inverse(), e);
            assert_ne!(e.inverse(), e);
        }
    }
}
