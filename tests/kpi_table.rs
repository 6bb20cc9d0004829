//! The 数値目標 table in real egui frames, on a real record file: typing, refusals, sorting,
//! IME, undo, frozen columns, the question about far-out values, and a snapshot of what the
//! officer sees.

mod common;
mod kpi_common;
mod pointer;

use egui::{Event, ImeEvent, Key};
use egui_kittest::kittest::Queryable;
use kpi_common::table::{TREE_WIDTH, harness, history_len, laptop_harness, press, scroll_sideways, type_text, wheel};
use kpi_common::{R3, R4, TestRecord};
use reform_tracker::model::{KpiValue, Rating};

#[test]
fn full_width_digits_are_saved_to_the_file() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目16 R3実績").click();
    harness.run();
    type_text(&mut harness, "９０２，０００，０００");
    press(&mut harness, Key::Enter);

    let app = harness.state();
    assert_eq!(app.record.actual_on_disk(16, 1, R3), Some(KpiValue::Number(902_000_000.0)));
    assert_eq!(history_len(app), 1, "one commit is one edit");
    // 進捗率 and 判定 follow at once: (902,000,000 − 949,451,676) / (854,506,508 − 949,451,676) = 50.0%.
    let cell = harness.get_by_label("項目16 R3実績");
    assert_eq!(cell.value().as_deref(), Some("902,000,000"));
    assert!(harness.query_by_label("50.0%").is_some(), "進捗率 shows the new rate");
}

#[test]
fn unreadable_input_is_refused_and_nothing_changes() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目21 R3実績").click();
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
    let y31 = harness.get_by_label("項目31 R4実績").rect().center().y;
    let y30 = harness.get_by_label("項目30 R4実績").rect().center().y;
    assert!(y31 < y30, "descending order puts item 31 above item 30");

    harness.get_by_label("項目31 R4実績").click();
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
    harness.get_by_label("項目2 R3実績").click();
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
    harness.get_by_label("項目12 R3実績").click();
    harness.run();
    type_text(&mut harness, "６１５，０００");
    press(&mut harness, Key::Tab);
    assert_eq!(harness.state().record.actual_on_disk(12, 1, R3), Some(KpiValue::Number(615_000.0)));
    // Tab moved on to the next cell of the row.
    assert!(harness.get_by_label("項目12 R4実績").is_focused());

    harness.state_mut().record.undo();
    harness.run();
    assert_eq!(harness.state().record.actual_on_disk(12, 1, R3), None);
    assert_eq!(harness.get_by_label("項目12 R3実績").value().as_deref(), Some(""));
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
    harness.get_by_label("項目15 R4実績").click();
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

#[test]
fn number_and_title_stay_in_view_when_the_table_scrolls_right_at_1366() {
    let mut record = TestRecord::sap3();
    record.set_actual(16, 1, R3, 902_000_000.0);
    let title = record.plan().item_by_number(16).unwrap().title.clone();
    let mut harness = laptop_harness(record);
    harness.run();
    let view = egui::Rect::from_min_max(egui::pos2(TREE_WIDTH, 0.0), egui::pos2(1366.0, 768.0));
    let title_before = harness.get_by_label(&title).rect();
    // 進捗率 is off to the right at first: the row must be scrolled to reach it.
    assert!(harness.get_by_label("進捗率").rect().right() > view.right(), "進捗率 starts out of view");

    let at = harness.get_by_label("項目16 目標名").rect().center();
    scroll_sideways(&mut harness, at, 2000.0);

    // Scrolled: 進捗率, 判定 and the ratings are in view, and so are 項目番号 and 改革項目, where they were.
    for header in ["進捗率", "判定", "R5実績", "R3評価", "項目番号", "改革項目"] {
        let rect = harness.get_by_label(header).rect();
        assert!(view.contains_rect(rect), "「{header}」 {rect:?} is within {view:?}");
    }
    let number = harness.get_by_label("16").rect();
    let title_after = harness.get_by_label(&title).rect();
    assert_eq!(title_after, title_before, "改革項目 has not moved");
    assert!(view.contains_rect(number) && view.contains_rect(title_after));
    // The row is the same row: its 進捗率 (50.0%) is in view beside the frozen 番号, on one line.
    let rate = harness.get_by_label("50.0%").rect();
    assert!(view.contains_rect(rate), "{rate:?}");
    assert!((rate.center().y - number.center().y).abs() < 1.0);
    assert!(rate.left() > title_after.right(), "進捗率 is right of the frozen columns");
    // The scrolled columns went under the frozen ones: 目標名 starts left of 改革項目's end.
    assert!(harness.get_by_label("項目16 目標名").rect().left() < title_after.right());
    // A click on the frozen 改革項目 opens nothing hidden beneath it.
    harness.get_by_label(&title).click();
    harness.run();
    assert!(harness.state().table.editing.is_none());

    // The header scrolled with the rows: R3実績 is straight above 項目16's R3実績.
    let header = harness.get_by_label("R3実績").rect();
    let cell = harness.get_by_label("項目16 R3実績").rect();
    assert!((header.left() - cell.left()).abs() < 1.0, "{header:?} above {cell:?}");
}

