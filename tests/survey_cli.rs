//! survey-export, survey-import and survey-status as an officer runs them.

mod common;
mod survey_support;

use std::process::{Command, Output};

use reform_tracker::model::KpiValue;
use reform_tracker::store::Store;
use survey_support::*;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn export_import_status_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db_path, store) = new_record(dir.path(), "sap3.sqlite");
    let plan = store.load().unwrap();
    drop(store);
    let db = db_path.to_str().unwrap();
    let out_dir = dir.path().join("調査票");
    let out = out_dir.to_str().unwrap();

    let o = run(&["survey-export", "--db", db, "--year", "R4", "--out", out]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("17 件"), "{}", text(&o.stdout));
    let o = run(&["survey-export", "--db", db, "--year", "R4", "--out", out, "--department", "総務課"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("総務課"));

    let o = run(&["survey-status", "--db", db, "--year", "令和4年度"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("回答済み 0 課、未回答 17 課"), "{}", text(&o.stdout));

    // 税務課 fills in item 16's actual with full-width digits and commas; 会計課 types garbage.
    let item16 = plan.item_by_number(16).unwrap();
    let tax_wb = out_dir.join("進捗調査票_令和4年度_税務課.xlsx");
    let mut sheets = read_sheets(&std::fs::read(&tax_wb).unwrap());
    let row = sheets[0].find_row("数値目標", 1, &item16.kpis[0].id.to_string());
    fill(&mut sheets, &[(row, 9, Typed::Text("８８０，０００，０００"))]);
    let tax = dir.path().join("税務課回答.xlsx");
    std::fs::write(&tax, write_workbook(&sheets)).unwrap();

    let item4 = plan.items.iter().find(|i| i.department == "会計課").unwrap();
    let acc_wb = out_dir.join("進捗調査票_令和4年度_会計課.xlsx");
    let mut sheets = read_sheets(&std::fs::read(&acc_wb).unwrap());
    let row = sheets[0].find_row("評価", 1, &item4.id.to_string());
    fill(&mut sheets, &[(row, 4, Typed::Text("Z"))]);
    let acc = dir.path().join("会計課回答.csv");
    std::fs::write(&acc, shift_jis_like_excel(&main_sheet_csv(&sheets))).unwrap();

    // Preview only: nothing changes on disk.
    let before = std::fs::read(&db_path).unwrap();
    let o = run(&["survey-import", "--db", db, "--from", tax.to_str().unwrap(), acc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let shown = text(&o.stdout);
    assert!(shown.contains("■ 税務課（令和4年度）"), "{shown}");
    assert!(shown.contains("（空欄） → 880,000,000"), "{shown}");
    assert!(shown.contains("■ 会計課"), "{shown}");
    assert!(shown.contains("× 調査票!E") && shown.contains("「Z」"), "{shown}");
    assert!(shown.contains("--yes"), "{shown}");
    assert_eq!(std::fs::read(&db_path).unwrap(), before, "a preview changes nothing");

    // With --yes the accepted change is recorded, tagged with the file.
    let o = run(&["survey-import", "--db", db, "--from", tax.to_str().unwrap(), acc.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(text(&o.stdout).contains("1 件の変更を記録しました"), "{}", text(&o.stdout));
    let store = Store::open(&db_path).unwrap();
    let kpi = store.load().unwrap().kpi(item16.kpis[0].id).unwrap().1.clone();
    assert_eq!(kpi.actuals.get(&R4), Some(&KpiValue::Number(880_000_000.0)));
    assert_eq!(store.history(10).unwrap()[0].source, "調査票:令和4年度:税務課:税務課回答.xlsx");
    drop(store);

    let o = run(&["survey-status", "--db", db, "--year", "R4"]);
    let status = text(&o.stdout);
    assert!(status.contains("回答済み 1 課、未回答 16 課"), "{status}");
    assert!(status.contains("税務課") && status.contains("税務課回答.xlsx"), "{status}");

    // 秘書課 sends its sheet back unchanged: nothing to change, but it has answered.
    let hisho = dir.path().join("秘書課回答.xlsx");
    std::fs::copy(out_dir.join("進捗調査票_令和4年度_秘書課.xlsx"), &hisho).unwrap();
    let before = std::fs::read(&db_path).unwrap();
    let o = run(&["survey-import", "--db", db, "--from", hisho.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("確認のみです（0 件の変更、1 課の回答）"), "{}", text(&o.stdout));
    assert_eq!(std::fs::read(&db_path).unwrap(), before, "a preview changes nothing");
    let o = run(&["survey-import", "--db", db, "--from", hisho.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("記録と同じ内容のため、変更はありません。1 課の回答を受け付けました（秘書課）"));
    let status = text(&run(&["survey-status", "--db", db, "--year", "R4"]).stdout);
    assert!(status.contains("回答済み 2 課、未回答 15 課"), "{status}");
    assert!(status.contains("秘書課回答.xlsx"), "{status}");

    // Only refusals: exit 1, nothing written.
    let before = std::fs::read(&db_path).unwrap();
    let o = run(&["survey-import", "--db", db, "--from", acc.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("取り込める変更はありません"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(&db_path).unwrap(), before);

    // A survey made from another record: exit 1 with the reason.
    let (other_db, _) = new_record(dir.path(), "other.sqlite");
    let other_out = dir.path().join("other");
    let o = run(&[
        "survey-export",
        "--db",
        other_db.to_str().unwrap(),
        "--year",
        "R4",
        "--out",
        other_out.to_str().unwrap(),
        "--department",
        "税務課",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let foreign = other_out.join("進捗調査票_令和4年度_税務課.xlsx");
    let o = run(&["survey-import", "--db", db, "--from", foreign.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("別の記録ファイル"), "{}", text(&o.stderr));

    // A survey for another year when --year is given: exit 1.
    let o = run(&["survey-import", "--db", db, "--from", tax.to_str().unwrap(), "--year", "R5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("令和5年度の調査票を選んでください"), "{}", text(&o.stderr));

    // --from is required.
    assert_eq!(run(&["survey-import", "--db", db]).status.code(), Some(2));
}
