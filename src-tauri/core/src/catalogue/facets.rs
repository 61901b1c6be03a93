//! Live filter counts: how many of a query's films have each kind, genre, country, decade, runtime, score,
//! number of votes, place in the user's library and tag, each counted without its own filter so the other values
//! stay reachable. One pass over the query's matches in popularity order, over a narrow table kept for this
//! (`film_facet`, one row per film keyed by its rank, so the pass reads it in order), with every filter applied
//! in Rust: a prefix such as "s" matches most of a catalogue of 1.5 M films and is counted in a fraction of a
//! second, where a GROUP BY per filter took seconds.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::ValueRef;
use rusqlite::{params, OptionalExtension};

use super::Catalogue;
use crate::error::{CoreError, Result};
use crate::model::{FacetValue, Facets, FilmKind, SearchQuery, SeenFilter};
use crate::text::query_terms;

/// The runtime ranges offered, inclusive, with their names.
pub const RUNTIMES: [(&str, Option<u32>, Option<u32>); 3] =
    [("short", None, Some(89)), ("standard", Some(90), Some(120)), ("long", Some(121), None)];
/// The minimum scores offered, in tenths.
pub const SCORES: [u32; 5] = [90, 80, 70, 60, 50];
/// The minimum numbers of votes offered.
pub const VOTES: [u32; 4] = [100, 1_000, 10_000, 100_000];

const KINDS: [FilmKind; 7] = FilmKind::ALL;
/// Genre ids up to this have a bit of their own in `film_facet.genres`; the top bit says "look the rest up".
pub(super) const GENRE_BITS: i64 = 62;

/// The user's side of the counts: films (by any of their keys) seen, on the watchlist, and under each tag.
#[derive(Debug, Default)]
pub struct UserSets {
    pub seen: Vec<String>,
    pub watchlist: Vec<String>,
    pub tags: Vec<(String, Vec<String>)>,
}

/// The filters of one facet: the pass counts a film for a facet's values when it passes every other facet's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dim {
    Kind,
    Genre,
    Country,
    Decade,
    Runtime,
    Score,
    Votes,
    Seen,
    Tag,
}
const DIMS: usize = 9;

/// A film's genre ids as `film_facet.genres` keeps them: a bit for each id up to `GENRE_BITS`, and the top bit
/// when there are more. Dataset films get theirs as they are loaded.
pub(crate) fn genre_bits(ids: impl Iterator<Item = i64>) -> i64 {
    ids.fold(0, |bits, id| if (1..=GENRE_BITS).contains(&id) { bits | 1 << id } else { bits | i64::MIN })
}

/// Sets `film.genre_bits` of the take packs' films (the dataset loader sets its films' own).
pub(crate) fn set_pack_genre_bits(conn: &rusqlite::Connection) -> Result<()> {
    let mut bits: HashMap<i64, Vec<i64>> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT film_id, genre_id FROM film_genre")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (film, genre) = row?;
            bits.entry(film).or_default().push(genre);
        }
    }
    let mut update = conn.prepare("UPDATE film SET genre_bits = ?2 WHERE id = ?1")?;
    for (film, genres) in bits {
        update.execute([film, genre_bits(genres.into_iter())])?;
    }
    Ok(())
}

/// Creates and fills `film_facet` from the ranked films (part of the build): one read of each film's row, in rank
/// order.
pub(crate) fn write_table(conn: &rusqlite::Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE film_facet (
             rank INTEGER PRIMARY KEY, kind TEXT NOT NULL, year INTEGER NOT NULL, genres INTEGER NOT NULL,
             countries INTEGER NOT NULL, runtime INTEGER, score INTEGER, votes INTEGER
         ) STRICT;
         INSERT INTO film_facet
         SELECT f.rank, f.kind, f.year, f.genre_bits, f.id IN (SELECT film_id FROM film_country),
                f.runtime_minutes, f.score_tenths, f.votes
         FROM film f ORDER BY f.rank;",
    )?;
    Ok(())
}

