//! Plan files on disk: `init --plan` and `plan-export` through the real binary. A plan that goes
//! out and comes back is the same plan; a file with an error is refused in Japanese, naming the
//! line and the key, and leaves no file behind.

mod common;

use std::path::Path;

use common::{run, s, text};
use reform_tracker::model::Plan;
use reform_tracker::store::Store;

const FIVE_YEAR: &str = include_str!("data/five_year_plan.toml");

/// A plan with its ids taken out (a new record numbers rows afresh) and categories named, so two
/// records of the same plan compare equal.
fn normalized(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for item in &mut p.items {
        item.category_id = 0;
        item.id = 0;
        for k in &mut item.kpis {
            k.id = 0;
        }
        for r in &mut item.schedule {
            r.id = 0;
            for ph in &mut r.phases {
                ph.id = 0;
            }
        }
    }
    let categories: Vec<_> =
        plan.items.iter().map(|i| plan.category(i.category_id).map(|(f, c)| (f.number, c.title.clone()))).collect();
    assert!(categories.iter().all(Option::is_some), "every item's category is one of the plan's");
    for f in &mut p.focus_areas {
        f.id = 0;
        for c in &mut f.categories {
            c.id = 0;
        }
    }
    // The category each item belongs to, by name, stands in for its id.
    for (item, cat) in p.items.iter_mut().zip(categories) {
        item.title = format!("{}\u{0}{:?}", item.title, cat);
    }
    p
}

fn load(db: &Path) -> Plan {
    Store::open(db).unwrap().load().unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn sap3_goes_out_to_a_plan_file_and_comes_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, file) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"), dir.path().join("sap3.toml"));
    ok(&["init", "--db", &s(&a)]);
    ok(&["plan-export", "--db", &s(&a), "--out", &s(&file)]);
    let out = ok(&["init", "--db", &s(&b), "--plan", &s(&file)]);
    assert!(out.contains("改革項目 31 件"), "{out}");
    let (pa, pb) = (load(&a), load(&b));
    assert_eq!(pb.items.len(), 31);
    assert_eq!(pb.items.iter().map(|i| i.kpis.len()).sum::<usize>(), 32, "the 32 KPIs of data/sap3.toml");
    assert_eq!(pb.schedule_row_count(), 44, "the 44 schedule rows of data/sap3.toml");
    assert_eq!(normalized(&pa), normalized(&pb));
    // Item 30's 18.0 keeps its printed decimal; item 16 is the one reduction target.
    let k30 = &pb.item_by_number(30).unwrap().kpis[0];
    assert_eq!(k30.decimals, 1, "{k30:?}");
    assert!(pb.item_by_number(16).unwrap().kpis.iter().any(|k| k.direction.code() == "decrease"));
    // The export of the copy is the same text: nothing drifts on a second round.
    let again = dir.path().join("again.toml");
    ok(&["plan-export", "--db", &s(&b), "--out", &s(&again)]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), std::fs::read_to_string(&again).unwrap());
}

#[test]
fn the_five_year_plan_goes_out_and_comes_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("plan.toml");
    std::fs::write(&src, FIVE_YEAR).unwrap();
    let (a, b, file) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"), dir.path().join("out.toml"));
    ok(&["init", "--db", &s(&a), "--plan", &s(&src)]);
    ok(&["plan-export", "--db", &s(&a), "--out", &s(&file)]);
    ok(&["init", "--db", &s(&b), "--plan", &s(&file)]);
    let (pa, pb) = (load(&a), load(&b));
    assert_eq!(pb.info.name, "第2次 行政経営改革プラン");
    assert_eq!((pb.info.first_year.0, pb.info.last_year.0), (2024, 2028));
    assert_eq!(pb.focus_areas.len(), 3);
    assert_eq!(pb.items.len(), 8);
    assert_eq!(pb.item_by_number(4).unwrap().kpis.len(), 3);
    assert!(pb.item_by_number(3).unwrap().kpis[0].is_text_goal());
    assert_eq!(normalized(&pa), normalized(&pb));
}

