//! The report as a static web site: index.html (総括表, the list of items, 変更点), one page per
//! item, and one style sheet. Plain semantic HTML in Japanese (lang="ja"), tables with captions
//! and header cells, charts with text alternatives; readable at 200 % zoom, on a phone and on
//! paper. No script, nothing fetched from elsewhere: the city can publish the folder as it is.

use std::fmt::Write as _;

use super::Report;
use super::chart;
use super::html_item;
use super::sheet::file_name;
use super::summary::percent_text;

pub const STYLE: &str = include_str!("style.css");

/// Text for HTML: & < > " ' escaped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph per line of the text; an empty text reads 「記載なし」.
pub fn paragraphs(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return "<p>記載なし</p>".into();
    }
    lines.iter().map(|l| format!("<p>{}</p>", esc(l))).collect()
}

/// A table in a box that scrolls sideways on a narrow screen; the box can take the keyboard's
/// focus, so its hidden part can be reached without a mouse.
pub fn scroll_box(caption_id: &str, table: &str) -> String {
    format!(r#"<div class="table-box" role="region" aria-labelledby="{caption_id}" tabindex="0">{table}</div>"#)
}

/// Every page shares this frame: skip link, header with the report's name, footer.
pub fn page(report: &Report, title: &str, breadcrumb: &str, main: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header class="site"><p class="site-name">{site}</p><p class="as-of">{as_of}</p></header>
<nav aria-label="現在位置" class="crumbs">{breadcrumb}</nav>
<main id="main">
{main}
</main>
<footer class="site"><p>{plan}（{period}）の進捗状況を、関市行政改革推進本部がまとめたものです。</p></footer>
</body>
</html>
"##,
        title = esc(title),
        site = esc(&report.title()),
        as_of = esc(&report.as_of_text()),
        plan = esc(&report.plan_name),
        period = esc(&report.period),
    )
}

/// Every file of the site: (name, bytes).
pub fn site(report: &Report) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("index.html".to_string(), index(report).into_bytes()),
        ("style.css".to_string(), STYLE.as_bytes().to_vec()),
    ];
    for (i, sheet) in report.sheets.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| report.sheets.get(p));
        let next = report.sheets.get(i + 1);
        files.push((file_name(sheet.number), html_item::item_page(report, sheet, prev, next).into_bytes()));
    }
    files
}

