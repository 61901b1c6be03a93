//! From parsed rows to the library: every film matched once, then every row written in one transaction with
//! its provenance. The preview runs the very same writes in a transaction that is rolled back, so what it
//! counts is exactly what applying does.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rusqlite::{params, OptionalExtension, Transaction};

use super::{At, FilmRef, Item, Parsed};
use crate::catalogue::Catalogue;
use crate::error::{CoreError, Result};
use crate::library::Library;
use crate::model::{FilmKind, ImportCount, ImportNote, ImportPreview};
use crate::text::slug;

/// The film a row is about, decided once per import.
#[derive(Debug, Clone)]
struct Target {
    key: String,
    title: String,
    year: Option<i32>,
    kind: Option<FilmKind>,
    imdb: Option<String>,
    /// Other services' ids to remember for the film.
    ids: Vec<(&'static str, String)>,
    /// Other keys of the same film: rows under them count as the film's.
    aliases: Vec<String>,
}

/// A parsed import with every film resolved: ready to preview or apply.
pub struct ImportPlan {
    parsed: Parsed,
    targets: Vec<Option<usize>>,
    films: Vec<Target>,
    new_films: Vec<(usize, At)>,
    weak: Vec<(At, String)>,
}

fn note(at: &At, text: impl Into<String>) -> ImportNote {
    ImportNote { file: at.file.clone(), line: u32::try_from(at.line).unwrap_or(u32::MAX), text: text.into() }
}

/// Matches every film of the import: the IMDb id first, then the folded title and year (a year off by one is a
/// weaker match, listed). A film that matches nothing becomes the user's own film under a stable key, so the
/// next import, or a bigger catalogue, finds the same film.
pub fn plan(parsed: Parsed, catalogue: &Catalogue, library: &Library) -> Result<ImportPlan> {
    let mut films: Vec<Target> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut targets = Vec::with_capacity(parsed.rows.len());
    let mut new_films = Vec::new();
    let mut weak = Vec::new();
    // The user's own films (from earlier imports) by folded title and year, so that Letterboxd after IMDb (or
    // the other way round) lands on the same film instead of a second one.
    let mut own: HashMap<(String, Option<i32>), String> = HashMap::new();
    for (key, title, year) in library.film_refs()? {
        own.entry((crate::text::fold(&title), year)).or_insert(key);
    }
    // Every (folded title, year) the export names, so a near-year match never takes a film it names itself.
    let named: std::collections::HashSet<(String, i32)> = parsed
        .rows
        .iter()
        .filter_map(|row| match &row.item {
            Item::Viewing { film, .. }
            | Item::Watched { film }
            | Item::Rating { film, .. }
            | Item::Watchlist { film, .. }
            | Item::ListEntry { film, .. } => film.year.map(|y| (crate::text::fold(&film.title), y)),
            Item::List { .. } => None,
        })
        .collect();
    for row in &parsed.rows {
        let film = match &row.item {
            Item::Viewing { film, .. }
            | Item::Watched { film }
            | Item::Rating { film, .. }
            | Item::Watchlist { film, .. }
            | Item::ListEntry { film, .. } => film,
            Item::List { .. } => {
                targets.push(None);
                continue;
            }
        };
        let identity = match &film.imdb {
            Some(id) => id.clone(),
            None => format!("{}|{:?}", crate::text::fold(&film.title), film.year),
        };
        if let Some(&i) = index.get(&identity) {
            learn(&mut films[i], film);
            targets.push(Some(i));
            continue;
        }
        let (target, is_new, weak_reason) = resolve(film, catalogue, library, &own, &named)?;
        own.entry((crate::text::fold(&target.title), target.year)).or_insert_with(|| target.key.clone());
        // Two spellings of one film in one export (an IMDb id and a title) land on one target.
        let i = match films.iter().position(|t| t.key == target.key) {
            Some(i) => {
                learn(&mut films[i], film);
                i
            }
            None => {
                films.push(target);
                if is_new {
                    new_films.push((films.len() - 1, row.at.clone()));
                }
                films.len() - 1
            }
        };
        if let Some(reason) = weak_reason {
            weak.push((row.at.clone(), reason));
        }
        index.insert(identity, i);
        targets.push(Some(i));
    }
    let mut plan = ImportPlan { parsed, targets, films, new_films, weak };
    drop_superseded(&mut plan);
    Ok(plan)
}

/// What a later row of the same import knows of a film that an earlier row did not say (its kind, another
/// service's id) joins the film's target, so that the first import writes what a second one would.
fn learn(target: &mut Target, film: &FilmRef) {
    if target.kind.is_none() {
        target.kind = film.kind;
    }
    for id in &film.ids {
        if !target.ids.iter().any(|(source, _)| *source == id.0) {
            target.ids.push(id.clone());
        }
    }
}

/// Two rows of one import that set the same thing differently (two ratings of one film, one diary entry twice):
/// the last one is kept and the earlier ones are skipped with the line that wins, so that importing the same
/// files again finds everything as it left it instead of writing each row in turn once more.
fn drop_superseded(plan: &mut ImportPlan) {
    let slot = |row: &super::Row, target: Option<usize>| -> Option<String> {
        match (&row.item, target) {
            (Item::Rating { .. }, Some(t)) => Some(format!("rating {t}")),
            (Item::Viewing { origin, .. }, Some(_)) => Some(format!("viewing {origin}")),
            _ => None,
        }
    };
    let mut last: HashMap<String, usize> = HashMap::new();
    for (i, row) in plan.parsed.rows.iter().enumerate() {
        if let Some(s) = slot(row, plan.targets[i]) {
            last.insert(s, i);
        }
    }
    let mut keep = vec![true; plan.parsed.rows.len()];
    for (i, row) in plan.parsed.rows.iter().enumerate() {
        let Some(s) = slot(row, plan.targets[i]) else { continue };
        let winner = last[&s];
        if winner != i && plan.parsed.rows[winner].item != row.item {
            keep[i] = false;
            let w = &plan.parsed.rows[winner].at;
            let what = if matches!(row.item, Item::Rating { .. }) { "rates this film" } else { "has this diary entry" };
            let at =
                if w.file == row.at.file { format!("line {}", w.line) } else { format!("{} line {}", w.file, w.line) };
            plan.parsed.skipped.push((row.at.clone(), format!("{at} {what} again and is kept")));
        }
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut flags = keep.iter();
    plan.parsed.rows.retain(|_| *flags.next().expect("one flag a row"));
    let mut flags = keep.iter();
    plan.targets.retain(|_| *flags.next().expect("one flag a row"));
}

fn resolve(
    film: &FilmRef,
    catalogue: &Catalogue,
    library: &Library,
    own: &HashMap<(String, Option<i32>), String>,
    named: &std::collections::HashSet<(String, i32)>,
) -> Result<(Target, bool, Option<String>)> {
    let from_row = |row: crate::catalogue::FilmRow| Target {
        key: row.key.0,
        title: row.title,
        year: Some(row.year),
        kind: film.kind,
        imdb: None,
        ids: film.ids.clone(),
        aliases: row.aliases,
    };
    // An id another import remembered finds the film first, whatever its title is now.
    for (source, value) in &film.ids {
        if let Some(key) = library.film_by_external_id(source, value)? {
            // A catalogue film is known by its key; the row's IMDb id is remembered only for the user's own
            // films, as on the import that first found the film.
            let (aliases, imdb) = match catalogue.film_row(&key)? {
                Some(row) => (row.aliases, None),
                None => (vec![key.clone()], film.imdb.clone()),
            };
            let t = Target {
                key,
                title: film.title.clone(),
                year: film.year,
                kind: film.kind,
                imdb,
                ids: film.ids.clone(),
                aliases,
            };
            return Ok((t, false, None));
        }
    }
    if let Some(id) = &film.imdb {
        if let Some(row) = catalogue.film_row(id)? {
            return Ok((from_row(row), false, None));
        }
    }
    let candidates = catalogue.films_titled(&film.title, film.year)?;
    if film.imdb.is_none() || candidates.len() == 1 {
        if let Some(row) = candidates.into_iter().next() {
            return Ok((from_row(row), false, None));
        }
    }
    if film.imdb.is_none() {
        if let Some(year) = film.year {
            let near: Vec<_> = [year - 1, year + 1]
                .into_iter()
                .map(|y| catalogue.films_titled(&film.title, Some(y)))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .flatten()
                // A film the export itself names with that year is that film, so this one is another (a short
                // of the same title a year before its feature).
                .filter(|row| !named.contains(&(crate::text::fold(&film.title), row.year)))
                .collect();
            if near.len() == 1 {
                let row = near.into_iter().next().expect("one");
                let reason =
                    format!("“{}” ({year}) taken as {} ({}): the years differ by one", film.title, row.title, row.year);
                return Ok((from_row(row), false, Some(reason)));
            }
        }
    }
    // A film the library already has, by this IMDb id, or by folded title and year when the user's film has no
    // other IMDb id.
    if let Some(id) = &film.imdb {
        if !library.user_rows(&[id.as_str()])?.is_empty() {
            let t = Target {
                aliases: vec![id.clone()],
                key: id.clone(),
                title: film.title.clone(),
                year: film.year,
                kind: film.kind,
                imdb: Some(id.clone()),
                ids: film.ids.clone(),
            };
            return Ok((t, false, None));
        }
    }
    if let Some(key) = own.get(&(crate::text::fold(&film.title), film.year)) {
        let other_imdb = key.starts_with("tt") && film.imdb.as_deref().is_some_and(|id| id != key);
        if !other_imdb {
            let t = Target {
                aliases: vec![key.clone()],
                key: key.clone(),
                title: film.title.clone(),
                year: film.year,
                kind: film.kind,
                imdb: film.imdb.clone(),
                ids: film.ids.clone(),
            };
            return Ok((t, false, None));
        }
    }
    let key = match &film.imdb {
        Some(id) => id.clone(),
        None => format!("mt:{}", slug(&film.title, film.year.unwrap_or(0))),
    };
    let known = !library.user_rows(&[key.as_str()])?.is_empty();
    let target = Target {
        aliases: vec![key.clone()],
        key,
        title: film.title.clone(),
        year: film.year,
        kind: film.kind,
        imdb: film.imdb.clone(),
        ids: film.ids.clone(),
    };
    Ok((target, !known, None))
}

/// Tallies per kind of thing.
#[derive(Default)]
struct Tally {
    counts: Vec<ImportCount>,
}

#[derive(Clone, Copy)]
enum Outcome {
    Added,
    Changed,
    Unchanged,
}

impl Tally {
    fn count(&mut self, what: &str, outcome: Outcome) {
        let i = match self.counts.iter().position(|c| c.what == what) {
            Some(i) => i,
            None => {
                self.counts.push(ImportCount { what: what.to_owned(), ..ImportCount::default() });
                self.counts.len() - 1
            }
        };
        let c = &mut self.counts[i];
        match outcome {
            Outcome::Added => c.added += 1,
            Outcome::Changed => c.changed += 1,
            Outcome::Unchanged => c.unchanged += 1,
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn date_stamp(date: Option<chrono::NaiveDate>) -> String {
    match date {
        Some(d) => format!("{d}T00:00:00.000Z"),
        None => now(),
    }
}

/// The row under any of the film's keys, the film's own key first.
fn first_key(tx: &Transaction<'_>, table: &str, film: &Target) -> rusqlite::Result<Option<String>> {
    for key in &film.aliases {
        let found: Option<String> = tx
            .query_row(&format!("SELECT film_key FROM {table} WHERE film_key = ?1"), params![key], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

fn ensure_film(tx: &Transaction<'_>, film: &Target) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO film_ref (key, title, year, first_seen_at, kind) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (key) DO UPDATE SET kind = coalesce(film_ref.kind, excluded.kind)",
        params![film.key, film.title, film.year, now(), film.kind.map(FilmKind::as_str)],
    )?;
    let imdb = film.imdb.as_ref().map(|id| ("imdb", id.clone()));
    // An id past what the library export keeps is no id any service gives (a damaged file): it is left aside.
    let kept = |(_, value): &&(&str, String)| {
        !value.trim().is_empty() && value.len() <= crate::library::portable::SERVICE_ID_MAX_BYTES
    };
    for (source, value) in imdb.iter().chain(&film.ids).filter(kept) {
        tx.execute(
            "INSERT OR IGNORE INTO film_external_id (film_key, source, value) VALUES (?1, ?2, ?3)",
            params![film.key, source, value],
        )?;
    }
    Ok(())
}

/// Writes every row; returns the counts. `progress` hears (done, total) and may stop the import.
fn run(
    tx: &Transaction<'_>,
    plan: &ImportPlan,
    batch: Option<i64>,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let total = plan.parsed.rows.len();
    let mut lists: HashMap<String, i64> = HashMap::new();
    let mut touched_lists: Vec<i64> = Vec::new();
    for (i, row) in plan.parsed.rows.iter().enumerate() {
        if i % 250 == 0 && progress(i, total).is_break() {
            return Err(CoreError::Cancelled);
        }
        let film = plan.targets[i].map(|t| &plan.films[t]);
        if let Some(f) = film {
            ensure_film(tx, f)?;
        }
        let target_desc = match (&row.item, film) {
            (Item::Viewing { film: _, origin, watched_on, rating, rewatch, note, review, tags }, Some(f)) => {
                let date = watched_on.map(|d| d.to_string());
                let existing: Option<(Option<String>, Option<u8>, bool, String)> = tx
                    .query_row(
                        "SELECT watched_on, rating, rewatch, note FROM viewing WHERE origin = ?1",
                        params![origin],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?;
                match existing {
                    Some(old) if old == (date.clone(), *rating, *rewatch, note.clone()) => {
                        tally.count("viewings", Outcome::Unchanged)
                    }
                    Some(_) => {
                        tx.execute(
                            "UPDATE viewing SET watched_on = ?2, rating = ?3, rewatch = ?4, note = ?5, updated_at = ?6,
                                    deleted_at = NULL WHERE origin = ?1",
                            params![origin, date, rating, rewatch, note, now()],
                        )?;
                        tally.count("viewings", Outcome::Changed);
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO viewing (film_key, watched_on, rating, rewatch, note, place, created_at,
                                                  updated_at, origin)
                             VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?6, ?7)",
                            params![f.key, date, rating, rewatch, note, date_stamp(*watched_on), origin],
                        )?;
                        tally.count("viewings", Outcome::Added);
                        if *review && !note.is_empty() {
                            tally.count("reviews", Outcome::Added);
                        }
                    }
                }
                for tag in tags {
                    add_tag(tx, f, tag, &mut tally)?;
                }
                format!("viewing {origin}")
            }
            (Item::Watched { .. }, Some(f)) => {
                let mut seen = false;
                for key in &f.aliases {
                    let n: i64 = tx.query_row(
                        "SELECT count(*) FROM viewing WHERE film_key = ?1 AND deleted_at IS NULL",
                        params![key],
                        |r| r.get(0),
                    )?;
                    seen |= n > 0;
                }
                // A diary later in the same export also counts: films with diary rows get no extra viewing.
                seen |= plan.parsed.rows.iter().zip(&plan.targets).any(|(r, t)| {
                    matches!(r.item, Item::Viewing { .. }) && t.map(|t| &plan.films[t].key) == Some(&f.key)
                });
                if seen {
                    tally.count("watched films", Outcome::Unchanged);
                } else {
                    tx.execute(
                        "INSERT INTO viewing (film_key, watched_on, rating, rewatch, note, place, created_at, updated_at,
                                              origin)
                         VALUES (?1, NULL, NULL, 0, '', '', ?2, ?2, ?3)",
                        params![f.key, now(), format!("watched:{}", f.key)],
                    )?;
                    tally.count("watched films", Outcome::Added);
                }
                format!("watched {}", f.key)
            }
            (Item::Rating { value, .. }, Some(f)) => {
                let filed = first_key(tx, "rating", f)?;
                let old: Option<u8> = match &filed {
                    Some(k) => {
                        tx.query_row("SELECT value FROM rating WHERE film_key = ?1", params![k], |r| r.get(0))?
                    }
                    None => None,
                };
                match old {
                    Some(v) if v == *value => tally.count("ratings", Outcome::Unchanged),
                    Some(_) => {
                        tx.execute(
                            "UPDATE rating SET value = ?2, rated_at = ?3 WHERE film_key = ?1",
                            params![filed, value, now()],
                        )?;
                        tally.count("ratings", Outcome::Changed);
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO rating (film_key, value, rated_at) VALUES (?1, ?2, ?3)",
                            params![f.key, value, now()],
                        )?;
                        tally.count("ratings", Outcome::Added);
                    }
                }
                format!("rating {}", f.key)
            }
            (Item::Watchlist { added, .. }, Some(f)) => {
                if first_key(tx, "watchlist_entry", f)?.is_some() {
                    tally.count("watchlist entries", Outcome::Unchanged);
                } else {
                    tx.execute(
                        "INSERT INTO watchlist_entry (film_key, added_at) VALUES (?1, ?2)",
                        params![f.key, date_stamp(*added)],
                    )?;
                    tally.count("watchlist entries", Outcome::Added);
                }
                format!("watchlist {}", f.key)
            }
            (Item::List { name, description, ranked }, _) => {
                let id = list_id(tx, name, description, *ranked, &mut tally)?;
                lists.insert(name.clone(), id);
                format!("list {name}")
            }
            (Item::ListEntry { list, position, note, .. }, Some(f)) => {
                let id = match lists.get(list) {
                    Some(&id) => id,
                    None => {
                        let id = list_id(tx, list, "", false, &mut tally)?;
                        lists.insert(list.clone(), id);
                        id
                    }
                };
                if !touched_lists.contains(&id) {
                    touched_lists.push(id);
                }
                let mut existing: Option<(String, u32, String)> = None;
                for key in &f.aliases {
                    if existing.is_none() {
                        existing = tx
                            .query_row(
                                "SELECT film_key, position, note FROM list_entry WHERE list_id = ?1 AND film_key = ?2",
                                params![id, key],
                                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                            )
                            .optional()?;
                    }
                }
                match existing {
                    Some((_, p, n)) if p == *position && n == *note => tally.count("list entries", Outcome::Unchanged),
                    Some((key, _, _)) => {
                        tx.execute(
                            "UPDATE list_entry SET position = ?3, note = ?4 WHERE list_id = ?1 AND film_key = ?2",
                            params![id, key, position, note],
                        )?;
                        tally.count("list entries", Outcome::Changed);
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO list_entry (list_id, film_key, position, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![id, f.key, position, note, now()],
                        )?;
                        tally.count("list entries", Outcome::Added);
                    }
                }
                format!("list entry {list} {}", f.key)
            }
            (_, None) => continue,
        };
        if let Some(batch) = batch {
            tx.execute(
                "INSERT INTO import_row (batch_id, file, line, kind, target) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![batch, row.at.file, row.at.line as i64, kind_name(&row.item), target_desc],
            )?;
        }
    }
    // Positions stay 1..n in each list the import touched, in the order the export gave.
    for id in touched_lists {
        let keys: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT film_key FROM list_entry WHERE list_id = ?1 ORDER BY position, added_at, film_key")?;
            let rows = stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            rows
        };
        for (i, key) in keys.iter().enumerate() {
            tx.execute(
                "UPDATE list_entry SET position = ?3 WHERE list_id = ?1 AND film_key = ?2",
                params![id, key, i as i64 + 1],
            )?;
        }
    }
    let _ = progress(total, total);
    Ok(tally)
}

fn kind_name(item: &Item) -> &'static str {
    match item {
        Item::Viewing { .. } => "viewing",
        Item::Watched { .. } => "watched",
        Item::Rating { .. } => "rating",
        Item::Watchlist { .. } => "watchlist",
        Item::List { .. } => "list",
        Item::ListEntry { .. } => "list entry",
    }
}

fn add_tag(tx: &Transaction<'_>, film: &Target, tag: &str, tally: &mut Tally) -> rusqlite::Result<()> {
    let fold = crate::text::name_key(tag);
    tx.execute(
        "INSERT INTO tag (name, name_fold) VALUES (?1, ?2) ON CONFLICT (name_fold) DO NOTHING",
        params![tag, fold],
    )?;
    let id: i64 = tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![fold], |r| r.get(0))?;
    let mut there = false;
    for key in &film.aliases {
        let n: i64 =
            tx.query_row("SELECT count(*) FROM film_tag WHERE film_key = ?1 AND tag_id = ?2", params![key, id], |r| {
                r.get(0)
            })?;
        there |= n > 0;
    }
    if there {
        tally.count("tags on films", Outcome::Unchanged);
    } else {
        tx.execute(
            "INSERT INTO film_tag (film_key, tag_id, added_at) VALUES (?1, ?2, ?3)",
            params![film.key, id, now()],
        )?;
        tally.count("tags on films", Outcome::Added);
    }
    Ok(())
}

fn list_id(tx: &Transaction<'_>, name: &str, description: &str, ranked: bool, tally: &mut Tally) -> Result<i64> {
    let fold = crate::text::name_key(name);
    let found: Option<(i64, String)> = tx
        .query_row("SELECT id, description FROM film_list WHERE name_fold = ?1", params![fold], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(match found {
        Some((id, old)) if old == description || description.is_empty() => {
            tally.count("lists", Outcome::Unchanged);
            id
        }
        Some((id, _)) => {
            tx.execute(
                "UPDATE film_list SET description = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, description, now()],
            )?;
            tally.count("lists", Outcome::Changed);
            id
        }
        None => {
            let at = now();
            tx.execute(
                "INSERT INTO film_list (name, name_fold, description, ranked, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![name, fold, description, ranked, at],
            )?;
            tally.count("lists", Outcome::Added);
            tx.last_insert_rowid()
        }
    })
}

fn preview_of(plan: &ImportPlan, tally: Tally) -> ImportPreview {
    let p = &plan.parsed;
    let nothing_to_do = tally.counts.iter().all(|c| c.added == 0 && c.changed == 0);
    ImportPreview {
        source: p.source,
        files: p
            .files
            .iter()
            .map(|(name, kind, rows)| ImportNote { file: name.clone(), line: 0, text: format!("{kind}: {rows} rows") })
            .collect(),
        counts: tally.counts,
        new_films: plan.new_films.len() as u32,
        new_film_rows: plan
            .new_films
            .iter()
            .map(|(i, at)| {
                let f = &plan.films[*i];
                let year = f.year.map(|y| format!(" ({y})")).unwrap_or_default();
                note(at, format!("{}{year}: not in the catalogue, kept as your own film {}", f.title, f.key))
            })
            .collect(),
        weak_matches: plan.weak.iter().map(|(at, why)| note(at, why.clone())).collect(),
        skipped: p.skipped.iter().map(|(at, why)| note(at, why.clone())).collect(),
        ignored_files: p
            .ignored_files
            .iter()
            .map(|(f, why)| ImportNote { file: f.clone(), line: 0, text: why.clone() })
            .collect(),
        nothing_to_do,
        columns: p.columns.clone(),
        mapping: p.mapping.clone(),
    }
}

/// What applying would do, computed by doing it in a transaction that is then rolled back.
pub fn preview(plan: &ImportPlan, library: &mut Library) -> Result<ImportPreview> {
    let tx = library.conn_mut().transaction()?;
    let tally = run(&tx, plan, None, &mut |_, _| ControlFlow::Continue(()))?;
    tx.rollback()?;
    Ok(preview_of(plan, tally))
}

/// Applies the import in one transaction, with a batch that records every row's file and line. Cancelling through
/// `progress` rolls everything back.
pub fn apply(
    plan: &ImportPlan,
    library: &mut Library,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<(i64, ImportPreview)> {
    let tx = library.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO import_batch (source, origin, started_at) VALUES (?1, ?2, ?3)",
        params![plan.parsed.source.label(), plan.parsed.origin, now()],
    )?;
    let batch = tx.last_insert_rowid();
    let tally = run(&tx, plan, Some(batch), progress)?;
    let summary = tally
        .counts
        .iter()
        .map(|c| format!("{}: {} added, {} changed, {} unchanged", c.what, c.added, c.changed, c.unchanged))
        .collect::<Vec<_>>()
        .join("; ");
    tx.execute("UPDATE import_batch SET summary = ?2 WHERE id = ?1", params![batch, summary])?;
    tx.commit()?;
    Ok((batch, preview_of(plan, tally)))
}
