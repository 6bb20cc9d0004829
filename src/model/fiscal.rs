//! Fiscal years (年度, April to March) and the Japanese era 令和.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Japanese fiscal year, named by the Western year in which it starts (April).
/// 令和3年度 = `FiscalYear(2021)`, running from 2021-04 to 2022-03.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

/// The first Western year of 令和 is 2019 (令和元年); 令和N = 2018 + N.
const REIWA_OFFSET: i32 = 2018;

impl FiscalYear {
    pub fn reiwa(n: i32) -> Self {
        FiscalYear(REIWA_OFFSET + n)
    }

    /// The year's number within 令和 (1 for 2019). `None` before 令和.
    pub fn reiwa_number(self) -> Option<i32> {
        (self.0 > REIWA_OFFSET).then_some(self.0 - REIWA_OFFSET)
    }

    /// 令和3年度, 令和元年度; 平成 years (before 2019) are written in 西暦.
    pub fn japanese(self) -> String {
        match self.reiwa_number() {
            Some(1) => "令和元年度".to_string(),
            Some(n) => format!("令和{n}年度"),
            None => format!("{}年度", self.0),
        }
    }

    /// R3, R元 — the short form the plan document uses in its tables.
    pub fn short(self) -> String {
        match self.reiwa_number() {
            Some(1) => "R元".to_string(),
            Some(n) => format!("R{n}"),
            None => format!("{}", self.0),
        }
    }

    /// The fiscal year that contains a calendar month.
    pub fn containing(month: YearMonth) -> Self {
        if month.month >= 4 { FiscalYear(month.year) } else { FiscalYear(month.year - 1) }
    }

    pub fn first_month(self) -> YearMonth {
        YearMonth::new(self.0, 4)
    }

    pub fn last_month(self) -> YearMonth {
        YearMonth::new(self.0 + 1, 3)
    }

    /// Reads 令和3年度, 令和元年度, R3, R元, r3, 2021, 2021年度 (full-width digits too).
    pub fn parse(text: &str) -> Option<Self> {
        let text = crate::model::number::to_half_width(text.trim());
        let text = text.trim_end_matches("年度").trim();
        let reiwa = text.strip_prefix("令和").or_else(|| text.strip_prefix('R')).or_else(|| text.strip_prefix('r'));
        match reiwa {
            Some("元") => Some(FiscalYear::reiwa(1)),
            Some(n) => n.parse::<i32>().ok().filter(|n| (1..=99).contains(n)).map(FiscalYear::reiwa),
            None => text.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y)).map(FiscalYear),
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.japanese())
    }
}

/// A calendar month, the granularity of schedule phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Self {
        debug_assert!((1..=12).contains(&month));
        YearMonth { year, month }
    }

    /// Months since year 0, so that month arithmetic is integer arithmetic.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    pub fn from_index(index: i32) -> Self {
        YearMonth { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    pub fn add_months(self, n: i32) -> Self {
        Self::from_index(self.index() + n)
    }

    /// Inclusive count of months from `self` to `end`.
    pub fn months_through(self, end: YearMonth) -> i32 {
        end.index() - self.index() + 1
    }

    /// "2021-04", the form stored in the record and the data file.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn parse_iso(text: &str) -> Option<Self> {
        let (y, m) = text.trim().split_once('-')?;
        let year = y.parse::<i32>().ok()?;
        let month = m.parse::<u32>().ok()?;
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(YearMonth { year, month })
    }

    /// 令和3年4月 (2019-01..04 were still 平成; such months are written in 西暦).
    pub fn japanese(self) -> String {
        if self.year >= 2020 || (self.year == 2019 && self.month >= 5) {
            let n = self.year - REIWA_OFFSET;
            if n == 1 { format!("令和元年{}月", self.month) } else { format!("令和{n}年{}月", self.month) }
        } else {
            format!("{}年{}月", self.year, self.month)
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reiwa_years() {
        assert_eq!(FiscalYear::reiwa(3), FiscalYear(2021));
        assert_eq!(FiscalYear(2019).japanese(), "令和元年度");
        assert_eq!(FiscalYear(2023).japanese(), "令和5年度");
        assert_eq!(FiscalYear(2019).short(), "R元");
        assert_eq!(FiscalYear(2029).short(), "R11");
        assert_eq!(FiscalYear(2018).reiwa_number(), None);
    }

    #[test]
    fn parse_fiscal_years() {
        for text in ["令和3年度", "R3", "r3", "2021", "２０２１年度", "令和３年度", " R3 "] {
            assert_eq!(FiscalYear::parse(text), Some(FiscalYear(2021)), "{text}");
        }
        assert_eq!(FiscalYear::parse("R元"), Some(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("令和元年度"), Some(FiscalYear(2019)));
        for bad in ["", "R", "令和", "abc", "R0", "21"] {
            assert_eq!(FiscalYear::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        assert_eq!(FiscalYear::containing(YearMonth::new(2022, 3)), FiscalYear(2021));
        assert_eq!(FiscalYear::containing(YearMonth::new(2022, 4)), FiscalYear(2022));
        assert_eq!(FiscalYear(2021).first_month(), YearMonth::new(2021, 4));
        assert_eq!(FiscalYear(2023).last_month(), YearMonth::new(2024, 3));
    }

    #[test]
    fn month_arithmetic() {
        let m = YearMonth::new(2021, 4);
        assert_eq!(m.add_months(11), YearMonth::new(2022, 3));
        assert_eq!(m.add_months(-4), YearMonth::new(2020, 12));
        assert_eq!(m.months_through(YearMonth::new(2024, 3)), 36);
        assert_eq!(YearMonth::parse_iso("2021-04"), Some(m));
        assert_eq!(YearMonth::parse_iso("2021-13"), None);
        assert_eq!(m.iso(), "2021-04");
        assert_eq!(YearMonth::new(2019, 5).japanese(), "令和元年5月");
        assert_eq!(m.japanese(), "令和3年4月");
    }
}
