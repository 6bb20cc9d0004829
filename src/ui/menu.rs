//! The menu bar (ファイル / 編集 / 表示 / ヘルプ) and its keyboard shortcuts. Both only report a
//! `Command`; the App carries it out, so a menu item and its shortcut do the same thing.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::commands::{Command, Commands};
use super::app::state::Persisted;
use crate::layout::Zoom;

/// The menu's words for a command.
fn label(command: &Command) -> &'static str {
    match command {
        Command::Open => "開く…",
        Command::NewPlan => "新しい計画…",
        Command::Print => "印刷…",
        Command::ExportCsv => "CSV出力…",
        Command::AnnualReport => "年次報告書…",
        Command::Rollover => "次期計画を作成…",
        Command::Export => "エクスポート…",
        Command::Import => "インポート…",
        Command::History => "変更履歴",
        Command::SurveyExport => "進捗調査票を作成…",
        Command::SurveyImport => "調査票を取り込む…",
        Command::SurveyStatus => "回答状況…",
        Command::Quit => "終了",
        Command::Undo => "元に戻す",
        Command::Redo => "やり直し",
        Command::FocusSearch => "検索",
        Command::Zoom(Zoom::Month) => "月単位で表示",
        Command::Zoom(Zoom::Quarter) => "四半期単位で表示",
        Command::Zoom(Zoom::Fit) => "計画期間全体を幅に合わせる",
        Command::About => "このアプリについて",
        Command::Help => "使い方",
        Command::ChooseReferenceDate => "基準日…",
        Command::Structure => "計画の構成…",
        _ => "",
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
const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);

/// Shortcuts pressed this frame. Undo and redo are left to a text field being typed in,
/// which has its own undo.
pub fn shortcuts(ctx: &egui::Context, commands: &mut Commands) {
    let typing = ctx.egui_wants_keyboard_input();
    let pressed = ctx.input_mut(|i| {
        let mut out = Vec::new();
        if i.consume_shortcut(&OPEN) {
            out.push(Command::Open);
        }
        if i.consume_shortcut(&PRINT) {
            out.push(Command::Print);
        }
        if i.consume_shortcut(&FIND) {
            out.push(Command::FocusSearch);
        }
        if i.consume_shortcut(&HELP) {
            out.push(Command::Help);
        }
        if !typing {
            // Ctrl+Shift+Z first: plain Ctrl+Z would also match it.
            if i.consume_shortcut(&REDO_SHIFT) || i.consume_shortcut(&REDO) {
                out.push(Command::Redo);
            } else if i.consume_shortcut(&UNDO) {
                out.push(Command::Undo);
            }
        }
        out
    });
    commands.extend(pressed);
}

/// What the menu bar shows of the App's state.
pub struct MenuBar<'a> {
    pub persisted: &'a Persisted,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl MenuBar<'_> {
    /// Draws the menu bar; what is chosen is sent as a command.
    pub fn show(&self, ui: &mut egui::Ui, commands: &mut Commands) {
        let out = self.menus(ui);
        commands.extend(out);
    }

    fn menus(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let (persisted, can_undo, can_redo) = (self.persisted, self.can_undo, self.can_redo);
        let mut out = Vec::new();
        let ctx = ui.ctx().clone();
        let item = |ui: &mut egui::Ui, out: &mut Vec<Command>, action: Command, shortcut: Option<&KeyboardShortcut>| {
            let mut button = egui::Button::new(label(&action));
            if let Some(s) = shortcut {
                button = button.shortcut_text(ctx.format_shortcut(s));
            }
            if ui.add(button).clicked() {
                out.push(action);
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("ファイル", |ui| {
                item(ui, &mut out, Command::Open, Some(&OPEN));
                item(ui, &mut out, Command::NewPlan, None);
                ui.separator();
                item(ui, &mut out, Command::Print, Some(&PRINT));
                item(ui, &mut out, Command::ExportCsv, None);
                item(ui, &mut out, Command::AnnualReport, None);
                item(ui, &mut out, Command::Rollover, None);
                ui.separator();
                item(ui, &mut out, Command::Export, None);
                item(ui, &mut out, Command::Import, None);
                ui.separator();
                item(ui, &mut out, Command::SurveyExport, None);
                item(ui, &mut out, Command::SurveyImport, None);
                item(ui, &mut out, Command::SurveyStatus, None);
                ui.separator();
                item(ui, &mut out, Command::History, None);
                ui.separator();
                item(ui, &mut out, Command::Quit, None);
            });
            ui.menu_button("編集", |ui| {
                ui.add_enabled_ui(can_undo, |ui| item(ui, &mut out, Command::Undo, Some(&UNDO)));
                ui.add_enabled_ui(can_redo, |ui| item(ui, &mut out, Command::Redo, Some(&REDO)));
                ui.separator();
                item(ui, &mut out, Command::FocusSearch, Some(&FIND));
                ui.separator();
                item(ui, &mut out, Command::Structure, None);
            });
            ui.menu_button("表示", |ui| {
                for zoom in [Zoom::Month, Zoom::Quarter, Zoom::Fit] {
                    if ui.radio(persisted.zoom == zoom, label(&Command::Zoom(zoom))).clicked() {
                        out.push(Command::Zoom(zoom));
                    }
                }
                ui.separator();
                item(ui, &mut out, Command::ChooseReferenceDate, None);
            });
            ui.menu_button("ヘルプ", |ui| {
                item(ui, &mut out, Command::Help, Some(&HELP));
                item(ui, &mut out, Command::About, None);
            });
        });
        out
    }
}
