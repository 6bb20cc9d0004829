//! The plan as the app holds it in memory: a snapshot read from the record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fiscal::{FiscalYear, YearMonth};
use super::number::format_grouped;

/// Row ids of the record; stable across edits, undo and export/import.
pub type Id = i64;

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    pub name: String,
    pub short_name: String,
    pub first_year: FiscalYear,
    pub last_year: FiscalYear,
    pub baseline_year: FiscalYear,
}

impl PlanInfo {
    /// The plan's fiscal years in order (令和3, 4, 5 for SAP III).
    pub fn years(&self) -> Vec<FiscalYear> {
        (self.first_year.0..=self.last_year.0).map(FiscalYear).collect()
    }

    pub fn first_month(&self) -> YearMonth {
        self.first_year.first_month()
    }

    pub fn last_month(&self) -> YearMonth {
        self.last_year.last_month()
    }

    /// "令和3年度～令和5年度"
    pub fn period_label(&self) -> String {
        format!("{}～{}", self.first_year.japanese(), self.last_year.japanese())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub info: PlanInfo,
    pub focus_areas: Vec<FocusArea>,
    /// Ordered by item number.
    pub items: Vec<Item>,
}

impl Plan {
    pub fn item(&self, id: Id) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn item_by_number(&self, number: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.number == number)
    }

    pub fn focus_area(&self, number: u32) -> Option<&FocusArea> {
        self.focus_areas.iter().find(|f| f.number == number)
    }

    pub fn category(&self, id: Id) -> Option<(&FocusArea, &Category)> {
        self.focus_areas.iter().find_map(|f| f.categories.iter().find(|c| c.id == id).map(|c| (f, c)))
    }

    pub fn kpi(&self, id: Id) -> Option<(&Item, &Kpi)> {
        self.items.iter().find_map(|i| i.kpis.iter().find(|k| k.id == id).map(|k| (i, k)))
    }

    pub fn phase(&self, id: Id) -> Option<(&Item, &ScheduleRow, &Phase)> {
        self.items
            .iter()
            .find_map(|i| i.schedule.iter().find_map(|r| r.phases.iter().find(|p| p.id == id).map(|p| (i, r, p))))
    }

    pub fn row(&self, id: Id) -> Option<(&Item, &ScheduleRow)> {
        self.items.iter().find_map(|i| i.schedule.iter().find(|r| r.id == id).map(|r| (i, r)))
    }

    /// Every distinct 実施課 in order of first appearance.
    pub fn departments(&self) -> Vec<String> {
        let mut seen = Vec::<String>::new();
        for item in &self.items {
            if !seen.contains(&item.department) {
                seen.push(item.department.clone());
            }
        }
        seen
    }

    pub fn schedule_row_count(&self) -> usize {
        self.items.iter().map(|i| i.schedule.len()).sum()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FocusArea {
    pub id: Id,
    /// 重点項目1..5
    pub number: u32,
    pub title: String,
    pub categories: Vec<Category>,
}

/// A ● line under a focus area (取組分類).
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub id: Id,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: Id,
    /// 改革項目の番号 (1..31 in SAP III).
    pub number: u32,
    pub focus_area: u32,
    pub category_id: Id,
    pub title: String,
    /// 実施課, as printed (may name several: 企画広報課・商工課, 市民課及び関係課).
    pub department: String,
    /// 現状・課題
    pub current_issues: String,
    /// 実施内容・効果
    pub actions: String,
    pub kpis: Vec<Kpi>,
    pub schedule: Vec<ScheduleRow>,
    /// One per fiscal year at most, ordered by year.
    pub evaluations: Vec<Evaluation>,
}

impl Item {
    pub fn evaluation(&self, year: FiscalYear) -> Option<&Evaluation> {
        self.evaluations.iter().find(|e| e.year == year)
    }

    /// The department names an item is shared by: 企画広報課・商工課 → [企画広報課, 商工課];
    /// 市民課及び関係課 → [市民課] (関係課 names nobody in particular).
    pub fn departments(&self) -> Vec<String> {
        self.department
            .split(['・', '、'])
            .flat_map(|part| part.split("及び"))
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "関係課")
            .map(str::to_string)
            .collect()
    }
}

/// A KPI value: the document prints numbers (949,451,676) and sometimes words (存続の可否決定).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KpiValue {
    Number(f64),
    Text(String),
}

