//! One set of value rules for every way into the record: a whole-record import (run under
//! `ulimit -v` 1 GiB), `set-actual`, an edit applied by any caller. ±∞, 1e308 and texts longer
//! than an Excel cell are refused with the field named, and nothing changes.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{fingerprint, run, s, sap3_record, text};
use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::{Evaluation, KpiValue, Rating};
use reform_tracker::store::{Store, StoreError};

fn run_limited(args: &[&str]) -> Output {
    Command::new("sh")
        .args(["-c", "ulimit -v 1048576; exec \"$0\" \"$@\"", env!("CARGO_BIN_EXE_reform-tracker")])
        .args(args)
        .output()
        .unwrap()
}

/// An export of `record` with `sql` run on it, as a colleague's hand-edited copy would be.
fn altered_copy(record: &Path, name: &str, sql: &str) -> std::path::PathBuf {
    let copy = record.with_file_name(name);
    Store::open(record).unwrap().export_to(&copy).unwrap();
    rusqlite::Connection::open(&copy).unwrap().execute_batch(sql).unwrap();
    copy
}

#[test]
fn an_import_with_numbers_no_office_means_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let before = fingerprint(&record);
    let plan = Store::open(&record).unwrap().load().unwrap();
    let (item, kpi) =
        plan.items.iter().find_map(|i| i.kpis.iter().find(|k| !k.is_text_goal()).map(|k| (i, k))).unwrap();
    for (name, value, shown) in [("inf", "9e999", "∞"), ("neg-inf", "-9e999", "-∞"), ("huge", "1e308", "1e308")] {
        let sql = format!(
            "INSERT OR REPLACE INTO kpi_actual (kpi_id, fiscal_year, value_num, value_text) VALUES ({}, {}, {value}, NULL);",
            kpi.id, plan.info.first_year.0
        );
        let copy = altered_copy(&record, &format!("{name}.sqlite"), &sql);
        let out = run_limited(&["import", "--db", &s(&record), "--from", &s(&copy), "--yes"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        let err = text(&out.stderr);
        assert!(err.contains(&format!("改革項目{}", item.number)) && err.contains("扱えません"), "{name}: {err}");
        assert!(err.contains(shown), "{name}: {err}");
        assert_eq!(fingerprint(&record), before, "{name}: the record is unchanged");
    }
}

#[test]
fn an_import_with_a_text_longer_than_an_excel_cell_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let before = fingerprint(&record);
    let long = "あ".repeat(40_000);
    let copy = altered_copy(&record, "long.sqlite", &format!("UPDATE item SET actions = '{long}' WHERE number = 2;"));
    let out = run_limited(&["import", "--db", &s(&record), "--from", &s(&copy), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = text(&out.stderr);
    assert!(err.contains("改革項目2の取組内容") && err.contains("40,000 字") && err.contains("32,767"), "{err}");
    assert_eq!(fingerprint(&record), before);
}

#[test]
fn set_actual_applies_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let before = fingerprint(&record);
    let plan = Store::open(&record).unwrap().load().unwrap();
    let (item, kpi_no) = plan
        .items
        .iter()
        .find_map(|i| i.kpis.iter().position(|k| k.is_text_goal()).map(|p| (i.number, p + 1)))
        .expect("SAP III has a goal written in words");
    let long = "い".repeat(32_768);
    let out = run(&[
        "set-actual",
        "--db",
        &s(&record),
        "--item",
        &item.to_string(),
        "--kpi",
        &kpi_no.to_string(),
        "--year",
        "R4",
        "--value",
        &long,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("改革項目{item}")) && err.contains("32,768 字") && err.contains("32,767"), "{err}");
    let numeric = plan.items.iter().find(|i| i.kpis.first().is_some_and(|k| !k.is_text_goal())).unwrap();
    for v in ["1e308", "inf", "NaN", "1,000,000,000,000,000"] {
        let out = run(&[
            "set-actual",
            "--db",
            &s(&record),
            "--item",
            &numeric.number.to_string(),
            "--year",
            "R4",
            "--value",
            v,
        ]);
        assert_eq!(out.status.code(), Some(1), "{v}");
        assert!(text(&out.stderr).contains("数値として読めません"), "{v}: {}", text(&out.stderr));
    }
    assert_eq!(fingerprint(&record), before);
}

#[test]
fn every_applied_edit_meets_the_rules_whoever_builds_it() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let mut store = Store::open(&record).unwrap();
    let plan = store.load().unwrap();
    let kpi = plan.items.iter().flat_map(|i| &i.kpis).find(|k| !k.is_text_goal()).unwrap();
    let year = plan.info.first_year;
    for n in [f64::NAN, f64::INFINITY, -1e300] {
        let edit = Edit::KpiValue {
            kpi_id: kpi.id,
            slot: KpiSlot::Actual(year),
            old: kpi.actuals.get(&year).cloned(),
            new: Some(KpiValue::Number(n)),
        };
        let e = store.apply(&edit, "test").unwrap_err();
        assert!(matches!(e, StoreError::Invalid(ref m) if m.contains("実績")), "{n}: {e}");
    }
    let item = &plan.items[0];
    let edit = Edit::Evaluation {
        item_id: item.id,
        year,
        old: item.evaluation(year).cloned(),
        new: Some(Evaluation { year, rating: Rating::A, results: "x".repeat(32_768), next_steps: String::new() }),
    };
    let e = store.apply(&edit, "test").unwrap_err();
    assert!(e.to_string().contains("取組実績") && e.to_string().contains("32,767"), "{e}");
    assert_eq!(store.load().unwrap(), plan, "nothing was written");
}

#[test]
fn a_record_from_before_the_rules_is_told_which_text_stops_the_survey_export() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    // Written past the rules, as an older version of the app could.
    let long = "う".repeat(33_000);
    rusqlite::Connection::open(&record)
        .unwrap()
        .execute("UPDATE item SET title = ?1 WHERE number = 3", [&long])
        .unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&["survey-export", "--db", &s(&record), "--year", "R4", "--out", &s(&out_dir)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("改革項目3の名称") && err.contains("33,000 字") && err.contains("32,767"), "{err}");
    let written = std::fs::read_dir(&out_dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "no workbook written");
}
