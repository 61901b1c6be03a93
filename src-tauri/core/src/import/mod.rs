//! Imports of a user's history from Letterboxd and IMDb exports: read, parse into items with their file and
//! line, match every film (IMDb id first, then folded title and year), preview what would change, then apply it
//! all in one transaction after a backup. Running the same import again changes nothing.

mod apply;
mod generic;
mod imdb;
mod input;
mod letterboxd;
mod rules;
mod table;
mod trakt;

use chrono::NaiveDate;

pub use apply::{apply, plan, preview, ImportPlan};
pub use input::{read_bytes, read_path, SourceFile};

use crate::error::{CoreError, Result};
use crate::model::{CsvMapping, FilmKind, ImportSource};

/// A film as an export names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmRef {
    pub title: String,
    pub year: Option<i32>,
    pub imdb: Option<String>,
    pub kind: Option<FilmKind>,
    /// Other services' ids for the film, as (source, id): `letterboxd` film URIs, `trakt` and `tmdb` ids. They
    /// are remembered, and a later import that brings one finds the same film even when its title changed.
    pub ids: Vec<(&'static str, String)>,
}

/// Where a row came from: the file inside the export and the line its record starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub file: String,
    pub line: u64,
}

/// One thing an export says about the user's films.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A dated (or undated) viewing; `origin` identifies the source row so a second import finds it.
    Viewing {
        film: FilmRef,
        origin: String,
        watched_on: Option<NaiveDate>,
        rating: Option<u8>,
        rewatch: bool,
        note: String,
        /// True when `note` is the user's review (not a summary Matinee wrote, such as episode counts).
        review: bool,
        tags: Vec<String>,
    },
    /// Seen at some time: an undated viewing, only when the film has no viewing at all.
    Watched {
        film: FilmRef,
    },
    /// The film's current rating, 0 to 100.
    Rating {
        film: FilmRef,
        value: u8,
    },
    Watchlist {
        film: FilmRef,
        added: Option<NaiveDate>,
    },
    List {
        name: String,
        description: String,
        ranked: bool,
    },
    ListEntry {
        list: String,
        film: FilmRef,
        position: u32,
        note: String,
    },
}

#[derive(Debug, Clone)]
pub struct Row {
    pub item: Item,
    pub at: At,
}

/// An export read and parsed: the items, the rows skipped with their reasons, the files left aside.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: ImportSource,
    /// What the user pointed at, for the batch's provenance.
    pub origin: String,
    pub rows: Vec<Row>,
    pub skipped: Vec<(At, String)>,
    pub ignored_files: Vec<(String, String)>,
    /// Every file read, with what it held and how many rows.
    pub files: Vec<(String, String, u32)>,
    /// A generic CSV's columns and the mapping used.
    pub columns: Vec<String>,
    pub mapping: Option<CsvMapping>,
}

/// Parses the files as `source`, or as the source they look like when none is given. `mapping` is for a generic
/// CSV (guessed from its header when none is given).
pub fn parse(
    files: Vec<SourceFile>,
    source: Option<ImportSource>,
    mapping: Option<CsvMapping>,
    origin: &str,
) -> Result<Parsed> {
    let source = match source {
        Some(s) => s,
        None => detect(&files)?,
    };
    let mut parsed = Parsed {
        source,
        origin: origin.to_owned(),
        rows: Vec::new(),
        skipped: Vec::new(),
        ignored_files: Vec::new(),
        files: Vec::new(),
        columns: Vec::new(),
        mapping: None,
    };
    let result = match source {
        ImportSource::Letterboxd => letterboxd::parse(&files, &mut parsed),
        ImportSource::Imdb => imdb::parse(&files, &mut parsed),
        ImportSource::Trakt => trakt::parse(&files, &mut parsed),
        ImportSource::Csv => generic::parse(&files, mapping, &mut parsed),
        other => Err(format!("imports from {} are not available yet", other.label())),
    };
    result.map_err(|message| CoreError::invalid("file", message))?;
    rules::enforce(&mut parsed, crate::library::diary::today());
    rules::renumber_lists(&mut parsed);
    rules::distinct_origins(&mut parsed);
    if parsed.rows.is_empty() && parsed.skipped.is_empty() {
        let why: Vec<String> = parsed.ignored_files.iter().map(|(f, why)| format!("{f}: {why}")).collect();
        return Err(CoreError::invalid(
            "file",
            format!(
                "{origin}: nothing to import{}",
                if why.is_empty() { String::new() } else { format!(" ({})", why.join("; ")) }
            ),
        ));
    }
    Ok(parsed)
}

/// Tells the source from the files' names and headers.
pub fn detect(files: &[SourceFile]) -> Result<ImportSource> {
    for file in files {
        let head: String =
            file.text().unwrap_or_default().lines().take(3).collect::<Vec<_>>().join("\n").to_lowercase();
        if head.contains("letterboxd uri") || head.contains("letterboxd list export") {
            return Ok(ImportSource::Letterboxd);
        }
        if head.contains("const")
            && (head.contains("your rating") || head.contains("position") || head.contains("you rated"))
        {
            return Ok(ImportSource::Imdb);
        }
        if file.base_name().ends_with(".json") || file.base_name().contains(".json.") {
            let start: String = file.text().unwrap_or_default().chars().take(4000).collect();
            if ["\"trakt\"", "\"watched_at\"", "\"listed_at\"", "\"rated_at\""].iter().any(|k| start.contains(k)) {
                return Ok(ImportSource::Trakt);
            }
        }
    }
    if let [file] = files {
        let base = file.base_name();
        if base.ends_with(".csv") || base.ends_with(".tsv") || base.ends_with(".txt") {
            let head = file.text().unwrap_or_default().lines().next().unwrap_or("").to_lowercase();
            if ["title", "name", "film", "movie"].iter().any(|w| head.contains(w)) {
                return Ok(ImportSource::Csv);
            }
        }
    }
    let names: Vec<&str> = files.iter().take(5).map(|f| f.name.as_str()).collect();
    Err(CoreError::invalid(
        "file",
        format!(
            "{} does not look like a Letterboxd, IMDb or Trakt export (no known header); name the source with --source",
            names.join(", ")
        ),
    ))
}

impl ImportSource {
    pub fn label(self) -> &'static str {
        match self {
            ImportSource::Letterboxd => "Letterboxd",
            ImportSource::Imdb => "IMDb",
            ImportSource::Trakt => "Trakt",
            ImportSource::Csv => "a CSV film list",
            ImportSource::Matinee => "Matinee",
        }
    }
}

/// Reads a date as the services write them: `2024-03-09`, `3/9/2024` (IMDb, month first), or
/// `Thu Aug 14 16:20:52 2014` (IMDb's 2017 layout).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%m/%d/%Y"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%a %b %e %H:%M:%S %Y").map(|d| d.date()))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.fZ").map(|d| d.date()))
        .ok()
}

/// A year field: four digits, or nothing.
pub fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim();
    (t.len() == 4).then(|| t.parse().ok()).flatten().filter(|y| (1870..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_layout_the_services_write() {
        let d = NaiveDate::from_ymd_opt(2014, 8, 14).unwrap();
        assert_eq!(parse_date("2014-08-14"), Some(d));
        assert_eq!(parse_date("8/14/2014"), Some(d));
        assert_eq!(parse_date("Thu Aug 14 16:20:52 2014"), Some(d));
        assert_eq!(parse_date("1991-09"), None, "a partial date is no day");
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_year("1982"), Some(1982));
        assert_eq!(parse_year(""), None);
    }
}
