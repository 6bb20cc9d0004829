#!/usr/bin/env bash
# The project's test command: installs what the tests need (Debian packages), then runs every test.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# mesa-vulkan-drivers: lavapipe renders the snapshot tests without a GPU.
# poppler-utils: pdftotext/pdfinfo/pdffonts read the printed schedule back.
# xvfb and the rest: tests/window_start.rs opens the real window on a virtual display, with Mesa's
# software OpenGL (glow) or Vulkan (wgpu), and winit's X11 libraries.
need=()
for pkg in mesa-vulkan-drivers poppler-utils xvfb libgl1-mesa-dri libglx-mesa0 libegl-mesa0 libegl1 \
  libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
cargo test --locked "$@"
