//! The plan's shape changed on a real record through the Session (the window's and the command
//! line's one path): each change is on disk, in the history, undone exactly, refused with a
//! Japanese message when it breaks a rule or another window changed the same thing first — and a
//! refusal leaves the file as it was.

mod common;

use common::{TempRecord, fingerprint};
use reform_tracker::edit::Edit;
use reform_tracker::edit::moves::{NewNode, item_to_category, move_child, move_item, renumber_items};
use reform_tracker::edit::structure::{ItemData, KpiData, Level, Node, PlanHeader, StructureEdit};
use reform_tracker::model::{Direction, FiscalYear, ItemStatus, KpiValue, Plan, StatusKind};
use reform_tracker::session::Session;

fn apply(session: &mut Session, edit: StructureEdit) {
    session.apply(Edit::Structure(edit)).expect("the record accepts the change");
}

fn add(session: &mut Session, node: NewNode) -> StructureEdit {
    let ids = session.next_structure_ids().unwrap();
    let edit = node.into_edit(session.plan(), ids);
    apply(session, edit.clone());
    edit
}

fn refused(session: &mut Session, edit: StructureEdit) -> String {
    session.apply(Edit::Structure(edit)).expect_err("the record refuses the change").to_string()
}

/// SAP III as a record loads it, for comparing after undo (the snapshot and the file agree).
fn reread(record: &TempRecord) -> Plan {
    record.on_disk()
}

#[test]
fn a_new_focus_area_category_item_and_kpi_are_on_disk_and_undone_one_by_one() {
    let record = TempRecord::sap3();
    let before = reread(&record);
    let mut session = record.session();
    let area = add(&mut session, NewNode::FocusArea { title: "デジタル化の推進".into() });
    let StructureEdit::AddFocusArea(area) = area else { unreachable!() };
    assert_eq!(area.number, 6, "SAP III has 5 focus areas; the new one is 重点項目6");
    let StructureEdit::AddCategory(cat) =
        add(&mut session, NewNode::Category { focus_area_id: area.id, title: "行政手続のオンライン化".into() })
    else {
        unreachable!()
    };
    let StructureEdit::AddItem(item) = add(
        &mut session,
        NewNode::Item {
            category_id: cat.id,
            number: 32,
            title: "電子申請の拡充".into(),
            department: "デジタル推進課".into(),
        },
    ) else {
        unreachable!()
    };
    add(
        &mut session,
        NewNode::Kpi {
            item_id: item.id,
            name: "電子申請の手続数".into(),
            unit: "件".into(),
            direction: Direction::Increase,
        },
    );

    let disk = reread(&record);
    assert_eq!(disk, *session.plan(), "the snapshot mirrors the file");
    let new = disk.item_by_number(32).expect("item 32 is in the file");
    assert_eq!(new.title, "電子申請の拡充");
    assert_eq!(new.focus_area, 6);
    assert_eq!(new.department, "デジタル推進課");
    assert_eq!(new.kpis.len(), 1);
    assert_eq!(new.kpis[0].name, "電子申請の手続数");
    assert_eq!(disk.focus_area(6).unwrap().categories[0].title, "行政手続のオンライン化");

    let history = session.store().history(10).unwrap();
    let fields: Vec<&str> = history.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(&fields[..4], ["追加", "追加", "追加", "追加"], "each addition is in the history");

    for _ in 0..4 {
        assert!(session.undo().unwrap());
    }
    assert_eq!(reread(&record), before, "undone one by one, the file is SAP III again");
    for _ in 0..4 {
        assert!(session.redo().unwrap());
    }
    assert_eq!(reread(&record).item_by_number(32).unwrap().kpis.len(), 1, "redo puts them back with their ids");
}

