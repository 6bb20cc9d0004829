//! Reading the answer cells with the same rules as the KPI table and the schedule editor; each
//! refusal is a Japanese sentence saying what to write instead.

use chrono::{Datelike, NaiveDate};

use super::read::Value;
use crate::model::limits::{check_number, check_text, kpi_entry};
use crate::model::number::{format_plain, parse_number, to_half_width};
use crate::model::{Kpi, KpiValue, PhaseStatus, Rating, YearMonth};

/// A cell that holds no answer one can take: an error, or a formula Excel never calculated. The
/// cell is refused by name rather than read as blank or as the text "#REF!".
fn usable(value: &Value) -> Result<(), String> {
    match value {
        Value::Error(e) => Err(format!("セルがエラー（{e}）になっています。値を直接入力してください。")),
        Value::Uncalculated => {
            Err("計算式の結果が保存されていません。Excel で開いて保存し直すか、値を直接入力してください。".into())
        }
        _ => Ok(()),
    }
}

/// A KPI actual: `Ok(None)` for a blank cell (no answer). The rules are the window's (`kpi_entry`).
pub(crate) fn kpi_value(kpi: &Kpi, value: &Value) -> Result<Option<KpiValue>, String> {
    usable(value)?;
    if value.is_blank() {
        return Ok(None);
    }
    match value {
        Value::Number(n) if !kpi.is_text_goal() => {
            check_number("実績", *n).map_err(|e| e.to_string())?;
            Ok(Some(KpiValue::Number(*n)))
        }
        Value::Date(_) if !kpi.is_text_goal() => Err("日付になっています。数値を入力してください。".into()),
        _ => kpi_entry(kpi, "実績", &value.text()),
    }
}

/// An amount of 効果額 in 千円, as the office types it (1,234, 全角, ▲, 万): `Ok(None)` for a
/// blank cell, which on this row means no actual (the cell was written with the record's value).
/// `field` names the value in a refusal: 令和4年度の効果額（実績）.
pub(crate) fn effect_amount(field: &str, value: &Value) -> Result<Option<f64>, String> {
    usable(value)?;
    let n = match value {
        _ if value.is_blank() => return Ok(None),
        Value::Number(n) => *n,
        Value::Date(_) => return Err("日付になっています。千円単位の数値を入力してください。".into()),
        _ => match parse_number(&value.text()) {
            Ok(Some(n)) => n,
            Ok(None) => return Ok(None),
            Err(e) => return Err(format!("{e} 千円単位の数値を入力してください（実績がなければ空欄）。")),
        },
    };
    check_number(field, n).map_err(|e| e.to_string())?;
    Ok(Some(n))
}

/// A phase status: `Ok(None)` for blank (no answer).
pub(crate) fn status(value: &Value) -> Result<Option<PhaseStatus>, String> {
    usable(value)?;
    if value.is_blank() {
        return Ok(None);
    }
    let text = value.text();
    PhaseStatus::from_label(&text).map(Some).ok_or_else(|| {
        let labels: Vec<&str> = PhaseStatus::ALL.iter().map(|s| s.label()).collect();
        format!("状態「{}」は選べません。{} のいずれかを選んでください。", text.trim(), labels.join("・"))
    })
}

/// A month of an actual period: `Ok(None)` for blank (no answer).
pub(crate) fn month(value: &Value) -> Result<Option<YearMonth>, String> {
    usable(value)?;
    if let Some(year) = ambiguous_month_year(&value.text()) {
        let t = value.text();
        let t = t.trim();
        return Err(format!(
            "「{t}」は {year}.10 が数値として読まれた形かもしれず、何月か決められません。{year}-01 や {year}-10 のように入力してください。"
        ));
    }
    match value {
        _ if value.is_blank() => Ok(None),
        Value::Date(serial) => month_of_serial(*serial).map(Some).ok_or_else(|| "日付を読めません。".to_string()),
        _ => {
            let text = value.text();
            parse_month(&text)
                .map(Some)
                .ok_or_else(|| format!("「{}」を年月として読めません。2022-04 のように入力してください。", text.trim()))
        }
    }
}

/// A self-rating: `Ok(None)` for blank (no answer). "A 計画どおり" is read as A.
pub(crate) fn rating(value: &Value) -> Result<Option<Rating>, String> {
    usable(value)?;
    if value.is_blank() {
        return Ok(None);
    }
    let text = value.text();
    let first = to_half_width(&text).split_whitespace().next().map(str::to_string).unwrap_or_default();
    Rating::from_code(&text)
        .or_else(|| Rating::from_code(&first))
        .map(Some)
        .ok_or_else(|| format!("自己評価「{}」は選べません。S・A・B・C のいずれかを選んでください。", text.trim()))
}

/// A free text (取組実績, 課題・今後の方針): `Ok(None)` for blank (no answer); longer than one
/// Excel cell is refused, naming `field`.
pub(crate) fn text(field: &str, value: &Value) -> Result<Option<String>, String> {
    usable(value)?;
    let text = match value {
        _ if value.is_blank() => return Ok(None),
        Value::Number(n) => format_plain(*n),
        _ => value.text().replace("\r\n", "\n").trim().to_string(),
    };
    check_text(field, &text).map_err(|e| e.to_string())?;
    Ok(Some(text))
}

