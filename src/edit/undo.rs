//! Undo and redo: the stacks of edits the record has accepted.

use super::Edit;

/// Undo and redo stacks of applied edits. The window pushes an edit only after the record
/// has accepted it, so the stacks never hold an edit that is not on disk. A step is one edit, or
/// a group taken back together (the changes of one imported survey).
#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
}

impl UndoStack {
    pub fn push(&mut self, edit: Edit) {
        self.push_group(vec![edit]);
    }

    /// Several edits, applied in this order, that one undo takes back together.
    pub fn push_group(&mut self, edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        self.undo.push(edits);
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The edit that undoes the last one; call `undone` once the record has accepted it.
    /// For a group this is only its last edit: use [`UndoStack::undo_step`].
    pub fn peek_undo(&self) -> Option<Edit> {
        self.undo.last().and_then(|step| step.last()).map(Edit::inverse)
    }

    pub fn peek_redo(&self) -> Option<Edit> {
        self.redo.last().and_then(|step| step.last()).cloned()
    }

    /// The edits that undo the last step, in the order to apply them (last edit first).
    pub fn undo_step(&self) -> Option<Vec<Edit>> {
        self.undo.last().map(|step| step.iter().rev().map(Edit::inverse).collect())
    }

    /// The edits that redo the last undone step, in order.
    pub fn redo_step(&self) -> Option<Vec<Edit>> {
        self.redo.last().cloned()
    }

    pub fn undone(&mut self) {
        if let Some(e) = self.undo.pop() {
            self.redo.push(e);
        }
    }

    pub fn redone(&mut self) {
        if let Some(e) = self.redo.pop() {
            self.undo.push(e);
        }
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_stack_order() {
        let mut s = UndoStack::default();
        let e1 = Edit::RowLabel { row_id: 1, old: "a".into(), new: "b".into() };
        let e2 = Edit::RowLabel { row_id: 1, old: "b".into(), new: "c".into() };
        s.push(e1.clone());
        s.push(e2.clone());
        assert_eq!(s.peek_undo(), Some(e2.inverse()));
        s.undone();
        assert_eq!(s.peek_redo(), Some(e2.clone()));
        s.push(Edit::RowLabel { row_id: 1, old: "b".into(), new: "d".into() });
        assert!(!s.can_redo(), "a new edit drops the redo branch");
    }

    #[test]
    fn a_group_is_undone_and_redone_as_one_step() {
        let mut s = UndoStack::default();
        let e1 = Edit::RowLabel { row_id: 1, old: "a".into(), new: "b".into() };
        let e2 = Edit::RowLabel { row_id: 2, old: "x".into(), new: "y".into() };
        s.push(Edit::RowLabel { row_id: 3, old: "p".into(), new: "q".into() });
        s.push_group(vec![e1.clone(), e2.clone()]);
        assert_eq!(s.undo_step(), Some(vec![e2.inverse(), e1.inverse()]));
        s.undone();
        assert_eq!(s.redo_step(), Some(vec![e1, e2]));
        assert!(s.can_undo(), "the edit before the group is still there");
        s.push_group(Vec::new());
        assert!(s.can_redo(), "an empty group is no step");
    }
}
