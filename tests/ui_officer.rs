//! The window as the planning officer meets it on a 1366×768 office laptop: the 基準日 window,
//! lateness, the year's evaluation in view, the whole period at a glance, windows that fit the
//! screen, the history in 和暦, the guide, and a path field where no file dialog can open.
//! The real App on real record files, driven by label.

mod common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use reform_tracker::layout::Zoom;
use reform_tracker::model::{PhaseStatus, YearMonth};
use reform_tracker::store::Store;
use reform_tracker::ui::windows::help::GUIDE;
use reform_tracker::ui::windows::path_entry::PathFor;
use reform_tracker::ui::{App, Selection, Tab};

use common::TempRecord;

const LAPTOP: egui::Vec2 = egui::vec2(1366.0, 768.0);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The window at 1366×768; `as_of` fixes the 基準日 (`None`: the App chooses, as on a real start).
fn laptop(record: &TempRecord, as_of: Option<NaiveDate>) -> Harness<'static, App> {
    let mut app = App::new(Store::open(&record.path).unwrap()).unwrap();
    app.set_reference_date(as_of);
    let mut harness = Harness::builder()
        .with_size(LAPTOP)
        .with_context_setup(App::setup_context)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

fn open_menu(harness: &mut Harness<'_, App>, menu: &str, entry: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

/// A node lies wholly on the laptop's screen and below the menu bar.
fn assert_on_screen(harness: &Harness<'_, App>, label: &str) {
    let menu = harness.get_by_label("ファイル").rect();
    let rect = harness.get_by_label(label).rect();
    assert!(rect.top() >= menu.bottom(), "{label} is over the menu bar: {rect:?}");
    assert!(rect.left() >= 0.0 && rect.right() <= LAPTOP.x, "{label} runs off the side: {rect:?}");
    assert!(rect.bottom() <= LAPTOP.y, "{label} runs off the bottom: {rect:?}");
}

#[test]
fn the_reference_date_is_typed_in_a_window_that_stays_open() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    open_menu(&mut harness, "表示", "基準日…");

    for (typed, expected) in
        [("令和4年12月1日", day(2022, 12, 1)), ("R5.1.10", day(2023, 1, 10)), ("２０２３/２/３", day(2023, 2, 3))]
    {
        harness.get_by_role_and_label(Role::TextInput, "基準日を入力").click();
        harness.run();
        harness.get_by_role_and_label(Role::TextInput, "基準日を入力").type_text(typed);
        harness.run();
        harness.get_by_label("設定").click();
        harness.run();
        assert_eq!(harness.state().reference_date(), expected, "{typed}");
        // Still open for the next date.
        harness.get_by_role_and_label(Role::TextInput, "基準日を入力");
    }

    // What is not a date is refused in words; the 基準日 stays.
    harness.get_by_role_and_label(Role::TextInput, "基準日を入力").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "基準日を入力").type_text("来週");
    harness.run();
    harness.get_by_label("設定").click();
    harness.run();
    assert!(harness.query_all_by_label_contains("「来週」を読めません").count() > 0);
    assert_eq!(harness.state().reference_date(), day(2023, 2, 3));

    // The calendar, headed in 和暦: a day picked is the 基準日.
    harness.get_by_label("令和5年2月");
    harness.get_by_label("令和5年2月14日").click();
    harness.run();
    assert_eq!(harness.state().reference_date(), day(2023, 2, 14));
    harness.get_by_label("前の月").click();
    harness.run();
    harness.get_by_label("令和5年1月");
    assert_on_screen(&harness, "基準日を入力");
}

#[test]
fn a_finished_plan_opens_at_its_last_day_and_says_so() {
    let record = TempRecord::sap3();
    // SAP III ran 令和3〜5年度; today (2026 or later) is past it.
    let harness = laptop(&record, None);
    assert_eq!(harness.state().reference_date(), day(2024, 3, 31));
    assert!(harness.query_all_by_label_contains("基準日: 令和6年3月31日（計画期間は終了しました）").count() > 0);
}

#[test]
fn the_years_evaluation_is_in_view_for_the_year_of_the_reference_date() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    let item = harness.state().plan().item_by_number(16).unwrap().clone();
    harness.get_by_label(&format!("{}. {}", item.number, item.title)).click();
    harness.run();
    harness.get_by_label("項目詳細").click();
    harness.run();
    assert_eq!(harness.state().persisted().tab, Tab::Detail);
    // 2022-10-01 lies in 令和4年度.
    harness.get_by_label("令和4年度の評価");
    for field in ["取組実績", "課題・今後の方針"] {
        assert_on_screen(&harness, field);
    }
    // The other years one click away.
    harness.get_by_label("令和3年度").click();
    harness.run();
    harness.get_by_label("令和3年度の評価");
}

#[test]
fn phases_past_their_end_are_late_and_the_filter_counts_them() {
    let record = TempRecord::sap3();
    let plan = record.session().plan().clone();
    // Item 7's first row: 検討 in 令和3年度 (to 2022-03), entered as 未着手.
    let item7 = plan.item_by_number(7).unwrap();
    let phase = &item7.schedule[0].phases[0].data;
    assert_eq!((phase.end, phase.status), (YearMonth::new(2022, 3), PhaseStatus::NotStarted));

    let mut harness = laptop(&record, Some(day(2022, 3, 31)));
    harness.get_by_label("状況で絞り込み").click();
    harness.run();
    harness.get_by_label("遅れあり").click();
    harness.run();
    let on_time = harness.state().visible_items();
    assert!(!on_time.contains(&item7.id), "its last month has not passed yet");

    harness.state_mut().set_reference_date(Some(day(2022, 4, 1)));
    harness.run();
    let late = harness.state().visible_items();
    assert!(late.contains(&item7.id), "late from the first day after its planned end");
    assert!(late.len() > on_time.len());
}

