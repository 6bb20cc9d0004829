//! What the window looks like: snapshots rendered by wgpu (mesa lavapipe, no GPU needed), the
//! minus signs BIZ UDゴシック loses with hinting on, and a huge plan scrolling. What a frame costs
//! is measured by `cargo bench --bench frame`, not asserted here: a slow machine is no defect.
//! Baselines: `UPDATE_SNAPSHOTS=1 cargo test --test ui_render`, then look at tests/snapshots/.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use reform_tracker::model::{PhaseData, PhaseStatus, Plan, ScheduleRow, YearMonth};
use reform_tracker::ui::{App, Selection};

mod common;
mod ui_support;
use common::TempRecord;
use ui_support::{harness, mask_status_bar, rendering_harness};

fn record(plan: &Plan) -> (TempRecord, PathBuf) {
    let record = TempRecord::of(plan);
    let path = record.path.clone();
    (record, path)
}

/// SAP III with some progress entered, so the snapshot shows actual bars and every status.
fn sap3_with_progress() -> Plan {
    let mut plan = reform_tracker::seed::sap3();
    let statuses = [PhaseStatus::Done, PhaseStatus::InProgress, PhaseStatus::Delayed, PhaseStatus::Cancelled];
    for (n, item) in plan.items.iter_mut().enumerate().take(8) {
        if let Some(phase) = item.schedule.first_mut().and_then(|r| r.phases.first_mut()) {
            let d = &mut phase.data;
            d.status = statuses[n % statuses.len()];
            d.actual_start = Some(d.start.add_months(1));
            if d.status == PhaseStatus::Done {
                d.actual_end = Some(d.end);
            }
        }
    }
    plan
}

#[test]
fn schedule_view_snapshot() {
    let (_dir, path) = record(&sap3_with_progress());
    let mut harness = rendering_harness(&path);
    harness.run();
    mask_status_bar(&mut harness);
    harness.snapshot("ui_schedule");
}

#[test]
fn schedule_view_by_quarter_snapshot() {
    let (_dir, path) = record(&sap3_with_progress());
    let mut harness = rendering_harness(&path);
    harness.get_by_label("表示").click();
    harness.run();
    harness.get_by_label("四半期単位で表示").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    mask_status_bar(&mut harness);
    harness.snapshot("ui_schedule_quarter");
}

#[test]
fn phase_editor_snapshot() {
    let (_dir, path) = record(&sap3_with_progress());
    let mut harness = rendering_harness(&path);
    let plan = harness.state().plan().clone();
    let item = plan.item_by_number(2).unwrap();
    harness.state_mut().select(Some(Selection::Phase(item.schedule[0].phases[0].id)));
    harness.run();
    mask_status_bar(&mut harness);
    harness.snapshot("ui_phase_editor");
}

/// With egui's default hinting BIZ UDゴシック draws `-` and `−` as nothing; fonts.rs turns it off.
#[test]
fn negative_numbers_are_drawn() {
    let mut harness =
        Harness::builder().with_size(egui::vec2(220.0, 60.0)).with_context_setup(App::setup_context).wgpu().build_ui(
            |ui| {
                ui.label(egui::RichText::new("−12 と -5").size(24.0));
            },
        );
    harness.run();
    let galley = harness.ctx.fonts_mut(|f| {
        f.layout_no_wrap("−12 と -5".to_string(), egui::FontId::proportional(24.0), egui::Color32::BLACK)
    });
    for minus in ['−', '-'] {
        let glyph = galley.rows.iter().flat_map(|r| r.glyphs.iter()).find(|g| g.chr == minus).unwrap();
        assert!(!glyph.uv_rect.is_nothing(), "{minus:?} has no pixels");
        assert!(glyph.uv_rect.size.x > 4.0, "{minus:?} is too narrow: {:?}", glyph.uv_rect);
    }
    harness.snapshot("ui_negative_numbers");
}

/// A plan of 10,000 schedule rows scrolls with the wheel, and only the rows near the view become
/// widgets. The time per frame, against SAP III's, is `cargo bench --bench frame` (schedule::wheel).
#[test]
fn ten_thousand_rows_scroll_with_the_wheel_and_only_rows_in_view_are_widgets() {
    let mut huge = reform_tracker::seed::sap3();
    let per_item = 10_000 / huge.items.len() + 1;
    for item in &mut huge.items {
        let template =
            item.schedule.first().cloned().unwrap_or(ScheduleRow { id: 0, label: String::new(), phases: vec![] });
        while item.schedule.len() < per_item {
            let mut row = template.clone();
            row.label = format!("取組 {}", item.schedule.len() + 1);
            if row.phases.is_empty() {
                let d = PhaseData::planned("実施", YearMonth::new(2021, 4), YearMonth::new(2024, 3));
                row.phases.push(reform_tracker::model::Phase { id: 0, data: d });
            }
            item.schedule.push(row);
        }
    }
    assert!(huge.schedule_row_count() >= 10_000);

    let (_record, path) = record(&huge);
    let mut harness = harness(&path);
    harness.run();
    let rows_in_view = |harness: &Harness<'_, App>| -> Vec<String> {
        harness.query_all_by_label_contains("スケジュール行 ").filter_map(|n| n.accesskit_node().label()).collect()
    };
    let before = rows_in_view(&harness);
    assert!(before.iter().any(|l| l.starts_with("スケジュール行 1-1 ")), "the first row at the top: {before:?}");
    assert!(before.len() < 200, "only rows near the view: {}", before.len());
    let over_body = egui::pos2(900.0, 500.0);
    for _ in 0..20 {
        harness.hover_at(over_body);
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    // The wheel's smooth scrolling settles over a few frames.
    harness.run_steps(10);
    let after = rows_in_view(&harness);
    assert!(!after.is_empty() && after.len() < 200, "rows in view after scrolling: {}", after.len());
    assert!(after.iter().all(|l| !before.contains(l)), "8,000 points down, other rows show: {after:?}");
}
