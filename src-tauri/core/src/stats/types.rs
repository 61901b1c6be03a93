//! What Stats answers, as the window, the CLI's `--json` and the year in review read it. Ratings are on the
//! stored scale (0 to 100) with a `…_text` in the user's display scale beside them; counts of what is not known
//! (a runtime, a director) are given as counts of their own, never folded into a zero.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{FilmKey, RatingScale};

/// The period and films Stats is asked about; all optional (all time, every film).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StatsQuery {
    /// One calendar year.
    pub year: Option<i32>,
    /// A range of local dates, `YYYY-MM-DD`, both ends included; either end may be left open.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only films with this tag of the user's (by name, case-insensitive).
    pub tag: Option<String>,
    /// The day weeks start on: `monday` (the default) or `sunday`.
    pub week_start: Option<String>,
    /// How ratings are written in the `…_text` fields (five stars unless said).
    pub scale: Option<RatingScale>,
}

/// A film as Stats names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatsFilm {
    pub key: FilmKey,
    pub title: String,
    pub year: Option<i32>,
}

/// A label and a count: a year, a month (`YYYY-MM`), a weekday, a week (the date it starts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatsPeriod {
    /// "All time", "2024", "2024-03-01 to 2024-05-31", with the tag when one is asked for.
    pub label: String,
    pub year: Option<i32>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatsTotals {
    /// Different films with a viewing in the period.
    pub films: u32,
    pub viewings: u32,
    pub rewatches: u32,
    pub first_watches: u32,
    /// Minutes watched, from the runtimes the catalogue knows.
    pub minutes: u32,
    /// Viewings of films whose runtime is not known: not in `minutes`.
    pub viewings_without_runtime: u32,
    /// Viewings with a rating given at the time, and their average and median (0 to 100).
    pub rated_viewings: u32,
    pub average_rating: Option<f64>,
    pub average_rating_text: Option<String>,
    pub median_rating: Option<f64>,
    pub median_rating_text: Option<String>,
    /// Viewings with no date: counted in "all time" only, and always said apart.
    pub undated_viewings: u32,
}

/// A year of days, for the calendar heatmap: the count of viewings on each day, 1 January first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearCalendar {
    pub year: i32,
    /// The weekday of 1 January, 0 = the first day of the week in the settings.
    pub first_column_offset: u32,
    pub days: Vec<u32>,
    pub most_in_a_day: u32,
}

/// One step of the rating spread: the viewings rated that at the time, and the films rated that now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RatingStep {
    /// 10, 20, … 100 (half a star, one star, …); 0 for a rating of zero.
    pub value: u32,
    pub label: String,
    pub viewings: u32,
    pub films: u32,
}

/// One director, actor, country, language, genre or decade, with what the period holds of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RankedEntry {
    /// A person's name, a country's or language's name, a genre, "1990s".
    pub name: String,
    /// The films it stands for, so a link can open the Diary filtered to them.
    pub films: Vec<FilmKey>,
    pub viewings: u32,
    /// The user's average rating of those films (their current rating, else the last one given at a viewing).
    pub average_rating: Option<f64>,
    pub average_rating_text: Option<String>,
    pub rated_films: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RankingKind {
    Director,
    Actor,
    Country,
    Language,
    Genre,
    Decade,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Ranking {
    pub kind: RankingKind,
    /// Most viewings first.
    pub most_watched: Vec<RankedEntry>,
    /// Highest average first, among entries with at least `min_rated` rated films.
    pub highest_rated: Vec<RankedEntry>,
    pub min_rated: u32,
    /// Films of the period for which this is not known (a film of your own, a dataset film without countries).
    pub films_unknown: u32,
}

/// A run of days or weeks in a row with a viewing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Streak {
    pub length: u32,
    /// The first and the last day (for weeks: the first day of the first and of the last week).
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatedFilm {
    pub film: StatsFilm,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Milestone {
    /// The 100th, 250th, … different film seen.
    pub number: u32,
    pub film: StatsFilm,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilmMeasure {
    pub film: StatsFilm,
    /// Minutes for the longest and shortest, the release year for the oldest, viewings for the most rewatched.
    pub value: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CrowdFilm {
    pub film: StatsFilm,
    pub rating: u32,
    pub rating_text: String,
    /// The catalogue's score, in tenths of a point out of 10 (the same 0 to 100 as a rating).
    pub score_tenths: u32,
    pub score_source: String,
    /// rating - score, in the same units.
    pub difference: i32,
}

/// The user's ratings beside the catalogue's scores, for the period's films that have both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Crowd {
    pub films: u32,
    pub average_rating: Option<f64>,
    pub average_score: Option<f64>,
    /// Where the user rates above the crowd most, then below.
    pub above: Vec<CrowdFilm>,
    pub below: Vec<CrowdFilm>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WatchlistMonth {
    pub month: String,
    /// Films on the watchlist now that were added that month.
    pub added: u32,
    /// Films on the watchlist that were first seen that month, after being added.
    pub watched: u32,
    /// Films on the watchlist now that had been added by the end of that month.
    pub size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WatchlistStats {
    /// Films on the watchlist now, and those of them not yet seen.
    pub size: u32,
    pub unseen: u32,
    pub months: Vec<WatchlistMonth>,
    /// The unseen films that have waited longest, with the day each was added.
    pub oldest: Vec<DatedFilm>,
}

/// Every figure of Stats for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Stats {
    pub period: StatsPeriod,
    /// Every year with a dated viewing, newest first (whatever the period), for switching between years.
    pub years: Vec<i32>,
    pub totals: StatsTotals,
    pub per_year: Vec<Count>,
    /// Every month of the period from the first viewing to the last (all twelve for a year), `YYYY-MM`.
    pub per_month: Vec<Count>,
    /// Seven, from the first day of the week in the settings.
    pub per_weekday: Vec<Count>,
    /// For a year.
    pub calendar: Option<YearCalendar>,
    pub rating_spread: Vec<RatingStep>,
    pub rankings: Vec<Ranking>,
    pub busiest_weekday: Option<Count>,
    pub busiest_week: Option<Count>,
    pub busiest_month: Option<Count>,
    pub first_film: Option<DatedFilm>,
    pub last_film: Option<DatedFilm>,
    /// The milestones reached in the period.
    pub milestones: Vec<Milestone>,
    pub longest_day_streak: Option<Streak>,
    pub longest_week_streak: Option<Streak>,
    pub longest_film: Option<FilmMeasure>,
    pub shortest_film: Option<FilmMeasure>,
    pub oldest_film: Option<FilmMeasure>,
    pub most_rewatched: Vec<FilmMeasure>,
    pub crowd: Crowd,
    pub watchlist: WatchlistStats,
}
