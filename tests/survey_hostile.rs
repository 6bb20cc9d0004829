//! Returned surveys made to hurt: a value in the last cell of the sheet, zip bombs, shared-string
//! bombs, formula cells without a saved result, error cells, a month that lost its zero, texts
//! longer than a cell, numbers no office means. Each is read within bounds (the command line runs
//! under `ulimit -v` 1 GiB and must exit, not abort) and refused by name, or read correctly.

mod common;
mod survey_support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{s, text};
use reform_tracker::survey::{CellPos, SurveyAnswers, plan_import, read_answers_from_bytes, survey_departments};
use survey_support::{R4, new_record};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_reform-tracker")
}

/// The command line with its address space capped at 1 GiB, as on a small office PC.
pub fn run_limited(args: &[&str]) -> Output {
    Command::new("sh").args(["-c", "ulimit -v 1048576; exec \"$0\" \"$@\"", bin()]).args(args).output().unwrap()
}

struct Genuine {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    record: PathBuf,
    plan: reform_tracker::model::Plan,
    record_id: String,
    bytes: Vec<u8>,
    answers: SurveyAnswers,
}

/// A record and the genuine workbook of its first department for 令和4年度.
fn genuine() -> Genuine {
    let dir = tempfile::tempdir().unwrap();
    let (record, store) = new_record(dir.path(), "record.sqlite");
    let plan = store.load().unwrap();
    let record_id = store.record_id().unwrap();
    let department = survey_departments(&plan).into_iter().next().unwrap();
    let bytes = reform_tracker::survey::workbook_bytes(&plan, &record_id, R4, &department).unwrap();
    let answers = read_answers_from_bytes("genuine.xlsx", &bytes).unwrap();
    assert!(answers.altered.is_none());
    Genuine { dir: dir.path().to_path_buf(), _dir: dir, record, plan, record_id, bytes, answers }
}

impl Genuine {
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// The workbook's entries, `patch` applied to each (name, content), `extra` entries appended.
fn rezip(bytes: &[u8], patch: impl Fn(&str, Vec<u8>) -> Vec<u8>, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
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

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// The main sheet's XML with the cell at `pos` replaced by `cell` (its whole `<c>` element).
fn set_cell(bytes: &[u8], pos: &CellPos, cell: String) -> Vec<u8> {
    let reference = format!("{}{}", pos.column_letter(), pos.row);
    rezip(
        bytes,
        |name, data| {
            if name != SHEET {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            let cell = cell.replace("{r}", &reference);
            let xml = match xml.find(&format!("<c r=\"{reference}\"")) {
                Some(start) => {
                    let open_end = start + xml[start..].find('>').unwrap();
                    let end = if xml.as_bytes()[open_end - 1] == b'/' {
                        open_end + 1
                    } else {
                        open_end + xml[open_end..].find("</c>").unwrap() + 4
                    };
                    format!("{}{cell}{}", &xml[..start], &xml[end..])
                }
                None => {
                    let row = xml.find(&format!("<row r=\"{}\"", pos.row)).expect("the answer's row is in the sheet");
                    let close = row + xml[row..].find("</row>").unwrap();
                    format!("{}{cell}{}", &xml[..close], &xml[close..])
                }
            };
            xml.into_bytes()
        },
        &[],
    )
}

fn refusals_of(g: &Genuine, bytes: &[u8]) -> reform_tracker::survey::DepartmentPreview {
    let answers = read_answers_from_bytes("hostile.xlsx", bytes).unwrap();
    let preview = plan_import(&g.plan, &g.record_id, &[answers]);
    assert!(preview.refused_files.is_empty(), "{:?}", preview.refused_files);
    preview.departments.into_iter().next().unwrap()
}

#[test]
fn a_value_in_the_last_cell_of_the_sheet_costs_nothing() {
    let g = genuine();
    let hostile = rezip(
        &g.bytes,
        |name, data| {
            if name != SHEET {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            let start = xml.find("<dimension ref=\"").unwrap() + 16;
            let end = start + xml[start..].find('"').unwrap();
            let xml = format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]);
            xml.replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
            )
            .into_bytes()
        },
        &[],
    );
    assert!(hostile.len() < 64 * 1024);
    // Read as the genuine workbook: the far cell is outside the survey's columns.
    let read = read_answers_from_bytes("genuine.xlsx", &hostile).unwrap();
    assert_eq!(read, g.answers);
    let path = g.write("last-cell.xlsx", &hostile);
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(&path)]);
    assert_eq!(out.status.code(), Some(0), "no abort under 1 GiB: {out:?}");
    assert!(text(&out.stdout).contains(&g.answers.department), "{}", text(&out.stdout));
}

