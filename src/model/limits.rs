//! The one set of value rules every way into the record applies (the window, the command line,
//! the survey, a whole-record import): numbers finite and of a size the office can mean, texts
//! no longer than what an Excel cell (and so the survey workbook and the council xlsx) can hold.
//! Each refusal names the field, so the officer finds it.

use thiserror::Error;

use super::number::{format_grouped, parse_number};
use super::{Kpi, KpiValue, Plan};

/// Numbers at or beyond this size are typing mistakes (1,000兆), and beyond 2^53 not exact.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Excel's limit on one cell; rust_xlsxwriter refuses longer strings.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// The longest plan the views, print and workbooks are laid out for, in fiscal years.
pub const MAX_YEARS: i32 = 10;

/// A plan's period: its last year not before its first, 1 to `MAX_YEARS` fiscal years.
pub fn check_period(first: super::FiscalYear, last: super::FiscalYear) -> Result<(), String> {
    if last < first {
        return Err(format!("終了年度（{}）が開始年度（{}）より前です。", last.japanese(), first.japanese()));
    }
    let count = last.0 - first.0 + 1;
    if count > MAX_YEARS {
        return Err(format!("計画期間が {count} 年度あります。{MAX_YEARS} 年度以内にしてください。"));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueError {
    #[error("{field}の値「{shown}」は扱えません。絶対値が 1,000兆 未満の数値にしてください。")]
    Number { field: String, shown: String },
    #[error(
        "{field}が {} 字あります。Excel のセルに入る {max} 字以内にしてください。",
        format_grouped(*.count as f64),
        max = format_grouped(MAX_TEXT_CHARS as f64)
    )]
    TooLong { field: String, count: usize },
}

/// A number the record can hold: finite and below `MAX_MAGNITUDE`.
pub fn check_number(field: &str, n: f64) -> Result<(), ValueError> {
    if n.is_finite() && n.abs() < MAX_MAGNITUDE {
        Ok(())
    } else {
        let shown = if n.is_nan() {
            "NaN".to_string()
        } else if n.is_infinite() {
            if n > 0.0 { "∞".into() } else { "-∞".into() }
        } else {
            format!("{n:e}")
        };
        Err(ValueError::Number { field: field.to_string(), shown })
    }
}

/// A text that fits one Excel cell.
pub fn check_text(field: &str, text: &str) -> Result<(), ValueError> {
    // Byte length bounds the character count from above: the quick path for every ordinary text.
    if text.len() <= MAX_TEXT_CHARS {
        return Ok(());
    }
    let count = text.chars().count();
    if count <= MAX_TEXT_CHARS { Ok(()) } else { Err(ValueError::TooLong { field: field.to_string(), count }) }
}

pub fn check_kpi_value(field: &str, value: &KpiValue) -> Result<(), ValueError> {
    match value {
        KpiValue::Number(n) => check_number(field, *n),
        KpiValue::Text(t) => check_text(field, t),
    }
}

/// A KPI value as typed (window cell, `set-actual`, a survey cell read as text): a goal written in
/// words is kept in words, any other is read as a number; `Ok(None)` for blank. `field` names the
/// cell in the refusal.
pub fn kpi_entry(kpi: &Kpi, field: &str, text: &str) -> Result<Option<KpiValue>, String> {
    let value = if kpi.is_text_goal() {
        let t = text.trim();
        (!t.is_empty()).then(|| KpiValue::Text(t.to_string()))
    } else {
        parse_number(text).map_err(|e| e.to_string())?.map(KpiValue::Number)
    };
    if let Some(v) = &value {
        check_kpi_value(field, v).map_err(|e| e.to_string())?;
    }
    Ok(value)
}

/// Every value of a whole plan (an imported record), the first breach named by item and field.
pub fn check_plan(plan: &Plan) -> Result<(), ValueError> {
    let info = &plan.info;
    check_text("計画の名称", &info.name)?;
    check_text("計画の略称", &info.short_name)?;
    for f in &plan.focus_areas {
        check_text(&format!("重点項目{}の名称", f.number), &f.title)?;
        for c in &f.categories {
            check_text(&format!("重点項目{}の取組分類", f.number), &c.title)?;
        }
    }
    for item in &plan.items {
        let at = |what: &str| format!("改革項目{}の{what}", item.number);
        check_text(&at("名称"), &item.title)?;
        check_text(&at("実施課"), &item.department)?;
        check_text(&at("現状・課題"), &item.current_issues)?;
        check_text(&at("取組内容"), &item.actions)?;
        for k in &item.kpis {
            let kat = |what: &str| format!("改革項目{}の数値目標「{}」の{what}", item.number, short(&k.name));
            check_text(&at("数値目標の目標名"), &k.name)?;
            check_text(&kat("単位"), &k.unit)?;
            check_text(&kat("備考"), &k.note)?;
            if let Some(v) = &k.baseline {
                check_kpi_value(&kat("基準値"), v)?;
            }
            if let Some(v) = &k.target {
                check_kpi_value(&kat("目標値"), v)?;
            }
            for (year, v) in &k.actuals {
                check_kpi_value(&kat(&format!("{}実績", year.japanese())), v)?;
            }
        }
        for row in &item.schedule {
            check_text(&at("取組"), &row.label)?;
            for p in &row.phases {
                check_text(&at("工程名"), &p.data.label)?;
                check_text(&at(&format!("工程「{}」の備考", short(&p.data.label))), &p.data.note)?;
            }
        }
        for e in &item.evaluations {
            check_text(&at(&format!("{}の取組実績", e.year.japanese())), &e.results)?;
            check_text(&at(&format!("{}の課題・今後の方針", e.year.japanese())), &e.next_steps)?;
        }
    }
    Ok(())
}

/// The start of a name, enough to find it, for messages about a too-long text.
fn short(text: &str) -> String {
    if text.chars().count() > 20 { format!("{}…", text.chars().take(20).collect::<String>()) } else { text.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_beyond_the_office_range_are_refused_by_name() {
        for n in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e308, -1e15, 1e15] {
            let e = check_number("改革項目3の令和4年度実績", n).unwrap_err();
            assert!(e.to_string().starts_with("改革項目3の令和4年度実績の値「"), "{e}");
        }
        for n in [0.0, -0.5, 999_999_999_999_999.0, -3.25] {
            assert!(check_number("x", n).is_ok(), "{n}");
        }
    }

    #[test]
    fn texts_up_to_one_excel_cell() {
        let fits = "あ".repeat(MAX_TEXT_CHARS);
        assert!(check_text("取組実績", &fits).is_ok());
        let over = format!("{fits}a");
        let e = check_text("取組実績", &over).unwrap_err();
        assert_eq!(e, ValueError::TooLong { field: "取組実績".into(), count: 32_768 });
        assert!(e.to_string().contains("32,767 字以内"), "{e}");
    }
}
