//! Tonight: a few picks for the evening, each with the reasons it fits, under what tonight allows.
//!
//! The constraints are checked first (a bad one is an error naming its field), then the catalogue gives the
//! films that pass them all (`Catalogue::pick_candidates`, most popular first), and a weighted draw without
//! replacement (each film's key is `ln(u) / weight`, the largest keys win) chooses among them. The weight grows
//! with the score, the votes, the time a film has waited on the watchlist, the user's liking for its genres and
//! its links to the film asked for with "like". The draw is seeded, so a seed gives the same picks on the same
//! data. A film the draw chooses is shown only with at least one reason, each built from a fact of the catalogue
//! or the library.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Matinee;
use crate::catalogue::{Candidate, KnownFilm, LikeRule, PickFilter};
use crate::error::{CoreError, Result};
use crate::library::today;
use crate::model::{
    FilmKey, NotTonight, PickReason, PickReasonKind, RatingScale, TonightPick, TonightPicks, TonightQuery,
};
use crate::text::name_key;

const DEFAULT_COUNT: u32 = 3;
const MAX_COUNT: u32 = 12;
/// How far down the billing an actor still counts for "with X, from a film you rated".
const CAST_PLACES: i64 = 5;
/// A rating that counts as liking a film: 3.5 stars.
const LIKED: u8 = 70;
/// The longest runtime the picker takes, in minutes (the longest films run for days; 10 000 minutes is a week).
const MAX_RUNTIME: i64 = 10_000;
/// How many years either side of the film asked for with "like" count as its era.
const LIKE_ERA_YEARS: i64 = 10;
/// The days "Not tonight" sets a film aside for when no setting says otherwise.
pub const NOT_TONIGHT_DAYS: u32 = 30;

/// The constraints checked and put in the catalogue's terms, with what the reasons need to know of them.
struct Plan {
    filter: PickFilter,
    /// Watching with someone: their name, and the films on their watchlist and on the user's, by rank.
    together: Option<Together>,
    count: usize,
    max_runtime: Option<u32>,
    like: Option<Like>,
    hidden: u32,
    /// Films kept by the country or language asked for only through the region or language of their original
    /// title (`catalogue::origin`), by rank, with the words that say so.
    by_title_origin: Vec<(HashSet<i64>, String)>,
}

/// An evening with a companion: the films on each watchlist, by rank (films either has seen are left out).
struct Together {
    name: String,
    theirs: HashSet<i64>,
    mine: HashSet<i64>,
}

/// The films a companion brings to an evening: from the library by name, or read from a file for this once.
pub struct CompanionFilms {
    pub name: String,
    /// (key, on their watchlist, seen by them)
    pub films: Vec<(String, bool, bool)>,
}

/// The film asked for with "like", and what links each candidate to it, by rank.
struct Like {
    film: KnownFilm,
    genre_names: Vec<String>,
    curated: HashMap<i64, (String, String)>,
    people: HashMap<i64, Vec<(bool, String)>>,
}

/// The user's taste, from their ratings: how much they like each genre, their liked films, and the people of
/// those films.
#[derive(Default)]
struct Taste {
    /// How far above the user's mean rating each genre's films are, 0 to 1.
    genre_affinity: HashMap<i64, f64>,
    /// Films rated `LIKED` or more, best first.
    liked: Vec<(KnownFilm, u8)>,
    /// Each person of a liked film (directors, leading cast), with the best-rated such film.
    people: HashMap<i64, (String, u8)>,
}