/// One film's values, as the pass reads them.
pub(super) struct Row {
    pub rank: i64,
    /// The index of its kind in `FilmKind::ALL`.
    pub kind: usize,
    pub year: i64,
    pub genres: i64,
    pub has_countries: bool,
    pub runtime: Option<u32>,
    pub score: Option<u32>,
    pub votes: u32,
}

/// The columns `Row::read` expects, in its order, from `film_facet ff`.
pub(super) const ROW_COLUMNS: &str =
    "ff.rank, ff.kind, ff.year, ff.genres, ff.countries, ff.runtime, ff.score, ff.votes";

impl Row {
    pub(super) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        let kind = match r.get_ref(1)? {
            ValueRef::Text(t) => KINDS.iter().position(|k| k.as_str().as_bytes() == t).unwrap_or(0),
            _ => 0,
        };
        Ok(Row {
            rank: r.get(0)?,
            kind,
            year: r.get(2)?,
            genres: r.get(3)?,
            has_countries: r.get::<_, i64>(4)? != 0,
            runtime: r.get(5)?,
            score: r.get(6)?,
            votes: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
        })
    }

    /// The film's genre ids: from the bits, and looked up (`genre_stmt`, by rank) when it has genres past them.
    pub(super) fn genre_ids(&self, genre_stmt: &mut rusqlite::CachedStatement<'_>) -> Result<Vec<i64>> {
        if self.genres < 0 {
            return Ok(genre_stmt.query_map([self.rank], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?);
        }
        Ok((1..=GENRE_BITS).filter(|b| self.genres & (1 << b) != 0).collect())
    }
}

/// The genre ids of a film by rank, for `Row::genre_ids`.
pub(super) const GENRES_OF_RANK: &str =
    "SELECT fg.genre_id FROM film_genre fg JOIN film f ON f.id = fg.film_id WHERE f.rank = ?1";

