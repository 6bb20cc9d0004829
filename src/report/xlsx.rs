//! Tables as Excel sheets for the office's own editing: the council table
//! (`export-csv --format xlsx`) and the year's report. Numbers are cells Excel can add up,
//! shown with thousands separators and the decimals they were written with.

use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::csv::{Cell, Table, council_table};
use crate::model::Plan;

/// Excel refuses longer strings in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's paper size code for A3.
const PAPER_A3: u8 = 8;

/// One sheet: a title for the tab, a table, and a width per column (Excel's character units).
pub struct SheetSpec<'a> {
    pub name: &'a str,
    pub table: &'a Table,
    pub widths: Vec<f64>,
}

/// The council table as a workbook of one sheet.
pub fn council_xlsx(plan: &Plan) -> Result<Vec<u8>, String> {
    let table = council_table(plan);
    let widths = table.headers.iter().map(|h| council_width(h)).collect();
    let title = format!("{} 審議会一覧", plan.info.name);
    workbook(&title, &[SheetSpec { name: "審議会一覧", table: &table, widths }])
}

fn council_width(header: &str) -> f64 {
    match header {
        "重点項目" | "取組分類" | "改革項目" | "目標名" => 30.0,
        "備考" => 24.0,
        h if h.ends_with("取組実績") || h.ends_with("課題・今後の方針") => 40.0,
        h if h.ends_with("番号") => 8.0,
        _ => 12.0,
    }
}

/// Writes the sheets into one workbook: header row frozen and repeated on every printed page,
/// a filter on it, A3 landscape fitted to the page width.
pub fn workbook(title: &str, sheets: &[SheetSpec]) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(title));
    for spec in sheets {
        let ws = book.add_worksheet();
        draw_sheet(ws, spec).map_err(|e| describe(spec.name, e))?;
    }
    book.save_to_buffer().map_err(|e| describe("", e))
}

fn describe(sheet: &str, e: XlsxError) -> String {
    format!("Excel ファイルを作れませんでした（{sheet} {e}）。")
}

fn draw_sheet(ws: &mut Worksheet, spec: &SheetSpec) -> Result<(), XlsxError> {
    ws.set_name(spec.name)?;
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color(Color::RGB(0x808080));
    let head = border(Format::new().set_bold().set_text_wrap().set_align(FormatAlign::VerticalCenter))
        .set_background_color(Color::RGB(0xD9E1F2));
    let text = border(Format::new().set_text_wrap().set_align(FormatAlign::Top));
    for (c, h) in spec.table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    for (c, w) in spec.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in spec.table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Number(n) => match n.parse::<f64>() {
                    Ok(v) => {
                        let f = border(Format::new().set_num_format(number_format(n)).set_align(FormatAlign::Top));
                        ws.write_number_with_format(r, c, v, &f)?
                    }
                    Err(_) => ws.write_string_with_format(r, c, n, &text)?,
                },
                Cell::Text(t) => ws.write_string_with_format(r, c, clip(t), &text)?,
                Cell::Empty => ws.write_blank(r, c, &text)?,
            };
        }
    }
    let last_col = spec.table.headers.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, spec.table.rows.len() as u32, last_col)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(PAPER_A3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&P / &N");
    Ok(())
}

/// "#,##0" for 949451676, "#,##0.0" for 66.7: the decimals the value was written with.
fn number_format(written: &str) -> String {
    match written.split_once('.') {
        Some((_, frac)) => format!("#,##0.{}", "0".repeat(frac.len())),
        None => "#,##0".to_string(),
    }
}

/// A text longer than Excel holds is cut with a visible mark rather than refused as a whole.
fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 10).collect();
    cut.push_str("…（以下略）");
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_keep_the_written_decimals() {
        assert_eq!(number_format("949451676"), "#,##0");
        assert_eq!(number_format("66.7"), "#,##0.0");
        assert_eq!(number_format("18.25"), "#,##0.00");
    }

    #[test]
    fn overlong_text_is_clipped_to_what_excel_holds() {
        let long = "あ".repeat(40_000);
        let c = clip(&long);
        assert!(c.chars().count() <= MAX_CELL_CHARS && c.ends_with("（以下略）"));
    }
}
