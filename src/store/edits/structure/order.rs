//! Things moved and renumbered: checked against where the file has them, then placed.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::areas::{category_ids, focus_area_number, write_category_places};
use super::items::stored_item;
use super::kpis::{kpi_ids, stored_kpi, write_kpi_places};
use super::{Description, conflict, describe, invalid, item_number};
use crate::edit::structure::{Level, Place};
use crate::model::Id;
use crate::store::error::StoreError;

/// Where a thing sits in the file now (`None`: it is not there).
pub(super) fn stored_place(tx: &Transaction, level: Level, id: Id) -> Result<Option<Place>, StoreError> {
    Ok(match level {
        Level::FocusArea => tx
            .query_row(sql!("select_focus_area"), [id], |r| r.get::<_, u32>(0))
            .optional()?
            .map(|n| Place { id, parent: 0, position: n }),
        Level::Item => stored_item(tx, id)?.map(|s| Place { id, parent: s.data.category_id, position: s.data.number }),
        Level::Category => {
            let Some(parent) = tx.query_row(sql!("select_category"), [id], |r| r.get::<_, Id>(0)).optional()? else {
                return Ok(None);
            };
            let at = category_ids(tx, parent)?.iter().position(|c| *c == id).unwrap_or(0);
            Some(Place { id, parent, position: at as u32 })
        }
        Level::Kpi => stored_kpi(tx, id)?.map(|k| Place { id, parent: k.item_id, position: k.position as u32 }),
    })
}

pub(super) fn order(tx: &Transaction, level: Level, old: &[Place], new: &[Place]) -> Result<Description, StoreError> {
    for p in old {
        if stored_place(tx, level, p.id)? != Some(*p) {
            return Err(conflict(format!("{}の並び", level.label())));
        }
    }
    let mut ids: Vec<Id> = old.iter().map(|p| p.id).collect();
    let mut new_ids: Vec<Id> = new.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    new_ids.sort_unstable();
    if ids != new_ids || ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(invalid("並べ替えの内容が正しくありません。"));
    }
    match level {
        Level::FocusArea | Level::Item => renumber(tx, level, new)?,
        Level::Category | Level::Kpi => {
            let mut by_parent: BTreeMap<Id, Vec<Place>> = BTreeMap::new();
            for p in old.iter().chain(new) {
                by_parent.entry(p.parent).or_default();
            }
            for p in new {
                by_parent.entry(p.parent).or_default().push(*p);
            }
            // Every parent is checked before any is written: a move between two parents changes
            // the children of both.
            for (parent, places) in &mut by_parent {
                let mut now = if level == Level::Kpi { kpi_ids(tx, *parent)? } else { category_ids(tx, *parent)? };
                let mut named: Vec<Id> = old.iter().filter(|p| p.parent == *parent).map(|p| p.id).collect();
                now.sort_unstable();
                named.sort_unstable();
                if now != named {
                    return Err(conflict(format!("{}の並び", level.label())));
                }
                places.sort_by_key(|p| p.position);
                if places.iter().enumerate().any(|(i, p)| p.position != i as u32) {
                    return Err(invalid("並べ替えの内容が正しくありません。"));
                }
            }
            for (parent, places) in by_parent {
                let ids: Vec<Id> = places.iter().map(|p| p.id).collect();
                if level == Level::Kpi {
                    item_number(tx, parent)?;
                    write_kpi_places(tx, parent, &ids)?;
                } else {
                    focus_area_number(tx, parent)?;
                    write_category_places(tx, parent, &ids)?;
                }
            }
        }
    }
    let words = |places: &[Place]| {
        let mut places = places.to_vec();
        places.sort_by_key(|p| (p.parent, p.position));
        places
            .iter()
            .map(|p| format!("{}", p.position + u32::from(matches!(level, Level::Category | Level::Kpi))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let item_id = (level == Level::Item && new.len() == 1).then(|| new[0].id);
    Ok(describe(item_id, level.label().into(), "並び・番号", words(old), words(new)))
}

/// New numbers for items or focus areas; unique numbers are a rule of the file, so the moved ones
/// step aside first (numbers far above any in use) and then take their places.
pub(super) fn renumber(tx: &Transaction, level: Level, new: &[Place]) -> Result<(), StoreError> {
    const ASIDE: u32 = 1_000_000;
    let moved: Vec<Id> = new.iter().map(|p| p.id).collect();
    for p in new {
        if p.position == 0 || p.position >= ASIDE {
            return Err(invalid(format!("{}の番号は1以上にしてください。", level.label())));
        }
        let by_number =
            if level == Level::Item { sql!("select_item_by_number") } else { sql!("select_focus_area_by_number") };
        let holder: Option<Id> = tx.query_row(by_number, [p.position], |r| r.get(0)).optional()?;
        if holder.is_some_and(|h| !moved.contains(&h)) || new.iter().filter(|q| q.position == p.position).count() > 1 {
            return Err(invalid(format!("{}{}の番号が重なります。", level.label(), p.position)));
        }
        if level == Level::Item {
            let exists: Option<Id> = tx.query_row(sql!("select_category"), [p.parent], |r| r.get(0)).optional()?;
            if exists.is_none() {
                return Err(conflict("移す先の取組分類が削除されています"));
            }
        }
    }
    for (pass, p) in [true, false].into_iter().flat_map(|aside| new.iter().map(move |p| (aside, p))) {
        let number = if pass { ASIDE + p.position } else { p.position };
        if level == Level::Item {
            tx.execute(sql!("update_item_place"), params![p.id, p.parent, number])?;
        } else {
            tx.execute(sql!("update_focus_area_number"), params![p.id, number])?;
        }
    }
    Ok(())
}
