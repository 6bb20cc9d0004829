//! Where a year's report comes from: the record's plan, and its 変更点 from the history since a
//! date or from another record. One function for the command line and the window.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Changes, Report, changes, check_year, default_as_of};
use crate::model::{FiscalYear, Plan};
use crate::store::Store;

/// How far back 変更点 reaches.
pub enum Since {
    Nothing,
    Date(NaiveDate),
    Record(PathBuf),
}

/// The history rows read for 変更点; a record keeps far fewer.
const HISTORY_LIMIT: usize = 1_000_000;

/// The report of `year` for the record `store` holds (`plan` is its snapshot); `as_of` defaults
/// to the year's end, or `today` while the year runs.
pub fn build(
    (store, plan): (&Store, &Plan),
    year: FiscalYear,
    as_of: Option<NaiveDate>,
    since: &Since,
    today: NaiveDate,
) -> Result<Report, String> {
    check_year(plan, year)?;
    let changes: Option<Changes> = match since {
        Since::Nothing => None,
        Since::Date(d) => {
            Some(changes::from_history(&store.history(HISTORY_LIMIT).map_err(|e| e.to_string())?, *d, plan))
        }
        Since::Record(path) => {
            let earlier = crate::store::import::inspect(path).map_err(|e| e.to_string())?;
            let summary = crate::model::diff::diff(earlier.plan(), plan);
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Some(changes::from_diff(&summary, &name))
        }
    };
    let as_of = as_of.unwrap_or_else(|| default_as_of(year, today));
    Ok(Report::build(plan, year, as_of, changes))
}
