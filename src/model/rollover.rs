//! Rolling a plan over into the next one (次期計画): which items are carried, the KPIs' new
//! baselines and where unfinished phases move. Pure: the old plan in, the new plan out.

use super::fiscal::{FiscalYear, YearMonth};
use super::plan::{Item, Kpi, Plan, PlanInfo};
use super::progress::{Judgement, progress};
use super::schedule::{PhaseData, PhaseStatus, ScheduleRow};

/// The longest plan period a rollover accepts, in fiscal years.
pub use super::limits::MAX_YEARS;

/// Which items go into the new plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// Items with a phase not 完了/中止 or a numeric KPI not 達成 at the old plan's end.
    Unfinished,
    All,
    /// Focus areas and categories only.
    None,
}

impl Carry {
    pub const ALL: [Carry; 3] = [Carry::Unfinished, Carry::All, Carry::None];

    pub fn from_code(code: &str) -> Option<Carry> {
        match code.trim().to_ascii_lowercase().as_str() {
            "unfinished" => Some(Carry::Unfinished),
            "all" => Some(Carry::All),
            "none" => Some(Carry::None),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Carry::Unfinished => "未完了の項目",
            Carry::All => "すべての項目",
            Carry::None => "項目なし（重点項目と取組分類のみ）",
        }
    }
}

/// What the officer asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct RolloverSpec {
    pub name: String,
    pub short_name: String,
    pub first_year: FiscalYear,
    pub last_year: FiscalYear,
    pub carry: Carry,
}

/// Reads a period: R6-R8, 2024-2026, 令和6-8 (the second year may omit the era), 1 to 10 years.
pub fn parse_years(text: &str) -> Result<(FiscalYear, FiscalYear), String> {
    let half = super::number::to_half_width(text.trim());
    let refuse = || {
        format!(
            "期間「{text}」を読めません。R6-R8、2024-2026、令和6-8 のように最初と最後の年度を指定してください（1〜{MAX_YEARS} 年度）。"
        )
    };
    let (a, b) = half.split_once(['-', '~', '～', '〜']).ok_or_else(refuse)?;
    let first = FiscalYear::parse(a).ok_or_else(refuse)?;
    let last = FiscalYear::parse(b)
        .or_else(|| {
            // 令和6-8: the second number shares the first's era.
            let n = b.trim().trim_end_matches("年度").parse::<i32>().ok()?;
            (a.trim().starts_with(['R', 'r', '令'])).then(|| FiscalYear::reiwa(n))
        })
        .ok_or_else(refuse)?;
    if last < first {
        return Err(format!(
            "期間「{text}」は最後の年度が最初の年度より前です。R6-R8 のように古い年度から指定してください。"
        ));
    }
    let count = last.0 - first.0 + 1;
    if count > MAX_YEARS {
        return Err(format!(
            "期間「{text}」は {count} 年度分です。最初の年度から最後の年度まで 1〜{MAX_YEARS} 年度で指定してください。"
        ));
    }
    Ok((first, last))
}

/// Whether an item is still under way at the old plan's end.
/// A KPI written in words has no 達成 to reach, so only its phases speak for it.
pub fn is_unfinished(info: &PlanInfo, item: &Item) -> bool {
    // An item that has left the plan (完了, 統合, 中止…) has ended, whatever its phases say.
    if item.status.is_some() {
        return false;
    }
    let open_phase = item.schedule.iter().flat_map(|r| &r.phases).any(|p| is_open(p.data.status));
    let open_kpi = item.kpis.iter().any(|k| {
        matches!(progress(info, k).judgement, Judgement::OnTrack | Judgement::Behind | Judgement::NotMeasured)
    });
    open_phase || open_kpi
}

fn is_open(status: PhaseStatus) -> bool {
    !matches!(status, PhaseStatus::Done | PhaseStatus::Cancelled)
}

/// The new plan: the old plan's focus areas and categories, and the carried items.
pub fn roll_over(old: &Plan, spec: &RolloverSpec) -> Plan {
    let info = PlanInfo {
        name: spec.name.trim().to_string(),
        short_name: spec.short_name.trim().to_string(),
        first_year: spec.first_year,
        last_year: spec.last_year,
        baseline_year: FiscalYear(spec.first_year.0 - 1),
        adopted_on: None,
    };
    let items = old
        .items
        .iter()
        .filter(|item| match spec.carry {
            Carry::All => true,
            Carry::None => false,
            Carry::Unfinished => is_unfinished(&old.info, item),
        })
        .map(|item| carry_item(&old.info, &info, item))
        .collect();
    Plan { info, focus_areas: old.focus_areas.clone(), items }
}

/// The link back to the old plan a carried item keeps: 「SAPⅢ 項目16」.
pub fn predecessor_of(old: &PlanInfo, number: u32) -> String {
    format!("{} 項目{number}", old.short_name)
}