#[test]
fn items_move_and_renumber_and_the_numbers_stay_unique() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let plan = session.plan().clone();
    let (one, two) = (plan.item_by_number(1).unwrap().id, plan.item_by_number(2).unwrap().id);
    apply(&mut session, move_item(&plan, two, true).unwrap());
    let disk = reread(&record);
    assert_eq!(disk.item(two).unwrap().number, 1);
    assert_eq!(disk.item(one).unwrap().number, 2);

    // Item 1 (now 2) to the last category of 重点項目5: its number stays until 番号を振り直す.
    let last = disk.focus_areas.last().unwrap().categories.last().unwrap().id;
    apply(&mut session, item_to_category(&disk, one, last).unwrap());
    assert_eq!(reread(&record).item(one).unwrap().focus_area, 5);
    let renumber = renumber_items(session.plan()).expect("numbers no longer follow the tree");
    apply(&mut session, renumber);
    let disk = reread(&record);
    let numbers: Vec<u32> = disk.items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=31).collect::<Vec<_>>(), "1..31 without gaps or repeats");
    // Its number (2) was the lowest in its new category, so it leads it: after every other item.
    let before = disk.items.iter().filter(|i| i.category_id != last).count() as u32;
    assert_eq!(disk.item(one).unwrap().number, before + 1, "first of the last category, numbered in the tree's order");
    assert_eq!(disk, *session.plan());

    // A number another item holds is refused by the record, whatever the window checked.
    let me = reform_tracker::edit::structure::place_of(&disk, Level::Item, one).unwrap();
    let clash = StructureEdit::Order {
        level: Level::Item,
        old: vec![me],
        new: vec![reform_tracker::edit::structure::Place { position: 5, ..me }],
    };
    let print = fingerprint(&record.path);
    let message = refused(&mut session, clash);
    assert!(message.contains("番号が重なります"), "{message}");
    assert_eq!(fingerprint(&record.path), print, "a refusal writes nothing");

    for _ in 0..3 {
        assert!(session.undo().unwrap());
    }
    assert_eq!(reread(&record), record_sap3(), "three undos: SAP III's numbering again");
}

fn record_sap3() -> Plan {
    TempRecord::sap3().on_disk()
}

#[test]
fn kpis_are_reordered_and_a_removed_kpi_comes_back_with_its_actuals() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let plan = session.plan().clone();
    let item = plan.items.iter().find(|i| i.kpis.len() >= 2).unwrap().clone();
    apply(&mut session, move_child(&plan, Level::Kpi, item.kpis[1].id, true).unwrap());
    assert_eq!(reread(&record).item(item.id).unwrap().kpis[0].id, item.kpis[1].id);

    let kpi = item.kpis[0].clone();
    let year = FiscalYear(2022);
    session
        .apply(Edit::KpiValue {
            kpi_id: kpi.id,
            slot: reform_tracker::edit::KpiSlot::Actual(year),
            old: kpi.actuals.get(&year).cloned(),
            new: Some(KpiValue::Number(7.0)),
        })
        .unwrap();
    session.apply(Edit::Provisional { kpi_id: kpi.id, year, old: false, new: true }).unwrap();
    let now = session.plan().clone();
    let owner = now.item(item.id).unwrap();
    let at = owner.kpis.iter().position(|k| k.id == kpi.id).unwrap();
    let whole = owner.kpis[at].clone();
    apply(&mut session, StructureEdit::RemoveKpi(KpiData::of(item.id, at, &whole)));
    assert!(reread(&record).kpi(kpi.id).is_none(), "removed from the file");
    assert!(session.undo().unwrap());
    let back = reread(&record);
    let (_, k) = back.kpi(kpi.id).expect("undo puts the KPI back");
    assert_eq!(*k, whole, "with its values and its 暫定 mark");
    assert_eq!(back.item(item.id).unwrap().kpis[at].id, kpi.id, "in its place");
}

