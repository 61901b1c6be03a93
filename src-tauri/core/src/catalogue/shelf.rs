//! "More like this": a film's neighbours, each with every reason that holds. Curated links from the packs come
//! first, in the curators' order, with their author; then computed neighbours: the same director, shared cast,
//! the same original language and country with shared genres from the same years (for a dataset film with no
//! stated country, the same region of its original title, `origin.rs`), the same main genres from the same years. The computed ones are ordered by how many reasons hold, then by popularity. The user's own
//! reasons (their tags, their ratings) are added by `Matinee::film`, which has the library.

use std::collections::HashMap;

use rusqlite::params;

use super::pick::popular_with_genres;
use super::Catalogue;
use crate::error::Result;
use crate::model::{RelatedFilm, RelatedKind};

/// How many films a shelf holds at most, curated ones included.
pub const SHELF_SIZE: usize = 12;
/// How many neighbours the catalogue offers before the user's reasons join and the shelf is cut to size.
const OFFERED: usize = 24;
/// The years either side of a film that count as its era.
const ERA_YEARS: i64 = 5;
/// How many of the most popular films the genre-and-era neighbours are looked for among.
const ERA_SCAN: usize = 250_000;

/// A neighbour before its summary is read: its film, its reasons (the strongest first) and a curator.
#[derive(Debug, Clone)]
pub struct Neighbour {
    pub id: i64,
    pub rank: i64,
    pub reasons: Vec<(RelatedKind, String)>,
    pub curator: Option<String>,
}

impl Catalogue {
    /// Summaries for neighbours, in their order.
    pub fn shelf_of(&self, neighbours: Vec<Neighbour>) -> Result<Vec<RelatedFilm>> {
        let ids: Vec<i64> = neighbours.iter().map(|n| n.id).collect();
        let summaries = self.summaries(&ids)?;
        Ok(neighbours
            .into_iter()
            .zip(summaries)
            .map(|(n, film)| RelatedFilm {
                film,
                kind: n.reasons[0].0,
                reason: n.reasons[0].1.clone(),
                reasons: n.reasons.iter().map(|r| r.1.clone()).collect(),
                curator: n.curator,
            })
            .collect())
    }

    /// The film's neighbours with the catalogue's reasons, in shelf order.
    pub fn neighbours(&self, id: i64) -> Result<Vec<Neighbour>> {
        let conn = self.conn();
        let mut found: Vec<Neighbour> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        let mut add = |found: &mut Vec<Neighbour>,
                       other: i64,
                       rank: i64,
                       kind: RelatedKind,
                       text: String,
                       curator: Option<String>| {
            match at.get(&other) {
                Some(&i) => {
                    if !found[i].reasons.iter().any(|(k, _)| *k == kind) {
                        found[i].reasons.push((kind, text));
                    }
                }
                None => {
                    at.insert(other, found.len());
                    found.push(Neighbour { id: other, rank, reasons: vec![(kind, text)], curator });
                }
            }
        };
        let mut curated = conn.prepare_cached(
            "SELECT r.related_id, f.rank, r.reason, p.author FROM related r JOIN pack p ON p.id = r.pack_id
             JOIN film f ON f.id = r.related_id WHERE r.film_id = ?1 ORDER BY p.id, r.ord",
        )?;
        for row in curated.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
            let (other, rank, reason, author): (i64, i64, String, String) = row?;
            add(&mut found, other, rank, RelatedKind::Curated, reason, Some(author));
        }
        let curated_count = found.len();
        for (role, kind, label) in
            [("director", RelatedKind::SameDirector, "Same director"), ("cast", RelatedKind::SharedCast, "Shared cast")]
        {
            let mut stmt = conn.prepare_cached(
                "SELECT c2.film_id, f.rank, group_concat(p.name, ', ') FROM credit c1
                 JOIN credit c2 ON c2.person_id = c1.person_id AND c2.role = c1.role AND c2.film_id != c1.film_id
                 JOIN person p ON p.id = c1.person_id
                 JOIN film f ON f.id = c2.film_id
                 WHERE c1.film_id = ?1 AND c1.role = ?2
                 GROUP BY c2.film_id ORDER BY count(*) DESC, f.rank LIMIT ?3",
            )?;
            for row in stmt.query_map(params![id, role, OFFERED as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
                let (other, rank, names): (i64, i64, String) = row?;
                add(&mut found, other, rank, kind, format!("{label}: {names}"), None);
            }
        }
        // The same main genres from the same years, among the most popular films.
        let (year, genres, language, country): (i64, Option<String>, Option<String>, Option<String>) = conn.query_row(
            "SELECT f.year,
                    (SELECT group_concat(genre_id) FROM (SELECT genre_id FROM film_genre WHERE film_id = f.id ORDER BY ord LIMIT 2)),
                    (SELECT code FROM film_language WHERE film_id = f.id ORDER BY ord LIMIT 1),
                    (SELECT code FROM film_country WHERE film_id = f.id ORDER BY ord LIMIT 1)
             FROM film f WHERE f.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let genre_ids: Vec<i64> = genres.unwrap_or_default().split(',').filter_map(|g| g.parse().ok()).collect();
        if !genre_ids.is_empty() {
            let names: HashMap<i64, String> = self.genre_ids()?.into_iter().collect();
            let words: Vec<String> = genre_ids.iter().filter_map(|g| names.get(g).map(|n| n.to_lowercase())).collect();
            let words = match words.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                _ => String::new(),
            };
            let years = (year - ERA_YEARS, year + ERA_YEARS);
            let mut era = popular_with_genres(self, &genre_ids, years, OFFERED + 1, ERA_SCAN)?;
            let mut era_words = vec![words.clone(); era.len()];
            // Too few with both main genres: the main genre alone, said as such.
            if genre_ids.len() > 1 && era.len() < SHELF_SIZE {
                let main = names.get(&genre_ids[0]).map(|n| n.to_lowercase()).unwrap_or_default();
                for found in popular_with_genres(self, &genre_ids[..1], years, OFFERED + 1, ERA_SCAN)? {
                    if !era.contains(&found) {
                        era.push(found);
                        era_words.push(main.clone());
                    }
                }
            }
            let ids = self.ids_of_ranks(&era.iter().map(|(rank, _)| *rank).collect::<Vec<_>>())?;
            let era_ids: Vec<i64> = ids.values().copied().collect();
            let places = match (&language, &country) {
                (Some(_), Some(_)) => self.first_language_and_country(&era_ids)?,
                _ => HashMap::new(),
            };
            // A film with no stated country: the region its original title is listed for, said as that.
            let origin = match country {
                None => self.title_origins(&[id])?.remove(&id),
                Some(_) => None,
            };
            let origins = match &origin {
                Some(_) => self.title_origins(&era_ids)?,
                None => HashMap::new(),
            };
            for ((rank, other_year), words) in era.into_iter().zip(era_words) {
                let Some(&other) = ids.get(&rank) else { continue };
                if other == id {
                    continue;
                }
                let same_place = match (&language, &country) {
                    (Some(l), Some(c)) => {
                        places.get(&other).is_some_and(|(ol, oc)| ol == l && oc == c).then_some((l, c))
                    }
                    _ => None,
                };
                let same_origin =
                    origin.as_ref().filter(|o| origins.get(&other).is_some_and(|t| t.region.code == o.region.code));
                let (kind, text) = match same_place {
                    None if same_origin.is_some() => {
                        let region = &same_origin.expect("checked").region.name;
                        (
                            RelatedKind::TitleRegion,
                            format!("Original title also listed for {region} (IMDb alternate titles): {words}, {other_year}"),
                        )
                    }
                    Some((l, c)) => {
                        let language = crate::normalise::language_name(l).unwrap_or(l);
                        let country = crate::normalise::country_name(c).unwrap_or(c);
                        (
                            RelatedKind::SameLanguage,
                            format!("Also in {language}, from {country}: {words}, {other_year}"),
                        )
                    }
                    None => (RelatedKind::SameEra, format!("Also {words}, {other_year}")),
                };
                add(&mut found, other, rank, kind, text, None);
            }
        }
        // Curated links in their order; the rest by how many reasons hold, then by the strongest (a person in
        // common before a genre in common), then by popularity.
        sort_neighbours(&mut found[curated_count..]);
        found.retain(|n| n.id != id);
        found.truncate(OFFERED.max(curated_count));
        Ok(found)
    }

