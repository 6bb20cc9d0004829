//! ファイル → インポート… with a colleague's copy of the same record: 統合 is the default, the
//! preview lists their changes and each conflict with a choice, 統合する merges, one Ctrl+Z undoes it.

mod common;
mod ui_support;
use common::{TempRecord, fingerprint};
use ui_support::harness;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use reform_tracker::edit::{Edit, ItemField};
use reform_tracker::model::Plan;
use reform_tracker::store::Store;

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
fn merge_from_the_import_window_takes_the_chosen_values_and_one_undo_takes_it_back() {
    let record = TempRecord::sap3_named("plan.sqlite");
    let path = record.path.clone();
    let copy = record.beside("colleague.sqlite");
    Store::open(&path).unwrap().export_to(&copy).unwrap();
    retitle(&path, 5, "自分の題");
    retitle(&copy, 3, "相手が直した題");
    retitle(&copy, 5, "相手の題");
    retitle(&copy, 6, "相手だけの題");
    let before_plan = on_disk(&path);
    let before = fingerprint(&path);

    let mut harness = harness(&path);
    harness.state_mut().start_import(&copy);
    harness.run();
    assert!(harness.state().import_pending());
    assert!(harness.query_all_by_label_contains("相手が直した題").count() > 0, "their change is listed");
    harness.get_by_label("自分: 自分の題");
    harness.get_by_label("相手: 相手の題").click();
    harness.run();
    assert_eq!(fingerprint(&path), before, "nothing changes before 統合する");

    harness.get_by_label("統合する").click();
    harness.run();
    assert!(!harness.state().import_pending());
    let merged = on_disk(&path);
    assert_eq!(merged.item_by_number(3).unwrap().title, "相手が直した題");
    assert_eq!(merged.item_by_number(5).unwrap().title, "相手の題", "the conflict took the chosen value");
    assert_eq!(merged.item_by_number(6).unwrap().title, "相手だけの題");
    assert_eq!(harness.state().plan().item_by_number(3).unwrap().title, "相手が直した題");
    assert_eq!(reform_tracker::store::list_backups(&path).unwrap().len(), 1, "a backup first");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(on_disk(&path), before_plan, "one Ctrl+Z undoes the whole merge");
}

#[test]
fn a_record_sharing_no_history_can_only_be_replaced() {
    let record = TempRecord::sap3_named("plan.sqlite");
    let other = common::sap3_record(record.dir.path(), "other.sqlite");
    retitle(&other, 3, "別の記録の題");
    let before = fingerprint(&record.path);
    let mut harness = harness(&record.path);
    harness.state_mut().start_import(&other);
    harness.run();
    assert!(harness.state().import_pending());
    assert!(harness.query_all_by_label_contains("共通の変更履歴がないため、統合できません").count() > 0);
    assert!(harness.query_by_label("統合する").is_none());
    harness.get_by_label("取り込んで置き換える");
    harness.get_by_label("やめる").click();
    harness.run();
    assert!(!harness.state().import_pending());
    assert_eq!(fingerprint(&record.path), before);
}
