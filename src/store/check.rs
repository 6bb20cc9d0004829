//! `check`: is this file a sound reform-tracker record?

use rusqlite::Connection;

use super::Store;
use super::error::StoreError;
use super::schema::{MIGRATIONS, SCHEMA_VERSION, user_version};

#[derive(Debug, Default)]
pub struct CheckReport {
    /// Problems found, each a Japanese sentence; empty means sound.
    pub problems: Vec<String>,
    pub items: usize,
    pub kpis: usize,
    pub phases: usize,
}

/// (type, name, sql) of every schema object a record of the current version has.
pub(crate) fn expected_schema() -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open_in_memory().expect("an in-memory database opens");
    for sql in MIGRATIONS {
        conn.execute_batch(sql).expect("the migrations apply to an empty database");
    }
    schema_objects(&conn).expect("the schema of an in-memory database reads")
}

pub(crate) fn schema_objects(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>, rusqlite::Error> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// Checks a connection's file: SQLite integrity, foreign keys, our schema exactly, readable plan.
pub(crate) fn check_connection(conn: &Connection) -> Result<CheckReport, StoreError> {
    let mut report = CheckReport::default();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    if lines != ["ok"] {
        report.problems.push(format!("ファイルの整合性に問題があります: {}", lines.join(" / ")));
        return Ok(report);
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let broken = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    if !broken.is_empty() {
        report.problems.push(format!("参照先のない行が {} 件あります（表: {}）。", broken.len(), broken.join(", ")));
    }
    let version = user_version(conn)?;
    if version != SCHEMA_VERSION {
        report.problems.push(format!("記録の形式が {version} です（このアプリは {SCHEMA_VERSION}）。"));
        return Ok(report);
    }
    let expected = expected_schema();
    let actual = schema_objects(conn)?;
    for object in &actual {
        if !expected.contains(object) {
            report.problems.push(format!("reform-tracker のものではない {}「{}」があります。", object.0, object.1));
        }
    }
    for object in &expected {
        if !actual.iter().any(|a| a.0 == object.0 && a.1 == object.1) {
            report.problems.push(format!("{}「{}」がありません。", object.0, object.1));
        }
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    match super::load::load_plan(conn) {
        Ok(plan) => {
            report.items = plan.items.len();
            report.kpis = plan.items.iter().map(|i| i.kpis.len()).sum();
            report.phases = plan.items.iter().flat_map(|i| &i.schedule).map(|r| r.phases.len()).sum();
        }
        Err(e) => report.problems.push(e.to_string()),
    }
    Ok(report)
}

impl Store {
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        check_connection(&self.conn)
    }
}
