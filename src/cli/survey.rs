//! survey-export, survey-import, survey-status: the yearly progress survey from the command line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Refusal;
use crate::model::FiscalYear;
use crate::session::{COMMAND_LINE_SOURCE, Session};
use crate::store::Store;
use crate::survey::{self, SurveyPreview};

fn parse_year(text: &str) -> Result<FiscalYear, Refusal> {
    FiscalYear::parse(text)
        .ok_or_else(|| Refusal(format!("年度「{text}」を読めません。令和4年度、R4、2022 のように指定してください。")))
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
    let mut session = Session::open(db, COMMAND_LINE_SOURCE)?;
    let record_id = session.store().record_id()?;
    let (answers, unreadable) = survey::read_all_answers(files);
    let preview = survey::plan_import_for_year(session.plan(), &record_id, year, &answers);
    let mut out = preview_text(&preview);
    for u in &unreadable {
        let _ = writeln!(out, "× {u}");
    }
    let whole_refused = !preview.refused_files.is_empty() || !unreadable.is_empty();
    if !preview.can_apply() {
        return Err(Refusal(format!("{out}取り込める変更はありません。")));
    }
    let total = preview.change_count();
    let answering = preview.departments.iter().filter(|d| d.counts_as_answer()).count();
    if !yes {
        let _ = write!(
            out,
            "確認のみです（{total} 件の変更、{answering} 課の回答）。記録するには --yes を付けてください。"
        );
        return if whole_refused { Err(Refusal(out)) } else { Ok(out) };
    }
    let done = survey::apply_import(&mut session, &preview);
    if !done.failed.is_empty() {
        // Nothing was written: say only that, not "0 課の回答を受け付けました" beside it.
        for f in &done.failed {
            let _ = write!(out, "× {f}");
        }
        return Err(Refusal(out));
    }
    if done.applied.is_empty() {
        let _ = write!(out, "記録と同じ内容のため、変更はありません。");
    } else {
        let _ = write!(out, "{} 件の変更を記録しました。", done.applied.len());
    }
    let _ = write!(out, "{} 課の回答を受け付けました（{}）。", done.received.len(), done.received.join("、"));
    if whole_refused { Err(Refusal(out)) } else { Ok(out) }
}

pub fn status(db: &Path, year: &str) -> Result<String, Refusal> {
    let year = parse_year(year)?;
    let store = Store::open(db)?;
    let plan = store.load()?;
    let st = survey::read_status(&store, &plan, year)?;
    let mut s =
        format!("{}の進捗調査: 回答済み {} 課、未回答 {} 課", year.japanese(), st.answered.len(), st.outstanding.len());
    if !st.answered.is_empty() {
        let _ = write!(s, "\n回答済み:");
        for a in &st.answered {
            let _ = write!(s, "\n  {}　{}（変更 {} 件、{}）", a.department, a.last_at, a.changes, a.files.join("、"));
            if a.refused > 0 {
                let _ = write!(s, "　受け付けない入力 {} 件", a.refused);
            }
        }
    }
    if !st.outstanding.is_empty() {
        let _ = write!(s, "\n未回答:\n  {}", st.outstanding.join("、"));
    }
    Ok(s)
}
