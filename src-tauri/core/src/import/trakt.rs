//! Trakt exports (the account data export and API dumps): history, ratings, watched, the watchlist and lists, as
//! JSON arrays. Movies and shows keep their kind; episodes are summed up under their show.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde_json::Value;

use super::input::SourceFile;
use super::{At, FilmRef, Item, Parsed, Row};
use crate::model::FilmKind;

/// The film or show an entry is about; an episode entry is about its show.
fn film_of(entry: &Value) -> Option<(FilmRef, Option<i64>)> {
    let (node, kind) = match entry.get("type").and_then(Value::as_str) {
        Some("movie") => (entry.get("movie")?, FilmKind::Movie),
        Some("show") | Some("season") | Some("episode") => (entry.get("show")?, FilmKind::Show),
        _ => match (entry.get("movie"), entry.get("show")) {
            (Some(m), _) => (m, FilmKind::Movie),
            (None, Some(s)) => (s, FilmKind::Show),
            _ => return None,
        },
    };
    let title = node.get("title").and_then(Value::as_str)?.trim();
    if title.is_empty() {
        return None;
    }
    let ids = node.get("ids");
    let imdb = ids
        .and_then(|i| i.get("imdb"))
        .and_then(Value::as_str)
        .filter(|id| id.starts_with("tt") && id.len() >= 9)
        .map(str::to_owned);
    let trakt = ids.and_then(|i| i.get("trakt")).and_then(Value::as_i64);
    let year = node
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1870..=2100).contains(y));
    let mut other = Vec::new();
    if let Some(t) = trakt {
        other.push(("trakt", format!("{}:{t}", if kind == FilmKind::Show { "show" } else { "movie" })));
    }
    if let Some(t) = ids.and_then(|i| i.get("tmdb")).and_then(Value::as_i64) {
        other.push(("tmdb", format!("{}:{t}", if kind == FilmKind::Show { "tv" } else { "movie" })));
    }
    Some((FilmRef { title: title.to_owned(), year, imdb, kind: Some(kind), ids: other }, trakt))
}

/// A Trakt timestamp as the user's local calendar date.
fn local_date(entry: &Value, field: &str) -> Option<NaiveDate> {
    let text = entry.get(field).and_then(Value::as_str)?;
    let at: DateTime<Utc> = text.parse().ok()?;
    Some(at.with_timezone(&Local).date_naive())
}

/// The line of the `index`-th top-level item, for messages: Trakt files are pretty-printed arrays. Every item
/// counts, objects or not, so a stray number or string shifts no line after it.
fn item_lines(text: &str) -> Vec<u64> {
    let mut lines = Vec::new();
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    let mut line = 1u64;
    // Inside the top-level array, the next character that is not blank starts an item.
    let mut awaiting = false;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1 && awaiting && !c.is_whitespace() && c != ']' && c != ',' {
            lines.push(line);
            awaiting = false;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                depth += 1;
                if depth == 1 {
                    awaiting = true;
                }
            }
            '}' | ']' => depth -= 1,
            ',' if depth == 1 => awaiting = true,
            _ => {}
        }
    }
    lines
}

