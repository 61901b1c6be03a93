//! Stats: every figure of a viewing life, computed from plain facts (the viewings, and what the catalogue and the
//! library know of each film) so that each can be tested on its own. `Matinee::stats` gathers the facts.
//!
//! Dates are the local calendar dates the viewings carry. Undated viewings count in "all time" and are always
//! said apart; a period (a year, a range) holds only dated ones. What is not known of a film (its runtime, its
//! director) is counted as unknown, never as zero.

mod types;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::{FilmKey, RatingScale};
pub use types::*;

/// A film as Stats needs it.
#[derive(Debug, Clone, Default)]
pub struct FilmFacts {
    pub key: String,
    pub title: String,
    pub year: Option<i32>,
    pub runtime: Option<u32>,
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub genres: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    /// The catalogue's score in tenths, and whose it is.
    pub score: Option<(u32, String)>,
    /// The user's current rating of the film.
    pub rating: Option<u8>,
    /// When it was put on the watchlist, if it is there now.
    pub watchlist_since: Option<NaiveDate>,
}

/// One viewing: its film (an index into the films), its date and the rating given that day.
#[derive(Debug, Clone, Copy)]
pub struct ViewingFacts {
    pub film: usize,
    pub date: Option<NaiveDate>,
    pub rating: Option<u8>,
    pub rewatch: bool,
    /// The order it was logged in, for ties on a day.
    pub id: i64,
}

/// The period asked for, checked.
#[derive(Debug, Clone, Default)]
pub struct Period {
    pub year: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tag: Option<String>,
}

impl Period {
    fn is_all_time(&self) -> bool {
        self.year.is_none() && self.from.is_none() && self.to.is_none()
    }

    fn holds(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.is_all_time(),
            Some(d) => {
                self.year.is_none_or(|y| d.year() == y)
                    && self.from.is_none_or(|f| d >= f)
                    && self.to.is_none_or(|t| d <= t)
            }
        }
    }
}

/// How Stats is to be written.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub week_start: Weekday,
    pub scale: RatingScale,
}

/// The different films a milestone is said for: the 100th, 250th, 500th, 750th, 1000th, then every 500th.
pub fn is_milestone(n: u32) -> bool {
    matches!(n, 100 | 250 | 500 | 750) || (n >= 1000 && n.is_multiple_of(500))
}

/// Entries a ranking lists, and the rated films an entry needs to be ranked by its average.
const TOP: usize = 10;
const MIN_RATED: u32 = 3;
const CROWD_TOP: usize = 5;
const WAITING_TOP: usize = 10;

