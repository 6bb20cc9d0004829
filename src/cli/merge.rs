//! `import --merge`: a colleague's copy of the record merged into ours instead of replacing it.

use std::path::Path;

use super::Refusal;
use crate::merge::MergePlan;
use crate::session::{COMMAND_LINE_SOURCE, Session};
use crate::store::{StoreError, import};

/// Prints their changes since the copies parted and the conflicts; merges only with `yes`.
/// `theirs`: every conflict takes their value.
pub fn merge(db: &Path, from: &Path, yes: bool, theirs: bool) -> Result<String, Refusal> {
    let mut session = Session::open(db, COMMAND_LINE_SOURCE)?;
    if session.store().is_same_file(from) {
        return Err(StoreError::SameFile(from.to_path_buf()).into());
    }
    let candidate = import::inspect(from)?;
    let Some(base) = session.merge_base(&candidate)? else {
        return Err(Refusal(format!(
            "「{}」は開いている記録と共通の変更履歴がないため、統合できません（別々に作られた記録です）。\
             記録ごと置き換えて取り込むには、--merge を付けずに import を実行してください。",
            from.display()
        )));
    };
    let plan = session.merge_preview(&base, &|_| theirs);
    let mut text = preview(&plan, &base, from, theirs);
    if plan.is_empty() {
        text.push_str("相手の変更はすべて取り込み済みです。記録は変更していません。");
        return Ok(text);
    }
    if !yes {
        text.push_str("記録はまだ変更していません。統合するには --yes を付けてもう一度実行してください。");
        return Ok(text);
    }
    let backup = session.merge(&candidate, &base, &plan)?;
    text.push_str(&format!("統合しました（相手の変更 {} 件を取り込みました）。", plan.changes.len()));
    if let Some(backup) = backup {
        text.push_str(&format!("統合する前の記録は「{}」に保存しました。", backup.display()));
    }
    Ok(text)
}

fn preview(plan: &MergePlan, base: &crate::merge::Base, from: &Path, theirs: bool) -> String {
    let mut text = format!(
        "「{}」を確認しました。前回共通だった時点から、相手の変更 {} 件・衝突 {} 件があります。\n",
        from.display(),
        plan.changes.len(),
        plan.conflicts.len()
    );
    if !plan.changes.is_empty() {
        text.push_str("取り込む相手の変更（変更前 → 変更後）:\n");
        for p in &plan.changes {
            let c = &base.theirs[p.origin];
            text.push_str(&format!("- {}（{} {}）\n", p.line, c.user, c.at));
        }
    }
    if !plan.conflicts.is_empty() {
        let rule = if theirs {
            "相手の値にします"
        } else {
            "自分の値を残します（相手の値を採るには --theirs）"
        };
        text.push_str(&format!("衝突（同じ値を両方で変更しています。{rule}）:\n"));
        for c in &plan.conflicts {
            text.push_str(&format!("- {}: 自分「{}」／相手「{}」\n", c.what, c.mine, c.theirs));
        }
    }
    if !plan.unapplicable.is_empty() {
        text.push_str(&format!(
            "自分の側で削除済みの箇所への相手の変更 {} 件は取り込めません。\n",
            plan.unapplicable.len()
        ));
    }
    text
}
