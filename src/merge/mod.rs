//! Merging another copy of the record into ours — pure rules, no I/O (the store reads the two
//! histories, the Session writes the result).
//!
//! Every change has an identity that survives export. The changes whose identity only one side
//! holds are that side's changes "since parting". Theirs are replayed on ours in their order;
//! a value both sides changed since parting is a conflict, ours kept unless the officer takes theirs.
//! Each of their edits is rebased: the value it replaces is read from our record (with their
//! earlier changes), so it passes the record's own conflict check.

mod describe;
mod ids;
mod nodes;
mod target;

use std::collections::{HashMap, HashSet};

pub use describe::{change_line, current_value, new_value, target_label};
pub use ids::IdMap;
pub use target::Target;

use crate::edit::Edit;
use crate::model::Plan;
use ids::Fresh;

/// One row of a record's change history, as a merge needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedChange {
    pub uid: String,
    pub at: String,
    pub user: String,
    /// `None` when the stored edit cannot be read (it is then passed over).
    pub edit: Option<Edit>,
}

/// One side's history: the changes it holds, and the identities of changes of another copy it has
/// already looked at and declined.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub record_id: String,
    pub changes: Vec<LoggedChange>,
    pub declined: Vec<String>,
}

impl History {
    fn knows(&self) -> HashSet<&str> {
        self.changes.iter().map(|c| c.uid.as_str()).chain(self.declined.iter().map(String::as_str)).collect()
    }
}

/// Where the two copies parted.
#[derive(Debug, Clone)]
pub struct Base {
    /// Our edits since parting, in order.
    pub ours: Vec<Edit>,
    /// Their changes since parting, in order.
    pub theirs: Vec<LoggedChange>,
    pub ids: IdMap,
}

/// The parting point of two histories; `None` when they share nothing (two separate records): no
/// change in common and another record identity. A record that never changed shares its identity.
pub fn find_base(ours: &History, theirs: &History) -> Option<Base> {
    let ours_know = ours.knows();
    let theirs_know = theirs.knows();
    let shared = ours_know.iter().any(|u| theirs_know.contains(u));
    if !shared && ours.record_id != theirs.record_id {
        return None;
    }
    let our_edits: HashMap<&str, &Edit> =
        ours.changes.iter().filter_map(|c| Some((c.uid.as_str(), c.edit.as_ref()?))).collect();
    let mut ids = IdMap::default();
    for c in &theirs.changes {
        if let (Some(t), Some(o)) = (&c.edit, our_edits.get(c.uid.as_str())) {
            ids.learn(t, o);
        }
    }
    Some(Base {
        ours: ours
            .changes
            .iter()
            .filter(|c| !theirs_know.contains(c.uid.as_str()))
            .filter_map(|c| c.edit.clone())
            .collect(),
        theirs: theirs.changes.iter().filter(|c| !ours_know.contains(c.uid.as_str())).cloned().collect(),
        ids,
    })
}

/// A value both sides changed since parting.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub target: Target,
    /// Which value, in words.
    pub what: String,
    pub mine: String,
    pub theirs: String,
}

/// One of their changes to apply, rebased on ours; `origin` is its index in `Base::theirs`.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub edit: Edit,
    pub origin: usize,
    /// The preview's line for it (old → new).
    pub line: String,
}

/// What a merge will do.
#[derive(Debug, Clone, Default)]
pub struct MergePlan {
    pub changes: Vec<Planned>,
    pub conflicts: Vec<Conflict>,
    /// Their changes not applied (ours kept, nothing to change, or what they change is gone):
    /// remembered so a second merge of the same file does not offer them again.
    pub declined: Vec<usize>,
    /// Of those, the ones that could not apply because what they change is gone on our side.
    pub unapplicable: Vec<usize>,
}

impl MergePlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.conflicts.is_empty()
    }
}

/// Their changes since parting, rebased on `ours` (our record now). `take_theirs` says, per
/// conflict, whether their value wins.
pub fn plan_merge(ours: &Plan, base: &Base, take_theirs: &dyn Fn(Target) -> bool) -> MergePlan {
    let mut touched = HashSet::new();
    for edit in &base.ours {
        target::touched(edit, ours, &mut touched);
    }
    let mut ids = base.ids.clone();
    let mut fresh = Fresh::above(ours, base.theirs.iter().filter_map(|c| c.edit.as_ref()).chain(&base.ours));
    let mut work = ours.clone();
    let mut out = MergePlan::default();
    let mut conflict_at: HashMap<Target, usize> = HashMap::new();
    // What their declined additions added: later edits naming it are declined with them.
    let mut declined_nodes = HashSet::new();
    for (origin, change) in base.theirs.iter().enumerate() {
        let Some(raw) = &change.edit else {
            out.declined.push(origin);
            continue;
        };
        let mut edit = ids.translate(raw);
        if nodes::names_any(&edit, &declined_nodes) {
            declined_nodes.extend(nodes::added(&edit));
            out.declined.push(origin);
            out.unapplicable.push(origin);
            continue;
        }
        if let Some(target) = target::conflict_of(&edit, &touched) {
            let theirs = new_value(&edit);
            match conflict_at.get(&target) {
                Some(&i) => out.conflicts[i].theirs = theirs,
                None => {
                    conflict_at.insert(target, out.conflicts.len());
                    out.conflicts.push(Conflict {
                        target,
                        what: target_label(ours, target),
                        mine: current_value(ours, target),
                        theirs,
                    });
                }
            }
            // Their reshaping is never taken over ours: ids and numbers given on both sides clash.
            if !take_theirs(target) || target == Target::Structure {
                declined_nodes.extend(nodes::added(&edit));
                out.declined.push(origin);
                continue;
            }
        }
        ids.place(&mut edit, raw, &work, &mut fresh);
        let Some(rebased) = target::rebase(&edit, &work) else {
            declined_nodes.extend(nodes::added(&edit));
            out.declined.push(origin);
            out.unapplicable.push(origin);
            continue;
        };
        if rebased.is_noop() {
            out.declined.push(origin);
            continue;
        }
        let line = change_line(&work, &rebased);
        if !rebased.apply_to(&mut work) {
            declined_nodes.extend(nodes::added(&edit));
            out.declined.push(origin);
            out.unapplicable.push(origin);
            continue;
        }
        out.changes.push(Planned { edit: rebased, origin, line });
    }
    // Both sides arriving at the same value is agreement, not a conflict.
    out.conflicts.retain(|c| c.mine != c.theirs);
    out
}

#[cfg(test)]
mod tests;