/// 2022.1 written as a number (or saved so by Excel's CSV) may have been typed as 2022.10: Excel
/// drops the trailing zero. Only the month 1 after a dot is ambiguous; 2022.4 cannot be anything else.
/// Returns the year of such a month.
fn ambiguous_month_year(text: &str) -> Option<String> {
    let half = to_half_width(text);
    let half = half.trim();
    let b = half.as_bytes();
    (b.len() == 6 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'.' && b[5] == b'1')
        .then(|| half[..4].to_string())
}

/// Reads the months people write: 2022-04, 2022/4, 2022/4/1, 2022.4, 2022年4月, R4.4, R4/4,
/// 令和4年4月, 令和元年5月, in full-width too.
pub fn parse_month(text: &str) -> Option<YearMonth> {
    let half: String = to_half_width(text).chars().filter(|c| !c.is_whitespace()).collect();
    let (era, rest) = if let Some(r) = half.strip_prefix("令和") {
        (true, r)
    } else if let Some(r) = half.strip_prefix(['R', 'r']) {
        (true, r)
    } else {
        (false, half.as_str())
    };
    let parts: Vec<&str> = rest.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let year = if era {
        let n = if parts[0] == "元" { 1 } else { parts[0].parse::<i32>().ok().filter(|n| (1..=99).contains(n))? };
        2018 + n
    } else {
        if parts[0].len() != 4 {
            return None;
        }
        parts[0].parse::<i32>().ok()?
    };
    let month = parts[1].parse::<u32>().ok()?;
    if let Some(day) = parts.get(2) {
        day.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?;
    }
    YearMonth::parse_iso(&format!("{year:04}-{month:02}"))
}

/// The month of an Excel date serial.
pub fn month_of_serial(serial: f64) -> Option<YearMonth> {
    let date = date_of_serial(serial)?;
    YearMonth::parse_iso(&format!("{:04}-{:02}", date.year(), date.month()))
}

/// An Excel date serial (days since 1899-12-30 for every date after February 1900) as its day.
pub fn date_of_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_many_forms() {
        let want = YearMonth::new(2022, 4);
        for t in [
            "2022-04",
            "2022-4",
            "2022/4",
            "2022/4/1",
            "2022.4",
            "2022年4月",
            "R4.4",
            "r4/4",
            "令和4年4月",
            "２０２２－０４",
            "Ｒ４．４",
            " 2022-04 ",
        ] {
            assert_eq!(parse_month(t), Some(want), "{t}");
        }
        assert_eq!(parse_month("令和元年5月"), Some(YearMonth::new(2019, 5)));
        for bad in ["", "2022", "2022-13", "22-4", "abc", "R4", "2022/4/40", "4月"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_month_that_may_have_lost_its_zero_is_refused() {
        for v in [Value::Number(2022.1), Value::Text("2022.1".into()), Value::Text("２０２２．１".into())] {
            let e = month(&v).unwrap_err();
            assert!(e.contains("2022-01") && e.contains("2022-10"), "{e}");
        }
        assert_eq!(month(&Value::Number(2022.4)), Ok(Some(YearMonth::new(2022, 4))));
        assert_eq!(month(&Value::Text("2022.10".into())), Ok(Some(YearMonth::new(2022, 10))));
        assert_eq!(month(&Value::Text("2022.01".into())), Ok(Some(YearMonth::new(2022, 1))));
    }

    #[test]
    fn error_and_uncalculated_cells_are_refused_not_read() {
        assert!(month(&Value::Error("#REF!".into())).unwrap_err().contains("#REF!"));
        assert!(rating(&Value::Uncalculated).unwrap_err().contains("計算式"));
        assert!(text("取組実績", &Value::Error("#N/A".into())).is_err());
        assert!(status(&Value::Uncalculated).is_err());
    }

    #[test]
    fn effect_amounts_as_the_office_types_them() {
        let read = |t: &str| effect_amount("効果額", &Value::Text(t.into()));
        assert_eq!(read("1,234"), Ok(Some(1234.0)));
        assert_eq!(read("１，２３４"), Ok(Some(1234.0)));
        assert_eq!(read("▲500"), Ok(Some(-500.0)));
        assert_eq!(read("12万"), Ok(Some(120_000.0)));
        assert_eq!(read("  "), Ok(None));
        assert_eq!(effect_amount("効果額", &Value::Number(2.5)), Ok(Some(2.5)));
        assert!(read("約100").unwrap_err().contains("約100"));
        assert!(read("NaN").is_err());
        assert!(read("1e20").is_err());
        let big = effect_amount("令和4年度の効果額（実績）", &Value::Number(1e20)).unwrap_err();
        assert!(big.contains("令和4年度の効果額（実績）"), "{big}");
        assert!(effect_amount("効果額", &Value::Number(f64::NAN)).is_err());
        assert!(effect_amount("効果額", &Value::Date(44652.0)).is_err());
        assert!(effect_amount("効果額", &Value::Error("#REF!".into())).is_err());
    }

    #[test]
    fn excel_date_serials() {
        // 2022-04-01 is serial 44652.
        assert_eq!(month(&Value::Date(44652.0)), Ok(Some(YearMonth::new(2022, 4))));
    }

    #[test]
    fn ratings_from_the_drop_down_or_typed() {
        assert_eq!(rating(&Value::Text("a".into())), Ok(Some(Rating::A)));
        assert_eq!(rating(&Value::Text("Ｓ".into())), Ok(Some(Rating::S)));
        assert_eq!(rating(&Value::Text("B やや遅れ".into())), Ok(Some(Rating::B)));
        assert_eq!(rating(&Value::Blank), Ok(None));
        assert!(rating(&Value::Text("D".into())).unwrap_err().contains("S・A・B・C"));
    }
}
