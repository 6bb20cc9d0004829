//! The plan as the app holds it in memory: a snapshot read from the record.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::fiscal::{FiscalYear, YearMonth};
use super::number::format_grouped;
use super::schedule::{Phase, ScheduleRow};

/// Row ids of the record; stable across edits, undo and export/import.
pub type Id = i64;

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    pub name: String,
    pub short_name: String,
    pub first_year: FiscalYear,
    pub last_year: FiscalYear,
    pub baseline_year: FiscalYear,
    /// 策定日: the day the plan was adopted (令和3年3月 for SAP III), when known.
    pub adopted_on: Option<chrono::NaiveDate>,
}

impl PlanInfo {
    /// The plan's fiscal year at a date: the one running then, or the first or last year of the
    /// plan when the date lies before or after it.
    pub fn year_at(&self, date: chrono::NaiveDate) -> FiscalYear {
        let month = YearMonth::new(chrono::Datelike::year(&date), chrono::Datelike::month(&date));
        FiscalYear::containing(month).clamp(self.first_year, self.last_year)
    }

    /// The last day of the plan (31 March of its last fiscal year).
    pub fn end_date(&self) -> chrono::NaiveDate {
        let last = self.last_month();
        chrono::NaiveDate::from_ymd_opt(
            last.year,
            last.month,
            crate::model::dates::days_in_month(last.year, last.month),
        )
        .expect("the last month of a plan is a real month")
    }

    /// The 基準日 the window opens on: today, or the plan's last day once its period has ended
    /// (a finished plan is looked at as it stood at its end).
    pub fn default_as_of(&self, today: chrono::NaiveDate) -> chrono::NaiveDate {
        today.min(self.end_date())
    }

    /// The last fiscal year of the plan that has ended at `today` (the plan's first year before any
    /// has): the year the spring survey asks about, and the year's report is made for.
    pub fn last_ended_year(&self, today: chrono::NaiveDate) -> FiscalYear {
        let running =
            FiscalYear::containing(YearMonth::new(chrono::Datelike::year(&today), chrono::Datelike::month(&today)));
        let years = self.years();
        years.iter().rev().find(|y| y.0 < running.0).or(years.first()).copied().unwrap_or(FiscalYear(running.0 - 1))
    }

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

    /// Every distinct 実施課 as the items name it (企画広報課・商工課 is one), in order of first appearance.
    pub fn departments(&self) -> Vec<String> {
        distinct(self.items.iter().map(|i| i.department.clone()))
    }

    /// Every single department (a shared item counts for each of its 課), in order of first
    /// appearance: who answers a survey, and what the tree filters by.
    pub fn single_departments(&self) -> Vec<String> {
        distinct(self.items.iter().flat_map(Item::departments))
    }

    /// What a department choice offers: each item's 実施課 as written and each single department.
    pub fn department_choices(&self) -> Vec<String> {
        distinct(self.items.iter().flat_map(|i| std::iter::once(i.department.clone()).chain(i.departments())))
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
    /// The 行政改革推進審議会's opinion on the item, per fiscal year (never empty text).
    pub council_opinions: BTreeMap<FiscalYear, String>,
    /// The item of the previous plan this one continues (「SAPⅢ 項目16」); set by a rollover.
    pub predecessor: Option<String>,
    /// Set when the item has left the plan (完了, 統合, 中止…): it is kept, with its history.
    pub status: Option<super::status::ItemStatus>,
    /// The heading its goals go under (数値目標, or 活動目標 for item 15) and that of its second text
    /// (実施内容・効果, or 取組内容・効果 for items 19–21).
    pub goal_heading: super::goal::GoalHeading,
    pub actions_heading: super::goal::ActionsHeading,
    /// 効果額 per fiscal year, in 千円 (planned and actual).
    pub effects: BTreeMap<FiscalYear, super::goal::Effect>,
}

/// The names in order of first appearance, each once.
fn distinct(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

impl Item {
    /// The title as lists, the schedule and print show it: an item that has left the plan says so,
    /// 「観光施設のあり方の検討〔中止（令和4年度）〕」.
    pub fn listed_title(&self) -> String {
        match &self.status {
            Some(s) => format!("{}〔{}〕", self.title, s.label()),
            None => self.title.clone(),
        }
    }

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
    /// 目標の方向 as the council reads it.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Increase => "増加",
            Direction::Decrease => "減少",
        }
    }

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
    /// Years whose actual is provisional (暫定) until confirmed.
    pub provisional: BTreeSet<FiscalYear>,
    /// Decimals the plan prints the KPI's numbers with (1 for 18.0 %); more precise values show theirs.
    pub decimals: u8,
    /// A remark on the baseline (R2.6.1現在) and one on the target (10%縮減, 5%増), printed beside them.
    pub baseline_note: String,
    pub target_note: String,
    /// The day the baseline was taken, where the plan says more than its year (R2.6.1 → 2020-06-01).
    pub baseline_date: Option<chrono::NaiveDate>,
    /// Numbers shown in 万 (item 12's 60万人) or as they are.
    pub scale: super::goal::Scale,
    /// Dated targets besides the final one (R7までに1、R9までに2（累計）), in year order.
    pub milestones: Vec<super::goal::Milestone>,
}

