//! A synthetic plan, many times larger than SAP III, for measuring the app at scale.
//! Built from SAP III's own words so that text widths and shaping are realistic.
//! Deterministic: the same sizes give the same plan.

use std::collections::BTreeMap;

use crate::model::{
    Category, Evaluation, FocusArea, Item, Kpi, KpiValue, Phase, PhaseData, PhaseStatus, Plan, Rating, ScheduleRow,
};

/// A small linear congruential generator: enough to vary the data, with no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A plan of `items` items and `rows` schedule rows in all (spread evenly), each row with
/// one to three phases, KPIs with actuals and evaluations, over SAP III's period.
pub fn large_plan(items: usize, rows: usize) -> Plan {
    let base = crate::seed::sap3();
    let mut rng = Lcg(20_210_401);
    let years = base.info.years();
    let first = base.info.first_month();
    let months = first.months_through(base.info.last_month());
    let labels: Vec<String> = base
        .items
        .iter()
        .flat_map(|i| i.schedule.iter().flat_map(|r| r.phases.iter().map(|p| p.data.label.clone())))
        .filter(|l| !l.is_empty())
        .collect();
    let statuses = PhaseStatus::ALL;
    let ratings = [Rating::S, Rating::A, Rating::B, Rating::C];

    let focus_areas: Vec<FocusArea> = base.focus_areas.clone();
    let categories: Vec<(u32, Category)> =
        focus_areas.iter().flat_map(|f| f.categories.iter().map(move |c| (f.number, c.clone()))).collect();

    let mut out = Vec::with_capacity(items);
    let mut rows_left = rows;
    for n in 0..items {
        let template = &base.items[n % base.items.len()];
        let (focus, category) = &categories[n % categories.len()];
        let row_count = rows_left / (items - n).max(1);
        rows_left -= row_count;
        let schedule = (0..row_count)
            .map(|r| {
                let source_row = &template.schedule[r % template.schedule.len()];
                let phase_count = 1 + rng.below(3);
                let mut start = rng.below(months as usize / 2) as i32;
                let phases = (0..phase_count)
                    .map(|_| {
                        let len = 3 + rng.below(12) as i32;
                        let s = first.add_months(start.min(months - 1));
                        let e = first.add_months((start + len - 1).min(months - 1));
                        start += len;
                        let mut data = PhaseData::planned(&labels[rng.below(labels.len())], s, e);
                        data.status = statuses[rng.below(statuses.len())];
                        if data.status != PhaseStatus::NotStarted {
                            data.actual_start = Some(s.add_months(rng.below(3) as i32));
                        }
                        Phase { id: 0, data }
                    })
                    .collect();
                ScheduleRow { id: 0, label: format!("{}（{}）", source_row.label, r + 1), phases }
            })
            .collect();
        let kpis = template
            .kpis
            .iter()
            .map(|k| {
                let mut k = k.clone();
                if let (Some(KpiValue::Number(t)), base_value) =
                    (&k.target, k.baseline.as_ref().and_then(KpiValue::as_number))
                {
                    let b = base_value.unwrap_or(0.0);
                    let mut actuals = BTreeMap::new();
                    for (i, y) in years.iter().enumerate() {
                        if rng.below(4) > 0 {
                            let share = (i as f64 + 1.0) / years.len() as f64 * (0.5 + rng.below(80) as f64 / 100.0);
                            actuals.insert(*y, KpiValue::Number((b + (t - b) * share).round()));
                        }
                    }
                    k.actuals = actuals;
                }
                Kpi { id: 0, ..k }
            })
            .collect();
        let mut evaluations = Vec::new();
        for year in &years {
            if rng.below(3) > 0 {
                evaluations.push(Evaluation {
                    year: *year,
                    rating: ratings[rng.below(ratings.len())],
                    results: format!("{}について、計画に沿って取り組んだ。", template.title),
                    next_steps: "引き続き関係課と連携して進める。".into(),
                });
            }
        }
        out.push(Item {
            id: 0,
            number: n as u32 + 1,
            focus_area: *focus,
            category_id: category.id,
            title: format!("{}（{}）", template.title, n / base.items.len() + 1),
            department: template.department.clone(),
            current_issues: template.current_issues.clone(),
            actions: template.actions.clone(),
            kpis,
            schedule,
            evaluations,
            council_opinions: Default::default(),
            predecessor: None,
            status: None,
            goal_heading: Default::default(),
            actions_heading: Default::default(),
            effects: Default::default(),
        });
    }
    Plan { info: base.info, focus_areas, items: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_as_asked() {
        let plan = large_plan(300, 1000);
        assert_eq!(plan.items.len(), 300);
        assert_eq!(plan.schedule_row_count(), 1000);
        for p in plan.items.iter().flat_map(|i| i.schedule.iter().flat_map(|r| r.phases.iter())) {
            assert!(p.data.validate().is_ok());
            assert!(p.data.start >= plan.info.first_month() && p.data.end <= plan.info.last_month());
        }
        assert_eq!(large_plan(300, 1000), plan, "deterministic");
    }
}
