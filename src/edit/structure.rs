//! Changes of the plan's shape: its own data (name, period, 策定日), focus areas, categories, items
//! and KPIs added, renamed, moved, renumbered and removed, and an item's status when it leaves the
//! plan. Each is an `Edit` like any other (undo, history, conflict check): it carries what it
//! expects to find, and its inverse puts back exactly what it took away.

use serde::{Deserialize, Serialize};

use crate::model::{
    Category, Direction, FiscalYear, FocusArea, Id, Item, ItemStatus, Kpi, KpiValue, Milestone, Plan, PlanInfo, Scale,
};

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StructureEdit {
    Plan {
        old: PlanHeader,
        new: PlanHeader,
    },
    AddFocusArea(FocusAreaData),
    RemoveFocusArea(FocusAreaData),
    AddCategory(CategoryData),
    RemoveCategory(CategoryData),
    AddItem(ItemData),
    RemoveItem(ItemData),
    AddKpi(KpiData),
    RemoveKpi(KpiData),
    Rename {
        node: Node,
        old: String,
        new: String,
    },
    /// Things moved or renumbered. For categories and KPIs, `old` names every child of each parent
    /// it touches (so the new order is whole); for items and focus areas, any of them.
    Order {
        level: Level,
        old: Vec<Place>,
        new: Vec<Place>,
    },
    /// An item marked as ended (完了, 統合, 中止…) or taken back into the plan (`None`).
    Status {
        item_id: Id,
        old: Option<ItemStatus>,
        new: Option<ItemStatus>,
    },
}

impl StructureEdit {
    pub fn inverse(&self) -> StructureEdit {
        use StructureEdit as S;
        match self.clone() {
            S::Plan { old, new } => S::Plan { old: new, new: old },
            S::AddFocusArea(d) => S::RemoveFocusArea(d),
            S::RemoveFocusArea(d) => S::AddFocusArea(d),
            S::AddCategory(d) => S::RemoveCategory(d),
            S::RemoveCategory(d) => S::AddCategory(d),
            S::AddItem(d) => S::RemoveItem(d),
            S::RemoveItem(d) => S::AddItem(d),
            S::AddKpi(d) => S::RemoveKpi(d),
            S::RemoveKpi(d) => S::AddKpi(d),
            S::Rename { node, old, new } => S::Rename { node, old: new, new: old },
            S::Order { level, old, new } => S::Order { level, old: new, new: old },
            S::Status { item_id, old, new } => S::Status { item_id, old: new, new: old },
        }
    }

    pub fn is_noop(&self) -> bool {
        match self {
            StructureEdit::Plan { old, new } => old == new,
            StructureEdit::Rename { old, new, .. } => old == new,
            StructureEdit::Order { old, new, .. } => old == new,
            StructureEdit::Status { old, new, .. } => old == new,
            _ => false,
        }
    }

    /// The item the change is about, for the history's filter by item.
    pub fn item_id(&self) -> Option<Id> {
        match self {
            StructureEdit::AddItem(d) | StructureEdit::RemoveItem(d) => Some(d.id),
            StructureEdit::AddKpi(d) | StructureEdit::RemoveKpi(d) => Some(d.item_id),
            StructureEdit::Status { item_id, .. } => Some(*item_id),
            StructureEdit::Order { level: Level::Item, new, .. } if new.len() == 1 => Some(new[0].id),
            _ => None,
        }
    }

