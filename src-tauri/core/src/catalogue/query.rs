//! Reading the catalogue: search with filters (the one place that builds SQL, with bound parameters only),
//! film cards, small summaries, filter values and resolving what a person typed to a film.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};

use super::Catalogue;
use crate::error::{CoreError, Result};
use crate::model::{
    Facets, FilmCard, FilmKey, FilmKind, FilmSummary, Named, PackInfo, PersonRef, Score, SearchPage, SearchQuery, Take,
    UserPart,
};
use crate::poster::poster_for;
use crate::text::{fold, query_terms};

/// The first page is small enough to draw in one frame.
const DEFAULT_LIMIT: u32 = 60;
const MAX_LIMIT: u32 = 500;
/// A search counts its matches up to this many; the filter counts give the exact number past it.
pub const COUNT_CAP: u32 = 10_000;

/// The FROM and WHERE of a search.
struct Filter {
    from: String,
    conditions: Vec<String>,
    args: Vec<Value>,
}

/// A film's row id in the catalogue with its canonical key and every alias the user's data may use.
#[derive(Debug, Clone)]
pub struct FilmRow {
    pub id: i64,
    pub key: FilmKey,
    pub title: String,
    pub year: i32,
    /// Every key of the film, the canonical one first.
    pub aliases: Vec<String>,
}

