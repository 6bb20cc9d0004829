//! The survey's 効果額 section on real files: the 秘書課's 令和4年度 workbook shows each item's
//! planned amount and asks for the actual, the department answers (full-width, ▲, blank to clear),
//! and the answers come back through the same preview, apply and undo as the KPI actuals — from the
//! workbook, from its CSV, refused by cell when unreadable, and workbooks made before the section
//! (format 1) still read as they did.

mod common;
mod survey_support;

use std::path::{Path, PathBuf};

use calamine::Data;
use reform_tracker::edit::Edit;
use reform_tracker::edit::goals::GoalEdit;
use reform_tracker::model::{Effect, Id, KpiValue, Milestone, Plan};
use reform_tracker::session::Session;
use reform_tracker::store::Store;
use reform_tracker::survey::{self, read_answers, read_answers_from_bytes};
use survey_support::*;

/// Column indexes of the main sheet (A = 0).
const ID: usize = 1;
const KPI_NAME: usize = 4;
const KPI_ACTUAL: usize = 9;
const EFFECT_YEAR: usize = 4;
const EFFECT_PLANNED: usize = 5;
const EFFECT_ACTUAL: usize = 6;
const KIND: &str = "効果額";

/// A record whose 秘書課 items 1 and 2 have a 効果額 for 令和4年度 (item 3 none), KPI 1-1 a
/// milestone, and the 秘書課's workbook exported from it.
struct Setup {
    db: PathBuf,
    record_id: String,
    plan: Plan,
    workbook: PathBuf,
    /// 改革項目1, 2, 3 of 秘書課.
    items: [Id; 3],
}

const ITEM1: Effect = Effect { planned: Some(1_200.0), actual: None };
const ITEM2: Effect = Effect { planned: Some(500.0), actual: Some(300.0) };

fn setup(dir: &Path) -> Setup {
    let (db, store) = new_record(dir, "sap3.sqlite");
    let plan = store.load().unwrap();
    let id = |n| plan.item_by_number(n).unwrap().id;
    let items = [id(1), id(2), id(3)];
    for item in items {
        assert_eq!(plan.item(item).unwrap().department, "秘書課", "SAP III: items 1–3 are 秘書課's");
    }
    let mut session = Session::new(store, "test").unwrap();
    for (item_id, e) in [(items[0], ITEM1), (items[1], ITEM2)] {
        let edit = Edit::Goal(GoalEdit::Effect { item_id, year: R4, old: None, new: Some(e) });
        assert!(session.apply(edit).unwrap());
    }
    let kpi = plan.item(items[0]).unwrap().kpis[0].clone();
    let milestone =
        Milestone { year: reform_tracker::model::FiscalYear(2023), value: KpiValue::Number(6.0), cumulative: true };
    let edit = Edit::Goal(GoalEdit::Milestones { kpi_id: kpi.id, old: kpi.milestones.clone(), new: vec![milestone] });
    assert!(session.apply(edit).unwrap());
    drop(session);

    let store = Store::open(&db).unwrap();
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    let paths = survey::export_workbooks(&plan, &record_id, R4, Some("秘書課"), &dir.join("out")).unwrap();
    Setup { db, record_id, plan, workbook: paths[0].clone(), items }
}

fn effect_of(db: &Path, item: Id) -> Option<Effect> {
    Store::open(db).unwrap().load().unwrap().item(item).unwrap().effects.get(&R4).copied()
}

/// The 秘書課 workbook with 効果額 answered: item 1 in full-width digits and a comma, item 2 emptied
/// (its actual cleared), item 3 a reduction written with ▲.
fn answered(bytes: &[u8], s: &Setup) -> Vec<SheetCells> {
    let mut sheets = read_sheets(bytes);
    let row = |i: usize| sheets[0].find_row(KIND, ID, &s.items[i].to_string());
    let (r0, r1, r2) = (row(0), row(1), row(2));
    fill(&mut sheets, &[(r0, EFFECT_ACTUAL, Typed::Text("１，２３４")), (r2, EFFECT_ACTUAL, Typed::Text("▲50"))]);
    sheets[0].cells[r1][EFFECT_ACTUAL] = Data::Empty;
    sheets
}

fn effect_changes(preview: &survey::SurveyPreview) -> Vec<(Id, Option<Effect>, Option<Effect>, String)> {
    preview
        .departments
        .iter()
        .flat_map(|d| &d.changes)
        .filter_map(|c| match &c.edit {
            Edit::Goal(GoalEdit::Effect { item_id, year, old, new }) => {
                assert_eq!(*year, R4);
                assert_eq!(c.field, "令和4年度の効果額");
                Some((*item_id, *old, *new, c.pos.to_string()))
            }
            _ => None,
        })
        .collect()
}

