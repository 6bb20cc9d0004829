//! Import: a file from a colleague, a shared folder or a USB stick replaces the open record —
//! but only after it has proved to be a sound reform-tracker record.
//!
//! The candidate is untrusted. SQLite never opens it where it lies: opening a file in WAL mode,
//! even to read, creates `-wal`/`-shm` beside the sender's file, and a stray `-wal` there would be
//! read into it. Its bytes are read once into memory, marked as a rollback-journal database
//! (header bytes 18/19), and checked there with SQLite's defensive settings (no triggers, no
//! views, no functions from its schema), page by page and against our schema exactly; an older
//! version is upgraded in that private in-memory copy. Nothing is written anywhere (no temporary
//! file to leave behind if the app is killed) until `Store::replace_with` (replace.rs).

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OptionalExtension};

use super::check::{check_connection, expected_schema, schema_objects};
use super::error::StoreError;
use super::load::load_plan;
use super::schema::{MIGRATIONS, SCHEMA_VERSION, upgrade, user_version};
use crate::model::Plan;

/// The largest file taken in: a record of a big plan with years of history is tens of megabytes, and
/// the checks hold about three copies of it in memory.
pub const MAX_CANDIDATE_BYTES: u64 = 256 * 1024 * 1024;

/// A file that passed every check, held as a private, upgraded in-memory copy ready to replace
/// the record.
pub struct Candidate {
    source: PathBuf,
    /// The upgraded database, serialised: a rollback-journal database image.
    image: Vec<u8>,
    plan: Plan,
    found_version: i64,
    record_id: String,
    change_count: usize,
}

impl std::fmt::Debug for Candidate {
    /// Without the image: megabytes of bytes help no one reading a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidate")
            .field("source", &self.source)
            .field("image_bytes", &self.image.len())
            .field("found_version", &self.found_version)
            .field("record_id", &self.record_id)
            .field("change_count", &self.change_count)
            .finish_non_exhaustive()
    }
}

impl Candidate {
    /// The file the officer chose.
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// What the record will hold after the import.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The schema version the file had (older ones were upgraded in the copy).
    pub fn found_version(&self) -> i64 {
        self.found_version
    }

    pub fn was_upgraded(&self) -> bool {
        self.found_version < SCHEMA_VERSION
    }

    /// The identity of the record the file was exported from.
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// Rows in the file's change history (they come along with the import).
    pub fn change_count(&self) -> usize {
        self.change_count
    }

    pub(crate) fn image(&self) -> &[u8] {
        &self.image
    }
}

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Checks `candidate` and prepares it for `Store::replace_with`. Never writes to `candidate` nor
/// beside it, and reads no file but it.
pub fn inspect(candidate: &Path) -> Result<Candidate, StoreError> {
    let bytes = read_candidate(candidate)?;
    let damaged = |e: rusqlite::Error| damaged_file(candidate, &e);
    let mut conn = open_image(bytes, candidate)?;
    conn.pragma_update(None, "query_only", true).map_err(damaged)?;
    let version = user_version(&conn).map_err(damaged)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: candidate.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version < 1 {
        return Err(foreign(candidate, "reform-tracker の形式番号がありません".into()));
    }
    verify_integrity(&conn, candidate)?;
    let expected = if version == SCHEMA_VERSION { expected_schema() } else { schema_at(version) };
    let actual = schema_objects(&conn).map_err(damaged)?;
    if let Some(problem) = schema_difference(&expected, &actual) {
        return Err(foreign(candidate, problem));
    }
    conn.pragma_update(None, "query_only", false).map_err(damaged)?;
    if version < SCHEMA_VERSION {
        // "main" here is the in-memory copy, never the colleague's file.
        upgrade(&mut conn, candidate)
            .map_err(|e| damaged_detail(candidate, format!("形式の更新に失敗しました: {e}")))?;
    }
    let report = check_connection(&conn).map_err(|e| damaged_detail(candidate, e.to_string()))?;
    if !report.problems.is_empty() {
        return Err(damaged_detail(candidate, report.problems.join(" / ")));
    }
    let plan = load_plan(&conn).map_err(|e| match e {
        StoreError::Damaged(detail) => damaged_detail(candidate, detail),
        other => damaged_detail(candidate, other.to_string()),
    })?;
    check_content(&plan).map_err(|detail| damaged_detail(candidate, detail))?;
    let record_id: Option<String> =
        conn.query_row(include_str!("sql/select_record_id.sql"), [], |r| r.get(0)).optional().map_err(damaged)?;
    let record_id = record_id.ok_or_else(|| damaged_detail(candidate, "記録の識別子がありません".into()))?;
    let change_count: i64 = conn.query_row(include_str!("sql/count_changes.sql"), [], |r| r.get(0)).map_err(damaged)?;
    let image = conn.serialize(rusqlite::MAIN_DB).map_err(damaged)?.to_vec();
    Ok(Candidate {
        source: candidate.to_path_buf(),
        image,
        plan,
        found_version: version,
        record_id,
        change_count: change_count as usize,
    })
}

