//! One palette for the screen and the paper, so that a bar on the printed schedule has the colour
//! the officer saw on screen. The kinds of phase are told apart by hue (blue / orange / green /
//! purple, apart also for colour-weak readers) and stay light enough for black bar labels; red is
//! kept for what needs attention: a late phase and the 基準日 line.

use crate::model::PhaseKind;

/// A colour as 8-bit red, green, blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// Mixed with white: `t` = 0 keeps the colour, 1 gives white.
    pub fn lighten(self, t: f32) -> Rgb {
        let m = |c: u8| (c as f32 + (255.0 - c as f32) * t).round() as u8;
        Rgb(m(self.0), m(self.1), m(self.2))
    }
}

/// The fill of a planned bar by kind of phase (the legends show the same).
pub fn kind_color(kind: PhaseKind) -> Rgb {
    match kind {
        PhaseKind::Study => Rgb(86, 150, 214),
        PhaseKind::Preparation => Rgb(240, 160, 70),
        PhaseKind::Implementation => Rgb(96, 172, 80),
        PhaseKind::Other => Rgb(160, 140, 200),
    }
}

/// The thin bar of what was actually done, drawn over the planned one.
pub const ACTUAL: Rgb = Rgb(45, 45, 45);
/// The outline of a late phase, and its label when it stands beside the bar.
pub const DELAYED: Rgb = Rgb(200, 20, 20);
/// The 基準日 line.
pub const AS_OF: Rgb = Rgb(210, 30, 30);
/// Black enough for text on every fill above.
pub const TEXT: Rgb = Rgb(20, 20, 20);

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Rgb) -> f64 {
        let lin = |v: u8| {
            let s = v as f64 / 255.0;
            if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    #[test]
    fn bar_labels_stay_readable_on_every_kind() {
        for kind in PhaseKind::ALL {
            let contrast = (luminance(kind_color(kind)) + 0.05) / (luminance(TEXT) + 0.05);
            assert!(contrast >= 4.5, "{kind:?}: {contrast:.2}");
        }
    }

    /// Hue angle in degrees (0 = red, 120 = green, 240 = blue).
    fn hue(c: Rgb) -> f64 {
        let (r, g, b) = (c.0 as f64, c.1 as f64, c.2 as f64);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let d = max - min;
        let h = if max == r {
            60.0 * ((g - b) / d)
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        h.rem_euclid(360.0)
    }

    #[test]
    fn the_kinds_differ_in_hue() {
        let hues: Vec<f64> = PhaseKind::ALL.iter().map(|k| hue(kind_color(*k))).collect();
        for (i, a) in hues.iter().enumerate() {
            for b in &hues[i + 1..] {
                let apart = (a - b).abs().min(360.0 - (a - b).abs());
                assert!(apart >= 40.0, "hues {a:.0}° and {b:.0}° are too close");
            }
        }
    }
}
