#!/usr/bin/env python3
"""Writes a Letterboxd-shaped export (diary.csv, ratings.csv, watched.csv, watchlist.csv) of a chosen size into a
folder, deterministically, for the import benchmark. Titles include quotes, commas and non-Latin scripts.

With --films-from CATALOGUE (a catalogue.sqlite3), the diary is of that catalogue's films instead, as a real diary
is: mostly popular films, some seen again (marked as rewatches), for the Stats benchmark."""
import csv
import os
import random
import sys

out, diary_rows, rating_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
catalogue = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--films-from" else None
rng = random.Random(42)
words = ["Night", "River", "Love", "Cell", "Miracle", "Dogs", "Żółć", "Amélie", "雪", "Город", "\"Quoted\"", "Far, Away"]
os.makedirs(out, exist_ok=True)
films = []
for i in range(max(diary_rows, rating_rows)):
    title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + f" {i}"
    films.append((title, str(rng.randint(1920, 2025))))

def writer(name, header):
    f = open(os.path.join(out, name), "w", newline="", encoding="utf-8")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    return f, w

if catalogue:
    import sqlite3
    db = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    pool = db.execute(
        "SELECT title, year FROM film WHERE kind = 'movie' AND year IS NOT NULL ORDER BY rank LIMIT ?", (diary_rows * 3,)
    ).fetchall()
    films = [(t, str(y)) for t, y in pool]

f, w = writer("diary.csv", ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"])
seen = set()
for i in range(diary_rows):
    if catalogue:
        # Popular films far more often than the rest; a film drawn again is a rewatch.
        n = int(len(films) * rng.random() ** 2)
        title, year = films[n]
        rewatch = "Yes" if n in seen else ""
        seen.add(n)
        day = f"20{rng.randint(12, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rating = rng.choice(["", "2", "2.5", "3", "3.5", "3.5", "4", "4", "4.5", "5"])
        w.writerow([day, title, year, f"https://boxd.it/d{i}", rating, rewatch, rng.choice(["", "cinema"]), day])
        continue
    title, year = films[i % len(films)]
    day = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    rating = rng.choice(["", "0.5", "1", "2.5", "3.5", "4", "5"])
    w.writerow([day, title, year, f"https://boxd.it/d{i}", rating, rng.choice(["", "Yes"]), rng.choice(["", "cinema", "home, rainy"]), day])
f.close()
f, w = writer("ratings.csv", ["Date", "Name", "Year", "Letterboxd URI", "Rating"])
for i in range(rating_rows):
    title, year = films[i % len(films)]
    w.writerow(["2024-01-01", title, year, f"https://boxd.it/f{i}", rng.choice(["0.5", "1.5", "3", "3.5", "4.5", "5"])])
f.close()
f, w = writer("watched.csv", ["Date", "Name", "Year", "Letterboxd URI"])
for i in range(rating_rows):
    title, year = films[i % len(films)]
    w.writerow(["2024-01-01", title, year, f"https://boxd.it/f{i}"])
f.close()
f, w = writer("watchlist.csv", ["Date", "Name", "Year", "Letterboxd URI"])
for i in range(500):
    w.writerow(["2024-01-01", f"Someday {i}", "2020", f"https://boxd.it/w{i}"])
f.close()