/// The candidate's bytes, read once (later changes to the file cannot slip past the checks), with
/// its header made to say "rollback journal": SQLite then never looks for a `-wal` beside it.
fn read_candidate(path: &Path) -> Result<Vec<u8>, StoreError> {
    check_header(path)?;
    let file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_CANDIDATE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| StoreError::io(path, e))?;
    if bytes.len() as u64 > MAX_CANDIDATE_BYTES {
        return Err(damaged_detail(path, format!("{} MB を超える大きさです", MAX_CANDIDATE_BYTES / 1024 / 1024)));
    }
    // The file may have changed since check_header looked: the header is checked again on these bytes.
    let len = bytes.len() as u64;
    check_header_bytes(path, &bytes, len)?;
    // 1 is the rollback journal, 2 WAL; SQLite itself refuses to read any other version.
    if !(1..=2).contains(&bytes[18]) || !(1..=2).contains(&bytes[19]) {
        return Err(damaged_detail(path, format!("書式の版が不正です（{}/{}）", bytes[18], bytes[19])));
    }
    bytes[18] = 1;
    bytes[19] = 1;
    Ok(bytes)
}

/// An in-memory database holding `image`, hardened like any file from outside.
pub(crate) fn open_image(image: Vec<u8>, path: &Path) -> Result<Connection, StoreError> {
    let damaged = |e: rusqlite::Error| damaged_file(path, &e);
    let mut conn = Connection::open_in_memory().map_err(damaged)?;
    harden(&conn).map_err(damaged)?;
    let len = image.len();
    conn.deserialize_read_exact(rusqlite::MAIN_DB, &image[..], len, false).map_err(damaged)?;
    Ok(conn)
}

/// SQLite's settings for a file it must not trust: nothing in its schema may run code.
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;")
}

/// The first 100 bytes tell a SQLite file, its page size and (when valid) its page count:
/// a file shorter than that is cut off.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        _ => StoreError::io(path, e),
    })?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    check_header_bytes(path, &header[..read], meta.len())
}

fn check_header_bytes(path: &Path, header: &[u8], len: u64) -> Result<(), StoreError> {
    if header.len() < 100 || &header[..16] != MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n if n >= 512 && n.is_power_of_two() => n as u64,
        _ => return Err(damaged_detail(path, "ページの大きさが不正です".into())),
    };
    let counted = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    let counter_valid = header[24..28] == header[92..96];
    if !len.is_multiple_of(page_size) || (counter_valid && counted * page_size > len) {
        return Err(damaged_detail(path, "ファイルが途中で切れています".into()));
    }
    Ok(())
}

fn verify_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let damaged = |e: rusqlite::Error| damaged_file(path, &e);
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(damaged)?;
    let lines: Vec<String> =
        stmt.query_map([], |r| r.get(0)).map_err(damaged)?.collect::<Result<_, _>>().map_err(damaged)?;
    if lines != ["ok"] {
        let first = lines.first().cloned().unwrap_or_default();
        return Err(damaged_detail(path, format!("整合性の検査で {} 件の問題（{first}）", lines.len())));
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(damaged)?;
    let broken: Vec<String> =
        stmt.query_map([], |r| r.get(0)).map_err(damaged)?.collect::<Result<_, _>>().map_err(damaged)?;
    if !broken.is_empty() {
        return Err(damaged_detail(path, format!("参照先のない行が {} 件（表 {}）", broken.len(), broken[0])));
    }
    Ok(())
}

