//! The plan workbook written: blank (`plan-template`) or filled with a record's plan
//! (`plan-export --out FILE.xlsx`). The example lives on its own sheet 記入例, which the reader
//! never looks at: example rows on the data sheets would become a real item whenever an officer
//! forgot to delete one, and the data sheets stay empty for the plan's own rows.

use rust_xlsxwriter::{Color, DataValidation, Format, Formula, Workbook, Worksheet, XlsxError};

use super::workbook::{CATEGORIES, FOCUS, ITEMS, KPIS, SCHEDULE, SHEETS};
use crate::model::{KpiValue, Plan};

/// Rows the input lists cover: far more than any plan has.
const LIST_ROWS: u32 = 5_000;

const HOW_TO: &[&str] = &[
    "計画ブックの記入方法",
    "",
    "1. 計画・重点項目・分類・改革項目・数値目標・スケジュールの各シートの 2 行目から入力します（1 行目の見出しは変えないでください）。",
    "2. 計画シートは 2 行目の 1 行だけです。策定日は任意です（2024-03-29 や 令和6年3月29日）。",
    "3. 年度は 2024、令和6、R6 のどれでも書けます（令和6年度 も可）。",
    "4. スケジュールの開始・終了は 2024-04 のように 年-月 で書きます（Excel が日付に変えても読めます）。",
    "5. 重点項目番号・分類は、重点項目シート・分類シートにあるものを書きます（入力リストから選べます）。",
    "6. 方向は 増加 か 減少 を選びます。基準値・目標値は数値か文字（例: 存続の可否決定）です。",
    "7. スケジュールは 1 行が 1 工程です。同じ項目番号・同じ取組の行は 1 本の行にまとまります（工程名は空でもかまいません）。",
    "8. 記入例シートは見本です。読み込みでは使われないので、残しても消してもかまいません。",
    "",
    "記入したら: reform-tracker init --db 新しい記録.sqlite --plan このファイル.xlsx",
    "誤りがあれば、シート名・行番号・列の見出しを示して読み込みを断ります（記録は作られません）。",
];

/// An example plan, one row per sheet (shown on 記入例 only).
const EXAMPLE: [&[&str]; 6] = [
    &["第4次行財政改革アクションプラン", "SAPⅣ", "令和6", "令和8", "令和5", "2024-03-29"],
    &["1", "持続可能な行財政運営"],
    &["1", "財源の確保"],
    &["1", "1", "財源の確保", "ふるさと納税の推進", "財政課", "寄附額が伸び悩んでいる", "返礼品を見直し寄附を増やす"],
    &["1", "ふるさと納税寄附額", "千円", "R5", "100000", "R8", "150000", "増加", ""],
    &["1", "返礼品の見直し", "検討", "2024-04", "2024-09"],
];

pub fn workbook_bytes(plan: Option<&Plan>) -> Result<Vec<u8>, String> {
    build(plan).map_err(|e| format!("計画ブックを作れませんでした（{e}）。"))
}

fn build(plan: Option<&Plan>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let text = Format::new().set_num_format("@");
    let rows = plan.map(data_rows).unwrap_or_default();
    for (i, (name, columns)) in SHEETS.iter().enumerate() {
        let sheet = book.add_worksheet().set_name(*name)?;
        header(sheet, columns, &bold)?;
        // Text cells keep what is typed: 2024-04 stays a month, not a date.
        for (c, col) in columns.iter().enumerate() {
            if matches!(*col, "開始" | "終了" | "策定日" | "分類" | "分類名" | "単位") {
                sheet.set_column_format(c as u16, &text)?;
            }
        }
        validations(sheet, name)?;
        if let Some(sheet_rows) = rows.get(i) {
            for (r, row) in sheet_rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    match cell {
                        Cell::Text(t) if t.is_empty() => {}
                        Cell::Text(t) => {
                            sheet.write_string(r, c, t)?;
                        }
                        Cell::Number(n) => {
                            sheet.write_number(r, c, *n)?;
                        }
                    }
                }
            }
        }
    }
    let example = book.add_worksheet().set_name("記入例")?;
    example.set_tab_color(Color::RGB(0xBFBFBF));
    let mut r = 0;
    for ((name, columns), row) in SHEETS.iter().zip(EXAMPLE) {
        example.write_string_with_format(r, 0, format!("{name} シートの例"), &Format::new().set_bold())?;
        for (c, (head, value)) in columns.iter().zip(row).enumerate() {
            example.write_string_with_format(r + 1, c as u16, *head, &bold)?;
            example.write_string(r + 2, c as u16, *value)?;
        }
        r += 4;
    }
    example.set_column_width(0, 22)?;
    let how = book.add_worksheet().set_name("記入方法")?;
    how.set_column_width(0, 120)?;
    for (r, line) in HOW_TO.iter().enumerate() {
        how.write_string(r as u32, 0, *line)?;
    }
    book.save_to_buffer()
}

