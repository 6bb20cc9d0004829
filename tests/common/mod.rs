//! Helpers shared by the tests: real record files in temporary folders, the program under test.
//! Every test crate includes it once with `mod common;` (the support modules ui_support,
//! kpi_common and survey_support use it as `crate::common`); the benches through benches/common.
#![allow(dead_code)]

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reform_tracker::model::Plan;
use reform_tracker::session::Session;
use reform_tracker::store::Store;
use tempfile::TempDir;

/// A record file in a temporary folder of its own, deleted with the folder when dropped. The
/// folder is there for whatever else a test writes beside the record (exports, surveys, PDFs).
pub struct TempRecord {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl TempRecord {
    /// The built-in SAP III, as `init` writes it, in `record.sqlite`.
    pub fn sap3() -> Self {
        Self::sap3_named("record.sqlite")
    }

    /// SAP III under a file name of the test's choosing (it shows in footers and messages).
    pub fn sap3_named(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = sap3_record(dir.path(), name);
        TempRecord { dir, path }
    }

    /// A record of another plan (SAP III changed by the test, or one made up), in `record.sqlite`.
    pub fn of(plan: &Plan) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = record_of(dir.path(), "record.sqlite", plan);
        TempRecord { dir, path }
    }

    pub fn open_store(&self) -> Store {
        Store::open(&self.path).unwrap()
    }

    /// The record opened the way the window and the command line open it.
    pub fn session(&self) -> Session {
        Session::new(self.open_store(), "test").unwrap()
    }

    /// The plan as the file holds it now, read through a fresh connection.
    pub fn on_disk(&self) -> Plan {
        self.open_store().load().unwrap()
    }

    /// The record's path as a command-line argument.
    pub fn arg(&self) -> String {
        s(&self.path)
    }

    /// A path beside the record, for a file the test makes.
    pub fn beside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A hash of the file's bytes with its length: equal means byte-for-byte unchanged.
pub fn fingerprint(path: &Path) -> (usize, u64) {
    let bytes = std::fs::read(path).unwrap();
    let mut h = DefaultHasher::new();
    h.write(&bytes);
    (bytes.len(), h.finish())
}

/// SAP III written to `dir/name`: for a test that needs several records in one folder.
pub fn sap3_record(dir: &Path, name: &str) -> PathBuf {
    record_of(dir, name, &reform_tracker::seed::sap3())
}

/// `plan` written to `dir/name` as a new record.
pub fn record_of(dir: &Path, name: &str, plan: &Plan) -> PathBuf {
    let path = dir.join(name);
    drop(Store::create(&path, plan).unwrap());
    path
}

/// The newest schema version, counted from the migration files (src/store/sql/NNN_*.sql) rather
/// than taken from the constant the store writes: a migration added without raising the version
/// makes the upgrade tests fail.
/// SQL that takes a record of schema 7 back to schema 6 (`db` is `main` or an attached name), for
/// tests of older records.
pub fn undo_schema_7(db: &str) -> String {
    let mut sql = format!(
        "DROP TABLE {db}.kpi_milestone; DROP TABLE {db}.item_effect; ALTER TABLE {db}.plan DROP COLUMN adopted_on;"
    );
    for column in ["status", "status_year", "status_reason", "goal_heading", "actions_heading"] {
        sql.push_str(&format!(" ALTER TABLE {db}.item DROP COLUMN {column};"));
    }
    for column in ["baseline_note", "target_note", "baseline_date", "scale"] {
        sql.push_str(&format!(" ALTER TABLE {db}.kpi DROP COLUMN {column};"));
    }
    sql
}

pub fn newest_migration() -> i64 {
    let sql = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/sql");
    std::fs::read_dir(sql)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let (number, _) = name.split_once('_')?;
            (number.len() == 3).then(|| number.parse::<i64>().ok()).flatten()
        })
        .max()
        .expect("migration files 001_*.sql …")
}

/// A record as the first released version (user_version 1) wrote it: one item, no history tables.
pub fn version_1_record(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../../src/store/sql/001_plan.sql")).unwrap();
    conn.execute_batch(
        "INSERT INTO plan VALUES (1, '旧計画', '旧', 2021, 2023, 2020);
         INSERT INTO focus_area (id, number, title) VALUES (1, 1, '重点');
         INSERT INTO category (id, focus_area_id, position, title) VALUES (1, 1, 0, '分類');
         INSERT INTO item (id, number, category_id, title, department) VALUES (1, 1, 1, '項目', '秘書課');
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

/// SAP III cut down to its first item: small files for the corpus and the fuzzer.
pub fn small_plan() -> Plan {
    let mut plan = reform_tracker::seed::sap3();
    plan.items.truncate(1);
    plan
}

/// A record of `small_plan` with 512-byte pages, so each file is a few kilobytes.
pub fn small_record(path: &Path) {
    drop(Store::create(path, &small_plan()).unwrap());
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA page_size = 512; VACUUM;").unwrap();
}

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
