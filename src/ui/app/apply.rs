//! Carrying out the frame's commands, in the order they were sent. Every change to the record
//! goes through the Session: written to the file, mirrored in the snapshot, made undoable.

use super::App;
use super::commands::Command;
use super::state::Selection;
use crate::edit::moves::NewNode;
use crate::edit::structure::StructureEdit;
use crate::edit::{Edit, RowData};
use crate::model::PhaseData;
use crate::ui::pickers::{self, Picked};
use crate::ui::windows::path_entry::{PathEntry, PathFor};
use crate::ui::windows::reference_date::ReferenceDateWindow;
use crate::ui::windows::report::ReportDialogState;
use crate::ui::windows::structure::{Chosen, StructureWindow};

impl App {
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = self.commands.take();
        if commands.is_empty() {
            return;
        }
        for command in commands {
            self.run_command(command, ctx);
        }
        // What the commands changed is drawn on the next frame, also when no input follows.
        ctx.request_repaint();
    }

    /// Carries out one command now (the menus' and views' commands, and tests').
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Edit(edit) => self.apply_edit(*edit),
            Command::AddPhase { .. } | Command::AddRow { .. } => self.insert(&command),
            Command::AddNode(node) => self.add_node(node),
            Command::Structure => {
                let plan = self.session.plan();
                let chosen = self.runtime.selected_item.map(Chosen::Item);
                let window = self.runtime.windows.structure.get_or_insert_with(|| StructureWindow::new(plan));
                if let Some(c) = chosen.filter(|_| window.chosen.is_none()) {
                    window.choose(c);
                }
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Select(selection) => self.select(selection),
            Command::ShowItem(item_id) => {
                self.runtime.selected_item = Some(item_id);
                self.runtime.scroll_to_item = Some(item_id);
                self.runtime.selection = None;
            }
            Command::Open => {
                if let Some(path) = self.picked(pickers::record_file(), PathFor::OpenRecord) {
                    self.run_command(Command::OpenPath(path), ctx);
                }
            }
            Command::NewPlan => {
                self.runtime.windows.new_plan.get_or_insert_with(Default::default);
            }
            Command::PickPlanFile => {
                if let Picked::Chosen(path) = pickers::plan_file()
                    && let Some(state) = &mut self.runtime.windows.new_plan
                {
                    state.plan_file = path.display().to_string();
                    if state.record.trim().is_empty() {
                        state.record = path.with_extension("sqlite").display().to_string();
                    }
                }
            }
            Command::CreateFromPlan { plan_file, record } => {
                // A refusal is shown in the window and the status bar.
                let _ = self.create_from_plan(&plan_file, &record);
            }
            Command::OpenPath(path) => {
                if let Err(message) = self.open_record(&path) {
                    self.error(message);
                }
            }
            Command::Print => {
                let name = pickers::record_name(self.session.path());
                let today = self.reference_date();
                self.runtime.windows.open_print(&name, today);
            }
            Command::ExportCsv => self.runtime.windows.open_csv(),
            Command::AnnualReport => {
                let today = chrono::Local::now().date_naive();
                let folder = self.session.path().parent().map(std::path::Path::to_path_buf);
                let state = ReportDialogState::new(self.session.plan(), today, folder);
                self.runtime.windows.report.get_or_insert(state);
            }
            Command::WriteAnnualReport(order) => {
                let today = chrono::Local::now().date_naive();
                if let Some(state) = &mut self.runtime.windows.report {
                    state.start(self.session.store(), self.session.plan(), &order, today);
                }
            }
            Command::Rollover => {
                let state =
                    crate::ui::windows::rollover::RolloverDialogState::new(self.session.plan(), self.session.path());
                self.runtime.windows.rollover.get_or_insert(state);
            }
            Command::CreateRollover(order) => match crate::ui::windows::rollover::create(self.session.plan(), &order) {
                Ok(message) => {
                    self.runtime.windows.rollover = None;
                    match self.open_record(&order.path) {
                        Ok(()) => self.info(message),
                        Err(e) => self.error(e),
                    }
                }
                Err(message) => {
                    if let Some(state) = &mut self.runtime.windows.rollover {
                        state.message = Some((true, message));
                    }
                }
            },
            Command::Export => {
                // Never the open record's own name: an export must not be saved over it.
                let name = crate::store::default_export_name(self.session.path(), chrono::Local::now().date_naive());
                if let Some(target) = self.picked(pickers::export_target(&name), PathFor::Export) {
                    self.export_record(&target);
                }
            }
            Command::ExportTo(target) => self.export_record(&target),
            Command::Import => {
                if let Some(source) = self.picked(pickers::import_source(), PathFor::Import) {
                    self.start_import(&source);
                }
            }
            Command::ImportFrom(source) => self.start_import(&source),
            Command::ConfirmImport => self.confirm_import(),
            Command::ConfirmMerge(theirs) => self.confirm_merge(&theirs),
            Command::History => self.open_history(),
            Command::UndoChange(id) => self.undo_change(id),
            Command::SurveyExport => self.open_survey_export(),
            Command::SurveyExportTo { year, department } => {
                let purpose = PathFor::SurveyFolder { year, department: department.clone() };
                if let Some(dir) = self.picked(pickers::survey_folder(), purpose) {
                    self.export_survey_to(&dir, year, department.as_deref());
                }
            }
            Command::SurveyExportInto { year, department, dir } => {
                self.export_survey_to(&dir, year, department.as_deref())
            }
            Command::SurveyImport => {
                if let Some(paths) = self.picked(pickers::survey_answers(), PathFor::SurveyAnswers) {
                    self.import_survey_from(&paths);
                }
            }
            Command::SurveyImportFiles(paths) => self.import_survey_from(&paths),
            Command::SurveyApplyImport => self.apply_survey_import(),
            Command::SurveyStatus => self.show_survey_status(self.survey_year()),
            Command::SurveyStatusOf(year) => self.show_survey_status(year),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::FocusSearch => self.runtime.focus_search = true,
            Command::Zoom(zoom) => self.persisted.zoom = zoom,
            Command::ReferenceDate(date) => {
                self.runtime.reference_date = date;
                // 項目詳細 follows the fiscal year of the new 基準日 again.
                self.runtime.evaluation_year = None;
            }
            Command::ChooseReferenceDate => {
                let current = self.reference_date();
                self.runtime.windows.reference_date.get_or_insert_with(|| ReferenceDateWindow::new(current));
            }
            Command::About => self.runtime.windows.about = true,
            Command::Help => self.runtime.windows.help = true,
        }
    }

    /// What a file dialog gave; where the system showed none, says so and offers a path field.
    fn picked<T>(&mut self, picked: Picked<T>, purpose: PathFor) -> Option<T> {
        match picked {
            Picked::Chosen(t) => Some(t),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                self.ask_for_path(purpose);
                None
            }
        }
    }

    /// Offers a field for the path, as where the system showed no file dialog.
    pub fn ask_for_path(&mut self, purpose: PathFor) {
        self.info("ファイルを選ぶ画面を開けませんでした。表示された欄にパスを入力してください。".into());
        self.runtime.windows.path_entry = Some(PathEntry { purpose, text: String::new() });
    }

    fn apply_edit(&mut self, edit: Edit) {
        if let Err(e) = self.session.apply(edit) {
            self.error(e.to_string());
        }
    }

    /// A new phase or row, with fresh ids from the record; what was inserted is selected, so
    /// the officer can edit it at once.
    fn insert(&mut self, command: &Command) {
        let (row_id, phase_id) = match self.session.next_ids() {
            Ok(ids) => ids,
            Err(e) => return self.error(e.to_string()),
        };
        let plan = self.session.plan();
        let info = &plan.info;
        let (edit, selection) = match *command {
            Command::AddPhase { row_id } => {
                let row = plan.row(row_id).map(|(_, r)| r);
                let data = PhaseData::next_in(info, row);
                (Edit::InsertPhase { row_id, phase_id, data }, Selection::Phase(phase_id))
            }
            Command::AddRow { item_id } => {
                let position = plan.item(item_id).map_or(0, |i| i.schedule.len());
                let row = RowData {
                    row_id,
                    item_id,
                    position,
                    label: "新しい取組".to_string(),
                    phases: vec![(phase_id, PhaseData::next_in(info, None))],
                };
                (Edit::InsertRow(row), Selection::Row(row_id))
            }
            _ => return,
        };
        match self.session.apply(edit) {
            Ok(_) => self.runtime.selection = Some(selection),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Something new for the plan, with fresh ids from the record; the structure window then shows it.
    fn add_node(&mut self, node: NewNode) {
        let ids = match self.session.next_structure_ids() {
            Ok(ids) => ids,
            Err(e) => return self.error(e.to_string()),
        };
        let edit = node.into_edit(self.session.plan(), ids);
        let chosen = match &edit {
            StructureEdit::AddFocusArea(d) => Some(Chosen::FocusArea(d.id)),
            StructureEdit::AddCategory(d) => Some(Chosen::Category(d.id)),
            StructureEdit::AddItem(d) => Some(Chosen::Item(d.id)),
            _ => None,
        };
        let line = edit.line(self.session.plan());
        match self.session.apply(Edit::Structure(edit)) {
            Ok(_) => {
                if let (Some(window), Some(c)) = (&mut self.runtime.windows.structure, chosen) {
                    window.choose(c);
                }
                self.info(format!("{line}しました。"));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub fn undo(&mut self) {
        match self.session.undo() {
            Ok(true) => self.info("元に戻しました。".to_string()),
            Ok(false) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    pub fn redo(&mut self) {
        match self.session.redo() {
            Ok(true) => self.info("やり直しました。".to_string()),
            Ok(false) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A selection whose phase or row was removed (by an edit, undo or reload) is dropped.
    pub(super) fn keep_selection_valid(&mut self) {
        let plan = self.session.plan();
        let valid = match self.runtime.selection {
            Some(Selection::Phase(id)) => plan.phase(id).is_some(),
            Some(Selection::Row(id)) => plan.row(id).is_some(),
            None => true,
        };
        if !valid {
            self.runtime.selection = None;
        }
        if self.runtime.selected_item.is_some_and(|id| plan.item(id).is_none()) {
            self.runtime.selected_item = None;
        }
    }
}
