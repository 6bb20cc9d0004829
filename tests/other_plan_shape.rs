//! Every feature on a plan of another shape than SAP III: the invented 第2次 行政経営改革プラン
//! (tests/data/five_year_plan.toml: 令和6〜10年度, 3 focus areas, 8 items, several KPIs per item, a goal
//! in words), created with `init --plan` and run through the real binary.

mod common;
mod survey_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{run, s, text};
use reform_tracker::model::{FiscalYear, KpiValue, Plan};
use reform_tracker::store::Store;
use survey_support::{Typed, fill, read_sheets, write_workbook};

const PLAN_FILE: &str = "tests/data/five_year_plan.toml";

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// The five-year plan in a fresh record in its own folder.
fn five_year_record() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("第2次プラン.sqlite");
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join(PLAN_FILE);
    ok(&["init", "--db", &s(&db), "--plan", &s(&plan)]);
    (dir, db)
}

fn load(db: &Path) -> Plan {
    Store::open(db).unwrap().load().unwrap()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", &s(pdf), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    text(&out.stdout)
}

/// The CSV's header row, without the BOM.
fn csv_header(path: &Path) -> Vec<String> {
    let t = std::fs::read_to_string(path).unwrap();
    let first = t.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    first.split(',').map(str::to_string).collect()
}

#[test]
fn the_schedule_prints_all_five_years_on_a3_and_a4() {
    let (dir, db) = five_year_record();
    for paper in ["a3", "a4"] {
        let pdf = dir.path().join(format!("schedule-{paper}.pdf"));
        ok(&["print", "--db", &s(&db), "--out", &s(&pdf), "--paper", paper, "--as-of", "2026-10-01"]);
        let t = pdf_text(&pdf);
        assert!(t.contains("第2次 行政経営改革プラン"), "{paper}: {t}");
        assert!(t.contains("令和6年度～令和10年度"), "{paper}: the period in the title");
        for year in ["令和6年度", "令和7年度", "令和8年度", "令和9年度", "令和10年度"] {
            assert!(t.lines().any(|l| l.contains(year) && !l.contains('～')), "{paper}: {year} in the header:\n{t}");
        }
        for item in ["事務事業評価による事業の見直し", "公共施設の維持管理費の縮減"] {
            assert!(t.contains(item), "{paper}: {item}");
        }
    }
}

#[test]
fn the_kpi_pages_of_the_print_have_a_column_for_each_of_the_five_years() {
    let (dir, db) = five_year_record();
    ok(&["set-actual", "--db", &s(&db), "--item", "4", "--kpi", "2", "--year", "R10", "--value", "33.5"]);
    let pdf = dir.path().join("with-kpi.pdf");
    ok(&["print", "--db", &s(&db), "--out", &s(&pdf), "--with-kpi", "--as-of", "2029-03-31"]);
    let t = pdf_text(&pdf);
    let header = t.lines().find(|l| l.contains("R6実績")).unwrap_or_else(|| panic!("no KPI header:\n{t}"));
    for col in ["R7実績", "R8実績", "R9実績", "R10実績"] {
        assert!(header.contains(col), "{col} in {header}");
    }
    assert!(t.contains("33.5"), "the R10 actual is printed");
}

#[test]
fn the_council_csv_has_actuals_and_evaluations_for_all_five_years() {
    let (dir, db) = five_year_record();
    ok(&["set-actual", "--db", &s(&db), "--item", "2", "--year", "令和10年度", "--value", "812,000"]);
    ok(&[
        "set-evaluation",
        "--db",
        &s(&db),
        "--item",
        "2",
        "--year",
        "R10",
        "--rating",
        "S",
        "--results",
        "目標を上回った",
    ]);
    let csv = dir.path().join("council.csv");
    ok(&["export-csv", "--db", &s(&db), "--out", &s(&csv)]);
    let header = csv_header(&csv);
    for n in 6..=10 {
        for col in [format!("令和{n}年度実績"), format!("令和{n}年度評価"), format!("令和{n}年度取組実績")]
        {
            assert!(header.contains(&col), "{col} in {header:?}");
        }
    }
    assert!(!header.iter().any(|h| h.starts_with("令和5年度") || h.starts_with("令和11年度")), "{header:?}");
    let body = std::fs::read_to_string(&csv).unwrap();
    // One row per KPI: 13 KPIs in the file.
    assert_eq!(body.lines().count(), 1 + 13);
    let row = body.lines().find(|l| l.contains("寄附額")).unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(cells[at("令和10年度実績")], "812000");
    assert_eq!(cells[at("令和10年度評価")], "S");
    // The xlsx form of the same table opens too.
    let xlsx = dir.path().join("council.xlsx");
    ok(&["export-csv", "--db", &s(&db), "--out", &s(&xlsx), "--format", "xlsx"]);
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);
}

