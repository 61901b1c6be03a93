//! `Matinee`: the one entry point the app and the CLI use. It owns both stores and joins them: the catalogue
//! says what a film is, the library says what the user made of it.
//!
//! Each domain's methods live in a module of their own beside this one (`films`, `marks`, `diary`, `lists`,
//! `transfer`, `catalogue`); this file holds the type, its opening, and what joins a catalogue film to the
//! user's rows, which every domain uses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::catalogue::{Catalogue, FilmRow};
use crate::error::{CoreError, Result};
use crate::library::{list_backups, FilmLabel, Library, UserRow, ViewingRow};
use crate::model::{BackupInfo, DataPaths, FilmKey, ListMembership, UserPart, Viewing};
use crate::paths::DataDir;

mod catalogue;
mod companions;
mod diary;
mod films;
mod for_you;
mod lists;
mod marks;
mod own_takes;
mod review;
mod shelf;
mod stats;
mod sync;
mod tonight;
mod transfer;

pub use catalogue::StagedPack;
use catalogue::{build_if_needed, ensure_catalogue, BuildRequest};
pub use review::{ReviewFormat, ReviewWritten};
pub use tonight::{runtime_words, CompanionFilms, NOT_TONIGHT_DAYS};
pub use transfer::PreparedImport;

/// The longest note kept, in characters: far beyond any real note, short of a pasted book.
pub(crate) const NOTE_MAX_CHARS: usize = 100_000;
/// Start-up backups kept, newest first (migration backups are never pruned).
const DAILY_BACKUPS_KEPT: usize = 10;

/// Both stores, open.
pub struct Matinee {
    dir: DataDir,
    library: Library,
    catalogue: Catalogue,
    /// Things the user should hear about from start-up (a user pack that no longer loads).
    notices: Vec<String>,
    /// The datasets folder of a catalogue build that start-up left for later (see `open_deferring`).
    pending_build: Option<PathBuf>,
}

impl Matinee {
    /// Opens the library (checked, migrated) and the catalogue (rebuilt from the packs when they changed).
    pub fn open(dir: DataDir) -> Result<Matinee> {
        let (library, mut notices) = open_library(&dir)?;
        let catalogue = ensure_catalogue(&dir, false, &mut notices)?;
        Ok(Matinee { dir, library, catalogue, notices, pending_build: None })
    }

    /// Opens the stores like `open`, without rebuilding a catalogue from the IMDb datasets at start (minutes at
    /// full scale): when the datasets changed, the catalogue in use stays; when it is of an older schema, the
    /// take packs alone stand in. Either way `pending_build` names the datasets folder, for the caller to build
    /// from with progress shown (`catalogue_build`).
    pub fn open_deferring(dir: DataDir) -> Result<Matinee> {
        let (library, mut notices) = open_library(&dir)?;
        let mut quiet = |_: &str, _: u64, _: u64| std::ops::ControlFlow::Continue(());
        let request = BuildRequest { force: false, datasets: None, progress: &mut quiet, defer_datasets: true };
        let (catalogue, _, pending_build) = build_if_needed(&dir, request, &mut notices)?;
        Ok(Matinee { dir, library, catalogue, notices, pending_build })
    }

    /// The datasets folder of a catalogue build left for later by `open_deferring`, until it is built.
    pub fn pending_build(&self) -> Option<&Path> {
        self.pending_build.as_deref()
    }

