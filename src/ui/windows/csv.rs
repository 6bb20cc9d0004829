//! CSV出力… : the council CSV in the chosen encoding, and optionally the schedule CSV beside
//! it. Both are encoded before either is written, so a refused character leaves no file.

use std::path::{Path, PathBuf};

use crate::model::Plan;
use crate::report::csv::council_table;
use crate::report::encoding::{CsvEncoding, encode_table};
use crate::report::schedule_csv::schedule_table;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvAction {
    /// 「CSVを保存…」: asks where (rfd), then writes.
    SaveAs,
}

#[derive(Debug, Clone, Default)]
pub struct CsvDialogState {
    pub encoding: CsvEncoding,
    /// Also write 取組スケジュール (one line per phase) beside the council CSV.
    pub with_schedule: bool,
    /// The outcome of the last export: (is_error, text).
    pub message: Option<(bool, String)>,
}

/// The schedule CSV's path: "<name>_スケジュール.csv" beside the council CSV.
pub fn schedule_path(council: &Path) -> PathBuf {
    let stem = council.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "審議会".into());
    council.with_file_name(format!("{stem}_スケジュール.csv"))
}

/// Writes the file(s); the message says what was written or, for a refusal, which characters where.
pub fn export(plan: &Plan, state: &CsvDialogState, council: &Path) -> Result<String, String> {
    let first = encode_table(&council_table(plan), state.encoding).map_err(|e| e.to_string())?;
    let second = if state.with_schedule {
        Some(encode_table(&schedule_table(plan), state.encoding).map_err(|e| format!("スケジュールCSV: {e}"))?)
    } else {
        None
    };
    crate::store::write_atomically(council, &first).map_err(|e| e.to_string())?;
    let mut written = vec![council.display().to_string()];
    if let Some(bytes) = second {
        let path = schedule_path(council);
        crate::store::write_atomically(&path, &bytes).map_err(|e| e.to_string())?;
        written.push(path.display().to_string());
    }
    Ok(format!("「{}」に書き出しました。", written.join("」「")))
}

impl CsvDialogState {
    /// Asks where to save, then exports; the outcome goes to `message`.
    pub fn run(&mut self, plan: &Plan, action: CsvAction) {
        match action {
            CsvAction::SaveAs => {
                let picked = rfd::FileDialog::new()
                    .set_title("CSVとして保存")
                    .add_filter("CSV", &["csv"])
                    .set_file_name(format!("{}_審議会.csv", plan.info.short_name))
                    .save_file();
                if let Some(path) = picked {
                    self.message = Some(match export(plan, self, &path) {
                        Ok(m) => (false, m),
                        Err(e) => (true, e),
                    });
                }
            }
        }
    }
}

pub fn show(ui: &mut egui::Ui, _plan: &Plan, state: &mut CsvDialogState) -> Option<CsvAction> {
    ui.strong("文字コード");
    for e in CsvEncoding::ALL {
        ui.radio_value(&mut state.encoding, e, e.label());
    }
    ui.add_space(6.0);
    ui.checkbox(&mut state.with_schedule, "取組スケジュールのCSV（工程ごとに1行）も書き出す");
    ui.add_space(8.0);
    let action = ui.button("CSVを保存…").clicked().then_some(CsvAction::SaveAs);
    if let Some((is_error, text)) = &state.message {
        let color = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
        ui.colored_label(color, text);
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_writes_neither_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut plan = crate::seed::sap3();
        plan.items[0].schedule[0].label = "♥".into();
        let state = CsvDialogState { encoding: CsvEncoding::Cp932, with_schedule: true, message: None };
        let council = dir.path().join("c.csv");
        let err = export(&plan, &state, &council).unwrap_err();
        assert!(err.contains("♥") && err.contains("スケジュール"), "{err}");
        assert!(!council.exists() && !schedule_path(&council).exists());
        let state = CsvDialogState { encoding: CsvEncoding::Utf8Bom, ..state };
        export(&plan, &state, &council).unwrap();
        assert!(council.exists() && schedule_path(&council).exists());
    }
}
