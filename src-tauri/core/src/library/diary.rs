//! The diary: dated viewings of films, with a rating per viewing, rewatches, notes and where it was watched.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Row};

use super::user_data::{now, FilmLabel};
use super::Library;
use crate::error::{CoreError, Result};
use crate::model::{DiaryQuery, ViewingId, ViewingInput};
use crate::rating::Rating;

/// A viewing as the library stores it; the caller joins the film's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewingRow {
    pub id: ViewingId,
    pub film_key: String,
    pub watched_on: Option<NaiveDate>,
    pub rating: Option<u8>,
    pub rewatch: bool,
    pub note: String,
    pub place: String,
}

/// The most a viewing's note or place may hold, in characters.
pub(crate) const TEXT_MAX_CHARS: usize = 20_000;

/// Today in the user's local time: the latest date a viewing may have.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Checks a viewing's date: a real calendar date, not in the future (by `today`), not before 1870.
pub fn checked_date(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid("watched_on", format!("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-03-09"))
    })?;
    check_date(date, today)?;
    Ok(date)
}

/// The rule for a viewing's date, however it comes in: not in the future (by `today`), not before 1870.
pub(crate) fn check_date(date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date > today {
        return Err(CoreError::invalid("watched_on", format!("{date} is in the future (today is {today})")));
    }
    if date.year() < 1870 {
        return Err(CoreError::invalid("watched_on", format!("{date} is before 1870, earlier than any film")));
    }
    Ok(())
}

struct CheckedInput {
    watched_on: Option<NaiveDate>,
    rating: Option<Rating>,
    note: String,
    place: String,
}

fn check_input(input: &ViewingInput, today: NaiveDate) -> Result<CheckedInput> {
    let watched_on = match input.watched_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(checked_date(d, today)?),
        None => None,
    };
    let rating = input.rating.map(|r| Rating::new(r, "rating")).transpose()?;
    for (field, text) in [("note", &input.note), ("place", &input.place)] {
        let n = text.chars().count();
        if n > TEXT_MAX_CHARS {
            return Err(CoreError::invalid(field, format!("at most {TEXT_MAX_CHARS} characters; this has {n}")));
        }
    }
    Ok(CheckedInput { watched_on, rating, note: input.note.trim().to_owned(), place: input.place.trim().to_owned() })
}

fn read_viewing(r: &Row<'_>) -> rusqlite::Result<ViewingRow> {
    let date: Option<String> = r.get("watched_on")?;
    Ok(ViewingRow {
        id: ViewingId(r.get("id")?),
        film_key: r.get("film_key")?,
        watched_on: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        rating: r.get("rating")?,
        rewatch: r.get("rewatch")?,
        note: r.get("note")?,
        place: r.get("place")?,
    })
}

const VIEWING_COLUMNS: &str = "id, film_key, watched_on, rating, rewatch, note, place";

