//! Whether an actual lies far outside what its KPI's baseline and target lead one to expect:
//! such a value is most often a slip of the keyboard (a digit too many, a minus sign, the
//! percentage typed as a count), and one of them spoils 進捗率 (−1966 %) and the chart's scale
//! for everyone. It is not forbidden, only confirmed once before it is saved.

use super::plan::{Kpi, KpiValue};

/// How far beyond its KPI a value may go before it is asked about: ten times the larger of
/// baseline and target (or a tenth of the smaller), or ten times the planned change away from the
/// baseline (進捗率 of ±1000 %). Generous, so that real surprises (a year of closed facilities) are
/// rarely asked about.
const FAR: f64 = 10.0;

/// Why a value is far outside its KPI's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FarOutside {
    /// Negative where the baseline and the target are not (a negative count).
    Negative,
    /// More than ten times the larger of baseline and target.
    TooLarge,
    /// Above zero but under a tenth of the smaller of baseline and target (digits left out).
    TooSmall,
    /// Above 100 % for a share whose baseline and target are within 0–100 %.
    OverWhole,
    /// Ten times the planned change or more away from the baseline (進捗率 of ±1000 % or beyond).
    FarFromPlan,
}

impl FarOutside {
    /// The reason, for the officer, in one sentence.
    pub fn explain(self) -> &'static str {
        match self {
            FarOutside::Negative => "基準値・目標値は0以上ですが、負の値です。",
            FarOutside::TooLarge => "基準値・目標値の大きい方の10倍を超えています。",
            FarOutside::TooSmall => "基準値・目標値の小さい方の10分の1未満です。",
            FarOutside::OverWhole => "割合（%）が100%を超えています。",
            FarOutside::FarFromPlan => "基準値からの差が、計画した増減の10倍以上です（進捗率が±1000%以上になります）。",
        }
    }
}

