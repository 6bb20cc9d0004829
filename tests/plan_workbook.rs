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
            vec![
                "番号",
                "重点項目番号",
                "分類",
                "改革項目名",
                "実施課",
                "現状・課題",
                "実施内容・効果",
                "目標の見出し",
                "内容の見出し",
                "状態",
                "状態の年度",
                "状態の理由",
                "前計画の項目",
            ],
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
            vec![
                "項目番号",
                "目標名",
                "単位",
                "基準年度",
                "基準値",
                "目標年度",
                "目標値",
                "方向",
                "備考",
                "基準値の注記",
                "目標値の注記",
                "基準日",
                "表示",
                "小数",
            ],
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
        ("中間目標", vec!["項目番号", "目標名", "年度", "目標値", "累計"], vec![]),
        (
            "スケジュール",
            vec!["項目番号", "取組", "工程名", "開始", "終了"],
            vec![
                vec![N(1.0), S("返礼品の見直し"), S("検討"), S("2024-04"), S("2024-09")],
                vec![N(1.0), S("返礼品の見直し"), S("実施"), S("2024-10"), S("2027-03")],
                vec![N(3.0), S("システム導入"), S("導入"), S("2025-04"), S("2026-03")],
            ],
        ),
        ("効果額", vec!["項目番号", "年度", "計画（千円）", "実績（千円）"], vec![]),
    ]
}

/// The filled plan with what the goals' columns and sheets carry: a status, headings, a predecessor,
/// KPI remarks, a baseline day typed as a date cell, 万, 小数, milestones and 効果額.
fn with_goals() -> Vec<Sheet> {
    let mut sheets = filled();
    // Item 2 was folded into item 1 in its second year; item 1 continues SAP III's item 5.
    set(&mut sheets, "改革項目", 1, 9, S("統合"));
    set(&mut sheets, "改革項目", 1, 10, S("R7"));
    set(&mut sheets, "改革項目", 1, 11, S("項目1に統合"));
    set(&mut sheets, "改革項目", 0, 12, S("SAPⅢ 項目5"));
    set(&mut sheets, "改革項目", 2, 7, S("活動目標"));
    set(&mut sheets, "改革項目", 2, 8, S("取組内容・効果"));
    // 45443 is 2024-05-31 in Excel's 1900 date system.
    set(&mut sheets, "数値目標", 0, 9, S("R6.3.31現在"));
    set(&mut sheets, "数値目標", 0, 10, S("5割増"));
    set(&mut sheets, "数値目標", 0, 11, D(45443.0));
    set(&mut sheets, "数値目標", 0, 12, S("万"));
    set(&mut sheets, "数値目標", 1, 11, S("R5.6.1"));
    set(&mut sheets, "数値目標", 2, 13, N(2.0));
    let milestones = &mut sheets.iter_mut().find(|s| s.0 == "中間目標").unwrap().2;
    milestones.push(vec![N(1.0), S("寄附額"), S("R6"), N(110000.0), S("")]);
    milestones.push(vec![N(1.0), S("寄附額"), S("令和7"), S("130000"), S("○")]);
    milestones.push(vec![N(3.0), S("オンライン手続数"), N(2030.0), S("80.5"), S("○")]);
    let effects = &mut sheets.iter_mut().find(|s| s.0 == "効果額").unwrap().2;
    effects.push(vec![N(1.0), S("R6"), N(12000.0), N(9800.5)]);
    effects.push(vec![N(1.0), N(2025.0), N(15000.0), S("")]);
    effects.push(vec![N(2.0), S("令和6"), S(""), S("1,200")]);
    sheets
}

