use std::process::ExitCode;

use clap::Parser;
use reform_tracker::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(code) = cli::run(&args) {
        return code;
    }
    match reform_tracker::ui::run(cli::db_path(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("エラー: {message}");
            ExitCode::from(1)
        }
    }
}
