//! The printed look: colours of phase kinds, how a status shows on a bar, and the sizes of
//! the schedule rows on paper (the layout's `ScheduleStyle` in points).

use super::draw::{Rgb, Stroke};
use crate::layout::ScheduleStyle;
use crate::model::{PhaseKind, PhaseStatus};

/// Row sizes on paper. Item rows hold up to two lines of title.
pub const PRINT: ScheduleStyle = ScheduleStyle {
    item_row_height: 20.0,
    schedule_row_height: 17.0,
    bar_height: 10.0,
    actual_bar_height: 3.0,
    bar_top: 1.5,
    label_pad: 2.0,
};

pub use crate::layout::palette::{ACTUAL, AS_OF, DELAYED, TEXT, kind_color};

pub const GRID: Rgb = Rgb(215, 215, 215);
pub const YEAR_LINE: Rgb = Rgb(120, 120, 120);
pub const ITEM_BAND: Rgb = Rgb(238, 242, 247);
pub const HEADER_BAND: Rgb = Rgb(226, 232, 240);
pub const SUBTLE: Rgb = Rgb(90, 90, 90);
pub const DONE_MARK: Rgb = Rgb(30, 30, 30);

/// How a planned bar of a given kind and status is filled and outlined.
pub struct BarLook {
    pub fill: Rgb,
    pub stroke: Stroke,
    /// A line through the bar (中止).
    pub struck: bool,
    /// A dark block at the bar's end (完了).
    pub done_mark: bool,
}

pub fn bar_look(kind: PhaseKind, status: PhaseStatus) -> BarLook {
    let base = kind_color(kind);
    let thin = Stroke::solid(Rgb(70, 70, 70), 0.5);
    match status {
        PhaseStatus::NotStarted => BarLook {
            fill: base.lighten(0.55),
            stroke: Stroke::solid(Rgb(140, 140, 140), 0.5),
            struck: false,
            done_mark: false,
        },
        PhaseStatus::InProgress => BarLook { fill: base, stroke: thin, struck: false, done_mark: false },
        PhaseStatus::Done => BarLook { fill: base, stroke: thin, struck: false, done_mark: true },
        PhaseStatus::Delayed => {
            BarLook { fill: base, stroke: Stroke::solid(DELAYED, 1.6), struck: false, done_mark: false }
        }
        PhaseStatus::Cancelled => BarLook {
            fill: Rgb(200, 200, 200),
            stroke: Stroke::solid(Rgb(120, 120, 120), 0.5),
            struck: true,
            done_mark: false,
        },
    }
}