    /// Mirrors the change in the snapshot; false when it does not hold what the edit expects.
    pub fn apply_to(&self, plan: &mut Plan) -> bool {
        let done = match self {
            StructureEdit::Plan { old, new } => {
                if PlanHeader::of(&plan.info) != *old {
                    return false;
                }
                plan.info = new.to_info();
                true
            }
            StructureEdit::AddFocusArea(d) => {
                if plan.focus_areas.iter().any(|f| f.id == d.id || f.number == d.number) {
                    return false;
                }
                plan.focus_areas.push(FocusArea {
                    id: d.id,
                    number: d.number,
                    title: d.title.clone(),
                    categories: vec![],
                });
                true
            }
            StructureEdit::RemoveFocusArea(d) => {
                let Some(i) = plan.focus_areas.iter().position(|f| f.id == d.id) else { return false };
                let f = &plan.focus_areas[i];
                if f.number != d.number || f.title != d.title || !f.categories.is_empty() {
                    return false;
                }
                plan.focus_areas.remove(i);
                true
            }
            StructureEdit::AddCategory(d) => {
                if plan.category(d.id).is_some() {
                    return false;
                }
                let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == d.focus_area_id) else { return false };
                let at = d.position.min(f.categories.len());
                f.categories.insert(at, Category { id: d.id, title: d.title.clone() });
                true
            }
            StructureEdit::RemoveCategory(d) => {
                if plan.items.iter().any(|i| i.category_id == d.id) {
                    return false;
                }
                let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == d.focus_area_id) else { return false };
                let Some(at) = f.categories.iter().position(|c| c.id == d.id && c.title == d.title) else {
                    return false;
                };
                if at != d.position {
                    return false;
                }
                f.categories.remove(at);
                true
            }
            StructureEdit::AddItem(d) => {
                if plan.items.iter().any(|i| i.id == d.id || i.number == d.number)
                    || plan.category(d.category_id).is_none()
                {
                    return false;
                }
                plan.items.push(new_item(d));
                true
            }
            StructureEdit::RemoveItem(d) => {
                let Some(at) = plan.items.iter().position(|i| i.id == d.id) else { return false };
                if !is_bare(&plan.items[at], d) {
                    return false;
                }
                plan.items.remove(at);
                true
            }
            StructureEdit::AddKpi(d) => {
                if plan.kpi(d.id).is_some() {
                    return false;
                }
                let Some(item) = plan.items.iter_mut().find(|i| i.id == d.item_id) else { return false };
                let at = d.position.min(item.kpis.len());
                item.kpis.insert(at, d.to_kpi());
                true
            }
            StructureEdit::RemoveKpi(d) => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == d.item_id) else { return false };
                let Some(at) = item.kpis.iter().position(|k| k.id == d.id) else { return false };
                if KpiData::of(item.id, at, &item.kpis[at]) != *d {
                    return false;
                }
                item.kpis.remove(at);
                true
            }
            StructureEdit::Rename { node, old, new } => {
                let slot = match node {
                    Node::FocusArea(id) => plan.focus_areas.iter_mut().find(|f| f.id == *id).map(|f| &mut f.title),
                    Node::Category(id) => plan
                        .focus_areas
                        .iter_mut()
                        .flat_map(|f| f.categories.iter_mut())
                        .find(|c| c.id == *id)
                        .map(|c| &mut c.title),
                };
                match slot {
                    Some(title) if title == old => {
                        *title = new.clone();
                        true
                    }
                    _ => false,
                }
            }
            StructureEdit::Order { level, old, new } => {
                if current_places(plan, *level, old) != *old {
                    return false;
                }
                reorder(plan, *level, new)
            }
            StructureEdit::Status { item_id, old, new } => {
                let Some(item) = plan.items.iter_mut().find(|i| i.id == *item_id) else { return false };
                if item.status != *old {
                    return false;
                }
                item.status = new.clone();
                true
            }
        };
        if done {
            tidy(plan);
        }
        done
    }
}

