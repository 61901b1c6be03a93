#!/usr/bin/env python3
"""Writes IMDb-shaped dataset files (title.basics, title.ratings, title.crew, title.principals, name.basics,
title.akas) for tests and benchmarks, deterministically: the same arguments give the same bytes.

    gen-imdb-datasets.py OUT_DIR TITLES [--gzip]

Real headers, `\\N` for nulls, tabs in no field, stray quotes in titles, non-Latin scripts and diacritics, a
realistic mix of title types (most titles are episodes, which the catalogue drops) and votes with a long tail."""
import gzip
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2])
zipped = "--gzip" in sys.argv
rng = random.Random(20261125)
os.makedirs(out, exist_ok=True)

WORDS = ["night", "river", "love", "city", "dark", "last", "summer", "king", "dog", "house", "war", "girl",
         "blue", "shadow", "road", "heart", "fire", "sea", "star", "time", "ghost", "mother", "winter", "dream"]
FOREIGN = ["Søren", "Łódź", "Straße", "Æther", "Amélie", "Café", "Niño", "Über", "Ægir", "Ÿvonne",
           "東京", "夜", "사랑", "밤", "Москва", "Любовь", "Αθήνα", "שלום", "القاهرة", "Ñandú"]
TYPES = [("tvEpisode", 70), ("movie", 8), ("short", 7), ("tvSeries", 3), ("video", 3), ("tvMovie", 3),
         ("tvMiniSeries", 1), ("tvSpecial", 1), ("videoGame", 2), ("tvShort", 1), ("tvPilot", 1)]
GENRES = ["Drama", "Comedy", "Documentary", "Action", "Romance", "Thriller", "Crime", "Horror", "Adventure",
          "Family", "Animation", "Sci-Fi", "Fantasy", "Mystery", "Music", "War", "Western", "Biography"]
REGIONS = ["US", "GB", "FR", "DE", "JP", "KR", "IT", "ES", "RU", "GR", "BR", "\\N"]
FIRST = ["Anna", "Jean", "Kim", "Maria", "Søren", "Hiroshi", "Olga", "Pedro", "Ji-woo", "Zoë", "Łukasz", "Ahmed"]
LAST = ["Lee", "Martin", "Tanaka", "Kowalski", "Nielsen", "Rossi", "García", "Ivanova", "Park", "Müller", "Dubois"]

def pick_type():
    r = rng.randrange(100)
    for t, w in TYPES:
        if r < w:
            return t
        r -= w
    return "movie"

def title():
    k = rng.randint(1, 4)
    words = [rng.choice(WORDS).capitalize() if rng.random() < 0.85 else rng.choice(FOREIGN) for _ in range(k)]
    t = " ".join(words)
    if rng.random() < 0.01:
        t = '"' + t  # a stray quote, as real data has
    if rng.random() < 0.05:
        t = "The " + t
    return t

def opener(name):
    path = os.path.join(out, name + (".gz" if zipped else ""))
    return gzip.open(path, "wt", encoding="utf-8", newline="") if zipped else open(path, "w", encoding="utf-8", newline="")

people = max(10, n // 3)
basics = opener("title.basics.tsv")
ratings = opener("title.ratings.tsv")
crew = opener("title.crew.tsv")
principals = opener("title.principals.tsv")
akas = opener("title.akas.tsv")
basics.write("tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n")
ratings.write("tconst\taverageRating\tnumVotes\n")
crew.write("tconst\tdirectors\twriters\n")
principals.write("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
akas.write("titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n")
for i in range(1, n + 1):
    tconst = "tt%07d" % i
    kind = pick_type()
    primary = title()
    original = primary if rng.random() < 0.8 else title()
    year = rng.randint(1894, 2026) if rng.random() < 0.97 else None
    end = (year + rng.randint(0, 10)) if (kind in ("tvSeries", "tvMiniSeries") and year) else None
    runtime = rng.randint(3, 240) if rng.random() < 0.8 else None
    genres = ",".join(sorted(rng.sample(GENRES, rng.randint(1, 3)))) if rng.random() < 0.95 else None
    nn = lambda v: "\\N" if v is None else str(v)
    basics.write("\t".join([tconst, kind, primary, original, "1" if rng.random() < 0.02 else "0", nn(year), nn(end),
                            nn(runtime), nn(genres)]) + "\n")
    if rng.random() < 0.35:
        votes = int(rng.paretovariate(1.1) * 5)
        ratings.write("%s\t%.1f\t%d\n" % (tconst, rng.randint(10, 100) / 10, votes))
    directors = ",".join("nm%07d" % rng.randint(1, people) for _ in range(rng.randint(0, 2))) or "\\N"
    crew.write("%s\t%s\t\\N\n" % (tconst, directors))
    for o in range(1, rng.randint(1, 6)):
        cat = rng.choice(["actor", "actress", "self", "producer", "composer"])
        chars = '["%s"]' % rng.choice(FIRST) if cat in ("actor", "actress", "self") else "\\N"
        principals.write("%s\t%d\tnm%07d\t%s\t\\N\t%s\n" % (tconst, o, rng.randint(1, people), cat, chars))
    if rng.random() < 0.3:
        for o in range(1, rng.randint(2, 4)):
            akas.write("%s\t%d\t%s\t%s\t\\N\t\\N\t\\N\t0\n" % (tconst, o, title(), rng.choice(REGIONS)))
for f in (basics, ratings, crew, principals, akas):
    f.close()
names = opener("name.basics.tsv")
names.write("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
for p in range(1, people + 1):
    names.write("nm%07d\t%s %s\t%s\t\\N\tactor\t\\N\n" % (p, rng.choice(FIRST), rng.choice(LAST), rng.randint(1900, 2005)))
names.close()
