//! ファイル → 新しい計画…: a new record from a plan file (docs/plan-format.md), e.g. the next plan
//! of the office. The file is read and checked whole before anything is written; the new record
//! is then opened in the window.

use std::path::PathBuf;

use crate::ui::app::commands::Command;

#[derive(Debug, Default)]
pub struct NewPlanWindow {
    pub plan_file: String,
    pub record: String,
    /// The last refusal, in the officer's words.
    pub error: Option<String>,
}

/// Draws the window; `false` once it is closed.
pub fn window(ctx: &egui::Context, state: &mut NewPlanWindow, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut close = false;
    super::centred(ctx, "新しい計画").open(&mut open).collapsible(false).default_width(620.0).show(ctx, |ui| {
        ui.add(
            egui::Label::new(
                "計画ファイル（計画の項目・数値目標・スケジュールを書いたもの。書き方は docs/plan-format.md）から、\
                 新しい記録ファイルを作ります。今の記録はそのまま残ります。",
            )
            .wrap(),
        );
        ui.add_space(4.0);
        egui::Grid::new("new_plan_fields").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.label("計画ファイル");
            ui.add(
                egui::TextEdit::singleline(&mut state.plan_file)
                    .hint_text("例: D:\\行政改革\\SAP4.toml")
                    .desired_width(380.0),
            )
            .accessible_name("計画ファイル");
            if ui.button("参照…").on_hover_text("計画ファイルを選ぶ").clicked() {
                out.push(Command::PickPlanFile);
            }
            ui.end_row();
            ui.label("新しい記録ファイル");
            ui.add(
                egui::TextEdit::singleline(&mut state.record)
                    .hint_text("例: D:\\行政改革\\SAP4.sqlite")
                    .desired_width(380.0),
            )
            .accessible_name("新しい記録ファイル");
            ui.end_row();
        });
        if let Some(error) = &state.error {
            ui.add(egui::Label::new(egui::RichText::new(error).color(ui.visuals().error_fg_color)).wrap());
        }
        ui.horizontal(|ui| {
            let ready = !state.plan_file.trim().is_empty() && !state.record.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("作成して開く")).clicked() {
                let path = |t: &str| PathBuf::from(t.trim().trim_matches('"'));
                out.push(Command::CreateFromPlan { plan_file: path(&state.plan_file), record: path(&state.record) });
            }
            if ui.button("閉じる").clicked() {
                close = true;
            }
        });
    });
    open && !close
}
