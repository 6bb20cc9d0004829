//! 印刷… : paper, orientation, scope, 基準日 and the optional KPI pages, with a preview of
//! the very pages the PDF will hold (the report's page drawings, painted small). The PDF is
//! made on a background thread, so the window keeps drawing while it is written.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use chrono::NaiveDate;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Vec2};

use crate::model::Plan;
use crate::report::pdf::{self, Orientation, PageDrawing, Paper, PrintOptions, Rgb, Shape, TextSize};
use crate::report::scope::Scope;

/// What the officer asked for; the caller passes it back to `PrintDialogState::run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintAction {
    /// 「PDFを作成して開く」: a temporary file, opened in the system's PDF viewer.
    CreateAndOpen,
    /// 「PDFとして保存…」: asks where (rfd), then writes there.
    SaveAs,
}

/// Which scope control is chosen; the focus number and department are kept while switching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScopeKind {
    #[default]
    Whole,
    Focus,
    Department,
}

pub struct PrintDialogState {
    pub paper: Paper,
    pub orientation: Orientation,
    pub scope_kind: ScopeKind,
    pub focus: u32,
    pub department: String,
    /// 基準日 as typed (YYYY-MM-DD); today when the dialog opens.
    pub as_of_text: String,
    pub with_kpi: bool,
    /// 文字の大きさ of the schedule pages.
    pub text_size: TextSize,
    pub preview_page: usize,
    /// The preview at the page's width (scrolled) rather than the whole page.
    pub preview_zoomed: bool,
    /// The outcome of the last generation, shown under the buttons: (is_error, text).
    pub message: Option<(bool, String)>,
    /// The record's file name, printed in the footer.
    pub record_name: String,
    job: Option<Job>,
    /// The pages shown, with the options and the plan they were composed from.
    preview: Option<Preview>,
}

struct Preview {
    options: PrintOptions,
    plan: Plan,
    pages: Vec<PageDrawing>,
}

struct Job {
    started: Instant,
    done: mpsc::Receiver<Result<String, String>>,
}

impl PrintDialogState {
    pub fn new(record_name: &str, today: NaiveDate) -> Self {
        PrintDialogState {
            paper: Paper::A3,
            orientation: Orientation::Landscape,
            scope_kind: ScopeKind::Whole,
            focus: 1,
            department: String::new(),
            as_of_text: today.format("%Y-%m-%d").to_string(),
            with_kpi: false,
            text_size: TextSize::Standard,
            preview_page: 0,
            preview_zoomed: false,
            message: None,
            record_name: record_name.to_string(),
            job: None,
            preview: None,
        }
    }

    pub fn scope(&self) -> Scope {
        match self.scope_kind {
            ScopeKind::Whole => Scope::Whole,
            ScopeKind::Focus => Scope::Focus(self.focus),
            ScopeKind::Department => Scope::Department(self.department.clone()),
        }
    }

