//! A plan file's text → a `Plan`, or a refusal naming the line and the key. Every check runs
//! before anything is written, so a refused file creates nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::PlanFileError;
use super::format::{FileIn, ItemIn, KpiIn, PhaseIn, ValueIo};
use crate::model::limits::{check_number, check_text};
use crate::model::{
    ActionsHeading, Category, Direction, Effect, FiscalYear, FocusArea, GoalHeading, Item, ItemStatus, Kpi, KpiValue,
    Milestone, Phase, PhaseData, PhaseStatus, Plan, PlanInfo, Scale, ScheduleRow, StatusKind, YearMonth,
};

/// A plan runs 1 to 10 fiscal years (issue 16: "any period").
pub use crate::model::limits::MAX_YEARS;

/// A workbook cell a value came from: its span's start is the index into the reader's cell list.
#[derive(Debug, Clone)]
pub struct CellAt {
    pub sheet: &'static str,
    /// Excel's row number (1 is the header).
    pub row: usize,
    pub column: &'static str,
}

/// Where the values were read from, so that a refusal can name the place.
pub enum Source<'a> {
    Text(&'a str),
    Cells(&'a [CellAt]),
}

struct Reader<'a> {
    source: Source<'a>,
}

impl Reader<'_> {
    fn refuse<T>(&self, span: &Range<usize>, field: &str, message: impl Into<String>) -> Result<T, PlanFileError> {
        let message = message.into();
        Err(match &self.source {
            Source::Text(text) => {
                let end = span.start.min(text.len());
                let line = text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1;
                PlanFileError { line: Some(line), field: field.to_string(), message, sheet: None }
            }
            Source::Cells(cells) => match cells.get(span.start) {
                Some(c) => PlanFileError {
                    line: Some(c.row),
                    field: c.column.to_string(),
                    message,
                    sheet: Some(c.sheet.to_string()),
                },
                None => PlanFileError { line: None, field: String::new(), message, sheet: None },
            },
        })
    }

    fn text(&self, s: &Spanned<String>, field: &str) -> Result<String, PlanFileError> {
        if let Err(e) = check_text(field, s.get_ref()) {
            return self.refuse(&s.span(), field, e.to_string());
        }
        Ok(s.get_ref().clone())
    }

    fn year(&self, y: &Spanned<i32>, field: &str) -> Result<FiscalYear, PlanFileError> {
        let v = *y.get_ref();
        if !(1990..=2200).contains(&v) {
            return self.refuse(
                &y.span(),
                field,
                format!("年度 {v} は読めません。西暦の年度（令和3年度なら 2021）で書いてください。"),
            );
        }
        Ok(FiscalYear(v))
    }

    fn month(&self, m: &Spanned<String>, field: &str) -> Result<YearMonth, PlanFileError> {
        let s = m.get_ref().trim();
        let shaped =
            s.len() == 7 && s.as_bytes()[4] == b'-' && s.bytes().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit());
        match YearMonth::parse_iso(s).filter(|_| shaped) {
            Some(ym) => Ok(ym),
            None => self.refuse(
                &m.span(),
                field,
                format!("月「{}」は読めません。2021-04 のように YYYY-MM で書いてください。", m.get_ref()),
            ),
        }
    }

    /// `key` is the file's key (baseline, target); `what` says whose value it is.
    fn value(&self, v: &Spanned<ValueIo>, key: &str, what: &str) -> Result<KpiValue, PlanFileError> {
        let value = match v.get_ref() {
            ValueIo::Integer(n) => KpiValue::Number(*n as f64),
            ValueIo::Float(n) => KpiValue::Number(*n),
            ValueIo::Text(t) => KpiValue::Text(t.clone()),
        };
        let checked = match &value {
            KpiValue::Number(n) => check_number(what, *n),
            KpiValue::Text(t) => check_text(what, t),
        };
        if let Err(e) = checked {
            return self.refuse(&v.span(), key, e.to_string());
        }
        Ok(value)
    }
}

/// Decimals a written number shows: none for an integer, at least one for a float (18.0).
pub fn written_decimals(v: &ValueIo) -> u8 {
    match v {
        ValueIo::Float(f) => {
            let plain = crate::model::number::format_plain(*f);
            plain.split_once('.').map(|(_, d)| d.len() as u8).unwrap_or(0).max(1)
        }
        _ => 0,
    }
}

