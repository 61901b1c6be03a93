//! What Tonight's picker reads from the catalogue: the films that pass every constraint (from `film_facet`, in
//! popularity order, the most popular `POOL` of them), and the facts its reasons are made of (credits, takes,
//! curated links, languages). The draw and the reasons themselves are `matinee::tonight`'s.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::facets::{Row, GENRES_OF_RANK, GENRE_BITS, ROW_COLUMNS};
use super::Catalogue;
use crate::error::Result;
use crate::model::FilmKind;

/// The most films a draw chooses among: the most popular that pass every constraint. Past it, a film needs a
/// reason the draw cannot see from its row, and a catalogue of 1.6 M films would be read to its end.
pub const POOL: usize = 2_000;
/// A set of films this small (a watchlist, a tag, a language) is read by rank; a larger one is passed over.
const ONLY_BY_LOOKUP: usize = 20_000;

/// The constraints, in the catalogue's terms (genre ids, ranks).
#[derive(Debug, Default)]
pub struct PickFilter {
    pub max_runtime: Option<u32>,
    /// Any of these genres (none: any film).
    pub any_genre: Vec<i64>,
    /// None of these.
    pub no_genre: Vec<i64>,
    pub kind: Option<FilmKind>,
    /// Years, inclusive.
    pub years: Option<(i64, i64)>,
    pub min_score: Option<u32>,
    pub min_votes: Option<u32>,
    /// Only these films (the watchlist, tags, a language, a country: what was asked, intersected).
    pub only: Option<HashSet<i64>>,
    pub exclude: HashSet<i64>,
    pub like: Option<LikeRule>,
}

/// "Something like FILM": the films linked to it (curated, a director, cast: `ranks`), or that have all of
/// `genres` and are from within `years`.
#[derive(Debug, Default)]
pub struct LikeRule {
    pub ranks: HashSet<i64>,
    pub genres: Vec<i64>,
    pub years: (i64, i64),
}

/// A film that passes every constraint.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub rank: i64,
    pub year: i64,
    pub genres: Vec<i64>,
    pub runtime: Option<u32>,
    pub score: Option<u32>,
    pub votes: u32,
}

impl PickFilter {
    /// Whether a film passes, by its row and its genres (`bits` as `film_facet.genres` keeps them, and the ids
    /// looked up when the bits cannot say). The row's own values are tested first and the sets of ranks after, as
    /// bits (`masks`): a full pass tests 1.6 M rows, and hashing each rank into a set was most of its time.
    fn passes(&self, row: &Row, masks: &Masks, genre_ids: &dyn Fn() -> Vec<i64>) -> bool {
        if self.max_runtime.is_some_and(|max| row.runtime.is_none_or(|m| m > max)) {
            return false;
        }
        if self.kind.is_some_and(|k| FilmKind::ALL[row.kind] != k) {
            return false;
        }
        if self.years.is_some_and(|(lo, hi)| row.year < lo || row.year > hi) {
            return false;
        }
        if self.min_score.is_some_and(|min| row.score.is_none_or(|s| s < min)) {
            return false;
        }
        if self.min_votes.is_some_and(|min| row.votes < min) {
            return false;
        }
        if masks.exclude.contains(row.rank) || self.only.as_ref().is_some_and(|only| !only.contains(&row.rank)) {
            return false;
        }
        let in_era = self.like.as_ref().is_some_and(|l| (l.years.0..=l.years.1).contains(&row.year));
        if let (Some(bits), false) = (masks.bits, row.genres < 0) {
            // Every genre the filter names has a bit, and so do all of this film's: the bits answer.
            let g = row.genres;
            return (self.any_genre.is_empty() || g & bits.any != 0)
                && g & bits.none == 0
                && self.like.as_ref().is_none_or(|l| {
                    (!l.genres.is_empty() && in_era && g & bits.like == bits.like) || masks.like.contains(row.rank)
                });
        }
        let genres = genre_ids();
        (self.any_genre.is_empty() || genres.iter().any(|g| self.any_genre.contains(g)))
            && !genres.iter().any(|g| self.no_genre.contains(g))
            && self.like.as_ref().is_none_or(|l| {
                masks.like.contains(row.rank)
                    || (!l.genres.is_empty() && in_era && l.genres.iter().all(|g| genres.contains(g)))
            })
    }

