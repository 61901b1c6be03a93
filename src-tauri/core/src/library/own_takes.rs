//! The user's own takes, synopses and curated links: the user's own pack, kept in the library (precious, backed
//! up, in the JSON export) and written out as a take pack file when the user asks.

use rusqlite::{params, OptionalExtension};

use super::user_data::now;
use super::{FilmLabel, Library};
use crate::error::{CoreError, Result};

/// The longest take, synopsis and link reason kept, in characters (the pack format's own limits).
pub const TAKE_TEXT_MAX: usize = 4_000;
pub const TAKE_LINE_MAX: usize = 120;
pub const LINK_REASON_MAX: usize = 120;
pub const AUTHOR_MAX: usize = 100;

/// The user's take on one film, and their synopsis: either or both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnTakeRow {
    pub text: Option<String>,
    pub line: Option<String>,
    pub score_tenths: Option<u32>,
    pub synopsis: Option<String>,
    pub updated_at: String,
}

/// What the user's pack is called and how far its exports have got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnPackRow {
    pub pack_id: String,
    pub author: String,
    pub version: u32,
    pub exported_at: Option<String>,
}

fn checked_text(field: &str, what: &str, text: &str, max: usize) -> Result<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max {
        return Err(CoreError::invalid(field, format!("{what} is at most {max} characters")));
    }
    Ok(Some(t.to_owned()))
}

impl Library {
    /// Writes the user's take (text, one-line version, score: all three or none) and synopsis for a film; all
    /// empty removes them.
    pub fn own_take_set(
        &mut self,
        film: &FilmLabel<'_>,
        text: &str,
        line: &str,
        score_tenths: Option<u32>,
        synopsis: &str,
    ) -> Result<()> {
        let text = checked_text("text", "a take", text, TAKE_TEXT_MAX)?;
        let line = checked_text("line", "a take's one-line version", line, TAKE_LINE_MAX)?;
        let synopsis = checked_text("synopsis", "a synopsis", synopsis, TAKE_TEXT_MAX)?;
        if let Some(s) = score_tenths.filter(|s| *s > 100) {
            return Err(CoreError::invalid("score", format!("a score is 0 to 10, not {}", f64::from(s) / 10.0)));
        }
        match (&text, &line, score_tenths) {
            (Some(_), Some(_), Some(_)) | (None, None, None) => {}
            (None, _, _) if line.is_some() || score_tenths.is_some() => {
                return Err(CoreError::invalid("text", "a take needs its text, beside its one-line version and score"))
            }
            (_, None, _) => return Err(CoreError::invalid("line", "a take needs a one-line version for small cards")),
            _ => return Err(CoreError::invalid("score", "a take needs a score, 0 to 10")),
        }
        self.write_for(film, |tx| {
            if text.is_none() && synopsis.is_none() {
                tx.execute("DELETE FROM own_take WHERE film_key = ?1", [film.key.as_str()])?;
                return Ok(());
            }
            tx.execute(
                "INSERT INTO own_take (film_key, text, line, score_tenths, synopsis, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (film_key) DO UPDATE SET text = excluded.text, line = excluded.line,
                     score_tenths = excluded.score_tenths, synopsis = excluded.synopsis, updated_at = excluded.updated_at",
                params![film.key.as_str(), text, line, score_tenths, synopsis, now()],
            )?;
            Ok(())
        })
    }

    /// The user's take on a film under any of its keys.
    pub fn own_take(&self, keys: &[&str]) -> Result<Option<OwnTakeRow>> {
        for key in keys {
            let row = self
                .conn()
                .query_row(
                    "SELECT text, line, score_tenths, synopsis, updated_at FROM own_take WHERE film_key = ?1",
                    [key],
                    |r| {
                        Ok(OwnTakeRow {
                            text: r.get(0)?,
                            line: r.get(1)?,
                            score_tenths: r.get(2)?,
                            synopsis: r.get(3)?,
                            updated_at: r.get(4)?,
                        })
                    },
                )
                .optional()?;
            if row.is_some() {
                return Ok(row);
            }
        }
        Ok(None)
    }

