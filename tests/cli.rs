//! The command line as a user runs it: exit codes, messages, files.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init(dir: &Path) -> String {
    let db = dir.join("sap3.sqlite").to_string_lossy().into_owned();
    let out = run(&["init", "--db", &db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    db
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = run(&["init", "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--force"));
    assert_eq!(run(&["init", "--db", &db, "--force"]).status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(run(&["export-csv", "--db", "x.sqlite"]).status.code(), Some(2), "--out is required");
}

#[test]
fn check_accepts_a_sound_record_and_rejects_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = run(&["check", "--db", &db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("改革項目 31 件"));

    // Damage a page in the middle of the file.
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 4096] {
        *b = 0x5A;
    }
    let damaged = dir.path().join("damaged.sqlite");
    std::fs::write(&damaged, &bytes).unwrap();
    let out = run(&["check", "--db", damaged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("エラー") && (err.contains("壊れて") || err.contains("問題")), "{err}");

    let missing = run(&["check", "--db", dir.path().join("none.sqlite").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("見つかりません"));
}

#[test]
fn export_csv_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let csv = dir.path().join("council.csv");
    let out = run(&["export-csv", "--db", &db, "--out", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    let body = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(body.ends_with("\r\n"));
    assert!(!body.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    let mut lines = body.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "重点項目番号,重点項目,取組分類,項目番号,改革項目,実施課,目標名,単位,基準年度,基準値,目標年度,目標値,目標の方向,\
         令和3年度実績,令和4年度実績,令和5年度実績,進捗率,判定,備考,暫定の実績,\
         令和3年度評価,令和3年度取組実績,令和3年度課題・今後の方針,令和3年度審議会意見,\
         令和4年度評価,令和4年度取組実績,令和4年度課題・今後の方針,令和4年度審議会意見,\
         令和5年度評価,令和5年度取組実績,令和5年度課題・今後の方針,令和5年度審議会意見"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        32,
        "one row per KPI: 32 KPIs in SAP III (item 23's three goals are one KPI with milestones)"
    );
    let items: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(items.len(), 31);
    let r16 = rows.iter().find(|r| &r[3] == "16").unwrap();
    assert_eq!(&r16[5], "税務課");
    assert_eq!(&r16[9], "949451676");
    assert_eq!(&r16[11], "854506508");
    assert_eq!(&r16[17], "未計測");
    let r15 = rows.iter().find(|r| &r[3] == "15").unwrap();
    assert_eq!(&r15[11], "存続の可否決定");
    assert_eq!(&r15[17], "対象外");
    // A title with a comma-free but quote-needing field would be quoted; check RFC 4180 on item 7's title.
    assert!(body.contains("選挙における期日前投票所の拡充や共通投票所及び移動投票所の導入"));
}

#[test]
fn set_actual_parses_like_the_table_and_refuses_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = run(&["set-actual", "--db", &db, "--item", "16", "--year", "R3", "--value", "９０２，０００，０００"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let before = std::fs::read(&db).unwrap();
    let out = run(&["set-actual", "--db", &db, "--item", "16", "--year", "令和4年度", "--value", "abc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("数値として読めません"));
    assert_eq!(std::fs::read(&db).unwrap(), before, "a refused value changes nothing");
    let out = run(&["set-actual", "--db", &db, "--item", "99", "--year", "R3", "--value", "1"]);
    assert_eq!(out.status.code(), Some(1));

    let csv = dir.path().join("c.csv");
    run(&["export-csv", "--db", &db, "--out", csv.to_str().unwrap()]);
    let body = String::from_utf8(std::fs::read(&csv).unwrap()[3..].to_vec()).unwrap();
    let line = body.split("\r\n").find(|l| l.contains("税務課")).unwrap();
    assert!(line.contains(",減少,902000000,,,50.0,順調,"), "{line}");
}

/// clap's own English, none of which may reach the user.
const ENGLISH: [&str; 16] = [
    "Print help",
    "Print version",
    "Print this message",
    "Usage:",
    "Commands:",
    "Options:",
    "Arguments:",
    "For more information",
    "error:",
    "invalid value",
    "unexpected argument",
    "unrecognized subcommand",
    "the following required arguments",
    "[possible values",
    "[default:",
    "tip:",
];

fn assert_japanese(what: &str, out: &Output) {
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    for phrase in ENGLISH {
        assert!(!all.contains(phrase), "{what}: clap's 「{phrase}」 in\n{all}");
    }
}

#[test]
fn help_and_version_are_japanese() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_japanese(&format!("{args:?}"), &out);
        let help = text(&out.stdout);
        for part in
            ["使い方: reform-tracker", "コマンド:", "オプション:", "この説明を表示する", "版（バージョン）を表示する"]
        {
            assert!(help.contains(part), "{args:?} lacks 「{part}」:\n{help}");
        }
        assert!(help.contains("print") && help.contains("コマンドの説明を表示する"), "{help}");
    }
    for args in [&["print", "--help"][..], &["help", "print"], &["print", "-h"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_japanese(&format!("{args:?}"), &out);
        let help = text(&out.stdout);
        for part in
            ["使い方: reform-tracker print --out <FILE.pdf> [オプション]", "出力先の PDF ファイル", "--text-size"]
        {
            assert!(help.contains(part), "{args:?} lacks 「{part}」:\n{help}");
        }
    }
    // A default not already told in the description is told in Japanese.
    let history = text(&run(&["history", "--help"]).stdout);
    assert!(history.contains("（既定: 50）"), "{history}");
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim(), format!("reform-tracker {}", env!("CARGO_PKG_VERSION")));
    assert_japanese("--version", &out);
}

#[test]
fn usage_errors_say_what_to_do_in_japanese() {
    // (arguments, words the message must hold)
    let cases: [(&[&str], &[&str]); 8] = [
        (&["no-such-command"], &["「no-such-command」というコマンドはありません", "reform-tracker --help"]),
        (
            &["print", "--out", "x.pdf", "--bogus"],
            &["「--bogus」という指定はありません", "reform-tracker print --help"],
        ),
        (&["print", "--out", "x.pdf", "--paper", "a5"], &["用紙「a5」は使えません", "a3 か a4"]),
        (&["print", "--out", "x.pdf", "--text-size", "huge"], &["文字の大きさ「huge」", "large"]),
        (&["set-actual", "--item", "abc", "--year", "R3", "--value", "1"], &["「abc」を読めません", "--item"]),
        (&["export-csv", "--db", "x.sqlite"], &["必要な指定がありません", "--out", "もう一度実行してください"]),
        (&["print", "--out", "x.pdf", "--focus", "1", "--department", "秘書課"], &["同時に指定できません"]),
        (&["help", "nope"], &["「nope」というコマンドはありません"]),
    ];
    for (args, words) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}: errors go to stderr");
        assert_japanese(&format!("{args:?}"), &out);
        let err = text(&out.stderr);
        assert!(err.starts_with("エラー: "), "{args:?}: {err}");
        for w in words {
            assert!(err.contains(w), "{args:?}: 「{w}」 not in\n{err}");
        }
    }
    // Each usage error ends by saying where to read more, and shows the command's usage line.
    let err = text(&run(&["export-csv", "--db", "x.sqlite"]).stderr);
    assert!(err.contains("使い方: reform-tracker export-csv --out <FILE> [オプション]"), "{err}");
    assert!(err.contains("詳しくは「reform-tracker export-csv --help」で説明を表示してください。"), "{err}");
}