fn carry_item(old: &PlanInfo, new: &PlanInfo, item: &Item) -> Item {
    let schedule = item
        .schedule
        .iter()
        .filter_map(|row| {
            let phases: Vec<_> = row
                .phases
                .iter()
                .filter(|p| is_open(p.data.status))
                .map(|p| super::schedule::Phase { id: p.id, data: move_phase(&p.data, new) })
                .collect();
            (!phases.is_empty()).then(|| ScheduleRow { id: row.id, label: row.label.clone(), phases })
        })
        .collect();
    Item {
        predecessor: Some(predecessor_of(old, item.number)),
        status: None,
        kpis: item.kpis.iter().map(|k| carry_kpi(k, new)).collect(),
        schedule,
        evaluations: Vec::new(),
        council_opinions: Default::default(),
        // 効果額 belongs to the plan it was reported in.
        effects: Default::default(),
        ..item.clone()
    }
}

/// The last actual becomes the baseline; a target outside the new period is left for the officer.
pub fn carry_kpi(kpi: &Kpi, new: &PlanInfo) -> Kpi {
    let (baseline_year, baseline) = match kpi.latest_actual() {
        Some((year, value)) => (Some(year), Some(value.clone())),
        None => (kpi.baseline_year, kpi.baseline.clone()),
    };
    let target_year = kpi.target_year.filter(|y| (new.first_year..=new.last_year).contains(y));
    Kpi {
        baseline_year,
        baseline,
        target_year,
        actuals: Default::default(),
        provisional: Default::default(),
        // The old baseline's day and remark do not describe the new baseline (the last actual).
        baseline_date: None,
        baseline_note: String::new(),
        ..kpi.clone()
    }
}

/// An unfinished phase in the new period: starting no earlier than its first month, keeping its
/// length where it fits, ending by its last month; actual months cleared (they belong to the old plan).
pub fn move_phase(data: &PhaseData, new: &PlanInfo) -> PhaseData {
    let (first, last) = (new.first_month(), new.last_month());
    let length = data.start.months_through(data.end).max(1);
    let start = data.start.max(first).min(last);
    let end: YearMonth = start.add_months(length - 1).min(last);
    let status = match data.status {
        PhaseStatus::InProgress => PhaseStatus::InProgress,
        PhaseStatus::Delayed if data.actual_start.is_some() => PhaseStatus::InProgress,
        _ => PhaseStatus::NotStarted,
    };
    PhaseData { start, end, actual_start: None, actual_end: None, status, ..data.clone() }
}

