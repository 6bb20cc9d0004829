//! What the window remembers between runs (eframe persistence) and what it only holds while open.
//! The record itself is never here: it lives in SQLite alone.

use serde::{Deserialize, Serialize};

use crate::layout::Zoom;
use crate::model::Id;
use crate::ui::filter::ItemFilter;
use crate::ui::kpi_table::KpiColumnWidths;

/// The centre tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Schedule,
    Kpi,
    Charts,
    Detail,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Schedule, Tab::Kpi, Tab::Charts, Tab::Detail];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Schedule => "スケジュール",
            Tab::Kpi => "数値目標",
            Tab::Charts => "グラフ",
            Tab::Detail => "項目詳細",
        }
    }
}

/// Saved with `eframe::set_value` under `eframe::APP_KEY`; the window size is eframe's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub tab: Tab,
    pub zoom: Zoom,
    pub filter: ItemFilter,
    /// Outer width of the navigation tree on the left.
    pub nav_width: f32,
    /// Outer width of the phase editor on the right.
    pub editor_width: f32,
    /// Widths the officer gave the 数値目標 table's columns.
    pub kpi_column_widths: KpiColumnWidths,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            tab: Tab::Schedule,
            zoom: Zoom::Month,
            filter: ItemFilter::default(),
            nav_width: 300.0,
            editor_width: 320.0,
            kpi_column_widths: KpiColumnWidths::default(),
        }
    }
}

/// What the officer has chosen in the schedule: a bar (its phase) or a whole schedule row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Phase(Id),
    Row(Id),
}

/// Intents that need new ids: the App asks the store for them (`Store::next_ids`) and turns
/// the intent into an `Edit`, so no view ever talks to the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    AddPhase { row_id: Id },
    AddRow { item_id: Id },
}
