//! The yearly evaluation of one item: the officer's rating (S/A/B/C/−) and the two texts
//! 取組実績 and 課題・今後の方針, with the automatic 判定 of the item's KPIs beside it as a
//! suggestion. One `Edit::Evaluation` when the rating changes or a text field is left —
//! never one per keystroke.

use egui::{RichText, Ui};

use super::app::commands::Commands;
use super::progress_colors::{judgement_color, rating_color};
use crate::edit::Edit;
use crate::model::evaluation::settle;
use crate::model::progress::progress_as_of;
use crate::model::{Evaluation, FiscalYear, Id, Kpi, Plan, PlanInfo, Rating};

/// The text being typed, kept between frames until the officer leaves the field.
#[derive(Debug, Default)]
pub struct EvaluationState {
    draft: Option<Draft>,
    opinion: super::council_opinion::OpinionState,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    item_id: Id,
    year: FiscalYear,
    /// The stored evaluation the draft was taken from: when the record moves (undo, reload),
    /// an untouched draft follows it.
    from: Option<Evaluation>,
    rating: Rating,
    results: String,
    next_steps: String,
}

impl Draft {
    fn of(item_id: Id, year: FiscalYear, stored: Option<Evaluation>) -> Self {
        let (rating, results, next_steps) = match &stored {
            Some(e) => (e.rating, e.results.clone(), e.next_steps.clone()),
            None => (Rating::Unrated, String::new(), String::new()),
        };
        Draft { item_id, year, from: stored, rating, results, next_steps }
    }

    fn evaluation(&self) -> Evaluation {
        Evaluation {
            year: self.year,
            rating: self.rating,
            results: self.results.trim_end().to_string(),
            next_steps: self.next_steps.trim_end().to_string(),
        }
    }
}

fn field_id(item_id: Id, year: FiscalYear, field: &str) -> egui::Id {
    egui::Id::unique(("evaluation", item_id, year, field))
}

pub fn show(
    ui: &mut Ui,
    plan: &Plan,
    item_id: Id,
    year: FiscalYear,
    state: &mut EvaluationState,
    commands: &mut Commands,
) {
    let Some(item) = plan.item(item_id) else {
        ui.label("この改革項目は記録にありません。");
        return;
    };
    let stored = item.evaluation(year).cloned();
    let results_id = field_id(item_id, year, "results");
    let next_id = field_id(item_id, year, "next_steps");
    let typing = ui.memory(|m| m.has_focus(results_id) || m.has_focus(next_id));
    let stale = match &state.draft {
        Some(d) => d.item_id != item_id || d.year != year || (!typing && d.from != stored),
        None => true,
    };
    if stale {
        state.draft = Some(Draft::of(item_id, year, stored.clone()));
    }
    let draft = state.draft.as_mut().expect("draft set above");
    let dark = ui.visuals().dark_mode;
    let mut commit = false;

    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{}の評価", year.japanese())).strong()).on_hover_text(format!("{}年度", year.0));
        for rating in Rating::ALL {
            let text = RichText::new(rating.label()).color(rating_color(rating, dark));
            if ui.selectable_label(draft.rating == rating, text).clicked() && draft.rating != rating {
                draft.rating = rating;
                commit = true;
            }
        }
    });
    suggestion(ui, &plan.info, &item.kpis, year, dark);

    ui.add_space(4.0);
    let label = ui.label("取組実績");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.results)
                .id(results_id)
                .hint_text("取組実績")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    commit |= r.lost_focus();
    let label = ui.label("課題・今後の方針");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut draft.next_steps)
                .id(next_id)
                .hint_text("課題・今後の方針")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    commit |= r.lost_focus();

    super::council_opinion::show(ui, item, year, &mut state.opinion, commands);

    if commit {
        // Against what the officer saw when the draft was taken: a change saved meanwhile by
        // another window is then refused as a conflict, not silently overwritten.
        let seen = draft.from.clone();
        let new = settle(seen.as_ref(), draft.evaluation());
        let edit = Edit::Evaluation { item_id, year, old: seen, new: new.clone() };
        if !edit.is_noop() {
            commands.edit(edit);
            draft.from = new;
        }
    }
}

/// The automatic 判定 of each KPI as of the end of `year` (later actuals are not yet known then).
fn suggestion(ui: &mut Ui, info: &PlanInfo, kpis: &[Kpi], year: FiscalYear, dark: bool) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("自動判定（参考）：").weak());
        if kpis.is_empty() {
            ui.label(RichText::new("数値目標なし").weak());
        }
        for kpi in kpis {
            let p = progress_as_of(info, kpi, year);
            let rate = p.rate.map(|r| format!("（進捗率 {r:.1}%）")).unwrap_or_default();
            ui.label(
                RichText::new(format!("{} {}{rate}", kpi.name, p.judgement.label()))
                    .color(judgement_color(p.judgement, dark)),
            );
        }
    });
}