#[test]
fn phase_progress_and_printed_decimals_survive_the_round_trip() {
    let mut plan = reform_tracker::plan_file::parse(FIVE_YEAR).unwrap();
    let phase = &mut plan.items[0].schedule[0].phases[0].data;
    phase.actual_start = Some(reform_tracker::model::YearMonth::new(2024, 5));
    phase.actual_end = Some(reform_tracker::model::YearMonth::new(2024, 11));
    phase.status = reform_tracker::model::PhaseStatus::Done;
    phase.note = "議会に報告".into();
    // 1.50 %: two decimals that the written number 1.5 does not show.
    let kpi = &mut plan.items[1].kpis[0];
    kpi.decimals = 2;
    kpi.target = Some(reform_tracker::model::KpiValue::Number(1.5));
    let text = reform_tracker::plan_file::to_toml(&plan).unwrap();
    assert!(text.contains("decimals = 2"), "{text}");
    assert!(text.contains("status = \"done\""), "{text}");
    let back = reform_tracker::plan_file::parse(&text).unwrap();
    assert_eq!(back, plan);
}

/// Writes the five-year plan with `from` replaced by `to` (which must occur once), runs `init --plan`
/// and checks the refusal: exit 1, Japanese, the line where `to` begins and the key named, no file.
fn refused(from: &str, to: &str, key: &str) -> String {
    assert_eq!(FIVE_YEAR.matches(from).count(), 1, "test setup: {from:?} occurs once");
    let broken = FIVE_YEAR.replacen(from, to, 1);
    // The replacement begins where `from` did.
    let at = FIVE_YEAR.find(from).unwrap();
    let line = broken[..at].matches('\n').count() + 1 + to.chars().take_while(|c| *c == '\n').count();
    refused_text(&broken, Some(line), key)
}

