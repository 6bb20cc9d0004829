//! Pure domain types and rules of a reform action plan. No I/O.

pub mod diff;
pub mod fiscal;
pub mod number;
pub mod plan;
pub mod progress;

pub use fiscal::{FiscalYear, YearMonth};
pub use plan::*;
pub use progress::{Judgement, Progress};