/// Every figure for the period. `viewings` are all the live viewings (of the tag's films, when a tag is asked
/// for), in any order; `years` lists the years with a dated viewing.
pub fn compute(films: &[FilmFacts], viewings: &[ViewingFacts], period: &Period, style: Style) -> Stats {
    let mut all: Vec<ViewingFacts> = viewings.to_vec();
    all.sort_by_key(|v| (v.date.is_none(), v.date, v.id));
    let within: Vec<ViewingFacts> = all.iter().copied().filter(|v| period.holds(v.date)).collect();
    let dated: Vec<(NaiveDate, ViewingFacts)> = within.iter().filter_map(|v| v.date.map(|d| (d, *v))).collect();
    let film_ids: Vec<usize> = {
        let mut seen = HashSet::new();
        within.iter().map(|v| v.film).filter(|f| seen.insert(*f)).collect()
    };
    let text = |value: f64| rating_text(value, style.scale);
    let film = |i: usize| stats_film(&films[i]);

    // Totals.
    let rated: Vec<u8> = within.iter().filter_map(|v| v.rating).collect();
    let average = mean(rated.iter().map(|r| f64::from(*r)));
    let median = median(&rated);
    let mut minutes = 0u32;
    let mut without_runtime = 0u32;
    for v in &within {
        match films[v.film].runtime {
            Some(m) => minutes += m,
            None => without_runtime += 1,
        }
    }
    let rewatches = within.iter().filter(|v| v.rewatch).count() as u32;
    let totals = StatsTotals {
        films: film_ids.len() as u32,
        viewings: within.len() as u32,
        rewatches,
        first_watches: within.len() as u32 - rewatches,
        minutes,
        viewings_without_runtime: without_runtime,
        rated_viewings: rated.len() as u32,
        average_rating: average,
        average_rating_text: average.map(text),
        median_rating: median,
        median_rating_text: median.map(text),
        undated_viewings: all.iter().filter(|v| v.date.is_none()).count() as u32,
    };

    // Years, months, weekdays.
    let mut years: Vec<i32> = all.iter().filter_map(|v| v.date.map(|d| d.year())).collect();
    years.dedup();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut per_year_map: BTreeMap<i32, u32> = BTreeMap::new();
    let mut per_month_map: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    let mut per_weekday = [0u32; 7];
    let mut per_week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for (d, _) in &dated {
        *per_year_map.entry(d.year()).or_default() += 1;
        *per_month_map.entry((d.year(), d.month())).or_default() += 1;
        per_weekday[weekday_column(*d, style.week_start) as usize] += 1;
        *per_week.entry(week_of(*d, style.week_start)).or_default() += 1;
        *per_day.entry(*d).or_default() += 1;
    }
    let per_year: Vec<Count> = match (per_year_map.keys().next(), per_year_map.keys().next_back()) {
        (Some(&first), Some(&last)) => (first..=last)
            .map(|y| Count { label: y.to_string(), count: per_year_map.get(&y).copied().unwrap_or(0) })
            .collect(),
        _ => Vec::new(),
    };
    let months: Vec<(i32, u32)> = match period.year {
        Some(y) => (1..=12).map(|m| (y, m)).collect(),
        None => match (per_month_map.keys().next(), per_month_map.keys().next_back()) {
            (Some(&first), Some(&last)) => month_range(first, last),
            _ => Vec::new(),
        },
    };
    let per_month: Vec<Count> = months
        .iter()
        .map(|&(y, m)| Count {
            label: format!("{y:04}-{m:02}"),
            count: per_month_map.get(&(y, m)).copied().unwrap_or(0),
        })
        .collect();
    let weekday_names = week_days(style.week_start);
    let per_weekday: Vec<Count> = weekday_names
        .iter()
        .zip(per_weekday)
        .map(|(w, count)| Count { label: weekday_name(*w).to_owned(), count })
        .collect();
    let calendar = period.year.map(|year| {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a checked year");
        let days_in = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() { 366 } else { 365 };
        let days: Vec<u32> =
            (0..days_in).map(|i| per_day.get(&(first + Duration::days(i))).copied().unwrap_or(0)).collect();
        YearCalendar {
            year,
            first_column_offset: weekday_column(first, style.week_start),
            most_in_a_day: days.iter().copied().max().unwrap_or(0),
            days,
        }
    });

    // The rating spread: each viewing with the rating given then; each film with its rating now.
    let mut spread: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for r in &rated {
        spread.entry(step_of(*r)).or_default().0 += 1;
    }
    for &f in &film_ids {
        if let Some(r) = films[f].rating {
            spread.entry(step_of(r)).or_default().1 += 1;
        }
    }
    let rating_spread: Vec<RatingStep> = if spread.is_empty() {
        Vec::new()
    } else {
        let lowest = if spread.contains_key(&0) { 0 } else { 10 };
        (lowest..=100)
            .step_by(10)
            .map(|value| {
                let (viewings, films) = spread.get(&value).copied().unwrap_or((0, 0));
                RatingStep { value, label: style.scale.format(value as u8), viewings, films }
            })
            .collect()
    };

    // Rankings.
    let last_viewing_rating: HashMap<usize, u8> =
        all.iter().filter_map(|v| v.rating.map(|r| (v.film, r))).collect::<HashMap<_, _>>();
    let film_rating = |f: usize| films[f].rating.or_else(|| last_viewing_rating.get(&f).copied());
    let mut viewings_of: HashMap<usize, u32> = HashMap::new();
    for v in &within {
        *viewings_of.entry(v.film).or_default() += 1;
    }
    let rankings = [
        RankingKind::Director,
        RankingKind::Actor,
        RankingKind::Country,
        RankingKind::Language,
        RankingKind::Genre,
        RankingKind::Decade,
    ]
    .into_iter()
    .map(|kind| {
        let names = |f: &FilmFacts| -> Vec<String> {
            match kind {
                RankingKind::Director => f.directors.clone(),
                RankingKind::Actor => f.cast.clone(),
                RankingKind::Country => f.countries.clone(),
                RankingKind::Language => f.languages.clone(),
                RankingKind::Genre => f.genres.clone(),
                RankingKind::Decade => f.year.map(|y| vec![format!("{}s", y.div_euclid(10) * 10)]).unwrap_or_default(),
            }
        };
        ranking(kind, &film_ids, films, &viewings_of, &film_rating, names, style.scale)
    })
    .collect();

    // Busiest, first and last.
    let busiest_of = |map: &BTreeMap<String, u32>| {
        map.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, c)| Count { label: l.clone(), count: *c })
    };
    let busiest_weekday = per_weekday.iter().filter(|c| c.count > 0).max_by(|a, b| a.count.cmp(&b.count)).cloned();
    let busiest_weekday = busiest_weekday.map(|best| {
        // The first of equals in the week's order.
        per_weekday.iter().find(|c| c.count == best.count).cloned().expect("it is there")
    });
    let busiest_week = busiest_of(&per_week.iter().map(|(d, c)| (d.to_string(), *c)).collect());
    let busiest_month = busiest_of(&per_month_map.iter().map(|((y, m), c)| (format!("{y:04}-{m:02}"), *c)).collect());
    let first_film = dated.first().map(|(d, v)| DatedFilm { film: film(v.film), date: d.to_string() });
    let last_film = dated.last().map(|(d, v)| DatedFilm { film: film(v.film), date: d.to_string() });

    // Milestones over the whole history (dated viewings in order), said when they fall in the period.
    let mut milestones = Vec::new();
    let mut counted = HashSet::new();
    for v in all.iter().filter(|v| v.date.is_some()) {
        if counted.insert(v.film) {
            let n = counted.len() as u32;
            if is_milestone(n) && period.holds(v.date) {
                milestones.push(Milestone { number: n, film: film(v.film), date: v.date.expect("dated").to_string() });
            }
        }
    }

    // Streaks.
    let days: Vec<NaiveDate> = per_day.keys().copied().collect();
    let weeks: Vec<NaiveDate> = per_week.keys().copied().collect();
    let longest_day_streak = longest_run(&days, 1);
    let longest_week_streak = longest_run(&weeks, 7);

    // Films: longest, shortest, oldest, most rewatched.
    let measure = |f: usize, value: u32| FilmMeasure { film: film(f), value };
    let with_runtime: Vec<(usize, u32)> = film_ids.iter().filter_map(|&f| films[f].runtime.map(|m| (f, m))).collect();
    let longest_film =
        with_runtime.iter().max_by_key(|(f, m)| (*m, std::cmp::Reverse(*f))).map(|&(f, m)| measure(f, m));
    let shortest_film = with_runtime.iter().min_by_key(|(f, m)| (*m, *f)).map(|&(f, m)| measure(f, m));
    let oldest_film = film_ids
        .iter()
        .filter_map(|&f| films[f].year.map(|y| (f, y)))
        .min_by_key(|(f, y)| (*y, *f))
        .map(|(f, y)| measure(f, y.max(0) as u32));
    let mut rewatched: Vec<(usize, u32)> = viewings_of.iter().filter(|(_, n)| **n > 1).map(|(f, n)| (*f, *n)).collect();
    rewatched.sort_by(|a, b| b.1.cmp(&a.1).then(films[a.0].title.cmp(&films[b.0].title)));
    let most_rewatched = rewatched.into_iter().take(TOP).map(|(f, n)| measure(f, n)).collect();

    Stats {
        period: period_label(period),
        years,
        totals,
        per_year,
        per_month,
        per_weekday,
        calendar,
        rating_spread,
        rankings,
        busiest_weekday,
        busiest_week,
        busiest_month,
        first_film,
        last_film,
        milestones,
        longest_day_streak,
        longest_week_streak,
        longest_film,
        shortest_film,
        oldest_film,
        most_rewatched,
        crowd: crowd(&film_ids, films, &film_rating, style.scale),
        watchlist: watchlist(films, &all, period),
    }
}

