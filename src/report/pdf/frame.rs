//! What every page carries around its body: the header (plan name, 進捗状況 as of the 基準日,
//! scope), the legend of phase colours and statuses, and the footer (page n / N, file name).

use chrono::NaiveDate;

use super::draw::{PageDrawing, Rgb, Stroke};
use super::page::PageSetup;
use super::style::{self, ACTUAL, AS_OF, DONE_MARK, SUBTLE, TEXT, bar_look};
use super::text::{text_width, truncate};
use crate::model::{PhaseKind, PhaseStatus};

/// Height taken by the header at the top of the content area.
pub const HEADER_HEIGHT: f32 = 40.0;
/// Height taken by the footer (page n / N, file name) at the bottom of the content area.
pub const FOOTER_HEIGHT: f32 = 14.0;

pub use crate::model::dates::japanese_date;

/// 「進捗状況（令和N年M月D日現在）」
pub fn progress_title(as_of: NaiveDate) -> String {
    format!("進捗状況（{}現在）", japanese_date(as_of))
}

pub struct FrameText<'a> {
    pub plan_name: &'a str,
    pub as_of: NaiveDate,
    /// Scope and page kind, e.g. "重点項目2 …　取組スケジュール".
    pub subtitle: &'a str,
    pub file_name: &'a str,
}

pub fn header(page: &mut PageDrawing, setup: &PageSetup, t: &FrameText) {
    let right_text = progress_title(t.as_of);
    let right_size = 12.0;
    let right_w = text_width(&right_text, right_size);
    page.text(setup.right() - right_w, setup.top() + 2.0, right_size, TEXT, right_text);
    let name_room = setup.content_width() - right_w - 20.0;
    page.text(setup.left(), setup.top(), 15.0, TEXT, truncate(t.plan_name, name_room, 15.0));
    page.text(setup.left(), setup.top() + 21.0, 9.5, SUBTLE, truncate(t.subtitle, setup.content_width(), 9.5));
    let y = setup.top() + HEADER_HEIGHT - 6.0;
    page.line(setup.left(), y, setup.right(), y, Stroke::solid(Rgb(60, 60, 60), 0.8));
}

pub fn footer(page: &mut PageDrawing, setup: &PageSetup, t: &FrameText, number: usize, count: usize) {
    let size = 8.0;
    let top = setup.bottom() - size;
    let n = format!("{number} / {count}");
    page.text((setup.left() + setup.right() - text_width(&n, size)) / 2.0, top, size, TEXT, n);
    let file = format!("記録ファイル: {}", t.file_name);
    page.text(setup.left(), top, size, SUBTLE, truncate(&file, setup.content_width() * 0.4, size));
}

const LEGEND_SIZE: f32 = 7.5;
const LEGEND_LINE: f32 = 12.0;
const SAMPLE: (f32, f32) = (18.0, 8.0);
/// Space after each entry of the legend.
const ENTRY_GAP: f32 = 10.0;

/// One entry of the legend: a sample (or none) and its words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sample {
    None,
    Kind(PhaseKind),
    Status(PhaseStatus),
    Actual,
    AsOf,
}

impl Sample {
    fn width(self) -> f32 {
        match self {
            Sample::None => 0.0,
            Sample::AsOf => 10.0,
            _ => SAMPLE.0 + 3.0,
        }
    }
}

/// The legend of phase colours and statuses, flowed onto as many lines as the paper's width
/// needs; a group's heading never ends a line apart from its first entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// Per line: (x offset from the left margin, sample, words).
    lines: Vec<Vec<(f32, Sample, &'static str)>>,
}

