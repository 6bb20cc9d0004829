//! reform-tracker: the progress record of a municipal reform action plan.
//! Layers, each using only those before it (ARCHITECTURE.md):
//! model → edit → store → session → layout → report, survey → ui; cli beside ui (it uses
//! session, report and survey, never ui).

pub mod assets;
pub mod cli;
pub mod demo;
pub mod edit;
pub mod layout;
pub mod merge;
pub mod model;
pub mod plan_file;
pub mod report;
pub mod seed;
pub mod session;
pub mod store;
pub mod survey;
pub mod ui;
