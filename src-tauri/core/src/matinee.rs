//! `Matinee`: the one entry point the app and the CLI use. It owns both stores and joins them: the catalogue
//! says what a film is, the library says what the user made of it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::catalogue::{self, build_catalogue, Catalogue, FilmRow, PackSource};
use crate::error::{CoreError, Result};
use crate::library::portable::LibraryExport;
use crate::library::{list_backups, FilmLabel, Library, UserRow};
use crate::library::{NoteMatch, ViewingRow};
use crate::model::{
    BackupInfo, DataPaths, Diary, DiaryEntry, DiaryMonth, DiaryQuery, Facets, FilmCard, FilmKey, FilmKind, FilmSummary,
    ImportNote, ImportOutcome, ImportPreview, ImportSource, ListDetail, ListEntry, ListId, ListMembership, ListSummary,
    NoteHit, PackInfo, SearchPage, SearchQuery, Tag, TextPart, UserPart, Viewing, ViewingId, ViewingInput,
};
use crate::pack::{parse_pack, read_pack_file, STARTER_PACK, STARTER_PACK_NAME};
use crate::paths::DataDir;
use crate::poster::poster_for;
use crate::rating::Rating;

/// The longest note kept, in characters: far beyond any real note, short of a pasted book.
pub(crate) const NOTE_MAX_CHARS: usize = 100_000;
/// Start-up backups kept, newest first (migration backups are never pruned).
const DAILY_BACKUPS_KEPT: usize = 10;

/// The preview of merging a Matinee library export: only counts, there is nothing to match or skip.
fn library_import_preview<'a>(
    counts: Vec<crate::model::ImportCount>,
    files: impl Iterator<Item = &'a str>,
) -> ImportPreview {
    ImportPreview {
        source: ImportSource::Matinee,
        files: files.map(|f| ImportNote { file: f.to_owned(), line: 0, text: "library export".into() }).collect(),
        nothing_to_do: counts.iter().all(|c| c.added == 0 && c.changed == 0),
        counts,
        new_films: 0,
        new_film_rows: Vec::new(),
        weak_matches: Vec::new(),
        skipped: Vec::new(),
        ignored_files: Vec::new(),
        columns: Vec::new(),
        mapping: None,
    }
}

/// Film keys a search keeps or leaves out; none for no such condition.
type KeySet = Option<Vec<String>>;

/// An import ready to apply: rows of a service's export, or a whole Matinee library export.
pub enum PreparedImport {
    Export(Box<crate::import::ImportPlan>),
    Library(Box<LibraryExport>),
}

