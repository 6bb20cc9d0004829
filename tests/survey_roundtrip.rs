//! The survey round trip on real files: workbooks written for 令和4年度 from a real record,
//! filled as a department would (full-width digits, a few invalid cells), read back, judged,
//! applied through the store, and the record reopened.

mod common;
mod survey_support;

use reform_tracker::model::{Id, KpiValue, PhaseStatus, Plan, Rating, YearMonth};
use reform_tracker::survey::{self, SurveyAnswers, read_answers, read_answers_from_bytes};
use survey_support::*;

/// Column indexes of the main sheet (A = 0).
const ID: usize = 1;
const KPI_ACTUAL: usize = 9;
const STATUS: usize = 7;
const START: usize = 8;
const END: usize = 9;
const RATING: usize = 4;
const RESULTS: usize = 5;
const NEXT: usize = 8;

struct Hisho {
    /// 改革項目1, 2, 3 の数値目標 ids (numeric goals).
    kpis: [Id; 3],
    /// 改革項目1, 2, 5(本庁舎見直し) の工程 ids.
    phases: [Id; 3],
    /// 改革項目1, 2 の ids.
    items: [Id; 2],
}

/// A SAP III record in a folder and the 秘書課's 令和4年度 workbook exported from it.
struct HishoSheet {
    db: std::path::PathBuf,
    store: reform_tracker::store::Store,
    plan: Plan,
    record_id: String,
    paths: Vec<std::path::PathBuf>,
    ids: Hisho,
}

fn hisho_sheet(dir: &std::path::Path) -> HishoSheet {
    let (db, store) = new_record(dir, "sap3.sqlite");
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    let paths = survey::export_workbooks(&plan, &record_id, R4, Some("秘書課"), &dir.join("out")).unwrap();
    let ids = hisho_ids(&plan);
    HishoSheet { db, store, plan, record_id, paths, ids }
}

fn hisho_ids(plan: &Plan) -> Hisho {
    let kpi = |n| plan.item_by_number(n).unwrap().kpis[0].id;
    let phase = |n, row: usize| plan.item_by_number(n).unwrap().schedule[row].phases[0].id;
    Hisho {
        kpis: [kpi(1), kpi(2), kpi(3)],
        phases: [phase(1, 0), phase(2, 0), phase(5, 1)],
        items: [plan.item_by_number(1).unwrap().id, plan.item_by_number(2).unwrap().id],
    }
}

/// The 秘書課 workbook filled in: three good answers per section and a few bad ones.
fn filled_hisho(bytes: &[u8], ids: &Hisho) -> Vec<SheetCells> {
    let mut sheets = read_sheets(bytes);
    let main = sheets.iter().find(|s| s.name == "調査票").unwrap().clone();
    let kpi = |i: usize| main.find_row("数値目標", ID, &ids.kpis[i].to_string());
    let phase = |i: usize| main.find_row("工程", ID, &ids.phases[i].to_string());
    let eval = |i: usize| main.find_row("評価", ID, &ids.items[i].to_string());
    fill(
        &mut sheets,
        &[
            (kpi(0), KPI_ACTUAL, Typed::Text("１２")), // full-width digits
            (kpi(1), KPI_ACTUAL, Typed::Number(4.0)),
            (kpi(2), KPI_ACTUAL, Typed::Text("２件くらい")), // refused
            (phase(0), STATUS, Typed::Text("進行中")),
            (phase(0), START, Typed::Text("２０２１／４")),
            (phase(1), STATUS, Typed::Text("完了")),
            (phase(1), START, Typed::Text("R3.4")),
            (phase(1), END, Typed::Text("2023-03")),
            (phase(2), STATUS, Typed::Text("たぶん完了")), // refused
            (phase(2), START, Typed::Text("2022-13")),     // refused
            (eval(0), RATING, Typed::Text("A")),
            (eval(0), RESULTS, Typed::Text("繁忙期の応援を延べ１２人で実施した。")),
            (eval(0), NEXT, Typed::Text("応援の仕組みを全課へ広げる。")),
            (eval(1), RATING, Typed::Text("D")), // refused
        ],
    );
    sheets
}

