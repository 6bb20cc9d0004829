#!/usr/bin/env bash
# The Windows build, tested under wine on Linux, and the portable zip for the office.
#   bash scripts/windows.sh [STEP...]
# Steps (default: ci = all of them, in this order):
#   deps     apt packages (mingw-w64 gcc, wine, xvfb, imagemagick, zip) and the rustup target
#   build    the release .exe: target/x86_64-pc-windows-gnu/release/reform-tracker.exe
#   prefix   a private wine prefix with the ProcessPrng stub DLL (scripts/wine/bcryptprimitives.c)
#   test     the library's tests, cross-built for Windows and run under wine
#   smoke    the .exe's command line under wine with Windows paths; CSV compared byte for byte with Linux
#   gui      the window under wine in Xvfb (renderer fallback), a second start told of the first, a screenshot
#   package  target/dist/reform-tracker-VERSION-windows-x64.zip (exe, README, licences)
# Idempotent: installed packages, the prefix and built files are reused. Env: CARGO_TARGET_DIR (as cargo),
# WINE_TESTS=0 skips `test` in `ci` (the smoke test still runs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

triple=x86_64-pc-windows-gnu
target_dir=${CARGO_TARGET_DIR:-$root/target}
exe=$target_dir/$triple/release/reform-tracker.exe
export WINEPREFIX=${WINEPREFIX_REFORM:-$target_dir/wine-prefix}
export WINEARCH=win64
# Quiet and fast: no debug channels, no Mono/Gecko install prompts; our ProcessPrng stub is native-only.
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
# Wine turns the Unix arguments (Japanese paths) into UTF-16 by the locale: it must be UTF-8.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

