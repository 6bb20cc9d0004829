//! Printing: `cargo bench --bench print`. Divan prints the median.
//! Budgets (issue: performance): the schedule PDF of SAP III ≤ 300 ms, of 10,000 rows ≤ 5 s.
//! Measured from a loaded snapshot to the PDF's bytes (layout, pages, krilla with the embedded,
//! subset BIZ UDゴシック), as ファイル → 印刷… does before writing the file. See BENCHMARKS.md.

use chrono::NaiveDate;
use reform_tracker::model::Plan;
use reform_tracker::report::pdf::{PrintOptions, render};

fn main() {
    divan::main();
}

fn plan(size: &str) -> Plan {
    match size {
        "sap3" => reform_tracker::seed::sap3(),
        _ => reform_tracker::demo::large_plan(3000, 10_000),
    }
}

const SIZES: [&str; 2] = ["sap3", "rows_10000"];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 10, 1).unwrap()
}

/// The schedule PDF (A3 landscape, the whole plan).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn schedule_pdf(bencher: divan::Bencher, size: &str) {
    let plan = plan(size);
    let options = PrintOptions::new(as_of(), "record.sqlite");
    bencher.bench_local(|| render(&plan, &options).unwrap());
}

/// The schedule followed by the KPI table pages.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn schedule_and_kpi_pdf(bencher: divan::Bencher, size: &str) {
    let plan = plan(size);
    let options = PrintOptions { with_kpi: true, ..PrintOptions::new(as_of(), "record.sqlite") };
    bencher.bench_local(|| render(&plan, &options).unwrap());
}
