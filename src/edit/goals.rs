//! Changes of what an item's goals say besides their values: a KPI's direction, decimals, 万 and
//! baseline day; its milestones; the item's headings; its yearly 効果額. Each carries what it
//! expects to find, like every `Edit`.

use serde::{Deserialize, Serialize};

use crate::model::limits::check_number;
use crate::model::{ActionsHeading, Direction, Effect, FiscalYear, GoalHeading, Id, Item, Kpi, Milestone, Plan, Scale};

/// A KPI's settings, as one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiSettings {
    pub direction: Direction,
    pub decimals: u8,
    pub scale: Scale,
    /// The baseline's day, YYYY-MM-DD.
    pub baseline_date: Option<String>,
}

impl KpiSettings {
    pub fn of(k: &Kpi) -> Self {
        KpiSettings {
            direction: k.direction,
            decimals: k.decimals,
            scale: k.scale,
            baseline_date: k.baseline_date.map(|d| d.format("%Y-%m-%d").to_string()),
        }
    }

    pub fn date(&self) -> Option<chrono::NaiveDate> {
        self.baseline_date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    pub fn check(&self) -> Result<(), String> {
        if self.decimals > 6 {
            return Err("小数の桁数は 0〜6 にしてください。".into());
        }
        if self.baseline_date.is_some() && !self.date().is_some_and(crate::model::dates::in_record_range) {
            return Err("基準日を読めません。".into());
        }
        Ok(())
    }
}

/// The headings an item's goals and second text go under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemHeadings {
    pub goal: GoalHeading,
    pub actions: ActionsHeading,
}

impl ItemHeadings {
    pub fn of(item: &Item) -> Self {
        ItemHeadings { goal: item.goal_heading, actions: item.actions_heading }
    }
}

