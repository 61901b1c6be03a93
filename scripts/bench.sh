#!/usr/bin/env bash
# Prints figures (never asserts them): CLI search over the starter catalogue beside the sqlite3 CLI running the
# same FTS query on the same file, then the app's cold start and memory (from the ignored e2e figures test).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v bc >/dev/null || missing+=(bc)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi
cargo build --release -q -p matinee-cli
cli=target/release/matinee-cli
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$cli" --data-dir "$data" search >/dev/null   # builds the catalogue once

runs=50
queries=(m mi mir mira miracle the god amel "cell no" kore)
ms() { echo "scale=2; ($2 - $1) / 1000000 / $runs" | bc; }
# BENCH_ONLY="build spread" runs those sections alone: search import build spread tonight shelf stats sync ipc kill startup full.
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
last_lib=""

if want search; then
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
fi

echo
if want import; then
  echo "import of a Letterboxd export with 5000 diary rows and 5000 ratings (release build, fresh library each run):"
  export_dir="$data/letterboxd-5000"
  python3 scripts/make-letterboxd-export.py "$export_dir" 5000 5000
  for run in 1 2 3; do
    lib=$(mktemp -d)
    /usr/bin/time -f "  run $run: %e s wall, peak memory %M KB" "$cli" --data-dir "$lib" import "$export_dir" >/dev/null
    rm -rf "$lib"
  done
  lib=$(mktemp -d)
  "$cli" --data-dir "$lib" import "$export_dir" >/dev/null
  /usr/bin/time -f "  again into the same library (nothing to change): %e s wall, peak memory %M KB" \
    "$cli" --data-dir "$lib" import "$export_dir" >/dev/null
  rm -rf "$lib"
fi

# imdb-sqlite (PyPI) in a virtual environment of the bench's own, as a peer for the catalogue build.
venv="$data/imdb-sqlite-venv"
python3 -m venv "$venv" && "$venv/bin/pip" install -q imdb-sqlite
secs() { echo "scale=2; ($2 - $1) / 1000000000" | bc; }

# One catalogue build and its peers: per dataset file, the build's phase in rows/s beside the sqlite3 CLI's raw
# .import of the same file (tabs, quoting off, nothing else done); imdb-sqlite on the same files (up to 1 M titles).
build_figures() {
  local ds=$1 titles=$2 lib=$3
  mkdir -p "$lib"
  local start end total
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$data/peak" "$cli" --data-dir "$lib" --json catalogue build "$ds" > "$data/build.json"
  end=$(date +%s%N)
  total=$(secs "$start" "$end")
  echo "  $titles title rows: all six files in $total s ($(echo "$titles / $total" | bc) title rows/s), peak memory $(cat "$data/peak") KB"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  ' + ' · '.join('%s %.1f s' % (n, t) for n, t in r['phase_seconds'])); print('  %d films, %d people, %d alternate titles' % (r['films_kept'], r['people'], r['alternate_titles']))" "$data/build.json"
  echo "  catalogue file: $(du -m "$lib/catalogue.sqlite3" | cut -f1) MiB"
  : > "$data/raw"
  local file rows raw
  for file in title.ratings title.basics title.crew title.principals name.basics title.akas; do
    gunzip -c "$ds/$file.tsv.gz" > "$data/raw.tsv"
    rows=$(($(wc -l < "$data/raw.tsv") - 1))
    start=$(date +%s%N)
    sqlite3 "$data/raw.sqlite3" "PRAGMA journal_mode=OFF" ".mode ascii" ".separator \"\t\" \"\n\"" \
      ".import $data/raw.tsv raw" >/dev/null
    end=$(date +%s%N)
    raw=$(echo "$rows * 1000000000 / ($end - $start)" | bc)
    rm -f "$data/raw.tsv" "$data/raw.sqlite3"
    echo "$file $rows $raw" >> "$data/raw"
  done
  # The name.basics phase also drops credits of people it lacks and joins pack people; title.akas also commits.
  python3 - "$data/build.json" "$data/raw" <<'PY'
import json, sys
phases = dict(json.load(open(sys.argv[1]))["phase_seconds"])
print("  %-17s %9s %8s %15s %15s %6s" % ("file", "rows", "Matinee", "Matinee", "sqlite3 .import", "ratio"))
for line in open(sys.argv[2]):
    name, rows, raw = line.split()
    rows, raw, secs = int(rows), int(raw), phases.get(name, 0.0)
    rate = rows / secs if secs else 0
    print("  %-17s %9d %6.2f s %8.0f rows/s %8.0f rows/s %6.2f" % (name, rows, secs, rate, raw, rate / raw))
PY
  if [ "$titles" -le 1000000 ]; then
    # imdb-sqlite finds the files in its cache folder; it has no use for title.crew, and title.episode, which
    # Matinee does not read, is left out so that nothing is fetched.
    start=$(date +%s%N)
    (cd "$lib" && "$venv/bin/imdb-sqlite" --db "$lib/imdb-sqlite.db" --cache-dir "$ds" \
      --only people,titles,akas,crew,ratings >/dev/null 2>&1)
    end=$(date +%s%N)
    local peer
    peer=$(secs "$start" "$end")
    echo "  imdb-sqlite, the same files: $peer s ($(echo "$titles / $peer" | bc) title rows/s); Matinee is $(echo "scale=1; $peer / $total" | bc)x as fast"
    rm -f "$lib/imdb-sqlite.db"
  fi
}

