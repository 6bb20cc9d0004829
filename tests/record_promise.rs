//! The record's promise under whole-record import, on real files through the command line: a
//! WAL-mode candidate or a stray `-wal` changes nothing beside the sender's file and never the
//! record's journal mode; an edit committed by another writer during `import --yes` is never
//! lost; a full disk, a read-only record and the record imported onto itself leave the record
//! and its backups as they were; nothing temporary is left anywhere.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{fingerprint, run, s, sap3_record, small_record, text};
use reform_tracker::edit::{Edit, KpiSlot};
use reform_tracker::model::KpiValue;
use reform_tracker::store::{Store, list_backups};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_reform-tracker")
}

/// Runs the command line with its own, initially empty temporary folder (returned for checking).
fn run_with_tmp(args: &[&str], tmp: &Path) -> Output {
    Command::new(bin()).args(args).env("TMPDIR", tmp).env("TEMP", tmp).env("TMP", tmp).output().unwrap()
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

fn header_journal_bytes(path: &Path) -> (u8, u8) {
    let bytes = std::fs::read(path).unwrap();
    (bytes[18], bytes[19])
}

fn journal_mode(path: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
}

/// The first numeric KPI's id and the plan's first year.
fn first_numeric_slot(record: &Path) -> (i64, reform_tracker::model::FiscalYear) {
    let plan = Store::open(record).unwrap().load().unwrap();
    let kpi = plan.items.iter().flat_map(|i| &i.kpis).find(|k| !k.is_text_goal()).unwrap();
    (kpi.id, plan.info.first_year)
}

fn actual_of(record: &Path, kpi_id: i64, year: reform_tracker::model::FiscalYear) -> Option<KpiValue> {
    let plan = Store::open(record).unwrap().load().unwrap();
    plan.kpi(kpi_id).and_then(|(_, k)| k.actuals.get(&year).cloned())
}

fn set_actual(record: &Path, kpi_id: i64, year: reform_tracker::model::FiscalYear, value: f64) {
    let mut store = Store::open(record).unwrap();
    let old = store.load().unwrap().kpi(kpi_id).and_then(|(_, k)| k.actuals.get(&year).cloned());
    let edit = Edit::KpiValue { kpi_id, slot: KpiSlot::Actual(year), old, new: Some(KpiValue::Number(value)) };
    store.apply(&edit, "test").unwrap();
}

/// A colleague's copy: an export of `record` with one actual changed to `value`.
fn colleague_copy(record: &Path, dir: &Path, value: f64) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let copy = dir.join("colleague.sqlite");
    Store::open(record).unwrap().export_to(&copy).unwrap();
    let (kpi, year) = first_numeric_slot(record);
    set_actual(&copy, kpi, year, value);
    copy
}

