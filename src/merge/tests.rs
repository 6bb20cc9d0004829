use super::*;
use crate::edit::{ItemField, RowData};
use crate::model::{Id, Plan};

fn change(uid: &str, edit: Edit) -> LoggedChange {
    LoggedChange { uid: uid.into(), at: "2026-01-01 09:00:00".into(), user: "相手".into(), edit: Some(edit) }
}

fn title(plan: &Plan, item_id: Id, old: &str, new: &str) -> Edit {
    assert!(plan.item(item_id).is_some());
    Edit::ItemText { item_id, field: ItemField::Title, old: old.into(), new: new.into() }
}

fn history(record_id: &str, changes: Vec<LoggedChange>) -> History {
    History { record_id: record_id.into(), changes, declined: Vec::new() }
}

fn first_two_items(plan: &Plan) -> (Id, String, Id, String) {
    let (a, b) = (&plan.items[0], &plan.items[1]);
    (a.id, a.title.clone(), b.id, b.title.clone())
}

#[test]
fn records_sharing_nothing_have_no_base() {
    let plan = crate::seed::sap3_with_ids();
    let (a, ta, _, _) = first_two_items(&plan);
    let ours = history("r1", vec![change("x", title(&plan, a, &ta, "甲"))]);
    let theirs = history("r2", vec![change("y", title(&plan, a, &ta, "乙"))]);
    assert!(find_base(&ours, &theirs).is_none());
    assert!(find_base(&history("r1", vec![]), &history("r1", vec![])).is_some(), "a fresh copy shares its identity");
}

#[test]
fn different_values_both_survive_and_the_same_value_is_a_conflict() {
    let plan = crate::seed::sap3_with_ids();
    let (a, ta, b, tb) = first_two_items(&plan);
    let shared = change("s", title(&plan, b, &tb, &tb));
    let ours_edit = title(&plan, a, &ta, "自分の題");
    let mut mine = plan.clone();
    assert!(ours_edit.apply_to(&mut mine));
    let ours = history("r", vec![shared.clone(), change("o1", ours_edit)]);
    let theirs = history(
        "r",
        vec![shared, change("t1", title(&plan, b, &tb, "相手の題")), change("t2", title(&plan, a, &ta, "相手の題A"))],
    );
    let base = find_base(&ours, &theirs).unwrap();
    assert_eq!(base.theirs.len(), 2);
    assert_eq!(base.ours.len(), 1);

    let kept = plan_merge(&mine, &base, &|_| false);
    assert_eq!(kept.changes.len(), 1);
    assert_eq!(kept.changes[0].edit, title(&plan, b, &tb, "相手の題"));
    assert_eq!(kept.conflicts.len(), 1);
    assert_eq!((kept.conflicts[0].mine.as_str(), kept.conflicts[0].theirs.as_str()), ("自分の題", "相手の題A"));
    assert_eq!(kept.declined, vec![1]);

    let taken = plan_merge(&mine, &base, &|_| true);
    assert_eq!(taken.changes.len(), 2);
    assert_eq!(taken.changes[1].edit, title(&plan, a, "自分の題", "相手の題A"), "their edit replaces our value");
}

#[test]
fn rows_added_on_both_sides_get_distinct_ids_and_later_edits_follow() {
    let plan = crate::seed::sap3_with_ids();
    let item = plan.items[0].id;
    let next = plan.items.iter().flat_map(|i| &i.schedule).map(|r| r.id).max().unwrap() + 1;
    let row = |label: &str| RowData { row_id: next, item_id: item, position: 0, label: label.into(), phases: vec![] };
    let ours_add = Edit::InsertRow(row("自分の行"));
    let mut mine = plan.clone();
    assert!(ours_add.apply_to(&mut mine));
    let ours = history("r", vec![change("o", ours_add)]);
    let theirs = history(
        "r",
        vec![
            change("t1", Edit::InsertRow(row("相手の行"))),
            change("t2", Edit::RowLabel { row_id: next, old: "相手の行".into(), new: "相手の行（改）".into() }),
        ],
    );
    let base = find_base(&ours, &theirs).unwrap();
    let merged = plan_merge(&mine, &base, &|_| false);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.changes.len(), 2);
    let Edit::InsertRow(added) = &merged.changes[0].edit else { panic!("an added row") };
    assert_ne!(added.row_id, next, "their row must not take our row's id");
    assert_eq!(
        merged.changes[1].edit,
        Edit::RowLabel { row_id: added.row_id, old: "相手の行".into(), new: "相手の行（改）".into() }
    );
    let mut after = mine.clone();
    for c in &merged.changes {
        assert!(c.edit.apply_to(&mut after));
    }
    let labels: Vec<&str> = after.items[0].schedule.iter().map(|r| r.label.as_str()).collect();
    assert!(labels.contains(&"自分の行") && labels.contains(&"相手の行（改）"), "{labels:?}");
}

