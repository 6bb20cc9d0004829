//! ヘルプ → 使い方 (F1): the yearly cycle of the office, step by step, with the menu paths.

/// The guide, as headed sections of lines. Kept as data so a test can check every menu path it
/// names really is in the menus.
pub const GUIDE: &[(&str, &[&str])] = &[
    (
        "1. 進捗を入力する",
        &[
            "スケジュール: 棒をクリックすると右側で工程を編集できます。棒をドラッグすると移動、端をドラッグすると期間を変えられます。",
            "実績開始を入れると「進行中」、実績終了を入れると「完了」になります。計画の終了を過ぎて完了していない工程は「遅れ」として赤く表示します。",
            "数値目標: セルを選んで数字を入力し Enter で保存します（１２３、1,234、▲5 も読めます）。",
            "項目詳細: 左の一覧で項目を選ぶと、その年度の評価（S・A・B・C、取組実績、課題・今後の方針）を入力できます。",
            "入力はその場で記録ファイルに保存されます。元に戻すは Ctrl+Z、やり直しは Ctrl+Y です。",
        ],
    ),
    (
        "2. 各課に進捗を調査する",
        &[
            "ファイル → 進捗調査票を作成… で、年度を選び、実施課ごとの Excel 調査票を作ります。",
            "回答が戻ったら ファイル → 調査票を取り込む… で読み込み、変更内容を確かめてから取り込みます（まとめて Ctrl+Z で戻せます）。",
            "ファイル → 回答状況… で、回答済みの課と未回答の課を確かめます。",
        ],
    ),
    (
        "3. 行政改革推進本部の資料を印刷する",
        &[
            "ファイル → 印刷…（Ctrl+P）で、用紙（通常は A3 横）、範囲、基準日を選び、プレビューを確かめて PDF を作ります。",
            "基準日は 表示 → 基準日… でも変えられます。2022-10-01、令和4年10月1日、R4.10.1 のどれでも入力できます。",
        ],
    ),
    (
        "4. 行政改革推進審議会に一覧を渡す",
        &["ファイル → CSV出力… で、数値目標の一覧（Excel で開ける CSV）とスケジュールの CSV を作ります。"],
    ),
    (
        "5. 記録を受け渡す",
        &[
            "ファイル → エクスポート… で記録ファイルの写しを作り、共有フォルダーやメールで渡します。",
            "戻ってきた写しは ファイル → インポート… で、何が変わるかを確かめてから取り込みます。取り込む前の記録は backups フォルダーに残ります。",
            "ファイル → 変更履歴 で、誰がいつ何を変えたかを確かめ、1 件ずつ取り消せます。",
        ],
    ),
];

/// Draws the window while `open`.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    let screen = ctx.content_rect();
    super::centred(ctx, "使い方")
        .open(open)
        .collapsible(false)
        .default_width((screen.width() * 0.8).min(760.0))
        .default_height((screen.height() * 0.75).min(620.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label("1 年の流れ: 各課の進捗を集め、入力し、推進本部の資料を印刷し、審議会に一覧を渡し、記録を受け渡します。");
                for (heading, lines) in GUIDE {
                    ui.add_space(6.0);
                    ui.strong(*heading);
                    for line in *lines {
                        ui.add(egui::Label::new(format!("・{line}")).wrap());
                    }
                }
            });
        });
}
