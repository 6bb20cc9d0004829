//! The window on a plan of another shape than SAP III: the invented five-year plan
//! (tests/data/five_year_plan.toml, 令和6〜10年度), opened in the real App under egui_kittest.

mod common;

use chrono::NaiveDate;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::model::{FiscalYear, KpiValue};
use reform_tracker::store::Store;
use reform_tracker::ui::{App, Tab};

const WIDE: egui::Vec2 = egui::vec2(2400.0, 900.0);

fn five_year_record() -> common::TempRecord {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/five_year_plan.toml")).unwrap();
    common::TempRecord::of(&reform_tracker::plan_file::parse(&text).unwrap())
}

fn window(record: &common::TempRecord, size: egui::Vec2) -> Harness<'static, App> {
    let mut app = App::new(Store::open(&record.path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2026, 10, 1));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_context_setup(App::setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_whole_period_zoom_shows_all_five_years_up_to_reiwa_10() {
    let record = five_year_record();
    let size = egui::vec2(1366.0, 768.0);
    let mut harness = window(&record, size);
    harness.get_by_label("表示").click();
    harness.run();
    harness.get_by_label("計画期間全体を幅に合わせる").click();
    harness.run();
    let mut last_left = 0.0;
    for year in ["令和6年度", "令和7年度", "令和8年度", "令和9年度", "令和10年度"] {
        let r = harness.get_by_label(year).rect();
        assert!(r.left() > last_left && r.right() <= size.x + 1.0, "{year} on screen, in order: {r:?}");
        last_left = r.left();
    }
    assert!(harness.query_by_label("令和11年度").is_none() && harness.query_by_label("令和5年度").is_none());
}

#[test]
fn the_kpi_table_has_a_column_for_reiwa_10_and_takes_a_value_there() {
    let record = five_year_record();
    let mut harness = window(&record, WIDE);
    harness.get_by_label("数値目標").click();
    harness.run();
    assert_eq!(harness.state().persisted().tab, Tab::Kpi);
    for col in ["R6実績", "R10実績"] {
        assert!(harness.query_by_label(col).is_some(), "column {col}");
    }
    harness.get_by_label("項目4-1 R10実績").click();
    harness.run();
    harness.event(egui::Event::Text("４０．５".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let on_disk = record.on_disk();
    let kpi = &on_disk.item_by_number(4).unwrap().kpis[0];
    assert_eq!(kpi.actuals.get(&FiscalYear(2028)), Some(&KpiValue::Number(40.5)));
    // The charts and the detail tab draw the same plan without trouble.
    harness.get_by_label("グラフ").click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();
}
