//! Replacing the record by a checked import, so that the record keeps its promise:
//! - the backup and the replacement happen in one exclusive transaction (`BEGIN EXCLUSIVE`, the
//!   backup file attached), so what is backed up is exactly what is replaced and both are
//!   committed together: an edit another window, PC or command committed before the lock is in
//!   the backup; one after it applies to the new record. None is lost.
//! - the content is copied table by table inside that one SQLite transaction, so the record's own
//!   header (page size, rollback journal, bytes 18/19) is never overwritten by the candidate's, a
//!   failure (full disk, lost share) rolls back before the command returns, and other instances
//!   see the change through `data_version` as after any edit;
//! - nothing is written (no backup rotated) when the record is read-only, is the candidate itself,
//!   or its drive lacks the room the import needs.

use std::io::Read;
use std::path::Path;

use rusqlite::MAIN_DB;

use super::Store;
use super::backup::{BackupPath, backup_dir, remove_stale_temps, rotate_backups};
use super::error::StoreError;
use super::export::{copy_database, same_file};
use super::import::Candidate;
use super::space::check_space;

const INCOMING: &str = "incoming";
const BACKUP: &str = "backup";

/// A failure after checks passed: the transaction was rolled back, so say that the record is as it was.
fn not_replaced(e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(detail) => StoreError::NotReplaced(detail),
        StoreError::Io { reason, .. } => StoreError::NotReplaced(reason),
        other => other,
    }
}

fn remove_with_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
}

impl Store {
    /// Replaces the record by a checked candidate, after a backup of what it held (returned).
    pub fn replace_with(&mut self, candidate: &Candidate) -> Result<BackupPath, StoreError> {
        if same_file(&self.path, candidate.source()) {
            return Err(StoreError::SameFile(candidate.source().to_path_buf()));
        }
        if self.conn.is_readonly(MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }
        let record_len = std::fs::metadata(&self.path).map_err(|e| StoreError::io(&self.path, e))?.len();
        // The backup, the journals (at most the old record and the backup) and the new content.
        let needed = record_len * 3 + candidate.image().len() as u64 + 1024 * 1024;
        check_space(&backup_dir(&self.path), needed)?;
        remove_stale_temps(&self.path);

        // A first copy by the backup API gives the backup file its schema and most of its pages;
        // under the lock below it is brought exactly up to the record as it is replaced.
        let backup = self.new_backup_path()?;
        copy_database(&self.conn, &backup).map_err(not_replaced)?;
        let result = self.replace_attached(&backup, candidate.image());
        let _ = self.conn.execute_batch(include_str!("sql/detach_incoming.sql"));
        let _ = self.conn.execute_batch(include_str!("sql/detach_backup.sql"));
        if let Err(e) = result {
            remove_with_journal(&backup);
            return Err(not_replaced(e));
        }
        rotate_backups(&self.path, &backup);
        self.verify_rollback_journal()?;
        Ok(backup)
    }

    fn replace_attached(&mut self, backup: &Path, image: &[u8]) -> Result<(), StoreError> {
        self.conn.execute(include_str!("sql/attach_backup.sql"), [backup.to_string_lossy()])?;
        self.conn.execute_batch("PRAGMA backup.synchronous = FULL; PRAGMA backup.journal_mode = DELETE;")?;
        self.conn.execute_batch(include_str!("sql/attach_incoming.sql"))?;
        // Writable: BEGIN EXCLUSIVE takes a write lock on every attached database.
        self.conn.deserialize_read_exact(INCOMING, image, image.len(), false)?;
        self.conn.execute_batch("BEGIN EXCLUSIVE")?;
        let copied = self.copy_tables("main", BACKUP).and_then(|()| self.copy_tables(INCOMING, "main"));
        match copied.and_then(|()| Ok(self.conn.execute_batch("COMMIT")?)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Every table of `to`, emptied and filled from `from` (the same schema, checked).
    fn copy_tables(&self, from: &str, to: &str) -> Result<(), StoreError> {
        // Rows go in table by table; the references are checked once, at COMMIT.
        self.conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let tables: Vec<String> = self
            .conn
            .prepare(include_str!("sql/select_tables.sql"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for table in tables.iter().rev() {
            let sql = include_str!("sql/replace_clear_table.sql").replace("{db}", to).replace("{table}", table);
            self.conn.execute(&sql, [])?;
        }
        for table in &tables {
            let sql = include_str!("sql/replace_copy_table.sql")
                .replace("{to}", to)
                .replace("{from}", from)
                .replace("{table}", table);
            self.conn.execute(&sql, [])?;
        }
        Ok(())
    }

    /// The record stays on the rollback journal a shared folder needs: its header says so
    /// (bytes 18 and 19 are 1), and SQLite agrees.
    fn verify_rollback_journal(&self) -> Result<(), StoreError> {
        let mode: String = self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let mut header = [0u8; 20];
        let mut file = std::fs::File::open(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
        file.read_exact(&mut header).map_err(|e| StoreError::io(&self.path, e))?;
        if !mode.eq_ignore_ascii_case("delete") || header[18] != 1 || header[19] != 1 {
            return Err(StoreError::Damaged(format!(
                "取り込み後の記録がロールバックジャーナル方式ではありません（{mode}、{}/{}）",
                header[18], header[19]
            )));
        }
        Ok(())
    }

    /// True when `path` is the open record itself (importing it would change nothing).
    pub fn is_same_file(&self, path: &Path) -> bool {
        same_file(&self.path, path)
    }
}
