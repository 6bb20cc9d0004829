//! Writing a whole plan into an empty record (first start, `init`, demo plans).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior, params};

use super::error::StoreError;
use crate::model::{Id, Kpi, KpiValue, PhaseData, Plan};

/// `dir/.name.tmp-<pid>`: same folder as the target, so the final rename stays on one volume.
pub(crate) fn temp_path_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "record".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

pub(crate) fn split_value(v: &Option<KpiValue>) -> (Option<f64>, Option<&str>) {
    match v {
        Some(KpiValue::Number(n)) => (Some(*n), None),
        Some(KpiValue::Text(t)) => (None, Some(t.as_str())),
        None => (None, None),
    }
}

/// One phase of a schedule row; `None` lets SQLite choose the id.
pub(crate) fn insert_phase(
    conn: &Connection,
    row_id: Id,
    phase_id: Option<Id>,
    d: &PhaseData,
) -> Result<(), StoreError> {
    conn.prepare_cached(include_str!("sql/insert_phase.sql"))?.execute(params![
        phase_id,
        row_id,
        d.label,
        d.start.iso(),
        d.end.iso(),
        d.actual_start.map(|m| m.iso()),
        d.actual_end.map(|m| m.iso()),
        d.status.code(),
        d.note
    ])?;
    Ok(())
}

/// One KPI whole: its row (with the id given, or one SQLite chooses), its actuals, 暫定 marks and
/// milestones. The KPI's own id is not used; the new row's id is returned.
pub(crate) fn insert_kpi(
    conn: &Connection,
    id: Option<Id>,
    item_id: Id,
    position: usize,
    k: &Kpi,
) -> Result<Id, StoreError> {
    let (bn, bt) = split_value(&k.baseline);
    let (tn, tt) = split_value(&k.target);
    conn.prepare_cached(include_str!("sql/insert_kpi.sql"))?.execute(params![
        id,
        item_id,
        position as i64,
        k.name,
        k.unit,
        k.baseline_year.map(|y| y.0),
        bn,
        bt,
        k.target_year.map(|y| y.0),
        tn,
        tt,
        k.direction.code(),
        k.note,
        k.decimals,
        k.baseline_note,
        k.target_note,
        k.baseline_date.map(|d| d.format("%Y-%m-%d").to_string()),
        k.scale.factor()
    ])?;
    let kpi_id = conn.last_insert_rowid();
    for (year, v) in &k.actuals {
        let value = Some(v.clone());
        let (n, t) = split_value(&value);
        conn.prepare_cached(include_str!("sql/upsert_actual.sql"))?.execute(params![kpi_id, year.0, n, t])?;
    }
    for year in &k.provisional {
        conn.execute(include_str!("sql/insert_provisional_value.sql"), params![kpi_id, year.0])?;
    }
    super::goals::write_milestones(conn, kpi_id, &k.milestones)?;
    Ok(kpi_id)
}

pub(crate) fn insert_plan(conn: &mut Connection, plan: &Plan) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let info = &plan.info;
    tx.execute(
        include_str!("sql/insert_plan.sql"),
        params![
            info.name,
            info.short_name,
            info.first_year.0,
            info.last_year.0,
            info.baseline_year.0,
            info.adopted_on.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )?;
    // The plan's own category ids (provisional ones from a data file) map to the record's.
    let mut category_ids = HashMap::new();
    for f in &plan.focus_areas {
        tx.execute(include_str!("sql/insert_focus_area.sql"), params![f.number, f.title])?;
        let focus_id = tx.last_insert_rowid();
        for (pos, c) in f.categories.iter().enumerate() {
            tx.execute(include_str!("sql/insert_category.sql"), params![focus_id, pos as i64, c.title])?;
            category_ids.insert(c.id, tx.last_insert_rowid());
        }
    }
    {
        let mut insert_item = tx.prepare_cached(include_str!("sql/insert_item.sql"))?;
        let mut insert_row = tx.prepare_cached(include_str!("sql/insert_row.sql"))?;
        let mut insert_eval = tx.prepare_cached(include_str!("sql/upsert_evaluation.sql"))?;
        for item in &plan.items {
            let category = category_ids
                .get(&item.category_id)
                .ok_or_else(|| StoreError::Invalid(format!("改革項目{}の取組分類が見つかりません。", item.number)))?;
            insert_item.execute(params![
                item.number,
                category,
                item.title,
                item.department,
                item.current_issues,
                item.actions,
                item.predecessor,
                item.status.as_ref().map(|s| s.kind.code()),
                item.status.as_ref().map(|s| s.year.0),
                item.status.as_ref().map(|s| s.reason.as_str()).unwrap_or(""),
                item.goal_heading.code(),
                item.actions_heading.code()
            ])?;
            let item_id = tx.last_insert_rowid();
            for (pos, k) in item.kpis.iter().enumerate() {
                insert_kpi(&tx, None, item_id, pos, k)?;
            }
            for (pos, row) in item.schedule.iter().enumerate() {
                insert_row.execute(params![Option::<i64>::None, item_id, pos as i64, row.label])?;
                let row_id = tx.last_insert_rowid();
                for p in &row.phases {
                    insert_phase(&tx, row_id, None, &p.data)?;
                }
            }
            for e in &item.evaluations {
                insert_eval.execute(params![item_id, e.year.0, e.rating.code(), e.results, e.next_steps])?;
            }
            super::goals::write_effects(&tx, item_id, &item.effects)?;
            for (year, opinion) in &item.council_opinions {
                tx.execute(include_str!("sql/upsert_council_opinion.sql"), params![item_id, year.0, opinion])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}
