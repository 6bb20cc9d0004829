//! Schema versions, by `PRAGMA user_version`: each migration runs in one transaction with
//! the version bump, so a failed upgrade leaves the file as it was.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::error::{StoreError, is_not_a_database};

/// Migration `n` (1-based) brings a file from version n−1 to n.
pub(crate) const MIGRATIONS: [&str; 7] = [
    include_str!("sql/001_plan.sql"),
    include_str!("sql/002_history.sql"),
    include_str!("sql/003_survey_receipt.sql"),
    include_str!("sql/004_council_provisional.sql"),
    include_str!("sql/005_change_uid.sql"),
    include_str!("sql/006_predecessor.sql"),
    include_str!("sql/007_structure.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub(crate) fn upgrade(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let version = user_version(conn).map_err(|e| StoreError::open(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version == 0 {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| if is_not_a_database(&e) { StoreError::NotSqlite(path.to_path_buf()) } else { e.into() })?;
        if tables > 0 {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        let next = index as i64 + 1;
        if next == 2 {
            // The record's identity: lets survey answers and imports tell records apart.
            tx.execute("INSERT INTO meta (key, value) VALUES ('record_id', ?1)", [new_record_id()])?;
        }
        if next == 3 {
            // Answers imported before receipts were kept are known from their tagged history.
            super::receipt::backfill_from_history(&tx)?;
        }
        if next == 4 {
            super::council::backfill_decimals(&tx)?;
        }
        if next == 5 {
            // Both copies of a record exported before this version derive the same identities.
            super::merge::backfill_uids(&tx)?;
        }
        tx.pragma_update(None, "user_version", next)?;
        tx.commit()?;
    }
    Ok(())
}

fn new_record_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    h.write_u32(std::process::id());
    let a = h.finish();
    h.write_u64(a);
    format!("{:016x}{:016x}", a, h.finish())
}
