//! The print window (ファイル → 印刷…) in the real App: its preview is the PDF's own page
//! drawings, page count and all, and it follows the paper and scope chosen. Snapshot rendered
//! by wgpu (mesa lavapipe); baselines: `UPDATE_SNAPSHOTS=1 cargo test --test print_preview`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use reform_tracker::model::Plan;
use reform_tracker::report::pdf::{self, Orientation, Paper, PrintOptions};
use reform_tracker::store::Store;

mod ui_support;
use ui_support::{harness, mask_status_bar, rendering_harness};

fn record(dir: &Path) -> PathBuf {
    let path = dir.join("sap3.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    path
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
    let mut harness = rendering_harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label_contains("印刷…").click();
    harness.run();
    let plan = harness.state().plan().clone();
    let a3 = pdf_pages(&plan, Paper::A3, Orientation::Landscape);
    harness.get_by_label(&format!("1 / {a3} ページ"));
    mask_status_bar(&mut harness);
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
    mask_status_bar(&mut harness);
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
