//! The 総括表: per 重点項目 and in total, how many items there are, how many were rated and
//! how, how many reached their 数値目標, and the 計画実施率.

use crate::model::evaluation::{YearStanding, year_standing};
use crate::model::progress::progress_as_of;
use crate::model::{FiscalYear, Item, Judgement, KpiValue, Plan, Rating};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub items: usize,
    /// Rated S, A, B or C.
    pub evaluated: usize,
    pub s: usize,
    pub a: usize,
    pub b: usize,
    pub c: usize,
    pub not_applicable: usize,
    pub unrated: usize,
    /// Items with at least one KPI that has a numeric target.
    pub with_kpi: usize,
    /// Of those, items whose every numeric KPI is 達成 at the end of the year.
    pub kpi_achieved: usize,
}

impl Counts {
    fn add(&mut self, item: &Item, plan: &Plan, year: FiscalYear) {
        self.items += 1;
        match year_standing(item, year) {
            YearStanding::Rated(r) => {
                self.evaluated += 1;
                match r {
                    Rating::S => self.s += 1,
                    Rating::A => self.a += 1,
                    Rating::B => self.b += 1,
                    Rating::C => self.c += 1,
                    Rating::Unrated => {}
                }
            }
            YearStanding::NotApplicable => self.not_applicable += 1,
            YearStanding::Unrated => self.unrated += 1,
        }
        let measured: Vec<Judgement> = item
            .kpis
            .iter()
            .filter(|k| matches!(k.target, Some(KpiValue::Number(_))))
            .map(|k| progress_as_of(&plan.info, k, year).judgement)
            .collect();
        if !measured.is_empty() {
            self.with_kpi += 1;
            if measured.iter().all(|j| *j == Judgement::Achieved) {
                self.kpi_achieved += 1;
            }
        }
    }

    /// The count's share of all items, in percent.
    pub fn share(&self, n: usize) -> Option<f64> {
        percent(n, self.items)
    }

    /// 数値目標の達成率: items whose KPIs are all achieved, of the items with a numeric KPI.
    pub fn achievement_rate(&self) -> Option<f64> {
        percent(self.kpi_achieved, self.with_kpi)
    }

    /// 計画実施率: items rated S or A (計画どおり以上), of the items rated.
    pub fn implementation_rate(&self) -> Option<f64> {
        percent(self.s + self.a, self.evaluated)
    }

    /// The five standings in the 総括表's order, with their counts.
    pub fn by_standing(&self) -> [(&'static str, usize); 6] {
        [
            ("S", self.s),
            ("A", self.a),
            ("B", self.b),
            ("C", self.c),
            ("対象外", self.not_applicable),
            ("未評価", self.unrated),
        ]
    }
}

fn percent(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| (n as f64 / of as f64 * 1000.0).round() / 10.0)
}

/// "66.7%" or "—" where there is nothing to divide by.
pub fn percent_text(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "—".into())
}

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// 重点項目の番号; `None` for the total.
    pub focus: Option<u32>,
    pub label: String,
    pub counts: Counts,
}

/// One row per 重点項目 (in plan order), then the total.
pub fn summary(plan: &Plan, year: FiscalYear) -> Vec<SummaryRow> {
    let mut rows: Vec<SummaryRow> = plan
        .focus_areas
        .iter()
        .map(|f| SummaryRow {
            focus: Some(f.number),
            label: format!("重点項目{} {}", f.number, f.title),
            counts: Counts::default(),
        })
        .collect();
    let mut total = Counts::default();
    for item in &plan.items {
        total.add(item, plan, year);
        if let Some(row) = rows.iter_mut().find(|r| r.focus == Some(item.focus_area)) {
            row.counts.add(item, plan, year);
        }
    }
    rows.push(SummaryRow { focus: None, label: "合計".into(), counts: total });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_of_all_items_and_rates_of_their_own_base() {
        let c = Counts { items: 8, evaluated: 4, s: 1, a: 2, b: 1, with_kpi: 3, kpi_achieved: 1, ..Default::default() };
        assert_eq!(c.share(2), Some(25.0));
        assert_eq!(c.implementation_rate(), Some(75.0));
        assert_eq!(c.achievement_rate(), Some(33.3));
        assert_eq!(percent_text(Counts::default().implementation_rate()), "—");
    }
}
