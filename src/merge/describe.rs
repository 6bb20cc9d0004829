//! The merge preview's words: which value, and what it was and becomes, as the officer knows them.

use super::target::Target;
use crate::edit::goals::{self, GoalEdit};
use crate::edit::{Edit, ItemField, KpiField, KpiSlot};
use crate::model::{Id, KpiValue, Plan};

const BLANK: &str = "（空欄）";
const REMOVED: &str = "（削除）";

fn or_blank(s: &str) -> String {
    if s.is_empty() { BLANK.to_string() } else { s.to_string() }
}

fn value(v: &Option<KpiValue>) -> String {
    v.as_ref().map(KpiValue::display).unwrap_or_else(|| BLANK.to_string())
}

fn item_name(plan: &Plan, item_id: Id) -> String {
    plan.item(item_id).map(|i| format!("改革項目{}", i.number)).unwrap_or_else(|| "改革項目".to_string())
}

fn kpi_name(plan: &Plan, kpi_id: Id) -> String {
    plan.kpi(kpi_id)
        .map(|(i, k)| format!("改革項目{}「{}」", i.number, k.name))
        .unwrap_or_else(|| "数値目標".to_string())
}

fn row_name(plan: &Plan, row_id: Id) -> String {
    plan.row(row_id)
        .map(|(i, r)| format!("改革項目{} 工程「{}」", i.number, r.label))
        .unwrap_or_else(|| "工程".to_string())
}

fn phase_name(plan: &Plan, phase_id: Id) -> String {
    plan.phase(phase_id)
        .map(|(i, r, p)| format!("改革項目{} 工程「{}」の「{}」", i.number, r.label, p.data.label))
        .unwrap_or_else(|| "工程の期間".to_string())
}

/// Which value a target is, in words.
pub fn target_label(plan: &Plan, target: Target) -> String {
    match target {
        Target::ItemText(item, field) => format!("{} {}", item_name(plan, item), field.label()),
        Target::KpiText(kpi, field) => format!("{} {}", kpi_name(plan, kpi), field.label()),
        Target::KpiValue(kpi, slot) => format!("{} {}", kpi_name(plan, kpi), slot.label()),
        Target::Phase(phase) => phase_name(plan, phase),
        Target::RowLabel(row) => format!("{} の名前", row_name(plan, row)),
        Target::Row(row) => row_name(plan, row),
        Target::Evaluation(item, year) => format!("{} {}の評価", item_name(plan, item), year.japanese()),
        Target::CouncilOpinion(item, year) => format!("{} {}の審議会意見", item_name(plan, item), year.japanese()),
        Target::Provisional(kpi, year) => format!("{} {}実績の暫定", kpi_name(plan, kpi), year.japanese()),
        Target::Structure => "計画の構成（重点項目・取組分類・改革項目・数値目標）".to_string(),
        Target::KpiSettings(kpi) => format!("{} の設定", kpi_name(plan, kpi)),
        Target::Milestones(kpi) => format!("{} の中間目標", kpi_name(plan, kpi)),
        Target::Headings(item) => format!("{} の見出し", item_name(plan, item)),
        Target::Effect(item, year) => format!("{} {}の効果額", item_name(plan, item), year.japanese()),
    }
}

/// The value a target holds in `plan`, in words; （削除） when it is not there.
pub fn current_value(plan: &Plan, target: Target) -> String {
    let text = match target {
        Target::ItemText(item, field) => plan.item(item).map(|i| {
            or_blank(match field {
                ItemField::Title => &i.title,
                ItemField::Department => &i.department,
                ItemField::CurrentIssues => &i.current_issues,
                ItemField::Actions => &i.actions,
            })
        }),
        Target::KpiText(kpi, field) => plan.kpi(kpi).map(|(_, k)| {
            or_blank(match field {
                KpiField::Name => &k.name,
                KpiField::Unit => &k.unit,
                KpiField::Note => &k.note,
                KpiField::BaselineNote => &k.baseline_note,
                KpiField::TargetNote => &k.target_note,
            })
        }),
        Target::KpiValue(kpi, slot) => plan.kpi(kpi).map(|(_, k)| match slot {
            KpiSlot::Baseline => value(&k.baseline),
            KpiSlot::Target => value(&k.target),
            KpiSlot::Actual(y) => value(&k.actuals.get(&y).cloned()),
        }),
        Target::Phase(phase) => plan.phase(phase).map(|(_, _, p)| p.data.summary()),
        Target::RowLabel(row) | Target::Row(row) => plan.row(row).map(|(_, r)| or_blank(&r.label)),
        Target::Evaluation(item, year) => {
            plan.item(item).map(|i| i.evaluation(year).map(|e| e.summary()).unwrap_or_else(|| BLANK.to_string()))
        }
        Target::CouncilOpinion(item, year) => {
            plan.item(item).map(|i| or_blank(i.council_opinions.get(&year).map(String::as_str).unwrap_or("")))
        }
        Target::Provisional(kpi, year) => plan.kpi(kpi).map(|(_, k)| provisional(k.provisional.contains(&year))),
        Target::Structure => Some("こちらでも変更済み".to_string()),
        Target::KpiSettings(kpi) => plan.kpi(kpi).map(|(_, k)| goals::settings_words(&goals::KpiSettings::of(k))),
        Target::Milestones(kpi) => plan.kpi(kpi).map(|(_, k)| goals::milestones_words(&k.milestones)),
        Target::Headings(item) => {
            plan.item(item).map(|i| format!("{}・{}", i.goal_heading.label(), i.actions_heading.label()))
        }
        Target::Effect(item, year) => plan.item(item).map(|i| goals::effect_words(&i.effects.get(&year).copied())),
    };
    text.unwrap_or_else(|| REMOVED.to_string())
}

