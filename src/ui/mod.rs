//! The window. Draws a plan snapshot and emits edits; never touches SQL.
//!
//! Views never change the record: they push `Edit`s into `App::pending` (or a `Request` when the
//! edit needs new ids), and after the frame is drawn the App applies each one to the store, then to
//! its snapshot, and pushes it on the undo stack. One mechanism for every kind of edit.

pub mod charts;
pub mod csv_dialog;
mod dialogs;
pub mod evaluation;
pub mod filter;
pub mod fonts;
mod item_detail;
pub mod kpi_column_widths;
pub mod kpi_input;
pub mod kpi_table;
mod menu;
mod navigation;
mod phase_editor;
pub mod print_dialog;
pub mod progress_colors;
mod record_file;
mod schedule;
pub mod startup;
mod state;
mod status_bar;
pub mod survey_dialog;
mod survey_window;

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};

use crate::edit::{Edit, UndoStack};
use crate::model::{Id, Plan};
use crate::store::{Store, StoreError};

pub use menu::MenuAction;
pub use record_file::pick_record_file;
pub use state::{Persisted, Request, Selection, Tab};

pub const WINDOW_TITLE: &str = "行財政改革アクションプラン 進捗管理";

/// How often the watcher thread looks for edits made by another window on the same file.
const OTHER_WRITERS_POLL: std::time::Duration = std::time::Duration::from_secs(2);

/// Every edit made in the window is logged with this source in the change history.
const EDIT_SOURCE: &str = "画面";

/// A line for the status bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

/// State that lives only while the window is open.
#[derive(Default)]
struct Runtime {
    selected_item: Option<Id>,
    selection: Option<Selection>,
    /// Set when the officer chooses an item in the tree; the schedule scrolls to it once.
    scroll_to_item: Option<Id>,
    focus_search: bool,
    message: Option<StatusMessage>,
    last_save: Option<String>,
    /// Fixed 基準日 (from the 表示 menu or a test); `None` = today.
    reference_date: Option<NaiveDate>,
    reference_date_text: String,
    about_open: bool,
    /// Bumped whenever the snapshot changes, so views can keep derived data (the layout) cached.
    plan_version: u64,
    sent_title: String,
    schedule: schedule::ScheduleState,
    phase_editor: phase_editor::PhaseEditorState,
    detail: item_detail::ItemDetailState,
    kpi_table: kpi_table::KpiTableState,
    navigation: navigation::NavigationState,
    /// The filter's result for the snapshot `plan_version` (the filter runs over every item).
    visible: Option<(u64, filter::ItemFilter, std::sync::Arc<[Id]>)>,
    charts: charts::ChartsState,
    evaluation: evaluation::EvaluationState,
    /// The fiscal year evaluated in 項目詳細; `None` = the plan's last year.
    evaluation_year: Option<crate::model::FiscalYear>,
    dialogs: dialogs::Dialogs,
    /// 進捗調査票の作成・取り込み・回答状況 (survey_window.rs).
    survey: survey_window::SurveyWindows,
    frames_drawn: u64,
    /// SQLite's data_version of the window's own connection when last checked.
    seen_version: Option<i64>,
    /// Wakes the window when the record file changes (started with the first frame).
    watcher: Option<crate::store::ChangeWatcher>,
    watcher_failed: bool,
    /// Look at data_version on this frame even without the watcher's word.
    check_now: bool,
    exit_after_frames: Option<u64>,
    /// `REFORM_TRACKER_LOG_FRAMES=1`: one line on stderr per drawn frame (to check that an idle
    /// window draws nothing).
    log_frames: bool,
    launched: Option<std::time::Instant>,
    /// Set by [`App::scroll_to_fraction`]: the open view jumps there on the next frame.
    scroll_request: Option<f32>,
}

pub struct App {
    store: Store,
    plan: Plan,
    undo: UndoStack,
    persisted: Persisted,
    runtime: Runtime,
    /// Edits the views emitted this frame, applied after drawing.
    pending: Vec<Edit>,
    requests: Vec<Request>,
}