impl Matinee {
    /// Picks for tonight under `query`'s constraints, each with its reasons.
    pub fn tonight(&self, query: &TonightQuery) -> Result<TonightPicks> {
        let companion = match query.with.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            None => None,
            Some(name) => {
                let films = self.library.companion_films(name).map_err(|e| match e {
                    CoreError::NotFound { .. } => CoreError::invalid(
                        "with",
                        format!("you have no companion called '{}' (add one with their watchlist first)", quote(name)),
                    ),
                    other => other,
                })?;
                let name = self.library.companion(name)?.map_or_else(|| name.to_owned(), |c| c.name);
                Some(CompanionFilms { name, films })
            }
        };
        self.tonight_with(query, companion)
    }

    /// Picks for tonight with these companion films (read from a file for this once, or kept by name).
    pub fn tonight_with(&self, query: &TonightQuery, companion: Option<CompanionFilms>) -> Result<TonightPicks> {
        let today = today();
        let mut plan = self.tonight_plan(query, today, companion)?;
        let mut both_watchlists = None;
        let (candidates, pool_capped) = match &plan.together {
            None => self.catalogue.pick_candidates(&plan.filter)?,
            Some(t) => {
                // Films on both watchlists first; when none fits, films on either.
                let only = plan.filter.only.take();
                let within = |set: HashSet<i64>| match &only {
                    None => set,
                    Some(only) => set.intersection(only).copied().collect(),
                };
                plan.filter.only = Some(within(t.mine.intersection(&t.theirs).copied().collect()));
                let both = self.catalogue.pick_candidates(&plan.filter)?;
                if both.0.is_empty() {
                    plan.filter.only = Some(within(t.mine.union(&t.theirs).copied().collect()));
                    both_watchlists = Some(false);
                    self.catalogue.pick_candidates(&plan.filter)?
                } else {
                    both_watchlists = Some(true);
                    both
                }
            }
        };
        let taste = self.taste()?;
        let watchlist = self.watchlist_since()?;
        let scale = query.rating_scale.unwrap_or_default();
        let seed = query.seed.unwrap_or_else(|| fastrand::u32(..));

        // The weighted draw: every candidate's key at once, then the films in the order of their keys.
        let mut rng = fastrand::Rng::with_seed(u64::from(seed));
        let mut keyed: Vec<(f64, usize)> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let since = watchlist.get(&c.rank).map(|d| (today - *d).num_days());
                let mut links = plan.like.as_ref().map_or(0, |l| {
                    usize::from(l.curated.contains_key(&c.rank)) + l.people.get(&c.rank).map_or(0, Vec::len)
                });
                // A film both want to see counts as a link more.
                if plan.together.as_ref().is_some_and(|t| t.mine.contains(&c.rank) && t.theirs.contains(&c.rank)) {
                    links += 1;
                }
                let w = weight(c, since, taste.affinity(&c.genres), links);
                ((1.0 - rng.f64()).ln() / w, i)
            })
            .collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

        let genre_names = self.genre_names()?;
        let mut picks = Vec::new();
        // Reasons are built for a few films at a time, in the draw's order, until enough have one. A film no
        // reason can speak for is passed over before its facts are read: when few of the candidates have a
        // reason, the draw's order would otherwise be read to its end, a few queries a film.
        let hope = Hope::of(&plan, &taste, &watchlist, self.catalogue.ranks_with_takes()?);
        let mut drawn = keyed.iter().map(|&(_, i)| &candidates[i]).filter(|c| hope.may_have_reason(c));
        loop {
            let chosen: Vec<&Candidate> = drawn.by_ref().take(plan.count.max(4)).collect();
            if chosen.is_empty() {
                break;
            }
            let ranks: Vec<i64> = chosen.iter().map(|c| c.rank).collect();
            let ids = self.catalogue.ids_of_ranks(&ranks)?;
            let id_list: Vec<i64> = ranks.iter().filter_map(|r| ids.get(r).copied()).collect();
            let mut summaries = self.catalogue.summaries(&id_list)?;
            self.mark_user(&mut summaries)?;
            let credits = self.catalogue.credits_of(&id_list, CAST_PLACES)?;
            let languages = self.catalogue.first_languages(&id_list)?;
            for (c, summary) in chosen.iter().zip(summaries) {
                let id = ids[&c.rank];
                let facts = PickFacts {
                    candidate: c,
                    id,
                    language: languages.get(&id).map(String::as_str),
                    credits: credits.iter().filter(|k| k.film_id == id).collect(),
                    takes: self.catalogue.take_lines(id)?,
                    score_source: summary.score.as_ref().map(|s| s.source.as_str()),
                    watchlist_since: watchlist.get(&c.rank).copied(),
                };
                let reasons = reasons(&facts, &plan, &taste, scale, &genre_names);
                if !reasons.is_empty() {
                    picks.push(TonightPick { film: summary, runtime_minutes: c.runtime, reasons });
                }
                if picks.len() == plan.count {
                    break;
                }
            }
            if picks.len() == plan.count {
                break;
            }
        }
        Ok(TonightPicks {
            picks,
            candidates: candidates.len() as u32,
            pool_capped,
            seed,
            hidden: plan.hidden,
            both_watchlists,
        })
    }

    /// Sets a film aside from the picks for `days` (30 when not given) from today.
    pub fn not_tonight(&mut self, key: &str, days: Option<u32>) -> Result<NotTonight> {
        let days = days.unwrap_or(NOT_TONIGHT_DAYS);
        let mut until = None;
        let (key, title, year, _) = self.label_for(key)?;
        self.write_user(key.as_str(), |library, label| {
            until = Some(library.not_tonight_set(label, days, today())?);
            Ok(())
        })?;
        let until = until.expect("set by the write").to_string();
        Ok(NotTonight { key, title, year, until })
    }

    /// Lets a film set aside with "Not tonight" be picked again; false when it was not set aside.
    pub fn not_tonight_clear(&mut self, key: &str) -> Result<bool> {
        let keys = self.filed_key(key)?;
        self.library.not_tonight_clear(&keys)
    }

    /// The films set aside today, soonest back first.
    pub fn not_tonight_list(&self) -> Result<Vec<NotTonight>> {
        self.library.not_tonight_entries(today())
    }

    fn genre_names(&self) -> Result<HashMap<i64, String>> {
        Ok(self.catalogue.genre_ids()?.into_iter().collect())
    }

    /// Checks every constraint and puts it in the catalogue's terms; a bad one is an error naming its field.
    fn tonight_plan(&self, q: &TonightQuery, today: NaiveDate, companion: Option<CompanionFilms>) -> Result<Plan> {
        let count = q.count.unwrap_or(DEFAULT_COUNT);
        if !(1..=MAX_COUNT).contains(&count) {
            return Err(CoreError::invalid("count", format!("the picks are 1 to {MAX_COUNT}, not {count}")));
        }
        let max_runtime = match q.max_runtime {
            None => None,
            Some(m) if m <= 0 => {
                return Err(CoreError::invalid(
                    "max_runtime",
                    format!("a runtime is a number of minutes above 0, not {m}"),
                ))
            }
            Some(m) if m > MAX_RUNTIME => {
                return Err(CoreError::invalid(
                    "max_runtime",
                    format!("a runtime is at most {MAX_RUNTIME} minutes, not {m}"),
                ))
            }
            Some(m) => Some(m as u32),
        };
        let genres = self.catalogue.genre_ids()?;
        let genre_id = |field: &str, name: &str| -> Result<i64> {
            let name = name.trim();
            genres.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)).map(|(id, _)| *id).ok_or_else(|| {
                let known: Vec<&str> = genres.iter().map(|(_, n)| n.as_str()).collect();
                CoreError::invalid(
                    field,
                    format!(
                        "no film in the catalogue has the genre '{}'; the genres are {}",
                        quote(name),
                        known.join(", ")
                    ),
                )
            })
        };
        let any_genre = q.genres.iter().map(|g| genre_id("genres", g)).collect::<Result<Vec<_>>>()?;
        let no_genre = q.not_genres.iter().map(|g| genre_id("not_genres", g)).collect::<Result<Vec<_>>>()?;
        if let Some(both) = q.not_genres.iter().zip(&no_genre).find(|(_, id)| any_genre.contains(id)) {
            return Err(CoreError::invalid(
                "not_genres",
                format!("'{}' is both wanted and not wanted", quote(both.0.trim())),
            ));
        }

        let mut years: Option<(i64, i64)> = None;
        if let Some(d) = q.decade {
            if d % 10 != 0 || !(1870..=2100).contains(&d) {
                return Err(CoreError::invalid(
                    "decade",
                    format!("{d} is not the first year of a decade (1870 to 2100)"),
                ));
            }
            years = Some((i64::from(d), i64::from(d) + 9));
        }
        for (field, y) in [("year_from", q.year_from), ("year_to", q.year_to)] {
            if let Some(y) = y.filter(|y| !(1870..=2100).contains(y)) {
                return Err(CoreError::invalid(field, format!("a year is 1870 to 2100, not {y}")));
            }
        }
        if let (Some(a), Some(b)) = (q.year_from, q.year_to) {
            if a > b {
                return Err(CoreError::invalid(
                    "year_to",
                    format!("the years run from {a} to {b}, which is backwards"),
                ));
            }
        }
        if q.year_from.is_some() || q.year_to.is_some() {
            let (lo, hi) = years.unwrap_or((1870, 2100));
            let lo = lo.max(q.year_from.map_or(lo, i64::from));
            let hi = hi.min(q.year_to.map_or(hi, i64::from));
            if lo > hi {
                return Err(CoreError::invalid("year_from", "the decade and the years leave no year between them"));
            }
            years = Some((lo, hi));
        }
        let min_score = match q.min_score {
            None => None,
            Some(s) if !(0..=100).contains(&s) => {
                return Err(CoreError::invalid("min_score", format!("a score is 0 to 10, not {}", s as f64 / 10.0)))
            }
            Some(s) => Some(s as u32),
        };
        let min_votes = match q.min_votes {
            None => None,
            Some(v) if v < 0 || v > i64::from(u32::MAX) => {
                return Err(CoreError::invalid("min_votes", format!("a number of votes is 0 or more, not {v}")))
            }
            Some(v) => Some(v as u32),
        };

        // The films the constraints keep, intersected: the watchlist, tags, a language, a country.
        let mut only: Option<HashSet<i64>> = None;
        let mut by_title_origin = Vec::new();
        let mut keep = |set: HashSet<i64>| {
            only = Some(match only.take() {
                None => set,
                Some(prev) => prev.intersection(&set).copied().collect(),
            });
        };
        if q.watchlist {
            keep(self.catalogue.ranks_of_keys(&self.library.watchlist_keys()?)?);
        }
        if !q.tags.is_empty() {
            let mine: Vec<String> = self.library.tags()?.into_iter().map(|(name, _)| name).collect();
            let mut tagged = Vec::new();
            for tag in &q.tags {
                let wanted = name_key(tag.trim());
                let Some(name) = mine.iter().find(|m| name_key(m) == wanted) else {
                    return Err(CoreError::invalid("tags", format!("you have no tag '{}'", quote(tag.trim()))));
                };
                tagged.extend(self.library.films_tagged(name)?);
            }
            keep(self.catalogue.ranks_of_keys(&tagged)?);
        }
        if let Some(raw) = q.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            let code = crate::normalise::normalise_languages(&[raw.to_owned()]).ok().and_then(|c| c.first().copied());
            let code = code.ok_or_else(|| {
                CoreError::invalid(
                    "language",
                    format!(
                        "'{}' is not a language Matinee knows: give an ISO 639 code (ko) or a name (Korean)",
                        quote(raw)
                    ),
                )
            })?;
            let stated = self.catalogue.ranks_with_code(true, code)?;
            let derived = self.catalogue.ranks_with_origin(true, code)?;
            let name = crate::normalise::language_name(code).unwrap_or(code);
            keep(stated.union(&derived).copied().collect());
            let derived: HashSet<i64> = derived.difference(&stated).copied().collect();
            by_title_origin.push((derived, format!("Its original title is listed in {name} (IMDb alternate titles)")));
        }
        if let Some(raw) = q.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            let code = crate::normalise::normalise_countries(&[raw.to_owned()]).ok().and_then(|c| c.first().copied());
            let code = code.ok_or_else(|| {
                CoreError::invalid(
                    "country",
                    format!(
                        "'{}' is not a country Matinee knows: give an ISO 3166 code (KR) or a name (South Korea)",
                        quote(raw)
                    ),
                )
            })?;
            let stated = self.catalogue.ranks_with_code(false, code)?;
            let derived = self.catalogue.ranks_with_origin(false, code)?;
            let name = crate::normalise::country_name(code).unwrap_or(code);
            keep(stated.union(&derived).copied().collect());
            let derived: HashSet<i64> = derived.difference(&stated).copied().collect();
            by_title_origin
                .push((derived, format!("Its original title is the one listed for {name} (IMDb alternate titles)")));
        }

        let mut exclude: HashSet<i64> = HashSet::new();
        if q.unseen {
            exclude.extend(self.catalogue.ranks_of_keys(&self.library.seen_keys()?)?);
        }
        let hidden_keys: Vec<String> = self.library.not_tonight_entries(today)?.into_iter().map(|n| n.key.0).collect();
        let hidden = self.catalogue.ranks_of_keys(&hidden_keys)?;
        exclude.extend(&hidden);
        let excluded: Vec<String> = q.exclude.iter().map(|k| k.0.clone()).collect();
        exclude.extend(self.catalogue.ranks_of_keys(&excluded)?);

        // With a companion, films either of the two has seen are left out whatever "unseen" says.
        let together = match companion {
            None => None,
            Some(c) => {
                let keys = |watch: bool| -> Vec<String> {
                    c.films.iter().filter(|f| if watch { f.1 } else { f.2 }).map(|f| f.0.clone()).collect()
                };
                exclude.extend(self.catalogue.ranks_of_keys(&keys(false))?);
                if !q.unseen {
                    exclude.extend(self.catalogue.ranks_of_keys(&self.library.seen_keys()?)?);
                }
                Some(Together {
                    name: c.name,
                    theirs: self.catalogue.ranks_of_keys(&keys(true))?,
                    mine: self.catalogue.ranks_of_keys(&self.library.watchlist_keys()?)?,
                })
            }
        };
        let like = match q.like.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(text) => Some(self.like_of(text, &genres)?),
        };
        let like_rule = like.as_ref().map(|l| {
            exclude.insert(l.film.rank);
            LikeRule {
                ranks: l.curated.keys().chain(l.people.keys()).copied().collect(),
                genres: l.film.genres.iter().take(2).copied().collect(),
                years: (i64::from(l.film.year) - LIKE_ERA_YEARS, i64::from(l.film.year) + LIKE_ERA_YEARS),
            }
        });
        Ok(Plan {
            filter: PickFilter {
                max_runtime,
                any_genre,
                no_genre,
                kind: q.kind,
                years,
                min_score,
                min_votes,
                only,
                exclude,
                like: like_rule,
            },
            together,
            count: count as usize,
            max_runtime,
            like,
            hidden: hidden_keys.len() as u32,
            by_title_origin,
        })
    }

    /// The film asked for with "like", with what links other films to it. Not finding it is an error of the field.
    fn like_of(&self, text: &str, genres: &[(i64, String)]) -> Result<Like> {
        let key = self.resolve(text).map_err(|e| match e {
            CoreError::NotFound { .. } => CoreError::invalid("like", format!("no film is called '{}'", quote(text))),
            CoreError::Ambiguous { message, candidates } => {
                let some: Vec<String> = candidates.into_iter().take(5).collect();
                CoreError::invalid("like", format!("{message}: {}", some.join("; ")))
            }
            other => other,
        })?;
        let film = self.catalogue.known_films(std::slice::from_ref(&key.0))?.into_iter().next().ok_or_else(|| {
            CoreError::invalid(
                "like",
                format!("'{}' is not in the catalogue, so Matinee knows nothing to compare it with", quote(text)),
            )
        })?;
        let names: HashMap<i64, &String> = genres.iter().map(|(id, n)| (*id, n)).collect();
        Ok(Like {
            genre_names: film.genres.iter().take(2).filter_map(|g| names.get(g).map(|n| n.to_lowercase())).collect(),
            curated: self.catalogue.curated_links(film.id)?,
            people: self.catalogue.shared_people(film.id, CAST_PLACES)?,
            film,
        })
    }

    /// The user's taste from their ratings (films the catalogue has).
    fn taste(&self) -> Result<Taste> {
        let ratings: HashMap<String, u8> = self.library.ratings()?.into_iter().collect();
        if ratings.is_empty() {
            return Ok(Taste::default());
        }
        let keys: Vec<String> = ratings.keys().cloned().collect();
        let mut rated: Vec<(KnownFilm, u8)> =
            self.catalogue.known_films(&keys)?.into_iter().map(|f| (ratings[&f.key], f)).map(|(r, f)| (f, r)).collect();
        rated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.rank.cmp(&b.0.rank)));
        let mean = rated.iter().map(|(_, r)| f64::from(*r)).sum::<f64>() / rated.len().max(1) as f64;
        let mut by_genre: HashMap<i64, (f64, u32)> = HashMap::new();
        for (film, r) in &rated {
            for g in &film.genres {
                let e = by_genre.entry(*g).or_default();
                e.0 += f64::from(*r);
                e.1 += 1;
            }
        }
        let genre_affinity = by_genre
            .into_iter()
            .map(|(g, (sum, n))| {
                let above = (sum / f64::from(n) - mean).max(0.0) / 20.0; // a star above the mean is 1
                let confidence = f64::from(n) / (f64::from(n) + 3.0);
                (g, (above * confidence).min(1.0))
            })
            .collect();
        let liked: Vec<(KnownFilm, u8)> = rated.into_iter().filter(|(_, r)| *r >= LIKED).collect();
        let mut people: HashMap<i64, (String, u8)> = HashMap::new();
        let ids: Vec<i64> = liked.iter().map(|(f, _)| f.id).collect();
        let by_id: HashMap<i64, &(KnownFilm, u8)> = liked.iter().map(|l| (l.0.id, l)).collect();
        for credit in self.catalogue.credits_of(&ids, CAST_PLACES)? {
            let (film, r) = by_id[&credit.film_id];
            let e = people.entry(credit.person_id).or_insert_with(|| (film.title.clone(), *r));
            if *r > e.1 {
                *e = (film.title.clone(), *r);
            }
        }
        Ok(Taste { genre_affinity, liked, people })
    }

    /// The day each watchlist film (by rank) was put there: the earliest over its keys.
    fn watchlist_since(&self) -> Result<HashMap<i64, NaiveDate>> {
        let added: HashMap<String, NaiveDate> = self
            .library
            .watchlist_added()?
            .into_iter()
            .filter_map(|(key, at)| Some((key, NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()?)))
            .collect();
        let keys: Vec<String> = added.keys().cloned().collect();
        let mut out: HashMap<i64, NaiveDate> = HashMap::new();
        for film in self.catalogue.known_films(&keys)? {
            let day = added[&film.key];
            out.entry(film.rank).and_modify(|d| *d = (*d).min(day)).or_insert(day);
        }
        Ok(out)
    }
}

