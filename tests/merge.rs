//! Merge import on real files: two copies of one record both worked on, then one merged into the
//! other — from the command line (`import --merge`) and through the Session.

mod common;

use std::path::{Path, PathBuf};

use common::{TempRecord, fingerprint, run, s, text};
use reform_tracker::edit::{Edit, ItemField, KpiSlot, RowData};
use reform_tracker::model::{FiscalYear, Id, KpiValue, Plan};
use reform_tracker::session::Session;
use reform_tracker::store::{Store, import, list_backups};

fn open(path: &Path) -> Session {
    Session::open(path, "test").unwrap()
}

fn on_disk(path: &Path) -> Plan {
    Store::open(path).unwrap().load().unwrap()
}

/// The `n`-th numeric KPI of the plan (its id).
fn kpi(plan: &Plan, n: usize) -> Id {
    plan.items.iter().flat_map(|i| &i.kpis).filter(|k| !k.is_text_goal()).nth(n).unwrap().id
}

fn actual(plan: &Plan, kpi_id: Id, year: i32) -> Option<KpiValue> {
    plan.kpi(kpi_id).unwrap().1.actuals.get(&FiscalYear(year)).cloned()
}

fn set_actual(session: &mut Session, kpi_id: Id, year: i32, value: f64) {
    let old = actual(session.plan(), kpi_id, year);
    let edit =
        Edit::KpiValue { kpi_id, slot: KpiSlot::Actual(FiscalYear(year)), old, new: Some(KpiValue::Number(value)) };
    assert!(session.apply(edit).unwrap());
}

fn set_title(session: &mut Session, item: usize, new: &str) {
    let i = &session.plan().items[item];
    let edit = Edit::ItemText { item_id: i.id, field: ItemField::Title, old: i.title.clone(), new: new.into() };
    assert!(session.apply(edit).unwrap());
}

/// A copy of `record` as `export` writes it, beside it under `name`.
fn export(record: &TempRecord, name: &str) -> PathBuf {
    let out = record.beside(name);
    Store::open(&record.path).unwrap().export_to(&out).unwrap();
    out
}

