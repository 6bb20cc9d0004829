//! The app shell: the App (a Session plus the window's own state), the command queue, and how
//! each command is carried out. One frame: `frame.rs` draws every panel and window, which send
//! commands; `apply.rs` then carries them out in order, every change through the Session.

mod apply;
pub mod commands;
mod frame;
mod records;
mod run;
mod runtime;
pub mod startup;
pub mod state;
mod survey;
mod watch;

use chrono::{Local, NaiveDate};

use self::commands::Commands;
use self::runtime::Runtime;
use self::state::{Persisted, Selection, Tab};
use crate::model::{Id, Plan};
use crate::session::{Session, WINDOW_SOURCE};
use crate::store::{Store, StoreError};

pub use run::run;

pub const WINDOW_TITLE: &str = "行財政改革アクションプラン 進捗管理";

/// A line for the status bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
    /// When it was said: the status bar lets it fade after a while.
    pub at: std::time::Instant,
}

impl StatusMessage {
    /// How long the status bar shows it: errors longer than news.
    pub fn lasts(&self) -> std::time::Duration {
        std::time::Duration::from_secs(if self.is_error { 30 } else { 10 })
    }
}

pub struct App {
    session: Session,
    persisted: Persisted,
    runtime: Runtime,
    /// What the menus, views and windows asked for this frame; carried out after drawing.
    commands: Commands,
}

impl App {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        App::with_persisted(store, Persisted::default())
    }

    /// The App with the UI state remembered from the last run.
    pub fn with_persisted(store: Store, persisted: Persisted) -> Result<Self, StoreError> {
        let session = Session::new(store, WINDOW_SOURCE)?;
        Ok(App { session, persisted, runtime: Runtime::default(), commands: Commands::default() })
    }

    /// The same App with the UI state remembered from the last run (tab, zoom, filter, panel widths).
    pub fn with_remembered(mut self, persisted: Persisted) -> Self {
        self.persisted = persisted;
        self
    }

    /// What the window needs installed once in its context (fonts). Tests call it in the
    /// harness's context setup.
    pub fn setup_context(ctx: &egui::Context) {
        super::fonts::install(ctx);
    }

    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn store(&self) -> &Store {
        self.session.store()
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
        self.session.can_undo()
    }

    /// 「<record file> — <plan name> — 行財政改革アクションプラン 進捗管理」: which file is open comes first.
    pub fn window_title(&self) -> String {
        title_for(self.session.path(), self.plan())
    }

    /// Fixes the 基準日 line (prints and tests); `None` follows today's date.
    pub fn set_reference_date(&mut self, date: Option<NaiveDate>) {
        self.runtime.reference_date = date;
    }

    /// The 基準日: the one fixed in 表示 → 基準日…, else today — or the plan's last day once its
    /// period has ended.
    pub fn reference_date(&self) -> NaiveDate {
        self.runtime.reference_date.unwrap_or_else(|| self.plan().info.default_as_of(Local::now().date_naive()))
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
        self.persisted.filter.visible_items(self.plan(), self.reference_date())
    }

    fn item_of_selection(&self, s: Selection) -> Option<Id> {
        match s {
            Selection::Phase(id) => self.plan().phase(id).map(|(i, _, _)| i.id),
            Selection::Row(id) => self.plan().row(id).map(|(i, _)| i.id),
        }
    }

    fn info(&mut self, text: String) {
        self.runtime.message = Some(StatusMessage { text, is_error: false, at: std::time::Instant::now() });
    }

    fn error(&mut self, text: String) {
        self.runtime.message = Some(StatusMessage { text, is_error: true, at: std::time::Instant::now() });
    }

    /// A notice that must be read whole (the record is open in another window too): shown in a
    /// band under the menu until the officer closes it.
    pub fn notice(&mut self, text: String) {
        self.runtime.notice = Some(text);
    }

    pub fn current_notice(&self) -> Option<&str> {
        self.runtime.notice.as_deref()
    }
}

/// The window's title: the record's file name, its plan, the app.
fn title_for(path: &std::path::Path, plan: &Plan) -> String {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{file} — {} — {WINDOW_TITLE}", plan.info.name)
}
