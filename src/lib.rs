//! reform-tracker: the progress record of a municipal reform action plan.
//! Layers (DESIGN.md): model → store → edit → layout → report → ui.

pub mod assets;
pub mod cli;
pub mod demo;
pub mod edit;
pub mod layout;
pub mod model;
pub mod report;
pub mod seed;
pub mod store;
pub mod survey;
pub mod ui;
