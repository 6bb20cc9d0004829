//! The real window state driven through egui frames: clicks and typing by label, on a real record
//! file, checked afterwards by reopening the file.

mod common;
mod ui_support;
use common::TempRecord;
use ui_support::{harness, sent_titles};

use std::path::Path;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::{Id, PhaseData, PhaseStatus, Plan, YearMonth};
use reform_tracker::store::Store;
use reform_tracker::ui::{App, Selection, Tab};

fn record() -> (TempRecord, std::path::PathBuf) {
    let record = TempRecord::sap3_named("plan.sqlite");
    let path = record.path.clone();
    (record, path)
}

fn on_disk(path: &Path) -> Plan {
    Store::open(path).unwrap().load().unwrap()
}

fn item_label(plan: &Plan, number: u32) -> String {
    let item = plan.item_by_number(number).unwrap();
    format!("{}. {}", item.number, item.title)
}

/// The first phase of item `number`'s first schedule row: (phase id, data).
fn first_phase(plan: &Plan, number: u32) -> (Id, PhaseData) {
    let p = &plan.item_by_number(number).unwrap().schedule[0].phases[0];
    (p.id, p.data.clone())
}

/// The bar of item `number`'s first row's first phase, as the schedule names it.
fn bar_label(number: u32, data: &PhaseData) -> String {
    format!("工程 {number}-1 {}（{}〜{}）", data.label, data.start.japanese(), data.end.japanese())
}

/// Chooses an entry of an open drop-down list, scrolling it into view first.
fn choose(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

fn ctrl(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

#[test]
fn the_window_is_titled_with_the_record_file_and_the_plan() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    // The plan's name as data/sap3.toml writes it (`name = ...` under [plan]).
    let expected = format!("{file} — せき行財政改革アクションプランⅢ — 行財政改革アクションプラン 進捗管理");
    assert_eq!(sent_titles(&harness), std::slice::from_ref(&expected), "the title the window sent, once");
    harness.run();
    assert_eq!(sent_titles(&harness), std::slice::from_ref(&expected), "not sent again while it stays the same");
    assert_eq!(harness.state().window_title(), expected, "the title the launcher gives the new window");
}

#[test]
fn choosing_an_item_in_the_tree_selects_it_and_shows_its_detail() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let item = plan.item_by_number(20).unwrap();

    harness.get_by_label(&item_label(&plan, 20)).click();
    harness.run();
    assert_eq!(harness.state().selected_item(), Some(item.id));
    // Its schedule rows were scrolled into view: the first one's label cell is on screen.
    let row_cell = format!("スケジュール行 20-1 {}", item.schedule[0].label);
    let cell = harness.get_by_label(&row_cell).rect();
    assert!(cell.top() >= 0.0 && cell.bottom() <= 900.0, "{cell:?}");

    harness.get_by_label("項目詳細").click();
    harness.run();
    assert_eq!(harness.state().persisted().tab, Tab::Detail);
    let title = harness.get_by_role_and_label(Role::TextInput, "改革項目");
    assert_eq!(title.value().as_deref(), Some(item.title.as_str()));
}

#[test]
fn the_search_box_and_filters_narrow_the_tree() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let target = plan.item_by_number(16).unwrap();

    // Ctrl+F puts the cursor in the search box.
    ctrl(&mut harness, Key::F);
    let search = harness.get_by_role_and_label(Role::TextInput, "検索");
    assert!(search.is_focused());
    search.type_text(&target.title);
    harness.run();
    let shown = harness.state().visible_items();
    assert!(shown.contains(&target.id));
    assert!(shown.len() < plan.items.len());
    assert!(harness.query_by_label(&item_label(&plan, 1)).is_none() || shown.contains(&plan.items[0].id));

    harness.get_by_label("条件をクリア").click();
    harness.run();
    assert_eq!(harness.state().visible_items().len(), plan.items.len());

    // 実施課 filter: only that department's items remain.
    let dept = plan.items[0].departments()[0].clone();
    harness.get_by_role_and_label(Role::ComboBox, "実施課で絞り込み").click();
    harness.run();
    choose(&mut harness, &dept);
    let shown = harness.state().visible_items();
    assert!(!shown.is_empty());
    for id in shown {
        assert!(plan.item(id).unwrap().department.contains(&dept));
    }
}

