//! The library in and out: imports (a service's export, or Matinee's own), exports, backups and restores.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Matinee;
use crate::error::{CoreError, Result};
use crate::library::portable::LibraryExport;
use crate::library::{list_backups, Library};
use crate::model::{BackupInfo, ImportNote, ImportOutcome, ImportPreview, ImportSource};
use crate::paths::DataDir;

/// An import ready to apply: rows of a service's export, or a whole Matinee library export.
pub enum PreparedImport {
    Export(Box<crate::import::ImportPlan>),
    Library(Box<LibraryExport>),
}

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

/// The Matinee library export among the files, when that is what they are.
pub(super) fn library_export_in(
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

impl Matinee {
    pub fn backups(&self) -> Vec<BackupInfo> {
        list_backups(&self.dir.backups())
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
}
