//! 項目詳細 in the real App on a real record: 効果額 typed and saved when the field is left, a
//! heading chosen, a milestone added — each on disk; a typo in an amount is refused in the window.

mod common;
mod ui_support;

use common::TempRecord;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::{FiscalYear, GoalHeading};
use ui_support::harness;

type Harness = egui_kittest::Harness<'static, reform_tracker::ui::App>;

fn click(harness: &mut Harness, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.run();
}

/// Types into a field found by its name, then leaves it (Tab), which saves it.
fn enter(harness: &mut Harness, label: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
}

#[test]
fn effects_headings_and_milestones_are_entered_in_the_item_s_details() {
    let record = TempRecord::sap3();
    let plan = record.on_disk();
    let item = plan.item_by_number(16).unwrap();
    let mut harness = harness(&record.path);
    click(&mut harness, &format!("16. {}", item.title));
    click(&mut harness, "項目詳細");

    enter(&mut harness, "令和4年度の効果額（計画）", "12,000");
    let disk = record.on_disk();
    let effect = disk.item(item.id).unwrap().effects.get(&FiscalYear(2022)).copied();
    assert_eq!(effect.and_then(|e| e.planned), Some(12_000.0), "saved when the field is left");

    enter(&mut harness, "令和4年度の効果額（実績）", "九千");
    assert!(harness.query_by_label_contains("数値として読めません").is_some(), "the window says what is wrong");
    assert_eq!(
        record.on_disk().item(item.id).unwrap().effects.get(&FiscalYear(2022)),
        effect.as_ref(),
        "nothing written"
    );

    harness.get_by_role_and_label(Role::ComboBox, "目標の見出し").click();
    harness.run();
    click(&mut harness, "活動目標");
    assert_eq!(record.on_disk().item(item.id).unwrap().goal_heading, GoalHeading::Activity);

    // The KPI's section is below the texts: scrolled into view, then opened.
    let section = format!("「{}」の注記・中間目標・表示", item.kpis[0].name);
    harness.get_by_label(&section).scroll_to_me();
    harness.run();
    click(&mut harness, &section);
    harness.get_by_role_and_label(Role::TextInput, "年度").scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "年度").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "年度").type_text("R4");
    harness.get_by_role_and_label(Role::TextInput, "目標").focus();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "目標").type_text("900,000,000");
    harness.run();
    click(&mut harness, "中間目標を追加");
    let milestones = record.on_disk().item(item.id).unwrap().kpis[0].milestones.clone();
    assert_eq!(milestones.len(), 1);
    assert_eq!((milestones[0].year, milestones[0].cumulative), (FiscalYear(2022), false));

    // Typed, then straight to another tab without leaving the field: saved all the same.
    harness.get_by_role_and_label(Role::TextInput, "目標値の注記").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, "目標値の注記").type_text("1割縮減");
    harness.run();
    click(&mut harness, "スケジュール");
    assert_eq!(record.on_disk().item(item.id).unwrap().kpis[0].target_note, "1割縮減");
}