fn index(report: &Report) -> String {
    let mut m = String::new();
    let _ = write!(
        m,
        r#"<h1>{}</h1><p class="lead">{}。{}の取組について、改革項目ごとの評価、数値目標の達成状況と取組の実績をまとめています。</p>"#,
        esc(&report.title()),
        esc(&report.as_of_text()),
        esc(&report.year.japanese()),
    );
    let _ = write!(
        m,
        r#"<p class="downloads">ダウンロード：<a href="{pdf}">報告書全体（PDF）</a>　<a href="{xlsx}">総括表と項目一覧（Excel）</a></p>"#,
        pdf = esc(&report.pdf_name()),
        xlsx = esc(&report.xlsx_name()),
    );
    m.push_str(&summary_section(report));
    m.push_str(&items_section(report));
    m.push_str(&changes_section(report));
    m.push_str(&legend_section());
    page(report, &report.title(), r#"<ol><li aria-current="page">総括表</li></ol>"#, &m)
}

fn summary_section(report: &Report) -> String {
    let mut t = String::from(
        r#"<table class="summary"><caption id="summary-cap">総括表（評価の件数と割合、数値目標の達成率、計画実施率）</caption><thead><tr><th scope="col">重点項目</th><th scope="col">項目数</th><th scope="col">評価済</th><th scope="col">S</th><th scope="col">A</th><th scope="col">B</th><th scope="col">C</th><th scope="col">対象外</th><th scope="col">未評価</th><th scope="col">数値目標の達成率</th><th scope="col">計画実施率</th></tr></thead><tbody>"#,
    );
    for r in &report.summary {
        let c = &r.counts;
        let class = if r.focus.is_none() { r#" class="total""# } else { "" };
        let _ = write!(
            t,
            r#"<tr{class}><th scope="row">{}</th><td>{}</td><td>{}</td>"#,
            esc(&r.label),
            c.items,
            c.evaluated
        );
        for (_, n) in c.by_standing() {
            let _ = write!(t, r#"<td>{n}<span class="share">（{}）</span></td>"#, percent_text(c.share(n)));
        }
        let _ = write!(
            t,
            "<td>{}<span class=\"share\">（{}/{}項目）</span></td><td>{}</td></tr>",
            percent_text(c.achievement_rate()),
            c.kpi_achieved,
            c.with_kpi,
            percent_text(c.implementation_rate())
        );
    }
    t.push_str("</tbody></table>");
    format!(
        r#"<section aria-labelledby="h-summary"><h2 id="h-summary">総括表</h2>{}<p class="note">割合は項目数に対するもの。数値目標の達成率は、数値の目標がある項目のうち、すべての数値目標を{}末時点で達成した項目の割合。計画実施率は、評価済の項目のうち S（計画以上）または A（計画どおり）の項目の割合。</p><figure>{}<figcaption>図1 評価の内訳（数値は総括表のとおり）</figcaption></figure></section>"#,
        scroll_box("summary-cap", &t),
        esc(&report.year.japanese()),
        chart::standings(&report.summary, "chart-standings"),
    )
}

fn items_section(report: &Report) -> String {
    let mut t = format!(
        r#"<table><caption id="items-cap">改革項目一覧（{}の評価）</caption><thead><tr><th scope="col">番号</th><th scope="col">改革項目</th><th scope="col">実施課</th><th scope="col">評価</th><th scope="col">数値目標の判定</th></tr></thead><tbody>"#,
        esc(&report.year.japanese())
    );
    for s in &report.sheets {
        let judgements: Vec<String> = s.kpis.iter().map(|k| format!("{}：{}", k.name, k.judgement)).collect();
        let _ = write!(
            t,
            r#"<tr><td>{n}</td><th scope="row"><a href="{href}">{title}</a></th><td>{dept}</td><td>{rating}</td><td>{j}</td></tr>"#,
            n = s.number,
            href = file_name(s.number),
            title = esc(&s.title),
            dept = esc(&s.department),
            rating = esc(&s.standing),
            j = if judgements.is_empty() { "数値目標なし".to_string() } else { esc(&judgements.join("、")) },
        );
    }
    t.push_str("</tbody></table>");
    format!(
        r#"<section aria-labelledby="h-items"><h2 id="h-items">改革項目一覧</h2>{}</section>"#,
        scroll_box("items-cap", &t)
    )
}

fn changes_section(report: &Report) -> String {
    let Some(changes) = &report.changes else {
        return String::new();
    };
    let body = if changes.lines.is_empty() {
        format!("<p>{}：変更はありません。</p>", esc(&changes.basis))
    } else {
        let mut t = format!(
            r#"<table><caption id="changes-cap">{}（{}件）</caption><thead><tr><th scope="col">日時</th><th scope="col">対象</th><th scope="col">項目</th><th scope="col">変更前</th><th scope="col">変更後</th></tr></thead><tbody>"#,
            esc(&changes.basis),
            changes.lines.len()
        );
        for l in &changes.lines {
            let _ = write!(
                t,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                if l.at.is_empty() { "—".into() } else { esc(&l.at) },
                esc(&l.target),
                esc(&l.field),
                esc(&l.old),
                esc(&l.new)
            );
        }
        t.push_str("</tbody></table>");
        scroll_box("changes-cap", &t)
    };
    format!(r#"<section aria-labelledby="h-changes"><h2 id="h-changes">変更点</h2>{body}</section>"#)
}

fn legend_section() -> String {
    r#"<section aria-labelledby="h-legend"><h2 id="h-legend">評価の区分</h2><dl class="legend"><dt>S</dt><dd>計画以上に進んだ</dd><dt>A</dt><dd>計画どおり進んだ</dd><dt>B</dt><dd>やや遅れている</dd><dt>C</dt><dd>遅れている</dd><dt>対象外</dt><dd>この年度に予定した取組がない</dd><dt>未評価</dt><dd>評価がまだ記録されていない</dd></dl></section>"#.to_string()
}
