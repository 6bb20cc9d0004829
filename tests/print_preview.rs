//! The print window (ファイル → 印刷…) in the real App: its preview shows as many pages as the
//! PDF written for the same choices has (counted by pdfinfo), and it follows the paper chosen.
//! Snapshot rendered by wgpu (mesa lavapipe); baselines:
//! `UPDATE_SNAPSHOTS=1 cargo test --test print_preview`.

use std::path::Path;
use std::process::Command;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;
mod ui_support;
use common::TempRecord;
use ui_support::{harness, mask_status_bar, rendering_harness};

/// The program under test (REFORM_TRACKER_EXE as in report_pdf.rs, for a shared target directory).
fn exe() -> String {
    std::env::var("REFORM_TRACKER_EXE").unwrap_or_else(|_| env!("CARGO_BIN_EXE_reform-tracker").to_string())
}

/// The pages of the PDF the program writes for this record with the window's 基準日 and `paper`
/// options, as poppler's pdfinfo counts them in the file on disk.
fn printed_pages(record: &TempRecord, paper: &[&str]) -> usize {
    let pdf = record.beside(&format!("printed{}.pdf", paper.join("")));
    let mut args = vec!["print", "--db", record.path.to_str().unwrap(), "--out", pdf.to_str().unwrap()];
    args.extend_from_slice(&["--as-of", "2022-10-01"]);
    args.extend_from_slice(paper);
    let out = Command::new(exe()).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    pdfinfo_pages(&pdf)
}

fn pdfinfo_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap_or_else(|e| panic!("pdfinfo (poppler-utils): {e}"));
    assert!(out.status.success(), "pdfinfo: {}", String::from_utf8_lossy(&out.stderr));
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

#[test]
fn print_window_previews_the_pdf_pages() {
    // The footer prints the record's file name, so the snapshot needs the same one every run.
    let record = TempRecord::sap3_named("sap3.sqlite");
    let a3 = printed_pages(&record, &[]);
    let a4 = printed_pages(&record, &["--paper", "a4", "--portrait"]);
    let a4_landscape = printed_pages(&record, &["--paper", "a4"]);
    // (SAP III printed on 2022-12: 3 pages A3 landscape, 3 A4 portrait, more on A4 landscape.)
    assert!(a4_landscape > a3, "A4 landscape is shorter than A3, so the count must change: {a4_landscape} vs {a3}");
    let mut harness = rendering_harness(&record.path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label_contains("印刷…").click();
    harness.run();
    harness.get_by_label(&format!("1 / {a3} ページ"));
    mask_status_bar(&mut harness);
    harness.snapshot("print_dialog");

    // A4 portrait: the preview follows, page by page, as the PDF will be.
    harness.get_by_label("A4").click();
    harness.run();
    harness.get_by_label("縦").click();
    harness.run();
    harness.get_by_label(&format!("1 / {a4} ページ"));
    harness.get_by_label("次のページ ▶").click();
    harness.run();
    harness.get_by_label(&format!("2 / {a4} ページ"));
    harness.get_by_label("拡大（幅に合わせる）").click();
    harness.run();
    mask_status_bar(&mut harness);
    harness.snapshot("print_dialog_a4_zoomed");

    // A4 landscape: more pages, the page shown is kept.
    harness.get_by_label("横").click();
    harness.run();
    harness.get_by_label(&format!("2 / {a4_landscape} ページ"));
}

/// 文字の大きさ 大きい: the preview shows the larger printout's pages, as many as the PDF has.
#[test]
fn large_text_shows_in_the_preview_as_in_the_pdf() {
    let record = TempRecord::sap3();
    let standard = printed_pages(&record, &[]);
    let large = printed_pages(&record, &["--text-size", "large"]);
    assert!(large > standard, "{large} vs {standard} pages");
    let mut harness = harness(&record.path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    harness.get_by_label(&format!("1 / {standard} ページ"));
    harness.get_by_label("大きい").click();
    harness.run();
    harness.get_by_label(&format!("1 / {large} ページ"));
    harness.get_by_label("標準").click();
    harness.run();
    harness.get_by_label(&format!("1 / {standard} ページ"));
}

#[test]
fn an_unreadable_date_is_said_in_words_and_blocks_printing() {
    let record = TempRecord::sap3();
    let mut harness = harness(&record.path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    let date = harness.get_by_role_and_label(Role::TextInput, "基準日");
    date.focus();
    date.type_text("X");
    harness.run();
    assert!(harness.query_all_by_label_contains("基準日「2022-10-01X」を読めません").count() > 0);
    assert!(harness.get_by_label("PDFを作成して開く").accesskit_node().is_disabled());
}
