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

# imdb-sqlite (PyPI) in a virtual environment of the bench's own, as a peer for the catalogue build.
venv="$data/imdb-sqlite-venv"
python3 -m venv "$venv" && "$venv/bin/pip" install -q imdb-sqlite
secs() { echo "scale=2; ($2 - $1) / 1000000000" | bc; }

echo
echo "catalogue build from generated IMDb-shaped datasets (release build; scripts/gen-imdb-datasets.py, the real"
echo "files' proportions: 8 principals, 4.5 alternate titles, 1.2 people per title). BENCH_TITLES overrides the sizes."
# 6.2 M title rows give about 1.56 M films, the scale of the search figures.
for titles in ${BENCH_TITLES:-100000 1000000 6200000}; do
  ds="$data/imdb-$titles"
  python3 scripts/gen-imdb-datasets.py "$ds" "$titles" --gzip
  lib="$data/lib-$titles"
  mkdir -p "$lib"
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$data/peak" "$cli" --data-dir "$lib" --json catalogue build "$ds" > "$data/build.json"
  end=$(date +%s%N)
  total=$(secs "$start" "$end")
  basics=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(dict(r['phase_seconds'])['title.basics'])" "$data/build.json")
  echo "  $titles title rows: all six files in $total s ($(echo "$titles / $total" | bc) title rows/s), peak memory $(cat "$data/peak") KB"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  ' + ' · '.join('%s %.1f s' % (n, t) for n, t in r['phase_seconds'])); print('  %d films, %d people, %d alternate titles' % (r['films_kept'], r['people'], r['alternate_titles']))" "$data/build.json"
  echo "  catalogue file: $(du -m "$lib/catalogue.sqlite3" | cut -f1) MiB"
  matinee_basics=$(echo "$titles / $basics" | bc)
  # Peer: the sqlite3 CLI importing the raw title.basics alone (tabs, quoting off), nothing else done.
  gunzip -c "$ds/title.basics.tsv.gz" > "$ds/title.basics.tsv"
  start=$(date +%s%N)
  sqlite3 "$lib/raw.sqlite3" "PRAGMA journal_mode=OFF" ".mode ascii" ".separator \"\t\" \"\n\"" \
    ".import $ds/title.basics.tsv basics" >/dev/null
  end=$(date +%s%N)
  raw=$(echo "$titles * 1000000000 / ($end - $start)" | bc)
  rm "$ds/title.basics.tsv" "$lib/raw.sqlite3"
  echo "  title.basics: Matinee $matinee_basics rows/s (parse, keep film-like kinds, fold, insert films, genres and keys)"
  echo "                sqlite3 CLI .import of the raw file $raw rows/s (ratio $(echo "scale=2; $matinee_basics / $raw" | bc))"
  # Peer: imdb-sqlite importing the same files (it finds them in its cache folder; it has no use for title.crew,
  # and title.episode, which Matinee does not read, is left out so nothing is fetched).
  if [ "$titles" -le 1000000 ]; then
    start=$(date +%s%N)
    (cd "$lib" && "$venv/bin/imdb-sqlite" --db "$lib/imdb-sqlite.db" --cache-dir "$ds" \
      --only people,titles,akas,crew,ratings >/dev/null 2>&1)
    end=$(date +%s%N)
    peer=$(secs "$start" "$end")
    echo "  imdb-sqlite, the same files: $peer s ($(echo "$titles / $peer" | bc) title rows/s); Matinee is $(echo "scale=1; $peer / $total" | bc)x as fast"
    rm -f "$lib/imdb-sqlite.db"
  fi
  "$cli" --data-dir "$lib" catalogue bench-search --queries 1000 | sed 's/^/  /'
  rm -rf "$ds"
  last_lib="$lib"
done

echo
echo "search through the app's IPC and memory with the largest catalogue open (release build, under Xvfb):"
MATINEE_BENCH_DATA_DIR="$last_lib" cargo test -q --release -p matinee --test e2e -- --ignored --nocapture search_ipc_figures 2>&1 \
  | grep -E '^figure'

echo
echo "kill -9 during catalogue builds, more times than make test does:"
MATINEE_KILLS=60 cargo test -q --release -p matinee-cli --test kill -- --nocapture 2>&1 | grep -E '^figure|test result'

echo
echo "app start and memory beside a minimal Tauri 2 app (release builds, under Xvfb, through tauri-driver):"
scripts/bench-startup.sh "$last_lib"

# Last, as it evicts the other catalogues from the page cache: the full datasets' size, build time only.
full=${BENCH_FULL_TITLES-12000000}
if [ -n "$full" ]; then
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
