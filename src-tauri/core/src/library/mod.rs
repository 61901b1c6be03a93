//! The user's library: a small, precious SQLite database (WAL, synchronous FULL) that holds the watchlist,
//! ratings and notes. Checked with quick_check at every start, backed up before every migration.

mod companions;
pub(crate) mod diary;
pub(crate) mod lists;
mod migrations;
mod not_tonight;
mod notes;
mod own_takes;
pub mod portable;
mod stats;
pub mod sync_store;
pub(crate) mod tags;
mod user_data;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{CoreError, LibraryProblem, Result};
use crate::model::BackupInfo;

pub use companions::{CompanionFilm, COMPANION_NAME_MAX};
pub use diary::{checked_date, today, ViewingRow};
pub use lists::ListRow;
pub use migrations::LATEST_VERSION;
pub use notes::{NoteMatch, NoteRow};
pub use own_takes::{OwnPackRow, OwnTakeRow, LINK_REASON_MAX, TAKE_LINE_MAX};
pub use user_data::{FilmLabel, UserRow};

/// The open library database. One value owns the connection.
pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Opens (or creates) the library at `path`, checks it, backs it up into `backups` if it must be migrated,
    /// and migrates it. A damaged file or one from a newer Matinee is refused with `LibraryUnusable`; it is
    /// never reset.
    pub fn open(path: &Path, backups: &Path) -> Result<Library> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| CoreError::io(parent, e))?;
        }
        let existed = path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let corrupt = |detail: String| CoreError::LibraryUnusable {
            reason: LibraryProblem::Corrupt,
            message: format!("The library {} is damaged: {detail}", path.display()),
        };
        // Only damage is damage: a busy, read-only or missing file is an ordinary error, not a reason to restore.
        let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
                corrupt(e.to_string())
            }
            _ => CoreError::Db(e),
        };
        if existed {
            let check: std::result::Result<String, _> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
            match check {
                Ok(s) if s == "ok" => {}
                Ok(s) => return Err(corrupt(s)),
                Err(e) => return Err(classify(e)),
            }
        }
        // Read the version before anything can write to the file: a newer library is left exactly as it is.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(classify)?;
        if version > LATEST_VERSION {
            return Err(CoreError::LibraryUnusable {
                reason: LibraryProblem::TooNew,
                message: format!(
                    "The library {} was written by a newer Matinee (schema {version}; this one knows up to {LATEST_VERSION}). \
                     Update Matinee, or restore a backup.",
                    path.display()
                ),
            });
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )
        .map_err(classify)?;
        // A write transaction takes the write lock when it begins: one that read first and then asked for the lock
        // would fail at once with "database is locked" when another process wrote in between (SQLite does not
        // wait on that upgrade), while BEGIN IMMEDIATE waits out the busy timeout like any write.
        let mut conn = conn;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let mut library = Library { conn, path: path.to_owned() };
        if version > 0 && version < LATEST_VERSION {
            library.backup_to_folder(backups, &format!("before-v{}", version + 1))?;
        }
        migrations::migrate(&mut library.conn)?;
        Ok(library)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Copies the whole library with SQLite's online backup API into `folder`, named with `label` and the
    /// time, and returns the new file's path.
    pub fn backup_to_folder(&self, folder: &Path, label: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(folder).map_err(|e| CoreError::io(folder, e))?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let target = folder.join(format!("library-{stamp}-{label}.sqlite3"));
        // Written under a temporary name and renamed, so a crash never leaves a partial file that looks like a backup.
        let partial = folder.join(format!(".library-{stamp}-{label}.partial"));
        let written = self
            .conn
            .backup(rusqlite::MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)
            .map_err(CoreError::from)
            .and_then(|()| {
                std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&partial, e))
            })
            .and_then(|()| std::fs::rename(&partial, &target).map_err(|e| CoreError::io(&target, e)));
        if let Err(e) = written {
            // A backup that could not be finished (a full disk) leaves nothing behind taking room.
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        sync_folder(&target);
        Ok(target)
    }

    /// Copies the library to `path` with the online backup API.
    pub fn backup_file(&self, path: &Path) -> Result<()> {
        self.conn.backup(rusqlite::MAIN_DB, path, None::<fn(rusqlite::backup::Progress)>)?;
        std::fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(path, e))?;
        Ok(())
    }

    /// True when the library holds anything of the user's.
    pub fn has_user_data(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM film_ref", [], |r| r.get(0))?;
        Ok(n > 0)
    }
}

/// A name the user gives (a list's, a tag's): trimmed, 1 to `max` characters, with its identity for uniqueness:
/// folded for case and accents, but a name of symbols only ("❦") keeps its own characters.
pub(crate) fn checked_label(field: &str, what: &str, text: &str, max: usize) -> Result<(String, String)> {
    let name = text.trim();
    if name.is_empty() {
        return Err(CoreError::invalid(field, format!("{what} cannot be empty")));
    }
    if name.chars().count() > max {
        return Err(CoreError::invalid(field, format!("{what} is at most {max} characters")));
    }
    Ok((name.to_owned(), crate::text::name_key(name)))
}

/// The library backups in `folder`, newest first.
pub fn list_backups(folder: &Path) -> Vec<BackupInfo> {
    let mut found: Vec<BackupInfo> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("library-") && name.ends_with(".sqlite3")) {
                return None;
            }
            let size = entry.metadata().ok()?.len();
            Some(BackupInfo {
                path: entry.path().to_string_lossy().into_owned(),
                file_name: name,
                size_bytes: u32::try_from(size).unwrap_or(u32::MAX),
            })
        })
        .collect();
    // Names start with a UTC timestamp, so name order is time order.
    found.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    found
}

/// Puts `backup` in place of the library at `library_path`. The current file (damaged or not) is kept beside it
/// as `library.sqlite3.replaced-<time>`, never deleted or overwritten. The backup is checked and copied next to
/// the library before anything is moved, so a failure at any step leaves a library in place.
pub fn restore_backup(library_path: &Path, backup: &Path) -> Result<PathBuf> {
    {
        let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| CoreError::invalid("backup", format!("{} is not a usable backup: {e}", backup.display())))?;
        if check != "ok" {
            return Err(CoreError::invalid("backup", format!("{} is damaged too: {check}", backup.display())));
        }
    }
    let staging = library_path.with_extension("sqlite3.restoring");
    std::fs::copy(backup, &staging).map_err(|e| CoreError::io(backup, e))?;
    std::fs::File::open(&staging).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&staging, e))?;

    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    let kept = library_path.with_extension(format!("sqlite3.replaced-{stamp}"));
    if kept.exists() {
        let _ = std::fs::remove_file(&staging);
        return Err(CoreError::Conflict { message: format!("{} exists already; try again", kept.display()) });
    }
    if library_path.exists() {
        std::fs::rename(library_path, &kept).map_err(|e| CoreError::io(library_path, e))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", library_path.display()));
        if side.exists() {
            let moved = PathBuf::from(format!("{}{suffix}", kept.display()));
            std::fs::rename(&side, &moved).map_err(|e| CoreError::io(&side, e))?;
        }
    }
    std::fs::rename(&staging, library_path).map_err(|e| CoreError::io(library_path, e))?;
    sync_folder(library_path);
    Ok(kept)
}

/// Makes renames in the file's folder durable.
fn sync_folder(file: &Path) {
    if let Some(dir) = file.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}
