//! The plan's own data (name, period, 策定日) and an item's status.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, describe, invalid};
use crate::edit::structure::PlanHeader;
use crate::model::{FiscalYear, Id, ItemStatus};
use crate::store::error::StoreError;
use crate::store::load::item_status;

pub(super) fn plan_header(tx: &Transaction) -> Result<PlanHeader, StoreError> {
    Ok(tx.query_row(sql!("select_plan"), [], |r| {
        Ok(PlanHeader {
            name: r.get(0)?,
            short_name: r.get(1)?,
            first_year: FiscalYear(r.get(2)?),
            last_year: FiscalYear(r.get(3)?),
            baseline_year: FiscalYear(r.get(4)?),
            adopted_on: r.get(5)?,
        })
    })?)
}

pub(super) fn set_plan(tx: &Transaction, old: &PlanHeader, new: &PlanHeader) -> Result<Description, StoreError> {
    if plan_header(tx)? != *old {
        return Err(conflict("計画の情報"));
    }
    new.check().map_err(StoreError::Invalid)?;
    let (phases, actuals): (i64, i64) = tx.query_row(
        sql!("count_outside_period"),
        params![
            new.first_year.first_month().iso(),
            new.last_year.last_month().iso(),
            new.first_year.0,
            new.last_year.0
        ],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if phases > 0 || actuals > 0 {
        return Err(invalid(format!(
            "新しい期間（{}～{}）の外に、工程が {phases} 件、実績・評価・効果額などが {actuals} 件あります。先に移すか消してください。",
            new.first_year.japanese(),
            new.last_year.japanese()
        )));
    }
    tx.execute(
        sql!("update_plan"),
        params![new.name, new.short_name, new.first_year.0, new.last_year.0, new.baseline_year.0, new.adopted_on],
    )?;
    let words = |h: &PlanHeader| {
        let adopted = h.adopted_date().map(crate::model::dates::japanese_date).unwrap_or_else(|| "未設定".into());
        format!("{}（{}）{}～{} 策定日 {}", h.name, h.short_name, h.first_year.short(), h.last_year.short(), adopted)
    };
    Ok(describe(None, "計画".into(), "計画の情報", words(old), words(new)))
}

pub(super) fn set_status(
    tx: &Transaction,
    item_id: Id,
    old: Option<&ItemStatus>,
    new: Option<&ItemStatus>,
) -> Result<Description, StoreError> {
    let (number, code, year, reason): (u32, Option<String>, Option<i32>, String) = tx
        .query_row(sql!("select_item_status"), [item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| conflict("改革項目が削除されています"))?;
    if item_status(code, year, reason)?.as_ref() != old {
        return Err(conflict(format!("改革項目{number}の状態")));
    }
    if let Some(s) = new {
        let plan = plan_header(tx)?;
        s.check(plan.first_year, plan.last_year).map_err(StoreError::Invalid)?;
    }
    tx.execute(
        sql!("update_item_status"),
        params![
            item_id,
            new.map(|s| s.kind.code()),
            new.map(|s| s.year.0),
            new.map(|s| s.reason.as_str()).unwrap_or("")
        ],
    )?;
    let words =
        |s: Option<&ItemStatus>| s.map(|s| format!("{} {}", s.label(), s.reason)).unwrap_or_else(|| "実施中".into());
    Ok(describe(Some(item_id), format!("改革項目{number}"), "状態", words(old), words(new)))
}
