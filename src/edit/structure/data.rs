//! What structure edits carry: the plan's own data, and focus areas, categories, items and KPIs
//! whole enough that a removal can be taken back exactly; where a thing sits (`Place`).

use serde::{Deserialize, Serialize};

use crate::model::{Direction, FiscalYear, Id, Item, Kpi, KpiValue, Milestone, PlanInfo, Scale};

/// The plan's own data, as one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanHeader {
    pub name: String,
    pub short_name: String,
    pub first_year: FiscalYear,
    pub last_year: FiscalYear,
    /// The year the KPIs' 基準値 are taken in (the year before the plan, as a rule).
    pub baseline_year: FiscalYear,
    /// 策定日, as YYYY-MM-DD.
    pub adopted_on: Option<String>,
}

impl PlanHeader {
    pub fn of(info: &PlanInfo) -> Self {
        PlanHeader {
            name: info.name.clone(),
            short_name: info.short_name.clone(),
            first_year: info.first_year,
            last_year: info.last_year,
            baseline_year: info.baseline_year,
            adopted_on: info.adopted_on.map(|d| d.format("%Y-%m-%d").to_string()),
        }
    }

    pub fn adopted_date(&self) -> Option<chrono::NaiveDate> {
        self.adopted_on.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    /// The plan's data with this header written over it.
    pub fn to_info(&self) -> PlanInfo {
        PlanInfo {
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            first_year: self.first_year,
            last_year: self.last_year,
            baseline_year: self.baseline_year,
            adopted_on: self.adopted_date(),
        }
    }

    /// The rules for a plan's own data, whatever the way in.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() || self.short_name.trim().is_empty() {
            return Err("計画の名前と略称は空にできません。".into());
        }
        crate::model::limits::check_period(self.first_year, self.last_year)?;
        if self.baseline_year > self.first_year {
            return Err("基準年度は計画の初年度より後にできません。".into());
        }
        if self.adopted_on.is_some() && !self.adopted_date().is_some_and(crate::model::dates::in_record_range) {
            return Err("策定日を読めません。".into());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FocusAreaData {
    pub id: Id,
    /// 重点項目の番号
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryData {
    pub id: Id,
    pub focus_area_id: Id,
    /// Its place among the focus area's categories (0 first).
    pub position: usize,
    pub title: String,
}

/// An item as added, or as removed while it holds nothing else (no KPI, schedule, evaluation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemData {
    pub id: Id,
    pub number: u32,
    pub category_id: Id,
    pub title: String,
    pub department: String,
    pub current_issues: String,
    pub actions: String,
}

/// A KPI whole, with its values and 暫定 marks, so that its removal can be taken back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiData {
    pub id: Id,
    pub item_id: Id,
    /// Its place among the item's KPIs (0 first).
    pub position: usize,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub decimals: u8,
    pub baseline_year: Option<FiscalYear>,
    pub baseline: Option<KpiValue>,
    pub target_year: Option<FiscalYear>,
    pub target: Option<KpiValue>,
    pub note: String,
    pub actuals: Vec<(FiscalYear, KpiValue)>,
    pub provisional: Vec<FiscalYear>,
    pub baseline_note: String,
    pub target_note: String,
    /// YYYY-MM-DD
    pub baseline_date: Option<String>,
    pub scale: Scale,
    pub milestones: Vec<Milestone>,
}

impl KpiData {
    pub fn of(item_id: Id, position: usize, k: &Kpi) -> Self {
        KpiData {
            id: k.id,
            item_id,
            position,
            name: k.name.clone(),
            unit: k.unit.clone(),
            direction: k.direction,
            decimals: k.decimals,
            baseline_year: k.baseline_year,
            baseline: k.baseline.clone(),
            target_year: k.target_year,
            target: k.target.clone(),
            note: k.note.clone(),
            actuals: k.actuals.iter().map(|(y, v)| (*y, v.clone())).collect(),
            provisional: k.provisional.iter().copied().collect(),
            baseline_note: k.baseline_note.clone(),
            target_note: k.target_note.clone(),
            baseline_date: k.baseline_date.map(|d| d.format("%Y-%m-%d").to_string()),
            scale: k.scale,
            milestones: k.milestones.clone(),
        }
    }