#[test]
fn removing_a_row_we_edited_is_a_conflict() {
    let plan = crate::seed::sap3_with_ids();
    let (item, row) = plan.items.iter().find_map(|i| i.schedule.first().map(|r| (i.id, r.clone()))).unwrap();
    let ours_edit = Edit::RowLabel { row_id: row.id, old: row.label.clone(), new: "自分の名前".into() };
    let mut mine = plan.clone();
    assert!(ours_edit.apply_to(&mut mine));
    let data = RowData {
        row_id: row.id,
        item_id: item,
        position: 0,
        label: row.label.clone(),
        phases: row.phases.iter().map(|p| (p.id, p.data.clone())).collect(),
    };
    let base =
        find_base(&history("r", vec![change("o", ours_edit)]), &history("r", vec![change("t", Edit::RemoveRow(data))]))
            .unwrap();
    let kept = plan_merge(&mine, &base, &|_| false);
    assert!(kept.changes.is_empty());
    assert_eq!(kept.conflicts.len(), 1);
    assert_eq!(kept.conflicts[0].theirs, "（削除）");
    let taken = plan_merge(&mine, &base, &|_| true);
    let Edit::RemoveRow(removed) = &taken.changes[0].edit else { panic!("a removal") };
    assert_eq!(removed.label, "自分の名前", "the removal is rebased on our row as it is now");
}

#[test]
fn phases_added_on_both_sides_to_one_row_both_survive_and_their_later_edit_follows() {
    let plan = crate::seed::sap3_with_ids();
    let row = plan.items.iter().flat_map(|i| &i.schedule).find(|r| !r.phases.is_empty()).unwrap().clone();
    let next = plan.items.iter().flat_map(|i| &i.schedule).flat_map(|r| &r.phases).map(|p| p.id).max().unwrap() + 1;
    let data = row.phases[0].data.clone();
    let labelled = |label: &str| {
        let mut d = data.clone();
        d.label = label.into();
        d
    };
    let (ours_data, theirs_data, renamed) =
        (labelled("自分の期間"), labelled("相手の期間"), labelled("相手の期間（改）"));
    let ours_add = Edit::InsertPhase { row_id: row.id, phase_id: next, data: ours_data };
    let mut mine = plan.clone();
    assert!(ours_add.apply_to(&mut mine));
    let theirs = vec![
        change("t1", Edit::InsertPhase { row_id: row.id, phase_id: next, data: theirs_data.clone() }),
        change("t2", Edit::Phase { phase_id: next, old: theirs_data, new: renamed.clone() }),
    ];
    let base = find_base(&history("r", vec![change("o", ours_add)]), &history("r", theirs)).unwrap();
    let merged = plan_merge(&mine, &base, &|_| false);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let mut after = mine.clone();
    for c in &merged.changes {
        assert!(c.edit.apply_to(&mut after), "{:?}", c.edit);
    }
    let labels: Vec<String> = after.row(row.id).unwrap().1.phases.iter().map(|p| p.data.label.clone()).collect();
    assert!(labels.contains(&"自分の期間".to_string()) && labels.contains(&renamed.label), "{labels:?}");
}

#[test]
fn the_same_new_value_on_both_sides_is_no_conflict() {
    let plan = crate::seed::sap3_with_ids();
    let (a, ta, _, _) = first_two_items(&plan);
    let ours_edit = title(&plan, a, &ta, "同じ題");
    let mut mine = plan.clone();
    assert!(ours_edit.apply_to(&mut mine));
    let base = find_base(
        &history("r", vec![change("o", ours_edit)]),
        &history("r", vec![change("t", title(&plan, a, &ta, "同じ題"))]),
    )
    .unwrap();
    let merged = plan_merge(&mine, &base, &|_| false);
    assert!(merged.conflicts.is_empty() && merged.changes.is_empty());
    assert_eq!(merged.declined, vec![0], "remembered, so it is not offered again");
}

#[test]
fn council_opinions_and_provisional_marks_merge_and_conflict_like_any_value() {
    use crate::model::FiscalYear;
    let plan = crate::seed::sap3_with_ids();
    let (a, _, b, _) = first_two_items(&plan);
    let kpi = plan.items.iter().flat_map(|i| &i.kpis).next().unwrap().id;
    let year = FiscalYear(2022);
    let opinion =
        |item_id, old: &str, new: &str| Edit::CouncilOpinion { item_id, year, old: old.into(), new: new.into() };
    let ours_edit = opinion(a, "", "自分の意見");
    let mut mine = plan.clone();
    assert!(ours_edit.apply_to(&mut mine));
    let theirs = vec![
        change("t1", opinion(a, "", "相手の意見")),
        change("t2", opinion(b, "", "相手だけの意見")),
        change("t3", Edit::Provisional { kpi_id: kpi, year, old: false, new: true }),
    ];
    let base = find_base(&history("r", vec![change("o", ours_edit)]), &history("r", theirs)).unwrap();
    let merged = plan_merge(&mine, &base, &|_| false);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!((merged.conflicts[0].mine.as_str(), merged.conflicts[0].theirs.as_str()), ("自分の意見", "相手の意見"));
    assert_eq!(merged.changes.iter().map(|c| c.origin).collect::<Vec<_>>(), vec![1, 2]);
    let taken = plan_merge(&mine, &base, &|_| true);
    assert_eq!(taken.changes[0].edit, opinion(a, "自分の意見", "相手の意見"));
}
