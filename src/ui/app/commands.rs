//! One command type and one queue. Menus, shortcuts, views and windows only *send* commands while
//! the frame is drawn; the App carries them out in order once drawing is over (`apply.rs`), so a
//! view never changes the record or the App's state in the middle of a frame.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::state::Selection;
use crate::edit::Edit;
use crate::layout::Zoom;
use crate::model::{FiscalYear, Id};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A change to the record, applied through the Session (undoable, in the history).
    /// Boxed: an edit that carries a whole KPI is large, and commands are many and small.
    Edit(Box<Edit>),
    /// A new phase at the end of a row; the App takes fresh ids from the record.
    AddPhase {
        row_id: Id,
    },
    /// A new schedule row for an item, with one phase.
    AddRow {
        item_id: Id,
    },
    Undo,
    Redo,
    /// A bar or row chosen in the schedule (`None`: nothing chosen).
    Select(Option<Selection>),
    /// An item chosen in the tree: shown in the views and scrolled to.
    ShowItem(Id),

    /// ファイル → 新しい計画…: the window; its 参照… button; its 作成して開く button.
    NewPlan,
    PickPlanFile,
    CreateFromPlan {
        plan_file: PathBuf,
        record: PathBuf,
    },
    /// ファイル → 開く… (Ctrl+O): asks for a file, then opens it.
    Open,
    OpenPath(PathBuf),
    /// 印刷… (Ctrl+P).
    Print,
    ExportCsv,
    /// 年次報告書…: the window, and its 作成 button (the report written into a folder).
    AnnualReport,
    WriteAnnualReport(crate::ui::windows::report::ReportOrder),
    /// 次期計画を作成…: the window, and its 作成 button (the new record created and opened).
    Rollover,
    CreateRollover(crate::ui::windows::rollover::RolloverOrder),
    /// エクスポート…: asks where, then writes a copy of the record.
    Export,
    ExportTo(PathBuf),
    /// インポート…: asks for a file, then previews what it would change.
    Import,
    ImportFrom(PathBuf),
    /// The previewed import, confirmed.
    ConfirmImport,
    /// The previewed merge, confirmed; the conflicts where the officer chose their value.
    ConfirmMerge(Vec<crate::merge::Target>),
    /// 変更履歴 (opened, or read again).
    History,
    /// Undo change #N of the history.
    UndoChange(Id),
    /// 進捗調査票を作成… (the form), and its 作成 button (asks for a folder, then writes).
    SurveyExport,
    SurveyExportTo {
        year: FiscalYear,
        department: Option<String>,
    },
    /// The survey workbooks written into a folder given by path.
    SurveyExportInto {
        year: FiscalYear,
        department: Option<String>,
        dir: PathBuf,
    },
    /// 調査票を取り込む… (asks for files, then previews), and the preview's 取り込む button.
    SurveyImport,
    SurveyApplyImport,
    /// 回答状況… for the due year, or for a year chosen in it.
    SurveyStatus,
    SurveyStatusOf(FiscalYear),
    /// Files chosen for the survey import (from a picker or a test).
    SurveyImportFiles(Vec<PathBuf>),
    Quit,
    FocusSearch,
    Zoom(Zoom),
    /// Fix the 基準日 to a date, or `None` to follow today (the plan's last day once it has ended).
    ReferenceDate(Option<NaiveDate>),
    /// 表示 → 基準日…: the date window with its calendar.
    ChooseReferenceDate,
    About,
    /// ヘルプ → 使い方 (F1).
    Help,
    /// 編集 → 計画の構成…: the window.
    Structure,
    /// A focus area, category, item or KPI added from that window; the App gives it fresh ids.
    AddNode(crate::edit::moves::NewNode),
}

/// The queue views send into; drained once per frame after drawing.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn send(&mut self, command: Command) {
        self.0.push(command);
    }

    pub fn edit(&mut self, edit: Edit) {
        self.send(Command::Edit(Box::new(edit)));
    }

    pub fn extend(&mut self, commands: impl IntoIterator<Item = Command>) {
        self.0.extend(commands);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The commands sent so far, in order, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    /// The edits sent so far (tests drive single views and look at what they sent).
    pub fn edits(&self) -> impl Iterator<Item = &Edit> {
        self.0.iter().filter_map(|c| match c {
            Command::Edit(e) => Some(&**e),
            _ => None,
        })
    }
}
