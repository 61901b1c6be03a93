#!/usr/bin/env bash
# Prints figures (never asserts them): CLI search over the starter catalogue beside the sqlite3 CLI running the
# same FTS query on the same file, then the app's cold start and memory (from the ignored e2e figures test).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v sqlite3 >/dev/null || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo; $SUDO apt-get install -y -qq sqlite3; }
cargo build --release -q -p matinee-cli
cli=target/release/matinee-cli
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$cli" --data-dir "$data" search >/dev/null   # builds the catalogue once

runs=50
queries=(m mi mir mira miracle the god amel "cell no" kore)
ms() { echo "scale=2; ($2 - $1) / 1000000 / $runs" | bc; }

echo "search over the starter catalogue, $runs runs per query, mean wall time per run (process start included)"
printf '%-10s %14s %14s\n' query matinee-cli sqlite3-cli
for q in "${queries[@]}"; do
  fts=$(printf '"%s"*' "$q" | sed 's/ /"* "/g')
  t0=$(date +%s%N)
  for _ in $(seq $runs); do "$cli" --data-dir "$data" search "$q" --limit 60 >/dev/null; done
  t1=$(date +%s%N)
  for _ in $(seq $runs); do
    sqlite3 "$data/catalogue.sqlite3" "SELECT f.key, f.title FROM film f JOIN film_search s ON s.rowid = f.id
      WHERE film_search MATCH '$fts' ORDER BY f.score_tenths DESC LIMIT 60" >/dev/null
  done
  t2=$(date +%s%N)
  printf '%-10s %11s ms %11s ms\n' "$q" "$(ms "$t0" "$t1")" "$(ms "$t1" "$t2")"
done

echo
echo "app start and memory (debug build, under Xvfb, through tauri-driver):"
cargo test -q -p matinee --test e2e -- --ignored --nocapture startup_figures 2>&1 | grep -E '^(figure|test result)'