    /// The filter's genres as bits, when each has one.
    fn masks(&self) -> Masks {
        let bits = |ids: &[i64]| -> Option<i64> {
            ids.iter().try_fold(0i64, |m, &id| (1..=GENRE_BITS).contains(&id).then_some(m | 1 << id))
        };
        let like: &[i64] = self.like.as_ref().map_or(&[], |l| &l.genres);
        Masks {
            bits: match (bits(&self.any_genre), bits(&self.no_genre), bits(like)) {
                (Some(any), Some(none), Some(like)) => Some(GenreMasks { any, none, like }),
                _ => None,
            },
            exclude: RankBits::of(&self.exclude),
            like: self.like.as_ref().map_or_else(RankBits::default, |l| RankBits::of(&l.ranks)),
        }
    }
}

/// The filter's genres as `film_facet.genres` bits (none when one of them has no bit of its own), and its
/// excluded and "like" ranks as bits.
struct Masks {
    bits: Option<GenreMasks>,
    exclude: RankBits,
    like: RankBits,
}

/// A set of ranks as one bit per rank from 0 to the largest (ranks run from 1 to the number of films), so a
/// test costs a shift, not a hash; a rank past `RankBits::MAX` or below 0 (none in a built catalogue) is kept
/// in `rest`.
#[derive(Default)]
struct RankBits {
    words: Vec<u64>,
    rest: HashSet<i64>,
}

impl RankBits {
    /// Bits for ranks up to this (8 MB of them at most); ranks run to the number of films.
    const MAX: i64 = 1 << 26;

    fn of(ranks: &HashSet<i64>) -> RankBits {
        let mut bits = RankBits::default();
        let top = ranks.iter().copied().filter(|r| (0..=Self::MAX).contains(r)).max();
        bits.words = vec![0; top.map_or(0, |t| (t as usize >> 6) + 1)];
        for &r in ranks {
            if (0..=Self::MAX).contains(&r) {
                bits.words[r as usize >> 6] |= 1 << (r & 63);
            } else {
                bits.rest.insert(r);
            }
        }
        bits
    }

    fn contains(&self, rank: i64) -> bool {
        if (0..=Self::MAX).contains(&rank) {
            self.words.get(rank as usize >> 6).is_some_and(|w| w >> (rank & 63) & 1 != 0)
        } else {
            !self.rest.is_empty() && self.rest.contains(&rank)
        }
    }
}

#[derive(Clone, Copy)]
struct GenreMasks {
    any: i64,
    none: i64,
    like: i64,
}

/// The filter table packed for the picker: one blob of `PACK_ROWS` films at a time in rank order, each film in
/// `PACKED` bytes (genre bits, votes, year, runtime, score, kind, whether it has countries), so a pass over
/// 1.6 M films reads some 30 MB of blobs instead of stepping through 1.6 M rows.
const PACKED: usize = 20;
const PACK_ROWS: usize = 4096;

fn pack(row: &Row, out: &mut Vec<u8>) {
    out.extend_from_slice(&row.genres.to_le_bytes());
    out.extend_from_slice(&row.votes.to_le_bytes());
    out.extend_from_slice(&(row.year.clamp(0, i64::from(u16::MAX)) as u16).to_le_bytes());
    out.extend_from_slice(&(row.runtime.map_or(0, |m| m.clamp(1, u32::from(u16::MAX))) as u16).to_le_bytes());
    out.push(row.score.map_or(u8::MAX, |s| s.min(100) as u8));
    out.push(row.kind as u8);
    out.push(u8::from(row.has_countries));
    out.push(0);
}