#[test]
fn year_columns_are_named_in_one_style() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    for header in ["R3実績", "R4実績", "R5実績", "R3評価", "R4評価", "R5評価"] {
        assert!(harness.query_by_label(header).is_some(), "「{header}」");
    }
    assert!(harness.query_by_label_contains("令和3年度実績").is_none());
    // The full year on hover.
    let at = harness.get_by_label("R3実績").rect().center();
    pointer::hover(&mut harness, at);
    assert!(harness.query_by_label_contains("令和3年度（2021年4月～2022年3月）の実績").is_some());
}

#[test]
fn typing_on_a_selected_cell_replaces_its_value() {
    let mut record = TestRecord::sap3();
    record.set_actual(17, 1, R3, 2.0);
    let mut harness = harness(record);
    harness.run();
    // Select 項目17's R3実績 without opening it: open 項目16's above, and Enter moves down.
    harness.get_by_label("項目16 R3実績").click();
    harness.run();
    press(&mut harness, Key::Enter);
    assert!(harness.state().table.editing.is_none());
    assert!(harness.get_by_label("項目17 R3実績").is_focused());

    type_text(&mut harness, "5");
    let app = harness.state();
    assert_eq!(app.table.buffer, "5", "the typed digit replaces 2, as in Excel");
    assert!(app.table.editing.is_some());
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(17, 1, R3), Some(KpiValue::Number(5.0)));
    assert_eq!(history_len(harness.state()), 2, "the set-up value and the typed one");
    // Enter went on down: 項目18 is selected, and full-width typing works the same.
    assert!(harness.get_by_label("項目18 R3実績").is_focused());
    type_text(&mut harness, "７");
    press(&mut harness, Key::Tab);
    assert_eq!(harness.state().record.actual_on_disk(18, 1, R3), Some(KpiValue::Number(7.0)));
    // Tab went on across: 項目18's R4実績 is selected, and a pasted value replaces it too.
    harness.event(Event::Paste("８".into()));
    harness.run();
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(18, 1, R4), Some(KpiValue::Number(8.0)));
}

#[test]
fn an_ime_conversion_on_a_selected_cell_opens_it() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目21 R3実績").click();
    harness.run();
    press(&mut harness, Key::Escape);
    assert!(harness.get_by_label("項目21 R3実績").is_focused());
    // The platform may use the IME on the selected cell (egui offers it only to text fields).
    assert!(harness.output().platform_output.ime.is_some(), "the IME is allowed on the selected cell");

    harness.event(Event::Ime(ImeEvent::Preedit { text: "３０".into(), active_range_chars: None }));
    harness.run();
    assert!(harness.state().table.editing.is_some());
    assert_eq!(harness.state().table.buffer, "３０");
    harness.event(Event::Ime(ImeEvent::Commit("３０".into())));
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().table.editing.is_some(), "the Enter that confirmed the conversion does not commit");
    harness.run_steps(6);
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(30.0)));
}