    pub fn paths(&self) -> DataPaths {
        self.dir.describe()
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The user's part of a film, gathered over every key the film has had.
    pub(super) fn user_part(&self, row: &FilmRow) -> Result<UserPart> {
        let keys: Vec<&str> = row.aliases.iter().map(String::as_str).collect();
        self.user_part_of(&keys)
    }

    /// The user's part over these keys of one film, the canonical key first.
    pub(super) fn user_part_of(&self, keys: &[&str]) -> Result<UserPart> {
        let rows = self.library.user_rows(keys)?;
        let mut part = merge_user_rows(keys, &rows);
        part.tags = self.library.tags_of(keys)?;
        for (list, position) in self.library.lists_of(keys)? {
            let row = self.library.list(list)?;
            part.lists.push(ListMembership { list, name: row.name, ranked: row.ranked, position });
        }
        part.lists.sort_by_key(|a| a.name.to_lowercase());
        part.viewings = self.library.viewings_of(keys)?.into_iter().map(viewing_of).collect();
        part.take = self.library.own_take(keys)?.map(|t| crate::model::OwnTake {
            text: t.text,
            line: t.line,
            score_tenths: t.score_tenths,
            synopsis: t.synopsis,
            updated_at: t.updated_at,
        });
        Ok(part)
    }

    /// Resolves a key to the film a write is about: catalogue first, then the library's own memory of it.
    pub(super) fn label_for(&self, key: &str) -> Result<(FilmKey, String, Option<i32>, Vec<String>)> {
        let key = checked_key(key)?;
        if let Some(row) = self.catalogue.film_row(key)? {
            return Ok((row.key, row.title, Some(row.year), row.aliases));
        }
        let rows = self.library.user_rows(&[key])?;
        let row = rows.get(key).ok_or_else(|| not_found(key))?;
        Ok((FilmKey(key.to_owned()), row.title.clone(), row.year, vec![key.to_owned()]))
    }

    pub(super) fn write_user(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut Library, &FilmLabel<'_>) -> Result<()>,
    ) -> Result<UserPart> {
        let (key, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &key, title: &title, year, aliases: &aliases };
        write(&mut self.library, &label)?;
        let keys: Vec<&str> = aliases.iter().map(String::as_str).collect();
        self.user_part_of(&keys)
    }

    /// The key under which a list (or tag) holds this film: its canonical key, or the alias it was filed under.
    pub(super) fn filed_key(&self, key: &str) -> Result<Vec<String>> {
        let key = checked_key(key)?;
        Ok(match self.catalogue.film_row(key)? {
            Some(row) => row.aliases,
            None => vec![key.to_owned()],
        })
    }
}

pub(super) fn viewing_of(row: ViewingRow) -> Viewing {
    Viewing {
        id: row.id,
        watched_on: row.watched_on.map(|d| d.to_string()),
        rating: row.rating.map(u32::from),
        rewatch: row.rewatch,
        note: row.note,
        place: row.place,
    }
}

pub(super) fn not_found(key: &str) -> CoreError {
    CoreError::NotFound { what: "film", key: key.to_owned() }
}

pub(super) fn checked_key(key: &str) -> Result<&str> {
    let key = key.trim();
    if key.is_empty() {
        return Err(CoreError::invalid("key", "a film key is needed"));
    }
    if key.len() > 512 {
        return Err(CoreError::invalid("key", "a film key is at most 512 bytes"));
    }
    Ok(key)
}

/// One user part from the rows under every key of a film; `keys` lists the canonical key first, so its rows win.
pub(super) fn merge_user_rows(keys: &[&str], rows: &HashMap<String, UserRow>) -> UserPart {
    let mut part = UserPart::default();
    let mut have_rating = false;
    let mut have_note = false;
    for key in keys {
        let Some(row) = rows.get(*key) else { continue };
        part.on_watchlist |= row.on_watchlist;
        if !have_rating {
            if let Some(r) = row.rating {
                part.rating = Some(u32::from(r));
                have_rating = true;
            }
        }
        if !have_note {
            if let Some(n) = &row.note {
                part.note = n.clone();
                part.note_updated_at = row.note_updated_at.clone();
                have_note = true;
            }
        }
    }
    part
}

/// Opens the library (creating the data folder) and takes the day's backup; a backup that fails is a notice.
fn open_library(dir: &DataDir) -> Result<(Library, Vec<String>)> {
    std::fs::create_dir_all(dir.root()).map_err(|e| CoreError::io(dir.root(), e))?;
    let library = Library::open(&dir.library(), &dir.backups())?;
    let mut notices = Vec::new();
    if let Err(e) = take_daily_backup(&library, &dir.backups()) {
        notices.push(format!("Today's backup of the library could not be written: {e}"));
    }
    Ok((library, notices))
}

/// Keeps one start-up backup a day while the library holds anything, and prunes the old ones.
fn take_daily_backup(library: &Library, folder: &Path) -> Result<()> {
    if !library.has_user_data()? {
        return Ok(());
    }
    let today = chrono::Utc::now().format("%Y%m%d").to_string();
    let daily: Vec<BackupInfo> =
        list_backups(folder).into_iter().filter(|b| b.file_name.ends_with("-daily.sqlite3")).collect();
    if daily.iter().any(|b| b.file_name.starts_with(&format!("library-{today}"))) {
        return Ok(());
    }
    library.backup_to_folder(folder, "daily")?;
    for old in
        list_backups(folder).into_iter().filter(|b| b.file_name.ends_with("-daily.sqlite3")).skip(DAILY_BACKUPS_KEPT)
    {
        let _ = std::fs::remove_file(&old.path);
    }
    Ok(())
}