/// The Matinee library export among the files, when that is what they are.
fn library_export_in(
    files: &[crate::import::SourceFile],
    source: Option<ImportSource>,
) -> Result<Option<LibraryExport>> {
    let [file] = files else { return Ok(None) };
    let looks = file.bytes.len() < 256 * 1024 * 1024
        && String::from_utf8_lossy(&file.bytes[..file.bytes.len().min(200)]).contains("\"matinee-library\"");
    if !(looks || source == Some(ImportSource::Matinee)) {
        return Ok(None);
    }
    let text = file.text().map_err(|e| CoreError::invalid("file", e))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let export: LibraryExport = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        CoreError::invalid(
            "file",
            format!("{}: {} (line {}, column {})", file.name, e.path(), e.inner().line(), e.inner().column()),
        )
    })?;
    Ok(Some(export))
}

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

    /// Rebuilds the catalogue from the packs even when nothing changed. The user's data is untouched.
    pub fn rebuild_catalogue(&mut self) -> Result<()> {
        let mut notices = Vec::new();
        self.catalogue = ensure_catalogue(&self.dir, true, &mut notices)?;
        self.notices = notices;
        Ok(())
    }

    /// Builds the catalogue from the IMDb datasets in `folder` and the take packs, in a staging file that replaces
    /// the catalogue only when it is complete and checked. `progress` hears (file, bytes done, bytes total) and may
    /// cancel; the catalogue in use stays until the swap. The folder is remembered for later rebuilds.
    pub fn catalogue_build(
        &mut self,
        folder: &Path,
        progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    ) -> Result<crate::catalogue::dataset::DatasetReport> {
        let (catalogue, report, notices) = Self::build_catalogue_apart(&self.dir, folder, progress)?;
        self.install_catalogue(catalogue, notices);
        Ok(report)
    }

    /// The build of `catalogue_build` without the open stores, so a caller can keep using them (searching the
    /// old catalogue) while it runs, then `install_catalogue` the result.
    pub fn build_catalogue_apart(
        dir: &DataDir,
        folder: &Path,
        progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    ) -> Result<(Catalogue, crate::catalogue::dataset::DatasetReport, Vec<String>)> {
        let folder = std::fs::canonicalize(folder).map_err(|e| CoreError::io(folder, e))?;
        let mut notices = Vec::new();
        let request = BuildRequest { force: true, datasets: Some(&folder), progress, defer_datasets: false };
        let (catalogue, report, _) = build_if_needed(dir, request, &mut notices)?;
        Ok((catalogue, report.unwrap_or_default(), notices))
    }

    /// Puts a freshly built catalogue in use.
    pub fn install_catalogue(&mut self, catalogue: Catalogue, notices: Vec<String>) {
        self.catalogue = catalogue;
        self.notices = notices;
        self.pending_build = None;
    }

    /// What the catalogue holds and where it came from.
    pub fn catalogue_status(&self) -> Result<crate::model::CatalogueStatus> {
        let films = self.catalogue.film_count()?;
        let from_datasets: u32 =
            self.catalogue.conn().query_row("SELECT count(*) FROM film WHERE imdb_id IS NOT NULL", [], |r| r.get(0))?;
        let size = std::fs::metadata(self.dir.catalogue()).map(|m| m.len()).unwrap_or(0);
        Ok(crate::model::CatalogueStatus {
            films,
            films_with_imdb_id: from_datasets,
            packs: self.catalogue.packs()?.len() as u32,
            imdb_datasets: read_sources(&self.dir).imdb_datasets.map(|p| p.to_string_lossy().into_owned()),
            built_at: self.catalogue.meta("built_at")?,
            size_mib: (size / (1024 * 1024)) as u32,
        })
    }

    /// Validates the pack at `path`, keeps a copy in the data folder and rebuilds the catalogue with it.
    /// A pack that breaks a rule changes nothing.
    pub fn pack_import(&mut self, path: &Path) -> Result<PackInfo> {
        let pack = read_pack_file(path)?;
        let starter = parse_pack(STARTER_PACK, Path::new(STARTER_PACK_NAME))?;
        if pack.id == starter.id {
            return Err(CoreError::invalid(
                "id",
                format!(
                    "{}: the id '{}' belongs to the built-in starter pack; give the pack its own id",
                    path.display(),
                    pack.id
                ),
            ));
        }
        let folder = self.dir.packs();
        std::fs::create_dir_all(&folder).map_err(|e| CoreError::io(&folder, e))?;
        let target = folder.join(format!("{}.json", pack.id));
        let previous = std::fs::read(&target).ok();
        let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
        write_atomically(&target, &bytes)?;
        if let Err(e) = self.rebuild_catalogue() {
            // Put things back as they were: the old copy of this pack, or none.
            match previous {
                Some(old) => write_atomically(&target, &old)?,
                None => std::fs::remove_file(&target).map_err(|io| CoreError::io(&target, io))?,
            }
            return Err(e);
        }
        self.catalogue
            .packs()?
            .into_iter()
            .find(|p| p.id == pack.id)
            .ok_or_else(|| CoreError::NotFound { what: "pack", key: pack.id.clone() })
    }

    pub fn pack_list(&self) -> Result<Vec<PackInfo>> {
        self.catalogue.packs()
    }

    pub fn facets(&self) -> Result<Facets> {
        self.catalogue.facets()
    }

    pub fn backups(&self) -> Vec<BackupInfo> {
        list_backups(&self.dir.backups())
    }

    /// Searches the catalogue and marks each result with the user's watchlist and rating.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchPage> {
        let (only, exclude) = self.user_filter(query)?;
        let mut page = self.catalogue.search_keys(query, only.as_deref(), exclude.as_deref())?;
        self.mark_user(&mut page.films)?;
        Ok(page)
    }

    /// The filter values of a query's films, with their counts.
    pub fn search_facets(&self, query: &SearchQuery) -> Result<Facets> {
        self.catalogue.count_facets_for(query, &self.user_sets()?, &|| false)
    }

    /// The library's side of the filter counts: films seen, on the watchlist and under each tag, by key.
    pub fn user_sets(&self) -> Result<crate::catalogue::UserSets> {
        let mut tags = Vec::new();
        for (name, _) in self.library.tags()? {
            let keys = self.library.films_tagged(&name)?;
            tags.push((name, keys));
        }
        Ok(crate::catalogue::UserSets {
            seen: self.library.seen_keys()?,
            watchlist: self.library.watchlist_keys()?,
            tags,
        })
    }

    /// The films a query keeps (tag, seen, watchlist: the intersection) or leaves out (unseen), by key.
    fn user_filter(&self, query: &SearchQuery) -> Result<(KeySet, KeySet)> {
        let mut only: Option<Vec<String>> = None;
        // Each set names its films by every key they have, so that a film tagged under one key and seen under
        // another is in both (as the filter counts, which work by film, have it).
        let mut keep = |keys: Vec<String>| -> Result<()> {
            let keys: std::collections::HashSet<String> = self.catalogue.with_all_aliases(keys)?.into_iter().collect();
            only = Some(match only.take() {
                None => keys.into_iter().collect(),
                Some(prev) => prev.into_iter().filter(|k| keys.contains(k)).collect(),
            });
            Ok(())
        };
        if let Some(tag) = query.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            keep(self.library.films_tagged(tag)?)?;
        }
        let mut exclude = None;
        match query.seen {
            Some(crate::model::SeenFilter::Seen) => keep(self.library.seen_keys()?)?,
            Some(crate::model::SeenFilter::Watchlist) => keep(self.library.watchlist_keys()?)?,
            Some(crate::model::SeenFilter::Unseen) => exclude = Some(self.library.seen_keys()?),
            None => {}
        }
        Ok((only, exclude))
    }

    /// Marks a page of films with the user's watchlist and rating, in two queries whatever the page's size.
    fn mark_user(&self, films: &mut [FilmSummary]) -> Result<()> {
        let keys: Vec<&str> = films.iter().map(|f| f.key.as_str()).collect();
        let aliases = self.catalogue.aliases_of_keys(&keys)?;
        let every: Vec<&str> = aliases.values().flatten().map(String::as_str).collect();
        let rows = self.library.user_rows(&every)?;
        for film in films.iter_mut() {
            if let Some(keys) = aliases.get(film.key.as_str()) {
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                let user = merge_user_rows(&keys, &rows);
                film.on_watchlist = user.on_watchlist;
                film.rating = user.rating;
            }
        }
        Ok(())
    }

    fn mark_one(&self, film: &mut FilmSummary) -> Result<()> {
        if let Some(row) = self.catalogue.film_row(film.key.as_str())? {
            let user = self.user_part(&row)?;
            film.on_watchlist = user.on_watchlist;
            film.rating = user.rating;
        }
        Ok(())
    }

    /// The user's part of a film, gathered over every key the film has had.
    fn user_part(&self, row: &FilmRow) -> Result<UserPart> {
        let keys: Vec<&str> = row.aliases.iter().map(String::as_str).collect();
        self.user_part_of(&keys)
    }

    /// The user's part over these keys of one film, the canonical key first.
    fn user_part_of(&self, keys: &[&str]) -> Result<UserPart> {
        let rows = self.library.user_rows(keys)?;
        let mut part = merge_user_rows(keys, &rows);
        part.tags = self.library.tags_of(keys)?;
        for (list, position) in self.library.lists_of(keys)? {
            let row = self.library.list(list)?;
            part.lists.push(ListMembership { list, name: row.name, ranked: row.ranked, position });
        }
        part.lists.sort_by_key(|a| a.name.to_lowercase());
        part.viewings = self.library.viewings_of(keys)?.into_iter().map(viewing_of).collect();
        Ok(part)
    }

    /// The film card for a key, an IMDb id or an `mt:` key.
    pub fn film(&self, key: &str) -> Result<FilmCard> {
        let key = checked_key(key)?;
        if let Some(row) = self.catalogue.film_row(key)? {
            let mut card = self.catalogue.card(&row)?;
            card.user = self.user_part(&row)?;
            for related in &mut card.related {
                self.mark_one(&mut related.film)?;
            }
            return Ok(card);
        }
        // A film the user kept that the current catalogue does not have: show what the library knows.
        let rows = self.library.user_rows(&[key])?;
        let row = rows.get(key).ok_or_else(|| not_found(key))?;
        Ok(FilmCard {
            key: FilmKey(key.to_owned()),
            title: row.title.clone(),
            original_title: None,
            year: row.year.unwrap_or(0),
            kind: row.kind.as_deref().and_then(FilmKind::parse).unwrap_or(FilmKind::Movie),
            score: None,
            countries: Vec::new(),
            languages: Vec::new(),
            genres: Vec::new(),
            directors: Vec::new(),
            cast: Vec::new(),
            runtime_minutes: None,
            alternate_titles: Vec::new(),
            synopsis: None,
            takes: Vec::new(),
            poster: poster_for(&row.title, row.year, None),
            user: self.user_part_of(&[key])?,
            related: Vec::new(),
        })
    }

    /// The small card of a film by key: from the catalogue, else from what the library remembers of it.
    pub fn summary_of(&self, key: &str) -> Result<FilmSummary> {
        if let Some(row) = self.catalogue.film_row(key)? {
            let mut s = self.catalogue.summary(row.id)?;
            let user = self.user_part(&row)?;
            s.on_watchlist = user.on_watchlist;
            s.rating = user.rating;
            return Ok(s);
        }
        let rows = self.library.user_rows(&[key])?;
        let row = rows.get(key).cloned().unwrap_or_default();
        Ok(FilmSummary {
            key: FilmKey(key.to_owned()),
            poster: poster_for(&row.title, row.year, None),
            kind: row.kind.as_deref().and_then(FilmKind::parse).unwrap_or(FilmKind::Movie),
            title: row.title,
            year: row.year,
            score: None,
            line: None,
            directors: Vec::new(),
            genres: Vec::new(),
            on_watchlist: row.on_watchlist,
            rating: row.rating.map(u32::from),
            in_catalogue: false,
        })
    }

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

    /// Resolves a key to the film a write is about: catalogue first, then the library's own memory of it.
    fn label_for(&self, key: &str) -> Result<(FilmKey, String, Option<i32>, Vec<String>)> {
        let key = checked_key(key)?;
        if let Some(row) = self.catalogue.film_row(key)? {
            return Ok((row.key, row.title, Some(row.year), row.aliases));
        }
        let rows = self.library.user_rows(&[key])?;
        let row = rows.get(key).ok_or_else(|| not_found(key))?;
        Ok((FilmKey(key.to_owned()), row.title.clone(), row.year, vec![key.to_owned()]))
    }

    fn write_user(
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

    /// Logs a viewing of a film. When the film has no current rating yet, the viewing's rating becomes it too;
    /// after that the two are separate facts.
    pub fn viewing_log(&mut self, key: &str, input: &ViewingInput) -> Result<Viewing> {
        let (film, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &film, title: &title, year, aliases: &aliases };
        let id = self.library.viewing_add(&label, input, crate::library::today())?;
        if let Some(rating) = input.rating {
            let keys: Vec<&str> = aliases.iter().map(String::as_str).collect();
            if merge_user_rows(&keys, &self.library.user_rows(&keys)?).rating.is_none() {
                self.library.rating_set(&label, Some(crate::Rating::new(rating, "rating")?))?;
            }
        }
        Ok(viewing_of(self.library.viewing(id)?))
    }

    pub fn viewing_update(&mut self, id: ViewingId, input: &ViewingInput) -> Result<Viewing> {
        self.library.viewing_update(id, input, crate::library::today())?;
        Ok(viewing_of(self.library.viewing(id)?))
    }

    /// Deletes a viewing; `viewing_restore` undoes it.
    pub fn viewing_delete(&mut self, id: ViewingId) -> Result<()> {
        self.library.viewing_delete(id)
    }

    pub fn viewing_restore(&mut self, id: ViewingId) -> Result<Viewing> {
        self.library.viewing_restore(id)?;
        Ok(viewing_of(self.library.viewing(id)?))
    }

    /// The diary grouped by month, newest first; viewings without a date come last.
    pub fn diary(&self, query: &DiaryQuery) -> Result<Diary> {
        let rows = self.library.diary(query)?;
        let total = rows.len() as u32;
        let mut months: Vec<DiaryMonth> = Vec::new();
        let mut summaries: HashMap<String, FilmSummary> = HashMap::new();
        for row in rows {
            let month = row.watched_on.map(|d| d.format("%Y-%m").to_string());
            let film = match summaries.get(&row.film_key) {
                Some(s) => s.clone(),
                None => {
                    let s = self.summary_of(&row.film_key)?;
                    summaries.insert(row.film_key.clone(), s.clone());
                    s
                }
            };
            let entry = DiaryEntry { viewing: viewing_of(row), film };
            match months.last_mut() {
                Some(last) if last.month == month => last.entries.push(entry),
                _ => months.push(DiaryMonth { month, entries: vec![entry] }),
            }
        }
        Ok(Diary { months, total, years: self.library.diary_years()? })
    }

    fn list_summary(&self, id: ListId) -> Result<ListSummary> {
        let row = self.library.list(id)?;
        Ok(ListSummary {
            id: row.id,
            name: row.name,
            description: row.description,
            ranked: row.ranked,
            films: row.films,
        })
    }

    pub fn lists(&self) -> Result<Vec<ListSummary>> {
        self.library.lists()?.into_iter().map(|row| self.list_summary(row.id)).collect()
    }

    /// The list with this name (case and accents ignored), for the CLI.
    pub fn list_named(&self, name: &str) -> Result<ListId> {
        Ok(self.library.list_named(name)?.id)
    }

    pub fn list_get(&self, id: ListId) -> Result<ListDetail> {
        let list = self.list_summary(id)?;
        let entries = self
            .library
            .list_entries(id)?
            .into_iter()
            .map(|(position, key, note)| Ok(ListEntry { position, film: self.summary_of(&key)?, note }))
            .collect::<Result<Vec<_>>>()?;
        Ok(ListDetail { list, entries })
    }

    pub fn list_create(&mut self, name: &str, description: &str, ranked: bool) -> Result<ListSummary> {
        let id = self.library.list_create(name, description, ranked)?;
        self.list_summary(id)
    }

    pub fn list_update(
        &mut self,
        id: ListId,
        name: Option<&str>,
        description: Option<&str>,
        ranked: Option<bool>,
    ) -> Result<ListSummary> {
        self.library.list_update(id, name, description, ranked)?;
        self.list_summary(id)
    }

    pub fn list_delete(&mut self, id: ListId) -> Result<()> {
        self.library.list_delete(id)
    }

    /// Adds a film to a list at a position (1-based; the end when none).
    pub fn list_add(&mut self, id: ListId, key: &str, position: Option<i64>, note: &str) -> Result<ListDetail> {
        let (film, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &film, title: &title, year, aliases: &aliases };
        self.library.list_add(id, &label, position, note)?;
        self.list_get(id)
    }

    /// The key under which a list (or tag) holds this film: its canonical key, or the alias it was filed under.
    fn filed_key(&self, key: &str) -> Result<Vec<String>> {
        let key = checked_key(key)?;
        Ok(match self.catalogue.film_row(key)? {
            Some(row) => row.aliases,
            None => vec![key.to_owned()],
        })
    }

    pub fn list_move(&mut self, id: ListId, key: &str, position: i64) -> Result<ListDetail> {
        let entries = self.library.list_entries(id)?;
        let keys = self.filed_key(key)?;
        let filed = entries
            .iter()
            .find(|(_, k, _)| keys.contains(k))
            .map(|(_, k, _)| k.clone())
            .ok_or_else(|| CoreError::NotFound { what: "film in the list", key: key.to_owned() })?;
        self.library.list_move(id, &filed, position)?;
        self.list_get(id)
    }

    pub fn list_reorder(&mut self, id: ListId, keys: &[String]) -> Result<ListDetail> {
        self.library.list_reorder(id, keys)?;
        self.list_get(id)
    }

    pub fn list_remove(&mut self, id: ListId, key: &str) -> Result<ListDetail> {
        let entries = self.library.list_entries(id)?;
        let keys = self.filed_key(key)?;
        let filed = entries.iter().find(|(_, k, _)| keys.contains(k)).map(|(_, k, _)| k.clone());
        self.library.list_remove(id, filed.as_deref().unwrap_or(key))?;
        self.list_get(id)
    }

    pub fn list_entry_note(&mut self, id: ListId, key: &str, note: &str) -> Result<ListDetail> {
        self.library.list_entry_note(id, key, note)?;
        self.list_get(id)
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

    /// Reads and parses an export, matches its films and works out what it would change, writing nothing.
    /// Matinee's own JSON export is recognised and merged as it is.
    pub fn import_prepare(
        &mut self,
        files: Vec<crate::import::SourceFile>,
        source: Option<ImportSource>,
        origin: &str,
    ) -> Result<(PreparedImport, ImportPreview)> {
        self.import_prepare_mapped(files, source, None, origin)
    }

    /// As `import_prepare`, with the columns of a generic CSV given rather than guessed.
    pub fn import_prepare_mapped(
        &mut self,
        files: Vec<crate::import::SourceFile>,
        source: Option<ImportSource>,
        mapping: Option<crate::model::CsvMapping>,
        origin: &str,
    ) -> Result<(PreparedImport, ImportPreview)> {
        if let Some(export) = library_export_in(&files, source)? {
            let file = files.first().map(|f| f.name.clone()).unwrap_or_default();
            // A rule broken names the file as well as the place in it.
            let counts = self.library.import_export(&export, true).map_err(|e| match e {
                CoreError::Invalid { field, message } => CoreError::invalid(format!("{file}: {field}"), message),
                other => other,
            })?;
            let names = files.iter().map(|f| f.name.as_str());
            return Ok((PreparedImport::Library(Box::new(export)), library_import_preview(counts, names)));
        }
        let parsed = crate::import::parse(files, source, mapping, origin)?;
        let plan = crate::import::plan(parsed, &self.catalogue, &self.library)?;
        let preview = crate::import::preview(&plan, &mut self.library)?;
        Ok((PreparedImport::Export(Box::new(plan)), preview))
    }

    /// Applies a prepared import: a backup of the library first, then every row in one transaction.
    pub fn import_apply(
        &mut self,
        prepared: &PreparedImport,
        progress: &mut dyn FnMut(usize, usize) -> std::ops::ControlFlow<()>,
    ) -> Result<ImportOutcome> {
        let backup = self.library.backup_to_folder(&self.dir.backups(), "before-import")?;
        let applied = match prepared {
            PreparedImport::Export(plan) => crate::import::apply(plan, &mut self.library, progress),
            PreparedImport::Library(export) => self.library.import_export(export, false).map(|counts| {
                let _ = progress(1, 1);
                (0, library_import_preview(counts, std::iter::empty()))
            }),
        };
        // An import that changed nothing needs no backup of its own: on a full disk, it would only take more room.
        let (batch, preview) = applied.inspect_err(|_| {
            let _ = std::fs::remove_file(&backup);
        })?;
        Ok(ImportOutcome {
            batch: u32::try_from(batch).unwrap_or(u32::MAX),
            preview,
            backup: backup.to_string_lossy().into_owned(),
        })
    }

    /// The whole library as Matinee's documented JSON (docs/library-export.md).
    pub fn export_json(&self) -> Result<String> {
        let export = self.library.export()?;
        let mut text = serde_json::to_string_pretty(&export).expect("an export serialises");
        text.push('\n');
        Ok(text)
    }

    /// Writes diary.csv, ratings.csv and watchlist.csv into `folder` in the CSV format Letterboxd's importer reads
    /// (Title, Year, imdbID, WatchedDate, Rating10, Rewatch, Tags, Review).
    pub fn export_letterboxd(&self, folder: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(folder).map_err(|e| CoreError::io(folder, e))?;
        let export = self.library.export()?;
        let films: HashMap<&str, &crate::library::portable::ExportFilm> =
            export.films.iter().map(|f| (f.key.as_str(), f)).collect();
        let imdb = |key: &str| -> String {
            let f = films.get(key);
            f.and_then(|f| f.imdb.clone()).or_else(|| key.starts_with("tt").then(|| key.to_owned())).unwrap_or_default()
        };
        let title = |key: &str| films.get(key).map(|f| f.title.clone()).unwrap_or_default();
        let year = |key: &str| films.get(key).and_then(|f| f.year).map(|y| y.to_string()).unwrap_or_default();
        let ten = |v: u8| if v.is_multiple_of(10) { format!("{}", v / 10) } else { format!("{}.{}", v / 10, v % 10) };
        let mut tags_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for t in &export.tags {
            for f in &t.films {
                tags_of.entry(f.film.as_str()).or_default().push(t.name.as_str());
            }
        }
        let write = |name: &str, header: &[&str], rows: Vec<Vec<String>>| -> Result<PathBuf> {
            let path = folder.join(name);
            let mut w = csv::Writer::from_path(&path).map_err(|e| CoreError::io(&path, std::io::Error::other(e)))?;
            let fail = |e: csv::Error| CoreError::io(&path, std::io::Error::other(e));
            w.write_record(header).map_err(fail)?;
            for row in rows {
                w.write_record(&row).map_err(fail)?;
            }
            w.flush().map_err(|e| CoreError::io(&path, e))?;
            Ok(path)
        };
        let diary = export
            .viewings
            .iter()
            .map(|v| {
                vec![
                    title(&v.film),
                    year(&v.film),
                    imdb(&v.film),
                    v.watched_on.clone().unwrap_or_default(),
                    v.rating.map(ten).unwrap_or_default(),
                    if v.rewatch { "true".into() } else { "false".into() },
                    tags_of.get(v.film.as_str()).map(|t| t.join(", ")).unwrap_or_default(),
                    v.note.clone(),
                ]
            })
            .collect();
        let ratings =
            export.ratings.iter().map(|r| vec![title(&r.film), year(&r.film), imdb(&r.film), ten(r.value)]).collect();
        let watchlist = export.watchlist.iter().map(|w| vec![title(&w.film), year(&w.film), imdb(&w.film)]).collect();
        Ok(vec![
            write(
                "diary.csv",
                &["Title", "Year", "imdbID", "WatchedDate", "Rating10", "Rewatch", "Tags", "Review"],
                diary,
            )?,
            write("ratings.csv", &["Title", "Year", "imdbID", "Rating10"], ratings)?,
            write("watchlist.csv", &["Title", "Year", "imdbID"], watchlist)?,
        ])
    }

    /// A one-file copy of the library made with SQLite's backup API. An existing file is never overwritten.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(CoreError::Conflict {
                message: format!("{} exists already; choose a new file name", path.display()),
            });
        }
        self.library.backup_file(path)
    }

    /// Replaces the library in `dir` with the backup at `file`, after a backup of the current library. The file
    /// it replaces is kept beside it. Returns (backup of the current library, where the replaced file was kept).
    pub fn restore_from(dir: &DataDir, file: &Path) -> Result<(Option<PathBuf>, PathBuf)> {
        let safety = match Library::open(&dir.library(), &dir.backups()) {
            Ok(library) => Some(library.backup_to_folder(&dir.backups(), "before-restore")?),
            // A library that cannot be opened is kept as it is, beside the restored one.
            Err(_) => None,
        };
        let kept = crate::library::restore_backup(&dir.library(), file)?;
        Library::open(&dir.library(), &dir.backups())?;
        Ok((safety, kept))
    }

    /// Resolves what a person typed: a film key, an IMDb id, or a title with an optional "(year)". An ambiguous
    /// title is an error that lists the candidates.
    pub fn resolve(&self, text: &str) -> Result<FilmKey> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CoreError::invalid(
                "film",
                "name a film: a key, an IMDb id, or a title with an optional (year)",
            ));
        }
        if let Some(row) = self.catalogue.film_row(text)? {
            return Ok(row.key);
        }
        if !self.library.user_rows(&[text])?.is_empty() {
            return Ok(FilmKey(text.to_owned()));
        }
        let (title, year) = split_title_year(text);
        let found = self.catalogue.films_titled(title, year)?;
        if found.is_empty() {
            return self.resolve_own(text, title, year);
        }
        match found.len() {
            0 => Err(CoreError::NotFound { what: "film", key: text.to_owned() }),
            1 => Ok(found.into_iter().next().expect("one").key),
            _ => Err(CoreError::Ambiguous {
                message: format!("'{text}' names {} films; say which with a key or a (year)", found.len()),
                candidates: found.iter().map(|r| format!("{} ({})  {}", r.title, r.year, r.key)).collect(),
            }),
        }
    }
}

