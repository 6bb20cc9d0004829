//! `init --plan FILE.toml|FILE.xlsx`, `plan-export` and `plan-template`: a record from a plan file, and its plan back to one.

use std::path::Path;

use super::Refusal;
use crate::store::Store;

/// Reads and checks the whole file before anything is created, so a refused file leaves nothing.
pub fn init_from_file(db: &Path, file: &Path, force: bool) -> Result<String, Refusal> {
    let plan = crate::plan_file::read_any(file).map_err(Refusal)?;
    super::commands::create_record(db, force, &plan)
}

pub fn export(db: &Path, out: &Path) -> Result<String, Refusal> {
    let plan = Store::open(db)?.load()?;
    let bytes = if crate::plan_file::is_workbook(out) {
        crate::plan_file::workbook_bytes(Some(&plan)).map_err(Refusal)?
    } else {
        crate::plan_file::to_toml(&plan).map_err(Refusal)?.into_bytes()
    };
    crate::store::write_atomically(out, &bytes)?;
    Ok(format!(
        "計画「{}」を「{}」に書き出しました（改革項目 {} 件）。",
        plan.info.name,
        out.display(),
        plan.items.len()
    ))
}

/// A blank plan workbook to fill in (`init --plan` reads it back).
pub fn template(out: &Path) -> Result<String, Refusal> {
    let bytes = crate::plan_file::workbook_bytes(None).map_err(Refusal)?;
    crate::store::write_atomically(out, &bytes)?;
    Ok(format!(
        "計画ブックのひな形を「{}」に書き出しました。記入方法シートを読んで記入し、init --plan で読み込んでください。",
        out.display()
    ))
}
