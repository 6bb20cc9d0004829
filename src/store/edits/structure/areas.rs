//! Focus areas and categories: added, removed when empty, renamed; a focus area's categories kept
//! in order (positions 0..n).

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, check_title, conflict, describe, invalid};
use crate::edit::structure::{CategoryData, FocusAreaData, Node};
use crate::model::Id;
use crate::store::error::StoreError;

pub(super) fn add_focus_area(tx: &Transaction, d: &FocusAreaData) -> Result<Description, StoreError> {
    check_title("重点項目", &d.title)?;
    if d.number == 0 {
        return Err(invalid("重点項目の番号は1以上にしてください。"));
    }
    let taken: Option<Id> = tx.query_row(sql!("select_focus_area_by_number"), [d.number], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(invalid(format!("重点項目{}は既にあります。", d.number)));
    }
    tx.execute(sql!("insert_focus_area"), params![d.id, d.number, d.title]).map_err(|_| conflict("重点項目の追加"))?;
    Ok(describe(None, format!("重点項目{}", d.number), "追加", String::new(), d.title.clone()))
}

pub(super) fn remove_focus_area(tx: &Transaction, d: &FocusAreaData) -> Result<Description, StoreError> {
    let now: Option<(u32, String, i64)> =
        tx.query_row(sql!("select_focus_area"), [d.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    match now {
        Some((number, title, _)) if number != d.number || title != d.title => {
            return Err(conflict(format!("重点項目{}", d.number)));
        }
        None => return Err(conflict(format!("重点項目{}が削除されています", d.number))),
        Some((_, _, categories)) if categories > 0 => {
            return Err(invalid(format!(
                "重点項目{}には取組分類があります。先に取組分類を削除か移動してください。",
                d.number
            )));
        }
        Some(_) => {}
    }
    tx.execute(sql!("delete_focus_area"), [d.id])?;
    Ok(describe(None, format!("重点項目{}", d.number), "削除", d.title.clone(), String::new()))
}

pub(super) fn category_ids(tx: &Transaction, focus_area_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(sql!("select_category_ids"))?;
    let ids = stmt.query_map([focus_area_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

pub(super) fn write_category_places(tx: &Transaction, focus_area_id: Id, ids: &[Id]) -> Result<(), StoreError> {
    for (at, id) in ids.iter().enumerate() {
        tx.execute(sql!("update_category_place"), params![id, focus_area_id, at as i64])?;
    }
    Ok(())
}

pub(super) fn focus_area_number(tx: &Transaction, id: Id) -> Result<u32, StoreError> {
    tx.query_row(sql!("select_focus_area"), [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| conflict("重点項目が削除されています"))
}

pub(super) fn add_category(tx: &Transaction, d: &CategoryData) -> Result<Description, StoreError> {
    check_title("取組分類", &d.title)?;
    let number = focus_area_number(tx, d.focus_area_id)?;
    let mut ids = category_ids(tx, d.focus_area_id)?;
    tx.execute(sql!("insert_category"), params![d.id, d.focus_area_id, 0, d.title])
        .map_err(|_| conflict("取組分類の追加"))?;
    ids.insert(d.position.min(ids.len()), d.id);
    write_category_places(tx, d.focus_area_id, &ids)?;
    Ok(describe(None, format!("重点項目{number} 取組分類"), "追加", String::new(), d.title.clone()))
}

pub(super) fn remove_category(tx: &Transaction, d: &CategoryData) -> Result<Description, StoreError> {
    let now: Option<(Id, String, i64)> =
        tx.query_row(sql!("select_category"), [d.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    let mut ids = category_ids(tx, d.focus_area_id)?;
    match now {
        Some((area, title, items))
            if area == d.focus_area_id
                && title == d.title
                && ids.iter().position(|i| *i == d.id) == Some(d.position) =>
        {
            if items > 0 {
                return Err(invalid(format!(
                    "取組分類「{}」には改革項目があります。先に改革項目を別の分類へ移してください。",
                    d.title
                )));
            }
        }
        _ => return Err(conflict(format!("取組分類「{}」", d.title))),
    }
    tx.execute(sql!("delete_category"), [d.id])?;
    ids.retain(|id| *id != d.id);
    write_category_places(tx, d.focus_area_id, &ids)?;
    Ok(describe(None, "取組分類".into(), "削除", d.title.clone(), String::new()))
}

pub(super) fn rename(tx: &Transaction, node: Node, old: &str, new: &str) -> Result<Description, StoreError> {
    let (what, select, update) = match node {
        Node::FocusArea(_) => ("重点項目", sql!("select_focus_area"), sql!("update_focus_area_title")),
        Node::Category(_) => ("取組分類", sql!("select_category"), sql!("update_category_title")),
    };
    let (Node::FocusArea(id) | Node::Category(id)) = node;
    check_title(what, new)?;
    let current: Option<String> = tx.query_row(select, [id], |r| r.get(1)).optional()?;
    if current.as_deref() != Some(old) {
        return Err(conflict(format!("{what}「{old}」の名前")));
    }
    tx.execute(update, params![id, new])?;
    Ok(describe(None, what.into(), "名前", old.to_string(), new.to_string()))
}
