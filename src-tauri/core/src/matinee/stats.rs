//! Stats over the library: the query checked field by field, the facts gathered from the library and the
//! catalogue, and the figures computed by `crate::stats`.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};

use super::tonight::quote;
use super::Matinee;
use crate::error::{CoreError, Result};
use crate::stats::{compute, FilmFacts, Period, Stats, StatsQuery, Style, ViewingFacts};

impl Matinee {
    /// Every figure of Stats for the period and tag asked for.
    pub fn stats(&self, query: &StatsQuery) -> Result<Stats> {
        let (period, style) = self.stats_period(query)?;
        let only = match &period.tag {
            Some(tag) => Some(self.library.films_tagged(tag)?),
            None => None,
        };
        let (films, viewings) = self.stats_facts(only.as_deref())?;
        Ok(compute(&films, &viewings, &period, style))
    }

    /// The facts Stats is computed from: every film with a live viewing or on the watchlist (of `only`, when
    /// given), with what the catalogue and the library know of it, and every live viewing of them.
    pub(super) fn stats_facts(&self, only: Option<&[String]>) -> Result<(Vec<FilmFacts>, Vec<ViewingFacts>)> {
        let rows = self.library.stats_viewings(only)?;
        let ratings: HashMap<String, u8> = self.library.ratings()?.into_iter().collect();
        let watchlist: HashMap<String, NaiveDate> = self
            .library
            .watchlist_added()?
            .into_iter()
            .filter(|(key, _)| only.is_none_or(|keys| keys.contains(key)))
            .filter_map(|(key, at)| Some((key, NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()?)))
            .collect();
        let mut keys: Vec<String> = rows.iter().map(|r| r.1.clone()).chain(watchlist.keys().cloned()).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut known = self.catalogue.stats_facts(&keys)?;
        let refs: HashMap<String, (String, Option<i32>)> =
            self.library.film_refs()?.into_iter().map(|(k, t, y)| (k, (t, y))).collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut films: Vec<FilmFacts> = Vec::with_capacity(keys.len());
        for key in keys {
            let mut facts = known.remove(&key).unwrap_or_else(|| {
                // A film of the user's own, or one the catalogue no longer has: what the library remembers.
                let (title, year) = refs.get(&key).cloned().unwrap_or_else(|| (key.clone(), None));
                FilmFacts { title, year, ..Default::default() }
            });
            facts.key.clone_from(&key);
            facts.rating = ratings.get(&key).copied();
            facts.watchlist_since = watchlist.get(&key).copied();
            index.insert(key, films.len());
            films.push(facts);
        }
        let viewings: Vec<ViewingFacts> = rows
            .into_iter()
            .map(|(id, key, date, rating, rewatch)| ViewingFacts { film: index[&key], date, rating, rewatch, id })
            .collect();
        Ok((films, viewings))
    }

    /// The query's period and style, each field checked and named when it is wrong.
    pub(super) fn stats_period(&self, q: &StatsQuery) -> Result<(Period, Style)> {
        let date = |field: &str, text: &Option<String>| -> Result<Option<NaiveDate>> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d").map(Some).map_err(|_| {
                    CoreError::invalid(field, format!("'{}' is not a date: write it as 2024-03-09", quote(t)))
                }),
            }
        };
        let from = date("from", &q.from)?;
        let to = date("to", &q.to)?;
        if let Some(y) = q.year {
            if !(1870..=2100).contains(&y) {
                return Err(CoreError::invalid("year", format!("{y} is not a year of films: 1870 to 2100")));
            }
            if from.is_some() || to.is_some() {
                return Err(CoreError::invalid("year", "give a year or a range of dates, not both"));
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(CoreError::invalid("from", format!("the range starts ({f}) after it ends ({t})")));
            }
        }
        let tag = match q.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => {
                let wanted = crate::text::fold(t);
                let name =
                    self.library.tags()?.into_iter().map(|(name, _)| name).find(|n| crate::text::fold(n) == wanted);
                Some(name.ok_or_else(|| CoreError::invalid("tag", format!("you have no tag '{}'", quote(t))))?)
            }
        };
        let week_start = match q.week_start.as_deref().map(str::trim).map(str::to_lowercase).as_deref() {
            None | Some("") | Some("monday") => Weekday::Mon,
            Some("sunday") => Weekday::Sun,
            Some(other) => {
                return Err(CoreError::invalid(
                    "week_start",
                    format!("weeks start on monday or sunday, not '{}'", quote(other)),
                ))
            }
        };
        let style = Style { week_start, scale: q.scale.unwrap_or_default() };
        Ok((Period { year: q.year, from, to, tag }, style))
    }
}
