//! BIZ UDゴシック for every text on screen, installed once when the window is created.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontTweak};

/// The font's bytes live in `crate::assets`, where the PDF writer takes them too.
pub use crate::assets::BIZ_UD_GOTHIC;

const NAME: &str = "BIZ UDGothic";

/// BIZ UDゴシック first in both families, egui's defaults behind it for the symbols it lacks.
/// Hinting is off: with egui's default hinting this font draws `-` and `−` as nothing.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let data = FontData::from_static(BIZ_UD_GOTHIC).tweak(FontTweak { hinting: Some(false), ..Default::default() });
    fonts.font_data.insert(NAME.to_owned(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, NAME.to_owned());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