pub fn parse(text: &str) -> Result<Plan, PlanFileError> {
    let file: FileIn = toml::from_str(text).map_err(|e| syntax_error(text, &e))?;
    check(&file, Source::Text(text))
}

/// Every semantic check of a plan, whichever form (TOML, workbook) the values came from.
pub fn check(file: &FileIn, source: Source<'_>) -> Result<Plan, PlanFileError> {
    let r = Reader { source };
    let p = &file.plan;
    let info = PlanInfo {
        name: r.text(&p.name, "name")?,
        short_name: r.text(&p.short_name, "short_name")?,
        first_year: r.year(&p.first_year, "first_year")?,
        last_year: r.year(&p.last_year, "last_year")?,
        baseline_year: r.year(&p.baseline_year, "baseline_year")?,
        adopted_on: match &p.adopted_on {
            Some(d) if !d.get_ref().trim().is_empty() => match crate::model::dates::parse_date(d.get_ref()) {
                Ok(day) => Some(day),
                Err(e) => return r.refuse(&d.span(), "adopted_on", e),
            },
            _ => None,
        },
    };
    if info.last_year < info.first_year {
        return r.refuse(
            &p.last_year.span(),
            "last_year",
            format!(
                "終了年度（{}）が開始年度（{}）より前です。",
                info.last_year.japanese(),
                info.first_year.japanese()
            ),
        );
    }
    let count = info.last_year.0 - info.first_year.0 + 1;
    if count > MAX_YEARS {
        return r.refuse(
            &p.last_year.span(),
            "last_year",
            format!("計画期間が {count} 年度あります。{MAX_YEARS} 年度以内にしてください。"),
        );
    }

    // Categories get provisional ids (their order) so that items can refer to them.
    let mut category_ids = BTreeMap::new();
    let mut focus_areas = Vec::new();
    let mut numbers = BTreeSet::new();
    for f in &file.focus_areas {
        let number = *f.number.get_ref();
        if !numbers.insert(number) {
            return r.refuse(
                &f.number.span(),
                "number",
                format!("重点項目{number}が二度あります。番号を変えてください。"),
            );
        }
        let mut categories = Vec::new();
        for title in f.categories.get_ref() {
            if let Err(e) = check_text("categories", title) {
                return r.refuse(&f.categories.span(), "categories", e.to_string());
            }
            let id = category_ids.len() as i64 + 1;
            if category_ids.insert((number, title.clone()), id).is_some() {
                return r.refuse(
                    &f.categories.span(),
                    "categories",
                    format!("重点項目{number}に取組分類「{title}」が二度あります。"),
                );
            }
            categories.push(Category { id, title: title.clone() });
        }
        focus_areas.push(FocusArea { id: 0, number, title: r.text(&f.title, "title")?, categories });
    }

    let mut items = Vec::new();
    let mut item_numbers = BTreeSet::new();
    for it in &file.items {
        let number = *it.number.get_ref();
        if !item_numbers.insert(number) {
            return r.refuse(
                &it.number.span(),
                "number",
                format!("改革項目{number}が二度あります。番号が重ならないようにしてください。"),
            );
        }
        items.push(item(&r, it, &numbers, &category_ids, &info)?);
    }
    items.sort_by_key(|i| i.number);
    Ok(Plan { info, focus_areas, items })
}