fn unpack(rank: i64, b: &[u8]) -> Row {
    let runtime = u16::from_le_bytes([b[14], b[15]]);
    Row {
        rank,
        genres: i64::from_le_bytes(b[0..8].try_into().expect("8 bytes")),
        votes: u32::from_le_bytes(b[8..12].try_into().expect("4 bytes")),
        year: i64::from(u16::from_le_bytes([b[12], b[13]])),
        runtime: (runtime != 0).then_some(u32::from(runtime)),
        score: (b[16] != u8::MAX).then_some(u32::from(b[16])),
        kind: usize::from(b[17]).min(FilmKind::ALL.len() - 1),
        has_countries: b[18] != 0,
    }
}

/// Writes `film_pick` from `film_facet` (part of the build, after the filter table).
pub(crate) fn write_pick_table(conn: &rusqlite::Connection) -> Result<()> {
    conn.execute_batch("CREATE TABLE film_pick (first_rank INTEGER PRIMARY KEY, rows BLOB NOT NULL) STRICT;")?;
    let mut insert = conn.prepare("INSERT INTO film_pick (first_rank, rows) VALUES (?1, ?2)")?;
    let mut read = conn.prepare(&format!("SELECT {ROW_COLUMNS} FROM film_facet ff ORDER BY ff.rank"))?;
    let mut rows = read.query([])?;
    let mut blob: Vec<u8> = Vec::with_capacity(PACKED * PACK_ROWS);
    let mut first: Option<i64> = None;
    let mut next = 0;
    while let Some(r) = rows.next()? {
        let row = Row::read(r)?;
        // A chunk holds consecutive ranks only, so a film's rank is its chunk's first plus its place.
        if first.is_some() && (row.rank != next || blob.len() == PACKED * PACK_ROWS) {
            insert.execute(params![first, blob])?;
            blob.clear();
            first = None;
        }
        first.get_or_insert(row.rank);
        next = row.rank + 1;
        pack(&row, &mut blob);
    }
    if first.is_some() {
        insert.execute(params![first, blob])?;
    }
    Ok(())
}

/// A film of the user's (rated, or the one asked for with "like"), with what reasons compare.
#[derive(Debug, Clone)]
pub struct KnownFilm {
    pub id: i64,
    pub rank: i64,
    pub key: String,
    pub title: String,
    pub year: i32,
    pub genres: Vec<i64>,
    /// Its first original language's code.
    pub language: Option<String>,
}

/// One credit of a film: who, as what, in which place of the billing.
#[derive(Debug, Clone)]
pub struct CreditRow {
    pub film_id: i64,
    pub person_id: i64,
    pub name: String,
    pub director: bool,
    pub ord: i64,
}

