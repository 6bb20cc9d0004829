//! The sheets' rows → the plan file's structures (`FileIn`): the plan, its focus areas and
//! categories, the items, their KPIs and schedule; milestones and 効果額 in `goals.rs`.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::{Builder, PLAN, Row, at_sheet};
use crate::model::{ActionsHeading, GoalHeading};
use crate::plan_file::PlanFileError;
use crate::plan_file::format::{FileIn, FocusAreaIn, ItemIn, KpiIn, PhaseIn, PlanIn, RowIn};

/// The first item with the number: rows of other sheets name their item so (a duplicate number is
/// refused by the check anyway).
pub(super) fn item_at(items: &[ItemIn], n: u32) -> Option<usize> {
    items.iter().position(|i| *i.number.get_ref() == n)
}

impl Builder {
    pub(super) fn file(&mut self, tables: &[Vec<Row>]) -> Result<FileIn, PlanFileError> {
        let [plan_rows, focus_rows, category_rows, item_rows, kpi_rows, milestone_rows, schedule_rows, effect_rows] =
            tables
        else {
            unreachable!("SHEETS has eight sheets")
        };
        let plan = match plan_rows.as_slice() {
            [] => return Err(at_sheet(PLAN, "2 行目に計画名・略称・期間を入力してください。")),
            [row] => PlanIn {
                name: self.spanned_text(row, 0, true)?,
                short_name: self.spanned_text(row, 1, true)?,
                first_year: self.required_year(row, 2)?,
                last_year: self.required_year(row, 3)?,
                baseline_year: self.required_year(row, 4)?,
                adopted_on: Some(self.spanned_text(row, 5, false)?),
            },
            [_, extra, ..] => return self.refuse(extra, 0, "計画は 1 行だけです。2 行目だけに入力してください。"),
        };
        let focus_areas = self.focus_areas(focus_rows, category_rows)?;
        let mut items = item_rows.iter().map(|row| self.item(row)).collect::<Result<Vec<_>, _>>()?;
        for row in kpi_rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(&items, n) else {
                self.no_item(row, n);
                continue;
            };
            items[at].kpis.push(self.kpi(row)?);
        }
        self.milestones(milestone_rows, &mut items)?;
        for row in schedule_rows {
            let n = self.number(row, 0)?.into_inner();
            let Some(at) = item_at(&items, n) else {
                self.no_item(row, n);
                continue;
            };
            let label = self.required(row, 1)?;
            let phase = PhaseIn {
                label: self.text(row, 2)?,
                start: self.month(row, 3)?,
                end: self.month(row, 4)?,
                actual_start: None,
                actual_end: None,
                status: None,
                note: String::new(),
            };
            let schedule = &mut items[at].schedule;
            match schedule.iter_mut().find(|r| r.label == label) {
                Some(r) => r.phases.push(phase),
                None => schedule.push(RowIn { label, phases: vec![phase] }),
            }
        }
        self.effects(effect_rows, &mut items)?;
        Ok(FileIn { plan, focus_areas, items })
    }

    fn focus_areas(&mut self, focus_rows: &[Row], category_rows: &[Row]) -> Result<Vec<FocusAreaIn>, PlanFileError> {
        let mut categories: BTreeMap<u32, (Spanned<()>, Vec<String>)> = BTreeMap::new();
        let mut focus_numbers = BTreeSet::new();
        for row in focus_rows {
            focus_numbers.insert(self.number(row, 0)?.into_inner());
        }
        for row in category_rows {
            let area = self.number(row, 0)?.into_inner();
            if !focus_numbers.contains(&area) {
                return self.refuse(
                    row,
                    0,
                    format!("重点項目{area}がありません。重点項目シートにある番号を入力してください。"),
                );
            }
            let title = self.required(row, 1)?;
            let span = self.span(row, 1, ());
            let entry = categories.entry(area).or_insert_with(|| (span, Vec::new()));
            if entry.1.contains(&title) {
                return self.refuse(row, 1, format!("重点項目{area}に分類「{title}」が二度あります。"));
            }
            entry.1.push(title);
        }
        let mut focus_areas = Vec::new();
        for row in focus_rows {
            let number = self.number(row, 0)?;
            let title = self.spanned_text(row, 1, true)?;
            let (span, list) = match categories.remove(number.get_ref()) {
                Some((span, list)) => (span.span(), list),
                None => (number.span(), Vec::new()),
            };
            focus_areas.push(FocusAreaIn { number, title, categories: Spanned::new(span, list) });
        }
        Ok(focus_areas)
    }

    /// 改革項目: 番号 … 実施内容・効果, then 目標の見出し, 内容の見出し, 状態, 状態の年度,
    /// 状態の理由, 前計画の項目.
    fn item(&mut self, row: &Row) -> Result<ItemIn, PlanFileError> {
        let goal_words = GoalHeading::ALL.map(GoalHeading::label);
        let actions_words = ActionsHeading::ALL.map(ActionsHeading::label);
        let status = self.optional_text(row, 9)?;
        let status_year = self.year(row, 10)?;
        let status_reason = self.spanned_text(row, 11, false)?;
        // The checks that follow name the plan file's keys; the workbook's own words come first.
        if status.is_none() && (status_year.is_some() || !status_reason.get_ref().is_empty()) {
            return self.refuse(
                row,
                9,
                "状態が空なのに状態の年度か理由があります。状態を選ぶか、年度と理由を消してください。",
            );
        }
        if status.is_some() && status_year.is_none() {
            return self.refuse(row, 10, "空です。項目が計画を離れた年度を入力してください（2024、令和6、R6）。");
        }
        Ok(ItemIn {
            number: self.number(row, 0)?,
            focus_area: self.number(row, 1)?,
            category: self.spanned_text(row, 2, true)?,
            title: self.spanned_text(row, 3, true)?,
            department: self.spanned_text(row, 4, false)?,
            current_issues: self.spanned_text(row, 5, false)?,
            actions: self.spanned_text(row, 6, false)?,
            goal_heading: self.choice(row, 7, &goal_words)?,
            actions_heading: self.choice(row, 8, &actions_words)?,
            status,
            status_year,
            status_reason: Some(status_reason),
            predecessor: self.optional_text(row, 12)?,
            effects: Vec::new(),
            kpis: Vec::new(),
            schedule: Vec::new(),
        })
    }

    /// 数値目標: 項目番号 … 備考, then 基準値の注記, 目標値の注記, 基準日, 表示, 小数.
    fn kpi(&mut self, row: &Row) -> Result<KpiIn, PlanFileError> {
        let direction_text = self.required(row, 7)?;
        let direction = match direction_text.as_str() {
            "増加" | "increase" => "increase",
            "減少" | "decrease" => "decrease",
            other => {
                return self.refuse(row, 7, format!("方向「{other}」は読めません。増加 か 減少 を選んでください。"));
            }
        };
        let (baseline, baseline_shown) = self.value(row, 4)?;
        let (target, target_shown) = self.value(row, 6)?;
        // 小数 where given; else the decimals the values' texts show (18.0), else the check's own.
        let decimals = match (self.decimals(row, 13)?, baseline_shown, target_shown) {
            (Some(d), _, _) => Some(d),
            (None, None, None) => None,
            (None, b, t) => {
                let col = if t >= b { 6 } else { 4 };
                Some(self.span(row, col, b.max(t).unwrap_or(0)))
            }
        };
        Ok(KpiIn {
            name: self.spanned_text(row, 1, true)?,
            unit: self.text(row, 2)?,
            baseline_year: self.year(row, 3)?,
            baseline,
            target_year: self.year(row, 5)?,
            target,
            direction: self.span(row, 7, direction.to_string()),
            note: self.text(row, 8)?,
            decimals,
            baseline_note: self.text(row, 9)?,
            target_note: self.text(row, 10)?,
            baseline_date: self.day(row, 11)?,
            scale: self.optional_text(row, 12)?,
            milestones: Vec::new(),
        })
    }
}
