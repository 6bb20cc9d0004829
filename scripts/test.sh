#!/usr/bin/env bash
# The project's test command: installs what the tests need (Debian packages), then runs every test.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# mesa-vulkan-drivers: lavapipe renders the snapshot tests without a GPU.
# poppler-utils: pdftotext/pdfinfo/pdffonts read the printed schedule back.
# chromium (and node/npm, below): tests/a11y_report.rs runs axe-core (tests/a11y, npm ci below) over the year's
# report in Debian's headless Chromium.
# xvfb and the rest: tests/window_start.rs opens the real window on a virtual display, with Mesa's
# software OpenGL (glow) or Vulkan (wgpu), and winit's X11 libraries.
need=()
for pkg in mesa-vulkan-drivers poppler-utils chromium xvfb libgl1-mesa-dri libglx-mesa0 libegl-mesa0 libegl1 \
  libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# Node.js may come from Debian (nodejs + npm) or from NodeSource (one nodejs package with npm inside,
# which conflicts with Debian's npm): ask for the packages only when the commands are missing.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

# axe-core and puppeteer-core, pinned by tests/a11y/package-lock.json; installed again only when the
# lock file changed since the last install.
if [ ! -f tests/a11y/node_modules/.package-lock.json ] || \
  [ tests/a11y/package-lock.json -nt tests/a11y/node_modules/.package-lock.json ]; then
  (cd tests/a11y && npm ci --no-audit --no-fund)
fi

export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
cargo test --locked "$@"
