//! `rollover` through the real binary on real files: SAP III rolled over into 令和6〜8年度 with each
//! way of carrying items; the old record is never changed; the new record works like any other
//! (print, CSV, set-actual); refusals leave nothing behind.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fingerprint, record_of, run, s, text};
use reform_tracker::model::{FiscalYear, KpiValue, PhaseStatus, Plan, YearMonth};
use reform_tracker::store::Store;

fn load(db: &Path) -> Plan {
    Store::open(db).unwrap().load().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// SAP III where item 1 is wholly finished (every phase 完了, every numeric KPI at its target),
/// item 2's first phase is 完了 and its second runs 2023-10..2024-03 still 実施中.
fn old_record(dir: &Path) -> PathBuf {
    let mut plan = reform_tracker::seed::sap3();
    let one = plan.items.iter_mut().find(|i| i.number == 1).unwrap();
    for p in one.schedule.iter_mut().flat_map(|r| r.phases.iter_mut()) {
        p.data.status = PhaseStatus::Done;
    }
    for k in &mut one.kpis {
        if let Some(t) = k.target.clone() {
            k.actuals.insert(FiscalYear(2023), t);
        }
    }
    let two = plan.items.iter_mut().find(|i| i.number == 2).unwrap();
    let row = &mut two.schedule[0];
    row.phases.truncate(1);
    let mut later = row.phases[0].clone();
    row.phases[0].data.start = YearMonth::new(2021, 4);
    row.phases[0].data.end = YearMonth::new(2023, 9);
    row.phases[0].data.status = PhaseStatus::Done;
    later.id += 100_000;
    later.data.label = "残りの工程".into();
    later.data.start = YearMonth::new(2023, 10);
    later.data.end = YearMonth::new(2024, 3);
    later.data.actual_start = Some(YearMonth::new(2023, 10));
    later.data.status = PhaseStatus::InProgress;
    row.phases.push(later);
    let db = record_of(dir, "sap3.sqlite", &plan);
    ok(&["--db", &s(&db), "set-actual", "--item", "16", "--year", "R5", "--value", "654,321"]);
    db
}

fn rollover(old: &Path, new: &Path, carry: &str, yes: bool) -> std::process::Output {
    let (old, new) = (s(old), s(new));
    let mut args = vec![
        "--db",
        &new,
        "rollover",
        "--from",
        &old,
        "--name",
        "第4次行財政改革アクションプラン",
        "--short-name",
        "SAPⅣ",
        "--years",
        "R6-R8",
        "--carry",
        carry,
    ];
    if yes {
        args.push("--yes");
    }
    run(&args)
}

#[test]
fn each_carry_mode_makes_its_record_and_the_old_one_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let old = old_record(dir.path());
    let before = fingerprint(&old);
    let total = load(&old).items.len();
    assert_eq!(total, 31);
    let expected = [("unfinished", 30), ("all", 31), ("none", 0)];
    for (carry, count) in expected {
        let new = dir.path().join(format!("{carry}.sqlite"));
        let preview = rollover(&old, &new, carry, false);
        assert_eq!(preview.status.code(), Some(0), "{}", text(&preview.stderr));
        assert!(!new.exists(), "a preview writes nothing");
        let out = rollover(&old, &new, carry, true);
        assert_eq!(out.status.code(), Some(0), "{carry}: {}", text(&out.stderr));
        let plan = load(&new);
        assert_eq!(plan.items.len(), count, "{carry}");
        assert_eq!((plan.info.first_year, plan.info.last_year), (FiscalYear(2024), FiscalYear(2026)));
        assert_eq!(plan.info.short_name, "SAPⅣ");
        assert_eq!(plan.focus_areas.len(), 5, "focus areas always carried");
        assert_eq!(fingerprint(&old), before, "the old record is byte-identical after {carry}");
    }
    let plan = load(&dir.path().join("unfinished.sqlite"));
    assert!(plan.item_by_number(1).is_none(), "the finished item stays behind");
    let sixteen = plan.item_by_number(16).unwrap();
    assert_eq!(sixteen.kpis[0].baseline, Some(KpiValue::Number(654_321.0)), "the last actual is the new baseline");
    assert_eq!(sixteen.kpis[0].baseline_year, Some(FiscalYear(2023)));
    assert!(sixteen.kpis[0].actuals.is_empty());
    assert_eq!(sixteen.predecessor.as_deref(), Some("SAPⅢ 項目16"), "the link back to the old plan");
    assert_eq!(sixteen.actions, load(&old).item_by_number(16).unwrap().actions, "texts kept as they were");
    let two = plan.item_by_number(2).unwrap();
    let phases: Vec<_> = two.schedule.iter().flat_map(|r| &r.phases).collect();
    assert_eq!(phases.len(), 1, "the finished phase is dropped");
    let moved = &phases[0].data;
    assert_eq!((moved.start, moved.end), (YearMonth::new(2024, 4), YearMonth::new(2024, 9)));
    assert_eq!(moved.actual_start, None);
    assert_eq!(moved.status, PhaseStatus::InProgress);
}

