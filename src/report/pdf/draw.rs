//! A page as a list of shapes in points (origin top-left, y down): what the schedule and KPI
//! composers produce, and what both the PDF writer and the dialog's preview paint. The
//! preview is therefore the printout itself, only smaller.

pub use crate::layout::palette::Rgb;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f32,
    /// Dash length (gap the same), or a solid line.
    pub dash: Option<f32>,
}

impl Stroke {
    pub fn solid(color: Rgb, width: f32) -> Self {
        Stroke { color, width, dash: None }
    }

    pub fn dashed(color: Rgb, width: f32, dash: f32) -> Self {
        Stroke { color, width, dash: Some(dash) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Line {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        stroke: Stroke,
    },
    /// One line of text; `top` is the top of the em box.
    Text {
        x: f32,
        top: f32,
        size: f32,
        color: Rgb,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageDrawing {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

impl PageDrawing {
    pub fn new(width: f32, height: f32) -> Self {
        PageDrawing { width, height, shapes: Vec::new() }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Stroke>) {
        if w > 0.0 && h > 0.0 {
            self.shapes.push(Shape::Rect { x, y, w, h, fill, stroke });
        }
    }

    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, stroke: Stroke) {
        self.shapes.push(Shape::Line { x0, y0, x1, y1, stroke });
    }

    pub fn text(&mut self, x: f32, top: f32, size: f32, color: Rgb, text: impl Into<String>) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.shapes.push(Shape::Text { x, top, size, color, text });
        }
    }

    /// Every text on the page, in drawing order (for tests and the preview's accessibility).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}