#[test]
fn a_wal_mode_candidate_is_read_without_sidecars_and_the_record_keeps_its_rollback_journal() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let inbox = dir.path().join("inbox");
    let candidate = colleague_copy(&record, &inbox, 4242.0);
    {
        let conn = rusqlite::Connection::open(&candidate).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }
    assert_eq!(header_journal_bytes(&candidate), (2, 2), "the candidate is a WAL-mode file");
    let inbox_before = files_in(&inbox);
    let candidate_before = fingerprint(&candidate);

    let preview = run_with_tmp(&["import", "--db", &s(&record), "--from", &s(&candidate)], tmp.path());
    assert_eq!(preview.status.code(), Some(0), "{}", text(&preview.stderr));
    assert_eq!(files_in(&inbox), inbox_before, "no -wal/-shm beside the sender's file");

    let done = run_with_tmp(&["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"], tmp.path());
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert!(text(&done.stdout).contains("取り込みました"), "{}", text(&done.stdout));
    assert_eq!(files_in(&inbox), inbox_before);
    assert_eq!(fingerprint(&candidate), candidate_before, "the candidate is only read");
    assert!(files_in(tmp.path()).is_empty(), "no private copy in the temporary folder: {:?}", files_in(tmp.path()));

    assert_eq!(header_journal_bytes(&record), (1, 1), "the record's header still says rollback journal");
    assert_eq!(journal_mode(&record), "delete");
    assert_eq!(files_in(dir.path()), BTreeSet::from(["backups".into(), "inbox".into(), "record.sqlite".into()]));
    let (kpi, year) = first_numeric_slot(&record);
    assert_eq!(actual_of(&record, kpi, year), Some(KpiValue::Number(4242.0)), "the import was applied");
    let check = run(&["check", "--db", &s(&record)]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
fn a_stray_wal_beside_a_genuine_export_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let inbox = dir.path().join("inbox");
    let candidate = colleague_copy(&record, &inbox, 100.0);
    rusqlite::Connection::open(&candidate).unwrap().query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).unwrap();

    // A twin of the export, changed in WAL mode with the change left in its -wal; that -wal is then
    // put beside the genuine export, as a sync tool or an interrupted copy might.
    let twin_dir = dir.path().join("twin");
    std::fs::create_dir(&twin_dir).unwrap();
    let twin = twin_dir.join("colleague.sqlite");
    std::fs::copy(&candidate, &twin).unwrap();
    let (kpi, year) = first_numeric_slot(&record);
    let conn = rusqlite::Connection::open(&twin).unwrap();
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0;").unwrap();
    conn.execute("UPDATE kpi_actual SET value_num = 999 WHERE kpi_id = ?1 AND fiscal_year = ?2", (kpi, year.0))
        .unwrap();
    let stray = inbox.join("colleague.sqlite-wal");
    std::fs::copy(twin_dir.join("colleague.sqlite-wal"), &stray).unwrap();
    drop(conn);

    // The oracle: SQLite itself, opening a copy of export + stray -wal, reads the stray change.
    let probe_dir = dir.path().join("probe");
    std::fs::create_dir(&probe_dir).unwrap();
    std::fs::copy(&candidate, probe_dir.join("p.sqlite")).unwrap();
    std::fs::copy(&stray, probe_dir.join("p.sqlite-wal")).unwrap();
    let seen: f64 = rusqlite::Connection::open(probe_dir.join("p.sqlite"))
        .unwrap()
        .query_row("SELECT value_num FROM kpi_actual WHERE kpi_id = ?1 AND fiscal_year = ?2", (kpi, year.0), |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(seen, 999.0, "the stray -wal would be read by a plain open");

    let stray_before = fingerprint(&stray);
    let inbox_before = files_in(&inbox);
    let candidate = reform_tracker::store::import::inspect(&candidate).unwrap();
    let value = candidate.plan().kpi(kpi).and_then(|(_, k)| k.actuals.get(&year).cloned());
    assert_eq!(value, Some(KpiValue::Number(100.0)), "the export's own content, not the stray -wal's");
    assert_eq!(fingerprint(&stray), stray_before);
    assert_eq!(files_in(&inbox), inbox_before, "no -shm created, the -wal left alone");
}

#[test]
fn an_edit_committed_by_another_writer_during_import_is_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let candidate = dir.path().join("export.sqlite");
    Store::open(&record).unwrap().export_to(&candidate).unwrap();

    let mut acked: Vec<(i64, i32, f64)> = Vec::new();
    for round in 0..3u64 {
        let mut writer = Command::new(bin())
            // A few milliseconds between edits, as between people's edits: without any gap a writer
            // committing back to back can starve the import's exclusive lock until it gives up busy
            // (a clean refusal, but not what this test is about).
            .args(["stress-edits", "--db", &s(&record), "--count", "100000", "--pause-ms", "5", "--start"])
            .arg(((round + 1) * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let lines = BufReader::new(writer.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                let f: Vec<&str> = line.split_whitespace().collect();
                if f.len() == 5 && f[0] == "ack" {
                    let ack = (f[2].parse().unwrap(), f[3].parse().unwrap(), f[4].parse().unwrap());
                    if tx.send(ack).is_err() {
                        break;
                    }
                }
            }
        });
        // Let the writer get going, then import while it writes.
        let mut got = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while got.len() < 20 && Instant::now() < deadline {
            if let Ok(a) = rx.recv_timeout(Duration::from_millis(100)) {
                got.push(a);
            }
        }
        assert!(got.len() >= 20, "the writer writes");
        let out = run(&["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        // The writer's next edit after the import meets a changed record and stops (a conflict),
        // or keeps going where nothing changed; give it a moment, then stop it.
        std::thread::sleep(Duration::from_millis(300));
        let _ = writer.kill();
        let _ = writer.wait();
        reader.join().unwrap();
        got.extend(rx.try_iter());
        acked.extend(got);
    }

    // Every acknowledged edit is in the change history of the final record or of a backup taken
    // by an import: whatever was committed before an import's lock is in its backup.
    let mut logged: BTreeSet<(i64, i32, u64)> = BTreeSet::new();
    let mut files = list_backups(&record).unwrap();
    assert_eq!(files.len(), 3, "one backup per import");
    files.push(record.clone());
    for f in &files {
        let conn = rusqlite::Connection::open_with_flags(f, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let mut stmt = conn.prepare("SELECT edit FROM change_log").unwrap();
        for json in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            if let Ok(Edit::KpiValue { kpi_id, slot: KpiSlot::Actual(y), new: Some(KpiValue::Number(n)), .. }) =
                serde_json::from_str::<Edit>(&json.unwrap())
            {
                logged.insert((kpi_id, y.0, n as u64));
            }
        }
    }
    let lost: Vec<_> = acked.iter().filter(|(k, y, v)| !logged.contains(&(*k, *y, *v as u64))).collect();
    assert!(acked.len() >= 60);
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged edits lost: {:?}",
        lost.len(),
        acked.len(),
        &lost[..lost.len().min(5)]
    );
    assert_eq!(header_journal_bytes(&record), (1, 1));
}

