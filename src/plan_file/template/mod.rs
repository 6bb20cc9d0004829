//! The plan workbook written: blank (`plan-template`) or filled with a record's plan
//! (`plan-export --out FILE.xlsx`). The example lives on its own sheet 記入例, which the reader
//! never looks at: example rows on the data sheets would become a real item whenever an officer
//! forgot to delete one, and the data sheets stay empty for the plan's own rows.

mod rows;

use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Format, Formula, Workbook, Worksheet, XlsxError};

use super::workbook::{CATEGORIES, EFFECTS, FOCUS, ITEMS, KPIS, MILESTONES, SCHEDULE, SHEETS};
use crate::model::{ActionsHeading, GoalHeading, Plan, StatusKind};
use rows::{Cell, data_rows};

/// Rows the input lists cover: far more than any plan has.
const LIST_ROWS: u32 = 5_000;

const HOW_TO: &[&str] = &[
    "計画ブックの記入方法",
    "",
    "1. 計画・重点項目・分類・改革項目・数値目標・中間目標・スケジュール・効果額の各シートの 2 行目から入力します（1 行目の見出しは変えないでください）。",
    "2. 計画シートは 2 行目の 1 行だけです。策定日は任意です（2024-03-29 や 令和6年3月29日）。",
    "3. 年度は 2024、令和6、R6 のどれでも書けます（令和6年度 も可）。",
    "4. スケジュールの開始・終了は 2024-04 のように 年-月 で書きます（Excel が日付に変えても読めます）。",
    "5. 重点項目番号・分類は、重点項目シート・分類シートにあるものを書きます（入力リストから選べます）。",
    "6. 方向は 増加 か 減少 を選びます。基準値・目標値は数値か文字（例: 存続の可否決定）です。",
    "7. スケジュールは 1 行が 1 工程です。同じ項目番号・同じ取組の行は 1 本の行にまとまります（工程名は空でもかまいません）。",
    "8. 改革項目の目標の見出し（数値目標 / 活動目標）・内容の見出し（実施内容・効果 / 取組内容・効果）は、空なら前者です。",
    "9. 計画の途中で終えた項目は、状態（完了・目標達成・経常業務化・統合・中止）とその年度・理由を書きます。進行中の項目は 3 つとも空にします。前計画の項目は、前の計画から引き継いだ項目だけ（例: SAPⅢ 項目16）。",
    "10. 数値目標の基準値の注記・目標値の注記（例: R2.6.1現在、10%縮減）、基準日（2020-06-01、R2.6.1、令和2年6月1日）、表示（万 で 60万 のように表示）、小数（0〜6 の表示桁数）は、どれも空でかまいません。",
    "11. 中間目標シートは 1 行が 1 つの途中の目標です（例: R7までに1）。項目番号と、数値目標シートの目標名をそのまま書きます。累計の目標なら累計に ○ を入れます。年度は計画の後でもかまいません。",
    "12. 効果額シートは 1 行が 1 項目の 1 年度です（千円単位、計画と実績のどちらかは必須）。年度は計画の期間内です。",
    "13. 記入例シートは見本です。読み込みでは使われないので、残しても消してもかまいません。",
    "",
    "記入したら: reform-tracker init --db 新しい記録.sqlite --plan このファイル.xlsx",
    "誤りがあれば、シート名・行番号・列の見出しを示して読み込みを断ります（記録は作られません）。",
];

/// An example plan, one row per sheet (shown on 記入例 only).
const EXAMPLE: [&[&str]; 8] = [
    &["第4次行財政改革アクションプラン", "SAPⅣ", "令和6", "令和8", "令和5", "2024-03-29"],
    &["1", "持続可能な行財政運営"],
    &["1", "財源の確保"],
    &[
        "1",
        "1",
        "財源の確保",
        "ふるさと納税の推進",
        "財政課",
        "寄附額が伸び悩んでいる",
        "返礼品を見直し寄附を増やす",
        "",
        "",
        "",
        "",
        "",
        "SAPⅢ 項目5",
    ],
    &[
        "1",
        "ふるさと納税寄附額",
        "千円",
        "R5",
        "100000",
        "R8",
        "150000",
        "増加",
        "",
        "R6.3.31現在",
        "5割増",
        "2024-03-31",
        "",
        "",
    ],
    &["1", "ふるさと納税寄附額", "R7", "120000", ""],
    &["1", "返礼品の見直し", "検討", "2024-04", "2024-09"],
    &["1", "R6", "100000", ""],
];

