//! An item's own texts: title, 実施課, 現状・課題, 実施内容・効果.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, item_number};
use crate::edit::ItemField;
use crate::model::Id;
use crate::store::error::StoreError;

fn field_code(f: ItemField) -> &'static str {
    match f {
        ItemField::Title => "title",
        ItemField::Department => "department",
        ItemField::CurrentIssues => "current_issues",
        ItemField::Actions => "actions",
    }
}

pub(super) fn set_text(
    tx: &Transaction,
    item_id: Id,
    field: ItemField,
    old: &str,
    new: &str,
) -> Result<Description, StoreError> {
    if field == ItemField::Title && new.trim().is_empty() {
        return Err(StoreError::Invalid("改革項目名は空にできません。".into()));
    }
    let code = field_code(field);
    let current: Option<String> =
        tx.query_row(include_str!("../sql/select_item_text.sql"), params![item_id, code], |r| r.get(0)).optional()?;
    let number = item_number(tx, item_id)?;
    if current.as_deref() != Some(old) {
        return Err(conflict(format!("改革項目{number}の{}", field.label())));
    }
    tx.execute(include_str!("../sql/update_item_text.sql"), params![item_id, code, new])?;
    Ok(Description {
        item_id: Some(item_id),
        target: format!("改革項目{number}"),
        field: field.label().into(),
        old: old.to_string(),
        new: new.to_string(),
    })
}
