//! An item that leaves the plan before its end: municipal mid-term revisions do not delete it but
//! keep it, with its history, marked with why and from which year (完了, 目標達成, 経常業務化, 統合, 中止).

use serde::{Deserialize, Serialize};

use super::fiscal::FiscalYear;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatusKind {
    /// 完了: the work is done.
    Completed,
    /// 目標達成: the KPI's target was reached early.
    Achieved,
    /// 経常業務化: the work goes on as the department's ordinary business.
    Routine,
    /// 統合: folded into another item.
    Merged,
    /// 中止: stopped.
    Stopped,
}

impl StatusKind {
    pub const ALL: [StatusKind; 5] =
        [StatusKind::Completed, StatusKind::Achieved, StatusKind::Routine, StatusKind::Merged, StatusKind::Stopped];

    pub fn label(self) -> &'static str {
        match self {
            StatusKind::Completed => "完了",
            StatusKind::Achieved => "目標達成",
            StatusKind::Routine => "経常業務化",
            StatusKind::Merged => "統合",
            StatusKind::Stopped => "中止",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            StatusKind::Completed => "completed",
            StatusKind::Achieved => "achieved",
            StatusKind::Routine => "routine",
            StatusKind::Merged => "merged",
            StatusKind::Stopped => "stopped",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Japanese word as a plan file or workbook writes it (完了…中止), or the code.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|k| k.label() == text || k.code() == text)
    }
}

/// Why and from when an item is no longer carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemStatus {
    pub kind: StatusKind,
    /// The fiscal year the item ended in (its last year of work).
    pub year: FiscalYear,
    /// The stated reason (統合先: 項目5, 国の制度改正により…).
    pub reason: String,
}

impl ItemStatus {
    /// 「中止（令和4年度）」
    pub fn label(&self) -> String {
        format!("{}（{}）", self.kind.label(), self.year.japanese())
    }

    /// Whether the item is still worked on in `year` (and so surveyed, and expected to progress).
    pub fn active_in(status: Option<&ItemStatus>, year: FiscalYear) -> bool {
        status.is_none_or(|s| year <= s.year)
    }

    /// The rules every way in applies: a reason is required, the year lies in the plan.
    pub fn check(&self, first: FiscalYear, last: FiscalYear) -> Result<(), String> {
        if self.reason.trim().is_empty() {
            return Err(format!("{}の理由を入力してください。", self.kind.label()));
        }
        if self.year < first || self.year > last {
            return Err(format!(
                "{}の年度は計画の期間（{}～{}）の中で選んでください。",
                self.kind.label(),
                first.japanese(),
                last.japanese()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_code_and_word() {
        for k in StatusKind::ALL {
            assert_eq!(StatusKind::from_code(k.code()), Some(k));
            assert_eq!(StatusKind::from_label(k.label()), Some(k));
        }
        assert_eq!(StatusKind::from_label(" 中止 "), Some(StatusKind::Stopped));
        assert_eq!(StatusKind::from_label("休止"), None);
    }

    #[test]
    fn a_status_needs_a_reason_and_a_year_of_the_plan() {
        let status =
            |year, reason: &str| ItemStatus { kind: StatusKind::Merged, year: FiscalYear(year), reason: reason.into() };
        let (first, last) = (FiscalYear(2021), FiscalYear(2023));
        assert!(status(2022, "項目5に統合").check(first, last).is_ok());
        assert_eq!(status(2022, "  ").check(first, last).unwrap_err(), "統合の理由を入力してください。");
        assert!(status(2024, "項目5に統合").check(first, last).unwrap_err().contains("令和3年度～令和5年度"));
        let s = status(2022, "x");
        assert!(ItemStatus::active_in(Some(&s), FiscalYear(2022)), "worked on in its last year");
        assert!(!ItemStatus::active_in(Some(&s), FiscalYear(2023)));
        assert!(ItemStatus::active_in(None, FiscalYear(2030)));
        assert_eq!(s.label(), "統合（令和4年度）");
    }
}
