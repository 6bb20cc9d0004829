//! Pure geometry of the schedule, in abstract units, shared by the screen painter and the
//! PDF painter: one layout, two painters. No egui and no I/O here.

pub mod axis;
pub mod fill;
pub mod palette;
pub mod schedule;

pub use axis::{Column, TimeAxis, Zoom};
pub use schedule::{BarGeometry, LabelPlacement, LayoutRow, RowKind, ScheduleLayout, ScheduleStyle, Span, place_label};