#[test]
fn an_actual_start_moves_the_phase_to_in_progress_in_one_undo_step() {
    let record = TempRecord::sap3();
    let plan = record.session().plan().clone();
    let item7 = plan.item_by_number(7).unwrap();
    let phase = &item7.schedule[0].phases[0];
    let mut harness = laptop(&record, Some(day(2021, 6, 1)));
    harness.state_mut().select(Some(Selection::Phase(phase.id)));
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, "実績開始").click();
    harness.run();
    harness.get_by_label("令和3年5月").click();
    harness.run();

    let stored = |record: &TempRecord| {
        let plan = record.on_disk();
        let (_, _, p) = plan.phase(phase.id).unwrap();
        (p.data.actual_start, p.data.status)
    };
    assert_eq!(stored(&record), (Some(YearMonth::new(2021, 5)), PhaseStatus::InProgress));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(stored(&record), (None, PhaseStatus::NotStarted), "one Ctrl+Z takes back both");
}

#[test]
fn the_whole_period_fits_the_width_and_is_remembered() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    // The header's year cells exist only where they are on screen.
    assert!(harness.query_by_label("令和5年度").is_none(), "by month, 令和5年度 is off screen at 1366");
    open_menu(&mut harness, "表示", "計画期間全体を幅に合わせる");
    assert_eq!(harness.state().persisted().zoom, Zoom::Fit, "kept with the window's remembered state");
    let r = harness.get_by_label("令和5年度").rect();
    assert!(r.left() < LAPTOP.x && r.right() <= LAPTOP.x + 1.0, "令和5年度 whole on screen: {r:?}");
}

#[test]
fn windows_open_below_the_menu_and_fit_the_laptop_screen() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    open_menu(&mut harness, "ヘルプ", "このアプリについて");
    assert_on_screen(&harness, "フォント: BIZ UDゴシック（SIL Open Font License 1.1）");
    assert_on_screen(&harness, "記録は 1 つの SQLite ファイルに保存されます。変更はその場で保存されます。");

    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("使い方");
    assert_on_screen(&harness, "1. 進捗を入力する");

    open_menu(&mut harness, "ファイル", "CSV出力…");
    assert_on_screen(&harness, "CSV出力");
}

#[test]
fn the_guide_names_only_menu_entries_that_exist() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    let mut checked = 0;
    for (_, lines) in GUIDE {
        for line in *lines {
            // 「ファイル → 進捗調査票を作成…」: the menu, then its entry up to the first space or 「（」.
            for menu in ["ファイル", "編集", "表示"] {
                for part in line.split(&format!("{menu} → ")).skip(1) {
                    let entry: String = part.chars().take_while(|c| !matches!(c, ' ' | '（' | '、' | '。')).collect();
                    harness.get_by_label(menu).click();
                    harness.run();
                    let found = harness.query_all_by_label_contains(&entry).count();
                    assert!(found > 0, "the guide names 「{entry}」, which the {menu} menu lacks");
                    harness.key_press(Key::Escape);
                    harness.run();
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn the_history_is_dated_in_wareki_and_an_undo_there_updates_last_saved() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    assert!(harness.query_all_by_label_contains("最終保存: —").count() > 0);
    // A change made elsewhere (the command line), then undone from the window's history.
    let out = common::run(&[
        "set-actual",
        "--db",
        record.path.to_str().unwrap(),
        "--item",
        "2",
        "--year",
        "R3",
        "--value",
        "4",
    ]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let ctx = harness.ctx.clone();
    harness.state_mut().check_other_writers(&ctx);
    harness.run();
    open_menu(&mut harness, "ファイル", "変更履歴");
    // Today in 和暦, written out here (令和N = 西暦 − 2018), followed by the time.
    let today = chrono::Local::now().date_naive();
    use chrono::Datelike as _;
    let wareki = format!("令和{}年{}月{}日 ", today.year() - 2018, today.month(), today.day());
    assert!(harness.query_all_by_label_contains(&wareki).count() > 0, "no history row dated {wareki}");
    harness.get_by_label("取り消す").click();
    harness.run();
    let plan = record.on_disk();
    assert_eq!(plan.item_by_number(2).unwrap().kpis[0].actuals.get(&reform_tracker::model::FiscalYear(2021)), None);
    assert_eq!(harness.query_all_by_label_contains("最終保存: —").count(), 0, "saved just now");
}

#[test]
fn where_no_file_dialog_opens_a_path_can_be_typed() {
    let record = TempRecord::sap3();
    let target = record.beside("写し.sqlite");
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    harness.state_mut().ask_for_path(PathFor::Export);
    harness.run();
    assert!(harness.query_all_by_label_contains("ファイルを選ぶ画面を開けませんでした").count() > 0);
    harness.get_by_role_and_label(Role::TextInput, "パス").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "パス").type_text(target.to_str().unwrap());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    let copy = Store::open(&target).unwrap().load().unwrap();
    assert_eq!(copy.items.len(), 31);
}

#[test]
fn the_shared_record_notice_is_read_whole() {
    let record = TempRecord::sap3();
    let mut harness = laptop(&record, Some(day(2022, 10, 1)));
    let notice = "注意: 記録ファイル D:\\共有\\行政改革\\record.sqlite は、すでに別の画面（このPCか、共有フォルダーの別のPC）でも開かれています。両方の画面で編集でき、互いの変更は数秒で反映されます。同じ箇所を同時に変えたときは、後からの変更を止めてお知らせします。";
    harness.state_mut().notice(notice.to_string());
    harness.run();
    assert_on_screen(&harness, notice);
    harness.get_by_label("閉じる").click();
    harness.run();
    assert!(harness.query_by_label(notice).is_none());
}
