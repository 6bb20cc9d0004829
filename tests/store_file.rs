//! The record on a real file: round trip, upgrade from an older schema, refusal of a newer one,
//! edits with conflict detection, and `check` on damage.

mod common;

use reform_tracker::edit::{Edit, ItemField, KpiSlot};
use reform_tracker::model::{FiscalYear, KpiValue, PhaseStatus, YearMonth};
use reform_tracker::store::{SCHEMA_VERSION, Store, StoreError};

fn sap3_store(dir: &tempfile::TempDir) -> Store {
    Store::open(&common::sap3_record(dir.path(), "r.sqlite")).unwrap()
}

#[test]
fn round_trip_of_every_kind_of_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = sap3_store(&dir);
    let mut plan = store.load().unwrap();
    let item = plan.item_by_number(16).unwrap().clone();
    let kpi = &item.kpis[0];
    let phase = &item.schedule[0].phases[0];
    let mut moved = phase.data.clone();
    moved.start = YearMonth::new(2021, 7);
    moved.status = PhaseStatus::InProgress;
    moved.actual_start = Some(YearMonth::new(2021, 8));
    let edits = vec![
        Edit::KpiValue {
            kpi_id: kpi.id,
            slot: KpiSlot::Actual(FiscalYear(2021)),
            old: None,
            new: Some(KpiValue::Number(902_000_000.0)),
        },
        Edit::ItemText {
            item_id: item.id,
            field: ItemField::CurrentIssues,
            old: item.current_issues.clone(),
            new: "収納推進室の体制を見直す。".into(),
        },
        Edit::Phase { phase_id: phase.id, old: phase.data.clone(), new: moved },
        Edit::Evaluation {
            item_id: item.id,
            year: FiscalYear(2021),
            old: None,
            new: Some(reform_tracker::model::Evaluation {
                year: FiscalYear(2021),
                rating: reform_tracker::model::Rating::A,
                results: "研修を2回実施".into(),
                next_steps: "継続".into(),
            }),
        },
    ];
    for e in &edits {
        store.apply(e, "test").unwrap();
        assert!(e.apply_to(&mut plan), "the snapshot accepts {e:?}");
    }
    drop(store);
    let reopened = Store::open(&dir.path().join("r.sqlite")).unwrap();
    assert_eq!(reopened.load().unwrap(), plan, "the file holds exactly what the snapshot shows");
    assert_eq!(reopened.history(10).unwrap().len(), 4);
    assert_eq!(reopened.history(10).unwrap()[3].edit.as_ref(), Some(&edits[0]));
}

#[test]
fn a_stale_edit_is_a_conflict_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = sap3_store(&dir);
    let plan = store.load().unwrap();
    let item = plan.item_by_number(1).unwrap();
    let first = Edit::ItemText { item_id: item.id, field: ItemField::Title, old: item.title.clone(), new: "A".into() };
    store.apply(&first, "pc1").unwrap();
    let stale = Edit::ItemText { item_id: item.id, field: ItemField::Title, old: item.title.clone(), new: "B".into() };
    assert!(matches!(store.apply(&stale, "pc2"), Err(StoreError::Conflict(_))));
    assert_eq!(store.load().unwrap().item_by_number(1).unwrap().title, "A");
    assert_eq!(store.history(10).unwrap().len(), 1);
}

#[test]
fn undo_and_redo_through_inverse_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = sap3_store(&dir);
    let before = store.load().unwrap();
    let row = &before.item_by_number(7).unwrap().schedule[0];
    let phase = &row.phases[0];
    let (_, next_phase) = store.next_ids().unwrap();
    let insert = Edit::InsertPhase {
        row_id: row.id,
        phase_id: next_phase,
        data: reform_tracker::model::PhaseData::planned("追加", YearMonth::new(2022, 1), YearMonth::new(2022, 2)),
    };
    let remove = Edit::RemovePhase { row_id: row.id, phase_id: phase.id, data: phase.data.clone() };
    store.apply(&insert, "t").unwrap();
    store.apply(&remove, "t").unwrap();
    store.apply(&remove.inverse(), "t").unwrap();
    store.apply(&insert.inverse(), "t").unwrap();
    assert_eq!(store.load().unwrap(), before);
}

#[test]
fn invalid_phase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = sap3_store(&dir);
    let plan = store.load().unwrap();
    let phase = &plan.item_by_number(1).unwrap().schedule[0].phases[0];
    let mut bad = phase.data.clone();
    bad.end = YearMonth::new(2020, 1);
    let err = store.apply(&Edit::Phase { phase_id: phase.id, old: phase.data.clone(), new: bad }, "t").unwrap_err();
    assert!(err.to_string().contains("開始"), "{err}");
    assert_eq!(store.load().unwrap(), plan);
}

#[test]
fn older_schema_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    common::version_1_record(&path);
    let store = Store::open(&path).unwrap();
    let plan = store.load().unwrap();
    assert_eq!(plan.items[0].title, "項目");
    assert_eq!(store.history(5).unwrap().len(), 0);
    assert!(!store.record_id().unwrap().is_empty());
    assert!(store.check().unwrap().problems.is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, common::newest_migration());
}

#[test]
fn newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    drop(sap3_store(&dir));
    std::fs::rename(dir.path().join("r.sqlite"), &path).unwrap();
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("アプリを更新"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn not_sqlite_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("memo.sqlite");
    std::fs::write(&text, "これはメモです。".repeat(200)).unwrap();
    assert!(matches!(Store::open(&text).err().unwrap(), StoreError::NotSqlite(_)));
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert!(matches!(Store::open(&foreign).err().unwrap(), StoreError::Foreign(_)));
}

#[test]
fn pragmas_suit_a_shared_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = sap3_store(&dir);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("r.sqlite")).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    let loose: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%STRICT'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(loose, 0, "every table is STRICT");
}

#[test]
fn a_version_2_record_with_survey_answers_gets_their_receipts_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite");
    common::version_1_record(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/sql/002_history.sql")).unwrap();
        conn.execute_batch(
            "INSERT INTO meta VALUES ('record_id', 'abc');
             INSERT INTO change_log (at, user_name, item_id, target, field, old_value, new_value, edit, source)
               VALUES ('2023-05-01 10:00:00', 'suzuki', 1, '改革項目1', '評価', '', 'A', '{}',
                       '調査票:令和4年度:秘書課:回答.xlsx'),
                      ('2023-05-02 10:00:00', 'suzuki', 1, '改革項目1', '名称', '', 'x', '{}', '画面');
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(store.check().unwrap().problems.is_empty());
    assert_eq!(store.record_id().unwrap(), "abc", "the identity survives the upgrade");
    let receipts = store.survey_receipts(FiscalYear(2022)).unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(
        (receipts[0].department.as_str(), receipts[0].file_name.as_str(), receipts[0].changes),
        ("秘書課", "回答.xlsx", 1)
    );
    assert_eq!(receipts[0].received_at, "2023-05-01 10:00:00");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, common::newest_migration());
}