#[test]
fn an_item_that_ends_keeps_its_history_and_is_not_surveyed_after() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let item = session.plan().item_by_number(7).unwrap().clone();
    let status = ItemStatus { kind: StatusKind::Merged, year: FiscalYear(2022), reason: "項目6に統合".into() };

    let no_reason = ItemStatus { reason: " ".into(), ..status.clone() };
    let message = refused(&mut session, StructureEdit::Status { item_id: item.id, old: None, new: Some(no_reason) });
    assert!(message.contains("理由を入力してください"), "{message}");
    let outside = ItemStatus { year: FiscalYear(2030), ..status.clone() };
    let message = refused(&mut session, StructureEdit::Status { item_id: item.id, old: None, new: Some(outside) });
    assert!(message.contains("計画の期間"), "{message}");

    apply(&mut session, StructureEdit::Status { item_id: item.id, old: None, new: Some(status.clone()) });
    let disk = reread(&record);
    assert_eq!(disk.item(item.id).unwrap().status.as_ref(), Some(&status));
    assert_eq!(disk.item(item.id).unwrap().kpis, item.kpis, "its KPIs and schedule stay");
    assert_eq!(disk.item(item.id).unwrap().schedule.len(), item.schedule.len());

    let department = item.departments()[0].clone();
    let due = |year| {
        reform_tracker::survey::items_due(&disk, &department, FiscalYear(year))
            .iter()
            .map(|i| i.number)
            .collect::<Vec<_>>()
    };
    assert!(due(2022).contains(&7), "asked about in its last year");
    assert!(!due(2023).contains(&7), "not asked about after it ended");

    // An item with a KPI and a schedule cannot be deleted, only marked.
    let message = refused(&mut session, StructureEdit::RemoveItem(ItemData::of(&item)));
    assert!(message.contains("削除できません"), "{message}");
}

#[test]
fn the_plan_s_data_changes_within_the_rules() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let old = PlanHeader::of(&session.plan().info);
    let mut new = old.clone();
    new.name = "せき行財政改革アクションプランⅢ（改訂版）".into();
    new.adopted_on = Some("2021-03-31".into());
    apply(&mut session, StructureEdit::Plan { old: old.clone(), new: new.clone() });
    let info = reread(&record).info;
    assert_eq!(info.name, new.name);
    assert_eq!(info.adopted_on, chrono::NaiveDate::from_ymd_opt(2021, 3, 31));

    // A shorter period would leave SAP III's 令和5年度 phases outside: refused, nothing written.
    let print = fingerprint(&record.path);
    let shorter = PlanHeader { last_year: FiscalYear(2022), ..new.clone() };
    let message = refused(&mut session, StructureEdit::Plan { old: new.clone(), new: shorter });
    assert!(message.contains("期間") && message.contains("工程"), "{message}");
    let long = PlanHeader { last_year: FiscalYear(2035), ..new.clone() };
    let message = refused(&mut session, StructureEdit::Plan { old: new.clone(), new: long });
    assert!(message.contains("10 年度以内"), "{message}");
    assert_eq!(fingerprint(&record.path), print);

    // A longer period is fine: the schedule's axis follows it.
    let longer = PlanHeader { last_year: FiscalYear(2025), ..new.clone() };
    apply(&mut session, StructureEdit::Plan { old: new, new: longer });
    assert_eq!(reread(&record).info.years().len(), 5);
    assert!(session.undo().unwrap() && session.undo().unwrap());
    assert_eq!(PlanHeader::of(&reread(&record).info), old);
}

#[test]
fn another_window_s_change_of_the_same_thing_is_a_conflict() {
    let record = TempRecord::sap3();
    let mut mine = record.session();
    let mut theirs = record.session();
    let area = mine.plan().focus_areas[0].clone();
    let rename =
        |new: &str| StructureEdit::Rename { node: Node::FocusArea(area.id), old: area.title.clone(), new: new.into() };
    theirs.apply(Edit::Structure(rename("財政の健全化（改）"))).unwrap();
    let message = mine.apply(Edit::Structure(rename("財政健全化"))).unwrap_err().to_string();
    assert!(message.contains("先に変更"), "{message}");
    assert_eq!(record.on_disk().focus_areas[0].title, "財政の健全化（改）", "theirs stands");

    // A category with items, a focus area with categories: not removed.
    let plan = mine.plan().clone();
    let (f, c) = (&plan.focus_areas[1], &plan.focus_areas[1].categories[0]);
    let message = refused(
        &mut mine,
        StructureEdit::RemoveCategory(reform_tracker::edit::structure::CategoryData {
            id: c.id,
            focus_area_id: f.id,
            position: 0,
            title: c.title.clone(),
        }),
    );
    assert!(message.contains("改革項目があります"), "{message}");
}

