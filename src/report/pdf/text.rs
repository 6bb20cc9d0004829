//! Text measured from the embedded font itself: BIZ UDゴシック's advance widths (hmtx, read
//! with skrifa), so that truncation with 「…」, centring and wrapping agree with what krilla
//! draws. krilla shapes with the font's own advances, and the font has no kerning, so the sum
//! of advances is the drawn width.

use std::sync::LazyLock;

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::assets::BIZ_UD_GOTHIC;

struct FontMetrics {
    charmap: Charmap<'static>,
    glyphs: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Top of the em box to the baseline, as a fraction of the size.
    ascent: f32,
}

static METRICS: LazyLock<Option<FontMetrics>> = LazyLock::new(|| {
    let font = FontRef::new(BIZ_UD_GOTHIC).ok()?;
    let m = font.metrics(Size::unscaled(), LocationRef::default());
    let units_per_em = m.units_per_em as f32;
    (units_per_em > 0.0).then(|| FontMetrics {
        charmap: font.charmap(),
        glyphs: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
        units_per_em,
        ascent: m.ascent / units_per_em,
    })
});

/// Fraction of the font size from the top of the em box to the baseline (the font's ascender).
pub fn ascent() -> f32 {
    METRICS.as_ref().map(|m| m.ascent).unwrap_or(0.88)
}

/// Advance of one character in points. A character the font lacks is drawn as its .notdef
/// glyph, so it is measured as that.
pub fn char_width(c: char, size: f32) -> f32 {
    let Some(m) = METRICS.as_ref() else {
        // Unreachable with the built-in font; the font's own grid as a fallback.
        return if (' '..='~').contains(&c) { size * 0.5 } else { size };
    };
    let glyph = m.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
    m.glyphs.advance_width(glyph).unwrap_or(m.units_per_em) / m.units_per_em * size
}

pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, size)).sum()
}

/// The text cut to `width`, ending in "…" when cut; empty when not even "…" fits.
pub fn truncate(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let room = width - char_width('…', size);
    if room < 0.0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(c, size);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Text fitted to a box: one size for all its lines, wrapped at character boundaries (with the
/// usual 禁則: no line starts with 、。）」 and the like, none ends with （「), the last line cut
/// with 「…」 when even the smallest size does not hold it all.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
}

impl Fitted {
    /// Height of the block of lines.
    pub fn height(&self) -> f32 {
        self.size * (1.0 + (self.lines.len() as f32 - 1.0).max(0.0) * LINE_GAP)
    }
}

/// Distance between baselines, as a multiple of the size.
pub const LINE_GAP: f32 = 1.1;
/// Sizes are tried from the largest down in these steps.
const STEP: f32 = 0.5;

/// The largest size from `max` down to `min` at which the text, wrapped, fits `width` ×
/// `height`; failing that, `min` with the last line that fits ending in 「…」.
pub fn fit(text: &str, width: f32, height: f32, max: f32, min: f32) -> Fitted {
    let text = text.trim();
    let lines_at = |size: f32| ((height - size) / (size * LINE_GAP) + 1e-3).floor().max(0.0) as usize + 1;
    let one_line = width / text_width(text, 1.0).max(f32::EPSILON);
    let mut size = max.min(height);
    while size >= min {
        let lines = wrap(text, width, size);
        if lines.len() == 1 {
            return Fitted { size, lines };
        }
        if lines.len() <= lines_at(size) {
            // A slightly smaller single line reads better than a wrapped one.
            if one_line >= (size * 0.9).max(min) {
                let size = (one_line * 4.0).floor() / 4.0;
                return Fitted { size, lines: vec![text.to_string()] };
            }
            return Fitted { size, lines: balanced(text, width, size, lines) };
        }
        size -= STEP;
    }
    let size = min;
    let room = lines_at(size);
    let mut lines = wrap(text, width, size);
    if lines.len() > room {
        let rest: String = lines[room - 1..].concat();
        lines.truncate(room - 1);
        lines.push(truncate(&rest, width, size));
    }
    Fitted { size, lines }
}

/// As `fit` with sizes up to `max`, then larger, up to `grown`, only as long as the text keeps
/// to as many lines as at `max` and is not cut: growing words to fill a page must not break a
/// title that stood on one line at the usual size.
pub fn fit_grown(text: &str, width: f32, height: f32, (max, grown): (f32, f32), min: f32) -> Fitted {
    let usual = fit(text, width, height, max, min);
    let whole = |f: &Fitted| f.lines.concat() == text.trim();
    let mut size = grown;
    while size > usual.size && whole(&usual) {
        let f = fit(text, width, height, size, usual.size);
        if f.size > usual.size && f.lines.len() <= usual.lines.len() && whole(&f) {
            return f;
        }
        size -= STEP;
    }
    usual
}

/// The same number of lines as `lines`, made as even as they can be (no lone last character).
fn balanced(text: &str, width: f32, size: f32, lines: Vec<String>) -> Vec<String> {
    let (mut lo, mut hi) = (width / lines.len() as f32, width);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if wrap(text, mid, size).len() <= lines.len() { hi = mid } else { lo = mid }
    }
    let even = wrap(text, hi, size);
    if even.len() == lines.len() { even } else { lines }
}

