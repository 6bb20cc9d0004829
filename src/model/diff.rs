//! What replacing one plan snapshot by another would change: the preview an officer reads
//! before an import. Pure: two snapshots in, a list of differences out. Entities are matched
//! by their record ids, which stay the same through export, editing elsewhere and import.

use std::collections::{BTreeMap, BTreeSet};

use super::plan::{Evaluation, Item, Kpi, KpiValue, Plan};
use super::schedule::ScheduleRow;
use super::{FiscalYear, Id};

/// What a difference is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// The plan's name, years, focus areas and categories.
    Plan,
    Item,
    Kpi,
    Actual,
    ScheduleRow,
    Phase,
    Evaluation,
}

impl Subject {
    pub const ALL: [Subject; 7] = [
        Subject::Plan,
        Subject::Item,
        Subject::Kpi,
        Subject::Actual,
        Subject::ScheduleRow,
        Subject::Phase,
        Subject::Evaluation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Subject::Plan => "計画",
            Subject::Item => "改革項目",
            Subject::Kpi => "数値目標",
            Subject::Actual => "実績",
            Subject::ScheduleRow => "スケジュール行",
            Subject::Phase => "工程",
            Subject::Evaluation => "評価",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Changed => "変更",
            ChangeKind::Removed => "削除",
        }
    }
}

/// One difference: `target`'s `field` goes from `old` to `new` (empty for added/removed).
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub subject: Subject,
    pub kind: ChangeKind,
    /// Where: 改革項目16 数値目標「未収金額」.
    pub target: String,
    /// What: 令和3年度実績, 実施課, 工程…
    pub field: String,
    pub old: String,
    pub new: String,
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() { "（空欄）" } else { s }
}

