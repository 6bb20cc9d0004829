//! A structure edit in words (previews, messages) and rebased on another copy of the plan (merges).

use super::{CategoryData, FocusAreaData, ItemData, KpiData, Node, PlanHeader, StructureEdit, place_of};
use crate::model::{Id, Plan};

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
