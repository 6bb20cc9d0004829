//! One frame of the window: the menu bar, status bar, item tree, phase editor, the centre tab and
//! the open windows are drawn; what they asked for is then carried out (`apply.rs`).

use std::sync::Arc;

use super::App;
use super::commands::Commands;
use super::runtime::Runtime;
use super::state::{Persisted, Tab};
use crate::model::Id;
use crate::ui::context::ViewContext;
use crate::ui::{charts, evaluation, item_detail, kpi_table, menu, navigation, phase_editor, schedule, status_bar};

impl App {
    /// Draws the whole window into `ui`, then carries out what the menus and views asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.follow_other_writers(ui.ctx());
        menu::shortcuts(ui.ctx(), &mut self.commands);
        let visible = self.visible_cached();
        let reference_date = self.reference_date();
        let ctx = ViewContext {
            plan: self.session.plan(),
            version: self.session.version(),
            visible: &visible,
            reference_date,
        };
        let runtime = &mut self.runtime;

        let menu = egui::Panel::top("menu_bar").show(ui, |ui| {
            let bar = menu::MenuBar {
                persisted: &self.persisted,
                can_undo: self.session.can_undo(),
                can_redo: self.session.can_redo(),
            };
            bar.show(ui, &mut self.commands);
        });
        let mut below_menu = ui.ctx().content_rect();
        below_menu.min.y = menu.response.rect.bottom();
        crate::ui::windows::set_window_area(ui.ctx(), below_menu);
        if let Some(notice) = &runtime.notice {
            let mut close = false;
            egui::Panel::top("notice").show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("閉じる").clicked() {
                        close = true;
                    }
                    ui.add(egui::Label::new(egui::RichText::new(notice).color(ui.visuals().warn_fg_color)).wrap());
                });
            });
            if close {
                runtime.notice = None;
            }
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            let line = status_bar::StatusLine {
                message: runtime.message.as_ref(),
                shown_items: visible.len(),
                as_of: reference_date,
                as_of_automatic: runtime.reference_date.is_none(),
            };
            status_bar::show(ui, &self.session, &line);
        });
        let nav = egui::Panel::left("navigation").default_size(self.persisted.nav_width).show(ui, |ui| {
            let focus = std::mem::take(&mut runtime.focus_search);
            let tree = navigation::Tree { selected: runtime.selected_item, focus_search: focus };
            tree.show(ui, &ctx, &mut self.persisted.filter, &mut runtime.navigation, &mut self.commands);
        });
        self.persisted.nav_width = nav.response.rect.width();

        if self.persisted.tab == Tab::Schedule
            && let Some(selection) = runtime.selection
        {
            let panel = egui::Panel::right("phase_editor").default_size(self.persisted.editor_width).show(ui, |ui| {
                phase_editor::show(ui, ctx.plan, selection, &mut runtime.phase_editor, &mut self.commands)
            });
            self.persisted.editor_width = panel.response.rect.width();
        } else {
            runtime.phase_editor.flush(&mut self.commands);
        }

        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    ui.selectable_value(&mut self.persisted.tab, tab, tab.label());
                }
            });
            ui.separator();
            central(ui, &ctx, &mut self.persisted, runtime, &mut self.commands);
        });

        if self.persisted.tab != Tab::Detail {
            runtime.detail.flush(&mut self.commands);
            runtime.goals.flush(ctx.plan, &mut self.commands);
        }
        runtime.windows.show(ui.ctx(), (ctx.plan, ctx.version), reference_date, &mut self.commands);
        self.apply_commands(ui.ctx());
        self.keep_selection_valid();
        self.update_title(ui.ctx());
    }
}

/// The centre tab: schedule, 数値目標, グラフ or 項目詳細.
fn central(
    ui: &mut egui::Ui,
    ctx: &ViewContext,
    persisted: &mut Persisted,
    runtime: &mut Runtime,
    commands: &mut Commands,
) {
    let scroll_fraction = runtime.scroll_request.take();
    match persisted.tab {
        Tab::Schedule => {
            let mut view = schedule::ViewState {
                state: &mut runtime.schedule,
                selection: runtime.selection,
                scroll_to_item: runtime.scroll_to_item.take(),
                scroll_fraction,
            };
            schedule::show(ui, ctx, persisted.zoom, &mut view, commands);
        }
        Tab::Kpi => {
            runtime.kpi_table.scroll_fraction = scroll_fraction;
            let widths = &mut persisted.kpi_column_widths;
            kpi_table::show(ui, ctx, &mut runtime.kpi_table, widths, commands)
        }
        Tab::Charts => {
            runtime.charts.scroll_fraction = scroll_fraction;
            charts::show(ui, ctx, &mut runtime.charts)
        }
        Tab::Detail => match runtime.selected_item.and_then(|id| ctx.plan.item(id)) {
            Some(item) => {
                // The year's evaluation first: the officer's main yearly entry, in view without
                // scrolling, for the fiscal year of the 基準日; the item's own texts follow.
                let years = ctx.plan.info.years();
                let shown = runtime.evaluation_year.unwrap_or_else(|| ctx.plan.info.year_at(ctx.reference_date));
                let mut year = shown;
                egui::ScrollArea::vertical().id_salt("detail_scroll").auto_shrink([false, false]).show(ui, |ui| {
                    item_detail::heading(ui, ctx.plan, item);
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        ui.strong("年度評価");
                        for y in &years {
                            ui.selectable_value(&mut year, *y, y.japanese()).on_hover_text(format!("{}年度", y.0));
                        }
                    });
                    evaluation::show(ui, ctx.plan, item.id, year, &mut runtime.evaluation, commands);
                    ui.separator();
                    item_detail::show(ui, item, &mut runtime.detail, commands);
                    crate::ui::item_goals::show(ui, ctx.plan, item, &mut runtime.goals, commands);
                });
                if year != shown {
                    runtime.evaluation_year = Some(year);
                }
            }
            None => {
                ui.label("左の一覧から改革項目を選んでください。");
            }
        },
    }
}

impl App {
    /// `visible_items`, computed again only when the snapshot, the 基準日 or the filter changes.
    fn visible_cached(&mut self) -> Arc<[Id]> {
        let key = (self.session.version(), self.reference_date());
        match &self.runtime.visible {
            Some((k, filter, ids)) if *k == key && *filter == self.persisted.filter => ids.clone(),
            _ => {
                let ids: Arc<[Id]> = self.visible_items().into();
                self.runtime.visible = Some((key, self.persisted.filter.clone(), ids.clone()));
                ids
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.runtime.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.runtime.sent_title = title;
        }
    }
}
