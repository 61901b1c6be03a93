#!/usr/bin/env bash
# Installs what building, running and testing Matinee needs and is missing: Debian packages, the UI's npm
# packages, tauri-driver. Safe to run again: it does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver xdotool
  fonts-wqy-microhei imagemagick
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The sync test replicates through two real Syncthing instances; without syncthing it says it was skipped.
if ! command -v syncthing >/dev/null; then
  echo "ensure-deps: installing syncthing (for the sync test)"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends syncthing; } \
    || echo "ensure-deps: syncthing could not be installed: the Syncthing test will be skipped" >&2
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "ensure-deps: Node.js and npm are needed for the UI (Node 20.19 or newer)" >&2
  exit 1
fi

# npm packages, exactly as the lock file pins them; again whenever the lock file changes.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "ensure-deps: installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund)
fi

# `make test` installs it beside its Rust build instead (MATINEE_TAURI_DRIVER_LATER=1), which needs it only later.
if [ -z "${MATINEE_TAURI_DRIVER_LATER:-}" ] && ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "ensure-deps: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
