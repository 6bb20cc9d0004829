//! The optional schedule CSV: one line per phase of the 取組スケジュール, for the council
//! member who wants to sort or filter the plan's steps in Excel.

use super::csv::{Cell, Table};
use crate::model::{Plan, YearMonth};

pub const SCHEDULE_HEADERS: [&str; 10] =
    ["項目番号", "改革項目", "行", "工程", "開始", "終了", "実績開始", "実績終了", "状態", "備考"];

fn month(m: Option<YearMonth>) -> Cell {
    // 令和3年4月 rather than 2021-04, which Excel would silently turn into a date.
    m.map(|m| Cell::Text(m.japanese())).unwrap_or(Cell::Empty)
}

/// One row per phase. A schedule row without phases still gets a line (its phase columns
/// empty), so that no row of the plan disappears from the file.
pub fn schedule_table(plan: &Plan) -> Table {
    let mut rows = Vec::new();
    for item in &plan.items {
        for row in &item.schedule {
            let lead = [Cell::Number(item.number.to_string()), Cell::text(&item.title), Cell::text(&row.label)];
            if row.phases.is_empty() {
                let mut cells = lead.to_vec();
                cells.extend(std::iter::repeat_n(Cell::Empty, SCHEDULE_HEADERS.len() - lead.len()));
                rows.push(cells);
            }
            for phase in &row.phases {
                let p = &phase.data;
                let mut cells = lead.to_vec();
                cells.extend([
                    Cell::text(&p.label),
                    month(Some(p.start)),
                    month(Some(p.end)),
                    month(p.actual_start),
                    month(p.actual_end),
                    Cell::Text(p.status.label().to_string()),
                    Cell::text(&p.note),
                ]);
                rows.push(cells);
            }
        }
    }
    Table { headers: SCHEDULE_HEADERS.iter().map(|s| s.to_string()).collect(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_phase_of_sap3() {
        let plan = crate::seed::sap3();
        let table = schedule_table(&plan);
        let phases: usize = plan.items.iter().flat_map(|i| &i.schedule).map(|r| r.phases.len().max(1)).sum();
        assert_eq!(table.rows.len(), phases);
        assert!(table.rows.iter().all(|r| r.len() == SCHEDULE_HEADERS.len()));
        let first = &plan.items[0];
        assert_eq!(table.rows[0][0], Cell::Number(first.number.to_string()));
        assert_eq!(table.rows[0][4], Cell::Text(first.schedule[0].phases[0].data.start.japanese()));
    }
}