fn check_effect_preview(preview: &survey::SurveyPreview, s: &Setup) {
    assert!(preview.refused_files.is_empty(), "{:?}", preview.refused_files);
    assert_eq!(preview.refusal_count(), 0, "{:#?}", preview.departments[0].refusals);
    let changes = effect_changes(preview);
    assert_eq!(preview.change_count(), 3, "only the 効果額 answers change: {:#?}", preview.departments[0].changes);
    let want = [
        (s.items[0], Some(ITEM1), Some(Effect { planned: Some(1_200.0), actual: Some(1_234.0) })),
        (s.items[1], Some(ITEM2), Some(Effect { planned: Some(500.0), actual: None })),
        (s.items[2], None, Some(Effect { planned: None, actual: Some(-50.0) })),
    ];
    for (item, old, new) in want {
        let c = changes.iter().find(|c| c.0 == item).unwrap_or_else(|| panic!("no change of item {item}"));
        assert_eq!((c.1, c.2), (old, new), "item {item}");
        assert!(c.3.starts_with("調査票!G"), "the answer cell: {}", c.3);
    }
}

#[test]
fn the_sheet_shows_the_planned_amount_and_asks_for_the_actual() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let sheets = read_sheets(&std::fs::read(&s.workbook).unwrap());
    let main = &sheets[0];
    assert!(
        (0..main.cells.len()).any(|r| main.text(r, 0) == "４　効果額（千円）"),
        "the section comes after the others"
    );
    let due = survey::items_due(&s.plan, "秘書課", R4);
    assert_eq!(main.rows_of(KIND).len(), due.len(), "one row per item answered for");
    let last_eval = *main.rows_of("評価").last().unwrap();
    assert!(main.rows_of(KIND).iter().all(|&r| r > last_eval), "after the evaluations");

    let r = main.find_row(KIND, ID, &s.items[0].to_string());
    assert_eq!(main.text(r, 2), "1");
    assert_eq!(main.text(r, 3), s.plan.item(s.items[0]).unwrap().title);
    assert_eq!(main.text(r, EFFECT_YEAR), "令和4年度");
    assert_eq!(main.text(r, EFFECT_PLANNED), "1,200");
    assert_eq!(main.text(r, EFFECT_ACTUAL), "", "no actual recorded yet");
    let r = main.find_row(KIND, ID, &s.items[1].to_string());
    assert_eq!((main.text(r, EFFECT_PLANNED), main.text(r, EFFECT_ACTUAL)), ("500".into(), "300".into()));
    let r = main.find_row(KIND, ID, &s.items[2].to_string());
    assert_eq!(main.text(r, EFFECT_PLANNED), "", "no plan: blank");

    // The KPI row shows the KPI's remarks under its name, in the locked cell.
    let kpi = &s.plan.item(s.items[0]).unwrap().kpis[0];
    let r = main.find_row("数値目標", ID, &kpi.id.to_string());
    let name = main.text(r, KPI_NAME);
    assert!(name.starts_with(&kpi.name) && name.contains("中間目標: R5までに6（累計）"), "{name}");

    // The new format on the hidden sheet; the answer cell unlocked, the key cells not.
    assert_eq!(sheets[1].text(0, 1), "reform-tracker 進捗調査票 2");
    let untouched = read_answers(&s.workbook).unwrap();
    assert_eq!(untouched.altered, None);
    assert_eq!(untouched.effects.len(), due.len());
    let preview = survey::plan_import(&s.plan, &s.record_id, &[untouched]);
    assert_eq!(preview.change_count(), 0, "an untouched workbook changes nothing");
}

