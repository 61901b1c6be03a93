//! What Stats reads from the library beyond what other views read: every live viewing, as plain facts. (The
//! ratings and the watchlist's days come from `Library::ratings` and `Library::watchlist_added`.)

use chrono::NaiveDate;

use super::Library;
use crate::error::Result;

/// A live viewing as Stats reads it: (logged order, film key, date, rating given then, rewatch).
pub type ViewingFact = (i64, String, Option<NaiveDate>, Option<u8>, bool);

impl Library {
    /// Every live viewing, of the films in `only` when it is given.
    pub fn stats_viewings(&self, only: Option<&[String]>) -> Result<Vec<ViewingFact>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, film_key, watched_on, rating, rewatch FROM viewing
             WHERE deleted_at IS NULL AND (?1 IS NULL OR film_key IN (SELECT value FROM json_each(?1)))",
        )?;
        let only = only.map(|keys| serde_json::to_string(keys).expect("strings serialise"));
        let rows = stmt
            .query_map([only], |r| {
                let date: Option<String> = r.get(2)?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    r.get(3)?,
                    r.get::<_, i64>(4)? == 1,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
