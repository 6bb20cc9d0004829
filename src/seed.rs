//! Reads a plan data file (TOML, like the built-in `data/sap3.toml`) into a `Plan`.
//! Ids are left at 0: the store gives each row its id when the plan is written.

use thiserror::Error;

use crate::model::Plan;

/// SAP III, transcribed from the plan document; embedded so that a first start needs no files.
pub const SAP3_TOML: &str = include_str!("../data/sap3.toml");

#[derive(Debug, Error)]
pub enum SeedError {
    #[error("計画データの誤り: {0}")]
    Invalid(String),
}

/// The built-in SAP III plan.
pub fn sap3() -> Plan {
    parse_plan(SAP3_TOML).expect("the embedded data/sap3.toml is checked by tests")
}

/// A plan file's text (the one reader, `plan_file::parse`, with its checks).
pub fn parse_plan(text: &str) -> Result<Plan, SeedError> {
    crate::plan_file::parse(text).map_err(|e| SeedError::Invalid(e.to_string()))
}

/// SAP III with distinct ids on every item, row and phase, as a record would give them (unit
/// tests of layout and print, which need no record).
#[cfg(test)]
pub fn sap3_with_ids() -> crate::model::Plan {
    let mut plan = crate::seed::sap3();
    let mut next = 1;
    for item in &mut plan.items {
        item.id = next;
        next += 1;
        for row in &mut item.schedule {
            row.id = next;
            next += 1;
            for p in &mut row.phases {
                p.id = next;
                next += 1;
            }
        }
    }
    plan
}
