//! The yearly progress survey in the real window: the ファイル menu's three entries, workbooks
//! written from the form, filled answers (full-width digits, a bad cell, a CSV in Shift_JIS, a
//! department that changed nothing) imported with a preview, applied to the real SQLite file,
//! tagged in the history, undone with Ctrl+Z, and the 回答状況 view.
//!
//! The system file dialogs cannot run here: the tests call what the menu calls once the officer
//! has chosen (`export_survey_to`, `import_survey_from`).

mod common;
mod survey_support;
mod ui_support;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use reform_tracker::model::{KpiValue, Plan, Rating};
use reform_tracker::store::Store;
use reform_tracker::survey;
use reform_tracker::ui::App;
use survey_support::*;

fn on_disk(path: &Path) -> Plan {
    Store::open(path).unwrap().load().unwrap()
}

/// The window in spring 2023, when the office asks about 令和4年度.
fn spring_2023(harness: &mut Harness<'static, App>) {
    harness.state_mut().set_reference_date(NaiveDate::from_ymd_opt(2023, 5, 10));
}

fn open_from_file_menu(harness: &mut Harness<'static, App>, entry: &str) {
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

/// 税務課 types item 16's actual in full-width digits and an impossible rating; 会計課 rates its
/// item A and saves the sheet as CSV from a Japanese Excel (Shift_JIS); 秘書課 sends its sheet
/// back untouched (nothing changed in its year). Returns the three files as received.
fn answers(plan: &Plan, out: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let item16 = plan.item_by_number(16).unwrap();
    let mut sheets = read_sheets(&std::fs::read(workbook_of(out, "税務課")).unwrap());
    let kpi_row = sheets[0].find_row("数値目標", 1, &item16.kpis[0].id.to_string());
    let eval_row = sheets[0].find_row("評価", 1, &item16.id.to_string());
    fill(&mut sheets, &[(kpi_row, 9, Typed::Text("８８０，０００，０００")), (eval_row, 4, Typed::Text("Q"))]);
    let tax = dir.join("税務課回答.xlsx");
    std::fs::write(&tax, write_workbook(&sheets)).unwrap();

    let acc_item = plan.items.iter().find(|i| i.department == "会計課").unwrap();
    let mut sheets = read_sheets(&std::fs::read(workbook_of(out, "会計課")).unwrap());
    let row = sheets[0].find_row("評価", 1, &acc_item.id.to_string());
    fill(&mut sheets, &[(row, 4, Typed::Text("Ａ"))]);
    let acc = dir.join("会計課回答.csv");
    std::fs::write(&acc, shift_jis_like_excel(&main_sheet_csv(&sheets))).unwrap();

    let hisho = dir.join("秘書課回答.xlsx");
    std::fs::copy(workbook_of(out, "秘書課"), &hisho).unwrap();
    vec![tax, acc, hisho]
}

#[test]
fn the_file_menu_has_the_survey_entries_and_they_open_their_windows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_record(dir.path(), "plan.sqlite");
    let mut harness = ui_support::harness(&path);
    spring_2023(&mut harness);
    harness.run();
    assert_eq!(harness.state().survey_year(), R4, "spring 2023 asks about 令和4年度");

    open_from_file_menu(&mut harness, "回答状況…");
    harness.get_by_label("令和4年度: 回答済み 0 課・未回答 17 課");
    // Another year chosen in the view.
    harness.get_all_by_label("令和5年度").last().unwrap().click();
    harness.run();
    harness.get_by_label("令和5年度: 回答済み 0 課・未回答 17 課");

    open_from_file_menu(&mut harness, "進捗調査票を作成…");
    harness.get_by_label("保存先のフォルダーを選んで作成…");
    harness.get_by_role_and_label(Role::ComboBox, "実施課").click();
    harness.run();
    harness.get_by_label("すべての課（17 課）");
    harness.get_all_by_label("税務課").last().unwrap().click();
    harness.run();
    assert!(harness.query_all_by_label("すべての課（17 課）").next().is_none(), "one department chosen");

    harness.get_by_label("ファイル").click();
    harness.run();
    // In the menu, and as a button of the 回答状況 view.
    assert_eq!(harness.query_all_by_label("調査票を取り込む…").count(), 2);
}