    /// A new KPI with only a name, a unit and a direction.
    pub fn blank(id: Id, item_id: Id, position: usize, name: &str, unit: &str, direction: Direction) -> Self {
        KpiData {
            id,
            item_id,
            position,
            name: name.to_string(),
            unit: unit.to_string(),
            direction,
            decimals: 0,
            baseline_year: None,
            baseline: None,
            target_year: None,
            target: None,
            note: String::new(),
            actuals: Vec::new(),
            provisional: Vec::new(),
            baseline_note: String::new(),
            target_note: String::new(),
            baseline_date: None,
            scale: Scale::One,
            milestones: Vec::new(),
        }
    }

    pub fn to_kpi(&self) -> Kpi {
        Kpi {
            id: self.id,
            name: self.name.clone(),
            unit: self.unit.clone(),
            baseline_year: self.baseline_year,
            baseline: self.baseline.clone(),
            target_year: self.target_year,
            target: self.target.clone(),
            direction: self.direction,
            note: self.note.clone(),
            actuals: self.actuals.iter().cloned().collect(),
            provisional: self.provisional.iter().copied().collect(),
            decimals: self.decimals,
            baseline_note: self.baseline_note.clone(),
            target_note: self.target_note.clone(),
            baseline_date: self
                .baseline_date
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            scale: self.scale,
            milestones: self.milestones.clone(),
        }
    }
}

/// What a rename names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Node {
    FocusArea(Id),
    Category(Id),
}

/// Which kind of thing an `Order` edit places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    /// `position` is the 重点項目's number; `parent` is 0.
    FocusArea,
    /// `parent` is the focus area, `position` the place among its categories.
    Category,
    /// `parent` is the category, `position` the item's number.
    Item,
    /// `parent` is the item, `position` the place among its KPIs.
    Kpi,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::FocusArea => "重点項目",
            Level::Category => "取組分類",
            Level::Item => "改革項目",
            Level::Kpi => "数値目標",
        }
    }
}

/// Where one thing sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    pub id: Id,
    pub parent: Id,
    pub position: u32,
}

pub(super) fn new_item(d: &ItemData) -> Item {
    Item {
        id: d.id,
        number: d.number,
        focus_area: 0,
        category_id: d.category_id,
        title: d.title.clone(),
        department: d.department.clone(),
        current_issues: d.current_issues.clone(),
        actions: d.actions.clone(),
        kpis: vec![],
        schedule: vec![],
        evaluations: vec![],
        council_opinions: Default::default(),
        predecessor: None,
        status: None,
        goal_heading: Default::default(),
        actions_heading: Default::default(),
        effects: Default::default(),
    }
}

/// Whether an item holds only what `d` says: removing it then loses nothing.
pub fn is_bare(item: &Item, d: &ItemData) -> bool {
    item.number == d.number
        && item.category_id == d.category_id
        && item.title == d.title
        && item.department == d.department
        && item.current_issues == d.current_issues
        && item.actions == d.actions
        && item.kpis.is_empty()
        && item.schedule.is_empty()
        && item.evaluations.is_empty()
        && item.council_opinions.is_empty()
        && item.predecessor.is_none()
        && item.status.is_none()
        && item.effects.is_empty()
        && item.goal_heading == Default::default()
        && item.actions_heading == Default::default()
}

impl ItemData {
    pub fn of(item: &Item) -> Self {
        ItemData {
            id: item.id,
            number: item.number,
            category_id: item.category_id,
            title: item.title.clone(),
            department: item.department.clone(),
            current_issues: item.current_issues.clone(),
            actions: item.actions.clone(),
        }
    }
}