#[test]
fn answered_effects_are_previewed_applied_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let filled = dir.path().join("進捗調査票_令和4年度_秘書課（回答）.xlsx");
    std::fs::write(&filled, write_workbook(&answered(&std::fs::read(&s.workbook).unwrap(), &s))).unwrap();

    // The command line lists the changes without writing them.
    let before = std::fs::read(&s.db).unwrap();
    let o = common::run(&["survey-import", "--db", &common::s(&s.db), "--from", &common::s(&filled)]);
    let out = common::text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}{}", out, common::text(&o.stderr));
    assert!(
        out.contains("令和4年度の効果額: 計画 1,200 千円／実績 － 千円 → 計画 1,200 千円／実績 1,234 千円"),
        "{out}"
    );
    assert!(out.contains("計画 500 千円／実績 300 千円 → 計画 500 千円／実績 － 千円"), "{out}");
    assert!(out.contains("（空欄） → 計画 － 千円／実績 -50 千円"), "{out}");
    assert_eq!(std::fs::read(&s.db).unwrap(), before, "a preview writes nothing");

    let answers = read_answers(&filled).unwrap();
    assert_eq!(answers.altered, None);
    let preview = survey::plan_import(&s.plan, &s.record_id, &[answers]);
    check_effect_preview(&preview, &s);

    let mut session = Session::new(Store::open(&s.db).unwrap(), "test").unwrap();
    let done = survey::apply_import(&mut session, &preview);
    assert!(done.failed.is_empty(), "{:?}", done.failed);
    assert_eq!((done.applied.len(), done.received.as_slice()), (3, ["秘書課".to_string()].as_slice()));
    assert_eq!(effect_of(&s.db, s.items[0]), Some(Effect { planned: Some(1_200.0), actual: Some(1_234.0) }));
    assert_eq!(effect_of(&s.db, s.items[1]), Some(Effect { planned: Some(500.0), actual: None }));
    assert_eq!(effect_of(&s.db, s.items[2]), Some(Effect { planned: None, actual: Some(-50.0) }));
    let history = session.store().history(1000).unwrap();
    assert_eq!(history.iter().filter(|h| h.source.starts_with("調査票:令和4年度:秘書課:")).count(), 3);

    // One undo takes the whole import back, on disk.
    assert!(session.undo().unwrap());
    assert_eq!(effect_of(&s.db, s.items[0]), Some(ITEM1));
    assert_eq!(effect_of(&s.db, s.items[1]), Some(ITEM2));
    assert_eq!(effect_of(&s.db, s.items[2]), None);
    drop(session);

    // Taken in again, and importing the same answers once more changes nothing.
    let mut session = Session::new(Store::open(&s.db).unwrap(), "test").unwrap();
    let preview = survey::plan_import(session.plan(), &s.record_id, &[read_answers(&filled).unwrap()]);
    assert!(survey::apply_import(&mut session, &preview).failed.is_empty());
    let again = survey::plan_import(session.plan(), &s.record_id, &[read_answers(&filled).unwrap()]);
    assert_eq!(again.change_count(), 0, "{:#?}", again.departments[0].changes);
}