#[test]
fn a_full_disk_during_import_rolls_back_before_the_command_returns() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.sqlite");
    small_record(&record);
    // A colleague's copy much larger than the record: the record must grow to take it.
    let big = sap3_record(dir.path(), "big.sqlite");
    let before = fingerprint(&record);
    let record_len = std::fs::metadata(&record).unwrap().len();
    assert!(std::fs::metadata(&big).unwrap().len() > record_len * 4);

    // Files may grow to a little more than the record (its backup and journal fit) but not to the
    // colleague's size; or not even to the record's size (no room for the backup): as a full disk
    // would stop the import at the replacement, or at the backup.
    for limit in [record_len + 16 * 1024, record_len / 2] {
        let script = format!("trap '' XFSZ; exec prlimit --fsize={limit} \"$0\" \"$@\"");
        let out = Command::new("sh")
            .args(["-c", &script, bin(), "import", "--db", &s(&record), "--from", &s(&big), "--yes"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{limit}: refused, not killed: {out:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("エラー: ") && err.contains("取り込む前のまま"), "{limit}: {err}");

        assert_eq!(fingerprint(&record), before, "{limit}: the record is byte-identical");
        let names = BTreeSet::from(["backups".into(), "big.sqlite".into(), "record.sqlite".into()]);
        assert_eq!(files_in(dir.path()), names, "{limit}: no journal left beside the record");
        assert!(list_backups(&record).unwrap().is_empty(), "{limit}: the backup of a failed import is removed");
        assert!(files_in(&dir.path().join("backups")).is_empty(), "{:?}", files_in(&dir.path().join("backups")));
        let check = run(&["check", "--db", &s(&record)]);
        assert_eq!(check.status.code(), Some(0), "the .sqlite file alone is sound: {}", text(&check.stderr));
    }
}

#[test]
fn no_temporary_folder_is_needed_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let candidate = colleague_copy(&record, &dir.path().join("inbox"), 77.0);
    let missing = dir.path().join("no-such-temp");
    let out = run_with_tmp(&["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"], &missing);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (kpi, year) = first_numeric_slot(&record);
    assert_eq!(actual_of(&record, kpi, year), Some(KpiValue::Number(77.0)));
}