#[test]
fn a_structure_edit_survives_plan_export_and_init() {
    let record = TempRecord::sap3();
    let mut session = record.session();
    let item = session.plan().item_by_number(3).unwrap().id;
    let status =
        ItemStatus { kind: StatusKind::Stopped, year: FiscalYear(2023), reason: "国の制度改正による".into() };
    apply(&mut session, StructureEdit::Status { item_id: item, old: None, new: Some(status.clone()) });
    let old = PlanHeader::of(&session.plan().info);
    let new = PlanHeader { adopted_on: Some("2021-03-29".into()), ..old.clone() };
    apply(&mut session, StructureEdit::Plan { old, new });
    let toml = reform_tracker::plan_file::to_toml(session.plan()).unwrap();
    let back = reform_tracker::seed::parse_plan(&toml).expect("the export reads back");
    assert_eq!(back.item_by_number(3).unwrap().status.as_ref(), Some(&status));
    assert_eq!(back.info.adopted_on, chrono::NaiveDate::from_ymd_opt(2021, 3, 29));
}

fn merged(mine: &std::path::Path, theirs: &std::path::Path, extra: &[&str]) -> (bool, String) {
    let (db, from) = (common::s(mine), common::s(theirs));
    let mut args = vec!["import", "--db", db.as_str(), "--from", from.as_str(), "--merge"];
    args.extend_from_slice(extra);
    let out = common::run(&args);
    (out.status.success(), format!("{}{}", common::text(&out.stdout), common::text(&out.stderr)))
}

#[test]
fn a_colleague_s_new_item_merges_in_and_both_sides_reshaping_is_a_conflict() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs = mine.beside("theirs.sqlite");
    mine.open_store().export_to(&theirs).unwrap();
    {
        let mut session = Session::open(&theirs, "test").unwrap();
        let category = session.plan().focus_areas[0].categories[0].id;
        add(
            &mut session,
            NewNode::Item {
                category_id: category,
                number: 32,
                title: "相手が足した項目".into(),
                department: "総務課".into(),
            },
        );
    }
    let (ok, out) = merged(&mine.path, &theirs, &["--yes"]);
    assert!(ok, "{out}");
    assert!(out.contains("改革項目32「相手が足した項目」を追加"), "the preview names it: {out}");
    assert_eq!(record_item_title(&mine, 32).as_deref(), Some("相手が足した項目"), "only they reshaped: merged in");

    // Now both add an item with the same new number (and the same free id): their change of the
    // plan's shape is a conflict, ours is kept and the file holds one item 33.
    let other = mine.beside("other.sqlite");
    mine.open_store().export_to(&other).unwrap();
    let category = mine.on_disk().focus_areas[0].categories[0].id;
    for (path, title) in [(&mine.path, "自分の項目"), (&other, "相手の項目")] {
        let mut session = Session::open(path, "test").unwrap();
        add(
            &mut session,
            NewNode::Item { category_id: category, number: 33, title: title.into(), department: "総務課".into() },
        );
        if title == "相手の項目" {
            // A later change of theirs to the item they added: it names an id ours gave to our own item.
            let item = session.plan().item_by_number(33).unwrap().clone();
            let edit = Edit::ItemText {
                item_id: item.id,
                field: reform_tracker::edit::ItemField::Department,
                old: item.department.clone(),
                new: "相手の課".into(),
            };
            session.apply(edit).unwrap();
        }
    }
    let (ok, out) = merged(&mine.path, &other, &["--yes", "--theirs"]);
    assert!(ok, "{out}");
    assert!(out.contains("計画の構成"), "the conflict is named: {out}");
    assert_eq!(record_item_title(&mine, 33).as_deref(), Some("自分の項目"), "their clashing item is not applied");
    assert_eq!(mine.on_disk().item_by_number(33).unwrap().department, "総務課", "nor their change to it, onto ours");
    assert_eq!(mine.on_disk().items.len(), 33);
}

