//! Running the real window: the record lock, the renderer fallback (`startup.rs`), the state
//! remembered between runs, and the switches used to measure start-up.

use std::path::PathBuf;

use super::App;
use crate::store::Store;

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
pub fn run(db: PathBuf, renderer: Option<super::startup::Renderer>) -> Result<(), String> {
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
    let title = app.window_title();
    // Maximised on a first start, so that a 1366×768 office laptop shows the whole window; later
    // starts take the size and place the officer left it at (eframe remembers them).
    let viewport = egui::ViewportBuilder::default()
        .with_title(&title)
        .with_inner_size([1280.0, 720.0])
        .with_min_inner_size([900.0, 560.0])
        .with_maximized(true);
    // A renderer that fails after taking the app gets a fresh one from the record on the next try.
    let mut ready = Some(app);
    super::startup::run_window(&title, renderer, viewport, |cc| {
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
            app.notice(notice.clone());
        }
        Ok(Box::new(app))
    })
}
