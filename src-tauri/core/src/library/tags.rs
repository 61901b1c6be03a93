//! Tags: user-defined, case-insensitive, renamable and mergeable labels on films.

use rusqlite::{params, OptionalExtension, Transaction};

use super::user_data::{now, FilmLabel};
use super::Library;
use crate::error::{CoreError, Result};

const TAG_MAX_CHARS: usize = 100;

/// A tag's display name and its identity ("Noir", "noir" and "NOIR" are one tag).
pub(crate) fn checked_tag(name: &str) -> Result<(String, String)> {
    super::checked_label("tag", "a tag", name, TAG_MAX_CHARS)
}

/// The id of the tag, created with this spelling when new.
fn tag_id(tx: &Transaction<'_>, name: &str, key: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO tag (name, name_fold) VALUES (?1, ?2) ON CONFLICT (name_fold) DO NOTHING",
        params![name, key],
    )?;
    tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![key], |r| r.get(0))
}

impl Library {
    pub fn tag_add(&mut self, film: &FilmLabel<'_>, tag: &str) -> Result<String> {
        let (name, key) = checked_tag(tag)?;
        let film_key = film.key.as_str().to_owned();
        self.write_for(film, |tx| {
            let id = tag_id(tx, &name, &key)?;
            tx.execute(
                "INSERT INTO film_tag (film_key, tag_id, added_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![film_key, id, now()],
            )?;
            Ok(tx.query_row("SELECT name FROM tag WHERE id = ?1", params![id], |r| r.get(0))?)
        })
    }

    /// Takes a tag off the films with these keys; a tag no film carries any more is forgotten.
    pub fn tag_remove(&mut self, keys: &[&str], tag: &str) -> Result<()> {
        let (_, key) = checked_tag(tag)?;
        let tx = self.conn_mut().transaction()?;
        let id: Option<i64> =
            tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![key], |r| r.get(0)).optional()?;
        let id = id.ok_or_else(|| CoreError::NotFound { what: "tag", key: tag.trim().to_owned() })?;
        for film in keys {
            tx.execute("DELETE FROM film_tag WHERE film_key = ?1 AND tag_id = ?2", params![film, id])?;
        }
        tx.execute(
            "DELETE FROM tag WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM film_tag WHERE tag_id = ?1)",
            params![id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Renames a tag. Renaming onto another tag's name merges the two: every film keeps one tag.
    pub fn tag_rename(&mut self, from: &str, to: &str) -> Result<()> {
        let (_, from_key) = checked_tag(from)?;
        let (to_name, to_key) = checked_tag(to)?;
        let tx = self.conn_mut().transaction()?;
        let source: Option<i64> =
            tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![from_key], |r| r.get(0)).optional()?;
        let source = source.ok_or_else(|| CoreError::NotFound { what: "tag", key: from.trim().to_owned() })?;
        let target: Option<i64> =
            tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![to_key], |r| r.get(0)).optional()?;
        match target {
            Some(target) if target != source => {
                tx.execute("UPDATE OR IGNORE film_tag SET tag_id = ?2 WHERE tag_id = ?1", params![source, target])?;
                tx.execute("DELETE FROM film_tag WHERE tag_id = ?1", params![source])?;
                tx.execute("DELETE FROM tag WHERE id = ?1", params![source])?;
                tx.execute("UPDATE tag SET name = ?2 WHERE id = ?1", params![target, to_name])?;
            }
            _ => {
                tx.execute("UPDATE tag SET name = ?2, name_fold = ?3 WHERE id = ?1", params![source, to_name, to_key])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every tag with how many films carry it, by name.
    pub fn tags(&self) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.name, count(ft.film_key) FROM tag t LEFT JOIN film_tag ft ON ft.tag_id = t.id
             GROUP BY t.id ORDER BY t.name_fold",
        )?;
        let tags = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(tags)
    }

    /// The tags on the films with these keys, by name, each once.
    pub fn tags_of(&self, keys: &[&str]) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.name, t.name_fold FROM film_tag ft JOIN tag t ON t.id = ft.tag_id WHERE ft.film_key = ?1",
        )?;
        let mut out: Vec<(String, String)> = Vec::new();
        for key in keys {
            for row in stmt.query_map(params![key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let row = row?;
                if !out.iter().any(|(_, f)| *f == row.1) {
                    out.push(row);
                }
            }
        }
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out.into_iter().map(|(name, _)| name).collect())
    }

    /// The keys of every film with this tag.
    pub fn films_tagged(&self, tag: &str) -> Result<Vec<String>> {
        let (_, key) = checked_tag(tag)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT ft.film_key FROM film_tag ft JOIN tag t ON t.id = ft.tag_id WHERE t.name_fold = ?1 ORDER BY ft.film_key",
        )?;
        let keys = stmt.query_map(params![key], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(keys)
    }
}