impl Kpi {
    /// A goal written in words (存続の可否決定): no 進捗率 can be computed.
    pub fn is_text_goal(&self) -> bool {
        !matches!(self.target, Some(KpiValue::Number(_)))
    }

    /// A value as the plan prints it: 949,451,676 or 18.0, or the words as they are.
    pub fn display_value(&self, v: &KpiValue) -> String {
        match (v, self.scale) {
            (KpiValue::Number(n), super::goal::Scale::One) => super::number::format_grouped_with(*n, self.decimals),
            (KpiValue::Number(n), scale) => {
                format!("{}万", super::number::format_grouped_with(*n / scale.factor() as f64, self.decimals))
            }
            (KpiValue::Text(t), _) => t.clone(),
        }
    }

    /// A number for a CSV cell, with the plan's decimals and no separators: 949451676, 18.0.
    pub fn plain_value(&self, n: f64) -> String {
        super::number::format_plain_with(n, self.decimals)
    }

    /// Whether `remarks` has anything to say (asked every frame, without building the text).
    pub fn has_remarks(&self) -> bool {
        !(self.baseline_note.is_empty()
            && self.baseline_date.is_none()
            && self.target_note.is_empty()
            && self.milestones.is_empty()
            && self.note.is_empty())
    }

    /// Everything printed beside the values in one line (the 備考 of the CSV, the report, the table's
    /// hover): the baseline's and the target's remarks, the milestones, then the KPI's own note.
    /// 「基準値: R2.6.1現在／目標値: 10%縮減」
    pub fn remarks(&self) -> String {
        let mut parts = Vec::new();
        if !self.baseline_note.is_empty() {
            parts.push(format!("基準値: {}", self.baseline_note));
        } else if let Some(day) = self.baseline_date {
            parts.push(format!("基準値: {}現在", super::dates::japanese_date(day)));
        }
        if !self.target_note.is_empty() {
            parts.push(format!("目標値: {}", self.target_note));
        }
        if !self.milestones.is_empty() {
            let shown: Vec<String> = self.milestones.iter().map(|m| m.label(|v| self.display_value(v))).collect();
            parts.push(format!("中間目標: {}", shown.join("、")));
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        parts.join("／")
    }

    /// Whether the year's actual is there and marked 暫定 (provisional until confirmed).
    pub fn is_provisional(&self, year: FiscalYear) -> bool {
        self.provisional.contains(&year) && self.actuals.contains_key(&year)
    }

    /// The latest fiscal year that has an actual, with the value.
    pub fn latest_actual(&self) -> Option<(FiscalYear, &KpiValue)> {
        self.actuals.iter().next_back().map(|(y, v)| (*y, v))
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

impl Evaluation {
    /// One line for the change history and the import preview.
    pub fn summary(&self) -> String {
        format!("{} / 取組実績: {} / 課題・今後の方針: {}", self.rating.label(), self.results, self.next_steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            council_opinions: BTreeMap::new(),
            predecessor: None,
            status: None,
            goal_heading: Default::default(),
            actions_heading: Default::default(),
            effects: BTreeMap::new(),
        };
        assert_eq!(item.departments(), vec!["企画広報課", "商工課"]);
        item.title = "観光施設のあり方の検討".into();
        assert_eq!(item.listed_title(), "観光施設のあり方の検討");
        item.status = Some(crate::model::ItemStatus {
            kind: crate::model::StatusKind::Stopped,
            year: FiscalYear(2022),
            reason: "x".into(),
        });
        assert_eq!(item.listed_title(), "観光施設のあり方の検討〔中止（令和4年度）〕", "lists and print say it ended");
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
    fn the_due_year_is_the_last_ended_year_of_the_plan() {
        let info = crate::seed::sap3().info; // 令和3〜5年度
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(info.last_ended_year(day(2023, 5, 10)), FiscalYear(2022), "spring 2023 asks about 令和4年度");
        assert_eq!(info.last_ended_year(day(2023, 3, 31)), FiscalYear(2021), "令和4年度 is still running");
        assert_eq!(info.last_ended_year(day(2026, 11, 25)), FiscalYear(2023), "after the plan: its last year");
        assert_eq!(info.last_ended_year(day(2021, 6, 1)), FiscalYear(2021), "before any has ended: the first");
    }

    #[test]
    fn a_finished_plan_is_looked_at_on_its_last_day() {
        let info = crate::seed::sap3().info; // 令和3〜5年度
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(info.end_date(), day(2024, 3, 31));
        assert_eq!(info.default_as_of(day(2026, 12, 4)), day(2024, 3, 31));
        assert_eq!(info.default_as_of(day(2022, 10, 1)), day(2022, 10, 1));
        assert_eq!(info.year_at(day(2022, 10, 1)), FiscalYear(2022));
        assert_eq!(info.year_at(day(2023, 3, 31)), FiscalYear(2022), "March belongs to the year before");
        assert_eq!(info.year_at(day(2026, 12, 4)), FiscalYear(2023), "after the plan: its last year");
        assert_eq!(info.year_at(day(2020, 5, 1)), FiscalYear(2021), "before the plan: its first year");
    }
}