fn check_hisho_preview(preview: &survey::SurveyPreview, ids: &Hisho) {
    assert!(preview.refused_files.is_empty(), "{:?}", preview.refused_files);
    assert_eq!(preview.departments.len(), 1);
    let d = &preview.departments[0];
    assert_eq!(d.department, "秘書課");
    assert_eq!(d.year, R4);
    assert!(d.source.starts_with("調査票:令和4年度:秘書課:"), "{}", d.source);

    let kpi_new = |id: Id| {
        d.changes.iter().find_map(|c| match &c.edit {
            reform_tracker::edit::Edit::KpiValue { kpi_id, new, .. } if *kpi_id == id => new.clone(),
            _ => None,
        })
    };
    assert_eq!(kpi_new(ids.kpis[0]), Some(KpiValue::Number(12.0)), "full-width digits are read");
    assert_eq!(kpi_new(ids.kpis[1]), Some(KpiValue::Number(4.0)));
    assert_eq!(kpi_new(ids.kpis[2]), None, "an unreadable number changes nothing");
    // 2 KPIs + 2 phases + 1 evaluation.
    assert_eq!(d.changes.len(), 5, "{:#?}", d.changes);

    let reasons: Vec<(String, &str)> = d.refusals.iter().map(|r| (r.pos.to_string(), r.reason.as_str())).collect();
    assert_eq!(d.refusals.len(), 4, "{reasons:#?}");
    let refused = |col: &str, needle: &str| {
        assert!(
            d.refusals
                .iter()
                .any(|r| r.pos.to_string().starts_with(&format!("調査票!{col}")) && r.reason.contains(needle)),
            "no refusal in column {col} with 「{needle}」: {reasons:#?}"
        )
    };
    refused("J", "数値として読めません");
    refused("H", "状態「たぶん完了」は選べません");
    refused("I", "年月として読めません");
    refused("E", "S・A・B・C");
    for r in &d.refusals {
        assert!(r.target.starts_with("改革項目"), "{}", r.target);
        assert!(r.pos.row > 5, "a data row, not a heading: {}", r.pos);
    }
}

#[test]
fn workbooks_go_out_one_per_department() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = new_record(dir.path(), "sap3.sqlite");
    let plan = store.load().unwrap();
    let out = dir.path().join("out");
    let paths = survey::export_workbooks(&plan, &store.record_id().unwrap(), R4, None, &out).unwrap();
    let depts = survey::survey_departments(&plan);
    assert_eq!(paths.len(), depts.len());
    assert_eq!(depts.len(), 17, "{depts:?}");
    assert!(depts.contains(&"商工課".to_string()) && !depts.iter().any(|d| d.contains("関係課")));
    for p in &paths {
        assert!(p.is_file());
    }
    assert!(!std::fs::read_dir(&out).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp")));

    // The shared item 18 (企画広報課・商工課) is in both workbooks; 26 (市民課及び関係課) in 市民課's.
    let item18 = plan.item_by_number(18).unwrap();
    for dept in ["企画広報課", "商工課"] {
        let sheets = read_sheets(&std::fs::read(workbook_of(&paths, dept)).unwrap());
        let main = &sheets[0];
        main.find_row("評価", ID, &item18.id.to_string());
    }

    // Layout of 秘書課's workbook: identity line, locked keys, hidden identity sheet.
    let bytes = std::fs::read(workbook_of(&paths, "秘書課")).unwrap();
    let sheets = read_sheets(&bytes);
    assert_eq!(sheets.len(), 2);
    let (main, hidden) = (&sheets[0], &sheets[1]);
    assert_eq!(main.name, "調査票");
    assert!(!main.hidden);
    assert!(hidden.hidden, "the identity sheet is hidden");
    assert!(main.text(0, 0).contains("令和4年度") && main.text(0, 0).contains("秘書課"));
    assert_eq!(main.text(1, 0), "記録ID");
    assert_eq!(main.text(1, 1), store.record_id().unwrap());
    assert_eq!(main.text(1, 5), "令和4年度");
    assert_eq!(main.text(1, 7), "秘書課");
    assert_eq!(hidden.text(1, 1), store.record_id().unwrap());
    assert_eq!(hidden.text(2, 1), "2022");
    let items: Vec<u32> = survey::items_of(&plan, "秘書課").iter().map(|i| i.number).collect();
    assert_eq!(main.rows_of("評価").len(), items.len());
    assert_eq!(
        main.rows_of("数値目標").len(),
        survey::items_of(&plan, "秘書課").iter().map(|i| i.kpis.len()).sum::<usize>()
    );
    // A KPI row: title, goal, and the previous year's actual as reference.
    let item16 = plan.item_by_number(16).unwrap();
    let tax = read_sheets(&std::fs::read(workbook_of(&paths, "税務課")).unwrap());
    let r = tax[0].find_row("数値目標", ID, &item16.kpis[0].id.to_string());
    assert_eq!(tax[0].text(r, 2), "16");
    assert_eq!(tax[0].text(r, 6), "949,451,676");
    assert_eq!(tax[0].text(r, 7), "854,506,508");

    // Sheet protection and drop-downs are in the file itself.
    let xml = unzip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<sheetProtection"), "main sheet protected");
    assert!(xml.contains("未着手,進行中,完了,遅れ,中止"), "status drop-down");
    assert!(xml.contains("&quot;S,A,B,C&quot;") || xml.contains("\"S,A,B,C\""), "rating drop-down");
    let styles = unzip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("locked=\"0\""), "input cells unlocked");
    assert!(styles.contains("FFFFF2CC"), "input cells highlighted");

    // Only one department when asked, and an unknown one is refused with the list.
    let one = survey::export_workbooks(&plan, "x", R4, Some("税務課"), &dir.path().join("one")).unwrap();
    assert_eq!(one.len(), 1);
    let err = survey::export_workbooks(&plan, "x", R4, Some("総務課"), &dir.path().join("none")).unwrap_err();
    assert!(err.to_string().contains("総務課") && err.to_string().contains("秘書課"), "{err}");
    let err = survey::export_workbooks(&plan, "x", reform_tracker::model::FiscalYear(2030), None, &out).unwrap_err();
    assert!(err.to_string().contains("計画の期間"), "{err}");
}

