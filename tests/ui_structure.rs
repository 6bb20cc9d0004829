//! 編集 → 計画の構成… in the real App on a real record: a category chosen in the window's tree,
//! an item added by typing its name and clicking, its status recorded with a reason; each change
//! on disk, and Ctrl+Z takes it back.

mod common;
mod ui_support;

use common::TempRecord;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::StatusKind;
use ui_support::harness;

/// Replaces what a text field of the window holds (found by its label) with `text`.
fn type_into(harness: &mut egui_kittest::Harness<'static, reform_tracker::ui::App>, label: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    harness.run();
}

fn click(harness: &mut egui_kittest::Harness<'static, reform_tracker::ui::App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.run();
}

#[test]
fn an_item_is_added_under_a_category_and_ended_with_a_reason() {
    let record = TempRecord::sap3();
    let plan = record.on_disk();
    let category = plan.focus_areas[0].categories[0].title.clone();
    let mut harness = harness(&record.path);
    click(&mut harness, "編集");
    click(&mut harness, "計画の構成…");
    assert!(harness.query_by_label("計画の情報を保存").is_some(), "the window is open");
    click(&mut harness, &format!("● {category}"));
    let number = harness.get_by_role_and_label(Role::TextInput, "番号").value();
    assert_eq!(number.as_deref(), Some("32"), "the next number is offered");
    type_into(&mut harness, "改革項目名", "窓口のキャッシュレス化");
    type_into(&mut harness, "実施課", "会計課");
    click(&mut harness, "改革項目を追加");

    let disk = record.on_disk();
    let item = disk.item_by_number(32).expect("item 32 is written to the record");
    assert_eq!(item.title, "窓口のキャッシュレス化");
    assert_eq!(item.department, "会計課");
    assert_eq!(item.focus_area, plan.focus_areas[0].number);
    assert!(harness.query_by_label_contains("32. 窓口のキャッシュレス化").is_some(), "the item tree lists it");
    assert!(harness.query_by_label("改革項目を削除").is_some(), "the new item is chosen in the window");

    // A status needs its reason: refused in the window, nothing written.
    click(&mut harness, "状態を記録");
    assert!(harness.query_by_label_contains("理由を入力してください").is_some());
    assert!(record.on_disk().item_by_number(32).unwrap().status.is_none());
    type_into(&mut harness, "理由", "項目1に統合");
    click(&mut harness, "区分");
    click(&mut harness, "統合");
    click(&mut harness, "状態を記録");
    let status = record.on_disk().item_by_number(32).unwrap().status.clone().expect("the status is written");
    assert_eq!((status.kind, status.reason.as_str()), (StatusKind::Merged, "項目1に統合"));
    let marked = harness.query_all_by_label_contains("〔統合（令和5年度）〕").count();
    assert_eq!(marked, 2, "the item tree and the window's list both mark the item");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    harness.run();
    assert!(record.on_disk().item_by_number(32).unwrap().status.is_none(), "Ctrl+Z takes the status back");
}

#[test]
fn the_plan_s_data_is_saved_from_the_window_and_bad_fields_are_named() {
    let record = TempRecord::sap3();
    let mut harness = harness(&record.path);
    click(&mut harness, "編集");
    click(&mut harness, "計画の構成…");
    type_into(&mut harness, "策定日", "令和3年3月31日");
    click(&mut harness, "計画の情報を保存");
    assert_eq!(record.on_disk().info.adopted_on, chrono::NaiveDate::from_ymd_opt(2021, 3, 31));

    let before = common::fingerprint(&record.path);
    type_into(&mut harness, "期間", "R3-R15");
    click(&mut harness, "計画の情報を保存");
    assert!(harness.query_by_label_contains("13 年度分です").is_some(), "the window says what to fix");
    assert_eq!(common::fingerprint(&record.path), before, "and writes nothing");
}
