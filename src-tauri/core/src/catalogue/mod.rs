//! The catalogue: films, people, credits, genres, takes and curated links. Large and replaceable: it is
//! rebuilt from take packs into a staging file, checked, and swapped in atomically, so a crash or a full disk
//! mid-build never harms the catalogue in use or the user's library.

mod build;
pub mod dataset;
pub mod download;
mod facets;
mod facts;
mod origin;
mod pick;
mod query;
mod search_build;
mod shelf;

/// SQLite's `quick_check` of a file a build wrote (the staging catalogue, the search index's scratch file): both
/// builders use it, so it lives here rather than in either.
fn quick_check(conn: &rusqlite::Connection, what: &str) -> crate::error::Result<()> {
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(crate::error::CoreError::invalid("catalogue", format!("the new {what} failed its check: {check}")));
    }
    Ok(())
}

/// Estimates the time left in the file or step a build reports, from how far it has got in how long.
#[derive(Debug, Default)]
pub struct StepClock {
    step: String,
    started: Option<std::time::Instant>,
}

impl StepClock {
    /// Seconds left in `step`, `done` of `total` along; none until it is a twentieth done and a second old.
    pub fn seconds_left(&mut self, step: &str, done: u64, total: u64) -> Option<u64> {
        if self.step != step || self.started.is_none() {
            self.step = step.to_owned();
            self.started = Some(std::time::Instant::now());
        }
        seconds_left(self.started?.elapsed().as_secs_f64(), done, total)
    }
}

fn seconds_left(elapsed: f64, done: u64, total: u64) -> Option<u64> {
    if total == 0 || done.saturating_mul(20) < total || elapsed < 1.0 {
        return None;
    }
    let left = total.saturating_sub(done) as f64;
    Some((elapsed * left / done as f64).round() as u64)
}

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{CoreError, Result};

pub use build::{build_catalogue, PackSource, SCHEMA_VERSION};
pub use facets::{UserSets, RUNTIMES, SCORES, VOTES};
pub use pick::{Candidate, CreditRow, KnownFilm, LikeRule, PickFilter, POOL};
pub use query::FilmRow;
pub use query::COUNT_CAP;
pub use shelf::{sort_neighbours, Neighbour, SHELF_SIZE};

/// The catalogue in use, opened read-only.
pub struct Catalogue {
    conn: Connection,
    path: PathBuf,
    /// How many films it holds, counted once (a read-only file does not change).
    films: std::cell::OnceCell<u32>,
}

impl Catalogue {
    /// Opens the catalogue at `path` for reading.
    pub fn open(path: &Path) -> Result<Catalogue> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")?;
        Ok(Catalogue { conn, path: path.to_owned(), films: std::cell::OnceCell::new() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA integrity_check` says the file is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let check: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(check == "ok")
    }

    /// A value from the catalogue's meta table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

/// The fingerprint recorded in the catalogue at `path`, if it is a readable catalogue of this schema.
pub fn stored_fingerprint(path: &Path) -> Option<String> {
    let catalogue = Catalogue::open(path).ok()?;
    let schema = catalogue.meta("schema_version").ok()??;
    if schema != SCHEMA_VERSION.to_string() {
        return None;
    }
    catalogue.meta("fingerprint").ok()?
}

/// Removes a staging file left by a build that did not finish.
pub fn remove_stale_staging(path: &Path) -> Result<()> {
    let staging = staging_path(path);
    let scratch = staging.with_extension("search.sqlite3");
    let journal = |p: &Path| PathBuf::from(format!("{}-journal", p.display()));
    for p in [journal(&staging), journal(&scratch), scratch, staging] {
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| CoreError::io(&p, e))?;
        }
    }
    Ok(())
}

pub(crate) fn staging_path(path: &Path) -> PathBuf {
    path.with_extension("staging.sqlite3")
}

#[cfg(test)]
mod clock_tests {
    #[test]
    fn the_estimate_follows_the_pace_so_far() {
        assert_eq!(super::seconds_left(10.0, 25, 100), Some(30));
        assert_eq!(super::seconds_left(10.0, 100, 100), Some(0));
        assert_eq!(super::seconds_left(10.0, 4, 100), None, "too early to say");
        assert_eq!(super::seconds_left(0.5, 50, 100), None, "too early to say");
        assert_eq!(super::seconds_left(3.0, 0, 0), None);
    }
}