fn viewing_of(row: ViewingRow) -> Viewing {
    Viewing {
        id: row.id,
        watched_on: row.watched_on.map(|d| d.to_string()),
        rating: row.rating.map(u32::from),
        rewatch: row.rewatch,
        note: row.note,
        place: row.place,
    }
}

impl Matinee {
    /// The user's own films (known from imports, not in the catalogue) by folded title and optional year.
    fn resolve_own(&self, text: &str, title: &str, year: Option<i32>) -> Result<FilmKey> {
        let folded = crate::text::fold(title);
        let own: Vec<(String, String, Option<i32>)> = self
            .library
            .film_refs()?
            .into_iter()
            .filter(|(_, t, y)| crate::text::fold(t) == folded && (year.is_none() || *y == year))
            .collect();
        match own.len() {
            0 => Err(CoreError::NotFound { what: "film", key: text.to_owned() }),
            1 => Ok(FilmKey(own[0].0.clone())),
            _ => Err(CoreError::Ambiguous {
                message: format!("'{text}' names {} of your films; say which with a key or a (year)", own.len()),
                candidates: own
                    .iter()
                    .map(|(k, t, y)| format!("{t} ({})  {k}", y.map(|y| y.to_string()).unwrap_or_default()))
                    .collect(),
            }),
        }
    }
}

