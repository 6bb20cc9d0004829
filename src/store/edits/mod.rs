//! What each kind of `Edit` does to the record, one entity per file: check that the record
//! still holds what the edit expects (else a conflict), write the change, and describe it for
//! the change history. Always inside the caller's transaction (`transact.rs`).

mod evaluation;
mod item;
mod kpi;
mod schedule;
mod structure;

use rusqlite::{OptionalExtension, Transaction};

use super::Store;
use super::error::StoreError;
use crate::edit::Edit;
use crate::model::Id;

/// What the change history says about one edit.
pub(crate) struct Description {
    pub item_id: Option<Id>,
    pub target: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

pub(crate) fn apply_in(tx: &Transaction, edit: &Edit) -> Result<Description, StoreError> {
    match edit {
        Edit::CouncilOpinion { .. } | Edit::Provisional { .. } => super::council::apply(tx, edit),
        Edit::ItemText { item_id, field, old, new } => item::set_text(tx, *item_id, *field, old, new),
        Edit::KpiText { kpi_id, field, old, new } => kpi::set_text(tx, *kpi_id, *field, old, new),
        Edit::KpiValue { kpi_id, slot, old, new } => kpi::set_value(tx, *kpi_id, *slot, old, new),
        Edit::Phase { phase_id, old, new } => schedule::set_phase(tx, *phase_id, old, new),
        Edit::InsertPhase { row_id, phase_id, data } => schedule::insert_phase(tx, *row_id, *phase_id, data),
        Edit::RemovePhase { row_id, phase_id, data } => schedule::remove_phase(tx, *row_id, *phase_id, data),
        Edit::RowLabel { row_id, old, new } => schedule::set_row_label(tx, *row_id, old, new),
        Edit::InsertRow(row) => schedule::insert_row(tx, row),
        Edit::RemoveRow(row) => schedule::remove_row(tx, row),
        Edit::MoveRow { row_id, item_id, from, to } => schedule::move_row(tx, *row_id, *item_id, *from, *to),
        Edit::Evaluation { item_id, year, old, new } => evaluation::set(tx, *item_id, *year, old, new),
        Edit::Structure(s) => structure::apply(tx, s),
        Edit::Goal(g) => super::goals::apply(tx, g),
    }
}

pub(crate) fn conflict(what: impl Into<String>) -> StoreError {
    StoreError::Conflict(what.into())
}

/// The item's number as the plan prints it; an item removed meanwhile is a conflict.
pub(crate) fn item_number(tx: &Transaction, item_id: Id) -> Result<u32, StoreError> {
    tx.query_row(include_str!("../sql/select_item_number.sql"), [item_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| conflict("改革項目が削除されています"))
}

impl Store {
    /// The next free ids for a new schedule row and a new phase.
    pub fn next_ids(&self) -> Result<(Id, Id), StoreError> {
        Ok(self.conn.query_row(include_str!("../sql/next_ids.sql"), [], |r| {
            Ok((r.get::<_, Id>(0)? + 1, r.get::<_, Id>(1)? + 1))
        })?)
    }
}