/// `sheets` as the first plan workbooks were: without the goals' columns and sheets.
fn old_format(sheets: Vec<Sheet>) -> Vec<Sheet> {
    let first = |name: &str| match name {
        "改革項目" => 7,
        "数値目標" => 9,
        _ => usize::MAX,
    };
    sheets
        .into_iter()
        .filter(|s| s.0 != "中間目標" && s.0 != "効果額")
        .map(|(name, mut headers, mut rows)| {
            headers.truncate(first(name));
            for row in &mut rows {
                row.truncate(first(name));
            }
            (name, headers, rows)
        })
        .collect()
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
    let row = &mut s.2[row];
    if row.len() <= col {
        row.resize(col + 1, S(""));
    }
    row[col] = value;
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
    assert!(all.contains("\"数値目標,活動目標\""), "goal heading list");
    assert!(all.contains("\"実施内容・効果,取組内容・効果\""), "actions heading list");
    assert!(all.contains("\"完了,目標達成,経常業務化,統合,中止\""), "status list");
    assert!(all.contains("\"万\"") && all.contains("\"○\""), "万 and 累計 lists");
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
/// schedule row without a phase (docs/plan-format.md); everything else goes out and comes back.
fn as_a_workbook_holds_it(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for item in &mut p.items {
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

/// The cell (row, col) of `sheet` as a spreadsheet shows it: text, or a number's plain form.
fn cell(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str, row: u32, col: u32) -> String {
    let range = book.worksheet_range(sheet).unwrap();
    match range.get_value((row, col)) {
        Some(Data::String(t)) => t.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        None | Some(Data::Empty) => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

#[test]
fn a_workbook_with_a_status_effects_and_milestones_goes_out_and_comes_back() {
    use reform_tracker::model::{ActionsHeading, Effect, GoalHeading, Milestone, Scale, StatusKind};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plan.xlsx");
    write(&book, &with_goals());
    let db = dir.path().join("a.sqlite");
    ok(&["init", "--db", &s(&db), "--plan", &s(&book)]);
    let plan = load(&db);
    let (item1, item2, item3) = (&plan.items[0], &plan.items[1], &plan.items[2]);
    let status = item2.status.as_ref().expect("item 2 has left the plan");
    assert_eq!(
        (status.kind, status.year, status.reason.as_str()),
        (StatusKind::Merged, FiscalYear(2025), "項目1に統合")
    );
    assert!(item1.status.is_none() && item3.status.is_none());
    assert_eq!(item1.predecessor.as_deref(), Some("SAPⅢ 項目5"));
    assert_eq!((item1.goal_heading, item1.actions_heading), (GoalHeading::Numeric, ActionsHeading::Implementation));
    assert_eq!((item3.goal_heading, item3.actions_heading), (GoalHeading::Activity, ActionsHeading::Efforts));
    let k1 = &item1.kpis[0];
    assert_eq!((k1.baseline_note.as_str(), k1.target_note.as_str()), ("R6.3.31現在", "5割増"));
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(k1.baseline_date, day(2024, 5, 31), "a date cell is read as its day");
    assert_eq!(k1.scale, Scale::Man);
    assert_eq!(item2.kpis[0].baseline_date, day(2023, 6, 1), "R5.6.1");
    assert_eq!(item3.kpis[0].decimals, 2, "小数 wins over the 1 decimal 18.0 shows");
    let milestone = |y, v, cumulative| Milestone { year: FiscalYear(y), value: KpiValue::Number(v), cumulative };
    assert_eq!(k1.milestones, [milestone(2024, 110000.0, false), milestone(2025, 130000.0, true)]);
    assert_eq!(item3.kpis[0].milestones, [milestone(2030, 80.5, true)]);
    let effect = |planned, actual| Effect { planned, actual };
    let effects: Vec<_> = item1.effects.iter().map(|(y, e)| (y.0, *e)).collect();
    assert_eq!(effects, [(2024, effect(Some(12000.0), Some(9800.5))), (2025, effect(Some(15000.0), None))]);
    assert_eq!(item2.effects.get(&FiscalYear(2024)), Some(&effect(None, Some(1200.0))));

    // Out as a workbook, as a spreadsheet shows it; back in, the same plan; and the same as by TOML.
    let (as_xlsx, as_toml) = (dir.path().join("out.xlsx"), dir.path().join("out.toml"));
    ok(&["plan-export", "--db", &s(&db), "--out", &s(&as_xlsx)]);
    ok(&["plan-export", "--db", &s(&db), "--out", &s(&as_toml)]);
    let mut out: Xlsx<_> = open_workbook(&as_xlsx).unwrap();
    let item_row: Vec<_> = (9..13).map(|c| cell(&mut out, "改革項目", 2, c)).collect();
    assert_eq!(item_row, ["統合", "2025", "項目1に統合", ""]);
    assert_eq!(cell(&mut out, "改革項目", 1, 12), "SAPⅢ 項目5");
    assert_eq!(
        (cell(&mut out, "改革項目", 3, 7), cell(&mut out, "改革項目", 3, 8)),
        ("活動目標".into(), "取組内容・効果".into())
    );
    assert_eq!(cell(&mut out, "改革項目", 1, 7), "", "the default heading is left blank");
    let kpi_row: Vec<_> = (9..14).map(|c| cell(&mut out, "数値目標", 1, c)).collect();
    assert_eq!(kpi_row, ["R6.3.31現在", "5割増", "令和6年5月31日", "万", ""]);
    assert_eq!(cell(&mut out, "数値目標", 3, 13), "2");
    let rows = |book: &mut Xlsx<_>, sheet: &str, width: u32| -> Vec<Vec<String>> {
        let height = book.worksheet_range(sheet).unwrap().height() as u32;
        (1..height).map(|r| (0..width).map(|c| cell(book, sheet, r, c)).collect()).collect()
    };
    assert_eq!(
        rows(&mut out, "中間目標", 5),
        [
            ["1", "寄附額", "2024", "110000", ""],
            ["1", "寄附額", "2025", "130000", "○"],
            ["3", "オンライン手続数", "2030", "80.50", "○"],
        ]
    );
    assert_eq!(
        rows(&mut out, "効果額", 4),
        [["1", "2024", "12000", "9800.5"], ["1", "2025", "15000", ""], ["2", "2024", "", "1200"]]
    );
    let (from_xlsx, from_toml) = (dir.path().join("x.sqlite"), dir.path().join("t.sqlite"));
    ok(&["init", "--db", &s(&from_xlsx), "--plan", &s(&as_xlsx)]);
    ok(&["init", "--db", &s(&from_toml), "--plan", &s(&as_toml)]);
    assert_eq!(load(&from_xlsx), plan, "workbook round trip");
    assert_eq!(load(&from_toml), plan, "TOML round trip");
}

#[test]
fn a_workbook_made_before_the_goals_columns_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.xlsx"), dir.path().join("new.xlsx"));
    let sheets = old_format(filled());
    assert!(sheets.iter().all(|s| s.0 != "中間目標" && s.0 != "効果額"));
    assert_eq!(sheets.iter().find(|s| s.0 == "改革項目").unwrap().1.len(), 7);
    write(&old, &sheets);
    write(&new, &filled());
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    ok(&["init", "--db", &s(&a), "--plan", &s(&old)]);
    ok(&["init", "--db", &s(&b), "--plan", &s(&new)]);
    let plan = load(&a);
    assert_eq!(plan, load(&b));
    assert!(plan.items.iter().all(|i| i.status.is_none() && i.effects.is_empty() && i.predecessor.is_none()));
    // Its errors are still named by sheet, row and column.
    let mut sheets = old_format(filled());
    set(&mut sheets, "数値目標", 1, 7, S("横ばい"));
    refused(&sheets, &["シート「数値目標」の 3 行目、列「方向」", "横ばい"]);
}

#[test]
fn a_renamed_header_of_the_goals_columns_is_refused() {
    let mut sheets = filled();
    sheets.iter_mut().find(|s| s.0 == "改革項目").unwrap().1[9] = "ステータス";
    refused(&sheets, &["シート「改革項目」の 1 行目、列「状態」", "ステータス"]);
    let mut sheets = filled();
    sheets.iter_mut().find(|s| s.0 == "数値目標").unwrap().1.pop();
    refused(&sheets, &["シート「数値目標」の 1 行目、列「小数」"]);
    let mut sheets = with_goals();
    sheets.iter_mut().find(|s| s.0 == "効果額").unwrap().1[2] = "計画";
    refused(&sheets, &["シート「効果額」の 1 行目、列「計画（千円）」"]);
}

#[test]
fn a_bad_scale_is_named_by_sheet_row_and_column() {
    let mut sheets = with_goals();
    set(&mut sheets, "数値目標", 0, 12, S("千"));
    refused(&sheets, &["シート「数値目標」の 2 行目、列「表示」", "「千」", "万"]);
}

#[test]
fn a_bad_baseline_day_is_named_by_sheet_row_and_column() {
    let mut sheets = with_goals();
    set(&mut sheets, "数値目標", 1, 11, S("R5.13.1"));
    refused(&sheets, &["シート「数値目標」の 3 行目、列「基準日」", "R5.13.1"]);
}

#[test]
fn a_milestone_naming_an_unknown_kpi_is_named() {
    let mut sheets = with_goals();
    set(&mut sheets, "中間目標", 1, 1, S("寄付額"));
    refused(&sheets, &["シート「中間目標」の 3 行目、列「目標名」", "改革項目1に数値目標「寄付額」がありません"]);
    let mut sheets = with_goals();
    set(&mut sheets, "中間目標", 2, 0, N(7.0));
    refused(&sheets, &["シート「中間目標」の 4 行目、列「項目番号」", "改革項目7"]);
    let mut sheets = with_goals();
    set(&mut sheets, "中間目標", 0, 4, S("はい"));
    refused(&sheets, &["シート「中間目標」の 2 行目、列「累計」", "○"]);
    let mut sheets = with_goals();
    set(&mut sheets, "中間目標", 1, 2, S("R6"));
    refused(&sheets, &["シート「中間目標」の 2 行目、列「年度」", "1 年度に 1 つ"]);
}

#[test]
fn an_effect_year_outside_the_plan_is_named() {
    let mut sheets = with_goals();
    set(&mut sheets, "効果額", 0, 1, S("R9"));
    refused(&sheets, &["シート「効果額」の 2 行目、列「年度」", "期間外"]);
    let mut sheets = with_goals();
    set(&mut sheets, "効果額", 1, 1, S("R6"));
    refused(&sheets, &["シート「効果額」の 3 行目、列「年度」", "二度"]);
    let mut sheets = with_goals();
    set(&mut sheets, "効果額", 1, 2, S("多い"));
    refused(&sheets, &["シート「効果額」の 3 行目、列「計画（千円）」", "「多い」"]);
}

#[test]
fn a_status_without_its_year_or_reason_is_named() {
    let mut sheets = with_goals();
    set(&mut sheets, "改革項目", 1, 10, S(""));
    refused(&sheets, &["シート「改革項目」の 3 行目、列「状態の年度」"]);
    let mut sheets = with_goals();
    set(&mut sheets, "改革項目", 1, 11, S(""));
    refused(&sheets, &["シート「改革項目」の 3 行目、列「状態の理由」", "統合の理由"]);
    let mut sheets = with_goals();
    set(&mut sheets, "改革項目", 1, 9, S("休止"));
    refused(&sheets, &["シート「改革項目」の 3 行目、列「状態」", "休止"]);
    let mut sheets = with_goals();
    set(&mut sheets, "改革項目", 2, 7, S("行動目標"));
    refused(&sheets, &["シート「改革項目」の 4 行目、列「目標の見出し」", "活動目標"]);
}