type SchemaObject = (String, String, Option<String>);

/// The schema a record of an older `version` has: the first `version` migrations.
fn schema_at(version: i64) -> Vec<SchemaObject> {
    let conn = Connection::open_in_memory().expect("an in-memory database opens");
    for sql in MIGRATIONS.iter().take(version as usize) {
        conn.execute_batch(sql).expect("the migrations apply to an empty database");
    }
    schema_objects(&conn).expect("the schema of an in-memory database reads")
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "table" => "表",
        "view" => "ビュー",
        "trigger" => "トリガー",
        "index" => "索引",
        other => other,
    }
}

/// The first way `actual` differs from `expected`, in words; `None` when identical.
fn schema_difference(expected: &[SchemaObject], actual: &[SchemaObject]) -> Option<String> {
    for a in actual {
        match expected.iter().find(|e| e.0 == a.0 && e.1 == a.1) {
            None => return Some(format!("余分な{}「{}」があります", kind_label(&a.0), a.1)),
            Some(e) if e.2 != a.2 => return Some(format!("{}「{}」の定義が違います", kind_label(&a.0), a.1)),
            Some(_) => {}
        }
    }
    expected
        .iter()
        .find(|e| !actual.iter().any(|a| a.0 == e.0 && a.1 == e.1))
        .map(|e| format!("{}「{}」がありません", kind_label(&e.0), e.1))
}

/// Rules the schema cannot express but the app relies on.
fn check_content(plan: &Plan) -> Result<(), String> {
    crate::model::limits::check_plan(plan).map_err(|e| e.to_string())?;
    for item in &plan.items {
        for row in &item.schedule {
            for phase in &row.phases {
                phase
                    .data
                    .validate()
                    .map_err(|e| format!("改革項目{}の工程「{}」: {e}", item.number, phase.data.label))?;
            }
        }
    }
    Ok(())
}

fn foreign(path: &Path, detail: String) -> StoreError {
    StoreError::ForeignSchema { path: path.to_path_buf(), detail }
}

fn damaged_detail(path: &Path, detail: String) -> StoreError {
    StoreError::DamagedFile { path: path.to_path_buf(), detail }
}

/// SQLite's error, said in Japanese for the officer.
fn damaged_file(path: &Path, e: &rusqlite::Error) -> StoreError {
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    match code {
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite(path.to_path_buf()),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::DatabaseCorrupt) => damaged_detail(path, format!("中身が壊れています: {e}")),
        Some(ErrorCode::ReadOnly) => damaged_detail(path, "書き込みの途中で止まった状態のまま残っています".into()),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::SystemIoFailure) => {
            StoreError::Io { path: path.to_path_buf(), reason: format!("読み込めません: {e}") }
        }
        _ => damaged_detail(path, format!("読み取れません: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_schema_is_the_last_migration() {
        assert_eq!(schema_at(SCHEMA_VERSION), expected_schema());
        assert!(schema_difference(&expected_schema(), &expected_schema()).is_none());
    }

    #[test]
    fn schema_differences_are_named() {
        let expected = expected_schema();
        let mut extra = expected.clone();
        extra.push(("trigger".into(), "t".into(), Some("CREATE TRIGGER t".into())));
        assert_eq!(schema_difference(&expected, &extra).unwrap(), "余分なトリガー「t」があります");
        let mut missing = expected.clone();
        missing.retain(|o| o.1 != "kpi_actual");
        assert!(schema_difference(&expected, &missing).unwrap().contains("kpi_actual"));
        let mut changed = expected.clone();
        let kpi = changed.iter_mut().find(|o| o.1 == "kpi").unwrap();
        kpi.2 = Some(kpi.2.clone().unwrap().replace("'decrease'", "'decrease', 'other'"));
        assert_eq!(schema_difference(&expected, &changed).unwrap(), "表「kpi」の定義が違います");
    }
}
