//! ファイル → 新しい計画… in the real window: a plan file becomes a new record, opened at once; a
//! broken plan file is refused in words and nothing is created.

mod common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::store::Store;
use reform_tracker::ui::App;

use common::TempRecord;

fn window(record: &TempRecord) -> Harness<'static, App> {
    let mut app = App::new(Store::open(&record.path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2025, 10, 1));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(App::setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

fn fill(harness: &mut Harness<'_, App>, field: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, field).click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, field).type_text(text);
    harness.run();
}

fn open_new_plan(harness: &mut Harness<'_, App>) {
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("新しい計画…").click();
    harness.run();
}

#[test]
fn a_plan_file_becomes_a_new_record_opened_in_the_window() {
    let record = TempRecord::sap3();
    let plan_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/five_year_plan.toml");
    let new_record = record.beside("第2次.sqlite");
    let mut harness = window(&record);
    open_new_plan(&mut harness);
    fill(&mut harness, "計画ファイル", plan_file.to_str().unwrap());
    fill(&mut harness, "新しい記録ファイル", new_record.to_str().unwrap());
    harness.get_by_label("作成して開く").click();
    harness.run();

    // The plan as tests/data/five_year_plan.toml writes it: 令和6〜10年度, 8 items.
    let plan = harness.state().plan();
    assert_eq!(plan.info.name, "第2次 行政経営改革プラン");
    assert_eq!((plan.info.first_year.0, plan.info.last_year.0), (2024, 2028));
    assert_eq!(plan.items.len(), 8);
    assert_eq!(harness.state().session().path(), new_record.as_path(), "the new record is the one open");
    assert_eq!(Store::open(&new_record).unwrap().load().unwrap().items.len(), 8);
    // The old record is still there, as it was.
    assert_eq!(record.on_disk().items.len(), 31);
}

#[test]
fn a_broken_plan_file_is_refused_in_words_and_nothing_is_created() {
    let record = TempRecord::sap3();
    let broken = record.beside("broken.toml");
    std::fs::write(&broken, "[plan]\nname = \"壊れた計画\"\nfirst_year = 2024\nlast_year = 2020\n").unwrap();
    let new_record = record.beside("壊れた計画.sqlite");
    let mut harness = window(&record);
    open_new_plan(&mut harness);
    fill(&mut harness, "計画ファイル", broken.to_str().unwrap());
    fill(&mut harness, "新しい記録ファイル", new_record.to_str().unwrap());
    harness.get_by_label("作成して開く").click();
    harness.run();

    assert!(harness.query_all_by_label_contains("計画ファイル「").count() > 0, "the refusal names the file");
    assert!(!new_record.exists(), "nothing is created");
    assert_eq!(harness.state().plan().info.name, "せき行財政改革アクションプランⅢ", "the open record stays");
}

#[test]
fn a_plan_workbook_becomes_a_new_record_too() {
    let record = TempRecord::sap3();
    let workbook = record.beside("計画.xlsx");
    let out = common::run(&["plan-export", "--db", record.path.to_str().unwrap(), "--out", workbook.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let new_record = record.beside("写し.sqlite");
    let mut harness = window(&record);
    open_new_plan(&mut harness);
    fill(&mut harness, "計画ファイル", workbook.to_str().unwrap());
    fill(&mut harness, "新しい記録ファイル", new_record.to_str().unwrap());
    harness.get_by_label("作成して開く").click();
    harness.run();
    assert_eq!(harness.state().session().path(), new_record.as_path());
    assert_eq!(harness.state().plan().items.len(), 31);
    assert_eq!(harness.state().plan().item_by_number(16).unwrap().title, "徴収事務体制の強化");
}
