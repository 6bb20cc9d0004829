//! What every view is given to draw: the snapshot and the few facts around it.

use chrono::NaiveDate;

use crate::model::{Id, Plan};

#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    pub plan: &'a Plan,
    /// The snapshot's version: bumped on every change, so views may cache what they derive.
    pub version: u64,
    /// The items the tree's filters let through, in plan order.
    pub visible: &'a [Id],
    /// The 基準日: the date progress and lateness are judged at.
    pub reference_date: NaiveDate,
}
