//! The command line: no subcommand opens the window; subcommands run headless jobs.
//! Exit codes: 0 success, 1 a refused input or file, 2 a usage error (clap's own).

mod commands;
mod shared;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "reform-tracker", version, about = "行財政改革アクションプラン 進捗管理（reform-tracker）")]
pub struct Cli {
    /// 記録ファイル（SQLite）のパス。省略時は利用者のデータフォルダ
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// 画面の描画方式（省略時は wgpu を試し、だめなら glow）
    #[arg(long, value_name = "wgpu|glow")]
    pub renderer: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// SAPⅢ の内容で新しい記録ファイルを作る
    Init {
        /// 既存のファイルを上書きする
        #[arg(long)]
        force: bool,
    },
    /// 記録ファイルの整合性と形式を調べる
    Check,
    /// 審議会向けの CSV を書き出す
    ExportCsv {
        /// 出力先の CSV ファイル
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 性能測定用の大きな架空の計画で記録ファイルを作る
    GenDemo {
        /// 改革項目の数
        #[arg(long, default_value_t = 3000)]
        items: usize,
        /// スケジュール行の総数
        #[arg(long, default_value_t = 10000)]
        rows: usize,
        /// 既存のファイルを上書きする
        #[arg(long)]
        force: bool,
    },
    /// 数値目標の実績を入力する（画面の表と同じ読み取り規則）
    SetActual {
        /// 改革項目の番号
        #[arg(long)]
        item: u32,
        /// 数値目標の番号（1 から。省略時は 1）
        #[arg(long, default_value_t = 1)]
        kpi: usize,
        /// 年度（令和3年度、R3、2021 など）
        #[arg(long)]
        year: String,
        /// 値（全角数字、カンマ、▲ なども可。空文字で消去）
        #[arg(long, allow_hyphen_values = true)]
        value: String,
    },
    /// 記録ファイルを（変更履歴ごと）書き出す。受け渡し・保管用
    Export {
        /// 出力先のファイル
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 受け取った記録ファイルを調べ、変わる内容を表示する（--yes で取り込む）
    Import {
        /// 取り込む記録ファイル
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// 確認のうえ取り込む（取り込む前の記録は backups フォルダに保存）
        #[arg(long)]
        yes: bool,
    },
    /// 変更履歴を新しい順に表示する
    History {
        /// 表示する件数
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// 変更履歴の 1 件を取り消す（その後に同じ箇所が変わっていれば取り消さない）
    UndoChange {
        /// 変更の番号（history の #番号）
        #[arg(long)]
        id: i64,
    },
    /// 試験用: 実績の書き込みを続け、確定するたびに "ack N" を出力する
    #[command(hide = true)]
    StressEdits {
        #[arg(long)]
        count: u64,
        #[arg(long, default_value_t = 1)]
        start: u64,
    },
}

/// A refused input or file: the message is shown to the user as it is.
#[derive(Debug)]
pub struct Refusal(pub String);

impl<E: std::fmt::Display> From<E> for Refusal {
    fn from(e: E) -> Self {
        Refusal(e.to_string())
    }
}

pub fn db_path(cli: &Cli) -> PathBuf {
    cli.db.clone().unwrap_or_else(crate::store::default_record_path)
}

/// Runs a subcommand; `None` means no subcommand (the caller opens the window).
pub fn run(cli: &Cli) -> Option<ExitCode> {
    let command = cli.command.as_ref()?;
    let db = db_path(cli);
    let result = match command {
        Command::Init { force } => commands::init(&db, *force),
        Command::Check => commands::check(&db),
        Command::ExportCsv { out } => commands::export_csv(&db, out),
        Command::GenDemo { items, rows, force } => commands::gen_demo(&db, *items, *rows, *force),
        Command::SetActual { item, kpi, year, value } => commands::set_actual(&db, *item, *kpi, year, value),
        Command::Export { out } => shared::export(&db, out),
        Command::Import { from, yes } => shared::import(&db, from, *yes),
        Command::History { limit } => shared::history(&db, *limit),
        Command::UndoChange { id } => shared::undo_change(&db, *id),
        Command::StressEdits { count, start } => shared::stress_edits(&db, *count, *start),
    };
    Some(match result {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(Refusal(message)) => {
            eprintln!("エラー: {message}");
            ExitCode::from(1)
        }
    })
}
