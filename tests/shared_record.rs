//! The shared record on real files: export, import with its preview, backups, the change
//! history travelling with the file, undo of a chosen change, and every class of bad file
//! refused with the open record byte-for-byte unchanged.

mod common;

use std::path::Path;

use common::{fingerprint, run, s, sap3_record, text, version_1_record};
use reform_tracker::edit::{Edit, ItemField, KpiSlot};
use reform_tracker::model::diff::{ChangeKind, Subject, diff};
use reform_tracker::model::{Evaluation, FiscalYear, KpiValue, PhaseData, PhaseStatus, Rating, YearMonth};
use reform_tracker::store::{Store, StoreError, import, list_backups};

/// A record with one edit of each common kind, as a colleague would send back.
fn edited_record(dir: &Path) -> std::path::PathBuf {
    let path = sap3_record(dir, "colleague.sqlite");
    let mut store = Store::open(&path).unwrap();
    let plan = store.load().unwrap();
    let item = plan.item_by_number(16).unwrap().clone();
    let phase = &item.schedule[0].phases[0];
    let mut done = phase.data.clone();
    done.status = PhaseStatus::Done;
    done.actual_start = Some(YearMonth::new(2021, 5));
    let (row_id, phase_id) = (item.schedule[0].id, store.next_ids().unwrap().1);
    let edits = [
        Edit::KpiValue {
            kpi_id: item.kpis[0].id,
            slot: KpiSlot::Actual(FiscalYear(2021)),
            old: None,
            new: Some(KpiValue::Number(902_000_000.0)),
        },
        Edit::ItemText {
            item_id: item.id,
            field: ItemField::Department,
            old: item.department.clone(),
            new: "収納課".into(),
        },
        Edit::Phase { phase_id: phase.id, old: phase.data.clone(), new: done },
        Edit::InsertPhase {
            row_id,
            phase_id,
            data: PhaseData::planned("検証", YearMonth::new(2023, 4), YearMonth::new(2024, 3)),
        },
        Edit::Evaluation {
            item_id: item.id,
            year: FiscalYear(2021),
            old: None,
            new: Some(Evaluation {
                year: FiscalYear(2021),
                rating: Rating::A,
                results: "催告を強化".into(),
                next_steps: "継続".into(),
            }),
        },
    ];
    for e in &edits {
        store.apply(e, "画面").unwrap();
    }
    path
}

#[test]
fn export_then_import_round_trip_keeps_every_value_and_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = edited_record(dir.path());
    let exported = dir.path().join("out").join("受け渡し.sqlite");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    let source = Store::open(&theirs).unwrap();
    source.export_to(&exported).unwrap();

    let ours_dir = dir.path().join("ours");
    std::fs::create_dir_all(&ours_dir).unwrap();
    let ours = sap3_record(&ours_dir, "record.sqlite");
    let mut store = Store::open(&ours).unwrap();
    let candidate = import::inspect(&exported).unwrap();
    assert!(!candidate.was_upgraded());
    assert_eq!(candidate.change_count(), 5);
    let summary = diff(&store.load().unwrap(), candidate.plan());
    assert_eq!(summary.count(Subject::Actual, ChangeKind::Added), 1);
    assert_eq!(summary.count(Subject::Item, ChangeKind::Changed), 1);
    assert_eq!(summary.count(Subject::Phase, ChangeKind::Changed), 1);
    assert_eq!(summary.count(Subject::Phase, ChangeKind::Added), 1);
    assert_eq!(summary.count(Subject::Evaluation, ChangeKind::Added), 1);
    assert_eq!(summary.differences.len(), 5, "{:#?}", summary.lines());

    let backup = store.replace_with(&candidate).unwrap();
    assert!(backup.is_file());
    assert_eq!(store.load().unwrap(), source.load().unwrap(), "every value equal after the round trip");
    assert_eq!(store.history(100).unwrap(), source.history(100).unwrap(), "the history travelled along");
    assert_eq!(store.record_id().unwrap(), source.record_id().unwrap());
    assert!(store.check().unwrap().problems.is_empty());
    // The open Store keeps working on the replaced file.
    let plan = store.load().unwrap();
    let kpi = &plan.item_by_number(16).unwrap().kpis[0];
    store
        .apply(
            &Edit::KpiValue {
                kpi_id: kpi.id,
                slot: KpiSlot::Actual(FiscalYear(2022)),
                old: None,
                new: Some(KpiValue::Number(1.0)),
            },
            "画面",
        )
        .unwrap();
    assert_eq!(Store::open(&ours).unwrap().history(100).unwrap().len(), 6);
    // The backup holds the record as it was before the import.
    let before = Store::open(&backup).unwrap();
    assert!(before.history(10).unwrap().is_empty());
    assert_eq!(before.load().unwrap().item_by_number(16).unwrap().kpis[0].actuals.len(), 0);
}

