//! Import validation against hostile files: a kept corpus of files made to break it
//! (tests/corpus/import), and a property test that mutates a sound record's bytes.
//! Inspection must never panic and never accept a file that breaks our schema or content.
//!
//! The corpus is made by `cargo test --test import_fuzz -- --ignored make_corpus`.

mod common;

use std::path::{Path, PathBuf};

use common::{fingerprint, run, s, sap3_record, small_record, text};
use proptest::prelude::*;
use reform_tracker::store::{SCHEMA_VERSION, Store, StoreError, import};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/import")
}

/// The refusal each corpus file must get, by its name; `ok-*` files must be accepted.
fn expected(name: &str) -> fn(&Result<import::Candidate, StoreError>) -> bool {
    match name {
        n if n.starts_with("ok-") => |r| r.is_ok(),
        n if n.starts_with("too-new") => |r| matches!(r, Err(StoreError::TooNew { .. })),
        n if n.starts_with("text") || n.starts_with("empty") => |r| matches!(r, Err(StoreError::NotSqlite(_))),
        n if n.starts_with("extra-") || n.starts_with("modified-") || n.starts_with("foreign") => {
            |r| matches!(r, Err(StoreError::ForeignSchema { .. }))
        }
        _ => |r| matches!(r, Err(StoreError::DamagedFile { .. })),
    }
}

#[test]
#[ignore = "writes the corpus into the source tree; run by hand when it must change"]
fn make_corpus() {
    let dir = corpus_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("ok-small.sqlite");
    let _ = std::fs::remove_file(&base);
    small_record(&base);
    let bytes = std::fs::read(&base).unwrap();
    let variant = |name: &str, sql: &str| {
        let p = dir.join(name);
        std::fs::write(&p, &bytes).unwrap();
        rusqlite::Connection::open(&p).unwrap().execute_batch(sql).unwrap();
    };
    variant("extra-trigger.sqlite", "CREATE TRIGGER t AFTER INSERT ON change_log BEGIN DELETE FROM kpi_actual; END;");
    variant("extra-view.sqlite", "CREATE VIEW v AS SELECT * FROM item;");
    variant("extra-table.sqlite", "CREATE TABLE notes (body TEXT);");
    variant("extra-index.sqlite", "CREATE INDEX item_title ON item(title);");
    variant("too-new.sqlite", "PRAGMA user_version = 99;");
    variant(
        "broken-foreign-key.sqlite",
        "PRAGMA foreign_keys = OFF; INSERT INTO kpi_actual VALUES (999, 2021, 1.0, NULL);",
    );
    variant("check-violation.sqlite", "PRAGMA ignore_check_constraints = ON; UPDATE phase SET status = 'lost';");
    variant("bad-phase.sqlite", "UPDATE phase SET actual_end = '2022-03', actual_start = NULL;");
    variant("bad-month.sqlite", "UPDATE phase SET start_month = '2021-13';");
    // A CHECK loosened: the same tables, but kpi_actual accepts any year.
    {
        let p = dir.join("modified-check.sqlite");
        let _ = std::fs::remove_file(&p);
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.execute_batch("PRAGMA page_size = 512;").unwrap();
        let v1 = include_str!("../src/store/sql/001_plan.sql");
        let loosened = v1.replacen(
            "fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200)",
            "fiscal_year INTEGER NOT NULL",
            1,
        );
        assert_ne!(loosened, v1);
        conn.execute_batch(&loosened).unwrap();
        conn.execute_batch(include_str!("../src/store/sql/002_history.sql")).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO meta VALUES ('record_id', 'x'); PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .unwrap();
    }
    std::fs::write(dir.join("truncated.sqlite"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(dir.join("truncated-mid-page.sqlite"), &bytes[..bytes.len() - 100]).unwrap();
    let mut scribbled = bytes.clone();
    for b in &mut scribbled[512 * 3..512 * 4] {
        *b = 0x5A;
    }
    std::fs::write(dir.join("scribbled-page.sqlite"), &scribbled).unwrap();
    std::fs::write(dir.join("text.sqlite"), "施策番号,項目名\n1,窓口改革\n".as_bytes()).unwrap();
    std::fs::write(dir.join("empty.sqlite"), b"").unwrap();
    {
        let p = dir.join("foreign.sqlite");
        let _ = std::fs::remove_file(&p);
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 512; CREATE TABLE addresses (name TEXT, town TEXT); PRAGMA user_version = 2;",
        )
        .unwrap();
    }
}

#[test]
fn corpus_files_get_the_refusal_they_deserve() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let before = fingerprint(&record);
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sqlite"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "the corpus is in place: {names:?}");
    for name in &names {
        let path = corpus_dir().join(name);
        assert!(std::fs::metadata(&path).unwrap().len() < 32 * 1024, "{name} stays small");
        let file_before = fingerprint(&path);
        let result = import::inspect(&path);
        assert!(expected(name)(&result), "{name}: {:?}", result.as_ref().err());
        assert_eq!(fingerprint(&path), file_before, "{name} is only read");
        if result.is_err() {
            let out = run(&["import", "--db", &s(&record), "--from", &s(&path), "--yes"]);
            assert_eq!(out.status.code(), Some(1), "{name}");
            assert!(text(&out.stderr).starts_with("エラー: "), "{name}: {}", text(&out.stderr));
            assert_eq!(fingerprint(&record), before, "{name}: the record is unchanged");
        }
    }
}

