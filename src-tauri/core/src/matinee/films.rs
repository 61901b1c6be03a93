//! Films: search with the user's filters and marks, film cards and summaries, and what a person typed resolved to
//! a film.

use super::{checked_key, merge_user_rows, not_found, Matinee};
use crate::error::{CoreError, Result};
use crate::model::{Facets, FilmCard, FilmKey, FilmKind, FilmSummary, SearchPage, SearchQuery};
use crate::poster::poster_for;

/// Film keys a search keeps or leaves out; none for no such condition.
type KeySet = Option<Vec<String>>;

impl Matinee {
    pub fn facets(&self) -> Result<Facets> {
        self.catalogue.facets()
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
    pub(super) fn mark_user(&self, films: &mut [FilmSummary]) -> Result<()> {
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

    /// The film card for a key, an IMDb id or an `mt:` key.
    pub fn film(&self, key: &str) -> Result<FilmCard> {
        let key = checked_key(key)?;
        if let Some(row) = self.catalogue.film_row(key)? {
            let mut card = self.catalogue.card(&row)?;
            card.user = self.user_part(&row)?;
            card.related = self.shelf(&row, &card.user)?;
            // The user's own take stands beside the packs' takes, signed with their name.
            if let Some(t) = &card.user.take {
                if let (Some(text), Some(line), Some(score)) = (&t.text, &t.line, t.score_tenths) {
                    card.takes.push(crate::model::Take {
                        author: self.own_author()?,
                        pack: "Your takes".into(),
                        text: text.clone(),
                        line: line.clone(),
                        score_tenths: score,
                    });
                }
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
            title_origin: None,
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
