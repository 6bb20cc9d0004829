//! The value rules of `model::limits`, applied to every edit before it reaches the record: whatever
//! way it came in (window, command line, survey, undo), a value the record must not hold is refused
//! here with the field named, and nothing is written.

use super::error::StoreError;
use crate::edit::Edit;
use crate::model::PhaseData;
use crate::model::limits::{ValueError, check_kpi_value, check_text};

pub(crate) fn check_edit(edit: &Edit) -> Result<(), StoreError> {
    check(edit).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn check_phase(d: &PhaseData) -> Result<(), ValueError> {
    check_text("工程名", &d.label)?;
    check_text("工程の備考", &d.note)
}

fn check(edit: &Edit) -> Result<(), ValueError> {
    match edit {
        Edit::ItemText { field, new, .. } => check_text(field.label(), new),
        Edit::KpiText { field, new, .. } => check_text(&format!("数値目標の{}", field.label()), new),
        Edit::KpiValue { slot, new, .. } => match new {
            Some(v) => check_kpi_value(&format!("数値目標の{}", slot.label()), v),
            None => Ok(()),
        },
        Edit::Phase { new, .. } => check_phase(new),
        Edit::InsertPhase { data, .. } => check_phase(data),
        Edit::RemovePhase { .. } | Edit::RemoveRow(_) | Edit::MoveRow { .. } | Edit::Provisional { .. } => Ok(()),
        Edit::CouncilOpinion { year, new, .. } => check_text(&format!("{}の審議会意見", year.japanese()), new),
        Edit::RowLabel { new, .. } => check_text("取組", new),
        Edit::InsertRow(row) => {
            check_text("取組", &row.label)?;
            row.phases.iter().try_for_each(|(_, d)| check_phase(d))
        }
        Edit::Evaluation { year, new, .. } => match new {
            Some(e) => {
                check_text(&format!("{}の取組実績", year.japanese()), &e.results)?;
                check_text(&format!("{}の課題・今後の方針", year.japanese()), &e.next_steps)
            }
            None => Ok(()),
        },
    }
}