/// Whether `value`, as an actual of `kpi`, is far outside the KPI's range; `None` when it is
/// plausible or when the KPI gives no range to judge by (a goal in words, no numbers at all).
pub fn far_outside(kpi: &Kpi, value: f64) -> Option<FarOutside> {
    let target = match kpi.target {
        Some(KpiValue::Number(t)) => t,
        _ => return None,
    };
    let baseline = kpi.baseline.as_ref().and_then(KpiValue::as_number);
    let refs: Vec<f64> = baseline.into_iter().chain([target]).collect();
    let largest = refs.iter().map(|r| r.abs()).fold(0.0, f64::max);
    if !value.is_finite() {
        return None;
    }
    if value < 0.0 && refs.iter().all(|r| *r >= 0.0) && largest > 0.0 {
        return Some(FarOutside::Negative);
    }
    if largest > 0.0 && value.abs() > FAR * largest {
        return Some(FarOutside::TooLarge);
    }
    if let Some(b) = baseline
        && b > 0.0
        && target > 0.0
        && value > 0.0
        && value < b.min(target) / FAR
    {
        return Some(FarOutside::TooSmall);
    }
    let percent = matches!(kpi.unit.trim(), "%" | "％");
    if percent && refs.iter().all(|r| (0.0..=100.0).contains(r)) && value > 100.0 {
        return Some(FarOutside::OverWhole);
    }
    if let Some(b) = baseline
        && target != b
        && (value - b).abs() >= FAR * (target - b).abs()
    {
        return Some(FarOutside::FarFromPlan);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, FiscalYear};
    use std::collections::BTreeMap;

    fn kpi(unit: &str, baseline: Option<f64>, target: f64) -> Kpi {
        Kpi {
            id: 1,
            name: "k".into(),
            unit: unit.into(),
            baseline_year: Some(FiscalYear(2020)),
            baseline: baseline.map(KpiValue::Number),
            target_year: Some(FiscalYear(2023)),
            target: Some(KpiValue::Number(target)),
            direction: Direction::Increase,
            note: String::new(),
            actuals: BTreeMap::new(),
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
    fn ordinary_progress_is_not_asked_about() {
        // 在宅勤務の実施職員: 8 → 50 人/日.
        let k = kpi("人/日", Some(8.0), 50.0);
        for v in [0.0, 8.0, 30.0, 50.0, 120.0, 400.0] {
            assert_eq!(far_outside(&k, v), None, "{v}");
        }
        // 未収金額: 949,451,676 → 854,506,508 円, a year that went the wrong way.
        let k = kpi("円", Some(949_451_676.0), 854_506_508.0);
        assert_eq!(far_outside(&k, 960_000_000.0), None);
        // マイナンバーカードの取得率 18 → 33 %, beyond the target.
        assert_eq!(far_outside(&kpi("%", Some(18.0), 33.0), 72.5), None);
    }

    #[test]
    fn a_negative_count_is_asked_about() {
        // −818 for 8 → 50 would be 進捗率 −1966.7 %.
        assert_eq!(far_outside(&kpi("人/日", Some(8.0), 50.0), -818.0), Some(FarOutside::Negative));
        assert_eq!(far_outside(&kpi("件", None, 2.0), -1.0), Some(FarOutside::Negative));
        // A KPI measured below zero (a balance) takes negative values.
        assert_eq!(far_outside(&kpi("百万円", Some(-40.0), 10.0), -20.0), None);
    }

    #[test]
    fn more_than_ten_times_the_larger_of_baseline_and_target() {
        let k = kpi("件", None, 800.0);
        assert_eq!(far_outside(&k, 8_000.0), None, "exactly ten times is allowed");
        assert_eq!(far_outside(&k, 8_001.0), Some(FarOutside::TooLarge));
        // A digit too many on 未収金額.
        let k = kpi("円", Some(949_451_676.0), 854_506_508.0);
        assert_eq!(far_outside(&k, 9_020_000_000.0), Some(FarOutside::FarFromPlan));
        assert_eq!(far_outside(&k, 95_000_000_000.0), Some(FarOutside::TooLarge));
    }

    #[test]
    fn under_a_tenth_of_baseline_and_target() {
        // マイナンバーカードの取得率 18 → 33 %: 1.8 % is 18 with its digits shifted.
        let k = kpi("%", Some(18.0), 33.0);
        assert_eq!(far_outside(&k, 1.7), Some(FarOutside::TooSmall));
        assert_eq!(far_outside(&k, 1.8), None, "a tenth of the smaller is allowed");
        assert_eq!(far_outside(&k, 0.0), None, "nothing yet is no slip");
        // Without a baseline a small first year is ordinary: チャットボットの回答データ数, 50 of 800.
        assert_eq!(far_outside(&kpi("件", None, 800.0), 50.0), None);
    }

    #[test]
    fn a_share_above_the_whole() {
        // 1000 % for 市内16地区の見直し実施割合 (target 100 %): ten times, yet no share.
        let k = kpi("%", None, 100.0);
        assert_eq!(far_outside(&k, 100.0), None);
        assert_eq!(far_outside(&k, 1000.0), Some(FarOutside::OverWhole));
        assert_eq!(far_outside(&kpi("％", Some(18.0), 33.0), 180.0), Some(FarOutside::OverWhole));
        // Not a share: a rate that may exceed 100 % (baseline already above it).
        assert_eq!(far_outside(&kpi("%", Some(120.0), 150.0), 180.0), None);
    }

    #[test]
    fn far_from_the_planned_change() {
        // スポーツ施設利用者 7,004 → 7,354 件: 70,040 is a digit too many (進捗率 18,011 %).
        let k = kpi("件", Some(7_004.0), 7_354.0);
        assert_eq!(far_outside(&k, 70_040.0), Some(FarOutside::FarFromPlan));
        assert_eq!(far_outside(&k, 10_503.0), None);
        assert_eq!(far_outside(&k, 10_504.0), Some(FarOutside::FarFromPlan), "進捗率 1000 %");
        // 未収金額 949,451,676 → 854,506,508: 98 would be 進捗率 1000.0 % (digits left out).
        let k = kpi("円", Some(949_451_676.0), 854_506_508.0);
        assert_eq!(far_outside(&k, 98.0), Some(FarOutside::TooSmall));
    }

    #[test]
    fn no_range_no_question() {
        let mut k = kpi("", None, 0.0);
        assert_eq!(far_outside(&k, 5.0), None, "baseline and target zero give no scale");
        k.target = Some(KpiValue::Text("存続の可否決定".into()));
        assert_eq!(far_outside(&k, -5.0), None);
        k.target = None;
        assert_eq!(far_outside(&k, 1e12), None);
    }
}
