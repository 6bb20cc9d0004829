//! 変更履歴: the record's changes, newest first, filtered by item, user and period; a single
//! change can be taken back where nothing later touched the same value.

use crate::model::Plan;
use crate::model::dates::japanese_timestamp;
use crate::store::ChangeRecord;
use crate::ui::app::commands::Command;

/// How many history rows the 変更履歴 window lists.
pub const HISTORY_LIMIT: usize = 500;

pub struct HistoryView {
    pub rows: Vec<ChangeRecord>,
    /// Filters: item number, user name, and a date prefix such as 2026-11.
    pub item: String,
    pub user: String,
    pub period: String,
}

impl HistoryView {
    pub fn new(rows: Vec<ChangeRecord>) -> Self {
        HistoryView { rows, item: String::new(), user: String::new(), period: String::new() }
    }
}

/// Draws the window; `false` once it is closed.
pub fn window(ctx: &egui::Context, plan: &Plan, view: &mut HistoryView, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    super::placed(ctx, "変更履歴")
        .open(&mut open)
        // Below the menu bar, so the menu stays reachable while the history is open.
        .default_pos(egui::pos2(300.0, 70.0))
        .default_width(1080.0)
        .default_height(500.0)
        .show(ctx, |ui| {
            out.extend(history_view(ui, plan, view));
        });
    open
}

fn history_view(ui: &mut egui::Ui, plan: &Plan, view: &mut HistoryView) -> Vec<Command> {
    let mut requests = Vec::new();
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut view.item).hint_text("項目番号").desired_width(70.0));
        ui.add(egui::TextEdit::singleline(&mut view.user).hint_text("変更者").desired_width(110.0));
        ui.add(
            egui::TextEdit::singleline(&mut view.period)
                .hint_text("期間（例 2026-11、令和8年11月）")
                .desired_width(200.0),
        );
        if ui.button("最新の状態にする").clicked() {
            requests.push(Command::History);
        }
    });
    let item_filter: Option<u32> = crate::model::number::to_half_width(view.item.trim()).parse().ok();
    let item_id = item_filter.and_then(|n| plan.item_by_number(n)).map(|i| i.id);
    let rows: Vec<&ChangeRecord> = view
        .rows
        .iter()
        .filter(|r| item_filter.is_none() || r.item_id == item_id)
        .filter(|r| view.user.trim().is_empty() || r.user.contains(view.user.trim()))
        .filter(|r| {
            let period = crate::model::number::to_half_width(view.period.trim());
            period.is_empty() || r.at.starts_with(&period) || japanese_timestamp(&r.at).starts_with(&period)
        })
        .collect();
    ui.label(format!("{} 件", rows.len()));
    egui_extras::TableBuilder::new(ui)
        .striped(true)
        .column(egui_extras::Column::auto())
        .column(egui_extras::Column::auto())
        .column(egui_extras::Column::initial(220.0))
        .column(egui_extras::Column::initial(120.0))
        .column(egui_extras::Column::remainder())
        .column(egui_extras::Column::initial(220.0).clip(true))
        .column(egui_extras::Column::auto())
        .header(22.0, |mut h| {
            for title in ["日時", "変更者", "対象", "項目", "変更前 → 変更後", "変更元", ""] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                // One line per row (the rows are 24 px high): long text is cut, and shown whole on hover.
                row.col(|ui| {
                    ui.add(egui::Label::new(japanese_timestamp(&r.at)).extend()).on_hover_text(&r.at);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.user).extend());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.target).truncate()).on_hover_text(&r.target);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.field).truncate()).on_hover_text(&r.field);
                });
                row.col(|ui| {
                    let change = format!("{} → {}", r.old, r.new);
                    ui.add(egui::Label::new(&change).truncate()).on_hover_text(&change);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(source_label(&r.source)).truncate()).on_hover_text(&r.source);
                });
                row.col(|ui| {
                    if r.edit.is_some() && ui.button("取り消す").clicked() {
                        requests.push(Command::UndoChange(r.id));
                    }
                });
            });
        });
    requests
}

/// Where a change came from: a survey answer names its department and file (the whole tag, with
/// the year, is in the hover text); anything else is shown as recorded.
fn source_label(source: &str) -> String {
    match crate::store::parse_source_tag(source) {
        Some((_, department, file)) => format!("調査票（{department}）{file}"),
        None => source.to_string(),
    }
}