#[test]
fn export_writes_whole_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let record = edited_record(dir.path());
    let store = Store::open(&record).unwrap();
    let before = fingerprint(&record);
    assert!(matches!(store.export_to(&record), Err(StoreError::Invalid(_))), "never over the record itself");
    assert!(matches!(store.export_to(dir.path()), Err(StoreError::NotAFile(_))));
    let target = dir.path().join("copy.sqlite");
    std::fs::write(&target, "古い中身").unwrap();
    store.export_to(&target).unwrap();
    assert_eq!(fingerprint(&record), before);
    let copy = Store::open(&target).unwrap();
    assert_eq!(copy.load().unwrap(), store.load().unwrap());
    assert_eq!(copy.history(100).unwrap(), store.history(100).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp") || n.ends_with("-journal"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let missing_dir = dir.path().join("no-such-folder").join("x.sqlite");
    assert!(matches!(store.export_to(&missing_dir), Err(StoreError::Open { .. } | StoreError::Io { .. })));
}

/// A file's name, its path, and the check that its refusal is the right one.
type BadFile = (&'static str, std::path::PathBuf, fn(&StoreError) -> bool);

/// Files an officer might be handed, each with the refusal it must get.
fn bad_files(dir: &Path) -> Vec<BadFile> {
    let good = sap3_record(dir, "good.sqlite");
    let bytes = std::fs::read(&good).unwrap();
    let mut files: Vec<BadFile> = Vec::new();
    let mut add = |name: &'static str, content: &[u8], ok: fn(&StoreError) -> bool| {
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        files.push((name, p, ok));
    };
    add("text.sqlite", "これは記録ファイルではありません。\n".as_bytes(), |e| {
        matches!(e, StoreError::NotSqlite(_))
    });
    add("empty.sqlite", b"", |e| matches!(e, StoreError::NotSqlite(_)));
    add("truncated-half.sqlite", &bytes[..bytes.len() / 2], |e| matches!(e, StoreError::DamagedFile { .. }));
    add("truncated-odd.sqlite", &bytes[..bytes.len() - 100], |e| matches!(e, StoreError::DamagedFile { .. }));
    let mut scribbled = bytes.clone();
    let page = 4096;
    for b in &mut scribbled[3 * page..5 * page] {
        *b = 0xA5;
    }
    add("damaged.sqlite", &scribbled, |e| matches!(e, StoreError::DamagedFile { .. }));
    let mut headless = bytes.clone();
    headless[..16].copy_from_slice(b"SQLite format 4\0");
    add("header.sqlite", &headless, |e| matches!(e, StoreError::NotSqlite(_)));

    let sql_variant = |name: &'static str, sql: &str| {
        let p = dir.join(name);
        std::fs::copy(&good, &p).unwrap();
        rusqlite::Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        p
    };
    files.push(("too-new.sqlite", sql_variant("too-new.sqlite", "PRAGMA user_version = 99;"), |e| {
        matches!(e, StoreError::TooNew { found: 99, .. })
    }));
    let foreign_schema = |e: &StoreError| matches!(e, StoreError::ForeignSchema { .. });
    files.push((
        "extra-trigger.sqlite",
        sql_variant(
            "extra-trigger.sqlite",
            "CREATE TRIGGER wipe AFTER UPDATE ON kpi_actual BEGIN DELETE FROM item; END;",
        ),
        foreign_schema,
    ));
    files.push((
        "extra-view.sqlite",
        sql_variant("extra-view.sqlite", "CREATE VIEW v AS SELECT * FROM item;"),
        foreign_schema,
    ));
    files.push(("extra-table.sqlite", sql_variant("extra-table.sqlite", "CREATE TABLE x (a);"), foreign_schema));
    files.push((
        "extra-index.sqlite",
        sql_variant("extra-index.sqlite", "CREATE INDEX x ON item(title);"),
        foreign_schema,
    ));
    files.push(("missing-table.sqlite", sql_variant("missing-table.sqlite", "DROP TABLE change_log;"), foreign_schema));
    files.push((
        "foreign.sqlite",
        {
            let p = dir.join("foreign.sqlite");
            rusqlite::Connection::open(&p).unwrap().execute_batch("CREATE TABLE photos (id, name);").unwrap();
            p
        },
        |e| matches!(e, StoreError::ForeignSchema { .. }),
    ));
    files.push((
        "orphan.sqlite",
        sql_variant("orphan.sqlite", "PRAGMA foreign_keys = OFF; DELETE FROM item WHERE number = 1;"),
        |e| matches!(e, StoreError::DamagedFile { .. }),
    ));
    files.push((
        "bad-phase.sqlite",
        sql_variant("bad-phase.sqlite", "UPDATE phase SET actual_end = '2022-03' WHERE id = 1;"),
        |e| matches!(e, StoreError::DamagedFile { .. }),
    ));
    files.push((
        "check-violation.sqlite",
        sql_variant(
            "check-violation.sqlite",
            "PRAGMA ignore_check_constraints = ON; UPDATE evaluation SET rating = 'Z'; \
             INSERT INTO evaluation (item_id, fiscal_year, rating) SELECT id, 2021, 'Z' FROM item LIMIT 1;",
        ),
        |e| matches!(e, StoreError::DamagedFile { .. }),
    ));
    files.push(("folder", dir.join("a-folder"), |e| matches!(e, StoreError::NotAFile(_))));
    std::fs::create_dir_all(dir.join("a-folder")).unwrap();
    files.push(("missing.sqlite", dir.join("missing.sqlite"), |e| matches!(e, StoreError::NotFound(_))));
    files
}

