//! The item tree on the left, in the real App: only the lines in view become widgets (a plan of
//! 3,000 items costs what SAP III does), and its branches still open and close.

mod common;
mod ui_support;
use common::TempRecord;
use ui_support::harness;

use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::Item;

fn label(item: &Item) -> String {
    format!("{}. {}", item.number, item.title)
}

#[test]
fn a_tree_of_3000_items_makes_widgets_only_for_the_lines_near_the_view() {
    let plan = reform_tracker::demo::large_plan(3000, 10_000);
    let record = TempRecord::of(&plan);
    let path = record.path.clone();
    let mut harness = harness(&path);
    harness.run();
    let first_area = &plan.focus_areas[0];
    let first = plan.items.iter().find(|i| i.focus_area == first_area.number).unwrap();
    assert!(harness.query_by_label(&label(first)).is_some(), "the first item is in view");
    let last = plan.items.iter().rev().find(|i| i.focus_area == plan.focus_areas.last().unwrap().number).unwrap();
    assert!(harness.query_by_label(&label(last)).is_none(), "the last of 3,000 items is not made into a widget");
    let made = plan.items.iter().filter(|i| harness.query_by_label(&label(i)).is_some()).count();
    assert!((10..200).contains(&made), "{made} item lines made into widgets");
}

#[test]
fn closing_a_focus_area_hides_its_items_and_opening_it_shows_them_again() {
    let plan = reform_tracker::seed::sap3();
    let record = TempRecord::of(&plan);
    let path = record.path.clone();
    let mut harness = harness(&path);
    harness.run();
    let area = &plan.focus_areas[0];
    let heading = format!("重点項目{} {}", area.number, area.title);
    let item_1 = label(plan.item_by_number(1).unwrap());
    assert!(harness.query_by_label(&item_1).is_some());

    harness.get_by_label(&format!("▼ {heading}")).click();
    harness.run();
    assert!(harness.query_by_label(&item_1).is_none(), "a closed area hides its items");
    assert!(harness.query_by_label(&label(plan.item_by_number(13).unwrap())).is_some(), "other areas stay open");

    harness.get_by_label(&format!("▶ {heading}")).click();
    harness.run();
    assert!(harness.query_by_label(&item_1).is_some(), "opened again");
}
