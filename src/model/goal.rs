//! What the genre of plan says about goals besides a baseline and a target: dated milestones
//! (「R7までに1、R9までに2（累計）」), numbers shown in 万, the heading an item's goals and texts go
//! under (数値目標 or 活動目標; 実施内容・効果 or 取組内容・効果), and the yearly 効果額 (in 千円).

use serde::{Deserialize, Serialize};

use super::fiscal::FiscalYear;
use super::plan::KpiValue;

/// A dated target on the way (or beyond the plan's end): 「R9までに2（累計）」.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub year: FiscalYear,
    pub value: KpiValue,
    /// Counted from the start (累計), not within its own period.
    pub cumulative: bool,
}

impl Milestone {
    /// 「R9までに2（累計）」, the value as `shown` writes it.
    pub fn label(&self, shown: impl Fn(&KpiValue) -> String) -> String {
        let total = if self.cumulative { "（累計）" } else { "" };
        format!("{}までに{}{total}", self.year.short(), shown(&self.value))
    }
}

/// How a KPI's numbers are shown: as they are, or in 万 (600,000 → 60万).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Scale {
    #[default]
    One,
    /// 万 (ten thousand)
    Man,
}

impl Scale {
    pub const ALL: [Scale; 2] = [Scale::One, Scale::Man];

    pub fn factor(self) -> i64 {
        match self {
            Scale::One => 1,
            Scale::Man => 10_000,
        }
    }

    pub fn from_factor(f: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.factor() == f)
    }

    /// The word a plan file and the window use: 「そのまま」, 「万」.
    pub fn label(self) -> &'static str {
        match self {
            Scale::One => "そのまま",
            Scale::Man => "万",
        }
    }

    pub fn from_label(text: &str) -> Option<Self> {
        match text.trim() {
            "" | "そのまま" | "1" => Some(Scale::One),
            "万" | "10000" => Some(Scale::Man),
            _ => None,
        }
    }
}

/// The heading an item's goals go under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum GoalHeading {
    #[default]
    Numeric,
    /// 活動目標: the goals are activities (item 15), not measured outcomes.
    Activity,
}

impl GoalHeading {
    pub const ALL: [GoalHeading; 2] = [GoalHeading::Numeric, GoalHeading::Activity];

    pub fn label(self) -> &'static str {
        match self {
            GoalHeading::Numeric => "数値目標",
            GoalHeading::Activity => "活動目標",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            GoalHeading::Numeric => "numeric",
            GoalHeading::Activity => "activity",
        }
    }

    pub fn from_code(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == text.trim() || h.label() == text.trim())
    }
}

/// The heading of an item's second text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ActionsHeading {
    #[default]
    Implementation,
    /// 取組内容・効果 (items 19–21).
    Efforts,
}

impl ActionsHeading {
    pub const ALL: [ActionsHeading; 2] = [ActionsHeading::Implementation, ActionsHeading::Efforts];

    pub fn label(self) -> &'static str {
        match self {
            ActionsHeading::Implementation => "実施内容・効果",
            ActionsHeading::Efforts => "取組内容・効果",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ActionsHeading::Implementation => "implementation",
            ActionsHeading::Efforts => "efforts",
        }
    }

    pub fn from_code(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == text.trim() || h.label() == text.trim())
    }
}

/// An item's 効果額 for one fiscal year, in 千円: what the plan expects and what was achieved.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Effect {
    pub planned: Option<f64>,
    pub actual: Option<f64>,
}

impl Effect {
    pub fn is_empty(&self) -> bool {
        self.planned.is_none() && self.actual.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_read_as_the_plan_prints_them() {
        let m = Milestone { year: FiscalYear::reiwa(9), value: KpiValue::Number(2.0), cumulative: true };
        assert_eq!(m.label(KpiValue::display), "R9までに2（累計）");
        let m = Milestone { cumulative: false, year: FiscalYear::reiwa(7), ..m };
        assert_eq!(m.label(KpiValue::display), "R7までに2");
    }

    #[test]
    fn words_and_codes_read_back() {
        for s in Scale::ALL {
            assert_eq!(Scale::from_label(s.label()), Some(s));
            assert_eq!(Scale::from_factor(s.factor()), Some(s));
        }
        for h in GoalHeading::ALL {
            assert_eq!(GoalHeading::from_code(h.code()), Some(h));
            assert_eq!(GoalHeading::from_code(h.label()), Some(h));
        }
        for h in ActionsHeading::ALL {
            assert_eq!(ActionsHeading::from_code(h.label()), Some(h));
        }
        assert_eq!(Scale::from_label("千"), None);
    }
}