#[test]
fn every_bad_file_is_refused_and_the_record_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let record_dir = dir.path().join("record");
    std::fs::create_dir_all(&record_dir).unwrap();
    let record = sap3_record(&record_dir, "record.sqlite");
    let store = Store::open(&record).unwrap();
    let before = fingerprint(&record);
    for (name, path, expected) in bad_files(dir.path()) {
        let candidate_before = path.is_file().then(|| fingerprint(&path));
        match import::inspect(&path) {
            Ok(_) => panic!("{name} was accepted"),
            Err(e) => {
                assert!(expected(&e), "{name}: unexpected refusal {e:?}");
                let message = e.to_string();
                assert!(message.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "{name}: {message}");
            }
        }
        let out = run(&["import", "--db", &s(&record), "--from", &s(&path), "--yes"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stdout));
        assert!(text(&out.stderr).starts_with("エラー: "), "{name}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("Error"), "{name}: no Debug dumps: {}", text(&out.stderr));
        assert_eq!(fingerprint(&record), before, "{name}: the record is byte-for-byte unchanged");
        if let Some(fp) = candidate_before {
            assert_eq!(fingerprint(&path), fp, "{name}: the candidate itself is never written");
        }
    }
    assert!(list_backups(&record).unwrap().is_empty(), "no backup made for a refused import");
    assert!(store.check().unwrap().problems.is_empty());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = sap3_record(dir.path(), "locked.sqlite");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test here.
        eprintln!("skipped: root can read a file with mode 000");
        return;
    }
    let err = import::inspect(&path).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
}

#[test]
fn an_older_version_is_upgraded_in_a_copy_never_in_the_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.sqlite");
    version_1_record(&v1);
    let candidate_before = fingerprint(&v1);
    let record = sap3_record(dir.path(), "record.sqlite");
    let mut store = Store::open(&record).unwrap();
    let candidate = import::inspect(&v1).unwrap();
    assert!(candidate.was_upgraded());
    assert_eq!(candidate.found_version(), 1);
    assert_eq!(fingerprint(&v1), candidate_before, "the candidate stays as it was");
    let summary = diff(&store.load().unwrap(), candidate.plan());
    assert_eq!(summary.count(Subject::Item, ChangeKind::Removed), 30);
    store.replace_with(&candidate).unwrap();
    assert_eq!(store.load().unwrap().items.len(), 1);
    let conn = rusqlite::Connection::open(&record).unwrap();
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, common::newest_migration());
}

#[test]
fn backups_rotate_keeping_the_last_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let incoming = edited_record(dir.path());
    let mut store = Store::open(&record).unwrap();
    let candidate = import::inspect(&incoming).unwrap();
    let mut made = Vec::new();
    for _ in 0..21 {
        made.push(store.replace_with(&candidate).unwrap());
    }
    let kept = list_backups(&record).unwrap();
    assert_eq!(kept.len(), 20);
    assert!(!made[0].exists(), "the oldest backup was deleted");
    assert_eq!(kept, made[1..].to_vec(), "the newest twenty, oldest first");
    // The first backup was the untouched SAP III record; the later ones the imported one.
    assert!(Store::open(&made[1]).unwrap().history(10).unwrap().len() == 5);
    // A file of the office's own in the folder is never touched by the rotation.
    let own = record.parent().unwrap().join("backups").join("メモ.txt");
    std::fs::write(&own, "残す").unwrap();
    store.replace_with(&candidate).unwrap();
    assert!(own.exists());
    assert_eq!(list_backups(&record).unwrap().len(), 20);
}