#[test]
fn workbooks_are_written_from_the_form_and_a_bad_folder_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_record(dir.path(), "plan.sqlite");
    let mut harness = ui_support::harness(&path);
    let out = dir.path().join("調査票");
    harness.state_mut().export_survey_to(&out, R4, None);
    harness.run();
    harness.get_by_label_contains("17 件の調査票を作成しました");
    harness.get_by_label("進捗調査票_令和4年度_税務課.xlsx");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 17);

    let one = dir.path().join("税務課だけ");
    harness.state_mut().export_survey_to(&one, R4, Some("税務課"));
    harness.run();
    harness.get_by_label_contains("1 件の調査票を作成しました");
    assert!(one.join("進捗調査票_令和4年度_税務課.xlsx").is_file());

    // A folder that cannot be made (a file is in the way): a Japanese sentence, nothing written.
    let blocked = dir.path().join("ふさがれた");
    std::fs::write(&blocked, "x").unwrap();
    harness.state_mut().export_survey_to(&blocked.join("中"), R4, None);
    harness.run();
    let message = harness.state().message().unwrap().clone();
    assert!(message.is_error && message.text.contains("読み書きできません"), "{message:?}");
    assert_eq!(std::fs::read(&blocked).unwrap(), b"x", "the file in the way is left as it was");
    assert_eq!(harness.query_all_by_label(&message.text).count(), 2, "in the form and the status bar");
}

#[test]
fn filled_surveys_are_previewed_applied_tagged_undone_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = new_record(dir.path(), "plan.sqlite");
    let plan = store.load().unwrap();
    drop(store);
    let mut harness = ui_support::harness(&path);
    spring_2023(&mut harness);
    let out_dir = dir.path().join("out");
    harness.state_mut().export_survey_to(&out_dir, R4, None);
    let out: Vec<PathBuf> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().path()).collect();
    let files = answers(&plan, &out, dir.path());
    let before = std::fs::read(&path).unwrap();

    harness.state_mut().import_survey_from(&files);
    harness.run();
    assert!(harness.state().survey_import_pending());
    harness.get_by_label_contains("税務課　変更 1 件・受け付けない入力 1 件");
    harness.get_by_label_contains("→ 880,000,000");
    harness.get_by_label_contains("自己評価「Q」は選べません");
    harness.get_by_label_contains("会計課　変更 1 件・受け付けない入力 0 件");
    harness.get_by_label_contains("秘書課　変更 0 件・受け付けない入力 0 件");
    harness.get_by_label_contains("回答済み 0 課・未回答 17 課");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing is written before 取り込む");

    harness.get_by_label("取り込む（2 件）").click();
    harness.run();
    assert!(!harness.state().survey_import_pending());
    assert!(harness.query_all_by_label_contains("2 件の変更を記録しました").count() > 0);
    harness.get_by_label_contains("回答済み 3 課・未回答 14 課");
    assert!(
        harness.get_by_label("取り込み済み").accesskit_node().is_disabled(),
        "the same answers cannot be applied twice"
    );

    // The real file holds the answers, each change tagged with its file and department.
    let item16 = plan.item_by_number(16).unwrap();
    let acc_item = plan.items.iter().find(|i| i.department == "会計課").unwrap();
    let saved = on_disk(&path);
    assert_eq!(saved.kpi(item16.kpis[0].id).unwrap().1.actuals.get(&R4), Some(&KpiValue::Number(880_000_000.0)));
    assert_eq!(saved.item(acc_item.id).unwrap().evaluation(R4).unwrap().rating, Rating::A);
    assert_eq!(saved.item(item16.id).unwrap().evaluation(R4), None, "the refused rating changed nothing");
    assert_eq!(harness.state().plan(), &saved, "the window shows what the file holds");
    let sources: Vec<String> = Store::open(&path).unwrap().history(10).unwrap().into_iter().map(|h| h.source).collect();
    assert!(sources.contains(&"調査票:令和4年度:税務課:税務課回答.xlsx".to_string()), "{sources:?}");
    assert!(sources.contains(&"調査票:令和4年度:会計課:会計課回答.csv".to_string()), "{sources:?}");

    // 回答状況: 秘書課 changed nothing and has answered all the same.
    open_from_file_menu(&mut harness, "回答状況…");
    harness.get_by_label("令和4年度: 回答済み 3 課・未回答 14 課");
    let status = survey::read_status(&Store::open(&path).unwrap(), &plan, R4).unwrap();
    let answered: Vec<&str> = status.answered.iter().map(|a| a.department.as_str()).collect();
    assert_eq!(answered, ["秘書課", "会計課", "税務課"]);
    assert!(!status.outstanding.contains(&"秘書課".to_string()));
    harness.get_by_label("秘書課回答.xlsx");
    harness.get_by_label("回答済み（受け付けない入力 1 件）");

    // The change history shows where each change came from.
    open_from_file_menu(&mut harness, "変更履歴");
    harness.get_by_label("調査票（税務課）税務課回答.xlsx");
    harness.get_by_label("調査票（会計課）会計課回答.csv");

    // One Ctrl+Z takes back the whole import, on disk too; Ctrl+Y puts it back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let undone = on_disk(&path);
    assert_eq!(undone.kpi(item16.kpis[0].id).unwrap().1.actuals.get(&R4), None);
    assert_eq!(undone.item(acc_item.id).unwrap().evaluation(R4), None);
    assert_eq!(harness.state().plan(), &undone);
    assert!(!harness.state().can_undo());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(on_disk(&path), saved, "redone as it was applied");
}