fn new_item(d: &ItemData) -> Item {
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

/// Where the things `places` name sit in `plan` now (in the same order); ids not found sit nowhere
/// (parent −1), so the comparison with what an edit expects fails.
pub fn current_places(plan: &Plan, level: Level, places: &[Place]) -> Vec<Place> {
    places.iter().map(|p| place_of(plan, level, p.id).unwrap_or(Place { id: p.id, parent: -1, position: 0 })).collect()
}

pub fn place_of(plan: &Plan, level: Level, id: Id) -> Option<Place> {
    match level {
        Level::FocusArea => {
            plan.focus_areas.iter().find(|f| f.id == id).map(|f| Place { id, parent: 0, position: f.number })
        }
        Level::Category => plan.focus_areas.iter().find_map(|f| {
            f.categories.iter().position(|c| c.id == id).map(|at| Place { id, parent: f.id, position: at as u32 })
        }),
        Level::Item => plan.item(id).map(|i| Place { id, parent: i.category_id, position: i.number }),
        Level::Kpi => plan.items.iter().find_map(|i| {
            i.kpis.iter().position(|k| k.id == id).map(|at| Place { id, parent: i.id, position: at as u32 })
        }),
    }
}

/// Every child of a parent, in order (categories of a focus area, KPIs of an item).
pub fn children(plan: &Plan, level: Level, parent: Id) -> Vec<Place> {
    match level {
        Level::Category => plan
            .focus_areas
            .iter()
            .find(|f| f.id == parent)
            .map(|f| {
                f.categories.iter().enumerate().map(|(at, c)| Place { id: c.id, parent, position: at as u32 }).collect()
            })
            .unwrap_or_default(),
        Level::Kpi => plan
            .item(parent)
            .map(|i| i.kpis.iter().enumerate().map(|(at, k)| Place { id: k.id, parent, position: at as u32 }).collect())
            .unwrap_or_default(),
        Level::FocusArea | Level::Item => Vec::new(),
    }
}

/// The rules a new placing must keep, whatever the way in: numbers above 0 and unique, parents that
/// exist, and for categories and KPIs every child of each parent named with places 0..n.
pub fn check_order(plan: &Plan, level: Level, old: &[Place], new: &[Place]) -> Result<(), String> {
    let mut ids: Vec<Id> = old.iter().map(|p| p.id).collect();
    let mut new_ids: Vec<Id> = new.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    new_ids.sort_unstable();
    if ids != new_ids || ids.windows(2).any(|w| w[0] == w[1]) {
        return Err("並べ替えの内容が正しくありません。".into());
    }
    match level {
        Level::FocusArea | Level::Item => {
            if new.iter().any(|p| p.position == 0) {
                return Err(format!("{}の番号は1以上にしてください。", level.label()));
            }
            let moved: Vec<Id> = new.iter().map(|p| p.id).collect();
            let mut numbers: Vec<u32> = match level {
                Level::FocusArea => {
                    plan.focus_areas.iter().filter(|f| !moved.contains(&f.id)).map(|f| f.number).collect()
                }
                _ => plan.items.iter().filter(|i| !moved.contains(&i.id)).map(|i| i.number).collect(),
            };
            numbers.extend(new.iter().map(|p| p.position));
            let count = numbers.len();
            numbers.sort_unstable();
            numbers.dedup();
            if numbers.len() != count {
                return Err(format!("{}の番号が重なります。", level.label()));
            }
            if level == Level::Item && new.iter().any(|p| plan.category(p.parent).is_none()) {
                return Err("移す先の取組分類がありません。".into());
            }
        }
        Level::Category | Level::Kpi => {
            let mut parents: Vec<Id> = old.iter().chain(new).map(|p| p.parent).collect();
            parents.sort_unstable();
            parents.dedup();
            for parent in parents {
                let exists = match level {
                    Level::Category => plan.focus_areas.iter().any(|f| f.id == parent),
                    _ => plan.item(parent).is_some(),
                };
                if !exists {
                    return Err(format!(
                        "移す先の{}がありません。",
                        if level == Level::Kpi { "改革項目" } else { "重点項目" }
                    ));
                }
                let mut now: Vec<Id> = children(plan, level, parent).iter().map(|p| p.id).collect();
                let mut named: Vec<Id> = old.iter().filter(|p| p.parent == parent).map(|p| p.id).collect();
                now.sort_unstable();
                named.sort_unstable();
                if now != named {
                    return Err("並べ替えの内容が正しくありません。".into());
                }
                let mut places: Vec<u32> = new.iter().filter(|p| p.parent == parent).map(|p| p.position).collect();
                places.sort_unstable();
                if places.iter().enumerate().any(|(i, p)| *p != i as u32) {
                    return Err("並べ替えの内容が正しくありません。".into());
                }
            }
        }
    }
    Ok(())
}

fn reorder(plan: &mut Plan, level: Level, new: &[Place]) -> bool {
    if check_order(plan, level, &current_places(plan, level, new), new).is_err() {
        return false;
    }
    match level {
        Level::FocusArea => {
            for p in new {
                if let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == p.id) {
                    f.number = p.position;
                }
            }
        }
        Level::Item => {
            for p in new {
                if let Some(i) = plan.items.iter_mut().find(|i| i.id == p.id) {
                    i.number = p.position;
                    i.category_id = p.parent;
                }
            }
        }
        Level::Category => {
            let mut taken: Vec<(Place, Category)> = Vec::new();
            for p in new {
                for f in &mut plan.focus_areas {
                    if let Some(at) = f.categories.iter().position(|c| c.id == p.id) {
                        taken.push((*p, f.categories.remove(at)));
                    }
                }
            }
            taken.sort_by_key(|(p, _)| p.position);
            for (p, c) in taken {
                if let Some(f) = plan.focus_areas.iter_mut().find(|f| f.id == p.parent) {
                    f.categories.insert((p.position as usize).min(f.categories.len()), c);
                }
            }
        }
        Level::Kpi => {
            let mut taken: Vec<(Place, Kpi)> = Vec::new();
            for p in new {
                for i in &mut plan.items {
                    if let Some(at) = i.kpis.iter().position(|k| k.id == p.id) {
                        taken.push((*p, i.kpis.remove(at)));
                    }
                }
            }
            taken.sort_by_key(|(p, _)| p.position);
            for (p, k) in taken {
                if let Some(i) = plan.items.iter_mut().find(|i| i.id == p.parent) {
                    i.kpis.insert((p.position as usize).min(i.kpis.len()), k);
                }
            }
        }
    }
    true
}

