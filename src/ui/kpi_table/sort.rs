//! The rows' order: plan order, or by any column (a click on its header: ▲, ▼, off), kept
//! until the snapshot, the filter or the sort changes.

use std::cmp::Ordering;
use std::collections::HashSet;

use egui::{RichText, Ui};

use super::input::{KpiCell, stored_value};
use super::{KpiColumn, KpiTableState, Row, SortOrder};
use crate::model::progress::{Progress, progress};
use crate::model::{Id, Judgement, KpiValue, Plan, Rating};

#[derive(Debug)]
pub(super) struct RowOrder {
    version: u64,
    visible: Vec<Id>,
    sort: Option<(KpiColumn, SortOrder)>,
    /// (index of the item in the plan, index of the KPI in the item, its progress).
    rows: Vec<(usize, usize, Progress)>,
}

pub(super) fn header_cell(ui: &mut Ui, column: KpiColumn, state: &mut KpiTableState) {
    let arrow = match state.sort {
        Some((c, SortOrder::Ascending)) if c == column => " ▲",
        Some((c, SortOrder::Descending)) if c == column => " ▼",
        _ => "",
    };
    let text = RichText::new(format!("{}{arrow}", column.header())).strong();
    let response = ui.add(egui::Button::new(text).frame(false)).on_hover_text(column.hover());
    if response.clicked() {
        state.sort = match state.sort {
            Some((c, SortOrder::Ascending)) if c == column => Some((column, SortOrder::Descending)),
            Some((c, SortOrder::Descending)) if c == column => None,
            _ => Some((column, SortOrder::Ascending)),
        };
    }
}

/// `sorted_rows`, from the cache while the snapshot, the filter and the sort stay the same.
pub(super) fn cached_rows<'a>(
    plan: &'a Plan,
    version: u64,
    visible_items: &[Id],
    state: &mut KpiTableState,
) -> Vec<Row<'a>> {
    let fresh = state
        .order
        .as_ref()
        .is_some_and(|o| o.version == version && o.sort == state.sort && o.visible == visible_items);
    if !fresh {
        let index: std::collections::HashMap<Id, usize> =
            plan.items.iter().enumerate().map(|(i, item)| (item.id, i)).collect();
        let rows = sorted_rows(plan, visible_items, state.sort)
            .into_iter()
            .map(|r| (index[&r.item.id], r.ordinal - 1, r.progress))
            .collect();
        state.order = Some(RowOrder { version, visible: visible_items.to_vec(), sort: state.sort, rows });
    }
    let order = state.order.as_ref().expect("just filled");
    order
        .rows
        .iter()
        .map(|(i, k, progress)| {
            let item = &plan.items[*i];
            Row { item, kpi: &item.kpis[*k], ordinal: k + 1, progress: *progress }
        })
        .collect()
}

/// The rows of the visible items, in the chosen order. Linear in the plan's size.
fn sorted_rows<'a>(plan: &'a Plan, visible_items: &[Id], sort: Option<(KpiColumn, SortOrder)>) -> Vec<Row<'a>> {
    let visible: HashSet<Id> = visible_items.iter().copied().collect();
    let mut rows: Vec<Row> = plan
        .items
        .iter()
        .filter(|i| visible.contains(&i.id))
        .flat_map(|item| {
            item.kpis.iter().enumerate().map(move |(n, kpi)| Row {
                item,
                kpi,
                ordinal: n + 1,
                progress: progress(&plan.info, kpi),
            })
        })
        .collect();
    let plan_order = |a: &Row, b: &Row| a.item.number.cmp(&b.item.number).then(a.ordinal.cmp(&b.ordinal));
    if let Some((column, order)) = sort {
        rows.sort_by(|a, b| {
            let primary = compare(column, a, b);
            let primary = if order == SortOrder::Descending { primary.reverse() } else { primary };
            primary.then_with(|| plan_order(a, b))
        });
    } else {
        rows.sort_by(plan_order);
    }
    rows
}

fn compare(column: KpiColumn, a: &Row, b: &Row) -> Ordering {
    match column {
        KpiColumn::Number => a.item.number.cmp(&b.item.number),
        KpiColumn::Title => a.item.title.cmp(&b.item.title),
        KpiColumn::Department => a.item.department.cmp(&b.item.department),
        KpiColumn::Name => a.kpi.name.cmp(&b.kpi.name),
        KpiColumn::Unit => a.kpi.unit.cmp(&b.kpi.unit),
        KpiColumn::Baseline | KpiColumn::Target | KpiColumn::Actual(_) => {
            let slot = column.cell().and_then(KpiCell::slot).expect("value columns have a slot");
            compare_values(stored_value(a.kpi, slot), stored_value(b.kpi, slot))
        }
        KpiColumn::Rate => compare_numbers(a.progress.rate, b.progress.rate),
        KpiColumn::Judgement => judgement_rank(a.progress.judgement).cmp(&judgement_rank(b.progress.judgement)),
        KpiColumn::Rating(y) => {
            let rank = |r: &Row| r.item.evaluation(y).map(|e| e.rating).unwrap_or(Rating::Unrated);
            rating_rank(rank(a)).cmp(&rating_rank(rank(b)))
        }
    }
}

/// Numbers first (by value), then words, then empty cells.
fn compare_values(a: Option<&KpiValue>, b: Option<&KpiValue>) -> Ordering {
    let rank = |v: Option<&KpiValue>| match v {
        Some(KpiValue::Number(_)) => 0,
        Some(KpiValue::Text(_)) => 1,
        None => 2,
    };
    match (a, b) {
        (Some(KpiValue::Number(x)), Some(KpiValue::Number(y))) => x.total_cmp(y),
        (Some(KpiValue::Text(x)), Some(KpiValue::Text(y))) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn compare_numbers(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn judgement_rank(j: Judgement) -> usize {
    Judgement::ALL.iter().position(|x| *x == j).unwrap_or(usize::MAX)
}

fn rating_rank(r: Rating) -> usize {
    Rating::ALL.iter().position(|x| *x == r).unwrap_or(usize::MAX)
}
