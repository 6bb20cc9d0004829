//! The menu bar (ファイル / 編集 / 表示 / ヘルプ) and its keyboard shortcuts. Both only report a
//! `MenuAction`; the App carries it out, so a menu item and its shortcut do the same thing.

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::state::Persisted;
use crate::edit::UndoStack;
use crate::layout::Zoom;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuAction {
    /// Open another record file (Ctrl+O).
    Open,
    /// Print the schedule (Ctrl+P). Hook for the print issue.
    Print,
    /// Council CSV. Hook for the export issue.
    ExportCsv,
    /// Copy the record out to pass it on. Hook for the export/import issue.
    Export,
    /// Take in a copy a colleague sent back. Hook for the export/import issue.
    Import,
    /// The change history. Hook for the history issue.
    History,
    /// The yearly progress survey: workbooks out, answers in, who has answered (survey_window.rs).
    SurveyExport,
    SurveyImport,
    SurveyStatus,
    Quit,
    Undo,
    Redo,
    FocusSearch,
    Zoom(Zoom),
    /// Fix the 基準日 line to a date, or `None` to follow today.
    ReferenceDate(Option<NaiveDate>),
    About,
}

impl MenuAction {
    pub fn label(self) -> &'static str {
        match self {
            MenuAction::Open => "開く…",
            MenuAction::Print => "印刷…",
            MenuAction::ExportCsv => "CSV出力…",
            MenuAction::Export => "エクスポート…",
            MenuAction::Import => "インポート…",
            MenuAction::History => "変更履歴",
            MenuAction::SurveyExport => "進捗調査票を作成…",
            MenuAction::SurveyImport => "調査票を取り込む…",
            MenuAction::SurveyStatus => "回答状況…",
            MenuAction::Quit => "終了",
            MenuAction::Undo => "元に戻す",
            MenuAction::Redo => "やり直し",
            MenuAction::FocusSearch => "検索",
            MenuAction::Zoom(Zoom::Month) => "月単位で表示",
            MenuAction::Zoom(Zoom::Quarter) => "四半期単位で表示",
            MenuAction::ReferenceDate(_) => "基準日",
            MenuAction::About => "このアプリについて",
        }
    }
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const OPEN: KeyboardShortcut = ctrl(Key::O);
const PRINT: KeyboardShortcut = ctrl(Key::P);
const UNDO: KeyboardShortcut = ctrl(Key::Z);
const REDO: KeyboardShortcut = ctrl(Key::Y);
const REDO_SHIFT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const FIND: KeyboardShortcut = ctrl(Key::F);

/// Shortcuts pressed this frame. Undo and redo are left to a text field being typed in,
/// which has its own undo.
pub fn shortcuts(ctx: &egui::Context) -> Vec<MenuAction> {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|i| {
        let mut out = Vec::new();
        if i.consume_shortcut(&OPEN) {
            out.push(MenuAction::Open);
        }
        if i.consume_shortcut(&PRINT) {
            out.push(MenuAction::Print);
        }
        if i.consume_shortcut(&FIND) {
            out.push(MenuAction::FocusSearch);
        }
        if !typing {
            // Ctrl+Shift+Z first: plain Ctrl+Z would also match it.
            if i.consume_shortcut(&REDO_SHIFT) || i.consume_shortcut(&REDO) {
                out.push(MenuAction::Redo);
            } else if i.consume_shortcut(&UNDO) {
                out.push(MenuAction::Undo);
            }
        }
        out
    })
}

/// Draws the menu bar; returns what was chosen.
pub fn menu_bar(
    ui: &mut egui::Ui,
    persisted: &Persisted,
    undo: &UndoStack,
    reference_date_text: &mut String,
) -> Vec<MenuAction> {
    let mut out = Vec::new();
    let ctx = ui.ctx().clone();
    let item =
        |ui: &mut egui::Ui, out: &mut Vec<MenuAction>, action: MenuAction, shortcut: Option<&KeyboardShortcut>| {
            let mut button = egui::Button::new(action.label());
            if let Some(s) = shortcut {
                button = button.shortcut_text(ctx.format_shortcut(s));
            }
            if ui.add(button).clicked() {
                out.push(action);
            }
        };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("ファイル", |ui| {
            item(ui, &mut out, MenuAction::Open, Some(&OPEN));
            ui.separator();
            item(ui, &mut out, MenuAction::Print, Some(&PRINT));
            item(ui, &mut out, MenuAction::ExportCsv, None);
            ui.separator();
            item(ui, &mut out, MenuAction::Export, None);
            item(ui, &mut out, MenuAction::Import, None);
            ui.separator();
            item(ui, &mut out, MenuAction::SurveyExport, None);
            item(ui, &mut out, MenuAction::SurveyImport, None);
            item(ui, &mut out, MenuAction::SurveyStatus, None);
            ui.separator();
            item(ui, &mut out, MenuAction::History, None);
            ui.separator();
            item(ui, &mut out, MenuAction::Quit, None);
        });
        ui.menu_button("編集", |ui| {
            ui.add_enabled_ui(undo.can_undo(), |ui| item(ui, &mut out, MenuAction::Undo, Some(&UNDO)));
            ui.add_enabled_ui(undo.can_redo(), |ui| item(ui, &mut out, MenuAction::Redo, Some(&REDO)));
            ui.separator();
            item(ui, &mut out, MenuAction::FocusSearch, Some(&FIND));
        });
        ui.menu_button("表示", |ui| {
            for zoom in [Zoom::Month, Zoom::Quarter] {
                if ui.radio(persisted.zoom == zoom, MenuAction::Zoom(zoom).label()).clicked() {
                    out.push(MenuAction::Zoom(zoom));
                }
            }
            ui.separator();
            ui.label("基準日（例: 2022-10-01）");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(reference_date_text).hint_text("YYYY-MM-DD").desired_width(110.0))
                    .accessible_name("基準日");
                if ui.button("設定").clicked() {
                    match parse_date(reference_date_text) {
                        Some(date) => out.push(MenuAction::ReferenceDate(Some(date))),
                        None => reference_date_text.clear(),
                    }
                }
                if ui.button("今日").clicked() {
                    reference_date_text.clear();
                    out.push(MenuAction::ReferenceDate(None));
                }
            });
        });
        ui.menu_button("ヘルプ", |ui| {
            item(ui, &mut out, MenuAction::About, None);
        });
    });
    out
}

/// 2022-10-01, 2022/10/1, or the same in full-width digits.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = crate::model::number::to_half_width(text.trim()).replace('/', "-");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_in_the_menu() {
        let d = NaiveDate::from_ymd_opt(2022, 10, 1);
        assert_eq!(parse_date("2022-10-01"), d);
        assert_eq!(parse_date("2022/10/1"), d);
        assert_eq!(parse_date("２０２２－１０－０１"), d);
        assert_eq!(parse_date("令和4年"), None);
    }
}