#[test]
fn csv_saved_answers_carry_the_effects() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let csv = main_sheet_csv(&answered(&std::fs::read(&s.workbook).unwrap(), &s));
    for (name, bytes) in [("sjis.csv", shift_jis_like_excel(&csv)), ("utf8.csv", csv.as_bytes().to_vec())] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let answers = read_answers(&path).unwrap();
        assert_eq!(answers.altered, None, "{name}");
        check_effect_preview(&survey::plan_import(&s.plan, &s.record_id, &[answers]), &s);
    }
    // And applied from the CSV by the command line.
    let path = dir.path().join("sjis.csv");
    let o = common::run(&["survey-import", "--db", &common::s(&s.db), "--from", &common::s(&path), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", common::text(&o.stdout), common::text(&o.stderr));
    assert_eq!(effect_of(&s.db, s.items[0]), Some(Effect { planned: Some(1_200.0), actual: Some(1_234.0) }));
    assert_eq!(effect_of(&s.db, s.items[2]), Some(Effect { planned: None, actual: Some(-50.0) }));
}

#[test]
fn unreadable_or_outlandish_amounts_are_refused_by_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let mut sheets = read_sheets(&std::fs::read(&s.workbook).unwrap());
    let row = |i: usize| sheets[0].find_row(KIND, ID, &s.items[i].to_string());
    let (r0, r1, r2) = (row(0), row(1), row(2));
    fill(
        &mut sheets,
        &[
            (r0, EFFECT_ACTUAL, Typed::Text("約千円")),
            (r1, EFFECT_ACTUAL, Typed::Text("NaN")),
            (r2, EFFECT_ACTUAL, Typed::Number(1e20)),
        ],
    );
    let bad = dir.path().join("hostile.xlsx");
    std::fs::write(&bad, write_workbook(&sheets)).unwrap();
    let mut csv_sheets = sheets.clone();
    fill(&mut csv_sheets, &[(r2, EFFECT_ACTUAL, Typed::Text("1e20"))]);
    let bad_csv = dir.path().join("hostile.csv");
    std::fs::write(&bad_csv, main_sheet_csv(&csv_sheets)).unwrap();

    for path in [&bad, &bad_csv] {
        let preview = survey::plan_import(&s.plan, &s.record_id, &[read_answers(path).unwrap()]);
        let d = &preview.departments[0];
        assert_eq!(d.changes.len(), 0, "{:#?}", d.changes);
        assert_eq!(d.refusals.len(), 3, "{:#?}", d.refusals);
        for (r, needle) in [(r0, "「約千円」は数値として読めません"), (r1, "「NaN」は数値として読めません")]
        {
            let cell = format!("調査票!G{}", r + 1);
            assert!(
                d.refusals.iter().any(|x| x.pos.to_string() == cell && x.reason.contains(needle)),
                "{cell} {needle}: {:#?}",
                d.refusals
            );
        }
        let cell = format!("調査票!G{}", r2 + 1);
        let big = d.refusals.iter().find(|x| x.pos.to_string() == cell).unwrap();
        assert!(big.reason.contains("扱えません") || big.reason.contains("数値として読めません"), "{}", big.reason);
        assert!(!preview.can_apply(), "all refused: the department stays outstanding");
    }
    let cell = format!("調査票!G{}", r2 + 1);
    let preview = survey::plan_import(&s.plan, &s.record_id, &[read_answers(&bad).unwrap()]);
    let big = preview.departments[0].refusals.iter().find(|x| x.pos.to_string() == cell).unwrap();
    assert!(big.reason.contains("令和4年度の効果額（実績）の値「1e20」は扱えません"), "{}", big.reason);

    // The command line names the cells and writes nothing, even with --yes.
    let before = std::fs::read(&s.db).unwrap();
    let o = common::run(&["survey-import", "--db", &common::s(&s.db), "--from", &common::s(&bad), "--yes"]);
    let out = common::text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(&format!("調査票!G{}", r0 + 1)) && out.contains("約千円"), "{out}");
    assert!(out.contains("取り込める変更はありません"), "{out}");
    assert_eq!(std::fs::read(&s.db).unwrap(), before);
    assert_eq!(effect_of(&s.db, s.items[0]), Some(ITEM1));
}

#[test]
fn an_effect_changed_meanwhile_stops_the_import_whole() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let bytes = write_workbook(&answered(&std::fs::read(&s.workbook).unwrap(), &s));
    let preview =
        survey::plan_import(&s.plan, &s.record_id, &[read_answers_from_bytes("秘書課.xlsx", &bytes).unwrap()]);
    assert_eq!(preview.change_count(), 3);

    // A colleague enters item 1's actual on another PC after the preview.
    let mut other = Store::open(&s.db).unwrap();
    let meanwhile = Effect { actual: Some(999.0), ..ITEM1 };
    other
        .apply(
            &Edit::Goal(GoalEdit::Effect { item_id: s.items[0], year: R4, old: Some(ITEM1), new: Some(meanwhile) }),
            "画面",
        )
        .unwrap();

    let mut session = Session::new(Store::open(&s.db).unwrap(), "test").unwrap();
    let done = survey::apply_import(&mut session, &preview);
    assert!(done.applied.is_empty() && done.received.is_empty());
    assert!(done.failed[0].contains("取り込み直してください"), "{:?}", done.failed);
    assert_eq!(effect_of(&s.db, s.items[0]), Some(meanwhile));
    assert_eq!(effect_of(&s.db, s.items[1]), Some(ITEM2), "no change of the import was kept");
}

/// The check value as the writer computes it (`survey::checksum`): FNV-1a over the identity and
/// each row's locked cells, folded to letters and digits. Kept here to make the sheet a build
/// before the 効果額 section wrote; it is checked against the current writer's own value first.
fn check_value(record_id: &str, year: &str, department: &str, rows: &[Vec<String>]) -> String {
    fn fold(t: &str) -> String {
        reform_tracker::model::number::to_half_width(t)
            .chars()
            .filter(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}'
                        | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々' | 'ー')
            })
            .map(|c| c.to_ascii_uppercase())
            .collect()
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut byte = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    let mut row = |fields: &[&str]| {
        for f in fields {
            for b in fold(f).bytes() {
                byte(b);
            }
            byte(0x1F);
        }
        byte(b'\n');
    };
    row(&[record_id, year, department]);
    for r in rows {
        let fields: Vec<&str> = r.iter().map(String::as_str).collect();
        row(&fields);
    }
    format!("{h:016X}")
}

