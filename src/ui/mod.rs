//! The window (egui/eframe). Views draw a snapshot of the plan and send `Command`s into one queue;
//! the app shell (`app/`) applies them after drawing, through the one `Session`. No SQL here, and
//! no domain rule: those live in `model/` and `layout/`.
//!
//! - `app/`: the shell — the App, its runtime state, the command queue and how each command is
//!   carried out, startup and the renderer choice.
//! - `schedule/`, `kpi_table/`: the two large views, each split by job.
//! - `windows/`: one module per window the menus open (print, CSV, import, history, survey).
//! - the smaller views, one file each: navigation (the item tree), phase_editor, item_detail,
//!   evaluation, charts; and the menu bar and status bar.

pub mod app;
pub mod charts;
pub mod context;
mod council_opinion;
pub mod evaluation;
pub mod filter;
pub mod fonts;
mod item_detail;
mod item_goals;
pub mod kpi_table;
mod menu;
mod navigation;
mod phase_editor;
mod pickers;
pub mod progress_colors;
mod schedule;
mod status_bar;
pub mod windows;

pub use app::commands::{Command, Commands};
pub use app::state::{Persisted, Selection, Tab};
pub use app::{App, StatusMessage, WINDOW_TITLE, run, startup};
pub use context::ViewContext;
