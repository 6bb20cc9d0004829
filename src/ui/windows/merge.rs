//! インポートの確認 → 統合: their changes since the two copies parted, and each value both sides
//! changed with the officer's choice of 自分 or 相手. Nothing changes until 統合する.

use crate::merge::{Base, MergePlan, Target};

/// A merge waiting for the officer: `plan` keeps ours in every conflict; `take_theirs` is the
/// officer's choice per conflict (same order as `plan.conflicts`).
pub struct MergeView {
    pub base: Base,
    pub plan: MergePlan,
    pub take_theirs: Vec<bool>,
}

impl MergeView {
    pub fn new(base: Base, plan: MergePlan) -> MergeView {
        let take_theirs = vec![false; plan.conflicts.len()];
        MergeView { base, plan, take_theirs }
    }

    /// The conflicts where the officer chose their value.
    pub fn chosen_theirs(&self) -> Vec<Target> {
        self.plan.conflicts.iter().zip(&self.take_theirs).filter(|(_, t)| **t).map(|(c, _)| c.target).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.plan.is_empty()
    }
}

/// The merge preview: their changes (old → new), then the conflicts with a choice each.
pub fn show(ui: &mut egui::Ui, view: &mut MergeView) {
    if view.is_empty() {
        ui.label("相手の変更はすべて取り込み済みです。統合しても何も変わりません。");
        return;
    }
    ui.label(format!(
        "前回共通だった時点から、相手の変更 {} 件・衝突 {} 件があります。",
        view.plan.changes.len(),
        view.plan.conflicts.len()
    ));
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        if !view.plan.changes.is_empty() {
            ui.strong("取り込む相手の変更（変更前 → 変更後）");
            for p in &view.plan.changes {
                let c = &view.base.theirs[p.origin];
                ui.label(format!("{}（{} {}）", p.line, c.user, c.at));
            }
        }
        if !view.plan.conflicts.is_empty() {
            ui.add_space(6.0);
            ui.strong("衝突: 同じ値を両方で変更しています。残す値を選んでください。");
            for (conflict, theirs) in view.plan.conflicts.iter().zip(view.take_theirs.iter_mut()) {
                ui.label(&conflict.what);
                ui.horizontal(|ui| {
                    ui.radio_value(theirs, false, format!("自分: {}", conflict.mine));
                    ui.radio_value(theirs, true, format!("相手: {}", conflict.theirs));
                });
            }
        }
        if !view.plan.unapplicable.is_empty() {
            ui.label(format!(
                "自分の側で削除済みの箇所への相手の変更 {} 件は取り込めません。",
                view.plan.unapplicable.len()
            ));
        }
    });
}
