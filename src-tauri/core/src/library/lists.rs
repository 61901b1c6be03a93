//! Lists of films: named, described, ranked or not, each film once per list with its own note.
//! Positions are 1-based and always contiguous.

use rusqlite::{params, OptionalExtension, Transaction};

use super::user_data::{now, FilmLabel};
use super::Library;
use crate::error::{CoreError, Result};
use crate::model::ListId;

/// A list as the library stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub id: ListId,
    pub name: String,
    pub description: String,
    pub ranked: bool,
    pub films: u32,
}

const NAME_MAX_CHARS: usize = 200;
pub(crate) const TEXT_MAX_CHARS: usize = 20_000;

pub(crate) fn checked_name(name: &str) -> Result<(String, String)> {
    super::checked_label("name", "a list's name", name, NAME_MAX_CHARS)
}

fn checked_text(field: &str, text: &str) -> Result<String> {
    let n = text.chars().count();
    if n > TEXT_MAX_CHARS {
        return Err(CoreError::invalid(field, format!("at most {TEXT_MAX_CHARS} characters; this has {n}")));
    }
    Ok(text.trim().to_owned())
}

fn entry_count(tx: &Transaction<'_>, list: ListId) -> rusqlite::Result<u32> {
    tx.query_row("SELECT count(*) FROM list_entry WHERE list_id = ?1", params![list.0], |r| r.get(0))
}

fn position_of(tx: &Transaction<'_>, list: ListId, key: &str) -> rusqlite::Result<Option<u32>> {
    tx.query_row("SELECT position FROM list_entry WHERE list_id = ?1 AND film_key = ?2", params![list.0, key], |r| {
        r.get(0)
    })
    .optional()
}

/// Moves entries so that `key` ends at `to`, shifting the ones in between; positions stay 1..=n.
fn move_within(tx: &Transaction<'_>, list: ListId, key: &str, from: u32, to: u32) -> rusqlite::Result<()> {
    if from == to {
        return Ok(());
    }
    // The moving entry sits outside both ranges, so only the entries between shift.
    if to < from {
        tx.execute(
            "UPDATE list_entry SET position = position + 1 WHERE list_id = ?1 AND position >= ?2 AND position < ?3",
            params![list.0, to, from],
        )?;
    } else {
        tx.execute(
            "UPDATE list_entry SET position = position - 1 WHERE list_id = ?1 AND position > ?2 AND position <= ?3",
            params![list.0, from, to],
        )?;
    }
    tx.execute("UPDATE list_entry SET position = ?3 WHERE list_id = ?1 AND film_key = ?2", params![list.0, key, to])?;
    Ok(())
}

impl Library {
    pub fn list_create(&mut self, name: &str, description: &str, ranked: bool) -> Result<ListId> {
        let (name, key) = checked_name(name)?;
        let description = checked_text("description", description)?;
        let tx = self.conn_mut().transaction()?;
        let exists: Option<String> =
            tx.query_row("SELECT name FROM film_list WHERE name_fold = ?1", params![key], |r| r.get(0)).optional()?;
        if let Some(existing) = exists {
            return Err(CoreError::Conflict { message: format!("there is already a list called '{existing}'") });
        }
        let at = now();
        tx.execute(
            "INSERT INTO film_list (name, name_fold, description, ranked, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![name, key, description, ranked, at],
        )?;
        let id = ListId(tx.last_insert_rowid());
        tx.commit()?;
        Ok(id)
    }