impl Taste {
    fn affinity(&self, genres: &[i64]) -> f64 {
        genres.iter().filter_map(|g| self.genre_affinity.get(g)).fold(0.0, |a, b| a.max(*b))
    }
}

/// A candidate's weight in the draw: quality (score, votes), the watchlist's wait, the user's taste, "like" links.
fn weight(c: &Candidate, watchlist_days: Option<i64>, affinity: f64, like_links: usize) -> f64 {
    let score = f64::from(c.score.unwrap_or(55)) / 10.0;
    let quality = (score - 4.0).max(0.5).powi(2);
    let popularity = 1.0 + (1.0 + f64::from(c.votes)).ln() / 4.0;
    let wait = watchlist_days.map_or(1.0, |d| 2.0 + (d.max(0) as f64 / 365.0).min(5.0));
    quality * popularity * wait * (1.0 + 2.0 * affinity) * (1.0 + like_links as f64)
}

/// What tells, before a drawn film's facts are read, that `reasons` would find none for it: each of its
/// reasons needs one of these (kept in step with `reasons`, and looser than it, never stricter).
struct Hope<'a> {
    plan: &'a Plan,
    watchlist: &'a HashMap<i64, NaiveDate>,
    /// The user's rated films have credits, so a film's people may be theirs.
    people: bool,
    /// The genres of the liked films.
    liked_genres: HashSet<i64>,
    with_takes: HashSet<i64>,
}

