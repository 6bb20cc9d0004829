//! Reading the record into a `Plan` snapshot: one query per table, joined in memory.

use std::collections::HashMap;

use rusqlite::{Connection, Row};

use super::error::StoreError;
use crate::model::{
    ActionsHeading, Category, Direction, Evaluation, FiscalYear, FocusArea, GoalHeading, Id, Item, ItemStatus, Kpi,
    KpiValue, Phase, PhaseData, PhaseStatus, Plan, PlanInfo, Rating, Scale, ScheduleRow, StatusKind, YearMonth,
};

fn damaged(what: &str, value: &str) -> StoreError {
    StoreError::Damaged(format!("{what}「{value}」を読めません"))
}

pub(crate) fn month(text: &str) -> Result<YearMonth, StoreError> {
    YearMonth::parse_iso(text).ok_or_else(|| damaged("年月", text))
}

pub(crate) fn opt_month(text: Option<String>) -> Result<Option<YearMonth>, StoreError> {
    text.map(|t| month(&t)).transpose()
}

pub(crate) fn value(num: Option<f64>, text: Option<String>) -> Option<KpiValue> {
    match (num, text) {
        (Some(n), _) => Some(KpiValue::Number(n)),
        (None, Some(t)) => Some(KpiValue::Text(t)),
        (None, None) => None,
    }
}

/// Columns label, start, end, actual_start, actual_end, status, note starting at `first`.
pub(crate) fn phase_data(row: &Row, first: usize) -> Result<PhaseData, StoreError> {
    let status: String = row.get(first + 5)?;
    Ok(PhaseData {
        label: row.get(first)?,
        start: month(&row.get::<_, String>(first + 1)?)?,
        end: month(&row.get::<_, String>(first + 2)?)?,
        actual_start: opt_month(row.get(first + 3)?)?,
        actual_end: opt_month(row.get(first + 4)?)?,
        status: PhaseStatus::from_code(&status).ok_or_else(|| damaged("状態", &status))?,
        note: row.get(first + 6)?,
    })
}

/// A stored day (YYYY-MM-DD).
fn day(text: Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>, StoreError> {
    text.map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| damaged(what, &d))).transpose()
}

/// An item's status from its three columns (all NULL, or a code and a year).
pub(crate) fn item_status(
    code: Option<String>,
    year: Option<i32>,
    reason: String,
) -> Result<Option<ItemStatus>, StoreError> {
    match (code, year) {
        (None, _) => Ok(None),
        (Some(code), Some(year)) => {
            let kind = StatusKind::from_code(&code).ok_or_else(|| damaged("改革項目の状態", &code))?;
            Ok(Some(ItemStatus { kind, year: FiscalYear(year), reason }))
        }
        (Some(code), None) => Err(damaged("改革項目の状態の年度", &code)),
    }
}

