//! The schedule PDF parsed back with poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm):
//! page count and size, every title findable, the font embedded as a subset, page breaks only
//! between items, and page 1 compared with a committed rendering.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use reform_tracker::model::Plan;

/// The program under test. REFORM_TRACKER_EXE overrides it where several branches share one
/// target directory and the uplifted binary may belong to another branch's build.
fn exe() -> String {
    std::env::var("REFORM_TRACKER_EXE").unwrap_or_else(|_| env!("CARGO_BIN_EXE_reform-tracker").to_string())
}

fn run(args: &[&str]) -> Output {
    Command::new(exe()).args(args).output().unwrap()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The footer prints the record's file name; the tests look for "sap3.sqlite" there.
fn record(dir: &Path, plan: &Plan) -> String {
    common::s(&common::record_of(dir, "sap3.sqlite", plan))
}

fn print(db: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["print", "--db", db, "--out", out.to_str().unwrap(), "--as-of", "2022-10-15"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// Text of one page (or all, with `None`), whitespace removed so CJK runs compare whole. In
/// drawing order (-raw), as a viewer's search reads it: a title wrapped onto two lines is
/// drawn line after line, while poppler's column guessing may put the bar labels between them.
fn page_text(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().unwrap();
    let text = match page {
        Some(n) => tool("pdftotext", &["-raw", "-f", &n.to_string(), "-l", &n.to_string(), p, "-"]),
        None => tool("pdftotext", &["-raw", p, "-"]),
    };
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a3_landscape_schedule_of_sap3() {
    let dir = tempfile::tempdir().unwrap();
    let plan = reform_tracker::seed::sap3();
    let db = record(dir.path(), &plan);
    let pdf = dir.path().join("s.pdf");
    print(&db, &pdf, &[]);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Page size:       1190.55 x 841.89 pts (A3)"), "{info}");
    let n = pages(&pdf);
    assert!((2..=5).contains(&n), "{n} pages");
    let all = page_text(&pdf, None);
    for item in &plan.items {
        assert!(all.contains(&squeeze(&item.title)), "title of item {} not found: {}", item.number, item.title);
    }
    assert!(all.contains("進捗状況（令和4年10月15日現在）"));
    assert!(all.contains(&squeeze(&plan.info.name)));
    for k in 1..=n {
        let t = page_text(&pdf, Some(k));
        assert!(t.contains(&format!("{k}/{n}")), "page number on page {k}");
        assert!(t.contains("sap3.sqlite"), "file name on page {k}");
        assert!(t.contains("令和3年度") && t.contains("実施課") && t.contains("凡例"), "header and legend on page {k}");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let line = fonts.lines().find(|l| l.contains("BIZUDGothic")).expect("BIZ UDゴシック used");
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert!(line.contains('+'), "subset prefix: {line}");
    assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "emb sub uni: {line}");
}

#[test]
fn a4_portrait_and_kpi_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = reform_tracker::seed::sap3();
    let db = record(dir.path(), &plan);
    let (a3, a4) = (dir.path().join("a3.pdf"), dir.path().join("a4.pdf"));
    print(&db, &a3, &[]);
    print(&db, &a4, &["--paper", "a4", "--portrait"]);
    let info = tool("pdfinfo", &[a4.to_str().unwrap()]);
    assert!(info.contains("595.2") && info.contains("x 841.89"), "{info}");
    assert!(pages(&a4) >= pages(&a3), "A4 portrait is as tall as A3 landscape");
    // Titles wrapped onto two lines in the narrower column are still found whole.
    let all = page_text(&a4, None);
    for item in &plan.items {
        assert!(all.contains(&squeeze(&item.title)), "A4 portrait: title of item {} not found", item.number);
    }
    let a4l = dir.path().join("a4l.pdf");
    print(&db, &a4l, &["--paper", "a4"]);
    assert!(pages(&a4l) > pages(&a3), "A4 landscape is shorter, so more pages");
    let kpi = dir.path().join("kpi.pdf");
    print(&db, &kpi, &["--with-kpi"]);
    assert!(pages(&kpi) > pages(&a3));
    let last = page_text(&kpi, Some(pages(&kpi)));
    assert!(last.contains("進捗率") && last.contains("判定") && last.contains("評価"));
    // The KPI pages print the values as the plan does (18.0, 60万) with the remarks beside the name.
    let kpi_pages: String = (pages(&a3) + 1..=pages(&kpi)).map(|p| squeeze(&page_text(&kpi, Some(p)))).collect();
    for printed in ["18.0", "33.0", "60万", "63万", "R2.6.1現在", "R7までに1"] {
        assert!(kpi_pages.contains(printed), "{printed} not on the KPI pages");
    }
}

#[test]
fn scope_by_focus_area_and_department() {
    let dir = tempfile::tempdir().unwrap();
    let plan = reform_tracker::seed::sap3();
    let db = record(dir.path(), &plan);
    let pdf = dir.path().join("f.pdf");
    print(&db, &pdf, &["--focus", "2"]);
    let text = page_text(&pdf, None);
    for item in &plan.items {
        let found = text.contains(&squeeze(&item.title));
        assert_eq!(found, item.focus_area == 2, "item {} ({})", item.number, item.title);
    }
    let dept = plan.items[0].department.clone();
    print(&db, &pdf, &["--department", &dept]);
    let text = page_text(&pdf, None);
    for item in &plan.items {
        if item.department == dept {
            assert!(text.contains(&squeeze(&item.title)));
        }
    }
    let none = run(&["print", "--db", &db, "--out", pdf.to_str().unwrap(), "--department", "存在しない課"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("存在しない課"));
    let bad = run(&["print", "--db", &db, "--out", "x.pdf", "--as-of", "昨日"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// SAP III three times over, each copy's titles and row labels marked so every line is unique.
fn big_plan() -> Plan {
    let mut plan = reform_tracker::seed::sap3();
    let originals = plan.items.clone();
    for copy in 1..=2u32 {
        for item in &originals {
            let mut c = item.clone();
            c.number = item.number + 100 * copy;
            c.title = format!("{}（複{copy}）", item.title);
            for (i, row) in c.schedule.iter_mut().enumerate() {
                row.label = format!("行{}-{i}", c.number);
            }
            plan.items.push(c);
        }
    }
    for item in plan.items.iter_mut().take(31) {
        item.title = format!("{}（原）", item.title);
        for (i, row) in item.schedule.iter_mut().enumerate() {
            row.label = format!("行{}-{i}", item.number);
        }
    }
    plan
}

#[test]
fn a_larger_plan_breaks_only_between_items() {
    let dir = tempfile::tempdir().unwrap();
    let plan = big_plan();
    let db = record(dir.path(), &plan);
    let pdf = dir.path().join("big.pdf");
    print(&db, &pdf, &[]);
    let n = pages(&pdf);
    assert!(n >= 6, "{n} pages");
    let texts: Vec<String> = (1..=n).map(|k| page_text(&pdf, Some(k))).collect();
    for item in &plan.items {
        let title = squeeze(&item.title);
        let on: Vec<usize> = (0..n).filter(|&k| texts[k].contains(&title)).collect();
        assert_eq!(on.len(), 1, "item {} on pages {on:?}", item.number);
        for row in &item.schedule {
            assert!(texts[on[0]].contains(&row.label), "row {} of item {} not on its page", row.label, item.number);
        }
    }
}

/// Page 1 at 50 dpi in grey, against tests/snapshots/report_page1.pgm (UPDATE_SNAPSHOTS=1 rewrites it).
#[test]
fn page_one_matches_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = record(dir.path(), &reform_tracker::seed::sap3());
    let pdf = dir.path().join("s.pdf");
    print(&db, &pdf, &[]);
    let prefix = dir.path().join("p");
    tool(
        "pdftoppm",
        &["-r", "50", "-gray", "-f", "1", "-l", "1", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let got = std::fs::read(dir.path().join("p.pgm")).unwrap();
    let baseline = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/report_page1.pgm");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&baseline, &got).unwrap();
    }
    let want = std::fs::read(&baseline).expect("baseline missing: run with UPDATE_SNAPSHOTS=1 and commit it");
    let (gw, gh, gp) = pgm(&got);
    let (ww, wh, wp) = pgm(&want);
    assert_eq!((gw, gh), (ww, wh), "size of the rendering");
    let diff: f64 = gp.iter().zip(wp).map(|(a, b)| (*a as f64 - *b as f64).abs()).sum::<f64>() / gp.len() as f64;
    assert!(diff < 1.5, "mean difference {diff:.3} from the baseline (see {})", baseline.display());
    // Not blank: the page holds ink.
    assert!(gp.iter().filter(|p| **p < 128).count() > gp.len() / 100);
}

/// Binary PGM (P5, 8-bit): width, height, pixels.
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..i]).unwrap().to_string());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[i + 1..];
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

/// One word of `pdftotext -bbox`: its box in points (origin top-left) and its text.
struct Word {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    text: String,
}

/// Page sizes and words of every page, as poppler reads them back.
fn words(pdf: &Path) -> Vec<((f32, f32), Vec<Word>)> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(((attr(line, "width"), attr(line, "height")), Vec::new()));
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            let word = Word {
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            };
            pages.last_mut().unwrap().1.push(word);
        }
    }
    pages
}

/// SAP III with its longest texts made longer still: titles, departments, row and phase labels.
fn wordy_plan() -> Plan {
    let mut plan = reform_tracker::seed::sap3();
    plan.info.name = format!("{}（令和3年度〜令和5年度）進捗管理のための記録", plan.info.name);
    for item in plan.items.iter_mut().step_by(3) {
        item.title = format!("{}及び関連する事務事業の総合的な見直しと市民サービスの向上", item.title);
        item.department = "企画広報課及び行政情報課並びに関係各課".into();
        for row in &mut item.schedule {
            row.label = format!("{}に係る関係機関との協議及び調整", row.label);
            for p in &mut row.phases {
                p.data.label = "関係機関との協議・調整及び試行".into();
            }
        }
    }
    plan
}

/// The margin (12 mm) every printer can print inside; poppler's boxes are exact to a few
/// hundredths of a point, so anything past the margin by more than that is a real overflow.
const MARGIN: f32 = 12.0 * 72.0 / 25.4;
const SLACK: f32 = 0.05;

#[test]
fn nothing_leaves_the_printable_area_on_any_paper() {
    let dir = tempfile::tempdir().unwrap();
    for (name, plan) in [("sap3", reform_tracker::seed::sap3()), ("wordy", wordy_plan())] {
        let db = common::s(&common::record_of(dir.path(), &format!("{name}.sqlite"), &plan));
        for paper in [
            &["--paper", "a3"][..],
            &["--paper", "a3", "--portrait"],
            &["--paper", "a4"],
            &["--paper", "a4", "--portrait"],
        ] {
            let pdf = dir.path().join("out.pdf");
            let mut extra = paper.to_vec();
            extra.push("--with-kpi");
            print(&db, &pdf, &extra);
            let pages = words(&pdf);
            assert_eq!(pages.len(), self::pages(&pdf));
            for (n, ((w, h), words)) in pages.iter().enumerate() {
                let at = format!("{name} {paper:?} page {}", n + 1);
                assert!(words.iter().any(|w| w.text.contains("進捗状況")), "{at}: header");
                assert!(words.iter().any(|w| w.text.contains(".sqlite")), "{at}: footer");
                for word in words {
                    let inside = word.x0 >= MARGIN - SLACK
                        && word.x1 <= w - MARGIN + SLACK
                        && word.y0 >= MARGIN - SLACK
                        && word.y1 <= h - MARGIN + SLACK;
                    assert!(
                        inside,
                        "{at}: 「{}」 at x {:.1}–{:.1}, y {:.1}–{:.1} leaves the printable area {MARGIN:.1}–{:.1} × {MARGIN:.1}–{:.1}",
                        word.text,
                        word.x0,
                        word.x1,
                        word.y0,
                        word.y1,
                        w - MARGIN,
                        h - MARGIN
                    );
                }
                // The 基準日 title is right-aligned by its measured width: it ends on the margin.
                let title = words.iter().find(|w| w.text.starts_with("進捗状況")).unwrap();
                assert!((title.x1 - (w - MARGIN)).abs() < 0.1, "{at}: measured width is off: ends at {}", title.x1);
                let schedule_page = words.iter().any(|w| w.text.contains("実施課"));
                if schedule_page {
                    for part in ["凡例", "状態:", "実績期間", "基準日"] {
                        assert!(words.iter().any(|w| w.text.contains(part)), "{at}: legend lacks {part}");
                    }
                }
            }
        }
    }
}

/// Where a schedule page's body is, as read back: from under the column heads (「実施課」) to
/// the legend (「凡例」), and the words between.
fn body_of(words: &[Word]) -> (f32, f32, Vec<&Word>) {
    let head = words.iter().find(|w| w.text == "実施課").expect("column heads");
    let legend = words.iter().find(|w| w.text.starts_with("凡例")).expect("legend");
    // The column heads stand centred in the two header rows (year, month) of 28 pt.
    let top = (head.y0 + head.y1) / 2.0 + 14.0;
    let body = words.iter().filter(|w| w.y0 >= top - 0.5 && w.y1 <= legend.y0).collect();
    (top, legend.y0, body)
}

/// Point 8 of issue 18: no page but the last leaves more than 15 % of its body blank above
/// the legend, and no word is smaller than 7 pt, on A3 and A4 either way round.
#[test]
fn schedule_pages_fill_the_paper() {
    let dir = tempfile::tempdir().unwrap();
    let sap3 = record(dir.path(), &reform_tracker::seed::sap3());
    let big = common::record_of(dir.path(), "big.sqlite", &big_plan());
    let wordy = common::record_of(dir.path(), "wordy.sqlite", &wordy_plan());
    for paper in [&[][..], &["--paper", "a4", "--portrait"], &["--paper", "a4"], &["--portrait"]] {
        for size in ["standard", "large"] {
            let mut extra = paper.to_vec();
            extra.extend(["--text-size", size]);
            let pdf = dir.path().join("fill.pdf");
            print(&sap3, &pdf, &extra);
            let at = format!("SAP III {paper:?} {size}");
            let pages = words(&pdf);
            assert!(pages.len() >= 2, "{at}: SAP III needs more than one page");
            assert_filled(&at, &pages);
            for (n, (_, words)) in pages.iter().enumerate() {
                // poppler's word box is the em box: its height is the font size.
                for w in words {
                    assert!(w.y1 - w.y0 >= 7.0 - 0.01, "{at} page {}: 「{}」 at {:.2} pt", n + 1, w.text, w.y1 - w.y0);
                }
            }
            // Three times the items, and texts longer than any column: filled all the same.
            for (name, db) in [("big", &big), ("wordy", &wordy)] {
                print(db.to_str().unwrap(), &pdf, &extra);
                assert_filled(&format!("{name} {paper:?} {size}"), &words(&pdf));
            }
        }
    }
}

/// Every page but the last has its lowest body word within 15 % of the body's height from
/// the legend.
fn assert_filled(at: &str, pages: &[((f32, f32), Vec<Word>)]) {
    for (n, (_, words)) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
        let (top, legend, body) = body_of(words);
        let lowest = body.iter().map(|w| w.y1).fold(0.0, f32::max);
        let blank = (legend - lowest) / (legend - top);
        assert!(blank <= 0.15, "{at} page {}: {:.0} % of the body blank above the legend", n + 1, blank * 100.0);
    }
}

/// 大きい prints the rows' words larger than 標準 does, on more pages.
#[test]
fn large_text_is_larger_on_more_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = reform_tracker::seed::sap3();
    let db = record(dir.path(), &plan);
    let median = |pdf: &Path| {
        let mut sizes: Vec<f32> =
            words(pdf).iter().flat_map(|(_, w)| body_of(w).2.into_iter().map(|w| w.y1 - w.y0)).collect();
        sizes.sort_by(f32::total_cmp);
        sizes[sizes.len() / 2]
    };
    let (standard, large) = (dir.path().join("s.pdf"), dir.path().join("l.pdf"));
    print(&db, &standard, &[]);
    print(&db, &large, &["--text-size", "大きい"]);
    assert!(pages(&large) > pages(&standard), "{} vs {} pages", pages(&large), pages(&standard));
    assert!(median(&large) >= median(&standard) * 1.15, "{} vs {} pt", median(&large), median(&standard));
    let all = page_text(&large, None);
    for item in &plan.items {
        assert!(all.contains(&squeeze(&item.title)), "large: title of item {} not found", item.number);
    }
}