    /// The options as chosen, or a sentence saying what to fix.
    pub fn options(&self, plan: &Plan) -> Result<PrintOptions, String> {
        let as_of = pdf::parse_as_of(&self.as_of_text)?;
        let scope = self.scope();
        scope.check(plan)?;
        Ok(PrintOptions {
            paper: self.paper,
            orientation: self.orientation,
            scope,
            as_of,
            with_kpi: self.with_kpi,
            text_size: self.text_size,
            file_name: self.record_name.clone(),
        })
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Carries out an action: asks where to save (SaveAs), then writes the PDF on a thread.
    pub fn run(&mut self, plan: &Plan, action: PrintAction) {
        let options = match self.options(plan) {
            Ok(o) => o,
            Err(e) => {
                self.message = Some((true, e));
                return;
            }
        };
        let (target, open) = match action {
            PrintAction::CreateAndOpen => (temporary_pdf_path(), true),
            PrintAction::SaveAs => {
                let suggested = format!("{}_{}.pdf", plan.info.short_name, options.as_of.format("%Y%m%d"));
                let picked = rfd::FileDialog::new()
                    .set_title("PDFとして保存")
                    .add_filter("PDF", &["pdf"])
                    .set_file_name(suggested)
                    .save_file();
                match picked {
                    Some(p) => (p, false),
                    None => return,
                }
            }
        };
        self.start(plan.clone(), options, target, open);
    }

    /// Writes the PDF to `target` on a background thread (and opens it when `open`).
    pub fn start(&mut self, plan: Plan, options: PrintOptions, target: PathBuf, open: bool) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(generate(&plan, &options, &target, open));
        });
        self.message = None;
        self.job = Some(Job { started: Instant::now(), done: rx });
    }

    /// Collects a finished job; true when one finished this frame.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else { return false };
        let outcome = match job.done.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("PDF の作成が途中で止まりました。もう一度お試しください。".into())
            }
        };
        self.message = Some(match outcome {
            Ok(m) => (false, m),
            Err(e) => (true, e),
        });
        self.job = None;
        true
    }

    /// Waits for the running job (tests and shutdown).
    pub fn wait(&mut self) {
        if let Some(job) = self.job.take() {
            let outcome = job.done.recv().unwrap_or_else(|_| Err("PDF の作成が途中で止まりました。".into()));
            self.message = Some(match outcome {
                Ok(m) => (false, m),
                Err(e) => (true, e),
            });
        }
    }

    /// The preview pages for the current options and plan, composed again only when either
    /// changes (an edit in the main window, or another PC's, shows in the preview at once).
    pub fn preview_pages(&mut self, plan: &Plan) -> Result<&[PageDrawing], String> {
        let options = self.options(plan)?;
        let stale = !matches!(&self.preview, Some(p) if p.options == options && p.plan == *plan);
        if stale {
            let pages = pdf::compose(plan, &options)?;
            self.preview = Some(Preview { options, plan: plan.clone(), pages });
        }
        Ok(self.preview.as_ref().map(|p| p.pages.as_slice()).unwrap_or(&[]))
    }
}

/// The whole job of one PDF: compose, paint, write atomically, open.
pub fn generate(plan: &Plan, options: &PrintOptions, target: &Path, open: bool) -> Result<String, String> {
    let bytes = pdf::render(plan, options)?;
    crate::store::write_atomically(target, &bytes).map_err(|e| e.to_string())?;
    if open {
        open_with_system_viewer(target)
            .map_err(|e| format!("PDF（{}）は作成しましたが、開けませんでした: {e}", target.display()))?;
        Ok(format!("PDF を作成して開きました（{}）。", target.display()))
    } else {
        Ok(format!("「{}」に保存しました。", target.display()))
    }
}

/// A new name each time: a viewer may still hold the previous PDF open (and locked, on Windows).
fn temporary_pdf_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%3f");
    std::env::temp_dir().join(format!("reform-tracker-{stamp}.pdf"))
}

/// Opens a file with the program the system associates with it, and says so only when the
/// launcher reports that it did: a launcher that started but found no viewer is an error.
pub fn open_with_system_viewer(path: &Path) -> std::io::Result<()> {
    let status = launcher(path).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!("PDF を開くプログラムが見つかりません（終了コード {:?}）", status.code())))
    }
}

fn launcher(path: &Path) -> std::process::Command {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        // `start` takes the first quoted argument as a window title, hence the empty one.
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path).creation_flags(CREATE_NO_WINDOW);
        c
    }
    #[cfg(target_os = "macos")]
    {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    }
}

/// The dialog's contents (the caller puts them in a window or a modal).
pub fn show(ui: &mut egui::Ui, plan: &Plan, state: &mut PrintDialogState) -> Option<PrintAction> {
    state.poll();
    let mut action = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(250.0);
            action = controls(ui, plan, state);
        });
        ui.separator();
        ui.vertical(|ui| preview(ui, plan, state));
    });
    if state.is_busy() {
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
    action
}

