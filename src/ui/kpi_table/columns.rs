//! The table's columns, left to right: the item's, the KPI's, one 実績 per plan year, 進捗率,
//! 判定 and one 評価 per plan year. 項目番号 and 改革項目 stay at the left edge while the rest
//! scrolls: they say which row one is on. 進捗率 and 判定 follow the 実績 they are worked out
//! from, so that one scroll to the right shows a KPI's years, its 進捗率, 判定 and 評価 together
//! beside its number and title. Year columns are named in the plan document's short form
//! (R3実績, R3評価) with the full year on hover.

use super::input::KpiCell;
use crate::model::{FiscalYear, Id, Plan};

/// A column of the table. Plan years are part of the column, so a plan over other years
/// gets its own 実績 and 評価 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiColumn {
    Number,
    Title,
    Department,
    Name,
    Unit,
    Baseline,
    Target,
    Actual(FiscalYear),
    Rate,
    Judgement,
    Rating(FiscalYear),
}

impl KpiColumn {
    /// The columns for a plan, left to right.
    pub fn all(plan: &Plan) -> Vec<KpiColumn> {
        let years = plan.info.years();
        let mut cols = vec![
            KpiColumn::Number,
            KpiColumn::Title,
            KpiColumn::Department,
            KpiColumn::Name,
            KpiColumn::Unit,
            KpiColumn::Baseline,
            KpiColumn::Target,
        ];
        cols.extend(years.iter().map(|y| KpiColumn::Actual(*y)));
        cols.extend([KpiColumn::Rate, KpiColumn::Judgement]);
        cols.extend(years.iter().map(|y| KpiColumn::Rating(*y)));
        cols
    }

    pub fn header(self) -> String {
        match self {
            KpiColumn::Number => "項目番号".into(),
            KpiColumn::Title => "改革項目".into(),
            KpiColumn::Department => "実施課".into(),
            KpiColumn::Name => "目標名".into(),
            KpiColumn::Unit => "単位".into(),
            KpiColumn::Baseline => "基準値（年度）".into(),
            KpiColumn::Target => "目標値（年度）".into(),
            KpiColumn::Actual(y) => format!("{}実績", y.short()),
            KpiColumn::Rate => "進捗率".into(),
            KpiColumn::Judgement => "判定".into(),
            KpiColumn::Rating(y) => format!("{}評価", y.short()),
        }
    }

    pub(super) fn hover(self) -> String {
        match self {
            KpiColumn::Actual(y) => format!("{}（{}年4月～{}年3月）の実績", y.japanese(), y.0, y.0 + 1),
            KpiColumn::Rating(y) => format!(
                "{}（{}年4月～{}年3月）の担当評価（S 計画以上 / A 計画どおり / B やや遅れ / C 遅れ）",
                y.japanese(),
                y.0,
                y.0 + 1
            ),
            KpiColumn::Rate => "（最新の実績 − 基準値）÷（目標値 − 基準値）".into(),
            KpiColumn::Judgement => "進捗率と経過年数から自動で判定します（参考）".into(),
            _ => "クリックで並べ替え".into(),
        }
    }

    /// The key its width is remembered under.
    pub fn key(self) -> String {
        match self {
            KpiColumn::Number => "number".into(),
            KpiColumn::Title => "title".into(),
            KpiColumn::Department => "department".into(),
            KpiColumn::Name => "name".into(),
            KpiColumn::Unit => "unit".into(),
            KpiColumn::Baseline => "baseline".into(),
            KpiColumn::Target => "target".into(),
            KpiColumn::Actual(y) => format!("actual-{}", y.0),
            KpiColumn::Rate => "rate".into(),
            KpiColumn::Judgement => "judgement".into(),
            KpiColumn::Rating(y) => format!("rating-{}", y.0),
        }
    }

    /// The column's width in points until the officer changes it.
    pub fn default_width(self) -> f32 {
        match self {
            KpiColumn::Number => 64.0,
            KpiColumn::Title => 170.0,
            KpiColumn::Department => 100.0,
            KpiColumn::Name => 190.0,
            KpiColumn::Unit => 44.0,
            KpiColumn::Baseline | KpiColumn::Target => 130.0,
            // Wide enough for 960,000,000; the short header (R3実績) no longer needs more.
            KpiColumn::Actual(_) => 96.0,
            KpiColumn::Rate => 64.0,
            KpiColumn::Judgement => 52.0,
            KpiColumn::Rating(_) => 50.0,
        }
    }

    /// The editable part of a KPI this column shows, if any.
    pub fn cell(self) -> Option<KpiCell> {
        match self {
            KpiColumn::Name => Some(KpiCell::Name),
            KpiColumn::Unit => Some(KpiCell::Unit),
            KpiColumn::Baseline => Some(KpiCell::Baseline),
            KpiColumn::Target => Some(KpiCell::Target),
            KpiColumn::Actual(y) => Some(KpiCell::Actual(y)),
            _ => None,
        }
    }

    /// Whether the column stays at the left edge while the table scrolls sideways. The frozen
    /// columns come first in `all`.
    pub fn is_frozen(self) -> bool {
        matches!(self, KpiColumn::Number | KpiColumn::Title)
    }

    pub(super) fn is_numeric(self) -> bool {
        matches!(self, KpiColumn::Baseline | KpiColumn::Target | KpiColumn::Actual(_) | KpiColumn::Rate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

/// One cell of the table, named by the KPI it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub kpi_id: Id,
    pub column: KpiColumn,
}
