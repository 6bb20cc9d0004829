//! The command line in Japanese throughout. clap writes its own words in English ("Usage:",
//! "Print help", "error: unexpected argument …") and has no translations, so its help flag,
//! version flag and `help` subcommand are replaced by ours, every heading and usage line is
//! set here, and its errors are read by kind and said again in Japanese: what was wrong and
//! what to do. Exit codes stay clap's: 0 for help and version, 2 for a usage error.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

const NAME: &str = "reform-tracker";
const TEMPLATE: &str = "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";
const OPTIONS: &str = "オプション";
const ARGUMENTS: &str = "引数";
const COMMANDS: &str = "コマンド";
/// Our own `help` subcommand, in place of clap's English one.
const HELP: &str = "help";

/// The whole command line as clap is given it, in Japanese.
pub fn command() -> Command {
    let root = Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).global(true).help("この説明を表示する"))
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版（バージョン）を表示する"),
        )
        .subcommand(
            Command::new(HELP)
                .about("コマンドの説明を表示する（例: reform-tracker help print）")
                .arg(Arg::new("command").value_name("コマンド").help("説明を見るコマンド")),
        );
    localise(root, NAME)
}

/// Headings, usage line, defaults and possible values of one command and its subcommands.
fn localise(cmd: Command, path: &str) -> Command {
    let usage = usage_line(&cmd, path);
    let cmd = cmd
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMANDS)
        .mut_args(|arg| {
            let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
            if !arg.get_action().takes_values() {
                return arg.help_heading(heading);
            }
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let defaults: Vec<String> =
                arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            if !defaults.is_empty() && !help.contains("既定") && !help.contains("省略時") {
                help.push_str(&format!("（既定: {}）", defaults.join(", ")));
            }
            let possible: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
            if !possible.is_empty() {
                help.push_str(&format!("（指定できる値: {}）", possible.join(", ")));
            }
            arg.help_heading(heading).help(help).hide_default_value(true).hide_possible_values(true)
        });
    cmd.mut_subcommands(|sub| {
        let sub_path = format!("{path} {}", sub.get_name());
        localise(sub, &sub_path)
    })
}

/// "reform-tracker print --out <FILE.pdf> [オプション]": the required options spelt out.
fn usage_line(cmd: &Command, path: &str) -> String {
    let mut line = path.to_string();
    for arg in cmd.get_arguments().filter(|a| a.is_required_set()) {
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map(|v| v.to_string())
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        match arg.get_long() {
            Some(long) => line.push_str(&format!(" --{long} <{value}>")),
            None => line.push_str(&format!(" <{value}>")),
        }
    }
    line.push_str(&format!(" [{OPTIONS}]"));
    if cmd.has_subcommands() {
        line.push_str(&format!(" [{COMMANDS}]"));
    }
    line
}

/// The arguments of this process read into a `Cli`; `Err` carries the exit code once help,
/// the version or a usage error has been printed.
pub fn parse() -> Result<Cli, ExitCode> {
    parse_from(std::env::args_os())
}

pub fn parse_from<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(&args).map_err(|e| report(&mut cmd, &e, &args))?;
    if let Some((HELP, sub)) = matches.subcommand() {
        return Err(help_for(&mut cmd, sub.get_one::<String>("command").map(String::as_str)));
    }
    Cli::from_arg_matches(&matches).map_err(|e| report(&mut cmd, &e, &args))
}

/// `reform-tracker help print`: the help of that subcommand (or of the whole program).
fn help_for(cmd: &mut Command, name: Option<&str>) -> ExitCode {
    use std::io::Write as _;
    let target = match name {
        None => Some(cmd),
        Some(n) => cmd.find_subcommand_mut(n).filter(|c| c.get_name() != HELP),
    };
    match target {
        Some(c) => {
            let _ = write!(std::io::stdout().lock(), "{}", c.render_help());
            ExitCode::SUCCESS
        }
        None => {
            let name = name.unwrap_or_default();
            eprintln!(
                "エラー: 「{name}」というコマンドはありません。使えるコマンドは「{NAME} --help」で表示できます。"
            );
            ExitCode::from(2)
        }
    }
}

