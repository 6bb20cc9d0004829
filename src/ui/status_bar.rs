//! The bottom line: which record is open, how many items are shown, when the record was last
//! written, and the latest message (errors in red).

use super::App;

pub fn show(ui: &mut egui::Ui, app: &App, shown: usize) {
    ui.horizontal(|ui| {
        ui.label(format!("記録ファイル: {}", app.store().path().display()));
        ui.separator();
        ui.label(format!("表示中の項目: {} / {}", shown, app.plan().items.len()));
        ui.separator();
        let saved = app.runtime.last_save.as_deref().unwrap_or("—");
        ui.label(format!("最終保存: {saved}"))
            .on_hover_text("変更はその場で記録ファイルに保存されます。保存ボタンはありません。");
        if let Some(message) = app.message() {
            ui.separator();
            let color = if message.is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
            ui.colored_label(color, &message.text);
        }
    });
}
