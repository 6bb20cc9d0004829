//! The yearly progress survey (進捗調査票): one workbook per 実施課 goes out, the filled workbooks
//! (or the same sheet saved as CSV by Excel) come back and become ordinary `Edit`s.
//!
//! Like `report/`, this layer reads a plan snapshot and writes or reads bytes: no egui, no SQL.
//! Applying a judged import goes through the store in one place, [`apply_import`]: each edit with
//! the source tag from [`source_tag`], and a receipt per department that answered, which is what
//! [`read_status`] reads back to tell which departments have answered.

mod apply;
mod bounded;
mod checksum;
mod error;
mod import;
mod read;
mod sheet;
mod status;
mod values;
mod write;

pub use crate::store::{parse_source_tag, source_tag};
pub use apply::{AppliedImport, apply_import};
pub use bounded::{MAX_FILE_BYTES, MAX_INFLATED_BYTES, bounded_sheets, check_zip};
pub use error::SurveyError;
pub use import::{
    CellRefusal, Change, DepartmentPreview, RefusedFile, SurveyPreview, plan_import, plan_import_for_year,
};
pub use read::{
    AnswerCell, CellPos, EffectAnswer, EvaluationAnswer, KpiAnswer, PhaseAnswer, SourceFormat, SurveyAnswers, Value,
    read_all_answers, read_answers, read_answers_from_bytes,
};
pub use sheet::{MAIN_SHEET, file_name};
pub use status::{Answered, SurveyStatus, read_status, survey_status};
pub use values::{date_of_serial, month_of_serial, parse_month};
pub use write::{export_workbooks, workbook_bytes};

use crate::model::{FiscalYear, Item, ItemStatus, Plan};

/// Every department that gets a workbook, in order of first appearance in the plan. Items shared
/// by several departments (企画広報課・商工課) count for each; 関係課 names nobody in particular.
pub fn survey_departments(plan: &Plan) -> Vec<String> {
    plan.single_departments()
}

/// The items a department answers for, in plan order.
pub fn items_of<'a>(plan: &'a Plan, department: &str) -> Vec<&'a Item> {
    plan.items.iter().filter(|i| i.departments().iter().any(|d| d == department)).collect()
}

/// The items a department answers for about `year`: those still worked on in that year (an item
/// that ended earlier, 完了 or 中止, is not asked about again).
pub fn items_due<'a>(plan: &'a Plan, department: &str, year: FiscalYear) -> Vec<&'a Item> {
    items_of(plan, department).into_iter().filter(|i| ItemStatus::active_in(i.status.as_ref(), year)).collect()
}
