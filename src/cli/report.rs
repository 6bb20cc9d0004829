//! `report`: the year's report (site, PDF, workbook) into a folder.

use std::path::Path;

use chrono::NaiveDate;

use super::Refusal;
use crate::model::FiscalYear;
use crate::report::annual::{self, Since};
use crate::store::Store;

pub fn report(
    db: &Path,
    year: &str,
    out: &Path,
    as_of: Option<NaiveDate>,
    since: Option<NaiveDate>,
    since_record: Option<&Path>,
) -> Result<String, Refusal> {
    let year = FiscalYear::parse(year).ok_or_else(|| {
        Refusal(format!("年度「{year}」を読めません。令和4年度、R4、2022 のように指定してください。"))
    })?;
    let since = match (since, since_record) {
        (Some(d), _) => Since::Date(d),
        (None, Some(p)) => Since::Record(p.to_path_buf()),
        (None, None) => Since::Nothing,
    };
    let store = Store::open(db)?;
    let plan = store.load()?;
    let today = chrono::Local::now().date_naive();
    let report = annual::build((&store, &plan), year, as_of, &since, today).map_err(Refusal)?;
    let written = annual::write(&report, out).map_err(Refusal)?;
    Ok(format!(
        "「{}」に{}の報告書を書き出しました（{} ファイル：index.html、改革項目 {} ページ、{}、{}）。基準日 {}。",
        out.display(),
        year.japanese(),
        written.len(),
        report.sheets.len(),
        report.pdf_name(),
        report.xlsx_name(),
        report.as_of.format("%Y-%m-%d"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_date_is_the_year_end_or_today() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(annual::default_as_of(FiscalYear(2022), d(2024, 6, 1)), d(2023, 3, 31));
        assert_eq!(annual::default_as_of(FiscalYear(2022), d(2022, 12, 1)), d(2022, 12, 1));
    }
}
