//! Reads a plan data file (TOML, like the built-in `data/sap3.toml`) into a `Plan`.
//! Ids are left at 0: the store gives each row its id when the plan is written.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

use crate::model::{
    Category, Direction, FiscalYear, FocusArea, Item, Kpi, KpiValue, Phase, PhaseData, Plan, PlanInfo, ScheduleRow,
    YearMonth,
};

/// SAP III, transcribed from the plan document; embedded so that a first start needs no files.
pub const SAP3_TOML: &str = include_str!("../data/sap3.toml");

#[derive(Debug, Error)]
pub enum SeedError {
    #[error("計画データを読めません: {0}")]
    Syntax(String),
    #[error("計画データの誤り: {0}")]
    Invalid(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFile {
    plan: SeedPlan,
    focus_areas: Vec<SeedFocusArea>,
    items: Vec<SeedItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedPlan {
    name: String,
    short_name: String,
    first_year: i32,
    last_year: i32,
    baseline_year: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFocusArea {
    number: u32,
    title: String,
    categories: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedItem {
    number: u32,
    focus_area: u32,
    category: String,
    title: String,
    department: String,
    current_issues: String,
    actions: String,
    #[serde(default)]
    kpis: Vec<SeedKpi>,
    #[serde(default)]
    schedule: Vec<SeedRow>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SeedValue {
    Number(f64),
    Text(String),
}

impl From<SeedValue> for KpiValue {
    fn from(v: SeedValue) -> Self {
        match v {
            SeedValue::Number(n) => KpiValue::Number(n),
            SeedValue::Text(t) => KpiValue::Text(t),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedKpi {
    name: String,
    #[serde(default)]
    unit: String,
    baseline_year: Option<i32>,
    baseline: Option<SeedValue>,
    target_year: Option<i32>,
    target: Option<SeedValue>,
    direction: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedRow {
    label: String,
    phases: Vec<SeedPhase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedPhase {
    label: String,
    start: String,
    end: String,
}

/// The built-in SAP III plan.
pub fn sap3() -> Plan {
    parse_plan(SAP3_TOML).expect("the embedded data/sap3.toml is checked by tests")
}

pub fn parse_plan(text: &str) -> Result<Plan, SeedError> {
    let file: SeedFile = toml::from_str(text).map_err(|e| SeedError::Syntax(e.to_string()))?;
    let invalid = |msg: String| SeedError::Invalid(msg);
    let info = PlanInfo {
        name: file.plan.name,
        short_name: file.plan.short_name,
        first_year: FiscalYear(file.plan.first_year),
        last_year: FiscalYear(file.plan.last_year),
        baseline_year: FiscalYear(file.plan.baseline_year),
    };
    if info.first_year > info.last_year {
        return Err(invalid("計画期間の開始年度が終了年度より後です。".into()));
    }
    // Categories get provisional ids (their order) so that items can refer to them.
    let mut next_category = 0;
    let mut category_ids = BTreeMap::new();
    let focus_areas = file
        .focus_areas
        .into_iter()
        .map(|f| FocusArea {
            id: 0,
            number: f.number,
            title: f.title,
            categories: f
                .categories
                .into_iter()
                .map(|title| {
                    next_category += 1;
                    category_ids.insert((f.number, title.clone()), next_category);
                    Category { id: next_category, title }
                })
                .collect(),
        })
        .collect();
    let mut items = Vec::new();
    for it in file.items {
        let category_id = *category_ids.get(&(it.focus_area, it.category.clone())).ok_or_else(|| {
            invalid(format!(
                "改革項目{}の取組分類「{}」が重点項目{}にありません。",
                it.number, it.category, it.focus_area
            ))
        })?;
        let kpis = it
            .kpis
            .into_iter()
            .map(|k| {
                Ok(Kpi {
                    id: 0,
                    name: k.name,
                    unit: k.unit,
                    baseline_year: k.baseline_year.map(FiscalYear),
                    baseline: k.baseline.map(Into::into),
                    target_year: k.target_year.map(FiscalYear),
                    target: k.target.map(Into::into),
                    direction: Direction::from_code(&k.direction).ok_or_else(|| {
                        invalid(format!(
                            "改革項目{}: direction「{}」は increase か decrease です。",
                            it.number, k.direction
                        ))
                    })?,
                    note: k.note,
                    actuals: BTreeMap::new(),
                })
            })
            .collect::<Result<Vec<_>, SeedError>>()?;
        let schedule = it
            .schedule
            .into_iter()
            .map(|r| {
                let phases = r
                    .phases
                    .into_iter()
                    .map(|p| {
                        let month = |s: &str| {
                            YearMonth::parse_iso(s).ok_or_else(|| {
                                invalid(format!("改革項目{}: 月「{s}」は YYYY-MM で書いてください。", it.number))
                            })
                        };
                        let data = PhaseData::planned(&p.label, month(&p.start)?, month(&p.end)?);
                        data.validate().map_err(|m| invalid(format!("改革項目{}: {m}", it.number)))?;
                        Ok(Phase { id: 0, data })
                    })
                    .collect::<Result<Vec<_>, SeedError>>()?;
                Ok(ScheduleRow { id: 0, label: r.label, phases })
            })
            .collect::<Result<Vec<_>, SeedError>>()?;
        items.push(Item {
            id: 0,
            number: it.number,
            focus_area: it.focus_area,
            category_id,
            title: it.title,
            department: it.department,
            current_issues: it.current_issues,
            actions: it.actions,
            kpis,
            schedule,
            evaluations: Vec::new(),
        });
    }
    items.sort_by_key(|i| i.number);
    if items.windows(2).any(|w| w[0].number == w[1].number) {
        return Err(invalid("改革項目の番号が重複しています。".into()));
    }
    Ok(Plan { info, focus_areas, items })
}
