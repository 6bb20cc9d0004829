//! The 数値目標 table in real egui frames, on a real record file: typing, refusals, sorting,
//! IME, undo, and a snapshot of what the officer sees.

mod kpi_common;
mod pointer;

use egui::{Event, ImeEvent, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kpi_common::{R3, R4, TestRecord, context_setup};
use reform_tracker::model::{KpiValue, Rating};
use reform_tracker::ui::kpi_column_widths::KpiColumnWidths;
use reform_tracker::ui::kpi_table::{self, KpiTableState};

struct App {
    record: TestRecord,
    table: KpiTableState,
    widths: KpiColumnWidths,
}

fn harness(record: TestRecord) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1500.0, 760.0])
        // Frames 1/60 s apart, as on screen: the IME's echoed Enter is told apart by time.
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(context_setup)
        .build_ui_state(
            |ui, app: &mut App| {
                let mut edits = Vec::new();
                kpi_table::show(
                    ui,
                    &app.record.plan,
                    app.record.version,
                    &app.record.visible,
                    &mut app.table,
                    &mut app.widths,
                    &mut edits,
                );
                app.record.apply(edits);
            },
            App { record, table: KpiTableState::default(), widths: KpiColumnWidths::default() },
        )
}

fn type_text(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(Event::Text(text.to_string()));
    harness.run();
}

fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn history_len(app: &App) -> usize {
    reform_tracker::store::Store::open(&app.record.path).unwrap().history(1000).unwrap().len()
}

#[test]
fn full_width_digits_are_saved_to_the_file() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目16 令和3年度実績").click();
    harness.run();
    type_text(&mut harness, "９０２，０００，０００");
    press(&mut harness, Key::Enter);

    let app = harness.state();
    assert_eq!(app.record.actual_on_disk(16, 1, R3), Some(KpiValue::Number(902_000_000.0)));
    assert_eq!(history_len(app), 1, "one commit is one edit");
    // 進捗率 and 判定 follow at once: (902,000,000 − 949,451,676) / (854,506,508 − 949,451,676) = 50.0%.
    let cell = harness.get_by_label("項目16 令和3年度実績");
    assert_eq!(cell.value().as_deref(), Some("902,000,000"));
    assert!(harness.query_by_label("50.0%").is_some(), "進捗率 shows the new rate");
}

#[test]
fn unreadable_input_is_refused_and_nothing_changes() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目21 令和3年度実績").click();
    harness.run();
    type_text(&mut harness, "abc");
    press(&mut harness, Key::Enter);

    assert!(harness.query_by_label_contains("「abc」は数値として読めません").is_some());
    let app = harness.state();
    assert_eq!(app.record.actual_on_disk(21, 1, R3), None);
    assert_eq!(history_len(app), 0);
    assert!(app.table.editing.is_some(), "the cell stays open for a correction");

    // Esc gives up: the message goes, the stored value is still empty.
    press(&mut harness, Key::Escape);
    assert!(harness.query_by_label_contains("数値として読めません").is_none());
    assert!(harness.state().table.editing.is_none());
    assert_eq!(history_len(harness.state()), 0);
}

#[test]
fn enter_moves_down_the_sorted_column_to_the_right_kpi() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    // 項目番号 twice: descending, so the row under item 31 is item 30.
    harness.get_by_label("項目番号").click();
    harness.run();
    harness.get_by_label("項目番号 ▲").click();
    harness.run();
    assert!(harness.query_by_label("項目番号 ▼").is_some());
    let y31 = harness.get_by_label("項目31 令和4年度実績").rect().center().y;
    let y30 = harness.get_by_label("項目30 令和4年度実績").rect().center().y;
    assert!(y31 < y30, "descending order puts item 31 above item 30");

    harness.get_by_label("項目31 令和4年度実績").click();
    harness.run();
    type_text(&mut harness, "２");
    press(&mut harness, Key::Enter);
    // The keyboard alone: Enter opens the cell below, typing and Enter commit it.
    press(&mut harness, Key::Enter);
    type_text(&mut harness, "２５．５%");
    press(&mut harness, Key::Enter);

    let app = harness.state();
    assert_eq!(app.record.actual_on_disk(31, 1, R4), Some(KpiValue::Number(2.0)));
    assert_eq!(app.record.actual_on_disk(30, 1, R4), Some(KpiValue::Number(25.5)));
    assert_eq!(history_len(app), 2);
}

#[test]
fn sorting_while_a_cell_is_open_keeps_the_edit_on_its_kpi() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目2 令和3年度実績").click();
    harness.run();
    type_text(&mut harness, "4");
    // Re-sort by 目標名 while the cell is open: the text stays with item 2's KPI.
    harness.get_by_label("目標名").click();
    harness.run();
    harness.run();
    let app = harness.state();
    assert_eq!(app.record.actual_on_disk(2, 1, R3), Some(KpiValue::Number(4.0)));
    let changed: Vec<_> = app
        .record
        .on_disk()
        .items
        .iter()
        .flat_map(|i| i.kpis.iter().map(move |k| (i.number, k.actuals.len())))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(changed, vec![(2, 1)], "no other KPI got the value");
}

#[test]
fn undo_restores_the_file_and_the_cell() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目12 令和3年度実績").click();
    harness.run();
    type_text(&mut harness, "６１５，０００");
    press(&mut harness, Key::Tab);
    assert_eq!(harness.state().record.actual_on_disk(12, 1, R3), Some(KpiValue::Number(615_000.0)));
    // Tab moved on to the next cell of the row.
    assert!(harness.get_by_label("項目12 令和4年度実績").is_focused());

    harness.state_mut().record.undo();
    harness.run();
    assert_eq!(harness.state().record.actual_on_disk(12, 1, R3), None);
    assert_eq!(harness.get_by_label("項目12 令和3年度実績").value().as_deref(), Some(""));
}

