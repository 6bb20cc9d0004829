//! What the plan says about goals besides values, on a real record through the Session: 効果額,
//! milestones, a KPI's settings and remarks, an item's headings — each on disk, undone exactly,
//! refused in Japanese when it breaks a rule (and then nothing is written), and carried through a
//! plan file and the council CSV.

mod common;

use common::{TempRecord, fingerprint};
use reform_tracker::edit::goals::{GoalEdit, ItemHeadings, KpiSettings};
use reform_tracker::edit::{Edit, KpiField};
use reform_tracker::model::{ActionsHeading, Effect, FiscalYear, GoalHeading, KpiValue, Milestone, Scale};

#[test]
fn an_effect_a_milestone_and_the_headings_are_saved_undone_and_exported() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let item = session.plan().item_by_number(16).unwrap().clone();
    let kpi = item.kpis[0].clone();
    let effect = Effect { planned: Some(12_000.0), actual: Some(9_800.5) };
    let edits = [
        Edit::Goal(GoalEdit::Effect { item_id: item.id, year: FiscalYear(2022), old: None, new: Some(effect) }),
        Edit::Goal(GoalEdit::Milestones {
            kpi_id: kpi.id,
            old: vec![],
            new: vec![Milestone { year: FiscalYear(2022), value: KpiValue::Number(900_000_000.0), cumulative: false }],
        }),
        Edit::Goal(GoalEdit::Headings {
            item_id: item.id,
            old: ItemHeadings { goal: GoalHeading::Numeric, actions: ActionsHeading::Implementation },
            new: ItemHeadings { goal: GoalHeading::Activity, actions: ActionsHeading::Efforts },
        }),
        Edit::KpiText {
            kpi_id: kpi.id, field: KpiField::TargetNote, old: "10%縮減".into(), new: "1割縮減".into()
        },
        Edit::Goal(GoalEdit::KpiSettings {
            kpi_id: kpi.id,
            old: KpiSettings::of(&kpi),
            new: KpiSettings { scale: Scale::Man, decimals: 1, ..KpiSettings::of(&kpi) },
        }),
    ];
    let before = record.on_disk();
    for e in edits.iter().cloned() {
        assert!(session.apply(e).unwrap());
    }
    let disk = record.on_disk();
    assert_eq!(disk, *session.plan(), "the snapshot mirrors the file");
    let item_now = disk.item(item.id).unwrap();
    assert_eq!(item_now.effects.get(&FiscalYear(2022)), Some(&effect));
    assert_eq!((item_now.goal_heading, item_now.actions_heading), (GoalHeading::Activity, ActionsHeading::Efforts));
    let k = &item_now.kpis[0];
    assert_eq!(k.milestones.len(), 1);
    assert_eq!(k.target_note, "1割縮減");
    // In 万 with at least one decimal; a value finer than that shows all its digits (no yen is lost).
    assert_eq!(k.display_value(k.target.as_ref().unwrap()), "85,450.6508万");
    assert_eq!(k.display_value(&KpiValue::Number(630_000.0)), "63.0万");
    assert!(k.remarks().contains("中間目標: R4までに90,000.0万"), "{}", k.remarks());

    // The council CSV gets the 効果額 columns, and a plan file carries everything back.
    let csv = reform_tracker::report::csv::council_csv_text(&disk);
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("令和4年度効果額（計画・千円）") && header.contains("令和4年度効果額（実績・千円）"),
        "{header}"
    );
    assert!(csv.lines().any(|l| l.contains("12000,9800.5")), "the amounts as plain numbers");
    let toml = reform_tracker::plan_file::to_toml(&disk).unwrap();
    let back = reform_tracker::seed::parse_plan(&toml).unwrap();
    let b = back.item_by_number(16).unwrap();
    assert_eq!((&b.effects, &b.kpis[0].milestones, b.kpis[0].scale), (&item_now.effects, &k.milestones, Scale::Man));

    for _ in 0..edits.len() {
        assert!(session.undo().unwrap());
    }
    assert_eq!(record.on_disk(), before, "undone one by one: as it was");
}

#[test]
fn values_the_record_cannot_hold_are_refused_and_nothing_is_written() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let item = session.plan().item_by_number(3).unwrap().clone();
    let kpi = item.kpis[0].clone();
    let print = fingerprint(&record.path);
    let refusals = [
        Edit::Goal(GoalEdit::Effect {
            item_id: item.id,
            year: FiscalYear(2022),
            old: None,
            new: Some(Effect { planned: Some(f64::NAN), actual: None }),
        }),
        Edit::Goal(GoalEdit::Effect {
            item_id: item.id,
            year: FiscalYear(2022),
            old: None,
            new: Some(Effect::default()),
        }),
        Edit::Goal(GoalEdit::Milestones {
            kpi_id: kpi.id,
            old: vec![],
            new: vec![
                Milestone { year: FiscalYear(2027), value: KpiValue::Number(2.0), cumulative: true },
                Milestone { year: FiscalYear(2025), value: KpiValue::Number(1.0), cumulative: false },
            ],
        }),
        Edit::Goal(GoalEdit::KpiSettings {
            kpi_id: kpi.id,
            old: KpiSettings::of(&kpi),
            new: KpiSettings { decimals: 9, ..KpiSettings::of(&kpi) },
        }),
    ];
    for e in refusals {
        let message = session.apply(e.clone()).expect_err("refused").to_string();
        assert!(message.starts_with("入力を受け付けられません"), "{e:?}: {message}");
    }
    assert_eq!(fingerprint(&record.path), print, "nothing written");

    // Another window's change first: a conflict, theirs stands.
    let mut other = record.session();
    let set = |planned| {
        Edit::Goal(GoalEdit::Effect {
            item_id: item.id,
            year: FiscalYear(2021),
            old: None,
            new: Some(Effect { planned: Some(planned), actual: None }),
        })
    };
    other.apply(set(500.0)).unwrap();
    let message = session.apply(set(700.0)).unwrap_err().to_string();
    assert!(message.contains("効果額"), "{message}");
    assert_eq!(record.on_disk().item(item.id).unwrap().effects[&FiscalYear(2021)].planned, Some(500.0));
}