impl Library {
    /// Logs a viewing. Without an explicit rewatch flag, it is a rewatch when the film has an earlier viewing
    /// (one dated before it, or any viewing at all when either date is unknown).
    pub fn viewing_add(&mut self, film: &FilmLabel<'_>, input: &ViewingInput, today: NaiveDate) -> Result<ViewingId> {
        let checked = check_input(input, today)?;
        let key = film.key.as_str().to_owned();
        self.write_for(film, |tx| {
            let rewatch = match input.rewatch {
                Some(flag) => flag,
                None => {
                    let earlier: i64 = tx.query_row(
                        "SELECT count(*) FROM viewing WHERE film_key = ?1 AND deleted_at IS NULL
                           AND (?2 IS NULL OR watched_on IS NULL OR watched_on <= ?2)",
                        params![key, checked.watched_on.map(|d| d.to_string())],
                        |r| r.get(0),
                    )?;
                    earlier > 0
                }
            };
            let at = now();
            tx.execute(
                "INSERT INTO viewing (film_key, watched_on, rating, rewatch, note, place, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    key,
                    checked.watched_on.map(|d| d.to_string()),
                    checked.rating.map(Rating::value),
                    rewatch,
                    checked.note,
                    checked.place,
                    at
                ],
            )?;
            Ok(ViewingId(tx.last_insert_rowid()))
        })
    }

    /// Replaces a viewing's date, rating, rewatch flag, note and place.
    pub fn viewing_update(&mut self, id: ViewingId, input: &ViewingInput, today: NaiveDate) -> Result<()> {
        let checked = check_input(input, today)?;
        let existing = self.viewing(id)?;
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "UPDATE viewing SET watched_on = ?2, rating = ?3, rewatch = ?4, note = ?5, place = ?6, updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id.0,
                checked.watched_on.map(|d| d.to_string()),
                checked.rating.map(Rating::value),
                input.rewatch.unwrap_or(existing.rewatch),
                checked.note,
                checked.place,
                now()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a viewing so that it can be brought back with `viewing_restore` (undo).
    pub fn viewing_delete(&mut self, id: ViewingId) -> Result<()> {
        self.viewing(id)?;
        self.conn().execute("UPDATE viewing SET deleted_at = ?2 WHERE id = ?1", params![id.0, now()])?;
        Ok(())
    }

    /// Brings back a deleted viewing.
    pub fn viewing_restore(&mut self, id: ViewingId) -> Result<()> {
        let n = self
            .conn()
            .execute("UPDATE viewing SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", params![id.0])?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "deleted viewing", key: id.0.to_string() });
        }
        Ok(())
    }

    /// A live viewing by id.
    pub fn viewing(&self, id: ViewingId) -> Result<ViewingRow> {
        self.conn()
            .query_row(
                &format!("SELECT {VIEWING_COLUMNS} FROM viewing WHERE id = ?1 AND deleted_at IS NULL"),
                params![id.0],
                read_viewing,
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "viewing", key: id.0.to_string() })
    }

    /// Viewings of the films with these keys, newest first (undated last).
    pub fn viewings_of(&self, keys: &[&str]) -> Result<Vec<ViewingRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {VIEWING_COLUMNS} FROM viewing WHERE film_key = ?1 AND deleted_at IS NULL"
        ))?;
        let mut out = Vec::new();
        for key in keys {
            for row in stmt.query_map(params![key], read_viewing)? {
                out.push(row?);
            }
        }
        sort_newest_first(&mut out);
        Ok(out)
    }

    /// The diary: live viewings matching the query, newest first, undated last.
    pub fn diary(&self, query: &DiaryQuery) -> Result<Vec<ViewingRow>> {
        let min_rating = query.min_rating.map(|r| Rating::new(r, "min_rating")).transpose()?.map(Rating::value);
        let tag = query.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(crate::text::fold);
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {VIEWING_COLUMNS} FROM viewing v
             WHERE deleted_at IS NULL
               AND (?1 IS NULL OR substr(watched_on, 1, 4) = printf('%04d', ?1))
               AND (?2 IS NULL OR rating >= ?2)
               AND (?3 IS NULL OR rewatch = ?3)
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM film_tag ft JOIN tag t ON t.id = ft.tag_id
                                          WHERE ft.film_key = v.film_key AND t.name_fold = ?4))
               AND (?5 IS NULL OR film_key IN (SELECT value FROM json_each(?5)))"
        ))?;
        let films = query.films.as_ref().map(|keys| serde_json::to_string(keys).expect("strings serialise"));
        let mut rows = stmt
            .query_map(params![query.year, min_rating, query.rewatch, tag, films], read_viewing)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        sort_newest_first(&mut rows);
        Ok(rows)
    }

    /// Every year with a live viewing, newest first.
    pub fn diary_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT CAST(substr(watched_on, 1, 4) AS INTEGER) AS y FROM viewing
             WHERE deleted_at IS NULL AND watched_on IS NOT NULL ORDER BY y DESC",
        )?;
        let years = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(years)
    }
}

fn sort_newest_first(rows: &mut [ViewingRow]) {
    // Dated viewings newest first, then undated ones; ties by the order they were logged, newest first.
    rows.sort_by(|a, b| match (a.watched_on, b.watched_on) {
        (Some(x), Some(y)) => y.cmp(&x).then(b.id.0.cmp(&a.id.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.id.0.cmp(&a.id.0),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_the_field_is_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert!(checked_date("2026-11-25", today).is_ok());
        for bad in ["2026-11-26", "1869-12-31", "2023-02-30", "25/11/2026", ""] {
            let e = checked_date(bad, today).unwrap_err();
            assert!(matches!(e, CoreError::Invalid { ref field, .. } if field == "watched_on"), "{bad}: {e}");
        }
    }
}
