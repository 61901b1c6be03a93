#!/usr/bin/env bash
# Start-up and memory side by side (release builds, under Xvfb, through tauri-driver): the minimal Tauri 2 app in
# benches/minimal-tauri (the app's tauri version and features, a page with one line of text), Matinee on its
# starter catalogue, and Matinee on the large catalogue of the data folder given as $1, if any. Figures, never
# assertions; `make bench` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
peer=benches/minimal-tauri
# The app's lock file, so every crate the peer shares with the app is the same version; one target folder, so
# those crates are built once for both.
cp Cargo.lock "$peer/Cargo.lock"
started=$(date +%s)
CARGO_TARGET_DIR="$PWD/target" cargo build -q --release --manifest-path "$peer/Cargo.toml"
echo "figure: the minimal app built in $(( $(date +%s) - started )) s (its binary $(du -k target/release/matinee-minimal-tauri | cut -f1) KiB, Matinee's $(du -k target/release/matinee 2>/dev/null | cut -f1) KiB)"
export MATINEE_BENCH_MINIMAL_APP="$PWD/target/release/matinee-minimal-tauri"
if [ -n "${1:-}" ]; then export MATINEE_BENCH_DATA_DIR="$1"; else unset MATINEE_BENCH_DATA_DIR; fi
cargo test -q --release -p matinee --test e2e -- --ignored --nocapture startup_figures 2>&1 | grep -E '^(figure|test result)'