    /// Every take of the user's, as (key, take), by key.
    pub fn own_takes(&self) -> Result<Vec<(String, OwnTakeRow)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT film_key, text, line, score_tenths, synopsis, updated_at FROM own_take ORDER BY film_key",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    OwnTakeRow {
                        text: r.get(1)?,
                        line: r.get(2)?,
                        score_tenths: r.get(3)?,
                        synopsis: r.get(4)?,
                        updated_at: r.get(5)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A curated link of the user's from one film to another, with its reason.
    pub fn own_link_set(&mut self, from: &FilmLabel<'_>, to: &FilmLabel<'_>, reason: &str) -> Result<()> {
        let Some(reason) = checked_text("reason", "a link's reason", reason, LINK_REASON_MAX)? else {
            return Err(CoreError::invalid("reason", "say why the two films go together"));
        };
        if from.key == to.key {
            return Err(CoreError::invalid("to", "a film is not linked to itself"));
        }
        // Both films are remembered, each in the transaction of its own label.
        self.write_for(to, |_| Ok(()))?;
        self.write_for(from, |tx| {
            tx.execute(
                "INSERT INTO own_link (from_key, to_key, reason, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (from_key, to_key) DO UPDATE SET reason = excluded.reason",
                params![from.key.as_str(), to.key.as_str(), reason, now()],
            )?;
            Ok(())
        })
    }

    /// Removes a link; false when there was none.
    pub fn own_link_remove(&mut self, from: &[String], to: &[String]) -> Result<bool> {
        let tx = self.conn_mut().transaction()?;
        let mut n = 0;
        for f in from {
            for t in to {
                n += tx.execute("DELETE FROM own_link WHERE from_key = ?1 AND to_key = ?2", params![f, t])?;
            }
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// Every link of the user's, as (from, to, reason, created_at).
    pub fn own_links(&self) -> Result<Vec<(String, String, String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT from_key, to_key, reason, created_at FROM own_link ORDER BY created_at, from_key, to_key",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The user's pack: its id, author and last exported version; none before a name is given.
    pub fn own_pack(&self) -> Result<Option<OwnPackRow>> {
        Ok(self
            .conn()
            .query_row("SELECT pack_id, author, version, exported_at FROM own_pack WHERE id = 1", [], |r| {
                Ok(OwnPackRow { pack_id: r.get(0)?, author: r.get(1)?, version: r.get(2)?, exported_at: r.get(3)? })
            })
            .optional()?)
    }

    /// Sets the name the user's takes are signed with; the pack's id is made once, at the first name.
    pub fn own_author_set(&mut self, author: &str) -> Result<OwnPackRow> {
        let Some(author) = checked_text("author", "your name on takes", author, AUTHOR_MAX)? else {
            return Err(CoreError::invalid("author", "give the name your takes are signed with"));
        };
        let tx = self.conn_mut().transaction()?;
        let id = format!("takes-{}-{:08x}", crate::text::slug(&author, 0).trim_end_matches("-0"), fastrand::u32(..));
        let id: String =
            id.chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-').take(64).collect();
        tx.execute(
            "INSERT INTO own_pack (id, pack_id, author, version) VALUES (1, ?1, ?2, 0)
             ON CONFLICT (id) DO UPDATE SET author = excluded.author",
            params![id, author],
        )?;
        tx.commit()?;
        Ok(self.own_pack()?.expect("just written"))
    }

    /// Counts an export of the user's pack: its version goes up by one, which is returned.
    pub fn own_pack_exported(&mut self) -> Result<u32> {
        let tx = self.conn_mut().transaction()?;
        let n = tx.execute("UPDATE own_pack SET version = version + 1, exported_at = ?1 WHERE id = 1", [now()])?;
        if n == 0 {
            return Err(CoreError::invalid("author", "give the name your takes are signed with first"));
        }
        let version: u32 = tx.query_row("SELECT version FROM own_pack WHERE id = 1", [], |r| r.get(0))?;
        tx.commit()?;
        Ok(version)
    }
}