fn controls(ui: &mut egui::Ui, plan: &Plan, state: &mut PrintDialogState) -> Option<PrintAction> {
    ui.strong("用紙");
    ui.horizontal(|ui| {
        for p in Paper::ALL {
            ui.radio_value(&mut state.paper, p, p.label());
        }
    });
    ui.horizontal(|ui| {
        ui.radio_value(&mut state.orientation, Orientation::Landscape, "横");
        ui.radio_value(&mut state.orientation, Orientation::Portrait, "縦");
    });
    ui.horizontal(|ui| {
        ui.label("文字の大きさ");
        for size in TextSize::ALL {
            ui.radio_value(&mut state.text_size, size, size.label());
        }
    });
    ui.add_space(6.0);
    ui.strong("範囲");
    ui.radio_value(&mut state.scope_kind, ScopeKind::Whole, "計画全体");
    ui.horizontal(|ui| {
        ui.radio_value(&mut state.scope_kind, ScopeKind::Focus, "重点項目");
        let current = plan.focus_area(state.focus).map(|f| format!("{} {}", f.number, f.title)).unwrap_or_default();
        egui::ComboBox::new("print-focus", "番号").width(150.0).selected_text(current).show_ui(ui, |ui| {
            for f in &plan.focus_areas {
                if ui.selectable_value(&mut state.focus, f.number, format!("{} {}", f.number, f.title)).clicked() {
                    state.scope_kind = ScopeKind::Focus;
                }
            }
        });
    });
    if state.department.is_empty() {
        state.department = plan.department_choices().into_iter().next().unwrap_or_default();
    }
    ui.horizontal(|ui| {
        ui.radio_value(&mut state.scope_kind, ScopeKind::Department, "実施課");
        egui::ComboBox::new("print-department", "課名").width(150.0).selected_text(state.department.clone()).show_ui(
            ui,
            |ui| {
                for d in plan.department_choices() {
                    if ui.selectable_value(&mut state.department, d.clone(), &d).clicked() {
                        state.scope_kind = ScopeKind::Department;
                    }
                }
            },
        );
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.strong("基準日");
        ui.add(egui::TextEdit::singleline(&mut state.as_of_text).hint_text("YYYY-MM-DD").desired_width(110.0))
            .labelled_by(label.id);
    });
    ui.checkbox(&mut state.with_kpi, "数値目標の表を付ける（進捗率・判定・評価）");
    ui.add_space(10.0);

    let problem = state.options(plan).err();
    if let Some(p) = &problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    let ready = problem.is_none() && !state.is_busy();
    let mut action = None;
    if ui.add_enabled(ready, egui::Button::new("PDFを作成して開く")).clicked() {
        action = Some(PrintAction::CreateAndOpen);
    }
    if ui.add_enabled(ready, egui::Button::new("PDFとして保存…")).clicked() {
        action = Some(PrintAction::SaveAs);
    }
    if let Some(job) = &state.job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("PDF を作成しています…（{:.1} 秒）", job.started.elapsed().as_secs_f32()));
        });
    }
    if let Some((is_error, text)) = &state.message {
        let color = if *is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
        ui.colored_label(color, text);
    }
    action
}

fn preview(ui: &mut egui::Ui, plan: &Plan, state: &mut PrintDialogState) {
    let page_count = match state.preview_pages(plan) {
        Ok(pages) => pages.len(),
        Err(e) => {
            ui.label(format!("プレビューを表示できません: {e}"));
            return;
        }
    };
    state.preview_page = state.preview_page.min(page_count.saturating_sub(1));
    ui.horizontal(|ui| {
        if ui.add_enabled(state.preview_page > 0, egui::Button::new("◀ 前のページ")).clicked() {
            state.preview_page -= 1;
        }
        ui.label(format!("{} / {} ページ", state.preview_page + 1, page_count));
        if ui.add_enabled(state.preview_page + 1 < page_count, egui::Button::new("次のページ ▶")).clicked() {
            state.preview_page += 1;
        }
        ui.separator();
        ui.checkbox(&mut state.preview_zoomed, "拡大（幅に合わせる）");
    });
    let Some(page) = state.preview.as_ref().and_then(|p| p.pages.get(state.preview_page)) else { return };
    let avail = ui.available_size() - Vec2::splat(8.0);
    if state.preview_zoomed {
        let scale = (avail.x / page.width).max(0.1);
        egui::ScrollArea::both().id_salt("print-preview").auto_shrink(false).show(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(page.width, page.height) * scale, Sense::hover());
            paint_page(ui.painter_at(rect), rect, page, scale);
        });
    } else {
        let scale = (avail.x.max(200.0) / page.width).min(avail.y.max(150.0) / page.height).max(0.1);
        let (rect, _) = ui.allocate_exact_size(Vec2::new(page.width, page.height) * scale, Sense::hover());
        paint_page(ui.painter_at(rect.expand(4.0)), rect, page, scale);
    }
}

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

