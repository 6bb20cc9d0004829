//! The 数値目標 table's column widths: dragged or fitted to their contents by the officer, and
//! remembered between runs with the rest of the window's state.

use std::collections::BTreeMap;

use egui::{Rangef, Rect, Sense, Ui};
use serde::{Deserialize, Serialize};

use super::columns::KpiColumn;

/// The narrowest a column can be dragged to.
pub const MIN_COLUMN_WIDTH: f32 = 30.0;
/// The widest a column is fitted to: one very long name must not push the others off screen.
pub const MAX_FITTED_WIDTH: f32 = 640.0;
/// The widest a remembered width is taken back as (a dragged width may be wider than a fitted one).
const MAX_COLUMN_WIDTH: f32 = 2000.0;

/// Widths the officer has set, by column key (`name`, `actual-2021`); the other columns keep
/// their default width. Keyed by text so that a plan over other years simply finds no widths for
/// its own year columns, and a hand-edited or damaged saved state falls back to the defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KpiColumnWidths(BTreeMap<String, f32>);

impl KpiColumnWidths {
    pub fn width(&self, column: KpiColumn) -> f32 {
        match self.0.get(&column.key()) {
            Some(w) if w.is_finite() => w.clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH),
            _ => column.default_width(),
        }
    }

    pub fn set(&mut self, column: KpiColumn, width: f32) {
        if width.is_finite() {
            self.0.insert(column.key(), width.clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH));
        }
    }
}

/// The lines between columns, from the header to the bottom of the view. Dragging one resizes
/// the column on its left; double-clicking it fits that column to its widest text (`fit`), as in
/// a spreadsheet.
pub fn separators(
    ui: &Ui,
    columns: &[KpiColumn],
    left: f32,
    lines: Rangef,
    widths: &mut KpiColumnWidths,
    fit: impl Fn(KpiColumn) -> f32,
) {
    let gap = ui.spacing().item_spacing.x;
    let mut x = left;
    for column in columns {
        let width = widths.width(*column);
        x += width + gap;
        let line = Rect::from_x_y_ranges(x..=x, lines).expand(ui.style().interaction.resize_grab_radius_side);
        let response = ui.interact(line, egui::Id::unique(("kpi_table_resize", *column)), Sense::click_and_drag());
        let mut line_x = x;
        if response.double_clicked() {
            widths.set(*column, fit(*column).min(MAX_FITTED_WIDTH));
            ui.ctx().request_repaint();
        } else if response.dragged()
            && let Some(pointer) = ui.ctx().pointer_latest_pos()
        {
            widths.set(*column, width + pointer.x - x);
            line_x = x - width + widths.width(*column);
        }
        let dragging_something_else = ui.input(|i| i.pointer.any_down() || i.pointer.any_pressed());
        let hover = response.hovered() && !dragging_something_else;
        if hover || response.dragged() {
            ui.set_cursor_icon(egui::CursorIcon::ResizeColumn);
        }
        let visuals = &ui.style().visuals.widgets;
        let stroke = if response.dragged() {
            visuals.active.bg_stroke
        } else if hover {
            visuals.hovered.bg_stroke
        } else {
            visuals.noninteractive.bg_stroke
        };
        ui.painter().line_segment([egui::pos2(line_x, lines.min), egui::pos2(line_x, lines.max)], stroke);
        if hover {
            response.on_hover_text(format!(
                "「{}」の幅: ドラッグで変更、ダブルクリックで内容に合わせます",
                column.header()
            ));
        }
    }
}

/// The rectangles of a row's cells, left to right.
pub fn cell_rects(row: Rect, widths: &[f32], gap: f32) -> impl Iterator<Item = Rect> + '_ {
    let mut x = row.left();
    widths.iter().map(move |w| {
        let cell = Rect::from_x_y_ranges(x..=x + w, row.y_range());
        x += w + gap;
        cell
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FiscalYear;

    #[test]
    fn unset_and_damaged_widths_fall_back_to_the_defaults() {
        let mut widths = KpiColumnWidths::default();
        assert_eq!(widths.width(KpiColumn::Name), KpiColumn::Name.default_width());
        widths.0.insert("name".into(), f32::NAN);
        assert_eq!(widths.width(KpiColumn::Name), KpiColumn::Name.default_width());
        widths.0.insert("name".into(), -5.0);
        assert_eq!(widths.width(KpiColumn::Name), MIN_COLUMN_WIDTH);
        widths.set(KpiColumn::Unit, f32::INFINITY);
        assert_eq!(widths.width(KpiColumn::Unit), KpiColumn::Unit.default_width(), "not stored");
    }

    #[test]
    fn year_columns_are_remembered_by_their_year() {
        let mut widths = KpiColumnWidths::default();
        widths.set(KpiColumn::Actual(FiscalYear(2021)), 150.0);
        assert_eq!(widths.width(KpiColumn::Actual(FiscalYear(2021))), 150.0);
        assert_eq!(
            widths.width(KpiColumn::Actual(FiscalYear(2022))),
            KpiColumn::Actual(FiscalYear(2022)).default_width()
        );
        assert_eq!(widths.0.keys().collect::<Vec<_>>(), ["actual-2021"]);
    }
}
