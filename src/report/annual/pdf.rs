//! The whole report as one PDF (A4 portrait): the 総括表, an item sheet per item, the 変更点.
//! Tagged for accessibility (PDF/UA-1, checked by krilla as it writes): headings, paragraphs
//! and tables are marked as such, page numbers and rules as artifacts; the title and the
//! language are set, an outline follows the headings, and BIZ UDゴシック is embedded.

use std::num::NonZeroU16;

use krilla::configure::validate::Accessibility;
use krilla::configure::{ConfigurationBuilder, PdfVersion, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::Font;
use krilla::{Document, SerializeSettings};

use super::Report;
use super::pdf_layout::{Columns, Flow, MUTED, Node, Role, TEXT};
use super::summary::percent_text;
use crate::assets::BIZ_UD_GOTHIC;
use crate::report::pdf::draw::Shape;
use crate::report::pdf::page::{Orientation, PageSetup, Paper};
use crate::report::pdf::write::draw;

pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let flow = compose(report);
    write(report, flow)
}

fn compose(report: &Report) -> Flow {
    let mut f = Flow::new(PageSetup::new(Paper::A4, Orientation::Portrait));
    f.heading(1, &report.title());
    f.paragraph(&format!("{}（{}）", report.as_of_text(), report.period), MUTED);
    f.heading(2, "総括表");
    let mut titles: Vec<String> = ["重点項目", "項目数", "評価済"].map(String::from).to_vec();
    titles.extend(report.summary[0].counts.by_standing().iter().map(|(l, _)| l.to_string()));
    titles.extend(["数値目標の達成率", "計画実施率"].map(String::from));
    let rows: Vec<Vec<String>> = report
        .summary
        .iter()
        .map(|r| {
            let c = &r.counts;
            let mut cells = vec![r.label.clone(), c.items.to_string(), c.evaluated.to_string()];
            cells.extend(c.by_standing().iter().map(|(_, n)| format!("{n}（{}）", percent_text(c.share(*n)))));
            cells.push(format!("{}（{}/{}）", percent_text(c.achievement_rate()), c.kpi_achieved, c.with_kpi));
            cells.push(percent_text(c.implementation_rate()));
            cells
        })
        .collect();
    let weights = [7.0, 2.2, 2.2, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 4.0, 3.0];
    f.table("総括表（件数と項目数に対する割合）", &Columns { titles, weights: &weights }, &rows);
    f.paragraph(
        "数値目標の達成率は、数値の目標がある項目のうち、すべての数値目標を年度末時点で達成した項目の割合。計画実施率は、評価済の項目のうち S（計画以上）または A（計画どおり）の項目の割合。対象外は、その年度に予定した取組がない項目。",
        MUTED,
    );
    let list: Vec<Vec<String>> = report
        .sheets
        .iter()
        .map(|s| vec![format!("{} {}", s.number, s.title), s.department.clone(), s.standing.clone()])
        .collect();
    f.table(
        &format!("改革項目一覧（{}の評価）", report.year.japanese()),
        &Columns {
            titles: ["改革項目", "実施課", "評価"].map(String::from).to_vec(), weights: &[14.0, 6.0, 3.0]
        },
        &list,
    );
    for s in &report.sheets {
        f.new_page();
        f.heading(2, &format!("改革項目{} {}", s.number, s.title));
        f.paragraph(
            &format!(
                "{}／{}／実施課：{}／{}の評価：{}",
                s.focus,
                s.category,
                s.department,
                report.year.japanese(),
                s.standing
            ),
            MUTED,
        );
        f.heading(3, "現状・課題");
        f.paragraph(&s.current_issues, TEXT);
        f.heading(3, &s.actions_heading);
        f.paragraph(&s.actions, TEXT);
        if let Some(status) = &s.status {
            f.paragraph(&format!("状態 {status}"), MUTED);
        }
        if !s.schedule.is_empty() {
            let rows: Vec<Vec<String>> = s
                .schedule
                .iter()
                .map(|l| vec![l.row.clone(), l.phase.clone(), l.period.clone(), l.actual.clone(), l.status.clone()])
                .collect();
            let titles = ["取組", "工程", "計画の期間", "実績の期間", "状況"].map(String::from).to_vec();
            f.table("取組スケジュール", &Columns { titles, weights: &[6.0, 4.0, 6.0, 6.0, 2.5] }, &rows);
        }
        if !s.kpis.is_empty() {
            let mut titles = vec!["目標名".to_string(), "基準値".into(), "目標値".into()];
            titles.extend(s.kpis[0].actuals.iter().map(|(y, _)| format!("{y}実績")));
            titles.extend(["進捗率", "判定", "備考"].map(String::from));
            let mut weights = vec![6.0, 4.0, 4.0];
            weights.extend(std::iter::repeat_n(3.5, s.kpis[0].actuals.len()));
            weights.extend([2.5, 2.0, 4.0]);
            let rows: Vec<Vec<String>> = s
                .kpis
                .iter()
                .map(|k| {
                    let mut r = vec![k.name.clone(), k.baseline.clone(), k.target.clone()];
                    r.extend(k.actuals.iter().map(|(_, v)| v.clone()));
                    r.extend([k.rate.clone(), k.judgement.clone(), k.note.clone()]);
                    r
                })
                .collect();
            f.table(&s.goal_heading, &Columns { titles, weights: &weights }, &rows);
        }
        if !s.effects.is_empty() {
            let rows: Vec<Vec<String>> =
                s.effects.iter().map(|(y, p, a)| vec![y.clone(), p.clone(), a.clone()]).collect();
            let titles = ["年度", "計画（千円）", "実績（千円）"].map(String::from).to_vec();
            f.table("効果額", &Columns { titles, weights: &[4.0, 4.0, 4.0] }, &rows);
        }
        let rows: Vec<Vec<String>> = s
            .evaluations
            .iter()
            .map(|e| vec![e.year.clone(), e.rating.clone(), e.results.clone(), e.next_steps.clone(), e.opinion.clone()])
            .collect();
        let titles = ["年度", "評価", "取組実績", "課題・今後の方針", "審議会意見"].map(String::from).to_vec();
        f.table("年度評価", &Columns { titles, weights: &[3.0, 2.0, 8.0, 8.0, 6.0] }, &rows);
    }
    if let Some(changes) = &report.changes {
        f.new_page();
        f.heading(2, "変更点");
        f.paragraph(&format!("{}（{}件）", changes.basis, changes.lines.len()), MUTED);
        if !changes.lines.is_empty() {
            let rows: Vec<Vec<String>> = changes
                .lines
                .iter()
                .map(|l| vec![l.target.clone(), l.field.clone(), l.old.clone(), l.new.clone(), l.at.clone()])
                .collect();
            let titles = ["対象", "項目", "変更前", "変更後", "日時"].map(String::from).to_vec();
            f.table(&changes.basis, &Columns { titles, weights: &[7.0, 4.0, 5.0, 5.0, 3.5] }, &rows);
        }
    }
    f.number_pages();
    f
}

