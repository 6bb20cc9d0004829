//! Which departments have answered for a year: read from the record's survey receipts, written
//! when an import is applied ([`super::apply_import`]) — also for answers that changed nothing,
//! which leave no row in the change history.

use super::survey_departments;
use crate::model::{FiscalYear, Plan};
use crate::store::{Store, StoreError, SurveyReceipt};

#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub department: String,
    /// When the latest answers were taken in ("YYYY-MM-DD HH:MM:SS").
    pub last_at: String,
    /// Who took them in.
    pub user: String,
    /// The files imported, newest first.
    pub files: Vec<String>,
    /// Changes taken from all its answers.
    pub changes: usize,
    /// Cells refused in the latest answers (worth asking the department about).
    pub refused: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyStatus {
    pub year: FiscalYear,
    /// In the plan's order of departments.
    pub answered: Vec<Answered>,
    pub outstanding: Vec<String>,
}

/// The answer status of every department for `year`; `receipts` newest first, as
/// `Store::survey_receipts` returns them.
pub fn survey_status(plan: &Plan, year: FiscalYear, receipts: &[SurveyReceipt]) -> SurveyStatus {
    let mut status = SurveyStatus { year, answered: Vec::new(), outstanding: Vec::new() };
    for dept in survey_departments(plan) {
        let mut found: Option<Answered> = None;
        for r in receipts.iter().filter(|r| r.year == year && r.department == dept) {
            let a = found.get_or_insert_with(|| Answered {
                department: dept.clone(),
                last_at: r.received_at.clone(),
                user: r.user.clone(),
                files: Vec::new(),
                changes: 0,
                refused: r.refused,
            });
            a.changes += r.changes;
            if !a.files.contains(&r.file_name) {
                a.files.push(r.file_name.clone());
            }
        }
        match found {
            Some(a) => status.answered.push(a),
            None => status.outstanding.push(dept),
        }
    }
    status
}

/// The status of `year` as the record holds it (the window and the CLI both read it here).
pub fn read_status(store: &Store, plan: &Plan, year: FiscalYear) -> Result<SurveyStatus, StoreError> {
    Ok(survey_status(plan, year, &store.survey_receipts(year)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(dept: &str, file: &str, at: &str, changes: usize, refused: usize) -> SurveyReceipt {
        SurveyReceipt {
            year: FiscalYear(2022),
            department: dept.into(),
            file_name: file.into(),
            received_at: at.into(),
            user: "tanaka".into(),
            changes,
            refused,
        }
    }

    #[test]
    fn a_receipt_with_no_change_counts_as_answered() {
        let plan = crate::seed::sap3();
        let receipts = vec![
            receipt("税務課", "b2.xlsx", "2023-05-02 09:00:00", 0, 1),
            receipt("税務課", "b1.xlsx", "2023-05-01 09:00:00", 3, 0),
            receipt("秘書課", "a.xlsx", "2023-05-01 08:00:00", 0, 0),
            receipt("存在しない課", "x.xlsx", "2023-05-01 08:00:00", 0, 0),
        ];
        let st = survey_status(&plan, FiscalYear(2022), &receipts);
        let names: Vec<_> = st.answered.iter().map(|a| a.department.as_str()).collect();
        assert_eq!(names, ["秘書課", "税務課"], "plan order, unknown departments left out");
        let tax = &st.answered[1];
        assert_eq!((tax.changes, tax.refused, tax.last_at.as_str()), (3, 1, "2023-05-02 09:00:00"));
        assert_eq!(tax.files, ["b2.xlsx", "b1.xlsx"]);
        assert_eq!(st.answered.len() + st.outstanding.len(), survey_departments(&plan).len());
        assert!(!st.outstanding.contains(&"秘書課".to_string()));
        assert!(survey_status(&plan, FiscalYear(2023), &receipts).answered.is_empty());
    }
}
