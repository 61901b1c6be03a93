//! Notes search: one query over the film notes, viewing notes, list descriptions and list entry notes, folded
//! for case and diacritics, every word matched at the start of a word, the matches marked in the original text.

use rusqlite::params;

use super::Library;
use crate::error::Result;
use crate::model::{ListId, NoteSource};
use crate::text::{mark_terms, query_terms};

/// Where a piece of the user's text lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    pub source: NoteSource,
    pub film_key: Option<String>,
    pub list: Option<(ListId, String)>,
    pub watched_on: Option<String>,
    pub text: String,
}

/// A hit: the row and its text split into plain and matched parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMatch {
    pub row: NoteRow,
    pub parts: Vec<(String, bool)>,
}

/// The most hits one search returns.
const MAX_HITS: usize = 200;

impl Library {
    /// Every note, viewing note, list description and list entry note where all the words of `text` appear.
    /// A library holds thousands of these at most, so each search reads them all: the result is always exact.
    pub fn notes_search(&self, text: &str) -> Result<Vec<NoteMatch>> {
        let terms = query_terms(text);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT 'film_note' AS source, film_key, NULL AS list_id, NULL AS list_name, NULL AS watched_on,
                    body AS text, updated_at AS at FROM note
             UNION ALL
             SELECT 'viewing_note', film_key, NULL, NULL, watched_on, note, updated_at FROM viewing
             WHERE deleted_at IS NULL AND note != ''
             UNION ALL
             SELECT 'list_description', NULL, id, name, NULL, description, updated_at FROM film_list WHERE description != ''
             UNION ALL
             SELECT 'list_entry_note', e.film_key, l.id, l.name, NULL, e.note, e.added_at
             FROM list_entry e JOIN film_list l ON l.id = e.list_id WHERE e.note != ''
             ORDER BY at DESC",
        )?;
        let rows = stmt.query_map(params![], |r| {
            let source = match r.get::<_, String>("source")?.as_str() {
                "film_note" => NoteSource::FilmNote,
                "viewing_note" => NoteSource::ViewingNote,
                "list_description" => NoteSource::ListDescription,
                _ => NoteSource::ListEntryNote,
            };
            let list = match (r.get::<_, Option<i64>>("list_id")?, r.get::<_, Option<String>>("list_name")?) {
                (Some(id), Some(name)) => Some((ListId(id), name)),
                _ => None,
            };
            Ok(NoteRow {
                source,
                film_key: r.get("film_key")?,
                list,
                watched_on: r.get("watched_on")?,
                text: r.get("text")?,
            })
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let row = row?;
            if let Some(parts) = mark_terms(&row.text, &terms) {
                hits.push(NoteMatch { row, parts });
                if hits.len() == MAX_HITS {
                    break;
                }
            }
        }
        Ok(hits)
    }
}
