//! The command line: no subcommand opens the window; subcommands run headless jobs.
//! Exit codes: 0 success, 1 a refused input or file, 2 a usage error (clap's own).

mod commands;
mod evaluation;
pub mod japanese;
mod merge;
mod plan_file;
pub mod report;
mod rollover;
mod shared;
mod survey;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::report::encoding::CsvEncoding;
use crate::report::pdf::{Orientation, Paper, PrintOptions, TextSize};
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
    /// 新しい記録ファイルを作る（--plan で計画ファイルか計画ブックから。省略時は SAPⅢ）
    Init {
        /// 既存のファイルを上書きする
        #[arg(long)]
        force: bool,
        /// 計画ファイル（TOML）または計画ブック（.xlsx）。形式は docs/plan-format.md
        #[arg(long, value_name = "FILE.toml|FILE.xlsx")]
        plan: Option<PathBuf>,
    },
    /// 前の計画の記録から次期計画の記録（--db）を作る（--yes なしでは内容を表示するだけ）
    Rollover {
        /// 前の計画の記録ファイル（読むだけで変更しない）
        #[arg(long, value_name = "OLD")]
        from: PathBuf,
        /// 新しい計画の名前
        #[arg(long)]
        name: String,
        /// 新しい計画の略称（SAPⅣ など）
        #[arg(long)]
        short_name: String,
        /// 期間（R6-R8、2024-2026、令和6-8。1〜10 年度）
        #[arg(long, value_name = "R6-R8")]
        years: String,
        /// 引き継ぐ項目: unfinished（未完了、既定）、all、none
        #[arg(long, value_name = "unfinished|all|none", default_value = "unfinished")]
        carry: String,
        /// 確認のうえ作成する
        #[arg(long)]
        yes: bool,
    },
    /// 記録の計画（項目・数値目標・スケジュール）を計画ファイル（TOML。.xlsx なら計画ブック）に書き出す
    PlanExport {
        /// 出力先の計画ファイル（.toml）または計画ブック（.xlsx）
        #[arg(long, value_name = "FILE.toml|FILE.xlsx")]
        out: PathBuf,
    },
    /// 新しい計画を Excel で書くための空の計画ブック（ひな形）を書き出す
    PlanTemplate {
        /// 出力先の計画ブック（.xlsx）
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
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
        /// 形式: csv（既定）または xlsx（Excel。文字コードの指定は不要）
        #[arg(long, value_name = "csv|xlsx", default_value = "csv", value_parser = parse_table_format)]
        format: TableFormat,
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
        /// 文字の大きさ: standard（標準、既定）または large（大きい。ページは増える）
        #[arg(long, value_name = "standard|large", default_value = "standard", value_parser = parse_text_size)]
        text_size: TextSize,
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
    /// 改革項目の年度評価（S/A/B/C、取組実績、課題・今後の方針）を入力する（画面と同じ規則）
    SetEvaluation {
        /// 改革項目の番号
        #[arg(long)]
        item: u32,
        /// 年度（令和4年度、R4、2022 など）
        #[arg(long)]
        year: String,
        /// 評価: S、A、B、C（- で未評価に戻す）
        #[arg(long, allow_hyphen_values = true)]
        rating: Option<String>,
        /// 取組実績
        #[arg(long, allow_hyphen_values = true)]
        results: Option<String>,
        /// 課題・今後の方針
        #[arg(long, allow_hyphen_values = true)]
        next_steps: Option<String>,
        /// 審議会意見（空文字で消去）
        #[arg(long, allow_hyphen_values = true)]
        council_opinion: Option<String>,
    },
    /// 年次報告書（総括表・改革項目ごとの様式・変更点）を Web ページ、PDF、Excel で書き出す
    Report {
        /// 報告する年度（令和4年度、R4、2022 など）
        #[arg(long)]
        year: String,
        /// 出力先のフォルダ
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 基準日（YYYY-MM-DD。省略時は年度末か今日の早い方）
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// 変更点: この日以降の変更履歴を載せる
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "since_record")]
        since: Option<chrono::NaiveDate>,
        /// 変更点: 前回の記録ファイルと比べる
        #[arg(long, value_name = "FILE")]
        since_record: Option<PathBuf>,
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
        /// 置き換えずに統合する（共通の変更履歴がある記録どうし。両方の変更を残す）
        #[arg(long)]
        merge: bool,
        /// 統合で衝突した値はすべて相手の値にする（既定は自分の値を残す）
        #[arg(long, requires = "merge")]
        theirs: bool,
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
        /// A pause after each edit, as people leave between edits (0: none).
        #[arg(long, default_value_t = 0)]
        pause_ms: u64,
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

