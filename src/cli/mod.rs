//! The command line: no subcommand opens the window; subcommands run headless jobs.
//! Exit codes: 0 success, 1 a refused input or file, 2 a usage error (clap's own).

mod commands;
mod shared;
mod survey;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::report::encoding::CsvEncoding;
use crate::report::pdf::{Orientation, Paper};
use crate::report::scope::Scope;

#[derive(Debug, Parser)]
#[command(name = "reform-tracker", version, about = "行財政改革アクションプラン 進捗管理（reform-tracker）")]
pub struct Cli {
    /// 記録ファイル（SQLite）のパス。省略時は利用者のデータフォルダ
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// 画面の描画方式（省略時は wgpu を試し、だめなら glow。GPU のない Linux では glow から）
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
        /// 文字コード: utf8-bom（既定）または cp932（Shift_JIS）
        #[arg(long, value_name = "utf8-bom|cp932", default_value = "utf8-bom", value_parser = parse_encoding)]
        encoding: CsvEncoding,
    },
    /// 取組スケジュールの CSV（工程ごとに1行）を書き出す
    ExportScheduleCsv {
        /// 出力先の CSV ファイル
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 文字コード: utf8-bom（既定）または cp932（Shift_JIS）
        #[arg(long, value_name = "utf8-bom|cp932", default_value = "utf8-bom", value_parser = parse_encoding)]
        encoding: CsvEncoding,
    },
    /// 取組スケジュールを PDF に印刷する（A3 横が既定）
    Print {
        /// 出力先の PDF ファイル
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// 用紙: a3（既定）または a4
        #[arg(long, value_name = "a3|a4", default_value = "a3", value_parser = parse_paper)]
        paper: Paper,
        /// 縦向きにする（既定は横向き）
        #[arg(long)]
        portrait: bool,
        /// この重点項目（番号）の改革項目だけを印刷する
        #[arg(long, value_name = "N", conflicts_with = "department")]
        focus: Option<u32>,
        /// この実施課の改革項目だけを印刷する
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
        /// 基準日（YYYY-MM-DD。省略時は今日）
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// 数値目標の表（進捗率・判定・評価）をスケジュールの後に付ける
        #[arg(long)]
        with_kpi: bool,
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

fn parse_encoding(text: &str) -> Result<CsvEncoding, String> {
    CsvEncoding::from_code(text)
        .ok_or_else(|| format!("文字コード「{text}」は使えません。utf8-bom か cp932 を指定してください。"))
}

fn parse_paper(text: &str) -> Result<Paper, String> {
    Paper::from_code(text).ok_or_else(|| format!("用紙「{text}」は使えません。a3 か a4 を指定してください。"))
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::report::pdf::parse_as_of(text)
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
        Command::ExportCsv { out, encoding } => commands::export_csv(&db, out, *encoding),
        Command::ExportScheduleCsv { out, encoding } => commands::export_schedule_csv(&db, out, *encoding),
        Command::Print { out, paper, portrait, focus, department, as_of, with_kpi } => {
            let scope = match (focus, department) {
                (Some(n), _) => Scope::Focus(*n),
                (None, Some(d)) => Scope::Department(d.clone()),
                (None, None) => Scope::Whole,
            };
            let orientation = if *portrait { Orientation::Portrait } else { Orientation::Landscape };
            commands::print(&db, out, *paper, orientation, scope, *as_of, *with_kpi)
        }
        Command::GenDemo { items, rows, force } => commands::gen_demo(&db, *items, *rows, *force),
        Command::SetActual { item, kpi, year, value } => commands::set_actual(&db, *item, *kpi, year, value),
        Command::Export { out } => shared::export(&db, out),
        Command::Import { from, yes } => shared::import(&db, from, *yes),
        Command::History { limit } => shared::history(&db, *limit),
        Command::UndoChange { id } => shared::undo_change(&db, *id),
        Command::StressEdits { count, start } => shared::stress_edits(&db, *count, *start),
        Command::SurveyExport { year, out, department } => survey::export(&db, year, out, department.as_deref()),
        Command::SurveyImport { from, year, yes } => survey::import(&db, from, year.as_deref(), *yes),
        Command::SurveyStatus { year } => survey::status(&db, year),
    };
    Some(match result {
        Ok(message) => {
            if !message.is_empty() {
                // The work is done by now: a reader that has gone (`| head`) is not an error, and must not
                // turn into a panic as println! would.
                let _ = writeln!(std::io::stdout().lock(), "{message}");
            }
            ExitCode::SUCCESS
        }
        Err(Refusal(message)) => {
            eprintln!("エラー: {message}");
            ExitCode::from(1)
        }
    })
}
