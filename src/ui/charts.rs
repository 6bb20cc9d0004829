//! The グラフ tab: where the plan stands at a glance. A summary strip, the selected KPI over
//! the years against its plan line, 進捗率 per item grouped by 重点項目, and the officers'
//! ratings per fiscal year. What the charts show is computed once per snapshot and filter
//! (`ChartData`): 進捗率 of thousands of KPIs is too much work for every frame.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use egui::{Color32, RichText, Ui};
use egui_plot::{
    Bar, BarChart, GridMark, HLine, HoverPosition, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text,
};

use super::context::ViewContext;
use super::progress_colors::{judgement_color, rating_color};
use crate::model::number::format_grouped;
use crate::model::progress::{item_progress, progress};
use crate::model::{FiscalYear, Id, Item, Judgement, Kpi, KpiValue, Plan, PlanInfo, Rating};

#[derive(Debug, Default)]
pub struct ChartsState {
    /// The KPI drawn in the first chart; `None` or a KPI out of view falls back to the first one.
    pub selected_kpi: Option<Id>,
    /// Jump to this fraction of the page's height on the next frame (0 = top, 1 = end).
    pub scroll_fraction: Option<f32>,
    /// How far the page could scroll last frame, for `scroll_fraction`.
    scroll_range: f32,
    data: Option<ChartData>,
}

/// Everything the charts draw that depends only on the snapshot, the filter and the theme.
#[derive(Debug)]
struct ChartData {
    version: u64,
    visible: Vec<Id>,
    dark: bool,
    /// Indices of the visible items in the plan.
    items: Vec<usize>,
    rating_year: FiscalYear,
    by_rating: [usize; 5],
    by_judgement: [usize; 5],
    progress: ProgressBars,
    /// Items per rating (rows, in `Rating::ALL` order) and fiscal year (columns).
    ratings: Vec<Vec<usize>>,
}

impl ChartData {
    fn new(plan: &Plan, version: u64, visible_items: &[Id], dark: bool) -> ChartData {
        let visible: HashSet<Id> = visible_items.iter().copied().collect();
        let indices: Vec<usize> = (0..plan.items.len()).filter(|&i| visible.contains(&plan.items[i].id)).collect();
        let items: Vec<&Item> = indices.iter().map(|&i| &plan.items[i]).collect();
        let rating_year = rating_year(plan, &items);
        let mut by_rating = [0usize; 5];
        for item in &items {
            let r = item.evaluation(rating_year).map(|e| e.rating).unwrap_or(Rating::Unrated);
            by_rating[Rating::ALL.iter().position(|x| *x == r).unwrap_or(4)] += 1;
        }
        let mut by_judgement = [0usize; 5];
        for kpi in items.iter().flat_map(|i| i.kpis.iter()) {
            let j = progress(&plan.info, kpi).judgement;
            by_judgement[Judgement::ALL.iter().position(|x| *x == j).unwrap_or(4)] += 1;
        }
        let years = plan.info.years();
        let ratings = Rating::ALL
            .iter()
            .map(|rating| {
                years
                    .iter()
                    .map(|y| {
                        items
                            .iter()
                            .filter(|i| i.evaluation(*y).map(|e| e.rating).unwrap_or(Rating::Unrated) == *rating)
                            .count()
                    })
                    .collect()
            })
            .collect();
        ChartData {
            version,
            visible: visible_items.to_vec(),
            dark,
            progress: ProgressBars::new(plan, &items, dark),
            items: indices,
            rating_year,
            by_rating,
            by_judgement,
            ratings,
        }
    }
}

const PLOT_HEIGHT: f32 = 260.0;

