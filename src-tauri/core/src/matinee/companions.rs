//! Companions: someone else's watchlist and seen films, read from their export (Letterboxd, IMDb, Trakt, a
//! Matinee library file) and matched to the catalogue as imports are (IMDb id, then title and year), for
//! Tonight's "watching with". Nothing of theirs enters the user's own films.

use std::collections::HashMap;

use super::transfer::library_export_in;
use super::Matinee;
use crate::error::{CoreError, Result};
use crate::import::{FilmRef, Item, SourceFile};
use crate::library::CompanionFilm;
use crate::model::Companion;

impl Matinee {
    /// Reads a companion's export and keeps their films under `name` (replacing what that name had).
    pub fn companion_add(&mut self, name: &str, files: Vec<SourceFile>, origin: &str) -> Result<Companion> {
        let films = self.companion_films_of(files, origin)?;
        self.library.companion_set(name, origin, &films)
    }

    pub fn companion_list(&self) -> Result<Vec<Companion>> {
        self.library.companions()
    }

    /// Forgets a companion; an unknown name is an error that says so.
    pub fn companion_remove(&mut self, name: &str) -> Result<()> {
        if self.library.companion_remove(name)? {
            Ok(())
        } else {
            Err(CoreError::NotFound { what: "companion", key: name.trim().to_owned() })
        }
    }

    /// A companion's films from their export, matched to the catalogue, each once. An export with no watchlist
    /// is refused: there would be nothing to pick from together.
    pub fn companion_films_of(&self, files: Vec<SourceFile>, origin: &str) -> Result<Vec<CompanionFilm>> {
        let mut films: HashMap<String, CompanionFilm> = HashMap::new();
        let mut add = |film: CompanionFilm| {
            films
                .entry(film.key.clone())
                .and_modify(|f| {
                    f.on_watchlist |= film.on_watchlist;
                    f.seen |= film.seen;
                })
                .or_insert(film);
        };
        if let Some(export) = library_export_in(&files, None)? {
            let by_key: HashMap<&str, &crate::library::portable::ExportFilm> =
                export.films.iter().map(|f| (f.key.as_str(), f)).collect();
            let film_of = |key: &str| -> Option<FilmRef> {
                by_key.get(key).map(|f| {
                    let imdb = f.imdb.clone().or_else(|| key.starts_with("tt").then(|| key.to_owned()));
                    FilmRef { title: f.title.clone(), year: f.year, imdb, kind: None, ids: Vec::new() }
                })
            };
            let seen =
                export.ratings.iter().map(|r| r.film.as_str()).chain(export.viewings.iter().map(|v| v.film.as_str()));
            for (key, watch) in export.watchlist.iter().map(|w| (w.film.as_str(), true)).chain(seen.map(|k| (k, false)))
            {
                if let Some(film) = film_of(key) {
                    add(self.companion_film(&film, Some(key), watch, !watch)?);
                }
            }
        } else {
            let parsed = crate::import::parse(files, None, None, origin)?;
            for row in &parsed.rows {
                let (film, watch) = match &row.item {
                    Item::Watchlist { film, .. } => (film, true),
                    Item::Viewing { film, .. } | Item::Watched { film } | Item::Rating { film, .. } => (film, false),
                    Item::List { .. } | Item::ListEntry { .. } => continue,
                };
                add(self.companion_film(film, None, watch, !watch)?);
            }
        }
        let mut films: Vec<CompanionFilm> = films.into_values().collect();
        if !films.iter().any(|f| f.on_watchlist) {
            return Err(CoreError::invalid(
                "file",
                format!("{origin}: no watchlist in it (a Letterboxd export or watchlist.csv, an IMDb watchlist CSV, or a Matinee library file has one)"),
            ));
        }
        films.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(films)
    }

    /// One film of a companion's, matched as imports match: the IMDb id, the key a Matinee export gave, then the
    /// title and year when exactly one catalogue film has them.
    fn companion_film(&self, film: &FilmRef, key: Option<&str>, watch: bool, seen: bool) -> Result<CompanionFilm> {
        let mut row = None;
        for k in film.imdb.as_deref().into_iter().chain(key) {
            if row.is_none() {
                row = self.catalogue.film_row(k)?;
            }
        }
        if row.is_none() {
            let found = self.catalogue.films_titled(&film.title, film.year)?;
            if found.len() == 1 {
                row = found.into_iter().next();
            }
        }
        let (key, in_catalogue) = match &row {
            Some(r) => (r.key.0.clone(), true),
            None => (format!("mt:{}", crate::text::slug(&film.title, film.year.unwrap_or(0))), false),
        };
        Ok(CompanionFilm { key, title: film.title.clone(), year: film.year, on_watchlist: watch, seen, in_catalogue })
    }
}
