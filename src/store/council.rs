//! The 審議会's opinions and the 暫定 marks on KPI values (schema version 4): applying their
//! edits inside the caller's transaction, and reading them into the snapshot.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::edits::Description;
use super::error::StoreError;
use crate::edit::Edit;
use crate::model::{FiscalYear, Id, Item};

fn conflict(what: String) -> StoreError {
    StoreError::Conflict(what)
}

/// Applies `Edit::CouncilOpinion` or `Edit::Provisional`; any other edit is not this file's.
pub(crate) fn apply(tx: &Transaction, edit: &Edit) -> Result<Description, StoreError> {
    match edit {
        Edit::CouncilOpinion { item_id, year, old, new } => {
            let number: u32 = tx
                .query_row(include_str!("sql/select_item_number.sql"), [item_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| conflict("改革項目が削除されています".into()))?;
            let current: Option<String> = tx
                .query_row(include_str!("sql/select_council_opinion.sql"), params![item_id, year.0], |r| r.get(0))
                .optional()?;
            if current.as_deref().unwrap_or("") != old {
                return Err(conflict(format!("改革項目{number}の{}の審議会意見", year.japanese())));
            }
            let new_text = new.trim();
            if new_text.is_empty() {
                tx.execute(include_str!("sql/delete_council_opinion.sql"), params![item_id, year.0])?;
            } else {
                tx.execute(include_str!("sql/upsert_council_opinion.sql"), params![item_id, year.0, new_text])?;
            }
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number}"),
                field: format!("{}の審議会意見", year.japanese()),
                old: old.clone(),
                new: new_text.to_string(),
            })
        }
        Edit::Provisional { kpi_id, year, old, new } => {
            let (item_id, name, number): (Id, String, u32) = tx
                .query_row(include_str!("sql/select_kpi_owner.sql"), [kpi_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| conflict("数値目標が削除されています".into()))?;
            let marked: i64 =
                tx.query_row(include_str!("sql/select_provisional_value.sql"), params![kpi_id, year.0], |r| r.get(0))?;
            if (marked > 0) != *old {
                return Err(conflict(format!("改革項目{number} 数値目標「{name}」の{}実績の暫定", year.japanese())));
            }
            let sql = if *new {
                include_str!("sql/insert_provisional_value.sql")
            } else {
                include_str!("sql/delete_provisional_value.sql")
            };
            tx.execute(sql, params![kpi_id, year.0])?;
            let shown = |b: bool| if b { "暫定" } else { "確定" }.to_string();
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} 数値目標「{name}」"),
                field: format!("{}実績", year.japanese()),
                old: shown(*old),
                new: shown(*new),
            })
        }
        _ => Err(StoreError::Invalid("審議会意見・暫定以外の変更です。".into())),
    }
}

/// Schema version 4 learns the decimals a KPI is printed with; a record made from the built-in
/// SAP III before then gets them from the plan data (item 30's 18.0 %), matched by item number,
/// position and name, so a renamed or another plan's KPI is left as it is.
pub(crate) fn backfill_decimals(tx: &Transaction) -> Result<(), StoreError> {
    let plan = crate::seed::sap3();
    let mut stmt = tx.prepare(include_str!("sql/update_kpi_decimals.sql"))?;
    for item in &plan.items {
        for (position, kpi) in item.kpis.iter().enumerate().filter(|(_, k)| k.decimals > 0) {
            stmt.execute(params![kpi.decimals, position as i64, kpi.name, item.number])?;
        }
    }
    Ok(())
}

/// Fills the opinions and the marks into items already loaded (`item_index`: item id → position;
/// `kpi_index`: KPI id → (item position, KPI position)).
pub(crate) fn load_into(
    conn: &Connection,
    items: &mut [Item],
    item_index: &HashMap<Id, usize>,
    kpi_index: &HashMap<Id, (usize, usize)>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(include_str!("sql/load_council_opinions.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&ii) = item_index.get(&r.get::<_, Id>(0)?) else { continue };
        items[ii].council_opinions.insert(FiscalYear(r.get(1)?), r.get(2)?);
    }
    let mut stmt = conn.prepare_cached(include_str!("sql/load_provisional_values.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&(ii, ki)) = kpi_index.get(&r.get::<_, Id>(0)?) else { continue };
        items[ii].kpis[ki].provisional.insert(FiscalYear(r.get(1)?));
    }
    Ok(())
}
