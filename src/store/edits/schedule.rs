//! An item's schedule: rows (label, order, insert, remove) and their phases.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, item_number};
use crate::edit::RowData;
use crate::model::{Id, PhaseData};
use crate::store::error::StoreError;
use crate::store::load::phase_data;
use crate::store::write;

/// A schedule row as stored: its item, its label and its phases in order.
type StoredRow = (Id, String, Vec<(Id, PhaseData)>);

/// The row's item, label and item number; a row removed meanwhile is a conflict.
fn row_owner(tx: &Transaction, row_id: Id) -> Result<(Id, String, u32), StoreError> {
    tx.query_row(include_str!("../sql/select_row_owner.sql"), [row_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| conflict("スケジュール行が削除されています"))
}

fn select_phase(tx: &Transaction, phase_id: Id) -> Result<Option<(Id, PhaseData)>, StoreError> {
    let mut stmt = tx.prepare_cached(include_str!("../sql/select_phase.sql"))?;
    let mut rows = stmt.query([phase_id])?;
    match rows.next()? {
        Some(r) => Ok(Some((r.get(0)?, phase_data(r, 1)?))),
        None => Ok(None),
    }
}

fn write_phase(tx: &Transaction, row_id: Id, phase_id: Id, d: &PhaseData) -> Result<(), StoreError> {
    d.validate().map_err(StoreError::Invalid)?;
    write::insert_phase(tx, row_id, Some(phase_id), d)
}

fn row_ids(tx: &Transaction, item_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(include_str!("../sql/select_row_ids.sql"))?;
    let ids = stmt.query_map([item_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

fn write_positions(tx: &Transaction, ids: &[Id]) -> Result<(), StoreError> {
    for (pos, id) in ids.iter().enumerate() {
        tx.execute(include_str!("../sql/update_row_position.sql"), params![id, pos as i64])?;
    }
    Ok(())
}

fn current_row(tx: &Transaction, row_id: Id) -> Result<Option<StoredRow>, StoreError> {
    let Some((item_id, label)) = tx
        .query_row(include_str!("../sql/select_row.sql"), [row_id], |r| {
            Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = tx.prepare_cached(include_str!("../sql/select_row_phases.sql"))?;
    let mut rows = stmt.query([row_id])?;
    let mut phases = Vec::new();
    while let Some(r) = rows.next()? {
        phases.push((r.get(0)?, phase_data(r, 1)?));
    }
    Ok(Some((item_id, label, phases)))
}

fn same_phases(a: &[(Id, PhaseData)], b: &[(Id, PhaseData)]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_by_key(|(id, _)| *id);
    b.sort_by_key(|(id, _)| *id);
    a == b
}

fn describe(item_id: Id, target: String, field: &str, old: String, new: String) -> Description {
    Description { item_id: Some(item_id), target, field: field.into(), old, new }
}

pub(super) fn set_phase(
    tx: &Transaction,
    phase_id: Id,
    old: &PhaseData,
    new: &PhaseData,
) -> Result<Description, StoreError> {
    new.validate().map_err(StoreError::Invalid)?;
    let Some((row_id, current)) = select_phase(tx, phase_id)? else {
        return Err(conflict("工程が削除されています"));
    };
    let (item_id, row_label, number) = row_owner(tx, row_id)?;
    if current != *old {
        return Err(conflict(format!("改革項目{number}「{row_label}」の工程「{}」", old.label)));
    }
    tx.execute(
        include_str!("../sql/update_phase.sql"),
        params![
            phase_id,
            new.label,
            new.start.iso(),
            new.end.iso(),
            new.actual_start.map(|m| m.iso()),
            new.actual_end.map(|m| m.iso()),
            new.status.code(),
            new.note
        ],
    )?;
    let target = format!("改革項目{number} スケジュール「{row_label}」");
    Ok(describe(item_id, target, "工程", old.summary(), new.summary()))
}

pub(super) fn insert_phase(
    tx: &Transaction,
    row_id: Id,
    phase_id: Id,
    data: &PhaseData,
) -> Result<Description, StoreError> {
    let (item_id, row_label, number) = row_owner(tx, row_id)?;
    if select_phase(tx, phase_id)?.is_some() {
        return Err(conflict("同じ番号の工程が既にあります"));
    }
    write_phase(tx, row_id, phase_id, data)?;
    let target = format!("改革項目{number} スケジュール「{row_label}」");
    Ok(describe(item_id, target, "工程の追加", String::new(), data.summary()))
}

pub(super) fn remove_phase(
    tx: &Transaction,
    row_id: Id,
    phase_id: Id,
    data: &PhaseData,
) -> Result<Description, StoreError> {
    let (item_id, row_label, number) = row_owner(tx, row_id)?;
    match select_phase(tx, phase_id)? {
        Some((r, current)) if r == row_id && current == *data => {}
        _ => return Err(conflict(format!("改革項目{number}「{row_label}」の工程「{}」", data.label))),
    }
    tx.execute(include_str!("../sql/delete_phase.sql"), [phase_id])?;
    let target = format!("改革項目{number} スケジュール「{row_label}」");
    Ok(describe(item_id, target, "工程の削除", data.summary(), String::new()))
}

pub(super) fn set_row_label(tx: &Transaction, row_id: Id, old: &str, new: &str) -> Result<Description, StoreError> {
    let (item_id, current, number) = row_owner(tx, row_id)?;
    if current != old {
        return Err(conflict(format!("改革項目{number}のスケジュール行「{old}」")));
    }
    tx.execute(include_str!("../sql/update_row_label.sql"), params![row_id, new])?;
    Ok(describe(item_id, format!("改革項目{number} スケジュール"), "行の名前", old.into(), new.into()))
}

pub(super) fn insert_row(tx: &Transaction, row: &RowData) -> Result<Description, StoreError> {
    let RowData { row_id, item_id, position, label, phases } = row;
    let number = item_number(tx, *item_id)?;
    if current_row(tx, *row_id)?.is_some() {
        return Err(conflict("同じ番号のスケジュール行が既にあります"));
    }
    let mut ids = row_ids(tx, *item_id)?;
    tx.execute(include_str!("../sql/insert_row.sql"), params![row_id, item_id, *position as i64, label])?;
    for (phase_id, d) in phases {
        write_phase(tx, *row_id, *phase_id, d)?;
    }
    ids.insert((*position).min(ids.len()), *row_id);
    write_positions(tx, &ids)?;
    Ok(describe(*item_id, format!("改革項目{number} スケジュール"), "行の追加", String::new(), label.clone()))
}

pub(super) fn remove_row(tx: &Transaction, row: &RowData) -> Result<Description, StoreError> {
    let RowData { row_id, item_id, position: _, label, phases } = row;
    let number = item_number(tx, *item_id)?;
    match current_row(tx, *row_id)? {
        Some((i, l, p)) if i == *item_id && l == *label && same_phases(&p, phases) => {}
        _ => return Err(conflict(format!("改革項目{number}のスケジュール行「{label}」"))),
    }
    tx.execute(include_str!("../sql/delete_row.sql"), [row_id])?;
    let ids = row_ids(tx, *item_id)?;
    write_positions(tx, &ids)?;
    Ok(describe(*item_id, format!("改革項目{number} スケジュール"), "行の削除", label.clone(), String::new()))
}

pub(super) fn move_row(
    tx: &Transaction,
    row_id: Id,
    item_id: Id,
    from: usize,
    to: usize,
) -> Result<Description, StoreError> {
    let number = item_number(tx, item_id)?;
    let mut ids = row_ids(tx, item_id)?;
    if ids.get(from) != Some(&row_id) || to >= ids.len() {
        return Err(conflict(format!("改革項目{number}のスケジュール行の順序")));
    }
    let id = ids.remove(from);
    ids.insert(to, id);
    write_positions(tx, &ids)?;
    let target = format!("改革項目{number} スケジュール");
    Ok(describe(item_id, target, "行の順序", format!("{}行目", from + 1), format!("{}行目", to + 1)))
}
