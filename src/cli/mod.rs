//! The command line: no subcommand opens the window; subcommands run headless jobs.
//! Exit codes: 0 success, 1 a refused input or file, 2 a usage error (clap's own).

mod commands;
mod survey;

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
    /// 実施課ごとの進捗調査票（.xlsx）を作成する
    SurveyExport {
        /// 調査する年度（令和4年度、R4、2022 など）
        #[arg(long)]
        year: String,
        /// 出力先のフォルダ
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// この課の調査票だけを作る
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
    },
    /// 返送された進捗調査票（.xlsx または CSV）を取り込む
    SurveyImport {
        /// 調査票のファイル（複数可）
        #[arg(long = "from", value_name = "FILE", num_args = 1.., required = true)]
        from: Vec<PathBuf>,
        /// この年度の調査票だけを受け付ける
        #[arg(long)]
        year: Option<String>,
        /// 確認のうえ記録を変更する（省略時は内容を表示するだけ）
        #[arg(long)]
        yes: bool,
    },
    /// 進捗調査の回答状況（回答済み・未回答の課）を表示する
    SurveyStatus {
        /// 年度（令和4年度、R4、2022 など）
        #[arg(long)]
        year: String,
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
        Command::SetActual { item, kpi, year, value } => commands::set_actual(&db, *item, *kpi, year, value),
        Command::SurveyExport { year, out, department } => survey::export(&db, year, out, department.as_deref()),
        Command::SurveyImport { from, year, yes } => survey::import(&db, from, year.as_deref(), *yes),
        Command::SurveyStatus { year } => survey::status(&db, year),
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
