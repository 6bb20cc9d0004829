//! How large the schedule is printed: the officer's choice of 文字の大きさ, and how much rows
//! and words grow beyond it to fill the paper.

use crate::layout::ScheduleStyle;

use super::style::PRINT;

/// 文字の大きさ: 標準, or 大きい — larger words (and rows) on more pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TextSize {
    #[default]
    Standard,
    Large,
}

impl TextSize {
    pub const ALL: [TextSize; 2] = [TextSize::Standard, TextSize::Large];

    pub fn label(self) -> &'static str {
        match self {
            TextSize::Standard => "標準",
            TextSize::Large => "大きい",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
        }
    }

    /// Reads `standard`/`large` as well as the Japanese labels.
    pub fn from_code(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(t) || s.label() == t)
    }

    /// Sizes relative to 標準 before any growth: 大きい's words, grown or not, are larger than
    /// 標準's grown as far as they go (MAX_WORD_GROWTH), by a step one sees.
    fn factor(self) -> f32 {
        match self {
            TextSize::Standard => 1.0,
            TextSize::Large => 1.5,
        }
    }

    /// The rows as the page count is decided.
    pub fn base_style(self) -> ScheduleStyle {
        PRINT.scaled(self.factor())
    }
}

/// Rows may grow this much to fill the paper (a plan of a few items does not become a poster).
pub const MAX_ROW_GROWTH: f32 = 1.6;
/// Words grow less than rows: titles wrap in fixed columns, and beyond this they would wrap
/// more than they gain.
pub const MAX_WORD_GROWTH: f32 = 1.25;

/// The sizes one schedule printout uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Row, bar and gap sizes.
    pub style: ScheduleStyle,
    /// Factor of the chosen 文字の大きさ over 標準: words at least this large.
    pub chosen: f32,
    /// Factor applied to every word size of the rows (titles, labels, bar labels) where the
    /// words still stand on as many lines as at `chosen`.
    pub words: f32,
}

impl Scale {
    /// The chosen size, grown by `growth` (≥ 1) to fill the pages.
    pub fn new(size: TextSize, growth: f32) -> Self {
        let chosen = size.factor();
        Scale { style: size.base_style().scaled(growth), chosen, words: chosen * growth.min(MAX_WORD_GROWTH) }
    }
}
