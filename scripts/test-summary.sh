#!/usr/bin/env bash
# Adds up the counts in the UI (Vitest) and Rust (cargo test) logs and prints one closing line:
# "make-test: N passed, N failed".
set -euo pipefail
ui_log=$1
rust_log=$2
# Vitest: "Tests  10 passed (10)" or "Tests  1 failed | 9 passed (10)", possibly with colour codes.
read -r ui_passed ui_failed < <(sed 's/\x1b\[[0-9;]*m//g' "$ui_log" | awk '/^ *Tests / {
  for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  END { print p + 0, f + 0 }')
read -r rust_passed rust_failed < <(awk '/^test result:/ {
  for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  END { print p + 0, f + 0 }' "$rust_log")
echo "UI tests: $ui_passed passed, $ui_failed failed; Rust tests: $rust_passed passed, $rust_failed failed"
echo "make-test: $((ui_passed + rust_passed)) passed, $((ui_failed + rust_failed)) failed"