impl<'a> Hope<'a> {
    fn of(plan: &'a Plan, taste: &Taste, watchlist: &'a HashMap<i64, NaiveDate>, with_takes: HashSet<i64>) -> Self {
        Hope {
            plan,
            watchlist,
            people: !taste.people.is_empty(),
            liked_genres: taste.liked.iter().flat_map(|(film, _)| film.genres.iter().copied()).collect(),
            with_takes,
        }
    }

    fn may_have_reason(&self, c: &Candidate) -> bool {
        let plan = self.plan;
        self.watchlist.contains_key(&c.rank)
            || plan.together.as_ref().is_some_and(|t| t.theirs.contains(&c.rank))
            || plan.like.as_ref().is_some_and(|like| {
                let era = (i64::from(like.film.year) - LIKE_ERA_YEARS)..=(i64::from(like.film.year) + LIKE_ERA_YEARS);
                like.curated.contains_key(&c.rank)
                    || like.people.contains_key(&c.rank)
                    || (!like.genre_names.is_empty()
                        && like.film.genres.iter().take(2).all(|g| c.genres.contains(g))
                        && era.contains(&c.year))
            })
            || self.people
            || c.genres.iter().any(|g| self.liked_genres.contains(g))
            || self.with_takes.contains(&c.rank)
            || plan.by_title_origin.iter().any(|(ranks, _)| ranks.contains(&c.rank))
            || (plan.max_runtime.is_some() && c.runtime.is_some())
            || (c.score.is_some_and(|s| s >= 70) && c.votes >= 1_000)
    }
}

