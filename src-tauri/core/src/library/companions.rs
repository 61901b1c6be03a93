//! Companions: other people's watchlists and seen films, for an evening together. Kept in tables of their own,
//! never mixed into the user's films; replaced as a whole when the same name is read again.

use rusqlite::{params, OptionalExtension};

use super::user_data::now;
use super::{checked_label, Library};
use crate::error::{CoreError, Result};
use crate::model::Companion;

/// The longest companion name, in characters.
pub const COMPANION_NAME_MAX: usize = 100;

/// One film of a companion's, as their export names it and as the catalogue matched it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanionFilm {
    /// The catalogue's key when it has the film, else a key made from the title and year.
    pub key: String,
    pub title: String,
    pub year: Option<i32>,
    pub on_watchlist: bool,
    pub seen: bool,
    pub in_catalogue: bool,
}

impl Library {
    /// Keeps `films` as the companion `name`'s, replacing what was kept under that name before, in one transaction.
    pub fn companion_set(&mut self, name: &str, source: &str, films: &[CompanionFilm]) -> Result<Companion> {
        let (name, fold) = checked_label("name", "a companion's name", name, COMPANION_NAME_MAX)?;
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM companion WHERE name_fold = ?1", [&fold])?;
        tx.execute(
            "INSERT INTO companion (name, name_fold, source, added_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, fold, source, now()],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO companion_film (companion_id, film_key, title, year, on_watchlist, seen, in_catalogue)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (companion_id, film_key) DO UPDATE SET
                     on_watchlist = max(on_watchlist, excluded.on_watchlist), seen = max(seen, excluded.seen)",
            )?;
            for f in films {
                insert.execute(params![id, f.key, f.title, f.year, f.on_watchlist, f.seen, f.in_catalogue])?;
            }
        }
        tx.commit()?;
        self.companion(&name)?.ok_or_else(|| CoreError::NotFound { what: "companion", key: name })
    }

    /// A companion by name (case and accents ignored).
    pub fn companion(&self, name: &str) -> Result<Option<Companion>> {
        let fold = crate::text::name_key(name.trim());
        Ok(self.companions()?.into_iter().find(|c| crate::text::name_key(&c.name) == fold))
    }

    /// Every companion, by name.
    pub fn companions(&self) -> Result<Vec<Companion>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.name, c.source, c.added_at,
                    (SELECT count(*) FROM companion_film f WHERE f.companion_id = c.id AND f.on_watchlist),
                    (SELECT count(*) FROM companion_film f WHERE f.companion_id = c.id AND f.on_watchlist AND f.in_catalogue),
                    (SELECT count(*) FROM companion_film f WHERE f.companion_id = c.id AND f.seen)
             FROM companion c ORDER BY c.name_fold",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Companion {
                    name: r.get(0)?,
                    source: r.get(1)?,
                    added_at: r.get(2)?,
                    watchlist: r.get(3)?,
                    watchlist_in_catalogue: r.get(4)?,
                    seen: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The companion's films, as (key, on the watchlist, seen).
    pub fn companion_films(&self, name: &str) -> Result<Vec<(String, bool, bool)>> {
        let fold = crate::text::name_key(name.trim());
        let id: Option<i64> =
            self.conn().query_row("SELECT id FROM companion WHERE name_fold = ?1", [&fold], |r| r.get(0)).optional()?;
        let Some(id) = id else {
            return Err(CoreError::NotFound { what: "companion", key: name.trim().to_owned() });
        };
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT film_key, on_watchlist, seen FROM companion_film WHERE companion_id = ?1")?;
        let rows =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Forgets a companion and their films. False when there was none of that name.
    pub fn companion_remove(&mut self, name: &str) -> Result<bool> {
        let fold = crate::text::name_key(name.trim());
        let tx = self.conn_mut().transaction()?;
        let n = tx.execute("DELETE FROM companion WHERE name_fold = ?1", [&fold])?;
        tx.commit()?;
        Ok(n > 0)
    }
}
