//! Plan workbooks on disk through the real binary: `plan-template` writes the sheets an officer
//! fills, `init --plan FILE.xlsx` reads a filled one (written here with rust_xlsxwriter) into a
//! record, and a workbook with an error is refused naming the sheet, the row and the column,
//! exit 1, with no record left behind.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{run, s, text};
use reform_tracker::model::{Direction, FiscalYear, KpiValue, Plan, YearMonth};
use reform_tracker::store::Store;
use rust_xlsxwriter::Workbook;

#[derive(Clone)]
enum C {
    S(&'static str),
    N(f64),
    /// An Excel date serial shown as a date: what Excel makes of a typed 2024-04.
    D(f64),
}
use C::{D, N, S};

type Sheet = (&'static str, Vec<&'static str>, Vec<Vec<C>>);

/// The sheets and headers as docs/plan-format.md lists them, with a small 3-year plan.
fn filled() -> Vec<Sheet> {
    vec![
        (
            "計画",
            vec!["計画名", "略称", "開始年度", "終了年度", "基準年度", "策定日"],
            vec![vec![S("第4次行財政改革アクションプラン"), S("SAPⅣ"), S("令和6"), S("R8"), N(2023.0), S("")]],
        ),
        (
            "重点項目",
            vec!["番号", "名称"],
            vec![vec![N(1.0), S("持続可能な行財政運営")], vec![N(2.0), S("市民サービスの向上")]],
        ),
        (
            "分類",
            vec!["重点項目番号", "分類名"],
            vec![vec![N(1.0), S("財源の確保")], vec![N(1.0), S("歳出の見直し")], vec![N(2.0), S("デジタル化")]],
        ),
        (
            "改革項目",
            vec!["番号", "重点項目番号", "分類", "改革項目名", "実施課", "現状・課題", "実施内容・効果"],
            vec![
                vec![
                    N(1.0),
                    N(1.0),
                    S("財源の確保"),
                    S("ふるさと納税の推進"),
                    S("財政課"),
                    S("伸び悩み"),
                    S("返礼品の見直し"),
                ],
                vec![N(2.0), N(1.0), S("歳出の見直し"), S("補助金の見直し"), S("財政課"), S(""), S("")],
                vec![N(3.0), N(2.0), S("デジタル化"), S("オンライン申請"), S("情報政策課"), S("紙の申請"), S("電子化")],
            ],
        ),
        (
            "数値目標",
            vec!["項目番号", "目標名", "単位", "基準年度", "基準値", "目標年度", "目標値", "方向", "備考"],
            vec![
                vec![N(1.0), S("寄附額"), S("千円"), S("R5"), N(100000.0), S("R8"), N(150000.0), S("増加"), S("")],
                vec![
                    N(2.0),
                    S("補助金総額"),
                    S("千円"),
                    N(2023.0),
                    N(52000.5),
                    N(2026.0),
                    S("10%縮減"),
                    S("減少"),
                    S("R5.6.1現在"),
                ],
                vec![
                    N(3.0),
                    S("オンライン手続数"),
                    S("件"),
                    S("令和5"),
                    S("18.0"),
                    S("令和8"),
                    N(50.0),
                    S("増加"),
                    S(""),
                ],
            ],
        ),
        (
            "スケジュール",
            vec!["項目番号", "取組", "工程名", "開始", "終了"],
            vec![
                vec![N(1.0), S("返礼品の見直し"), S("検討"), S("2024-04"), S("2024-09")],
                vec![N(1.0), S("返礼品の見直し"), S("実施"), S("2024-10"), S("2027-03")],
                vec![N(3.0), S("システム導入"), S("導入"), S("2025-04"), S("2026-03")],
            ],
        ),
    ]
}

fn write(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    for (name, headers, rows) in sheets {
        let sheet = book.add_worksheet().set_name(*name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    S("") => {}
                    S(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    D(n) => {
                        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
                        sheet.write_number_with_format(r, c, *n, &date).unwrap();
                    }
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn load(db: &Path) -> Plan {
    Store::open(db).unwrap().load().unwrap()
}

/// Writes `sheets`, runs init on it and expects a refusal containing every one of `wanted`.
fn refused(sheets: &[Sheet], wanted: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    write(&book, sheets);
    refused_file(dir.path(), &book, wanted);
}

fn refused_file(dir: &Path, book: &Path, wanted: &[&str]) {
    let db: PathBuf = dir.join("new.sqlite");
    let out = run(&["init", "--db", &s(&db), "--plan", &s(book)]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for w in wanted {
        assert!(err.contains(w), "「{w}」 is not in: {err}");
    }
    assert!(!db.exists(), "a refused workbook must create nothing");
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "only the workbook is left: {left:?}");
}

fn set(sheets: &mut [Sheet], sheet: &str, row: usize, col: usize, value: C) {
    let s = sheets.iter_mut().find(|s| s.0 == sheet).unwrap();
    s.2[row][col] = value;
}

#[test]
fn the_template_has_the_documented_sheets_headers_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    ok(&["plan-template", "--out", &s(&path)]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let names = book.sheet_names();
    let expected = filled();
    for (name, headers, _) in &expected {
        assert!(names.iter().any(|n| n == name), "sheet {name} in {names:?}");
        let range = book.worksheet_range(name).unwrap();
        let got: Vec<String> = (0..headers.len() as u32)
            .map(|c| match range.get_value((0, c)) {
                Some(Data::String(t)) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(got, *headers, "headers of {name}");
        assert_eq!(range.height(), 1, "{name} has no data rows: the example is on its own sheet");
    }
    assert!(names.iter().any(|n| n == "記入例") && names.iter().any(|n| n == "記入方法"), "{names:?}");
    let how = book.worksheet_range("記入方法").unwrap();
    let how: String = how.rows().flatten().map(|d| d.to_string()).collect();
    assert!(how.contains("令和6") && how.contains("R6") && how.contains("2024"), "{how}");
    // The input lists are in the sheets' XML: 増加/減少 and the 重点項目 sheet's numbers.
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.starts_with("xl/worksheets/")) {
            std::io::Read::read_to_string(&mut f, &mut all).unwrap();
        }
    }
    assert!(all.contains("\"増加,減少\""), "direction list");
    assert!(all.contains("'重点項目'!$A$2"), "focus area number list");
    assert!(all.contains("'改革項目'!$A$2"), "item number list");
    assert!(all.contains("<pane"), "frozen header row");

    // The blank template itself is refused: there is no plan in it yet.
    refused_file(dir.path(), &path, &["シート「計画」", "入力してください"]);
}

#[test]
fn a_filled_workbook_becomes_a_record_with_the_values_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    write(&book, &filled());
    let db = dir.path().join("new.sqlite");
    ok(&["init", "--db", &s(&db), "--plan", &s(&book)]);
    let plan = load(&db);
    assert_eq!(plan.info.name, "第4次行財政改革アクションプラン");
    assert_eq!(plan.info.short_name, "SAPⅣ");
    assert_eq!((plan.info.first_year, plan.info.last_year), (FiscalYear(2024), FiscalYear(2026)));
    assert_eq!(plan.info.baseline_year, FiscalYear(2023));
    let areas: Vec<_> = plan.focus_areas.iter().map(|f| (f.number, f.title.as_str(), f.categories.len())).collect();
    assert_eq!(areas, [(1, "持続可能な行財政運営", 2), (2, "市民サービスの向上", 1)]);
    assert_eq!(plan.items.iter().map(|i| i.number).collect::<Vec<_>>(), [1, 2, 3]);
    let item3 = &plan.items[2];
    assert_eq!(
        (item3.title.as_str(), item3.department.as_str(), item3.focus_area),
        ("オンライン申請", "情報政策課", 2)
    );
    assert_eq!(plan.category(item3.category_id).unwrap().1.title, "デジタル化");
    assert_eq!(plan.category(plan.items[1].category_id).unwrap().1.title, "歳出の見直し");

    let k1 = &plan.items[0].kpis[0];
    assert_eq!((k1.name.as_str(), k1.unit.as_str()), ("寄附額", "千円"));
    assert_eq!((k1.baseline_year, k1.target_year), (Some(FiscalYear(2023)), Some(FiscalYear(2026))));
    assert_eq!(
        (k1.baseline.clone(), k1.target.clone()),
        (Some(KpiValue::Number(100000.0)), Some(KpiValue::Number(150000.0)))
    );
    assert_eq!(k1.direction, Direction::Increase);
    let k2 = &plan.items[1].kpis[0];
    assert_eq!(k2.baseline, Some(KpiValue::Number(52000.5)));
    assert_eq!(k2.target, Some(KpiValue::Text("10%縮減".into())));
    assert_eq!((k2.direction, k2.note.as_str()), (Direction::Decrease, "R5.6.1現在"));
    let k3 = &plan.items[2].kpis[0];
    assert_eq!(k3.baseline_year, Some(FiscalYear(2023)));
    // "18.0" typed as text keeps its printed decimal; the whole number 50 beside it is shown alike.
    let values = (k3.baseline.clone(), k3.target.clone(), k3.decimals);
    assert_eq!(values, (Some(KpiValue::Number(18.0)), Some(KpiValue::Number(50.0)), 1));
    assert_eq!(k1.decimals, 0);

    let rows = &plan.items[0].schedule;
    assert_eq!(rows.len(), 1, "two phases of one 取組 make one row");
    assert_eq!(rows[0].label, "返礼品の見直し");
    let phases: Vec<_> = rows[0].phases.iter().map(|p| (p.data.label.as_str(), p.data.start, p.data.end)).collect();
    assert_eq!(
        phases,
        [
            ("検討", YearMonth::new(2024, 4), YearMonth::new(2024, 9)),
            ("実施", YearMonth::new(2024, 10), YearMonth::new(2027, 3))
        ]
    );
    assert!(plan.items[1].schedule.is_empty());
    assert_eq!(plan.items[2].schedule[0].phases[0].data.start, YearMonth::new(2025, 4));
}

#[test]
fn the_workbook_and_the_plan_file_exports_give_equal_plans() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    write(&book, &filled());
    let db = dir.path().join("a.sqlite");
    ok(&["init", "--db", &s(&db), "--plan", &s(&book)]);
    let (as_toml, as_xlsx) = (dir.path().join("out.toml"), dir.path().join("out.xlsx"));
    ok(&["plan-export", "--db", &s(&db), "--out", &s(&as_toml)]);
    ok(&["plan-export", "--db", &s(&db), "--out", &s(&as_xlsx)]);
    let (from_toml, from_xlsx) = (dir.path().join("t.sqlite"), dir.path().join("x.sqlite"));
    ok(&["init", "--db", &s(&from_toml), "--plan", &s(&as_toml)]);
    ok(&["init", "--db", &s(&from_xlsx), "--plan", &s(&as_xlsx)]);
    let (a, b, c) = (load(&db), load(&from_toml), load(&from_xlsx));
    assert_eq!(a, b, "TOML round trip");
    assert_eq!(a, c, "workbook round trip");
}

#[test]
fn a_month_excel_turned_into_a_date_is_read_as_its_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = filled();
    // 45383 is 2024-04-01 and 45565 is 2024-09-30 in Excel's 1900 date system.
    set(&mut sheets, "スケジュール", 0, 3, D(45383.0));
    set(&mut sheets, "スケジュール", 0, 4, D(45565.0));
    let book = dir.path().join("plan.xlsx");
    write(&book, &sheets);
    let db = dir.path().join("new.sqlite");
    ok(&["init", "--db", &s(&db), "--plan", &s(&book)]);
    let phase = &load(&db).items[0].schedule[0].phases[0].data;
    assert_eq!((phase.start, phase.end), (YearMonth::new(2024, 4), YearMonth::new(2024, 9)));
}

#[test]
fn a_missing_sheet_is_named() {
    let mut sheets = filled();
    sheets.retain(|s| s.0 != "数値目標");
    refused(&sheets, &["シート「数値目標」", "ありません"]);
}

#[test]
fn an_unknown_focus_area_number_is_named_by_sheet_row_and_column() {
    let mut sheets = filled();
    set(&mut sheets, "改革項目", 1, 1, N(9.0));
    refused(&sheets, &["シート「改革項目」の 3 行目、列「重点項目番号」", "重点項目9"]);
}

#[test]
fn a_bad_month_is_named_by_sheet_row_and_column() {
    let mut sheets = filled();
    set(&mut sheets, "スケジュール", 0, 3, S("2024-13"));
    refused(&sheets, &["シート「スケジュール」の 2 行目、列「開始」", "2024-13"]);
}

#[test]
fn an_end_year_before_the_start_is_named() {
    let mut sheets = filled();
    set(&mut sheets, "計画", 0, 3, S("R5"));
    refused(&sheets, &["シート「計画」の 2 行目、列「終了年度」", "開始年度"]);
}

#[test]
fn text_in_a_number_column_is_named() {
    let mut sheets = filled();
    set(&mut sheets, "改革項目", 2, 0, S("三"));
    refused(&sheets, &["シート「改革項目」の 4 行目、列「番号」", "「三」"]);
}

#[test]
fn a_duplicate_item_number_is_named() {
    let mut sheets = filled();
    set(&mut sheets, "改革項目", 2, 0, N(2.0));
    refused(&sheets, &["シート「改革項目」の 4 行目、列「番号」", "二度"]);
}

#[test]
fn a_file_that_is_not_a_zip_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    std::fs::write(&book, "計画名,略称\nSAPⅣ,x\n").unwrap();
    refused_file(dir.path(), &book, &["plan.xlsx", "Excel"]);
}

/// The filled workbook's entries with `extra` appended and `patch` applied to each entry's content.
fn rezip(bytes: &[u8], patch: impl Fn(&str, Vec<u8>) -> Vec<u8>, extra: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&patch(&name, data)).unwrap();
    }
    for (name, data) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn filled_bytes(dir: &Path) -> Vec<u8> {
    let book = dir.join("filled.xlsx");
    write(&book, &filled());
    let bytes = std::fs::read(&book).unwrap();
    std::fs::remove_file(&book).unwrap();
    bytes
}

