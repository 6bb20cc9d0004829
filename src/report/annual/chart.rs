//! Charts as inline SVG. Each is an image with a text alternative (role="img", a <title> and a
//! <desc> that state the numbers), and the same numbers stand in a table beside it.

use std::fmt::Write as _;

use super::html::esc;
use super::summary::SummaryRow;

/// Colours of the standings S, A, B, C, 対象外, 未評価 — with a text label on each segment
/// wide enough to hold one, and the legend, so colour is never the only cue.
pub const STANDING_COLORS: [&str; 6] = ["#1f5fa8", "#2e7d32", "#b7791f", "#b3261e", "#6b6b6b", "#d0d0d0"];

/// Rating shares per 重点項目 and in total, as stacked horizontal bars.
pub fn standings(rows: &[SummaryRow], id: &str) -> String {
    // A narrow drawing, so that its text stays readable when a phone scales it to the screen.
    let label_w = 80.0;
    let bar_w = 390.0;
    let row_h = 26.0;
    let top = 8.0;
    let legend_h = 28.0;
    let height = top + rows.len() as f64 * row_h + legend_h;
    let mut desc = String::new();
    for r in rows {
        let parts: Vec<String> = r.counts.by_standing().iter().map(|(l, n)| format!("{l} {n}件")).collect();
        let _ = write!(desc, "{}：{}。", r.label, parts.join("、"));
    }
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">評価の内訳（重点項目別・合計）</title><desc id="{id}-d">{desc}</desc>"#,
        w = label_w + bar_w + 10.0,
        desc = esc(&desc)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let short = match r.focus {
            Some(n) => format!("重点項目{n}"),
            None => "合計".to_string(),
        };
        let _ = write!(s, r#"<text x="0" y="{}" class="axis">{}</text>"#, y + 16.0, esc(&short));
        let total = r.counts.items.max(1) as f64;
        let mut x = label_w;
        for (k, (label, n)) in r.counts.by_standing().iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = *n as f64 / total * bar_w;
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h}" fill="{c}" stroke="#ffffff"/>"##,
                h = row_h - 6.0,
                c = STANDING_COLORS[k]
            );
            if w >= 34.0 {
                let fill = if k >= 5 { "#1a1a1a" } else { "#ffffff" };
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" fill="{fill}" class="seg">{} {n}</text>"#,
                    x + 4.0,
                    y + 14.0,
                    esc(label)
                );
            }
            x += w;
        }
    }
    let ly = top + rows.len() as f64 * row_h + 12.0;
    let mut lx = label_w;
    for (k, label) in ["S", "A", "B", "C", "対象外", "未評価"].iter().enumerate() {
        let _ = write!(
            s,
            r##"<rect x="{lx}" y="{}" width="12" height="12" fill="{}" stroke="#555555"/><text x="{}" y="{}" class="axis">{}</text>"##,
            ly - 10.0,
            STANDING_COLORS[k],
            lx + 16.0,
            ly,
            esc(label)
        );
        lx += 64.0;
    }
    s.push_str("</svg>");
    s
}

/// 進捗率 of an item's KPIs as horizontal bars on a 0–100% scale (longer bars are cut at 150%).
pub fn kpi_rates(kpis: &[(String, Option<f64>)], id: &str) -> String {
    let label_w = 150.0;
    let bar_w = 260.0;
    let row_h = 26.0;
    let height = 22.0 + kpis.len() as f64 * row_h;
    let desc: Vec<String> = kpis
        .iter()
        .map(|(n, r)| match r {
            Some(r) => format!("{n} {r:.1}%"),
            None => format!("{n} 進捗率なし"),
        })
        .collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">数値目標の進捗率</title><desc id="{id}-d">{}</desc>"#,
        esc(&desc.join("、")),
        w = label_w + bar_w + 70.0
    );
    let scale = bar_w / 150.0;
    let full = label_w + 100.0 * scale;
    let _ = write!(
        s,
        r##"<line x1="{full}" y1="0" x2="{full}" y2="{height}" stroke="#555555" stroke-dasharray="4 3"/><text x="{}" y="12" class="axis">100%</text>"##,
        full + 3.0
    );
    for (i, (name, rate)) in kpis.iter().enumerate() {
        let y = 18.0 + i as f64 * row_h;
        let short: String = name.chars().take(11).collect();
        let short = if short.chars().count() < name.chars().count() { format!("{short}…") } else { short };
        let _ = write!(s, r#"<text x="0" y="{}" class="axis">{}</text>"#, y + 14.0, esc(&short));
        match rate {
            Some(r) => {
                let w = r.clamp(0.0, 150.0) * scale;
                let color = if *r >= 100.0 { "#2e7d32" } else { "#1f5fa8" };
                let _ = write!(
                    s,
                    r#"<rect x="{label_w}" y="{y}" width="{w:.1}" height="18" fill="{color}"/><text x="{:.1}" y="{}" class="axis">{r:.1}%</text>"#,
                    label_w + w + 4.0,
                    y + 14.0
                );
            }
            None => {
                let _ = write!(s, r#"<text x="{label_w}" y="{}" class="axis">進捗率なし</text>"#, y + 14.0);
            }
        }
    }
    s.push_str("</svg>");
    s
}
