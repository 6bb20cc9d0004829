//! Receipts of the yearly progress survey: which department's answers for which year were taken
//! in, from which file, by whom. Kept apart from the change history because an answer that
//! matches the record changes nothing, yet the department has answered all the same.
//!
//! The history's `source` of an edit taken from a survey is also spelled here (調査票:令和4年度:
//! 秘書課:<file name>), since the upgrade to schema 3 reads it back to fill in the receipts of
//! answers imported before this table existed.

use rusqlite::{Connection, params};

use super::Store;
use super::error::StoreError;
use crate::edit::Edit;
use crate::model::FiscalYear;

const TAG: &str = "調査票";

/// The change-history source of an edit taken from a survey.
pub fn source_tag(year: FiscalYear, department: &str, file_name: &str) -> String {
    format!("{TAG}:{}:{department}:{file_name}", year.japanese())
}

/// (year, department, file name) of a survey source tag.
pub fn parse_source_tag(source: &str) -> Option<(FiscalYear, String, String)> {
    let mut parts = source.splitn(4, ':');
    if parts.next()? != TAG {
        return None;
    }
    let year = FiscalYear::parse(parts.next()?)?;
    let department = parts.next()?.to_string();
    let file = parts.next().unwrap_or_default().to_string();
    Some((year, department, file))
}

/// One department's answers, taken in.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyReceipt {
    pub year: FiscalYear,
    pub department: String,
    pub file_name: String,
    /// Local time, "YYYY-MM-DD HH:MM:SS".
    pub received_at: String,
    pub user: String,
    /// Changes applied from these answers (0 when they matched the record).
    pub changes: usize,
    /// Cells refused (left as they were in the record).
    pub refused: usize,
}

/// A department's answers to take in: what [`Store::take_in_survey`] records.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswersTaken<'a> {
    pub year: FiscalYear,
    pub department: &'a str,
    pub file_name: &'a str,
    /// The edits taken from them, each applied with `source` (its survey tag).
    pub edits: Vec<&'a Edit>,
    pub source: &'a str,
    pub refused: usize,
}

impl Store {
    /// Takes in the answers of one import in one transaction: every edit (with its history row)
    /// and a receipt per department, dated now and by this PC's user. All or nothing: when the
    /// record has moved on since the preview, nothing is written and the conflict is returned.
    pub fn take_in_survey(&mut self, answers: &[AnswersTaken]) -> Result<(), StoreError> {
        self.transact(|change| {
            for a in answers {
                for edit in &a.edits {
                    change.record(edit, a.source)?;
                }
                let receipt = Receipt {
                    year: a.year,
                    department: a.department,
                    file_name: a.file_name,
                    at: &change.at,
                    user: &change.user,
                    changes: a.edits.len(),
                    refused: a.refused,
                };
                insert(&change.tx, &receipt)?;
            }
            Ok(())
        })
    }

    /// The receipts for `year`, newest first.
    pub fn survey_receipts(&self, year: FiscalYear) -> Result<Vec<SurveyReceipt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(include_str!("sql/select_survey_receipts.sql"))?;
        let rows = stmt.query_map([year.0], |r| {
            Ok(SurveyReceipt {
                year: FiscalYear(r.get(0)?),
                department: r.get(1)?,
                file_name: r.get(2)?,
                received_at: r.get(3)?,
                user: r.get(4)?,
                changes: r.get::<_, i64>(5)? as usize,
                refused: r.get::<_, i64>(6)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// One receipt row: which department's answers were taken in, when, by whom, with what effect.
struct Receipt<'a> {
    year: FiscalYear,
    department: &'a str,
    file_name: &'a str,
    at: &'a str,
    user: &'a str,
    changes: usize,
    refused: usize,
}

fn insert(conn: &Connection, r: &Receipt) -> Result<(), StoreError> {
    conn.execute(
        include_str!("sql/insert_survey_receipt.sql"),
        params![r.year.0, r.department, r.file_name, r.at, r.user, r.changes as i64, r.refused as i64],
    )?;
    Ok(())
}

/// Part of the upgrade to schema 3: answers imported before receipts existed left only their
/// tagged history rows; one receipt per (year, department, file) is made from them, dated by
/// the last of its changes. How many cells were refused then is not known (0).
pub(crate) fn backfill_from_history(conn: &Connection) -> Result<(), StoreError> {
    struct Seen {
        year: FiscalYear,
        department: String,
        file: String,
        at: String,
        user: String,
        changes: usize,
    }
    let mut seen: Vec<Seen> = Vec::new();
    {
        let mut stmt = conn.prepare(include_str!("sql/select_survey_sources.sql"))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
        for row in rows {
            let (source, at, user) = row?;
            let Some((year, department, file)) = parse_source_tag(&source) else { continue };
            match seen.iter_mut().find(|s| s.year == year && s.department == department && s.file == file) {
                Some(s) => {
                    s.changes += 1;
                    s.at = at;
                    s.user = user;
                }
                None => seen.push(Seen { year, department, file, at, user, changes: 1 }),
            }
        }
    }
    for s in seen.iter().filter(|s| !s.department.is_empty()) {
        let receipt = Receipt {
            year: s.year,
            department: &s.department,
            file_name: &s.file,
            at: &s.at,
            user: &s.user,
            changes: s.changes,
            refused: 0,
        };
        insert(conn, &receipt)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        let tag = source_tag(FiscalYear(2022), "秘書課", "進捗調査票_令和4年度_秘書課.xlsx");
        assert_eq!(tag, "調査票:令和4年度:秘書課:進捗調査票_令和4年度_秘書課.xlsx");
        assert_eq!(
            parse_source_tag(&tag),
            Some((FiscalYear(2022), "秘書課".into(), "進捗調査票_令和4年度_秘書課.xlsx".into()))
        );
        assert_eq!(parse_source_tag("画面"), None);
        assert_eq!(parse_source_tag("コマンドライン"), None);
    }

    #[test]
    fn receipts_are_filled_in_from_tagged_history_on_upgrade() {
        let conn = Connection::open_in_memory().unwrap();
        for sql in super::super::schema::MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        let log = |at: &str, source: &str| {
            conn.execute(
                "INSERT INTO change_log (at, user_name, target, field, old_value, new_value, edit, source)
                 VALUES (?1, 'tanaka', '', '', '', '', '{}', ?2)",
                params![at, source],
            )
            .unwrap();
        };
        log("2023-05-01 10:00:00", "調査票:令和4年度:秘書課:a.xlsx");
        log("2023-05-01 10:00:01", "調査票:令和4年度:秘書課:a.xlsx");
        log("2023-05-02 09:00:00", "画面");
        log("2023-05-03 09:00:00", "調査票:令和4年度:税務課:b.csv");
        backfill_from_history(&conn).unwrap();
        let store_rows: Vec<(i32, String, String, String, i64)> = conn
            .prepare("SELECT fiscal_year, department, file_name, received_at, changes FROM survey_receipt ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            store_rows,
            vec![
                (2022, "秘書課".into(), "a.xlsx".into(), "2023-05-01 10:00:01".into(), 2),
                (2022, "税務課".into(), "b.csv".into(), "2023-05-03 09:00:00".into(), 1),
            ]
        );
    }
}
