//! The records the benchmarks read: SAP III and the plan of 3,000 items / 10,000 schedule rows,
//! written to a temporary folder once per run.

use std::path::PathBuf;
use std::sync::OnceLock;

/// The tests' record helpers: SAP III is written by the same function in both.
#[path = "../../tests/common/mod.rs"]
mod tests_common;

struct Fixture {
    _dir: tempfile::TempDir,
    sap3: PathBuf,
    large: PathBuf,
}

/// The record of a benchmark size: "sap3", or anything else for the large plan.
pub fn record_path(size: &str) -> &'static PathBuf {
    static F: OnceLock<Fixture> = OnceLock::new();
    let fixture = F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let sap3 = tests_common::sap3_record(dir.path(), "sap3.sqlite");
        let large =
            tests_common::record_of(dir.path(), "large.sqlite", &reform_tracker::demo::large_plan(3000, 10_000));
        Fixture { _dir: dir, sap3, large }
    });
    if size == "sap3" { &fixture.sap3 } else { &fixture.large }
}