#[test]
fn the_schedule_csv_lists_every_phase_up_to_the_plans_last_month() {
    let (dir, db) = five_year_record();
    let csv = dir.path().join("schedule.csv");
    ok(&["export-schedule-csv", "--db", &s(&db), "--out", &s(&csv)]);
    let body = std::fs::read_to_string(&csv).unwrap();
    // 20 phases in the file.
    assert_eq!(body.lines().count(), 1 + 20, "{body}");
    assert!(body.contains("書かない窓口,試行,令和8年4月,令和9年3月"), "{body}");
    assert!(body.contains("令和11年3月"), "phases run to the end of 令和10年度");
}

#[test]
fn a_survey_for_one_department_goes_out_and_comes_back() {
    let (dir, db) = five_year_record();
    let out = dir.path().join("survey");
    ok(&["survey-export", "--db", &s(&db), "--year", "R7", "--out", &s(&out), "--department", "企画課"]);
    let book = out.join("進捗調査票_令和7年度_企画課.xlsx");
    let mut sheets = read_sheets(&std::fs::read(&book).unwrap());
    let plan = load(&db);
    let main = sheets.iter().find(|s| s.name == "調査票").unwrap().clone();
    // 企画課 shares items 1, 3 and 7 (企画課・財政課, 企画課・人事課): their KPIs and nothing else.
    let kpi_rows = main.rows_of("数値目標");
    assert_eq!(kpi_rows.len(), 4, "items 1 (2 KPIs), 3 and 7");
    let kpi = |item: u32, k: usize| plan.item_by_number(item).unwrap().kpis[k].id.to_string();
    let row = main.find_row("数値目標", 1, &kpi(1, 0));
    let ratio = main.find_row("数値目標", 1, &kpi(1, 1));
    fill(&mut sheets, &[(row, 9, Typed::Text("３５")), (ratio, 9, Typed::Number(90.2))]);
    let filled = dir.path().join("返送_企画課.xlsx");
    std::fs::write(&filled, write_workbook(&sheets)).unwrap();
    let preview = ok(&["survey-import", "--db", &s(&db), "--from", &s(&filled)]);
    assert!(preview.contains("企画課"), "{preview}");
    ok(&["survey-import", "--db", &s(&db), "--from", &s(&filled), "--yes"]);
    let after = load(&db);
    let kpis = &after.item_by_number(1).unwrap().kpis;
    assert_eq!(kpis[0].actuals.get(&FiscalYear(2025)), Some(&KpiValue::Number(35.0)));
    assert_eq!(kpis[1].actuals.get(&FiscalYear(2025)), Some(&KpiValue::Number(90.2)));
    let status = ok(&["survey-status", "--db", &s(&db), "--year", "R7"]);
    assert!(status.contains("企画課"), "{status}");
}

