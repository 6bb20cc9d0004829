//! A record for driving single views: a real SAP III record on a temporary file, opened in the
//! app's own Session — the one path every change takes (file, then snapshot, then undo stack).

#![allow(dead_code)]

pub mod table;

use std::path::PathBuf;

use chrono::NaiveDate;
use reform_tracker::edit::Edit;
use reform_tracker::model::{FiscalYear, Id, KpiValue, Plan};
use reform_tracker::session::Session;
use reform_tracker::store::Store;
use reform_tracker::ui::{Command, Commands, ViewContext};

use crate::common::TempRecord;

pub struct TestRecord {
    /// Holds the temporary folder for as long as the record is in use.
    _record: TempRecord,
    pub path: PathBuf,
    pub session: Session,
    pub visible: Vec<Id>,
}

impl TestRecord {
    pub fn sap3() -> Self {
        let record = TempRecord::sap3();
        let session = record.session();
        let visible = session.plan().items.iter().map(|i| i.id).collect();
        TestRecord { path: record.path.clone(), _record: record, session, visible }
    }

    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }

    /// What a view is given to draw this record (基準日 at the end of 令和4年度).
    pub fn view(&self) -> ViewContext<'_> {
        ViewContext {
            plan: self.session.plan(),
            version: self.session.version(),
            visible: &self.visible,
            reference_date: NaiveDate::from_ymd_opt(2023, 3, 31).unwrap(),
        }
    }

    /// Carries out the edits a view sent, as the App does after drawing.
    pub fn run(&mut self, mut commands: Commands) {
        for command in commands.take() {
            match command {
                Command::Edit(edit) => self.apply(vec![*edit]),
                other => panic!("a single view sent {other:?}"),
            }
        }
    }

    pub fn apply(&mut self, edits: Vec<Edit>) {
        for edit in edits {
            self.session.apply(edit).expect("the record accepts the edit");
        }
    }

    pub fn undo(&mut self) {
        assert!(self.session.undo().unwrap(), "something to undo");
    }

    /// The plan as the file on disk holds it now.
    pub fn on_disk(&self) -> Plan {
        Store::open(&self.path).unwrap().load().unwrap()
    }

    pub fn kpi_id(&self, item: u32, ordinal: usize) -> Id {
        self.plan().item_by_number(item).unwrap().kpis[ordinal - 1].id
    }

    pub fn item_id(&self, item: u32) -> Id {
        self.plan().item_by_number(item).unwrap().id
    }

    /// The actual of item `item`'s KPI `ordinal` for `year`, as stored in the file.
    pub fn actual_on_disk(&self, item: u32, ordinal: usize, year: FiscalYear) -> Option<KpiValue> {
        self.on_disk().item_by_number(item).unwrap().kpis[ordinal - 1].actuals.get(&year).cloned()
    }

    /// Sets an actual through the same Edit the table emits (for charts and snapshots).
    pub fn set_actual(&mut self, item: u32, ordinal: usize, year: FiscalYear, value: f64) {
        let kpi = &self.plan().item_by_number(item).unwrap().kpis[ordinal - 1];
        let edit = Edit::KpiValue {
            kpi_id: kpi.id,
            slot: reform_tracker::edit::KpiSlot::Actual(year),
            old: kpi.actuals.get(&year).cloned(),
            new: Some(KpiValue::Number(value)),
        };
        self.apply(vec![edit]);
    }

    pub fn rate(&mut self, item: u32, year: FiscalYear, rating: reform_tracker::model::Rating) {
        let it = self.plan().item_by_number(item).unwrap();
        let old = it.evaluation(year).cloned();
        let mut new = old.clone().unwrap_or(reform_tracker::model::Evaluation {
            year,
            rating,
            results: String::new(),
            next_steps: String::new(),
        });
        new.rating = rating;
        let edit = Edit::Evaluation { item_id: it.id, year, old, new: Some(new) };
        self.apply(vec![edit]);
    }
}

pub fn context_setup(ctx: &egui::Context) {
    reform_tracker::ui::fonts::install(ctx);
}

pub const R3: FiscalYear = FiscalYear(2021);
pub const R4: FiscalYear = FiscalYear(2022);
pub const R5: FiscalYear = FiscalYear(2023);