#[test]
fn a_workbook_that_inflates_to_gigabytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 80 * 1024 * 1024];
    let bomb = rezip(&filled_bytes(dir.path()), |_, d| d, &[("xl/media/big.bin", &zeros)]);
    let book = dir.path().join("bomb.xlsx");
    std::fs::write(&book, bomb).unwrap();
    refused_file(dir.path(), &book, &["bomb.xlsx", "圧縮爆弾"]);
}

#[test]
fn a_cell_at_the_far_end_of_a_sheet_does_not_bring_the_program_down() {
    let dir = tempfile::tempdir().unwrap();
    let far = rezip(
        &filled_bytes(dir.path()),
        |name, d| {
            if name != "xl/worksheets/sheet4.xml" {
                return d;
            }
            let xml = String::from_utf8(d).unwrap().replace(
                "</sheetData>",
                r#"<row r="4294967295"><c r="XFD4294967295" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
            );
            assert!(xml.contains("4294967295"));
            xml.into_bytes()
        },
        &[],
    );
    let book = dir.path().join("far.xlsx");
    std::fs::write(&book, far).unwrap();
    let db = dir.path().join("new.sqlite");
    let out = run(&["init", "--db", &s(&db), "--plan", &s(&book)]);
    // Either the far cell is skipped (the plan is read) or the file is refused; never an abort.
    match out.status.code() {
        Some(0) => assert_eq!(load(&db).items.len(), 3),
        Some(1) => assert!(!db.exists() && text(&out.stderr).contains("far.xlsx")),
        other => panic!("exit {other:?}: {}", text(&out.stderr)),
    }
}

