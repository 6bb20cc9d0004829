//! The window under test: the real App on a record file, in an egui_kittest harness, with the
//! 基準日 fixed so that what is drawn does not depend on today's date.
#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use egui_kittest::Harness;
use reform_tracker::store::Store;
use reform_tracker::ui::App;

pub const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);
/// The status bar shows the record's temporary path and the time of saving: masked in snapshots.
const STATUS_BAR: f32 = 30.0;

pub fn harness(path: &Path) -> Harness<'static, App> {
    harness_for(app(path))
}

/// The window on an App made by the test (e.g. with the state remembered from a previous run).
pub fn harness_for(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(SIZE)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// The App's own setup, plus a watch on what the window asks of its viewport.
fn setup_context(ctx: &egui::Context) {
    App::setup_context(ctx);
    ctx.add_plugin(SentTitles::default());
}

/// Every title the window sent with `ViewportCommand::Title`, in order: what the operating
/// system's title bar would show.
#[derive(Default)]
pub struct SentTitles(pub Vec<String>);

impl egui::Plugin for SentTitles {
    fn debug_name(&self) -> &'static str {
        "ui_support::SentTitles"
    }

    fn output_hook(&mut self, _ctx: &egui::Context, output: &mut egui::FullOutput) {
        for viewport in output.viewport_output.values() {
            for command in &viewport.commands {
                if let egui::ViewportCommand::Title(title) = command {
                    self.0.push(title.clone());
                }
            }
        }
    }
}

/// The titles the window has sent so far.
pub fn sent_titles(harness: &Harness<'_, App>) -> Vec<String> {
    harness.ctx.with_plugin(|titles: &mut SentTitles| titles.0.clone()).expect("the harness watches titles")
}

/// The same window, rendered (lavapipe in CI) so that it can be compared with a snapshot.
pub fn rendering_harness(path: &Path) -> Harness<'static, App> {
    Harness::builder()
        .with_size(SIZE)
        .with_context_setup(setup_context)
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app(path))
}

pub fn mask_status_bar(harness: &mut Harness<'_, App>) {
    harness.mask(egui::Rect::from_min_max(egui::pos2(0.0, SIZE.y - STATUS_BAR), egui::pos2(SIZE.x, SIZE.y)));
}

pub fn app(path: &Path) -> App {
    let mut app = App::new(Store::open(path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2022, 10, 1));
    app
}
