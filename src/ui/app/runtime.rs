//! What the window holds only while it is open (never saved, never the record).

use chrono::NaiveDate;

use super::StatusMessage;
use super::state::Selection;
use crate::model::{FiscalYear, Id};
use crate::ui::filter::ItemFilter;
use crate::ui::windows::Windows;
use crate::ui::{charts, evaluation, item_detail, kpi_table, navigation, phase_editor, schedule};

/// The items the filter let through, with what they were worked out for: the snapshot's
/// version and the 基準日 (lateness depends on it), and the filter.
pub(super) type VisibleItems = ((u64, NaiveDate), ItemFilter, std::sync::Arc<[Id]>);

#[derive(Default)]
pub(super) struct Runtime {
    pub selected_item: Option<Id>,
    pub selection: Option<Selection>,
    /// Set when the officer chooses an item in the tree; the schedule scrolls to it once.
    pub scroll_to_item: Option<Id>,
    pub focus_search: bool,
    pub message: Option<StatusMessage>,
    /// A notice shown whole under the menu until closed.
    pub notice: Option<String>,
    /// Fixed 基準日 (from the 表示 menu or a test); `None` = today.
    pub reference_date: Option<NaiveDate>,
    pub sent_title: String,
    pub schedule: schedule::ScheduleState,
    pub phase_editor: phase_editor::PhaseEditorState,
    pub detail: item_detail::ItemDetailState,
    pub goals: crate::ui::item_goals::ItemGoalsState,
    pub kpi_table: kpi_table::KpiTableState,
    pub navigation: navigation::NavigationState,
    /// The filter's last result (the filter runs over every item).
    pub visible: Option<VisibleItems>,
    pub charts: charts::ChartsState,
    pub evaluation: evaluation::EvaluationState,
    /// The fiscal year chosen in 項目詳細; `None` = the fiscal year of the 基準日.
    pub evaluation_year: Option<FiscalYear>,
    /// The windows the menus open: print, CSV, import, history, survey, about.
    pub windows: Windows,
    pub frames_drawn: u64,
    /// Wakes the window when the record file changes (started with the first frame).
    pub watcher: Option<crate::store::ChangeWatcher>,
    pub watcher_failed: bool,
    /// Look for other writers on this frame even without the watcher's word.
    pub check_now: bool,
    pub exit_after_frames: Option<u64>,
    /// `REFORM_TRACKER_LOG_FRAMES=1`: one line on stderr per drawn frame (to check that an idle
    /// window draws nothing).
    pub log_frames: bool,
    pub launched: Option<std::time::Instant>,
    /// Set by `App::scroll_to_fraction`: the open view jumps there on the next frame.
    pub scroll_request: Option<f32>,
}
