//! An item's schedule: rows of phases, each with planned and actual months, a status and a kind.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::fiscal::YearMonth;
use super::plan::{Id, PlanInfo};

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
    /// A phase added with 工程を追加: six months after the row's last phase, within the plan.
    pub fn next_in(info: &PlanInfo, row: Option<&ScheduleRow>) -> PhaseData {
        let (first, last) = (info.first_month(), info.last_month());
        let after = row.and_then(|r| r.phases.iter().map(|p| p.data.end).max()).map(|m| m.add_months(1));
        let start = after.filter(|m| *m <= last).unwrap_or(first);
        PhaseData::planned("新しい工程", start, start.add_months(5).min(last))
    }

    /// One line for the change history and the import preview: label, period, status, actual, note.
    pub fn summary(&self) -> String {
        let mut s =
            format!("{}（{}〜{}、{}）", self.label, self.start.japanese(), self.end.japanese(), self.status.label());
        if let Some(a) = self.actual_start {
            let end = self.actual_end.map(|m| m.japanese()).unwrap_or_default();
            s.push_str(&format!(" 実績 {}〜{end}", a.japanese()));
        }
        if !self.note.is_empty() {
            s.push_str(&format!(" 備考: {}", self.note));
        }
        s
    }

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

    /// The status as of the 基準日: a phase whose planned end has passed and that is neither 完了
    /// nor 中止 is 遅れ, whatever was last entered (the screen, the paper and the 遅れあり filter
    /// all judge by this).
    pub fn status_at(&self, as_of: NaiveDate) -> PhaseStatus {
        let month = YearMonth::new(as_of.year(), as_of.month());
        match self.status {
            PhaseStatus::Done | PhaseStatus::Cancelled | PhaseStatus::Delayed => self.status,
            PhaseStatus::NotStarted | PhaseStatus::InProgress if self.end < month => PhaseStatus::Delayed,
            other => other,
        }
    }

    /// Whether the phase is late at the 基準日 (see [`PhaseData::status_at`]).
    pub fn is_late(&self, as_of: NaiveDate) -> bool {
        self.status_at(as_of) == PhaseStatus::Delayed
    }

    /// The status the newly entered actual months imply, compared with `before`: an actual start
    /// moves 未着手 to 進行中, an actual end moves an unfinished phase to 完了. A status the
    /// officer changed in the same edit is kept.
    pub fn follow_actuals(mut self, before: &PhaseData) -> PhaseData {
        if self.status != before.status {
            return self;
        }
        if self.actual_end.is_some() && before.actual_end.is_none() {
            if matches!(self.status, PhaseStatus::NotStarted | PhaseStatus::InProgress | PhaseStatus::Delayed) {
                self.status = PhaseStatus::Done;
            }
        } else if self.actual_start.is_some() && before.actual_start.is_none() && self.status == PhaseStatus::NotStarted
        {
            self.status = PhaseStatus::InProgress;
        }
        self
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
    fn phase_validation() {
        let ok = PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        assert!(ok.validate().is_ok());
        let mut bad = ok.clone();
        bad.start = YearMonth::new(2023, 4);
        assert!(bad.validate().unwrap_err().contains("開始"));
    }

    #[test]
    fn new_phases_follow_the_row() {
        let plan = crate::seed::sap3();
        let p = PhaseData::next_in(&plan.info, None);
        assert_eq!((p.start, p.end), (YearMonth::new(2021, 4), YearMonth::new(2021, 9)));
        let row = ScheduleRow {
            id: 1,
            label: String::new(),
            phases: vec![Phase {
                id: 1,
                data: PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2023, 12)),
            }],
        };
        let p = PhaseData::next_in(&plan.info, Some(&row));
        assert_eq!((p.start, p.end), (YearMonth::new(2024, 1), YearMonth::new(2024, 3)));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_phase_past_its_planned_end_and_not_finished_is_late() {
        let mut p = PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        assert!(!p.is_late(day(2022, 3, 31)), "the last day of the end month is still on time");
        assert!(p.is_late(day(2022, 4, 1)));
        p.status = PhaseStatus::InProgress;
        assert_eq!(p.status_at(day(2026, 12, 4)), PhaseStatus::Delayed);
        p.status = PhaseStatus::Done;
        assert!(!p.is_late(day(2026, 12, 4)), "完了 is never late");
        p.status = PhaseStatus::Cancelled;
        assert!(!p.is_late(day(2026, 12, 4)), "中止 is never late");
        p.status = PhaseStatus::Delayed;
        assert!(p.is_late(day(2021, 5, 1)), "marked 遅れ by the officer stays 遅れ");
    }

    #[test]
    fn entering_actual_months_moves_the_status_on() {
        let before = PhaseData::planned("検討", YearMonth::new(2021, 4), YearMonth::new(2022, 3));
        let mut started = before.clone();
        started.actual_start = Some(YearMonth::new(2021, 5));
        let started = started.follow_actuals(&before);
        assert_eq!(started.status, PhaseStatus::InProgress);
        let mut ended = started.clone();
        ended.actual_end = Some(YearMonth::new(2022, 2));
        assert_eq!(ended.follow_actuals(&started).status, PhaseStatus::Done);
        // Both at once, from 未着手: 完了.
        let mut both = before.clone();
        both.actual_start = Some(YearMonth::new(2021, 5));
        both.actual_end = Some(YearMonth::new(2022, 2));
        assert_eq!(both.follow_actuals(&before).status, PhaseStatus::Done);
        // A status chosen in the same edit wins; 中止 is not turned into 完了.
        let mut chosen = before.clone();
        chosen.actual_start = Some(YearMonth::new(2021, 5));
        chosen.status = PhaseStatus::Delayed;
        assert_eq!(chosen.clone().follow_actuals(&before).status, PhaseStatus::Delayed);
        let mut cancelled = before.clone();
        cancelled.status = PhaseStatus::Cancelled;
        let mut c2 = cancelled.clone();
        c2.actual_start = Some(YearMonth::new(2021, 5));
        c2.actual_end = Some(YearMonth::new(2021, 6));
        assert_eq!(c2.follow_actuals(&cancelled).status, PhaseStatus::Cancelled);
    }
}
