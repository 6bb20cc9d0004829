//! The tree's filters (search text, 実施課, status), shared by every view so that the schedule,
//! the KPI table and the print scope show the same items.

use crate::model::progress::progress;
use crate::model::{Id, Item, Judgement, PhaseStatus, Plan};
use chrono::NaiveDate;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ItemFilter {
    /// Matched against number, title, 実施課 and schedule labels; blank matches all.
    pub text: String,
    /// One of `Plan::departments()`, or `None` for all.
    pub department: Option<String>,
    pub status: StatusFilter,
}

/// Filter by the state of an item's work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StatusFilter {
    #[default]
    All,
    /// Some phase is 遅れ, or some KPI is judged 遅れ.
    Behind,
    /// Some phase is 進行中.
    InProgress,
    /// Every phase is 完了 or 中止.
    Finished,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] =
        [StatusFilter::All, StatusFilter::Behind, StatusFilter::InProgress, StatusFilter::Finished];

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "すべて",
            StatusFilter::Behind => "遅れあり",
            StatusFilter::InProgress => "進行中",
            StatusFilter::Finished => "完了",
        }
    }
}

impl ItemFilter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.department.is_none() && self.status == StatusFilter::All
    }

    /// Whether the item passes the filters, lateness judged at the 基準日 `as_of`.
    pub fn matches(&self, plan: &Plan, item: &Item, as_of: NaiveDate) -> bool {
        let text = self.text.trim();
        if !text.is_empty() {
            let number = item.number.to_string();
            let hit = number == text
                || item.title.contains(text)
                || item.department.contains(text)
                || item.schedule.iter().any(|r| r.label.contains(text));
            if !hit {
                return false;
            }
        }
        if let Some(dept) = &self.department
            && !item.departments().iter().any(|d| d == dept)
            && item.department != *dept
        {
            return false;
        }
        let phases = || item.schedule.iter().flat_map(|r| r.phases.iter()).map(|p| p.data.status_at(as_of));
        match self.status {
            StatusFilter::All => true,
            StatusFilter::Behind => {
                phases().any(|s| s == PhaseStatus::Delayed)
                    || item.kpis.iter().any(|k| progress(&plan.info, k).judgement == Judgement::Behind)
            }
            StatusFilter::InProgress => phases().any(|s| s == PhaseStatus::InProgress),
            StatusFilter::Finished => {
                phases().count() > 0 && phases().all(|s| matches!(s, PhaseStatus::Done | PhaseStatus::Cancelled))
            }
        }
    }

    /// Ids of the items to show, in plan order.
    pub fn visible_items(&self, plan: &Plan, as_of: NaiveDate) -> Vec<Id> {
        plan.items.iter().filter(|i| self.matches(plan, i, as_of)).map(|i| i.id).collect()
    }
}
