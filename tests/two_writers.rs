//! Two instances on one file (two PCs on the shared folder): each sees the other's edits,
//! a write that meets a lock waits for it, and a stale edit of the same value is refused.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{TempRecord, fingerprint};
use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::{FiscalYear, Id, KpiValue};
use reform_tracker::store::{Store, StoreError};

fn actual(kpi_id: Id, old: Option<f64>, new: f64) -> Edit {
    Edit::KpiValue {
        kpi_id,
        slot: KpiSlot::Actual(FiscalYear(2021)),
        old: old.map(KpiValue::Number),
        new: Some(KpiValue::Number(new)),
    }
}

#[test]
fn edits_of_one_instance_appear_in_the_other() {
    let record = TempRecord::sap3_named("shared.sqlite");
    let path = record.path.clone();
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let kpi_id = a.load().unwrap().item_by_number(16).unwrap().kpis[0].id;

    let seen_by_b = b.data_version().unwrap();
    let seen_by_a = a.data_version().unwrap();
    a.apply(&actual(kpi_id, None, 5.0), "PC-A").unwrap();
    assert_eq!(a.data_version().unwrap(), seen_by_a, "a connection's own writes do not move its counter");
    assert_ne!(b.data_version().unwrap(), seen_by_b, "B notices A's write without reopening");
    let plan = b.load().unwrap();
    assert_eq!(plan.kpi(kpi_id).unwrap().1.actuals.get(&FiscalYear(2021)), Some(&KpiValue::Number(5.0)));

    let seen_by_a = a.data_version().unwrap();
    b.apply(&actual(kpi_id, Some(5.0), 6.0), "PC-B").unwrap();
    assert_ne!(a.data_version().unwrap(), seen_by_a);
    assert_eq!(a.load().unwrap().kpi(kpi_id).unwrap().1.actuals.get(&FiscalYear(2021)), Some(&KpiValue::Number(6.0)));
    let history = a.history(10).unwrap();
    assert_eq!(history.iter().map(|c| c.source.as_str()).collect::<Vec<_>>(), ["PC-B", "PC-A"]);
}

#[test]
fn a_write_that_meets_a_lock_waits_and_then_succeeds() {
    let record = TempRecord::sap3_named("shared.sqlite");
    let path = record.path.clone();
    let mut a = Store::open(&path).unwrap();
    let kpi_id = a.load().unwrap().item_by_number(16).unwrap().kpis[0].id;

    // Another PC holds the write lock for a while (a long save on a slow share). It says when it
    // is about to let go: a write that finishes must have seen that, however slow the machine.
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder_path = path.clone();
    let releasing = Arc::new(AtomicBool::new(false));
    let holder_releasing = releasing.clone();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&holder_path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE plan SET name = name;").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(1500));
        holder_releasing.store(true, Ordering::SeqCst);
        conn.execute_batch("COMMIT;").unwrap();
    });
    locked_rx.recv().unwrap();
    a.apply(&actual(kpi_id, None, 7.0), "PC-A").unwrap();
    assert!(releasing.load(Ordering::SeqCst), "the write went through only once the lock was let go");
    holder.join().unwrap();
    let b = Store::open(&path).unwrap();
    assert_eq!(b.load().unwrap().kpi(kpi_id).unwrap().1.actuals.get(&FiscalYear(2021)), Some(&KpiValue::Number(7.0)));
}

#[test]
fn a_conflicting_edit_of_the_same_value_is_refused_not_overwritten() {
    let record = TempRecord::sap3_named("shared.sqlite");
    let path = record.path.clone();
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    // Both officers look at the same empty cell…
    let plan_a = a.load().unwrap();
    let plan_b = b.load().unwrap();
    let kpi_id = plan_a.item_by_number(16).unwrap().kpis[0].id;
    assert_eq!(plan_a, plan_b);
    // …A saves first; B's edit still expects the empty cell.
    a.apply(&actual(kpi_id, None, 100.0), "PC-A").unwrap();
    let before = fingerprint(&path);
    let err = b.apply(&actual(kpi_id, None, 200.0), "PC-B").unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("令和3年度実績"), "{err}");
    assert_eq!(fingerprint(&path), before, "nothing written, not even a history row");
    assert_eq!(
        b.load().unwrap().kpi(kpi_id).unwrap().1.actuals.get(&FiscalYear(2021)),
        Some(&KpiValue::Number(100.0)),
        "A's value stands"
    );
    // Edits of other values by B still go through.
    let other = plan_b.item_by_number(16).unwrap().kpis[0].id;
    b.apply(
        &Edit::KpiValue {
            kpi_id: other,
            slot: KpiSlot::Actual(FiscalYear(2022)),
            old: None,
            new: Some(KpiValue::Number(1.0)),
        },
        "PC-B",
    )
    .unwrap();
}