/// Draws the tab. `ctx.version` changes whenever the plan does (the snapshot counter).
pub fn show(ui: &mut Ui, ctx: &ViewContext, state: &mut ChartsState) {
    let ViewContext { plan, version, visible: visible_items, .. } = *ctx;
    let dark = ui.visuals().dark_mode;
    let fresh =
        state.data.as_ref().is_some_and(|d| d.version == version && d.dark == dark && d.visible == visible_items);
    if !fresh {
        state.data = Some(ChartData::new(plan, version, visible_items, dark));
    }
    let data = state.data.take().expect("just filled");
    if data.items.is_empty() {
        ui.label("表示する改革項目がありません。絞り込みの条件を確かめてください。");
        state.data = Some(data);
        return;
    }
    let items: Vec<&Item> = data.items.iter().map(|&i| &plan.items[i]).collect();
    summary_strip(ui, &data, dark);
    ui.separator();
    let mut area = egui::ScrollArea::vertical().id_salt("charts_scroll").auto_shrink([false, false]);
    if let Some(f) = state.scroll_fraction.take() {
        area = area.vertical_scroll_offset(f * state.scroll_range);
    }
    let scrolled = area.show(ui, |ui| {
        kpi_section(ui, plan, &items, state, dark);
        ui.add_space(8.0);
        ui.label(RichText::new("改革項目ごとの進捗率（重点項目別、色は判定）").strong());
        progress_chart(ui, &data.progress, dark);
        ui.add_space(8.0);
        ui.label(RichText::new("年度ごとの評価の件数").strong());
        rating_chart(ui, &plan.info, &data.ratings, items.len(), dark);
    });
    state.scroll_range = (scrolled.content_size.y - scrolled.inner_rect.height()).max(0.0);
    state.data = Some(data);
}

/// The latest year anyone has rated; before the first rating, the plan's first year.
fn rating_year(plan: &Plan, items: &[&Item]) -> FiscalYear {
    items
        .iter()
        .flat_map(|i| i.evaluations.iter())
        .filter(|e| e.rating != Rating::Unrated)
        .map(|e| e.year)
        .max()
        .unwrap_or(plan.info.first_year)
}

/// One count of the summary: moved whole onto the next line when it does not fit, never split.
fn segment(ui: &mut Ui, text: RichText) {
    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
}

fn summary_strip(ui: &mut Ui, data: &ChartData, dark: bool) {
    let (year, by_rating, by_judgement) = (data.rating_year, data.by_rating, data.by_judgement);
    let items = &data.items;
    ui.horizontal_wrapped(|ui| {
        segment(ui, RichText::new(format!("{}の評価（{}件）", year.japanese(), items.len())).strong());
        for (rating, n) in Rating::ALL.iter().zip(by_rating) {
            segment(ui, RichText::new(format!("{} {n}件", rating.label())).color(rating_color(*rating, dark)));
        }
        ui.separator();
        let kpis: usize = by_judgement.iter().sum();
        segment(ui, RichText::new(format!("数値目標（{kpis}件）")).strong());
        for (j, n) in Judgement::ALL.iter().zip(by_judgement) {
            if *j == Judgement::NotApplicable && n == 0 {
                continue;
            }
            segment(ui, RichText::new(format!("{} {n}件", j.label())).color(judgement_color(*j, dark)));
        }
    });
}

/// "項目16 債権全体の未収金額（滞納繰越分）"
fn kpi_title(item: &Item, kpi: &Kpi) -> String {
    format!("項目{} {}", item.number, kpi.name)
}

fn kpi_section(ui: &mut Ui, plan: &Plan, items: &[&Item], state: &mut ChartsState, dark: bool) {
    let all: Vec<(&Item, &Kpi)> = items.iter().flat_map(|i| i.kpis.iter().map(move |k| (*i, k))).collect();
    let Some(&first) = all.iter().find(|(_, k)| !k.is_text_goal()).or(all.first()) else {
        ui.label("表示する数値目標がありません。");
        return;
    };
    let (item, kpi) = state.selected_kpi.and_then(|id| all.iter().find(|(_, k)| k.id == id).copied()).unwrap_or(first);
    ui.horizontal(|ui| {
        ui.label(RichText::new("数値目標の推移").strong());
        egui::ComboBox::new("charts_kpi", "を表示").selected_text(kpi_title(item, kpi)).width(420.0).show_ui(
            ui,
            |ui| {
                for (i, k) in &all {
                    if ui.selectable_label(k.id == kpi.id, kpi_title(i, k)).clicked() {
                        state.selected_kpi = Some(k.id);
                    }
                }
            },
        );
    });
    kpi_chart(ui, &plan.info, kpi, dark);
}