impl Catalogue {
    /// The films that pass `filter`, most popular first, up to `POOL`; true when there were more.
    pub fn pick_candidates(&self, filter: &PickFilter) -> Result<(Vec<Candidate>, bool)> {
        let conn = self.conn();
        let genre_stmt = std::cell::RefCell::new(conn.prepare_cached(GENRES_OF_RANK)?);
        let masks = filter.masks();
        let mut out = Vec::new();
        let mut capped = false;
        // False once the pool is full.
        let mut take = |row: Row| -> Result<bool> {
            let ids = || row.genre_ids(&mut genre_stmt.borrow_mut()).unwrap_or_default();
            if !filter.passes(&row, &masks, &ids) {
                return Ok(true);
            }
            if out.len() == POOL {
                capped = true;
                return Ok(false);
            }
            out.push(Candidate {
                rank: row.rank,
                year: row.year,
                genres: row.genre_ids(&mut genre_stmt.borrow_mut())?,
                runtime: row.runtime,
                score: row.score,
                votes: row.votes,
            });
            Ok(true)
        };
        match filter.only.as_ref().filter(|only| only.len() <= ONLY_BY_LOOKUP) {
            Some(only) => {
                let mut ranks: Vec<i64> = only.iter().copied().collect();
                ranks.sort_unstable();
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT {ROW_COLUMNS} FROM film_facet ff WHERE ff.rank IN (SELECT value FROM json_each(?1)) ORDER BY ff.rank"
                ))?;
                let list = serde_json::to_string(&ranks).expect("numbers serialise");
                let mut rows = stmt.query([list])?;
                while let Some(r) = rows.next()? {
                    if !take(Row::read(r)?)? {
                        break;
                    }
                }
            }
            None => {
                let mut stmt = conn.prepare_cached("SELECT first_rank, rows FROM film_pick ORDER BY first_rank")?;
                let mut rows = stmt.query([])?;
                'chunks: while let Some(r) = rows.next()? {
                    let first: i64 = r.get(0)?;
                    let rusqlite::types::ValueRef::Blob(bytes) = r.get_ref(1)? else { continue };
                    for (i, b) in bytes.chunks_exact(PACKED).enumerate() {
                        let row = unpack(first + i as i64, b);
                        // Films come by votes, most first: past the fewest votes asked for, none can pass.
                        if filter.min_votes.is_some_and(|min| row.votes < min) || !take(row)? {
                            break 'chunks;
                        }
                    }
                }
            }
        }
        Ok((out, capped))
    }

    /// Every genre with its id, by name.
    pub fn genre_ids(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name FROM genre ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The ranks of the films with this country (`film_country`) or language (`film_language`) code.
    pub fn ranks_with_code(&self, language: bool, code: &str) -> Result<HashSet<i64>> {
        let table = if language { "film_language" } else { "film_country" };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT f.rank FROM {table} t JOIN film f ON f.id = t.film_id WHERE t.code = ?1"
        ))?;
        let ranks = stmt.query_map([code], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ranks)
    }

    /// The catalogue films these keys (any alias) name, each once, with the key it was asked by.
    pub fn known_films(&self, keys: &[String]) -> Result<Vec<KnownFilm>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.rank, a.alias, f.title, f.year,
                    (SELECT group_concat(genre_id) FROM (SELECT genre_id FROM film_genre WHERE film_id = f.id ORDER BY ord)),
                    (SELECT code FROM film_language WHERE film_id = f.id ORDER BY ord LIMIT 1)
             FROM film_alias a JOIN film f ON f.id = a.film_id WHERE a.alias IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(keys).expect("strings serialise");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for row in stmt.query_map([list], |r| {
            let genres: Option<String> = r.get(5)?;
            Ok(KnownFilm {
                id: r.get(0)?,
                rank: r.get(1)?,
                key: r.get(2)?,
                title: r.get(3)?,
                year: r.get(4)?,
                genres: genres.map(|g| g.split(',').filter_map(|n| n.parse().ok()).collect()).unwrap_or_default(),
                language: r.get(6)?,
            })
        })? {
            let film = row?;
            if seen.insert(film.id) {
                out.push(film);
            }
        }
        Ok(out)
    }

    /// The film ids of these ranks.
    pub fn ids_of_ranks(&self, ranks: &[i64]) -> Result<HashMap<i64, i64>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT rank, id FROM film WHERE rank IN (SELECT value FROM json_each(?1))")?;
        let list = serde_json::to_string(ranks).expect("numbers serialise");
        let map = stmt.query_map([list], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }

    /// The directors and the first `cast_places` of the cast of these films.
    pub fn credits_of(&self, ids: &[i64], cast_places: i64) -> Result<Vec<CreditRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.film_id, c.person_id, p.name, c.role = 'director', c.ord FROM credit c JOIN person p ON p.id = c.person_id
             WHERE c.film_id IN (SELECT value FROM json_each(?1)) AND (c.role = 'director' OR c.ord < ?2)
             ORDER BY c.film_id, c.role = 'cast', c.ord",
        )?;
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let rows = stmt
            .query_map(params![list, cast_places], |r| {
                Ok(CreditRow {
                    film_id: r.get(0)?,
                    person_id: r.get(1)?,
                    name: r.get(2)?,
                    director: r.get(3)?,
                    ord: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The ranks of the films with a take (a few hundred: the packs' films). `CROSS JOIN` keeps the takes the
    /// outer loop: left to itself, the planner walks every film in rank order to keep them distinct (90 ms at
    /// 1.5 M films instead of under one).
    pub fn ranks_with_takes(&self) -> Result<HashSet<i64>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT DISTINCT f.rank FROM take t CROSS JOIN film f ON f.id = t.film_id")?;
        let ranks = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ranks)
    }

    /// The takes' authors and one-line versions of a film, in the packs' order.
    pub fn take_lines(&self, id: i64) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.author, t.line FROM take t JOIN pack p ON p.id = t.pack_id WHERE t.film_id = ?1 ORDER BY p.id, t.id",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The films linked to film `id` by a curated link (either way), by rank, with the link's reason and author.
    pub fn curated_links(&self, id: i64) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.rank, r.reason, p.author FROM related r JOIN pack p ON p.id = r.pack_id
             JOIN film f ON f.id = CASE WHEN r.film_id = ?1 THEN r.related_id ELSE r.film_id END
             WHERE r.film_id = ?1 OR r.related_id = ?1 ORDER BY p.id, r.ord",
        )?;
        let mut out = HashMap::new();
        for row in
            stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        {
            let (rank, reason, author) = row?;
            out.entry(rank).or_insert((reason, author));
        }
        Ok(out)
    }

    /// The films that share a director or one of the first `cast_places` of the cast with film `id`, by rank,
    /// with the shared people's names (directors first).
    pub fn shared_people(&self, id: i64, cast_places: i64) -> Result<HashMap<i64, Vec<(bool, String)>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.rank, c1.role = 'director', p.name FROM credit c1
             JOIN credit c2 ON c2.person_id = c1.person_id AND c2.role = c1.role AND c2.film_id != c1.film_id
             JOIN person p ON p.id = c1.person_id JOIN film f ON f.id = c2.film_id
             WHERE c1.film_id = ?1 AND (c1.role = 'director' OR (c1.ord < ?2 AND c2.ord < ?2))
             ORDER BY c1.role, c1.ord",
        )?;
        let mut out: HashMap<i64, Vec<(bool, String)>> = HashMap::new();
        for row in stmt.query_map(params![id, cast_places], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (rank, director, name) = row?;
            out.entry(rank).or_default().push((director, name));
        }
        Ok(out)
    }

    /// The original language code of each of these films, where the catalogue has one.
    pub fn first_languages(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT film_id, code FROM film_language WHERE ord = 0 AND film_id IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let map = stmt.query_map([list], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }
}