/// Runs the command line as an ordinary user when the tests run as root (root ignores file modes).
fn run_unprivileged(args: &[&str]) -> Output {
    let root = Command::new("id").arg("-u").output().map(|o| text(&o.stdout).trim() == "0").unwrap_or(false);
    if root {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()])
            .args(args)
            .output()
            .unwrap()
    } else {
        Command::new(bin()).args(args).output().unwrap()
    }
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_record_is_refused_before_any_backup_is_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let candidate = colleague_copy(&record, &dir.path().join("inbox"), 5.0);
    let store = Store::open(&record).unwrap();
    for _ in 0..reform_tracker::store::KEEP_BACKUPS {
        store.back_up().unwrap();
    }
    drop(store);
    let survey_dir = dir.path().join("survey");
    let out = run(&["survey-export", "--db", &s(&record), "--year", "R4", "--out", &s(&survey_dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let workbook = std::fs::read_dir(&survey_dir).unwrap().next().unwrap().unwrap().path();

    let backups_before = list_backups(&record).unwrap();
    let before = fingerprint(&record);
    chmod(dir.path(), 0o755);
    chmod(&dir.path().join("backups"), 0o777);
    chmod(&record, 0o444);

    let out = run_unprivileged(&["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("読み取り専用"), "{}", text(&out.stderr));
    assert_eq!(list_backups(&record).unwrap(), backups_before, "no backup written, none rotated out");

    let out = run_unprivileged(&["survey-import", "--db", &s(&record), "--from", &s(&workbook), "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("読み取り専用"), "{err}");
    assert!(!err.contains("課の回答を受け付けました"), "no success beside the error: {err}");

    let out = run_unprivileged(&["set-actual", "--db", &s(&record), "--item", "1", "--year", "R4", "--value", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("読み取り専用"), "{}", text(&out.stderr));

    chmod(&record, 0o644);
    assert_eq!(fingerprint(&record), before);
}

#[test]
fn importing_the_record_onto_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let before = fingerprint(&record);
    let mut names = vec![record.clone(), dir.path().join(".").join("record.sqlite")];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.sqlite");
        std::os::unix::fs::symlink(&record, &link).unwrap();
        let hard = dir.path().join("hard.sqlite");
        std::fs::hard_link(&record, &hard).unwrap();
        names.extend([link, hard]);
    }
    for name in &names {
        let out = run(&["import", "--db", &s(&record), "--from", &s(name), "--yes"]);
        assert_eq!(out.status.code(), Some(1), "{name:?}");
        assert!(text(&out.stderr).contains("開いている記録ファイルそのもの"), "{}", text(&out.stderr));
    }
    assert_eq!(fingerprint(&record), before);
    assert!(!dir.path().join("backups").exists(), "not even a backup was written");
}

#[test]
fn half_written_backups_of_a_killed_import_are_cleaned_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let candidate = colleague_copy(&record, &dir.path().join("inbox"), 8.0);
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // What a process killed while writing a backup leaves: its temporary file and journal.
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let leave = |name: &str, age: std::time::SystemTime| {
        let p = backups.join(name);
        std::fs::write(&p, b"half").unwrap();
        std::fs::File::options().write(true).open(&p).unwrap().set_modified(age).unwrap();
        p
    };
    leave(".record_20261201-101010-123_00.sqlite.tmp-4000000", an_hour_ago);
    leave(".record_20261201-101010-123_00.sqlite.tmp-4000000-journal", an_hour_ago);
    let other = leave(".other_20261201-101010-123_00.sqlite.tmp-4000000", an_hour_ago);
    // Another process's backup in progress (just written) is not touched.
    let live = leave(".record_20261204-101010-123_00.sqlite.tmp-4000001", std::time::SystemTime::now());

    let out = run_with_tmp(&["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let left: Vec<String> = files_in(&backups).into_iter().filter(|n| n.starts_with(".record_")).collect();
    assert_eq!(left, [live.file_name().unwrap().to_string_lossy().into_owned()]);
    assert!(other.exists(), "another record's files are not this import's to clean");
    assert_eq!(list_backups(&record).unwrap().len(), 1);
    assert!(files_in(tmp.path()).is_empty());
}

#[test]
fn an_import_waits_for_a_reader_and_then_reports_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    let record = sap3_record(dir.path(), "record.sqlite");
    let candidate = colleague_copy(&record, &dir.path().join("inbox"), 31.0);
    // Another window in the middle of reading the record when the import starts.
    let reader = rusqlite::Connection::open(&record).unwrap();
    reader.execute_batch("BEGIN; SELECT count(*) FROM item;").unwrap();
    let child = Command::new(bin())
        .args(["import", "--db", &s(&record), "--from", &s(&candidate), "--yes"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    reader.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("取り込みました"));
    let (kpi, year) = first_numeric_slot(&record);
    assert_eq!(actual_of(&record, kpi, year), Some(KpiValue::Number(31.0)), "applied, as reported");
    // The reader's connection sees the new content, as after any edit by another window.
    let seen: f64 = reader
        .query_row("SELECT value_num FROM kpi_actual WHERE kpi_id = ?1 AND fiscal_year = ?2", (kpi, year.0), |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(seen, 31.0);
}
