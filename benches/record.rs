//! Benchmarks of the record and the CSV: `cargo bench --bench record`. Divan prints the median.
//! Budgets (issue: performance): load SAP III ≤ 20 ms, 10,000 rows ≤ 200 ms; one KPI edit with its
//! history row ≤ 10 ms; one structure edit ≤ 10 ms; CSV SAP III ≤ 20 ms, 10,000 rows ≤ 300 ms. See BENCHMARKS.md.

use reform_tracker::edit::moves::move_item;
use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::{FiscalYear, KpiValue, Plan};
use reform_tracker::report::csv::{council_csv_text, utf8_bom};
use reform_tracker::store::Store;

mod common;

fn main() {
    divan::main();
}

const SIZES: [&str; 2] = ["sap3", "rows_10000"];

/// Open a record and build the snapshot the window draws.
#[divan::bench(args = SIZES)]
fn load(bencher: divan::Bencher, size: &str) {
    let p = common::record_path(size);
    bencher.bench(|| Store::open(p).unwrap().load().unwrap());
}

/// One KPI actual committed to the file on disk, with its history row (synchronous=FULL).
#[divan::bench(sample_count = 30)]
fn edit_kpi_actual(bencher: divan::Bencher) {
    let mut store = Store::open(common::record_path("sap3")).unwrap();
    let plan = store.load().unwrap();
    let kpi = &plan.item_by_number(16).unwrap().kpis[0];
    let year = FiscalYear(2021);
    let mut current = kpi.actuals.get(&year).cloned();
    let mut n = 0.0;
    bencher.bench_local(|| {
        n += 1.0;
        let new = Some(KpiValue::Number(900_000_000.0 + n));
        let edit =
            Edit::KpiValue { kpi_id: kpi.id, slot: KpiSlot::Actual(year), old: current.clone(), new: new.clone() };
        store.apply(&edit, "bench").unwrap();
        current = new;
    });
}

/// One structure edit committed with its history row: an item moved up a place
/// and back (two item numbers swapped), checked against the file and mirrored in the snapshot,
/// as the window's 上へ / 下へ do.
#[divan::bench(args = SIZES, sample_count = 30)]
fn edit_structure(bencher: divan::Bencher, size: &str) {
    let mut store = Store::open(common::record_path(size)).unwrap();
    let mut plan = store.load().unwrap();
    // The second item of the first item's category: it has a neighbour above.
    let category = plan.items[0].category_id;
    let item = plan.items.iter().filter(|i| i.category_id == category).nth(1).unwrap().id;
    let mut up = true;
    bencher.bench_local(|| {
        let edit = move_item(&plan, item, up).expect("the item has a neighbour that way");
        store.apply(&Edit::Structure(edit.clone()), "bench").unwrap();
        assert!(edit.apply_to(&mut plan));
        up = !up;
    });
}

/// The council CSV from a loaded snapshot, UTF-8 with BOM.
#[divan::bench(args = SIZES)]
fn council_csv(bencher: divan::Bencher, size: &str) {
    let plan: Plan = Store::open(common::record_path(size)).unwrap().load().unwrap();
    bencher.bench(|| utf8_bom(&council_csv_text(&plan)));
}