fn header(sheet: &mut Worksheet, columns: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, col) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *col, bold)?;
        let width = match *col {
            "計画名" | "改革項目名" | "目標名" | "名称" | "工程名" | "取組" => 36.0,
            "現状・課題" | "実施内容・効果" => 50.0,
            "分類" | "分類名" | "実施課" | "備考" => 20.0,
            _ => 12.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Input lists where a wrong word would be refused anyway: the direction, the focus area and item numbers.
fn validations(sheet: &mut Worksheet, name: &str) -> Result<(), XlsxError> {
    let focus_list = || {
        DataValidation::new()
            .allow_list_formula(Formula::new(format!("='{FOCUS}'!$A$2:$A${LIST_ROWS}")))
            .set_error_message("重点項目シートにある番号を選んでください。")
    };
    let item_list = || {
        DataValidation::new()
            .allow_list_formula(Formula::new(format!("='{ITEMS}'!$A$2:$A${LIST_ROWS}")))
            .set_error_message("改革項目シートにある番号を選んでください。")
    };
    match name {
        n if n == CATEGORIES => {
            sheet.add_data_validation(1, 0, LIST_ROWS, 0, &focus_list()?)?;
        }
        n if n == ITEMS => {
            sheet.add_data_validation(1, 1, LIST_ROWS, 1, &focus_list()?)?;
        }
        n if n == KPIS => {
            let v = DataValidation::new()
                .allow_list_strings(&["増加", "減少"])?
                .set_error_message("増加 か 減少 を選んでください。")?;
            sheet.add_data_validation(1, 7, LIST_ROWS, 7, &v)?;
            sheet.add_data_validation(1, 0, LIST_ROWS, 0, &item_list()?)?;
        }
        n if n == SCHEDULE => {
            sheet.add_data_validation(1, 0, LIST_ROWS, 0, &item_list()?)?;
        }
        _ => {}
    }
    Ok(())
}

enum Cell {
    Text(String),
    Number(f64),
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn n(v: impl Into<f64>) -> Cell {
    Cell::Number(v.into())
}

/// A record's plan as the six sheets' rows (years in 西暦, months as YYYY-MM).
fn data_rows(plan: &Plan) -> Vec<Vec<Vec<Cell>>> {
    let i = &plan.info;
    let adopted = i.adopted_on.map(crate::model::dates::japanese_date).unwrap_or_default();
    let info = vec![vec![
        t(&i.name),
        t(&i.short_name),
        n(i.first_year.0),
        n(i.last_year.0),
        n(i.baseline_year.0),
        t(&adopted),
    ]];
    let focus = plan.focus_areas.iter().map(|f| vec![n(f.number), t(&f.title)]).collect();
    let categories =
        plan.focus_areas.iter().flat_map(|f| f.categories.iter().map(|c| vec![n(f.number), t(&c.title)])).collect();
    let category_title =
        |id| plan.focus_areas.iter().flat_map(|f| &f.categories).find(|c| c.id == id).map(|c| c.title.clone());
    let items = plan
        .items
        .iter()
        .map(|it| {
            vec![
                n(it.number),
                n(it.focus_area),
                t(&category_title(it.category_id).unwrap_or_default()),
                t(&it.title),
                t(&it.department),
                t(&it.current_issues),
                t(&it.actions),
            ]
        })
        .collect();
    // A number whose printed decimals a number cell would lose (18.0) goes as its text.
    let value = |v: &Option<KpiValue>, decimals: u8| match v {
        Some(KpiValue::Number(x)) if decimals > 0 => t(&crate::model::number::format_plain_with(*x, decimals)),
        Some(KpiValue::Number(x)) => n(*x),
        Some(KpiValue::Text(s)) => t(s),
        None => t(""),
    };
    let year = |y: Option<crate::model::FiscalYear>| y.map(|y| n(y.0)).unwrap_or_else(|| t(""));
    let kpis = plan
        .items
        .iter()
        .flat_map(|it| {
            it.kpis.iter().map(move |k| {
                vec![
                    n(it.number),
                    t(&k.name),
                    t(&k.unit),
                    year(k.baseline_year),
                    value(&k.baseline, k.decimals),
                    year(k.target_year),
                    value(&k.target, k.decimals),
                    t(k.direction.label()),
                    t(&k.note),
                ]
            })
        })
        .collect();
    let schedule = plan
        .items
        .iter()
        .flat_map(|it| {
            it.schedule.iter().flat_map(move |row| {
                row.phases.iter().map(move |p| {
                    vec![n(it.number), t(&row.label), t(&p.data.label), t(&p.data.start.iso()), t(&p.data.end.iso())]
                })
            })
        })
        .collect();
    vec![info, focus, categories, items, kpis, schedule]
}
