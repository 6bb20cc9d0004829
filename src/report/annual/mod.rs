//! The year's report (年次報告書): the 総括表, one sheet per item and the 変更点, written as a
//! static web site the city can publish as it is, one tagged PDF, and a workbook for the office.
//! A plan snapshot (and the change list) in, files out; no egui.

pub mod changes;
mod chart;
mod html;
mod html_item;
mod pdf;
mod pdf_layout;
pub mod sheet;
mod source;
pub mod summary;
mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use changes::{ChangeLine, Changes};
use sheet::ItemSheet;
pub use source::{Since, build};
use summary::SummaryRow;

use crate::model::{FiscalYear, Plan};

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub plan_name: String,
    pub period: String,
    pub year: FiscalYear,
    pub as_of: NaiveDate,
    /// One row per 重点項目, then the total.
    pub summary: Vec<SummaryRow>,
    pub sheets: Vec<ItemSheet>,
    pub changes: Option<Changes>,
}

impl Report {
    pub fn build(plan: &Plan, year: FiscalYear, as_of: NaiveDate, changes: Option<Changes>) -> Report {
        Report {
            plan_name: plan.info.name.clone(),
            period: plan.info.period_label(),
            year,
            as_of,
            summary: summary::summary(plan, year),
            sheets: plan.items.iter().map(|i| sheet::item_sheet(plan, i, year)).collect(),
            changes,
        }
    }

    /// 「せき行財政改革アクションプランⅢ 令和4年度 進捗状況報告書」
    pub fn title(&self) -> String {
        format!("{} {} 進捗状況報告書", self.plan_name, self.year.japanese())
    }

    /// 「令和5年3月31日現在」
    pub fn as_of_text(&self) -> String {
        format!("{}現在", crate::report::pdf::frame::japanese_date(self.as_of))
    }

    pub fn pdf_name(&self) -> String {
        format!("annual-report-{}.pdf", self.year.short())
    }

    pub fn xlsx_name(&self) -> String {
        format!("annual-report-{}.xlsx", self.year.short())
    }
}

/// The 基準日 when none is given: the last day of the fiscal year, or today if that is earlier.
pub fn default_as_of(year: FiscalYear, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year.0 + 1, 3, 31).map(|end| end.min(today)).unwrap_or(today)
}

/// Checks that the year is one of the plan's.
pub fn check_year(plan: &Plan, year: FiscalYear) -> Result<(), String> {
    if plan.info.years().contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "{}は計画の期間（{}）の外です。期間内の年度を指定してください。",
            year.japanese(),
            plan.info.period_label()
        ))
    }
}

/// Writes the site, the PDF and the workbook into `out_dir`; every file is made in memory
/// first and each then replaced whole, so a refusal leaves no half-written report.
pub fn write(report: &Report, out_dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<(String, Vec<u8>)> = html::site(report);
    files.push((report.pdf_name(), pdf::render(report)?));
    files.push((report.xlsx_name(), xlsx::workbook(report)?));
    if out_dir.is_file() {
        return Err(format!("「{}」はファイルです。出力先にはフォルダを指定してください。", out_dir.display()));
    }
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("フォルダ「{}」を作れませんでした（{e}）。", out_dir.display()))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out_dir.join(name);
        replace_file(&path, &bytes).map_err(|e| format!("「{}」を書き込めませんでした（{e}）。", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a temporary file beside `path` and renames it over: a reader never sees half a page.
/// Unlike the record, the report can be made again, so it is not forced to disk file by file
/// (an fsync per page made the 3,000-item plan's site take 20 s).
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.partial"));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
