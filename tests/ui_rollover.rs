//! ファイル → 次期計画を作成… in the real App, on a real record: the fields typed by label, the
//! preview, 作成 makes the new record beside the old one and opens it; the old one is unchanged.

mod common;
mod ui_support;
use ui_support::harness;

use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::FiscalYear;
use reform_tracker::store::Store;

fn type_into(harness: &mut egui_kittest::Harness<'static, reform_tracker::ui::App>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.event(egui::Event::Text(text.into()));
    harness.run();
}

#[test]
fn the_window_creates_the_next_plan_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sap3.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    let before = common::fingerprint(&path);
    let mut harness = harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("次期計画を作成…").click();
    harness.run();
    type_into(&mut harness, "新しい計画の名前", "第4次行財政改革アクションプラン");
    type_into(&mut harness, "略称", "SAPⅣ");
    harness.get_by_label("内容を確認").click();
    harness.run();
    assert!(harness.query_by_label_contains("改革項目 31 件を引き継ぎます").is_some(), "the preview is shown");
    let new = dir.path().join("SAPⅣ.sqlite");
    assert!(!new.exists(), "a preview writes nothing");
    harness.get_by_label("作成").click();
    harness.run();
    harness.run();
    let plan = Store::open(&new).unwrap().load().unwrap();
    assert_eq!((plan.info.first_year, plan.info.last_year), (FiscalYear(2024), FiscalYear(2026)));
    assert_eq!(plan.items.len(), 31);
    assert_eq!(harness.state().session().path(), new.as_path(), "the new record is open in the window");
    assert_eq!(harness.state().plan().info.short_name, "SAPⅣ");
    assert_eq!(common::fingerprint(&path), before, "the old record is unchanged");
    let title = format!("16. {}", plan.item_by_number(16).unwrap().title);
    harness.get_by_label(&title).click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();
    assert!(harness.query_by_label("前計画の項目: SAPⅢ 項目16").is_some(), "項目詳細 names the old item");
}

#[test]
fn an_existing_file_is_refused_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sap3.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    let taken = dir.path().join("SAPⅣ.sqlite");
    std::fs::write(&taken, b"keep").unwrap();
    let mut harness = harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("次期計画を作成…").click();
    harness.run();
    type_into(&mut harness, "新しい計画の名前", "次期");
    type_into(&mut harness, "略称", "SAPⅣ");
    harness.get_by_label("作成").click();
    harness.run();
    assert!(harness.query_by_label_contains("既にあります").is_some());
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep");
    assert_eq!(harness.state().session().path(), path.as_path(), "the old record stays open");
}