/// The preview: one line per carried item, its KPIs' new baselines and its moved phases.
pub fn preview(old: &Plan, new: &Plan) -> Vec<String> {
    let mut lines = vec![format!(
        "新しい計画「{}」（{}、{}）: 改革項目 {} 件を引き継ぎます（前計画 {} 件）。",
        new.info.name,
        new.info.short_name,
        new.info.period_label(),
        new.items.len(),
        old.items.len()
    )];
    for item in &new.items {
        lines.push(format!("項目{} {}（{}）", item.number, item.title, item.department));
        for kpi in &item.kpis {
            let base = match &kpi.baseline {
                Some(v) => format!("{}{}", kpi.display_value(v), kpi.unit),
                None => "なし".into(),
            };
            let year = kpi.baseline_year.map(|y| y.japanese()).unwrap_or_else(|| "年度なし".into());
            let target = match (&kpi.target, kpi.target_year) {
                (Some(t), Some(y)) => format!("目標 {}（{}）", kpi.display_value(t), y.japanese()),
                _ => "目標年度は未設定".into(),
            };
            lines.push(format!("  数値目標「{}」: 基準値 {base}（{year}）、{target}", kpi.name));
        }
        for row in &item.schedule {
            for p in &row.phases {
                let label = if p.data.label.is_empty() { &row.label } else { &p.data.label };
                lines.push(format!("  工程「{label}」→ {}〜{}", p.data.start.japanese(), p.data.end.japanese()));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiValue;

    fn spec(carry: Carry) -> RolloverSpec {
        RolloverSpec {
            name: "第4次行財政改革アクションプラン".into(),
            short_name: "SAPⅣ".into(),
            first_year: FiscalYear(2024),
            last_year: FiscalYear(2026),
            carry,
        }
    }

    #[test]
    fn periods_are_read_in_three_ways_and_refused_otherwise() {
        let r6_8 = Ok((FiscalYear(2024), FiscalYear(2026)));
        assert_eq!(parse_years("R6-R8"), r6_8);
        assert_eq!(parse_years("2024-2026"), r6_8);
        assert_eq!(parse_years("令和6-8"), r6_8);
        assert_eq!(parse_years("Ｒ６－Ｒ８"), r6_8);
        assert_eq!(parse_years("R6-R6"), Ok((FiscalYear(2024), FiscalYear(2024))));
        assert!(parse_years("R8-R6").unwrap_err().contains("最後の年度が最初の年度より前"));
        assert!(parse_years("2024-2034").unwrap_err().contains("11 年度分"));
        assert!(parse_years("2024-2034").is_err(), "11 years");
        assert!(parse_years("2024-2033").is_ok(), "10 years");
        assert!(parse_years("R6").is_err());
        assert!(parse_years("あいう-R8").is_err());
        assert!(parse_years("2024-8").is_err(), "a bare 8 is no Western year");
    }

    #[test]
    fn phases_move_into_the_new_period_keeping_their_length() {
        let info = roll_over(&crate::seed::sap3(), &spec(Carry::None)).info;
        let ym = YearMonth::new;
        let mut p = PhaseData::planned("検討", ym(2023, 10), ym(2024, 3));
        p.actual_start = Some(ym(2023, 11));
        p.status = PhaseStatus::Delayed;
        let moved = move_phase(&p, &info);
        assert_eq!((moved.start, moved.end), (ym(2024, 4), ym(2024, 9)), "six months from the new first month");
        assert_eq!((moved.actual_start, moved.actual_end), (None, None));
        assert_eq!(moved.status, PhaseStatus::InProgress);
        let long = PhaseData::planned("長い", ym(2021, 4), ym(2024, 3));
        let moved = move_phase(&long, &info);
        assert_eq!((moved.start, moved.end), (ym(2024, 4), ym(2027, 3)), "36 months fill R6..R8 exactly");
        let late = PhaseData::planned("後", ym(2025, 1), ym(2030, 3));
        let moved = move_phase(&late, &info);
        assert_eq!((moved.start, moved.end), (ym(2025, 1), ym(2027, 3)), "ends by the new last month");
    }

    #[test]
    fn a_kpi_starts_from_its_last_actual() {
        let old = crate::seed::sap3();
        let mut kpi = old.item_by_number(16).unwrap().kpis[0].clone();
        kpi.actuals.clear();
        kpi.actuals.insert(FiscalYear(2022), KpiValue::Number(900.0));
        kpi.actuals.insert(FiscalYear(2023), KpiValue::Number(850.0));
        kpi.target_year = Some(FiscalYear(2023));
        let info = roll_over(&old, &spec(Carry::None)).info;
        let new = carry_kpi(&kpi, &info);
        assert_eq!(new.baseline, Some(KpiValue::Number(850.0)));
        assert_eq!(new.baseline_year, Some(FiscalYear(2023)));
        assert_eq!(new.target_year, None, "R5 lies outside R6..R8");
        assert_eq!(new.target, kpi.target);
        assert!(new.actuals.is_empty());
        kpi.actuals.clear();
        kpi.target_year = Some(FiscalYear(2025));
        let new = carry_kpi(&kpi, &info);
        assert_eq!((new.baseline_year, &new.baseline), (kpi.baseline_year, &kpi.baseline), "no actual: old baseline");
        assert_eq!(new.target_year, Some(FiscalYear(2025)));
    }

    #[test]
    fn carry_modes_choose_items() {
        let mut old = crate::seed::sap3();
        let total = old.items.len();
        // Finish everything about item 1, so only it counts as finished.
        let one = old.items.iter_mut().find(|i| i.number == 1).unwrap();
        for p in one.schedule.iter_mut().flat_map(|r| r.phases.iter_mut()) {
            p.data.status = PhaseStatus::Done;
        }
        for k in one.kpis.iter_mut() {
            if let Some(t) = k.target.clone() {
                k.actuals.insert(FiscalYear(2023), t);
            }
        }
        assert!(!is_unfinished(&old.info, old.item_by_number(1).unwrap()));
        assert!(is_unfinished(&old.info, old.item_by_number(2).unwrap()));
        let all = roll_over(&old, &spec(Carry::All));
        assert_eq!(all.items.len(), total);
        assert_eq!(all.focus_areas, old.focus_areas);
        let unfinished = roll_over(&old, &spec(Carry::Unfinished));
        assert!(unfinished.items.iter().all(|i| i.number != 1));
        assert!(unfinished.items.len() < total);
        let none = roll_over(&old, &spec(Carry::None));
        assert!(none.items.is_empty());
        assert_eq!(none.focus_areas.len(), old.focus_areas.len());
        let item2 = unfinished.item_by_number(2).unwrap();
        assert_eq!(item2.predecessor.as_deref(), Some("SAPⅢ 項目2"));
        assert_eq!(item2.actions, old.item_by_number(2).unwrap().actions, "texts kept as they were");
        assert!(item2.evaluations.is_empty());
        assert!(
            item2.schedule.iter().flat_map(|r| &r.phases).all(|p| p.data.start >= YearMonth::new(2024, 4)),
            "phases lie in the new period"
        );
        assert_eq!(none.info.baseline_year, FiscalYear(2023));
    }
}
