//! ファイル → 年次報告書…: the year, the 基準日, the date of the previous meeting (for 変更点) and
//! the output folder; 作成 asks the App to write the report, the same as `reform-tracker report`.

use std::path::PathBuf;
use std::sync::mpsc;

use chrono::NaiveDate;

use crate::model::{FiscalYear, Plan};

#[derive(Debug, Default)]
pub struct ReportDialogState {
    pub year: Option<FiscalYear>,
    pub as_of: String,
    pub since: String,
    pub out_dir: String,
    /// The outcome of the last run: (is_error, text).
    pub message: Option<(bool, String)>,
    /// The report being written on a thread: a large plan's site and PDF take seconds, and the
    /// window stays responsive meanwhile.
    job: Option<mpsc::Receiver<Result<String, String>>>,
}

/// What 作成 asks for, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOrder {
    pub year: FiscalYear,
    pub as_of: Option<NaiveDate>,
    pub since: Option<NaiveDate>,
    pub out_dir: PathBuf,
}

impl ReportDialogState {
    pub fn new(plan: &Plan, today: NaiveDate, record_dir: Option<PathBuf>) -> Self {
        // The report is made after the year ends: the latest year already over, else the first.
        let year = Some(plan.info.last_ended_year(today));
        let out_dir = record_dir.map(|d| d.join("年次報告書").display().to_string()).unwrap_or_default();
        ReportDialogState { year, as_of: String::new(), since: String::new(), out_dir, message: None, job: None }
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Starts writing the report on a thread (what is read from the record is read now).
    pub fn start(&mut self, store: &crate::store::Store, plan: &Plan, order: &ReportOrder, today: NaiveDate) {
        use crate::report::annual::{self, Since};
        let since = order.since.map_or(Since::Nothing, Since::Date);
        let report = match annual::build((store, plan), order.year, order.as_of, &since, today) {
            Ok(r) => r,
            Err(e) => {
                self.message = Some((true, e));
                return;
            }
        };
        let out_dir = order.out_dir.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(
                annual::write(&report, &out_dir).map(|written| written_message(&report, &out_dir, written.len())),
            );
        });
        self.message = None;
        self.job = Some(rx);
    }

    /// Waits for the report being written (tests, and a window closed meanwhile).
    pub fn wait(&mut self) {
        if let Some(job) = self.job.take() {
            let outcome = job.recv().unwrap_or_else(|_| Err(STOPPED.into()));
            self.message = Some(outcome.map_or_else(|e| (true, e), |m| (false, m)));
        }
    }

    /// Collects the finished report; true when it finished this frame.
    fn poll(&mut self) -> bool {
        let Some(job) = &self.job else { return false };
        let outcome = match job.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => Err(STOPPED.into()),
        };
        self.job = None;
        self.message = Some(outcome.map_or_else(|e| (true, e), |m| (false, m)));
        true
    }

    /// Reads the fields; a refusal says in Japanese what to fix.
    pub fn order(&self) -> Result<ReportOrder, String> {
        let year = self.year.ok_or("年度を選んでください。")?;
        let date = |text: &str| -> Result<Option<NaiveDate>, String> {
            if text.trim().is_empty() { Ok(None) } else { crate::report::pdf::parse_as_of(text).map(Some) }
        };
        let as_of = date(&self.as_of)?;
        let since = date(&self.since).map_err(|e| e.replace("基準日", "前回の会議の日"))?;
        let out = self.out_dir.trim();
        if out.is_empty() {
            return Err("出力先のフォルダを入力してください。".into());
        }
        Ok(ReportOrder { year, as_of, since, out_dir: PathBuf::from(out) })
    }
}

/// Draws the dialog; returns the order when 作成 is pressed with readable fields.
pub fn show(ui: &mut egui::Ui, plan: &Plan, state: &mut ReportDialogState) -> Option<ReportOrder> {
    egui::Grid::new("report_dialog").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        let label = ui.label("年度");
        let shown = state.year.map(|y| y.japanese()).unwrap_or_default();
        egui::ComboBox::from_id_salt("report_year")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for y in plan.info.years() {
                    ui.selectable_value(&mut state.year, Some(y), y.japanese());
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("基準日");
        ui.add(egui::TextEdit::singleline(&mut state.as_of).hint_text("年度末（例: 2023-03-31）").desired_width(200.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("変更点（前回の会議の日）");
        ui.add(egui::TextEdit::singleline(&mut state.since).hint_text("空欄なら載せない").desired_width(200.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("出力先のフォルダ");
        ui.add(egui::TextEdit::singleline(&mut state.out_dir).hint_text("出力先のフォルダ").desired_width(380.0))
            .labelled_by(label.id);
        ui.end_row();
    });
    ui.label("Web ページ（index.html と改革項目ごとのページ）、報告書の PDF、Excel の総括表を作ります。");
    ui.add_space(6.0);
    let mut order = None;
    state.poll();
    if state.is_busy() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("作成中…");
        });
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
    if ui.add_enabled(!state.is_busy(), egui::Button::new("作成")).clicked() {
        match state.order() {
            Ok(o) => order = Some(o),
            Err(e) => state.message = Some((true, e)),
        }
    }
    if let Some((is_error, text)) = &state.message {
        let color = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
        ui.colored_label(color, text);
    }
    order
}

const STOPPED: &str = "年次報告書の作成が途中で止まりました。もう一度お試しください。";

/// What the window says once the report is written (the same `annual::build` and `annual::write`
/// as `reform-tracker report`; 変更点 come from the record's history since the previous meeting).
fn written_message(report: &crate::report::annual::Report, out_dir: &std::path::Path, count: usize) -> String {
    format!(
        "「{}」に {} ファイルを書き出しました（index.html、{}、{}）。",
        out_dir.display(),
        count,
        report.pdf_name(),
        report.xlsx_name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_or_refused_in_japanese() {
        let plan = crate::seed::sap3();
        let today = NaiveDate::from_ymd_opt(2023, 5, 10).unwrap();
        let mut s = ReportDialogState::new(&plan, today, Some(PathBuf::from("/tmp")));
        assert_eq!(s.year, Some(FiscalYear(2022)), "the latest year already over");
        s.as_of = "２０２３／３／３１".into();
        let o = s.order().unwrap();
        assert_eq!(o.as_of, NaiveDate::from_ymd_opt(2023, 3, 31));
        assert_eq!(o.out_dir, PathBuf::from("/tmp/年次報告書"));
        s.since = "先月".into();
        assert!(s.order().unwrap_err().contains("前回の会議の日"));
        s.since.clear();
        s.out_dir = " ".into();
        assert!(s.order().unwrap_err().contains("出力先のフォルダ"));
    }
}