    /// Changes a list's name, description or ranking; `None` keeps what it was.
    pub fn list_update(
        &mut self,
        id: ListId,
        name: Option<&str>,
        description: Option<&str>,
        ranked: Option<bool>,
    ) -> Result<()> {
        let current = self.list(id)?;
        let (name, key) = checked_name(name.unwrap_or(&current.name))?;
        let description = checked_text("description", description.unwrap_or(&current.description))?;
        let tx = self.conn_mut().transaction()?;
        let clash: Option<i64> = tx
            .query_row("SELECT id FROM film_list WHERE name_fold = ?1 AND id != ?2", params![key, id.0], |r| r.get(0))
            .optional()?;
        if clash.is_some() {
            return Err(CoreError::Conflict { message: format!("there is already a list called '{name}'") });
        }
        tx.execute(
            "UPDATE film_list SET name = ?2, name_fold = ?3, description = ?4, ranked = ?5, updated_at = ?6 WHERE id = ?1",
            params![id.0, name, key, description, ranked.unwrap_or(current.ranked), now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_delete(&mut self, id: ListId) -> Result<()> {
        self.list(id)?;
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM list_entry WHERE list_id = ?1", params![id.0])?;
        tx.execute("DELETE FROM film_list WHERE id = ?1", params![id.0])?;
        tx.commit()?;
        Ok(())
    }

    pub fn list(&self, id: ListId) -> Result<ListRow> {
        self.conn()
            .query_row(
                "SELECT id, name, description, ranked, (SELECT count(*) FROM list_entry WHERE list_id = l.id)
                 FROM film_list l WHERE id = ?1",
                params![id.0],
                |r| {
                    Ok(ListRow {
                        id: ListId(r.get(0)?),
                        name: r.get(1)?,
                        description: r.get(2)?,
                        ranked: r.get(3)?,
                        films: r.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "list", key: id.0.to_string() })
    }

    /// The list with this name (case and accents ignored).
    pub fn list_named(&self, name: &str) -> Result<ListRow> {
        let (_, key) = checked_name(name)?;
        let id: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM film_list WHERE name_fold = ?1", params![key], |r| r.get(0))
            .optional()?;
        match id {
            Some(id) => self.list(ListId(id)),
            None => Err(CoreError::NotFound { what: "list", key: name.trim().to_owned() }),
        }
    }

    /// Every list, by name.
    pub fn lists(&self) -> Result<Vec<ListRow>> {
        let mut stmt = self.conn().prepare_cached("SELECT id FROM film_list ORDER BY name_fold")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
        ids.into_iter().map(|id| self.list(ListId(id))).collect()
    }

    /// The list's entries as (position, film key, note), in order.
    pub fn list_entries(&self, id: ListId) -> Result<Vec<(u32, String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT position, film_key, note FROM list_entry WHERE list_id = ?1 ORDER BY position")?;
        let rows = stmt
            .query_map(params![id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Adds a film at `position` (1-based; the end when none), moving later films down. A film is in a list once.
    pub fn list_add(&mut self, id: ListId, film: &FilmLabel<'_>, position: Option<i64>, note: &str) -> Result<u32> {
        let list = self.list(id)?;
        let note = checked_text("note", note)?;
        let key = film.key.as_str().to_owned();
        let title = film.title.to_owned();
        self.write_for(film, |tx| {
            if let Some(at) = position_of(tx, id, &key)? {
                return Err(CoreError::Conflict {
                    message: format!("{title} is already in '{}' at position {at}", list.name),
                });
            }
            let count = entry_count(tx, id)?;
            let end = count + 1;
            let to = match position {
                None => end,
                Some(p) if p >= 1 && p <= i64::from(end) => p as u32,
                Some(p) => {
                    return Err(CoreError::invalid(
                        "position",
                        format!("{p} is not a position in '{}': it has {count} films, so 1 to {end}", list.name),
                    ))
                }
            };
            tx.execute(
                "INSERT INTO list_entry (list_id, film_key, position, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, key, end, note, now()],
            )?;
            move_within(tx, id, &key, end, to)?;
            tx.execute("UPDATE film_list SET updated_at = ?2 WHERE id = ?1", params![id.0, now()])?;
            Ok(to)
        })
    }

    /// Moves a film to `position` (1-based), shifting the films in between.
    pub fn list_move(&mut self, id: ListId, key: &str, position: i64) -> Result<()> {
        let list = self.list(id)?;
        let tx = self.conn_mut().transaction()?;
        let from = position_of(&tx, id, key)?
            .ok_or_else(|| CoreError::NotFound { what: "film in the list", key: key.to_owned() })?;
        let count = entry_count(&tx, id)?;
        if position < 1 || position > i64::from(count) {
            return Err(CoreError::invalid(
                "position",
                format!("{position} is not a position in '{}': it has {count} films, so 1 to {count}", list.name),
            ));
        }
        move_within(&tx, id, key, from, position as u32)?;
        tx.execute("UPDATE film_list SET updated_at = ?2 WHERE id = ?1", params![id.0, now()])?;
        tx.commit()?;
        Ok(())
    }

    /// Puts the list in exactly this order: every film of the list once, no other.
    pub fn list_reorder(&mut self, id: ListId, keys: &[String]) -> Result<()> {
        let list = self.list(id)?;
        let current: Vec<String> = self.list_entries(id)?.into_iter().map(|(_, k, _)| k).collect();
        let mut seen = std::collections::HashSet::new();
        for key in keys {
            if !seen.insert(key.as_str()) {
                return Err(CoreError::invalid("order", format!("{key} appears twice; each film has one position")));
            }
            if !current.contains(key) {
                return Err(CoreError::invalid("order", format!("{key} is not in '{}'", list.name)));
            }
        }
        if keys.len() != current.len() {
            return Err(CoreError::invalid(
                "order",
                format!("the order names {} films but '{}' has {}", keys.len(), list.name, current.len()),
            ));
        }
        let tx = self.conn_mut().transaction()?;
        for (i, key) in keys.iter().enumerate() {
            tx.execute(
                "UPDATE list_entry SET position = ?3 WHERE list_id = ?1 AND film_key = ?2",
                params![id.0, key, i as i64 + 1],
            )?;
        }
        tx.execute("UPDATE film_list SET updated_at = ?2 WHERE id = ?1", params![id.0, now()])?;
        tx.commit()?;
        Ok(())
    }

    /// Takes a film out of a list; the films after it move up.
    pub fn list_remove(&mut self, id: ListId, key: &str) -> Result<()> {
        self.list(id)?;
        let tx = self.conn_mut().transaction()?;
        let from = position_of(&tx, id, key)?
            .ok_or_else(|| CoreError::NotFound { what: "film in the list", key: key.to_owned() })?;
        tx.execute("DELETE FROM list_entry WHERE list_id = ?1 AND film_key = ?2", params![id.0, key])?;
        tx.execute(
            "UPDATE list_entry SET position = position - 1 WHERE list_id = ?1 AND position > ?2",
            params![id.0, from],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_entry_note(&mut self, id: ListId, key: &str, note: &str) -> Result<()> {
        let note = checked_text("note", note)?;
        let n = self.conn().execute(
            "UPDATE list_entry SET note = ?3 WHERE list_id = ?1 AND film_key = ?2",
            params![id.0, key, note],
        )?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "film in the list", key: key.to_owned() });
        }
        Ok(())
    }

    /// The lists a film is in, as (list, position).
    pub fn lists_of(&self, keys: &[&str]) -> Result<Vec<(ListId, u32)>> {
        let mut stmt = self.conn().prepare_cached("SELECT list_id, position FROM list_entry WHERE film_key = ?1")?;
        let mut out = Vec::new();
        for key in keys {
            for row in stmt.query_map(params![key], |r| Ok((ListId(r.get(0)?), r.get(1)?)))? {
                out.push(row?);
            }
        }
        Ok(out)
    }
}
