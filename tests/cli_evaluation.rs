//! `set-evaluation` as a user runs it: the record holds what was typed, a bad rating changes nothing.

use std::path::Path;
use std::process::{Command, Output};

use reform_tracker::model::{FiscalYear, Rating};
use reform_tracker::store::Store;

const R4: FiscalYear = FiscalYear(2022);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init(dir: &Path) -> String {
    let db = dir.join("sap3.sqlite").to_string_lossy().into_owned();
    let out = run(&["init", "--db", &db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    db
}

#[test]
fn a_rating_and_texts_reach_the_record_and_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = run(&[
        "set-evaluation",
        "--db",
        &db,
        "--item",
        "16",
        "--year",
        "R4",
        "--rating",
        "ａ",
        "--results",
        "督促を強化した。",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("A 計画どおり"), "{}", text(&out.stdout));
    // Only the next steps: the rating and results stay.
    let out = run(&[
        "set-evaluation",
        "--db",
        &db,
        "--item",
        "16",
        "--year",
        "令和4年度",
        "--next-steps",
        "納付の相談を続ける。",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let plan = Store::open(Path::new(&db)).unwrap().load().unwrap();
    let e = plan.item_by_number(16).unwrap().evaluation(R4).unwrap();
    assert_eq!(e.rating, Rating::A);
    assert_eq!(e.results, "督促を強化した。");
    assert_eq!(e.next_steps, "納付の相談を続ける。");
    let history = Store::open(Path::new(&db)).unwrap().history(10).unwrap();
    assert_eq!(history.len(), 2, "one change per command");
    assert!(history.iter().all(|h| h.source == "コマンドライン" && h.target.contains("改革項目16")));
    assert!(history[0].new.contains("納付の相談を続ける。"), "{}", history[0].new);
}

#[test]
fn an_unknown_rating_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let before = std::fs::read(&db).unwrap();
    let out = run(&["set-evaluation", "--db", &db, "--item", "3", "--year", "R4", "--rating", "D", "--results", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("評価「D」は使えません") && err.contains("S、A、B、C"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the record is untouched");

    for (args, want) in [
        (vec!["--item", "99", "--year", "R4", "--rating", "A"], "改革項目99はありません"),
        (vec!["--item", "3", "--year", "R9", "--rating", "A"], "計画の期間"),
        (vec!["--item", "3", "--year", "来年", "--rating", "A"], "年度「来年」を読めません"),
        (vec!["--item", "3", "--year", "R4"], "いずれかを指定"),
    ] {
        let mut all = vec!["set-evaluation", "--db", db.as_str()];
        all.extend(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(1), "{all:?}");
        assert!(text(&out.stderr).contains(want), "{}", text(&out.stderr));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_rating_set_from_the_command_line_is_undone_by_its_history_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    assert_eq!(
        run(&["set-evaluation", "--db", &db, "--item", "5", "--year", "R3", "--rating", "C"]).status.code(),
        Some(0)
    );
    let store = Store::open(Path::new(&db)).unwrap();
    let id = store.history(1).unwrap()[0].id.to_string();
    drop(store);
    let out = run(&["undo-change", "--db", &db, "--id", &id]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let plan = Store::open(Path::new(&db)).unwrap().load().unwrap();
    assert_eq!(plan.item_by_number(5).unwrap().evaluation(FiscalYear(2021)), None);
}
