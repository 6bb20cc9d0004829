//! Reading a returned workbook within fixed bounds. A survey file comes from outside the office's
//! control: a few kilobytes can declare a sheet of 17 billion cells, inflate to gigabytes, or claim
//! a billion shared strings — and calamine would try to allocate all of it, which aborts the process
//! (and in the window loses the officer's session). So the zip is measured before calamine opens it
//! (every entry really inflated, against caps on the total and the ratio), and the sheets are
//! streamed cell by cell, keeping only the survey's own columns and rows.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx, XlsxCellReader, open_workbook_from_rs};

use super::read::Value;
use super::sheet::{COLUMNS, ID_SHEET, MAIN_SHEET};

/// A returned survey is tens of kilobytes; anything past this is not one.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// What all entries of the workbook may inflate to, together.
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;
/// Above this size an entry must not inflate more than `MAX_RATIO` times (a zip bomb does 1000×).
const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;
const MAX_RATIO: u64 = 100;
const MAX_ENTRIES: usize = 2_000;
/// How many shared strings a workbook may announce (calamine reserves room for them up front).
pub const MAX_SHARED_STRINGS: u64 = 500_000;
/// The rows read from a sheet; a department's sheet has a few hundred.
pub const MAX_ROWS: u32 = 100_000;

pub(crate) type Grid = Vec<Vec<Value>>;

/// Checks the zip before anything allocates by what it declares: entries inflated for real
/// (their declared sizes may lie), the total and each entry's ratio capped, and the shared
/// strings' announced count bounded.
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let too_big = || "展開すると大きすぎるファイルです（圧縮爆弾の疑い）".to_string();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("zip として読めません: {e}"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("zip の中のファイルが多すぎます（{} 個）", zip.len()));
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| format!("zip の中身を読めません: {e}"))?;
        if entry.encrypted() {
            return Err("パスワードで保護されたファイルです。保護を外して保存し直してください".into());
        }
        let name = entry.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let compressed = entry.compressed_size();
        let mut inflated: u64 = 0;
        let mut head: Vec<u8> = Vec::new();
        loop {
            let n = entry.read(&mut buf).map_err(|e| format!("zip の中身を読めません: {e}"))?;
            if n == 0 {
                break;
            }
            inflated += n as u64;
            total += n as u64;
            if total > MAX_INFLATED_BYTES
                || (inflated > RATIO_FLOOR_BYTES && inflated > compressed.saturating_mul(MAX_RATIO))
            {
                return Err(too_big());
            }
            if name.ends_with("sharedstrings.xml") && head.len() < 4096 {
                head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
            }
        }
        if name.ends_with("sharedstrings.xml") {
            check_shared_strings_head(&head)?;
        }
    }
    Ok(())
}

/// calamine reserves room for the `uniqueCount` the `<sst>` element announces before reading one
/// string: a huge count is an allocation bomb however small the file.
fn check_shared_strings_head(head: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("<sst").or_else(|| text.find(":sst")) else { return Ok(()) };
    let tag = &text[start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let mut rest = tag;
    while let Some(at) = rest.find("ount") {
        rest = &rest[at + 4..];
        let value: String = rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == '=' || c == '"' || c == '\'')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if value.len() > 9 || value.parse::<u64>().is_ok_and(|n| n > MAX_SHARED_STRINGS) {
            return Err(format!("共有文字列の数（{value}）が多すぎます"));
        }
    }
    Ok(())
}

