//! One cell of a plan workbook read as the value a plan file's key holds, or refused naming its
//! sheet, row and column. Cells are typed by hand, so each reader takes the forms an office writes.

use toml::Spanned;

use super::{Builder, Row};
use crate::model::FiscalYear;
use crate::model::number::parse_number;
use crate::plan_file::PlanFileError;
use crate::plan_file::format::ValueIo;
use crate::survey::Value;

/// What 累計 takes for yes (the input list offers ○; 〇 and ◯ look the same when typed).
pub const CUMULATIVE_MARKS: [&str; 4] = ["○", "〇", "◯", "累計"];

impl Builder {
    /// A cell's text; blank is "". Dates, errors and uncalculated formulas are refused.
    pub(super) fn text(&self, row: &Row, col: usize) -> Result<String, PlanFileError> {
        match &row.values[col] {
            Value::Blank => Ok(String::new()),
            Value::Text(t) => match crate::model::limits::check_text(row.columns[col], t) {
                Ok(()) => Ok(t.trim().to_string()),
                Err(e) => self.refuse(row, col, e.to_string()),
            },
            Value::Number(n) => Ok(crate::model::number::format_plain(*n)),
            Value::Date(_) => self.refuse(row, col, "日付になっています。文字で入力してください。"),
            Value::Error(e) => self.refuse(row, col, format!("エラー（{e}）のセルです。値を入力してください。")),
            Value::Uncalculated => {
                self.refuse(row, col, "計算されていない数式です。Excel で開いて保存し直してください。")
            }
        }
    }

    pub(super) fn required(&self, row: &Row, col: usize) -> Result<String, PlanFileError> {
        let t = self.text(row, col)?;
        if t.is_empty() {
            return self.refuse(row, col, "空です。入力してください。");
        }
        Ok(t)
    }

    pub(super) fn spanned_text(
        &mut self,
        row: &Row,
        col: usize,
        required: bool,
    ) -> Result<Spanned<String>, PlanFileError> {
        let t = if required { self.required(row, col)? } else { self.text(row, col)? };
        Ok(self.span(row, col, t))
    }

