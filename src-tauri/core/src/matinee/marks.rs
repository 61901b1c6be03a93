//! The user's marks on films: the watchlist, ratings, notes and tags, and the search of their notes.

use super::{Matinee, NOTE_MAX_CHARS};
use crate::error::{CoreError, Result};
use crate::library::{FilmLabel, NoteMatch};
use crate::model::{FilmSummary, NoteHit, Tag, TextPart, UserPart};
use crate::rating::Rating;

impl Matinee {
    /// The watchlist, most recently added first; with a tag, only the films with that tag.
    pub fn watchlist(&self, tag: Option<&str>) -> Result<Vec<FilmSummary>> {
        let tagged = match tag.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(self.library.films_tagged(t)?),
            None => None,
        };
        let mut out: Vec<FilmSummary> = Vec::new();
        for key in self.library.watchlist_keys()? {
            if tagged.as_ref().is_some_and(|keys| !keys.contains(&key)) {
                continue;
            }
            let summary = self.summary_of(&key)?;
            if !out.iter().any(|s| s.key == summary.key) {
                out.push(summary);
            }
        }
        Ok(out)
    }

    pub fn watchlist_set(&mut self, key: &str, on: bool) -> Result<UserPart> {
        self.write_user(key, |lib, film| lib.watchlist_set(film, on))
    }

    /// Sets the rating (0 to 100) or clears it with `None`.
    pub fn rating_set(&mut self, key: &str, value: Option<i64>) -> Result<UserPart> {
        let rating = value.map(|v| Rating::new(v, "rating")).transpose()?;
        self.write_user(key, |lib, film| lib.rating_set(film, rating))
    }

    /// Saves the note (plain text); an empty note removes it.
    pub fn note_set(&mut self, key: &str, text: &str) -> Result<UserPart> {
        let chars = text.chars().count();
        if chars > NOTE_MAX_CHARS {
            return Err(CoreError::invalid(
                "note",
                format!("a note holds at most {NOTE_MAX_CHARS} characters; this one has {chars}"),
            ));
        }
        self.write_user(key, |lib, film| lib.note_set(film, text))
    }

    pub fn tag_add(&mut self, key: &str, tag: &str) -> Result<UserPart> {
        let (film, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &film, title: &title, year, aliases: &aliases };
        self.library.tag_add(&label, tag)?;
        let keys: Vec<&str> = aliases.iter().map(String::as_str).collect();
        self.user_part_of(&keys)
    }

    pub fn tag_remove(&mut self, key: &str, tag: &str) -> Result<UserPart> {
        let keys = self.filed_key(key)?;
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.library.tag_remove(&refs, tag)?;
        self.user_part_of(&refs)
    }

    /// Renames a tag; onto an existing tag's name, the two merge.
    pub fn tag_rename(&mut self, from: &str, to: &str) -> Result<Vec<Tag>> {
        self.library.tag_rename(from, to)?;
        self.tags()
    }

    pub fn tags(&self) -> Result<Vec<Tag>> {
        Ok(self.library.tags()?.into_iter().map(|(name, films)| Tag { name, films }).collect())
    }

    /// Finds words across the user's notes, viewing notes, list descriptions and list entry notes.
    pub fn notes_search(&self, text: &str) -> Result<Vec<NoteHit>> {
        self.library
            .notes_search(text)?
            .into_iter()
            .map(|NoteMatch { row, parts }| {
                Ok(NoteHit {
                    source: row.source,
                    film: row.film_key.as_deref().map(|k| self.summary_of(k)).transpose()?,
                    list: row.list.as_ref().map(|(id, _)| *id),
                    list_name: row.list.map(|(_, name)| name),
                    watched_on: row.watched_on,
                    parts: parts.into_iter().map(|(text, hit)| TextPart { text, hit }).collect(),
                })
            })
            .collect()
    }
}
