//! What a KPI cell accepts: the text an officer typed, turned into one `Edit` or refused with
//! a Japanese sentence. Pure, so the table, tests and any other view read input the same way.

use crate::edit::{Edit, KpiField, KpiSlot};
use crate::model::number::format_plain;
use crate::model::outlier::{FarOutside, far_outside};
use crate::model::{FiscalYear, Kpi, KpiValue};

/// The editable parts of a KPI row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiCell {
    Name,
    Unit,
    Baseline,
    Target,
    Actual(FiscalYear),
}

impl KpiCell {
    pub fn slot(self) -> Option<KpiSlot> {
        match self {
            KpiCell::Baseline => Some(KpiSlot::Baseline),
            KpiCell::Target => Some(KpiSlot::Target),
            KpiCell::Actual(y) => Some(KpiSlot::Actual(y)),
            KpiCell::Name | KpiCell::Unit => None,
        }
    }
}

/// The stored value behind a value cell.
pub fn stored_value(kpi: &Kpi, slot: KpiSlot) -> Option<&KpiValue> {
    match slot {
        KpiSlot::Baseline => kpi.baseline.as_ref(),
        KpiSlot::Target => kpi.target.as_ref(),
        KpiSlot::Actual(y) => kpi.actuals.get(&y),
    }
}

/// The text an edit starts from: numbers without separators, so that what is shown
/// in the field reads back unchanged.
pub fn edit_text(kpi: &Kpi, cell: KpiCell) -> String {
    match cell {
        KpiCell::Name => kpi.name.clone(),
        KpiCell::Unit => kpi.unit.clone(),
        _ => match cell.slot().and_then(|s| stored_value(kpi, s)) {
            Some(KpiValue::Number(n)) => format_plain(*n),
            Some(KpiValue::Text(t)) => t.clone(),
            None => String::new(),
        },
    }
}

/// Reads `text` typed into `cell` of `kpi`. `Ok(None)` when nothing would change;
/// `Err` with a message for the officer when the text cannot be stored.
pub fn edit_from_input(kpi: &Kpi, cell: KpiCell, text: &str) -> Result<Option<Edit>, String> {
    let edit = match cell {
        KpiCell::Name | KpiCell::Unit => {
            let (field, old) = match cell {
                KpiCell::Name => (KpiField::Name, &kpi.name),
                _ => (KpiField::Unit, &kpi.unit),
            };
            let new = text.trim().to_string();
            if field == KpiField::Name && new.is_empty() {
                return Err("目標名は空にできません。名前を入力するか、Esc で取り消してください。".to_string());
            }
            Edit::KpiText { kpi_id: kpi.id, field, old: old.clone(), new }
        }
        KpiCell::Baseline | KpiCell::Target | KpiCell::Actual(_) => {
            let slot = cell.slot().expect("value cells have a slot");
            // A goal written in words (存続の可否決定) is followed in words; the rules are the model's.
            let new = crate::model::limits::kpi_entry(kpi, &format!("「{}」の{}", kpi.name, slot.label()), text)?;
            Edit::KpiValue { kpi_id: kpi.id, slot, old: stored_value(kpi, slot).cloned(), new }
        }
    };
    Ok((!edit.is_noop()).then_some(edit))
}

/// Whether `edit` would store an actual far outside its KPI's range (asked about before saving).
/// Baselines and targets are what the range is judged by, so they are not asked about.
pub fn far_outside_edit(kpi: &Kpi, edit: &Edit) -> Option<FarOutside> {
    match edit {
        Edit::KpiValue { slot: KpiSlot::Actual(_), new: Some(KpiValue::Number(v)), .. } => far_outside(kpi, *v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;
    use std::collections::BTreeMap;

    fn kpi(target: KpiValue) -> Kpi {
        Kpi {
            id: 7,
            name: "在宅勤務の実施職員".into(),
            unit: "人".into(),
            baseline_year: Some(FiscalYear(2020)),
            baseline: Some(KpiValue::Number(8.0)),
            target_year: Some(FiscalYear(2023)),
            target: Some(target),
            direction: Direction::Increase,
            note: String::new(),
            actuals: BTreeMap::from([(FiscalYear(2021), KpiValue::Number(12.0))]),
            provisional: Default::default(),
            decimals: 0,
            baseline_note: String::new(),
            target_note: String::new(),
            baseline_date: None,
            scale: Default::default(),
            milestones: Vec::new(),
        }
    }

    #[test]
    fn full_width_number_becomes_an_edit_with_the_old_value() {
        let k = kpi(KpiValue::Number(50.0));
        let e = edit_from_input(&k, KpiCell::Actual(FiscalYear(2021)), "２，０００").unwrap().unwrap();
        assert_eq!(
            e,
            Edit::KpiValue {
                kpi_id: 7,
                slot: KpiSlot::Actual(FiscalYear(2021)),
                old: Some(KpiValue::Number(12.0)),
                new: Some(KpiValue::Number(2000.0)),
            }
        );
    }

    #[test]
    fn blank_clears_and_same_value_is_nothing() {
        let k = kpi(KpiValue::Number(50.0));
        let e = edit_from_input(&k, KpiCell::Actual(FiscalYear(2021)), "　").unwrap().unwrap();
        assert!(matches!(e, Edit::KpiValue { new: None, .. }));
        assert_eq!(edit_from_input(&k, KpiCell::Actual(FiscalYear(2021)), "１２").unwrap(), None);
        assert_eq!(edit_from_input(&k, KpiCell::Actual(FiscalYear(2022)), "").unwrap(), None);
    }

    #[test]
    fn unreadable_number_is_refused_in_japanese() {
        let k = kpi(KpiValue::Number(50.0));
        let err = edit_from_input(&k, KpiCell::Actual(FiscalYear(2022)), "abc").unwrap_err();
        assert!(err.contains("数値として読めません"), "{err}");
    }

    #[test]
    fn text_goals_take_text() {
        let k = kpi(KpiValue::Text("存続の可否決定".into()));
        let e = edit_from_input(&k, KpiCell::Actual(FiscalYear(2022)), " 方針決定 ").unwrap().unwrap();
        assert!(matches!(e, Edit::KpiValue { new: Some(KpiValue::Text(ref t)), .. } if t == "方針決定"));
    }

    #[test]
    fn names_and_units() {
        let k = kpi(KpiValue::Number(50.0));
        assert!(edit_from_input(&k, KpiCell::Name, "  ").is_err());
        let e = edit_from_input(&k, KpiCell::Unit, "名").unwrap().unwrap();
        assert_eq!(e, Edit::KpiText { kpi_id: 7, field: KpiField::Unit, old: "人".into(), new: "名".into() });
        assert_eq!(edit_text(&k, KpiCell::Baseline), "8");
    }
}