fn stats_film(f: &FilmFacts) -> StatsFilm {
    StatsFilm { key: FilmKey(f.key.clone()), title: f.title.clone(), year: f.year }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

fn median(values: &[u8]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 { f64::from(v[mid]) } else { (f64::from(v[mid - 1]) + f64::from(v[mid])) / 2.0 })
}

/// An average or median in the display scale: "3.62/5", "7.2/10", "72/100".
pub fn rating_text(value: f64, scale: RatingScale) -> String {
    match scale {
        RatingScale::FiveStars => format!("{:.2}/5", value / 20.0),
        RatingScale::TenPoint => format!("{:.1}/10", value / 10.0),
        RatingScale::HundredPoint => format!("{value:.0}/100"),
    }
}

/// The step of the spread a rating falls on: half stars (10, 20, … 100), whole points out of ten.
fn step_of(rating: u8) -> u32 {
    (u32::from(rating) + 5) / 10 * 10
}

/// 0 for the first day of the week, 6 for the last.
fn weekday_column(d: NaiveDate, start: Weekday) -> u32 {
    (d.weekday().num_days_from_monday() + 7 - start.num_days_from_monday()) % 7
}

/// The first day of the week `d` is in.
fn week_of(d: NaiveDate, start: Weekday) -> NaiveDate {
    d - Duration::days(i64::from(weekday_column(d, start)))
}