echo
if want build; then
  echo "catalogue build from generated IMDb-shaped datasets (release build; scripts/gen-imdb-datasets.py, the real"
  echo "files' proportions: 8 principals, 4.5 alternate titles, 1.2 people per title). BENCH_TITLES overrides the sizes."
  echo "uptime before: $(uptime)"
  # 6.2 M title rows give about 1.56 M films, the scale of the search figures.
  for titles in ${BENCH_TITLES:-100000 1000000 6200000}; do
    ds="$data/imdb-$titles"
    python3 scripts/gen-imdb-datasets.py "$ds" "$titles" --gzip
    lib="$data/lib-$titles"
    build_figures "$ds" "$titles" "$lib"
    "$cli" --data-dir "$lib" catalogue bench-search --queries 1000 | sed 's/^/  /'
    rm -rf "$ds"
    last_lib="$lib"
  done
fi

echo
if want spread; then
  echo "the same from datasets of the spread shape (gen-imdb-datasets.py --shape spread: credits spread over many"
  echo "people, about 1 M in the catalogue at 1 M titles; 2.5 alternate titles a title, most repeating the title;"
  echo "writers in title.crew). BENCH_SPREAD_TITLES overrides the sizes."
  echo "uptime before: $(uptime)"
  for titles in ${BENCH_SPREAD_TITLES:-1000000}; do
    ds="$data/imdb-spread-$titles"
    python3 scripts/gen-imdb-datasets.py "$ds" "$titles" --gzip --shape spread
    lib="$data/lib-spread-$titles"
    build_figures "$ds" "$titles" "$lib"
    rm -rf "$ds" "$lib"
  done
fi

echo
if want tonight; then
  # The largest catalogue built above, else the starter catalogue.
  lib=${last_lib:-$data}
  echo "Tonight's picks (release build), beside the sqlite3 CLI drawing 3 films at random under the same three"
  echo "constraints (ORDER BY random() LIMIT 3, no weights, no reasons; .timer real time, process start excluded):"
  "$cli" --data-dir "$lib" catalogue bench-tonight --picks 300 --peer-sql "$data/tonight-peer.sql" | sed 's/^/  /'
  head -100 "$data/tonight-peer.sql" > "$data/tonight-peer-100.sql"
  { echo ".timer on"; echo ".output /dev/null"; cat "$data/tonight-peer-100.sql"; } \
    | sqlite3 "$lib/catalogue.sqlite3" 2>&1 | grep "Run Time" | awk '{print $4 * 1000}' | sort -n \
    | awk '{a[NR] = $1} END {printf "  sqlite3 CLI, the first %d of those sets: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n", NR, a[int((NR - 1) * 0.5) + 1], a[int((NR - 1) * 0.95) + 1], a[int((NR - 1) * 0.99) + 1]}'
fi

echo
if want shelf; then
  echo "\"More like this\" (release build): film cards opened with their shelf, films drawn at random:"
  "$cli" --data-dir "${last_lib:-$data}" catalogue bench-shelf --films 300 | sed 's/^/  /'
fi