fn stroke(s: &pdf::draw::Stroke, scale: f32) -> egui::Stroke {
    egui::Stroke::new((s.width * scale).max(0.5), color(s.color))
}

/// The page's shapes, scaled into `rect`: the second painter of the same drawing.
pub fn paint_page(painter: egui::Painter, rect: Rect, page: &PageDrawing, scale: f32) {
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let at = |x: f32, y: f32| Pos2::new(rect.min.x + x * scale, rect.min.y + y * scale);
    for shape in &page.shapes {
        match shape {
            Shape::Rect { x, y, w, h, fill, stroke: s } => {
                let r = Rect::from_min_max(at(*x, *y), at(x + w, y + h));
                if let Some(f) = fill {
                    painter.rect_filled(r, 0.0, color(*f));
                }
                if let Some(s) = s {
                    painter.rect_stroke(r, 0.0, stroke(s, scale), egui::StrokeKind::Middle);
                }
            }
            Shape::Line { x0, y0, x1, y1, stroke: s } => {
                let points = [at(*x0, *y0), at(*x1, *y1)];
                match s.dash {
                    Some(d) => {
                        painter.extend(egui::Shape::dashed_line(&points, stroke(s, scale), d * scale, d * scale))
                    }
                    None => {
                        painter.line_segment(points, stroke(s, scale));
                    }
                }
            }
            Shape::Text { x, top, size, color: c, text } => {
                let px = size * scale;
                // Below ~3 px glyphs are noise; a grey bar shows where the text stands.
                if px < 3.0 {
                    let w = pdf::text::text_width(text, *size) * scale;
                    let r = Rect::from_min_size(at(*x, top + size * 0.2), Vec2::new(w, px * 0.6));
                    painter.rect_filled(r, 0.0, Color32::from_gray(170));
                } else {
                    painter.text(at(*x, *top), Align2::LEFT_TOP, text, FontId::proportional(px), color(*c));
                }
            }
        }
    }
    painter.rect_stroke(rect, 0.0, egui::Stroke::new(1.0, Color32::GRAY), egui::StrokeKind::Outside);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (Not on Windows: there `start` answers a missing file with a message box.)
    #[cfg(not(windows))]
    #[test]
    fn a_pdf_no_viewer_can_open_is_not_reported_as_opened() {
        let missing = std::env::temp_dir().join("reform-tracker-no-such-folder").join("none.pdf");
        assert!(open_with_system_viewer(&missing).is_err());
    }

    #[test]
    fn background_job_writes_the_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let plan = crate::seed::sap3();
        let mut state = PrintDialogState::new("sap3.sqlite", NaiveDate::from_ymd_opt(2022, 10, 15).unwrap());
        let options = state.options(&plan).unwrap();
        let target = dir.path().join("out.pdf");
        state.start(plan.clone(), options, target.clone(), false);
        assert!(state.is_busy());
        state.wait();
        assert_eq!(state.message.as_ref().map(|m| m.0), Some(false), "{:?}", state.message);
        assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF"));
        state.as_of_text = "2022-13-40".into();
        assert!(state.options(&plan).unwrap_err().contains("基準日"));
    }

    #[test]
    fn the_preview_follows_edits() {
        // (That the preview has the PDF's pages is checked against the PDF file itself, read back
        // with pdfinfo, in tests/print_preview.rs.)
        let mut plan = crate::seed::sap3_with_ids();
        let mut state = PrintDialogState::new("sap3.sqlite", NaiveDate::from_ymd_opt(2022, 10, 15).unwrap());
        let first: Vec<String> = state.preview_pages(&plan).unwrap()[0].texts().map(String::from).collect();
        // The plan's name and item 1's title as data/sap3.toml writes them.
        assert!(first.iter().any(|t| t.contains("せき行財政改革アクションプランⅢ")), "{first:?}");
        assert!(first.iter().any(|t| t.contains("一時的に増大する業務")), "{first:?}");
        plan.items[0].title = "一時的な業務の協力体制（改訂）".into();
        let shown: Vec<String> = state.preview_pages(&plan).unwrap()[0].texts().map(String::from).collect();
        assert!(shown.iter().any(|t| t == "一時的な業務の協力体制（改訂）"), "the edit shows in the preview");
    }
}