/// Milestones in year order, one per year, values the record can hold.
pub fn check_milestones(milestones: &[Milestone]) -> Result<(), String> {
    for pair in milestones.windows(2) {
        if pair[0].year >= pair[1].year {
            return Err("中間目標は年度の順に、1 年度に 1 つにしてください。".into());
        }
    }
    for m in milestones {
        crate::model::limits::check_kpi_value(&format!("{}の中間目標", m.year.short()), &m.value)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// 効果額 values the record can hold (千円, finite and of an office's size).
pub fn check_effect(year: FiscalYear, effect: &Effect) -> Result<(), String> {
    for (what, v) in [("計画", effect.planned), ("実績", effect.actual)] {
        if let Some(n) = v {
            check_number(&format!("{}の効果額（{what}）", year.japanese()), n).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GoalEdit {
    KpiSettings {
        kpi_id: Id,
        old: KpiSettings,
        new: KpiSettings,
    },
    Milestones {
        kpi_id: Id,
        old: Vec<Milestone>,
        new: Vec<Milestone>,
    },
    Headings {
        item_id: Id,
        old: ItemHeadings,
        new: ItemHeadings,
    },
    /// 効果額 of one year; `None` is none recorded.
    Effect {
        item_id: Id,
        year: FiscalYear,
        old: Option<Effect>,
        new: Option<Effect>,
    },
}

fn kpi_mut(plan: &mut Plan, id: Id) -> Option<&mut Kpi> {
    plan.items.iter_mut().flat_map(|i| i.kpis.iter_mut()).find(|k| k.id == id)
}

impl GoalEdit {
    pub fn inverse(&self) -> GoalEdit {
        match self.clone() {
            GoalEdit::KpiSettings { kpi_id, old, new } => GoalEdit::KpiSettings { kpi_id, old: new, new: old },
            GoalEdit::Milestones { kpi_id, old, new } => GoalEdit::Milestones { kpi_id, old: new, new: old },
            GoalEdit::Headings { item_id, old, new } => GoalEdit::Headings { item_id, old: new, new: old },
            GoalEdit::Effect { item_id, year, old, new } => GoalEdit::Effect { item_id, year, old: new, new: old },
        }
    }

    pub fn is_noop(&self) -> bool {
        match self {
            GoalEdit::KpiSettings { old, new, .. } => old == new,
            GoalEdit::Milestones { old, new, .. } => old == new,
            GoalEdit::Headings { old, new, .. } => old == new,
            GoalEdit::Effect { old, new, .. } => old == new,
        }
    }

    /// The rules for the new value, whatever the way in.
    pub fn check(&self) -> Result<(), String> {
        match self {
            GoalEdit::KpiSettings { new, .. } => new.check(),
            GoalEdit::Milestones { new, .. } => check_milestones(new),
            GoalEdit::Headings { .. } => Ok(()),
            GoalEdit::Effect { year, new, .. } => match new {
                Some(e) if e.is_empty() => Err("効果額が空です。".into()),
                Some(e) => check_effect(*year, e),
                None => Ok(()),
            },
        }
    }

    pub fn apply_to(&self, plan: &mut Plan) -> bool {
        match self {
            GoalEdit::KpiSettings { kpi_id, old, new } => {
                let Some(k) = kpi_mut(plan, *kpi_id) else { return false };
                if KpiSettings::of(k) != *old {
                    return false;
                }
                k.direction = new.direction;
                k.decimals = new.decimals;
                k.scale = new.scale;
                k.baseline_date = new.date();
                true
            }
            GoalEdit::Milestones { kpi_id, old, new } => {
                let Some(k) = kpi_mut(plan, *kpi_id) else { return false };
                if k.milestones != *old {
                    return false;
                }
                k.milestones = new.clone();
                true
            }
            GoalEdit::Headings { item_id, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if ItemHeadings::of(item) != *old {
                    return false;
                }
                item.goal_heading = new.goal;
                item.actions_heading = new.actions;
                true
            }
            GoalEdit::Effect { item_id, year, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.effects.get(year) != old.as_ref() {
                    return false;
                }
                match new {
                    Some(e) => item.effects.insert(*year, *e),
                    None => item.effects.remove(year),
                };
                true
            }
        }
    }

    /// What it changes, for a merge (rebased) and the words of a preview.
    pub fn rebased(&self, work: &Plan) -> Option<GoalEdit> {
        let mut e = self.clone();
        match &mut e {
            GoalEdit::KpiSettings { kpi_id, old, .. } => *old = KpiSettings::of(work.kpi(*kpi_id)?.1),
            GoalEdit::Milestones { kpi_id, old, .. } => *old = work.kpi(*kpi_id)?.1.milestones.clone(),
            GoalEdit::Headings { item_id, old, .. } => *old = ItemHeadings::of(work.item(*item_id)?),
            GoalEdit::Effect { item_id, year, old, .. } => *old = work.item(*item_id)?.effects.get(year).copied(),
        }
        Some(e)
    }

    pub fn line(&self, plan: &Plan) -> String {
        let item = |id: Id| plan.item(id).map(|i| format!("改革項目{}", i.number)).unwrap_or_else(|| "改革項目".into());
        let kpi = |id: Id| {
            plan.kpi(id)
                .map(|(i, k)| format!("改革項目{}「{}」", i.number, k.name))
                .unwrap_or_else(|| "数値目標".into())
        };
        match self {
            GoalEdit::KpiSettings { kpi_id, old, new } => {
                format!("{} の設定: {} → {}", kpi(*kpi_id), settings_words(old), settings_words(new))
            }
            GoalEdit::Milestones { kpi_id, old, new } => {
                format!("{} の中間目標: {} → {}", kpi(*kpi_id), milestones_words(old), milestones_words(new))
            }
            GoalEdit::Headings { item_id, old, new } => format!(
                "{} の見出し: {}・{} → {}・{}",
                item(*item_id),
                old.goal.label(),
                old.actions.label(),
                new.goal.label(),
                new.actions.label()
            ),
            GoalEdit::Effect { item_id, year, old, new } => {
                format!("{} {}の効果額: {} → {}", item(*item_id), year.japanese(), effect_words(old), effect_words(new))
            }
        }
    }
}

pub fn settings_words(s: &KpiSettings) -> String {
    let date = s.date().map(crate::model::dates::japanese_date).unwrap_or_else(|| "基準日なし".into());
    format!("{}・小数{}桁・{}・{}", s.direction.label(), s.decimals, s.scale.label(), date)
}

pub fn milestones_words(ms: &[Milestone]) -> String {
    if ms.is_empty() {
        return "（なし）".into();
    }
    ms.iter().map(|m| m.label(crate::model::KpiValue::display)).collect::<Vec<_>>().join("、")
}

pub fn effect_words(e: &Option<Effect>) -> String {
    let n = |v: Option<f64>| v.map(crate::model::number::format_grouped).unwrap_or_else(|| "－".into());
    match e {
        Some(e) => format!("計画 {} 千円／実績 {} 千円", n(e.planned), n(e.actual)),
        None => "（空欄）".into(),
    }
}