fn year_axis(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let y = mark.value.round();
    if (mark.value - y).abs() < 1e-6 { FiscalYear(y as i32).short() } else { String::new() }
}

fn kpi_chart(ui: &mut Ui, info: &PlanInfo, kpi: &Kpi, dark: bool) {
    let Some(KpiValue::Number(target)) = kpi.target else {
        let goal = kpi.target.as_ref().map(KpiValue::display).unwrap_or_else(|| "未設定".into());
        ui.label(format!("この数値目標は文章の目標です（目標：{goal}）。グラフにはできません。"));
        return;
    };
    let baseline_year = kpi.baseline_year.unwrap_or(info.baseline_year);
    let target_year = kpi.target_year.unwrap_or(info.last_year);
    let baseline = kpi.baseline.as_ref().and_then(KpiValue::as_number).map(|b| [baseline_year.0 as f64, b]);
    let plan = plan_line(kpi, baseline, [target_year.0 as f64, target]);
    if baseline.is_none() {
        ui.label(match plan {
            Some([[x, _], _]) => format!(
                "基準値が未設定のため、計画線は最初の実績（{}）から目標値へ引いています。",
                FiscalYear(x as i32).short()
            ),
            None => "基準値が未設定のため、実績が入るまで計画線は引けません。".to_string(),
        });
    }
    let actuals: Vec<[f64; 2]> =
        kpi.actuals.iter().filter_map(|(y, v)| v.as_number().map(|n| [y.0 as f64, n])).collect();
    let unit = kpi.unit.clone();
    let unit_for_label = unit.clone();
    let palette = Palette::new(dark);
    let y_label = if unit.is_empty() { "値".to_string() } else { format!("単位：{unit}") };
    Plot::new(("kpi_chart", kpi.id))
        .height(PLOT_HEIGHT)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom).follow_insertion_order(true))
        .x_axis_label("年度")
        .y_axis_label(y_label)
        .x_axis_formatter(year_axis)
        .y_axis_formatter(|m, _| format_grouped(m.value))
        .y_axis_min_width(64.0)
        .include_x(baseline_year.0 as f64 - 0.3)
        .include_x(target_year.0.max(info.last_year.0) as f64 + 0.3)
        .include_y(0.0)
        .allow_scroll(false)
        .label_formatter(move |pos| match pos {
            HoverPosition::NearDataPoint { plot_name, position, .. } => Some(format!(
                "{plot_name}\n{}\n{} {}",
                FiscalYear(position.x.round() as i32).japanese(),
                format_grouped(position.y),
                unit_for_label
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            if let Some(plan) = plan {
                plot.line(
                    Line::new("計画線", plan.to_vec()).color(palette.plan).style(LineStyle::dashed_loose()).width(2.0),
                );
            }
            if actuals.len() > 1 {
                plot.line(Line::new("実績", actuals.clone()).color(palette.actual).width(2.5));
            }
            plot.points(
                Points::new("実績", actuals.clone())
                    .color(palette.actual)
                    .radius(5.0)
                    .shape(MarkerShape::Circle)
                    .filled(true),
            );
            if let Some(baseline) = baseline {
                plot.points(
                    Points::new("基準値", vec![baseline])
                        .color(palette.baseline)
                        .radius(6.0)
                        .shape(MarkerShape::Square)
                        .filled(true),
                );
            }
            plot.points(
                Points::new("目標値", vec![[target_year.0 as f64, target]])
                    .color(palette.target)
                    .radius(7.0)
                    .shape(MarkerShape::Diamond)
                    .filled(true),
            );
        });
}

/// The plan line, from the baseline to the target. A KPI without a baseline has no point to start
/// from (drawing one at 0 would invent a value, and for most such KPIs a wrong one): its line
/// starts at its first actual before the target's year; without one there is no line.
fn plan_line(kpi: &Kpi, baseline: Option<[f64; 2]>, target: [f64; 2]) -> Option<[[f64; 2]; 2]> {
    let start = baseline.or_else(|| {
        kpi.actuals.iter().find_map(|(y, v)| v.as_number().map(|n| [y.0 as f64, n])).filter(|[x, _]| *x < target[0])
    })?;
    Some([start, target])
}

struct Palette {
    plan: Color32,
    actual: Color32,
    baseline: Color32,
    target: Color32,
    goal_line: Color32,
}

impl Palette {
    fn new(dark: bool) -> Self {
        if dark {
            Palette {
                plan: Color32::from_gray(170),
                actual: Color32::from_rgb(100, 170, 250),
                baseline: Color32::from_rgb(200, 200, 120),
                target: Color32::from_rgb(250, 150, 80),
                goal_line: Color32::from_rgb(250, 150, 80),
            }
        } else {
            Palette {
                plan: Color32::from_gray(110),
                actual: Color32::from_rgb(20, 90, 190),
                baseline: Color32::from_rgb(130, 120, 20),
                target: Color32::from_rgb(210, 90, 0),
                goal_line: Color32::from_rgb(210, 90, 0),
            }
        }
    }
}

/// The bars of 進捗率 per item, grouped by 重点項目.
#[derive(Debug)]
struct ProgressBars {
    /// One list per shown judgement (達成, 順調, 遅れ).
    bars: Vec<Vec<Bar>>,
    /// (first slot, last slot, 重点項目 number) of each group.
    groups: Vec<(f64, f64, u32)>,
    /// Item number at each slot, for the x axis.
    numbers: Vec<(f64, u32)>,
    top: f64,
    /// The slot after the last one.
    end: f64,
}

const SHOWN_JUDGEMENTS: [Judgement; 3] = [Judgement::Achieved, Judgement::OnTrack, Judgement::Behind];

impl ProgressBars {
    fn new(plan: &Plan, items: &[&Item], dark: bool) -> ProgressBars {
        // Slots along x: the items of each 重点項目 side by side, one empty slot between groups.
        let mut slots: Vec<(f64, &Item)> = Vec::new();
        let mut groups: Vec<(f64, f64, u32)> = Vec::new();
        let mut x = 0.0;
        for area in &plan.focus_areas {
            let members: Vec<&Item> = items.iter().copied().filter(|i| i.focus_area == area.number).collect();
            if members.is_empty() {
                continue;
            }
            let start = x;
            for item in members {
                slots.push((x, item));
                x += 1.0;
            }
            groups.push((start, x - 1.0, area.number));
            x += 1.0;
        }
        let mut bars: Vec<Vec<Bar>> = vec![Vec::new(); SHOWN_JUDGEMENTS.len()];
        let mut top: f64 = 100.0;
        for (x, item) in &slots {
            if let Some((rate, j)) = item_progress(&plan.info, item) {
                let k = SHOWN_JUDGEMENTS.iter().position(|s| *s == j).unwrap_or(2);
                top = top.max(rate);
                bars[k].push(
                    Bar::new(*x, rate)
                        .width(0.7)
                        .fill(judgement_color(j, dark))
                        .name(format!("項目{} {}", item.number, item.title)),
                );
            }
        }
        let numbers = slots.iter().map(|(x, i)| (*x, i.number)).collect();
        ProgressBars { bars, groups, numbers, top, end: x }
    }
}

fn progress_chart(ui: &mut Ui, data: &ProgressBars, dark: bool) {
    let (top, x, groups) = (data.top, data.end, &data.groups);
    let shown = SHOWN_JUDGEMENTS;
    let mut bars = data.bars.clone();
    let numbers = data.numbers.clone();
    let palette = Palette::new(dark);
    let text_color = ui.visuals().text_color();
    let label_y = top * 1.08 + 5.0;
    Plot::new("progress_chart")
        .height(PLOT_HEIGHT)
        .legend(Legend::default().position(egui_plot::Corner::RightTop).follow_insertion_order(true))
        .x_axis_label("改革項目（番号）")
        .y_axis_label("進捗率（%）")
        .x_axis_formatter(move |m, _| {
            numbers.iter().find(|(x, _)| (m.value - x).abs() < 1e-6).map(|(_, n)| n.to_string()).unwrap_or_default()
        })
        .y_axis_formatter(|m, _| format!("{}%", format_grouped(m.value)))
        .include_y(0.0)
        .include_y(label_y + 5.0)
        .include_x(-1.0)
        .include_x(x)
        .allow_scroll(false)
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint { plot_name, .. } => Some(plot_name.to_string()),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (k, j) in shown.iter().enumerate() {
                let chart = BarChart::new(j.label(), std::mem::take(&mut bars[k]))
                    .color(judgement_color(*j, dark))
                    .element_formatter(Box::new(|bar, _| {
                        format!("{}\n進捗率 {}%", bar.name, format_grouped(bar.value))
                    }));
                plot.bar_chart(chart);
            }
            plot.hline(
                HLine::new("目標（100%）", 100.0).color(palette.goal_line).style(LineStyle::dashed_dense()).width(1.5),
            );
            for (start, end, number) in groups {
                plot.text(
                    // No name: a group label is not a series of the legend.
                    Text::new("", PlotPoint::new((start + end) / 2.0, label_y), format!("重点項目{number}"))
                        .color(text_color),
                );
            }
        });
}