fn merge(db: &Path, from: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec!["import", "--db", &*s(db).leak(), "--from", &*s(from).leak(), "--merge"];
    args.extend_from_slice(extra);
    let out = run(&args);
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

fn history_sources(path: &Path) -> Vec<(String, String, String)> {
    let store = Store::open(path).unwrap();
    store.history(1000).unwrap().into_iter().map(|c| (c.user, c.at, c.source)).collect()
}

#[test]
fn both_sides_edited_different_values_and_both_are_kept() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs_path = export(&mine, "theirs.sqlite");
    let (k0, k1) = (kpi(&mine.on_disk(), 0), kpi(&mine.on_disk(), 1));
    set_actual(&mut open(&mine.path), k0, 2022, 10.0);
    let mut theirs = open(&theirs_path);
    set_actual(&mut theirs, k0, 2023, 20.0);
    set_actual(&mut theirs, k1, 2022, 33.0);
    set_title(&mut theirs, 2, "相手が直した題");
    drop(theirs);
    let their_history = history_sources(&theirs_path);

    let before = fingerprint(&mine.path);
    let (ok, out, err) = merge(&mine.path, &theirs_path, &[]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の変更 3 件・衝突 0 件"), "{out}");
    assert!(out.contains("（空欄） → 20") && out.contains("相手が直した題"), "{out}");
    assert_eq!(fingerprint(&mine.path), before, "the preview changes nothing");
    assert!(list_backups(&mine.path).unwrap().is_empty());

    let (ok, out, err) = merge(&mine.path, &theirs_path, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("統合しました（相手の変更 3 件"), "{out}");
    assert_eq!(list_backups(&mine.path).unwrap().len(), 1, "a backup first");
    let plan = mine.on_disk();
    assert_eq!(actual(&plan, k0, 2022), Some(KpiValue::Number(10.0)), "ours stays");
    assert_eq!(actual(&plan, k0, 2023), Some(KpiValue::Number(20.0)));
    assert_eq!(actual(&plan, k1, 2022), Some(KpiValue::Number(33.0)));
    assert_eq!(plan.items[2].title, "相手が直した題");
    let merged: Vec<_> =
        history_sources(&mine.path).into_iter().filter(|(_, _, src)| src.starts_with("統合")).collect();
    assert_eq!(merged.len(), 3);
    assert!(merged.iter().all(|(_, _, src)| src == "統合: theirs.sqlite"), "{merged:?}");
    for (user, at, _) in &merged {
        assert!(their_history.iter().any(|(u, a, _)| u == user && a == at), "original author and time kept");
    }
    let ours = uids(&mine.path);
    assert!(uids(&theirs_path).iter().all(|u| ours.contains(u)), "each merged change keeps its identity");
}

fn uids(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT change_uid FROM change_log").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn the_same_value_on_both_sides_is_a_conflict_ours_kept_unless_theirs() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs_path = export(&mine, "theirs.sqlite");
    let k0 = kpi(&mine.on_disk(), 0);
    set_actual(&mut open(&mine.path), k0, 2022, 111.0);
    set_actual(&mut open(&theirs_path), k0, 2022, 222.0);
    let untouched = mine.beside("mine-copy.sqlite");
    std::fs::copy(&mine.path, &untouched).unwrap();

    let (ok, out, err) = merge(&mine.path, &theirs_path, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("衝突 1 件") && out.contains("自分「111」／相手「222」"), "{out}");
    assert_eq!(actual(&mine.on_disk(), k0, 2022), Some(KpiValue::Number(111.0)), "ours kept");

    let (ok, out, err) = merge(&untouched, &theirs_path, &["--yes", "--theirs"]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の値にします"), "{out}");
    assert_eq!(actual(&on_disk(&untouched), k0, 2022), Some(KpiValue::Number(222.0)), "--theirs takes theirs");
}

fn add_row(session: &mut Session, item: usize, label: &str) -> Id {
    let (row_id, phase_id) = session.next_ids().unwrap();
    let item = &session.plan().items[item];
    let data = item.schedule.first().and_then(|r| r.phases.first()).unwrap().data.clone();
    let row = RowData { row_id, item_id: item.id, position: 0, label: label.into(), phases: vec![(phase_id, data)] };
    assert!(session.apply(Edit::InsertRow(row)).unwrap());
    row_id
}

fn row_labels(plan: &Plan, item: usize) -> Vec<String> {
    plan.items[item].schedule.iter().map(|r| r.label.clone()).collect()
}

#[test]
fn a_row_added_on_each_side_both_survive_with_their_own_ids() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs_path = export(&mine, "theirs.sqlite");
    let ours_id = add_row(&mut open(&mine.path), 0, "自分の工程");
    let mut theirs = open(&theirs_path);
    let their_id = add_row(&mut theirs, 0, "相手の工程");
    assert_eq!(ours_id, their_id, "both sides gave their new row the same id");
    let label =
        Edit::RowLabel { row_id: their_id, old: "相手の工程".into(), new: "相手の工程（改）".into() };
    assert!(theirs.apply(label).unwrap());
    drop(theirs);
    let rows_before = mine.on_disk().schedule_row_count();

    let (ok, out, err) = merge(&mine.path, &theirs_path, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("衝突 0 件"), "{out}");
    let plan = mine.on_disk();
    assert_eq!(plan.schedule_row_count(), rows_before + 1);
    let labels = row_labels(&plan, 0);
    assert!(
        labels.contains(&"自分の工程".to_string()) && labels.contains(&"相手の工程（改）".to_string()),
        "{labels:?}"
    );
    let report = Store::open(&mine.path).unwrap().check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_merge_is_undone_in_one_step() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs_path = export(&mine, "theirs.sqlite");
    let mut theirs = open(&theirs_path);
    let k = kpi(theirs.plan(), 3);
    set_actual(&mut theirs, k, 2022, 5.0);
    set_title(&mut theirs, 4, "相手の題");
    add_row(&mut theirs, 1, "相手の工程");
    drop(theirs);
    let before = mine.on_disk();

    let mut session = open(&mine.path);
    let candidate = import::inspect(&theirs_path).unwrap();
    let base = session.merge_base(&candidate).unwrap().expect("shared history");
    let plan = session.merge_preview(&base, &|_| false);
    assert_eq!(plan.changes.len(), 3);
    session.merge(&candidate, &base, &plan).unwrap().expect("a backup");
    assert_ne!(mine.on_disk(), before);
    assert!(session.undo().unwrap());
    assert_eq!(mine.on_disk(), before, "one undo takes the whole merge back");
    assert!(!session.can_undo());
}

#[test]
fn the_same_merge_twice_changes_nothing_the_second_time() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs_path = export(&mine, "theirs.sqlite");
    let k0 = kpi(&mine.on_disk(), 0);
    set_actual(&mut open(&mine.path), k0, 2022, 1.0);
    let mut theirs = open(&theirs_path);
    set_actual(&mut theirs, k0, 2022, 2.0);
    set_actual(&mut theirs, k0, 2023, 3.0);
    drop(theirs);
    assert!(merge(&mine.path, &theirs_path, &["--yes"]).0);
    let after_first = fingerprint(&mine.path);
    let (ok, out, err) = merge(&mine.path, &theirs_path, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の変更 0 件・衝突 0 件") && out.contains("取り込み済み"), "{out}");
    assert_eq!(fingerprint(&mine.path), after_first, "byte-identical: the conflict declined is not offered again");
}

#[test]
fn a_chain_a_to_b_to_c_and_back_to_a() {
    let a = TempRecord::sap3_named("a.sqlite");
    let (k0, k1, k2) = (kpi(&a.on_disk(), 0), kpi(&a.on_disk(), 1), kpi(&a.on_disk(), 2));
    set_actual(&mut open(&a.path), k0, 2022, 1.0);
    let b = export(&a, "b.sqlite");
    set_actual(&mut open(&b), k1, 2022, 2.0);
    let b_row = add_row(&mut open(&b), 0, "Bの工程");
    let c = a.beside("c.sqlite");
    Store::open(&b).unwrap().export_to(&c).unwrap();
    set_actual(&mut open(&c), k2, 2022, 3.0);
    let mut c_session = open(&c);
    let label = Edit::RowLabel { row_id: b_row, old: "Bの工程".into(), new: "Cが直した工程".into() };
    assert!(c_session.apply(label).unwrap());
    drop(c_session);
    set_actual(&mut open(&a.path), k0, 2023, 4.0);
    add_row(&mut open(&a.path), 0, "Aの工程");

    let (ok, out, err) = merge(&a.path, &c, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の変更 4 件・衝突 0 件"), "B's and C's changes come back to A: {out}");
    let plan = a.on_disk();
    assert_eq!(actual(&plan, k0, 2022), Some(KpiValue::Number(1.0)));
    assert_eq!(actual(&plan, k0, 2023), Some(KpiValue::Number(4.0)));
    assert_eq!(actual(&plan, k1, 2022), Some(KpiValue::Number(2.0)));
    assert_eq!(actual(&plan, k2, 2022), Some(KpiValue::Number(3.0)));
    let labels = row_labels(&plan, 0);
    assert!(labels.contains(&"Aの工程".to_string()) && labels.contains(&"Cが直した工程".to_string()), "{labels:?}");

    // And C takes A's work: B's and C's changes are already there under their identities. A gave
    // B's row another id (A's own row had taken it); a rename of it in A reaches C's row.
    let mut a_session = open(&a.path);
    let row = a_session.plan().items[0].schedule.iter().find(|r| r.label == "Cが直した工程").unwrap().id;
    assert_ne!(row, b_row, "in A, B's row was given a fresh id");
    let label = Edit::RowLabel { row_id: row, old: "Cが直した工程".into(), new: "Aが直した工程".into() };
    assert!(a_session.apply(label).unwrap());
    drop(a_session);
    let a_export = a.beside("a-export.sqlite");
    Store::open(&a.path).unwrap().export_to(&a_export).unwrap();
    let (ok, out, err) = merge(&c, &a_export, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の変更 3 件・衝突 0 件"), "only A's own changes go to C: {out}");
    let c_plan = on_disk(&c);
    let mut c_labels = row_labels(&c_plan, 0);
    let mut a_labels = row_labels(&a.on_disk(), 0);
    c_labels.sort();
    a_labels.sort();
    assert_eq!(c_labels, a_labels);
    assert!(c_labels.contains(&"Aが直した工程".to_string()), "{c_labels:?}");
    assert_eq!(actual(&c_plan, k0, 2023), Some(KpiValue::Number(4.0)));
    let (ok, out, _) = merge(&a.path, &c, &[]);
    assert!(ok && out.contains("取り込み済み"), "back in A nothing is new: {out}");
}

#[test]
fn records_sharing_no_history_are_refused_with_the_offer_to_replace() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let other = mine.beside("other.sqlite");
    common::sap3_record(mine.dir.path(), "other.sqlite");
    set_actual(&mut open(&other), kpi(&on_disk(&other), 0), 2022, 9.0);
    let before = fingerprint(&mine.path);
    let out = run(&["import", "--db", &mine.arg(), "--from", &s(&other), "--merge", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("共通の変更履歴がない") && err.contains("--merge を付けずに"), "{err}");
    assert_eq!(fingerprint(&mine.path), before);
}

/// Rewrites `path` as version 4 (the last before change identities) wrote it: the same plan and
/// history, without change identities.
fn as_version_4(path: &Path) {
    let old = path.with_extension("v3");
    std::fs::rename(path, &old).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../src/store/sql/001_plan.sql")).unwrap();
    conn.execute_batch(include_str!("../src/store/sql/002_history.sql")).unwrap();
    conn.execute_batch(include_str!("../src/store/sql/003_survey_receipt.sql")).unwrap();
    conn.execute_batch(include_str!("../src/store/sql/004_council_provisional.sql")).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS old", [s(&old)]).unwrap();
    // Version 6's link back to a previous plan and version 7's plans as data did not exist yet.
    conn.execute_batch(&common::undo_schema_7("old")).unwrap();
    conn.execute_batch("ALTER TABLE old.item DROP COLUMN predecessor;").unwrap();
    for table in [
        "plan",
        "focus_area",
        "category",
        "item",
        "kpi",
        "kpi_actual",
        "schedule_row",
        "phase",
        "evaluation",
        "meta",
        "survey_receipt",
        "council_opinion",
        "provisional_value",
    ] {
        conn.execute_batch(&format!("INSERT INTO main.{table} SELECT * FROM old.{table}")).unwrap();
    }
    let columns = "id, at, user_name, item_id, target, field, old_value, new_value, edit, source";
    conn.execute_batch(&format!(
        "INSERT INTO main.change_log ({columns}) SELECT {columns} FROM old.change_log; DETACH DATABASE old; PRAGMA user_version = 4;"
    ))
    .unwrap();
    drop(conn);
    std::fs::remove_file(old).unwrap();
}

#[test]
fn records_exported_before_changes_had_identities_merge_on_their_shared_history() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let (k0, k1, k2) = (kpi(&mine.on_disk(), 0), kpi(&mine.on_disk(), 1), kpi(&mine.on_disk(), 2));
    set_actual(&mut open(&mine.path), k0, 2022, 1.0);
    let theirs = export(&mine, "theirs.sqlite");
    // Each side's next change has the same row number in its history, with other content.
    set_actual(&mut open(&mine.path), k1, 2022, 10.0);
    set_actual(&mut open(&theirs), k2, 2022, 20.0);
    as_version_4(&mine.path);
    as_version_4(&theirs);
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(version(&mine.path), 4);
    let session = open(&mine.path);
    let base = session.merge_base(&import::inspect(&theirs).unwrap()).unwrap().expect("shared history");
    assert_eq!((base.ours.len(), base.theirs.len()), (1, 1), "the first change has one identity on both sides");
    drop(session);

    let (ok, out, err) = merge(&mine.path, &theirs, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("相手の変更 1 件・衝突 0 件"), "the shared change is known on both sides: {out}");
    assert_eq!(version(&mine.path), common::newest_migration());
    let plan = mine.on_disk();
    assert_eq!(actual(&plan, k0, 2022), Some(KpiValue::Number(1.0)));
    assert_eq!(actual(&plan, k1, 2022), Some(KpiValue::Number(10.0)));
    assert_eq!(actual(&plan, k2, 2022), Some(KpiValue::Number(20.0)));
    assert_eq!(version(&theirs), 4, "the colleague's file is only read");
    let (ok, out, _) = merge(&mine.path, &theirs, &[]);
    assert!(ok && out.contains("取り込み済み"), "{out}");
}

/// 500 changes on each side: KPI actuals over the numeric KPIs and years, starting at `offset`
/// among the slots, applied as one group (one transaction) to keep the test quick.
fn five_hundred_changes(path: &Path, offset: usize, value: f64) {
    let mut session = open(path);
    let plan = session.plan().clone();
    let years = plan.info.years();
    let slots: Vec<(Id, FiscalYear)> = plan
        .items
        .iter()
        .flat_map(|i| &i.kpis)
        .filter(|k| !k.is_text_goal())
        .flat_map(|k| years.iter().map(move |y| (k.id, *y)))
        .collect();
    let edits: Vec<Edit> = (0..500)
        .map(|n| {
            let (kpi_id, year) = slots[(offset + n) % slots.len()];
            let old = actual(&plan, kpi_id, year.0);
            // Round by round over the slots, each change of a slot follows the one before.
            let round = ((offset + n) / slots.len()) as f64;
            let old = if round > 0.0 { Some(KpiValue::Number(value + round - 1.0)) } else { old };
            Edit::KpiValue { kpi_id, slot: KpiSlot::Actual(year), old, new: Some(KpiValue::Number(value + round)) }
        })
        .collect();
    session.apply_group(edits, "test").unwrap();
}

#[test]
fn preview_and_merge_of_500_changes_on_each_side_take_under_a_second() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs = export(&mine, "theirs.sqlite");
    five_hundred_changes(&mine.path, 0, 1000.0);
    five_hundred_changes(&theirs, 0, 5000.0);
    let started = std::time::Instant::now();
    let mut session = open(&mine.path);
    let candidate = import::inspect(&theirs).unwrap();
    let base = session.merge_base(&candidate).unwrap().unwrap();
    assert_eq!((base.ours.len(), base.theirs.len()), (500, 500));
    let plan = session.merge_preview(&base, &|_| true);
    assert!(!plan.conflicts.is_empty());
    session.merge(&candidate, &base, &plan).unwrap();
    let took = started.elapsed();
    eprintln!("preview and merge of 500 + 500 changes: {took:?}");
    assert!(took.as_secs_f64() <= 1.0, "took {took:?}");
    let actuals = |p: &Plan| p.items.iter().flat_map(|i| &i.kpis).map(|k| k.actuals.clone()).collect::<Vec<_>>();
    assert_eq!(actuals(&mine.on_disk()), actuals(&on_disk(&theirs)), "every conflict took their value");
}

fn remove_first_row(session: &mut Session, item: usize) -> String {
    let item = &session.plan().items[item];
    let row = item.schedule[0].clone();
    let data = RowData {
        row_id: row.id,
        item_id: item.id,
        position: 0,
        label: row.label.clone(),
        phases: row.phases.iter().map(|p| (p.id, p.data.clone())).collect(),
    };
    assert!(session.apply(Edit::RemoveRow(data)).unwrap());
    row.label
}

fn rename_first_row(session: &mut Session, item: usize, new: &str) {
    let row = &session.plan().items[item].schedule[0];
    let edit = Edit::RowLabel { row_id: row.id, old: row.label.clone(), new: new.into() };
    assert!(session.apply(edit).unwrap());
}

#[test]
fn removing_a_row_the_other_side_renamed_is_a_conflict_either_way() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs = export(&mine, "theirs.sqlite");
    // Item 0: they remove the row we renamed. Item 1: we remove the row they renamed.
    rename_first_row(&mut open(&mine.path), 0, "自分が直した工程");
    let removed_by_us = remove_first_row(&mut open(&mine.path), 1);
    remove_first_row(&mut open(&theirs), 0);
    rename_first_row(&mut open(&theirs), 1, "相手が直した工程");

    let (ok, out, err) = merge(&mine.path, &theirs, &["--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("衝突 2 件"), "{out}");
    assert!(out.contains("自分「自分が直した工程」／相手「（削除）」"), "{out}");
    assert!(out.contains("自分「（削除）」／相手「相手が直した工程」"), "{out}");
    let plan = mine.on_disk();
    assert_eq!(plan.items[0].schedule[0].label, "自分が直した工程", "our renamed row is kept");
    assert!(
        !row_labels(&plan, 1).contains(&removed_by_us)
            && !row_labels(&plan, 1).contains(&"相手が直した工程".to_string())
    );
}

#[test]
fn a_merge_that_fails_while_writing_leaves_the_record_byte_identical() {
    let mine = TempRecord::sap3_named("mine.sqlite");
    let theirs = export(&mine, "theirs.sqlite");
    let (k0, k1) = (kpi(&mine.on_disk(), 0), kpi(&mine.on_disk(), 1));
    set_actual(&mut open(&theirs), k0, 2022, 7.0);
    set_actual(&mut open(&theirs), k1, 2022, 5.0);
    // A hand-edited history: the second change sets a value no way in accepts.
    let conn = rusqlite::Connection::open(&theirs).unwrap();
    let changed = conn
        .execute(
            "UPDATE change_log SET edit = replace(edit, '5.0', '1e300') WHERE id = (SELECT max(id) FROM change_log)",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let before = fingerprint(&mine.path);
    let (ok, _, err) = merge(&mine.path, &theirs, &["--yes"]);
    assert!(!ok);
    assert!(err.starts_with("エラー: ") && err.contains("1e300"), "the value rules refused it: {err}");
    assert_eq!(fingerprint(&mine.path), before, "not even the first change is kept");
}
