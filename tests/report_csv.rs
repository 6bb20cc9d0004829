//! The council CSV and the schedule CSV as the council receives them: bytes in both
//! encodings, Windows' CP932 twins, the refusal of characters CP932 lacks, formula injection.

mod common;

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
    common::s(&common::record_of(dir, "sap3.sqlite", &plan))
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
    // The same table, but for the 備考 of item 23 (「— 長寿命化計画策定」): CP932 has no EM DASH
    // and Windows writes its twin ― (U+2015), as for every text.
    let utf8_as_windows_writes_it = std::str::from_utf8(&u[3..]).unwrap().replace('\u{2014}', "\u{2015}");
    assert_eq!(decode_cp932(&s), utf8_as_windows_writes_it);
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
        // Item 1's only phase as data/sap3.toml has it: 2021-04 .. 2024-03, no progress entered.
        assert_eq!(&rows[0][0], "1");
        assert_eq!(&rows[0][2], "他部署業務の時間外勤務");
        assert_eq!(&rows[0][4], "令和3年4月");
        assert_eq!(&rows[0][5], "令和6年3月");
        assert_eq!(&rows[0][8], "未着手");
    }
    let bad = run(&["export-schedule-csv", "--db", &db, "--out", "x.csv", "--encoding", "latin1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("utf8-bom か cp932"));
}

/// The rows of a UTF-8 export, parsed back as a spreadsheet would.
fn exported_rows(db: &str, dir: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let path = dir.join("full.csv");
    let out = export(db, &path, "utf8-bom");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().iter().map(str::to_string).collect();
    (headers, reader.records().map(Result::unwrap).collect())
}

fn column(headers: &[String], name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {headers:?}"))
}

#[test]
fn the_council_csv_carries_every_evaluation_remark_and_direction() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |_| {});
    let set = |args: &[&str]| {
        let mut all = vec!["set-evaluation", "--db", db.as_str()];
        all.extend(args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    };
    set(&[
        "--item",
        "16",
        "--year",
        "R4",
        "--rating",
        "B",
        "--results",
        "滞納整理を進めた。",
        "--next-steps",
        "=催告を続ける",
    ]);
    set(&["--item", "16", "--year", "R3", "--rating", "A"]);
    set(&["--item", "1", "--year", "R5", "--rating", "S"]);

    let (headers, rows) = exported_rows(&db, dir.path());
    let want_tail = [
        "令和3年度実績",
        "令和4年度実績",
        "令和5年度実績",
        "進捗率",
        "判定",
        "備考",
        "暫定の実績",
        "令和3年度評価",
        "令和3年度取組実績",
        "令和3年度課題・今後の方針",
        "令和3年度審議会意見",
        "令和4年度評価",
        "令和4年度取組実績",
        "令和4年度課題・今後の方針",
        "令和4年度審議会意見",
        "令和5年度評価",
        "令和5年度取組実績",
        "令和5年度課題・今後の方針",
        "令和5年度審議会意見",
    ];
    assert_eq!(headers[12], "目標の方向");
    assert_eq!(&headers[13..], want_tail);

    let item = |n: &str| rows.iter().filter(|r| &r[3] == n).collect::<Vec<_>>();
    // Item 16: the remarks printed with its values (data/sap3.toml, from the plan document).
    let r16 = item("16");
    assert_eq!(r16.len(), 1);
    let r16 = r16[0];
    assert_eq!(&r16[column(&headers, "備考")], "基準値: R2.6.1現在／目標値: 10%縮減");
    assert_eq!(&r16[column(&headers, "目標の方向")], "減少");
    assert_eq!(&r16[column(&headers, "令和3年度評価")], "A");
    assert_eq!(&r16[column(&headers, "令和4年度評価")], "B");
    assert_eq!(&r16[column(&headers, "令和4年度取組実績")], "滞納整理を進めた。");
    assert_eq!(&r16[column(&headers, "令和4年度課題・今後の方針")], "'=催告を続ける", "guarded like every text");
    assert_eq!(&r16[column(&headers, "令和5年度評価")], "未評価");
    assert_eq!(&item("21")[0][column(&headers, "備考")], "職員の約10%");
    // Item 30: the plan prints 18.0 / 33.0 (data/sap3.toml, from the plan document).
    assert_eq!(&item("30")[0][column(&headers, "基準値")], "18.0");
    assert_eq!(&item("30")[0][column(&headers, "目標値")], "33.0");
    assert_eq!(&r16[column(&headers, "基準値")], "949451676");
    assert_eq!(&item("21")[0][column(&headers, "目標の方向")], "増加");
    // Item 23's three printed goals are one KPI: its milestones and remarks are in 備考.
    let r23 = item("23");
    assert_eq!(r23.len(), 1);
    assert_eq!(
        &r23[0][column(&headers, "備考")],
        "基準値: 長寿命化計画策定／目標値: 累計／中間目標: R7までに1、R9までに2（累計）"
    );
    let r1 = item("1");
    assert!(r1.iter().all(|r| &r[column(&headers, "令和5年度評価")] == "S"));
    assert!(rows.iter().all(|r| r.len() == headers.len()));
}

#[test]
fn the_council_table_as_xlsx_holds_the_same_cells() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), |p| {
        p.items[15].kpis[0].actuals.insert(reform_tracker::model::FiscalYear(2021), KpiValue::Number(902_000_000.0));
    });
    assert_eq!(
        run(&["set-evaluation", "--db", &db, "--item", "16", "--year", "R3", "--rating", "C"]).status.code(),
        Some(0)
    );
    let (headers, rows) = exported_rows(&db, dir.path());
    let path = dir.path().join("審議会.xlsx");
    let out = run(&["export-csv", "--db", &db, "--out", path.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("審議会一覧").unwrap();
    assert_eq!(sheet.height(), rows.len() + 1);
    for (c, h) in headers.iter().enumerate() {
        assert_eq!(sheet.get((0, c)), Some(&Data::String(h.clone())));
    }
    let r16 = 1 + rows.iter().position(|r| &r[3] == "16").unwrap();
    let at = |name: &str| sheet.get((r16, column(&headers, name))).cloned();
    assert_eq!(at("令和3年度実績"), Some(Data::Float(902_000_000.0)), "a number Excel can add up");
    assert_eq!(at("基準値"), Some(Data::Float(949_451_676.0)));
    assert_eq!(at("備考"), Some(Data::String("基準値: R2.6.1現在／目標値: 10%縮減".into())));
    assert_eq!(at("令和3年度評価"), Some(Data::String("C".into())));

    let bad = run(&["export-csv", "--db", &db, "--out", "x.xlsx", "--format", "ods"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("csv か xlsx"));
}
