//! Colours of 判定 and of the officer's rating, shared by the KPI table and the charts.
//! Mid tones that read on both the light and the dark theme; text gets a lighter shade on dark.

use egui::Color32;

use crate::model::{Judgement, Rating};

pub fn judgement_color(judgement: Judgement, dark: bool) -> Color32 {
    let (light, dark_shade) = match judgement {
        Judgement::Achieved => (Color32::from_rgb(30, 140, 60), Color32::from_rgb(90, 200, 110)),
        Judgement::OnTrack => (Color32::from_rgb(30, 100, 190), Color32::from_rgb(100, 160, 240)),
        Judgement::Behind => (Color32::from_rgb(200, 40, 40), Color32::from_rgb(240, 100, 100)),
        Judgement::NotMeasured => (Color32::from_rgb(120, 120, 120), Color32::from_rgb(160, 160, 160)),
        Judgement::NotApplicable => (Color32::from_rgb(150, 150, 150), Color32::from_rgb(130, 130, 130)),
    };
    if dark { dark_shade } else { light }
}

pub fn rating_color(rating: Rating, dark: bool) -> Color32 {
    let (light, dark_shade) = match rating {
        Rating::S => (Color32::from_rgb(120, 70, 180), Color32::from_rgb(180, 140, 240)),
        Rating::A => (Color32::from_rgb(30, 140, 60), Color32::from_rgb(90, 200, 110)),
        Rating::B => (Color32::from_rgb(210, 120, 0), Color32::from_rgb(250, 170, 60)),
        Rating::C => (Color32::from_rgb(200, 40, 40), Color32::from_rgb(240, 100, 100)),
        Rating::Unrated => (Color32::from_rgb(130, 130, 130), Color32::from_rgb(150, 150, 150)),
    };
    if dark { dark_shade } else { light }
}

/// The one-character form used in narrow columns: S, A, B, C, −.
pub fn rating_letter(rating: Rating) -> &'static str {
    match rating {
        Rating::Unrated => "−",
        r => r.code(),
    }
}
