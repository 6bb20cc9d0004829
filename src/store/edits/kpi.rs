//! A KPI's texts (目標名, 単位, 備考) and values (基準値, 目標値, each year's 実績).

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict};
use crate::edit::{KpiField, KpiSlot};
use crate::model::{Id, KpiValue};
use crate::store::error::StoreError;
use crate::store::load::value;
use crate::store::write::split_value;

fn field_code(f: KpiField) -> &'static str {
    match f {
        KpiField::Name => "name",
        KpiField::Unit => "unit",
        KpiField::Note => "note",
        KpiField::BaselineNote => "baseline_note",
        KpiField::TargetNote => "target_note",
    }
}

/// The KPI's item, name and item number; a KPI removed meanwhile is a conflict.
fn owner(tx: &Transaction, kpi_id: Id) -> Result<(Id, String, u32), StoreError> {
    tx.query_row(include_str!("../sql/select_kpi_owner.sql"), [kpi_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| conflict("数値目標が削除されています"))
}

pub(super) fn set_text(
    tx: &Transaction,
    kpi_id: Id,
    field: KpiField,
    old: &str,
    new: &str,
) -> Result<Description, StoreError> {
    let code = field_code(field);
    let (item_id, name, number) = owner(tx, kpi_id)?;
    let current: Option<String> =
        tx.query_row(include_str!("../sql/select_kpi_text.sql"), params![kpi_id, code], |r| r.get(0)).optional()?;
    if current.as_deref() != Some(old) {
        return Err(conflict(format!("改革項目{number}「{name}」の{}", field.label())));
    }
    if field == KpiField::Name && new.trim().is_empty() {
        return Err(StoreError::Invalid("目標名は空にできません。".into()));
    }
    tx.execute(include_str!("../sql/update_kpi_text.sql"), params![kpi_id, code, new])?;
    Ok(Description {
        item_id: Some(item_id),
        target: format!("改革項目{number} 数値目標「{name}」"),
        field: field.label().into(),
        old: old.to_string(),
        new: new.to_string(),
    })
}

fn goal_code(slot: KpiSlot) -> &'static str {
    if slot == KpiSlot::Baseline { "baseline" } else { "target" }
}

fn current_value(tx: &Transaction, kpi_id: Id, slot: KpiSlot) -> Result<Option<KpiValue>, StoreError> {
    Ok(match slot {
        KpiSlot::Actual(year) => tx
            .query_row(include_str!("../sql/select_actual.sql"), params![kpi_id, year.0], |r| {
                Ok(value(r.get(0)?, r.get(1)?))
            })
            .optional()?
            .flatten(),
        KpiSlot::Baseline | KpiSlot::Target => {
            tx.query_row(include_str!("../sql/select_kpi_goal.sql"), params![kpi_id, goal_code(slot)], |r| {
                Ok(value(r.get(0)?, r.get(1)?))
            })?
        }
    })
}

pub(super) fn set_value(
    tx: &Transaction,
    kpi_id: Id,
    slot: KpiSlot,
    old: &Option<KpiValue>,
    new: &Option<KpiValue>,
) -> Result<Description, StoreError> {
    let (item_id, name, number) = owner(tx, kpi_id)?;
    if current_value(tx, kpi_id, slot)? != *old {
        return Err(conflict(format!("改革項目{number}「{name}」の{}", slot.label())));
    }
    if let Some(KpiValue::Number(n)) = new
        && !n.is_finite()
    {
        return Err(StoreError::Invalid("数値が大きすぎます。".into()));
    }
    let (num, text) = split_value(new);
    match slot {
        KpiSlot::Actual(year) if new.is_some() => {
            tx.execute(include_str!("../sql/upsert_actual.sql"), params![kpi_id, year.0, num, text])?;
        }
        KpiSlot::Actual(year) => {
            tx.execute(include_str!("../sql/delete_actual.sql"), params![kpi_id, year.0])?;
        }
        KpiSlot::Baseline | KpiSlot::Target => {
            tx.execute(include_str!("../sql/update_kpi_goal.sql"), params![kpi_id, goal_code(slot), num, text])?;
        }
    }
    let shown = |v: &Option<KpiValue>| v.as_ref().map(KpiValue::display).unwrap_or_default();
    Ok(Description {
        item_id: Some(item_id),
        target: format!("改革項目{number} 数値目標「{name}」"),
        field: slot.label(),
        old: shown(old),
        new: shown(new),
    })
}