/// What a plan workbook holds of a plan: phases without actual months, status or note, and no
/// schedule row without a phase; the columns a new plan is filled in with, not the headings, 効果額,
/// KPI remarks, baseline day, 万 or milestones (docs/plan-format.md: set in the window or a plan file).
fn as_a_workbook_holds_it(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for item in &mut p.items {
        item.goal_heading = Default::default();
        item.actions_heading = Default::default();
        item.effects.clear();
        for k in &mut item.kpis {
            k.baseline_note.clear();
            k.target_note.clear();
            k.baseline_date = None;
            k.scale = Default::default();
            k.milestones.clear();
        }
        item.schedule.retain(|r| !r.phases.is_empty());
        for row in &mut item.schedule {
            for ph in &mut row.phases {
                let d = &ph.data;
                ph.data = reform_tracker::model::PhaseData::planned(&d.label, d.start, d.end);
            }
        }
    }
    p
}

#[test]
fn sap3_goes_out_to_a_workbook_and_comes_back_as_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::sap3_record(dir.path(), "sap3.sqlite");
    let book = dir.path().join("sap3.xlsx");
    ok(&["plan-export", "--db", &s(&db), "--out", &s(&book)]);
    let back = dir.path().join("back.sqlite");
    ok(&["init", "--db", &s(&back), "--plan", &s(&book)]);
    let (original, back) = (load(&db), load(&back));
    assert_eq!(back.items.len(), 31, "SAP III has 31 items (data/sap3.toml)");
    let (a, b) = (as_a_workbook_holds_it(&original), as_a_workbook_holds_it(&back));
    assert_eq!(a.info, b.info);
    assert_eq!(a.focus_areas, b.focus_areas);
    for (x, y) in a.items.iter().zip(&b.items) {
        assert_eq!(x, y, "item {}", x.number);
    }
    assert_eq!(a.items.len(), b.items.len());
}

#[test]
fn a_text_longer_than_a_cell_holds_is_named() {
    // rust_xlsxwriter will not write such a cell (Excel would not either): the XML is patched.
    let dir = tempfile::tempdir().unwrap();
    let long = rezip(
        &filled_bytes(dir.path()),
        |name, d| {
            if name != "xl/sharedStrings.xml" {
                return d;
            }
            let xml = String::from_utf8(d).unwrap();
            assert!(xml.contains("システム導入"));
            xml.replace("システム導入", &"あ".repeat(40_000)).into_bytes()
        },
        &[],
    );
    let book = dir.path().join("long.xlsx");
    std::fs::write(&book, long).unwrap();
    refused_file(dir.path(), &book, &["シート「スケジュール」の 4 行目、列「取組」", "32"]);
}

#[test]
fn a_category_the_focus_area_does_not_have_is_named() {
    let mut sheets = filled();
    set(&mut sheets, "改革項目", 2, 2, S("財源の確保"));
    refused(&sheets, &["シート「改革項目」の 4 行目、列「分類」", "重点項目2", "分類シート"]);
}
