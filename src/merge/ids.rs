//! Rows and phases both sides added get ids on each side independently: theirs may collide with
//! ours. A collision gets a fresh id here, and every later edit of theirs that names it is
//! translated. A row already merged once keeps its merged id: the change that added it is in both
//! histories under one identity, and the two edits name the two ids.

use std::collections::HashMap;

use crate::edit::Edit;
use crate::model::{Id, Plan};

#[derive(Debug, Default, Clone)]
pub struct IdMap {
    rows: HashMap<Id, Id>,
    phases: HashMap<Id, Id>,
}

impl IdMap {
    /// Learns from one change both histories hold: `theirs` as their file logged it, `ours` as ours did.
    pub fn learn(&mut self, theirs: &Edit, ours: &Edit) {
        match (theirs, ours) {
            (Edit::InsertRow(t), Edit::InsertRow(o)) => {
                self.row(t.row_id, o.row_id);
                for ((tp, _), (op, _)) in t.phases.iter().zip(&o.phases) {
                    self.phase(*tp, *op);
                }
            }
            (Edit::InsertPhase { phase_id: t, .. }, Edit::InsertPhase { phase_id: o, .. }) => self.phase(*t, *o),
            _ => {}
        }
    }

    fn row(&mut self, theirs: Id, ours: Id) {
        if theirs != ours {
            self.rows.insert(theirs, ours);
        }
    }

    fn phase(&mut self, theirs: Id, ours: Id) {
        if theirs != ours {
            self.phases.insert(theirs, ours);
        }
    }

    /// Their edit in our ids.
    pub fn translate(&self, edit: &Edit) -> Edit {
        let row = |id: &mut Id| *id = *self.rows.get(id).unwrap_or(id);
        let phase = |id: &mut Id| *id = *self.phases.get(id).unwrap_or(id);
        let mut e = edit.clone();
        e.visit_schedule_ids(row, phase);
        e
    }

    /// Gives an addition of theirs fresh ids where ours already uses them (`edit` is translated
    /// already, `raw` is as they logged it); later edits naming the old ids follow.
    pub fn place(&mut self, edit: &mut Edit, raw: &Edit, work: &Plan, fresh: &mut Fresh) {
        match (edit, raw) {
            (Edit::InsertRow(data), Edit::InsertRow(raw)) => {
                if work.row(data.row_id).is_some() {
                    data.row_id = fresh.row(work);
                    self.rows.insert(raw.row_id, data.row_id);
                }
                for ((id, _), (raw_id, _)) in data.phases.iter_mut().zip(&raw.phases) {
                    if work.phase(*id).is_some() {
                        *id = fresh.phase(work);
                        self.phases.insert(*raw_id, *id);
                    }
                }
            }
            (Edit::InsertPhase { phase_id, .. }, Edit::InsertPhase { phase_id: raw_id, .. })
                if work.phase(*phase_id).is_some() =>
            {
                *phase_id = fresh.phase(work);
                self.phases.insert(*raw_id, *phase_id);
            }
            _ => {}
        }
    }
}

/// Ids no one uses: above every id of ours and every id their changes name.
#[derive(Debug)]
pub struct Fresh {
    next_row: Id,
    next_phase: Id,
}

impl Fresh {
    /// `named`: their changes and ours since parting (a row we removed keeps its id out of use).
    pub fn above<'e>(plan: &Plan, named: impl IntoIterator<Item = &'e Edit>) -> Fresh {
        let mut rows = plan.items.iter().flat_map(|i| &i.schedule).map(|r| r.id).max().unwrap_or(0);
        let mut phases =
            plan.items.iter().flat_map(|i| &i.schedule).flat_map(|r| &r.phases).map(|p| p.id).max().unwrap_or(0);
        for edit in named {
            edit.clone().visit_schedule_ids(|id| rows = rows.max(*id), |id| phases = phases.max(*id));
        }
        Fresh { next_row: rows + 1, next_phase: phases + 1 }
    }

    fn row(&mut self, work: &Plan) -> Id {
        while work.row(self.next_row).is_some() {
            self.next_row += 1;
        }
        self.next_row += 1;
        self.next_row - 1
    }

    fn phase(&mut self, work: &Plan) -> Id {
        while work.phase(self.next_phase).is_some() {
            self.next_phase += 1;
        }
        self.next_phase += 1;
        self.next_phase - 1
    }
}
