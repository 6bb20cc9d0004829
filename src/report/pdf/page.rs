//! Paper sizes, orientation and the printable area.

const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    #[default]
    A3,
    A4,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A3, Paper::A4];

    pub fn code(self) -> &'static str {
        match self {
            Paper::A3 => "a3",
            Paper::A4 => "a4",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A3 => "A3",
            Paper::A4 => "A4",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Short and long side in millimetres.
    fn mm(self) -> (f32, f32) {
        match self {
            Paper::A3 => (297.0, 420.0),
            Paper::A4 => (210.0, 297.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

impl Orientation {
    pub fn label(self) -> &'static str {
        match self {
            Orientation::Landscape => "横",
            Orientation::Portrait => "縦",
        }
    }
}

/// A page in points, with the margin every office printer can print inside (12 mm; most
/// printers need 4–6 mm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
}

impl PageSetup {
    pub fn new(paper: Paper, orientation: Orientation) -> Self {
        let (short, long) = paper.mm();
        let (w, h) = match orientation {
            Orientation::Landscape => (long, short),
            Orientation::Portrait => (short, long),
        };
        PageSetup { width: w * MM, height: h * MM, margin: 12.0 * MM }
    }

    pub fn left(&self) -> f32 {
        self.margin
    }

    pub fn right(&self) -> f32 {
        self.width - self.margin
    }

    pub fn top(&self) -> f32 {
        self.margin
    }

    pub fn bottom(&self) -> f32 {
        self.height - self.margin
    }

    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a3_landscape_in_points() {
        let p = PageSetup::new(Paper::A3, Orientation::Landscape);
        assert!((p.width - 1190.55).abs() < 0.01 && (p.height - 841.89).abs() < 0.01);
        let p = PageSetup::new(Paper::A4, Orientation::Portrait);
        assert!((p.width - 595.28).abs() < 0.01 && (p.height - 841.89).abs() < 0.01);
        assert_eq!(Paper::from_code("A4"), Some(Paper::A4));
    }
}
