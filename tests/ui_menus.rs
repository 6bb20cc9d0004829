//! The ファイル menu's windows in the real App: print, CSV, import with its preview, and the change
//! history with undo of a chosen change — on real record files, checked on disk.

mod common;
mod ui_support;
use common::TempRecord;
use ui_support::harness;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use reform_tracker::edit::{Edit, ItemField};
use reform_tracker::model::Plan;
use reform_tracker::store::Store;
use reform_tracker::ui::Tab;

fn on_disk(path: &Path) -> Plan {
    Store::open(path).unwrap().load().unwrap()
}

fn retitle(path: &Path, number: u32, title: &str) {
    let mut store = Store::open(path).unwrap();
    let plan = store.load().unwrap();
    let item = plan.item_by_number(number).unwrap();
    let edit = Edit::ItemText { item_id: item.id, field: ItemField::Title, old: item.title.clone(), new: title.into() };
    store.apply(&edit, "test").unwrap();
}

#[test]
fn print_and_csv_windows_open_from_the_menu_and_shortcut() {
    let record = TempRecord::sap3_named("plan.sqlite");
    let path = record.path.clone();
    let mut harness = harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("CSV出力…").click();
    harness.run();
    harness.get_by_label("CSVを保存…");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    harness.run();
    harness.get_by_label("PDFを作成して開く");
}

#[test]
fn import_shows_what_changes_and_replaces_only_when_confirmed() {
    let record = TempRecord::sap3_named("plan.sqlite");
    let path = record.path.clone();
    // A colleague's copy: exported, then edited elsewhere.
    let copy = record.beside("colleague.sqlite");
    Store::open(&path).unwrap().export_to(&copy).unwrap();
    retitle(&copy, 3, "職員手当の見直し（改訂）");
    let before = std::fs::read(&path).unwrap();

    let mut harness = harness(&path);
    harness.state_mut().start_import(&copy);
    harness.run();
    assert!(harness.state().import_pending());
    assert!(
        harness.query_all_by_label_contains("職員手当の見直し（改訂）").count() > 0,
        "the preview names the change"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing replaced before the officer confirms");

    // The copy shares the record's history: 統合 is offered first; replacing is the other choice.
    harness.get_by_label("置き換え").click();
    harness.run();
    harness.get_by_label("取り込んで置き換える").click();
    harness.run();
    assert!(!harness.state().import_pending());
    assert_eq!(on_disk(&path).item_by_number(3).unwrap().title, "職員手当の見直し（改訂）");
    assert_eq!(harness.state().plan().item_by_number(3).unwrap().title, "職員手当の見直し（改訂）");
    assert_eq!(reform_tracker::store::list_backups(&path).unwrap().len(), 1, "the old record was backed up");

    // A file that is not a record is refused with a message and changes nothing.
    let junk = record.beside("memo.sqlite");
    std::fs::write(&junk, "メモ".repeat(100)).unwrap();
    let before = std::fs::read(&path).unwrap();
    harness.state_mut().start_import(&junk);
    harness.run();
    assert!(!harness.state().import_pending());
    assert!(harness.state().message().unwrap().is_error);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn history_lists_the_change_and_undoes_a_chosen_one() {
    let record = TempRecord::sap3_named("plan.sqlite");
    let path = record.path.clone();
    let original = on_disk(&path).item_by_number(5).unwrap().title.clone();
    retitle(&path, 5, "庁舎機能の見直し（試し）");
    let mut harness = harness(&path);
    harness.state_mut().set_tab(Tab::Schedule);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("変更履歴").click();
    harness.run();
    assert!(harness.query_all_by_label_contains("庁舎機能の見直し（試し）").count() > 0);
    harness.get_by_label("取り消す").click();
    harness.run();
    assert_eq!(on_disk(&path).item_by_number(5).unwrap().title, original);
}

#[test]
fn edits_from_another_window_on_the_same_file_appear_without_a_restart() {
    let record = TempRecord::sap3_named("shared.sqlite");
    let path = record.path.clone();
    let mut harness = harness(&path);
    harness.run();
    // A colleague's window on the same file (another connection) changes an item.
    retitle(&path, 9, "消防団組織の見直し（他のPCで変更）");
    let ctx = harness.ctx.clone();
    harness.state_mut().check_other_writers(&ctx);
    harness.run();
    assert_eq!(harness.state().plan().item_by_number(9).unwrap().title, "消防団組織の見直し（他のPCで変更）");
    assert!(harness.state().message().unwrap().text.contains("変更を読み込みました"));
}