/// What the test knows a sound record to be, found without the code under test.
struct Oracle {
    schema: Vec<(String, String, Option<String>)>,
}

fn schema_rows(conn: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

impl Oracle {
    fn new(sound: &Path) -> Oracle {
        Oracle { schema: schema_rows(&rusqlite::Connection::open(sound).unwrap()) }
    }

    /// An accepted file must be sound by SQLite's own checks and hold our schema exactly.
    fn assert_sound(&self, path: &Path, candidate: &import::Candidate) {
        let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(integrity, ["ok"]);
        let orphans: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(orphans, 0);
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, common::newest_migration());
        assert_eq!(schema_rows(&conn), self.schema);
        for item in &candidate.plan().items {
            for row in &item.schedule {
                for phase in &row.phases {
                    assert!(phase.data.validate().is_ok());
                }
            }
        }
        // What inspection read is what the file holds.
        let copy = path.with_extension("check.sqlite");
        std::fs::copy(path, &copy).unwrap();
        assert_eq!(&Store::open(&copy).unwrap().load().unwrap(), candidate.plan());
        std::fs::remove_file(&copy).unwrap();
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit { at: usize, bit: u8 },
    Overwrite { at: usize, bytes: Vec<u8> },
    ZeroPage { page: usize },
    CopyPage { from: usize, to: usize },
    Truncate { keep: usize },
}

const PAGE: usize = 512;

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        // The header and page 1 (the schema) are where a hostile file does most harm.
        2 => (0usize..PAGE, 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        3 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
        1 => any::<usize>().prop_map(|page| Mutation::ZeroPage { page }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Mutation::CopyPage { from, to }),
        1 => any::<usize>().prop_map(|keep| Mutation::Truncate { keep }),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    let pages = (bytes.len() / PAGE).max(1);
    match m {
        Mutation::FlipBit { at, bit } => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= 1 << bit;
            }
        }
        Mutation::Overwrite { at, bytes: new } => {
            let start = at % len;
            for (i, b) in new.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(start + i) {
                    *slot = *b;
                }
            }
        }
        Mutation::ZeroPage { page } => {
            let start = (page % pages) * PAGE;
            let end = (start + PAGE).min(bytes.len());
            bytes[start..end].fill(0);
        }
        Mutation::CopyPage { from, to } => {
            let (f, t) = ((from % pages) * PAGE, (to % pages) * PAGE);
            if f + PAGE <= bytes.len() && t + PAGE <= bytes.len() {
                let page = bytes[f..f + PAGE].to_vec();
                bytes[t..t + PAGE].copy_from_slice(&page);
            }
        }
        Mutation::Truncate { keep } => bytes.truncate(keep % len),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    sound: PathBuf,
    bytes: Vec<u8>,
    oracle: Oracle,
    work: PathBuf,
}

fn fixture() -> &'static std::sync::Mutex<Fixture> {
    static FIXTURE: std::sync::OnceLock<std::sync::Mutex<Fixture>> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let sound = dir.path().join("sound.sqlite");
        small_record(&sound);
        let bytes = std::fs::read(&sound).unwrap();
        let oracle = Oracle::new(&sound);
        let work = dir.path().join("mutant.sqlite");
        std::sync::Mutex::new(Fixture { _dir: dir, sound, bytes, oracle, work })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_records_are_refused_or_sound(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let fixture = fixture().lock().unwrap_or_else(|e| e.into_inner());
        let mut bytes = fixture.bytes.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        std::fs::write(&fixture.work, &bytes).unwrap();
        // A panic inside inspect fails the property (proptest catches it and shrinks).
        if let Ok(candidate) = import::inspect(&fixture.work) {
            fixture.oracle.assert_sound(&fixture.work, &candidate);
        }
        prop_assert_eq!(std::fs::read(&fixture.work).unwrap(), bytes, "the candidate is only read");
        prop_assert!(fixture.sound.is_file());
    }
}
