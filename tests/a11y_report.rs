//! The published report passes axe-core (WCAG 2.1 A/AA) in a real headless Chromium with no
//! serious or critical violation. Needs Debian's chromium and `npm ci` in tests/a11y
//! (scripts/test.sh installs both); without them this test fails and says so.

use std::path::Path;
use std::process::Command;

fn ok(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_reform-tracker")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_report_site_has_no_serious_accessibility_violation() {
    let a11y = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y");
    assert!(
        a11y.join("node_modules/puppeteer-core").is_dir() && a11y.join("node_modules/axe-core").is_dir(),
        "tests/a11y has no node_modules: run `npm ci` there (scripts/test.sh does)"
    );
    assert!(
        ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].iter().any(|p| Path::new(p).exists()),
        "Chromium is not installed: `apt-get install chromium` (scripts/test.sh does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sap3.sqlite");
    let db = db.to_str().unwrap();
    ok(&["init", "--db", db]);
    ok(&[
        "set-evaluation",
        "--db",
        db,
        "--item",
        "16",
        "--year",
        "R4",
        "--rating",
        "B",
        "--results",
        "督促を強化した。",
    ]);
    ok(&["set-actual", "--db", db, "--item", "16", "--year", "R4", "--value", "870000000"]);
    let site = dir.path().join("site");
    ok(&["report", "--db", db, "--year", "R4", "--out", site.to_str().unwrap(), "--since", "2000-01-01"]);
    let pages: Vec<String> = ["index.html", "item-01.html", "item-16.html", "item-23.html", "item-31.html"]
        .iter()
        .map(|p| site.join(p).to_string_lossy().into_owned())
        .collect();
    let out = Command::new("node").arg(a11y.join("axe.js")).args(&pages).output().expect("node is installed");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "axe-core found serious or critical violations:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("axe: 5 pages, 0 serious/critical"), "{report}");
}
