//! Calendar dates as the office writes them: 令和4年10月1日 for display, and one reader for the
//! 基準日 wherever it is typed (the window, the print dialog, `--as-of`).

use chrono::{Datelike, NaiveDate};

use super::number::to_half_width;

/// 令和4年10月1日, 令和元年5月1日; dates before 令和 (2019-05-01) in 西暦: 2019年4月30日.
pub fn japanese_date(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if y > 2019 || (y == 2019 && m >= 5) {
        let n = y - 2018;
        let year = if n == 1 { "元".to_string() } else { n.to_string() };
        format!("令和{year}年{m}月{d}日")
    } else {
        format!("{y}年{m}月{d}日")
    }
}

/// A stored time (2026-11-05 10:00:12) as 令和8年11月5日 10:00; text that is not such a time is
/// given back as it is.
pub fn japanese_timestamp(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at.trim(), "%Y-%m-%d %H:%M:%S") {
        Ok(t) => format!("{} {}", japanese_date(t.date()), t.format("%H:%M")),
        Err(_) => at.to_string(),
    }
}

/// Days in the month of `year`/`month` (28 to 31).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(30, |d| d.day())
}

/// Whether a date lies in the years a record keeps (1900–2200, as its CHECKs say).
pub fn in_record_range(date: NaiveDate) -> bool {
    (1900..=2200).contains(&date.year())
}

/// Reads a date as the office types it: 2022-10-01, 2022/10/1, 2022.10.1, 令和4年10月1日,
/// 令和元年5月1日, R4.10.1, R4/10/1 — full-width digits and 全角 separators too.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let refused =
        || format!("日付「{}」を読めません。2022-10-01 や 令和4年10月1日 のように入力してください。", text.trim());
    let half = to_half_width(text.trim());
    let (era, rest) = if let Some(rest) = half.strip_prefix("令和") {
        (true, rest)
    } else if let Some(rest) = half.strip_prefix('R').or_else(|| half.strip_prefix('r')) {
        (true, rest)
    } else {
        (false, half.as_str())
    };
    let rest = rest.strip_suffix('日').unwrap_or(rest);
    let parts: Vec<&str> = rest.split(['-', '/', '.', '年', '月']).map(str::trim).collect();
    let [y, m, d] = parts.as_slice() else { return Err(refused()) };
    let year: i32 = match (*y, era) {
        ("元", true) => 1,
        (y, _) => y.parse().map_err(|_| refused())?,
    };
    let year = if era { 2018 + year } else { year };
    // The years a record keeps: beyond them a date is a typo (3021 for 2021).
    if !(1900..=2200).contains(&year) {
        return Err(refused());
    }
    let month: u32 = m.parse().map_err(|_| refused())?;
    let day: u32 = d.parse().map_err(|_| refused())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_way_the_office_writes_a_date() {
        let d = Ok(ymd(2022, 10, 1));
        for text in [
            "2022-10-01",
            "2022/10/1",
            "2022.10.1",
            "令和4年10月1日",
            "R4.10.1",
            "r4/10/1",
            "２０２２－１０－０１",
            "令和４年１０月１日",
            " R4.10.1 ",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        assert_eq!(parse_date("令和元年5月1日"), Ok(ymd(2019, 5, 1)));
    }

    #[test]
    fn what_is_not_a_date_is_refused_in_japanese() {
        for text in ["令和4年", "2022-13-01", "2023-02-29", "明日", "", "22-10-01", "3021-03-31", "1021-03-31"] {
            let message = parse_date(text).unwrap_err();
            assert!(message.contains("読めません"), "{text}: {message}");
        }
    }

    #[test]
    fn dates_in_wareki() {
        assert_eq!(japanese_date(ymd(2022, 10, 1)), "令和4年10月1日");
        assert_eq!(japanese_date(ymd(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(japanese_date(ymd(2019, 4, 30)), "2019年4月30日");
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(japanese_timestamp("2026-11-05 10:00:12"), "令和8年11月5日 10:00");
        assert_eq!(japanese_timestamp("不明"), "不明");
        assert_eq!(days_in_month(2023, 12), 31);
    }
}
