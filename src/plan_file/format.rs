//! The plan file's keys as serde reads and writes them (docs/plan-format.md). Reading keeps each
//! field's byte span so that a refusal can name the line; writing uses plain values.

use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileIn {
    pub plan: PlanIn,
    #[serde(default)]
    pub focus_areas: Vec<FocusAreaIn>,
    #[serde(default)]
    pub items: Vec<ItemIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanIn {
    pub name: Spanned<String>,
    pub short_name: Spanned<String>,
    pub first_year: Spanned<i32>,
    pub last_year: Spanned<i32>,
    pub baseline_year: Spanned<i32>,
    /// 策定日 (2021-03-31 or 令和3年3月31日); optional.
    #[serde(default)]
    pub adopted_on: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusAreaIn {
    pub number: Spanned<u32>,
    pub title: Spanned<String>,
    pub categories: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemIn {
    pub number: Spanned<u32>,
    pub focus_area: Spanned<u32>,
    pub category: Spanned<String>,
    pub title: Spanned<String>,
    pub department: Spanned<String>,
    pub current_issues: Spanned<String>,
    pub actions: Spanned<String>,
    /// The previous plan's item this one continues (「SAPⅢ 項目16」); optional.
    #[serde(default)]
    pub predecessor: Option<Spanned<String>>,
    /// An item that has left the plan: 完了, 目標達成, 経常業務化, 統合 or 中止, with its year and reason.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub status_year: Option<Spanned<i32>>,
    #[serde(default)]
    pub status_reason: Option<Spanned<String>>,
    /// 数値目標 (default) or 活動目標.
    #[serde(default)]
    pub goal_heading: Option<Spanned<String>>,
    /// 実施内容・効果 (default) or 取組内容・効果.
    #[serde(default)]
    pub actions_heading: Option<Spanned<String>>,
    /// 効果額 per fiscal year, in 千円.
    #[serde(default)]
    pub effects: Vec<EffectIn>,
    #[serde(default)]
    pub kpis: Vec<KpiIn>,
    #[serde(default)]
    pub schedule: Vec<RowIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectIn {
    pub year: Spanned<i32>,
    pub planned: Option<Spanned<f64>>,
    pub actual: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneIn {
    pub year: Spanned<i32>,
    pub value: Spanned<ValueIo>,
    #[serde(default)]
    pub cumulative: bool,
}

/// A KPI value: a number the document prints, or words (存続の可否決定).
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum ValueIo {
    /// Tried first: a TOML integer (949451676) is printed without decimals.
    Integer(i64),
    /// A TOML float (18.0) is printed with its decimals, at least one.
    Float(f64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiIn {
    pub name: Spanned<String>,
    #[serde(default)]
    pub unit: String,
    pub baseline_year: Option<Spanned<i32>>,
    pub baseline: Option<Spanned<ValueIo>>,
    pub target_year: Option<Spanned<i32>>,
    pub target: Option<Spanned<ValueIo>>,
    pub direction: Spanned<String>,
    #[serde(default)]
    pub note: String,
    /// Decimals the values are printed with, where the written numbers do not show them (1.50).
    pub decimals: Option<Spanned<u8>>,
    #[serde(default)]
    pub baseline_note: String,
    #[serde(default)]
    pub target_note: String,
    /// The baseline's day (2020-06-01 or R2.6.1).
    pub baseline_date: Option<Spanned<String>>,
    /// 「万」 to show the numbers in 万.
    pub scale: Option<Spanned<String>>,
    #[serde(default)]
    pub milestones: Vec<MilestoneIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowIn {
    pub label: String,
    pub phases: Vec<PhaseIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseIn {
    pub label: String,
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    pub actual_start: Option<Spanned<String>>,
    pub actual_end: Option<Spanned<String>>,
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize)]
pub struct FileOut {
    pub plan: PlanOut,
    pub focus_areas: Vec<FocusAreaOut>,
    pub items: Vec<ItemOut>,
}

#[derive(Serialize)]
pub struct PlanOut {
    pub name: String,
    pub short_name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub baseline_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adopted_on: Option<String>,
}

#[derive(Serialize)]
pub struct FocusAreaOut {
    pub number: u32,
    pub title: String,
    pub categories: Vec<String>,
}

#[derive(Serialize)]
pub struct ItemOut {
    pub number: u32,
    pub focus_area: u32,
    pub category: String,
    pub title: String,
    pub department: String,
    pub current_issues: String,
    pub actions: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predecessor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_heading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_heading: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<EffectOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedule: Vec<RowOut>,
}

#[derive(Serialize)]
pub struct EffectOut {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
}

#[derive(Serialize)]
pub struct MilestoneOut {
    pub year: i32,
    pub value: ValueIo,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cumulative: bool,
}

#[derive(Serialize)]
pub struct KpiOut {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<ValueIo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<ValueIo>,
    pub direction: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub baseline_note: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub target_note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneOut>,
}

#[derive(Serialize)]
pub struct RowOut {
    pub label: String,
    pub phases: Vec<PhaseOut>,
}

#[derive(Serialize)]
pub struct PhaseOut {
    pub label: String,
    pub start: String,
    pub end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}