/// Keeps the snapshot in the order the store loads it: focus areas and items by number, each
/// item's focus-area number from its category.
pub fn tidy(plan: &mut Plan) {
    plan.focus_areas.sort_by_key(|f| f.number);
    let numbers: Vec<(Id, u32)> =
        plan.focus_areas.iter().flat_map(|f| f.categories.iter().map(move |c| (c.id, f.number))).collect();
    for item in &mut plan.items {
        if let Some((_, n)) = numbers.iter().find(|(c, _)| *c == item.category_id) {
            item.focus_area = *n;
        }
    }
    plan.items.sort_by_key(|i| i.number);
}

impl StructureEdit {
    /// The change in words, for previews and messages (`plan` as it is before the change).
    pub fn line(&self, plan: &Plan) -> String {
        let item = |id: Id| plan.item(id).map(|i| format!("改革項目{}", i.number)).unwrap_or_else(|| "改革項目".into());
        match self {
            StructureEdit::Plan { old, new } => format!(
                "計画の情報: {}（{}～{}） → {}（{}～{}）",
                old.name,
                old.first_year.short(),
                old.last_year.short(),
                new.name,
                new.first_year.short(),
                new.last_year.short()
            ),
            StructureEdit::AddFocusArea(d) => format!("重点項目{}「{}」を追加", d.number, d.title),
            StructureEdit::RemoveFocusArea(d) => format!("重点項目{}「{}」を削除", d.number, d.title),
            StructureEdit::AddCategory(d) => format!("取組分類「{}」を追加", d.title),
            StructureEdit::RemoveCategory(d) => format!("取組分類「{}」を削除", d.title),
            StructureEdit::AddItem(d) => format!("改革項目{}「{}」を追加", d.number, d.title),
            StructureEdit::RemoveItem(d) => format!("改革項目{}「{}」を削除", d.number, d.title),
            StructureEdit::AddKpi(d) => format!("{} に数値目標「{}」を追加", item(d.item_id), d.name),
            StructureEdit::RemoveKpi(d) => format!("{} の数値目標「{}」を削除", item(d.item_id), d.name),
            StructureEdit::Rename { old, new, .. } => format!("名前: {old} → {new}"),
            StructureEdit::Order { level, new, .. } => {
                format!("{}の並び・番号を変更（{}件）", level.label(), new.len())
            }
            StructureEdit::Status { item_id, new, .. } => match new {
                Some(s) => format!("{} を{}（{}）", item(*item_id), s.label(), s.reason),
                None => format!("{} を実施中に戻す", item(*item_id)),
            },
        }
    }

    /// Their change with what it replaces read from `work` (a merge's rebase); `None` when what it
    /// changes is not there any more.
    pub fn rebased(&self, work: &Plan) -> Option<StructureEdit> {
        let mut e = self.clone();
        match &mut e {
            StructureEdit::Plan { old, .. } => *old = PlanHeader::of(&work.info),
            StructureEdit::Rename { node, old, .. } => {
                *old = match node {
                    Node::FocusArea(id) => work.focus_areas.iter().find(|f| f.id == *id)?.title.clone(),
                    Node::Category(id) => work.category(*id)?.1.title.clone(),
                }
            }
            StructureEdit::Order { level, old, .. } => {
                *old = old.iter().map(|p| place_of(work, *level, p.id)).collect::<Option<Vec<_>>>()?;
            }
            StructureEdit::Status { item_id, old, .. } => *old = work.item(*item_id)?.status.clone(),
            StructureEdit::RemoveItem(d) => *d = ItemData::of(work.item(d.id)?),
            StructureEdit::RemoveKpi(d) => {
                let (item, _) = work.kpi(d.id)?;
                let at = item.kpis.iter().position(|k| k.id == d.id)?;
                *d = KpiData::of(item.id, at, &item.kpis[at]);
            }
            StructureEdit::RemoveCategory(d) => {
                let f = work.focus_areas.iter().find(|f| f.categories.iter().any(|c| c.id == d.id))?;
                let at = f.categories.iter().position(|c| c.id == d.id)?;
                *d =
                    CategoryData { id: d.id, focus_area_id: f.id, position: at, title: f.categories[at].title.clone() };
            }
            StructureEdit::RemoveFocusArea(d) => {
                let f = work.focus_areas.iter().find(|f| f.id == d.id)?;
                *d = FocusAreaData { id: f.id, number: f.number, title: f.title.clone() };
            }
            StructureEdit::AddFocusArea(_)
            | StructureEdit::AddCategory(_)
            | StructureEdit::AddItem(_)
            | StructureEdit::AddKpi(_) => {}
        }
        Some(e)
    }
}