fn week_days(start: Weekday) -> [Weekday; 7] {
    let mut out = [start; 7];
    for i in 1..7 {
        out[i] = out[i - 1].succ();
    }
    out
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month_range(first: (i32, u32), last: (i32, u32)) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The longest run of sorted, distinct dates that are `step` days apart.
fn longest_run(dates: &[NaiveDate], step: i64) -> Option<Streak> {
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    for i in 0..dates.len() {
        if i > 0 && (dates[i] - dates[i - 1]).num_days() != step {
            start = i;
        }
        if best.is_none_or(|(s, e)| i - start > e - s) {
            best = Some((start, i));
        }
    }
    best.map(|(s, e)| Streak { length: (e - s + 1) as u32, from: dates[s].to_string(), to: dates[e].to_string() })
}

fn ranking(
    kind: RankingKind,
    film_ids: &[usize],
    films: &[FilmFacts],
    viewings_of: &HashMap<usize, u32>,
    film_rating: &dyn Fn(usize) -> Option<u8>,
    names: impl Fn(&FilmFacts) -> Vec<String>,
    scale: RatingScale,
) -> Ranking {
    let mut entries: HashMap<String, (Vec<usize>, u32)> = HashMap::new();
    let mut unknown = 0;
    for &f in film_ids {
        let mut of = names(&films[f]);
        of.dedup();
        if of.is_empty() {
            unknown += 1;
        }
        for name in of {
            let e = entries.entry(name).or_default();
            if !e.0.contains(&f) {
                e.0.push(f);
                e.1 += viewings_of.get(&f).copied().unwrap_or(0);
            }
        }
    }
    let mut all: Vec<RankedEntry> = entries
        .into_iter()
        .map(|(name, (ids, viewings))| {
            let ratings: Vec<f64> = ids.iter().filter_map(|&f| film_rating(f)).map(f64::from).collect();
            let average = mean(ratings.iter().copied());
            RankedEntry {
                name,
                films: ids.iter().map(|&f| FilmKey(films[f].key.clone())).collect(),
                viewings,
                average_rating: average,
                average_rating_text: average.map(|a| rating_text(a, scale)),
                rated_films: ratings.len() as u32,
            }
        })
        .collect();
    all.sort_by(|a, b| b.viewings.cmp(&a.viewings).then(b.films.len().cmp(&a.films.len())).then(a.name.cmp(&b.name)));
    let most_watched: Vec<RankedEntry> = all.iter().take(TOP).cloned().collect();
    let mut rated: Vec<RankedEntry> = all.into_iter().filter(|e| e.rated_films >= MIN_RATED).collect();
    rated.sort_by(|a, b| {
        b.average_rating
            .partial_cmp(&a.average_rating)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.rated_films.cmp(&a.rated_films))
            .then(a.name.cmp(&b.name))
    });
    rated.truncate(TOP);
    Ranking { kind, most_watched, highest_rated: rated, min_rated: MIN_RATED, films_unknown: unknown }
}