pub fn workbook_bytes(plan: Option<&Plan>) -> Result<Vec<u8>, String> {
    build(plan).map_err(|e| format!("計画ブックを作れませんでした（{e}）。"))
}

fn build(plan: Option<&Plan>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let text = Format::new().set_num_format("@");
    let rows = plan.map(data_rows).unwrap_or_default();
    for (i, spec) in SHEETS.iter().enumerate() {
        let sheet = book.add_worksheet().set_name(spec.name)?;
        header(sheet, spec.columns, &bold)?;
        // Text cells keep what is typed: 2024-04 stays a month, R2.6.1 a day, not a date.
        for (c, col) in spec.columns.iter().enumerate() {
            if matches!(*col, "開始" | "終了" | "策定日" | "基準日" | "分類" | "分類名" | "単位") {
                sheet.set_column_format(c as u16, &text)?;
            }
        }
        validations(sheet, spec.name, spec.columns)?;
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
    for (spec, row) in SHEETS.iter().zip(EXAMPLE) {
        example.write_string_with_format(r, 0, format!("{} シートの例", spec.name), &Format::new().set_bold())?;
        for (c, (head, value)) in spec.columns.iter().zip(row).enumerate() {
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
            "分類" | "分類名" | "実施課" | "備考" | "状態の理由" | "前計画の項目" | "基準値の注記" | "目標値の注記" => {
                20.0
            }
            _ => 12.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Input lists where a wrong word would be refused anyway: the direction, the headings, the status,
/// 万, 累計, the decimals, the focus area and item numbers.
fn validations(sheet: &mut Worksheet, name: &str, columns: &[&str]) -> Result<(), XlsxError> {
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
    let words = |list: &[&str], message: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new().allow_list_strings(list)?.set_error_message(message)
    };
    let mut add = |header: &str, v: DataValidation| -> Result<(), XlsxError> {
        let c = columns.iter().position(|h| *h == header).expect("a column of the sheet") as u16;
        sheet.add_data_validation(1, c, LIST_ROWS, c, &v)?;
        Ok(())
    };
    match name {
        n if n == CATEGORIES => add("重点項目番号", focus_list()?)?,
        n if n == ITEMS => {
            add("重点項目番号", focus_list()?)?;
            let goal = GoalHeading::ALL.map(GoalHeading::label);
            add("目標の見出し", words(&goal, "数値目標 か 活動目標 を選んでください（空なら数値目標）。")?)?;
            let actions = ActionsHeading::ALL.map(ActionsHeading::label);
            add(
                "内容の見出し",
                words(&actions, "実施内容・効果 か 取組内容・効果 を選んでください（空なら実施内容・効果）。")?,
            )?;
            let kinds = StatusKind::ALL.map(StatusKind::label);
            add(
                "状態",
                words(&kinds, "完了・目標達成・経常業務化・統合・中止 のどれかを選んでください（進行中なら空）。")?,
            )?;
        }
        n if n == KPIS => {
            add("項目番号", item_list()?)?;
            add("方向", words(&["増加", "減少"], "増加 か 減少 を選んでください。")?)?;
            add("表示", words(&["万"], "万 を選ぶか、空にしてください。")?)?;
            let digits = DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, 6))
                .set_error_message("小数の桁数は 0〜6 です。")?;
            add("小数", digits)?;
        }
        n if n == MILESTONES => {
            add("項目番号", item_list()?)?;
            add("累計", words(&["○"], "累計なら ○ を選び、そうでなければ空にしてください。")?)?;
        }
        n if n == SCHEDULE || n == EFFECTS => add("項目番号", item_list()?)?,
        _ => {}
    }
    Ok(())
}
