//! Drawing a department's sheet model into an .xlsx workbook.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use super::SurveyError;
use super::sheet::*;
use crate::model::{FiscalYear, PhaseStatus, Plan};
use crate::store::write_atomically;

const KEY_FILL: u32 = 0xF2F2F2;
const INPUT_FILL: u32 = 0xFFF2CC;
const HEADING_FILL: u32 = 0xD9E1F2;
/// Widths of columns A..J in Excel's character units.
const WIDTHS: [f64; COLUMNS as usize] = [9.0, 6.0, 7.0, 38.0, 28.0, 14.0, 18.0, 16.0, 14.0, 14.0];

/// Writes one workbook per department (or only `department`) into `out_dir`, each atomically,
/// and returns their paths in plan order.
pub fn export_workbooks(
    plan: &Plan,
    record_id: &str,
    year: FiscalYear,
    department: Option<&str>,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, SurveyError> {
    check_year(plan, year)?;
    // A record from before the value rules may hold a text no cell can: name it, in Japanese.
    crate::model::limits::check_plan(plan).map_err(|e| SurveyError::Write(e.to_string()))?;
    let all = super::survey_departments(plan);
    let chosen: Vec<String> = match department {
        Some(name) => {
            let name = name.trim();
            if !all.iter().any(|d| d == name) {
                return Err(SurveyError::UnknownDepartment { name: name.to_string(), known: all });
            }
            vec![name.to_string()]
        }
        None => all,
    };
    std::fs::create_dir_all(out_dir).map_err(|e| SurveyError::io(out_dir, e))?;
    // Every workbook is made before any is written: a text the workbook cannot hold stops the
    // export with nothing written.
    let books: Vec<(PathBuf, Vec<u8>)> = chosen
        .iter()
        .map(|dept| Ok((out_dir.join(file_name(year, dept)), workbook_bytes(plan, record_id, year, dept)?)))
        .collect::<Result<_, SurveyError>>()?;
    let mut written = Vec::new();
    for (i, (path, bytes)) in books.iter().enumerate() {
        // Each file is written whole or not at all (a full disk leaves no partial workbook); when one
        // fails the officer is told which were made and which were not.
        if let Err(e) = write_atomically(path, bytes) {
            let name = |p: &PathBuf| p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            return Err(SurveyError::Partial {
                reason: e.to_string(),
                written: written.iter().map(name).collect(),
                missing: books[i..].iter().map(|(p, _)| name(p)).collect(),
            });
        }
        written.push(path.clone());
    }
    Ok(written)
}

pub(crate) fn check_year(plan: &Plan, year: FiscalYear) -> Result<(), SurveyError> {
    if plan.info.years().contains(&year) {
        Ok(())
    } else {
        Err(SurveyError::YearOutsidePlan { year: year.japanese(), period: plan.info.period_label() })
    }
}

/// The workbook of one department, as bytes.
pub fn workbook_bytes(
    plan: &Plan,
    record_id: &str,
    year: FiscalYear,
    department: &str,
) -> Result<Vec<u8>, SurveyError> {
    let model = SheetModel::build(plan, record_id, year, department);
    let mut workbook = Workbook::new();
    let main = workbook.add_worksheet();
    draw_main(main, &model)?;
    let id_sheet = workbook.add_worksheet();
    draw_identity(id_sheet, &model)?;
    Ok(workbook.save_to_buffer()?)
}

struct Formats {
    title: Format,
    small: Format,
    note: Format,
    section: Format,
    heading: Format,
    key: Format,
    key_number: Format,
    input_number: Format,
    input_text: Format,
    input_choice: Format,
}

impl Formats {
    fn new() -> Self {
        let font = |f: Format| f.set_font_name("BIZ UDゴシック");
        let cell = |f: Format| font(f).set_border(FormatBorder::Thin).set_align(FormatAlign::Top).set_text_wrap();
        let key = cell(Format::new()).set_background_color(Color::RGB(KEY_FILL));
        let input = cell(Format::new()).set_background_color(Color::RGB(INPUT_FILL)).set_unlocked();
        Formats {
            title: font(Format::new()).set_bold().set_font_size(14),
            small: font(Format::new()).set_font_size(9).set_font_color(Color::RGB(0x595959)),
            note: font(Format::new()).set_text_wrap().set_align(FormatAlign::Top),
            section: font(Format::new()).set_bold().set_font_size(12),
            heading: cell(Format::new())
                .set_bold()
                .set_background_color(Color::RGB(HEADING_FILL))
                .set_align(FormatAlign::Center),
            key_number: key.clone().set_align(FormatAlign::Right),
            key,
            input_number: input.clone(),
            input_text: input.clone().set_num_format("@"),
            input_choice: input.set_align(FormatAlign::Center),
        }
    }
}

fn draw_main(ws: &mut Worksheet, m: &SheetModel) -> Result<(), SurveyError> {
    let f = Formats::new();
    ws.set_name(MAIN_SHEET)?;
    ws.set_active(true);
    for (col, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let last = COLUMNS - 1;
    let title = format!("{}　{}　進捗調査票（{}）", m.plan_name, m.year.japanese(), m.department);
    ws.merge_range(0, 0, 0, last, &title, &f.title)?;
    ws.set_row_height(0, 24)?;

    // The identity line: also what a CSV copy of this sheet carries.
    ws.write_string_with_format(1, 0, ID_LABEL, &f.small)?;
    ws.merge_range(1, 1, 1, 3, &m.record_id, &f.small)?;
    ws.write_string_with_format(1, 4, YEAR_LABEL, &f.small)?;
    ws.write_string_with_format(1, 5, m.year.japanese(), &f.small)?;
    ws.write_string_with_format(1, 6, DEPARTMENT_LABEL, &f.small)?;
    ws.write_string_with_format(1, 7, &m.department, &f.small)?;
    ws.write_string_with_format(1, 8, CHECK_LABEL, &f.small)?;
    ws.write_string_with_format(1, 9, m.checksum(), &f.small)?;

    let note = format!(
        "黄色のセルに{}の実績を記入し、このファイルのまま（または CSV で保存して）行政改革担当へ返送してください。\
         灰色のセルは変更できません。状態と自己評価は一覧から選びます。実績の年月は 2022-04 のように入力してください。\
         空欄のままのセルは「回答なし」として扱い、記録の値は変わりません。\
         ただし効果額の実績は記録の値を記入してあり、消して空欄にすると記録からも消えます。",
        m.year.japanese()
    );
    ws.merge_range(2, 0, 2, last, &note, &f.note)?;
    ws.set_row_height(2, 62)?;

    let mut row: u32 = 4;
    for kind in RowKind::ALL {
        ws.write_string_with_format(row, 0, kind.section_title(), &f.section)?;
        ws.set_row_height(row, 20)?;
        row += 1;
        let headings = headings(kind, m.year);
        if kind == RowKind::Evaluation {
            for (col, h) in headings.iter().enumerate().take(COL_EVAL_RESULTS as usize) {
                ws.write_string_with_format(row, col as u16, h, &f.heading)?;
            }
            ws.merge_range(
                row,
                COL_EVAL_RESULTS,
                row,
                COL_EVAL_RESULTS_LAST,
                &headings[COL_EVAL_RESULTS as usize],
                &f.heading,
            )?;
            ws.merge_range(row, COL_EVAL_NEXT, row, COL_EVAL_NEXT_LAST, &headings[COL_EVAL_NEXT as usize], &f.heading)?;
        } else {
            for (col, h) in headings.iter().enumerate() {
                ws.write_string_with_format(row, col as u16, h, &f.heading)?;
            }
        }
        ws.set_row_height(row, 30)?;
        row += 1;
        let first = row;
        for data in m.rows_of(kind) {
            draw_row(ws, &f, row, data)?;
            row += 1;
        }
        if row > first {
            add_validations(ws, kind, first, row - 1)?;
        } else {
            ws.merge_range(row, 0, row, last, "（該当する項目はありません）", &f.note)?;
            row += 1;
        }
        row += 1;
    }

    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    let options = ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() };
    ws.protect_with_options(&options);
    Ok(())
}

fn draw_row(ws: &mut Worksheet, f: &Formats, row: u32, data: &DataRow) -> Result<(), SurveyError> {
    for (col, key) in data.keys.iter().enumerate() {
        let col = col as u16;
        match key {
            Key::Number(n) => ws.write_number_with_format(row, col, *n as f64, &f.key_number)?,
            Key::Text(t) => ws.write_string_with_format(row, col, t, &f.key)?,
        };
    }
    let columns: Vec<(u16, u16)> = match data.kind {
        RowKind::Kpi => vec![(COL_KPI_ACTUAL, COL_KPI_ACTUAL)],
        RowKind::Phase => {
            vec![
                (COL_PHASE_STATUS, COL_PHASE_STATUS),
                (COL_PHASE_START, COL_PHASE_START),
                (COL_PHASE_END, COL_PHASE_END),
            ]
        }
        RowKind::Evaluation => vec![
            (COL_EVAL_RATING, COL_EVAL_RATING),
            (COL_EVAL_RESULTS, COL_EVAL_RESULTS_LAST),
            (COL_EVAL_NEXT, COL_EVAL_NEXT_LAST),
        ],
        RowKind::Effect => vec![(COL_EFFECT_ACTUAL, COL_EFFECT_ACTUAL)],
    };
    for ((first, last), prefill) in columns.into_iter().zip(&data.answers) {
        let (text, format) = match prefill {
            Prefill::Number(n) => {
                ws.write_number_with_format(row, first, *n, &f.input_number)?;
                continue;
            }
            Prefill::Text(t) => (t.as_str(), &f.input_text),
            Prefill::Choice(c) => (c.as_str(), &f.input_choice),
            Prefill::Blank => {
                ("", if matches!(data.kind, RowKind::Kpi | RowKind::Effect) { &f.input_number } else { &f.input_text })
            }
        };
        if first == last {
            if text.is_empty() {
                ws.write_blank(row, first, format)?;
            } else {
                ws.write_string_with_format(row, first, text, format)?;
            }
        } else {
            ws.merge_range(row, first, row, last, text, format)?;
        }
    }
    ws.set_row_height(row, row_height(data))?;
    Ok(())
}

/// Excel does not grow a row for wrapped text written by a program: estimate the lines instead.
fn row_height(data: &DataRow) -> f64 {
    let mut lines = 1usize;
    for (col, key) in data.keys.iter().enumerate() {
        lines = lines.max(lines_needed(&key.text(), WIDTHS[col]));
    }
    if data.kind == RowKind::Evaluation {
        let texts = data.answers.iter().filter_map(|a| match a {
            Prefill::Text(t) => Some(t.as_str()),
            _ => None,
        });
        for t in texts {
            lines = lines.max(lines_needed(t, 40.0));
        }
        lines = lines.max(4);
    }
    (lines.min(12) as f64) * 14.0 + 4.0
}

fn lines_needed(text: &str, width: f64) -> usize {
    text.split('\n')
        .map(|line| {
            let units: f64 = line.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum();
            ((units / (width - 1.0).max(1.0)).ceil() as usize).max(1)
        })
        .sum()
}

fn add_validations(ws: &mut Worksheet, kind: RowKind, first: u32, last: u32) -> Result<(), SurveyError> {
    match kind {
        RowKind::Kpi => {
            let v = DataValidation::new()
                .allow_any_value()
                .set_input_title("実績")?
                .set_input_message("数値で入力してください（全角数字・カンマ可）。文章の目標は文章で入力します。")?;
            ws.add_data_validation(first, COL_KPI_ACTUAL, last, COL_KPI_ACTUAL, &v)?;
        }
        RowKind::Phase => {
            let labels: Vec<&str> = PhaseStatus::ALL.iter().map(|s| s.label()).collect();
            let status = DataValidation::new()
                .allow_list_strings(&labels)?
                .set_error_title("状態")?
                .set_error_message("一覧から選んでください。")?;
            ws.add_data_validation(first, COL_PHASE_STATUS, last, COL_PHASE_STATUS, &status)?;
            let months = DataValidation::new()
                .allow_any_value()
                .set_input_title("実績の年月")?
                .set_input_message("2022-04 のように入力してください。")?;
            ws.add_data_validation(first, COL_PHASE_START, last, COL_PHASE_END, &months)?;
        }
        RowKind::Evaluation => {
            let rating = DataValidation::new()
                .allow_list_strings(&["S", "A", "B", "C"])?
                .set_input_title("自己評価")?
                .set_input_message("S 計画以上／A 計画どおり／B やや遅れ／C 遅れ")?
                .set_error_title("自己評価")?
                .set_error_message("S・A・B・C から選んでください。")?;
            ws.add_data_validation(first, COL_EVAL_RATING, last, COL_EVAL_RATING, &rating)?;
        }
        RowKind::Effect => {
            let v =
                DataValidation::new().allow_any_value().set_input_title("効果額の実績（千円）")?.set_input_message(
                    "千円単位の数値で入力してください（全角数字・カンマ・▲・万も可）。実績がなければ空欄にします。",
                )?;
            ws.add_data_validation(first, COL_EFFECT_ACTUAL, last, COL_EFFECT_ACTUAL, &v)?;
        }
    }
    Ok(())
}

fn draw_identity(ws: &mut Worksheet, m: &SheetModel) -> Result<(), SurveyError> {
    ws.set_name(ID_SHEET)?;
    let lines = [
        (FORMAT_LABEL, FORMAT_VALUE.to_string()),
        (ID_LABEL, m.record_id.clone()),
        (YEAR_LABEL, m.year.0.to_string()),
        (DEPARTMENT_LABEL, m.department.clone()),
        (CHECK_LABEL, m.checksum()),
        ("計画", m.plan_name.clone()),
        ("作成日時", chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()),
    ];
    for (row, (k, v)) in lines.iter().enumerate() {
        ws.write_string(row as u32, 0, *k)?;
        ws.write_string(row as u32, 1, v)?;
    }
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}
