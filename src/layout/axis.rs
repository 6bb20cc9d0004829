//! The time axis: the plan's fiscal years split into months (or quarters) along x.

use chrono::{Datelike, NaiveDate};

use crate::model::{FiscalYear, PlanInfo, YearMonth};

/// Column granularity of the time header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Zoom {
    #[default]
    Month,
    Quarter,
    /// The plan's whole period fitted to the width of the view.
    Fit,
}

impl Zoom {
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Month => "月",
            Zoom::Quarter => "四半期",
            Zoom::Fit => "全期間",
        }
    }
}

/// One labelled column of the time header (a month, a quarter or a fiscal year).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    /// The label where `label` does not fit its width: R10 for 令和10年度 (a ten-year plan on A4).
    pub short: String,
    /// Shown on hover: the Western years of a fiscal year, e.g. "2021年4月〜2022年3月".
    pub hover: String,
    pub x0: f32,
    pub x1: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeAxis {
    pub first: YearMonth,
    pub last: YearMonth,
    /// x of the left edge of `first`.
    pub x0: f32,
    pub month_width: f32,
}

impl TimeAxis {
    pub fn new(info: &PlanInfo, x0: f32, month_width: f32) -> Self {
        TimeAxis { first: info.first_month(), last: info.last_month(), x0, month_width }
    }

    /// An axis that fits the whole plan period into `width` (print: the page width).
    pub fn fitted(info: &PlanInfo, x0: f32, width: f32) -> Self {
        let months = info.first_month().months_through(info.last_month()).max(1);
        TimeAxis::new(info, x0, width / months as f32)
    }

    pub fn months(&self) -> i32 {
        self.first.months_through(self.last)
    }

    pub fn width(&self) -> f32 {
        self.months() as f32 * self.month_width
    }

    pub fn x_end(&self) -> f32 {
        self.x0 + self.width()
    }

    /// Left edge of a month (months outside the plan extrapolate, so bars may be clipped).
    pub fn x_of(&self, m: YearMonth) -> f32 {
        self.x0 + (m.index() - self.first.index()) as f32 * self.month_width
    }

    /// Right edge of a month.
    pub fn x_after(&self, m: YearMonth) -> f32 {
        self.x_of(m) + self.month_width
    }

    /// x of a day within a month (the 基準日 line), days counted as fractions of the month.
    pub fn x_of_day(&self, m: YearMonth, day: u32, days_in_month: u32) -> f32 {
        let frac = (day.saturating_sub(1) as f32 + 0.5) / days_in_month.max(1) as f32;
        self.x_of(m) + frac * self.month_width
    }

    /// x of a date (the 基準日 line) when it falls inside the plan period; screen and paper alike.
    pub fn x_of_date(&self, date: NaiveDate) -> Option<f32> {
        let m = YearMonth::new(date.year(), date.month());
        (self.first..=self.last)
            .contains(&m)
            .then(|| self.x_of_day(m, date.day(), crate::model::dates::days_in_month(date.year(), date.month())))
    }

    /// The last day shown on the axis.
    pub fn last_day(&self) -> NaiveDate {
        let m = self.last;
        NaiveDate::from_ymd_opt(m.year, m.month, crate::model::dates::days_in_month(m.year, m.month))
            .expect("a real month")
    }

    /// The month under x, clamped to the plan period: what a drag snaps to.
    pub fn month_at(&self, x: f32) -> YearMonth {
        let i = ((x - self.x0) / self.month_width).floor() as i32;
        self.first.add_months(i.clamp(0, self.months() - 1))
    }

    /// The month boundary nearest to x, as the number of months from `first` (0..=months).
    pub fn nearest_boundary(&self, x: f32) -> i32 {
        (((x - self.x0) / self.month_width).round() as i32).clamp(0, self.months())
    }

