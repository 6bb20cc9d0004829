//! The bottom line: which record is open, how many items are shown, the 基準日, when the record
//! was last written, and the latest message (errors in red), which fades after a while.

use chrono::NaiveDate;

use super::app::StatusMessage;
use crate::model::dates::japanese_date;
use crate::session::Session;

/// What the status bar shows besides the record itself.
pub struct StatusLine<'a> {
    pub message: Option<&'a StatusMessage>,
    pub shown_items: usize,
    pub as_of: NaiveDate,
    /// The 基準日 was not chosen by the officer (it follows today, or the plan's end).
    pub as_of_automatic: bool,
}

pub fn show(ui: &mut egui::Ui, session: &Session, line: &StatusLine) {
    let plan = session.plan();
    ui.horizontal(|ui| {
        let file = session.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ui.label(format!("記録: {file}")).on_hover_text(session.path().display().to_string());
        ui.separator();
        ui.label(format!("表示中: {} / {} 項目", line.shown_items, plan.items.len()));
        ui.separator();
        let ended = line.as_of_automatic && line.as_of == plan.info.end_date();
        let as_of = format!("基準日: {}", japanese_date(line.as_of));
        let response = if ended {
            ui.label(format!("{as_of}（計画期間は終了しました）")).on_hover_text(format!(
                "計画期間（{}〜{}）が終わっているため、計画の最終日を基準日にしています。表示 → 基準日… で変えられます。",
                plan.info.first_year.japanese(),
                plan.info.last_year.japanese()
            ))
        } else {
            ui.label(as_of).on_hover_text(format!("{}（表示 → 基準日… で変えられます）", line.as_of.format("%Y-%m-%d")))
        };
        let _ = response;
        ui.separator();
        let saved = session.last_saved().unwrap_or_else(|| "—".to_string());
        ui.label(format!("最終保存: {saved}"))
            .on_hover_text("変更はその場で記録ファイルに保存されます。保存ボタンはありません。");
        if let Some(message) = line.message {
            let age = message.at.elapsed();
            if age < message.lasts() {
                ui.separator();
                let color = if message.is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.add(egui::Label::new(egui::RichText::new(&message.text).color(color)).truncate())
                    .on_hover_text(&message.text);
                // Drawn once more when it is due to fade; no repaint before that.
                ui.ctx().request_repaint_after(message.lasts() - age);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    fn bar_with(message: StatusMessage) -> Harness<'static> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqlite");
        let store = crate::store::Store::create(&path, &crate::seed::sap3()).unwrap();
        let session = Session::new(store, "test").unwrap();
        let as_of = NaiveDate::from_ymd_opt(2022, 10, 1).unwrap();
        Harness::builder().with_size(egui::vec2(1366.0, 40.0)).with_context_setup(crate::ui::fonts::install).build_ui(
            move |ui| {
                let _keep = &dir;
                let line = StatusLine { message: Some(&message), shown_items: 31, as_of, as_of_automatic: false };
                show(ui, &session, &line);
            },
        )
    }

    fn said(seconds_ago: u64, is_error: bool) -> StatusMessage {
        let at = Instant::now().checked_sub(Duration::from_secs(seconds_ago)).expect("the clock runs long enough");
        StatusMessage { text: "保存しました。".into(), is_error, at }
    }

    #[test]
    fn news_fades_after_ten_seconds_and_errors_after_thirty() {
        let mut fresh = bar_with(said(0, false));
        fresh.run();
        assert!(fresh.query_by_label("保存しました。").is_some());
        let mut old_news = bar_with(said(11, false));
        old_news.run();
        assert!(old_news.query_by_label("保存しました。").is_none(), "news is gone after 10 s");
        let mut old_error = bar_with(said(11, true));
        old_error.run();
        assert!(old_error.query_by_label("保存しました。").is_some(), "an error stays longer");
        let mut older_error = bar_with(said(31, true));
        older_error.run();
        assert!(older_error.query_by_label("保存しました。").is_none());
    }
}