fn rating_chart(ui: &mut Ui, info: &PlanInfo, counts: &[Vec<usize>], item_count: usize, dark: bool) {
    let years = info.years();
    let mut charts: Vec<BarChart> = Vec::new();
    for (rating, per_year) in Rating::ALL.into_iter().zip(counts) {
        let bars: Vec<Bar> = years
            .iter()
            .zip(per_year)
            .map(|(y, n)| {
                Bar::new(y.0 as f64, *n as f64).width(0.6).fill(rating_color(rating, dark)).name(y.japanese())
            })
            .collect();
        let label = rating.label();
        let others: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(label, bars)
            .color(rating_color(rating, dark))
            .element_formatter(Box::new(move |bar, _| format!("{}\n{label}：{}件", bar.name, bar.value)))
            .stack_on(&others);
        charts.push(chart);
    }
    let first = years.first().map(|y| y.0).unwrap_or(info.first_year.0) as f64;
    let last = years.last().map(|y| y.0).unwrap_or(info.last_year.0) as f64;
    Plot::new("rating_chart")
        .height(PLOT_HEIGHT)
        .legend(Legend::default().position(egui_plot::Corner::RightTop).follow_insertion_order(true))
        .x_axis_label("年度")
        .y_axis_label("改革項目（件）")
        .x_axis_formatter(move |m, r| if m.value <= last + 0.01 { year_axis(m, r) } else { String::new() })
        .include_x(first - 0.6)
        .include_x(last + 1.4)
        .include_y(0.0)
        .include_y(item_count as f64 * 1.05)
        .allow_scroll(false)
        .label_formatter(|_| None)
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;
    use std::collections::BTreeMap;

    fn kpi(actuals: &[(i32, f64)]) -> Kpi {
        Kpi {
            id: 1,
            name: "他部署業務の時間外勤務希望者".into(),
            unit: "人".into(),
            baseline_year: Some(FiscalYear(2020)),
            baseline: None,
            target_year: Some(FiscalYear(2023)),
            target: Some(KpiValue::Number(20.0)),
            direction: Direction::Increase,
            note: String::new(),
            actuals: actuals.iter().map(|(y, v)| (FiscalYear(*y), KpiValue::Number(*v))).collect::<BTreeMap<_, _>>(),
            provisional: Default::default(),
            decimals: 0,
            baseline_note: String::new(),
            target_note: String::new(),
            baseline_date: None,
            scale: Default::default(),
            milestones: Vec::new(),
        }
    }

    #[test]
    fn a_missing_baseline_is_not_drawn_as_zero() {
        let target = [2023.0, 20.0];
        assert_eq!(plan_line(&kpi(&[(2022, 9.0), (2021, 5.0)]), None, target), Some([[2021.0, 5.0], target]));
        assert_eq!(plan_line(&kpi(&[]), None, target), None, "no actual yet: no line");
        assert_eq!(
            plan_line(&kpi(&[(2023, 12.0)]), None, target),
            None,
            "an actual in the target's year starts nothing"
        );
        assert_eq!(plan_line(&kpi(&[(2021, 5.0)]), Some([2020.0, 3.0]), target), Some([[2020.0, 3.0], target]));
    }
}
