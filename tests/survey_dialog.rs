//! The survey view in a real egui frame: the preview per department, the refusals, the status,
//! and 取り込む handing back the accepted edits with their source tags.

mod common;
mod survey_support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::KpiValue;
use reform_tracker::survey;
use reform_tracker::ui::windows::survey::import_preview::{SurveyDialog, SurveyDialogAction};
use survey_support::*;

#[test]
fn preview_shows_changes_refusals_and_status_and_hands_back_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = new_record(dir.path(), "sap3.sqlite");
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    let paths = survey::export_workbooks(&plan, &record_id, R4, Some("税務課"), &dir.path().join("out")).unwrap();
    let item16 = plan.item_by_number(16).unwrap();
    let mut sheets = read_sheets(&std::fs::read(&paths[0]).unwrap());
    let kpi_row = sheets[0].find_row("数値目標", 1, &item16.kpis[0].id.to_string());
    let eval_row = sheets[0].find_row("評価", 1, &item16.id.to_string());
    fill(&mut sheets, &[(kpi_row, 9, Typed::Number(880_000_000.0)), (eval_row, 4, Typed::Text("Q"))]);
    let answers = survey::read_answers_from_bytes("税務課.xlsx", &write_workbook(&sheets)).unwrap();
    let preview = survey::plan_import(&plan, &record_id, &[answers]);
    let status = survey::read_status(&store, &plan, R4).unwrap();
    // What 税務課 typed, tagged with year, department and file; the refused 「Q」 is not in it.
    let expected = vec![(
        Edit::KpiValue {
            kpi_id: item16.kpis[0].id,
            slot: KpiSlot::Actual(R4),
            old: None,
            new: Some(KpiValue::Number(880_000_000.0)),
        },
        "調査票:令和4年度:税務課:税務課.xlsx".to_string(),
    )];

    let mut dialog = SurveyDialog::new(R4).with_preview(preview, vec![]).with_status(status);
    let mut action = None;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .with_context_setup(reform_tracker::ui::fonts::install)
        .build_ui(|ui| {
            if let Some(a) = dialog.show(ui) {
                action = Some(a);
            }
        });
    harness.run();
    harness.get_by_label_contains("税務課　変更 1 件・受け付けない入力 1 件");
    harness.get_by_label_contains("→ 880,000,000");
    harness.get_by_label_contains("自己評価「Q」は選べません");
    harness.get_by_label_contains("回答済み 0 課・未回答 17 課");
    harness.get_by_label_contains("未回答: 秘書課、会計課、");
    harness.get_by_label("取り込む（1 件）").click();
    harness.run();
    drop(harness);
    assert_eq!(action, Some(SurveyDialogAction::Apply(expected)));
}
