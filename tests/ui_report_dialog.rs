//! ファイル → 年次報告書… in the real App, on a real record: the report is written where the
//! dialog says, with 変更点 since the date typed.

mod ui_support;
use ui_support::harness;

use egui_kittest::kittest::Queryable as _;
use reform_tracker::store::Store;

#[test]
fn the_dialog_writes_the_report_beside_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.sqlite");
    Store::create(&path, &reform_tracker::seed::sap3()).unwrap();
    let mut harness = harness(&path);
    harness.get_by_label("ファイル").click();
    harness.run();
    harness.get_by_label("年次報告書…").click();
    harness.run();
    harness.get_by_label("変更点（前回の会議の日）").click();
    harness.run();
    harness.event(egui::Event::Text("2000-01-01".into()));
    harness.run();
    harness.get_by_label("作成").click();
    // Steps, not `run`: the spinner repaints until the report is written.
    harness.step();
    // Written on a thread while the window stays responsive: wait until the window says it is done.
    for _ in 0..300 {
        if harness.query_by_label_contains("ファイルを書き出しました").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    let out = dir.path().join("年次報告書");
    assert!(out.join("index.html").is_file(), "written beside the record by default");
    assert!(out.join("item-31.html").is_file());
    let pdf =
        std::fs::read_dir(&out).unwrap().filter_map(Result::ok).any(|e| e.path().extension() == Some("pdf".as_ref()));
    assert!(pdf, "the PDF too");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("2000年1月1日以降の変更"),
        "変更点 asked for: {}",
        index.split("h-legend").next().unwrap_or("").rsplit("h-changes").next().unwrap_or("none")
    );
    assert!(harness.query_by_label_contains("ファイルを書き出しました").is_some(), "the dialog says what it did");
}
