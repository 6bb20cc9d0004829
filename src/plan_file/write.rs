//! A record's plan → plan-file text that reads back into an equal plan (ids aside). Progress
//! (KPI actuals, evaluations, council opinions) is the record's, not the plan's, and is not written.

use super::format::{
    EffectOut, FileOut, FocusAreaOut, ItemOut, KpiOut, MilestoneOut, PhaseOut, PlanOut, RowOut, ValueIo,
};
use super::read::written_decimals;
use crate::model::{ActionsHeading, GoalHeading, Kpi, KpiValue, PhaseStatus, Plan, Scale};

/// Integers up to this size are written as TOML integers (exact in f64).
const EXACT: f64 = 9_007_199_254_740_992.0;

fn value_out(v: &KpiValue, decimals: u8) -> ValueIo {
    match v {
        KpiValue::Number(n) if decimals == 0 && n.fract() == 0.0 && n.abs() < EXACT => ValueIo::Integer(*n as i64),
        KpiValue::Number(n) => ValueIo::Float(*n),
        KpiValue::Text(t) => ValueIo::Text(t.clone()),
    }
}

/// The decimals a reader must be told: only where the written values do not show the KPI's
/// (1.50 written as 1.5, or no number at all to show them).
pub(super) fn decimals_to_write(k: &Kpi) -> Option<u8> {
    let written = [&k.baseline, &k.target]
        .iter()
        .filter_map(|v| v.as_ref())
        .map(|v| written_decimals(&value_out(v, k.decimals)))
        .max();
    (written.unwrap_or(0) != k.decimals).then_some(k.decimals)
}

pub fn to_toml(plan: &Plan) -> Result<String, String> {
    let i = &plan.info;
    let file = FileOut {
        plan: PlanOut {
            name: i.name.clone(),
            short_name: i.short_name.clone(),
            first_year: i.first_year.0,
            last_year: i.last_year.0,
            baseline_year: i.baseline_year.0,
            adopted_on: i.adopted_on.map(|d| d.format("%Y-%m-%d").to_string()),
        },
        focus_areas: plan
            .focus_areas
            .iter()
            .map(|f| FocusAreaOut {
                number: f.number,
                title: f.title.clone(),
                categories: f.categories.iter().map(|c| c.title.clone()).collect(),
            })
            .collect(),
        items: plan
            .items
            .iter()
            .map(|it| ItemOut {
                number: it.number,
                focus_area: it.focus_area,
                category: plan.category(it.category_id).map(|(_, c)| c.title.clone()).unwrap_or_default(),
                title: it.title.clone(),
                department: it.department.clone(),
                current_issues: it.current_issues.clone(),
                actions: it.actions.clone(),
                predecessor: it.predecessor.clone(),
                status: it.status.as_ref().map(|s| s.kind.label().to_string()),
                status_year: it.status.as_ref().map(|s| s.year.0),
                status_reason: it.status.as_ref().map(|s| s.reason.clone()),
                goal_heading: (it.goal_heading != GoalHeading::Numeric).then(|| it.goal_heading.label().to_string()),
                actions_heading: (it.actions_heading != ActionsHeading::Implementation)
                    .then(|| it.actions_heading.label().to_string()),
                effects: it
                    .effects
                    .iter()
                    .map(|(y, e)| EffectOut { year: y.0, planned: e.planned, actual: e.actual })
                    .collect(),
                kpis: it
                    .kpis
                    .iter()
                    .map(|k| KpiOut {
                        name: k.name.clone(),
                        unit: k.unit.clone(),
                        baseline_year: k.baseline_year.map(|y| y.0),
                        baseline: k.baseline.as_ref().map(|v| value_out(v, k.decimals)),
                        target_year: k.target_year.map(|y| y.0),
                        target: k.target.as_ref().map(|v| value_out(v, k.decimals)),
                        direction: k.direction.code().to_string(),
                        note: k.note.clone(),
                        decimals: decimals_to_write(k),
                        baseline_note: k.baseline_note.clone(),
                        target_note: k.target_note.clone(),
                        baseline_date: k.baseline_date.map(|d| d.format("%Y-%m-%d").to_string()),
                        scale: (k.scale != Scale::One).then(|| k.scale.label().to_string()),
                        milestones: k
                            .milestones
                            .iter()
                            .map(|m| MilestoneOut {
                                year: m.year.0,
                                value: value_out(&m.value, k.decimals),
                                cumulative: m.cumulative,
                            })
                            .collect(),
                    })
                    .collect(),
                schedule: it
                    .schedule
                    .iter()
                    .map(|r| RowOut {
                        label: r.label.clone(),
                        phases: r
                            .phases
                            .iter()
                            .map(|p| {
                                let d = &p.data;
                                PhaseOut {
                                    label: d.label.clone(),
                                    start: d.start.iso(),
                                    end: d.end.iso(),
                                    actual_start: d.actual_start.map(|m| m.iso()),
                                    actual_end: d.actual_end.map(|m| m.iso()),
                                    status: (d.status != PhaseStatus::NotStarted).then(|| d.status.code().to_string()),
                                    note: d.note.clone(),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let body = toml::to_string(&file).map_err(|e| format!("計画ファイルを書けません（{e}）。"))?;
    Ok(format!(
        "# {} — reform-tracker の計画ファイル（形式: docs/plan-format.md）。\n\
         # 年度は西暦の年度（令和N年度 = 2018 + N）、月は YYYY-MM。\n\n{body}",
        i.name
    ))
}