/// What the reasons of one drawn film are made of.
struct PickFacts<'a> {
    candidate: &'a Candidate,
    id: i64,
    language: Option<&'a str>,
    credits: Vec<&'a crate::catalogue::CreditRow>,
    takes: Vec<(String, String)>,
    score_source: Option<&'a str>,
    watchlist_since: Option<NaiveDate>,
}

/// Every reason a drawn film fits, in the order they are shown; none when no fact speaks for it.
fn reasons(
    f: &PickFacts<'_>,
    plan: &Plan,
    taste: &Taste,
    scale: RatingScale,
    genres: &HashMap<i64, String>,
) -> Vec<PickReason> {
    let mut out = Vec::new();
    let mut say = |kind, text: String, film: Option<&str>| {
        out.push(PickReason { kind, text, film: film.map(|k| FilmKey(k.to_owned())) })
    };
    let rating = |r: u8| scale.format(r);
    let theirs = plan.together.as_ref().filter(|t| t.theirs.contains(&f.candidate.rank));
    match (f.watchlist_since, theirs) {
        (Some(day), Some(t)) => say(
            PickReasonKind::Companion,
            format!("On both watchlists: yours since {}, and {}'s", day.format("%B %Y"), t.name),
            None,
        ),
        (Some(day), None) => {
            say(PickReasonKind::Watchlist, format!("On your watchlist since {}", day.format("%B %Y")), None)
        }
        (None, Some(t)) => say(PickReasonKind::Companion, format!("On {}'s watchlist", t.name), None),
        (None, None) => {}
    }
    if let Some(like) = &plan.like {
        let title = &like.film.title;
        let rank = f.candidate.rank;
        if let Some((reason, author)) = like.curated.get(&rank) {
            say(PickReasonKind::Like, format!("Like {title}: {reason} (curated by {author})"), Some(&like.film.key));
        }
        if let Some(people) = like.people.get(&rank) {
            let directors: Vec<&str> = people.iter().filter(|p| p.0).map(|p| p.1.as_str()).collect();
            let cast: Vec<&str> = people.iter().filter(|p| !p.0).map(|p| p.1.as_str()).collect();
            if !directors.is_empty() {
                say(
                    PickReasonKind::Like,
                    format!("Like {title}: also directed by {}", and_list(&directors)),
                    Some(&like.film.key),
                );
            }
            if !cast.is_empty() {
                say(PickReasonKind::Like, format!("Like {title}: also with {}", and_list(&cast)), Some(&like.film.key));
            }
        }
        let wanted = &like.film.genres;
        let era = (i64::from(like.film.year) - LIKE_ERA_YEARS)..=(i64::from(like.film.year) + LIKE_ERA_YEARS);
        if !like.genre_names.is_empty()
            && wanted.iter().take(2).all(|g| f.candidate.genres.contains(g))
            && era.contains(&f.candidate.year)
        {
            say(
                PickReasonKind::Like,
                format!(
                    "Like {title} ({}): {} too, from {}",
                    like.film.year,
                    and_list(&like.genre_names),
                    f.candidate.year
                ),
                Some(&like.film.key),
            );
        }
    }
    let mut named_people = HashSet::new();
    for credit in &f.credits {
        let Some((title, r)) = taste.people.get(&credit.person_id) else { continue };
        if taste.liked.iter().any(|(film, _)| film.id == f.id) || !named_people.insert(credit.person_id) {
            continue;
        }
        if credit.director {
            say(
                PickReasonKind::Director,
                format!("Directed by {}, whose {title} you rated {}", credit.name, rating(*r)),
                None,
            );
        } else if named_people.len() <= 2 {
            say(
                PickReasonKind::Cast,
                format!("With {}, from {title}, which you rated {}", credit.name, rating(*r)),
                None,
            );
        }
    }
    // The liked film this one shares most genres with (then the same language, then the better rating).
    let best = taste
        .liked
        .iter()
        .filter(|(film, _)| film.id != f.id)
        .map(|(film, r)| {
            let shared: Vec<i64> = film.genres.iter().filter(|g| f.candidate.genres.contains(g)).copied().collect();
            let same_language = f.language.is_some() && film.language.as_deref() == f.language;
            (shared, same_language, film, *r)
        })
        .filter(|(shared, ..)| !shared.is_empty())
        .max_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.1.cmp(&b.1)).then(a.3.cmp(&b.3)).then(b.2.rank.cmp(&a.2.rank)));
    if let Some((shared, same_language, film, r)) = best {
        let genre = genres.get(&shared[0]).map(|g| g.to_lowercase()).unwrap_or_default();
        let what = match f.language.filter(|_| same_language).and_then(crate::normalise::language_name) {
            Some(language) => format!("{language} {genre}"),
            None => capitalised(&genre),
        };
        say(
            PickReasonKind::Taste,
            format!("{what}, like {}, which you gave {}", film.title, rating(r)),
            Some(&film.key),
        );
    }
    for (author, line) in &f.takes {
        say(PickReasonKind::Curated, format!("Curated by {author}: {line}"), None);
    }
    for (ranks, words) in &plan.by_title_origin {
        if ranks.contains(&f.candidate.rank) {
            say(PickReasonKind::TitleRegion, words.clone(), None);
        }
    }
    if let (Some(max), Some(runtime)) = (plan.max_runtime, f.candidate.runtime) {
        say(PickReasonKind::Runtime, format!("{}: fits your {}", runtime_words(runtime), duration_words(max)), None);
    }
    if let (Some(score), Some(source)) = (f.candidate.score, f.score_source) {
        // A pack's score is its take's, said above; a score from voters is worth saying when it is good.
        if f.takes.is_empty() && score >= 70 && f.candidate.votes >= 1_000 {
            say(
                PickReasonKind::Score,
                format!(
                    "Scored {}.{} by {source} users ({} votes)",
                    score / 10,
                    score % 10,
                    votes_words(f.candidate.votes)
                ),
                None,
            );
        }
    }
    out
}

