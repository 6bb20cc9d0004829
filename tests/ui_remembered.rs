//! What the window remembers between runs goes through eframe's own storage (RON) and comes back
//! in a new window: the tab and the widths given to the 数値目標 table's columns.

mod common;
mod pointer;
mod ui_support;
use common::TempRecord;
use ui_support::{app, harness_for};

use std::collections::HashMap;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::ui::{App, Persisted, Tab};

/// eframe's storage kept in memory: the same RON text eframe writes to the app's data folder.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn left_of(harness: &Harness<'_, App>, label: &str) -> f32 {
    harness.get_by_label(label).rect().left()
}

#[test]
fn the_tab_and_the_kpi_column_widths_come_back_after_a_restart() {
    let record = TempRecord::sap3();
    let path = record.path.clone();

    let mut first = harness_for(app(&path));
    first.get_by_label("数値目標").click();
    first.run();
    let unit_default = left_of(&first, "項目16 単位");
    // The separator on the left of 単位 ends the 目標名 column.
    let y = first.get_by_label("目標名").rect().center().y;
    pointer::drag(&mut first, egui::pos2(unit_default, y), egui::vec2(80.0, 0.0));
    let unit_widened = left_of(&first, "項目16 単位");
    assert!((unit_widened - unit_default - 80.0).abs() < 1.0, "{unit_default} → {unit_widened}");

    let mut storage = MemoryStorage::default();
    eframe::App::save(first.state_mut(), &mut storage);
    drop(first);

    let remembered: Persisted = eframe::get_value(&storage, eframe::APP_KEY).expect("the saved state reads back");
    let mut second = harness_for(app(&path).with_remembered(remembered));
    second.run();
    assert_eq!(second.state().persisted().tab, Tab::Kpi);
    assert!((left_of(&second, "項目16 単位") - unit_widened).abs() < 1.0, "the width is remembered");
}
