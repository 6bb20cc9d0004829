//! The plan's own data: name, short name, period, 基準年度 and 策定日, saved as one edit.

use crate::edit::Edit;
use crate::edit::structure::{PlanHeader, StructureEdit};
use crate::model::dates::{japanese_date, parse_date};
use crate::model::rollover::parse_years;
use crate::model::{FiscalYear, Plan};
use crate::ui::app::commands::Command;

#[derive(Debug, Clone)]
pub struct PlanForm {
    /// The plan's data the fields were filled from: when the plan's changes (undo, another PC),
    /// the fields follow.
    from: PlanHeader,
    name: String,
    short_name: String,
    years: String,
    baseline_year: String,
    adopted_on: String,
    message: Option<String>,
}

impl PlanForm {
    pub fn of(plan: &Plan) -> Self {
        let info = &plan.info;
        PlanForm {
            from: PlanHeader::of(info),
            name: info.name.clone(),
            short_name: info.short_name.clone(),
            years: format!("{}-{}", info.first_year.short(), info.last_year.short()),
            baseline_year: info.baseline_year.short(),
            adopted_on: info.adopted_on.map(japanese_date).unwrap_or_default(),
            message: None,
        }
    }

    /// The fields read as the plan's new data, or what to fix, in Japanese.
    pub fn header(&self) -> Result<PlanHeader, String> {
        let (first_year, last_year) = parse_years(&self.years)?;
        let baseline_year = FiscalYear::parse(&self.baseline_year).ok_or_else(|| {
            format!("基準年度「{}」を読めません。R2 や 令和2年度 のように入力してください。", self.baseline_year)
        })?;
        let adopted_on = match self.adopted_on.trim() {
            "" => None,
            text => Some(parse_date(text)?.format("%Y-%m-%d").to_string()),
        };
        let header = PlanHeader {
            name: self.name.trim().to_string(),
            short_name: self.short_name.trim().to_string(),
            first_year,
            last_year,
            baseline_year,
            adopted_on,
        };
        header.check()?;
        Ok(header)
    }
}

pub fn show(ui: &mut egui::Ui, plan: &Plan, form: &mut PlanForm, requests: &mut Vec<Command>) {
    if PlanHeader::of(&plan.info) != form.from {
        *form = PlanForm::of(plan);
    }
    ui.strong("計画の情報");
    ui.horizontal(|ui| {
        let label = ui.label("計画の名前");
        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(360.0)).labelled_by(label.id);
        let label = ui.label("略称");
        ui.add(egui::TextEdit::singleline(&mut form.short_name).desired_width(140.0)).labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("期間");
        ui.add(egui::TextEdit::singleline(&mut form.years).hint_text("例: R6-R8").desired_width(100.0))
            .labelled_by(label.id);
        let label = ui.label("基準年度");
        ui.add(egui::TextEdit::singleline(&mut form.baseline_year).hint_text("例: R5").desired_width(80.0))
            .labelled_by(label.id);
        let label = ui.label("策定日");
        ui.add(egui::TextEdit::singleline(&mut form.adopted_on).hint_text("例: 令和6年3月29日").desired_width(200.0))
            .labelled_by(label.id);
        if ui.button("計画の情報を保存").clicked() {
            match form.header() {
                Ok(new) => {
                    form.message = None;
                    let old = PlanHeader::of(&plan.info);
                    if new != old {
                        requests.push(Command::Edit(Box::new(Edit::Structure(StructureEdit::Plan { old, new }))));
                    }
                }
                Err(e) => form.message = Some(e),
            }
        }
    });
    if let Some(m) = &form.message {
        ui.colored_label(ui.visuals().error_fg_color, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_read_back_as_the_plan_s_data_or_say_what_to_fix() {
        let plan = crate::seed::sap3();
        let mut form = PlanForm::of(&plan);
        assert_eq!(form.years, "R3-R5");
        assert_eq!(form.header().unwrap(), PlanHeader::of(&plan.info), "unchanged fields are the plan's data");
        form.adopted_on = "令和3年3月31日".into();
        assert_eq!(form.header().unwrap().adopted_on.as_deref(), Some("2021-03-31"));
        form.adopted_on = "3月末".into();
        assert!(form.header().unwrap_err().contains("読めません"));
        form.adopted_on.clear();
        form.years = "R3-R20".into();
        assert!(form.header().unwrap_err().contains("年度"));
        form.years = "R3-R5".into();
        form.baseline_year = "R4".into();
        assert_eq!(form.header().unwrap_err(), "基準年度は計画の初年度より後にできません。");
        form.baseline_year = "R2".into();
        form.name = " ".into();
        assert!(form.header().unwrap_err().contains("空にできません"));
    }
}
