//! 変更点: what changed since the previous meeting, either from the record's own change
//! history since a date, or by comparing with the record handed to that meeting.

use chrono::NaiveDate;

use crate::model::diff::ImportSummary;
use crate::model::{Item, Plan};
use crate::store::ChangeRecord;

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    /// When, where known ("2022-11-04 10:12"); empty when compared with another record.
    pub at: String,
    pub target: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// 「令和4年11月1日以降の変更」 or 「前回の記録（…）との比較」.
    pub basis: String,
    pub lines: Vec<ChangeLine>,
}

fn or_blank(s: &str) -> String {
    if s.is_empty() { "（空欄）".into() } else { s.to_string() }
}

/// Changes made on or after `since`, oldest first. `records` is the history, newest first; an
/// item is named with its title from `plan` (「改革項目16 徴収事務体制の強化」).
pub fn from_history(records: &[ChangeRecord], since: NaiveDate, plan: &Plan) -> Changes {
    let from = since.format("%Y-%m-%d").to_string();
    let mut lines: Vec<ChangeLine> = records
        .iter()
        .filter(|r| r.at.as_str() >= from.as_str())
        .map(|r| ChangeLine {
            at: r.at.get(..16).unwrap_or(&r.at).to_string(),
            target: with_title(&r.target, r.item_id.and_then(|id| plan.item(id))),
            field: r.field.clone(),
            old: or_blank(&r.old),
            new: or_blank(&r.new),
        })
        .collect();
    lines.reverse();
    let basis = format!("{}以降の変更", crate::report::pdf::frame::japanese_date(since));
    Changes { basis, lines }
}

/// 「改革項目16」 → 「改革項目16 徴収事務体制の強化」; other targets keep what the history says.
fn with_title(target: &str, item: Option<&Item>) -> String {
    match item {
        Some(i) if target == format!("改革項目{}", i.number) => format!("{target} {}", i.title),
        _ => target.to_string(),
    }
}

/// The differences from an earlier record (`earlier` → the current one).
pub fn from_diff(summary: &ImportSummary, earlier_name: &str) -> Changes {
    let lines = summary
        .differences
        .iter()
        .map(|d| ChangeLine {
            at: String::new(),
            target: d.target.clone(),
            field: format!("{}（{}）", d.field, d.kind.label()),
            old: or_blank(&d.old),
            new: or_blank(&d.new),
        })
        .collect();
    Changes { basis: format!("前回の記録「{earlier_name}」との比較"), lines }
}