fn item(
    r: &Reader,
    it: &ItemIn,
    focus_numbers: &BTreeSet<u32>,
    category_ids: &BTreeMap<(u32, String), i64>,
    info: &PlanInfo,
) -> Result<Item, PlanFileError> {
    let number = *it.number.get_ref();
    let area = *it.focus_area.get_ref();
    if !focus_numbers.contains(&area) {
        return r.refuse(
            &it.focus_area.span(),
            "focus_area",
            format!("改革項目{number}の重点項目{area}がありません。[[focus_areas]]（計画ブックでは重点項目シート）にある番号を書いてください。"),
        );
    }
    let Some(category_id) = category_ids.get(&(area, it.category.get_ref().clone())).copied() else {
        return r.refuse(
            &it.category.span(),
            "category",
            format!(
                "改革項目{number}の取組分類「{}」が重点項目{area}の categories（計画ブックでは分類シート）にありません。",
                it.category.get_ref()
            ),
        );
    };
    let kpis = it.kpis.iter().map(|k| kpi(r, number, k)).collect::<Result<Vec<_>, _>>()?;
    let mut schedule = Vec::new();
    for row in &it.schedule {
        if let Err(e) = check_text("label", &row.label) {
            return Err(PlanFileError { line: None, field: "label".into(), message: e.to_string(), sheet: None });
        }
        let phases = row.phases.iter().map(|p| phase(r, number, p, info)).collect::<Result<Vec<_>, _>>()?;
        schedule.push(ScheduleRow { id: 0, label: row.label.clone(), phases });
    }
    Ok(Item {
        id: 0,
        number,
        focus_area: area,
        category_id,
        title: r.text(&it.title, "title")?,
        department: r.text(&it.department, "department")?,
        current_issues: r.text(&it.current_issues, "current_issues")?,
        actions: r.text(&it.actions, "actions")?,
        kpis,
        schedule,
        evaluations: Vec::new(),
        council_opinions: BTreeMap::new(),
        predecessor: it.predecessor.as_ref().map(|p| r.text(p, "predecessor")).transpose()?.filter(|p| !p.is_empty()),
        status: status(r, number, it, info)?,
        goal_heading: match &it.goal_heading {
            Some(h) => match GoalHeading::from_code(h.get_ref()) {
                Some(h) => h,
                None => {
                    return r.refuse(
                        &h.span(),
                        "goal_heading",
                        format!("改革項目{number}: goal_heading は「数値目標」か「活動目標」です。"),
                    );
                }
            },
            None => GoalHeading::Numeric,
        },
        actions_heading: match &it.actions_heading {
            Some(h) => match ActionsHeading::from_code(h.get_ref()) {
                Some(h) => h,
                None => {
                    return r.refuse(
                        &h.span(),
                        "actions_heading",
                        format!("改革項目{number}: actions_heading は「実施内容・効果」か「取組内容・効果」です。"),
                    );
                }
            },
            None => ActionsHeading::Implementation,
        },
        effects: effects(r, number, it, info)?,
    })
}

/// 効果額 per year of the plan, each year once, numbers the record can hold.
fn effects(
    r: &Reader,
    number: u32,
    it: &ItemIn,
    info: &PlanInfo,
) -> Result<BTreeMap<FiscalYear, Effect>, PlanFileError> {
    let mut out = BTreeMap::new();
    for e in &it.effects {
        let year = r.year(&e.year, "effects")?;
        if year < info.first_year || year > info.last_year {
            return r.refuse(
                &e.year.span(),
                "effects",
                format!("改革項目{number}: 効果額の年度 {} は計画の期間外です。", year.0),
            );
        }
        let effect = Effect {
            planned: e.planned.as_ref().map(|v| *v.get_ref()),
            actual: e.actual.as_ref().map(|v| *v.get_ref()),
        };
        if let Err(message) = crate::edit::goals::check_effect(year, &effect) {
            return r.refuse(&e.year.span(), "effects", format!("改革項目{number}: {message}"));
        }
        if effect.is_empty() || out.insert(year, effect).is_some() {
            return r.refuse(
                &e.year.span(),
                "effects",
                format!("改革項目{number}: 効果額は年度ごとに 1 つ、planned か actual を書いてください。"),
            );
        }
    }
    Ok(out)
}