    /// Fiscal years across the axis (the upper header row).
    pub fn year_columns(&self) -> Vec<Column> {
        let mut out = Vec::new();
        let mut year = FiscalYear::containing(self.first);
        while year.first_month() <= self.last {
            let start = year.first_month().max(self.first);
            let end = year.last_month().min(self.last);
            out.push(Column {
                label: year.japanese(),
                short: year.short(),
                hover: format!("{}年4月〜{}年3月", year.0, year.0 + 1),
                x0: self.x_of(start),
                x1: self.x_after(end),
            });
            year = FiscalYear(year.0 + 1);
        }
        out
    }

    /// Months ("4月") or quarters ("4-6月") across the axis (the lower header row).
    pub fn columns(&self, zoom: Zoom) -> Vec<Column> {
        let step = match zoom {
            Zoom::Month => 1,
            Zoom::Quarter => 3,
            // Fitted: months while "10月" fits, else quarters, else only the years above.
            Zoom::Fit if self.month_width >= 24.0 => 1,
            Zoom::Fit if self.month_width >= 11.0 => 3,
            Zoom::Fit => return Vec::new(),
        };
        let mut out = Vec::new();
        let mut m = self.first;
        while m <= self.last {
            let end = m.add_months(step - 1).min(self.last);
            let label = if step == 1 { format!("{}月", m.month) } else { format!("{}-{}月", m.month, end.month) };
            out.push(Column {
                short: label.clone(),
                label,
                hover: format!("{}年{}月", m.year, m.month),
                x0: self.x_of(m),
                x1: self.x_after(end),
            });
            m = end.add_months(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> PlanInfo {
        PlanInfo {
            name: String::new(),
            short_name: String::new(),
            first_year: FiscalYear(2021),
            last_year: FiscalYear(2023),
            baseline_year: FiscalYear(2020),
            adopted_on: None,
        }
    }

    #[test]
    fn fits_the_period_into_a_width() {
        let axis = TimeAxis::fitted(&info(), 100.0, 360.0);
        assert_eq!(axis.months(), 36);
        assert_eq!(axis.month_width, 10.0);
        assert_eq!(axis.x_of(YearMonth::new(2021, 4)), 100.0);
        assert_eq!(axis.x_after(YearMonth::new(2024, 3)), 460.0);
        assert_eq!(axis.month_at(105.0), YearMonth::new(2021, 4));
        assert_eq!(axis.month_at(-50.0), YearMonth::new(2021, 4));
        assert_eq!(axis.month_at(1e6), YearMonth::new(2024, 3));
        assert_eq!(axis.nearest_boundary(114.0), 1);
    }

    #[test]
    fn header_columns() {
        let axis = TimeAxis::fitted(&info(), 0.0, 360.0);
        let years = axis.year_columns();
        assert_eq!(years.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["令和3年度", "令和4年度", "令和5年度"]);
        assert_eq!(years[1].hover, "2022年4月〜2023年3月");
        assert_eq!(years.iter().map(|c| c.short.as_str()).collect::<Vec<_>>(), ["R3", "R4", "R5"]);
        assert_eq!((years[1].x0, years[1].x1), (120.0, 240.0));
        let months = axis.columns(Zoom::Month);
        assert_eq!(months.len(), 36);
        assert_eq!(months[0].label, "4月");
        assert_eq!(months[11].label, "3月");
        let quarters = axis.columns(Zoom::Quarter);
        assert_eq!(quarters.len(), 12);
        assert_eq!(quarters[3].label, "1-3月");
    }

    #[test]
    fn the_reference_date_is_placed_inside_the_plan_only() {
        let a = TimeAxis::new(&info(), 0.0, 30.0);
        assert!(a.x_of_date(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()).is_none());
        // 16 April: the middle of the 16th of 30 days of the first month.
        let x = a.x_of_date(NaiveDate::from_ymd_opt(2021, 4, 16).unwrap()).unwrap();
        assert!((x - 15.5).abs() < 0.01, "{x}");
    }
}