fn refused_text(broken: &str, line: Option<usize>, key: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("壊れた計画.toml");
    std::fs::write(&file, broken).unwrap();
    let db = dir.path().join("new.sqlite");
    let out = run(&["init", "--db", &s(&db), "--plan", &s(&file)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("壊れた計画.toml"), "names the file: {err}");
    if let Some(line) = line {
        assert!(err.contains(&format!("{line} 行目")), "line {line}: {err}");
    } else {
        assert!(err.contains(" 行目"), "a line: {err}");
    }
    assert!(err.contains(&format!("「{key}」")), "key {key}: {err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "nothing but the plan file is left: {left:?}");
    err
}

#[test]
fn a_toml_syntax_error_is_refused_by_line() {
    let err = refused("first_year = 2024 ", "first_year = 2024 年度", "first_year");
    assert!(err.contains("書式"), "{err}");
}

#[test]
fn a_value_of_the_wrong_kind_is_refused_by_line_and_key() {
    refused("first_year = 2024 ", "first_year = \"令和6年度\" ", "first_year");
    refused("target = 250\n", "target = [250]\n", "target");
}

#[test]
fn an_unknown_key_is_refused_by_name() {
    let err = refused("baseline_year = 2023  #", "owner = \"企画課\"\nbaseline_year = 2023  #", "owner");
    assert!(err.contains("という項目はありません"), "{err}");
}

#[test]
fn a_missing_key_is_refused_by_name() {
    let broken = FIVE_YEAR.replacen("short_name = \"第2次プラン\"\n", "", 1);
    let err = refused_text(&broken, None, "short_name");
    assert!(err.contains("ありません"), "{err}");
}

#[test]
fn a_period_ending_before_it_starts_is_refused() {
    let err = refused("last_year = 2028 ", "last_year = 2022 ", "last_year");
    assert!(err.contains("開始年度"), "{err}");
}

#[test]
fn a_period_of_more_than_ten_years_is_refused() {
    let err = refused("last_year = 2028 ", "last_year = 2034 ", "last_year");
    assert!(err.contains("11 年度"), "{err}");
}

#[test]
fn an_item_in_a_focus_area_that_does_not_exist_is_refused() {
    let err = refused("focus_area = 3\ncategory = \"組織", "focus_area = 4\ncategory = \"組織", "focus_area");
    assert!(err.contains("重点項目4がありません"), "{err}");
}

#[test]
fn an_item_in_a_category_that_does_not_exist_is_refused() {
    let err = refused("category = \"組織の見直し\"\ntitle", "category = \"組織の再編\"\ntitle", "category");
    assert!(err.contains("組織の再編"), "{err}");
}

#[test]
fn a_duplicate_item_number_is_refused() {
    let err = refused("number = 8\n", "number = 7\n", "number");
    assert!(err.contains("改革項目7が二度"), "{err}");
}

#[test]
fn a_duplicate_focus_area_number_is_refused() {
    refused("number = 3\ntitle = \"人と", "number = 2\ntitle = \"人と", "number");
}

#[test]
fn a_month_not_written_yyyy_mm_is_refused() {
    for bad in ["2024-13", "R6.10", "2024/10", "2024-1"] {
        let err = refused("start = \"2024-10\"", &format!("start = \"{bad}\""), "start");
        assert!(err.contains("YYYY-MM"), "{err}");
    }
}

#[test]
fn a_phase_that_starts_after_it_ends_is_refused() {
    let err = refused("end = \"2024-09\" }", "end = \"2024-01\" }", "end");
    assert!(err.contains("より後"), "{err}");
}

#[test]
fn an_actual_end_without_an_actual_start_is_refused() {
    let err = refused("end = \"2024-09\" }", "end = \"2024-09\", actual_end = \"2024-09\" }", "actual_end");
    assert!(err.contains("実績の開始"), "{err}");
}

#[test]
fn numbers_that_are_not_finite_or_too_large_are_refused() {
    for bad in ["nan", "inf", "-inf", "1e300"] {
        let err = refused("baseline = 91.5", &format!("baseline = {bad}"), "baseline");
        assert!(err.contains("経常収支比率"), "{err}");
    }
}

#[test]
fn a_direction_other_than_increase_or_decrease_is_refused() {
    refused("direction = \"decrease\"\nnote = \"普通会計\"", "direction = \"down\"\nnote = \"普通会計\"", "direction");
}

#[test]
fn a_refused_plan_leaves_an_existing_record_untouched_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("record.sqlite");
    ok(&["init", "--db", &s(&db)]);
    let before = std::fs::read(&db).unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, FIVE_YEAR.replacen("last_year = 2028 ", "last_year = 2040 ", 1)).unwrap();
    let out = run(&["init", "--db", &s(&db), "--plan", &s(&file), "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let mut left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["bad.toml", "record.sqlite"]);
}

#[test]
fn a_plan_file_that_is_missing_or_not_utf8_is_refused_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite");
    let out = run(&["init", "--db", &s(&db), "--plan", &s(&dir.path().join("ない.toml"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("読めません"), "{}", text(&out.stderr));
    let sjis = dir.path().join("sjis.toml");
    std::fs::write(&sjis, b"[plan]\nname = \"\x91\xe6\x32\x8e\x9f\"\n").unwrap();
    let out = run(&["init", "--db", &s(&db), "--plan", &s(&sjis)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("UTF-8"), "{}", text(&out.stderr));
    assert!(!db.exists());
}

#[test]
fn a_planned_month_outside_the_plans_period_is_refused() {
    let err = refused("start = \"2024-04\", end = \"2029-03\" }]", "start = \"2024-04\", end = \"2029-06\" }]", "end");
    assert!(err.contains("計画期間"), "{err}");
    let err = refused("{ label = \"準備\", start = \"2024-04\"", "{ label = \"準備\", start = \"2023-10\"", "start");
    assert!(err.contains("令和5年10月"), "{err}");
}

#[test]
fn a_large_plan_with_phase_progress_exports_to_the_same_text_after_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, copy) = (dir.path().join("demo.sqlite"), dir.path().join("copy.sqlite"));
    let (first, second) = (dir.path().join("first.toml"), dir.path().join("second.toml"));
    ok(&["gen-demo", "--db", &s(&demo), "--items", "300", "--rows", "900"]);
    ok(&["plan-export", "--db", &s(&demo), "--out", &s(&first)]);
    ok(&["init", "--db", &s(&copy), "--plan", &s(&first)]);
    ok(&["plan-export", "--db", &s(&copy), "--out", &s(&second)]);
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.contains("status = \"done\"") && text.contains("actual_start = "),
        "the demo's phase progress is written"
    );
    assert_eq!(text, std::fs::read_to_string(&second).unwrap());
    let (a, b) = (load(&demo), load(&copy));
    assert_eq!(b.items.len(), 300);
    assert_eq!(b.schedule_row_count(), 900);
    // The plan is the same; the demo's KPI actuals and evaluations are progress, not plan, and stay behind.
    let mut a = normalized(&a);
    for item in &mut a.items {
        item.evaluations.clear();
        item.council_opinions.clear();
        for k in &mut item.kpis {
            k.actuals.clear();
            k.provisional.clear();
        }
    }
    assert_eq!(a, normalized(&b));
}