impl Catalogue {
    /// The filter counts of `query`'s films. `user` gives the library's sets for the seen/unseen/watchlist and
    /// tag counts (and filters); `cancelled` is asked now and then, and a true answer stops the pass.
    pub fn count_facets_for(
        &self,
        query: &SearchQuery,
        user: &UserSets,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Facets> {
        let conn = self.conn();
        let genre_names: HashMap<i64, String> = {
            let mut stmt = conn.prepare_cached("SELECT id, name FROM genre")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // A genre the catalogue does not have matches no film (-1 is no genre's id).
        let wanted_genre = query.genre.as_deref().filter(|g| !g.is_empty()).map(|name| {
            genre_names.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)).map(|(id, _)| *id).unwrap_or(-1)
        });
        let wanted_country = query.country.as_deref().filter(|c| !c.is_empty());
        if let Some(decade) = query.decade {
            if decade % 10 != 0 || !(1870..=2100).contains(&decade) {
                return Err(CoreError::invalid("decade", format!("{decade} is not the first year of a decade")));
            }
        }
        for (field, v) in [("min_score", query.min_score), ("max_score", query.max_score)] {
            if let Some(v) = v.filter(|v| *v > 100) {
                return Err(CoreError::invalid(field, format!("a score is 0 to 100 tenths, not {v}")));
            }
        }
        let ranks = |keys: &[String]| self.ranks_of_keys(keys);
        let seen = ranks(&user.seen)?;
        let watchlist = ranks(&user.watchlist)?;
        let tags: Vec<(String, HashSet<i64>)> =
            user.tags.iter().map(|(name, keys)| Ok((name.clone(), ranks(keys)?))).collect::<Result<_>>()?;
        let wanted_tag = query.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(crate::text::name_key);
        let tag_index =
            wanted_tag.as_ref().map(|t| tags.iter().position(|(name, _)| &crate::text::name_key(name) == t));

        let mut kinds = [0u32; KINDS.len()];
        let mut genres: HashMap<i64, u32> = HashMap::new();
        let mut countries: HashMap<String, u32> = HashMap::new();
        let mut decades: BTreeMap<i64, u32> = BTreeMap::new();
        let mut runtimes = [0u32; RUNTIMES.len()];
        let mut scores = [0u32; SCORES.len()];
        let mut votes = [0u32; VOTES.len()];
        let mut seen_counts = [0u32; 3];
        let mut tag_counts = vec![0u32; tags.len()];
        let mut total = 0u32;

        let mut country_stmt = conn
            .prepare_cached("SELECT fc.code FROM film_country fc JOIN film f ON f.id = fc.film_id WHERE f.rank = ?1")?;
        let mut genre_stmt = conn.prepare_cached(GENRES_OF_RANK)?;
        let terms = query_terms(&query.text);
        let columns = ROW_COLUMNS;
        let (sql, arg) = if terms.is_empty() {
            (format!("SELECT {columns} FROM film_facet ff"), None)
        } else {
            let fts = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
            (
                format!(
                    "SELECT {columns} FROM film_search s JOIN film_facet ff ON ff.rank = s.rowid
                     WHERE film_search MATCH ?1 ORDER BY s.rowid"
                ),
                Some(fts),
            )
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = match &arg {
            Some(fts) => stmt.query(params![fts])?,
            None => stmt.query([])?,
        };
        let mut n: u64 = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            if n.is_multiple_of(65_536) && cancelled() {
                return Err(CoreError::Cancelled);
            }
            let row = Row::read(r)?;
            let genre_ids = row.genre_ids(&mut genre_stmt)?;
            let codes: Vec<String> = if row.has_countries {
                country_stmt.query_map([row.rank], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            } else {
                Vec::new()
            };
            let in_seen = seen.contains(&row.rank);
            let in_watchlist = watchlist.contains(&row.rank);
            let runtime_ok = |min: Option<u32>, max: Option<u32>| {
                (min.is_none() && max.is_none())
                    || row.runtime.is_some_and(|m| min.is_none_or(|lo| m >= lo) && max.is_none_or(|hi| m <= hi))
            };
            let mut pass = [true; DIMS];
            pass[Dim::Kind as usize] = query.kind.is_none_or(|k| KINDS[row.kind] == k);
            pass[Dim::Genre as usize] = wanted_genre.is_none_or(|g| genre_ids.contains(&g));
            pass[Dim::Country as usize] = wanted_country.is_none_or(|c| codes.iter().any(|code| code == c));
            pass[Dim::Decade as usize] = query.decade.is_none_or(|d| row.year / 10 * 10 == i64::from(d));
            pass[Dim::Runtime as usize] = runtime_ok(query.min_runtime, query.max_runtime);
            pass[Dim::Score as usize] = (query.min_score.is_none() && query.max_score.is_none())
                || row.score.is_some_and(|s| {
                    query.min_score.is_none_or(|lo| s >= lo) && query.max_score.is_none_or(|hi| s <= hi)
                });
            pass[Dim::Votes as usize] = query.min_votes.is_none_or(|v| row.votes >= v);
            pass[Dim::Seen as usize] = match query.seen {
                None => true,
                Some(SeenFilter::Seen) => in_seen,
                Some(SeenFilter::Unseen) => !in_seen,
                Some(SeenFilter::Watchlist) => in_watchlist,
            };
            pass[Dim::Tag as usize] = match tag_index {
                None => true,
                Some(None) => false,
                Some(Some(i)) => tags[i].1.contains(&row.rank),
            };
            let failing: Vec<usize> = (0..DIMS).filter(|&d| !pass[d]).collect();
            total += u32::from(failing.is_empty());
            // A film counts for a facet's values when it passes every other facet's filter.
            let counts_for = |d: Dim| failing.is_empty() || (failing.len() == 1 && failing[0] == d as usize);
            if counts_for(Dim::Kind) {
                kinds[row.kind] += 1;
            }
            if counts_for(Dim::Genre) {
                for g in &genre_ids {
                    *genres.entry(*g).or_default() += 1;
                }
            }
            if counts_for(Dim::Country) {
                for c in codes {
                    *countries.entry(c).or_default() += 1;
                }
            }
            if counts_for(Dim::Decade) {
                *decades.entry(row.year / 10 * 10).or_default() += 1;
            }
            if counts_for(Dim::Runtime) {
                for (i, (_, lo, hi)) in RUNTIMES.iter().enumerate() {
                    if row.runtime.is_some() && runtime_ok(*lo, *hi) {
                        runtimes[i] += 1;
                    }
                }
            }
            if counts_for(Dim::Score) {
                for (i, t) in SCORES.iter().enumerate() {
                    if row.score.is_some_and(|s| s >= *t) {
                        scores[i] += 1;
                    }
                }
            }
            if counts_for(Dim::Votes) {
                for (i, t) in VOTES.iter().enumerate() {
                    if row.votes >= *t {
                        votes[i] += 1;
                    }
                }
            }
            if counts_for(Dim::Seen) {
                seen_counts[usize::from(!in_seen)] += 1;
                if in_watchlist {
                    seen_counts[2] += 1;
                }
            }
            if counts_for(Dim::Tag) {
                for (i, (_, set)) in tags.iter().enumerate() {
                    if set.contains(&row.rank) {
                        tag_counts[i] += 1;
                    }
                }
            }
        }

        let value = |value: String, label: String, count: u32| FacetValue { value, label, count };
        let mut kinds: Vec<FacetValue> = KINDS
            .iter()
            .zip(kinds)
            .filter(|(k, n)| *n > 0 || query.kind == Some(**k))
            .map(|(k, n)| value(k.as_str().into(), k.as_str().into(), n))
            .collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.count));
        if let Some(g) = wanted_genre.filter(|g| genre_names.contains_key(g)) {
            genres.entry(g).or_default();
        }
        let mut genres: Vec<FacetValue> =
            genres.into_iter().map(|(id, n)| value(genre_names[&id].clone(), genre_names[&id].clone(), n)).collect();
        genres.sort_by(|a, b| a.label.cmp(&b.label));
        if let Some(c) = wanted_country {
            countries.entry(c.to_owned()).or_default();
        }
        let mut countries: Vec<FacetValue> = countries
            .into_iter()
            .map(|(code, n)| {
                let name = self.country_name(&code).unwrap_or_else(|| code.clone());
                value(code, name, n)
            })
            .collect();
        countries.sort_by(|a, b| a.label.cmp(&b.label));
        if let Some(d) = query.decade {
            decades.entry(i64::from(d)).or_default();
        }
        Ok(Facets {
            total,
            genres,
            countries,
            decades: decades.into_iter().rev().map(|(d, n)| value(d.to_string(), format!("{d}s"), n)).collect(),
            kinds,
            runtimes: RUNTIMES
                .iter()
                .zip(runtimes)
                .map(|((name, _, _), n)| value((*name).into(), (*name).into(), n))
                .collect(),
            scores: SCORES
                .iter()
                .zip(scores)
                .map(|(t, n)| value(t.to_string(), format!("{} or more", t / 10), n))
                .collect(),
            votes: VOTES.iter().zip(votes).map(|(t, n)| value(t.to_string(), format!("{t}+"), n)).collect(),
            seen: ["seen", "unseen", "watchlist"]
                .iter()
                .zip(seen_counts)
                .map(|(name, n)| value((*name).into(), (*name).into(), n))
                .collect(),
            tags: tags.iter().zip(tag_counts).map(|((name, _), n)| value(name.clone(), name.clone(), n)).collect(),
        })
    }

    /// The ranks of the catalogue films that have any of these keys.
    pub(crate) fn ranks_of_keys(&self, keys: &[String]) -> Result<HashSet<i64>> {
        if keys.is_empty() {
            return Ok(HashSet::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT f.rank FROM film_alias a JOIN film f ON f.id = a.film_id
             WHERE a.alias IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(keys).expect("strings serialise");
        let ranks = stmt.query_map([list], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ranks)
    }

    fn country_name(&self, code: &str) -> Option<String> {
        self.conn()
            .prepare_cached("SELECT name FROM country WHERE code = ?1")
            .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional())
            .ok()
            .flatten()
    }
}
