//! The value rules of `model::limits`, applied to every edit before it reaches the record: whatever
//! way it came in (window, command line, survey, undo), a value the record must not hold is refused
//! here with the field named, and nothing is written.

use super::error::StoreError;
use crate::edit::Edit;
use crate::edit::structure::StructureEdit;
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
        Edit::Structure(s) => check_structure(s),
        // The goal edits' own rules (`GoalEdit::check`) include the value rules.
        Edit::Goal(_) => Ok(()),
    }
}

fn check_structure(edit: &StructureEdit) -> Result<(), ValueError> {
    match edit {
        StructureEdit::Plan { new, .. } => {
            check_text("計画の名称", &new.name)?;
            check_text("計画の略称", &new.short_name)
        }
        StructureEdit::AddFocusArea(d) => check_text("重点項目の名称", &d.title),
        StructureEdit::AddCategory(d) => check_text("取組分類の名称", &d.title),
        StructureEdit::AddItem(d) => {
            check_text("改革項目の名称", &d.title)?;
            check_text("実施課", &d.department)?;
            check_text("現状・課題", &d.current_issues)?;
            check_text("実施内容・効果", &d.actions)
        }
        StructureEdit::AddKpi(d) => {
            check_text("目標名", &d.name)?;
            check_text("単位", &d.unit)?;
            check_text("備考", &d.note)?;
            check_text("基準値の注記", &d.baseline_note)?;
            check_text("目標値の注記", &d.target_note)?;
            for v in d.baseline.iter().chain(&d.target).chain(d.actuals.iter().map(|(_, v)| v)) {
                check_kpi_value(&format!("数値目標「{}」の値", d.name), v)?;
            }
            Ok(())
        }
        StructureEdit::Rename { new, .. } => check_text("名称", new),
        StructureEdit::Status { new: Some(s), .. } => check_text("理由", &s.reason),
        StructureEdit::RemoveFocusArea(_)
        | StructureEdit::RemoveCategory(_)
        | StructureEdit::RemoveItem(_)
        | StructureEdit::RemoveKpi(_)
        | StructureEdit::Order { .. }
        | StructureEdit::Status { new: None, .. } => Ok(()),
    }
}
