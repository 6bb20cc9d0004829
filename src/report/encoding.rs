//! The two encodings the council's Excel opens without asking: UTF-8 with a BOM, and CP932
//! (Shift_JIS as Windows writes it). A table is checked cell by cell before anything is
//! encoded, so a character CP932 lacks is refused by name and place — never written as `?`.

use std::fmt;

use super::csv::{Cell, Table, write_table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum CsvEncoding {
    #[default]
    Utf8Bom,
    Cp932,
}

impl CsvEncoding {
    pub const ALL: [CsvEncoding; 2] = [CsvEncoding::Utf8Bom, CsvEncoding::Cp932];

    /// The spelling on the command line.
    pub fn code(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "utf8-bom",
            CsvEncoding::Cp932 => "cp932",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf8-bom" | "utf-8-bom" | "utf8" | "utf-8" => Some(CsvEncoding::Utf8Bom),
            "cp932" | "shift-jis" | "sjis" | "windows-31j" => Some(CsvEncoding::Cp932),
            _ => None,
        }
    }

    /// For the dialog.
    pub fn label(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "UTF-8（BOM付き・推奨）",
            CsvEncoding::Cp932 => "Shift_JIS（CP932・古いExcel向け）",
        }
    }
}

/// Characters that have a twin which CP932 round-trips. Windows writes the twin's bytes for
/// both (its "best fit"), so the file reads back the same in Excel whichever one was typed.
/// encoding_rs follows the WHATWG table, which has only one of each pair.
const CP932_TWINS: [(char, char); 9] = [
    ('\u{301C}', '\u{FF5E}'), // 〜 WAVE DASH → ～ (0x8160)
    ('\u{2016}', '\u{2225}'), // ‖ DOUBLE VERTICAL LINE → ∥ (0x8161)
    ('\u{2014}', '\u{2015}'), // — EM DASH → ― (0x815C)
    ('\u{00A2}', '\u{FFE0}'), // ¢ → ￠ (0x8191)
    ('\u{00A3}', '\u{FFE1}'), // £ → ￡ (0x8192)
    ('\u{00AC}', '\u{FFE2}'), // ¬ → ￢ (0x81CA)
    ('\u{00A6}', '\u{FFE4}'), // ¦ → ￤ (0xFA55)
    // WHATWG sends these two to ASCII 0x5C and 0x7E, which read back as \ and ~;
    // the full-width forms keep what the officer wrote.
    ('\u{00A5}', '\u{FFE5}'), // ¥ → ￥ (0x818F)
    ('\u{203E}', '\u{FFE3}'), // ‾ → ￣ (0x8150)
];

/// The character CP932 will be asked to encode in place of `c`.
pub fn cp932_twin(c: char) -> char {
    CP932_TWINS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to).unwrap_or(c)
}

pub fn normalise_for_cp932(text: &str) -> String {
    text.chars().map(cp932_twin).collect()
}

/// Whether CP932 has the character (after its twin is taken).
pub fn cp932_has(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (_, _, unmappable) = encoding_rs::SHIFT_JIS.encode(cp932_twin(c).encode_utf8(&mut buf));
    !unmappable
}

/// One character CP932 cannot hold, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unencodable {
    /// The row as Excel numbers it: the header is row 1.
    pub row: usize,
    pub column: String,
    /// The 項目番号 of that row, when the table has one, so the officer finds the item.
    pub item: Option<String>,
    pub ch: char,
}

impl fmt::Display for Unencodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}行目", self.row)?;
        if let Some(item) = &self.item {
            write!(f, "（改革項目{item}）")?;
        }
        write!(f, "の「{}」列: 「{}」(U+{:04X})", self.column, self.ch, self.ch as u32)
    }
}

/// The whole list of characters that stopped a CP932 export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRefusal(pub Vec<Unencodable>);

const LISTED: usize = 20;

impl fmt::Display for CsvRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Shift_JIS（CP932）で書けない文字が {} 個あるため、CSV を書き出しませんでした。\
             該当の文字を書き換えるか、UTF-8（BOM付き）で書き出してください。",
            self.0.len()
        )?;
        for u in self.0.iter().take(LISTED) {
            writeln!(f, "- {u}")?;
        }
        if self.0.len() > LISTED {
            writeln!(f, "- ほか {} 個", self.0.len() - LISTED)?;
        }
        Ok(())
    }
}

impl std::error::Error for CsvRefusal {}

/// Every character of the table (header and cells, as written) that CP932 cannot hold.
pub fn cp932_problems(table: &Table) -> Vec<Unencodable> {
    let item_column = table.headers.iter().position(|h| h == "項目番号");
    let mut found = Vec::new();
    let mut check = |row: usize, column: &str, item: Option<String>, text: &str| {
        for ch in text.chars().filter(|c| !cp932_has(*c)) {
            found.push(Unencodable { row, column: column.to_string(), item: item.clone(), ch });
        }
    };
    for h in &table.headers {
        check(1, h, None, h);
    }
    for (r, cells) in table.rows.iter().enumerate() {
        let item = item_column.and_then(|i| cells.get(i)).map(|c| c.written()).filter(|s| !s.is_empty());
        for (c, cell) in cells.iter().enumerate() {
            let column = table.headers.get(c).map(String::as_str).unwrap_or("");
            check(r + 2, column, item.clone(), &cell.written());
        }
    }
    found
}

