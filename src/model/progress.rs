//! 進捗率 and 判定: how far a KPI has come from its baseline towards its target.

use super::fiscal::FiscalYear;
use super::plan::{Item, Kpi, KpiValue, PlanInfo};

/// The automatic judgement of a KPI (the officer's own rating is separate: `Rating`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Judgement {
    Achieved,
    OnTrack,
    Behind,
    NotMeasured,
    NotApplicable,
}

impl Judgement {
    pub const ALL: [Judgement; 5] =
        [Judgement::Achieved, Judgement::OnTrack, Judgement::Behind, Judgement::NotMeasured, Judgement::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            Judgement::Achieved => "達成",
            Judgement::OnTrack => "順調",
            Judgement::Behind => "遅れ",
            Judgement::NotMeasured => "未計測",
            Judgement::NotApplicable => "対象外",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// 進捗率 in percent, rounded to one decimal; `None` where it cannot be computed.
    pub rate: Option<f64>,
    /// The fiscal year whose actual the rate was computed from.
    pub year: Option<FiscalYear>,
    pub judgement: Judgement,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Share of the plan period elapsed at the end of `year`, in percent (R3 33.3, R4 66.7, R5 100).
pub fn elapsed_share(info: &PlanInfo, year: FiscalYear) -> f64 {
    let total = (info.last_year.0 - info.first_year.0 + 1) as f64;
    let done = (year.0 - info.first_year.0 + 1) as f64;
    round1((done / total * 100.0).clamp(0.0, 100.0))
}

/// (latest actual − baseline) / (target − baseline) × 100. A missing baseline counts as 0;
/// the same formula serves reduction targets, since both differences change sign together.
pub fn progress(info: &PlanInfo, kpi: &Kpi) -> Progress {
    let target = match &kpi.target {
        Some(KpiValue::Number(t)) => *t,
        _ => return Progress { rate: None, year: None, judgement: Judgement::NotApplicable },
    };
    let latest = kpi.actuals.iter().rev().find_map(|(y, v)| v.as_number().map(|n| (*y, n)));
    let Some((year, actual)) = latest else {
        return Progress { rate: None, year: None, judgement: Judgement::NotMeasured };
    };
    let baseline = kpi.baseline.as_ref().and_then(KpiValue::as_number).unwrap_or(0.0);
    if target == baseline {
        return Progress { rate: None, year: Some(year), judgement: Judgement::NotMeasured };
    }
    let rate = round1((actual - baseline) / (target - baseline) * 100.0);
    let judgement = if rate >= 100.0 {
        Judgement::Achieved
    } else if rate >= elapsed_share(info, year) {
        Judgement::OnTrack
    } else {
        Judgement::Behind
    };
    Progress { rate: Some(rate), year: Some(year), judgement }
}

/// 進捗率 of an item: the mean of its KPIs' rates; 遅れ if any KPI is behind, 達成 if every
/// measured KPI is achieved, else 順調. `None` when no KPI can be measured yet.
pub fn item_progress(info: &PlanInfo, item: &Item) -> Option<(f64, Judgement)> {
    let measured: Vec<(f64, Judgement)> =
        item.kpis.iter().map(|k| progress(info, k)).filter_map(|p| p.rate.map(|r| (r, p.judgement))).collect();
    if measured.is_empty() {
        return None;
    }
    let rate = measured.iter().map(|(r, _)| r).sum::<f64>() / measured.len() as f64;
    let judgement = if measured.iter().any(|(_, j)| *j == Judgement::Behind) {
        Judgement::Behind
    } else if measured.iter().all(|(_, j)| *j == Judgement::Achieved) {
        Judgement::Achieved
    } else {
        Judgement::OnTrack
    };
    Some(((rate * 10.0).round() / 10.0, judgement))
}

/// A KPI's progress as it stood at the end of `year`: later actuals were not yet known then.
pub fn progress_as_of(info: &PlanInfo, kpi: &Kpi, year: FiscalYear) -> Progress {
    if kpi.actuals.keys().all(|y| *y <= year) {
        return progress(info, kpi);
    }
    let mut earlier = kpi.clone();
    earlier.actuals.retain(|y, _| *y <= year);
    progress(info, &earlier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::Direction;
    use std::collections::BTreeMap;

    fn info() -> PlanInfo {
        PlanInfo {
            name: "SAP".into(),
            short_name: "SAP".into(),
            first_year: FiscalYear(2021),
            last_year: FiscalYear(2023),
            baseline_year: FiscalYear(2020),
            adopted_on: None,
        }
    }

    fn kpi(baseline: Option<f64>, target: KpiValue, actuals: &[(i32, f64)]) -> Kpi {
        Kpi {
            id: 1,
            name: "k".into(),
            unit: String::new(),
            baseline_year: Some(FiscalYear(2020)),
            baseline: baseline.map(KpiValue::Number),
            target_year: Some(FiscalYear(2023)),
            target: Some(target),
            direction: Direction::Increase,
            note: String::new(),
            actuals: actuals.iter().map(|(y, v)| (FiscalYear(*y), KpiValue::Number(*v))).collect::<BTreeMap<_, _>>(),
            provisional: Default::default(),
            decimals: 0,
            baseline_note: String::new(),
            target_note: String::new(),
            baseline_date: None,
            scale: Default::default(),
            milestones: Vec::new(),
        }
    }

    #[test]
    fn increase_target() {
        // item 2: 3 → 5
        let k = kpi(Some(3.0), KpiValue::Number(5.0), &[(2021, 4.0)]);
        let p = progress(&info(), &k);
        assert_eq!(p.rate, Some(50.0));
        assert_eq!(p.judgement, Judgement::OnTrack);
        let k = kpi(Some(3.0), KpiValue::Number(5.0), &[(2021, 4.0), (2022, 4.0)]);
        assert_eq!(progress(&info(), &k).judgement, Judgement::Behind, "50.0 < 66.7 at the end of R4");
        let k = kpi(Some(3.0), KpiValue::Number(5.0), &[(2022, 6.0)]);
        assert_eq!(
            progress(&info(), &k),
            Progress { rate: Some(150.0), year: Some(FiscalYear(2022)), judgement: Judgement::Achieved }
        );
    }

    #[test]
    fn reduction_target_item_16() {
        let mut k = kpi(Some(949451676.0), KpiValue::Number(854506508.0), &[(2021, 902_000_000.0)]);
        k.direction = Direction::Decrease;
        let p = progress(&info(), &k);
        // (902,000,000 − 949,451,676) / (854,506,508 − 949,451,676) = 49.977…%
        assert_eq!(p.rate, Some(50.0));
        assert_eq!(p.judgement, Judgement::OnTrack);
        let k = kpi(Some(949451676.0), KpiValue::Number(854506508.0), &[(2023, 960_000_000.0)]);
        assert_eq!(progress(&info(), &k).rate, Some(-11.1));
        assert_eq!(progress(&info(), &k).judgement, Judgement::Behind);
    }

    #[test]
    fn missing_baseline_counts_as_zero() {
        let k = kpi(None, KpiValue::Number(20.0), &[(2021, 7.0)]);
        let p = progress(&info(), &k);
        assert_eq!(p.rate, Some(35.0));
        assert_eq!(p.judgement, Judgement::OnTrack);
    }

    #[test]
    fn boundary_of_the_elapsed_share() {
        // 1/3 exactly rounds to 33.3, which is the R3 share: on track.
        let k = kpi(None, KpiValue::Number(3.0), &[(2021, 1.0)]);
        assert_eq!(progress(&info(), &k).judgement, Judgement::OnTrack);
        let k = kpi(None, KpiValue::Number(1000.0), &[(2021, 332.0)]);
        assert_eq!(progress(&info(), &k).judgement, Judgement::Behind);
    }

    #[test]
    fn text_goal_unmeasured_and_flat() {
        let k = kpi(None, KpiValue::Text("存続の可否決定".into()), &[(2021, 1.0)]);
        assert_eq!(progress(&info(), &k).judgement, Judgement::NotApplicable);
        assert_eq!(progress(&info(), &k).rate, None);
        let k = kpi(Some(3.0), KpiValue::Number(5.0), &[]);
        assert_eq!(progress(&info(), &k).judgement, Judgement::NotMeasured);
        let k = kpi(Some(5.0), KpiValue::Number(5.0), &[(2021, 5.0)]);
        assert_eq!(progress(&info(), &k).rate, None);
    }

    #[test]
    fn elapsed_shares() {
        assert_eq!(elapsed_share(&info(), FiscalYear(2021)), 33.3);
        assert_eq!(elapsed_share(&info(), FiscalYear(2022)), 66.7);
        assert_eq!(elapsed_share(&info(), FiscalYear(2023)), 100.0);
        assert_eq!(elapsed_share(&info(), FiscalYear(2025)), 100.0);
    }
}