#[test]
fn a_phase_edited_in_the_side_panel_is_on_disk_and_undo_redo_follow() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let (phase_id, before) = first_phase(&plan, 7);

    harness.get_by_label(&item_label(&plan, 7)).click();
    harness.run();
    harness.get_by_label(&bar_label(7, &before)).click();
    harness.run();
    assert_eq!(harness.state().selection(), Some(Selection::Phase(phase_id)));

    // Status: a choice from the list is saved at once.
    harness.get_by_role_and_label(Role::ComboBox, "状況").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "進行中").click();
    harness.run();
    // End month: one more choice.
    harness.get_by_role_and_label(Role::ComboBox, "終了").click();
    harness.run();
    choose(&mut harness, "令和4年9月");
    // The label: typed text is saved when the field is left (Enter).
    let label = harness.get_by_role_and_label(Role::TextInput, "工程名");
    label.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, "工程名").type_text("検討・協議");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();

    let saved = on_disk(&path).phase(phase_id).unwrap().2.data.clone();
    assert_eq!(saved.status, PhaseStatus::InProgress);
    assert_eq!(saved.end, YearMonth::new(2022, 9));
    assert_eq!(saved.label, "検討・協議");
    assert_eq!(saved.start, before.start);

    // Ctrl+Z three times: label, end month, status undone, in that order, on disk too.
    ctrl(&mut harness, Key::Z);
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data.label, before.label);
    ctrl(&mut harness, Key::Z);
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data.end, before.end);
    ctrl(&mut harness, Key::Z);
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data, before);
    assert_eq!(harness.state().plan().phase(phase_id).unwrap().2.data, before);
    assert!(!harness.state().can_undo());

    // Ctrl+Y and Ctrl+Shift+Z redo.
    ctrl(&mut harness, Key::Y);
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data.status, PhaseStatus::InProgress);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data.end, YearMonth::new(2022, 9));
    assert_eq!(harness.state().plan(), &on_disk(&path), "the window shows what the file holds");
}

#[test]
fn an_invalid_period_is_refused_and_changes_nothing() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let (phase_id, before) = first_phase(&plan, 7);
    harness.state_mut().select(Some(Selection::Phase(phase_id)));
    harness.run();
    // A start after the end.
    let too_late = before.end.add_months(2);
    assert!(too_late <= plan.info.last_month());
    harness.get_by_role_and_label(Role::ComboBox, "開始").click();
    harness.run();
    choose(&mut harness, &too_late.japanese());
    assert!(harness.query_by_label_contains("より後になっています").is_some());
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data, before);
}

#[test]
fn dragging_a_bar_moves_it_by_whole_months_in_one_undo_step() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let (phase_id, before) = first_phase(&plan, 7);
    assert!(before.end.add_months(2) <= plan.info.last_month(), "room to move");
    harness.get_by_label(&item_label(&plan, 7)).click();
    harness.run();
    let bar = harness.get_by_label(&bar_label(7, &before)).rect();
    let month = 30.0; // month zoom
    let from = bar.center();
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + egui::vec2(step as f32 * month * 0.5 + 1.0, 0.0));
        harness.run();
    }
    // Nothing is written mid-drag.
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data, before);
    harness.drop_at(from + egui::vec2(2.0 * month + 1.0, 0.0));
    harness.run();

    let moved = on_disk(&path).phase(phase_id).unwrap().2.data.clone();
    assert_eq!(moved.start, before.start.add_months(2));
    assert_eq!(moved.end, before.end.add_months(2));
    ctrl(&mut harness, Key::Z);
    assert_eq!(on_disk(&path).phase(phase_id).unwrap().2.data, before, "one drag is one undo step");
}

