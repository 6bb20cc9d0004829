//! The print window (ファイル → 印刷…) in the real App: its preview is the PDF's own page
//! drawings, page count and all, and it follows the paper and scope chosen. Snapshot rendered
//! by wgpu (mesa lavapipe); baselines: `UPDATE_SNAPSHOTS=1 cargo test --test print_preview`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use reform_tracker::model::Plan;
use reform_tracker::report::pdf::{self, Orientation, Paper, PrintOptions};
use reform_tracker::store::Store;
use reform_tracker::ui::App;

const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);
/// The status bar shows the record's temporary path: masked in snapshots.
const STATUS_BAR: f32 = 30.0;

fn record(dir: &Path) -> PathBuf {
    let path = dir.join("sap3.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    path
}

fn harness(path: &Path) -> Harness<'static, App> {
    let mut app = App::new(Store::open(path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2022, 10, 1));
    Harness::builder()
        .with_size(SIZE)
        .with_context_setup(App::setup_context)
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// The page count the PDF will have for these choices, from the report's own composer.
fn pdf_pages(plan: &Plan, paper: Paper, orientation: Orientation) -> usize {
    let mut options = PrintOptions::new(NaiveDate::from_ymd_opt(2022, 10, 1).unwrap(), "sap3.sqlite");
    options.paper = paper;
    options.orientation = orientation;
    pdf::compose(plan, &options).unwrap().len()
}

#[test]
fn print_window_previews_the_pdf_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = record(dir.path());
    let mut harness = harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label_contains("印刷…").click();
    harness.run();
    let plan = harness.state().plan().clone();
    let a3 = pdf_pages(&plan, Paper::A3, Orientation::Landscape);
    harness.get_by_label(&format!("1 / {a3} ページ"));
    harness.mask(egui::Rect::from_min_max(egui::pos2(0.0, SIZE.y - STATUS_BAR), egui::pos2(SIZE.x, SIZE.y)));
    harness.snapshot("print_dialog");

    // A4 portrait: the preview follows, page by page, as the PDF will be.
    harness.get_by_label("A4").click();
    harness.run();
    harness.get_by_label("縦").click();
    harness.run();
    let a4 = pdf_pages(&plan, Paper::A4, Orientation::Portrait);
    harness.get_by_label(&format!("1 / {a4} ページ"));
    harness.get_by_label("次のページ ▶").click();
    harness.run();
    harness.get_by_label(&format!("2 / {a4} ページ"));
    harness.get_by_label("拡大（幅に合わせる）").click();
    harness.run();
    harness.mask(egui::Rect::from_min_max(egui::pos2(0.0, SIZE.y - STATUS_BAR), egui::pos2(SIZE.x, SIZE.y)));
    harness.snapshot("print_dialog_a4_zoomed");
}

#[test]
fn an_unreadable_date_is_said_in_words_and_blocks_printing() {
    let dir = tempfile::tempdir().unwrap();
    let path = record(dir.path());
    let mut harness = harness(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    let date = harness.get_by_role_and_label(Role::TextInput, "基準日");
    date.focus();
    date.type_text("X");
    harness.run();
    assert!(harness.query_all_by_label_contains("基準日「2022-10-01X」を読めません").count() > 0);
    assert!(harness.get_by_label("PDFを作成して開く").accesskit_node().is_disabled());
}