/// Prints help, the version or the error in Japanese; the exit code to end with.
fn report(cmd: &mut Command, e: &clap::Error, args: &[OsString]) -> ExitCode {
    use std::io::Write as _;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Help and version are what was asked for: stdout, success. A reader that has
            // gone (`| head`) is not an error.
            let _ = write!(std::io::stdout().lock(), "{}", e.render());
            ExitCode::SUCCESS
        }
        _ => {
            let sub = used_subcommand(cmd, args);
            let target = sub.as_deref().and_then(|s| cmd.find_subcommand(s)).unwrap_or(cmd);
            let path = match &sub {
                Some(s) => format!("{NAME} {s}"),
                None => NAME.to_string(),
            };
            let usage = target.get_overridden_usage().map(|u| u.to_string()).unwrap_or_else(|| path.clone());
            let _ = writeln!(
                std::io::stderr().lock(),
                "エラー: {}\n\n使い方: {usage}\n詳しくは「{path} --help」で説明を表示してください。",
                sentence(e)
            );
            ExitCode::from(2)
        }
    }
}

/// The first argument that names a subcommand, as the user typed it.
fn used_subcommand(cmd: &Command, args: &[OsString]) -> Option<String> {
    args.iter().skip(1).filter_map(|a| a.to_str()).find(|a| cmd.find_subcommand(a).is_some()).map(String::from)
}

fn text(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// What was wrong and what to do, in Japanese, from the error's kind and context.
pub fn sentence(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg);
    let value = text(e, ContextKind::InvalidValue);
    let hint = |kind: ContextKind| {
        let s = text(e, kind);
        if s.is_empty() { String::new() } else { format!("「{s}」のことですか。") }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let hints = hint(ContextKind::SuggestedArg) + &hint(ContextKind::SuggestedSubcommand);
            format!("「{arg}」という指定はありません。{hints}指定を確かめてください。")
        }
        ErrorKind::InvalidSubcommand => {
            let name = text(e, ContextKind::InvalidSubcommand);
            format!(
                "「{name}」というコマンドはありません。{}使えるコマンドは「{NAME} --help」で表示できます。",
                hint(ContextKind::SuggestedSubcommand)
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("「{arg}」に値を指定してください。"),
        ErrorKind::InvalidValue => {
            let valid = text(e, ContextKind::ValidValue);
            let valid = if valid.is_empty() { String::new() } else { format!("指定できる値: {valid}。") };
            format!("「{arg}」に「{value}」は指定できません。{valid}")
        }
        ErrorKind::ValueValidation => {
            // Our own value readers already say it in Japanese; std's number parsers do not.
            let cause = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            if cause.is_ascii() {
                format!("「{arg}」の値「{value}」を読めません。説明にある形で指定してください。")
            } else {
                format!("{cause}（{arg}）")
            }
        }
        ErrorKind::MissingRequiredArgument => {
            format!("必要な指定がありません: {arg}。これを付けて、もう一度実行してください。")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "コマンドを指定してください。".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(e, ContextKind::PriorArg);
            format!("「{arg}」と「{prior}」は同時に指定できません。どちらか一方にしてください。")
        }
        ErrorKind::NoEquals => format!("「{arg}」は「{arg}=値」の形で指定してください。"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("「{arg}」に指定した値の数が合いません。")
        }
        ErrorKind::InvalidUtf8 => "引数に読めない文字が含まれています。".to_string(),
        _ => "コマンドラインを読めませんでした。".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn usage_names_the_required_options() {
        let mut cmd = command();
        cmd.build();
        let print = cmd.find_subcommand("export-csv").unwrap();
        assert_eq!(
            print.get_overridden_usage().unwrap().to_string(),
            "reform-tracker export-csv --out <FILE> [オプション]"
        );
    }
}