impl Difference {
    /// "［変更］改革項目16 数値目標「…」 令和3年度実績: （空欄） → 902,000,000"
    pub fn line(&self) -> String {
        let head = format!("［{}］{} {}", self.kind.label(), self.target, self.field);
        match self.kind {
            ChangeKind::Added => format!("{head}: {}", or_blank(&self.new)),
            ChangeKind::Removed => format!("{head}: {}", or_blank(&self.old)),
            ChangeKind::Changed => format!("{head}: {} → {}", or_blank(&self.old), or_blank(&self.new)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    pub differences: Vec<Difference>,
}

impl ImportSummary {
    pub fn is_empty(&self) -> bool {
        self.differences.is_empty()
    }

    pub fn count(&self, subject: Subject, kind: ChangeKind) -> usize {
        self.differences.iter().filter(|d| d.subject == subject && d.kind == kind).count()
    }

    pub fn count_kind(&self, kind: ChangeKind) -> usize {
        self.differences.iter().filter(|d| d.kind == kind).count()
    }

    /// "追加 2 件、変更 5 件、削除 1 件"
    pub fn totals(&self) -> String {
        [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed]
            .iter()
            .map(|k| format!("{} {} 件", k.label(), self.count_kind(*k)))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// Per subject, the kinds that occur: "実績: 追加 3・変更 1".
    pub fn breakdown(&self) -> Vec<String> {
        Subject::ALL
            .iter()
            .filter_map(|s| {
                let parts: Vec<String> = [ChangeKind::Added, ChangeKind::Changed, ChangeKind::Removed]
                    .iter()
                    .filter_map(|k| {
                        let n = self.count(*s, *k);
                        (n > 0).then(|| format!("{} {n}", k.label()))
                    })
                    .collect();
                (!parts.is_empty()).then(|| format!("{}: {}", s.label(), parts.join("・")))
            })
            .collect()
    }

    pub fn lines(&self) -> Vec<String> {
        self.differences.iter().map(Difference::line).collect()
    }
}

/// Everything that differs between `current` (the open record) and `incoming` (the file to import).
pub fn diff(current: &Plan, incoming: &Plan) -> ImportSummary {
    let mut out = Differ { list: Vec::new() };
    out.plan_info(current, incoming);
    for (a, b) in pair_by_id(&current.items, &incoming.items, |i| i.id) {
        out.item(current, incoming, a, b);
    }
    ImportSummary { differences: out.list }
}

/// The union of two lists matched by id: current order first, then what only `new` has.
fn pair_by_id<'a, T>(old: &'a [T], new: &'a [T], id: impl Fn(&T) -> Id) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut pairs: Vec<(Option<&T>, Option<&T>)> =
        old.iter().map(|o| (Some(o), new.iter().find(|n| id(n) == id(o)))).collect();
    pairs.extend(new.iter().filter(|n| !old.iter().any(|o| id(o) == id(n))).map(|n| (None, Some(n))));
    pairs
}

/// An item's KPIs, schedule rows and evaluations; none for an item on one side only.
fn parts(item: Option<&Item>) -> (&[Kpi], &[ScheduleRow], &[Evaluation]) {
    match item {
        Some(i) => (&i.kpis, &i.schedule, &i.evaluations),
        None => (&[], &[], &[]),
    }
}

fn value_text(v: Option<&KpiValue>) -> String {
    v.map(KpiValue::display).unwrap_or_default()
}

fn goal_text(year: Option<FiscalYear>, v: Option<&KpiValue>) -> String {
    match (year, v) {
        (_, None) => String::new(),
        (Some(y), Some(v)) => format!("{}（{}）", v.display(), y.japanese()),
        (None, Some(v)) => v.display(),
    }
}

struct Differ {
    list: Vec<Difference>,
}

impl Differ {
    fn push(&mut self, subject: Subject, kind: ChangeKind, target: &str, field: &str, old: String, new: String) {
        self.list.push(Difference { subject, kind, target: target.to_string(), field: field.to_string(), old, new });
    }

    /// Records a change when present in both and different, or an addition/removal.
    fn field(&mut self, subject: Subject, target: &str, field: &str, old: Option<String>, new: Option<String>) {
        match (old, new) {
            (Some(o), Some(n)) if o != n => self.push(subject, ChangeKind::Changed, target, field, o, n),
            (Some(_), Some(_)) | (None, None) => {}
            (None, Some(n)) => self.push(subject, ChangeKind::Added, target, field, String::new(), n),
            (Some(o), None) => self.push(subject, ChangeKind::Removed, target, field, o, String::new()),
        }
    }

    fn plan_info(&mut self, a: &Plan, b: &Plan) {
        let (ia, ib) = (&a.info, &b.info);
        let t = "計画";
        self.field(Subject::Plan, t, "名称", Some(ia.name.clone()), Some(ib.name.clone()));
        self.field(Subject::Plan, t, "略称", Some(ia.short_name.clone()), Some(ib.short_name.clone()));
        self.field(Subject::Plan, t, "期間", Some(ia.period_label()), Some(ib.period_label()));
        self.field(Subject::Plan, t, "基準年度", Some(ia.baseline_year.japanese()), Some(ib.baseline_year.japanese()));
        for (fa, fb) in pair_by_id(&a.focus_areas, &b.focus_areas, |f| f.id) {
            let number = fa.or(fb).map(|f| f.number).unwrap_or_default();
            let target = format!("重点項目{number}");
            self.field(Subject::Plan, &target, "名称", fa.map(|f| f.title.clone()), fb.map(|f| f.title.clone()));
            let ca = fa.map(|f| f.categories.as_slice()).unwrap_or_default();
            let cb = fb.map(|f| f.categories.as_slice()).unwrap_or_default();
            for (x, y) in pair_by_id(ca, cb, |c| c.id) {
                self.field(Subject::Plan, &target, "取組分類", x.map(|c| c.title.clone()), y.map(|c| c.title.clone()));
            }
        }
    }

    fn item(&mut self, pa: &Plan, pb: &Plan, a: Option<&Item>, b: Option<&Item>) {
        let Some(any) = b.or(a) else { return };
        let target = format!("改革項目{}", any.number);
        let s = Subject::Item;
        match (a, b) {
            (None, Some(b)) => self.push(s, ChangeKind::Added, &target, "", String::new(), b.title.clone()),
            (Some(a), None) => self.push(s, ChangeKind::Removed, &target, "", a.title.clone(), String::new()),
            (Some(a), Some(b)) => {
                let category = |p: &Plan, i: &Item| p.category(i.category_id).map(|(_, c)| c.title.clone());
                self.field(s, &target, "番号", Some(a.number.to_string()), Some(b.number.to_string()));
                self.field(s, &target, "改革項目", Some(a.title.clone()), Some(b.title.clone()));
                self.field(s, &target, "取組分類", category(pa, a), category(pb, b));
                self.field(s, &target, "実施課", Some(a.department.clone()), Some(b.department.clone()));
                self.field(s, &target, "現状・課題", Some(a.current_issues.clone()), Some(b.current_issues.clone()));
                self.field(s, &target, "実施内容・効果", Some(a.actions.clone()), Some(b.actions.clone()));
            }
            (None, None) => {}
        }
        let (ka, ra, ea) = parts(a);
        let (kb, rb, eb) = parts(b);
        for (x, y) in pair_by_id(ka, kb, |k| k.id) {
            self.kpi(&target, x, y);
        }
        for (x, y) in pair_by_id(ra, rb, |r| r.id) {
            self.row(&target, x, y);
        }
        self.row_order(&target, ra, rb);
        let years: BTreeSet<FiscalYear> = ea.iter().chain(eb).map(|e| e.year).collect();
        for year in years {
            let old = ea.iter().find(|e| e.year == year).map(Evaluation::summary);
            let new = eb.iter().find(|e| e.year == year).map(Evaluation::summary);
            self.field(Subject::Evaluation, &target, &format!("{}の評価", year.japanese()), old, new);
        }
        let none = BTreeMap::new();
        let oa = a.map(|i| &i.council_opinions).unwrap_or(&none);
        let ob = b.map(|i| &i.council_opinions).unwrap_or(&none);
        for year in oa.keys().chain(ob.keys()).copied().collect::<BTreeSet<_>>() {
            let field = format!("{}の審議会意見", year.japanese());
            self.field(Subject::Evaluation, &target, &field, oa.get(&year).cloned(), ob.get(&year).cloned());
        }
    }

    fn kpi(&mut self, item: &str, a: Option<&Kpi>, b: Option<&Kpi>) {
        let Some(any) = b.or(a) else { return };
        let target = format!("{item} 数値目標「{}」", any.name);
        let s = Subject::Kpi;
        match (a, b) {
            (None, Some(b)) => self.push(s, ChangeKind::Added, &target, "", String::new(), b.name.clone()),
            (Some(a), None) => self.push(s, ChangeKind::Removed, &target, "", a.name.clone(), String::new()),
            (Some(a), Some(b)) => {
                self.field(s, &target, "目標名", Some(a.name.clone()), Some(b.name.clone()));
                self.field(s, &target, "単位", Some(a.unit.clone()), Some(b.unit.clone()));
                let base = |k: &Kpi| goal_text(k.baseline_year, k.baseline.as_ref());
                let goal = |k: &Kpi| goal_text(k.target_year, k.target.as_ref());
                self.field(s, &target, "基準値", Some(base(a)), Some(base(b)));
                self.field(s, &target, "目標値", Some(goal(a)), Some(goal(b)));
                let dir = |k: &Kpi| k.direction.code().to_string();
                self.field(s, &target, "増減の向き", Some(dir(a)), Some(dir(b)));
                self.field(s, &target, "備考", Some(a.note.clone()), Some(b.note.clone()));
            }
            (None, None) => {}
        }
        let years: BTreeSet<FiscalYear> = a.iter().chain(b.iter()).flat_map(|k| k.actuals.keys().copied()).collect();
        for year in years {
            let old = a.and_then(|k| k.actuals.get(&year)).map(|v| value_text(Some(v)));
            let new = b.and_then(|k| k.actuals.get(&year)).map(|v| value_text(Some(v)));
            self.field(Subject::Actual, &target, &format!("{}実績", year.japanese()), old, new);
        }
        let marks: BTreeSet<FiscalYear> =
            a.iter().chain(b.iter()).flat_map(|k| k.provisional.iter().copied()).collect();
        for year in marks {
            let mark = |k: Option<&Kpi>| k.filter(|k| k.provisional.contains(&year)).map(|_| "暫定".to_string());
            self.field(Subject::Actual, &target, &format!("{}実績の暫定", year.japanese()), mark(a), mark(b));
        }
    }

    fn row(&mut self, item: &str, a: Option<&ScheduleRow>, b: Option<&ScheduleRow>) {
        let Some(any) = b.or(a) else { return };
        let target = format!("{item} スケジュール「{}」", any.label);
        self.field(Subject::ScheduleRow, &target, "行", a.map(|r| r.label.clone()), b.map(|r| r.label.clone()));
        let pa = a.map(|r| r.phases.as_slice()).unwrap_or_default();
        let pb = b.map(|r| r.phases.as_slice()).unwrap_or_default();
        for (x, y) in pair_by_id(pa, pb, |p| p.id) {
            let old = x.map(|p| p.data.summary());
            let new = y.map(|p| p.data.summary());
            self.field(Subject::Phase, &target, "工程", old, new);
        }
    }

    /// Rows present in both but in another order.
    fn row_order(&mut self, item: &str, a: &[ScheduleRow], b: &[ScheduleRow]) {
        let common_a: Vec<&ScheduleRow> = a.iter().filter(|r| b.iter().any(|x| x.id == r.id)).collect();
        let common_b: Vec<&ScheduleRow> = b.iter().filter(|r| a.iter().any(|x| x.id == r.id)).collect();
        let ids = |rows: &[&ScheduleRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
        if ids(&common_a) != ids(&common_b) {
            let labels = |rows: &[&ScheduleRow]| rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("・");
            let target = format!("{item} スケジュール");
            self.push(
                Subject::ScheduleRow,
                ChangeKind::Changed,
                &target,
                "行の順序",
                labels(&common_a),
                labels(&common_b),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PhaseStatus, Rating, YearMonth};

    /// SAP III with ids as a record gives them (the data file leaves them 0).
    fn plan() -> Plan {
        let mut p = crate::seed::sap3();
        let mut next = 0;
        let mut id = || {
            next += 1;
            next
        };
        for f in &mut p.focus_areas {
            f.id = id();
        }
        for item in &mut p.items {
            item.id = id();
            for k in &mut item.kpis {
                k.id = id();
            }
            for r in &mut item.schedule {
                r.id = id();
                for ph in &mut r.phases {
                    ph.id = id();
                }
            }
        }
        p
    }

    #[test]
    fn same_plan_has_no_differences() {
        let p = plan();
        assert!(diff(&p, &p).is_empty());
        assert_eq!(diff(&p, &p).totals(), "追加 0 件、変更 0 件、削除 0 件");
    }

    #[test]
    fn actual_added_changed_removed() {
        let a = plan();
        let mut b = a.clone();
        let kpi = &mut b.items[15].kpis[0];
        kpi.actuals.insert(FiscalYear(2021), KpiValue::Number(902_000_000.0));
        let mut a2 = a.clone();
        a2.items[15].kpis[0].actuals.insert(FiscalYear(2021), KpiValue::Number(1.0));
        let s = diff(&a, &b);
        assert_eq!(s.count(Subject::Actual, ChangeKind::Added), 1);
        assert_eq!(s.differences.len(), 1);
        let line = s.differences[0].line();
        assert!(
            line.contains("改革項目16") && line.contains("令和3年度実績") && line.contains("902,000,000"),
            "{line}"
        );
        let changed = diff(&a2, &b);
        assert_eq!(changed.count(Subject::Actual, ChangeKind::Changed), 1);
        assert!(changed.differences[0].line().contains("1 → 902,000,000"), "{}", changed.differences[0].line());
        let removed = diff(&b, &a);
        assert_eq!(removed.count(Subject::Actual, ChangeKind::Removed), 1);
    }

    #[test]
    fn item_fields_phases_and_evaluations() {
        let a = plan();
        let mut b = a.clone();
        b.items[0].department = "行政改革課".into();
        let phase = &mut b.items[0].schedule[0].phases[0];
        phase.data.status = PhaseStatus::Done;
        phase.data.end = YearMonth::new(2023, 3);
        b.items[1].schedule[0].phases.remove(0);
        b.items[2].evaluations.push(Evaluation {
            year: FiscalYear(2021),
            rating: Rating::B,
            results: "説明会".into(),
            next_steps: "継続".into(),
        });
        let s = diff(&a, &b);
        assert_eq!(s.count(Subject::Item, ChangeKind::Changed), 1);
        assert_eq!(s.count(Subject::Phase, ChangeKind::Changed), 1);
        assert_eq!(s.count(Subject::Phase, ChangeKind::Removed), 1);
        assert_eq!(s.count(Subject::Evaluation, ChangeKind::Added), 1);
        assert_eq!(s.differences.len(), 4, "{:#?}", s.lines());
        assert!(s.lines().iter().any(|l| l.contains("完了")));
        assert_eq!(s.breakdown().len(), 3);
    }

    #[test]
    fn added_and_removed_items_carry_their_parts() {
        let a = plan();
        let mut b = a.clone();
        let removed = b.items.remove(30);
        let s = diff(&a, &b);
        assert_eq!(s.count(Subject::Item, ChangeKind::Removed), 1);
        assert_eq!(s.count(Subject::Kpi, ChangeKind::Removed), removed.kpis.len());
        let phases: usize = removed.schedule.iter().map(|r| r.phases.len()).sum();
        assert_eq!(s.count(Subject::Phase, ChangeKind::Removed), phases);
        let back = diff(&b, &a);
        assert_eq!(back.count(Subject::Item, ChangeKind::Added), 1);
        assert_eq!(back.count_kind(ChangeKind::Removed), 0);
    }

    #[test]
    fn reordered_rows_are_reported() {
        let a = plan();
        let mut b = a.clone();
        let item = b.items.iter_mut().find(|i| i.schedule.len() >= 2).unwrap();
        item.schedule.swap(0, 1);
        let s = diff(&a, &b);
        assert_eq!(s.differences.len(), 1);
        assert_eq!(s.differences[0].field, "行の順序");
    }
}
