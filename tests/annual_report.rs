//! The year's report as the office makes it: ratings entered from the command line into a real
//! record, `report` run as a process, and its site, PDF and workbook read back from disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use reform_tracker::model::Plan;
use reform_tracker::store::Store;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn init(dir: &Path) -> String {
    let db = dir.join("sap3.sqlite").to_string_lossy().into_owned();
    ok(&["init", "--db", &db]);
    db
}

/// Ratings for 令和4年度, entered as an officer would.
const RATINGS: [(u32, &str); 6] = [(1, "S"), (2, "A"), (3, "A"), (16, "B"), (20, "C"), (30, "ａ")];

fn rate(db: &str) {
    for (item, rating) in RATINGS {
        let n = item.to_string();
        ok(&[
            "set-evaluation",
            "--db",
            db,
            "--item",
            &n,
            "--year",
            "R4",
            "--rating",
            rating,
            "--results",
            "取組を進めた。",
        ]);
    }
}

fn report(db: &str, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["report", "--db", db, "--year", "R4", "--out", out.to_str().unwrap(), "--as-of", "2023-03-31"];
    args.extend(extra);
    ok(&args)
}

fn plan(db: &str) -> Plan {
    Store::open(Path::new(db)).unwrap().load().unwrap()
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(name).unwrap()
}

fn cell_text(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        other => format!("{other:?}"),
    }
}

