//! 編集 → 計画の構成…: the plan's own data (name, period, 策定日) and its shape — focus areas,
//! categories, items and their KPIs — added, renamed, moved, renumbered, removed, and an item's
//! status when it leaves the plan. Every change is sent as a command: an `Edit` (undo, history,
//! conflict check like any other), or a `NewNode` the App gives fresh ids.

mod details;
mod plan_form;
mod tree;

use crate::model::{FiscalYear, Id, Plan, StatusKind};
use crate::ui::app::commands::Command;

/// What is chosen in the window's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    FocusArea(Id),
    Category(Id),
    Item(Id),
}

/// The window's fields; the plan itself is always read from the snapshot.
#[derive(Debug, Clone)]
pub struct StructureWindow {
    pub chosen: Option<Chosen>,
    plan_form: plan_form::PlanForm,
    /// The version of the plan the fields of the chosen thing were filled from, and what the name
    /// and number fields were filled with.
    filled_at: Option<(Chosen, u64)>,
    filled: (String, String),
    /// The list's lines and the renumbering, for the plan's version they were derived from.
    derived: Option<tree::Derived>,
    name: String,
    new_area: String,
    number: String,
    department: String,
    child_title: String,
    kpi_name: String,
    kpi_unit: String,
    kpi_decrease: bool,
    status_kind: StatusKind,
    status_year: FiscalYear,
    status_reason: String,
    /// A refusal of the window's own checks (the record's are shown in the status bar).
    message: Option<String>,
}

impl StructureWindow {
    pub fn new(plan: &Plan) -> Self {
        StructureWindow {
            chosen: None,
            plan_form: plan_form::PlanForm::of(plan),
            filled_at: None,
            filled: Default::default(),
            derived: None,
            name: String::new(),
            new_area: String::new(),
            number: String::new(),
            department: String::new(),
            child_title: String::new(),
            kpi_name: String::new(),
            kpi_unit: String::new(),
            kpi_decrease: false,
            status_kind: StatusKind::Completed,
            status_year: plan.info.last_year,
            status_reason: String::new(),
            message: None,
        }
    }

    pub fn choose(&mut self, chosen: Chosen) {
        self.chosen = Some(chosen);
        self.filled_at = None;
    }

    /// Fills the fields from the chosen thing when it or the plan changed.
    fn fill(&mut self, plan: &Plan, version: u64) {
        let Some(chosen) = self.chosen else { return };
        if self.filled_at == Some((chosen, version)) {
            return;
        }
        let keep_new_texts = matches!(self.filled_at, Some((c, _)) if c == chosen);
        self.filled_at = Some((chosen, version));
        // A field the officer has typed in keeps its text when the plan changes meanwhile (another
        // edit, another PC); one not typed in follows the plan.
        let (name_was, number_was) = std::mem::take(&mut self.filled);
        let follow = |field: &mut String, was: &str, now: String| {
            if !keep_new_texts || field == was {
                *field = now;
            }
        };
        match chosen {
            Chosen::FocusArea(id) => match plan.focus_areas.iter().find(|f| f.id == id) {
                Some(f) => follow(&mut self.name, &name_was, f.title.clone()),
                None => self.chosen = None,
            },
            Chosen::Category(id) => match plan.category(id) {
                Some((_, c)) => {
                    follow(&mut self.name, &name_was, c.title.clone());
                    // The new item's number: the next free one.
                    follow(&mut self.number, &number_was, crate::edit::moves::next_item_number(plan).to_string());
                }
                None => self.chosen = None,
            },
            Chosen::Item(id) => match plan.item(id) {
                Some(i) => {
                    follow(&mut self.number, &number_was, i.number.to_string());
                    if let Some(s) = &i.status {
                        self.status_kind = s.kind;
                        self.status_year = s.year;
                        self.status_reason = s.reason.clone();
                    } else if !keep_new_texts {
                        self.status_reason.clear();
                        self.status_year = plan.info.last_year.min(self.status_year.max(plan.info.first_year));
                    }
                }
                None => self.chosen = None,
            },
        }
        self.filled = (self.name.clone(), self.number.clone());
        if !keep_new_texts {
            self.child_title.clear();
            self.department.clear();
            self.kpi_name.clear();
            self.kpi_unit.clear();
            self.message = None;
        }
    }
}

/// Draws the window; false once it is closed.
pub fn window(
    ctx: &egui::Context,
    state: &mut StructureWindow,
    plan: &Plan,
    version: u64,
    requests: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    state.fill(plan, version);
    let area = ctx.content_rect();
    let size = egui::vec2((area.width() * 0.8).min(1100.0), (area.height() * 0.8).min(700.0));
    super::centred(ctx, "計画の構成").open(&mut open).default_size(size).show(ctx, |ui| {
        plan_form::show(ui, plan, &mut state.plan_form, requests);
        ui.separator();
        // Both halves scroll within what is left of the window below the plan's data.
        let height = (ui.available_height() - 8.0).max(240.0);
        ui.columns(2, |columns| {
            tree::show(&mut columns[0], (plan, version), state, height, requests);
            egui::ScrollArea::vertical()
                .id_salt("structure_details")
                .max_height(height)
                .auto_shrink(false)
                .show(&mut columns[1], |ui| details::show(ui, plan, state, requests));
        });
    });
    open
}
