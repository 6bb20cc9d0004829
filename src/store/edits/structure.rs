//! The plan's shape: its own data, focus areas, categories, items, KPIs and an item's status.
//! Each change reads what the file holds now and refuses with a conflict if that is not what the
//! edit expects; the rules for the new shape are checked against the file, not the snapshot.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Description, conflict, item_number};
use crate::edit::structure::{
    CategoryData, FocusAreaData, ItemData, KpiData, Level, Node, Place, PlanHeader, StructureEdit,
};
use crate::model::{Direction, FiscalYear, Id, ItemStatus, Scale};
use crate::store::error::StoreError;
use crate::store::load::{item_status, value};
use crate::store::write::split_value;

macro_rules! sql {
    ($name:literal) => {
        include_str!(concat!("../sql/structure/", $name, ".sql"))
    };
}

pub(super) fn apply(tx: &Transaction, edit: &StructureEdit) -> Result<Description, StoreError> {
    match edit {
        StructureEdit::Plan { old, new } => set_plan(tx, old, new),
        StructureEdit::AddFocusArea(d) => add_focus_area(tx, d),
        StructureEdit::RemoveFocusArea(d) => remove_focus_area(tx, d),
        StructureEdit::AddCategory(d) => add_category(tx, d),
        StructureEdit::RemoveCategory(d) => remove_category(tx, d),
        StructureEdit::AddItem(d) => add_item(tx, d),
        StructureEdit::RemoveItem(d) => remove_item(tx, d),
        StructureEdit::AddKpi(d) => add_kpi(tx, d),
        StructureEdit::RemoveKpi(d) => remove_kpi(tx, d),
        StructureEdit::Rename { node, old, new } => rename(tx, *node, old, new),
        StructureEdit::Order { level, old, new } => order(tx, *level, old, new),
        StructureEdit::Status { item_id, old, new } => set_status(tx, *item_id, old.as_ref(), new.as_ref()),
    }
}

fn describe(item_id: Option<Id>, target: String, field: &str, old: String, new: String) -> Description {
    Description { item_id, target, field: field.into(), old, new }
}

fn invalid(text: impl Into<String>) -> StoreError {
    StoreError::Invalid(text.into())
}

fn check_title(what: &str, title: &str) -> Result<(), StoreError> {
    if title.trim().is_empty() {
        return Err(invalid(format!("{what}の名前は空にできません。")));
    }
    Ok(())
}

fn plan_header(tx: &Transaction) -> Result<PlanHeader, StoreError> {
    Ok(tx.query_row(sql!("select_plan"), [], |r| {
        Ok(PlanHeader {
            name: r.get(0)?,
            short_name: r.get(1)?,
            first_year: FiscalYear(r.get(2)?),
            last_year: FiscalYear(r.get(3)?),
            baseline_year: FiscalYear(r.get(4)?),
            adopted_on: r.get(5)?,
        })
    })?)
}