fn tag_of(role: Role, text: &str) -> TagKind {
    match role {
        Role::H(level) => Tag::Hn(NonZeroU16::new(level).expect("levels start at 1"), Some(text.to_string())).into(),
        Role::P => Tag::P.into(),
        Role::Table => Tag::Table.into(),
        Role::Tr => Tag::TR.into(),
        Role::ThCol => Tag::TH(TableHeaderScope::Column).into(),
        Role::ThRow => Tag::TH(TableHeaderScope::Row).into(),
        Role::Td => Tag::TD.into(),
        Role::Caption => Tag::Caption.into(),
    }
}

/// The text under a node, for a heading's title.
fn text_of(node: &Node, texts: &[String]) -> String {
    match node {
        Node::Leaf(l) => texts[*l].clone(),
        Node::Group(_, children) => children.iter().map(|c| text_of(c, texts)).collect(),
    }
}

fn to_krilla(node: &Node, ids: &mut [Option<Identifier>], texts: &[String]) -> Option<krilla::tagging::Node> {
    match node {
        Node::Leaf(l) => ids[*l].take().map(krilla::tagging::Node::Leaf),
        Node::Group(role, children) => {
            let kids: Vec<krilla::tagging::Node> = children.iter().filter_map(|c| to_krilla(c, ids, texts)).collect();
            if kids.is_empty() {
                return None;
            }
            Some(TagGroup::with_children(tag_of(*role, &text_of(node, texts)), kids).into())
        }
    }
}

fn write(report: &Report, flow: Flow) -> Result<Vec<u8>, String> {
    let font =
        Font::new(BIZ_UD_GOTHIC.into(), 0).ok_or("埋め込み用のフォント（BIZ UDゴシック）を読み込めませんでした。")?;
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf17)
        .set_validator(Validator::Ua(Accessibility::UA1))
        .finish()
        .map_err(|e| format!("PDF の設定が正しくありません（{e:?}）。"))?;
    let settings = SerializeSettings { configuration, enable_tagging: true, ..Default::default() };
    let mut document = Document::new_with(settings);
    document.set_metadata(
        Metadata::new().title(report.title()).language("ja".to_string()).creator("reform-tracker".to_string()),
    );
    let mut ids: Vec<Option<Identifier>> = vec![None; flow.leaf_count()];
    let mut texts: Vec<String> = vec![String::new(); flow.leaf_count()];
    for (drawing, leaves) in flow.pages.iter().zip(&flow.leaf_of) {
        let settings =
            PageSettings::from_wh(drawing.width, drawing.height).ok_or("用紙の大きさが正しくありません。")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (shape, leaf) in drawing.shapes.iter().zip(leaves) {
            match leaf {
                Some(l) => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    draw(&mut surface, shape, &font);
                    surface.end_tagged();
                    ids[*l] = Some(id);
                    if let Shape::Text { text, .. } = shape {
                        texts[*l] = text.clone();
                    }
                }
                None => {
                    let kind = if matches!(shape, Shape::Text { .. }) {
                        ArtifactType::PageNumber
                    } else {
                        ArtifactType::Layout
                    };
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
                    draw(&mut surface, shape, &font);
                    surface.end_tagged();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new();
    for node in &flow.tree {
        if let Some(n) = to_krilla(node, &mut ids, &texts) {
            tree.push(n);
        }
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(&flow));
    document.finish().map_err(|e| format!("PDF を作れませんでした（{e:?}）。"))
}

/// Bookmarks: the title, then one per item sheet and section, nested by level.
fn outline(flow: &Flow) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for b in &flow.bookmarks {
        let node = OutlineNode::new(b.text.clone(), XyzDestination::new(b.page, Point::from_xy(0.0, b.y)));
        match b.level {
            1 | 2 => {
                if let Some(done) = current.take() {
                    outline.push_child(done);
                }
                current = Some(node);
            }
            _ => match current.as_mut() {
                Some(parent) => parent.push_child(node),
                None => outline.push_child(node),
            },
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}