/// The value an edit leaves, in words.
pub fn new_value(edit: &Edit) -> String {
    match edit {
        Edit::ItemText { new, .. } | Edit::KpiText { new, .. } | Edit::RowLabel { new, .. } => or_blank(new),
        Edit::KpiValue { new, .. } => value(new),
        Edit::Phase { new, .. } => new.summary(),
        Edit::InsertPhase { data, .. } => data.summary(),
        Edit::InsertRow(row) => row.label.clone(),
        Edit::RemovePhase { .. } | Edit::RemoveRow(_) => REMOVED.to_string(),
        Edit::MoveRow { to, .. } => format!("{}行目", to + 1),
        Edit::Evaluation { new, .. } => new.as_ref().map(|e| e.summary()).unwrap_or_else(|| BLANK.to_string()),
        Edit::CouncilOpinion { new, .. } => or_blank(new),
        Edit::Provisional { new, .. } => provisional(*new),
        Edit::Structure(_) => "構成の変更".to_string(),
        Edit::Goal(GoalEdit::KpiSettings { new, .. }) => goals::settings_words(new),
        Edit::Goal(GoalEdit::Milestones { new, .. }) => goals::milestones_words(new),
        Edit::Goal(GoalEdit::Headings { new, .. }) => format!("{}・{}", new.goal.label(), new.actions.label()),
        Edit::Goal(GoalEdit::Effect { new, .. }) => goals::effect_words(new),
    }
}

/// One line of the preview for an edit about to be applied to `plan` (old → new).
pub fn change_line(plan: &Plan, edit: &Edit) -> String {
    match edit {
        Edit::ItemText { item_id, field, old, new } => {
            format!("{} {}: {} → {}", item_name(plan, *item_id), field.label(), or_blank(old), or_blank(new))
        }
        Edit::KpiText { kpi_id, field, old, new } => {
            format!("{} {}: {} → {}", kpi_name(plan, *kpi_id), field.label(), or_blank(old), or_blank(new))
        }
        Edit::KpiValue { kpi_id, slot, old, new } => {
            format!("{} {}: {} → {}", kpi_name(plan, *kpi_id), slot.label(), value(old), value(new))
        }
        Edit::Phase { phase_id, old, new } => {
            format!("{}: {} → {}", phase_name(plan, *phase_id), old.summary(), new.summary())
        }
        Edit::InsertPhase { row_id, data, .. } => {
            format!("{} に期間を追加: {}", row_name(plan, *row_id), data.summary())
        }
        Edit::RemovePhase { phase_id, .. } => format!("{} を削除", phase_name(plan, *phase_id)),
        Edit::RowLabel { row_id, old, new } => {
            format!("{} の名前: {} → {}", row_name(plan, *row_id), or_blank(old), or_blank(new))
        }
        Edit::InsertRow(row) => format!("{} に工程「{}」を追加", item_name(plan, row.item_id), row.label),
        Edit::RemoveRow(row) => format!("{} を削除", row_name(plan, row.row_id)),
        Edit::MoveRow { row_id, from, to, .. } => {
            format!("{} の順序: {}行目 → {}行目", row_name(plan, *row_id), from + 1, to + 1)
        }
        Edit::Evaluation { item_id, year, old, new } => format!(
            "{} {}の評価: {} → {}",
            item_name(plan, *item_id),
            year.japanese(),
            old.as_ref().map(|e| e.summary()).unwrap_or_else(|| BLANK.to_string()),
            new.as_ref().map(|e| e.summary()).unwrap_or_else(|| BLANK.to_string())
        ),
        Edit::CouncilOpinion { item_id, year, old, new } => format!(
            "{} {}の審議会意見: {} → {}",
            item_name(plan, *item_id),
            year.japanese(),
            or_blank(old),
            or_blank(new)
        ),
        Edit::Provisional { kpi_id, year, old, new } => format!(
            "{} {}実績: {} → {}",
            kpi_name(plan, *kpi_id),
            year.japanese(),
            provisional(*old),
            provisional(*new)
        ),
        Edit::Structure(s) => s.line(plan),
        Edit::Goal(g) => g.line(plan),
    }
}

fn provisional(marked: bool) -> String {
    if marked { "暫定".to_string() } else { "確定".to_string() }
}