/// One XML part of the workbook, to check what calamine does not report (protection, drop-downs).
fn unzip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn filled_workbook_comes_back_as_edits_and_lands_in_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let HishoSheet { db, store, plan, record_id, paths, ids } = hisho_sheet(dir.path());

    // An untouched workbook changes nothing.
    let untouched = read_answers(&paths[0]).unwrap();
    assert_eq!(untouched.altered, None);
    let preview = survey::plan_import(&plan, &record_id, std::slice::from_ref(&untouched));
    assert_eq!(preview.change_count(), 0);
    assert_eq!(preview.refusal_count(), 0);

    let filled = dir.path().join("進捗調査票_令和4年度_秘書課（回答）.xlsx");
    std::fs::write(&filled, write_workbook(&filled_hisho(&std::fs::read(&paths[0]).unwrap(), &ids))).unwrap();
    let answers = read_answers(&filled).unwrap();
    assert_eq!(answers.record_id, record_id);
    assert_eq!(answers.department, "秘書課");
    assert_eq!(answers.altered, None);
    let preview = survey::plan_import(&plan, &record_id, &[answers]);
    check_hisho_preview(&preview, &ids);

    // Apply as the window and the CLI do (through a Session), then reopen the file.
    let mut session = reform_tracker::session::Session::new(store, "test").unwrap();
    let done = survey::apply_import(&mut session, &preview);
    assert_eq!(done.applied.len(), 5);
    assert_eq!(done.received, ["秘書課"]);
    assert!(done.failed.is_empty(), "{:?}", done.failed);
    drop(session);
    let store = reform_tracker::store::Store::open(&db).unwrap();
    let plan = store.load().unwrap();
    let kpi = |id| plan.kpi(id).unwrap().1.actuals.get(&R4).cloned();
    assert_eq!(kpi(ids.kpis[0]), Some(KpiValue::Number(12.0)));
    assert_eq!(kpi(ids.kpis[1]), Some(KpiValue::Number(4.0)));
    assert_eq!(kpi(ids.kpis[2]), None);
    let phase = |id| plan.phase(id).unwrap().2.data.clone();
    let p0 = phase(ids.phases[0]);
    assert_eq!(
        (p0.status, p0.actual_start, p0.actual_end),
        (PhaseStatus::InProgress, Some(YearMonth::new(2021, 4)), None)
    );
    let p1 = phase(ids.phases[1]);
    assert_eq!(
        (p1.status, p1.actual_start, p1.actual_end),
        (PhaseStatus::Done, Some(YearMonth::new(2021, 4)), Some(YearMonth::new(2023, 3)))
    );
    assert_eq!(phase(ids.phases[2]).status, PhaseStatus::NotStarted, "the refused phase is unchanged");
    let e = plan.item(ids.items[0]).unwrap().evaluation(R4).unwrap();
    assert_eq!(e.rating, Rating::A);
    assert_eq!(e.results, "繁忙期の応援を延べ１２人で実施した。");
    assert_eq!(plan.item(ids.items[1]).unwrap().evaluation(R4), None);

    // The history says where each change came from, and the status follows from it.
    let history = store.history(1000).unwrap();
    let tagged: Vec<_> = history.iter().filter(|h| h.source.starts_with("調査票:令和4年度:秘書課:")).collect();
    assert_eq!(tagged.len(), 5);
    assert!(tagged[0].source.ends_with("進捗調査票_令和4年度_秘書課（回答）.xlsx"));
    let status = survey::read_status(&store, &plan, R4).unwrap();
    assert_eq!(status.answered.len(), 1);
    assert_eq!(status.answered[0].department, "秘書課");
    assert_eq!(status.answered[0].changes, 5);
    assert_eq!(status.answered[0].refused, 4, "the refused cells are remembered");
    assert_eq!(status.outstanding.len(), 16);
    assert!(!status.outstanding.contains(&"秘書課".to_string()));
    assert_eq!(survey::read_status(&store, &plan, reform_tracker::model::FiscalYear(2023)).unwrap().answered.len(), 0);

    // Importing the same answers again changes nothing more.
    let again = survey::plan_import(&plan, &record_id, &[read_answers(&filled).unwrap()]);
    assert_eq!(again.change_count(), 0, "{:#?}", again.departments[0].changes);
}