/// The locked cells of each data row in sheet order (kind label, then B.. as the reader takes them).
fn locked_rows(main: &SheetCells, kinds: &[(&str, usize)]) -> Vec<Vec<String>> {
    (0..main.cells.len())
        .filter_map(|r| {
            let kind = main.text(r, 0);
            let (_, n) = kinds.iter().find(|(k, _)| *k == kind)?;
            Some((0..*n).map(|c| main.text(r, c).trim().to_string()).collect())
        })
        .collect()
}

/// The workbook as a build before the 効果額 section made it: no such section, format 1, its check
/// value over the rows it has.
fn format_1(bytes: &[u8]) -> Vec<SheetCells> {
    let mut sheets = read_sheets(bytes);
    let old_kinds = [("数値目標", 9), ("工程", 7), ("評価", 4)];
    let all_kinds = [("数値目標", 9), ("工程", 7), ("評価", 4), (KIND, 6)];
    let main = &sheets[0];
    let (id, year, dept) = (main.text(1, 1), sheets[1].text(2, 1), main.text(1, 7));
    assert_eq!(
        check_value(&id, &year, &dept, &locked_rows(main, &all_kinds)),
        main.text(1, 9),
        "same sum as the writer"
    );

    let section = (0..main.cells.len()).find(|&r| main.text(r, 0) == "４　効果額（千円）").unwrap();
    let mut cells = main.cells.clone();
    cells.truncate(section);
    sheets[0].cells = cells;
    // Format 1's KPI rows had the name alone: no remarks under it.
    for r in sheets[0].rows_of("数値目標") {
        let name = sheets[0].text(r, KPI_NAME);
        let name = name.split('\n').next().unwrap().to_string();
        sheets[0].cells[r][KPI_NAME] = Data::String(name);
    }
    let sum = check_value(&id, &year, &dept, &locked_rows(&sheets[0], &old_kinds));
    sheets[0].cells[1][9] = Data::String(sum.clone());
    sheets[1].cells[0][1] = Data::String("reform-tracker 進捗調査票 1".into());
    sheets[1].cells[4][1] = Data::String(sum);
    sheets
}

#[test]
fn a_workbook_made_before_the_effect_section_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let s = setup(dir.path());
    let mut sheets = format_1(&std::fs::read(&s.workbook).unwrap());
    assert!(sheets[0].rows_of(KIND).is_empty());
    let kpi = s.plan.item(s.items[1]).unwrap().kpis[0].id;
    let row = sheets[0].find_row("数値目標", ID, &kpi.to_string());
    fill(&mut sheets, &[(row, KPI_ACTUAL, Typed::Text("７"))]);

    let xlsx = dir.path().join("旧形式.xlsx");
    std::fs::write(&xlsx, write_workbook(&sheets)).unwrap();
    let csv = dir.path().join("旧形式.csv");
    std::fs::write(&csv, shift_jis_like_excel(&main_sheet_csv(&sheets))).unwrap();
    for path in [&xlsx, &csv] {
        let answers = read_answers(path).unwrap();
        assert_eq!(answers.altered, None, "{}", path.display());
        assert!(answers.effects.is_empty());
        let preview = survey::plan_import(&s.plan, &s.record_id, &[answers]);
        assert_eq!(preview.change_count(), 1, "{:#?}", preview.departments[0].changes);
        assert_eq!(preview.refusal_count(), 0);
    }

    let o = common::run(&["survey-import", "--db", &common::s(&s.db), "--from", &common::s(&xlsx), "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", common::text(&o.stdout), common::text(&o.stderr));
    let plan = Store::open(&s.db).unwrap().load().unwrap();
    assert_eq!(plan.kpi(kpi).unwrap().1.actuals.get(&R4), Some(&KpiValue::Number(7.0)));
    assert_eq!(effect_of(&s.db, s.items[0]), Some(ITEM1), "no section, no change of 効果額");
    assert_eq!(effect_of(&s.db, s.items[1]), Some(ITEM2));

    // A format-2 sheet whose 効果額 section was cut off is not taken for a format-1 one.
    let mut cut = read_sheets(&std::fs::read(&s.workbook).unwrap());
    let section = (0..cut[0].cells.len()).find(|&r| cut[0].text(r, 0) == "４　効果額（千円）").unwrap();
    cut[0].cells.truncate(section);
    let answers = read_answers_from_bytes("cut.xlsx", &write_workbook(&cut)).unwrap();
    assert!(answers.altered.is_some());
}