fn not_found(key: &str) -> CoreError {
    CoreError::NotFound { what: "film", key: key.to_owned() }
}

fn checked_key(key: &str) -> Result<&str> {
    let key = key.trim();
    if key.is_empty() {
        return Err(CoreError::invalid("key", "a film key is needed"));
    }
    if key.len() > 512 {
        return Err(CoreError::invalid("key", "a film key is at most 512 bytes"));
    }
    Ok(key)
}

/// "Title (1999)" -> ("Title", Some(1999)); anything else is all title.
fn split_title_year(text: &str) -> (&str, Option<i32>) {
    if let Some(open) = text.rfind('(') {
        if let Some(inner) = text[open + 1..].strip_suffix(')') {
            if let Ok(year) = inner.trim().parse::<i32>() {
                return (text[..open].trim(), Some(year));
            }
        }
    }
    (text, None)
}

/// One user part from the rows under every key of a film; `keys` lists the canonical key first, so its rows win.
fn merge_user_rows(keys: &[&str], rows: &HashMap<String, UserRow>) -> UserPart {
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

/// Every pack to build from: the starter pack, then the user's packs in name order. A user pack that no longer
/// loads is left out with a notice; the starter pack must always load.
fn load_packs(dir: &DataDir, notices: &mut Vec<String>) -> Result<(Vec<PackSource>, String)> {
    let mut fingerprint = Fingerprint::new();
    fingerprint.add(&catalogue::SCHEMA_VERSION.to_string());
    fingerprint.add(STARTER_PACK);
    let mut packs = vec![PackSource { pack: parse_pack(STARTER_PACK, Path::new(STARTER_PACK_NAME))?, builtin: true }];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.packs())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                notices.push(format!("{}: not loaded: {e}", file.display()));
                continue;
            }
        };
        match parse_pack(&text, &file) {
            Ok(pack) if packs.iter().any(|p| p.pack.id == pack.id) => {
                notices.push(format!("{}: not loaded: another pack has the id '{}'", file.display(), pack.id));
            }
            Ok(pack) => {
                fingerprint.add(&file.to_string_lossy());
                fingerprint.add(&text);
                packs.push(PackSource { pack, builtin: false });
            }
            Err(e) => notices.push(format!("A pack was not loaded: {e}")),
        }
    }
    Ok((packs, fingerprint.finish()))
}