#[test]
fn enter_that_confirms_an_ime_conversion_does_not_commit() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目16 目標名").click();
    harness.run();
    harness.event(Event::Key {
        key: Key::End,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Default::default(),
    });
    harness.run();
    harness.event(Event::Ime(ImeEvent::Preedit { text: "げんがく".into(), active_range_chars: None }));
    harness.run();
    // While the conversion is open, Enter belongs to the IME.
    press(&mut harness, Key::Enter);
    assert!(harness.state().table.editing.is_some());
    // The IME confirms with Enter: the commit and the key arrive in the same frame.
    harness.event(Event::Ime(ImeEvent::Commit("減額".into())));
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().table.editing.is_some(), "the confirming Enter does not commit the cell");
    assert_eq!(history_len(harness.state()), 0);
    // The next Enter is the officer's (a moment later): it commits.
    harness.run_steps(6);
    press(&mut harness, Key::Enter);
    let app = harness.state();
    assert!(app.table.editing.is_none());
    let name = app.record.on_disk().item_by_number(16).unwrap().kpis[0].name.clone();
    assert_eq!(name, "債権全体の未収金額（滞納繰越分）減額");
}

#[test]
fn text_goals_are_edited_as_text_and_units_are_editable() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目15 令和4年度実績").click();
    harness.run();
    type_text(&mut harness, "方針を決定");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(15, 1, R4), Some(KpiValue::Text("方針を決定".into())));

    harness.get_by_label("項目21 単位").click();
    harness.run();
    type_text(&mut harness, "名");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.on_disk().item_by_number(21).unwrap().kpis[0].unit, "名");
}

#[test]
fn snapshot_of_the_table() {
    let mut record = TestRecord::sap3();
    record.set_actual(16, 1, R3, 902_000_000.0);
    record.set_actual(16, 1, R4, 960_000_000.0);
    record.set_actual(2, 1, R3, 4.0);
    record.set_actual(21, 1, R3, 30.0);
    record.set_actual(11, 2, R3, -1_500.0);
    record.rate(16, R3, Rating::A);
    record.rate(16, R4, Rating::C);
    record.rate(2, R3, Rating::S);
    let mut harness = harness(record);
    harness.run();
    harness.snapshot("kpi_table");
}

#[test]
fn dragging_a_column_separator_widens_the_column() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    let name = harness.get_by_label("項目16 目標名").rect();
    let unit_before = harness.get_by_label("項目16 単位").rect();
    // The separator on the left of 単位 ends the 目標名 column; drag it 60 points to the right.
    let y = harness.get_by_label("目標名").rect().center().y;
    pointer::drag(&mut harness, egui::pos2(unit_before.left(), y), egui::vec2(60.0, 0.0));
    let unit_after = harness.get_by_label("項目16 単位").rect();
    assert_eq!(harness.get_by_label("項目16 目標名").rect().left(), name.left());
    assert!((unit_after.left() - unit_before.left() - 60.0).abs() < 1.0, "{unit_before:?} → {unit_after:?}");
}

#[test]
fn a_read_only_cell_explains_itself_on_hover() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    let title = harness.state().record.on_disk().item_by_number(16).unwrap().title.clone();
    assert_eq!(harness.query_all_by_label(&title).count(), 1, "the cell itself");
    let cell = harness.get_by_label(&title).rect().center();
    pointer::hover(&mut harness, cell);
    assert_eq!(harness.query_all_by_label(&title).count(), 2, "the cell and its hover text");
}

#[test]
fn a_name_cut_short_in_its_column_is_whole_on_hover() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    let name = harness.state().record.on_disk().item_by_number(16).unwrap().kpis[0].name.clone();
    assert_eq!(harness.query_all_by_label_contains(&name).count(), 0, "nothing shows the whole name yet");
    let cell = harness.get_by_label("項目16 目標名").rect().center();
    pointer::hover(&mut harness, cell);
    assert_eq!(harness.query_all_by_label_contains(&name).count(), 1, "the whole name in the hover text");
}

#[test]
fn double_clicking_a_separator_fits_the_column_to_its_longest_text() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    let name_left = harness.get_by_label("項目16 目標名").rect().left();
    let unit_before = harness.get_by_label("項目16 単位").rect().left();
    let y = harness.get_by_label("目標名").rect().center().y;
    pointer::double_click(&mut harness, egui::pos2(unit_before, y));
    harness.run();
    // The widest name, in the editable cells' font and with their 4-point margins, now fits whole.
    let plan = harness.state().record.on_disk();
    let font = egui::FontId::proportional(harness.ctx.global_style().text_styles[&egui::TextStyle::Body].size - 1.0);
    let widest = plan
        .items
        .iter()
        .flat_map(|item| &item.kpis)
        .map(|kpi| {
            harness.ctx.fonts_mut(|f| f.layout_no_wrap(kpi.name.clone(), font.clone(), egui::Color32::WHITE).size().x)
        })
        .fold(0.0, f32::max);
    let gap = harness.ctx.global_style().spacing.item_spacing.x;
    let width = harness.get_by_label("項目16 単位").rect().left() - name_left - gap;
    assert!(width > unit_before - name_left - gap, "SAP III's names are longer than the default width");
    assert!(width >= widest + 8.0, "{width} holds {widest} and the margins");
    assert!(width <= widest + 8.0 + 6.0, "{width} fits {widest} closely");
}
