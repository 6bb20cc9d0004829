//! The real window, started as an officer starts it: the program itself under a virtual X
//! display (Xvfb, installed by `scripts/test.sh`), on a record file. It opens with the renderer chosen
//! for this PC, comes up with the other one when its first choice cannot start, and draws nothing
//! while nothing changes.
#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reform_tracker::ui::startup::has_gpu_device;

mod common;

/// A virtual X display for the test's lifetime.
struct Display {
    server: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
        let mut server = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is needed for this test: run `bash scripts/test.sh`, which installs it");
        let mut number = String::new();
        BufReader::new(server.stdout.take().unwrap()).read_line(&mut number).unwrap();
        let number = number.trim();
        assert!(!number.is_empty(), "Xvfb did not report its display");
        Display { server, name: format!(":{number}") }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The program's window on `db`, with its own home folder (eframe keeps the window's state there)
/// and its stderr in `log`.
fn window(display: &Display, home: &Path, db: &Path, log: &Path, env: &[(&str, &str)]) -> Child {
    let runtime = home.join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_reform-tracker"));
    command
        .arg("--db")
        .arg(db)
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WGPU_BACKEND")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("REFORM_TRACKER_LOG_FRAMES", "1")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap());
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().unwrap()
}

/// A display, a folder holding a SAP III record (`関市 記録.sqlite`), and where the window's log goes.
struct Setup {
    display: Display,
    dir: tempfile::TempDir,
    db: PathBuf,
    log: PathBuf,
}

fn setup() -> Setup {
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let db = common::sap3_record(dir.path(), "関市 記録.sqlite");
    let log = dir.path().join("window.log");
    Setup { display, dir, db, log }
}

impl Setup {
    fn window(&self, env: &[(&str, &str)]) -> Child {
        window(&self.display, self.dir.path(), &self.db, &self.log, env)
    }
}

/// Waits for the program to end by itself (it closes after `REFORM_TRACKER_EXIT_AFTER_FRAMES`).
fn wait_for_exit(child: &mut Child, log: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let log = std::fs::read_to_string(log).unwrap();
            assert!(status.success(), "the window ended with {status}: {log}");
            return log;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the window did not close by itself: {}", std::fs::read_to_string(log).unwrap());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn frames_drawn(log: &Path) -> usize {
    std::fs::read_to_string(log).unwrap_or_default().lines().filter(|l| l.starts_with("frame ")).count()
}

#[test]
fn the_window_opens_with_the_renderer_chosen_for_this_pc_and_draws() {
    let setup = setup();
    let mut child = setup.window(&[("REFORM_TRACKER_EXIT_AFTER_FRAMES", "3")]);
    let log = wait_for_exit(&mut child, &setup.log);
    let expected = if has_gpu_device(Path::new("/dev")) { "wgpu" } else { "glow" };
    assert!(log.contains(&format!("with {expected}")), "{expected} first here: {log}");
    assert!(log.contains("frame 3 drawn"), "{log}");
    assert!(!log.contains("次の方式を試します"), "no fallback was needed: {log}");
}

#[test]
fn a_pc_whose_opengl_cannot_start_gets_the_window_through_wgpu() {
    let setup = setup();
    // Mesa finds no OpenGL driver: glow cannot start, as on a PC whose GL is missing or broken.
    let broken_gl = [
        ("REFORM_TRACKER_EXIT_AFTER_FRAMES", "3"),
        ("LIBGL_DRIVERS_PATH", "/nonexistent"),
        ("MESA_LOADER_DRIVER_OVERRIDE", "none"),
    ];
    let mut child = setup.window(&broken_gl);
    let log = wait_for_exit(&mut child, &setup.log);
    if !has_gpu_device(Path::new("/dev")) {
        assert!(log.contains("描画方式 Glow で画面を開けませんでした") && log.contains("次の方式を試します"), "{log}");
    }
    assert!(log.contains("with wgpu"), "{log}");
    assert!(log.contains("frame 3 drawn"), "{log}");
}

#[test]
fn an_idle_window_draws_nothing_until_another_program_changes_the_record() {
    let setup = setup();
    let (db, log) = (&setup.db, &setup.log);
    let mut child = setup.window(&[]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while frames_drawn(log) < 3 {
        assert!(Instant::now() < deadline, "the window drew no frame: {}", std::fs::read_to_string(log).unwrap());
        assert!(child.try_wait().unwrap().is_none(), "the window ended: {}", std::fs::read_to_string(log).unwrap());
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the first frames settle, then watch: nothing changes, so nothing may be drawn, not even by the
    // watcher that follows other windows' edits (it polls the file every 2 s).
    std::thread::sleep(Duration::from_secs(2));
    let before = frames_drawn(log);
    std::thread::sleep(Duration::from_secs(5));
    let after = frames_drawn(log);
    assert_eq!(after, before, "frames drawn while idle: {}", std::fs::read_to_string(log).unwrap());

    // Another program (here the command line; in the office, a colleague's window) writes to the record:
    // the window wakes and draws the change.
    let db_arg = db.to_string_lossy().into_owned();
    let set = Command::new(env!("CARGO_BIN_EXE_reform-tracker"))
        .args(["set-actual", "--db", &db_arg, "--item", "16", "--year", "R3", "--value", "902,000,000"])
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let deadline = Instant::now() + Duration::from_secs(20);
    while frames_drawn(log) == after && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let woke = frames_drawn(log) > after;
    let _ = child.kill();
    let _ = child.wait();
    assert!(woke, "the window did not follow the change: {}", std::fs::read_to_string(log).unwrap());
}