#[test]
fn rows_and_phases_are_added_moved_and_removed() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let item = plan.item_by_number(7).unwrap().clone();
    let row = &item.schedule[0];
    harness.state_mut().select(Some(Selection::Row(row.id)));
    harness.run();

    harness.get_by_label("工程を追加").click();
    harness.run();
    let after = on_disk(&path);
    let phases = &after.row(row.id).unwrap().1.phases;
    assert_eq!(phases.len(), row.phases.len() + 1);
    assert!(phases.iter().any(|p| p.data.label == "新しい工程"));
    assert!(matches!(harness.state().selection(), Some(Selection::Phase(_))), "the new phase is selected");

    harness.get_by_label("行を追加").click();
    harness.run();
    let after = on_disk(&path);
    let rows = &after.item(item.id).unwrap().schedule;
    assert_eq!(rows.len(), item.schedule.len() + 1);
    assert_eq!(rows.last().unwrap().label, "新しい取組");
    let new_row = rows.last().unwrap().id;

    harness.get_by_label("行を上へ").click();
    harness.run();
    let after = on_disk(&path);
    let rows = &after.item(item.id).unwrap().schedule;
    assert_eq!(rows[rows.len() - 2].id, new_row);

    harness.get_by_label("行を削除").click();
    harness.run();
    assert!(on_disk(&path).row(new_row).is_none());

    // Undo: the row comes back where it was, then moves down, then disappears, then the phase goes.
    for _ in 0..4 {
        ctrl(&mut harness, Key::Z);
    }
    assert_eq!(on_disk(&path), plan);
}

#[test]
fn japanese_typed_through_the_ime_into_current_issues_is_saved_when_the_field_is_left() {
    let (_dir, path) = record();
    let mut harness = harness(&path);
    let plan = harness.state().plan().clone();
    let item = plan.item_by_number(12).unwrap().clone();
    harness.get_by_label(&item_label(&plan, 12)).click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();

    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "現状・課題");
    field.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Preedit { text: "か".into(), active_range_chars: None }));
    harness.run();
    harness.event(egui::Event::Ime(egui::ImeEvent::Preedit { text: "かだい".into(), active_range_chars: None }));
    harness.run();
    // Mid-composition nothing is saved.
    assert_eq!(on_disk(&path).item(item.id).unwrap().current_issues, item.current_issues);
    harness.event(egui::Event::Ime(egui::ImeEvent::Commit("課題".into())));
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "現状・課題").type_text("を整理する。");
    harness.run();
    assert_eq!(on_disk(&path).item(item.id).unwrap().current_issues, item.current_issues, "not per keystroke");

    // Leaving the field saves the text in one edit.
    harness.get_by_role_and_label(Role::TextInput, "実施課").click();
    harness.run();
    let expected = format!("{}課題を整理する。", item.current_issues);
    assert_eq!(on_disk(&path).item(item.id).unwrap().current_issues, expected);
    let history = Store::open(&path).unwrap().history(10).unwrap();
    assert_eq!(history.len(), 1, "one edit for the whole text");

    // Undo from the menu restores it; redo with the shortcut brings it back.
    harness.get_by_label("編集").click();
    harness.run();
    harness.get_by_label_contains("元に戻す").click();
    harness.run();
    assert_eq!(on_disk(&path).item(item.id).unwrap().current_issues, item.current_issues);
    ctrl(&mut harness, Key::Y);
    assert_eq!(on_disk(&path).item(item.id).unwrap().current_issues, expected);
    let shown = harness.get_by_role_and_label(Role::MultilineTextInput, "現状・課題").value();
    assert_eq!(shown.as_deref(), Some(expected.as_str()));
}

#[test]
fn opening_another_record_replaces_the_plan_and_a_bad_file_changes_nothing() {
    let (here, path) = record();
    let (_dir2, other) = record();
    {
        let mut store = Store::open(&other).unwrap();
        let plan = store.load().unwrap();
        let item = &plan.items[0];
        store
            .apply(
                &reform_tracker::edit::Edit::ItemText {
                    item_id: item.id,
                    field: reform_tracker::edit::ItemField::Title,
                    old: item.title.clone(),
                    new: "別の記録".into(),
                },
                "test",
            )
            .unwrap();
    }
    let mut harness = harness(&path);
    let bad = here.beside("not-a-record.sqlite");
    std::fs::write(&bad, "これは記録ではありません").unwrap();
    let err = harness.state_mut().open_record(&bad).unwrap_err();
    assert!(err.contains("SQLite"), "{err}");
    assert_eq!(std::fs::read(&bad).unwrap(), "これは記録ではありません".as_bytes(), "the refused file is not written");
    assert_eq!(harness.state().store().path(), path);
    assert_eq!(harness.state().plan(), &on_disk(&path), "the open record stays");

    harness.state_mut().open_record(&other).unwrap();
    harness.run();
    assert_eq!(harness.state().plan().items[0].title, "別の記録");
    assert!(harness.query_by_label("1. 別の記録").is_some());
}