#[test]
fn f2_and_enter_open_a_selected_cell_with_its_stored_text() {
    let mut record = TestRecord::sap3();
    record.set_actual(21, 1, R3, 30.0);
    let mut harness = harness(record);
    harness.run();
    harness.get_by_label("項目21 R3実績").click();
    harness.run();
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::F2);
    assert_eq!(harness.state().table.buffer, "30");
    // F2 puts the cursor after the text: typing adds to it.
    type_text(&mut harness, "5");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(305.0)));

    // Enter on the selected cell below opens it with its text selected: typing replaces it.
    harness.state_mut().record.set_actual(22, 1, R3, 4.0);
    harness.run();
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().table.buffer, "4");
    type_text(&mut harness, "3");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().record.actual_on_disk(22, 1, R3), Some(KpiValue::Number(3.0)));
}

const QUESTION: &str = "この値は目標値・基準値から大きく離れています。保存しますか？";

#[test]
fn a_value_far_outside_its_kpi_is_asked_about_once() {
    let mut record = TestRecord::sap3();
    record.set_actual(21, 1, R3, 30.0);
    let mut harness = harness(record);
    harness.run();
    // 在宅勤務の実施職員, 8 → 50 人/日: −818 would be 進捗率 −1966.7 %.
    harness.get_by_label("項目21 R3実績").click();
    harness.run();
    type_text(&mut harness, "−818");
    press(&mut harness, Key::Enter);
    harness.run();
    assert_eq!(harness.query_all_by_label(QUESTION).count(), 1, "asked, once");
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(30.0)), "nothing saved yet");

    // いいえ: the stored value stays; the text is open again for a correction.
    harness.get_by_label("いいえ").click();
    harness.run();
    assert!(harness.query_by_label(QUESTION).is_none());
    assert_eq!(harness.state().table.buffer, "−818");
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(30.0)));
    assert_eq!(history_len(harness.state()), 1, "only the set-up value");

    // Asked again on the next Enter; はい saves it, once, and the question is gone.
    press(&mut harness, Key::Enter);
    harness.run();
    assert_eq!(harness.query_all_by_label(QUESTION).count(), 1);
    harness.get_by_label("はい").click();
    harness.run_steps(5);
    assert!(harness.query_by_label(QUESTION).is_none());
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(-818.0)));
    assert_eq!(history_len(harness.state()), 2);
    assert!(harness.state().table.editing.is_none());
    // Enter went on down, as it does without the question.
    assert!(harness.get_by_label("項目22 R3実績").is_focused());
}

#[test]
fn a_share_of_1000_percent_is_asked_about_and_esc_keeps_the_stored_value() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    // 市内16地区の規模の見直し実施割合: target 100 %.
    harness.get_by_label("項目9 R4実績").click();
    harness.run();
    type_text(&mut harness, "1000");
    press(&mut harness, Key::Tab);
    harness.run();
    assert!(harness.query_by_label(QUESTION).is_some());
    press(&mut harness, Key::Escape);
    assert!(harness.query_by_label(QUESTION).is_none());
    assert_eq!(harness.state().table.buffer, "1000", "back to the text");
    press(&mut harness, Key::Escape);
    assert!(harness.state().table.editing.is_none());
    assert_eq!(harness.state().record.actual_on_disk(9, 1, R4), None);
    assert_eq!(history_len(harness.state()), 0);

    // A value within reach is saved at once, without a question.
    harness.get_by_label("項目9 R4実績").click();
    harness.run();
    type_text(&mut harness, "62.5");
    press(&mut harness, Key::Enter);
    assert!(harness.query_by_label(QUESTION).is_none());
    assert_eq!(harness.state().record.actual_on_disk(9, 1, R4), Some(KpiValue::Number(62.5)));
}