fn column(range: &calamine::Range<Data>, name: &str) -> usize {
    (0..range.width()).find(|c| cell_text(range, 0, *c) == name).unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn the_summary_counts_equal_the_ratings_in_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    rate(&db);
    let out = dir.path().join("報告書");
    report(&db, &out, &[]);

    // Expected counts per 重点項目, from the ratings entered above and each item's focus area.
    let plan = plan(&db);
    let mut expected: BTreeMap<u32, [usize; 4]> = BTreeMap::new();
    for (item, rating) in RATINGS {
        let focus = plan.item_by_number(item).unwrap().focus_area;
        let slot = ["S", "A", "B", "C"].iter().position(|r| *r == rating.replace('ａ', "A")).unwrap();
        expected.entry(focus).or_default()[slot] += 1;
    }
    let summary = sheet(&out.join("annual-report-R4.xlsx"), "総括表");
    assert_eq!(summary.height(), plan.focus_areas.len() + 2, "header, one row per 重点項目, total");
    let (items, evaluated) = (column(&summary, "項目数"), column(&summary, "評価済"));
    for (i, f) in plan.focus_areas.iter().enumerate() {
        let row = i + 1;
        assert!(cell_text(&summary, row, 0).starts_with(&format!("重点項目{}", f.number)));
        let want = expected.get(&f.number).copied().unwrap_or_default();
        for (k, r) in ["S", "A", "B", "C"].iter().enumerate() {
            let got = cell_text(&summary, row, column(&summary, &format!("{r}（件）")));
            assert_eq!(got, want[k].to_string(), "重点項目{} {r}", f.number);
        }
        let in_focus = plan.items.iter().filter(|it| it.focus_area == f.number).count();
        assert_eq!(cell_text(&summary, row, items), in_focus.to_string());
        assert_eq!(cell_text(&summary, row, evaluated), want.iter().sum::<usize>().to_string());
    }
    let total = plan.focus_areas.len() + 1;
    assert_eq!(cell_text(&summary, total, 0), "合計");
    assert_eq!(cell_text(&summary, total, items), "31");
    assert_eq!(cell_text(&summary, total, evaluated), "6");
    assert_eq!(cell_text(&summary, total, column(&summary, "A（件）")), "3");
    // 計画実施率 = (S + A) / rated = 4 / 6.
    assert_eq!(cell_text(&summary, total, column(&summary, "計画実施率（%）")), "66.7");
    // Every standing is counted once: the six columns add up to the items.
    let standing_sum: usize = ["S", "A", "B", "C", "対象外", "未評価"]
        .iter()
        .map(|r| cell_text(&summary, total, column(&summary, &format!("{r}（件）"))).parse::<usize>().unwrap())
        .sum();
    assert_eq!(standing_sum, 31);

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(r#"<html lang="ja">"#));
    assert!(index.contains(r#"<th scope="row">合計</th><td>31</td><td>6</td><td>1<span"#), "total row in the page");

    let items_sheet = sheet(&out.join("annual-report-R4.xlsx"), "改革項目一覧");
    assert_eq!(items_sheet.height(), 32);
    let r16 = (1..32).find(|r| cell_text(&items_sheet, *r, 0) == "16").unwrap();
    assert_eq!(cell_text(&items_sheet, r16, column(&items_sheet, "令和4年度評価")), "B");
    assert_eq!(cell_text(&items_sheet, r16, column(&items_sheet, "令和4年度取組実績")), "取組を進めた。");
}

#[test]
fn every_item_has_its_page_and_the_index_links_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = dir.path().join("site");
    report(&db, &out, &[]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for item in &plan(&db).items {
        let name = format!("item-{:02}.html", item.number);
        let page = std::fs::read_to_string(out.join(&name)).unwrap_or_else(|_| panic!("{name} missing"));
        assert!(page.contains(r#"<html lang="ja">"#));
        let title = item.title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(page.contains(&format!("<h1>改革項目{} {title}</h1>", item.number)), "{name}");
        assert!(index.contains(&format!(r#"<a href="{name}">"#)), "index links {name}");
        for kpi in &item.kpis {
            assert!(page.contains(&kpi.name.replace('&', "&amp;")), "{name}: KPI {}", kpi.name);
        }
    }
    let p16 = std::fs::read_to_string(out.join("item-16.html")).unwrap();
    assert!(p16.contains("基準値: R2.6.1現在／目標値: 10%縮減"), "the plan's remarks on the baseline and the target");
    assert!(p16.contains("949,451,676円"), "numbers as printed");
    let p30 = std::fs::read_to_string(out.join("item-30.html")).unwrap();
    assert!(p30.contains("18.0%（令和2年度）") && p30.contains("33.0%（令和5年度）"), "18.0 as the plan prints it");
    assert!(p16.contains(r#"role="img""#) && p16.contains("<desc"), "the chart has a text alternative");
    assert!(out.join("style.css").is_file());
}

#[test]
fn changes_list_what_changed_after_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    ok(&["set-evaluation", "--db", &db, "--item", "5", "--year", "R4", "--rating", "B"]);
    let earlier = dir.path().join("前回.sqlite");
    ok(&["export", "--db", &db, "--out", earlier.to_str().unwrap()]);
    ok(&["set-actual", "--db", &db, "--item", "16", "--year", "R4", "--value", "870,123,456"]);

    let today = chrono::Local::now().date_naive();
    let out = dir.path().join("by-date");
    report(&db, &out, &["--since", &today.format("%Y-%m-%d").to_string()]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("870,123,456"), "the actual entered today is listed");
    let title5 = plan(&db).item_by_number(5).unwrap().title.clone();
    assert!(index.contains(&format!("改革項目5 {title5}")), "the rating entered today is listed with the item's title");

    let tomorrow = today.succ_opt().unwrap().format("%Y-%m-%d").to_string();
    let out = dir.path().join("none");
    report(&db, &out, &["--since", &tomorrow]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("変更はありません") && !index.contains("870,123,456"));

    let out = dir.path().join("by-record");
    report(&db, &out, &["--since-record", earlier.to_str().unwrap()]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("870,123,456"), "the later actual differs from the earlier record");
    assert!(
        index.contains("前回の記録「前回.sqlite」との比較（1件）"),
        "only the later change: {}",
        changes_part(&index)
    );
}

fn changes_part(index: &str) -> &str {
    index.split("h-changes").nth(1).unwrap_or("")
}

fn pdf_tool(tool: &str, pdf: &PathBuf, after: &[&str]) -> String {
    let out = Command::new(tool).arg(pdf).args(after).output().unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(out.status.success(), "{tool}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_pdf_is_tagged_titled_numbered_and_embeds_the_font() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    rate(&db);
    let out = dir.path().join("pdf");
    report(&db, &out, &["--since", "2000-01-01"]);
    let pdf = out.join("annual-report-R4.pdf");
    let info = pdf_tool("pdfinfo", &pdf, &[]);
    let field = |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string());
    assert_eq!(field("Tagged:").as_deref(), Some("yes"), "{info}");
    assert_eq!(field("Title:").as_deref(), Some("せき行財政改革アクションプランⅢ 令和4年度 進捗状況報告書"));
    let pages: usize = field("Pages:").unwrap().parse().unwrap();
    assert!(pages >= 33, "総括表, 31 item sheets and 変更点: {pages}");
    let body = pdf_tool("pdftotext", &pdf, &["-"]);
    for n in [1, pages] {
        assert!(body.contains(&format!("{n} / {pages}")), "page number {n} / {pages}");
    }
    assert!(body.contains("総括表") && body.contains("変更点"));
    for item in &plan(&db).items {
        assert!(body.contains(&format!("改革項目{} ", item.number)), "sheet of item {}", item.number);
    }
    let fonts = pdf_tool("pdffonts", &pdf, &[]);
    assert!(fonts.lines().any(|l| l.contains("BIZUDGothic") && l.contains("yes yes")), "{fonts}");
}

#[test]
fn bad_years_and_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let out = run(&["report", "--db", &db, "--year", "R9", "--out", dir.path().join("x").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("計画の期間"), "{}", text(&out.stderr));
    assert!(!dir.path().join("x").exists(), "nothing written");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = run(&["report", "--db", &db, "--year", "R4", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("フォルダを指定"), "{}", text(&out.stderr));
}
