//! The sheets a plan's dated goals and money go on: 中間目標 (one row per milestone, naming its KPI
//! by item and 目標名) and 効果額 (one row per item and year).

use super::plan::item_at;
use super::{Builder, Row};
use crate::model::FiscalYear;
use crate::plan_file::PlanFileError;
use crate::plan_file::format::{EffectIn, ItemIn, MilestoneIn};

impl Builder {
    /// 中間目標: 項目番号, 目標名, 年度, 目標値, 累計. Two KPIs of an item with one name: the first.
    pub(super) fn milestones(&mut self, rows: &[Row], items: &mut [ItemIn]) -> Result<(), PlanFileError> {
        for row in rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(items, n) else {
                self.no_item(row, n);
                continue;
            };
            let name = self.required(row, 1)?;
            let Some(k) = items[at].kpis.iter().position(|k| *k.name.get_ref() == name) else {
                return self.refuse(
                    row,
                    1,
                    format!("改革項目{n}に数値目標「{name}」がありません。数値目標シートの目標名をそのまま入力してください。"),
                );
            };
            let year = self.required_year(row, 2)?;
            let Some(value) = self.value(row, 3)?.0 else {
                return self.refuse(row, 3, "空です。その年度までの目標値を入力してください。");
            };
            let cumulative = self.mark(row, 4)?;
            items[at].kpis[k].milestones.push(MilestoneIn { year, value, cumulative });
        }
        Ok(())
    }

    /// 効果額: 項目番号, 年度, 計画（千円）, 実績（千円）; each item's year once.
    pub(super) fn effects(&mut self, rows: &[Row], items: &mut [ItemIn]) -> Result<(), PlanFileError> {
        for row in rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(items, n) else {
                self.no_item(row, n);
                continue;
            };
            let year = self.required_year(row, 1)?;
            let planned = self.amount(row, 2)?;
            let actual = self.amount(row, 3)?;
            if planned.is_none() && actual.is_none() {
                return self.refuse(row, 2, "空です。計画（千円）か実績（千円）を入力してください。");
            }
            if items[at].effects.iter().any(|e| e.year.get_ref() == year.get_ref()) {
                return self.refuse(
                    row,
                    1,
                    format!(
                        "改革項目{n}の{}の効果額が二度あります。1 年度 1 行にしてください。",
                        FiscalYear(*year.get_ref()).japanese()
                    ),
                );
            }
            items[at].effects.push(EffectIn { year, planned, actual });
        }
        Ok(())
    }
}
