//! Numbers the way Japanese users type them, and numbers the way the office reads them.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("「{0}」は数値として読めません。半角・全角の数字、カンマ、小数点、先頭の－・▲・△が使えます。")]
    Unreadable(String),
}

/// Full-width ASCII (！..～) and the ideographic space become their half-width forms.
pub fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Reads a number typed by a Japanese user: half- or full-width digits, `,` `，` thousands
/// separators, `.` `．` decimal point, a leading `-` `－` `−` `▲` `△` for negatives, a trailing
/// `%` `％`, a trailing `万` (63万 is 630000, as plans print large counts), spaces of either width
/// anywhere. Blank means "no value" (`Ok(None)`).
pub fn parse_number(text: &str) -> Result<Option<f64>, NumberError> {
    let refuse = || NumberError::Unreadable(text.trim().to_string());
    let half: String = to_half_width(text).chars().filter(|c| !c.is_whitespace()).collect();
    if half.is_empty() {
        return Ok(None);
    }
    let (negative, rest) = match half.chars().next() {
        Some(c @ ('-' | '−' | '▲' | '△')) => (true, &half[c.len_utf8()..]),
        _ => (false, half.as_str()),
    };
    let (rest, man) = match rest.strip_suffix('万') {
        Some(r) => (r, true),
        None => (rest.strip_suffix('%').unwrap_or(rest), false),
    };
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int_part.is_empty() || !thousands_grouping_ok(int_part) {
        return Err(refuse());
    }
    if let Some(f) = frac_part
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(refuse());
    }
    let mut digits: String = int_part.chars().filter(|&c| c != ',').collect();
    let mut frac = frac_part.unwrap_or("").to_string();
    if man {
        // ×10,000 by moving the decimal point, so that 1.2345万 is exactly 12345.
        while frac.len() < 4 {
            frac.push('0');
        }
        digits.push_str(&frac[..4]);
        frac = frac[4..].to_string();
    }
    let plain = if frac.is_empty() { digits } else { format!("{digits}.{frac}") };
    let value: f64 = plain.parse().map_err(|_| refuse())?;
    if !value.is_finite() || value.abs() >= 1e15 {
        return Err(refuse());
    }
    Ok(Some(if negative && value != 0.0 { -value } else { value }))
}

/// Digits, optionally grouped by commas in threes (1,234,567); a stray comma is refused.
fn thousands_grouping_ok(int_part: &str) -> bool {
    let groups: Vec<&str> = int_part.split(',').collect();
    let all_digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if groups.len() == 1 {
        return all_digits(groups[0]);
    }
    all_digits(groups[0]) && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3 && all_digits(g))
}

/// 949451676 → "949,451,676"; 18.5 → "18.5"; -0.25 → "−0.25" is left to the caller: this writes "-".
pub fn format_grouped(value: f64) -> String {
    group_digits(&format_plain(value))
}

