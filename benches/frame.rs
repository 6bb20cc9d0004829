//! One full frame of the window, headless: `cargo bench --bench frame`. Divan prints the median.
//!
//! A frame is the real App's drawing code run by `Context::run_ui`, then `Context::tessellate`, at
//! 1920×1080, for the schedule, the 数値目標 table and the グラフ tab, on SAP III and on the plan of
//! 3,000 items / 10,000 schedule rows, scrolled to the top, the middle and the end. The context is
//! warmed first (fonts, galley caches, the cached schedule layout), and texture updates are dropped,
//! so what is measured is the steady state of a window being repainted (a hover, a cursor blink),
//! and, in schedule::wheel, of one being scrolled.
//! Budgets (issue: performance): SAP III ≤ 1 ms, 10,000 rows ≤ 3 ms. See BENCHMARKS.md.

use chrono::NaiveDate;
use reform_tracker::store::Store;
use reform_tracker::ui::{App, Tab};

mod common;

fn main() {
    divan::main();
}

const SCREEN: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// Frames run before measuring: enough for the scroll to land and every cache to fill.
const WARM_UP_FRAMES: usize = 10;

/// A window of the App on one record, drawn headless.
struct Window {
    ctx: egui::Context,
    app: App,
    time: f64,
    wheel_down: bool,
}

impl Window {
    fn new(size: &str, tab: Tab, scroll: f32) -> Window {
        let path = common::record_path(size);
        let mut app = App::new(Store::open(path).unwrap()).unwrap();
        app.set_reference_date(NaiveDate::from_ymd_opt(2022, 10, 1));
        app.set_tab(tab);
        let ctx = egui::Context::default();
        App::setup_context(&ctx);
        let mut window = Window { ctx, app, time: 0.0, wheel_down: false };
        // Scrolling needs the content's size from a drawn frame; ask again once it is known.
        window.frame();
        window.app.scroll_to_fraction(scroll);
        window.frame();
        window.app.scroll_to_fraction(scroll);
        for _ in 0..WARM_UP_FRAMES {
            window.frame();
        }
        window
    }

    /// One frame: the App's drawing code, then tessellation into triangles for the GPU.
    fn frame(&mut self) -> usize {
        self.frame_with(Vec::new())
    }

    /// One frame with the mouse wheel turned over the body, down and up by turns so that the
    /// view stays inside SAP III's short schedule: the frames of someone scrolling.
    fn wheel_frame(&mut self) -> usize {
        self.wheel_down = !self.wheel_down;
        let delta = if self.wheel_down { -400.0 } else { 400.0 };
        let over_body = egui::pos2(1200.0, 600.0);
        self.frame_with(vec![
            egui::Event::PointerMoved(over_body),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, delta),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            },
        ])
    }

    fn frame_with(&mut self, events: Vec<egui::Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        // The font atlas and other textures were uploaded during warm-up; a real painter would
        // apply the (empty) delta here.
        let mut textures = output.textures_delta;
        textures.clear();
        primitives.len()
    }
}

const SIZES: [&str; 2] = ["sap3", "rows_10000"];

fn bench_tab(bencher: divan::Bencher, size: &str, tab: Tab, scroll: f32) {
    let mut window = Window::new(size, tab, scroll);
    bencher.bench_local(|| window.frame());
}

/// The schedule (Gantt) with the tree on the left.
mod schedule {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn top(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Schedule, 0.0)
    }

    #[divan::bench(args = SIZES)]
    fn middle(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Schedule, 0.5)
    }

    #[divan::bench(args = SIZES)]
    fn end(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Schedule, 1.0)
    }

    /// Frames while the wheel scrolls the schedule from the middle. Budget: a 10,000-row frame
    /// within 3× SAP III's + 5 ms (the bound tests/ui_render.rs asserted before it moved here).
    #[divan::bench(args = SIZES)]
    fn wheel(b: divan::Bencher, size: &str) {
        let mut window = Window::new(size, Tab::Schedule, 0.5);
        b.bench_local(|| window.wheel_frame());
    }
}

/// 数値目標: the KPI table.
mod kpi_table {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn top(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Kpi, 0.0)
    }

    #[divan::bench(args = SIZES)]
    fn middle(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Kpi, 0.5)
    }

    #[divan::bench(args = SIZES)]
    fn end(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Kpi, 1.0)
    }
}

/// グラフ: the summary strip and three plots.
mod charts {
    use super::*;

    #[divan::bench(args = SIZES)]
    fn top(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Charts, 0.0)
    }

    #[divan::bench(args = SIZES)]
    fn middle(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Charts, 0.5)
    }

    #[divan::bench(args = SIZES)]
    fn end(b: divan::Bencher, size: &str) {
        bench_tab(b, size, Tab::Charts, 1.0)
    }
}
