//! ファイル → 次期計画を作成…: the next plan's name, short name, period, which items to carry and
//! where its record goes; a preview of what is carried; 作成 asks the App to create the record and
//! open it (the same rules as `reform-tracker rollover`). The open record is only read.

use std::path::{Path, PathBuf};

use crate::model::Plan;
use crate::model::rollover::{Carry, RolloverSpec, parse_years, preview, roll_over};

#[derive(Debug, Clone)]
pub struct RolloverDialogState {
    pub name: String,
    pub short_name: String,
    pub years: String,
    pub carry: Carry,
    pub path: String,
    /// The preview of the fields as they were when 内容を確認 or 作成 was last pressed.
    pub preview: Vec<String>,
    /// The outcome of the last try: (is_error, text).
    pub message: Option<(bool, String)>,
    /// The folder of the open record, where the new one goes by default.
    folder: PathBuf,
}

/// What 作成 asks for, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RolloverOrder {
    pub spec: RolloverSpec,
    pub path: PathBuf,
}

impl RolloverDialogState {
    pub fn new(plan: &Plan, record: &Path) -> Self {
        let (first, last) = (plan.info.last_year.0 + 1, plan.info.last_year.0 + plan.info.years().len() as i32);
        RolloverDialogState {
            name: String::new(),
            short_name: String::new(),
            years: format!("{}-{}", crate::model::FiscalYear(first).short(), crate::model::FiscalYear(last).short()),
            carry: Carry::Unfinished,
            path: String::new(),
            preview: Vec::new(),
            message: None,
            folder: record.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    /// The path field, or `<short name>.sqlite` beside the open record while it is empty.
    pub fn target(&self) -> PathBuf {
        if self.path.trim().is_empty() {
            self.folder.join(format!("{}.sqlite", self.short_name.trim()))
        } else {
            PathBuf::from(self.path.trim())
        }
    }

    /// Reads the fields; a refusal says in Japanese what to fix.
    pub fn order(&self, plan: &Plan) -> Result<RolloverOrder, String> {
        if self.name.trim().is_empty() || self.short_name.trim().is_empty() {
            return Err("新しい計画の名前と略称を入力してください。".into());
        }
        let (first_year, last_year) = parse_years(&self.years)?;
        if first_year <= plan.info.last_year {
            return Err(format!(
                "新しい計画の期間が今の計画（{}）と重なっています。その後の年度を入力してください。",
                plan.info.period_label()
            ));
        }
        let path = self.target();
        if path.exists() {
            return Err(format!("「{}」は既にあります。別のファイル名を入力してください。", path.display()));
        }
        let spec = RolloverSpec {
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            first_year,
            last_year,
            carry: self.carry,
        };
        Ok(RolloverOrder { spec, path })
    }

    fn refresh_preview(&mut self, plan: &Plan) -> Option<RolloverOrder> {
        match self.order(plan) {
            Ok(order) => {
                self.preview = preview(plan, &roll_over(plan, &order.spec));
                self.message = None;
                Some(order)
            }
            Err(e) => {
                self.preview.clear();
                self.message = Some((true, e));
                None
            }
        }
    }
}

/// Draws the dialog; returns the order when 作成 is pressed with readable fields.
pub fn show(ui: &mut egui::Ui, plan: &Plan, state: &mut RolloverDialogState) -> Option<RolloverOrder> {
    egui::Grid::new("rollover_dialog").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        let label = ui.label("新しい計画の名前");
        ui.add(egui::TextEdit::singleline(&mut state.name).desired_width(380.0)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("略称");
        ui.add(egui::TextEdit::singleline(&mut state.short_name).hint_text("例: SAPⅣ").desired_width(160.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("期間");
        ui.add(egui::TextEdit::singleline(&mut state.years).hint_text("例: R6-R8").desired_width(160.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("引き継ぐ項目");
        egui::ComboBox::from_id_salt("rollover_carry")
            .selected_text(state.carry.label())
            .show_ui(ui, |ui| {
                for c in Carry::ALL {
                    ui.selectable_value(&mut state.carry, c, c.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("新しい記録ファイル");
        let hint = state.target().display().to_string();
        ui.add(egui::TextEdit::singleline(&mut state.path).hint_text(hint).desired_width(380.0)).labelled_by(label.id);
        ui.end_row();
    });
    ui.label(
        "今の記録は変更しません。引き継いだ数値目標は最後の実績を基準値とし、未完了の工程は新しい期間に移します。",
    );
    ui.add_space(6.0);
    let mut order = None;
    ui.horizontal(|ui| {
        if ui.button("内容を確認").clicked() {
            state.refresh_preview(plan);
        }
        if ui.button("作成").clicked() {
            order = state.refresh_preview(plan);
        }
    });
    if let Some((is_error, text)) = &state.message {
        let color = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
        ui.colored_label(color, text);
    }
    if !state.preview.is_empty() {
        egui::ScrollArea::vertical().max_height(260.0).show_rows(
            ui,
            ui.text_style_height(&egui::TextStyle::Body),
            state.preview.len(),
            |ui, rows| {
                for line in &state.preview[rows] {
                    ui.label(line);
                }
            },
        );
    }
    order
}

/// Creates the new record from the open one's plan; the App opens it afterwards.
pub fn create(plan: &Plan, order: &RolloverOrder) -> Result<String, String> {
    let new = roll_over(plan, &order.spec);
    drop(crate::store::Store::create(&order.path, &new).map_err(|e| e.to_string())?);
    Ok(format!(
        "次期計画「{}」の記録「{}」を作成しました（改革項目 {} 件）。",
        new.info.name,
        order.path.display(),
        new.items.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_or_refused_in_japanese() {
        let plan = crate::seed::sap3();
        let dir = std::env::temp_dir().join(format!("rollover-dialog-{}", std::process::id()));
        let mut s = RolloverDialogState::new(&plan, &dir.join("sap3.sqlite"));
        assert_eq!(s.years, "R6-R8", "the next period as long as this one");
        assert!(s.order(&plan).unwrap_err().contains("名前と略称"));
        s.name = "第4次".into();
        s.short_name = "SAPⅣ".into();
        let o = s.order(&plan).unwrap();
        assert_eq!(o.path, dir.join("SAPⅣ.sqlite"), "beside the open record by default");
        assert_eq!(o.spec.carry, Carry::Unfinished);
        s.years = "R4-R6".into();
        assert!(s.order(&plan).unwrap_err().contains("重なっています"));
        s.years = "R6-R30".into();
        assert!(s.order(&plan).unwrap_err().contains("年度"));
    }
}
