//! Take packs (docs/take-pack.md): parsing, validation and normalisation, all before anything is loaded.

use std::path::Path;

use serde::Deserialize;

use crate::error::{CoreError, Result};
use crate::model::FilmKind;
use crate::normalise::{normalise_countries, normalise_languages, split_people};

/// The starter pack, shipped inside the binary and loaded through the same code path as any other pack.
pub const STARTER_PACK: &str = include_str!("../packs/starter.json");
pub const STARTER_PACK_NAME: &str = "starter.json (built in)";

const FORMAT: &str = "matinee-take-pack";
const FORMAT_VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    format: String,
    format_version: u32,
    id: String,
    name: String,
    author: String,
    version: String,
    licence: String,
    #[serde(default)]
    description: Option<String>,
    films: Vec<RawFilm>,
    #[serde(default)]
    related: Vec<RawLink>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilm {
    #[serde(rename = "ref")]
    reference: String,
    #[serde(default)]
    ids: RawIds,
    title: String,
    #[serde(default)]
    original_title: Option<String>,
    year: i32,
    kind: FilmKind,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    genres: Vec<String>,
    #[serde(default)]
    directors: Vec<String>,
    #[serde(default)]
    cast: Vec<String>,
    #[serde(default)]
    runtime_minutes: Option<u32>,
    #[serde(default)]
    synopsis: Option<String>,
    #[serde(default)]
    take: Option<RawTake>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawIds {
    #[serde(default)]
    imdb: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTake {
    text: String,
    line: String,
    score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    from: String,
    to: String,
    reason: String,
    #[serde(default)]
    both_ways: bool,
}

/// A pack that passed every rule, with its facts normalised.
#[derive(Debug, Clone)]
pub struct TakePack {
    pub id: String,
    pub name: String,
    pub author: String,
    pub version: String,
    pub licence: String,
    pub description: Option<String>,
    pub films: Vec<PackFilm>,
    /// Curated links as (from index, to index, reason), both directions spelt out.
    pub links: Vec<(usize, usize, String)>,
}

#[derive(Debug, Clone)]
pub struct PackFilm {
    pub reference: String,
    pub imdb_id: Option<String>,
    pub title: String,
    pub original_title: Option<String>,
    pub year: i32,
    pub kind: FilmKind,
    /// ISO 3166 alpha-2 codes (or historical codes), unique, in the pack's order.
    pub countries: Vec<&'static str>,
    pub languages: Vec<&'static str>,
    pub genres: Vec<String>,
    /// People's names as spelt in the pack, one entry a person.
    pub directors: Vec<String>,
    pub cast: Vec<String>,
    pub runtime_minutes: Option<u32>,
    pub synopsis: Option<String>,
    pub take: Option<PackTake>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackTake {
    pub text: String,
    pub line: String,
    pub score_tenths: u32,
}

/// Reads and validates a pack file.
pub fn read_pack_file(path: &Path) -> Result<TakePack> {
    let fail = |location: String, message: String| CoreError::Pack { file: path.to_owned(), location, message };
    let bytes = std::fs::read(path).map_err(|e| fail("file".into(), format!("cannot be read: {e}")))?;
    read_pack_bytes(bytes, path)
}

/// Parses and validates a pack's bytes (a file the user picked in the window); `path` names it in messages.
pub fn read_pack_bytes(bytes: Vec<u8>, path: &Path) -> Result<TakePack> {
    let fail = |location: String, message: String| CoreError::Pack { file: path.to_owned(), location, message };
    let text = String::from_utf8(bytes).map_err(|e| {
        // Where the text stops being UTF-8, as a line and column a person can find.
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        fail(format!("line {line}, column {column}"), "is not UTF-8 text (save the pack as UTF-8)".into())
    })?;
    parse_pack(&text, path)
}

/// At most 80 characters of a value from the pack, for a message: a huge value never makes a huge message.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Parses and validates pack text; `file` names it in messages.
pub fn parse_pack(text: &str, file: &Path) -> Result<TakePack> {
    let fail = |location: String, message: String| CoreError::Pack {
        file: file.to_owned(),
        location: quoted(&location),
        message: match message.char_indices().nth(300) {
            Some((i, _)) => format!("{}…", &message[..i]),
            None => message,
        },
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawPack = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let path = e.path().to_string();
        let at = format!("line {}, column {}", inner.line(), inner.column());
        let location = if path.is_empty() || path == "." { at } else { format!("{path} (at {at})") };
        fail(location, strip_position(&inner.to_string()))
    })?;
    de.end().map_err(|e| fail(format!("line {}, column {}", e.line(), e.column()), strip_position(&e.to_string())))?;
    validate(raw).map_err(|(location, message)| fail(location, message))
}

/// serde_json appends " at line L column C" to its messages; the location is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_imdb_id(s: &str) -> bool {
    s.len() >= 9 && s.starts_with("tt") && s[2..].bytes().all(|b| b.is_ascii_digit())
}

type Problem = (String, String);

fn validate(raw: RawPack) -> std::result::Result<TakePack, Problem> {
    let problem = |path: &str, message: &str| (path.to_owned(), message.to_owned());
    if raw.format != FORMAT {
        return Err(problem("format", &format!("must be \"{FORMAT}\"")));
    }
    if raw.format_version != FORMAT_VERSION {
        return Err(problem(
            "format_version",
            &format!("version {} is not known to this Matinee (it reads version {FORMAT_VERSION})", raw.format_version),
        ));
    }
    if !is_slug(&raw.id) {
        return Err(problem("id", "must be 1 to 64 of a-z, 0-9 and -"));
    }
    for (field, value) in
        [("name", &raw.name), ("author", &raw.author), ("version", &raw.version), ("licence", &raw.licence)]
    {
        if value.trim().is_empty() {
            return Err(problem(field, "must not be empty"));
        }
    }
    if raw.films.is_empty() {
        return Err(problem("films", "a pack has at least one film"));
    }
    let mut films = Vec::with_capacity(raw.films.len());
    for (i, f) in raw.films.into_iter().enumerate() {
        let at = |field: &str| format!("films[{i}].{field}");
        if !is_slug(&f.reference) {
            return Err((at("ref"), "must be 1 to 64 of a-z, 0-9 and -".into()));
        }
        if films.iter().any(|g: &PackFilm| g.reference == f.reference) {
            return Err((at("ref"), format!("'{}' is used by an earlier film", quoted(&f.reference))));
        }
        if f.title.trim().is_empty() {
            return Err((at("title"), "must not be empty".into()));
        }
        if !(1870..=2100).contains(&f.year) {
            return Err((at("year"), format!("{} is not a year from 1870 to 2100", f.year)));
        }
        if let Some(id) = &f.ids.imdb {
            if !is_imdb_id(id) {
                return Err((at("ids.imdb"), format!("'{}' is not an IMDb id (tt and 7 or more digits)", quoted(id))));
            }
        }
        if let Some(m) = f.runtime_minutes {
            if !(1..=1500).contains(&m) {
                return Err((at("runtime_minutes"), format!("{m} is not 1 to 1500 minutes")));
            }
        }
        let countries = normalise_countries(&f.countries)
            .map_err(|bad| (at("countries"), format!("'{}' is not a country Matinee knows", quoted(&bad))))?;
        let languages = normalise_languages(&f.languages)
            .map_err(|bad| (at("languages"), format!("'{}' is not a language Matinee knows", quoted(&bad))))?;
        let mut genres: Vec<String> = Vec::new();
        for (g, genre) in f.genres.iter().enumerate() {
            let genre = genre.trim();
            if genre.is_empty() {
                return Err((at(&format!("genres[{g}]")), "must not be empty".into()));
            }
            if !genres.iter().any(|x| x.eq_ignore_ascii_case(genre)) {
                genres.push(genre.to_owned());
            }
        }
        let people = |list: &[String]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for raw in list {
                for p in split_people(raw) {
                    let key = crate::normalise::person_key(&p);
                    if !out.iter().any(|o| crate::normalise::person_key(o) == key) {
                        out.push(p);
                    }
                }
            }
            out
        };
        let take = match f.take {
            None => None,
            Some(t) => {
                if t.text.trim().is_empty() {
                    return Err((at("take.text"), "must not be empty".into()));
                }
                if t.line.trim().is_empty() || t.line.chars().count() > 120 {
                    return Err((at("take.line"), "must be 1 to 120 characters".into()));
                }
                let tenths = (t.score * 10.0).round();
                if !(0.0..=100.0).contains(&tenths) || (t.score * 10.0 - tenths).abs() > 1e-6 {
                    return Err((
                        at("take.score"),
                        format!("{} is not a score from 0 to 10 with at most one decimal", t.score),
                    ));
                }
                Some(PackTake {
                    text: t.text.trim().to_owned(),
                    line: t.line.trim().to_owned(),
                    score_tenths: tenths as u32,
                })
            }
        };
        films.push(PackFilm {
            reference: f.reference,
            imdb_id: f.ids.imdb,
            title: f.title.trim().to_owned(),
            original_title: f.original_title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            year: f.year,
            kind: f.kind,
            countries,
            languages,
            genres,
            directors: people(&f.directors),
            cast: people(&f.cast),
            runtime_minutes: f.runtime_minutes,
            synopsis: f.synopsis.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
            take,
        });
    }
    let mut links = Vec::new();
    for (i, link) in raw.related.iter().enumerate() {
        let find = |field: &str, r: &str| {
            films.iter().position(|f| f.reference == r).ok_or_else(|| {
                (format!("related[{i}].{field}"), format!("no film in this pack has the ref '{}'", quoted(r)))
            })
        };
        let from = find("from", &link.from)?;
        let to = find("to", &link.to)?;
        if from == to {
            return Err((format!("related[{i}].to"), "a film cannot be related to itself".into()));
        }
        let reason = link.reason.trim();
        if reason.is_empty() || reason.chars().count() > 120 {
            return Err((format!("related[{i}].reason"), "must be 1 to 120 characters".into()));
        }
        links.push((from, to, reason.to_owned()));
        if link.both_ways {
            links.push((to, from, reason.to_owned()));
        }
    }
    Ok(TakePack {
        id: raw.id,
        name: raw.name,
        author: raw.author,
        version: raw.version,
        licence: raw.licence,
        description: raw.description,
        films,
        links,
    })
}
