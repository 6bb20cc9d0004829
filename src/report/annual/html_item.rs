//! One item's page of the site.

use std::fmt::Write as _;

use super::Report;
use super::chart;
use super::html::{esc, page, paragraphs, scroll_box};
use super::sheet::{ItemSheet, file_name};

pub fn item_page(report: &Report, s: &ItemSheet, prev: Option<&ItemSheet>, next: Option<&ItemSheet>) -> String {
    let heading = format!("改革項目{} {}", s.number, s.title);
    let mut m = String::new();
    let _ = write!(
        m,
        r#"<h1>{}</h1><dl class="facts"><dt>重点項目</dt><dd>{}</dd><dt>取組分類</dt><dd>{}</dd><dt>実施課</dt><dd>{}</dd><dt>{}の評価</dt><dd><strong>{}</strong></dd></dl>"#,
        esc(&heading),
        esc(&s.focus),
        esc(&s.category),
        esc(&s.department),
        esc(&report.year.japanese()),
        esc(&s.standing),
    );
    let _ = write!(
        m,
        r#"<section aria-labelledby="h-issues"><h2 id="h-issues">現状・課題</h2>{}</section><section aria-labelledby="h-actions"><h2 id="h-actions">{}</h2>{}</section>"#,
        paragraphs(&s.current_issues),
        esc(&s.actions_heading),
        paragraphs(&s.actions)
    );
    if let Some(status) = &s.status {
        let _ = write!(m, r#"<p class="note"><strong>状態</strong> {}</p>"#, esc(status));
    }
    if !s.effects.is_empty() {
        m.push_str(r#"<section aria-labelledby="h-effect"><h2 id="h-effect">効果額</h2><table><caption>効果額（千円）</caption><thead><tr><th scope="col">年度</th><th scope="col">計画</th><th scope="col">実績</th></tr></thead><tbody>"#);
        for (year, planned, actual) in &s.effects {
            let _ = write!(
                m,
                r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>"#,
                esc(year),
                esc(planned),
                esc(actual)
            );
        }
        m.push_str("</tbody></table></section>");
    }
    m.push_str(&schedule(s));
    m.push_str(&kpis(s));
    m.push_str(&evaluations(s));
    m.push_str(r#"<nav aria-label="前後の改革項目" class="pager"><ul>"#);
    if let Some(p) = prev {
        let _ = write!(m, r#"<li><a href="{}">前の項目：{} {}</a></li>"#, file_name(p.number), p.number, esc(&p.title));
    }
    m.push_str(r#"<li><a href="index.html">総括表に戻る</a></li>"#);
    if let Some(n) = next {
        let _ = write!(m, r#"<li><a href="{}">次の項目：{} {}</a></li>"#, file_name(n.number), n.number, esc(&n.title));
    }
    m.push_str("</ul></nav>");
    let crumbs = format!(
        r#"<ol><li><a href="index.html">総括表</a></li><li aria-current="page">改革項目{}</li></ol>"#,
        s.number
    );
    page(report, &format!("{heading}｜{}", report.title()), &crumbs, &m)
}

fn schedule(s: &ItemSheet) -> String {
    if s.schedule.is_empty() {
        return r#"<section aria-labelledby="h-schedule"><h2 id="h-schedule">取組スケジュール</h2><p>記載なし</p></section>"#
            .into();
    }
    let mut t = String::from(
        r#"<table><caption id="schedule-cap">取組スケジュールと進み具合</caption><thead><tr><th scope="col">取組</th><th scope="col">工程</th><th scope="col">計画の期間</th><th scope="col">実績の期間</th><th scope="col">状況</th></tr></thead><tbody>"#,
    );
    for l in &s.schedule {
        let _ = write!(
            t,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            esc(if l.row.is_empty() { "（取組全体）" } else { &l.row }),
            esc(&l.phase),
            esc(&l.period),
            if l.actual.is_empty() { "—".into() } else { esc(&l.actual) },
            esc(&l.status)
        );
    }
    t.push_str("</tbody></table>");
    format!(
        r#"<section aria-labelledby="h-schedule"><h2 id="h-schedule">取組スケジュール</h2>{}</section>"#,
        scroll_box("schedule-cap", &t)
    )
}

fn kpis(s: &ItemSheet) -> String {
    if s.kpis.is_empty() {
        let heading = esc(&s.goal_heading);
        return format!(
            r#"<section aria-labelledby="h-kpi"><h2 id="h-kpi">{heading}</h2><p>この項目には{heading}がありません。</p></section>"#
        );
    }
    let years: Vec<&String> = s.kpis[0].actuals.iter().map(|(y, _)| y).collect();
    let mut t = String::from(
        r#"<table><caption id="kpi-cap">数値目標の基準値・目標値・実績と進捗率</caption><thead><tr><th scope="col">目標名</th><th scope="col">基準値</th><th scope="col">目標値</th>"#,
    );
    for y in &years {
        let _ = write!(t, r#"<th scope="col">{}実績</th>"#, esc(y));
    }
    t.push_str(r#"<th scope="col">進捗率</th><th scope="col">判定</th><th scope="col">目標の方向</th><th scope="col">備考</th></tr></thead><tbody>"#);
    for k in &s.kpis {
        let _ = write!(
            t,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td>"#,
            esc(&k.name),
            esc(&k.baseline),
            esc(&k.target)
        );
        for (_, v) in &k.actuals {
            let _ = write!(t, "<td>{}</td>", esc(v));
        }
        let _ = write!(
            t,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&k.rate),
            esc(&k.judgement),
            esc(&k.direction),
            esc(&k.note)
        );
    }
    t.push_str("</tbody></table>");
    let rates: Vec<(String, Option<f64>)> = s.kpis.iter().map(|k| (k.name.clone(), k.rate_value)).collect();
    format!(
        r#"<section aria-labelledby="h-kpi"><h2 id="h-kpi">{}</h2>{}<p class="note">進捗率＝（実績−基準値）÷（目標値−基準値）×100。判定は年度末時点の進捗率と計画期間の経過割合から求めたものです。</p><figure>{}<figcaption>図 数値目標の進捗率（数値は上の表のとおり）</figcaption></figure></section>"#,
        esc(&s.goal_heading),
        scroll_box("kpi-cap", &t),
        chart::kpi_rates(&rates, "chart-kpi"),
    )
}

fn evaluations(s: &ItemSheet) -> String {
    let mut t = String::from(
        r#"<table class="texts"><caption id="eval-cap">年度ごとの評価、取組実績、課題・今後の方針、審議会意見</caption><thead><tr><th scope="col">年度</th><th scope="col">評価</th><th scope="col">取組実績</th><th scope="col">課題・今後の方針</th><th scope="col">審議会意見</th></tr></thead><tbody>"#,
    );
    for e in &s.evaluations {
        let blank = |t: &str| if t.is_empty() { "—".to_string() } else { esc(t) };
        let _ = write!(
            t,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            esc(&e.year),
            esc(&e.rating),
            blank(&e.results),
            blank(&e.next_steps),
            blank(&e.opinion)
        );
    }
    t.push_str("</tbody></table>");
    format!(
        r#"<section aria-labelledby="h-eval"><h2 id="h-eval">年度評価</h2>{}</section>"#,
        scroll_box("eval-cap", &t)
    )
}
