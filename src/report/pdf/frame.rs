//! What every page carries around its body: the header (plan name, 進捗状況 as of the 基準日,
//! scope), the legend of phase colours and statuses, and the footer (page n / N, file name).

use chrono::{Datelike, NaiveDate};

use super::draw::{PageDrawing, Rgb, Stroke};
use super::page::PageSetup;
use super::style::{self, ACTUAL, AS_OF, DONE_MARK, SUBTLE, TEXT, bar_look};
use super::text::{text_width, truncate};
use crate::model::{PhaseKind, PhaseStatus};

/// Height taken by the header at the top of the content area.
pub const HEADER_HEIGHT: f32 = 40.0;
/// Height taken by legend and footer at the bottom.
pub const FOOTER_HEIGHT: f32 = 32.0;

/// 令和6年4月1日 (2019-05-01 onwards; earlier dates in 西暦).
pub fn japanese_date(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if y > 2019 || (y == 2019 && m >= 5) {
        let n = y - 2018;
        let year = if n == 1 { "元".to_string() } else { n.to_string() };
        format!("令和{year}年{m}月{d}日")
    } else {
        format!("{y}年{m}月{d}日")
    }
}

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

/// The legend, one line above the footer: phase kinds, then the look of each status.
pub fn legend(page: &mut PageDrawing, setup: &PageSetup, as_of_shown: bool) {
    let size = 7.5;
    let top = setup.bottom() - FOOTER_HEIGHT + 8.0;
    let (sw, sh) = (18.0, 8.0);
    let mut x = setup.left();
    let label = |page: &mut PageDrawing, x: &mut f32, text: &str| {
        page.text(*x, top, size, TEXT, text);
        *x += text_width(text, size) + 10.0;
    };
    label(page, &mut x, "凡例　工程:");
    for kind in PhaseKind::ALL {
        page.rect(x, top, sw, sh, Some(style::kind_color(kind)), Some(Stroke::solid(Rgb(70, 70, 70), 0.5)));
        x += sw + 3.0;
        label(page, &mut x, kind.label());
    }
    x += 6.0;
    label(page, &mut x, "状態:");
    for status in PhaseStatus::ALL {
        let look = bar_look(PhaseKind::Other, status);
        let fill = if status == PhaseStatus::Cancelled {
            look.fill
        } else {
            Rgb(170, 170, 170).lighten(if status == PhaseStatus::NotStarted { 0.55 } else { 0.0 })
        };
        bar_sample(page, x, top, sw, sh, fill, &look);
        x += sw + 3.0;
        label(page, &mut x, status.label());
    }
    x += 6.0;
    page.rect(x, top + 2.5, sw, 3.0, Some(ACTUAL), None);
    x += sw + 3.0;
    label(page, &mut x, "実績期間");
    if as_of_shown {
        page.line(x + 4.0, top - 1.0, x + 4.0, top + sh + 1.0, Stroke::dashed(AS_OF, 1.0, 2.0));
        x += 10.0;
        label(page, &mut x, "基準日");
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
