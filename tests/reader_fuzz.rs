//! Property test of the survey reader against mutated files: a genuine workbook with its bytes
//! flipped, or its sheet XML rewritten with hostile pieces and zipped again (a valid zip with bad
//! content), and the sheet saved as CSV with bytes flipped, quotes and line ends thrown in. Reading
//! and judging must never panic or abort, and the whole run stays within about a minute.
//! The process runs with its address space capped (1 GiB on Unix): an allocation bomb aborts it.

mod common;
mod survey_support;

use std::io::{Read, Write};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use reform_tracker::survey::{plan_import, read_answers_from_bytes, survey_departments};
use survey_support::{R4, main_sheet_csv, new_record, read_sheets};

struct Fixture {
    plan: reform_tracker::model::Plan,
    record_id: String,
    workbook: Vec<u8>,
    sheet_xml: String,
    csv: Vec<u8>,
    started: Instant,
}

fn cap_address_space() {
    #[cfg(unix)]
    {
        let limit = libc::rlimit { rlim_cur: 1 << 30, rlim_max: libc::RLIM_INFINITY };
        // SAFETY: a plain setrlimit call with a valid struct.
        unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (_, store) = new_record(dir.path(), "record.sqlite");
        let plan = store.load().unwrap();
        let record_id = store.record_id().unwrap();
        let department = survey_departments(&plan).into_iter().next().unwrap();
        let workbook = reform_tracker::survey::workbook_bytes(&plan, &record_id, R4, &department).unwrap();
        let mut sheet_xml = String::new();
        zip::ZipArchive::new(std::io::Cursor::new(&workbook))
            .unwrap()
            .by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet_xml)
            .unwrap();
        let csv = main_sheet_csv(&read_sheets(&workbook)).into_bytes();
        cap_address_space();
        Fixture { plan, record_id, workbook, sheet_xml, csv, started: Instant::now() }
    })
}

/// Stops generating work once the run has had its minute (CI stays bounded on a slow machine).
fn out_of_time(f: &Fixture) -> bool {
    f.started.elapsed() > Duration::from_secs(50)
}

fn read_and_judge(f: &Fixture, name: &str, bytes: &[u8]) {
    if let Ok(answers) = read_answers_from_bytes(name, bytes) {
        let _ = plan_import(&f.plan, &f.record_id, &[answers]);
    }
}

fn rezip_sheet(f: &Fixture, xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&f.workbook)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            out.write_all(xml.as_bytes()).unwrap();
        } else {
            out.write_all(&data).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// Pieces a hostile sheet is made of: far cells, huge indices, errors, formulas, odd numbers.
const PIECES: &[&str] = &[
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"J5\" t=\"s\"><v>4294967295</v></c>",
    "<c r=\"J5\" t=\"s\"><v>-1</v></c>",
    "<c r=\"I7\" t=\"e\"><v>#REF!</v></c>",
    "<c r=\"J6\"><f t=\"shared\" si=\"4000000000\" ref=\"J6:J9\">A1</f></c>",
    "<c r=\"J6\"><f t=\"shared\" si=\"99999999\"/></c>",
    "<c r=\"J8\"><v>1e308</v></c>",
    "<c r=\"J8\"><v>NaN</v></c>",
    "<c r=\"J8\" t=\"d\"><v>9999-99-99</v></c>",
    "<c r=\"J8\" s=\"999999\"><v>2022.1</v></c>",
    "<row r=\"4294967295\">",
    "<row r=\"0\">",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "</sheetData>",
    "<c r=\"A1\" t=\"inlineStr\"><is><t>数値目標</t></is></c>",
    "&#0;",
    "<![CDATA[",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit {
        at: usize,
        bit: u8,
    },
    Overwrite {
        at: usize,
        bytes: Vec<u8>,
    },
    Truncate {
        keep: usize,
    },
    /// Sheet XML: `piece` put in place of `len` characters at `at` (kept on a char boundary).
    Xml {
        at: usize,
        len: usize,
        piece: usize,
    },
}

fn byte_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        3 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..32))
            .prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
        1 => any::<usize>().prop_map(|keep| Mutation::Truncate { keep }),
    ]
}

fn xml_mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), 0usize..40, 0..PIECES.len()).prop_map(|(at, len, piece)| Mutation::Xml { at, len, piece })
}

fn mutate_bytes(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::FlipBit { at, bit } => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= 1 << bit;
            }
        }
        Mutation::Overwrite { at, bytes: new } => {
            let start = at % len;
            for (i, b) in new.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(start + i) {
                    *slot = *b;
                }
            }
        }
        Mutation::Truncate { keep } => bytes.truncate(keep % len),
        Mutation::Xml { .. } => {}
    }
}

fn mutate_xml(xml: &mut String, m: &Mutation) {
    if let Mutation::Xml { at, len, piece } = m {
        let mut start = at % xml.len().max(1);
        while !xml.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(xml.len());
        while !xml.is_char_boundary(end) {
            end += 1;
        }
        xml.replace_range(start..end, PIECES[*piece]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_workbook_bytes_are_read_or_refused(ms in proptest::collection::vec(byte_mutation(), 1..4)) {
        let f = fixture();
        if !out_of_time(f) {
            let mut bytes = f.workbook.clone();
            for m in &ms {
                mutate_bytes(&mut bytes, m);
            }
            read_and_judge(f, "fuzz.xlsx", &bytes);
        }
    }

    #[test]
    fn workbooks_with_hostile_sheet_xml_are_read_or_refused(ms in proptest::collection::vec(xml_mutation(), 1..6)) {
        let f = fixture();
        if !out_of_time(f) {
            let mut xml = f.sheet_xml.clone();
            for m in &ms {
                mutate_xml(&mut xml, m);
            }
            read_and_judge(f, "fuzz.xlsx", &rezip_sheet(f, &xml));
        }
    }

    #[test]
    fn mutated_csv_is_read_or_refused(
        ms in proptest::collection::vec(byte_mutation(), 1..6),
        inserts in proptest::collection::vec((any::<usize>(), prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(0x82u8)]), 0..6),
    ) {
        let f = fixture();
        if !out_of_time(f) {
            let mut bytes = f.csv.clone();
            for m in &ms {
                mutate_bytes(&mut bytes, m);
            }
            for (at, b) in &inserts {
                let at = at % (bytes.len() + 1);
                bytes.insert(at, *b);
            }
            read_and_judge(f, "fuzz.csv", &bytes);
        }
    }
}