/// Characters that must not begin a line (closing brackets, punctuation, small kana).
fn no_start(c: char) -> bool {
    "、。，．,.）)」』】〕］]｝}〉》・：；:;！？!?ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％…".contains(c)
}

/// Characters that must not end a line (opening brackets).
fn no_end(c: char) -> bool {
    "（(「『【〔［[｛{〈《".contains(c)
}

/// Lines of at most `width` (a single character wider than that stands alone).
pub fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(c, size);
        let current = lines.last_mut().expect("never empty");
        if used + w <= width || current.is_empty() {
            current.push(c);
            used += w;
            continue;
        }
        // Break before `c`, carrying characters that may not end a line (or that `c` may
        // not follow at a line start) over to the next line, as long as some remain.
        let mut keep = current.len();
        if no_start(c) && keep > 1 {
            keep -= 1;
        }
        while keep > 1 && no_end(current[keep - 1]) {
            keep -= 1;
        }
        let mut carried: Vec<char> = current[keep..].to_vec();
        carried.push(c);
        let carried_width: f32 = carried.iter().map(|&c| char_width(c, size)).sum();
        if carried_width <= width {
            current.truncate(keep);
        } else {
            // Too narrow a box for the rule: a plain break.
            carried = vec![c];
        }
        used = carried.iter().map(|&c| char_width(c, size)).sum();
        lines.push(carried);
    }
    lines.into_iter().map(|l| l.into_iter().collect::<String>()).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // BIZ UDゴシック: full-width kana and kanji are one em, ASCII half an em.
        assert_eq!(text_width("改革", 10.0), 20.0);
        assert_eq!(text_width("AB", 10.0), 10.0);
        assert_eq!(text_width("10月", 8.0), 16.0);
        assert!((ascent() - 0.88).abs() < 0.01, "ascent {}", ascent());
        // Measured, not assumed: a character the font lacks is the .notdef glyph's advance.
        assert!(char_width('\u{E000}', 10.0) > 0.0);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("改革項目", 25.0, 10.0), "改…");
        assert_eq!(truncate("改革", 25.0, 10.0), "改革");
        assert_eq!(truncate("改革", 5.0, 10.0), "");
        for width in [12.0, 33.0, 47.5, 90.0] {
            assert!(
                text_width(&truncate("一時的に増大する業務に係る全庁的な協力体制の構築", width, 7.0), 7.0) <= width
            );
        }
    }

    #[test]
    fn fitting_keeps_the_size_then_wraps_then_cuts() {
        let f = fit("改革項目", 40.0, 20.0, 12.0, 6.0);
        assert_eq!(f.size, 10.0);
        assert_eq!(f.lines, ["改革項目"]);
        // Two lines at 8 pt fit 17 pt of height; one line would need 6 pt.
        let f = fit("改革項目改革項目", 40.0, 17.0, 9.0, 6.0);
        assert_eq!(f.size, 8.0);
        assert_eq!(f.lines, ["改革項目", "改革項目"], "lines made even");
        assert!(f.height() <= 17.0);
        // Just too long for one line at 8 pt: one line at 7.5 rather than a lone 「置」.
        let f = fit("会計年度任用職員の効率的な配置", 114.0, 17.0, 9.0, 6.0);
        assert_eq!(f.lines.len(), 1);
        assert!(f.size >= 7.5 && text_width(&f.lines[0], f.size) <= 114.0, "{f:?}");
        // Too long for two lines even at the minimum: the second line ends in 「…」.
        let f = fit(&"改革項目".repeat(6), 30.0, 14.0, 12.0, 6.0);
        assert_eq!(f.size, 6.0);
        assert_eq!(f.lines.len(), 2);
        assert!(f.lines[1].ends_with('…'));
        assert!(f.lines.iter().all(|l| text_width(l, 6.0) <= 30.0));
    }

    #[test]
    fn grown_text_keeps_its_lines() {
        // One line at 8 pt: grows only as far as one line still holds it (5 em in 50 pt: 10 pt).
        let f = fit_grown("危機管理課", 50.0, 30.0, (8.0, 12.0), 5.5);
        assert_eq!(f.lines, ["危機管理課"]);
        assert_eq!(f.size, 10.0);
        // Room for 12 pt: grows all the way.
        let f = fit_grown("秘書課", 50.0, 30.0, (8.0, 12.0), 5.5);
        assert_eq!((f.size, f.lines.len()), (12.0, 1));
        // Cut at the usual size: not grown.
        let long = "改革項目".repeat(6);
        assert_eq!(fit_grown(&long, 30.0, 14.0, (8.0, 12.0), 6.0), fit(&long, 30.0, 14.0, 8.0, 6.0));
    }

    #[test]
    fn wrapping_follows_kinsoku() {
        // 「、」 would start the second line: the character before it moves down with it.
        assert_eq!(wrap("改革項目、見直し", 40.0, 10.0), ["改革項", "目、見直", "し"]);
        // 「（」 would end the first line: it moves down.
        assert_eq!(wrap("改革項（見直し）", 40.0, 10.0), ["改革項", "（見直", "し）"]);
        assert_eq!(wrap("", 40.0, 10.0), Vec::<String>::new());
    }
}
