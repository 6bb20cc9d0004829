//! Items added, and removed while they hold nothing else.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, check_title, conflict, describe, invalid};
use crate::edit::structure::ItemData;
use crate::model::Id;
use crate::store::error::StoreError;

/// An item as the file holds it, and how many things it holds besides its texts.
pub(super) struct StoredItem {
    pub data: ItemData,
    predecessor: Option<String>,
    status: Option<String>,
    contents: i64,
}

pub(super) fn stored_item(tx: &Transaction, id: Id) -> Result<Option<StoredItem>, StoreError> {
    Ok(tx
        .query_row(sql!("select_item"), [id], |r| {
            Ok(StoredItem {
                data: ItemData {
                    id,
                    number: r.get(0)?,
                    category_id: r.get(1)?,
                    title: r.get(2)?,
                    department: r.get(3)?,
                    current_issues: r.get(4)?,
                    actions: r.get(5)?,
                },
                predecessor: r.get(6)?,
                status: r.get(7)?,
                contents: r.get(8)?,
            })
        })
        .optional()?)
}

pub(super) fn add_item(tx: &Transaction, d: &ItemData) -> Result<Description, StoreError> {
    check_title("改革項目", &d.title)?;
    if d.number == 0 {
        return Err(invalid("改革項目の番号は1以上にしてください。"));
    }
    let taken: Option<Id> = tx.query_row(sql!("select_item_by_number"), [d.number], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(invalid(format!("改革項目{}は既にあります。別の番号にしてください。", d.number)));
    }
    let category: Option<(Id, String, i64)> =
        tx.query_row(sql!("select_category"), [d.category_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    if category.is_none() {
        return Err(conflict("取組分類が削除されています"));
    }
    tx.execute(
        sql!("insert_item"),
        params![d.id, d.number, d.category_id, d.title, d.department, d.current_issues, d.actions],
    )
    .map_err(|_| conflict("改革項目の追加"))?;
    Ok(describe(Some(d.id), format!("改革項目{}", d.number), "追加", String::new(), d.title.clone()))
}

pub(super) fn remove_item(tx: &Transaction, d: &ItemData) -> Result<Description, StoreError> {
    let Some(now) = stored_item(tx, d.id)? else {
        return Err(conflict(format!("改革項目{}が削除されています", d.number)));
    };
    if now.data != *d {
        return Err(conflict(format!("改革項目{}", d.number)));
    }
    if now.contents > 0 || now.predecessor.is_some() || now.status.is_some() {
        return Err(invalid(format!(
            "改革項目{}には数値目標・スケジュール・評価・効果額などがあるため削除できません。状態（完了・統合・中止など）を記録してください。",
            d.number
        )));
    }
    tx.execute(sql!("delete_item"), [d.id])?;
    Ok(describe(Some(d.id), format!("改革項目{}", d.number), "削除", d.title.clone(), String::new()))
}
