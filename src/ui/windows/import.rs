//! インポートの確認: what a received record file would change, before anything is replaced.

use super::merge::{self, MergeView};
use crate::model::diff::ImportSummary;
use crate::store::import::Candidate;
use crate::ui::app::commands::Command;

/// A checked candidate file waiting for the officer's yes.
pub struct ImportPreview {
    pub candidate: Candidate,
    pub summary: ImportSummary,
    pub from_other_record: bool,
    /// Some when the two records share history: they can be merged.
    pub merge: Option<MergeView>,
    /// 統合 rather than 置き換え (the default when a merge is possible).
    pub merging: bool,
}

enum Decision {
    Replace,
    Merge,
    Cancel,
}

/// Draws the preview window; `false` once it is closed or cancelled.
pub fn window(ctx: &egui::Context, preview: &mut ImportPreview, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut decided = None;
    super::centred(ctx, "インポートの確認").open(&mut open).default_width(640.0).show(ctx, |ui| {
        decided = import_preview(ui, preview);
    });
    match decided {
        Some(Decision::Replace) => {
            out.push(Command::ConfirmImport);
            true
        }
        Some(Decision::Merge) => {
            let chosen = preview.merge.as_ref().map(MergeView::chosen_theirs).unwrap_or_default();
            out.push(Command::ConfirmMerge(chosen));
            true
        }
        Some(Decision::Cancel) => false,
        None => open,
    }
}

fn import_preview(ui: &mut egui::Ui, preview: &mut ImportPreview) -> Option<Decision> {
    ui.label(format!("取り込むファイル: {}", preview.candidate.source().display()));
    if preview.merge.is_some() {
        ui.horizontal(|ui| {
            ui.radio_value(&mut preview.merging, true, "統合")
                .on_hover_text("両方の変更を残します。同じ値を両方で変えた箇所は選べます");
            ui.radio_value(&mut preview.merging, false, "置き換え")
                .on_hover_text("記録をこのファイルの内容で置き換えます");
        });
    } else {
        ui.label("このファイルとは共通の変更履歴がないため、統合できません（置き換えのみ）。");
    }
    if let Some(view) = preview.merge.as_mut().filter(|_| preview.merging) {
        ui.separator();
        merge::show(ui, view);
        ui.separator();
        ui.label("統合する前の記録は backups フォルダに保存されます。統合は Ctrl+Z で取り消せます。");
        let mut decided = None;
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.is_empty(), egui::Button::new("統合する")).clicked() {
                decided = Some(Decision::Merge);
            }
            if ui.button("やめる").clicked() {
                decided = Some(Decision::Cancel);
            }
        });
        return decided;
    }
    if preview.from_other_record {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "このファイルは別の記録から作られたものです。内容をよく確かめてください。",
        );
    }
    if preview.candidate.was_upgraded() {
        ui.label(format!(
            "古い形式（{}）のファイルです。取り込む際に新しい形式に変換します。",
            preview.candidate.found_version()
        ));
    }
    ui.separator();
    if preview.summary.is_empty() {
        ui.label("今の記録との違いはありません。");
    } else {
        ui.label(preview.summary.totals());
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for line in preview.summary.lines() {
                ui.label(line);
            }
        });
    }
    ui.separator();
    ui.label("取り込む前の記録は backups フォルダに保存されます。");
    let mut decided = None;
    ui.horizontal(|ui| {
        if ui.button("取り込んで置き換える").clicked() {
            decided = Some(Decision::Replace);
        }
        if ui.button("やめる").clicked() {
            decided = Some(Decision::Cancel);
        }
    });
    decided
}