/// The most popular films (by rank) that have every one of `genres` and are from within `years`, up to `limit`,
/// looked for among the `scan` most popular films; as (rank, year).
pub(super) fn popular_with_genres(
    catalogue: &Catalogue,
    genres: &[i64],
    years: (i64, i64),
    limit: usize,
    scan: usize,
) -> Result<Vec<(i64, i64)>> {
    let Some(mask) = genres.iter().try_fold(0i64, |m, &id| (1..=GENRE_BITS).contains(&id).then_some(m | 1 << id))
    else {
        return Ok(Vec::new());
    };
    let mut stmt = catalogue.conn().prepare_cached("SELECT first_rank, rows FROM film_pick ORDER BY first_rank")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    let mut seen = 0;
    while let Some(r) = rows.next()? {
        let first: i64 = r.get(0)?;
        let rusqlite::types::ValueRef::Blob(bytes) = r.get_ref(1)? else { continue };
        for (i, b) in bytes.chunks_exact(PACKED).enumerate() {
            let row = unpack(first + i as i64, b);
            if row.genres >= 0 && row.genres & mask == mask && (years.0..=years.1).contains(&row.year) {
                out.push((row.rank, row.year));
                if out.len() == limit {
                    return Ok(out);
                }
            }
            seen += 1;
            if seen == scan {
                return Ok(out);
            }
        }
    }
    Ok(out)
}
