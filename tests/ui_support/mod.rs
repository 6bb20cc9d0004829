//! The window under test: the real App on a record file, in an egui_kittest harness, with the
//! 基準日 fixed so that what is drawn does not depend on today's date.

use std::path::Path;

use chrono::NaiveDate;
use egui_kittest::Harness;
use reform_tracker::store::Store;
use reform_tracker::ui::App;

pub fn harness(path: &Path) -> Harness<'static, App> {
    let mut app = App::new(Store::open(path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2022, 10, 1));
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(App::setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}