impl KpiValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            KpiValue::Number(n) => Some(*n),
            KpiValue::Text(_) => None,
        }
    }

    /// For the screen and print: 949,451,676 or the text as it is.
    pub fn display(&self) -> String {
        match self {
            KpiValue::Number(n) => format_grouped(*n),
            KpiValue::Text(t) => t.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Higher is better (most KPIs).
    Increase,
    /// Lower is better (item 16: 未収金額の縮減).
    Decrease,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "increase" => Some(Direction::Increase),
            "decrease" => Some(Direction::Decrease),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub id: Id,
    /// 目標名
    pub name: String,
    /// 単位 (may be empty)
    pub unit: String,
    pub baseline_year: Option<FiscalYear>,
    pub baseline: Option<KpiValue>,
    pub target_year: Option<FiscalYear>,
    pub target: Option<KpiValue>,
    pub direction: Direction,
    /// Remarks printed with the values: R2.6.1現在, 10%縮減, 職員の約10%.
    pub note: String,
    pub actuals: BTreeMap<FiscalYear, KpiValue>,
}

impl Kpi {
    /// A goal written in words (存続の可否決定): no 進捗率 can be computed.
    pub fn is_text_goal(&self) -> bool {
        !matches!(self.target, Some(KpiValue::Number(_)))
    }

    /// The latest fiscal year that has an actual, with the value.
    pub fn latest_actual(&self) -> Option<(FiscalYear, &KpiValue)> {
        self.actuals.iter().next_back().map(|(y, v)| (*y, v))
    }
}

/// One line of the 取組スケジュール table.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRow {
    pub id: Id,
    pub label: String,
    /// Ordered by start month.
    pub phases: Vec<Phase>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub id: Id,
    pub data: PhaseData,
}

/// Everything about a phase that an officer edits; an edit swaps one `PhaseData` for another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseData {
    pub label: String,
    pub start: YearMonth,
    pub end: YearMonth,
    pub actual_start: Option<YearMonth>,
    pub actual_end: Option<YearMonth>,
    pub status: PhaseStatus,
    pub note: String,
}

impl PhaseData {
    pub fn planned(label: &str, start: YearMonth, end: YearMonth) -> Self {
        PhaseData {
            label: label.to_string(),
            start,
            end,
            actual_start: None,
            actual_end: None,
            status: PhaseStatus::NotStarted,
            note: String::new(),
        }
    }

    pub fn kind(&self) -> PhaseKind {
        PhaseKind::of_label(&self.label)
    }

    /// Start not after end, and an actual end only with an actual start that precedes it.
    pub fn validate(&self) -> Result<(), String> {
        if self.start > self.end {
            return Err(format!(
                "開始（{}）が終了（{}）より後になっています。",
                self.start.japanese(),
                self.end.japanese()
            ));
        }
        if let (Some(s), Some(e)) = (self.actual_start, self.actual_end)
            && s > e
        {
            return Err(format!(
                "実績の開始（{}）が実績の終了（{}）より後になっています。",
                s.japanese(),
                e.japanese()
            ));
        }
        if self.actual_end.is_some() && self.actual_start.is_none() {
            return Err("実績の終了だけが入力されています。実績の開始も入力してください。".to_string());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhaseStatus {
    NotStarted,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}

impl PhaseStatus {
    pub const ALL: [PhaseStatus; 5] = [
        PhaseStatus::NotStarted,
        PhaseStatus::InProgress,
        PhaseStatus::Done,
        PhaseStatus::Delayed,
        PhaseStatus::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PhaseStatus::NotStarted => "未着手",
            PhaseStatus::InProgress => "進行中",
            PhaseStatus::Done => "完了",
            PhaseStatus::Delayed => "遅れ",
            PhaseStatus::Cancelled => "中止",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PhaseStatus::NotStarted => "not_started",
            PhaseStatus::InProgress => "in_progress",
            PhaseStatus::Done => "done",
            PhaseStatus::Delayed => "delayed",
            PhaseStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.label() == label.trim())
    }
}

/// Kinds of phase, told apart by colour in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    /// 調査・研究, 検討, 現状把握, 協議
    Study,
    /// 準備, 試行, 選定, 募集
    Preparation,
    /// 実施, 導入, 設置, 創設 — and a row with no label (the whole plan's effort)
    Implementation,
    Other,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 4] =
        [PhaseKind::Study, PhaseKind::Preparation, PhaseKind::Implementation, PhaseKind::Other];

