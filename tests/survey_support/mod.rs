//! Helpers for the survey tests: a real record on disk, and a department filling in a workbook
//! (read the workbook, write a copy with the answers, as Excel would save it) or saving it as CSV.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use reform_tracker::model::FiscalYear;
use reform_tracker::store::Store;

pub const R4: FiscalYear = FiscalYear(2022);

/// SAP III in `dir/name`, and the store open on it: the survey tests keep several records and
/// the workbooks in one folder.
pub fn new_record(dir: &Path, name: &str) -> (PathBuf, Store) {
    let db = crate::common::sap3_record(dir, name);
    let store = Store::open(&db).unwrap();
    (db, store)
}

/// One sheet of a workbook as read back.
#[derive(Debug, Clone)]
pub struct SheetCells {
    pub name: String,
    pub hidden: bool,
    pub cells: Vec<Vec<Data>>,
}

impl SheetCells {
    pub fn text(&self, row: usize, col: usize) -> String {
        match self.cells.get(row).and_then(|r| r.get(col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => {
                if f.fract() == 0.0 {
                    format!("{}", *f as i64)
                } else {
                    f.to_string()
                }
            }
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The row (0-based) whose column A is `kind` and whose column `col` reads `value`.
    pub fn find_row(&self, kind: &str, col: usize, value: &str) -> usize {
        (0..self.cells.len())
            .find(|&r| self.text(r, 0) == kind && self.text(r, col) == value)
            .unwrap_or_else(|| panic!("no {kind} row with {value} in column {col}"))
    }

    pub fn rows_of(&self, kind: &str) -> Vec<usize> {
        (0..self.cells.len()).filter(|&r| self.text(r, 0) == kind).collect()
    }
}

pub fn read_sheets(bytes: &[u8]) -> Vec<SheetCells> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let meta = book.sheets_metadata().to_vec();
    meta.iter()
        .map(|s| {
            let range = book.worksheet_range(&s.name).unwrap();
            let (h, w) = range.end().map(|(r, c)| (r as usize + 1, c as usize + 1)).unwrap_or((0, 0));
            let cells = (0..h)
                .map(|r| {
                    (0..w).map(|c| range.get_value((r as u32, c as u32)).cloned().unwrap_or(Data::Empty)).collect()
                })
                .collect();
            SheetCells { name: s.name.clone(), hidden: s.visible != SheetVisible::Visible, cells }
        })
        .collect()
}

/// What a department types into a cell.
#[derive(Debug, Clone)]
pub enum Typed {
    Text(&'static str),
    Number(f64),
}

/// Sets cells of the main sheet (0-based row, col).
pub fn fill(sheets: &mut [SheetCells], answers: &[(usize, usize, Typed)]) {
    let main = sheets.iter_mut().find(|s| s.name == "調査票").unwrap();
    for (r, c, v) in answers {
        let row = &mut main.cells[*r];
        if row.len() <= *c {
            row.resize(*c + 1, Data::Empty);
        }
        row[*c] = match v {
            Typed::Text(t) => Data::String((*t).to_string()),
            Typed::Number(n) => Data::Float(*n),
        };
    }
}

/// Writes the sheets back as a workbook (values only, hidden sheets kept hidden), as a filled
/// copy saved by the department.
pub fn write_workbook(sheets: &[SheetCells]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name).unwrap();
        for (r, row) in s.cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v {
                    Data::String(t) => {
                        ws.write_string(r as u32, c as u16, t).unwrap();
                    }
                    Data::Float(f) => {
                        ws.write_number(r as u32, c as u16, *f).unwrap();
                    }
                    Data::Int(i) => {
                        ws.write_number(r as u32, c as u16, *i as f64).unwrap();
                    }
                    Data::Empty => {}
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
        if s.hidden {
            ws.set_hidden(true);
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The main sheet as Excel's "CSV" save writes it: every row padded to the used width, fields
/// quoted when needed, CRLF line ends.
pub fn main_sheet_csv(sheets: &[SheetCells]) -> String {
    let main = sheets.iter().find(|s| s.name == "調査票").unwrap();
    let width = main.cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for r in 0..main.cells.len() {
        let fields: Vec<String> = (0..width)
            .map(|c| {
                let t = main.text(r, c);
                if t.contains([',', '"', '\n']) { format!("\"{}\"", t.replace('"', "\"\"")) } else { t }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Encodes as Excel on a Japanese Windows saves "CSV (コンマ区切り)": CP932, with its best-fit
/// mappings for the characters CP932 spells differently (〜 → ～, − → －) and ? for the rest.
pub fn shift_jis_like_excel(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        let c = match c {
            '\u{301C}' => '\u{FF5E}',
            '\u{2212}' => '\u{FF0D}',
            '\u{2016}' => '\u{2225}',
            '\u{2014}' => '\u{2015}',
            other => other,
        };
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

pub fn workbook_of(paths: &[PathBuf], department: &str) -> PathBuf {
    paths
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy() == format!("進捗調査票_令和4年度_{department}.xlsx"))
        .unwrap_or_else(|| panic!("no workbook for {department}"))
        .clone()
}
