//! The 暫定 (provisional) mark on a KPI actual: a context menu on the actual's cell that marks
//! the value as provisional or confirmed, as one `Edit::Provisional`.

use egui::Response;

use crate::edit::Edit;
use crate::model::{FiscalYear, Kpi};

/// The cell's context menu; returns the edit chosen, if any.
pub fn menu(response: &Response, kpi: &Kpi, year: FiscalYear) -> Option<Edit> {
    let marked = kpi.provisional.contains(&year);
    let mut chosen = None;
    response.context_menu(|ui| {
        let label = if marked { "暫定を外す（確定値にする）" } else { "暫定値にする" };
        if ui.button(label).clicked() {
            chosen = Some(Edit::Provisional { kpi_id: kpi.id, year, old: marked, new: !marked });
            ui.close();
        }
    });
    chosen
}

/// 「（暫定）」 after a provisional value, for the cell and for print.
pub fn suffix(kpi: &Kpi, year: FiscalYear) -> &'static str {
    if kpi.is_provisional(year) { "（暫定）" } else { "" }
}
