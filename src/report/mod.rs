//! What leaves the office: the council CSV and the schedule PDF. Reads a plan snapshot,
//! writes bytes. No egui here.

pub mod csv;
