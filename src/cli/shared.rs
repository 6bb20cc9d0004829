//! Subcommands for the shared record: export, import, change history, undo of a change,
//! and the hidden edit stream the crash test kills.

use std::io::Write;
use std::path::Path;

use super::Refusal;
use crate::edit::{Edit, KpiSlot};
use crate::model::diff::diff;
use crate::model::{FiscalYear, Id, KpiValue};
use crate::session::{COMMAND_LINE_SOURCE, Session};
use crate::store::{Store, import};

pub fn export(db: &Path, out: &Path) -> Result<String, Refusal> {
    let store = Store::open(db)?;
    store.export_to(out)?;
    Ok(format!("記録を「{}」に書き出しました（変更履歴を含みます）。", out.display()))
}

/// Prints what the import would change; replaces the record only with `yes`.
pub fn import(db: &Path, from: &Path, yes: bool) -> Result<String, Refusal> {
    let mut session = Session::open(db, COMMAND_LINE_SOURCE)?;
    if session.store().is_same_file(from) {
        return Err(crate::store::StoreError::SameFile(from.to_path_buf()).into());
    }
    let candidate = import::inspect(from)?;
    let summary = diff(session.plan(), candidate.plan());
    let mut text = format!("「{}」を確認しました。問題はありません。\n", from.display());
    if candidate.was_upgraded() {
        text.push_str(&format!(
            "（古い形式 {} のファイルです。取り込むときに新しい形式にします。）\n",
            candidate.found_version()
        ));
    }
    if candidate.record_id() != session.store().record_id()? {
        text.push_str("注意: この記録ファイルは、開いている記録から書き出されたものではありません。\n");
    } else {
        text.push_str("（同じ記録の写しです。--merge を付けると、置き換えずに両方の変更を残して統合できます。）\n");
    }
    if summary.is_empty() {
        text.push_str("開いている記録と内容は同じです（変更はありません）。\n");
    } else {
        text.push_str(&format!("取り込むと次のように変わります（{}）:\n", summary.totals()));
        for line in summary.breakdown() {
            text.push_str(&format!("  {line}\n"));
        }
        for line in summary.lines() {
            text.push_str(&format!("- {line}\n"));
        }
    }
    if !yes {
        text.push_str("記録はまだ変更していません。取り込むには --yes を付けてもう一度実行してください。");
        return Ok(text);
    }
    let backup = session.replace_with(&candidate)?;
    text.push_str(&format!(
        "取り込みました（変更履歴 {} 件を含みます）。取り込む前の記録は「{}」に保存しました。",
        candidate.change_count(),
        backup.display()
    ));
    Ok(text)
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() { "（空欄）" } else { s }
}

pub fn history(db: &Path, limit: usize) -> Result<String, Refusal> {
    let store = Store::open(db)?;
    let changes = store.history(limit)?;
    if changes.is_empty() {
        return Ok("変更履歴はまだありません。".into());
    }
    let mut lines = vec![format!("変更履歴（新しい順、{} 件）:", changes.len())];
    for c in changes {
        lines.push(format!(
            "#{}  {}  {}  {}  {}: {} → {}",
            c.id,
            c.at,
            c.user,
            c.target,
            c.field,
            or_blank(&c.old),
            or_blank(&c.new)
        ));
    }
    Ok(lines.join("\n"))
}

pub fn undo_change(db: &Path, id: Id) -> Result<String, Refusal> {
    let mut session = Session::open(db, COMMAND_LINE_SOURCE)?;
    session.undo_change(id)?;
    Ok(format!("変更 #{id} を取り消しました（取り消しも変更履歴に記録しました）。"))
}

/// Test aid: `count` edits of KPI actuals, printing "ack <n> <kpi id> <year> <value>" after
/// each commit. Values are `start + n`, so they only grow; a crash test kills this mid-way.
pub fn stress_edits(db: &Path, count: u64, start: u64, pause_ms: u64) -> Result<String, Refusal> {
    let mut session = Session::open(db, "stress")?;
    let plan = session.plan();
    let years = plan.info.years();
    let slots: Vec<(Id, FiscalYear)> = plan
        .items
        .iter()
        .flat_map(|i| &i.kpis)
        .filter(|k| !k.is_text_goal())
        .take(8)
        .flat_map(|k| years.iter().map(move |y| (k.id, *y)))
        .collect();
    if slots.is_empty() {
        return Err(Refusal("数値の目標がありません。".into()));
    }
    let mut out = std::io::stdout().lock();
    for n in 0..count {
        let (kpi_id, year) = slots[(n % slots.len() as u64) as usize];
        let old = session.plan().kpi(kpi_id).and_then(|(_, k)| k.actuals.get(&year).cloned());
        let value = start + n;
        let edit =
            Edit::KpiValue { kpi_id, slot: KpiSlot::Actual(year), old, new: Some(KpiValue::Number(value as f64)) };
        session.apply(edit)?;
        writeln!(out, "ack {n} {kpi_id} {} {value}", year.0)?;
        out.flush()?;
        if pause_ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(pause_ms));
        }
    }
    Ok(String::new())
}
