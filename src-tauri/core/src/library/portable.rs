//! The library as one documented JSON file (docs/library-export.md), out and back in. Importing an export into
//! an empty library and exporting again gives the identical file; importing it twice changes nothing.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::Library;
use crate::error::{CoreError, Result};
use crate::model::ImportCount;

pub const FORMAT: &str = "matinee-library";
pub const FORMAT_VERSION: u32 = 3;
/// Version 1 is version 2 without the films' `ids`, version 2 is version 3 without the user's own takes, links
/// and pack; both are still read.
const OLDEST_READ: u32 = 1;
/// The longest id of another service a film keeps (imports leave longer ones aside, as this file's check refuses them).
pub const SERVICE_ID_MAX_BYTES: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryExport {
    pub format: String,
    pub format_version: u32,
    pub films: Vec<ExportFilm>,
    pub watchlist: Vec<ExportWatch>,
    pub ratings: Vec<ExportRating>,
    pub notes: Vec<ExportNote>,
    pub viewings: Vec<ExportViewing>,
    pub lists: Vec<ExportList>,
    pub tags: Vec<ExportTag>,
    /// The user's own takes and synopses, curated links, and the name their pack is signed with. Absent before
    /// version 3.
    #[serde(default)]
    pub takes: Vec<ExportTake>,
    #[serde(default)]
    pub links: Vec<ExportLink>,
    #[serde(default)]
    pub pack: Option<ExportPack>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportTake {
    pub film: String,
    pub text: Option<String>,
    pub line: Option<String>,
    pub score_tenths: Option<u32>,
    pub synopsis: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportLink {
    pub from: String,
    pub to: String,
    pub reason: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportPack {
    pub id: String,
    pub author: String,
    pub version: u32,
    pub exported_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportFilm {
    pub key: String,
    pub title: String,
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub imdb: Option<String>,
    /// Other services' ids the imports learnt (Letterboxd, Trakt, TMDB), so that a later import from them finds
    /// the film again even when its title changed there. Absent in version 1.
    #[serde(default)]
    pub ids: Vec<ExportId>,
    pub first_seen_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportId {
    pub source: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportWatch {
    pub film: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRating {
    pub film: String,
    pub value: u8,
    pub rated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportNote {
    pub film: String,
    pub body: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportViewing {
    pub film: String,
    pub watched_on: Option<String>,
    pub rating: Option<u8>,
    pub rewatch: bool,
    pub note: String,
    pub place: String,
    pub created_at: String,
    pub updated_at: String,
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportList {
    pub name: String,
    pub description: String,
    pub ranked: bool,
    pub created_at: String,
    pub updated_at: String,
    pub entries: Vec<ExportListEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportListEntry {
    pub film: String,
    pub position: u32,
    pub note: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportTag {
    pub name: String,
    pub films: Vec<ExportTagged>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportTagged {
    pub film: String,
    pub added_at: String,
}

/// Every row a query gives, each made by `f`.
pub(super) fn all<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(p, f)?.collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

impl Library {
    /// Everything of the user's, in a stable order.
    pub fn export(&self) -> Result<LibraryExport> {
        let c = self.conn();
        let films = all(
            c,
            "SELECT f.key, f.title, f.year, f.kind, f.first_seen_at,
                    (SELECT value FROM film_external_id x WHERE x.film_key = f.key AND x.source = 'imdb')
             FROM film_ref f ORDER BY f.key",
            [],
            |r| {
                Ok(ExportFilm {
                    key: r.get(0)?,
                    title: r.get(1)?,
                    year: r.get(2)?,
                    kind: r.get(3)?,
                    first_seen_at: r.get(4)?,
                    imdb: r.get(5)?,
                    ids: Vec::new(),
                })
            },
        )?;
        let mut ids: std::collections::HashMap<String, Vec<ExportId>> = std::collections::HashMap::new();
        for (film, source, value) in all(
            c,
            "SELECT film_key, source, value FROM film_external_id WHERE source <> 'imdb' ORDER BY film_key, source, value",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )? {
            ids.entry(film).or_default().push(ExportId { source, value });
        }
        let mut films = films;
        for f in &mut films {
            f.ids = ids.remove(&f.key).unwrap_or_default();
        }
        let watchlist = all(c, "SELECT film_key, added_at FROM watchlist_entry ORDER BY film_key", [], |r| {
            Ok(ExportWatch { film: r.get(0)?, added_at: r.get(1)? })
        })?;
        let ratings = all(c, "SELECT film_key, value, rated_at FROM rating ORDER BY film_key", [], |r| {
            Ok(ExportRating { film: r.get(0)?, value: r.get(1)?, rated_at: r.get(2)? })
        })?;
        let notes = all(c, "SELECT film_key, body, updated_at FROM note ORDER BY film_key", [], |r| {
            Ok(ExportNote { film: r.get(0)?, body: r.get(1)?, updated_at: r.get(2)? })
        })?;
        let viewings = all(
            c,
            "SELECT film_key, watched_on, rating, rewatch, note, place, created_at, updated_at, origin FROM viewing
             WHERE deleted_at IS NULL
             ORDER BY film_key, watched_on IS NULL, watched_on, created_at, origin, note, uid, id",
            [],
            |r| {
                Ok(ExportViewing {
                    film: r.get(0)?,
                    watched_on: r.get(1)?,
                    rating: r.get(2)?,
                    rewatch: r.get(3)?,
                    note: r.get(4)?,
                    place: r.get(5)?,
                    created_at: r.get(6)?,
                    updated_at: r.get(7)?,
                    origin: r.get(8)?,
                })
            },
        )?;
        let mut lists = all(
            c,
            "SELECT id, name, description, ranked, created_at, updated_at FROM film_list ORDER BY name_fold",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    ExportList {
                        name: r.get(1)?,
                        description: r.get(2)?,
                        ranked: r.get(3)?,
                        created_at: r.get(4)?,
                        updated_at: r.get(5)?,
                        entries: Vec::new(),
                    },
                ))
            },
        )?;
        for (id, list) in &mut lists {
            list.entries = all(
                c,
                "SELECT film_key, position, note, added_at FROM list_entry WHERE list_id = ?1 ORDER BY position, film_key",
                params![*id],
                |r| Ok(ExportListEntry { film: r.get(0)?, position: r.get(1)?, note: r.get(2)?, added_at: r.get(3)? }),
            )?;
        }
        let mut tags = all(c, "SELECT id, name FROM tag ORDER BY name_fold", [], |r| {
            Ok((r.get::<_, i64>(0)?, ExportTag { name: r.get(1)?, films: Vec::new() }))
        })?;
        for (id, tag) in &mut tags {
            tag.films = all(
                c,
                "SELECT film_key, added_at FROM film_tag WHERE tag_id = ?1 ORDER BY film_key",
                params![*id],
                |r| Ok(ExportTagged { film: r.get(0)?, added_at: r.get(1)? }),
            )?;
        }
        Ok(LibraryExport {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            films,
            watchlist,
            ratings,
            notes,
            viewings,
            lists: lists.into_iter().map(|(_, l)| l).collect(),
            tags: tags.into_iter().map(|(_, t)| t).collect(),
            takes: all(
                c,
                "SELECT film_key, text, line, score_tenths, synopsis, updated_at FROM own_take ORDER BY film_key",
                [],
                |r| {
                    Ok(ExportTake {
                        film: r.get(0)?,
                        text: r.get(1)?,
                        line: r.get(2)?,
                        score_tenths: r.get(3)?,
                        synopsis: r.get(4)?,
                        updated_at: r.get(5)?,
                    })
                },
            )?,
            links: all(
                c,
                "SELECT from_key, to_key, reason, created_at FROM own_link ORDER BY from_key, to_key",
                [],
                |r| Ok(ExportLink { from: r.get(0)?, to: r.get(1)?, reason: r.get(2)?, created_at: r.get(3)? }),
            )?,
            pack: self.own_pack()?.map(|p| ExportPack {
                id: p.pack_id,
                author: p.author,
                version: p.version,
                exported_at: p.exported_at,
            }),
        })
    }

    /// Merges an export into the library in one transaction: what is there already stays, what is missing is
    /// added with its own timestamps. With `dry_run`, the same writes are rolled back and only counted.
    pub fn import_export(&mut self, data: &LibraryExport, dry_run: bool) -> Result<Vec<ImportCount>> {
        check(data)?;
        let tx = self.conn_mut().transaction()?;
        let counts = merge(&tx, data)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(counts)
    }
}

/// Every reference points at a film of the export; ratings are 0 to 100; dates are dates.
fn check(data: &LibraryExport) -> Result<()> {
    if data.format != FORMAT || !(OLDEST_READ..=FORMAT_VERSION).contains(&data.format_version) {
        return Err(CoreError::invalid(
            "format",
            format!(
                "this is not a Matinee library export of version {OLDEST_READ} to {FORMAT_VERSION} ({} {})",
                data.format, data.format_version
            ),
        ));
    }
    // The rules the app's own forms and commands hold to, so nothing comes in that the app would then refuse.
    let rule = |path: String, e: CoreError| match e {
        CoreError::Invalid { message, .. } => CoreError::invalid(path, message),
        other => other,
    };
    let text = |path: String, t: &str, max: usize| {
        let n = t.chars().count();
        if n > max {
            Err(CoreError::invalid(path, format!("at most {max} characters; this has {n}")))
        } else {
            Ok(())
        }
    };
    let today = super::diary::today();
    for (i, f) in data.films.iter().enumerate() {
        if f.key.trim().is_empty() || f.key.len() > 512 {
            return Err(CoreError::invalid(format!("films[{i}].key"), "a film key is 1 to 512 bytes"));
        }
        for (j, id) in f.ids.iter().enumerate() {
            let bad = |t: &str, max: usize| t.trim().is_empty() || t.len() > max;
            if bad(&id.source, 32) || id.source == "imdb" {
                return Err(CoreError::invalid(
                    format!("films[{i}].ids[{j}].source"),
                    "a service's name is 1 to 32 bytes, and an IMDb id goes in the film's imdb",
                ));
            }
            if bad(&id.value, SERVICE_ID_MAX_BYTES) {
                return Err(CoreError::invalid(
                    format!("films[{i}].ids[{j}].value"),
                    format!("an id is 1 to {SERVICE_ID_MAX_BYTES} bytes"),
                ));
            }
        }
    }
    let known: std::collections::HashSet<&str> = data.films.iter().map(|f| f.key.as_str()).collect();
    let film = |path: String, key: &str| {
        if known.contains(key) {
            Ok(())
        } else {
            Err(CoreError::invalid(path, format!("'{key}' is not one of the export's films")))
        }
    };
    for (i, w) in data.watchlist.iter().enumerate() {
        film(format!("watchlist[{i}].film"), &w.film)?;
    }
    for (i, t) in data.takes.iter().enumerate() {
        film(format!("takes[{i}].film"), &t.film)?;
        let whole = t.text.is_some() && t.line.is_some() && t.score_tenths.is_some();
        let none = t.text.is_none() && t.line.is_none() && t.score_tenths.is_none();
        if !(whole || none) || (none && t.synopsis.is_none()) {
            return Err(CoreError::invalid(
                format!("takes[{i}]"),
                "a take has its text, line and score, or is a synopsis alone",
            ));
        }
        if t.score_tenths.is_some_and(|s| s > 100) {
            return Err(CoreError::invalid(format!("takes[{i}].score_tenths"), "a score is 0 to 100 tenths"));
        }
        text(format!("takes[{i}].text"), t.text.as_deref().unwrap_or(""), super::own_takes::TAKE_TEXT_MAX)?;
        text(format!("takes[{i}].line"), t.line.as_deref().unwrap_or(""), super::own_takes::TAKE_LINE_MAX)?;
        text(format!("takes[{i}].synopsis"), t.synopsis.as_deref().unwrap_or(""), super::own_takes::TAKE_TEXT_MAX)?;
    }
    for (i, l) in data.links.iter().enumerate() {
        film(format!("links[{i}].from"), &l.from)?;
        film(format!("links[{i}].to"), &l.to)?;
        text(format!("links[{i}].reason"), &l.reason, super::own_takes::LINK_REASON_MAX)?;
        if l.reason.trim().is_empty() || l.from == l.to {
            return Err(CoreError::invalid(format!("links[{i}]"), "a link joins two films, with a reason"));
        }
    }
    if let Some(p) = &data.pack {
        let ok = !p.id.is_empty()
            && p.id.len() <= 64
            && p.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(CoreError::invalid("pack.id", "a pack id is 1 to 64 of a-z, 0-9 and -"));
        }
        text("pack.author".into(), &p.author, super::own_takes::AUTHOR_MAX)?;
    }
    for (i, r) in data.ratings.iter().enumerate() {
        film(format!("ratings[{i}].film"), &r.film)?;
        if r.value > 100 {
            return Err(CoreError::invalid(format!("ratings[{i}].value"), "a rating is 0 to 100"));
        }
    }
    for (i, n) in data.notes.iter().enumerate() {
        film(format!("notes[{i}].film"), &n.film)?;
        text(format!("notes[{i}].body"), &n.body, crate::matinee::NOTE_MAX_CHARS)?;
    }
    for (i, v) in data.viewings.iter().enumerate() {
        film(format!("viewings[{i}].film"), &v.film)?;
        if v.rating.is_some_and(|r| r > 100) {
            return Err(CoreError::invalid(format!("viewings[{i}].rating"), "a rating is 0 to 100"));
        }
        if let Some(d) = &v.watched_on {
            let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| CoreError::invalid(format!("viewings[{i}].watched_on"), format!("'{d}' is not a date")))?;
            super::diary::check_date(date, today).map_err(|e| rule(format!("viewings[{i}].watched_on"), e))?;
        }
        text(format!("viewings[{i}].note"), &v.note, super::diary::TEXT_MAX_CHARS)?;
        text(format!("viewings[{i}].place"), &v.place, super::diary::TEXT_MAX_CHARS)?;
    }
    for (i, l) in data.lists.iter().enumerate() {
        super::lists::checked_name(&l.name).map_err(|e| rule(format!("lists[{i}].name"), e))?;
        text(format!("lists[{i}].description"), &l.description, super::lists::TEXT_MAX_CHARS)?;
        // Positions are the list's order: 1, 2, 3 … each once, as the library keeps them.
        let mut positions: Vec<i64> = l.entries.iter().map(|e| i64::from(e.position)).collect();
        positions.sort_unstable();
        if let Some(j) = positions.iter().enumerate().position(|(k, p)| *p != k as i64 + 1) {
            let j = l.entries.iter().rposition(|e| i64::from(e.position) == positions[j]).unwrap_or(j);
            return Err(CoreError::invalid(
                format!("lists[{i}].entries[{j}].position"),
                format!("the positions of a list's {} films are 1 to {}, each once", l.entries.len(), l.entries.len()),
            ));
        }
        for (j, e) in l.entries.iter().enumerate() {
            film(format!("lists[{i}].entries[{j}].film"), &e.film)?;
            text(format!("lists[{i}].entries[{j}].note"), &e.note, super::lists::TEXT_MAX_CHARS)?;
        }
    }
    for (i, t) in data.tags.iter().enumerate() {
        super::tags::checked_tag(&t.name).map_err(|e| rule(format!("tags[{i}].name"), e))?;
        for (j, f) in t.films.iter().enumerate() {
            film(format!("tags[{i}].films[{j}].film"), &f.film)?;
        }
    }
    Ok(())
}

fn counted(counts: &mut Vec<ImportCount>, what: &str, added: bool) {
    let i = match counts.iter().position(|c| c.what == what) {
        Some(i) => i,
        None => {
            counts.push(ImportCount { what: what.into(), ..ImportCount::default() });
            counts.len() - 1
        }
    };
    if added {
        counts[i].added += 1;
    } else {
        counts[i].unchanged += 1;
    }
}

fn merge(tx: &Transaction<'_>, data: &LibraryExport) -> Result<Vec<ImportCount>> {
    let mut counts = Vec::new();
    for f in &data.films {
        let n = tx.execute(
            "INSERT OR IGNORE INTO film_ref (key, title, year, first_seen_at, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![f.key, f.title, f.year, f.first_seen_at, f.kind],
        )?;
        if let Some(id) = &f.imdb {
            tx.execute(
                "INSERT OR IGNORE INTO film_external_id (film_key, source, value) VALUES (?1, 'imdb', ?2)",
                params![f.key, id],
            )?;
        }
        for id in &f.ids {
            tx.execute(
                "INSERT OR IGNORE INTO film_external_id (film_key, source, value) VALUES (?1, ?2, ?3)",
                params![f.key, id.source, id.value],
            )?;
        }
        counted(&mut counts, "films", n > 0);
    }
    for w in &data.watchlist {
        let n = tx.execute(
            "INSERT OR IGNORE INTO watchlist_entry (film_key, added_at) VALUES (?1, ?2)",
            params![w.film, w.added_at],
        )?;
        counted(&mut counts, "watchlist entries", n > 0);
    }
    for r in &data.ratings {
        let n = tx.execute(
            "INSERT OR IGNORE INTO rating (film_key, value, rated_at) VALUES (?1, ?2, ?3)",
            params![r.film, r.value, r.rated_at],
        )?;
        counted(&mut counts, "ratings", n > 0);
    }
    for note in &data.notes {
        let n = tx.execute(
            "INSERT OR IGNORE INTO note (film_key, body, updated_at) VALUES (?1, ?2, ?3)",
            params![note.film, note.body, note.updated_at],
        )?;
        counted(&mut counts, "notes", n > 0);
    }
    for v in &data.viewings {
        let there: Option<i64> = match &v.origin {
            Some(origin) => tx.query_row("SELECT id FROM viewing WHERE origin = ?1", params![origin], |r| r.get(0)).optional()?,
            None => tx
                .query_row(
                    "SELECT id FROM viewing WHERE film_key = ?1 AND watched_on IS ?2 AND created_at = ?3 AND origin IS NULL",
                    params![v.film, v.watched_on, v.created_at],
                    |r| r.get(0),
                )
                .optional()?,
        };
        if there.is_none() {
            tx.execute(
                "INSERT INTO viewing (film_key, watched_on, rating, rewatch, note, place, created_at, updated_at, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![v.film, v.watched_on, v.rating, v.rewatch, v.note, v.place, v.created_at, v.updated_at, v.origin],
            )?;
        }
        counted(&mut counts, "viewings", there.is_none());
    }
    for l in &data.lists {
        let fold = crate::text::name_key(&l.name);
        let id: Option<i64> =
            tx.query_row("SELECT id FROM film_list WHERE name_fold = ?1", params![fold], |r| r.get(0)).optional()?;
        let id = match id {
            Some(id) => {
                counted(&mut counts, "lists", false);
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO film_list (name, name_fold, description, ranked, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![l.name, fold, l.description, l.ranked, l.created_at, l.updated_at],
                )?;
                counted(&mut counts, "lists", true);
                tx.last_insert_rowid()
            }
        };
        for e in &l.entries {
            let n = tx.execute(
                "INSERT OR IGNORE INTO list_entry (list_id, film_key, position, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, e.film, e.position, e.note, e.added_at],
            )?;
            counted(&mut counts, "list entries", n > 0);
        }
    }
    for t in &data.takes {
        let n = tx.execute(
            "INSERT OR IGNORE INTO own_take (film_key, text, line, score_tenths, synopsis, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![t.film, t.text, t.line, t.score_tenths, t.synopsis, t.updated_at],
        )?;
        counted(&mut counts, "your takes", n > 0);
    }
    for l in &data.links {
        let n = tx.execute(
            "INSERT OR IGNORE INTO own_link (from_key, to_key, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![l.from, l.to, l.reason, l.created_at],
        )?;
        counted(&mut counts, "your links", n > 0);
    }
    if let Some(p) = &data.pack {
        // The library's own name stays when it has one; a newer export's version count is kept.
        tx.execute(
            "INSERT INTO own_pack (id, pack_id, author, version, exported_at) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET version = max(version, excluded.version)",
            params![p.id, p.author, p.version, p.exported_at],
        )?;
    }
    for t in &data.tags {
        let fold = crate::text::name_key(&t.name);
        tx.execute("INSERT OR IGNORE INTO tag (name, name_fold) VALUES (?1, ?2)", params![t.name, fold])?;
        let id: i64 = tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![fold], |r| r.get(0))?;
        for f in &t.films {
            let n = tx.execute(
                "INSERT OR IGNORE INTO film_tag (film_key, tag_id, added_at) VALUES (?1, ?2, ?3)",
                params![f.film, id, f.added_at],
            )?;
            counted(&mut counts, "tags on films", n > 0);
        }
    }
    Ok(counts)
}
