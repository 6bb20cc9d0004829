//! The plan's shape: its own data, focus areas, categories, items, KPIs and an item's status.
//! Each change reads what the file holds now and refuses with a conflict if that is not what the
//! edit expects; the rules for the new shape are checked against the file, not the snapshot.

use rusqlite::Transaction;

use super::{Description, conflict, item_number};
use crate::edit::structure::StructureEdit;
use crate::model::Id;
use crate::store::error::StoreError;

/// The statements of the plan's shape, one file each in `store/sql/structure/`.
macro_rules! sql {
    ($name:literal) => {
        include_str!(concat!("../../sql/structure/", $name, ".sql"))
    };
}

mod areas;
mod items;
mod kpis;
mod order;
mod plan;

pub(super) fn apply(tx: &Transaction, edit: &StructureEdit) -> Result<Description, StoreError> {
    match edit {
        StructureEdit::Plan { old, new } => plan::set_plan(tx, old, new),
        StructureEdit::AddFocusArea(d) => areas::add_focus_area(tx, d),
        StructureEdit::RemoveFocusArea(d) => areas::remove_focus_area(tx, d),
        StructureEdit::AddCategory(d) => areas::add_category(tx, d),
        StructureEdit::RemoveCategory(d) => areas::remove_category(tx, d),
        StructureEdit::AddItem(d) => items::add_item(tx, d),
        StructureEdit::RemoveItem(d) => items::remove_item(tx, d),
        StructureEdit::AddKpi(d) => kpis::add_kpi(tx, d),
        StructureEdit::RemoveKpi(d) => kpis::remove_kpi(tx, d),
        StructureEdit::Rename { node, old, new } => areas::rename(tx, *node, old, new),
        StructureEdit::Order { level, old, new } => order::order(tx, *level, old, new),
        StructureEdit::Status { item_id, old, new } => plan::set_status(tx, *item_id, old.as_ref(), new.as_ref()),
    }
}

pub(super) fn describe(item_id: Option<Id>, target: String, field: &str, old: String, new: String) -> Description {
    Description { item_id, target, field: field.into(), old, new }
}

pub(super) fn invalid(text: impl Into<String>) -> StoreError {
    StoreError::Invalid(text.into())
}

pub(super) fn check_title(what: &str, title: &str) -> Result<(), StoreError> {
    if title.trim().is_empty() {
        return Err(invalid(format!("{what}の名前は空にできません。")));
    }
    Ok(())
}

impl crate::store::Store {
    /// The next free ids for a new focus area, category, item and KPI.
    pub fn next_structure_ids(&self) -> Result<[Id; 4], StoreError> {
        Ok(self.conn.query_row(sql!("next_ids"), [], |r| {
            Ok([r.get::<_, Id>(0)? + 1, r.get::<_, Id>(1)? + 1, r.get::<_, Id>(2)? + 1, r.get::<_, Id>(3)? + 1])
        })?)
    }
}