/// An item's status: all three keys, or none (an empty status is none).
fn status(r: &Reader, number: u32, it: &ItemIn, info: &PlanInfo) -> Result<Option<ItemStatus>, PlanFileError> {
    let Some(word) = it.status.as_ref().filter(|s| !s.get_ref().trim().is_empty()) else {
        if let Some(y) = &it.status_year {
            return r.refuse(
                &y.span(),
                "status_year",
                format!("改革項目{number}に status がないのに status_year があります。"),
            );
        }
        return Ok(None);
    };
    let Some(kind) = StatusKind::from_label(word.get_ref()) else {
        return r.refuse(
            &word.span(),
            "status",
            format!("改革項目{number}の状態「{}」は読めません。完了・目標達成・経常業務化・統合・中止のどれかにしてください。", word.get_ref()),
        );
    };
    let Some(year) = &it.status_year else {
        return r.refuse(
            &word.span(),
            "status_year",
            format!("改革項目{number}の{}の年度（status_year）がありません。", kind.label()),
        );
    };
    let reason = it.status_reason.as_ref().map(|s| r.text(s, "status_reason")).transpose()?.unwrap_or_default();
    let status = ItemStatus { kind, year: r.year(year, "status_year")?, reason };
    if let Err(e) = status.check(info.first_year, info.last_year) {
        let span = it
            .status_reason
            .as_ref()
            .map(|s| s.span())
            .filter(|_| status.reason.trim().is_empty())
            .unwrap_or(year.span());
        let field = if status.reason.trim().is_empty() { "status_reason" } else { "status_year" };
        return r.refuse(&span, field, format!("改革項目{number}: {e}"));
    }
    Ok(Some(status))
}

fn kpi(r: &Reader, number: u32, k: &KpiIn) -> Result<Kpi, PlanFileError> {
    let at = |field: &str| format!("改革項目{number}の数値目標「{}」の{field}", k.name.get_ref());
    let baseline = k.baseline.as_ref().map(|v| r.value(v, "baseline", &at("基準値"))).transpose()?;
    let target = k.target.as_ref().map(|v| r.value(v, "target", &at("目標値"))).transpose()?;
    let Some(direction) = Direction::from_code(k.direction.get_ref()) else {
        return r.refuse(
            &k.direction.span(),
            "direction",
            format!("改革項目{number}: direction「{}」は increase か decrease です。", k.direction.get_ref()),
        );
    };
    let written =
        [&k.baseline, &k.target].iter().filter_map(|v| v.as_ref()).map(|v| written_decimals(v.get_ref())).max();
    let decimals = match &k.decimals {
        Some(d) if *d.get_ref() > 6 => {
            return r.refuse(&d.span(), "decimals", "decimals は 0〜6 で書いてください。");
        }
        Some(d) => *d.get_ref(),
        None => written.unwrap_or(0),
    };
    for (s, f, what) in [
        (&k.unit, "unit", "単位"),
        (&k.note, "note", "備考"),
        (&k.baseline_note, "baseline_note", "基準値の注記"),
        (&k.target_note, "target_note", "目標値の注記"),
    ] {
        if let Err(e) = check_text(&at(what), s) {
            return r.refuse(&k.name.span(), f, e.to_string());
        }
    }
    let baseline_date = match &k.baseline_date {
        Some(d) if !d.get_ref().trim().is_empty() => match crate::model::dates::parse_date(d.get_ref()) {
            Ok(day) => Some(day),
            Err(e) => return r.refuse(&d.span(), "baseline_date", format!("{}: {e}", at("基準日"))),
        },
        _ => None,
    };
    let scale = match &k.scale {
        Some(s) => match Scale::from_label(s.get_ref()) {
            Some(scale) => scale,
            None => {
                return r.refuse(
                    &s.span(),
                    "scale",
                    format!("{}「{}」は「万」か空にしてください。", at("表示"), s.get_ref()),
                );
            }
        },
        None => Scale::One,
    };
    let mut milestones = Vec::new();
    for m in &k.milestones {
        let value = r.value(&m.value, "milestones", &at("中間目標"))?;
        milestones.push(Milestone { year: r.year(&m.year, "milestones")?, value, cumulative: m.cumulative });
    }
    milestones.sort_by_key(|m| m.year);
    if let Err(e) = crate::edit::goals::check_milestones(&milestones) {
        let span = k.milestones.first().map(|m| m.year.span()).unwrap_or(k.name.span());
        return r.refuse(&span, "milestones", format!("{}: {e}", at("中間目標")));
    }
    Ok(Kpi {
        decimals,
        id: 0,
        name: r.text(&k.name, "name")?,
        unit: k.unit.clone(),
        baseline_year: k.baseline_year.as_ref().map(|y| r.year(y, "baseline_year")).transpose()?,
        baseline,
        target_year: k.target_year.as_ref().map(|y| r.year(y, "target_year")).transpose()?,
        target,
        direction,
        note: k.note.clone(),
        actuals: BTreeMap::new(),
        provisional: Default::default(),
        baseline_note: k.baseline_note.clone(),
        target_note: k.target_note.clone(),
        baseline_date,
        scale,
        milestones,
    })
}