impl App {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        App::with_persisted(store, Persisted::default())
    }

    /// The App with the UI state remembered from the last run.
    pub fn with_persisted(store: Store, persisted: Persisted) -> Result<Self, StoreError> {
        let plan = store.load()?;
        Ok(App {
            store,
            plan,
            undo: UndoStack::default(),
            persisted,
            runtime: Runtime::default(),
            pending: Vec::new(),
            requests: Vec::new(),
        })
    }

    /// The same App with the UI state remembered from the last run (tab, zoom, filter, panel widths).
    pub fn with_remembered(mut self, persisted: Persisted) -> Self {
        self.persisted = persisted;
        self
    }

    /// What the window needs installed once in its context (fonts). Tests call it in the
    /// harness's context setup.
    pub fn setup_context(ctx: &egui::Context) {
        fonts::install(ctx);
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    pub fn message(&self) -> Option<&StatusMessage> {
        self.runtime.message.as_ref()
    }

    pub fn selection(&self) -> Option<Selection> {
        self.runtime.selection
    }

    pub fn selected_item(&self) -> Option<Id> {
        self.runtime.selected_item
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    /// 「行財政改革アクションプラン 進捗管理 — <plan name>」
    pub fn window_title(&self) -> String {
        format!("{WINDOW_TITLE} — {}", self.plan.info.name)
    }

    /// Fixes the 基準日 line (prints and tests); `None` follows today's date.
    pub fn set_reference_date(&mut self, date: Option<NaiveDate>) {
        self.runtime.reference_date = date;
    }

    pub fn reference_date(&self) -> NaiveDate {
        self.runtime.reference_date.unwrap_or_else(|| Local::now().date_naive())
    }

    pub fn set_tab(&mut self, tab: Tab) {
        self.persisted.tab = tab;
    }

    /// Scrolls the open view on the next frame: 0 = top, 1 = end (benchmarks and tests, which
    /// have no mouse wheel).
    pub fn scroll_to_fraction(&mut self, fraction: f32) {
        self.runtime.scroll_request = Some(fraction.clamp(0.0, 1.0));
    }

    /// Selects a bar as if the officer had clicked it.
    pub fn select(&mut self, selection: Option<Selection>) {
        self.runtime.selection = selection;
        if let Some(item) = selection.and_then(|s| self.item_of_selection(s)) {
            self.runtime.selected_item = Some(item);
        }
    }

    /// Ids of the items the tree's filters let through, in plan order.
    pub fn visible_items(&self) -> Vec<Id> {
        self.persisted.filter.visible_items(&self.plan)
    }

    /// `visible_items`, computed again only when the snapshot or the filter changes.
    fn visible_cached(&mut self) -> std::sync::Arc<[Id]> {
        let version = self.runtime.plan_version;
        match &self.runtime.visible {
            Some((v, filter, ids)) if *v == version && *filter == self.persisted.filter => ids.clone(),
            _ => {
                let ids: std::sync::Arc<[Id]> = self.visible_items().into();
                self.runtime.visible = Some((version, self.persisted.filter.clone(), ids.clone()));
                ids
            }
        }
    }

    fn item_of_selection(&self, s: Selection) -> Option<Id> {
        match s {
            Selection::Phase(id) => self.plan.phase(id).map(|(i, _, _)| i.id),
            Selection::Row(id) => self.plan.row(id).map(|(i, _)| i.id),
        }
    }

    /// Draws the whole window into `ui`, then applies what the views asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.follow_other_writers(ui.ctx());
        let mut actions = menu::shortcuts(ui.ctx());
        let visible = self.visible_cached();

        egui::Panel::top("menu_bar").show(ui, |ui| {
            actions.extend(menu::menu_bar(ui, &self.persisted, &self.undo, &mut self.runtime.reference_date_text));
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::show(ui, self, visible.len());
        });
        let nav = egui::Panel::left("navigation").default_size(self.persisted.nav_width).show(ui, |ui| {
            let focus = std::mem::take(&mut self.runtime.focus_search);
            navigation::show(
                ui,
                &self.plan,
                self.runtime.plan_version,
                &mut self.persisted.filter,
                &visible,
                self.runtime.selected_item,
                focus,
                &mut self.runtime.navigation,
            )
        });
        self.persisted.nav_width = nav.response.rect.width();
        if let Some(item_id) = nav.inner {
            self.runtime.selected_item = Some(item_id);
            self.runtime.scroll_to_item = Some(item_id);
            self.runtime.selection = None;
        }

        if self.persisted.tab == Tab::Schedule
            && let Some(selection) = self.runtime.selection
        {
            let panel = egui::Panel::right("phase_editor").default_size(self.persisted.editor_width).show(ui, |ui| {
                phase_editor::show(
                    ui,
                    &self.plan,
                    selection,
                    &mut self.runtime.phase_editor,
                    &mut self.pending,
                    &mut self.requests,
                )
            });
            self.persisted.editor_width = panel.response.rect.width();
            if let Some(next) = panel.inner {
                self.runtime.selection = next;
            }
        } else {
            self.runtime.phase_editor.flush(&mut self.pending);
        }

        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    ui.selectable_value(&mut self.persisted.tab, tab, tab.label());
                }
            });
            ui.separator();
            self.central(ui, &visible);
        });

        if self.persisted.tab != Tab::Detail {
            self.runtime.detail.flush(&mut self.pending);
        }
        self.about_window(ui.ctx());
        for request in self.runtime.dialogs.show(ui.ctx(), &self.plan) {
            self.handle_dialog(request);
        }
        self.survey_windows(ui.ctx());
        for action in actions {
            self.handle(action, ui.ctx());
        }
        self.apply_pending();
        self.keep_selection_valid();
        self.update_title(ui.ctx());
    }

    fn central(&mut self, ui: &mut egui::Ui, visible: &[Id]) {
        let scroll_fraction = self.runtime.scroll_request.take();
        match self.persisted.tab {
            Tab::Schedule => {
                let today = self.reference_date();
                let out = schedule::show(
                    ui,
                    &self.plan,
                    self.runtime.plan_version,
                    visible,
                    self.persisted.zoom,
                    today,
                    &mut schedule::ViewState {
                        state: &mut self.runtime.schedule,
                        selection: self.runtime.selection,
                        scroll_to_item: self.runtime.scroll_to_item.take(),
                        scroll_fraction,
                    },
                    &mut self.pending,
                );
                if let Some(selection) = out.clicked {
                    self.select(Some(selection));
                }
            }
            Tab::Kpi => {
                self.runtime.kpi_table.scroll_fraction = scroll_fraction;
                kpi_table::show(
                    ui,
                    &self.plan,
                    self.runtime.plan_version,
                    visible,
                    &mut self.runtime.kpi_table,
                    &mut self.persisted.kpi_column_widths,
                    &mut self.pending,
                )
            }
            Tab::Charts => {
                self.runtime.charts.scroll_fraction = scroll_fraction;
                charts::show(ui, &self.plan, self.runtime.plan_version, visible, &mut self.runtime.charts)
            }
            Tab::Detail => match self.runtime.selected_item.filter(|id| self.plan.item(*id).is_some()) {
                Some(item_id) => {
                    egui::ScrollArea::vertical().id_salt("detail_scroll").show(ui, |ui| {
                        if let Some(item) = self.plan.item(item_id) {
                            item_detail::show(ui, &self.plan, item, &mut self.runtime.detail, &mut self.pending);
                        }
                        ui.separator();
                        self.evaluation_section(ui, item_id);
                    });
                }
                None => {
                    ui.label("左の一覧から改革項目を選んでください。");
                }
            },
        }
    }

    fn handle(&mut self, action: MenuAction, ctx: &egui::Context) {
        match action {
            MenuAction::Open => {
                if let Some(path) = pick_record_file()
                    && let Err(message) = self.open_record(&path)
                {
                    self.error(message);
                }
            }
            MenuAction::Undo => self.undo(),
            MenuAction::Redo => self.redo(),
            MenuAction::FocusSearch => self.runtime.focus_search = true,
            MenuAction::Zoom(zoom) => self.persisted.zoom = zoom,
            MenuAction::ReferenceDate(date) => self.runtime.reference_date = date,
            MenuAction::About => self.runtime.about_open = true,
            MenuAction::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            MenuAction::Print => {
                let name = dialogs::record_name(self.store.path());
                let today = self.reference_date();
                self.runtime.dialogs.open_print(&name, today);
            }
            MenuAction::ExportCsv => self.runtime.dialogs.open_csv(),
            MenuAction::Export => {
                let name = dialogs::record_name(self.store.path());
                if let Some(target) = dialogs::pick_export_target(&name) {
                    self.export_record(&target);
                }
            }
            MenuAction::Import => {
                if let Some(source) = dialogs::pick_import_source() {
                    self.start_import(&source);
                }
            }
            MenuAction::History => self.open_history(),
            MenuAction::SurveyExport | MenuAction::SurveyImport | MenuAction::SurveyStatus => self.survey_menu(action),
        }
    }

    /// Another PC editing the same shared file moves SQLite's `data_version`; when it does, the
    /// snapshot is read again so both windows show the same record. A watcher thread polls the
    /// file (store layer) and wakes the window only when something was committed; this frame then
    /// asks its own connection, which tells another writer's commit from the window's own.
    fn follow_other_writers(&mut self, ctx: &egui::Context) {
        if self.runtime.watcher.is_none() && !self.runtime.watcher_failed {
            let waker = ctx.clone();
            match crate::store::ChangeWatcher::start(self.store.path(), OTHER_WRITERS_POLL, move || {
                waker.request_repaint()
            }) {
                Ok(watcher) => self.runtime.watcher = Some(watcher),
                // Without the watcher the window still works; it only stops following other windows.
                Err(e) => {
                    self.runtime.watcher_failed = true;
                    eprintln!("ほかの画面の変更を見張れません: {e}");
                }
            }
        }
        let notified = self.runtime.watcher.as_ref().is_some_and(|w| w.take_change());
        let forced = std::mem::take(&mut self.runtime.check_now);
        if !notified && !forced && self.runtime.seen_version.is_some() {
            return;
        }
        let Ok(version) = self.store.data_version() else { return };
        let seen = self.runtime.seen_version.replace(version);
        if seen.is_some_and(|v| v != version) {
            self.reload();
            self.info("ほかの画面（共有フォルダーの別の PC など）での変更を読み込みました。".into());
        }
    }

    /// Checks now for changes made by another window (tests call it instead of waiting).
    pub fn check_other_writers(&mut self, ctx: &egui::Context) {
        self.runtime.check_now = true;
        self.follow_other_writers(ctx);
    }

    /// 項目詳細's yearly evaluation: a year picker and the evaluation form.
    fn evaluation_section(&mut self, ui: &mut egui::Ui, item_id: Id) {
        let years = self.plan.info.years();
        let mut year = self.runtime.evaluation_year.unwrap_or(self.plan.info.last_year);
        ui.horizontal(|ui| {
            ui.heading("年度評価");
            for y in &years {
                ui.selectable_value(&mut year, *y, y.japanese()).on_hover_text(format!("{}年度", y.0));
            }
        });
        self.runtime.evaluation_year = Some(year);
        evaluation::show(ui, &self.plan, item_id, year, &mut self.runtime.evaluation, &mut self.pending);
    }

    /// ファイル → エクスポート…: a consistent copy of the open record, written atomically.
    pub fn export_record(&mut self, target: &Path) {
        match self.store.export_to(target) {
            Ok(()) => self.info(format!("記録を「{}」にエクスポートしました。", target.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// ファイル → インポート…: checks the file and shows what would change; nothing is replaced
    /// until the officer confirms in the preview.
    pub fn start_import(&mut self, source: &Path) {
        if self.store.is_same_file(source) {
            self.error("開いている記録そのものは取り込めません。別のファイルを選んでください。".into());
            return;
        }
        match crate::store::import::inspect(source) {
            Ok(candidate) => {
                let summary = crate::model::diff::diff(&self.plan, candidate.plan());
                let from_other_record = self.store.record_id().map(|id| id != candidate.record_id()).unwrap_or(true);
                self.runtime.dialogs.import = Some(dialogs::ImportPreview { candidate, summary, from_other_record });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Whether an import preview is waiting for the officer's answer.
    pub fn import_pending(&self) -> bool {
        self.runtime.dialogs.import.is_some()
    }

    /// Replaces the record with the previewed file (after a backup of the current one).
    pub fn confirm_import(&mut self) {
        let Some(preview) = self.runtime.dialogs.import.take() else { return };
        match self.store.replace_with(&preview.candidate) {
            Ok(backup) => {
                self.undo.clear();
                self.runtime.selection = None;
                self.reload();
                self.info(format!(
                    "「{}」を取り込みました。元の記録は「{}」に保存しました。",
                    preview.candidate.source().display(),
                    backup.display()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn open_history(&mut self) {
        match self.store.history(dialogs::HISTORY_LIMIT) {
            Ok(rows) => self.runtime.dialogs.open_history(rows),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Undoes one change chosen in 変更履歴, where it still applies.
    pub fn undo_change(&mut self, change_id: Id) {
        match self.store.undo_change(change_id) {
            Ok(_) => {
                self.reload();
                self.info("選んだ変更を取り消しました。".into());
            }
            Err(e) => self.error(e.to_string()),
        }
        if self.runtime.dialogs.history.is_some() {
            self.open_history();
        }
    }

    fn handle_dialog(&mut self, request: dialogs::DialogRequest) {
        match request {
            dialogs::DialogRequest::ReplaceWithCandidate => self.confirm_import(),
            dialogs::DialogRequest::UndoChange(id) => self.undo_change(id),
            dialogs::DialogRequest::RefreshHistory => self.open_history(),
        }
    }

    /// Switches the window to another record file (ファイル → 開く…). On failure the current
    /// record stays open and the returned message says why.
    pub fn open_record(&mut self, path: &Path) -> Result<(), String> {
        let store = Store::open(path).map_err(|e| e.to_string())?;
        let plan = store.load().map_err(|e| e.to_string())?;
        self.store = store;
        self.plan = plan;
        self.undo.clear();
        self.runtime.selection = None;
        self.runtime.selected_item = None;
        self.runtime.last_save = None;
        self.runtime.plan_version += 1;
        // The watcher follows the new file from the next frame.
        self.runtime.watcher = None;
        self.runtime.watcher_failed = false;
        self.runtime.seen_version = None;
        self.runtime.phase_editor = Default::default();
        self.runtime.detail = Default::default();
        self.info(format!("記録ファイル「{}」を開きました。", path.display()));
        Ok(())
    }

    /// Applies the edits and requests the views emitted this frame, in order.
    fn apply_pending(&mut self) {
        for request in std::mem::take(&mut self.requests) {
            match self.edit_for(&request) {
                Ok(edit) => {
                    if let Some(selection) = selection_after(&edit) {
                        self.runtime.selection = Some(selection);
                    }
                    self.pending.push(edit);
                }
                Err(e) => self.error(e.to_string()),
            }
        }
        for edit in std::mem::take(&mut self.pending) {
            if edit.is_noop() {
                continue;
            }
            if self.apply(&edit) {
                self.undo.push(edit);
            }
        }
    }

    /// Writes one edit to the record, then mirrors it in the snapshot. False when refused.
    fn apply(&mut self, edit: &Edit) -> bool {
        match self.store.apply(edit, EDIT_SOURCE) {
            Ok(()) => {
                if !edit.apply_to(&mut self.plan) {
                    self.reload();
                }
                self.runtime.plan_version += 1;
                self.runtime.last_save = Some(Local::now().format("%H:%M:%S").to_string());
                true
            }
            Err(e) => {
                self.error(e.to_string());
                self.reload();
                false
            }
        }
    }

    pub fn undo(&mut self) {
        let Some(edits) = self.undo.undo_step() else { return };
        if self.apply_step(&edits) {
            self.undo.undone();
            self.info("元に戻しました。".to_string());
        }
    }

    pub fn redo(&mut self) {
        let Some(edits) = self.undo.redo_step() else { return };
        if self.apply_step(&edits) {
            self.undo.redone();
            self.info("やり直しました。".to_string());
        }
    }

    /// One undo or redo step: a single edit, or a group (an imported survey) written in one
    /// transaction, so it is taken back wholly or not at all.
    fn apply_step(&mut self, edits: &[Edit]) -> bool {
        if let [edit] = edits {
            return self.apply(edit);
        }
        let result = self.store.apply_all(edits, EDIT_SOURCE);
        self.reload();
        match result {
            Ok(()) => {
                self.runtime.last_save = Some(Local::now().format("%H:%M:%S").to_string());
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    fn reload(&mut self) {
        match self.store.load() {
            Ok(plan) => self.plan = plan,
            Err(e) => self.error(e.to_string()),
        }
        self.runtime.plan_version += 1;
    }

    /// Builds the edit behind a request, with fresh ids from the record.
    fn edit_for(&self, request: &Request) -> Result<Edit, StoreError> {
        let (row_id, phase_id) = self.store.next_ids()?;
        let info = &self.plan.info;
        match request {
            Request::AddPhase { row_id } => {
                let row = self.plan.row(*row_id).map(|(_, r)| r);
                let data = schedule::new_phase(info, row);
                Ok(Edit::InsertPhase { row_id: *row_id, phase_id, data })
            }
            Request::AddRow { item_id } => {
                let position = self.plan.item(*item_id).map_or(0, |i| i.schedule.len());
                Ok(Edit::InsertRow(crate::edit::RowData {
                    row_id,
                    item_id: *item_id,
                    position,
                    label: "新しい取組".to_string(),
                    phases: vec![(phase_id, schedule::new_phase(info, None))],
                }))
            }
        }
    }

    /// A selection whose phase or row was removed (by an edit, undo or reload) is dropped.
    fn keep_selection_valid(&mut self) {
        let valid = match self.runtime.selection {
            Some(Selection::Phase(id)) => self.plan.phase(id).is_some(),
            Some(Selection::Row(id)) => self.plan.row(id).is_some(),
            None => true,
        };
        if !valid {
            self.runtime.selection = None;
        }
        if self.runtime.selected_item.is_some_and(|id| self.plan.item(id).is_none()) {
            self.runtime.selected_item = None;
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.runtime.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.runtime.sent_title = title;
        }
    }

    fn about_window(&mut self, ctx: &egui::Context) {
        let mut open = self.runtime.about_open;
        egui::Window::new("このアプリについて").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label(WINDOW_TITLE);
            ui.label(format!("reform-tracker {}", env!("CARGO_PKG_VERSION")));
            ui.label("記録は 1 つの SQLite ファイルに保存されます。変更はその場で保存されます。");
            ui.label("フォント: BIZ UDゴシック（SIL Open Font License 1.1）");
        });
        self.runtime.about_open = open;
    }

    fn info(&mut self, text: String) {
        self.runtime.message = Some(StatusMessage { text, is_error: false });
    }

    fn error(&mut self, text: String) {
        self.runtime.message = Some(StatusMessage { text, is_error: true });
    }
}

/// Inserting a phase or a row selects what was inserted, so the officer can edit it at once.
fn selection_after(edit: &Edit) -> Option<Selection> {
    match edit {
        Edit::InsertPhase { phase_id, .. } => Some(Selection::Phase(*phase_id)),
        Edit::InsertRow(row) => Some(Selection::Row(row.row_id)),
        _ => None,
    }
}

/// `REFORM_TRACKER_EXIT_AFTER_FRAMES=N` closes the window after N drawn frames, so the time from
/// launch to a drawn schedule can be measured from outside (BENCHMARKS.md).
fn exit_after_frames() -> Option<u64> {
    std::env::var("REFORM_TRACKER_EXIT_AFTER_FRAMES").ok()?.trim().parse().ok()
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        App::ui(self, ui);
        self.runtime.frames_drawn += 1;
        if self.runtime.log_frames {
            let since_launch = self.runtime.launched.map_or(0, |t| t.elapsed().as_millis());
            let ui_us = started.elapsed().as_micros();
            eprintln!("frame {} drawn {since_launch} ms after launch (ui {ui_us} µs)", self.runtime.frames_drawn);
        }
        if let Some(limit) = self.runtime.exit_after_frames
            && self.runtime.frames_drawn >= limit
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.runtime.exit_after_frames.is_some() {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }
}

/// Opens the window on the record at `db` (created from SAP III on first start), with the renderer
/// fallback of [`startup::run_window`]. A record already open in another window is refused.
pub fn run(db: PathBuf, renderer: Option<startup::Renderer>) -> Result<(), String> {
    let launched = std::time::Instant::now();
    // A second window on the same record (this PC or another on the shared folder) is told so and
    // may go on: SQLite serialises the writes, each edit checks the value it replaces, and each
    // window follows the other's edits (data_version), so nothing is overwritten unseen.
    let (_lock, shared_notice) = match crate::store::RecordLock::acquire(&db) {
        Ok(lock) => (Some(lock), None),
        Err(crate::store::LockError::AlreadyOpen(path)) => {
            let notice = format!(
                "注意: 記録ファイル {} は、すでに別の画面（このPCか、共有フォルダーの別のPC）でも開かれています。\
                 両方の画面で編集でき、互いの変更は数秒で反映されます。同じ箇所を同時に変えたときは、後からの変更を止めてお知らせします。",
                path.display()
            );
            eprintln!("{notice}");
            (None, Some(notice))
        }
        Err(e) => return Err(e.to_string()),
    };
    let store = Store::open_or_create_sap3(&db).map_err(|e| e.to_string())?;
    let app = App::new(store).map_err(|e| e.to_string())?;
    let title = format!("{WINDOW_TITLE} — {}", app.plan.info.name);
    let viewport = egui::ViewportBuilder::default().with_title(&title).with_inner_size([1400.0, 900.0]);
    // A renderer that fails after taking the app gets a fresh one from the record on the next try.
    let mut ready = Some(app);
    startup::run_window(&title, renderer, viewport, |cc| {
        let fonts_started = std::time::Instant::now();
        App::setup_context(&cc.egui_ctx);
        let fonts_us = fonts_started.elapsed().as_micros();
        let app = match ready.take() {
            Some(app) => app,
            None => App::new(Store::open(&db).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?,
        };
        let persisted = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
        let mut app = app.with_remembered(persisted);
        app.runtime.exit_after_frames = exit_after_frames();
        app.runtime.log_frames = std::env::var_os("REFORM_TRACKER_LOG_FRAMES").is_some_and(|v| v == "1");
        app.runtime.launched = Some(launched);
        if app.runtime.log_frames {
            let renderer = if cc.wgpu_render_state.is_some() { "wgpu" } else { "glow" };
            eprintln!(
                "window created {} ms after launch with {renderer} (fonts {fonts_us} µs)",
                launched.elapsed().as_millis()
            );
        }
        if let Some(notice) = &shared_notice {
            app.info(notice.clone());
        }
        Ok(Box::new(app))
    })
}
