//! Text measurement for BIZ UDゴシック, a fixed-pitch font: half-width characters are half
//! an em wide and everything else a full em, so widths need no shaping.

/// Fraction of the font size from the top of the em box to the baseline (ascender 880/1000).
pub const ASCENT: f32 = 0.88;

fn is_half_width(c: char) -> bool {
    (' '..='~').contains(&c) || ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

pub fn char_width(c: char, size: f32) -> f32 {
    if is_half_width(c) { size * 0.5 } else { size }
}

pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, size)).sum()
}

/// The text cut to `width`, ending in "…" when cut.
pub fn truncate(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let room = width - char_width('…', size);
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
    if room > 0.0 { format!("{out}…") } else { String::new() }
}

/// Text fitted to a box: the largest size from `max` down to `min` that fits on one line;
/// failing that, wrapped onto as many lines as `height` holds at `min` (the last one cut).
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
}

pub const LINE_GAP: f32 = 1.1;

pub fn fit(text: &str, width: f32, height: f32, max: f32, min: f32) -> Fitted {
    let text = text.trim();
    let one_line = (text_width(text, 1.0) > 0.0).then(|| width / text_width(text, 1.0)).unwrap_or(max);
    let size = one_line.min(max).min(height);
    if size >= min {
        return Fitted { size, lines: vec![text.to_string()] };
    }
    let max_lines = ((height / (min * LINE_GAP)).floor() as usize).max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if text_width(&current, min) + char_width(c, min) > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    lines.push(current);
    if lines.len() > max_lines {
        let rest: String = lines[max_lines - 1..].concat();
        lines.truncate(max_lines - 1);
        lines.push(truncate(&rest, width, min));
    }
    Fitted { size: min, lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(text_width("AB", 10.0), 10.0);
        assert_eq!(text_width("改革", 10.0), 20.0);
        assert_eq!(truncate("改革項目", 25.0, 10.0), "改…");
        assert_eq!(truncate("改革", 25.0, 10.0), "改革");
    }

    #[test]
    fn fitting_shrinks_then_wraps() {
        let f = fit("改革項目", 40.0, 20.0, 12.0, 6.0);
        assert_eq!(f.size, 10.0);
        assert_eq!(f.lines, ["改革項目"]);
        let f = fit("改革項目改革項目改革項目", 30.0, 14.0, 12.0, 6.0);
        assert_eq!(f.size, 6.0);
        assert_eq!(f.lines, ["改革項目改", "革項目改革項目"].map(|s| truncate(s, 30.0, 6.0)));
    }
}
