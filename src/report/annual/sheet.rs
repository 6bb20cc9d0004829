//! One item's sheet as text, the same for the web page, the PDF and the workbook: the plan's
//! own texts, the schedule with its status, each KPI with every year's actual, and the yearly
//! evaluations up to the report's year.

use crate::model::evaluation::year_standing;
use crate::model::progress::progress_as_of;
use crate::model::{FiscalYear, Item, Kpi, KpiValue, Plan};

#[derive(Debug, Clone, PartialEq)]
pub struct ItemSheet {
    pub number: u32,
    pub title: String,
    pub department: String,
    pub focus: String,
    pub category: String,
    pub current_issues: String,
    pub actions: String,
    /// 実施内容・効果 or 取組内容・効果, and 数値目標 or 活動目標, as the item's own headings.
    pub actions_heading: String,
    pub goal_heading: String,
    /// 効果額 (千円) of each year up to the report's: (year, planned, actual), "—" where none.
    pub effects: Vec<(String, String, String)>,
    /// 完了（令和4年度）: 項目5に統合 — for an item that has left the plan.
    pub status: Option<String>,
    pub schedule: Vec<ScheduleLine>,
    pub kpis: Vec<KpiLine>,
    /// The report year's standing: S/A/B/C, 対象外 or 未評価.
    pub standing: String,
    /// Each year of the plan up to the report's year.
    pub evaluations: Vec<EvaluationLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleLine {
    pub row: String,
    pub phase: String,
    pub period: String,
    pub actual: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiLine {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    /// (令和3年度, value or "—") for every year of the plan up to the report's year.
    pub actuals: Vec<(String, String)>,
    /// 進捗率 as a number, for the chart; `rate` is its text.
    pub rate_value: Option<f64>,
    pub rate: String,
    pub judgement: String,
    pub direction: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationLine {
    pub year: String,
    pub rating: String,
    pub results: String,
    pub next_steps: String,
    /// The 審議会's opinion, empty when none is recorded.
    pub opinion: String,
}

pub fn file_name(number: u32) -> String {
    format!("item-{number:02}.html")
}

fn value(kpi: &Kpi, v: Option<&KpiValue>) -> String {
    match v {
        Some(n @ KpiValue::Number(_)) => format!("{}{}", kpi.display_value(n), kpi.unit),
        Some(KpiValue::Text(t)) => t.clone(),
        None => "—".into(),
    }
}

fn with_year(text: String, year: Option<FiscalYear>) -> String {
    match year {
        Some(y) if text != "—" => format!("{text}（{}）", y.japanese()),
        _ => text,
    }
}

fn kpi_line(plan: &Plan, kpi: &Kpi, years: &[FiscalYear], year: FiscalYear) -> KpiLine {
    let p = progress_as_of(&plan.info, kpi, year);
    KpiLine {
        name: kpi.name.clone(),
        unit: kpi.unit.clone(),
        baseline: with_year(value(kpi, kpi.baseline.as_ref()), kpi.baseline_year),
        target: with_year(value(kpi, kpi.target.as_ref()), kpi.target_year),
        actuals: years
            .iter()
            .map(|y| {
                let mark = if kpi.is_provisional(*y) { "（暫定）" } else { "" };
                (y.japanese(), format!("{}{mark}", value(kpi, kpi.actuals.get(y))))
            })
            .collect(),
        rate_value: p.rate,
        rate: p.rate.map(|r| format!("{r:.1}%")).unwrap_or_else(|| "—".into()),
        judgement: p.judgement.label().to_string(),
        direction: kpi.direction.label().to_string(),
        note: kpi.remarks(),
    }
}

/// 効果額 of the years that have one, in 千円 as the plan prints them.
fn effect_lines(item: &Item, years: &[FiscalYear]) -> Vec<(String, String, String)> {
    let n = |v: Option<f64>| v.map(crate::model::number::format_grouped).unwrap_or_else(|| "—".into());
    years.iter().filter_map(|y| item.effects.get(y).map(|e| (y.japanese(), n(e.planned), n(e.actual)))).collect()
}

pub fn item_sheet(plan: &Plan, item: &Item, year: FiscalYear) -> ItemSheet {
    let years: Vec<FiscalYear> = plan.info.years().into_iter().filter(|y| *y <= year).collect();
    let (focus, category) = plan
        .category(item.category_id)
        .map(|(f, c)| (format!("重点項目{} {}", f.number, f.title), c.title.clone()))
        .unwrap_or_default();
    let schedule = item
        .schedule
        .iter()
        .flat_map(|row| {
            row.phases.iter().map(move |p| {
                let d = &p.data;
                let actual = match (d.actual_start, d.actual_end) {
                    (Some(s), Some(e)) => format!("{}～{}", s.japanese(), e.japanese()),
                    (Some(s), None) => format!("{}～", s.japanese()),
                    _ => String::new(),
                };
                ScheduleLine {
                    row: row.label.clone(),
                    phase: if d.label.is_empty() { "取組".into() } else { d.label.clone() },
                    period: format!("{}～{}", d.start.japanese(), d.end.japanese()),
                    actual,
                    status: d.status.label().to_string(),
                }
            })
        })
        .collect();
    let evaluations = years
        .iter()
        .map(|y| {
            let e = item.evaluation(*y);
            EvaluationLine {
                year: y.japanese(),
                rating: year_standing(item, *y).label().to_string(),
                results: e.map(|e| e.results.clone()).unwrap_or_default(),
                next_steps: e.map(|e| e.next_steps.clone()).unwrap_or_default(),
                opinion: item.council_opinions.get(y).cloned().unwrap_or_default(),
            }
        })
        .collect();
    ItemSheet {
        number: item.number,
        title: item.title.clone(),
        department: item.department.clone(),
        focus,
        category,
        current_issues: item.current_issues.clone(),
        actions: item.actions.clone(),
        actions_heading: item.actions_heading.label().to_string(),
        goal_heading: item.goal_heading.label().to_string(),
        effects: effect_lines(item, &years),
        status: item.status.as_ref().map(|s| format!("{}: {}", s.label(), s.reason)),
        schedule,
        kpis: item.kpis.iter().map(|k| kpi_line(plan, k, &years, year)).collect(),
        standing: year_standing(item, year).label().to_string(),
        evaluations,
    }
}
