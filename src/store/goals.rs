//! Milestones and 効果額 in the record: loaded into a snapshot, written with a whole plan or a new
//! KPI, and changed by `GoalEdit`s (with a KPI's settings and an item's headings).

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::edits::{Description, conflict, item_number};
use super::error::StoreError;
use super::load::value;
use super::write::split_value;
use crate::edit::goals::{self, GoalEdit, ItemHeadings, KpiSettings};
use crate::model::{ActionsHeading, Direction, Effect, FiscalYear, GoalHeading, Id, Item, Milestone, Scale};

macro_rules! sql {
    ($name:literal) => {
        include_str!(concat!("sql/goals/", $name, ".sql"))
    };
}

/// Fills milestones and 効果額 into items already loaded (`item_index`: item id → position;
/// `kpi_index`: KPI id → (item position, KPI position)).
pub(crate) fn load_into(
    conn: &Connection,
    items: &mut [Item],
    item_index: &HashMap<Id, usize>,
    kpi_index: &HashMap<Id, (usize, usize)>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(sql!("load_milestones"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&(ii, ki)) = kpi_index.get(&r.get::<_, Id>(0)?) else { continue };
        if let Some(value) = value(r.get(2)?, r.get(3)?) {
            let m = Milestone { year: FiscalYear(r.get(1)?), value, cumulative: r.get::<_, i64>(4)? != 0 };
            items[ii].kpis[ki].milestones.push(m);
        }
    }
    let mut stmt = conn.prepare_cached(sql!("load_effects"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&ii) = item_index.get(&r.get::<_, Id>(0)?) else { continue };
        items[ii].effects.insert(FiscalYear(r.get(1)?), Effect { planned: r.get(2)?, actual: r.get(3)? });
    }
    Ok(())
}

pub(crate) fn write_milestones(conn: &Connection, kpi_id: Id, milestones: &[Milestone]) -> Result<(), StoreError> {
    conn.execute(sql!("delete_milestones"), [kpi_id])?;
    for m in milestones {
        let value = Some(m.value.clone());
        let (n, t) = split_value(&value);
        conn.execute(sql!("insert_milestone"), params![kpi_id, m.year.0, n, t, i64::from(m.cumulative)])?;
    }
    Ok(())
}

pub(crate) fn write_effects(
    conn: &Connection,
    item_id: Id,
    effects: &BTreeMap<FiscalYear, Effect>,
) -> Result<(), StoreError> {
    for (year, e) in effects.iter().filter(|(_, e)| !e.is_empty()) {
        conn.execute(sql!("upsert_effect"), params![item_id, year.0, e.planned, e.actual])?;
    }
    Ok(())
}

pub(crate) fn milestones_of(conn: &Connection, kpi_id: Id) -> Result<Vec<Milestone>, StoreError> {
    let mut stmt = conn.prepare_cached(sql!("select_milestones"))?;
    let mut rows = stmt.query([kpi_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if let Some(value) = value(r.get(1)?, r.get(2)?) {
            out.push(Milestone { year: FiscalYear(r.get(0)?), value, cumulative: r.get::<_, i64>(3)? != 0 });
        }
    }
    Ok(out)
}

/// The KPI's item, name and item number; a KPI removed meanwhile is a conflict.
fn kpi_owner(tx: &Transaction, kpi_id: Id) -> Result<(Id, String, u32), StoreError> {
    tx.query_row(include_str!("sql/select_kpi_owner.sql"), [kpi_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| conflict("数値目標が削除されています"))
}

pub(crate) fn apply(tx: &Transaction, edit: &GoalEdit) -> Result<Description, StoreError> {
    edit.check().map_err(StoreError::Invalid)?;
    let description = |item_id: Id, target: String, field: &str, old: String, new: String| Description {
        item_id: Some(item_id),
        target,
        field: field.into(),
        old,
        new,
    };
    match edit {
        GoalEdit::KpiSettings { kpi_id, old, new } => {
            let (item_id, name, number) = kpi_owner(tx, *kpi_id)?;
            let now = tx.query_row(sql!("select_kpi_settings"), [kpi_id], |r| {
                let direction: String = r.get(0)?;
                Ok(KpiSettings {
                    direction: Direction::from_code(&direction).unwrap_or(Direction::Increase),
                    decimals: r.get(1)?,
                    scale: Scale::from_factor(r.get(2)?).unwrap_or_default(),
                    baseline_date: r.get(3)?,
                })
            })?;
            if now != *old {
                return Err(conflict(format!("改革項目{number}「{name}」の設定")));
            }
            tx.execute(
                sql!("update_kpi_settings"),
                params![kpi_id, new.direction.code(), new.decimals, new.scale.factor(), new.baseline_date],
            )?;
            let target = format!("改革項目{number} 数値目標「{name}」");
            Ok(description(item_id, target, "設定", goals::settings_words(old), goals::settings_words(new)))
        }
        GoalEdit::Milestones { kpi_id, old, new } => {
            let (item_id, name, number) = kpi_owner(tx, *kpi_id)?;
            if milestones_of(tx, *kpi_id)? != *old {
                return Err(conflict(format!("改革項目{number}「{name}」の中間目標")));
            }
            write_milestones(tx, *kpi_id, new)?;
            let target = format!("改革項目{number} 数値目標「{name}」");
            Ok(description(item_id, target, "中間目標", goals::milestones_words(old), goals::milestones_words(new)))
        }
        GoalEdit::Headings { item_id, old, new } => {
            let number = item_number(tx, *item_id)?;
            let (goal, actions): (String, String) =
                tx.query_row(sql!("select_item_headings"), [item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let now = ItemHeadings {
                goal: GoalHeading::from_code(&goal).unwrap_or_default(),
                actions: ActionsHeading::from_code(&actions).unwrap_or_default(),
            };
            if now != *old {
                return Err(conflict(format!("改革項目{number}の見出し")));
            }
            tx.execute(sql!("update_item_headings"), params![item_id, new.goal.code(), new.actions.code()])?;
            let words = |h: &ItemHeadings| format!("{}・{}", h.goal.label(), h.actions.label());
            Ok(description(*item_id, format!("改革項目{number}"), "見出し", words(old), words(new)))
        }
        GoalEdit::Effect { item_id, year, old, new } => {
            let number = item_number(tx, *item_id)?;
            let now: Option<Effect> = tx
                .query_row(sql!("select_effect"), params![item_id, year.0], |r| {
                    Ok(Effect { planned: r.get(0)?, actual: r.get(1)? })
                })
                .optional()?;
            if now != *old {
                return Err(conflict(format!("改革項目{number} {}の効果額", year.japanese())));
            }
            match new {
                Some(e) => tx.execute(sql!("upsert_effect"), params![item_id, year.0, e.planned, e.actual])?,
                None => tx.execute(sql!("delete_effect"), params![item_id, year.0])?,
            };
            let field = format!("{}の効果額", year.japanese());
            Ok(description(
                *item_id,
                format!("改革項目{number}"),
                &field,
                goals::effect_words(old),
                goals::effect_words(new),
            ))
        }
    }
}
