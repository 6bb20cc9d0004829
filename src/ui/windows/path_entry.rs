//! A field for a file or folder path, offered where the system has no file dialog to show.

use std::path::PathBuf;

use crate::ui::app::commands::Command;

/// What the path is for, and the command that takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum PathFor {
    OpenRecord,
    Export,
    Import,
    SurveyFolder { year: crate::model::FiscalYear, department: Option<String> },
    SurveyAnswers,
}

impl PathFor {
    fn prompt(&self) -> &'static str {
        match self {
            PathFor::OpenRecord => "開く記録ファイルのパス",
            PathFor::Export => "書き出す先のファイルのパス（例: D:\\共有\\記録.sqlite）",
            PathFor::Import => "取り込む記録ファイルのパス",
            PathFor::SurveyFolder { .. } => "調査票を保存するフォルダーのパス",
            PathFor::SurveyAnswers => "回答された調査票のパス（複数のときは 1 行に 1 つ）",
        }
    }

    fn command(&self, text: &str) -> Command {
        let one = PathBuf::from(text.trim().trim_matches('"'));
        match self {
            PathFor::OpenRecord => Command::OpenPath(one),
            PathFor::Export => Command::ExportTo(one),
            PathFor::Import => Command::ImportFrom(one),
            PathFor::SurveyFolder { year, department } => {
                Command::SurveyExportInto { year: *year, department: department.clone(), dir: one }
            }
            PathFor::SurveyAnswers => Command::SurveyImportFiles(
                text.lines().map(|l| l.trim().trim_matches('"')).filter(|l| !l.is_empty()).map(PathBuf::from).collect(),
            ),
        }
    }
}

pub struct PathEntry {
    pub purpose: PathFor,
    pub text: String,
}

/// Draws the window; `false` once it is closed or its path was sent.
pub fn window(ctx: &egui::Context, entry: &mut PathEntry, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut done = false;
    super::centred(ctx, "パスの入力").open(&mut open).collapsible(false).default_width(560.0).show(ctx, |ui| {
        ui.add(egui::Label::new("この PC ではファイルを選ぶ画面を開けませんでした。パスを入力してください。").wrap());
        ui.label(entry.purpose.prompt());
        let multiline = entry.purpose == PathFor::SurveyAnswers;
        let field = if multiline {
            egui::TextEdit::multiline(&mut entry.text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(&mut entry.text)
        };
        ui.add(field.hint_text("パス").desired_width(f32::INFINITY)).accessible_name("パス");
        ui.horizontal(|ui| {
            let ready = !entry.text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("OK")).clicked() {
                out.push(entry.purpose.command(&entry.text));
                done = true;
            }
            if ui.button("やめる").clicked() {
                done = true;
            }
        });
    });
    open && !done
}