/// The file's bytes: RFC 4180 with CRLF, in the chosen encoding. Refuses (and encodes
/// nothing) when CP932 lacks a character.
pub fn encode_table(table: &Table, encoding: CsvEncoding) -> Result<Vec<u8>, CsvRefusal> {
    match encoding {
        CsvEncoding::Utf8Bom => Ok(utf8_bom(&write_table(&table.headers, &table.written_rows()))),
        CsvEncoding::Cp932 => {
            let problems = cp932_problems(table);
            if !problems.is_empty() {
                return Err(CsvRefusal(problems));
            }
            // Characters first, guard second: a title starting with − (U+2212) is written as
            // 0x817C, which Excel reads as －, a formula start; mapped first, it is guarded as － is.
            let headers: Vec<String> = table.headers.iter().map(|h| cp932_readback(h)).collect();
            let rows: Vec<Vec<String>> = table
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Cell::Text(t) => Cell::Text(cp932_readback(t)).written(),
                            other => other.written(),
                        })
                        .collect()
                })
                .collect();
            let text = write_table(&headers, &rows);
            let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
            // Every cell was checked above; the commas, quotes and line ends are ASCII.
            debug_assert!(!unmappable);
            if unmappable {
                return Err(CsvRefusal(cp932_problems(table)));
            }
            Ok(bytes.into_owned())
        }
    }
}

/// The text as Excel will read it back from CP932: each character replaced by the one its bytes
/// decode to (− U+2212 → － U+FF0D, 〜 → ～). Only for text `cp932_has` accepts.
fn cp932_readback(text: &str) -> String {
    let mapped = normalise_for_cp932(text);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&mapped);
    encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned()
}

/// UTF-8 with a byte-order mark, so that Excel detects the encoding.
pub fn utf8_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp932(s: &str) -> Vec<u8> {
        assert!(s.chars().all(cp932_has), "{s}");
        encoding_rs::SHIFT_JIS.encode(&normalise_for_cp932(s)).0.into_owned()
    }

    #[test]
    fn windows_twins_share_bytes() {
        assert_eq!(cp932("〜"), [0x81, 0x60]);
        assert_eq!(cp932("～"), [0x81, 0x60]);
        assert_eq!(cp932("−"), [0x81, 0x7C]);
        assert_eq!(cp932("－"), [0x81, 0x7C]);
        assert_eq!(cp932("‖"), [0x81, 0x61]);
        assert_eq!(cp932("∥"), [0x81, 0x61]);
        assert_eq!(cp932("—"), [0x81, 0x5C]);
        assert_eq!(cp932("―"), [0x81, 0x5C]);
        assert_eq!(cp932("¢£¬"), [0x81, 0x91, 0x81, 0x92, 0x81, 0xCA]);
        assert_eq!(cp932("¥"), [0x81, 0x8F], "not 0x5C, which reads back as a backslash");
    }

    #[test]
    fn nec_and_ibm_extensions() {
        assert_eq!(cp932("①"), [0x87, 0x40]);
        assert_eq!(cp932("Ⅰ"), [0x87, 0x54]);
        assert_eq!(cp932("㈱"), [0x87, 0x8A]);
        assert_eq!(cp932("髙"), [0xFB, 0xFC]);
        assert_eq!(cp932("ｱ"), [0xB1]);
    }

    #[test]
    fn characters_cp932_lacks() {
        for c in ['♥', '𠮷', '😀', 'é', '㉑'] {
            assert!(!cp932_has(c), "{c}");
        }
    }

    #[test]
    fn the_formula_guard_sees_the_character_excel_will_read() {
        let table = Table {
            headers: vec!["改革項目".into()],
            rows: vec![vec![Cell::Text("−5％削減".into())], vec![Cell::Text("－5％削減".into())]],
        };
        let bytes = encode_table(&table, CsvEncoding::Cp932).unwrap();
        let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
        // Both rows, typed with U+2212 or U+FF0D, are the same bytes and both are guarded.
        assert_eq!(text, "改革項目\r\n'－5％削減\r\n'－5％削減\r\n");
        let guarded: &[u8] = &[b'\'', 0x81, 0x7C];
        assert_eq!(bytes.windows(3).filter(|w| *w == guarded).count(), 2);
    }

    #[test]
    fn codes_parse() {
        for e in CsvEncoding::ALL {
            assert_eq!(CsvEncoding::from_code(e.code()), Some(e));
        }
        assert_eq!(CsvEncoding::from_code("Shift_JIS"), Some(CsvEncoding::Cp932));
        assert_eq!(CsvEncoding::from_code("latin1"), None);
    }
}