impl Legend {
    pub fn new(setup: &PageSetup, as_of_shown: bool) -> Self {
        let width = |(sample, text): (Sample, &str)| sample.width() + text_width(text, LEGEND_SIZE);
        // Units that stay on one line: a heading with its first entry, or one entry.
        let mut units: Vec<Vec<(Sample, &'static str)>> = Vec::new();
        let mut group = |heading: &'static str, entries: Vec<(Sample, &'static str)>| {
            let mut entries = entries.into_iter();
            if let Some(first) = entries.next() {
                units.push(vec![(Sample::None, heading), first]);
            }
            units.extend(entries.map(|e| vec![e]));
        };
        group("凡例　工程:", PhaseKind::ALL.iter().map(|k| (Sample::Kind(*k), k.label())).collect());
        group("状態:", PhaseStatus::ALL.iter().map(|s| (Sample::Status(*s), s.label())).collect());
        let mut other = vec![(Sample::Actual, "実績期間")];
        if as_of_shown {
            other.push((Sample::AsOf, "基準日"));
        }
        units.extend(other.into_iter().map(|e| vec![e]));

        let room = setup.content_width();
        let mut lines: Vec<Vec<(f32, Sample, &'static str)>> = vec![Vec::new()];
        let mut x = 0.0;
        for unit in units {
            let w: f32 = unit.iter().map(|e| width(*e) + ENTRY_GAP).sum::<f32>() - ENTRY_GAP;
            if x > 0.0 && x + w > room {
                lines.push(Vec::new());
                x = 0.0;
            }
            let line = lines.last_mut().expect("never empty");
            for (sample, text) in unit {
                line.push((x, sample, text));
                x += width((sample, text)) + ENTRY_GAP;
            }
        }
        Legend { lines }
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Height the legend takes above the footer, gap included.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * LEGEND_LINE + 2.0
    }

    /// Drawn just above the footer.
    pub fn draw(&self, page: &mut PageDrawing, setup: &PageSetup) {
        let (sw, sh) = SAMPLE;
        let first_top = setup.bottom() - FOOTER_HEIGHT - self.height() + 2.0;
        for (n, line) in self.lines.iter().enumerate() {
            let top = first_top + n as f32 * LEGEND_LINE;
            for &(dx, sample, text) in line {
                let x = setup.left() + dx;
                match sample {
                    Sample::None => {}
                    Sample::Kind(kind) => {
                        let outline = Stroke::solid(Rgb(70, 70, 70), 0.5);
                        page.rect(x, top, sw, sh, Some(style::kind_color(kind)), Some(outline));
                    }
                    Sample::Status(status) => {
                        let look = bar_look(PhaseKind::Other, status);
                        let fill = if status == PhaseStatus::Cancelled {
                            look.fill
                        } else {
                            Rgb(170, 170, 170).lighten(if status == PhaseStatus::NotStarted { 0.55 } else { 0.0 })
                        };
                        bar_sample(page, x, top, sw, sh, fill, &look);
                    }
                    Sample::Actual => page.rect(x, top + 2.5, sw, 3.0, Some(ACTUAL), None),
                    Sample::AsOf => {
                        page.line(x + 4.0, top - 1.0, x + 4.0, top + sh + 1.0, Stroke::dashed(AS_OF, 1.0, 2.0))
                    }
                }
                page.text(x + sample.width(), top + (sh - LEGEND_SIZE) / 2.0, LEGEND_SIZE, TEXT, text);
            }
        }
    }
}

/// A bar as the schedule draws it: fill, outline, a strike for 中止, an end block for 完了.
pub fn bar_sample(page: &mut PageDrawing, x: f32, y: f32, w: f32, h: f32, fill: Rgb, look: &style::BarLook) {
    page.rect(x, y, w, h, Some(fill), Some(look.stroke));
    if look.struck {
        page.line(x, y + h / 2.0, x + w, y + h / 2.0, Stroke::solid(Rgb(60, 60, 60), 0.8));
    }
    if look.done_mark {
        let m = (h * 0.8).min(w / 3.0);
        page.rect(x + w - m - 1.0, y + (h - m) / 2.0, m, m, Some(DONE_MARK), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reiwa_dates() {
        assert_eq!(progress_title(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()), "進捗状況（令和6年3月31日現在）");
        assert_eq!(japanese_date(NaiveDate::from_ymd_opt(2019, 5, 1).unwrap()), "令和元年5月1日");
        assert_eq!(japanese_date(NaiveDate::from_ymd_opt(2019, 4, 30).unwrap()), "2019年4月30日");
    }
}