/// Thousands separators in the integer part of a plain number: "-1234.5" → "-1,234.5".
fn group_digits(plain: &str) -> String {
    let (sign, body) = match plain.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", plain),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// At least `decimals` decimals (18 → "18.0" for 1), more where the value has them (18.25).
pub fn format_plain_with(value: f64, decimals: u8) -> String {
    let plain = format_plain(value);
    let have = plain.split_once('.').map(|(_, f)| f.len()).unwrap_or(0);
    if have >= decimals as usize { plain } else { format!("{value:.prec$}", prec = decimals as usize) }
}

/// Grouped like `format_grouped`, with at least `decimals` decimals: 1,234.0.
pub fn format_grouped_with(value: f64, decimals: u8) -> String {
    group_digits(&format_plain_with(value, decimals))
}

/// The shortest plain form that reads back to the same value: 949451676, 18, 18.25.
pub fn format_plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_decimals_the_plan_prints() {
        assert_eq!(format_plain_with(18.0, 1), "18.0");
        assert_eq!(format_plain_with(18.25, 1), "18.25");
        assert_eq!(format_plain_with(949451676.0, 0), "949451676");
        assert_eq!(format_grouped_with(1234.0, 1), "1,234.0");
        assert_eq!(format_grouped_with(-1234.5, 0), "-1,234.5");
    }

    #[test]
    fn reads_what_users_type() {
        let cases = [
            ("123", 123.0),
            ("１２３", 123.0),
            ("1,234", 1234.0),
            ("１，２３４", 1234.0),
            ("949,451,676", 949451676.0),
            ("12.5", 12.5),
            ("１２．５", 12.5),
            ("-3", -3.0),
            ("－３", -3.0),
            ("−3", -3.0),
            ("▲1,000", -1000.0),
            ("△5", -5.0),
            ("33%", 33.0),
            ("３３％", 33.0),
            (" 1 234 ", 1234.0),
            ("\u{3000}７\u{3000}", 7.0),
            ("63万", 630_000.0),
            ("６０万", 600_000.0),
            ("1.2345万", 12_345.0),
            ("8.54506508万", 85_450.650_8),
            ("▲1万", -10_000.0),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number(text), Ok(Some(want)), "{text}");
        }
    }

    #[test]
    fn blank_clears() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number(" \u{3000} "), Ok(None));
    }

    #[test]
    fn refuses_the_rest() {
        for bad in [
            "abc",
            "1,23",
            "12,",
            ",12",
            "1.2.3",
            "--1",
            "1-",
            "1e5",
            "一二三",
            "万",
            "1万万",
            "5万%",
            "%",
            "-",
            "1.",
            ".5",
            "NaN",
            "inf",
            "12a",
        ] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_grouped(949451676.0), "949,451,676");
        assert_eq!(format_grouped(-1234.5), "-1,234.5");
        assert_eq!(format_grouped(18.0), "18");
        assert_eq!(format_grouped(100.0), "100");
        assert_eq!(format_plain(854506508.0), "854506508");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Full-width twin of an ASCII string (digits, comma, period, minus, percent).
        fn full_width(text: &str) -> String {
            text.chars()
                .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
                .collect()
        }

        proptest! {
            /// Every accepted form of a number reads back as that number: grouped or plain,
            /// half- or full-width, with ▲ or △ or − for negatives, spaces around it.
            #[test]
            fn accepted_forms_round_trip(int in -999_999_999_999i64..999_999_999_999i64, cents in 0u32..100) {
                let value = int as f64 + if int < 0 { -(cents as f64) / 100.0 } else { cents as f64 / 100.0 };
                let value = (value * 100.0).round() / 100.0;
                let grouped = format_grouped(value);
                let plain = format_plain(value);
                prop_assert_eq!(parse_number(&grouped), Ok(Some(value)));
                prop_assert_eq!(parse_number(&plain), Ok(Some(value)));
                prop_assert_eq!(parse_number(&full_width(&grouped)), Ok(Some(value)));
                let spaced = format!("\u{3000}{grouped} ");
                prop_assert_eq!(parse_number(&spaced), Ok(Some(value)));
                if value < 0.0 {
                    let magnitude = &grouped[1..];
                    for sign in ["▲", "△", "−", "－"] {
                        let signed = format!("{sign}{magnitude}");
                        prop_assert_eq!(parse_number(&signed), Ok(Some(value)));
                    }
                }
            }

            /// Text with a letter, a second decimal point, or a stray comma is never read as a number.
            #[test]
            fn nothing_else_is_accepted(prefix in "[0-9]{0,4}", junk in "[a-zA-Zあ-んア-ン一-龠]{1,3}", suffix in "[0-9]{0,4}") {
                let with_letters = format!("{prefix}{junk}{suffix}");
                let two_points = format!("1.{prefix}.5");
                let double_comma = format!("{prefix},,{suffix}");
                prop_assert!(parse_number(&with_letters).is_err(), "{}", with_letters);
                prop_assert!(parse_number(&two_points).is_err(), "{}", two_points);
                prop_assert!(parse_number(&double_comma).is_err(), "{}", double_comma);
            }
        }
    }
}
