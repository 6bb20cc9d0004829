//! A merge import through the Session: their changes since the copies parted, applied as one
//! group (one transaction, one undo step) after a backup, each logged with its own identity,
//! author and time and the source 「統合: <file name>」.

use super::Session;
use crate::merge::{Base, MergePlan, Target, find_base, plan_merge};
use crate::store::import::Candidate;
use crate::store::{BackupPath, MergeOrigin, StoreError, candidate_history};

/// How the change history names a merged change.
pub fn merge_source(candidate: &Candidate) -> String {
    let name = candidate.source().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("統合: {name}")
}

impl Session {
    /// Where our record and the inspected file parted; `None` when they share no history.
    pub fn merge_base(&self, candidate: &Candidate) -> Result<Option<Base>, StoreError> {
        let ours = self.store.merge_history()?;
        let theirs = candidate_history(candidate)?;
        Ok(find_base(&ours, &theirs))
    }

    /// What merging `base` would do to the record as it is now.
    pub fn merge_preview(&self, base: &Base, take_theirs: &dyn Fn(Target) -> bool) -> MergePlan {
        plan_merge(&self.plan, base, take_theirs)
    }

    /// Applies a previewed merge: a backup first, then every change in one transaction and one
    /// undo step. `Ok(None)` when there was nothing to write (the file is left untouched).
    pub fn merge(
        &mut self,
        candidate: &Candidate,
        base: &Base,
        plan: &MergePlan,
    ) -> Result<Option<BackupPath>, StoreError> {
        let declined: Vec<String> = plan.declined.iter().map(|&i| base.theirs[i].uid.clone()).collect();
        if plan.changes.is_empty() && declined.is_empty() {
            return Ok(None);
        }
        let origins: Vec<MergeOrigin> = plan
            .changes
            .iter()
            .map(|p| {
                let c = &base.theirs[p.origin];
                MergeOrigin { uid: c.uid.clone(), user: c.user.clone(), at: c.at.clone() }
            })
            .collect();
        let edits = plan.changes.iter().map(|p| p.edit.clone()).collect();
        let backup = self.store.back_up()?;
        let source = merge_source(candidate);
        self.apply_group_with(edits, |store, edits| store.write_merge(edits, &origins, &declined, &source))?;
        Ok(Some(backup))
    }
}