/// The council table's file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

fn parse_table_format(text: &str) -> Result<TableFormat, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "csv" => Ok(TableFormat::Csv),
        "xlsx" => Ok(TableFormat::Xlsx),
        _ => Err(format!("形式「{text}」は使えません。csv か xlsx を指定してください。")),
    }
}

fn parse_paper(text: &str) -> Result<Paper, String> {
    Paper::from_code(text).ok_or_else(|| format!("用紙「{text}」は使えません。a3 か a4 を指定してください。"))
}

fn parse_text_size(text: &str) -> Result<TextSize, String> {
    TextSize::from_code(text).ok_or_else(|| {
        format!("文字の大きさ「{text}」は使えません。standard（標準）か large（大きい）を指定してください。")
    })
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
        Command::Init { force, plan: None } => commands::init(&db, *force),
        Command::Init { force, plan: Some(file) } => plan_file::init_from_file(&db, file, *force),
        Command::Rollover { from, name, short_name, years, carry, yes } => {
            rollover::rollover(&db, &rollover::Request { from, name, short_name, years, carry, yes: *yes })
        }
        Command::PlanExport { out } => plan_file::export(&db, out),
        Command::PlanTemplate { out } => plan_file::template(out),
        Command::Check => commands::check(&db),
        Command::ExportCsv { out, encoding, format } => commands::export_csv(&db, out, *encoding, *format),
        Command::ExportScheduleCsv { out, encoding } => commands::export_schedule_csv(&db, out, *encoding),
        Command::Print { out, paper, portrait, focus, department, as_of, with_kpi, text_size } => {
            let scope = match (focus, department) {
                (Some(n), _) => Scope::Focus(*n),
                (None, Some(d)) => Scope::Department(d.clone()),
                (None, None) => Scope::Whole,
            };
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            let options = PrintOptions {
                paper: *paper,
                orientation: if *portrait { Orientation::Portrait } else { Orientation::Landscape },
                scope,
                as_of,
                with_kpi: *with_kpi,
                text_size: *text_size,
                file_name: String::new(),
            };
            commands::print(&db, out, options)
        }
        Command::GenDemo { items, rows, force } => commands::gen_demo(&db, *items, *rows, *force),
        Command::SetActual { item, kpi, year, value } => commands::set_actual(&db, *item, *kpi, year, value),
        Command::SetEvaluation { item, year, rating, results, next_steps, council_opinion } => {
            evaluation::set_evaluation(
                &db,
                *item,
                year,
                rating.as_deref(),
                results.as_deref(),
                next_steps.as_deref(),
                council_opinion.as_deref(),
            )
        }
        Command::Report { year, out, as_of, since, since_record } => {
            report::report(&db, year, out, *as_of, *since, since_record.as_deref())
        }
        Command::Export { out } => shared::export(&db, out),
        Command::Import { from, yes, merge: true, theirs } => merge::merge(&db, from, *yes, *theirs),
        Command::Import { from, yes, .. } => shared::import(&db, from, *yes),
        Command::History { limit } => shared::history(&db, *limit),
        Command::UndoChange { id } => shared::undo_change(&db, *id),
        Command::StressEdits { count, start, pause_ms } => shared::stress_edits(&db, *count, *start, *pause_ms),
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
