// A release .exe started from Explorer opens no console window; see `attach_parent_console` for the
// subcommands started from a command prompt.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use reform_tracker::cli::{self, Cli};
use reform_tracker::ui::startup::Renderer;

fn main() -> ExitCode {
    attach_parent_console();
    let args: Cli = match cli::japanese::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    if let Some(code) = cli::run(&args) {
        return code;
    }
    let renderer = match args.renderer.as_deref().map(str::parse::<Renderer>).transpose() {
        Ok(renderer) => renderer,
        Err(message) => {
            eprintln!("エラー: {message}");
            return ExitCode::from(2);
        }
    };
    match reform_tracker::ui::run(cli::db_path(&args), renderer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("エラー: {message}");
            show_error_box(&message);
            ExitCode::from(1)
        }
    }
}

/// A GUI-subsystem .exe has no console: when started from a command prompt, borrow the prompt's console so
/// that `reform-tracker.exe export-csv …`, `--help` and error messages print there. Output already
/// redirected to a file or a pipe is left alone.
#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE};
    // SAFETY: plain Win32 calls without pointers; failure (no parent console, e.g. started from Explorer)
    // just leaves the process without a console, as before.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}

/// Started from Explorer, stderr goes nowhere: a window that cannot open says why in a message box.
fn show_error_box(message: &str) {
    if cfg!(windows) {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("行財政改革アクションプラン 進捗管理")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
}
