//! SIGKILL in the middle of a stream of edits, many times: the file must always pass
//! `integrity_check` and hold every edit that was acknowledged before the kill.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{TempRecord, s};
use reform_tracker::edit::Edit;
use reform_tracker::model::{FiscalYear, Id, KpiValue};
use reform_tracker::store::Store;

/// A small xorshift: kill moments vary from run to run, and the seed is printed on failure.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

struct Ack {
    kpi_id: Id,
    year: FiscalYear,
    value: u64,
}

fn parse(line: &str) -> Option<Ack> {
    let mut parts = line.strip_prefix("ack ")?.split(' ').skip(1);
    Some(Ack {
        kpi_id: parts.next()?.parse().ok()?,
        year: FiscalYear(parts.next()?.parse().ok()?),
        value: parts.next()?.parse().ok()?,
    })
}

#[test]
fn sigkill_never_loses_an_acknowledged_edit() {
    let record = TempRecord::sap3();
    let path = record.path.clone();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = Rng(seed);
    let mut total_acked = 0;
    for round in 1..=20u64 {
        let start = round * 1_000_000;
        let mut child = Command::new(env!("CARGO_BIN_EXE_reform-tracker"))
            .args(["stress-edits", "--db", &s(&path), "--count", "100000", "--start", &start.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout).lines().map_while(Result::ok).filter_map(|l| parse(&l)).collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(30 + rng.below(400)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let acked = reader.join().unwrap();
        total_acked += acked.len();

        let store = Store::open(&path).unwrap();
        let report = store.check().unwrap();
        assert!(report.problems.is_empty(), "round {round} (seed {seed}): {:?}", report.problems);
        let plan = store.load().unwrap();
        // Per value slot, the last acknowledged value (or a later one that was committed but
        // not yet acknowledged: values only grow) must be in the file.
        let mut last: BTreeMap<(Id, FiscalYear), u64> = BTreeMap::new();
        for a in &acked {
            last.insert((a.kpi_id, a.year), a.value);
        }
        for ((kpi_id, year), value) in last {
            let stored = plan.kpi(kpi_id).unwrap().1.actuals.get(&year).and_then(KpiValue::as_number);
            assert!(
                stored.is_some_and(|v| v >= value as f64),
                "round {round} (seed {seed}): acknowledged {value} lost, file has {stored:?}"
            );
        }
        // And every acknowledged edit is in the change history.
        let logged: BTreeSet<u64> = store
            .history(1_000_000)
            .unwrap()
            .into_iter()
            .filter_map(|c| match c.edit {
                Some(Edit::KpiValue { new: Some(KpiValue::Number(n)), .. }) => Some(n as u64),
                _ => None,
            })
            .collect();
        for a in &acked {
            assert!(logged.contains(&a.value), "round {round} (seed {seed}): edit {} missing from history", a.value);
        }
    }
    assert!(total_acked > 20, "the stream made progress before the kills ({total_acked} edits)");
}
