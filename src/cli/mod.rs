//! The command line: no subcommand opens the window; subcommands run headless jobs.
//! Exit codes: 0 success, 1 a refused input or file, 2 a usage error (clap's own).

mod commands;

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