log() { printf '\n== %s\n' "$*"; }
die() { printf 'windows.sh: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Windows form of a path under / (wine maps Z: to the Unix root).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

step_deps() {
  # gcc-mingw-w64-x86-64 brings x86_64-w64-mingw32-gcc (Rust's linker for this target) and -windres (icon and
  # version information); the 64-bit half of Debian's mingw-w64 is all we need.
  local need=() pkg
  for pkg in gcc-mingw-w64-x86-64 wine wine64 xvfb imagemagick zip; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  rustup target list --installed | grep -qx "$triple" || rustup target add "$triple"
}

step_build() {
  log "building the release .exe"
  cargo build --locked --release --target "$triple"
  [ -f "$exe" ] || die "no $exe after the build"
  ls -l "$exe"
}

step_prefix() {
  local sys32=$WINEPREFIX/drive_c/windows/system32 dll
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "creating the wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w
  fi
  [ -d "$sys32" ] || die "wine prefix has no system32: $WINEPREFIX"
  dll=$sys32/bcryptprimitives.dll
  if [ ! -f "$dll" ] || [ "$root/scripts/wine/bcryptprimitives.c" -nt "$dll" ]; then
    log "building the ProcessPrng stub into $dll"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$dll" "$root/scripts/wine/bcryptprimitives.c" -ladvapi32
  fi
}

step_test() {
  step_prefix
  log "library tests under wine"
  local start=$SECONDS
  # In release, so the dependencies built for the .exe are reused rather than built a second time.
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine cargo test --locked --release --target "$triple" --lib
  echo "library tests under wine: $((SECONDS - start)) s (build included)"
}

step_smoke() {
  step_prefix
  [ -f "$exe" ] || step_build
  log "command-line smoke test under wine"
  # Built as `cargo test` builds it (dev-dependencies' features unified), so after the test command this is
  # no rebuild.
  cargo test --locked --no-run --test cli
  local linux=$target_dir/debug/reform-tracker
  local work dir
  work=$(mktemp -d /tmp/reform-smoke.XXXXXX)
  dir="$work/関市 行政改革"
  mkdir -p "$dir" "$work/linux"
  local db out
  db=$(winpath "$dir/record.sqlite")
  out=$(winpath "$dir/審議会 一覧.csv")
  echo "record: $db"

  wine "$exe" --version
  wine "$exe" init --db "$db"
  [ -f "$dir/record.sqlite" ] || die "init under wine made no file at $dir/record.sqlite"
  wine "$exe" check --db "$db"
  wine "$exe" set-actual --db "$db" --item 1 --year 令和3年度 --value '１,２３４'
  wine "$exe" export-csv --db "$db" --out "$out"
  [ -f "$dir/審議会 一覧.csv" ] || die "export-csv under wine wrote no file"
  # A refused input says so in Japanese and changes nothing.
  if wine "$exe" set-actual --db "$db" --item 1 --year R3 --value 'abc' 2>"$work/refused.txt"; then
    die "set-actual accepted 'abc' under wine"
  fi
  grep -q 'エラー' "$work/refused.txt" || die "no Japanese refusal: $(cat "$work/refused.txt")"

  "$linux" init --db "$work/linux/record.sqlite"
  "$linux" set-actual --db "$work/linux/record.sqlite" --item 1 --year 令和3年度 --value '１,２３４'
  "$linux" export-csv --db "$work/linux/record.sqlite" --out "$work/linux/out.csv"
  cmp "$dir/審議会 一覧.csv" "$work/linux/out.csv" || die "the CSV from the .exe differs from the Linux one"
  # The record the .exe wrote is the same file format: Linux reads it back to the same CSV.
  "$linux" export-csv --db "$dir/record.sqlite" --out "$work/linux/from-exe.csv"
  cmp "$work/linux/from-exe.csv" "$work/linux/out.csv" || die "the record written under wine reads differently on Linux"

  if wine "$exe" --help | grep -qE '^\s+print\b'; then
    local pdf
    pdf=$(winpath "$dir/会議用 日程表.pdf")
    wine "$exe" print --db "$db" --out "$pdf"
    "$linux" print --db "$work/linux/record.sqlite" --out "$work/linux/schedule.pdf"
    [ -s "$dir/会議用 日程表.pdf" ] || die "print under wine wrote no PDF"
    if command -v pdftotext >/dev/null; then
      cmp <(pdftotext "$dir/会議用 日程表.pdf" -) <(pdftotext "$work/linux/schedule.pdf" -) ||
        die "the PDF from the .exe has other text than the Linux one"
    fi
  fi
  echo "smoke test passed: $(wc -c <"$work/linux/out.csv") CSV bytes identical"
  rm -rf "$work"
}

# Starts Xvfb on a free display; sets xdisplay and xvfb_pid.
start_xvfb() {
  local n
  for n in $(seq 90 130); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then xdisplay=:$n; break; fi
  done
  [ -n "${xdisplay:-}" ] || die "no free X display"
  Xvfb "$xdisplay" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${xdisplay#:}" ] && return; sleep 0.1; done
  die "Xvfb did not start"
}

step_gui() {
  step_prefix
  [ -f "$exe" ] || step_build
  log "the window under wine in Xvfb"
  # A wineserver left from the console steps keeps a desktop with no X display: windows opened through it are
  # never shown. Stop it, so this start brings up a desktop on Xvfb.
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  local work shot=$target_dir/wine-window.png
  work=$(mktemp -d /tmp/reform-gui.XXXXXX)
  mkdir -p "$work/関市 行政改革"
  local db
  db=$(winpath "$work/関市 行政改革/record.sqlite")
  xdisplay="" xvfb_pid="" app_pid="" second_pid=""
  start_xvfb
  # shellcheck disable=SC2064
  trap "kill \$app_pid \$second_pid 2>/dev/null; wineserver -k 2>/dev/null; kill $xvfb_pid 2>/dev/null" EXIT
  export DISPLAY=$xdisplay
  wine "$exe" --db "$db" >"$work/app.log" 2>&1 &
  app_pid=$!

  # Wait for the window to be painted: a blank screen has one colour, the window with its anti-aliased text has over a hundred.
  local colours=0 waited=0
  while [ "$waited" -lt 90 ]; do
    sleep 3; waited=$((waited + 3))
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; die "the .exe exited under wine"; }
    import -window root "$shot"
    colours=$(identify -format '%k' "$shot")
    [ "$colours" -gt 50 ] && break
  done
  echo "screenshot: $shot ($colours colours after ${waited} s)"
  echo "--- the app's messages:"; cat "$work/app.log"
  [ "$colours" -gt 50 ] || die "the window did not come up within ${waited} s"
  [ -f "$work/関市 行政改革/record.sqlite" ] || die "the window did not create the record"

  # A second start on the same record is told, in Japanese, that another window has it open.
  wine "$exe" --db "$db" >"$work/second.log" 2>&1 &
  second_pid=$!
  for _ in $(seq 40); do grep -q 'すでに別の画面' "$work/second.log" && break; sleep 0.5; done
  grep -q 'すでに別の画面' "$work/second.log" || { cat "$work/second.log"; die "a second start was not told of the first"; }
  echo "second start told: $(grep -m1 'すでに別の画面' "$work/second.log")"
  kill "$second_pid" "$app_pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
  trap - EXIT
  rm -rf "$work"
}

step_package() {
  [ -f "$exe" ] || step_build
  local version stage zipfile
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
  stage=$target_dir/dist/reform-tracker
  zipfile=$target_dir/dist/reform-tracker-$version-windows-x64.zip
  log "packaging $zipfile"
  rm -rf "$stage" "$zipfile"
  mkdir -p "$stage"
  cp "$exe" "$stage/reform-tracker.exe"
  cp README.md LICENSE "$stage/"
  cp assets/fonts/LICENSE-BIZUDGothic.txt "$stage/"
  (cd "$target_dir/dist" && zip -q -r -X "$zipfile" reform-tracker)
  unzip -l "$zipfile"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(ci)
if [ "${steps[0]}" = ci ]; then
  steps=(deps build smoke gui package)
  [ "${WINE_TESTS:-1}" = 0 ] || steps=(deps build test smoke gui package)
fi
timings=()
for s in "${steps[@]}"; do
  declare -F "step_$s" >/dev/null || die "unknown step: $s (see the top of this script)"
  started=$SECONDS
  "step_$s"
  timings+=("$s $((SECONDS - started)) s")
done
log "done; time per step:"
printf '  %s\n' "${timings[@]}"