fn assert_refused_under_limit(g: &Genuine, name: &str, bytes: &[u8], reason: &str) {
    let path = g.write(name, bytes);
    let before = std::fs::read(&g.record).unwrap();
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(&path), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{name}: refused, not aborted: {out:?}");
    let err = text(&out.stderr);
    assert!(err.contains("進捗調査票として読めません") && err.contains(reason), "{name}: {err}");
    assert_eq!(std::fs::read(&g.record).unwrap(), before, "{name}: the record is unchanged");
}

#[test]
fn a_zip_bomb_is_refused_within_a_small_memory() {
    let g = genuine();
    let zeros = vec![0u8; 300 * 1024 * 1024];
    let bomb = rezip(&g.bytes, |_, d| d, &[("xl/media/image1.bin", &zeros)]);
    drop(zeros);
    assert!(bomb.len() < 3 * 1024 * 1024, "a few megabytes on disk: {}", bomb.len());
    assert_refused_under_limit(&g, "bomb.xlsx", &bomb, "圧縮爆弾");
}

#[test]
fn a_sheet_padded_to_gigabytes_is_refused() {
    let g = genuine();
    let padded = rezip(
        &g.bytes,
        |name, data| {
            if name != SHEET {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            let filler = " ".repeat(80 * 1024 * 1024);
            xml.replacen("<sheetData>", &format!("<sheetData>{filler}"), 1).into_bytes()
        },
        &[],
    );
    assert_refused_under_limit(&g, "padded.xlsx", &padded, "大きすぎる");
}

#[test]
fn shared_string_bombs_are_refused() {
    let g = genuine();
    let announced = rezip(
        &g.bytes,
        |name, data| {
            if !name.ends_with("sharedStrings.xml") {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            let start = xml.find("uniqueCount=\"").unwrap() + 13;
            let end = start + xml[start..].find('"').unwrap();
            format!("{}4000000000{}", &xml[..start], &xml[end..]).into_bytes()
        },
        &[],
    );
    assert_refused_under_limit(&g, "announced.xlsx", &announced, "共有文字列");

    let many = rezip(
        &g.bytes,
        |name, data| {
            if !name.ends_with("sharedStrings.xml") {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            let strings: String = (0..3_000_000).map(|i| format!("<si><t>{i}</t></si>")).collect();
            xml.replacen("</sst>", &format!("{strings}</sst>"), 1).into_bytes()
        },
        &[],
    );
    assert_refused_under_limit(&g, "many-strings.xlsx", &many, "大きすぎる");
}

#[test]
fn a_formula_without_its_result_is_refused_by_name_and_not_counted_as_an_answer() {
    let g = genuine();
    let kpi = g.answers.kpis.iter().find(|k| g.plan.kpi(k.kpi_id).is_some_and(|(_, k)| !k.is_text_goal())).unwrap();
    let bytes = set_cell(&g.bytes, &kpi.actual.pos, "<c r=\"{r}\"><f>SUM(1,2)</f></c>".into());
    let dept = refusals_of(&g, &bytes);
    let refusal = dept.refusals.iter().find(|r| r.pos == kpi.actual.pos).expect("the formula cell is refused");
    assert!(refusal.reason.contains("計算式の結果が保存されていません"), "{}", refusal.reason);
    assert!(dept.changes.is_empty());
    assert!(!dept.counts_as_answer(), "the department is still asked for its answer");
    // From the command line, named by its cell.
    let path = g.write("formula.xlsx", &bytes);
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(&path)]);
    assert!(text(&out.stderr).contains(&kpi.actual.pos.to_string()), "{}", text(&out.stderr));
}

#[test]
fn an_error_cell_is_refused_not_stored_as_text() {
    let g = genuine();
    let row = &g.answers.evaluations[0];
    let bytes = set_cell(&g.bytes, &row.results.pos, "<c r=\"{r}\" t=\"e\"><v>#REF!</v></c>".into());
    let dept = refusals_of(&g, &bytes);
    let refusal = dept.refusals.iter().find(|r| r.pos == row.results.pos).expect("the error cell is refused");
    assert!(refusal.reason.contains("#REF!"), "{}", refusal.reason);
    assert!(dept.changes.iter().all(|c| !c.new.contains("#Ref") && !c.new.contains("#REF")));
}

#[test]
fn a_month_typed_as_2022_point_1_is_refused_not_read_as_january() {
    let g = genuine();
    let phase = &g.answers.phases[0];
    let bytes = set_cell(&g.bytes, &phase.actual_start.pos, "<c r=\"{r}\"><v>2022.1</v></c>".into());
    let dept = refusals_of(&g, &bytes);
    let refusal = dept.refusals.iter().find(|r| r.pos == phase.actual_start.pos).expect("2022.1 is refused");
    assert!(refusal.reason.contains("2022-10"), "{}", refusal.reason);
    assert!(dept.changes.iter().all(|c| !c.new.contains("2022-01")));
    // 2022.4 (no zero to lose) is April.
    let bytes = set_cell(&g.bytes, &phase.actual_start.pos, "<c r=\"{r}\"><v>2022.4</v></c>".into());
    let dept = refusals_of(&g, &bytes);
    assert!(dept.changes.iter().any(|c| c.new.contains("2022-04")), "{:?}", dept.changes);
}

#[test]
fn a_text_longer_than_an_excel_cell_is_refused_and_the_export_still_works() {
    let g = genuine();
    let row = &g.answers.evaluations[0];
    let long = "あ".repeat(40_000);
    let cell = format!("<c r=\"{{r}}\" t=\"inlineStr\"><is><t>{long}</t></is></c>");
    let bytes = set_cell(&g.bytes, &row.results.pos, cell);
    let path = g.write("long.xlsx", &bytes);
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(&path), "--yes"]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(all.contains("32,767") && all.contains("取組実績"), "{all}");
    assert!(all.contains(&row.results.pos.to_string()), "{all}");
    // Nothing too long reached the record: every department's workbook can still be made.
    let out_dir = g.dir.join("out");
    let out = Command::new(bin())
        .args(["survey-export", "--db", &s(&g.record), "--year", "R4", "--out", &s(&out_dir)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn numbers_no_office_means_are_refused() {
    let g = genuine();
    let kpi = g.answers.kpis.iter().find(|k| g.plan.kpi(k.kpi_id).is_some_and(|(_, k)| !k.is_text_goal())).unwrap();
    for v in ["1e300", "-1e15"] {
        let bytes = set_cell(&g.bytes, &kpi.actual.pos, format!("<c r=\"{{r}}\"><v>{v}</v></c>"));
        let dept = refusals_of(&g, &bytes);
        let refusal = dept.refusals.iter().find(|r| r.pos == kpi.actual.pos).unwrap_or_else(|| panic!("{v}"));
        assert!(refusal.reason.contains("1,000兆"), "{}", refusal.reason);
    }
}

#[test]
fn an_oversized_csv_is_refused_before_it_is_read() {
    let g = genuine();
    let path: &Path = &g.dir.join("huge.csv");
    let f = std::fs::File::create(path).unwrap();
    f.set_len(reform_tracker::survey::MAX_FILE_BYTES + 1).unwrap();
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("MB を超える"), "{}", text(&out.stderr));
}

#[test]
fn a_survey_export_stopped_by_a_full_disk_names_what_was_made_and_leaves_no_partial_workbook() {
    let g = genuine();
    let departments = survey_departments(&g.plan);
    let sizes: Vec<usize> = departments
        .iter()
        .map(|d| reform_tracker::survey::workbook_bytes(&g.plan, &g.record_id, R4, d).unwrap().len())
        .collect();
    // Each file may grow to the middle size: the first department above it cannot be written.
    let mut sorted = sizes.clone();
    sorted.sort();
    let limit = sorted[sorted.len() / 2];
    let first_failing = sizes.iter().position(|&n| n > limit).unwrap();
    let out_dir = g.dir.join("out");
    let out = Command::new("sh")
        .args([
            "-c",
            &format!("trap '' XFSZ; exec prlimit --fsize={limit} \"$0\" \"$@\""),
            bin(),
            "survey-export",
            "--db",
            &s(&g.record),
            "--year",
            "R4",
            "--out",
            &s(&out_dir),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = text(&out.stderr);
    let names: Vec<String> = departments.iter().map(|d| reform_tracker::survey::file_name(R4, d)).collect();
    assert!(err.contains(&format!("作成済み（{} 件）", first_failing)), "{err}");
    assert!(err.contains(&format!("作成できなかった調査票（{} 件）", names.len() - first_failing)), "{err}");
    for n in &names[first_failing..] {
        assert!(err.contains(n.as_str()), "{n} is named as not made: {err}");
    }
    let mut on_disk: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    let mut made = names[..first_failing].to_vec();
    made.sort();
    assert_eq!(on_disk, made, "only whole workbooks, no partial or temporary file");
    for n in &made {
        let bytes = std::fs::read(out_dir.join(n)).unwrap();
        assert!(read_answers_from_bytes(n, &bytes).is_ok(), "{n} is a whole workbook");
    }
}

#[test]
fn a_row_numbered_past_excel_is_refused_not_a_crash() {
    let g = genuine();
    // calamine counts rows in u32: a row number past it overflows its arithmetic.
    let hostile = rezip(
        &g.bytes,
        |name, data| {
            if name != SHEET {
                return data;
            }
            let xml = String::from_utf8(data).unwrap();
            xml.replacen("<row r=\"1\"", "<row r=\"4294967296\"", 1).into_bytes()
        },
        &[],
    );
    let path = g.write("row-overflow.xlsx", &hostile);
    let out = run_limited(&["survey-import", "--db", &s(&g.record), "--from", &s(&path)]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(text(&out.stderr).contains("進捗調査票として読めません"), "{}", text(&out.stderr));
}