#[test]
fn a_cell_reached_by_the_keyboard_is_scrolled_clear_of_the_frozen_columns() {
    let mut record = TestRecord::sap3();
    let title = record.plan().item_by_number(16).unwrap().title.clone();
    record.set_actual(16, 1, R3, 902_000_000.0);
    let mut harness = laptop_harness(record);
    harness.run();
    let at = harness.get_by_label("項目16 目標名").rect().center();
    scroll_sideways(&mut harness, at, 2000.0);
    let frozen_end = harness.get_by_label(&title).rect().right();
    assert!(harness.get_by_label("項目16 単位").rect().left() < frozen_end, "単位 is under the frozen columns");

    // Shift+Tab from R3実績 goes back through 目標値 and 基準値 to 単位: the view brings it out
    // from under 改革項目.
    harness.get_by_label("項目16 R3実績").click();
    harness.run();
    for _ in 0..3 {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
        harness.run_steps(10);
    }
    let unit = harness.get_by_label("項目16 単位");
    assert!(unit.is_focused());
    assert!(
        unit.rect().left() >= frozen_end,
        "{:?} is clear of the frozen columns ending at {frozen_end}",
        unit.rect()
    );
    assert_eq!(harness.get_by_label(&title).rect().right(), frozen_end, "改革項目 stays where it is");
}

#[test]
fn while_the_question_is_open_no_other_cell_opens() {
    let mut harness = harness(TestRecord::sap3());
    harness.run();
    harness.get_by_label("項目21 R3実績").click();
    harness.run();
    type_text(&mut harness, "９９９９");
    press(&mut harness, Key::Enter);
    harness.run();
    assert!(harness.state().table.confirmation_pending());
    let item2 = harness.get_by_label("項目2 R3実績").rect();
    harness.get_by_label("項目2 R3実績").click();
    harness.run();
    assert!(harness.query_by_label(QUESTION).is_some(), "the question waits for its answer");
    // Nor does the table scroll away from it.
    let question = harness.get_by_label(QUESTION).rect();
    wheel(&mut harness, item2.center(), egui::vec2(0.0, -400.0));
    assert_eq!(harness.get_by_label(QUESTION).rect(), question);
    assert_eq!(harness.get_by_label("項目2 R3実績").rect(), item2);
    harness.get_by_label("はい").click();
    harness.run();
    assert_eq!(harness.state().record.actual_on_disk(21, 1, R3), Some(KpiValue::Number(9999.0)));
    assert_eq!(harness.state().record.actual_on_disk(2, 1, R3), None);
}

#[test]
fn a_value_is_marked_provisional_from_its_cell_menu_and_undone() {
    let mut record = TestRecord::sap3();
    record.set_actual(16, 1, R4, 870_000_000.0);
    let mut harness = harness(record);
    harness.run();
    harness.get_by_label("項目16 R4実績").click_secondary();
    harness.run();
    harness.get_by_label("暫定値にする").click();
    harness.run();
    let marked =
        |app: &kpi_common::table::App| app.record.on_disk().item_by_number(16).unwrap().kpis[0].is_provisional(R4);
    assert!(marked(harness.state()), "saved to the file at once");
    let shown = harness.get_by_label("項目16 R4実績").value();
    assert_eq!(shown.as_deref(), Some("870,000,000（暫定）"), "the cell shows the mark");
    harness.state_mut().record.undo();
    harness.run();
    assert!(!marked(harness.state()), "one undo takes the mark back");
}

#[test]
fn values_show_the_decimals_the_plan_prints() {
    let mut record = TestRecord::sap3();
    record.visible = vec![record.item_id(16), record.item_id(30)];
    let mut harness = harness(record);
    harness.run();
    // data/sap3.toml: item 30's rate is printed 18.0 (令和2年度) and 33.0 in the plan document.
    assert_eq!(harness.get_by_label("項目30 基準値（年度）").value().as_deref(), Some("18.0（R2）"));
    assert_eq!(harness.get_by_label("項目16 基準値（年度）").value().as_deref(), Some("949,451,676（R2）"));
}