pub fn parse(files: &[SourceFile], out: &mut Parsed) -> Result<(), String> {
    // Shows watched episode by episode: one viewing each, on the last day an episode was watched.
    let mut shows: HashMap<String, (FilmRef, NaiveDate, u32, At)> = HashMap::new();
    let mut list_names: HashMap<String, (String, String)> = HashMap::new();
    let is_json = |f: &SourceFile| f.base_name().contains(".json");
    let json_files: Vec<&SourceFile> = files.iter().filter(|f| is_json(f)).collect();
    for file in files.iter().filter(|f| !is_json(f)) {
        out.ignored_files.push((file.name.clone(), "not a JSON file of a Trakt export".into()));
    }
    // List metadata first, so list files get their names.
    for file in &json_files {
        if file.base_name() == "lists.json" || file.base_name() == "lists-lists.json" {
            let text = file.text()?;
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{}, line {}: not valid JSON: {e}", file.name, e.line()))?;
            for list in value.as_array().into_iter().flatten() {
                let name = list.get("name").and_then(Value::as_str).unwrap_or("").trim().to_owned();
                let description = list.get("description").and_then(Value::as_str).unwrap_or("").trim().to_owned();
                let ids = list.get("ids");
                for key in [
                    ids.and_then(|i| i.get("slug")).and_then(Value::as_str).map(str::to_owned),
                    ids.and_then(|i| i.get("trakt")).and_then(Value::as_i64).map(|t| t.to_string()),
                ]
                .into_iter()
                .flatten()
                {
                    list_names.insert(key, (name.clone(), description.clone()));
                }
            }
            out.files.push((file.name.clone(), "lists".into(), list_names.len() as u32));
        }
    }
    for file in json_files {
        let base = file.base_name();
        if base == "lists.json" || base == "lists-lists.json" {
            continue;
        }
        let text = file.text()?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}, line {}, column {}: not valid JSON: {e}", file.name, e.line(), e.column()))?;
        let Some(items) = value.as_array() else {
            out.ignored_files.push((file.name.clone(), "not a list of Trakt items".into()));
            continue;
        };
        let lines = item_lines(&text);
        let stem = base.trim_end_matches(".json").to_owned();
        // list-35780117-projector-rewatch.json or lists-list-my-list.json: a personal list.
        let list = (stem.starts_with("list-") || stem.starts_with("lists-list-")).then(|| {
            let rest = stem.trim_start_matches("lists-list-").trim_start_matches("list-");
            let (id, slug) = rest.split_once('-').unwrap_or((rest, rest));
            list_names
                .get(id)
                .or_else(|| list_names.get(slug))
                .cloned()
                .unwrap_or_else(|| (slug.replace('-', " "), String::new()))
        });
        if let Some((name, description)) = &list {
            out.rows.push(Row {
                item: Item::List { name: name.clone(), description: description.clone(), ranked: true },
                at: At { file: file.name.clone(), line: 1 },
            });
        }
        let mut count = 0;
        for (i, entry) in items.iter().enumerate() {
            let at = At { file: file.name.clone(), line: lines.get(i).copied().unwrap_or(0) };
            let Some((film, trakt)) = film_of(entry) else {
                out.skipped.push((at, "the item names no movie or show".into()));
                continue;
            };
            let kind = entry.get("type").and_then(Value::as_str).unwrap_or("");
            let item = if entry.get("watched_at").is_some() {
                let Some(date) = local_date(entry, "watched_at") else {
                    out.skipped.push((at, "watched_at is not a time".into()));
                    continue;
                };
                if kind == "episode" {
                    let key = trakt.map(|t| t.to_string()).unwrap_or_else(|| film.title.clone());
                    let e = shows.entry(key).or_insert((film, date, 0, at));
                    e.1 = e.1.max(date);
                    e.2 += 1;
                    count += 1;
                    continue;
                }
                let id = entry.get("id").and_then(Value::as_i64).map(|i| i.to_string());
                let origin = match id {
                    Some(id) => format!("trakt:history:{id}"),
                    None => format!("trakt:history:{}|{date}", film.title),
                };
                Item::Viewing {
                    film,
                    origin,
                    watched_on: Some(date),
                    rating: None,
                    rewatch: false,
                    note: String::new(),
                    review: false,
                    tags: Vec::new(),
                }
            } else if entry.get("rated_at").is_some() {
                if kind == "episode" || kind == "season" {
                    out.skipped.push((at, format!("{kind} ratings are not kept; the show's own rating is")));
                    continue;
                }
                match entry.get("rating").and_then(Value::as_u64) {
                    Some(r) if (1..=10).contains(&r) => Item::Rating { film, value: r as u8 * 10 },
                    _ => {
                        out.skipped.push((at, "the rating is not 1 to 10".into()));
                        continue;
                    }
                }
            } else if entry.get("listed_at").is_some() || entry.get("rank").is_some() {
                let note = entry.get("notes").and_then(Value::as_str).unwrap_or("").trim().to_owned();
                match &list {
                    Some((name, _)) => {
                        let position = entry.get("rank").and_then(Value::as_u64).unwrap_or(count as u64 + 1) as u32;
                        Item::ListEntry { list: name.clone(), film, position: position.max(1), note }
                    }
                    None => Item::Watchlist { film, added: local_date(entry, "listed_at") },
                }
            } else if entry.get("last_watched_at").is_some() || entry.get("plays").is_some() {
                Item::Watched { film }
            } else {
                out.skipped.push((at, "an item of a kind Matinee does not keep".into()));
                continue;
            };
            out.rows.push(Row { item, at });
            count += 1;
        }
        out.files.push((file.name.clone(), stem, count));
    }
    for (key, (film, last, episodes, at)) in shows {
        out.rows.push(Row {
            item: Item::Viewing {
                film,
                origin: format!("trakt:show:{key}"),
                watched_on: Some(last),
                rating: None,
                rewatch: false,
                note: format!("{episodes} episode{} watched (from Trakt)", if episodes == 1 { "" } else { "s" }),
                review: false,
                tags: Vec::new(),
            },
            at,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_top_level_item_has_the_line_it_starts_on() {
        let text = "[\n  {\"a\": 1,\n   \"b\": \"x,{y\"},\n  5,\n  \"s\",\n  [1, 2],\n  {\"c\": 2}\n]\n";
        assert_eq!(item_lines(text), vec![2, 4, 5, 6, 7]);
        assert_eq!(item_lines("[{\"a\":1},{\"b\":2}]"), vec![1, 1]);
        assert_eq!(item_lines("[]"), Vec::<u64>::new());
    }
}
