//! The region and language of a dataset film's original title, derived from title.akas when the catalogue is
//! built, and read back for the card, the "More like this" shelf and Tonight's country and language constraints.
//! Always said as what it is: the region IMDb lists the original title for, not the film's country.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use super::Catalogue;
use crate::error::Result;
use crate::model::{Named, TitleOrigin};
use crate::normalise::{country_name, language_name};

/// Where a dataset film's original title comes from, derived from title.akas and kept apart from the countries
/// and languages a pack states (`film_origin`). IMDb lists a film's original title once with no region, and again
/// for each region that uses it: when exactly one region uses the original title, that region (and the language
/// the row names, when exactly one is named) is recorded. It is shown and used as what it is ("original title
/// listed for South Korea"), never as the film's country. Films a pack gives countries to are left as the pack has
/// them; so are films whose original title is used in several regions (an English title in the US, Britain,
/// Canada …), or only in a region that is no country (XWW, the world) or no longer one (SUHH).
pub(super) struct Origins<'c> {
    title: rusqlite::CachedStatement<'c>,
    stated: rusqlite::CachedStatement<'c>,
    insert: rusqlite::CachedStatement<'c>,
    film: Option<i64>,
    original: Option<String>,
    regions: Vec<String>,
    languages: Vec<String>,
    pub(super) written: u64,
}

impl<'c> Origins<'c> {
    pub(super) fn new(tx: &'c Connection) -> Result<Self> {
        Ok(Self {
            title: tx.prepare_cached("SELECT coalesce(original_title, title) FROM film WHERE id = ?1")?,
            stated: tx.prepare_cached("SELECT 1 FROM film_country WHERE film_id = ?1 LIMIT 1")?,
            insert: tx
                .prepare_cached("INSERT OR REPLACE INTO film_origin (film_id, region, language) VALUES (?1, ?2, ?3)")?,
            film: None,
            original: None,
            regions: Vec::new(),
            languages: Vec::new(),
            written: 0,
        })
    }

    /// One title.akas row of a kept film (the file lists a film's rows together).
    pub(super) fn row(&mut self, film: i64, title: &str, region: Option<&str>, language: Option<&str>) -> Result<()> {
        if self.film != Some(film) {
            self.flush()?;
            self.film = Some(film);
            self.original = self.title.query_row([film], |r| r.get(0)).optional()?;
        }
        let Some(region) = region.filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase())) else {
            return Ok(());
        };
        if self.original.as_deref() != Some(title) {
            return Ok(());
        }
        if !self.regions.iter().any(|r| r == region) {
            self.regions.push(region.to_owned());
        }
        if let Some(l) = language.filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase())) {
            if !self.languages.iter().any(|x| x == l) {
                self.languages.push(l.to_owned());
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let (Some(film), [region]) = (self.film, self.regions.as_slice()) else {
            self.regions.clear();
            self.languages.clear();
            return Ok(());
        };
        if self.stated.query_row([film], |_| Ok(())).optional()?.is_none() {
            let language = match self.languages.as_slice() {
                [one] => Some(one.as_str()),
                _ => None,
            };
            self.written += self.insert.execute(params![film, region, language])? as u64;
        }
        self.regions.clear();
        self.languages.clear();
        Ok(())
    }

    pub(super) fn finish(&mut self) -> Result<()> {
        self.flush()?;
        self.film = None;
        Ok(())
    }
}

impl Catalogue {
    /// The title origins of these films, where one was derived.
    pub fn title_origins(&self, ids: &[i64]) -> Result<HashMap<i64, TitleOrigin>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT film_id, region, language FROM film_origin WHERE film_id IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let rows = stmt
            .query_map([list], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|(id, region, language)| {
                let named = |code: String, name: Option<&str>| Named { name: name.unwrap_or(&code).to_owned(), code };
                let region_name = country_name(&region);
                let origin = TitleOrigin {
                    region: named(region, region_name),
                    language: language.map(|l| {
                        let name = language_name(&l);
                        named(l, name)
                    }),
                };
                (id, origin)
            })
            .collect())
    }

    /// The ranks of the films whose original title is listed for this region (or, `language`, in this language).
    pub fn ranks_with_origin(&self, language: bool, code: &str) -> Result<HashSet<i64>> {
        let column = if language { "language" } else { "region" };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT f.rank FROM film_origin o JOIN film f ON f.id = o.film_id WHERE o.{column} = ?1"
        ))?;
        let ranks = stmt.query_map([code], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ranks)
    }
}
