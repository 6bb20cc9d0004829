//! A tiny window for the KPI views: a real record on a temporary file, the plan loaded from it,
//! and edits applied the way the main window applies them (file first, then the snapshot,
//! then the undo stack).

#![allow(dead_code)]

use std::path::PathBuf;

use reform_tracker::edit::{Edit, UndoStack};
use reform_tracker::model::{FiscalYear, Id, KpiValue, Plan};
use reform_tracker::store::Store;

pub struct TestRecord {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
    pub plan: Plan,
    pub undo: UndoStack,
    pub visible: Vec<Id>,
    /// Bumped whenever `plan` changes, as the main window does (views cache by it).
    pub version: u64,
}

impl TestRecord {
    pub fn sap3() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.sqlite");
        let store = Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
        let plan = store.load().unwrap();
        let visible = plan.items.iter().map(|i| i.id).collect();
        TestRecord { _dir: dir, path, store, plan, undo: UndoStack::default(), visible, version: 0 }
    }

    pub fn apply(&mut self, edits: Vec<Edit>) {
        for edit in edits {
            self.store.apply(&edit, "test").expect("the record accepts the edit");
            assert!(edit.apply_to(&mut self.plan), "the snapshot accepts {edit:?}");
            self.version += 1;
            self.undo.push(edit);
        }
    }

    pub fn undo(&mut self) {
        let edit = self.undo.peek_undo().expect("something to undo");
        self.store.apply(&edit, "test").unwrap();
        assert!(edit.apply_to(&mut self.plan));
        self.version += 1;
        self.undo.undone();
    }

    /// The plan as the file on disk holds it now.
    pub fn on_disk(&self) -> Plan {
        Store::open(&self.path).unwrap().load().unwrap()
    }

    pub fn kpi_id(&self, item: u32, ordinal: usize) -> Id {
        self.plan.item_by_number(item).unwrap().kpis[ordinal - 1].id
    }

    pub fn item_id(&self, item: u32) -> Id {
        self.plan.item_by_number(item).unwrap().id
    }

    /// The actual of item `item`'s KPI `ordinal` for `year`, as stored in the file.
    pub fn actual_on_disk(&self, item: u32, ordinal: usize, year: FiscalYear) -> Option<KpiValue> {
        self.on_disk().item_by_number(item).unwrap().kpis[ordinal - 1].actuals.get(&year).cloned()
    }

    /// Sets an actual through the same Edit the table emits (for charts and snapshots).
    pub fn set_actual(&mut self, item: u32, ordinal: usize, year: FiscalYear, value: f64) {
        let kpi = &self.plan.item_by_number(item).unwrap().kpis[ordinal - 1];
        let edit = Edit::KpiValue {
            kpi_id: kpi.id,
            slot: reform_tracker::edit::KpiSlot::Actual(year),
            old: kpi.actuals.get(&year).cloned(),
            new: Some(KpiValue::Number(value)),
        };
        self.apply(vec![edit]);
    }

    pub fn rate(&mut self, item: u32, year: FiscalYear, rating: reform_tracker::model::Rating) {
        let it = self.plan.item_by_number(item).unwrap();
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