fn cell_value(d: &DataRef<'_>, formula: bool) -> Value {
    match d {
        DataRef::Empty if formula => Value::Uncalculated,
        DataRef::Empty => Value::Blank,
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(b) => Value::Text(if *b { "TRUE".into() } else { "FALSE".into() }),
        DataRef::DateTime(d) => Value::Date(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
    }
}

/// The sheet's cells within the survey's columns and `MAX_ROWS`, streamed: cells outside are
/// skipped as they pass, so the declared dimension and stray far-away cells cost nothing.
fn stream_grid<RS: Read + std::io::Seek>(mut cells: XlsxCellReader<'_, RS>, columns: u16) -> Result<Grid, String> {
    let mut grid: Grid = Vec::new();
    while let Some(cell) = cells.next_cell_with_formula_metadata().map_err(|e| format!("セルを読めません: {e}"))?
    {
        let (row, col) = cell.pos;
        if row >= MAX_ROWS || col >= u32::from(columns) {
            continue;
        }
        let (row, col) = (row as usize, col as usize);
        if grid.len() <= row {
            grid.resize_with(row + 1, Vec::new);
        }
        let line = &mut grid[row];
        if line.len() <= col {
            line.resize(col + 1, Value::Blank);
        }
        line[col] = cell_value(&cell.value, cell.formula.is_some());
    }
    Ok(grid)
}

/// The main sheet's grid and the hidden identity sheet's grid (if the workbook has one).
pub(crate) fn xlsx_grid(bytes: &[u8]) -> Result<(Grid, Option<Grid>), String> {
    check_zip(bytes)?;
    // calamine does arithmetic on the numbers a sheet declares (a row numbered 4294967295 overflows
    // it); whatever it does with a hostile file, the officer gets a refusal, not a closed window.
    std::panic::catch_unwind(|| read_sheets(bytes))
        .unwrap_or_else(|_| Err("Excel のファイルとして読めません（シートの中身が壊れています）".into()))
}

/// Named sheets of any workbook read within the same bounds (the plan workbook uses it): each
/// sheet's first `columns` columns, `None` for a sheet the workbook does not have.
pub fn bounded_sheets(bytes: &[u8], sheets: &[(&str, u16)]) -> Result<Vec<Option<Grid>>, String> {
    check_zip(bytes)?;
    std::panic::catch_unwind(|| {
        let mut book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| format!("Excel のファイルとして開けません: {e}"))?;
        let names = book.sheet_names();
        let mut grids = Vec::new();
        for (name, columns) in sheets {
            if !names.iter().any(|n| n == name) {
                grids.push(None);
                continue;
            }
            let cells = book.worksheet_cells_reader(name).map_err(|e| format!("シート「{name}」を読めません: {e}"))?;
            grids.push(Some(stream_grid(cells, *columns).map_err(|e| format!("シート「{name}」の{e}"))?));
        }
        Ok(grids)
    })
    .unwrap_or_else(|_| Err("Excel のファイルとして読めません（シートの中身が壊れています）".into()))
}

fn read_sheets(bytes: &[u8]) -> Result<(Grid, Option<Grid>), String> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| format!("Excel のファイルとして開けません: {e}"))?;
    let names = book.sheet_names();
    if !names.iter().any(|n| n == MAIN_SHEET) {
        return Err(format!("シート「{MAIN_SHEET}」がありません"));
    }
    let sheet = |book: &mut Xlsx<_>, name: &str, columns: u16| -> Result<Grid, String> {
        let cells = book.worksheet_cells_reader(name).map_err(|e| format!("シート「{name}」を読めません: {e}"))?;
        stream_grid(cells, columns).map_err(|e| format!("シート「{name}」の{e}"))
    };
    let main = sheet(&mut book, MAIN_SHEET, COLUMNS)?;
    let hidden = if names.iter().any(|n| n == ID_SHEET) { Some(sheet(&mut book, ID_SHEET, 2)?) } else { None };
    Ok((main, hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announced_shared_string_counts_are_bounded() {
        let ok = br#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="10"><si>"#;
        assert!(check_shared_strings_head(ok).is_ok());
        let bomb = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount = '4000000000'><si>"#;
        assert!(check_shared_strings_head(bomb).unwrap_err().contains("4000000000"));
        let long = br#"<x:sst uniqueCount="99999999999999999999999">"#;
        assert!(check_shared_strings_head(long).is_err());
    }
}