    /// A text that may be left blank: blank is no value (the plan file's key left out).
    pub(super) fn optional_text(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<String>>, PlanFileError> {
        let t = self.text(row, col)?;
        Ok((!t.is_empty()).then(|| self.span(row, col, t)))
    }

    /// A word from the column's input list, or blank (the default).
    pub(super) fn choice(
        &mut self,
        row: &Row,
        col: usize,
        words: &[&str],
    ) -> Result<Option<Spanned<String>>, PlanFileError> {
        let Some(t) = self.optional_text(row, col)? else { return Ok(None) };
        if !words.contains(&t.get_ref().as_str()) {
            let message =
                format!("「{}」は選べません。{} のどれかを選ぶか、空にしてください。", t.get_ref(), words.join(" / "));
            return self.refuse(row, col, message);
        }
        Ok(Some(t))
    }

    /// A whole number (番号): typed as a number or as digits.
    pub(super) fn number(&mut self, row: &Row, col: usize) -> Result<Spanned<u32>, PlanFileError> {
        let n = match &row.values[col] {
            Value::Number(n) if n.fract() == 0.0 && (1.0..=1_000_000.0).contains(n) => Some(*n as u32),
            Value::Text(t) => parse_number(t.trim())
                .ok()
                .flatten()
                .filter(|n| n.fract() == 0.0 && (1.0..=1_000_000.0).contains(n))
                .map(|n| n as u32),
            _ => None,
        };
        match n {
            Some(n) => Ok(self.span(row, col, n)),
            None => {
                let shown = self.text(row, col).unwrap_or_default();
                self.refuse(row, col, format!("「{shown}」は番号として読めません。1 以上の整数を入力してください。"))
            }
        }
    }

    /// A fiscal year as 2024, 令和6, R6 or 令和6年度.
    pub(super) fn year(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<i32>>, PlanFileError> {
        let text = self.text(row, col)?;
        if text.is_empty() {
            return Ok(None);
        }
        match FiscalYear::parse(&text) {
            Some(y) => Ok(Some(self.span(row, col, y.0))),
            None => self.refuse(
                row,
                col,
                format!("年度「{text}」は読めません。2024、令和6、R6 のどれかの書き方で入力してください。"),
            ),
        }
    }

    pub(super) fn required_year(&mut self, row: &Row, col: usize) -> Result<Spanned<i32>, PlanFileError> {
        match self.year(row, col)? {
            Some(y) => Ok(y),
            None => self.refuse(row, col, "空です。年度を入力してください（2024、令和6、R6）。"),
        }
    }

    /// A month as YYYY-MM text, or a date Excel made of it (typing 2024-04 gives a date).
    pub(super) fn month(&mut self, row: &Row, col: usize) -> Result<Spanned<String>, PlanFileError> {
        let text = match &row.values[col] {
            Value::Date(serial) => crate::survey::month_of_serial(*serial).map(|m| m.iso()).unwrap_or_default(),
            _ => self.required(row, col)?,
        };
        Ok(self.span(row, col, text))
    }

    /// A day as typed (2020-06-01, R2.6.1, 令和2年6月1日), or the day of a date cell; the plan
    /// file's reader reads the text, so both forms are refused alike when they are no day.
    pub(super) fn day(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<String>>, PlanFileError> {
        let Value::Date(serial) = &row.values[col] else { return self.optional_text(row, col) };
        match crate::survey::date_of_serial(*serial) {
            Some(day) => Ok(Some(self.span(row, col, day.format("%Y-%m-%d").to_string()))),
            None => {
                self.refuse(row, col, "日付として読めません。2020-06-01 や 令和2年6月1日 のように入力してください。")
            }
        }
    }

    /// A KPI value and the decimals its text shows. A number cell cannot show its decimals to
    /// calamine, so a value whose decimals matter (18.0) is written as the text "18.0": a text of
    /// plain digits is that number, printed with the decimals written.
    pub(super) fn value(
        &mut self,
        row: &Row,
        col: usize,
    ) -> Result<(Option<Spanned<ValueIo>>, Option<u8>), PlanFileError> {
        let (v, shown) = match &row.values[col] {
            Value::Blank => return Ok((None, None)),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (ValueIo::Integer(*n as i64), None),
            Value::Number(n) => (ValueIo::Float(*n), None),
            _ => {
                let t = self.text(row, col)?;
                if t.is_empty() {
                    return Ok((None, None));
                }
                match plain_decimal(&t) {
                    Some((n, 0)) => (ValueIo::Integer(n as i64), None),
                    Some((n, d)) => (ValueIo::Float(n), Some(d)),
                    None => (ValueIo::Text(t), None),
                }
            }
        };
        Ok((Some(self.span(row, col, v)), shown))
    }

    /// The decimals a KPI's values are printed with, 0 to 6, where its values do not show them.
    pub(super) fn decimals(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<u8>>, PlanFileError> {
        let n = match &row.values[col] {
            Value::Number(n) => Some(*n),
            _ => match self.text(row, col)?.as_str() {
                "" => return Ok(None),
                t => parse_number(t).ok().flatten(),
            },
        };
        match n.filter(|n| n.fract() == 0.0 && (0.0..=6.0).contains(n)) {
            Some(n) => Ok(Some(self.span(row, col, n as u8))),
            None => self.refuse(
                row,
                col,
                "小数の桁数は 0〜6 の整数で入力してください（空なら基準値・目標値の書き方どおり）。",
            ),
        }
    }

    /// An amount in 千円 (効果額): a number cell or a number typed as text; blank is none.
    pub(super) fn amount(&mut self, row: &Row, col: usize) -> Result<Option<Spanned<f64>>, PlanFileError> {
        let n = match &row.values[col] {
            Value::Number(n) => Some(*n),
            _ => {
                let t = self.text(row, col)?;
                match parse_number(&t) {
                    Ok(n) if !t.contains(['%', '％']) => n,
                    _ => {
                        return self.refuse(
                            row,
                            col,
                            format!("「{t}」は金額として読めません。千円単位の数値（12000 など）を入力してください。"),
                        );
                    }
                }
            }
        };
        Ok(n.map(|n| self.span(row, col, n)))
    }

    /// 累計: ○ for a target counted from the start, blank for one within its own period.
    pub(super) fn mark(&self, row: &Row, col: usize) -> Result<bool, PlanFileError> {
        match self.text(row, col)?.as_str() {
            "" => Ok(false),
            t if CUMULATIVE_MARKS.contains(&t) => Ok(true),
            t => self.refuse(
                row,
                col,
                format!("「{t}」は読めません。累計なら ○ を入力し、そうでなければ空にしてください。"),
            ),
        }
    }
}

/// "18", "18.0", "-2.50", "１８．０" → the number and its decimals; anything else (10%, 1,000,
/// words) is text.
fn plain_decimal(text: &str) -> Option<(f64, u8)> {
    let half = crate::model::number::to_half_width(text.trim());
    let digits = half.strip_prefix('-').unwrap_or(&half);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !all_digits(int) || int.len() > 15 || (digits.contains('.') && !all_digits(frac)) || frac.len() > 6 {
        return None;
    }
    Some((half.parse().ok()?, frac.len() as u8))
}

#[cfg(test)]
mod tests {
    use super::plain_decimal;

    #[test]
    fn only_plain_numbers_written_as_text_are_numbers() {
        assert_eq!(plain_decimal("18.0"), Some((18.0, 1)));
        assert_eq!(plain_decimal(" -2.50 "), Some((-2.5, 2)));
        assert_eq!(plain_decimal("１８．０"), Some((18.0, 1)));
        assert_eq!(plain_decimal("60"), Some((60.0, 0)));
        for text in ["10%", "1,000", "18.", ".5", "存続の可否決定", "R5.6.1現在", "1e5", "-", "1.2345678"] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
    }
}
