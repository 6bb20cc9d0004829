//! The built-in SAP III against the plan document (../shared/seed): every item, department and
//! baseline/target number, checked on a record created on disk.

mod common;

use common::TempRecord;
use reform_tracker::model::{Direction, FiscalYear, KpiValue, YearMonth};

fn num(v: &Option<KpiValue>) -> Option<f64> {
    v.as_ref().and_then(KpiValue::as_number)
}

#[test]
fn sap3_record_matches_the_document() {
    let record = TempRecord::sap3();
    let plan = record.on_disk();

    assert_eq!(plan.info.name, "せき行財政改革アクションプランⅢ");
    assert_eq!(plan.info.years(), vec![FiscalYear(2021), FiscalYear(2022), FiscalYear(2023)]);
    assert_eq!(plan.focus_areas.len(), 5);
    assert_eq!(plan.items.len(), 31);
    assert_eq!(plan.items.iter().map(|i| i.number).collect::<Vec<_>>(), (1..=31).collect::<Vec<_>>());

    // 実施課 of every item, in order, exactly as printed.
    let departments = [
        "秘書課",
        "秘書課",
        "秘書課",
        "会計課",
        "秘書課",
        "企画広報課及び関係課",
        "行政情報課",
        "市民協働課及び関係課",
        "危機管理課",
        "危機管理課",
        "スポーツ推進課",
        "生涯学習課",
        "財政課",
        "水道課",
        "観光課",
        "税務課",
        "企画広報課",
        "企画広報課・商工課",
        "秘書課",
        "秘書課",
        "秘書課",
        "管財課",
        "教育総務課",
        "管財課",
        "行政情報課",
        "行政情報課",
        "下水道課",
        "行政情報課",
        "行政情報課",
        "市民課",
        "市民課及び関係課",
    ];
    // Re-read in December 2026: item 26's title as the table of contents prints it (full-width
    // brackets), and item 23's 調査・研究 (令和5年度) in its 学校再編の推進 row.
    assert_eq!(plan.item_by_number(26).unwrap().title, "AI（RPA）を活用した業務効率化");
    let item23 = plan.item_by_number(23).unwrap();
    let rows: Vec<&str> = item23.schedule.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(rows, ["長寿命化計画の推進", "学校再編の推進"]);
    let school = &item23.schedule[1].phases;
    assert_eq!(school.len(), 2);
    assert_eq!(
        (school[1].data.label.as_str(), school[1].data.start.iso(), school[1].data.end.iso()),
        ("調査・研究", "2023-04".to_string(), "2024-03".to_string())
    );
    for (item, dept) in plan.items.iter().zip(departments) {
        assert_eq!(item.department, dept, "item {}", item.number);
        assert!(!item.current_issues.is_empty() && !item.actions.is_empty(), "item {}", item.number);
        assert!(!item.schedule.is_empty(), "item {} has a schedule", item.number);
    }
    // Focus areas by item number ranges.
    for item in &plan.items {
        let want = match item.number {
            1..=12 => 1,
            13..=18 => 2,
            19..=21 => 3,
            22..=24 => 4,
            _ => 5,
        };
        assert_eq!(item.focus_area, want, "item {}", item.number);
    }

    // (item, kpi index, baseline, target) for every numeric KPI of the document.
    let numbers: [(u32, usize, Option<f64>, f64); 26] = [
        (1, 0, None, 20.0),
        (2, 0, Some(3.0), 5.0),
        (3, 0, None, 2.0),
        (4, 0, None, 100.0),
        (5, 0, None, 2.0),
        (6, 0, None, 5.0),
        (7, 0, None, 1.0),
        (9, 0, None, 100.0),
        (10, 0, None, 6.0),
        (11, 0, Some(7004.0), 7354.0),
        (11, 1, Some(163295.0), 171460.0),
        (12, 0, Some(600000.0), 630000.0),
        (13, 0, None, 100.0),
        (16, 0, Some(949451676.0), 854506508.0),
        (17, 0, Some(1.0), 3.0),
        (18, 0, None, 10.0),
        (21, 0, Some(8.0), 50.0),
        (22, 0, None, 5.0),
        (23, 0, None, 3.0),
        (24, 0, None, 1.0),
        (25, 0, None, 10.0),
        (26, 0, Some(4.0), 8.0),
        (27, 0, Some(2.0), 5.0),
        (29, 0, None, 800.0),
        (30, 0, Some(18.0), 33.0),
        (31, 0, None, 3.0),
    ];
    for (n, k, baseline, target) in numbers {
        let kpi = &plan.item_by_number(n).unwrap().kpis[k];
        assert_eq!(num(&kpi.baseline), baseline, "item {n} kpi {k} baseline");
        assert_eq!(num(&kpi.target), Some(target), "item {n} kpi {k} target");
    }
    let text_goals = [8, 14, 15, 19, 20, 28];
    for n in text_goals {
        let kpi = &plan.item_by_number(n).unwrap().kpis[0];
        assert!(kpi.is_text_goal(), "item {n} has a text goal");
    }
    assert_eq!(plan.item_by_number(15).unwrap().kpis[0].target, Some(KpiValue::Text("存続の可否決定".into())));
    let k16 = &plan.item_by_number(16).unwrap().kpis[0];
    assert_eq!(k16.direction, Direction::Decrease);
    assert_eq!(plan.item_by_number(11).unwrap().kpis[0].baseline_year, Some(FiscalYear(2019)), "R元");
    // 「R7までに1 R9までに2(累計) R11までに3(累計)」: one KPI, two milestones and the final target.
    let k23 = &plan.item_by_number(23).unwrap().kpis;
    assert_eq!(k23.len(), 1);
    let goals: Vec<String> = k23[0].milestones.iter().map(|m| m.label(|v| k23[0].display_value(v))).collect();
    assert_eq!(goals, ["R7までに1", "R9までに2（累計）"]);
    assert_eq!((k23[0].target_year, k23[0].target_note.as_str()), (Some(FiscalYear(2029)), "累計"));
    // 「949,451,676 (R2.6.1現在)」 and 「854,506,508 (10%縮減)」: a remark and a day on each side.
    assert_eq!((k16.baseline_note.as_str(), k16.target_note.as_str()), ("R2.6.1現在", "10%縮減"));
    assert_eq!(k16.baseline_date, chrono::NaiveDate::from_ymd_opt(2020, 6, 1));
    // 「60万人」 and 「（5%増） 63万人」.
    let k12 = &plan.item_by_number(12).unwrap().kpis[0];
    assert_eq!(k12.display_value(k12.target.as_ref().unwrap()), "63万");
    assert_eq!(k12.target_note, "5%増");
    // Item 15's goals are headed 活動目標; items 19–21's second text 取組内容・効果.
    for item in &plan.items {
        let goal = if item.number == 15 { "活動目標" } else { "数値目標" };
        let actions = if (19..=21).contains(&item.number) { "取組内容・効果" } else { "実施内容・効果" };
        assert_eq!((item.goal_heading.label(), item.actions_heading.label()), (goal, actions), "item {}", item.number);
    }

    // OCR slips are fixed.
    let all_text: String = plan
        .items
        .iter()
        .flat_map(|i| {
            [i.title.clone(), i.current_issues.clone(), i.actions.clone()]
                .into_iter()
                .chain(i.kpis.iter().map(|k| k.name.clone()))
                .chain(i.schedule.iter().map(|r| r.label.clone()))
        })
        .collect();
    for slip in ["勸奨", "交付交付基準", "ゆう活動務"] {
        assert!(!all_text.contains(slip), "OCR slip {slip} left in the data");
    }
    assert!(all_text.contains("勧奨") && all_text.contains("ゆう活勤務"));

    // A row with no labels spans the whole plan; item 7's 期日前投票所 is 検討 → 試行 → 実施.
    let whole = &plan.item_by_number(1).unwrap().schedule[0].phases;
    assert_eq!((whole[0].data.start, whole[0].data.end), (YearMonth::new(2021, 4), YearMonth::new(2024, 3)));
    let r7 = &plan.item_by_number(7).unwrap().schedule[0];
    let labels: Vec<_> = r7.phases.iter().map(|p| p.data.label.as_str()).collect();
    assert_eq!(labels, ["検討", "試行", "実施"]);
    assert_eq!(r7.phases[1].data.start, YearMonth::new(2022, 4));
    for item in &plan.items {
        for row in &item.schedule {
            for p in &row.phases {
                assert!(p.data.start >= plan.info.first_month() && p.data.end <= plan.info.last_month());
            }
        }
    }
}