fn set_plan(tx: &Transaction, old: &PlanHeader, new: &PlanHeader) -> Result<Description, StoreError> {
    if plan_header(tx)? != *old {
        return Err(conflict("計画の情報"));
    }
    new.check().map_err(StoreError::Invalid)?;
    let (phases, actuals): (i64, i64) = tx.query_row(
        sql!("count_outside_period"),
        params![
            new.first_year.first_month().iso(),
            new.last_year.last_month().iso(),
            new.first_year.0,
            new.last_year.0
        ],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if phases > 0 || actuals > 0 {
        return Err(invalid(format!(
            "新しい期間（{}～{}）の外に、工程が {phases} 件、実績・評価・効果額などが {actuals} 件あります。先に移すか消してください。",
            new.first_year.japanese(),
            new.last_year.japanese()
        )));
    }
    tx.execute(
        sql!("update_plan"),
        params![new.name, new.short_name, new.first_year.0, new.last_year.0, new.baseline_year.0, new.adopted_on],
    )?;
    let words = |h: &PlanHeader| {
        let adopted = h.adopted_date().map(crate::model::dates::japanese_date).unwrap_or_else(|| "未設定".into());
        format!("{}（{}）{}～{} 策定日 {}", h.name, h.short_name, h.first_year.short(), h.last_year.short(), adopted)
    };
    Ok(describe(None, "計画".into(), "計画の情報", words(old), words(new)))
}

fn add_focus_area(tx: &Transaction, d: &FocusAreaData) -> Result<Description, StoreError> {
    check_title("重点項目", &d.title)?;
    if d.number == 0 {
        return Err(invalid("重点項目の番号は1以上にしてください。"));
    }
    let taken: Option<Id> = tx.query_row(sql!("select_focus_area_by_number"), [d.number], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(invalid(format!("重点項目{}は既にあります。", d.number)));
    }
    tx.execute(sql!("insert_focus_area"), params![d.id, d.number, d.title]).map_err(|_| conflict("重点項目の追加"))?;
    Ok(describe(None, format!("重点項目{}", d.number), "追加", String::new(), d.title.clone()))
}

fn remove_focus_area(tx: &Transaction, d: &FocusAreaData) -> Result<Description, StoreError> {
    let now: Option<(u32, String, i64)> =
        tx.query_row(sql!("select_focus_area"), [d.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    match now {
        Some((number, title, _)) if number != d.number || title != d.title => {
            return Err(conflict(format!("重点項目{}", d.number)));
        }
        None => return Err(conflict(format!("重点項目{}が削除されています", d.number))),
        Some((_, _, categories)) if categories > 0 => {
            return Err(invalid(format!(
                "重点項目{}には取組分類があります。先に取組分類を削除か移動してください。",
                d.number
            )));
        }
        Some(_) => {}
    }
    tx.execute(sql!("delete_focus_area"), [d.id])?;
    Ok(describe(None, format!("重点項目{}", d.number), "削除", d.title.clone(), String::new()))
}

fn category_ids(tx: &Transaction, focus_area_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(sql!("select_category_ids"))?;
    let ids = stmt.query_map([focus_area_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

fn write_category_places(tx: &Transaction, focus_area_id: Id, ids: &[Id]) -> Result<(), StoreError> {
    for (at, id) in ids.iter().enumerate() {
        tx.execute(sql!("update_category_place"), params![id, focus_area_id, at as i64])?;
    }
    Ok(())
}

fn focus_area_number(tx: &Transaction, id: Id) -> Result<u32, StoreError> {
    tx.query_row(sql!("select_focus_area"), [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| conflict("重点項目が削除されています"))
}

fn add_category(tx: &Transaction, d: &CategoryData) -> Result<Description, StoreError> {
    check_title("取組分類", &d.title)?;
    let number = focus_area_number(tx, d.focus_area_id)?;
    let mut ids = category_ids(tx, d.focus_area_id)?;
    tx.execute(sql!("insert_category"), params![d.id, d.focus_area_id, 0, d.title])
        .map_err(|_| conflict("取組分類の追加"))?;
    ids.insert(d.position.min(ids.len()), d.id);
    write_category_places(tx, d.focus_area_id, &ids)?;
    Ok(describe(None, format!("重点項目{number} 取組分類"), "追加", String::new(), d.title.clone()))
}

fn remove_category(tx: &Transaction, d: &CategoryData) -> Result<Description, StoreError> {
    let now: Option<(Id, String, i64)> =
        tx.query_row(sql!("select_category"), [d.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    let mut ids = category_ids(tx, d.focus_area_id)?;
    match now {
        Some((area, title, items))
            if area == d.focus_area_id
                && title == d.title
                && ids.iter().position(|i| *i == d.id) == Some(d.position) =>
        {
            if items > 0 {
                return Err(invalid(format!(
                    "取組分類「{}」には改革項目があります。先に改革項目を別の分類へ移してください。",
                    d.title
                )));
            }
        }
        _ => return Err(conflict(format!("取組分類「{}」", d.title))),
    }
    tx.execute(sql!("delete_category"), [d.id])?;
    ids.retain(|id| *id != d.id);
    write_category_places(tx, d.focus_area_id, &ids)?;
    Ok(describe(None, "取組分類".into(), "削除", d.title.clone(), String::new()))
}

/// An item as the file holds it, and how many things it holds besides its texts.
struct StoredItem {
    data: ItemData,
    predecessor: Option<String>,
    status: Option<String>,
    contents: i64,
}

fn stored_item(tx: &Transaction, id: Id) -> Result<Option<StoredItem>, StoreError> {
    Ok(tx
        .query_row(sql!("select_item"), [id], |r| {
            Ok(StoredItem {
                data: ItemData {
                    id,
                    number: r.get(0)?,
                    category_id: r.get(1)?,
                    title: r.get(2)?,
                    department: r.get(3)?,
                    current_issues: r.get(4)?,
                    actions: r.get(5)?,
                },
                predecessor: r.get(6)?,
                status: r.get(7)?,
                contents: r.get(8)?,
            })
        })
        .optional()?)
}

fn add_item(tx: &Transaction, d: &ItemData) -> Result<Description, StoreError> {
    check_title("改革項目", &d.title)?;
    if d.number == 0 {
        return Err(invalid("改革項目の番号は1以上にしてください。"));
    }
    let taken: Option<Id> = tx.query_row(sql!("select_item_by_number"), [d.number], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(invalid(format!("改革項目{}は既にあります。別の番号にしてください。", d.number)));
    }
    let category: Option<(Id, String, i64)> =
        tx.query_row(sql!("select_category"), [d.category_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    if category.is_none() {
        return Err(conflict("取組分類が削除されています"));
    }
    tx.execute(
        sql!("insert_item"),
        params![d.id, d.number, d.category_id, d.title, d.department, d.current_issues, d.actions],
    )
    .map_err(|_| conflict("改革項目の追加"))?;
    Ok(describe(Some(d.id), format!("改革項目{}", d.number), "追加", String::new(), d.title.clone()))
}

fn remove_item(tx: &Transaction, d: &ItemData) -> Result<Description, StoreError> {
    let Some(now) = stored_item(tx, d.id)? else {
        return Err(conflict(format!("改革項目{}が削除されています", d.number)));
    };
    if now.data != *d {
        return Err(conflict(format!("改革項目{}", d.number)));
    }
    if now.contents > 0 || now.predecessor.is_some() || now.status.is_some() {
        return Err(invalid(format!(
            "改革項目{}には数値目標・スケジュール・評価・効果額などがあるため削除できません。状態（完了・統合・中止など）を記録してください。",
            d.number
        )));
    }
    tx.execute(sql!("delete_item"), [d.id])?;
    Ok(describe(Some(d.id), format!("改革項目{}", d.number), "削除", d.title.clone(), String::new()))
}

fn kpi_ids(tx: &Transaction, item_id: Id) -> Result<Vec<Id>, StoreError> {
    let mut stmt = tx.prepare_cached(sql!("select_kpi_ids"))?;
    let ids = stmt.query_map([item_id], |r| r.get(0))?.collect::<Result<Vec<Id>, _>>()?;
    Ok(ids)
}

fn write_kpi_places(tx: &Transaction, item_id: Id, ids: &[Id]) -> Result<(), StoreError> {
    for (at, id) in ids.iter().enumerate() {
        tx.execute(sql!("update_kpi_place"), params![id, item_id, at as i64])?;
    }
    Ok(())
}

fn stored_kpi(tx: &Transaction, id: Id) -> Result<Option<KpiData>, StoreError> {
    let Some(mut d) = tx
        .query_row(sql!("select_kpi"), [id], |r| {
            let direction: String = r.get(9)?;
            Ok(KpiData {
                id,
                item_id: r.get(0)?,
                position: 0,
                name: r.get(1)?,
                unit: r.get(2)?,
                baseline_year: r.get::<_, Option<i32>>(3)?.map(FiscalYear),
                baseline: value(r.get(4)?, r.get(5)?),
                target_year: r.get::<_, Option<i32>>(6)?.map(FiscalYear),
                target: value(r.get(7)?, r.get(8)?),
                direction: Direction::from_code(&direction).unwrap_or(Direction::Increase),
                note: r.get(10)?,
                decimals: r.get(11)?,
                actuals: Vec::new(),
                provisional: Vec::new(),
                baseline_note: r.get(12)?,
                target_note: r.get(13)?,
                baseline_date: r.get(14)?,
                scale: Scale::from_factor(r.get(15)?).unwrap_or_default(),
                milestones: Vec::new(),
            })
        })
        .optional()?
    else {
        return Ok(None);
    };
    d.position = kpi_ids(tx, d.item_id)?.iter().position(|k| *k == id).unwrap_or(0);
    let mut stmt = tx.prepare_cached(sql!("select_kpi_actuals"))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        if let Some(v) = value(r.get(1)?, r.get(2)?) {
            d.actuals.push((FiscalYear(r.get(0)?), v));
        }
    }
    let mut stmt = tx.prepare_cached(sql!("select_kpi_provisional"))?;
    d.provisional = stmt.query_map([id], |r| Ok(FiscalYear(r.get(0)?)))?.collect::<Result<_, _>>()?;
    d.milestones = crate::store::goals::milestones_of(tx, id)?;
    Ok(Some(d))
}

fn add_kpi(tx: &Transaction, d: &KpiData) -> Result<Description, StoreError> {
    if d.name.trim().is_empty() {
        return Err(invalid("目標名は空にできません。"));
    }
    let settings = crate::edit::goals::KpiSettings {
        direction: d.direction,
        decimals: d.decimals,
        scale: d.scale,
        baseline_date: d.baseline_date.clone(),
    };
    settings.check().map_err(StoreError::Invalid)?;
    if stored_kpi(tx, d.id)?.is_some() {
        return Err(conflict("数値目標の追加"));
    }
    let number = item_number(tx, d.item_id)?;
    let mut ids = kpi_ids(tx, d.item_id)?;
    let (bn, bt) = split_value(&d.baseline);
    let (tn, tt) = split_value(&d.target);
    tx.execute(
        sql!("insert_kpi"),
        params![
            d.id,
            d.item_id,
            0,
            d.name,
            d.unit,
            d.baseline_year.map(|y| y.0),
            bn,
            bt,
            d.target_year.map(|y| y.0),
            tn,
            tt,
            d.direction.code(),
            d.note,
            d.decimals,
            d.baseline_note,
            d.target_note,
            d.baseline_date,
            d.scale.factor()
        ],
    )
    .map_err(|_| conflict("数値目標の追加"))?;
    for (year, v) in &d.actuals {
        let value = Some(v.clone());
        let (n, t) = split_value(&value);
        tx.execute(include_str!("../sql/upsert_actual.sql"), params![d.id, year.0, n, t])?;
    }
    for year in &d.provisional {
        tx.execute(include_str!("../sql/insert_provisional_value.sql"), params![d.id, year.0])?;
    }
    crate::edit::goals::check_milestones(&d.milestones).map_err(StoreError::Invalid)?;
    crate::store::goals::write_milestones(tx, d.id, &d.milestones)?;
    ids.insert(d.position.min(ids.len()), d.id);
    write_kpi_places(tx, d.item_id, &ids)?;
    Ok(describe(Some(d.item_id), format!("改革項目{number} 数値目標"), "追加", String::new(), d.name.clone()))
}

fn remove_kpi(tx: &Transaction, d: &KpiData) -> Result<Description, StoreError> {
    let number = item_number(tx, d.item_id)?;
    if stored_kpi(tx, d.id)?.as_ref() != Some(d) {
        return Err(conflict(format!("改革項目{number} 数値目標「{}」", d.name)));
    }
    tx.execute(sql!("delete_kpi"), [d.id])?;
    let ids: Vec<Id> = kpi_ids(tx, d.item_id)?;
    write_kpi_places(tx, d.item_id, &ids)?;
    Ok(describe(Some(d.item_id), format!("改革項目{number} 数値目標"), "削除", d.name.clone(), String::new()))
}

fn rename(tx: &Transaction, node: Node, old: &str, new: &str) -> Result<Description, StoreError> {
    let (what, select, update) = match node {
        Node::FocusArea(_) => ("重点項目", sql!("select_focus_area"), sql!("update_focus_area_title")),
        Node::Category(_) => ("取組分類", sql!("select_category"), sql!("update_category_title")),
    };
    let (Node::FocusArea(id) | Node::Category(id)) = node;
    check_title(what, new)?;
    let current: Option<String> = tx.query_row(select, [id], |r| r.get(1)).optional()?;
    if current.as_deref() != Some(old) {
        return Err(conflict(format!("{what}「{old}」の名前")));
    }
    tx.execute(update, params![id, new])?;
    Ok(describe(None, what.into(), "名前", old.to_string(), new.to_string()))
}

/// Where a thing sits in the file now (`None`: it is not there).
fn stored_place(tx: &Transaction, level: Level, id: Id) -> Result<Option<Place>, StoreError> {
    Ok(match level {
        Level::FocusArea => tx
            .query_row(sql!("select_focus_area"), [id], |r| r.get::<_, u32>(0))
            .optional()?
            .map(|n| Place { id, parent: 0, position: n }),
        Level::Item => stored_item(tx, id)?.map(|s| Place { id, parent: s.data.category_id, position: s.data.number }),
        Level::Category => {
            let Some(parent) = tx.query_row(sql!("select_category"), [id], |r| r.get::<_, Id>(0)).optional()? else {
                return Ok(None);
            };
            let at = category_ids(tx, parent)?.iter().position(|c| *c == id).unwrap_or(0);
            Some(Place { id, parent, position: at as u32 })
        }
        Level::Kpi => stored_kpi(tx, id)?.map(|k| Place { id, parent: k.item_id, position: k.position as u32 }),
    })
}

fn order(tx: &Transaction, level: Level, old: &[Place], new: &[Place]) -> Result<Description, StoreError> {
    for p in old {
        if stored_place(tx, level, p.id)? != Some(*p) {
            return Err(conflict(format!("{}の並び", level.label())));
        }
    }
    let mut ids: Vec<Id> = old.iter().map(|p| p.id).collect();
    let mut new_ids: Vec<Id> = new.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    new_ids.sort_unstable();
    if ids != new_ids || ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(invalid("並べ替えの内容が正しくありません。"));
    }
    match level {
        Level::FocusArea | Level::Item => renumber(tx, level, new)?,
        Level::Category | Level::Kpi => {
            let mut by_parent: BTreeMap<Id, Vec<Place>> = BTreeMap::new();
            for p in old.iter().chain(new) {
                by_parent.entry(p.parent).or_default();
            }
            for p in new {
                by_parent.entry(p.parent).or_default().push(*p);
            }
            // Every parent is checked before any is written: a move between two parents changes
            // the children of both.
            for (parent, places) in &mut by_parent {
                let mut now = if level == Level::Kpi { kpi_ids(tx, *parent)? } else { category_ids(tx, *parent)? };
                let mut named: Vec<Id> = old.iter().filter(|p| p.parent == *parent).map(|p| p.id).collect();
                now.sort_unstable();
                named.sort_unstable();
                if now != named {
                    return Err(conflict(format!("{}の並び", level.label())));
                }
                places.sort_by_key(|p| p.position);
                if places.iter().enumerate().any(|(i, p)| p.position != i as u32) {
                    return Err(invalid("並べ替えの内容が正しくありません。"));
                }
            }
            for (parent, places) in by_parent {
                let ids: Vec<Id> = places.iter().map(|p| p.id).collect();
                if level == Level::Kpi {
                    item_number(tx, parent)?;
                    write_kpi_places(tx, parent, &ids)?;
                } else {
                    focus_area_number(tx, parent)?;
                    write_category_places(tx, parent, &ids)?;
                }
            }
        }
    }
    let words = |places: &[Place]| {
        let mut places = places.to_vec();
        places.sort_by_key(|p| (p.parent, p.position));
        places
            .iter()
            .map(|p| format!("{}", p.position + u32::from(matches!(level, Level::Category | Level::Kpi))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let item_id = (level == Level::Item && new.len() == 1).then(|| new[0].id);
    Ok(describe(item_id, level.label().into(), "並び・番号", words(old), words(new)))
}

/// New numbers for items or focus areas; unique numbers are a rule of the file, so the moved ones
/// step aside first (numbers far above any in use) and then take their places.
fn renumber(tx: &Transaction, level: Level, new: &[Place]) -> Result<(), StoreError> {
    const ASIDE: u32 = 1_000_000;
    let moved: Vec<Id> = new.iter().map(|p| p.id).collect();
    for p in new {
        if p.position == 0 || p.position >= ASIDE {
            return Err(invalid(format!("{}の番号は1以上にしてください。", level.label())));
        }
        let by_number =
            if level == Level::Item { sql!("select_item_by_number") } else { sql!("select_focus_area_by_number") };
        let holder: Option<Id> = tx.query_row(by_number, [p.position], |r| r.get(0)).optional()?;
        if holder.is_some_and(|h| !moved.contains(&h)) || new.iter().filter(|q| q.position == p.position).count() > 1 {
            return Err(invalid(format!("{}{}の番号が重なります。", level.label(), p.position)));
        }
        if level == Level::Item {
            let exists: Option<Id> = tx.query_row(sql!("select_category"), [p.parent], |r| r.get(0)).optional()?;
            if exists.is_none() {
                return Err(conflict("移す先の取組分類が削除されています"));
            }
        }
    }
    for (pass, p) in [true, false].into_iter().flat_map(|aside| new.iter().map(move |p| (aside, p))) {
        let number = if pass { ASIDE + p.position } else { p.position };
        if level == Level::Item {
            tx.execute(sql!("update_item_place"), params![p.id, p.parent, number])?;
        } else {
            tx.execute(sql!("update_focus_area_number"), params![p.id, number])?;
        }
    }
    Ok(())
}

fn set_status(
    tx: &Transaction,
    item_id: Id,
    old: Option<&ItemStatus>,
    new: Option<&ItemStatus>,
) -> Result<Description, StoreError> {
    let (number, code, year, reason): (u32, Option<String>, Option<i32>, String) = tx
        .query_row(sql!("select_item_status"), [item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| conflict("改革項目が削除されています"))?;
    if item_status(code, year, reason)?.as_ref() != old {
        return Err(conflict(format!("改革項目{number}の状態")));
    }
    if let Some(s) = new {
        let plan = plan_header(tx)?;
        s.check(plan.first_year, plan.last_year).map_err(StoreError::Invalid)?;
    }
    tx.execute(
        sql!("update_item_status"),
        params![
            item_id,
            new.map(|s| s.kind.code()),
            new.map(|s| s.year.0),
            new.map(|s| s.reason.as_str()).unwrap_or("")
        ],
    )?;
    let words =
        |s: Option<&ItemStatus>| s.map(|s| format!("{} {}", s.label(), s.reason)).unwrap_or_else(|| "実施中".into());
    Ok(describe(Some(item_id), format!("改革項目{number}"), "状態", words(old), words(new)))
}

impl crate::store::Store {
    /// The next free ids for a new focus area, category, item and KPI.
    pub fn next_structure_ids(&self) -> Result<[Id; 4], StoreError> {
        Ok(self.conn.query_row(sql!("next_ids"), [], |r| {
            Ok([r.get::<_, Id>(0)? + 1, r.get::<_, Id>(1)? + 1, r.get::<_, Id>(2)? + 1, r.get::<_, Id>(3)? + 1])
        })?)
    }
}
