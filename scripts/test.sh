#!/usr/bin/env bash
# `make test`: every test (UI, core, CLI, app, end to end through the real window), with the lints, in as little
# time as two cores allow, and each phase's time printed at the end:
# - the UI is built first (cargo embeds ui/dist), then its tests run beside the Rust build;
# - then the format check, check-core, one Rust build that lints (clippy) and builds the tests, and the test
#   binaries, the end-to-end ones beside the others.
# The last line is "make-test: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
now() { date +%s%N; }
phases=()
failed=()
begin=$(now)
# Runs a phase, timing it; a failed phase is named at the end and fails the run.
phase() {
  local name=$1 start
  shift
  start=$(now)
  echo "== $name"
  if ! "$@"; then failed+=("$name"); fi
  phases+=("$name|$(( ($(now) - start) / 1000000 ))")
}
finish() {
  echo
  echo "make-test phases (wall time; the UI tests ran beside the Rust build):"
  for p in "${phases[@]}"; do
    printf '  %-52s %7.1f s\n' "${p%%|*}" "$(echo "${p##*|}" | awk '{ print $1 / 1000 }')"
  done
  printf '  %-52s %7.1f s\n' "in all" "$(( ($(now) - begin) / 1000000 ))e-3"
  scripts/test-summary.sh target/ui-test.log target/rust-test.log
  if [ ${#failed[@]} -gt 0 ]; then
    echo "make-test: failed: ${failed[*]}" >&2
    exit 1
  fi
}

phase "set-up (apt, npm)" env MATINEE_TAURI_DRIVER_LATER=1 scripts/ensure-deps.sh
# tauri-driver, which only the end-to-end tests need, is built beside the Rust build, in a target folder of its own.
driver_pid=""
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "== tauri-driver (installed beside the Rust build)"
  (CARGO_TARGET_DIR="$PWD/target/tauri-driver" cargo install -q tauri-driver --version '^2' --locked \
    > target/tauri-driver.log 2>&1; echo $? > target/tauri-driver.rc) &
  driver_pid=$!
fi
phase "UI build (svelte-check, vite)" bash -c 'cd ui && npm run build'
if [ ${#failed[@]} -gt 0 ]; then finish; fi

ui_start=$(now)
rm -f target/ui-test.end
(cd ui && npm test > ../target/ui-test.log 2>&1; echo $? > ../target/ui-test.rc; date +%s%N > ../target/ui-test.end) &
ui_pid=$!

export CARGO_TERM_COLOR=never
phase "format check" cargo fmt --all -- --check
phase "core free of tauri (check-core)" make -s check-core
# Clippy is the compiler of the workspace's own crates in the test build (as `cargo clippy` runs it, with warnings
# denied), so the lints and the test binaries come from one build instead of a check build and then a test build.
export RUSTC_WORKSPACE_WRAPPER=clippy-driver CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
: > target/rust-test.log
phase "Rust build (clippy lints, warnings denied)" bash -c 'set -o pipefail
  cargo test --workspace --no-run --message-format=json-render-diagnostics 2>&1 >target/test-build.json \
    | tee -a target/rust-test.log'
if [ -n "$driver_pid" ]; then
  start=$(now)
  wait "$driver_pid"
  if [ "$(cat target/tauri-driver.rc 2>/dev/null)" != 0 ]; then
    cat target/tauri-driver.log
    failed+=("tauri-driver install")
  fi
  phases+=("tauri-driver (waited for after the build)|$(( ($(now) - start) / 1000000 ))")
fi
# The end-to-end tests in one lane, the other test binaries in another (scripts/run-test-binaries.py).
[[ " ${failed[*]} " == *" Rust build "* ]] || phase "Rust tests (end to end beside the others)" bash -c 'set -o pipefail
  python3 scripts/run-test-binaries.py target/test-build.json 2>&1 | tee -a target/rust-test.log'

wait $ui_pid
cat target/ui-test.log
[ "$(cat target/ui-test.rc 2>/dev/null)" = 0 ] || failed+=("UI tests")
phases+=("UI tests (beside the Rust build)|$(( ($(cat target/ui-test.end 2>/dev/null || now) - ui_start) / 1000000 ))")
finish
