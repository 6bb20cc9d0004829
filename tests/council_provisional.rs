//! The 審議会's opinion per item and year and the 暫定 mark on a KPI value: schema version 4,
//! edits with inverses (undo, history, conflicts), and where they show (CSV, report).

mod common;

use std::process::{Command, Output};

use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::{FiscalYear, KpiValue};
use reform_tracker::store::{SCHEMA_VERSION, Store, StoreError};

const R4: FiscalYear = FiscalYear(2022);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_version_3_record_is_upgraded_in_place_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    // Take the file back to version 3, as the previous release wrote it.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&common::undo_schema_7("main")).unwrap();
        conn.execute_batch(
            "DROP TABLE merged_change; DROP INDEX change_log_by_uid; ALTER TABLE change_log DROP COLUMN change_uid;
             DROP TABLE council_opinion; DROP TABLE provisional_value; ALTER TABLE kpi DROP COLUMN decimals;
             ALTER TABLE item DROP COLUMN predecessor; PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        SCHEMA_VERSION, 7,
        "4: council opinions and 暫定 marks; 5: change identities; 6: predecessor; 7: plans as data"
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 7);
    let plan = store.load().unwrap();
    assert_eq!(plan.items.len(), 31);
    // Item 30's rate is printed 18.0 / 33.0 in the plan (data/sap3.toml): the upgrade learns it.
    assert_eq!(plan.item_by_number(30).unwrap().kpis[0].decimals, 1);
    assert_eq!(plan.item_by_number(16).unwrap().kpis[0].decimals, 0);
    assert!(store.check().unwrap().problems.is_empty(), "{:?}", store.check().unwrap().problems);
}

#[test]
fn opinions_and_marks_round_trip_undo_and_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite");
    let mut store = Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    let mut plan = store.load().unwrap();
    let item = plan.item_by_number(16).unwrap().clone();
    let kpi = item.kpis[0].clone();
    let edits = [
        Edit::KpiValue { kpi_id: kpi.id, slot: KpiSlot::Actual(R4), old: None, new: Some(KpiValue::Number(870e6)) },
        Edit::Provisional { kpi_id: kpi.id, year: R4, old: false, new: true },
        Edit::CouncilOpinion {
            item_id: item.id, year: R4, old: String::new(), new: "徴収率の推移も示すこと。".into()
        },
    ];
    for e in &edits {
        store.apply(e, "test").unwrap();
        assert!(e.apply_to(&mut plan));
    }
    drop(store);
    let mut store = Store::open(&path).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded, plan, "the file holds what the snapshot shows");
    let k = &loaded.item_by_number(16).unwrap().kpis[0];
    assert!(k.is_provisional(R4));
    assert_eq!(loaded.item_by_number(16).unwrap().council_opinions[&R4], "徴収率の推移も示すこと。");
    let history = store.history(3).unwrap();
    assert_eq!(history[0].field, "令和4年度の審議会意見");
    assert_eq!(history[1].new, "暫定");
    assert_eq!(history[0].edit.as_ref(), Some(&edits[2]), "the edit is kept for undo");

    // A stale edit (the record moved on) is refused as a conflict and changes nothing.
    let stale = Edit::CouncilOpinion { item_id: item.id, year: R4, old: String::new(), new: "別の意見".into() };
    assert!(matches!(store.apply(&stale, "test"), Err(StoreError::Conflict(_))));
    let stale = Edit::Provisional { kpi_id: kpi.id, year: R4, old: false, new: true };
    assert!(matches!(store.apply(&stale, "test"), Err(StoreError::Conflict(_))));

    // Undo both: the record is as before.
    store.apply(&edits[2].inverse(), "test").unwrap();
    store.apply(&edits[1].inverse(), "test").unwrap();
    let undone = store.load().unwrap();
    assert!(undone.item_by_number(16).unwrap().council_opinions.is_empty());
    assert!(!undone.item_by_number(16).unwrap().kpis[0].is_provisional(R4));
    assert!(store.check().unwrap().problems.is_empty());
}

#[test]
fn the_csv_and_the_report_show_opinions_and_provisional_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.sqlite");
    let db_s = db.to_str().unwrap();
    ok(&["init", "--db", db_s]);
    ok(&["set-actual", "--db", db_s, "--item", "16", "--year", "R4", "--value", "870,000,000"]);
    ok(&[
        "set-evaluation",
        "--db",
        db_s,
        "--item",
        "16",
        "--year",
        "R4",
        "--council-opinion",
        "徴収率の推移も示すこと。",
    ]);
    {
        let mut store = Store::open(&db).unwrap();
        let kpi = store.load().unwrap().item_by_number(16).unwrap().kpis[0].id;
        store.apply(&Edit::Provisional { kpi_id: kpi, year: R4, old: false, new: true }, "test").unwrap();
    }
    let csv_path = dir.path().join("c.csv");
    ok(&["export-csv", "--db", db_s, "--out", csv_path.to_str().unwrap()]);
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let r16 = rows.iter().find(|r| &r[3] == "16").unwrap();
    assert_eq!(&r16[col("令和4年度審議会意見")], "徴収率の推移も示すこと。");
    assert_eq!(&r16[col("暫定の実績")], "令和4年度");
    assert_eq!(&r16[col("令和4年度実績")], "870000000", "the number stays a number");
    assert!(rows.iter().filter(|r| &r[3] != "16").all(|r| r[col("暫定の実績")].is_empty()));

    let site = dir.path().join("site");
    ok(&["report", "--db", db_s, "--year", "R4", "--out", site.to_str().unwrap()]);
    let page = std::fs::read_to_string(site.join("item-16.html")).unwrap();
    assert!(page.contains("870,000,000円（暫定）"), "the provisional mark beside the value");
    assert!(page.contains("徴収率の推移も示すこと。"));
    let other = std::fs::read_to_string(site.join("item-17.html")).unwrap();
    assert!(!other.contains("（暫定）"));
}
