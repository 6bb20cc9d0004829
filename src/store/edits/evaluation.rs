//! An item's yearly evaluation (S/A/B/C, 取組実績, 課題・今後の方針).

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, item_number};
use crate::model::{Evaluation, FiscalYear, Id, Rating};
use crate::store::error::StoreError;

fn current(tx: &Transaction, item_id: Id, year: FiscalYear) -> Result<Option<Evaluation>, StoreError> {
    let found = tx
        .query_row(include_str!("../sql/select_evaluation.sql"), params![item_id, year.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .optional()?;
    found
        .map(|(rating, results, next_steps)| {
            Ok(Evaluation {
                year,
                rating: Rating::from_code(&rating)
                    .ok_or_else(|| StoreError::Damaged(format!("評価「{rating}」を読めません")))?,
                results,
                next_steps,
            })
        })
        .transpose()
}

pub(super) fn set(
    tx: &Transaction,
    item_id: Id,
    year: FiscalYear,
    old: &Option<Evaluation>,
    new: &Option<Evaluation>,
) -> Result<Description, StoreError> {
    let number = item_number(tx, item_id)?;
    if current(tx, item_id, year)? != *old {
        return Err(conflict(format!("改革項目{number}の{}の評価", year.japanese())));
    }
    match new {
        Some(e) if e.year != year => return Err(StoreError::Invalid("評価の年度が一致しません。".into())),
        Some(e) => {
            tx.execute(
                include_str!("../sql/upsert_evaluation.sql"),
                params![item_id, year.0, e.rating.code(), e.results, e.next_steps],
            )?;
        }
        None => {
            tx.execute(include_str!("../sql/delete_evaluation.sql"), params![item_id, year.0])?;
        }
    }
    Ok(Description {
        item_id: Some(item_id),
        target: format!("改革項目{number}"),
        field: format!("{}の評価", year.japanese()),
        old: old.as_ref().map(Evaluation::summary).unwrap_or_default(),
        new: new.as_ref().map(Evaluation::summary).unwrap_or_default(),
    })
}