#[test]
fn set_actual_history_and_undo_change_work_for_the_later_years() {
    let (_dir, db) = five_year_record();
    ok(&["set-actual", "--db", &s(&db), "--item", "6", "--kpi", "2", "--year", "R9", "--value", "1,200"]);
    ok(&["set-actual", "--db", &s(&db), "--item", "6", "--kpi", "2", "--year", "R10", "--value", "１５３０"]);
    let k = load(&db).item_by_number(6).unwrap().kpis[1].clone();
    assert_eq!(k.actuals.get(&FiscalYear(2028)), Some(&KpiValue::Number(1530.0)));
    let history = ok(&["history", "--db", &s(&db)]);
    assert!(history.contains("令和10年度実績") && history.contains("令和9年度実績"), "{history}");
    ok(&["undo-change", "--db", &s(&db), "--id", "2"]);
    let k = load(&db).item_by_number(6).unwrap().kpis[1].clone();
    assert_eq!(k.actuals.get(&FiscalYear(2028)), None, "R10 undone");
    assert_eq!(k.actuals.get(&FiscalYear(2027)), Some(&KpiValue::Number(1200.0)), "R9 kept");
    // A year outside the plan is refused.
    let out = run(&["set-actual", "--db", &s(&db), "--item", "6", "--year", "R11", "--value", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn export_and_import_carry_the_five_year_plan() {
    let (dir, db) = five_year_record();
    ok(&["set-actual", "--db", &s(&db), "--item", "1", "--year", "R8", "--value", "41"]);
    let copy = dir.path().join("写し.sqlite");
    ok(&["export", "--db", &s(&db), "--out", &s(&copy)]);
    assert_eq!(load(&copy), load(&db));
    // A second record of the same plan takes the copy in, replacing what it had.
    let other = dir.path().join("other.sqlite");
    let plan_file = Path::new(env!("CARGO_MANIFEST_DIR")).join(PLAN_FILE);
    ok(&["init", "--db", &s(&other), "--plan", &s(&plan_file)]);
    ok(&["import", "--db", &s(&other), "--from", &s(&copy), "--yes"]);
    let got = load(&other);
    assert_eq!(got.info.last_year, FiscalYear(2028));
    assert_eq!(got.item_by_number(1).unwrap().kpis[0].actuals.get(&FiscalYear(2026)), Some(&KpiValue::Number(41.0)));
}

#[test]
fn the_year_report_for_r7_covers_the_plan() {
    let (dir, db) = five_year_record();
    ok(&["set-actual", "--db", &s(&db), "--item", "1", "--year", "R7", "--value", "30"]);
    ok(&[
        "set-evaluation",
        "--db",
        &s(&db),
        "--item",
        "1",
        "--year",
        "R7",
        "--rating",
        "A",
        "--results",
        "30事業を見直した",
    ]);
    let out = dir.path().join("report");
    ok(&["report", "--db", &s(&db), "--year", "R7", "--out", &s(&out), "--as-of", "2026-03-31"]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("第2次 行政経営改革プラン"), "{index}");
    assert!(index.contains("令和7年度"));
    assert!(index.contains("事務事業評価による事業の見直し"));
    for n in 1..=8 {
        assert!(out.join(format!("item-{n:02}.html")).is_file(), "item page {n}");
    }
    let item1 = std::fs::read_to_string(out.join("item-01.html")).unwrap();
    assert!(item1.contains("30事業を見直した"), "{item1}");
    let pdf = pdf_text(&out.join("annual-report-R7.pdf"));
    assert!(pdf.contains("第2次 行政経営改革プラン"), "{pdf}");
    assert!(out.join("annual-report-R7.xlsx").is_file());
}

#[test]
fn a_ten_year_plan_on_a4_portrait_names_every_year_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PLAN_FILE)).unwrap();
    let ten = dir.path().join("ten.toml");
    std::fs::write(&ten, text.replacen("last_year = 2028 ", "last_year = 2033 ", 1)).unwrap();
    let db = dir.path().join("ten.sqlite");
    ok(&["init", "--db", &s(&db), "--plan", &s(&ten)]);
    let pdf = dir.path().join("ten.pdf");
    ok(&["print", "--db", &s(&db), "--out", &s(&pdf), "--paper", "a4", "--portrait", "--as-of", "2030-10-01"]);
    let t = pdf_text(&pdf);
    assert!(t.contains("令和6年度～令和15年度"), "{t}");
    // A year is 1/10 of the page's time axis: too narrow for 令和10年度, so each reads R6 … R15, not 令和1….
    let header = t.lines().find(|l| l.contains("R6") && l.contains("R15")).unwrap_or_else(|| panic!("{t}"));
    for n in 6..=15 {
        assert!(header.split_whitespace().any(|w| w == format!("R{n}")), "R{n} in {header}");
    }
    assert!(!t.contains("令和1…") && !t.contains("令和6…"), "no truncated year: {t}");
}