#[test]
fn csv_answers_in_shift_jis_and_utf8_read_like_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let HishoSheet { plan, record_id, paths, ids, .. } = hisho_sheet(dir.path());
    let sheets = filled_hisho(&std::fs::read(&paths[0]).unwrap(), &ids);
    let csv = main_sheet_csv(&sheets);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(csv.as_bytes());
    let variants: [(&str, Vec<u8>, &str); 3] = [
        ("sjis.csv", shift_jis_like_excel(&csv), "Shift_JIS"),
        ("utf8.csv", csv.as_bytes().to_vec(), "UTF-8"),
        ("utf8bom.csv", bom, "UTF-8"),
    ];
    for (name, bytes, encoding) in variants {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let answers = read_answers(&path).unwrap();
        assert_eq!(answers.format, survey::SourceFormat::Csv(encoding), "{name}");
        assert_eq!(answers.altered, None, "{name}: folding must absorb the Shift_JIS round trip");
        let preview = survey::plan_import(&plan, &record_id, &[answers]);
        check_hisho_preview(&preview, &ids);
    }
}

#[test]
fn answers_for_another_record_or_year_or_with_altered_keys_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = new_record(dir.path(), "sap3.sqlite");
    let (_, other) = new_record(dir.path(), "other.sqlite");
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    assert_ne!(record_id, other.record_id().unwrap());
    let ids = hisho_ids(&plan);

    let foreign_paths = survey::export_workbooks(
        &other.load().unwrap(),
        &other.record_id().unwrap(),
        R4,
        Some("秘書課"),
        &dir.path().join("o"),
    )
    .unwrap();
    let foreign = read_answers(&foreign_paths[0]).unwrap();
    let preview = survey::plan_import(&plan, &record_id, &[foreign]);
    assert_eq!(preview.change_count(), 0);
    assert!(preview.all_refused());
    assert!(preview.refused_files[0].reason.contains("別の記録ファイル"), "{}", preview.refused_files[0].reason);

    let paths = survey::export_workbooks(&plan, &record_id, R4, Some("秘書課"), &dir.path().join("out")).unwrap();
    let bytes = std::fs::read(&paths[0]).unwrap();
    let preview = survey::plan_import_for_year(
        &plan,
        &record_id,
        Some(reform_tracker::model::FiscalYear(2023)),
        &[read_answers(&paths[0]).unwrap()],
    );
    assert!(preview.refused_files[0].reason.contains("令和4年度の調査票です"), "{:?}", preview.refused_files);

    // A locked cell retyped: the goal of a KPI (as if the department wanted another target).
    let mut sheets = filled_hisho(&bytes, &ids);
    let row = sheets[0].find_row("数値目標", ID, &ids.kpis[0].to_string());
    fill(&mut sheets, &[(row, 7, Typed::Text("10"))]);
    let answers = read_answers_from_bytes("altered.xlsx", &write_workbook(&sheets)).unwrap();
    assert!(answers.altered.is_some());
    let preview = survey::plan_import(&plan, &record_id, &[answers]);
    assert_eq!(preview.change_count(), 0);
    assert!(preview.refused_files[0].reason.contains("書き換えられています"), "{}", preview.refused_files[0].reason);

    // Rows pointing at another department's KPI (an id retyped) are caught the same way, in CSV too.
    let mut sheets = filled_hisho(&bytes, &ids);
    let row = sheets[0].find_row("数値目標", ID, &ids.kpis[0].to_string());
    let tax_kpi = plan.item_by_number(16).unwrap().kpis[0].id;
    sheets[0].cells[row][ID] = calamine::Data::Float(tax_kpi as f64);
    let csv = main_sheet_csv(&sheets);
    let answers: SurveyAnswers = read_answers_from_bytes("altered.csv", csv.as_bytes()).unwrap();
    assert!(answers.altered.is_some());
    assert!(survey::plan_import(&plan, &record_id, &[answers]).all_refused());

    // The visible identity line changed to another department in the workbook: refused.
    let mut sheets = read_sheets(&bytes);
    fill(&mut sheets, &[(1, 7, Typed::Text("会計課"))]);
    let answers = read_answers_from_bytes("renamed.xlsx", &write_workbook(&sheets)).unwrap();
    assert!(answers.altered.unwrap().contains("識別情報"));

    // Not a survey at all.
    let junk = dir.path().join("memo.csv");
    std::fs::write(&junk, "a,b\r\n1,2\r\n").unwrap();
    let err = read_answers(&junk).unwrap_err().to_string();
    assert!(err.contains("進捗調査票として読めません"), "{err}");
}