#[test]
fn their_removal_of_a_kpi_we_changed_is_a_conflict_and_our_value_stays() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs = mine.beside("theirs.sqlite");
    mine.open_store().export_to(&theirs).unwrap();
    let plan = mine.on_disk();
    let item = plan.items.iter().find(|i| i.kpis.len() >= 2).unwrap().clone();
    let kpi = item.kpis[1].clone();
    {
        let mut session = Session::open(&theirs, "test").unwrap();
        apply(&mut session, StructureEdit::RemoveKpi(KpiData::of(item.id, 1, &kpi)));
    }
    {
        let mut session = mine.session();
        let year = FiscalYear(2022);
        let edit = Edit::KpiValue {
            kpi_id: kpi.id,
            slot: reform_tracker::edit::KpiSlot::Actual(year),
            old: kpi.actuals.get(&year).cloned(),
            new: Some(KpiValue::Number(42.0)),
        };
        session.apply(edit).unwrap();
    }
    let (ok, out) = merged(&mine.path, &theirs, &["--yes"]);
    assert!(ok, "{out}");
    assert!(out.contains("計画の構成"), "named as a conflict: {out}");
    let disk = mine.on_disk();
    let (_, k) = disk.kpi(kpi.id).expect("our KPI is still there");
    assert_eq!(k.actuals.get(&FiscalYear(2022)), Some(&KpiValue::Number(42.0)), "with our value");
}

fn record_item_title(record: &TempRecord, number: u32) -> Option<String> {
    record.on_disk().item_by_number(number).map(|i| i.title.clone())
}

/// The invented five-year plan (tests/data/five_year_plan.toml): reshaped like SAP III, its period
/// grown to the ten years the views are laid out for, and a focus area removed once emptied.
#[test]
fn a_plan_of_another_shape_is_reshaped_too() {
    let text = std::fs::read_to_string("tests/data/five_year_plan.toml").unwrap();
    let record = TempRecord::of(&reform_tracker::seed::parse_plan(&text).unwrap());
    let mut session = record.session();
    let plan = session.plan().clone();
    assert_eq!((plan.focus_areas.len(), plan.items.len(), plan.info.years().len()), (3, 8, 5));

    // The last focus area's categories go to the first one; the emptied area is then removed.
    let last = plan.focus_areas.last().unwrap().clone();
    let first = plan.focus_areas[0].id;
    for c in &last.categories {
        let edit = reform_tracker::edit::moves::category_to_focus_area(session.plan(), c.id, first).unwrap();
        apply(&mut session, edit);
    }
    let emptied =
        reform_tracker::edit::structure::FocusAreaData { id: last.id, number: last.number, title: last.title.clone() };
    apply(&mut session, StructureEdit::RemoveFocusArea(emptied));
    let disk = reread(&record);
    assert_eq!(disk.focus_areas.len(), 2);
    assert!(
        disk.items.iter().all(|i| i.focus_area != last.number),
        "its items now count under 重点項目{}",
        disk.focus_areas[0].number
    );
    assert_eq!(disk, *session.plan());

    let old = PlanHeader::of(&disk.info);
    let ten = PlanHeader { last_year: FiscalYear(2033), ..old.clone() };
    apply(&mut session, StructureEdit::Plan { old, new: ten });
    assert_eq!(reread(&record).info.years().len(), 10, "令和6〜15年度");
    let renumbered = renumber_items(session.plan());
    if let Some(edit) = renumbered {
        apply(&mut session, edit);
    }
    let numbers: Vec<u32> = reread(&record).items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
}
