//! The check value of a survey sheet's locked cells, so that a sheet whose key columns were
//! altered (protection removed, rows copied between workbooks, an id retyped) is detected.
//!
//! The sheet may come back as CSV saved by Excel in Shift_JIS, which does not round-trip every
//! character (〜 U+301C comes back as ～ U+FF5E, − U+2212 as － U+FF0D, unmappable ones as ?),
//! and Excel may regroup digits. So the value is computed over a folded form that keeps only
//! letters, digits, kana and kanji: any change of a word or a digit is still caught.
//! This is a guard against mistakes, not a signature: FNV-1a, no secret.

use crate::model::number::to_half_width;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Separates fields in the hashed stream, so that "ab"+"c" and "a"+"bc" differ.
const FIELD: u8 = 0x1F;

#[derive(Debug, Clone)]
pub(crate) struct Checksum(u64);

impl Checksum {
    pub fn new() -> Self {
        Checksum(FNV_OFFSET)
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(FNV_PRIME);
    }

    /// Adds one cell's text in folded form, followed by a field separator.
    pub fn field(&mut self, text: &str) {
        for b in fold(text).bytes() {
            self.byte(b);
        }
        self.byte(FIELD);
    }

    /// Ends a row of fields.
    pub fn end_row(&mut self) {
        self.byte(b'\n');
    }

    /// 16 upper-case hex digits.
    pub fn hex(&self) -> String {
        format!("{:016X}", self.0)
    }
}

/// Letters, digits, kana and kanji of `text`, full-width forms made half-width and letters upper-cased.
pub(crate) fn fold(text: &str) -> String {
    to_half_width(text)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || is_japanese_letter(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn is_japanese_letter(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}'     // hiragana
        | '\u{30A1}'..='\u{30FA}'   // katakana
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '々' | 'ー')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_survives_shift_jis_round_trips() {
        assert_eq!(fold("2021-04〜2022-03"), fold("2021－04～2022－03"));
        assert_eq!(fold("949,451,676"), fold("949451676"));
        assert_eq!(fold("ＳＡＰⅢ 秘書課"), "SAP秘書課");
        assert_ne!(fold("秘書課"), fold("会計課"));
    }

    #[test]
    fn fields_are_separated() {
        let mut a = Checksum::new();
        a.field("ab");
        a.field("c");
        let mut b = Checksum::new();
        b.field("a");
        b.field("bc");
        assert_ne!(a.hex(), b.hex());
        assert_eq!(a.hex().len(), 16);
    }
}