    pub fn label(self) -> &'static str {
        match self {
            PhaseKind::Study => "調査・検討",
            PhaseKind::Preparation => "準備・試行",
            PhaseKind::Implementation => "実施",
            PhaseKind::Other => "その他",
        }
    }

    /// The plan's labels are short verbs of administration; the first keyword found decides.
    pub fn of_label(label: &str) -> Self {
        const STUDY: [&str; 6] = ["調査", "研究", "検討", "現状把握", "協議", "検証"];
        const PREPARATION: [&str; 5] = ["準備", "試行", "選定", "募集", "周知"];
        const IMPLEMENTATION: [&str; 6] = ["実施", "導入", "設置", "創設", "推進", "判断"];
        let label = label.trim();
        if label.is_empty() {
            return PhaseKind::Implementation;
        }
        let first = |words: &[&str]| words.iter().filter_map(|w| label.find(w)).min();
        let candidates = [
            (first(&STUDY), PhaseKind::Study),
            (first(&PREPARATION), PhaseKind::Preparation),
            (first(&IMPLEMENTATION), PhaseKind::Implementation),
        ];
        candidates
            .into_iter()
            .filter_map(|(pos, kind)| pos.map(|p| (p, kind)))
            .min_by_key(|(p, _)| *p)
            .map(|(_, kind)| kind)
            .unwrap_or(PhaseKind::Other)
    }
}

/// The officer's yearly rating of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rating {
    /// S 計画以上
    S,
    /// A 計画どおり
    A,
    /// B やや遅れ
    B,
    /// C 遅れ
    C,
    /// − 未評価
    Unrated,
}

impl Rating {
    pub const ALL: [Rating; 5] = [Rating::S, Rating::A, Rating::B, Rating::C, Rating::Unrated];

    pub fn code(self) -> &'static str {
        match self {
            Rating::S => "S",
            Rating::A => "A",
            Rating::B => "B",
            Rating::C => "C",
            Rating::Unrated => "-",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match crate::model::number::to_half_width(code.trim()).to_uppercase().as_str() {
            "S" => Some(Rating::S),
            "A" => Some(Rating::A),
            "B" => Some(Rating::B),
            "C" => Some(Rating::C),
            "-" | "−" | "" => Some(Rating::Unrated),
            _ => None,
        }
    }

    /// "S 計画以上"
    pub fn label(self) -> &'static str {
        match self {
            Rating::S => "S 計画以上",
            Rating::A => "A 計画どおり",
            Rating::B => "B やや遅れ",
            Rating::C => "C 遅れ",
            Rating::Unrated => "− 未評価",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub year: FiscalYear,
    pub rating: Rating,
    /// 取組実績
    pub results: String,
    /// 課題・今後の方針
    pub next_steps: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_kinds_from_labels() {
        assert_eq!(PhaseKind::of_label("調査・研究"), PhaseKind::Study);
        assert_eq!(PhaseKind::of_label("検討"), PhaseKind::Study);
        assert_eq!(PhaseKind::of_label("試行"), PhaseKind::Preparation);
        assert_eq!(PhaseKind::of_label("推進室準備"), PhaseKind::Implementation);
        assert_eq!(PhaseKind::of_label("実施"), PhaseKind::Implementation);
        assert_eq!(PhaseKind::of_label(""), PhaseKind::Implementation);
        assert_eq!(PhaseKind::of_label("中之保処理区実施"), PhaseKind::Implementation);
        assert_eq!(PhaseKind::of_label("指定管理者の募集"), PhaseKind::Preparation);
    }

    #[test]
    fn shared_departments_are_split() {
        let mut item = Item {
            id: 1,
            number: 18,
            focus_area: 2,
            category_id: 1,
            title: String::new(),
            department: "企画広報課・商工課".into(),
            current_issues: String::new(),
            actions: String::new(),
            kpis: vec![],
            schedule: vec![],
            evaluations: vec![],
        };
        assert_eq!(item.departments(), vec!["企画広報課", "商工課"]);
        item.department = "市民協働課及び関係課".into();
        assert_eq!(item.departments(), vec!["市民協働課"]);
    }

    #[test]
    fn ratings_round_trip() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
        assert_eq!(Rating::from_code("ａ"), Some(Rating::A));
        assert_eq!(Rating::from_code("D"), None);
    }

    #[test]
    fn phase_validation() {
        let ok = PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        assert!(ok.validate().is_ok());
        let mut bad = ok.clone();
        bad.start = YearMonth::new(2023, 4);
        assert!(bad.validate().unwrap_err().contains("開始"));
    }
}