    /// The first original language and country of each of these films, where the catalogue has both.
    fn first_language_and_country(&self, ids: &[i64]) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.film_id, l.code, c.code FROM film_language l JOIN film_country c ON c.film_id = l.film_id AND c.ord = 0
             WHERE l.ord = 0 AND l.film_id IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let map =
            stmt.query_map([list], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }
}

impl Catalogue {
    /// The built-in pack's films with a take, best-scored first, with the take's author and score as the reason.
    pub fn starter_picks(&self, n: usize) -> Result<Vec<(crate::model::FilmSummary, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.film_id, p.author, t.score_tenths FROM take t JOIN pack p ON p.id = t.pack_id JOIN film f ON f.id = t.film_id
             WHERE p.builtin = 1 ORDER BY t.score_tenths DESC, f.rank LIMIT ?1",
        )?;
        let rows: Vec<(i64, String, u32)> =
            stmt.query_map([n as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let films = self.summaries(&rows.iter().map(|r| r.0).collect::<Vec<_>>())?;
        Ok(films
            .into_iter()
            .zip(rows)
            .map(|(f, (_, author, score))| {
                (f, format!("A starter pick: {author} score it {}.{} of 10", score / 10, score % 10))
            })
            .collect())
    }
}

/// How strong a computed reason is: a person in common says more than a genre in common.
fn strength(kind: RelatedKind) -> u8 {
    match kind {
        RelatedKind::Curated => 0,
        RelatedKind::SameDirector => 1,
        RelatedKind::SharedCast => 2,
        RelatedKind::YourTags => 3,
        RelatedKind::YourRatings => 4,
        RelatedKind::SameLanguage => 5,
        RelatedKind::TitleRegion => 5,
        RelatedKind::SameEra => 6,
    }
}

/// Orders computed neighbours: films with a reason of the user's own first (one of their tags on both, both
/// rated highly), then most reasons, then the strongest reason, then popularity.
pub fn sort_neighbours(neighbours: &mut [Neighbour]) {
    let best = |n: &Neighbour| n.reasons.iter().map(|r| strength(r.0)).min().unwrap_or(u8::MAX);
    let tagged =
        |n: &Neighbour| n.reasons.iter().any(|r| matches!(r.0, RelatedKind::YourTags | RelatedKind::YourRatings));
    neighbours.sort_by(|a, b| {
        tagged(b)
            .cmp(&tagged(a))
            .then(b.reasons.len().cmp(&a.reasons.len()))
            .then(best(a).cmp(&best(b)))
            .then(a.rank.cmp(&b.rank))
    });
}
