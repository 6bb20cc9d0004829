//! Judging returned surveys against the record: per department, the changes (old → new) as
//! ordinary `Edit`s and every refused cell with its reason and position. Nothing is applied here.
//!
//! Answers are judged one after another against a working copy of the plan, each department's
//! edits applied to it before the next is judged, so that two answers touching the same thing
//! (an item shared by 企画広報課・商工課) chain instead of conflicting.

use super::read::{AnswerCell, CellPos, SurveyAnswers};
use super::values;
use crate::edit::goals::{GoalEdit, effect_words};
use crate::edit::{Edit, KpiSlot};
use crate::model::{Effect, Evaluation, FiscalYear, KpiValue, Plan, Rating, YearMonth};
use crate::store::source_tag;

/// One accepted change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub edit: Edit,
    /// 改革項目3「他部署業務の時間外勤務希望者」
    pub target: String,
    /// 令和4年度実績, 工程「検討」, 令和4年度の評価
    pub field: String,
    pub old: String,
    pub new: String,
    pub pos: CellPos,
}

/// One refused cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRefusal {
    pub pos: CellPos,
    pub target: String,
    pub value: String,
    pub reason: String,
}

/// A whole file refused (another record, another year, altered locked cells).
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedFile {
    pub file_name: String,
    pub department: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentPreview {
    pub department: String,
    pub year: FiscalYear,
    pub file_name: String,
    /// The change-history source tag the edits are applied with.
    pub source: String,
    pub changes: Vec<Change>,
    pub refusals: Vec<CellRefusal>,
    /// Answer rows that change nothing (same as the record, or left blank).
    pub unchanged: usize,
}

impl DepartmentPreview {
    pub fn edits(&self) -> impl Iterator<Item = &Edit> {
        self.changes.iter().map(|c| &c.edit)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SurveyPreview {
    pub departments: Vec<DepartmentPreview>,
    pub refused_files: Vec<RefusedFile>,
}

impl SurveyPreview {
    pub fn change_count(&self) -> usize {
        self.departments.iter().map(|d| d.changes.len()).sum()
    }

    pub fn refusal_count(&self) -> usize {
        self.departments.iter().map(|d| d.refusals.len()).sum()
    }

    /// Every accepted edit with the source tag to apply it with, in order.
    pub fn accepted(&self) -> Vec<(Edit, String)> {
        self.departments.iter().flat_map(|d| d.edits().map(|e| (e.clone(), d.source.clone()))).collect()
    }

    /// Nothing could be taken: no change, and something was refused.
    pub fn all_refused(&self) -> bool {
        self.change_count() == 0 && (self.refusal_count() > 0 || !self.refused_files.is_empty())
    }
}

/// Judges `answers` against `plan`, the record identified by `record_id`.
pub fn plan_import(plan: &Plan, record_id: &str, answers: &[SurveyAnswers]) -> SurveyPreview {
    plan_import_for_year(plan, record_id, None, answers)
}

/// As [`plan_import`], refusing answers for any year other than `year` when given.
pub fn plan_import_for_year(
    plan: &Plan,
    record_id: &str,
    year: Option<FiscalYear>,
    answers: &[SurveyAnswers],
) -> SurveyPreview {
    let mut work = plan.clone();
    let mut preview = SurveyPreview::default();
    for a in answers {
        if let Err(reason) = whole_file_check(&work, record_id, year, a) {
            preview.refused_files.push(RefusedFile {
                file_name: a.file_name.clone(),
                department: a.department.clone(),
                reason,
            });
            continue;
        }
        let dept = judge(&work, a);
        for c in &dept.changes {
            // The edits were built from `work`, so they apply; a failure would be a bug in judge().
            let applied = c.edit.apply_to(&mut work);
            debug_assert!(applied, "edit built from the working plan must apply to it");
        }
        preview.departments.push(dept);
    }
    preview
}

fn whole_file_check(plan: &Plan, record_id: &str, year: Option<FiscalYear>, a: &SurveyAnswers) -> Result<(), String> {
    if a.record_id.trim() != record_id.trim() {
        return Err(format!(
            "別の記録ファイルから作成された調査票です（調査票の記録ID {}、開いている記録 {}）。この記録から作成した調査票を使ってください。",
            a.record_id, record_id
        ));
    }
    if let Some(want) = year
        && a.year != want
    {
        return Err(format!("{}の調査票です。{}の調査票を選んでください。", a.year.japanese(), want.japanese()));
    }
    if !plan.info.years().contains(&a.year) {
        return Err(format!("{}は計画の期間（{}）に含まれません。", a.year.japanese(), plan.info.period_label()));
    }
    if let Some(why) = &a.altered {
        return Err(format!("調査票が書き換えられています（{why}）。この調査票は取り込めません。"));
    }
    if !super::survey_departments(plan).contains(&a.department) {
        return Err(format!("実施課「{}」の改革項目は記録にありません。", a.department));
    }
    Ok(())
}

struct Judge<'a> {
    plan: &'a Plan,
    dept: DepartmentPreview,
}

impl Judge<'_> {
    fn refuse(&mut self, cell: &AnswerCell, target: &str, reason: impl Into<String>) {
        self.dept.refusals.push(CellRefusal {
            pos: cell.pos.clone(),
            target: target.to_string(),
            value: cell.value.text().trim().to_string(),
            reason: reason.into(),
        });
    }

    fn change(&mut self, edit: Edit, target: String, field: String, old: String, new: String, pos: &CellPos) {
        if edit.is_noop() {
            self.dept.unchanged += 1;
            return;
        }
        self.dept.changes.push(Change { edit, target, field, old, new, pos: pos.clone() });
    }

    /// The row's item belongs to this department? (a locked cell, but the record may have moved on)
    fn owns(&self, item_departments: Vec<String>) -> bool {
        item_departments.contains(&self.dept.department)
    }
}

fn shown(v: Option<&KpiValue>) -> String {
    v.map(KpiValue::display).unwrap_or_else(|| "（空欄）".into())
}

fn judge(plan: &Plan, a: &SurveyAnswers) -> DepartmentPreview {
    let year = a.year;
    let mut j = Judge {
        plan,
        dept: DepartmentPreview {
            department: a.department.clone(),
            year,
            file_name: a.file_name.clone(),
            source: source_tag(year, &a.department, &a.file_name),
            changes: Vec::new(),
            refusals: Vec::new(),
            unchanged: 0,
        },
    };
    let gone = "記録にありません（調査票の作成後に削除されたか、別の課の項目です）。";

    for k in &a.kpis {
        let Some((item, kpi)) = j.plan.kpi(k.kpi_id).filter(|(i, _)| j.owns(i.departments())) else {
            j.refuse(&k.actual, &format!("数値目標 ID {}", k.kpi_id), gone);
            continue;
        };
        let target = format!("改革項目{}「{}」", item.number, kpi.name);
        match values::kpi_value(kpi, &k.actual.value) {
            Err(reason) => j.refuse(&k.actual, &target, reason),
            Ok(None) => j.dept.unchanged += 1,
            Ok(Some(new)) => {
                let old = kpi.actuals.get(&year).cloned();
                let edit = Edit::KpiValue {
                    kpi_id: kpi.id,
                    slot: KpiSlot::Actual(year),
                    old: old.clone(),
                    new: Some(new.clone()),
                };
                j.change(
                    edit,
                    target,
                    format!("{}実績", year.japanese()),
                    shown(old.as_ref()),
                    shown(Some(&new)),
                    &k.actual.pos,
                );
            }
        }
    }

    for p in &a.phases {
        let Some((item, row, phase)) = j.plan.phase(p.phase_id).filter(|(i, _, _)| j.owns(i.departments())) else {
            j.refuse(&p.status, &format!("工程 ID {}", p.phase_id), gone);
            continue;
        };
        let target = if row.label.is_empty() {
            format!("改革項目{}", item.number)
        } else {
            format!("改革項目{}「{}」", item.number, row.label)
        };
        let old = phase.data.clone();
        let mut new = old.clone();
        let mut refused = false;
        match values::status(&p.status.value) {
            Ok(Some(s)) => new.status = s,
            Ok(None) => {}
            Err(reason) => {
                j.refuse(&p.status, &target, reason);
                refused = true;
            }
        }
        for (cell, slot) in [(&p.actual_start, &mut new.actual_start), (&p.actual_end, &mut new.actual_end)] {
            match values::month(&cell.value) {
                Ok(Some(m)) => *slot = Some(m),
                Ok(None) => {}
                Err(reason) => {
                    j.refuse(cell, &target, reason);
                    refused = true;
                }
            }
        }
        if new == old {
            if !refused {
                j.dept.unchanged += 1;
            }
            continue;
        }
        if let Err(reason) = new.validate() {
            let cell = if new.actual_end != old.actual_end { &p.actual_end } else { &p.actual_start };
            j.refuse(cell, &target, reason);
            continue;
        }
        let field = if old.label.is_empty() { "工程".to_string() } else { format!("工程「{}」", old.label) };
        let (o, n) = (phase_text(&old), phase_text(&new));
        j.change(Edit::Phase { phase_id: phase.id, old, new }, target, field, o, n, &p.status.pos);
    }

    for e in &a.evaluations {
        let Some(item) = j.plan.item(e.item_id).filter(|i| j.owns(i.departments())) else {
            j.refuse(&e.rating, &format!("改革項目 ID {}", e.item_id), gone);
            continue;
        };
        let target = format!("改革項目{}「{}」", item.number, item.title);
        let old = item.evaluation(year).cloned();
        let mut new = old.clone().unwrap_or(Evaluation {
            year,
            rating: Rating::Unrated,
            results: String::new(),
            next_steps: String::new(),
        });
        match values::rating(&e.rating.value) {
            Ok(Some(r)) => new.rating = r,
            Ok(None) => {}
            Err(reason) => j.refuse(&e.rating, &target, reason),
        }
        for (cell, field, slot) in
            [(&e.results, "取組実績", &mut new.results), (&e.next_steps, "課題・今後の方針", &mut new.next_steps)]
        {
            match values::text(field, &cell.value) {
                Ok(Some(t)) => *slot = t,
                Ok(None) => {}
                Err(reason) => j.refuse(cell, &target, reason),
            }
        }
        let unanswered =
            old.is_none() && new.rating == Rating::Unrated && new.results.is_empty() && new.next_steps.is_empty();
        if unanswered {
            j.dept.unchanged += 1;
            continue;
        }
        let (o, n) = (eval_text(old.as_ref()), eval_text(Some(&new)));
        let edit = Edit::Evaluation { item_id: item.id, year, old, new: Some(new) };
        j.change(edit, target, format!("{}の評価", year.japanese()), o, n, &e.rating.pos);
    }

    // 効果額: the cell was written with the record's actual, so what it holds is the answer — a
    // blank clears the actual (unlike the other sections, where blank is no answer). The planned
    // amount is the record's, whatever the locked cell shows.
    let field = format!("{}の効果額", year.japanese());
    for e in &a.effects {
        let Some(item) = j.plan.item(e.item_id).filter(|i| j.owns(i.departments())) else {
            j.refuse(&e.actual, &format!("改革項目 ID {}", e.item_id), gone);
            continue;
        };
        let target = format!("改革項目{}「{}」", item.number, item.title);
        let actual = match values::effect_amount(&format!("{field}（実績）"), &e.actual.value) {
            Ok(n) => n,
            Err(reason) => {
                j.refuse(&e.actual, &target, reason);
                continue;
            }
        };
        let old = item.effects.get(&year).copied();
        let new = Some(Effect { actual, ..old.unwrap_or_default() }).filter(|n| !n.is_empty());
        let (o, n) = (effect_words(&old), effect_words(&new));
        let edit = Edit::Goal(GoalEdit::Effect { item_id: item.id, year, old, new });
        j.change(edit, target, field.clone(), o, n, &e.actual.pos);
    }
    j.dept
}

fn month_text(m: Option<YearMonth>) -> String {
    m.map(|m| m.iso()).unwrap_or_else(|| "未入力".into())
}

fn phase_text(d: &crate::model::PhaseData) -> String {
    format!("{}（実績 {}〜{}）", d.status.label(), month_text(d.actual_start), month_text(d.actual_end))
}

fn eval_text(e: Option<&Evaluation>) -> String {
    let Some(e) = e else { return "（未評価）".into() };
    let short = |t: &str| {
        let t = t.replace('\n', " ");
        if t.chars().count() > 30 { format!("{}…", t.chars().take(30).collect::<String>()) } else { t }
    };
    // Empty texts are left out, so a rating alone reads "A", not "A／取組実績: ／…".
    let mut parts = vec![e.rating.code().to_string()];
    if !e.results.trim().is_empty() {
        parts.push(format!("取組実績: {}", short(&e.results)));
    }
    if !e.next_steps.trim().is_empty() {
        parts.push(format!("課題・今後の方針: {}", short(&e.next_steps)));
    }
    parts.join("／")
}
