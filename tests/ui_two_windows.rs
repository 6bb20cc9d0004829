//! Two windows on one record file: what an officer typed is saved against the value they saw
//! when they began, so a value another window saved meanwhile is reported, never overwritten
//! unseen — in the KPI cells, the evaluation, the item texts and the phase editor.

mod common;

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::edit::{Edit, ItemField, KpiSlot};
use reform_tracker::model::{FiscalYear, KpiValue, Rating};
use reform_tracker::store::Store;
use reform_tracker::ui::{App, Selection};

use common::TempRecord;

const R3: FiscalYear = FiscalYear(2021);

/// A wide window, so that every column of the 数値目標 table is on screen.
fn window(record: &TempRecord) -> Harness<'static, App> {
    let mut app = App::new(Store::open(&record.path).unwrap()).unwrap();
    app.set_reference_date(NaiveDate::from_ymd_opt(2022, 10, 1));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(2400.0, 1000.0))
        .with_context_setup(App::setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// Another window (another PC) saves `edit` while this one is being typed in; this window then
/// notices, as its watcher would make it.
fn meanwhile(record: &TempRecord, harness: &mut Harness<'_, App>, edit: Edit) {
    Store::open(&record.path).unwrap().apply(&edit, "画面").unwrap();
    let ctx = harness.ctx.clone();
    harness.state_mut().check_other_writers(&ctx);
    harness.run();
}

fn told_of_a_conflict(harness: &Harness<'_, App>) -> bool {
    harness.state().message().is_some_and(|m| m.is_error && m.text.contains("先に変更していました"))
}

fn history_len(record: &TempRecord) -> usize {
    Store::open(&record.path).unwrap().history(1000).unwrap().len()
}

#[test]
fn a_kpi_value_typed_over_one_saved_meanwhile_is_refused_and_told() {
    let record = TempRecord::sap3();
    let mut harness = window(&record);
    harness.get_by_label("数値目標").click();
    harness.run();
    harness.get_by_label("項目2 R3実績").click();
    harness.run();
    harness.event(egui::Event::Text("5".into()));
    harness.run();

    let kpi = record.on_disk().item_by_number(2).unwrap().kpis[0].clone();
    let other =
        Edit::KpiValue { kpi_id: kpi.id, slot: KpiSlot::Actual(R3), old: None, new: Some(KpiValue::Number(4.0)) };
    meanwhile(&record, &mut harness, other);
    harness.key_press(Key::Enter);
    harness.run();

    let stored = record.on_disk().item_by_number(2).unwrap().kpis[0].actuals.get(&R3).cloned();
    assert_eq!(stored, Some(KpiValue::Number(4.0)), "the other window's value stays");
    assert!(told_of_a_conflict(&harness), "{:?}", harness.state().message());
    assert_eq!(history_len(&record), 1, "no 4 → 5 in the history");
}

#[test]
fn an_evaluation_typed_over_one_saved_meanwhile_is_refused_and_told() {
    let record = TempRecord::sap3();
    let mut harness = window(&record);
    let item = record.on_disk().item_by_number(16).unwrap().clone();
    harness.get_by_label(&format!("{}. {}", item.number, item.title)).click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();
    harness.get_by_label("令和3年度").click();
    harness.run();
    let results = harness.get_by_role_and_label(Role::MultilineTextInput, "取組実績");
    results.click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "取組実績").type_text("こちらの実績");
    harness.run();

    let theirs = reform_tracker::model::Evaluation {
        year: R3,
        rating: Rating::A,
        results: "あちらの実績".into(),
        next_steps: String::new(),
    };
    meanwhile(
        &record,
        &mut harness,
        Edit::Evaluation { item_id: item.id, year: R3, old: None, new: Some(theirs.clone()) },
    );
    // Leaving the field commits it.
    harness.key_press(Key::Tab);
    harness.run();

    let stored = record.on_disk().item_by_number(16).unwrap().evaluation(R3).cloned();
    assert_eq!(stored, Some(theirs));
    assert!(told_of_a_conflict(&harness), "{:?}", harness.state().message());
}

#[test]
fn an_item_text_typed_over_one_saved_meanwhile_is_refused_and_told() {
    let record = TempRecord::sap3();
    let mut harness = window(&record);
    let item = record.on_disk().item_by_number(5).unwrap().clone();
    harness.get_by_label(&format!("{}. {}", item.number, item.title)).click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "現状・課題");
    field.click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "現状・課題").type_text("（追記）");
    harness.run();

    let theirs = format!("{}（別の PC で修正）", item.current_issues);
    let other = Edit::ItemText {
        item_id: item.id,
        field: ItemField::CurrentIssues,
        old: item.current_issues.clone(),
        new: theirs.clone(),
    };
    meanwhile(&record, &mut harness, other);
    harness.key_press(Key::Tab);
    harness.run();

    assert_eq!(record.on_disk().item_by_number(5).unwrap().current_issues, theirs);
    assert!(told_of_a_conflict(&harness), "{:?}", harness.state().message());
}

#[test]
fn a_phase_note_typed_over_a_change_saved_meanwhile_is_refused_and_told() {
    let record = TempRecord::sap3();
    let mut harness = window(&record);
    let plan = record.on_disk();
    let phase = plan.item_by_number(7).unwrap().schedule[0].phases[0].clone();
    harness.state_mut().select(Some(Selection::Phase(phase.id)));
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "備考").click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "備考").type_text("こちらの備考");
    harness.run();

    let mut theirs = phase.data.clone();
    theirs.note = "あちらの備考".into();
    meanwhile(&record, &mut harness, Edit::Phase { phase_id: phase.id, old: phase.data.clone(), new: theirs.clone() });
    harness.key_press(Key::Tab);
    harness.run();

    let (_, _, stored) = record.on_disk().phase(phase.id).map(|(i, r, p)| (i.id, r.id, p.data.clone())).unwrap();
    assert_eq!(stored, theirs);
    assert!(told_of_a_conflict(&harness), "{:?}", harness.state().message());
}
