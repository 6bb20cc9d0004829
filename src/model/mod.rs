//! Pure domain types and rules of a reform action plan. No I/O.

pub mod dates;
pub mod diff;
pub mod evaluation;
pub mod fiscal;
pub mod goal;
pub mod limits;
pub mod number;
pub mod outlier;
pub mod plan;
pub mod progress;
pub mod rollover;
pub mod schedule;
pub mod status;

pub use fiscal::{FiscalYear, YearMonth};
pub use goal::{ActionsHeading, Effect, GoalHeading, Milestone, Scale};
pub use plan::*;
pub use progress::{Judgement, Progress};
pub use schedule::*;
pub use status::{ItemStatus, StatusKind};