/// At most 60 characters of what a person typed, for a message.
pub(super) fn quote(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|first| first.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// "A", "A and B", "A, B and C".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            format!("{} and {}", rest.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "), last.as_ref())
        }
    }
}

/// 102 -> "1 h 42 min", 45 -> "45 min", 120 -> "2 h".
pub fn runtime_words(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The time a person gave: 120 -> "2 hours", 90 -> "1 h 30 min", 60 -> "hour".
fn duration_words(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (1, 0) => "hour".into(),
        (h, 0) => format!("{h} hours"),
        _ => runtime_words(minutes),
    }
}

/// 1234567 -> "1.2 M", 45600 -> "45.6 k", 999 -> "999".
fn votes_words(votes: u32) -> String {
    match votes {
        v if v >= 1_000_000 => format!("{:.1} M", f64::from(v) / 1e6),
        v if v >= 1_000 => format!("{:.1} k", f64::from(v) / 1e3),
        v => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_counts_read_as_people_say_them() {
        assert_eq!(runtime_words(102), "1 h 42 min");
        assert_eq!(runtime_words(45), "45 min");
        assert_eq!(runtime_words(120), "2 h");
        assert_eq!(duration_words(120), "2 hours");
        assert_eq!(duration_words(60), "hour");
        assert_eq!(duration_words(100), "1 h 40 min");
        assert_eq!(votes_words(1_234_567), "1.2 M");
        assert_eq!(votes_words(45_600), "45.6 k");
        assert_eq!(votes_words(999), "999");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(capitalised("drama"), "Drama");
    }

    #[test]
    fn a_better_film_weighs_more_and_the_watchlist_wait_counts() {
        let film = |score, votes| Candidate { rank: 1, year: 2000, genres: vec![], runtime: None, score, votes };
        assert!(weight(&film(Some(85), 10_000), None, 0.0, 0) > weight(&film(Some(60), 10_000), None, 0.0, 0));
        assert!(weight(&film(Some(70), 100_000), None, 0.0, 0) > weight(&film(Some(70), 10), None, 0.0, 0));
        let f = film(Some(70), 1000);
        assert!(weight(&f, Some(900), 0.0, 0) > weight(&f, Some(10), 0.0, 0));
        assert!(weight(&f, Some(10), 0.0, 0) > weight(&f, None, 0.0, 0));
        assert!(weight(&f, None, 0.5, 0) > weight(&f, None, 0.0, 0));
    }
}