fn crowd(
    film_ids: &[usize],
    films: &[FilmFacts],
    film_rating: &dyn Fn(usize) -> Option<u8>,
    scale: RatingScale,
) -> Crowd {
    let mut both: Vec<CrowdFilm> = film_ids
        .iter()
        .filter_map(|&f| {
            let (score, source) = films[f].score.clone()?;
            let rating = film_rating(f)?;
            Some(CrowdFilm {
                film: stats_film(&films[f]),
                rating: u32::from(rating),
                rating_text: scale.format(rating),
                score_tenths: score,
                score_source: source,
                difference: i32::from(rating) - score as i32,
            })
        })
        .collect();
    let average_rating = mean(both.iter().map(|c| f64::from(c.rating)));
    let average_score = mean(both.iter().map(|c| f64::from(c.score_tenths)));
    both.sort_by(|a, b| b.difference.cmp(&a.difference).then(a.film.title.cmp(&b.film.title)));
    let above: Vec<CrowdFilm> = both.iter().filter(|c| c.difference > 0).take(CROWD_TOP).cloned().collect();
    let below: Vec<CrowdFilm> = both.iter().rev().filter(|c| c.difference < 0).take(CROWD_TOP).cloned().collect();
    Crowd { films: both.len() as u32, average_rating, average_score, above, below }
}

fn watchlist(films: &[FilmFacts], all: &[ViewingFacts], period: &Period) -> WatchlistStats {
    let mut first_seen: HashMap<usize, Option<NaiveDate>> = HashMap::new();
    for v in all {
        // Viewings are in date order, undated last: the first one kept is the earliest.
        first_seen.entry(v.film).or_insert(v.date);
    }
    let on: Vec<(usize, NaiveDate)> =
        films.iter().enumerate().filter_map(|(i, f)| f.watchlist_since.map(|d| (i, d))).collect();
    let mut unseen: Vec<(usize, NaiveDate)> = on.iter().copied().filter(|(f, _)| !first_seen.contains_key(f)).collect();
    unseen.sort_by(|a, b| a.1.cmp(&b.1).then(films[a.0].title.cmp(&films[b.0].title)));
    let mut added: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    let mut watched: BTreeMap<(i32, u32), u32> = BTreeMap::new();
    for &(f, since) in &on {
        *added.entry((since.year(), since.month())).or_default() += 1;
        if let Some(Some(seen)) = first_seen.get(&f) {
            if *seen >= since {
                *watched.entry((seen.year(), seen.month())).or_default() += 1;
            }
        }
    }
    let last = added.keys().chain(watched.keys()).max().copied();
    let months = match (added.keys().next().copied(), last) {
        (Some(first), Some(last)) => month_range(first, last),
        _ => Vec::new(),
    };
    let mut size = 0;
    let months = months
        .into_iter()
        .map(|(y, m)| {
            let a = added.get(&(y, m)).copied().unwrap_or(0);
            size += a;
            let watched = watched.get(&(y, m)).copied().unwrap_or(0);
            (y, m, WatchlistMonth { month: format!("{y:04}-{m:02}"), added: a, watched, size })
        })
        .filter(|(y, m, _)| month_overlaps(period, *y, *m))
        .map(|(_, _, wm)| wm)
        .collect();
    WatchlistStats {
        size: on.len() as u32,
        unseen: unseen.len() as u32,
        months,
        oldest: unseen
            .into_iter()
            .take(WAITING_TOP)
            .map(|(f, d)| DatedFilm { film: stats_film(&films[f]), date: d.to_string() })
            .collect(),
    }
}

/// True when some day of the month is in the period.
fn month_overlaps(period: &Period, y: i32, m: u32) -> bool {
    let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) else { return false };
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    let last = next.map_or(first, |n| n - Duration::days(1));
    period.year.is_none_or(|py| py == y)
        && period.from.is_none_or(|f| last >= f)
        && period.to.is_none_or(|t| first <= t)
}

fn period_label(period: &Period) -> StatsPeriod {
    let mut label = match (period.year, period.from, period.to) {
        (Some(y), _, _) => y.to_string(),
        (None, Some(f), Some(t)) => format!("{f} to {t}"),
        (None, Some(f), None) => format!("Since {f}"),
        (None, None, Some(t)) => format!("Until {t}"),
        (None, None, None) => "All time".to_owned(),
    };
    if let Some(tag) = &period.tag {
        label.push_str(&format!(", tagged “{tag}”"));
    }
    StatsPeriod {
        label,
        year: period.year,
        from: period.from.map(|d| d.to_string()),
        to: period.to.map(|d| d.to_string()),
        tag: period.tag.clone(),
    }
}

#[cfg(test)]
mod tests;
