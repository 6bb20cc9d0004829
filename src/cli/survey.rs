//! survey-export, survey-import, survey-status: the yearly progress survey from the command line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Refusal;
use crate::model::FiscalYear;
use crate::store::Store;
use crate::survey::{self, SurveyPreview};

fn parse_year(text: &str) -> Result<FiscalYear, Refusal> {
    FiscalYear::parse(text)
        .ok_or_else(|| Refusal(format!("年度「{text}」を読めません。令和4年度、R4、2022 のように指定してください。")))
}

/// The whole change history (the store returns it newest first).
fn full_history(store: &Store) -> Result<Vec<crate::store::ChangeRecord>, Refusal> {
    Ok(store.history(i64::MAX as usize)?)
}

pub fn export(db: &Path, year: &str, out: &Path, department: Option<&str>) -> Result<String, Refusal> {
    let year = parse_year(year)?;
    let store = Store::open(db)?;
    let plan = store.load()?;
    let paths = survey::export_workbooks(&plan, &store.record_id()?, year, department, out)?;
    let mut msg = format!("{}の進捗調査票を {} 件作成しました（{}）。", year.japanese(), paths.len(), out.display());
    for p in &paths {
        let _ = write!(msg, "\n  {}", p.file_name().unwrap_or_default().to_string_lossy());
    }
    Ok(msg)
}

/// The preview as printed: per department the changes and the refused cells.
pub fn preview_text(preview: &SurveyPreview) -> String {
    let mut s = String::new();
    for d in &preview.departments {
        let _ = writeln!(s, "■ {}（{}）— {}", d.department, d.year.japanese(), d.file_name);
        let _ = writeln!(
            s,
            "  変更 {} 件、受け付けない入力 {} 件、変更なし {} 件",
            d.changes.len(),
            d.refusals.len(),
            d.unchanged
        );
        for c in &d.changes {
            let _ = writeln!(s, "  ・{} {}: {} → {}  [{}]", c.target, c.field, c.old, c.new, c.pos);
        }
        for r in &d.refusals {
            let _ = writeln!(s, "  × {} {}「{}」: {}", r.pos, r.target, r.value, r.reason);
        }
    }
    for f in &preview.refused_files {
        let _ = writeln!(s, "× {}（{}）: {}", f.file_name, f.department, f.reason);
    }
    s
}

pub fn import(db: &Path, files: &[PathBuf], year: Option<&str>, yes: bool) -> Result<String, Refusal> {
    let year = year.map(parse_year).transpose()?;
    let mut store = Store::open(db)?;
    let plan = store.load()?;
    let record_id = store.record_id()?;
    let (answers, unreadable) = survey::read_all_answers(files);
    let preview = survey::plan_import_for_year(&plan, &record_id, year, &answers);
    let mut out = preview_text(&preview);
    for u in &unreadable {
        let _ = writeln!(out, "× {u}");
    }
    let whole_refused = !preview.refused_files.is_empty() || !unreadable.is_empty();
    let total = preview.change_count();
    if total == 0 {
        if preview.all_refused() || whole_refused {
            return Err(Refusal(format!("{out}取り込める変更はありません。")));
        }
        let _ = write!(out, "記録と同じ内容のため、変更はありません。");
        return Ok(out);
    }
    if !yes {
        let _ = write!(out, "確認のみです（{total} 件の変更）。記録を変更するには --yes を付けてください。");
        return if whole_refused { Err(Refusal(out)) } else { Ok(out) };
    }
    let mut applied = 0;
    let mut failed = Vec::new();
    for (edit, source) in preview.accepted() {
        match store.apply(&edit, &source) {
            Ok(()) => applied += 1,
            Err(e) => failed.push(e.to_string()),
        }
    }
    let _ = write!(out, "{applied} 件の変更を記録しました。");
    for f in &failed {
        let _ = write!(out, "\n× {f}");
    }
    if whole_refused || !failed.is_empty() { Err(Refusal(out)) } else { Ok(out) }
}

pub fn status(db: &Path, year: &str) -> Result<String, Refusal> {
    let year = parse_year(year)?;
    let store = Store::open(db)?;
    let plan = store.load()?;
    let st = survey::survey_status(&plan, year, &full_history(&store)?);
    let mut s =
        format!("{}の進捗調査: 回答済み {} 課、未回答 {} 課", year.japanese(), st.answered.len(), st.outstanding.len());
    if !st.answered.is_empty() {
        let _ = write!(s, "\n回答済み:");
        for a in &st.answered {
            let _ = write!(s, "\n  {}　{}（変更 {} 件、{}）", a.department, a.last_at, a.changes, a.files.join("、"));
        }
    }
    if !st.outstanding.is_empty() {
        let _ = write!(s, "\n未回答:\n  {}", st.outstanding.join("、"));
    }
    Ok(s)
}
