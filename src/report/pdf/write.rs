//! The PDF painter: turns page drawings into a PDF with krilla. BIZ UDゴシック is embedded
//! (krilla subsets it to the glyphs used) and text stays text, so it can be searched and copied.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke as KStroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::draw::{PageDrawing, Rgb, Shape, Stroke};
use super::text;
use crate::assets::BIZ_UD_GOTHIC;

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

pub(crate) fn fill(c: Rgb) -> Fill {
    Fill { paint: color(c).into(), ..Default::default() }
}

pub(crate) fn stroke(s: &Stroke) -> KStroke {
    KStroke {
        paint: color(s.color).into(),
        width: s.width,
        dash: s.dash.map(|d| StrokeDash { array: vec![d, d], offset: 0.0 }),
        ..Default::default()
    }
}

pub fn write_pdf(pages: &[PageDrawing], title: &str) -> Result<Vec<u8>, String> {
    let font =
        Font::new(BIZ_UD_GOTHIC.into(), 0).ok_or("埋め込み用のフォント（BIZ UDゴシック）を読み込めませんでした。")?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(title.to_string()).language("ja".to_string()).creator("reform-tracker".to_string()),
    );
    for drawing in pages {
        let settings =
            PageSettings::from_wh(drawing.width, drawing.height).ok_or("用紙の大きさが正しくありません。")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for shape in &drawing.shapes {
            draw(&mut surface, shape, &font);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("PDF を作れませんでした（{e:?}）。"))
}

/// Paints one shape of a page drawing (the schedule and the year's report share it).
pub(crate) fn draw(surface: &mut Surface, shape: &Shape, font: &Font) {
    match shape {
        Shape::Rect { x, y, w, h, fill: f, stroke: s } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { return };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            let Some(path) = pb.finish() else { return };
            surface.set_fill(f.map(fill));
            surface.set_stroke(s.as_ref().map(stroke));
            surface.draw_path(&path);
        }
        Shape::Line { x0, y0, x1, y1, stroke: s } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x0, *y0);
            pb.line_to(*x1, *y1);
            let Some(path) = pb.finish() else { return };
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(s)));
            surface.draw_path(&path);
        }
        Shape::Text { x, top, size, color: c, text: t } => {
            surface.set_fill(Some(fill(*c)));
            surface.set_stroke(None);
            let baseline = Point::from_xy(*x, top + size * text::ascent());
            surface.draw_text(baseline, font.clone(), *size, t, false, TextDirection::Auto);
        }
    }
}
