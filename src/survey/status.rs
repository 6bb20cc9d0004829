//! Which departments have answered for a year: read from the change history, where every
//! change taken from a survey carries the source tag 調査票:令和4年度:秘書課:<file name>.
//! No table of its own: the history already says who answered, when, and with which file.
//! (A department whose answer changed nothing leaves no history row, and so stays outstanding.)

use super::survey_departments;
use crate::model::{FiscalYear, Plan};
use crate::store::ChangeRecord;

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

#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub department: String,
    /// When the latest change from this department's survey was applied ("YYYY-MM-DD HH:MM:SS").
    pub last_at: String,
    /// The files imported, newest first.
    pub files: Vec<String>,
    /// Changes taken from its answers.
    pub changes: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyStatus {
    pub year: FiscalYear,
    /// In the plan's order of departments.
    pub answered: Vec<Answered>,
    pub outstanding: Vec<String>,
}

/// The answer status of every department for `year`; `history` as `Store::history` returns it.
pub fn survey_status(plan: &Plan, year: FiscalYear, history: &[ChangeRecord]) -> SurveyStatus {
    let mut status = SurveyStatus { year, answered: Vec::new(), outstanding: Vec::new() };
    for dept in survey_departments(plan) {
        let mut found: Option<Answered> = None;
        for rec in history {
            let Some((y, d, file)) = parse_source_tag(&rec.source) else { continue };
            if y != year || d != dept {
                continue;
            }
            let a = found.get_or_insert_with(|| Answered {
                department: dept.clone(),
                last_at: rec.at.clone(),
                files: Vec::new(),
                changes: 0,
            });
            a.changes += 1;
            if rec.at > a.last_at {
                a.last_at = rec.at.clone();
            }
            if !a.files.contains(&file) {
                a.files.push(file);
            }
        }
        match found {
            Some(a) => status.answered.push(a),
            None => status.outstanding.push(dept),
        }
    }
    status
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
}
