//! ヘルプ → このアプリについて.

use crate::ui::app::WINDOW_TITLE;

/// Draws the window while `open`: centred, and narrow enough for a 1366×768 screen, its text
/// wrapped inside it.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    super::centred(ctx, "このアプリについて").open(open).collapsible(false).resizable(false).default_width(420.0).show(
        ctx,
        |ui| {
            ui.set_max_width(420.0);
            ui.strong(WINDOW_TITLE);
            ui.label(format!("reform-tracker {}", env!("CARGO_PKG_VERSION")));
            ui.add(
                egui::Label::new("記録は 1 つの SQLite ファイルに保存されます。変更はその場で保存されます。").wrap(),
            );
            ui.add(egui::Label::new("フォント: BIZ UDゴシック（SIL Open Font License 1.1）").wrap());
        },
    );
}