#[test]
fn the_preview_names_what_is_carried() {
    let dir = tempfile::tempdir().unwrap();
    let old = old_record(dir.path());
    let out = rollover(&old, &dir.path().join("new.sqlite"), "unfinished", false);
    let shown = text(&out.stdout);
    assert!(shown.contains("改革項目 30 件を引き継ぎます"), "{shown}");
    assert!(shown.contains("基準値 654,321"), "{shown}");
    assert!(shown.contains("（令和5年度）"), "{shown}");
    assert!(shown.contains("工程「残りの工程」→ 令和6年4月〜令和6年9月"), "{shown}");
    assert!(shown.contains("--yes"), "{shown}");
}

#[test]
fn the_new_record_prints_exports_and_takes_actuals() {
    let dir = tempfile::tempdir().unwrap();
    let old = old_record(dir.path());
    let new = dir.path().join("sap4.sqlite");
    assert_eq!(rollover(&old, &new, "all", true).status.code(), Some(0));
    let db = s(&new);
    ok(&["--db", &db, "check"]);
    let pdf = dir.path().join("s.pdf");
    ok(&["--db", &db, "print", "--out", &s(&pdf), "--as-of", "2025-06-01"]);
    let out = Command::new("pdftotext").args([&s(&pdf), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(text(&out.stdout).contains("令和8年度"), "the PDF shows the new period");
    let csv = dir.path().join("c.csv");
    ok(&["--db", &db, "export-csv", "--out", &s(&csv)]);
    let header = std::fs::read_to_string(&csv).unwrap().lines().next().unwrap().to_string();
    for year in ["令和6年度実績", "令和7年度実績", "令和8年度実績"] {
        assert!(header.contains(year), "{header}");
    }
    assert!(!header.contains("令和5年度実績"), "{header}");
    assert!(header.ends_with("前計画の項目"), "{header}");
    let sixteen =
        std::fs::read_to_string(&csv).unwrap().lines().find(|l| l.contains("債権全体の未収金額")).unwrap().to_string();
    assert!(sixteen.ends_with("SAPⅢ 項目16"), "{sixteen}");
    ok(&["--db", &db, "set-actual", "--item", "16", "--year", "R7", "--value", "500000"]);
    assert_eq!(load(&new).item_by_number(16).unwrap().kpis[0].actuals[&FiscalYear(2025)], KpiValue::Number(500_000.0));
}

#[test]
fn the_link_back_goes_out_to_a_plan_file_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let old = old_record(dir.path());
    let new = dir.path().join("sap4.sqlite");
    assert_eq!(rollover(&old, &new, "unfinished", true).status.code(), Some(0));
    let toml = dir.path().join("sap4.toml");
    ok(&["--db", &s(&new), "plan-export", "--out", &s(&toml)]);
    let written = std::fs::read_to_string(&toml).unwrap();
    assert!(written.contains("predecessor = \"SAPⅢ 項目16\""), "the plan file names the old item");
    let again = dir.path().join("again.sqlite");
    ok(&["--db", &s(&again), "init", "--plan", &s(&toml)]);
    let plan = load(&again);
    assert_eq!(plan.item_by_number(16).unwrap().predecessor.as_deref(), Some("SAPⅢ 項目16"));
    let old_toml = dir.path().join("sap3.toml");
    ok(&["--db", &s(&old), "plan-export", "--out", &s(&old_toml)]);
    assert!(!std::fs::read_to_string(&old_toml).unwrap().contains("predecessor"), "optional: absent when none");
}

#[test]
fn refusals_are_in_japanese_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let old = old_record(dir.path());
    let before = fingerprint(&old);
    let taken = dir.path().join("taken.sqlite");
    std::fs::write(&taken, b"keep").unwrap();
    let out = rollover(&old, &taken, "all", true);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("既にあります"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep");

    let new = dir.path().join("new.sqlite");
    for years in ["R6-R17", "R8-R6", "来年から", "R5-R7"] {
        let (o, n) = (s(&old), s(&new));
        let out = run(&[
            "--db",
            &n,
            "rollover",
            "--from",
            &o,
            "--name",
            "次",
            "--short-name",
            "次",
            "--years",
            years,
            "--yes",
        ]);
        assert_eq!(out.status.code(), Some(1), "{years}");
        let err = text(&out.stderr);
        assert!(err.contains("年度"), "{years}: {err}");
        assert!(!new.exists(), "{years}");
    }
    let out = rollover(&dir.path().join("missing.sqlite"), &new, "all", true);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("見つかりません"), "{}", text(&out.stderr));
    let out = rollover(&old, &new, "some", true);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("引き継ぎ方"));
    assert!(!new.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "only the old record and the taken file: {names:?}");
    assert_eq!(fingerprint(&old), before);
}

#[test]
fn an_old_record_of_the_previous_schema_is_read_without_upgrading_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = common::sap3_record(dir.path(), "v5.sqlite");
    let conn = rusqlite::Connection::open(&old).unwrap();
    conn.execute_batch(&common::undo_schema_7("main")).unwrap();
    conn.execute_batch("ALTER TABLE item DROP COLUMN predecessor; PRAGMA user_version = 5;").unwrap();
    drop(conn);
    let before = fingerprint(&old);
    let new = dir.path().join("new.sqlite");
    let out = rollover(&old, &new, "all", true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(load(&new).items.len(), 31);
    assert_eq!(fingerprint(&old), before, "the old file keeps its schema and bytes");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no copy left behind here: {names:?}");
}
