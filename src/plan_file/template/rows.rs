//! A record's plan as the data sheets' rows, in the order of `workbook::SHEETS` (years in 西暦,
//! months as YYYY-MM, defaults left blank as an officer would leave them).

use crate::model::{ActionsHeading, FiscalYear, GoalHeading, Kpi, KpiValue, Plan, Scale};
use crate::plan_file::write::decimals_to_write;

pub enum Cell {
    Text(String),
    Number(f64),
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn n(v: impl Into<f64>) -> Cell {
    Cell::Number(v.into())
}

fn year(y: Option<FiscalYear>) -> Cell {
    y.map(|y| n(y.0)).unwrap_or_else(|| t(""))
}

/// A number whose printed decimals a number cell would lose (18.0) goes as its text.
fn value(v: Option<&KpiValue>, decimals: u8) -> Cell {
    match v {
        Some(KpiValue::Number(x)) if decimals > 0 => t(&crate::model::number::format_plain_with(*x, decimals)),
        Some(KpiValue::Number(x)) => n(*x),
        Some(KpiValue::Text(s)) => t(s),
        None => t(""),
    }
}

pub fn data_rows(plan: &Plan) -> Vec<Vec<Vec<Cell>>> {
    let i = &plan.info;
    let adopted = i.adopted_on.map(crate::model::dates::japanese_date).unwrap_or_default();
    let info = vec![vec![
        t(&i.name),
        t(&i.short_name),
        n(i.first_year.0),
        n(i.last_year.0),
        n(i.baseline_year.0),
        t(&adopted),
    ]];
    let focus = plan.focus_areas.iter().map(|f| vec![n(f.number), t(&f.title)]).collect();
    let categories =
        plan.focus_areas.iter().flat_map(|f| f.categories.iter().map(|c| vec![n(f.number), t(&c.title)])).collect();
    let category_title = |id| plan.category(id).map(|(_, c)| c.title.clone()).unwrap_or_default();
    let items = plan
        .items
        .iter()
        .map(|it| {
            let goal = if it.goal_heading == GoalHeading::default() { "" } else { it.goal_heading.label() };
            let actions = if it.actions_heading == ActionsHeading::default() { "" } else { it.actions_heading.label() };
            let status = it.status.as_ref();
            vec![
                n(it.number),
                n(it.focus_area),
                t(&category_title(it.category_id)),
                t(&it.title),
                t(&it.department),
                t(&it.current_issues),
                t(&it.actions),
                t(goal),
                t(actions),
                t(status.map(|s| s.kind.label()).unwrap_or_default()),
                year(status.map(|s| s.year)),
                t(status.map(|s| s.reason.as_str()).unwrap_or_default()),
                t(it.predecessor.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    let kpis = plan.items.iter().flat_map(|it| it.kpis.iter().map(move |k| kpi_row(it.number, k))).collect();
    let milestones = plan
        .items
        .iter()
        .flat_map(|it| {
            it.kpis.iter().flat_map(move |k| {
                k.milestones.iter().map(move |m| {
                    let mark = if m.cumulative { "○" } else { "" };
                    vec![n(it.number), t(&k.name), n(m.year.0), value(Some(&m.value), k.decimals), t(mark)]
                })
            })
        })
        .collect();
    let schedule = plan
        .items
        .iter()
        .flat_map(|it| {
            it.schedule.iter().flat_map(move |row| {
                row.phases.iter().map(move |p| {
                    vec![n(it.number), t(&row.label), t(&p.data.label), t(&p.data.start.iso()), t(&p.data.end.iso())]
                })
            })
        })
        .collect();
    let amount = |v: Option<f64>| v.map(n).unwrap_or_else(|| t(""));
    let effects = plan
        .items
        .iter()
        .flat_map(|it| {
            it.effects.iter().map(move |(y, e)| vec![n(it.number), n(y.0), amount(e.planned), amount(e.actual)])
        })
        .collect();
    vec![info, focus, categories, items, kpis, milestones, schedule, effects]
}

fn kpi_row(item: u32, k: &Kpi) -> Vec<Cell> {
    let day = k.baseline_date.map(crate::model::dates::japanese_date).unwrap_or_default();
    let scale = if k.scale == Scale::One { "" } else { k.scale.label() };
    vec![
        n(item),
        t(&k.name),
        t(&k.unit),
        year(k.baseline_year),
        value(k.baseline.as_ref(), k.decimals),
        year(k.target_year),
        value(k.target.as_ref(), k.decimals),
        t(k.direction.label()),
        t(&k.note),
        t(&k.baseline_note),
        t(&k.target_note),
        t(&day),
        t(scale),
        decimals_to_write(k).map(n).unwrap_or_else(|| t("")),
    ]
}