/// Where the catalogue's IMDb datasets are, remembered after a successful build
/// (`catalogue-sources.json` in the data folder).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct CatalogueSources {
    imdb_datasets: Option<PathBuf>,
}

fn read_sources(dir: &DataDir) -> CatalogueSources {
    std::fs::read(dir.root().join("catalogue-sources.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_sources(dir: &DataDir, sources: &CatalogueSources) -> Result<()> {
    let text = serde_json::to_vec_pretty(sources).expect("sources serialise");
    write_atomically(&dir.root().join("catalogue-sources.json"), &text)
}

/// A build request: rebuild even when nothing changed, and which datasets to use (overriding the remembered ones).
struct BuildRequest<'a> {
    force: bool,
    datasets: Option<&'a Path>,
    progress: &'a mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    /// Leave a needed build from the remembered datasets to the caller (see `Matinee::open_deferring`).
    defer_datasets: bool,
}

/// Builds the catalogue when its packs or datasets changed (or when forced), then opens it. Datasets that were
/// used before but are gone now never cost the user the catalogue they have: it stays, with a notice.
fn ensure_catalogue(dir: &DataDir, force: bool, notices: &mut Vec<String>) -> Result<Catalogue> {
    let mut quiet = |_: &str, _: u64, _: u64| std::ops::ControlFlow::Continue(());
    let request = BuildRequest { force, datasets: None, progress: &mut quiet, defer_datasets: false };
    build_if_needed(dir, request, notices).map(|(c, _, _)| c)
}

fn build_if_needed(
    dir: &DataDir,
    request: BuildRequest<'_>,
    notices: &mut Vec<String>,
) -> Result<(Catalogue, Option<crate::catalogue::dataset::DatasetReport>, Option<PathBuf>)> {
    let path = dir.catalogue();
    // One builder at a time across processes (the app and the CLI may start together); the lock goes with
    // the file handle, also when a process dies.
    let lock_path = path.with_extension("lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| CoreError::io(&lock_path, e))?;
    lock.lock().map_err(|e| CoreError::io(&lock_path, e))?;
    catalogue::remove_stale_staging(&path)?;
    let (packs, pack_fingerprint) = load_packs(dir, notices)?;
    let remembered = read_sources(dir).imdb_datasets;
    let wanted = request.datasets.map(Path::to_path_buf).or(remembered.clone());
    let files = match &wanted {
        None => None,
        Some(folder) => match crate::catalogue::dataset::locate(folder) {
            Ok(files) => Some(files),
            Err(e) if request.datasets.is_some() => return Err(e),
            Err(e) => {
                let existing = catalogue::stored_fingerprint(&path).is_some();
                notices.push(format!(
                    "The IMDb datasets the catalogue was built from are not available ({e}).{}",
                    if existing { " The catalogue stays as it was." } else { "" }
                ));
                if existing {
                    drop(lock);
                    return Ok((Catalogue::open(&path)?, None, None));
                }
                None
            }
        },
    };
    let mut fingerprint = Fingerprint::new();
    fingerprint.add(&pack_fingerprint);
    for (name, file) in files.iter().flatten() {
        let meta = std::fs::metadata(file).map_err(|e| CoreError::io(file, e))?;
        let modified = meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
        fingerprint.add(&format!("{name}|{}|{}|{:?}", file.display(), meta.len(), modified));
    }
    let fingerprint = fingerprint.finish();
    let mut report = None;
    let stored = catalogue::stored_fingerprint(&path);
    let needed = request.force || stored.as_deref() != Some(fingerprint.as_str());
    if needed && request.defer_datasets && request.datasets.is_none() && files.is_some() {
        let folder = wanted.clone();
        if stored.is_none() {
            // Of another schema or unreadable: the take packs alone stand in until the datasets are built again
            // (under a fingerprint of their own, so the next start still asks for that build).
            let mut packs_only = Fingerprint::new();
            packs_only.add(&pack_fingerprint);
            build_catalogue(&path, &packs, &packs_only.finish(), None, &HashSet::new(), request.progress)?;
        }
        drop(lock);
        return Ok((Catalogue::open(&path)?, None, folder));
    }
    if needed {
        let own = if files.is_some() { own_film_keys(dir) } else { HashSet::new() };
        report = build_catalogue(&path, &packs, &fingerprint, files.as_deref(), &own, request.progress)?;
        if request.datasets.is_some() {
            write_sources(dir, &CatalogueSources { imdb_datasets: wanted })?;
        }
    }
    drop(lock);
    Ok((Catalogue::open(&path)?, report, None))
}

/// The `mt:` keys of the user's films (those that no catalogue knew when they came in), read from the library
/// file on a connection of its own; none when it cannot be read (the build goes on without them).
fn own_film_keys(dir: &DataDir) -> HashSet<String> {
    let read = || -> rusqlite::Result<HashSet<String>> {
        let conn = rusqlite::Connection::open_with_flags(dir.library(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut stmt = conn.prepare("SELECT key FROM film_ref WHERE key LIKE 'mt:%'")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect();
        keys
    };
    read().unwrap_or_default()
}

/// FNV-1a over every input, each followed by a separator: cheap, stable, and enough to notice a change.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
    fn add(&mut self, text: &str) {
        for byte in text.as_bytes().iter().chain(&[0u8]) {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let temp = target.with_extension("json.partial");
    let mut file = std::fs::File::create(&temp).map_err(|e| CoreError::io(&temp, e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| CoreError::io(&temp, e))?;
    std::fs::rename(&temp, target).map_err(|e| CoreError::io(target, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_year_split() {
        assert_eq!(split_title_year("White God (2014)"), ("White God", Some(2014)));
        assert_eq!(split_title_year("Se7en"), ("Se7en", None));
        assert_eq!(split_title_year("Film (Director's cut)"), ("Film (Director's cut)", None));
    }
}
