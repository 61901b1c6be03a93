//! The user's own rows: watchlist entries, current ratings and notes, all keyed by `FilmKey`.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::Library;
use crate::error::Result;
use crate::model::FilmKey;
use crate::rating::Rating;

/// What the library holds about one film.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserRow {
    pub title: String,
    pub year: Option<i32>,
    /// The kind an import gave a film the catalogue does not have (`movie`, `show`, ...).
    pub kind: Option<String>,
    pub on_watchlist: bool,
    pub watchlist_added_at: Option<String>,
    pub rating: Option<u8>,
    pub note: Option<String>,
    pub note_updated_at: Option<String>,
}

/// The film a write is about: its key and the title and year to remember it by, so the library stays readable
/// when the catalogue does not have the film.
pub struct FilmLabel<'a> {
    pub key: &'a FilmKey,
    pub title: &'a str,
    pub year: Option<i32>,
    /// Other keys of the same film (an `mt:` key from before its IMDb id was known): their rows are moved
    /// onto `key` before the write, so a film never splits in two.
    pub aliases: &'a [String],
}

/// Every table of the user's that refers to films, and whether a film has at most one row there
/// (`true`) or many (a diary has many viewings of one film).
const USER_TABLES: [(&str, bool); 8] = [
    ("watchlist_entry", true),
    ("rating", true),
    ("note", true),
    ("viewing", false),
    ("list_entry", true),
    ("film_tag", true),
    ("not_tonight", true),
    ("own_take", true),
];

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn remember(tx: &Transaction<'_>, film: &FilmLabel<'_>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO film_ref (key, title, year, first_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET title = excluded.title, year = excluded.year",
        params![film.key.as_str(), film.title, film.year, now()],
    )?;
    Ok(())
}

impl Library {
    /// Runs `write` and the film's bookkeeping in one transaction: all of it lands or none of it does.
    pub(crate) fn write_for<T>(
        &mut self,
        film: &FilmLabel<'_>,
        write: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn_mut().transaction()?;
        remember(&tx, film)?;
        for alias in film.aliases.iter().filter(|a| a.as_str() != film.key.as_str()) {
            // Two notes on one film are both the user's words: join them rather than keep one.
            tx.execute(
                "UPDATE note SET body = body || char(10) || char(10) || (SELECT body FROM note WHERE film_key = ?2),
                                 updated_at = ?3
                 WHERE film_key = ?1 AND EXISTS (SELECT 1 FROM note WHERE film_key = ?2)
                   AND body != (SELECT body FROM note WHERE film_key = ?2)",
                params![film.key.as_str(), alias, now()],
            )?;
            for (table, one_per_film) in USER_TABLES {
                // Many-per-film rows all move. For one-per-film rows the row under the canonical key wins and
                // an alias row moves over only where there is none (a list entry or tag per list or tag).
                tx.execute(
                    &format!("UPDATE OR IGNORE {table} SET film_key = ?1 WHERE film_key = ?2"),
                    params![film.key.as_str(), alias],
                )?;
                if one_per_film {
                    tx.execute(&format!("DELETE FROM {table} WHERE film_key = ?1"), params![alias])?;
                }
            }
        }
        let value = write(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub fn watchlist_set(&mut self, film: &FilmLabel<'_>, on: bool) -> Result<()> {
        let key = film.key.as_str().to_owned();
        self.write_for(film, |tx| {
            if on {
                tx.execute(
                    "INSERT INTO watchlist_entry (film_key, added_at) VALUES (?1, ?2) ON CONFLICT (film_key) DO NOTHING",
                    params![key, now()],
                )?;
            } else {
                tx.execute("DELETE FROM watchlist_entry WHERE film_key = ?1", params![key])?;
            }
            Ok(())
        })
    }

    pub fn rating_set(&mut self, film: &FilmLabel<'_>, rating: Option<Rating>) -> Result<()> {
        let key = film.key.as_str().to_owned();
        self.write_for(film, |tx| {
            match rating {
                Some(r) => tx.execute(
                    "INSERT INTO rating (film_key, value, rated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (film_key) DO UPDATE SET value = excluded.value, rated_at = excluded.rated_at",
                    params![key, r.value(), now()],
                )?,
                None => tx.execute("DELETE FROM rating WHERE film_key = ?1", params![key])?,
            };
            Ok(())
        })
    }

    /// Saves the note; an empty or blank note removes it.
    pub fn note_set(&mut self, film: &FilmLabel<'_>, body: &str) -> Result<()> {
        let key = film.key.as_str().to_owned();
        let keep = !body.trim().is_empty();
        self.write_for(film, |tx| {
            if keep {
                tx.execute(
                    "INSERT INTO note (film_key, body, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (film_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                    params![key, body, now()],
                )?;
            } else {
                tx.execute("DELETE FROM note WHERE film_key = ?1", params![key])?;
            }
            Ok(())
        })
    }

    /// The user's rows for these keys (keys the library has never seen are absent).
    pub fn user_rows(&self, keys: &[&str]) -> Result<HashMap<String, UserRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.key, f.title, f.year, f.kind, w.added_at, r.value, n.body, n.updated_at
             FROM film_ref f
             LEFT JOIN watchlist_entry w ON w.film_key = f.key
             LEFT JOIN rating r ON r.film_key = f.key
             LEFT JOIN note n ON n.film_key = f.key
             WHERE f.key IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(keys).expect("strings serialise");
        let out = stmt
            .query_map(params![list], |r| {
                let added: Option<String> = r.get("added_at")?;
                Ok((
                    r.get::<_, String>("key")?,
                    UserRow {
                        title: r.get("title")?,
                        year: r.get("year")?,
                        kind: r.get("kind")?,
                        on_watchlist: added.is_some(),
                        watchlist_added_at: added,
                        rating: r.get("value")?,
                        note: r.get("body")?,
                        note_updated_at: r.get("updated_at")?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        Ok(out)
    }

    /// Watchlist keys, most recently added first.
    pub fn watchlist_keys(&self) -> Result<Vec<String>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT film_key FROM watchlist_entry ORDER BY added_at DESC, film_key")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(keys)
    }

    /// The film an id of another service was remembered for.
    pub fn film_by_external_id(&self, source: &str, value: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT film_key FROM film_external_id WHERE source = ?1 AND value = ?2",
                params![source, value],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Keys of every film the user has seen: a live viewing or a rating.
    pub fn seen_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT film_key FROM viewing WHERE deleted_at IS NULL UNION SELECT film_key FROM rating ORDER BY 1",
        )?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(keys)
    }

    /// Every film the library remembers, as (key, title, year).
    pub fn film_refs(&self) -> Result<Vec<(String, String, Option<i32>)>> {
        let mut stmt = self.conn().prepare_cached("SELECT key, title, year FROM film_ref ORDER BY key")?;
        let rows =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every key the library refers to, for checks after a catalogue rebuild.
    pub fn all_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached("SELECT key FROM film_ref ORDER BY key")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(keys)
    }
}