fn phase(r: &Reader, number: u32, p: &PhaseIn, info: &PlanInfo) -> Result<Phase, PlanFileError> {
    let mut data = PhaseData::planned(&p.label, r.month(&p.start, "start")?, r.month(&p.end, "end")?);
    data.actual_start = p.actual_start.as_ref().map(|m| r.month(m, "actual_start")).transpose()?;
    data.actual_end = p.actual_end.as_ref().map(|m| r.month(m, "actual_end")).transpose()?;
    data.note = p.note.clone();
    if let Some(s) = &p.status {
        data.status = match PhaseStatus::from_code(s.get_ref()) {
            Some(st) => st,
            None => {
                let codes: Vec<_> = PhaseStatus::ALL.iter().map(|s| s.code()).collect();
                return r.refuse(
                    &s.span(),
                    "status",
                    format!("status「{}」は読めません。{} のどれかです。", s.get_ref(), codes.join("、")),
                );
            }
        };
    }
    for (s, f) in [(&p.label, "label"), (&p.note, "note")] {
        if let Err(e) = check_text(f, s) {
            return r.refuse(&p.start.span(), f, e.to_string());
        }
    }
    if let Err(m) = data.validate() {
        // Name the key that makes the phase wrong: the planned end, the actual end, or the actual end alone.
        let (span, field) = match (&p.actual_start, &p.actual_end) {
            _ if data.start > data.end => (p.end.span(), "end"),
            (_, Some(e)) => (e.span(), "actual_end"),
            _ => (p.start.span(), "start"),
        };
        return r.refuse(&span, field, format!("改革項目{number}の工程「{}」: {m}", p.label));
    }
    // The schedule shows the plan's months only: a planned month outside them would be cut off unseen.
    for (m, month, key) in [(&p.start, data.start, "start"), (&p.end, data.end, "end")] {
        if month < info.first_month() || month > info.last_month() {
            return r.refuse(
                &m.span(),
                key,
                format!(
                    "改革項目{number}の工程「{}」の{}が計画期間（{}）の外です。",
                    p.label,
                    month.japanese(),
                    info.period_label()
                ),
            );
        }
    }
    Ok(Phase { id: 0, data })
}

/// toml's own refusal (bad syntax, a missing or unknown key, a value of the wrong type) in Japanese,
/// with the line from its span and the key read from that line.
fn syntax_error(text: &str, e: &toml::de::Error) -> PlanFileError {
    let msg = e.message();
    let line = e.span().map(|s| text.as_bytes()[..s.start.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1);
    let line_text = line.and_then(|n| text.lines().nth(n - 1)).unwrap_or("");
    let key_on_line = line_text.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string());
    let quoted = |prefix: &str| msg.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_string);
    let (field, message) = if let Some(key) = quoted("missing field `") {
        (key.clone(), format!("必要な項目「{key}」がありません。書き足してください。"))
    } else if let Some(key) = quoted("unknown field `") {
        (key.clone(), format!("「{key}」という項目はありません。綴りを確かめてください（docs/plan-format.md）。"))
    } else if msg.starts_with("invalid type")
        || msg.starts_with("invalid value")
        || msg.contains("did not match any variant")
    {
        (
            key_on_line.clone().unwrap_or_default(),
            format!("値の種類が違います（数値・文字列・年度の書き方を確かめてください）。詳細: {}", msg.trim()),
        )
    } else if msg.contains("duplicate key") {
        (key_on_line.clone().unwrap_or_default(), "同じ項目が二度書かれています。".to_string())
    } else {
        (key_on_line.clone().unwrap_or_default(), format!("TOML の書式の誤りです。詳細: {}", msg.trim()))
    };
    PlanFileError { line, field, message, sheet: None }
}
