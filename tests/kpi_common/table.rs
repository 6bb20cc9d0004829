//! The 数値目標 table in a harness: the view alone, drawn as the window draws it, its commands
//! carried out on the record file.

use egui::{Event, Key};
use egui_kittest::Harness;
use reform_tracker::ui::Commands;
use reform_tracker::ui::kpi_table::{self, KpiColumnWidths, KpiTableState};

use super::{TestRecord, context_setup};

pub struct App {
    pub record: TestRecord,
    pub table: KpiTableState,
    pub widths: KpiColumnWidths,
}

pub fn harness(record: TestRecord) -> Harness<'static, App> {
    harness_in(record, [1500.0, 760.0], 0.0)
}

/// The table at the office laptop's 1366×768, right of the item tree's default 300 points.
pub fn laptop_harness(record: TestRecord) -> Harness<'static, App> {
    harness_in(record, [1366.0, 768.0], TREE_WIDTH)
}

pub const TREE_WIDTH: f32 = 300.0;

pub fn harness_in(record: TestRecord, size: [f32; 2], left: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        // Frames 1/60 s apart, as on screen: the IME's echoed Enter is told apart by time.
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(context_setup)
        .build_ui_state(
            move |ui, app: &mut App| {
                let mut commands = Commands::default();
                let rect = ui.max_rect().with_min_x(ui.max_rect().left() + left);
                ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                    kpi_table::show(ui, &app.record.view(), &mut app.table, &mut app.widths, &mut commands);
                });
                app.record.run(commands);
            },
            App { record, table: KpiTableState::default(), widths: KpiColumnWidths::default() },
        )
}

pub fn type_text(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(Event::Text(text.to_string()));
    harness.run();
}

pub fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press(key);
    harness.run();
}

pub fn history_len(app: &App) -> usize {
    reform_tracker::store::Store::open(&app.record.path).unwrap().history(1000).unwrap().len()
}

/// The mouse wheel turned sideways (shift+wheel) over the table's rows.
pub fn scroll_sideways(harness: &mut Harness<'_, App>, at: egui::Pos2, by: f32) {
    wheel(harness, at, egui::vec2(-by, 0.0));
}

/// The mouse wheel over `at`, moving the content by `delta` points.
pub fn wheel(harness: &mut Harness<'_, App>, at: egui::Pos2, delta: egui::Vec2) {
    harness.event(Event::PointerMoved(at));
    harness.run();
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Default::default(),
    });
    harness.run_steps(30);
}
