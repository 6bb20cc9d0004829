//! KPIs added (whole: values, 暫定 marks, milestones) and removed; an item's KPIs kept in order.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, describe, invalid, item_number};
use crate::edit::structure::KpiData;
use crate::model::{Direction, FiscalYear, Id, Scale};
use crate::store::error::StoreError;
use crate::store::load::value;
use crate::store::write;

pub(super) fn kpi_ids(tx: &Transaction, item_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(sql!("select_kpi_ids"))?;
    let ids = stmt.query_map([item_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

pub(super) fn write_kpi_places(tx: &Transaction, item_id: Id, ids: &[Id]) -> Result<(), StoreError> {
    for (at, id) in ids.iter().enumerate() {
        tx.execute(sql!("update_kpi_place"), params![id, item_id, at as i64])?;
    }
    Ok(())
}

pub(super) fn stored_kpi(tx: &Transaction, id: Id) -> Result<Option<KpiData>, StoreError> {
    let Some(mut d) = tx
        .query_row(sql!("select_kpi"), [id], |r| {
            let direction: String = r.get(9)?;
            Ok(KpiData {
                id,
                item_id: r.get(0)?,
                position: 0,
                name: r.get(1)?,
                unit: r.get(2)?,
                baseline_year: r.get::<_, Option<i32>>(3)?.map(FiscalYear),
                baseline: value(r.get(4)?, r.get(5)?),
                target_year: r.get::<_, Option<i32>>(6)?.map(FiscalYear),
                target: value(r.get(7)?, r.get(8)?),
                direction: Direction::from_code(&direction).unwrap_or(Direction::Increase),
                note: r.get(10)?,
                decimals: r.get(11)?,
                actuals: Vec::new(),
                provisional: Vec::new(),
                baseline_note: r.get(12)?,
                target_note: r.get(13)?,
                baseline_date: r.get(14)?,
                scale: Scale::from_factor(r.get(15)?).unwrap_or_default(),
                milestones: Vec::new(),
            })
        })
        .optional()?
    else {
        return Ok(None);
    };
    d.position = kpi_ids(tx, d.item_id)?.iter().position(|k| *k == id).unwrap_or(0);
    let mut stmt = tx.prepare_cached(sql!("select_kpi_actuals"))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(v) = value(r.get(1)?, r.get(2)?) {
            d.actuals.push((FiscalYear(r.get(0)?), v));
        }
    }
    let mut stmt = tx.prepare_cached(sql!("select_kpi_provisional"))?;
    d.provisional = stmt.query_map([id], |r| Ok(FiscalYear(r.get(0)?)))?.collect::<Result<_, _>>()?;
    d.milestones = crate::store::goals::milestones_of(tx, id)?;
    Ok(Some(d))
}

pub(super) fn add_kpi(tx: &Transaction, d: &KpiData) -> Result<Description, StoreError> {
    if d.name.trim().is_empty() {
        return Err(invalid("目標名は空にできません。"));
    }
    let settings = crate::edit::goals::KpiSettings {
        direction: d.direction,
        decimals: d.decimals,
        scale: d.scale,
        baseline_date: d.baseline_date.clone(),
    };
    settings.check().map_err(StoreError::Invalid)?;
    if stored_kpi(tx, d.id)?.is_some() {
        return Err(conflict("数値目標の追加"));
    }
    let number = item_number(tx, d.item_id)?;
    let mut ids = kpi_ids(tx, d.item_id)?;
    crate::edit::goals::check_milestones(&d.milestones).map_err(StoreError::Invalid)?;
    write::insert_kpi(tx, Some(d.id), d.item_id, 0, &d.to_kpi())?;
    ids.insert(d.position.min(ids.len()), d.id);
    write_kpi_places(tx, d.item_id, &ids)?;
    Ok(describe(Some(d.item_id), format!("改革項目{number} 数値目標"), "追加", String::new(), d.name.clone()))
}

pub(super) fn remove_kpi(tx: &Transaction, d: &KpiData) -> Result<Description, StoreError> {
    let number = item_number(tx, d.item_id)?;
    if stored_kpi(tx, d.id)?.as_ref() != Some(d) {
        return Err(conflict(format!("改革項目{number} 数値目標「{}」", d.name)));
    }
    tx.execute(sql!("delete_kpi"), [d.id])?;
    let ids: Vec<Id> = kpi_ids(tx, d.item_id)?;
    write_kpi_places(tx, d.item_id, &ids)?;
    Ok(describe(Some(d.item_id), format!("改革項目{number} 数値目標"), "削除", d.name.clone(), String::new()))
}
