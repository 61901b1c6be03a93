//! Building a catalogue from take packs: merge films across packs into one film each, write everything into
//! a staging file at full speed, check it, then rename it over the catalogue in one atomic step.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection};

use crate::error::{CoreError, Result};
use crate::normalise::{country_name, display_name, language_name, person_key};
use crate::pack::{PackFilm, TakePack};
use crate::text::{fold, slug};

/// Bumped when the catalogue's tables change: a catalogue of another schema is rebuilt.
pub const SCHEMA_VERSION: i64 = 8;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
CREATE TABLE pack (
    id INTEGER PRIMARY KEY, pack_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, author TEXT NOT NULL,
    version TEXT NOT NULL, licence TEXT NOT NULL, description TEXT, builtin INTEGER NOT NULL, film_count INTEGER NOT NULL
) STRICT;
CREATE TABLE film (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, imdb_id TEXT, title TEXT NOT NULL, original_title TEXT,
    year INTEGER NOT NULL, kind TEXT NOT NULL, runtime_minutes INTEGER, synopsis TEXT,
    score_tenths INTEGER, score_source TEXT, votes INTEGER, title_fold TEXT NOT NULL, original_fold TEXT,
    rank INTEGER, genre_bits INTEGER NOT NULL DEFAULT 0 -- the genres as the filter table keeps them (facets.rs)
) STRICT;
CREATE TABLE film_alias (alias TEXT PRIMARY KEY NOT NULL, film_id INTEGER NOT NULL REFERENCES film(id)) STRICT;
CREATE INDEX film_alias_film ON film_alias (film_id);
CREATE TABLE country (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL) STRICT;
CREATE TABLE film_country (film_id INTEGER NOT NULL, code TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (film_id, code)) STRICT;
CREATE INDEX film_country_code ON film_country (code);
CREATE TABLE language (code TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL) STRICT;
CREATE TABLE film_language (film_id INTEGER NOT NULL, code TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (film_id, code)) STRICT;
CREATE TABLE genre (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE) STRICT;
CREATE TABLE film_genre (film_id INTEGER NOT NULL, genre_id INTEGER NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (film_id, genre_id)) STRICT;
CREATE INDEX film_genre_genre ON film_genre (genre_id);
CREATE TABLE person (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_fold TEXT) STRICT;
CREATE TABLE credit (
    film_id INTEGER NOT NULL, person_id INTEGER NOT NULL, role TEXT NOT NULL CHECK (role IN ('director', 'cast')),
    ord INTEGER NOT NULL, PRIMARY KEY (film_id, role, person_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE take (
    id INTEGER PRIMARY KEY, film_id INTEGER NOT NULL, pack_id INTEGER NOT NULL, text TEXT NOT NULL,
    line TEXT NOT NULL, score_tenths INTEGER NOT NULL
) STRICT;
CREATE INDEX take_film ON take (film_id);
CREATE TABLE related (
    film_id INTEGER NOT NULL, related_id INTEGER NOT NULL, pack_id INTEGER NOT NULL, reason TEXT NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (film_id, related_id, pack_id)
) STRICT;
-- Where a dataset film's original title is used, from title.akas; never the film's stated country (dataset.rs).
CREATE TABLE film_origin (film_id INTEGER PRIMARY KEY, region TEXT NOT NULL, language TEXT) STRICT;
CREATE INDEX film_origin_region ON film_origin (region);
CREATE INDEX film_origin_language ON film_origin (language) WHERE language IS NOT NULL;
-- Kept together by film (the datasets list them in film order), so a film's alternate titles are one read.
CREATE TABLE film_aka (
    film_id INTEGER NOT NULL, ord INTEGER NOT NULL, title TEXT NOT NULL, region TEXT, PRIMARY KEY (film_id, ord)
) STRICT, WITHOUT ROWID;
";

/// A validated pack and whether it ships inside the app.
pub struct PackSource {
    pub pack: TakePack,
    pub builtin: bool,
}

/// One film after merging every pack that speaks of it.
struct MergedFilm {
    facts: PackFilm,
    /// (pack index, film index in that pack) of every appearance, first one first.
    appearances: Vec<(usize, usize)>,
}

/// Merges films across packs: the same IMDb id, or the same folded title and year, is one film. Facts come from
/// the first pack that gives them; later packs fill what is missing.
fn merge(packs: &[PackSource]) -> (Vec<MergedFilm>, HashMap<(usize, usize), usize>) {
    let mut films: Vec<MergedFilm> = Vec::new();
    let mut by_imdb: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<(String, i32), usize> = HashMap::new();
    let mut placed = HashMap::new();
    for (p, source) in packs.iter().enumerate() {
        for (f, film) in source.pack.films.iter().enumerate() {
            let title_key = (fold(&film.title), film.year);
            // The same IMDb id is the same film. The same title and year is the same film only when one of the two
            // has no IMDb id: two different ids are two films (a remake in the same year, say).
            let found = film.imdb_id.as_ref().and_then(|id| by_imdb.get(id).copied()).or_else(|| {
                by_title
                    .get(&title_key)
                    .copied()
                    .filter(|&i| film.imdb_id.is_none() || films[i].facts.imdb_id.is_none())
            });
            let index = match found {
                Some(i) => {
                    let merged = &mut films[i];
                    let facts = &mut merged.facts;
                    facts.imdb_id = facts.imdb_id.take().or_else(|| film.imdb_id.clone());
                    facts.original_title = facts.original_title.take().or_else(|| film.original_title.clone());
                    facts.runtime_minutes = facts.runtime_minutes.or(film.runtime_minutes);
                    facts.synopsis = facts.synopsis.take().or_else(|| film.synopsis.clone());
                    for (mine, theirs) in [
                        (&mut facts.genres, &film.genres),
                        (&mut facts.directors, &film.directors),
                        (&mut facts.cast, &film.cast),
                    ] {
                        if mine.is_empty() {
                            mine.clone_from(theirs);
                        }
                    }
                    if facts.countries.is_empty() {
                        facts.countries.clone_from(&film.countries);
                    }
                    if facts.languages.is_empty() {
                        facts.languages.clone_from(&film.languages);
                    }
                    merged.appearances.push((p, f));
                    i
                }
                None => {
                    films.push(MergedFilm { facts: film.clone(), appearances: vec![(p, f)] });
                    films.len() - 1
                }
            };
            if let Some(id) = &films[index].facts.imdb_id {
                by_imdb.insert(id.clone(), index);
            }
            by_title.insert(title_key, index);
            placed.insert((p, f), index);
        }
    }
    (films, placed)
}

/// Builds the catalogue at `target` from `packs`. The old catalogue stays in place and usable until the new one
/// has been written, checked and synced; then a rename swaps it in.
pub fn build_catalogue(
    target: &Path,
    packs: &[PackSource],
    fingerprint: &str,
    dataset: Option<&[(&'static str, std::path::PathBuf)]>,
    own_keys: &std::collections::HashSet<String>,
    progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
) -> Result<Option<super::dataset::DatasetReport>> {
    let staging = super::staging_path(target);
    super::remove_stale_staging(target)?;
    let mut report = None;
    let result = write_staging(&staging, packs, fingerprint, dataset, own_keys, progress, &mut report).and_then(|()| {
        std::fs::File::open(&staging).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&staging, e))?;
        std::fs::rename(&staging, target).map_err(|e| CoreError::io(target, e))?;
        if let Some(dir) = target.parent() {
            // Make the rename itself durable.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    });
    if result.is_err() {
        let _ = super::remove_stale_staging(target);
    }
    // Running out of space reads as an I/O error from SQLite: say what it means and what it did not harm.
    let result = result.map_err(|e| match &e {
        CoreError::Db(db)
            if matches!(
                db.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DiskFull) | Some(rusqlite::ErrorCode::SystemIoFailure)
            ) =>
        {
            CoreError::io(
                &staging,
                std::io::Error::other(format!(
                    "the new catalogue could not be written ({db}): is the disk full? The catalogue in use is unchanged"
                )),
            )
        }
        _ => e,
    });
    result.map(|()| report)
}

/// Ranks every film by popularity (votes, then the curators' score, then title) and writes the search index
/// with the rank as its row id, so the first matches of a search are the most popular ones without sorting.
/// A film is found by its titles, its alternate titles and the names of its directors and cast.
fn index(
    conn: &mut Connection,
    staging: &Path,
    progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
) -> Result<()> {
    if progress("ranking films", 0, 1).is_break() {
        return Err(CoreError::Cancelled);
    }
    let tx = conn.transaction()?;
    tx.execute_batch(
        "CREATE TEMP TABLE ranks (id INTEGER PRIMARY KEY, r INTEGER NOT NULL);
         INSERT INTO ranks (id, r)
             SELECT id, row_number() OVER (ORDER BY votes DESC NULLS LAST, score_tenths DESC NULLS LAST, title_fold, id)
             FROM film;
         UPDATE film SET rank = (SELECT r FROM ranks WHERE ranks.id = film.id);
         DROP TABLE ranks;
         CREATE UNIQUE INDEX film_rank ON film (rank);",
    )?;
    tx.commit()?;
    let scratch = staging.with_extension("search.sqlite3");
    // While the search index merges and counts, the rest of the catalogue is finished and checked.
    let finish = |conn: &mut Connection, cancelled: &std::sync::atomic::AtomicBool| -> Result<()> {
        let cancelled = || cancelled.load(std::sync::atomic::Ordering::Relaxed);
        let step = |done: Result<()>| if cancelled() { Err(CoreError::Cancelled) } else { done };
        step(super::facets::write_table(conn))?;
        step(super::pick::write_pick_table(conn))?;
        step(
            conn.execute_batch(
                "CREATE INDEX film_title_fold ON film (title_fold);
                 CREATE INDEX film_year ON film (year);
                 CREATE INDEX credit_person ON credit (person_id, role);",
            )
            .map_err(CoreError::from),
        )?;
        // The filter counts of the whole catalogue, counted once here rather than at every start.
        let facets = super::Catalogue::open(staging)?.count_facets_for(
            &crate::model::SearchQuery::default(),
            &super::facets::UserSets::default(),
            &cancelled,
        )?;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('facets', ?1)",
            [serde_json::to_string(&facets).expect("facets serialise")],
        )?;
        step(super::quick_check(conn, "catalogue"))
    };
    super::search_build::write(conn, staging, &scratch, finish, progress)?;
    // The index was copied in under this connection's feet: a fresh connection reads it as written.
    *conn = open_staging(staging)?;
    Ok(())
}

/// `PRAGMA quick_check` of a newly written file.
fn open_staging(staging: &Path) -> Result<Connection> {
    let conn = Connection::open(staging)?;
    // A throwaway file: speed over durability until it is checked and renamed into place.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;")?;
    Ok(conn)
}

fn write_staging(
    staging: &Path,
    packs: &[PackSource],
    fingerprint: &str,
    dataset: Option<&[(&'static str, std::path::PathBuf)]>,
    own_keys: &std::collections::HashSet<String>,
    progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    report: &mut Option<super::dataset::DatasetReport>,
) -> Result<()> {
    let mut conn = open_staging(staging)?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    tx.execute_batch(super::search_build::FTS_TABLE)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?1)", [SCHEMA_VERSION.to_string()])?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('fingerprint', ?1)", [fingerprint])?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('built_at', ?1)",
        [chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)],
    )?;

    let mut pack_ids = Vec::with_capacity(packs.len());
    for source in packs {
        let p = &source.pack;
        tx.execute(
            "INSERT INTO pack (pack_id, name, author, version, licence, description, builtin, film_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![p.id, p.name, p.author, p.version, p.licence, p.description, source.builtin, p.films.len() as i64],
        )?;
        pack_ids.push(tx.last_insert_rowid());
    }

    let (films, placed) = merge(packs);

    // People: one row per identity, shown by the best spelling any pack gives.
    let mut spellings: HashMap<String, Vec<String>> = HashMap::new();
    for film in &films {
        for name in film.facts.directors.iter().chain(&film.facts.cast) {
            spellings.entry(person_key(name)).or_default().push(name.clone());
        }
    }
    for source in packs {
        for pf in &source.pack.films {
            for name in pf.directors.iter().chain(&pf.cast) {
                spellings.entry(person_key(name)).or_default().push(name.clone());
            }
        }
    }
    let mut person_ids: HashMap<String, i64> = HashMap::new();
    {
        let mut insert = tx.prepare("INSERT INTO person (key, name, name_fold) VALUES (?1, ?2, ?3)")?;
        let mut keys: Vec<&String> = spellings.keys().collect();
        keys.sort();
        for key in keys {
            let name = display_name(spellings[key].iter().map(String::as_str));
            insert.execute(params![key, name, fold(&name)])?;
            person_ids.insert(key.clone(), tx.last_insert_rowid());
        }
    }

    let mut film_ids = Vec::with_capacity(films.len());
    {
        let mut insert_film = tx.prepare(
            "INSERT INTO film (key, imdb_id, title, original_title, year, kind, runtime_minutes, synopsis,
                               score_tenths, score_source, votes, title_fold, original_fold)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?12)",
        )?;
        let mut insert_alias = tx.prepare("INSERT OR IGNORE INTO film_alias (alias, film_id) VALUES (?1, ?2)")?;
        let mut insert_country = tx.prepare("INSERT OR IGNORE INTO country (code, name) VALUES (?1, ?2)")?;
        let mut film_country = tx.prepare("INSERT INTO film_country (film_id, code, ord) VALUES (?1, ?2, ?3)")?;
        let mut insert_language = tx.prepare("INSERT OR IGNORE INTO language (code, name) VALUES (?1, ?2)")?;
        let mut film_language = tx.prepare("INSERT INTO film_language (film_id, code, ord) VALUES (?1, ?2, ?3)")?;
        let mut insert_genre = tx.prepare("INSERT OR IGNORE INTO genre (name) VALUES (?1)")?;
        let mut film_genre = tx.prepare(
            "INSERT OR IGNORE INTO film_genre (film_id, genre_id, ord) SELECT ?1, id, ?3 FROM genre WHERE name = ?2",
        )?;
        let mut credit =
            tx.prepare("INSERT OR IGNORE INTO credit (film_id, person_id, role, ord) VALUES (?1, ?2, ?3, ?4)")?;
        let mut take =
            tx.prepare("INSERT INTO take (film_id, pack_id, text, line, score_tenths) VALUES (?1, ?2, ?3, ?4, ?5)")?;

        for film in &films {
            let f = &film.facts;
            let own_key = format!("mt:{}", slug(&f.title, f.year));
            let key = f.imdb_id.clone().unwrap_or_else(|| own_key.clone());
            // The curator's score where a take exists, labelled with the first take's author.
            let first_take =
                film.appearances.iter().find_map(|&(p, i)| packs[p].pack.films[i].take.as_ref().map(|t| (p, t)));
            let (score, score_source) = match first_take {
                Some((p, t)) => (Some(t.score_tenths), Some(packs[p].pack.author.clone())),
                None => (None, None),
            };
            let title_fold = fold(&f.title);
            let original_fold = f.original_title.as_deref().map(fold);
            insert_film.execute(params![
                key,
                f.imdb_id,
                f.title,
                f.original_title,
                f.year,
                f.kind.as_str(),
                f.runtime_minutes,
                f.synopsis,
                score,
                score_source,
                title_fold,
                original_fold,
            ])?;
            let id = tx.last_insert_rowid();
            film_ids.push(id);
            for alias in [Some(&key), Some(&own_key), f.imdb_id.as_ref()].into_iter().flatten() {
                insert_alias.execute(params![alias, id])?;
            }
            for (ord, code) in f.countries.iter().enumerate() {
                insert_country.execute(params![code, country_name(code).unwrap_or(code)])?;
                film_country.execute(params![id, code, ord as i64])?;
            }
            for (ord, code) in f.languages.iter().enumerate() {
                insert_language.execute(params![code, language_name(code).unwrap_or(code)])?;
                film_language.execute(params![id, code, ord as i64])?;
            }
            for (ord, genre) in f.genres.iter().enumerate() {
                insert_genre.execute(params![genre])?;
                film_genre.execute(params![id, genre, ord as i64])?;
            }
            for (role, names) in [("director", &f.directors), ("cast", &f.cast)] {
                for (ord, name) in names.iter().enumerate() {
                    let person = person_ids[&person_key(name)];
                    credit.execute(params![id, person, role, ord as i64])?;
                }
            }
            for &(p, i) in &film.appearances {
                if let Some(t) = &packs[p].pack.films[i].take {
                    take.execute(params![id, pack_ids[p], t.text, t.line, t.score_tenths])?;
                }
            }
        }

        let mut related = tx.prepare(
            "INSERT OR IGNORE INTO related (film_id, related_id, pack_id, reason, ord) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (p, source) in packs.iter().enumerate() {
            for (ord, (from, to, reason)) in source.pack.links.iter().enumerate() {
                let from_id = film_ids[placed[&(p, *from)]];
                let to_id = film_ids[placed[&(p, *to)]];
                related.execute(params![from_id, to_id, pack_ids[p], reason, ord as i64])?;
            }
        }
    }
    super::facets::set_pack_genre_bits(&tx)?;
    tx.commit()?;
    if let Some(files) = dataset {
        *report = Some(super::dataset::load(&mut conn, files, own_keys, progress)?);
    }
    index(&mut conn, staging, progress)?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}
