//! The store's part of a merge: each change's identity (given to rows written before identities
//! existed), the two histories read for `crate::merge`, and the merged changes written with their
//! original identity, author and time.

use rusqlite::{Connection, Transaction, params};

use super::Store;
use super::error::StoreError;
use super::import::{Candidate, open_image};
use crate::edit::Edit;
use crate::merge::{History, LoggedChange};

/// Where one merged change came from: its identity, author and time in the other copy.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOrigin {
    pub uid: String,
    pub user: String,
    pub at: String,
}

/// Identities for the rows of a history written before version 4. Derived, not random: two copies
/// exported before the upgrade and upgraded apart must give their shared rows the same identity,
/// and the rows each wrote alone (same id, other content) different ones.
pub(crate) fn backfill_uids(tx: &Transaction) -> Result<(), StoreError> {
    let record_id: String =
        tx.query_row(include_str!("sql/select_record_id.sql"), [], |r| r.get(0)).unwrap_or_default();
    let rows: Vec<(i64, String, String, String)> = {
        let mut stmt = tx.prepare(include_str!("sql/select_changes_without_uid.sql"))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut update = tx.prepare(include_str!("sql/update_change_uid.sql"))?;
    for (id, at, user, edit) in rows {
        let digest = fnv1a(&[at.as_bytes(), user.as_bytes(), edit.as_bytes()]);
        update.execute(params![id, format!("{record_id}:{id}:{digest:016x}")])?;
    }
    Ok(())
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike std's hasher.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0u8]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn read_history(conn: &Connection) -> Result<History, StoreError> {
    let record_id = conn.query_row(include_str!("sql/select_record_id.sql"), [], |r| r.get(0))?;
    let mut stmt = conn.prepare(include_str!("sql/select_logged_changes.sql"))?;
    let changes = stmt
        .query_map([], |r| {
            let json: String = r.get(3)?;
            Ok(LoggedChange { uid: r.get(0)?, at: r.get(1)?, user: r.get(2)?, edit: serde_json::from_str(&json).ok() })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(include_str!("sql/select_merged_uids.sql"))?;
    let declined = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(History { record_id, changes, declined })
}

impl Store {
    /// This record's history, for a merge.
    pub fn merge_history(&self) -> Result<History, StoreError> {
        read_history(&self.conn)
    }

    /// Writes a merge in one transaction: each edit with its own history row (`origins`, same order),
    /// and the identities of their changes not taken, so that a second merge passes them over.
    pub fn write_merge(
        &mut self,
        edits: &[Edit],
        origins: &[MergeOrigin],
        declined: &[String],
        source: &str,
    ) -> Result<(), StoreError> {
        if edits.len() != origins.len() {
            return Err(StoreError::Invalid("統合する変更と出どころの数が合いません".into()));
        }
        self.transact(|change| {
            for (edit, o) in edits.iter().zip(origins) {
                change.record_as(edit, &o.uid, &o.user, &o.at, source)?;
            }
            for uid in declined {
                change.tx.execute(include_str!("sql/insert_merged_uid.sql"), [uid])?;
            }
            Ok(())
        })
    }
}

/// The history of an inspected file (its private, upgraded copy).
pub fn candidate_history(candidate: &Candidate) -> Result<History, StoreError> {
    let conn = open_image(candidate.image().to_vec(), candidate.source())?;
    read_history(&conn)
}