#[test]
fn surveys_of_another_record_or_unreadable_files_are_refused_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = new_record(dir.path(), "plan.sqlite");
    let (other, other_store) = new_record(dir.path(), "other.sqlite");
    let other_plan = other_store.load().unwrap();
    let foreign = survey::export_workbooks(
        &other_plan,
        &other_store.record_id().unwrap(),
        R4,
        Some("税務課"),
        &dir.path().join("other"),
    )
    .unwrap();
    drop((other, other_store));
    let memo = dir.path().join("メモ.csv");
    std::fs::write(&memo, "ただのメモ\r\n").unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut harness = ui_support::harness(&path);
    harness.state_mut().import_survey_from(&[foreign[0].clone(), memo]);
    harness.run();
    harness.get_by_label_contains("別の記録ファイルから作成された調査票です");
    harness.get_by_label_contains("進捗調査票として読めません");
    assert!(harness.get_by_label("取り込む（0 件）").accesskit_node().is_disabled());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Renders the three survey windows to PNG files for a look: `SURVEY_SCREENSHOTS=DIR cargo test
/// --test ui_survey -- --ignored screenshots`.
#[test]
#[ignore = "writes PNG files to look at; run by hand"]
fn screenshots() {
    let shots = PathBuf::from(std::env::var("SURVEY_SCREENSHOTS").unwrap_or_else(|_| "/tmp/survey-shots".into()));
    std::fs::create_dir_all(&shots).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = new_record(dir.path(), "plan.sqlite");
    let plan = store.load().unwrap();
    drop(store);
    let app = {
        let mut app = App::new(Store::open(&path).unwrap()).unwrap();
        app.set_reference_date(NaiveDate::from_ymd_opt(2023, 5, 10));
        app
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(App::setup_context)
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    let out_dir = dir.path().join("調査票");
    harness.state_mut().export_survey_to(&out_dir, R4, None);
    harness.run();
    harness.render().unwrap().save(shots.join("survey_export.png")).unwrap();
    let out: Vec<PathBuf> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().path()).collect();
    let files = answers(&plan, &out, dir.path());
    harness.state_mut().import_survey_from(&files);
    harness.run();
    harness.render().unwrap().save(shots.join("survey_import.png")).unwrap();
    harness.get_by_label("取り込む（2 件）").click();
    harness.run();
    harness.render().unwrap().save(shots.join("survey_import_applied.png")).unwrap();
    open_from_file_menu(&mut harness, "回答状況…");
    harness.render().unwrap().save(shots.join("survey_status.png")).unwrap();
    open_from_file_menu(&mut harness, "変更履歴");
    harness.render().unwrap().save(shots.join("history.png")).unwrap();
}
