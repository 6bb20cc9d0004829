//! Applying an `Edit` to the record: check that the record still holds what the edit expects,
//! write the change, and log it — all in one transaction, so a change is either wholly on
//! disk with its history row or not at all.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::Store;
use super::error::StoreError;
use super::load::{phase_data, value};
use super::write::{self, split_value};
use crate::edit::{Edit, ItemField, KpiField, KpiSlot, RowData};
use crate::model::{Evaluation, FiscalYear, Id, KpiValue, PhaseData, Rating};

/// What the change history says about one edit.
pub(crate) struct Description {
    pub item_id: Option<Id>,
    pub target: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

impl Store {
    /// Applies one edit in one transaction; `source` says where it came from (画面, CLI, a file…).
    pub fn apply(&mut self, edit: &Edit, source: &str) -> Result<(), StoreError> {
        if edit.is_noop() {
            return Ok(());
        }
        let user = super::current_user();
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        apply_logged(&tx, edit, source, &user, &at)?;
        tx.commit()?;
        Ok(())
    }

    /// Applies several edits in one transaction, all or none (undoing an imported survey).
    pub fn apply_all(&mut self, edits: &[Edit], source: &str) -> Result<(), StoreError> {
        let user = super::current_user();
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for edit in edits.iter().filter(|e| !e.is_noop()) {
            apply_logged(&tx, edit, source, &user, &at)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The next free ids for a new schedule row and a new phase.
    pub fn next_ids(&self) -> Result<(Id, Id), StoreError> {
        Ok(self.conn.query_row(include_str!("sql/next_ids.sql"), [], |r| {
            Ok((r.get::<_, Id>(0)? + 1, r.get::<_, Id>(1)? + 1))
        })?)
    }
}

/// Writes one edit and its history row inside the caller's transaction.
pub(crate) fn apply_logged(
    tx: &Transaction,
    edit: &Edit,
    source: &str,
    user: &str,
    at: &str,
) -> Result<(), StoreError> {
    let description = apply_in(tx, edit)?;
    let json = serde_json::to_string(edit).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.execute(
        include_str!("sql/insert_change.sql"),
        params![
            at,
            user,
            description.item_id,
            description.target,
            description.field,
            description.old,
            description.new,
            json,
            source
        ],
    )?;
    Ok(())
}

fn conflict(what: impl Into<String>) -> StoreError {
    StoreError::Conflict(what.into())
}

fn item_field_code(f: ItemField) -> &'static str {
    match f {
        ItemField::Title => "title",
        ItemField::Department => "department",
        ItemField::CurrentIssues => "current_issues",
        ItemField::Actions => "actions",
    }
}

fn kpi_field_code(f: KpiField) -> &'static str {
    match f {
        KpiField::Name => "name",
        KpiField::Unit => "unit",
        KpiField::Note => "note",
    }
}

fn shown(v: &Option<KpiValue>) -> String {
    v.as_ref().map(KpiValue::display).unwrap_or_default()
}

fn phase_summary(d: &PhaseData) -> String {
    let mut s = format!("{}（{}〜{}、{}）", d.label, d.start.japanese(), d.end.japanese(), d.status.label());
    if let Some(a) = d.actual_start {
        s.push_str(&format!(" 実績 {}〜{}", a.japanese(), d.actual_end.map(|m| m.japanese()).unwrap_or_default()));
    }
    if !d.note.is_empty() {
        s.push_str(&format!(" 備考: {}", d.note));
    }
    s
}

fn eval_summary(e: &Option<Evaluation>) -> String {
    match e {
        Some(e) => format!("{} / 取組実績: {} / 課題・今後の方針: {}", e.rating.label(), e.results, e.next_steps),
        None => String::new(),
    }
}

fn item_number(tx: &Transaction, item_id: Id) -> Result<u32, StoreError> {
    tx.query_row(include_str!("sql/select_item_number.sql"), [item_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| conflict("改革項目が削除されています"))
}

fn kpi_owner(tx: &Transaction, kpi_id: Id) -> Result<(Id, String, u32), StoreError> {
    tx.query_row(include_str!("sql/select_kpi_owner.sql"), [kpi_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| conflict("数値目標が削除されています"))
}

fn row_owner(tx: &Transaction, row_id: Id) -> Result<(Id, String, u32), StoreError> {
    tx.query_row(include_str!("sql/select_row_owner.sql"), [row_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| conflict("スケジュール行が削除されています"))
}

fn select_phase(tx: &Transaction, phase_id: Id) -> Result<Option<(Id, PhaseData)>, StoreError> {
    let mut stmt = tx.prepare_cached(include_str!("sql/select_phase.sql"))?;
    let mut rows = stmt.query([phase_id])?;
    match rows.next()? {
        Some(r) => Ok(Some((r.get(0)?, phase_data(r, 1)?))),
        None => Ok(None),
    }
}

fn insert_phase(tx: &Transaction, row_id: Id, phase_id: Id, d: &PhaseData) -> Result<(), StoreError> {
    d.validate().map_err(StoreError::Invalid)?;
    write::insert_phase(tx, row_id, Some(phase_id), d)
}

fn row_ids(tx: &Transaction, item_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(include_str!("sql/select_row_ids.sql"))?;
    let ids = stmt.query_map([item_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

fn write_positions(tx: &Transaction, ids: &[Id]) -> Result<(), StoreError> {
    for (pos, id) in ids.iter().enumerate() {
        tx.execute(include_str!("sql/update_row_position.sql"), params![id, pos as i64])?;
    }
    Ok(())
}

/// A schedule row as stored: its item, its label and its phases in order.
type StoredRow = (Id, String, Vec<(Id, PhaseData)>);

fn current_row(tx: &Transaction, row_id: Id) -> Result<Option<StoredRow>, StoreError> {
    let Some((item_id, label)) = tx
        .query_row(include_str!("sql/select_row.sql"), [row_id], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = tx.prepare_cached(include_str!("sql/select_row_phases.sql"))?;
    let mut rows = stmt.query([row_id])?;
    let mut phases = Vec::new();
    while let Some(r) = rows.next()? {
        phases.push((r.get(0)?, phase_data(r, 1)?));
    }
    Ok(Some((item_id, label, phases)))
}

fn same_phases(a: &[(Id, PhaseData)], b: &[(Id, PhaseData)]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_by_key(|(id, _)| *id);
    b.sort_by_key(|(id, _)| *id);
    a == b
}

fn apply_in(tx: &Transaction, edit: &Edit) -> Result<Description, StoreError> {
    match edit {
        Edit::ItemText { item_id, field, old, new } => {
            if *field == ItemField::Title && new.trim().is_empty() {
                return Err(StoreError::Invalid("改革項目名は空にできません。".into()));
            }
            let code = item_field_code(*field);
            let current: Option<String> = tx
                .query_row(include_str!("sql/select_item_text.sql"), params![item_id, code], |r| r.get(0))
                .optional()?;
            let number = item_number(tx, *item_id)?;
            if current.as_deref() != Some(old.as_str()) {
                return Err(conflict(format!("改革項目{number}の{}", field.label())));
            }
            tx.execute(include_str!("sql/update_item_text.sql"), params![item_id, code, new])?;
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number}"),
                field: field.label().into(),
                old: old.clone(),
                new: new.clone(),
            })
        }
        Edit::KpiText { kpi_id, field, old, new } => {
            let code = kpi_field_code(*field);
            let (item_id, name, number) = kpi_owner(tx, *kpi_id)?;
            let current: Option<String> = tx
                .query_row(include_str!("sql/select_kpi_text.sql"), params![kpi_id, code], |r| r.get(0))
                .optional()?;
            if current.as_deref() != Some(old.as_str()) {
                return Err(conflict(format!("改革項目{number}「{name}」の{}", field.label())));
            }
            if *field == KpiField::Name && new.trim().is_empty() {
                return Err(StoreError::Invalid("目標名は空にできません。".into()));
            }
            tx.execute(include_str!("sql/update_kpi_text.sql"), params![kpi_id, code, new])?;
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} 数値目標「{name}」"),
                field: field.label().into(),
                old: old.clone(),
                new: new.clone(),
            })
        }
        Edit::KpiValue { kpi_id, slot, old, new } => {
            let (item_id, name, number) = kpi_owner(tx, *kpi_id)?;
            let current = match slot {
                KpiSlot::Actual(year) => tx
                    .query_row(include_str!("sql/select_actual.sql"), params![kpi_id, year.0], |r| {
                        Ok(value(r.get(0)?, r.get(1)?))
                    })
                    .optional()?
                    .flatten(),
                KpiSlot::Baseline | KpiSlot::Target => {
                    let code = if *slot == KpiSlot::Baseline { "baseline" } else { "target" };
                    tx.query_row(include_str!("sql/select_kpi_goal.sql"), params![kpi_id, code], |r| {
                        Ok(value(r.get(0)?, r.get(1)?))
                    })?
                }
            };
            if current != *old {
                return Err(conflict(format!("改革項目{number}「{name}」の{}", slot.label())));
            }
            if let Some(KpiValue::Number(n)) = new
                && !n.is_finite()
            {
                return Err(StoreError::Invalid("数値が大きすぎます。".into()));
            }
            let (num, text) = split_value(new);
            match slot {
                KpiSlot::Actual(year) => {
                    if new.is_some() {
                        tx.execute(include_str!("sql/upsert_actual.sql"), params![kpi_id, year.0, num, text])?;
                    } else {
                        tx.execute(include_str!("sql/delete_actual.sql"), params![kpi_id, year.0])?;
                    }
                }
                KpiSlot::Baseline | KpiSlot::Target => {
                    let code = if *slot == KpiSlot::Baseline { "baseline" } else { "target" };
                    tx.execute(include_str!("sql/update_kpi_goal.sql"), params![kpi_id, code, num, text])?;
                }
            }
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} 数値目標「{name}」"),
                field: slot.label(),
                old: shown(old),
                new: shown(new),
            })
        }
        Edit::Phase { phase_id, old, new } => {
            new.validate().map_err(StoreError::Invalid)?;
            let Some((row_id, current)) = select_phase(tx, *phase_id)? else {
                return Err(conflict("工程が削除されています"));
            };
            let (item_id, row_label, number) = row_owner(tx, row_id)?;
            if current != *old {
                return Err(conflict(format!("改革項目{number}「{row_label}」の工程「{}」", old.label)));
            }
            tx.execute(
                include_str!("sql/update_phase.sql"),
                params![
                    phase_id,
                    new.label,
                    new.start.iso(),
                    new.end.iso(),
                    new.actual_start.map(|m| m.iso()),
                    new.actual_end.map(|m| m.iso()),
                    new.status.code(),
                    new.note
                ],
            )?;
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} スケジュール「{row_label}」"),
                field: "工程".into(),
                old: phase_summary(old),
                new: phase_summary(new),
            })
        }
        Edit::InsertPhase { row_id, phase_id, data } => {
            let (item_id, row_label, number) = row_owner(tx, *row_id)?;
            if select_phase(tx, *phase_id)?.is_some() {
                return Err(conflict("同じ番号の工程が既にあります"));
            }
            insert_phase(tx, *row_id, *phase_id, data)?;
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} スケジュール「{row_label}」"),
                field: "工程の追加".into(),
                old: String::new(),
                new: phase_summary(data),
            })
        }
        Edit::RemovePhase { row_id, phase_id, data } => {
            let (item_id, row_label, number) = row_owner(tx, *row_id)?;
            match select_phase(tx, *phase_id)? {
                Some((r, current)) if r == *row_id && current == *data => {}
                _ => return Err(conflict(format!("改革項目{number}「{row_label}」の工程「{}」", data.label))),
            }
            tx.execute(include_str!("sql/delete_phase.sql"), [phase_id])?;
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} スケジュール「{row_label}」"),
                field: "工程の削除".into(),
                old: phase_summary(data),
                new: String::new(),
            })
        }
        Edit::RowLabel { row_id, old, new } => {
            let (item_id, current, number) = row_owner(tx, *row_id)?;
            if current != *old {
                return Err(conflict(format!("改革項目{number}のスケジュール行「{old}」")));
            }
            tx.execute(include_str!("sql/update_row_label.sql"), params![row_id, new])?;
            Ok(Description {
                item_id: Some(item_id),
                target: format!("改革項目{number} スケジュール"),
                field: "行の名前".into(),
                old: old.clone(),
                new: new.clone(),
            })
        }
        Edit::InsertRow(RowData { row_id, item_id, position, label, phases }) => {
            let number = item_number(tx, *item_id)?;
            if current_row(tx, *row_id)?.is_some() {
                return Err(conflict("同じ番号のスケジュール行が既にあります"));
            }
            let mut ids = row_ids(tx, *item_id)?;
            tx.execute(include_str!("sql/insert_row.sql"), params![row_id, item_id, *position as i64, label])?;
            for (phase_id, d) in phases {
                insert_phase(tx, *row_id, *phase_id, d)?;
            }
            ids.insert((*position).min(ids.len()), *row_id);
            write_positions(tx, &ids)?;
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number} スケジュール"),
                field: "行の追加".into(),
                old: String::new(),
                new: label.clone(),
            })
        }
        Edit::RemoveRow(RowData { row_id, item_id, position: _, label, phases }) => {
            let number = item_number(tx, *item_id)?;
            match current_row(tx, *row_id)? {
                Some((i, l, p)) if i == *item_id && l == *label && same_phases(&p, phases) => {}
                _ => return Err(conflict(format!("改革項目{number}のスケジュール行「{label}」"))),
            }
            tx.execute(include_str!("sql/delete_row.sql"), [row_id])?;
            let ids = row_ids(tx, *item_id)?;
            write_positions(tx, &ids)?;
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number} スケジュール"),
                field: "行の削除".into(),
                old: label.clone(),
                new: String::new(),
            })
        }
        Edit::MoveRow { row_id, item_id, from, to } => {
            let number = item_number(tx, *item_id)?;
            let mut ids = row_ids(tx, *item_id)?;
            if ids.get(*from) != Some(row_id) || *to >= ids.len() {
                return Err(conflict(format!("改革項目{number}のスケジュール行の順序")));
            }
            let id = ids.remove(*from);
            ids.insert(*to, id);
            write_positions(tx, &ids)?;
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number} スケジュール"),
                field: "行の順序".into(),
                old: format!("{}行目", from + 1),
                new: format!("{}行目", to + 1),
            })
        }
        Edit::Evaluation { item_id, year, old, new } => {
            let number = item_number(tx, *item_id)?;
            let current = current_evaluation(tx, *item_id, *year)?;
            if current != *old {
                return Err(conflict(format!("改革項目{number}の{}の評価", year.japanese())));
            }
            match new {
                Some(e) => {
                    if e.year != *year {
                        return Err(StoreError::Invalid("評価の年度が一致しません。".into()));
                    }
                    tx.execute(
                        include_str!("sql/upsert_evaluation.sql"),
                        params![item_id, year.0, e.rating.code(), e.results, e.next_steps],
                    )?;
                }
                None => {
                    tx.execute(include_str!("sql/delete_evaluation.sql"), params![item_id, year.0])?;
                }
            }
            Ok(Description {
                item_id: Some(*item_id),
                target: format!("改革項目{number}"),
                field: format!("{}の評価", year.japanese()),
                old: eval_summary(old),
                new: eval_summary(new),
            })
        }
    }
}

fn current_evaluation(tx: &Transaction, item_id: Id, year: FiscalYear) -> Result<Option<Evaluation>, StoreError> {
    let found = tx
        .query_row(include_str!("sql/select_evaluation.sql"), params![item_id, year.0], |r| {
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
