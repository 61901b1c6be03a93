//! "Not tonight": films the user set aside from Tonight's picks until a day. Keyed by film like every user row,
//! so a film keeps its mark across catalogue rebuilds and key changes.

use chrono::NaiveDate;
use rusqlite::params;

use super::user_data::now;
use super::{FilmLabel, Library};
use crate::error::{CoreError, Result};
use crate::model::{FilmKey, NotTonight};

/// The longest a film can be set aside for, in days: ten years.
pub const NOT_TONIGHT_MAX_DAYS: u32 = 3650;

impl Library {
    /// Sets the film aside from the picks until `today + days`; said again, the new day replaces the old one.
    pub fn not_tonight_set(&mut self, film: &FilmLabel<'_>, days: u32, today: NaiveDate) -> Result<NaiveDate> {
        if !(1..=NOT_TONIGHT_MAX_DAYS).contains(&days) {
            return Err(CoreError::invalid(
                "days",
                format!("a film is set aside for 1 to {NOT_TONIGHT_MAX_DAYS} days, not {days}"),
            ));
        }
        let until = today + chrono::Days::new(u64::from(days));
        self.write_for(film, |tx| {
            tx.execute(
                "INSERT INTO not_tonight (film_key, until, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_key) DO UPDATE SET until = excluded.until, added_at = excluded.added_at",
                params![film.key.as_str(), until.to_string(), now()],
            )?;
            Ok(())
        })?;
        Ok(until)
    }

    /// Lets the film be picked again. False when it was not set aside.
    pub fn not_tonight_clear(&mut self, keys: &[String]) -> Result<bool> {
        let tx = self.conn_mut().transaction()?;
        let mut n = 0;
        for key in keys {
            n += tx.execute("DELETE FROM not_tonight WHERE film_key = ?1", [key])?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// The films set aside on `today`, soonest back first.
    pub fn not_tonight_entries(&self, today: NaiveDate) -> Result<Vec<NotTonight>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.film_key, f.title, f.year, n.until FROM not_tonight n JOIN film_ref f ON f.key = n.film_key
             WHERE n.until > ?1 ORDER BY n.until, f.title",
        )?;
        let rows = stmt
            .query_map([today.to_string()], |r| {
                Ok(NotTonight { key: FilmKey(r.get(0)?), title: r.get(1)?, year: r.get(2)?, until: r.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every film on the watchlist with the time it was added, newest first.
    pub fn watchlist_added(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT film_key, added_at FROM watchlist_entry ORDER BY added_at DESC, film_key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every current rating, as (key, value 0..100).
    pub fn ratings(&self) -> Result<Vec<(String, u8)>> {
        let mut stmt = self.conn().prepare_cached("SELECT film_key, value FROM rating ORDER BY film_key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