#[test]
fn several_departments_in_one_go_including_a_shared_item() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = new_record(dir.path(), "sap3.sqlite");
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    let paths = survey::export_workbooks(&plan, &record_id, R4, None, &dir.path().join("out")).unwrap();
    let item18 = plan.item_by_number(18).unwrap();
    let mut answers = Vec::new();
    for (dept, rating, text) in [("企画広報課", "B", "広報で周知した。"), ("商工課", "A", "事業者と協議した。")]
    {
        let mut sheets = read_sheets(&std::fs::read(workbook_of(&paths, dept)).unwrap());
        let row = sheets[0].find_row("評価", ID, &item18.id.to_string());
        fill(&mut sheets, &[(row, RATING, Typed::Text(rating)), (row, RESULTS, Typed::Text(text))]);
        answers.push(read_answers_from_bytes(&format!("{dept}.xlsx"), &write_workbook(&sheets)).unwrap());
    }
    let preview = survey::plan_import(&plan, &record_id, &answers);
    assert_eq!(preview.departments.len(), 2);
    assert_eq!(preview.change_count(), 2);
    // The second answer builds on the first: its old value is the first one's new value.
    let mut work = plan.clone();
    for (edit, _) in preview.accepted() {
        assert!(edit.apply_to(&mut work), "edits chain: {edit:?}");
    }
    let e = work.item(item18.id).unwrap().evaluation(R4).unwrap();
    assert_eq!((e.rating, e.results.as_str()), (Rating::A, "事業者と協議した。"));
}

#[test]
fn an_import_is_taken_in_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let HishoSheet { db, store, plan, record_id, paths, ids } = hisho_sheet(dir.path());
    let filled = write_workbook(&filled_hisho(&std::fs::read(&paths[0]).unwrap(), &ids));
    let answers = read_answers_from_bytes("秘書課.xlsx", &filled).unwrap();
    let preview = survey::plan_import(&plan, &record_id, &[answers]);
    assert_eq!(preview.change_count(), 5);

    // Meanwhile a colleague on another PC enters the first KPI's actual.
    let mut other = reform_tracker::store::Store::open(&db).unwrap();
    let edit = reform_tracker::edit::Edit::KpiValue {
        kpi_id: ids.kpis[0],
        slot: reform_tracker::edit::KpiSlot::Actual(R4),
        old: None,
        new: Some(KpiValue::Number(11.0)),
    };
    other.apply(&edit, "画面").unwrap();
    let history_before = store.history(1000).unwrap().len();

    let mut session = reform_tracker::session::Session::new(store, "test").unwrap();
    let done = survey::apply_import(&mut session, &preview);
    let store = session.store();
    assert!(done.applied.is_empty() && done.received.is_empty());
    assert_eq!(done.failed.len(), 1);
    assert!(done.failed[0].contains("取り込み直してください"), "{}", done.failed[0]);
    let now = store.load().unwrap();
    assert_eq!(now.kpi(ids.kpis[0]).unwrap().1.actuals.get(&R4), Some(&KpiValue::Number(11.0)));
    assert_eq!(now.kpi(ids.kpis[1]).unwrap().1.actuals.get(&R4), None, "no change of the import was kept");
    assert_eq!(store.history(1000).unwrap().len(), history_before);
    assert!(survey::read_status(store, &now, R4).unwrap().answered.is_empty(), "not received either");
}
