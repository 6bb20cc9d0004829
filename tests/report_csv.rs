//! The council CSV and the schedule CSV as the council receives them: bytes in both
//! encodings, Windows' CP932 twins, the refusal of characters CP932 lacks, formula injection.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reform_tracker::model::{KpiValue, Plan};
use reform_tracker::store::Store;

/// The program under test. REFORM_TRACKER_EXE overrides it where several branches share one
/// target directory and the uplifted binary may belong to another branch's build.
fn exe() -> String {
    std::env::var("REFORM_TRACKER_EXE").unwrap_or_else(|_| env!("CARGO_BIN_EXE_reform-tracker").to_string())
}

fn run(args: &[&str]) -> Output {
    Command::new(exe()).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A record made from SAP III after `change` has edited the plan.
fn record(dir: &Path, change: impl FnOnce(&mut Plan)) -> String {
    let mut plan = reform_tracker::seed::sap3();
    change(&mut plan);
    let db = dir.join("sap3.sqlite");
    Store::create(&db, &plan).unwrap();
    db.to_string_lossy().into_owned()
}

fn export(db: &str, out: &Path, encoding: &str) -> Output {
    run(&["export-csv", "--db", db, "--out", out.to_str().unwrap(), "--encoding", encoding])
}

fn decode_cp932(bytes: &[u8]) -> String {
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(bytes);
    assert!(!malformed);
    text.into_owned()
}

#[test]
fn both_encodings_hold_the_same_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |_| {});
    let (utf8, sjis) = (dir.path().join("u.csv"), dir.path().join("s.csv"));
    assert_eq!(export(&db, &utf8, "utf8-bom").status.code(), Some(0));
    let out = export(&db, &sjis, "cp932");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let u = std::fs::read(&utf8).unwrap();
    let s = std::fs::read(&sjis).unwrap();
    assert_eq!(&u[..3], b"\xEF\xBB\xBF");
    assert_ne!(&s[..3], b"\xEF\xBB\xBF", "no BOM in CP932");
    // 重点項目番号 in Shift_JIS, byte for byte.
    assert_eq!(&s[..12], b"\x8f\x64\x93\x5f\x8d\x80\x96\xda\x94\xd4\x8d\x86");
    assert_eq!(decode_cp932(&s), std::str::from_utf8(&u[3..]).unwrap());
    assert!(s.windows(2).filter(|w| w == b"\r\n").count() > 31);
}

#[test]
fn windows_twins_are_written_as_windows_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |p| {
        p.items[0].title = "期間〜延長−①‖".into();
        p.items[1].title = "期間～延長－①∥".into();
    });
    let out_path = dir.path().join("s.csv");
    let out = export(&db, &out_path, "cp932");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&out_path).unwrap();
    let want = b"\x8a\xfa\x8a\xd4\x81\x60\x89\x84\x92\xb7\x81\x7c\x87\x40\x81\x61";
    let count = bytes.windows(want.len()).filter(|w| w == want).count();
    assert_eq!(count, 2, "〜/～, −/－ and ‖/∥ give the same bytes, ① its NEC code");
    assert!(!bytes.contains(&b'?'), "nothing replaced by ?");
}

#[test]
fn characters_cp932_lacks_are_refused_by_name_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |p| {
        p.items[2].title = "職員手当♥の見直し".into();
        p.items[4].department = "𠮷田課".into();
    });
    let target = dir.path().join("s.csv");
    std::fs::write(&target, b"old").unwrap();
    let out = export(&db, &target, "cp932");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("「♥」(U+2665)") && err.contains("「改革項目」列"), "{err}");
    assert!(err.contains("「𠮷」(U+20BB7)") && err.contains("「実施課」列"), "{err}");
    assert!(err.contains("改革項目3") && err.contains("改革項目5"), "the item is named: {err}");
    assert!(err.contains("行目"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"old", "nothing written on refusal");
    let fresh = dir.path().join("new.csv");
    assert_eq!(export(&db, &fresh, "cp932").status.code(), Some(1));
    assert!(!fresh.exists());
    // The same record exports in UTF-8, which holds every character.
    assert_eq!(export(&db, &fresh, "utf8-bom").status.code(), Some(0));
    assert!(text(&std::fs::read(&fresh).unwrap()).contains("職員手当♥の見直し"));
}

#[test]
fn formula_injection_is_neutralised_in_text_cells_only() {
    let dir = tempfile::tempdir().unwrap();
    let risky = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tタブ", "\r改行", "＝１", "＋１", "－１", "＠１"];
    let db = record(dir.path(), |p| {
        for (i, r) in risky.iter().enumerate() {
            p.items[i].title = r.to_string();
        }
        let k = &mut p.items[20].kpis[0];
        k.baseline = Some(KpiValue::Number(-5.0));
        k.name = "-を含む名前".into();
    });
    for encoding in ["utf8-bom", "cp932"] {
        let path = dir.path().join(format!("{encoding}.csv"));
        let out = export(&db, &path, encoding);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let bytes = std::fs::read(&path).unwrap();
        let body = if encoding == "cp932" { decode_cp932(&bytes) } else { text(&bytes[3..]) };
        let rows: Vec<csv::StringRecord> =
            csv::ReaderBuilder::new().from_reader(body.as_bytes()).records().map(Result::unwrap).collect();
        for (i, r) in risky.iter().enumerate() {
            let row = rows.iter().find(|row| row[3] == (i + 1).to_string()).unwrap();
            assert_eq!(&row[4], format!("'{r}"), "{encoding}: item {}", i + 1);
        }
        let row21 = rows.iter().find(|row| &row[3] == "21").unwrap();
        assert_eq!(&row21[9], "-5", "numbers are never altered");
        assert_eq!(&row21[6], "'-を含む名前");
        assert!(!row21[0].starts_with('\''));
    }
}

#[test]
fn schedule_csv_has_one_line_per_phase() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |_| {});
    let plan = Store::open(Path::new(&db)).unwrap().load().unwrap();
    let phases: usize = plan.items.iter().flat_map(|i| &i.schedule).map(|r| r.phases.len().max(1)).sum();
    for encoding in ["utf8-bom", "cp932"] {
        let path: PathBuf = dir.path().join(format!("schedule-{encoding}.csv"));
        let out = run(&["export-schedule-csv", "--db", &db, "--out", path.to_str().unwrap(), "--encoding", encoding]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let bytes = std::fs::read(&path).unwrap();
        let body = if encoding == "cp932" { decode_cp932(&bytes) } else { text(&bytes[3..]) };
        let mut lines = body.split("\r\n");
        assert_eq!(lines.next().unwrap(), "項目番号,改革項目,行,工程,開始,終了,実績開始,実績終了,状態,備考");
        let rows: Vec<csv::StringRecord> =
            csv::ReaderBuilder::new().from_reader(body.as_bytes()).records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), phases);
        let first = &plan.items[0].schedule[0].phases[0].data;
        assert_eq!(&rows[0][4], first.start.japanese());
        assert_eq!(&rows[0][8], first.status.label());
    }
    let bad = run(&["export-schedule-csv", "--db", &db, "--out", "x.csv", "--encoding", "latin1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("utf8-bom か cp932"));
}
