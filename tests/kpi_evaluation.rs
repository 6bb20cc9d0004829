//! The yearly evaluation form in real egui frames, on a real record file.

mod common;
mod kpi_common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kpi_common::{R3, R4, TestRecord, context_setup};
use reform_tracker::model::{FiscalYear, Id, Rating};
use reform_tracker::ui::Commands;
use reform_tracker::ui::evaluation::{self, EvaluationState};

struct App {
    record: TestRecord,
    item: Id,
    year: FiscalYear,
    form: EvaluationState,
}

fn harness(record: TestRecord, item_number: u32, year: FiscalYear) -> Harness<'static, App> {
    let item = record.item_id(item_number);
    Harness::builder().with_size([900.0, 500.0]).with_context_setup(context_setup).build_ui_state(
        |ui, app: &mut App| {
            let mut commands = Commands::default();
            evaluation::show(ui, app.record.plan(), app.item, app.year, &mut app.form, &mut commands);
            app.record.run(commands);
        },
        App { record, item, year, form: EvaluationState::default() },
    )
}

fn stored(app: &App, item: u32, year: FiscalYear) -> Option<reform_tracker::model::Evaluation> {
    app.record.on_disk().item_by_number(item).unwrap().evaluation(year).cloned()
}

#[test]
fn rating_an_item_is_persisted_at_once() {
    let mut harness = harness(TestRecord::sap3(), 16, R3);
    harness.run();
    harness.get_by_label("A 計画どおり").click();
    harness.run();
    let e = stored(harness.state(), 16, R3).expect("saved");
    assert_eq!(e.rating, Rating::A);
    assert_eq!(stored(harness.state(), 16, R4), None, "only the chosen year");

    harness.get_by_label("C 遅れ").click();
    harness.run();
    assert_eq!(stored(harness.state(), 16, R3).unwrap().rating, Rating::C);
    harness.state_mut().record.undo();
    harness.run();
    assert_eq!(stored(harness.state(), 16, R3).unwrap().rating, Rating::A, "undo brings back A");
}

#[test]
fn texts_are_saved_when_the_field_is_left_not_per_keystroke() {
    let mut harness = harness(TestRecord::sap3(), 21, R4);
    harness.run();
    harness.get_all_by_role(Role::MultilineTextInput).next().expect("取組実績").click();
    harness.run();
    for word in ["在宅勤務", "を", "全課に拡大"] {
        harness.event(egui::Event::Text(word.into()));
        harness.run();
    }
    assert_eq!(stored(harness.state(), 21, R4), None, "nothing saved while typing");
    // Leaving the field (a click on the other one) saves both texts in one edit.
    harness.get_all_by_role(Role::MultilineTextInput).nth(1).expect("課題・今後の方針").click();
    harness.run();
    let e = stored(harness.state(), 21, R4).expect("saved on leaving the field");
    assert_eq!(e.results, "在宅勤務を全課に拡大");
    assert_eq!(e.rating, Rating::Unrated);
    let history = reform_tracker::store::Store::open(&harness.state().record.path).unwrap().history(10).unwrap();
    assert_eq!(history.len(), 1);
}

#[test]
fn the_automatic_judgement_is_shown_as_a_suggestion() {
    let mut record = TestRecord::sap3();
    record.set_actual(21, 1, R3, 30.0);
    let mut harness = harness(record, 21, R3);
    harness.run();
    // (30 − 8) / (50 − 8) = 52.4% ≥ 33.3% at the end of 令和3年度: 順調.
    assert!(harness.query_by_label_contains("順調（進捗率 52.4%）").is_some());
}

#[test]
fn the_council_opinion_is_saved_when_its_field_is_left_and_undone_in_one_step() {
    let mut harness = harness(TestRecord::sap3(), 16, R4);
    harness.run();
    harness.get_all_by_role(Role::MultilineTextInput).nth(2).expect("審議会意見").click();
    harness.run();
    harness.event(egui::Event::Text("徴収率の推移も示すこと。".into()));
    harness.run();
    let opinion = |app: &App| app.record.on_disk().item_by_number(16).unwrap().council_opinions.get(&R4).cloned();
    assert_eq!(opinion(harness.state()), None, "nothing saved while typing");
    harness.get_all_by_role(Role::MultilineTextInput).next().expect("取組実績").click();
    harness.run();
    assert_eq!(opinion(harness.state()).as_deref(), Some("徴収率の推移も示すこと。"));
    assert_eq!(stored(harness.state(), 16, R4), None, "the evaluation itself is untouched");
    harness.state_mut().record.undo();
    harness.run();
    assert_eq!(opinion(harness.state()), None, "one undo takes it back");
}
