//! The year in review: one year's figures and charts from Stats, the films rated highest that year as posters, the
//! first viewings of films released that year, and the lists those films are on. Computed from the same plain
//! facts as Stats; drawn as one SVG page (`svg`), rasterised to a PNG (`png`) and written as one self-contained
//! HTML file (`html`).

pub mod html;
pub mod png;
pub mod svg;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{FilmKey, Poster, RatingScale};
use crate::poster::poster_for;
use crate::stats::{compute, FilmFacts, Period, Stats, StatsFilm, Style, ViewingFacts};

/// Posters the page shows, and first viewings of the year's releases it names.
pub const TOP_RATED: usize = 10;
pub const NEW_RELEASES: usize = 12;
const LIST_TITLES: usize = 5;
/// Pixels per unit of the page in its PNG: 1200 units wide gives a 2400-pixel image.
pub const PNG_SCALE: f32 = 2.0;

/// A film as the year in review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewFilm {
    pub film: StatsFilm,
    pub poster: Poster,
    /// The highest rating given at a viewing that year, else the film's rating now (0 to 100).
    pub rating: Option<u32>,
    pub rating_text: Option<String>,
    /// The first viewing of the film that year.
    pub date: String,
}

/// One of the user's lists, with the films on it seen that year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewList {
    pub name: String,
    /// Films on the list.
    pub films: u32,
    /// Of those, films with a viewing that year, and the first few of their titles (in the list's order).
    pub seen: u32,
    pub seen_titles: Vec<String>,
}

/// Everything the year in review shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct YearReview {
    pub year: i32,
    /// Stats for that year.
    pub stats: Stats,
    /// The year's films by the rating given, highest first (rated ones only), up to `TOP_RATED`.
    pub top_rated: Vec<ReviewFilm>,
    /// Films released that year and seen for the first time that year, by date, up to `NEW_RELEASES`;
    /// `new_releases_total` counts them all.
    pub new_releases: Vec<ReviewFilm>,
    pub new_releases_total: u32,
    /// Lists with a film seen that year, most such films first.
    pub lists: Vec<ReviewList>,
    pub scale: RatingScale,
}

/// A list as the review reads it: its name and its films' keys in order.
pub struct ListFacts {
    pub name: String,
    pub keys: Vec<String>,
}

/// The year in review of `year`, from the facts Stats reads and the user's lists.
pub fn compute_review(
    films: &[FilmFacts],
    viewings: &[ViewingFacts],
    year: i32,
    style: Style,
    lists: &[ListFacts],
) -> YearReview {
    let period = Period { year: Some(year), ..Default::default() };
    let stats = compute(films, viewings, &period, style);
    let mut sorted: Vec<ViewingFacts> = viewings.to_vec();
    sorted.sort_by_key(|v| (v.date.is_none(), v.date, v.id));

    // Per film: the first viewing that year, the best rating given at one, and whether any viewing before it.
    let mut first_in_year: HashMap<usize, NaiveDate> = HashMap::new();
    let mut best: HashMap<usize, u8> = HashMap::new();
    let mut seen_before: HashMap<usize, bool> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for v in &sorted {
        let Some(d) = v.date else { continue };
        if d.year() < year {
            seen_before.insert(v.film, true);
            continue;
        }
        if d.year() > year {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = first_in_year.entry(v.film) {
            e.insert(d);
            order.push(v.film);
            if v.rewatch {
                seen_before.insert(v.film, true);
            }
        }
        if let Some(r) = v.rating {
            let b = best.entry(v.film).or_insert(r);
            *b = (*b).max(r);
        }
    }
    let review_film = |f: usize, rating: Option<u8>| -> ReviewFilm {
        let facts = &films[f];
        ReviewFilm {
            film: StatsFilm { key: FilmKey(facts.key.clone()), title: facts.title.clone(), year: facts.year },
            poster: poster_for(&facts.title, facts.year, facts.genres.first().map(String::as_str)),
            rating: rating.map(u32::from),
            rating_text: rating.map(|r| style.scale.format(r)),
            date: first_in_year[&f].to_string(),
        }
    };

    let mut rated: Vec<(usize, u8)> =
        order.iter().filter_map(|&f| best.get(&f).copied().or(films[f].rating).map(|r| (f, r))).collect();
    // Highest first; among equals, the one seen first that year.
    rated.sort_by_key(|&(f, r)| (std::cmp::Reverse(r), first_in_year[&f]));
    let top_rated = rated.iter().take(TOP_RATED).map(|&(f, r)| review_film(f, Some(r))).collect();

    let new: Vec<usize> = order
        .iter()
        .copied()
        .filter(|f| films[*f].year == Some(year) && !seen_before.get(f).copied().unwrap_or(false))
        .collect();
    let new_releases =
        new.iter().take(NEW_RELEASES).map(|&f| review_film(f, best.get(&f).copied().or(films[f].rating))).collect();

    let index: HashMap<&str, usize> = films.iter().enumerate().map(|(i, f)| (f.key.as_str(), i)).collect();
    let mut review_lists: Vec<ReviewList> = lists
        .iter()
        .filter_map(|l| {
            let seen: Vec<usize> = l
                .keys
                .iter()
                .filter_map(|k| index.get(k.as_str()).copied())
                .filter(|f| first_in_year.contains_key(f))
                .collect();
            (!seen.is_empty()).then(|| ReviewList {
                name: l.name.clone(),
                films: l.keys.len() as u32,
                seen: seen.len() as u32,
                seen_titles: seen.iter().take(LIST_TITLES).map(|&f| films[f].title.clone()).collect(),
            })
        })
        .collect();
    review_lists.sort_by(|a, b| b.seen.cmp(&a.seen).then_with(|| a.name.cmp(&b.name)));

    YearReview {
        year,
        stats,
        top_rated,
        new_releases,
        new_releases_total: new.len() as u32,
        lists: review_lists,
        scale: style.scale,
    }
}

/// The page's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTheme {
    #[default]
    Light,
    Dark,
}

impl ReviewTheme {
    pub fn parse(text: &str) -> Option<ReviewTheme> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(ReviewTheme::Light),
            "dark" => Some(ReviewTheme::Dark),
            _ => None,
        }
    }
}

/// Hours and minutes in words: "212 h 40 min", "45 min".
pub fn hours_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A date as the page of `year` writes it: "9 March", with its year when it is another ("28 December 2020").
pub fn day_text(date: &str, year: i32) -> String {
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) if d.year() == year => d.format("%-d %B").to_string(),
        Ok(d) => d.format("%-d %B %Y").to_string(),
        Err(_) => date.to_owned(),
    }
}

#[cfg(test)]
mod tests;