echo
if want stats; then
  # Diaries of the largest catalogue's own films (popular ones most, some seen again), imported as a user would;
  # the sqlite3 CLI answers viewings per month and the rating spread from the same library file beside it.
  lib=${last_lib:-$data}
  echo "Stats and the year in review (release build), diaries of 1000 and then 20000 viewings of catalogue films:"
  for n in 1000 20000; do
    python3 scripts/make-letterboxd-export.py "$data/lb-$n" "$n" $((n / 2)) --films-from "$lib/catalogue.sqlite3"
    "$cli" --data-dir "$lib" import "$data/lb-$n" >/dev/null
    "$cli" --data-dir "$lib" catalogue bench-stats --runs 20 | sed 's/^/  /'
    start=$(date +%s%N)
    for _ in $(seq 20); do
      sqlite3 "$lib/library.sqlite3" "SELECT substr(watched_on, 1, 7), count(*) FROM viewing WHERE deleted_at IS NULL
        GROUP BY 1; SELECT rating, count(*) FROM viewing WHERE deleted_at IS NULL GROUP BY 1" >/dev/null
    done
    end=$(date +%s%N)
    echo "  sqlite3 CLI, viewings per month and the rating spread only, process start included: $(echo "scale=2; ($end - $start) / 1000000 / 20" | bc) ms"
  done
fi

echo
if want sync; then
  # Sync through a folder (release build): a year of use and its folder before and after compaction, catching up
  # on 10 000 changes, two libraries of 5 000 viewings merging; then the sqlite3 CLI reading the same catch-up
  # records (their JSON, tab-separated from the checksum) and keeping the latest of each key, as a floor.
  echo "Sync through a folder (release build, in process):"
  SYNC_FIGURES_DIR="$data/sync" cargo test -q --release -p matinee-core --test sync -- --ignored --nocapture sync_figures 2>&1 \
    | grep -E '^figure' | sed 's/^/  /'
  logs=$(ls "$data"/sync/catch-up/*.jsonl)
  { echo "CREATE TABLE r(json TEXT, sum TEXT);"; echo ".mode tabs"; for f in $logs; do echo ".import $f r"; done
    echo ".timer on"; echo ".output /dev/null"
    echo "SELECT json_extract(json, '\$.key'), max(json_extract(json, '\$.id')) FROM r GROUP BY 1;"; } \
    | sqlite3 ":memory:" 2>&1 | grep "Run Time" | awk '{printf "  sqlite3 CLI, the latest record of each key among the same catch-up records (import not timed): %.0f ms\n", $4 * 1000}'
fi

echo
if want ipc && [ -n "$last_lib" ]; then
  echo "search through the app's IPC and memory with the largest catalogue open (release build, under Xvfb):"
  MATINEE_BENCH_DATA_DIR="$last_lib" cargo test -q --release -p matinee --test e2e -- --ignored --nocapture search_ipc_figures 2>&1 \
    | grep -E '^figure'
fi

echo
if want kill; then
  echo "kill -9 during catalogue builds, more times than make test does:"
  MATINEE_KILLS=60 cargo test -q --release -p matinee-cli --test kill -- --nocapture 2>&1 | grep -E '^figure|test result'
fi

echo
if want startup; then
  echo "app start and memory beside a minimal Tauri 2 app (release builds, under Xvfb, through tauri-driver):"
  scripts/bench-startup.sh "$last_lib"
fi

# Last, as it evicts the other catalogues from the page cache: the full datasets' size, build time only.
full=${BENCH_FULL_TITLES-12000000}
if want full && [ -n "$full" ]; then
  echo
  echo "a build at real scale: $full title rows (2.6 GB of generated files at 12 M; BENCH_FULL_TITLES='' skips it):"
  ds="$data/imdb-full"
  lib="$data/lib-full"
  python3 scripts/gen-imdb-datasets.py "$ds" "$full" --gzip
  mkdir -p "$lib"
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$data/peak" "$cli" --data-dir "$lib" --json catalogue build "$ds" > "$data/build.json"
  end=$(date +%s%N)
  echo "  all six files in $(secs "$start" "$end") s, peak resident memory $(cat "$data/peak") KB (the search index's reader maps the catalogue file)"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  ' + ' · '.join('%s %.1f s' % (n, t) for n, t in r['phase_seconds'])); print('  %d films, %d people, %d alternate titles' % (r['films_kept'], r['people'], r['alternate_titles']))" "$data/build.json"
  echo "  catalogue file: $(du -m "$lib/catalogue.sqlite3" | cut -f1) MiB"
  rm -rf "$ds" "$lib"
fi
