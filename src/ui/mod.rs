//! The window. Draws a plan snapshot and emits edits; never touches SQL.

pub mod charts;
pub mod csv_dialog;
pub mod evaluation;
pub mod filter;
pub mod fonts;
pub mod kpi_input;
pub mod kpi_table;
pub mod print_dialog;
pub mod progress_colors;
pub mod survey_dialog;
pub mod startup;

use std::path::PathBuf;

use crate::model::Plan;
use crate::store::Store;

pub const WINDOW_TITLE: &str = "行財政改革アクションプラン 進捗管理";

pub struct App {
    store: Store,
    plan: Plan,
}

impl App {
    pub fn new(store: Store) -> Result<Self, crate::store::StoreError> {
        let plan = store.load()?;
        Ok(App { store, plan })
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&self.plan.info.name);
            ui.label(self.store.path().display().to_string());
            egui::ScrollArea::vertical().show(ui, |ui| {
                for item in &self.plan.items {
                    ui.label(format!("{} {}（{}）", item.number, item.title, item.department));
                }
            });
        });
    }
}

/// Opens the window on the record at `db` (created from SAP III on first start), with the renderer
/// fallback of [`startup::run_window`]. A record already open in another window is refused.
pub fn run(db: PathBuf, renderer: Option<startup::Renderer>) -> Result<(), String> {
    let _lock = crate::store::RecordLock::acquire(&db).map_err(|e| e.to_string())?;
    let store = Store::open_or_create_sap3(&db).map_err(|e| e.to_string())?;
    let app = App::new(store).map_err(|e| e.to_string())?;
    let title = format!("{WINDOW_TITLE} — {}", app.plan.info.name);
    let viewport = egui::ViewportBuilder::default().with_title(&title).with_inner_size([1400.0, 900.0]);
    // A renderer that fails after taking the app gets a fresh one from the record on the next try.
    let mut ready = Some(app);
    startup::run_window(&title, renderer, viewport, |cc| {
        fonts::install(&cc.egui_ctx);
        let app = match ready.take() {
            Some(app) => app,
            None => App::new(Store::open(&db).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?,
        };
        Ok(Box::new(app))
    })
}
