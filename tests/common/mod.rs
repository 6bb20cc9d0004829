//! Helpers shared by the shared-record tests: real files in temporary folders.
#![allow(dead_code)]

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reform_tracker::model::Plan;
use reform_tracker::store::Store;

/// A hash of the file's bytes with its length: equal means byte-for-byte unchanged.
pub fn fingerprint(path: &Path) -> (usize, u64) {
    let bytes = std::fs::read(path).unwrap();
    let mut h = DefaultHasher::new();
    h.write(&bytes);
    (bytes.len(), h.finish())
}

pub fn sap3_record(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    drop(Store::create(&path, &reform_tracker::seed::sap3()).unwrap());
    path
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