impl Catalogue {
    /// The film with this key or alias (an IMDb id or an `mt:` key).
    pub fn film_row(&self, key: &str) -> Result<Option<FilmRow>> {
        let row = self
            .conn()
            .query_row(
                "SELECT f.id, f.key, f.title, f.year FROM film_alias a JOIN film f ON f.id = a.film_id WHERE a.alias = ?1",
                [key],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i32>(3)?)),
            )
            .optional()?;
        let Some((id, key, title, year)) = row else {
            return Ok(None);
        };
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT alias FROM film_alias WHERE film_id = ?1 ORDER BY alias != ?2, alias")?;
        let aliases = stmt.query_map(params![id, key], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(FilmRow { id, key: FilmKey(key), title, year, aliases }))
    }

    /// The FROM and WHERE of a search, with bound parameters only. `only` and `exclude` are film keys from the
    /// user's library (tagged, seen, on the watchlist).
    fn filter(&self, query: &SearchQuery, only: Option<&[String]>, exclude: Option<&[String]>) -> Result<Filter> {
        let mut f = Filter { from: String::from("film f"), conditions: Vec::new(), args: Vec::new() };
        let terms = query_terms(&query.text);
        if !terms.is_empty() {
            f.from.push_str(" JOIN film_search s ON s.rowid = f.rank");
            f.conditions.push("film_search MATCH ?".into());
            let fts = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
            f.args.push(Value::Text(fts));
        }
        if let Some(genre) = query.genre.as_deref().filter(|g| !g.is_empty()) {
            f.conditions.push(
                "EXISTS (SELECT 1 FROM film_genre fg JOIN genre g ON g.id = fg.genre_id WHERE fg.film_id = f.id AND g.name = ?)".into(),
            );
            f.args.push(Value::Text(genre.to_owned()));
        }
        if let Some(country) = query.country.as_deref().filter(|c| !c.is_empty()) {
            f.conditions.push("EXISTS (SELECT 1 FROM film_country fc WHERE fc.film_id = f.id AND fc.code = ?)".into());
            f.args.push(Value::Text(country.to_owned()));
        }
        if let Some(keys) = only {
            f.conditions.push(
                "f.id IN (SELECT film_id FROM film_alias WHERE alias IN (SELECT value FROM json_each(?)))".into(),
            );
            f.args.push(Value::Text(serde_json::to_string(keys).expect("strings serialise")));
        }
        if let Some(keys) = exclude {
            f.conditions.push(
                "f.id NOT IN (SELECT film_id FROM film_alias WHERE alias IN (SELECT value FROM json_each(?)))".into(),
            );
            f.args.push(Value::Text(serde_json::to_string(keys).expect("strings serialise")));
        }
        if let Some(decade) = query.decade {
            if decade % 10 != 0 || !(1870..=2100).contains(&decade) {
                return Err(CoreError::invalid("decade", format!("{decade} is not the first year of a decade")));
            }
            f.conditions.push("f.year BETWEEN ? AND ?".into());
            f.args.push(Value::Integer(decade.into()));
            f.args.push(Value::Integer((decade + 9).into()));
        }
        if let Some(kind) = query.kind {
            f.conditions.push("f.kind = ?".into());
            f.args.push(Value::Text(kind.as_str().into()));
        }
        for (value, sql, field) in [
            (query.min_runtime, "f.runtime_minutes >= ?", "min_runtime"),
            (query.max_runtime, "f.runtime_minutes <= ?", "max_runtime"),
            (query.min_score, "f.score_tenths >= ?", "min_score"),
            (query.max_score, "f.score_tenths <= ?", "max_score"),
            (query.min_votes, "coalesce(f.votes, 0) >= ?", "min_votes"),
        ] {
            if let Some(v) = value {
                if field.ends_with("score") && v > 100 {
                    return Err(CoreError::invalid(field, format!("a score is 0 to 100 tenths, not {v}")));
                }
                f.conditions.push(sql.into());
                f.args.push(Value::Integer(v.into()));
            }
        }
        Ok(f)
    }

    /// Films matching the query's text (prefix match on folded titles, alternate titles and people's names) and
    /// filters, and, with `only`/`exclude`, among (or outside) the films with these keys of the user's library.
    pub fn search(&self, query: &SearchQuery, only: Option<&[String]>) -> Result<SearchPage> {
        self.search_keys(query, only, None)
    }

    pub fn search_keys(
        &self,
        query: &SearchQuery,
        only: Option<&[String]>,
        exclude: Option<&[String]>,
    ) -> Result<SearchPage> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let offset = query.offset.unwrap_or(0);
        let filter = self.filter(query, only, exclude)?;
        let terms = query_terms(&query.text);
        let from = filter.from.clone();
        let conditions: Vec<&str> = filter.conditions.iter().map(String::as_str).collect();
        let args = filter.args.clone();
        let where_sql =
            if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
        // Text alone is counted on the index itself, three times faster than through the join.
        let text_only = conditions.len() == 1 && !terms.is_empty();
        // The prefixes that match the most films were counted when the catalogue was built.
        let known: Option<u32> = match terms.as_slice() {
            [only_term] if text_only => self
                .conn()
                .prepare_cached("SELECT films FROM prefix_count WHERE prefix = ?1")?
                .query_row([only_term], |r| r.get(0))
                .optional()?,
            _ => None,
        };
        // Otherwise counted up to a cap, so that a query matching hundreds of thousands of films answers as fast
        // as any: past it the page says so, and the exact count comes with the filter counts (`Facets::total`).
        let (total, total_exact) = match known {
            Some(n) => (n, true),
            None if conditions.is_empty() => (self.film_count()?, true),
            None => {
                let inner = if text_only {
                    "SELECT 1 FROM film_search WHERE film_search MATCH ?".to_owned()
                } else {
                    format!("SELECT 1 FROM {from}{where_sql}")
                };
                let count_sql = format!("SELECT count(*) FROM ({inner} LIMIT {})", COUNT_CAP + 1);
                let n: u32 =
                    self.conn().prepare_cached(&count_sql)?.query_row(params_from_iter(args.iter()), |r| r.get(0))?;
                if n > COUNT_CAP {
                    (COUNT_CAP, false)
                } else {
                    (n, true)
                }
            }
        };
        // Films are ranked by popularity when the catalogue is built, and the search index's row ids are those
        // ranks: the first matches are the most popular, with no sort. Films whose whole title is the query come
        // first; the order is the same for every page, so pages fetched separately join without gaps or repeats.
        let folded = fold(&query.text);
        let mut exact_count: i64 = 0;
        let mut ids: Vec<i64> = Vec::new();
        if !folded.is_empty() {
            let mut exact_args: Vec<Value> = vec![Value::Text(folded.clone())];
            let mut exact_conditions = vec!["f.title_fold = ?"];
            // The same filters, without the text match.
            let mut filter_args = args.iter().skip(usize::from(!terms.is_empty()));
            for c in conditions.iter().skip(usize::from(!terms.is_empty())) {
                exact_conditions.push(c);
                for _ in 0..c.matches('?').count() {
                    if let Some(a) = filter_args.next() {
                        exact_args.push(a.clone());
                    }
                }
            }
            // However many films have this very title, all of them first, paged like the rest.
            let exact_where = exact_conditions.join(" AND ");
            exact_count = self
                .conn()
                .prepare_cached(&format!("SELECT count(*) FROM film f WHERE {exact_where}"))?
                .query_row(params_from_iter(exact_args.iter()), |r| r.get(0))?;
            if i64::from(offset) < exact_count {
                let sql = format!(
                    "SELECT f.id FROM film f WHERE {exact_where} ORDER BY f.rank LIMIT {limit} OFFSET {offset}"
                );
                let mut stmt = self.conn().prepare_cached(&sql)?;
                ids = stmt
                    .query_map(params_from_iter(exact_args.iter()), |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()?;
            }
        }
        let wanted = limit as usize - ids.len();
        if wanted > 0 {
            let mut page_args = args;
            let mut page_where = where_sql;
            if exact_count > 0 {
                page_where.push_str(if page_where.is_empty() { " WHERE " } else { " AND " });
                page_where.push_str("f.title_fold != ?");
                page_args.push(Value::Text(folded));
            }
            page_args.push(Value::Integer(wanted as i64));
            page_args.push(Value::Integer((i64::from(offset) - exact_count).max(0)));
            let order = if terms.is_empty() { "f.rank" } else { "s.rowid" };
            let sql = format!("SELECT f.id FROM {from}{page_where} ORDER BY {order} LIMIT ? OFFSET ?");
            let mut stmt = self.conn().prepare_cached(&sql)?;
            for id in stmt.query_map(params_from_iter(page_args.iter()), |r| r.get::<_, i64>(0))? {
                ids.push(id?);
            }
        }
        let films = self.summaries(&ids)?;
        Ok(SearchPage { total, total_exact, films })
    }

    /// The small cards of these films, in this order, read in one query.
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<FilmSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.key, f.title, f.year, f.kind, f.score_tenths, f.score_source, f.votes,
                    (SELECT line FROM take WHERE film_id = f.id ORDER BY id LIMIT 1) AS line,
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT g.name FROM film_genre fg JOIN genre g ON g.id = fg.genre_id
                         WHERE fg.film_id = f.id ORDER BY fg.ord)) AS genres,
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT p.name FROM credit c JOIN person p ON p.id = c.person_id
                         WHERE c.film_id = f.id AND c.role = 'director' ORDER BY c.ord LIMIT 2)) AS directors
             FROM film f WHERE f.id IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let mut by_id: std::collections::HashMap<i64, FilmSummary> = stmt
            .query_map([list], |r| {
                let title: String = r.get("title")?;
                let year: i32 = r.get("year")?;
                let list = |column: &str| -> rusqlite::Result<Vec<String>> {
                    Ok(r.get::<_, Option<String>>(column)?
                        .map(|g| g.split('\u{1f}').map(str::to_owned).collect())
                        .unwrap_or_default())
                };
                let genres = list("genres")?;
                let summary = FilmSummary {
                    key: FilmKey(r.get("key")?),
                    poster: poster_for(&title, Some(year), genres.first().map(String::as_str)),
                    title,
                    year: Some(year),
                    kind: kind_of(r.get::<_, String>("kind")?),
                    score: score_of(r.get("score_tenths")?, r.get("score_source")?, r.get("votes")?),
                    line: r.get("line")?,
                    directors: list("directors")?,
                    genres,
                    on_watchlist: false,
                    rating: None,
                    in_catalogue: true,
                };
                Ok((r.get::<_, i64>("id")?, summary))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Every key of each of these films (the canonical key first), by canonical key.
    pub fn aliases_of_keys(&self, keys: &[&str]) -> Result<std::collections::HashMap<String, Vec<String>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.key, a.alias FROM film f JOIN film_alias a ON a.film_id = f.id
             WHERE f.key IN (SELECT value FROM json_each(?1)) ORDER BY f.key, a.alias != f.key, a.alias",
        )?;
        let mut out: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        let list = serde_json::to_string(keys).expect("strings serialise");
        for row in stmt.query_map([list], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (key, alias) = row?;
            out.entry(key).or_default().push(alias);
        }
        Ok(out)
    }

    /// `keys` with every other key of the films they name (a film's user data can sit under any of its keys).
    pub fn with_all_aliases(&self, keys: Vec<String>) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT b.alias FROM film_alias a JOIN film_alias b ON b.film_id = a.film_id
             WHERE a.alias IN (SELECT value FROM json_each(?1))",
        )?;
        let list = serde_json::to_string(&keys).expect("strings serialise");
        let mut all: std::collections::HashSet<String> =
            stmt.query_map([list], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        all.extend(keys);
        Ok(all.into_iter().collect())
    }

    /// The small card of a film, without the user's part (the caller adds it).
    pub fn summary(&self, id: i64) -> Result<FilmSummary> {
        self.summaries(&[id])?.pop().ok_or_else(|| CoreError::NotFound { what: "film", key: id.to_string() })
    }

    fn genres_of(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT g.name FROM film_genre fg JOIN genre g ON g.id = fg.genre_id WHERE fg.film_id = ?1 ORDER BY fg.ord",
        )?;
        let genres = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(genres)
    }

    fn named(&self, sql: &str, id: i64) -> Result<Vec<Named>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let list = stmt
            .query_map([id], |r| Ok(Named { code: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    fn people(&self, id: i64, role: &str) -> Result<Vec<PersonRef>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.name FROM credit c JOIN person p ON p.id = c.person_id
             WHERE c.film_id = ?1 AND c.role = ?2 ORDER BY c.ord",
        )?;
        let list = stmt
            .query_map(params![id, role], |r| Ok(PersonRef { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// The whole card of a film, without the user's part or its shelf (the caller adds them).
    pub fn card(&self, row: &FilmRow) -> Result<FilmCard> {
        let id = row.id;
        let mut card = self.conn().query_row(
            "SELECT key, title, original_title, year, kind, runtime_minutes, synopsis, score_tenths, score_source, votes
             FROM film WHERE id = ?1",
            [id],
            |r| {
                Ok(FilmCard {
                    key: FilmKey(r.get("key")?),
                    title: r.get("title")?,
                    original_title: r.get("original_title")?,
                    year: r.get("year")?,
                    kind: kind_of(r.get::<_, String>("kind")?),
                    score: score_of(r.get("score_tenths")?, r.get("score_source")?, r.get("votes")?),
                    countries: Vec::new(),
                    languages: Vec::new(),
                    genres: Vec::new(),
                    directors: Vec::new(),
                    cast: Vec::new(),
                    runtime_minutes: r.get("runtime_minutes")?,
                    alternate_titles: Vec::new(),
            title_origin: None,
                    synopsis: r.get("synopsis")?,
                    takes: Vec::new(),
                    poster: poster_for("", None, None),
                    user: UserPart::default(),
                    related: Vec::new(),
                })
            },
        )?;
        card.countries = self.named(
            "SELECT c.code, c.name FROM film_country fc JOIN country c ON c.code = fc.code WHERE fc.film_id = ?1 ORDER BY fc.ord",
            id,
        )?;
        card.languages = self.named(
            "SELECT l.code, l.name FROM film_language fl JOIN language l ON l.code = fl.code WHERE fl.film_id = ?1 ORDER BY fl.ord",
            id,
        )?;
        card.genres = self.genres_of(id)?;
        card.directors = self.people(id, "director")?;
        card.cast = self.people(id, "cast")?;
        card.poster = poster_for(&card.title, Some(card.year), card.genres.first().map(String::as_str));
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT p.author, p.name, t.text, t.line, t.score_tenths FROM take t JOIN pack p ON p.id = t.pack_id
                 WHERE t.film_id = ?1 ORDER BY t.id",
            )?;
            card.takes = stmt
                .query_map([id], |r| {
                    Ok(Take {
                        author: r.get(0)?,
                        pack: r.get(1)?,
                        text: r.get(2)?,
                        line: r.get(3)?,
                        score_tenths: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT title FROM film_aka WHERE film_id = ?1 AND title != ?2 GROUP BY title ORDER BY min(ord) LIMIT 30",
            )?;
            card.alternate_titles =
                stmt.query_map(params![id, card.title], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        }
        card.title_origin = self.title_origins(&[id])?.remove(&id);
        Ok(card)
    }

    /// The values the Discover filters offer, with how many films have each: counted once when the catalogue is
    /// built (grouping a million films takes seconds), read back from there.
    pub fn facets(&self) -> Result<Facets> {
        if let Some(json) = self.meta("facets")? {
            if let Ok(facets) = serde_json::from_str(&json) {
                return Ok(facets);
            }
        }
        self.count_facets()
    }

    /// Counts every filter value over the whole catalogue.
    pub(crate) fn count_facets(&self) -> Result<Facets> {
        self.count_facets_for(&SearchQuery::default(), &super::facets::UserSets::default(), &|| false)
    }

    /// Films whose title or original title is this text (folded), optionally of this year.
    pub fn films_titled(&self, title: &str, year: Option<i32>) -> Result<Vec<FilmRow>> {
        let folded = fold(title);
        let mut stmt = self.conn().prepare_cached(
            "SELECT key FROM film WHERE (title_fold = ?1 OR original_fold = ?1) AND (?2 IS NULL OR year = ?2)
             ORDER BY year, key",
        )?;
        let keys =
            stmt.query_map(params![folded, year], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows = Vec::new();
        for key in keys {
            if let Some(row) = self.film_row(&key)? {
                rows.push(row);
            }
        }
        Ok(rows)
    }

    /// Every pack the catalogue was built from.
    pub fn packs(&self) -> Result<Vec<PackInfo>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT pack_id, name, author, version, licence, film_count, builtin FROM pack ORDER BY builtin DESC, name",
        )?;
        let packs = stmt
            .query_map([], |r| {
                Ok(PackInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    author: r.get(2)?,
                    version: r.get(3)?,
                    licence: r.get(4)?,
                    films: r.get(5)?,
                    builtin: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(packs)
    }

    /// Titles spread evenly over the catalogue, for benchmarks: the same catalogue gives the same titles.
    pub fn sample_titles(&self, n: u32) -> Result<Vec<String>> {
        let total = self.film_count()?.max(1);
        let step = (total / n.max(1)).max(1);
        let mut stmt = self.conn().prepare("SELECT title FROM film WHERE rank % ?1 = 0 ORDER BY rank LIMIT ?2")?;
        let titles = stmt.query_map(params![step, n], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(titles)
    }

    /// Search texts for benchmarks, as a person types them: the first 1 to 6 characters of titles spread over
    /// the catalogue, spaces included ("the g").
    pub fn bench_prefixes(&self, n: u32) -> Result<Vec<String>> {
        let titles = self.sample_titles(n)?;
        Ok(titles
            .iter()
            .enumerate()
            .map(|(i, t)| fold(t).chars().take(1 + i % 6).collect::<String>().trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect())
    }

    /// The first page of a text search ranked by bm25 relevance instead of popularity: the slower ranking, timed
    /// beside the popularity order in benchmarks.
    pub fn search_bm25(&self, text: &str, limit: u32) -> Result<usize> {
        let terms = query_terms(text);
        if terms.is_empty() {
            return Ok(0);
        }
        let fts = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
        let mut stmt = self.conn().prepare_cached(
            "SELECT rowid FROM film_search WHERE film_search MATCH ?1 ORDER BY bm25(film_search) LIMIT ?2",
        )?;
        let n = stmt.query_map(params![fts, limit], |r| r.get::<_, i64>(0))?.count();
        Ok(n)
    }

    /// How many films the catalogue holds.
    pub fn film_count(&self) -> Result<u32> {
        if let Some(n) = self.films.get() {
            return Ok(*n);
        }
        let n = self.conn().query_row("SELECT count(*) FROM film", [], |r| r.get(0))?;
        Ok(*self.films.get_or_init(|| n))
    }
}

fn kind_of(s: String) -> FilmKind {
    FilmKind::parse(&s).unwrap_or(FilmKind::Movie)
}

fn score_of(tenths: Option<u32>, source: Option<String>, votes: Option<u32>) -> Option<Score> {
    Some(Score { tenths: tenths?, source: source.unwrap_or_default(), votes })
}
