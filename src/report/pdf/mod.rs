//! The schedule PDF for the 行政改革推進本部 meetings. Pages are composed as drawings (draw.rs)
//! from the shared schedule layout, then painted by krilla (write.rs) — or, scaled down, by
//! the print dialog's preview.

pub mod draw;
pub mod frame;
pub mod kpi;
pub mod page;
pub mod schedule;
pub mod sizes;
pub mod style;
pub mod text;
pub mod write;

use chrono::NaiveDate;

pub use draw::{PageDrawing, Rgb, Shape};
pub use page::{Orientation, PageSetup, Paper};
pub use sizes::TextSize;

use super::scope::Scope;
use crate::model::{Id, Plan};

#[derive(Debug, Clone, PartialEq)]
pub struct PrintOptions {
    pub paper: Paper,
    pub orientation: Orientation,
    pub scope: Scope,
    /// 基準日: the date of 「進捗状況（…現在）」 and of the red line across the schedule.
    pub as_of: NaiveDate,
    /// KPI table pages after the schedule.
    pub with_kpi: bool,
    /// 文字の大きさ of the schedule pages.
    pub text_size: TextSize,
    /// The record's file name, printed in the footer.
    pub file_name: String,
}

impl PrintOptions {
    pub fn new(as_of: NaiveDate, file_name: &str) -> Self {
        PrintOptions {
            paper: Paper::A3,
            orientation: Orientation::Landscape,
            scope: Scope::Whole,
            as_of,
            with_kpi: false,
            text_size: TextSize::Standard,
            file_name: file_name.to_string(),
        }
    }

    pub fn setup(&self) -> PageSetup {
        PageSetup::new(self.paper, self.orientation)
    }
}

/// Reads a 基準日 as typed (the one date reader of `model::dates`).
pub fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    crate::model::dates::parse_date(text).map_err(|_| {
        format!("基準日「{}」を読めません。2024-03-31 や 令和6年3月31日 のように入力してください。", text.trim())
    })
}

/// All pages, numbered: the schedule, then (optionally) the KPI table.
pub fn compose(plan: &Plan, options: &PrintOptions) -> Result<Vec<PageDrawing>, String> {
    options.scope.check(plan)?;
    let setup = options.setup();
    let items = options.scope.items(plan);
    let ids: Vec<Id> = items.iter().map(|i| i.id).collect();
    let scope = options.scope.describe(plan);
    let join = |what: &str| if scope.is_empty() { what.to_string() } else { format!("{scope}　{what}") };
    let schedule_title = join(&format!("取組スケジュール（{}）", plan.info.period_label()));
    let t = frame::FrameText {
        plan_name: &plan.info.name,
        as_of: options.as_of,
        subtitle: &schedule_title,
        file_name: &options.file_name,
    };
    let mut pages = schedule::pages(plan, &ids, &setup, options.as_of, options.text_size, &t);
    if options.with_kpi {
        let kpi_title = join("数値目標の進捗（進捗率・判定・評価）");
        let t = frame::FrameText { subtitle: &kpi_title, ..t };
        pages.extend(kpi::pages(plan, &items, &setup, options.as_of, &t));
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        frame::footer(page, &setup, &t, i + 1, count);
    }
    Ok(pages)
}

/// The PDF's bytes.
pub fn render(plan: &Plan, options: &PrintOptions) -> Result<Vec<u8>, String> {
    let pages = compose(plan, options)?;
    let title = format!("{} {}", plan.info.name, frame::progress_title(options.as_of));
    write::write_pdf(&pages, &title)
}
