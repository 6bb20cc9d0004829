//! The report's workbook for the office's own editing: the 総括表 and the item table.

use super::Report;
use crate::report::csv::{Cell, Table};
use crate::report::xlsx::{SheetSpec, workbook as write_workbook};

fn number(n: usize) -> Cell {
    Cell::Number(n.to_string())
}

fn share(p: Option<f64>) -> Cell {
    p.map(|p| Cell::Number(format!("{p:.1}"))).unwrap_or(Cell::Empty)
}

pub fn summary_table(report: &Report) -> Table {
    let mut headers: Vec<String> = ["重点項目", "項目数", "評価済"].iter().map(|s| s.to_string()).collect();
    for (label, _) in report.summary[0].counts.by_standing() {
        headers.push(format!("{label}（件）"));
        headers.push(format!("{label}（%）"));
    }
    headers.extend(
        ["数値目標のある項目", "数値目標を達成した項目", "数値目標の達成率（%）", "計画実施率（%）"].map(String::from),
    );
    let rows = report
        .summary
        .iter()
        .map(|r| {
            let c = &r.counts;
            let mut cells = vec![Cell::text(&r.label), number(c.items), number(c.evaluated)];
            for (_, n) in c.by_standing() {
                cells.push(number(n));
                cells.push(share(c.share(n)));
            }
            cells.extend([
                number(c.with_kpi),
                number(c.kpi_achieved),
                share(c.achievement_rate()),
                share(c.implementation_rate()),
            ]);
            cells
        })
        .collect();
    Table { headers, rows }
}

pub fn item_table(report: &Report) -> Table {
    let year = report.year.japanese();
    let headers = [
        "番号".to_string(),
        "改革項目".into(),
        "重点項目".into(),
        "取組分類".into(),
        "実施課".into(),
        format!("{year}評価"),
        format!("{year}取組実績"),
        format!("{year}課題・今後の方針"),
        "数値目標（進捗率・判定）".into(),
        "審議会意見".into(),
    ]
    .to_vec();
    let rows = report
        .sheets
        .iter()
        .map(|s| {
            let e = s.evaluations.last();
            let kpis: Vec<String> = s.kpis.iter().map(|k| format!("{}：{} {}", k.name, k.rate, k.judgement)).collect();
            vec![
                Cell::Number(s.number.to_string()),
                Cell::text(&s.title),
                Cell::text(&s.focus),
                Cell::text(&s.category),
                Cell::text(&s.department),
                Cell::text(&s.standing),
                e.map(|e| Cell::text(&e.results)).unwrap_or(Cell::Empty),
                e.map(|e| Cell::text(&e.next_steps)).unwrap_or(Cell::Empty),
                Cell::text(&kpis.join("\n")),
                e.map(|e| Cell::text(&e.opinion)).unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Table { headers, rows }
}

pub fn workbook(report: &Report) -> Result<Vec<u8>, String> {
    let summary = summary_table(report);
    let items = item_table(report);
    let mut summary_widths = vec![34.0, 8.0, 8.0];
    summary_widths.extend(std::iter::repeat_n(8.0, summary.headers.len() - 3));
    let item_widths = vec![6.0, 30.0, 24.0, 20.0, 14.0, 8.0, 40.0, 40.0, 36.0, 30.0];
    write_workbook(
        &report.title(),
        &[
            SheetSpec { name: "総括表", table: &summary, widths: summary_widths },
            SheetSpec { name: "改革項目一覧", table: &items, widths: item_widths },
        ],
    )
}
