use std::path::Path;

use super::{Refusal, TableFormat};
use crate::edit::{Edit, KpiSlot};
use crate::model::FiscalYear;
use crate::report::csv::{Table, council_table};
use crate::report::encoding::{CsvEncoding, encode_table};
use crate::report::pdf::frame::progress_title;
use crate::report::pdf::write::write_pdf;
use crate::report::pdf::{PrintOptions, compose};
use crate::report::schedule_csv::schedule_table;
use crate::seed;
use crate::session::{COMMAND_LINE_SOURCE, Session};
use crate::store::Store;

pub fn init(db: &Path, force: bool) -> Result<String, Refusal> {
    create_record(db, force, &seed::sap3())
}

pub fn gen_demo(db: &Path, items: usize, rows: usize, force: bool) -> Result<String, Refusal> {
    if items == 0 || items > 100_000 || rows > 1_000_000 {
        return Err(Refusal("--items は 1〜100000、--rows は 0〜1000000 で指定してください。".into()));
    }
    create_record(db, force, &crate::demo::large_plan(items, rows))
}

pub(super) fn create_record(db: &Path, force: bool, plan: &crate::model::Plan) -> Result<String, Refusal> {
    if db.exists() {
        if !force {
            return Err(Refusal(format!(
                "「{}」は既にあります。上書きする場合は --force を付けてください。",
                db.display()
            )));
        }
        if db.is_dir() {
            return Err(Refusal(format!("「{}」はフォルダです。ファイルのパスを指定してください。", db.display())));
        }
    }
    if db.exists() {
        // Build the new record beside the old one and swap, so --force never leaves nothing.
        let fresh = db.with_file_name(format!(".{}.init", db.file_name().unwrap_or_default().to_string_lossy()));
        let _ = std::fs::remove_file(&fresh);
        Store::create(&fresh, plan)?;
        crate::store::replace_file(&fresh, db)?;
    } else {
        Store::create(db, plan)?;
    }
    Ok(format!("「{}」を作成しました（{}、改革項目 {} 件）。", db.display(), plan.info.name, plan.items.len()))
}

pub fn check(db: &Path) -> Result<String, Refusal> {
    let store = Store::open(db)?;
    let report = store.check()?;
    if report.problems.is_empty() {
        Ok(format!(
            "問題はありません（改革項目 {} 件、数値目標 {} 件、工程 {} 件）。",
            report.items, report.kpis, report.phases
        ))
    } else {
        Err(Refusal(format!("記録ファイルに問題があります。\n- {}", report.problems.join("\n- "))))
    }
}

pub fn export_csv(db: &Path, out: &Path, encoding: CsvEncoding, format: TableFormat) -> Result<String, Refusal> {
    let plan = Store::open(db)?.load()?;
    match format {
        TableFormat::Csv => write_csv(&council_table(&plan), out, encoding),
        TableFormat::Xlsx => {
            let bytes = crate::report::xlsx::council_xlsx(&plan).map_err(Refusal)?;
            crate::store::write_atomically(out, &bytes)?;
            Ok(format!("「{}」に書き出しました（{} 行、xlsx）。", out.display(), council_table(&plan).rows.len()))
        }
    }
}

pub fn export_schedule_csv(db: &Path, out: &Path, encoding: CsvEncoding) -> Result<String, Refusal> {
    let plan = Store::open(db)?.load()?;
    write_csv(&schedule_table(&plan), out, encoding)
}

/// Encodes first, so that a refused character leaves no file (and an old file untouched).
fn write_csv(table: &Table, out: &Path, encoding: CsvEncoding) -> Result<String, Refusal> {
    let bytes = encode_table(table, encoding)?;
    crate::store::write_atomically(out, &bytes)?;
    Ok(format!("「{}」に書き出しました（{} 行、{}）。", out.display(), table.rows.len(), encoding.code()))
}

pub fn set_actual(db: &Path, item_no: u32, kpi_no: usize, year: &str, text: &str) -> Result<String, Refusal> {
    let mut session = Session::open(db, COMMAND_LINE_SOURCE)?;
    let plan = session.plan();
    let year = FiscalYear::parse(year).ok_or_else(|| {
        Refusal(format!("年度「{year}」を読めません。令和3年度、R3、2021 のように指定してください。"))
    })?;
    // An actual outside the plan's years would be stored where no table, print or CSV shows it.
    if year < plan.info.first_year || year > plan.info.last_year {
        return Err(Refusal(format!(
            "{}は計画の期間（{}）の外です。期間内の年度を指定してください。",
            year.japanese(),
            plan.info.period_label()
        )));
    }
    let item = plan.item_by_number(item_no).ok_or_else(|| Refusal(format!("改革項目{item_no}はありません。")))?;
    let kpi = item.kpis.get(kpi_no.wrapping_sub(1)).ok_or_else(|| {
        Refusal(format!("改革項目{item_no}に数値目標{kpi_no}はありません（{}件）。", item.kpis.len()))
    })?;
    let field = format!("改革項目{item_no}「{}」の{}実績", kpi.name, year.japanese());
    let new = crate::model::limits::kpi_entry(kpi, &field, text).map_err(Refusal)?;
    let edit = Edit::KpiValue {
        kpi_id: kpi.id,
        slot: KpiSlot::Actual(year),
        old: kpi.actuals.get(&year).cloned(),
        new: new.clone(),
    };
    let name = kpi.name.clone();
    session.apply(edit)?;
    Ok(format!(
        "改革項目{item_no}「{}」の{}実績を{}にしました。",
        name,
        year.japanese(),
        new.map(|v| v.display()).unwrap_or_else(|| "空欄".into())
    ))
}

/// The schedule PDF; the footer names the record file.
pub fn print(db: &Path, out: &Path, mut options: PrintOptions) -> Result<String, Refusal> {
    let plan = Store::open(db)?.load()?;
    options.file_name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let as_of = options.as_of;
    let pages = compose(&plan, &options).map_err(Refusal)?;
    let title = format!("{} {}", plan.info.name, progress_title(as_of));
    let bytes = write_pdf(&pages, &title).map_err(Refusal)?;
    crate::store::write_atomically(out, &bytes)?;
    Ok(format!("「{}」に書き出しました（{} ページ）。", out.display(), pages.len()))
}
