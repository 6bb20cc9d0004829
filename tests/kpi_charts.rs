//! The グラフ tab in real egui frames: the summary strip counts, the KPI picker, and
//! snapshots in the light and the dark theme.

mod common;
mod kpi_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kpi_common::{R3, R4, TestRecord, context_setup};
use reform_tracker::model::Rating;
use reform_tracker::ui::charts::{self, ChartsState};

struct App {
    record: TestRecord,
    charts: ChartsState,
}

fn progressed_record() -> TestRecord {
    let mut r = TestRecord::sap3();
    r.set_actual(16, 1, R3, 902_000_000.0);
    r.set_actual(16, 1, R4, 960_000_000.0);
    r.set_actual(2, 1, R3, 4.0);
    r.set_actual(2, 1, R4, 5.0);
    r.set_actual(21, 1, R3, 30.0);
    r.set_actual(26, 1, R3, 5.0);
    r.set_actual(12, 1, R3, 590_000.0);
    r.set_actual(30, 1, R3, 25.0);
    for (n, rating) in [(16, Rating::B), (2, Rating::S), (21, Rating::A), (26, Rating::A), (12, Rating::C)] {
        r.rate(n, R3, rating);
    }
    r.rate(2, R4, Rating::A);
    r.rate(16, R4, Rating::C);
    r
}

fn harness(record: TestRecord, theme: egui::Theme) -> Harness<'static, App> {
    harness_of_width(record, theme, 1200.0)
}

fn harness_of_width(record: TestRecord, theme: egui::Theme, width: f32) -> Harness<'static, App> {
    let mut charts = ChartsState::default();
    charts.selected_kpi = Some(record.kpi_id(16, 1));
    Harness::builder().with_size([width, 1000.0]).with_theme(theme).with_context_setup(context_setup).build_ui_state(
        |ui, app: &mut App| charts::show(ui, &app.record.view(), &mut app.charts),
        App { record, charts },
    )
}

#[test]
fn summary_strip_counts_ratings_and_judgements() {
    let mut harness = harness(progressed_record(), egui::Theme::Light);
    harness.run();
    // The latest rated year is 令和4年度: items 2 (A) and 16 (C); the other 29 are unrated.
    assert!(harness.query_by_label("令和4年度の評価（31件）").is_some());
    assert!(harness.query_by_label("A 計画どおり 1件").is_some());
    assert!(harness.query_by_label("C 遅れ 1件").is_some());
    assert!(harness.query_by_label("− 未評価 29件").is_some());
    // KPIs: 2 achieved (item 2: 5 of 5), 16 behind (−11.1%), 21/26/12/30 measured in R3.
    assert!(harness.query_by_label("達成 1件").is_some());
}

#[test]
fn a_narrow_window_moves_whole_counts_onto_the_next_line() {
    let mut harness = harness_of_width(progressed_record(), egui::Theme::Light, 700.0);
    harness.run();
    let first = harness.get_by_label("令和4年度の評価（31件）").rect();
    let last = harness.get_by_label("対象外 6件").rect();
    assert!(last.top() >= first.bottom(), "the strip wraps: {first:?} then {last:?}");
    for label in ["令和4年度の評価（31件）", "C 遅れ 1件", "数値目標（32件）", "対象外 6件"] {
        let rect = harness.get_by_label(label).rect();
        assert!(rect.height() < 1.5 * first.height(), "「{label}」 is on one line: {rect:?}");
    }
}

#[test]
fn a_filter_narrows_every_chart() {
    let mut record = progressed_record();
    record.visible = vec![record.item_id(16), record.item_id(2)];
    let mut harness = harness(record, egui::Theme::Light);
    harness.run();
    assert!(harness.query_by_label("令和4年度の評価（2件）").is_some());
    assert!(harness.query_by_label("数値目標（2件）").is_some());
}

#[test]
fn snapshot_of_the_charts_light() {
    let mut harness = harness(progressed_record(), egui::Theme::Light);
    harness.run();
    harness.snapshot("kpi_charts_light");
}

#[test]
fn snapshot_of_the_charts_dark() {
    let mut harness = harness(progressed_record(), egui::Theme::Dark);
    harness.run();
    harness.snapshot("kpi_charts_dark");
}

#[test]
fn a_kpi_without_a_baseline_is_not_drawn_from_zero() {
    // 項目1 (他部署業務の時間外勤務希望者, target 20 人 in R5) has no 基準値.
    let mut record = TestRecord::sap3();
    assert_eq!(record.plan().item_by_number(1).unwrap().kpis[0].baseline, None);
    record.set_actual(1, 1, R3, 5.0);
    record.set_actual(1, 1, R4, 9.0);
    let mut harness = harness(record, egui::Theme::Light);
    harness.state_mut().charts.selected_kpi = Some(harness.state().record.kpi_id(1, 1));
    harness.run();
    // The legend names every series drawn: no 基準値 point, the plan line from R3's actual.
    assert!(harness.query_by_label("基準値").is_none(), "no 基準値 is plotted");
    assert!(harness.query_by_label("計画線").is_some());
    assert!(harness.query_by_label("目標値").is_some());
    assert!(
        harness.query_by_label("基準値が未設定のため、計画線は最初の実績（R3）から目標値へ引いています。").is_some()
    );

    // Item 16 has a 基準値: it is plotted, and no note.
    harness.state_mut().charts.selected_kpi = Some(harness.state().record.kpi_id(16, 1));
    harness.run();
    assert!(harness.query_by_label("基準値").is_some());
    assert!(harness.query_by_label_contains("基準値が未設定").is_none());
}

#[test]
fn a_kpi_without_a_baseline_or_actuals_has_no_plan_line() {
    let record = TestRecord::sap3();
    let mut harness = harness(record, egui::Theme::Light);
    harness.state_mut().charts.selected_kpi = Some(harness.state().record.kpi_id(3, 1));
    harness.run();
    assert!(harness.query_by_label("計画線").is_none());
    assert!(harness.query_by_label("基準値").is_none());
    assert!(harness.query_by_label("目標値").is_some());
    assert!(harness.query_by_label("基準値が未設定のため、実績が入るまで計画線は引けません。").is_some());
}
