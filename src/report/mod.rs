//! What leaves the office: the council CSV and the schedule PDF. Reads a plan snapshot,
//! writes bytes. No egui here.

pub mod annual;
pub mod csv;
pub mod encoding;
pub mod pdf;
pub mod schedule_csv;
pub mod scope;
pub mod xlsx;