pub(crate) fn load_plan(conn: &Connection) -> Result<Plan, StoreError> {
    let (mut info, adopted_on) = conn
        .query_row(include_str!("sql/load_plan.sql"), [], |r| {
            let info = PlanInfo {
                name: r.get(0)?,
                short_name: r.get(1)?,
                first_year: FiscalYear(r.get(2)?),
                last_year: FiscalYear(r.get(3)?),
                baseline_year: FiscalYear(r.get(4)?),
                adopted_on: None,
            };
            Ok((info, r.get::<_, Option<String>>(5)?))
        })
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::Damaged("計画の情報がありません".into()),
            e => e.into(),
        })?;
    info.adopted_on = day(adopted_on, "策定日")?;

    let mut focus_areas: Vec<FocusArea> = Vec::new();
    let mut stmt = conn.prepare_cached(include_str!("sql/load_focus_areas.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        focus_areas.push(FocusArea { id: r.get(0)?, number: r.get(1)?, title: r.get(2)?, categories: vec![] });
    }
    let mut stmt = conn.prepare_cached(include_str!("sql/load_categories.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let focus_id: Id = r.get(1)?;
        if let Some(f) = focus_areas.iter_mut().find(|f| f.id == focus_id) {
            f.categories.push(Category { id: r.get(0)?, title: r.get(2)? });
        }
    }

    let mut items: Vec<Item> = Vec::new();
    let mut stmt = conn.prepare_cached(include_str!("sql/load_items.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        items.push(Item {
            id: r.get(0)?,
            number: r.get(1)?,
            focus_area: r.get(2)?,
            category_id: r.get(3)?,
            title: r.get(4)?,
            department: r.get(5)?,
            current_issues: r.get(6)?,
            actions: r.get(7)?,
            predecessor: r.get(8)?,
            status: item_status(r.get(9)?, r.get(10)?, r.get(11)?)?,
            goal_heading: {
                let code: String = r.get(12)?;
                GoalHeading::from_code(&code).ok_or_else(|| damaged("目標の見出し", &code))?
            },
            actions_heading: {
                let code: String = r.get(13)?;
                ActionsHeading::from_code(&code).ok_or_else(|| damaged("内容の見出し", &code))?
            },
            effects: Default::default(),
            kpis: vec![],
            schedule: vec![],
            evaluations: vec![],
            council_opinions: Default::default(),
        });
    }
    let item_index: HashMap<Id, usize> = items.iter().enumerate().map(|(i, it)| (it.id, i)).collect();

    let mut kpi_index: HashMap<Id, (usize, usize)> = HashMap::new();
    let mut stmt = conn.prepare_cached(include_str!("sql/load_kpis.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item_id: Id = r.get(1)?;
        let Some(&ii) = item_index.get(&item_id) else { continue };
        let direction: String = r.get(10)?;
        let kpi = Kpi {
            id: r.get(0)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            baseline_year: r.get::<_, Option<i32>>(4)?.map(FiscalYear),
            baseline: value(r.get(5)?, r.get(6)?),
            target_year: r.get::<_, Option<i32>>(7)?.map(FiscalYear),
            target: value(r.get(8)?, r.get(9)?),
            direction: Direction::from_code(&direction).ok_or_else(|| damaged("方向", &direction))?,
            note: r.get(11)?,
            decimals: r.get(12)?,
            actuals: Default::default(),
            provisional: Default::default(),
            baseline_note: r.get(13)?,
            target_note: r.get(14)?,
            baseline_date: day(r.get(15)?, "基準日")?,
            scale: {
                let factor: i64 = r.get(16)?;
                Scale::from_factor(factor).ok_or_else(|| damaged("表示の単位", &factor.to_string()))?
            },
            milestones: Vec::new(),
        };
        kpi_index.insert(kpi.id, (ii, items[ii].kpis.len()));
        items[ii].kpis.push(kpi);
    }
    let mut stmt = conn.prepare_cached(include_str!("sql/load_actuals.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kpi_id: Id = r.get(0)?;
        let Some(&(ii, ki)) = kpi_index.get(&kpi_id) else { continue };
        if let Some(v) = value(r.get(2)?, r.get(3)?) {
            items[ii].kpis[ki].actuals.insert(FiscalYear(r.get(1)?), v);
        }
    }

    let mut row_index: HashMap<Id, (usize, usize)> = HashMap::new();
    let mut stmt = conn.prepare_cached(include_str!("sql/load_rows.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item_id: Id = r.get(1)?;
        let Some(&ii) = item_index.get(&item_id) else { continue };
        let row = ScheduleRow { id: r.get(0)?, label: r.get(2)?, phases: vec![] };
        row_index.insert(row.id, (ii, items[ii].schedule.len()));
        items[ii].schedule.push(row);
    }
    let mut stmt = conn.prepare_cached(include_str!("sql/load_phases.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row_id: Id = r.get(1)?;
        let Some(&(ii, ri)) = row_index.get(&row_id) else { continue };
        items[ii].schedule[ri].phases.push(Phase { id: r.get(0)?, data: phase_data(r, 2)? });
    }

    let mut stmt = conn.prepare_cached(include_str!("sql/load_evaluations.sql"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item_id: Id = r.get(0)?;
        let Some(&ii) = item_index.get(&item_id) else { continue };
        let rating: String = r.get(2)?;
        items[ii].evaluations.push(Evaluation {
            year: FiscalYear(r.get(1)?),
            rating: Rating::from_code(&rating).ok_or_else(|| damaged("評価", &rating))?,
            results: r.get(3)?,
            next_steps: r.get(4)?,
        });
    }
    super::council::load_into(conn, &mut items, &item_index, &kpi_index)?;
    super::goals::load_into(conn, &mut items, &item_index, &kpi_index)?;
    Ok(Plan { info, focus_areas, items })
}