#[test]
fn cli_import_shows_the_preview_and_needs_yes() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = edited_record(dir.path());
    let record = sap3_record(dir.path(), "record.sqlite");
    let exported = dir.path().join("exported.sqlite");
    let out = run(&["export", "--db", &s(&theirs), "--out", &s(&exported)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("書き出しました"));

    let before = fingerprint(&record);
    let out = run(&["import", "--db", &s(&record), "--from", &s(&exported)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let preview = text(&out.stdout);
    assert!(preview.contains("追加 3 件、変更 2 件、削除 0 件"), "{preview}");
    assert!(preview.contains("［追加］改革項目16 数値目標"), "{preview}");
    assert!(preview.contains("令和3年度実績: 902,000,000"), "{preview}");
    assert!(preview.contains("実施課:") && preview.contains("→ 収納課"), "{preview}");
    assert!(preview.contains("--yes"), "{preview}");
    assert_eq!(fingerprint(&record), before, "without --yes nothing changes");
    assert!(list_backups(&record).unwrap().is_empty());

    let out = run(&["import", "--db", &s(&record), "--from", &s(&exported), "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("取り込みました"), "{}", text(&out.stdout));
    assert_eq!(list_backups(&record).unwrap().len(), 1);
    assert_eq!(Store::open(&record).unwrap().load().unwrap(), Store::open(&theirs).unwrap().load().unwrap());
    let again = run(&["import", "--db", &s(&record), "--from", &s(&exported)]);
    assert!(text(&again.stdout).contains("変更はありません"), "{}", text(&again.stdout));
}

#[test]
fn history_lists_who_changed_what_and_a_change_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let db = s(&record);
    let set = |v: &str| run(&["set-actual", "--db", &db, "--item", "16", "--year", "R3", "--value", v]);
    assert_eq!(set("902000000").status.code(), Some(0));
    assert_eq!(set("880,000,000").status.code(), Some(0));
    let out = run(&["history", "--db", &db, "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    assert!(listing.contains("（新しい順、1 件）"), "{listing}");
    assert!(listing.contains("#2"), "{listing}");
    assert!(listing.contains(&reform_tracker::store::current_user()), "{listing}");
    assert!(listing.contains("改革項目16 数値目標") && listing.contains("令和3年度実績: 902,000,000 → 880,000,000"));

    // The first change was overwritten by the second: undoing it would lose the second.
    let before = fingerprint(&record);
    let out = run(&["undo-change", "--db", &db, "--id", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("取り消せません"), "{}", text(&out.stderr));
    assert_eq!(fingerprint(&record), before);

    let out = run(&["undo-change", "--db", &db, "--id", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let store = Store::open(&record).unwrap();
    let plan = store.load().unwrap();
    assert_eq!(
        plan.item_by_number(16).unwrap().kpis[0].actuals.get(&FiscalYear(2021)),
        Some(&KpiValue::Number(902_000_000.0))
    );
    let history = store.history(10).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].source, "変更履歴から取り消し");
    let out = run(&["undo-change", "--db", &db, "--id", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("#99"));
}

#[test]
fn undo_change_applies_the_inverse_or_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let record = edited_record(dir.path());
    let mut store = Store::open(&record).unwrap();
    let history = store.history(10).unwrap();
    let department = history.iter().find(|c| c.field == "実施課").unwrap();
    let applied = store.undo_change(department.id).unwrap();
    assert_eq!(Some(applied.inverse()), department.edit);
    let plan = store.load().unwrap();
    assert_eq!(plan.item_by_number(16).unwrap().department, department.old, "back to what it was");
    assert_ne!(department.old, "収納課");
    // Undoing it again finds the value moved on: refused, nothing written.
    let before = fingerprint(&record);
    let err = store.undo_change(department.id).unwrap_err();
    assert!(matches!(err, StoreError::CannotUndo(_)), "{err:?}");
    assert!(err.to_string().contains("実施課"), "{err}");
    assert_eq!(fingerprint(&record), before);
    assert_eq!(store.history(20).unwrap().len(), 6);
}
