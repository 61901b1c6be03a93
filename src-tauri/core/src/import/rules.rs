//! The rules every way data comes in obeys, the same ones the app's forms and the CLI's commands enforce: a row
//! that breaks one is skipped and listed with its file, line and reason, and changes nothing.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Item, Parsed};
use crate::error::CoreError;
use crate::library::{diary, lists, tags};

/// Why `item` may not come in, if it may not.
pub(crate) fn broken(item: &Item, today: NaiveDate) -> Option<String> {
    let text = |what: &str, t: &str, max: usize| {
        let n = t.chars().count();
        (n > max).then(|| format!("{what} is at most {max} characters; this one has {n}"))
    };
    let reason = |e: CoreError| match e {
        CoreError::Invalid { message, .. } => message,
        other => other.to_string(),
    };
    match item {
        Item::Viewing { watched_on, note, tags: names, .. } => {
            if let Some(date) = watched_on {
                if let Err(e) = diary::check_date(*date, today) {
                    return Some(format!("the date watched: {}", reason(e)));
                }
            }
            text("a viewing's note", note, diary::TEXT_MAX_CHARS)
                .or_else(|| names.iter().find_map(|t| tags::checked_tag(t).err().map(reason)))
        }
        Item::List { name, description, .. } => lists::checked_name(name)
            .err()
            .map(reason)
            .or_else(|| text("a list's description", description, lists::TEXT_MAX_CHARS)),
        Item::ListEntry { list, position, note, .. } => lists::checked_name(list)
            .err()
            .map(reason)
            .or_else(|| (*position == 0).then(|| "a list position starts at 1".to_owned()))
            .or_else(|| text("a list entry's note", note, lists::TEXT_MAX_CHARS)),
        Item::Watched { .. } | Item::Rating { .. } | Item::Watchlist { .. } => None,
    }
}

/// Moves the rows that break a rule into the skipped rows, and the entries of a list that was skipped with them.
pub(crate) fn enforce(parsed: &mut Parsed, today: NaiveDate) {
    let mut skipped_lists = HashSet::new();
    for row in std::mem::take(&mut parsed.rows) {
        let why = broken(&row.item, today).or_else(|| match &row.item {
            Item::ListEntry { list, .. } if skipped_lists.contains(list) => {
                Some(format!("its list '{}' was skipped", cut(list)))
            }
            _ => None,
        });
        match why {
            Some(why) => {
                if let Item::List { name, .. } = &row.item {
                    skipped_lists.insert(name.clone());
                }
                parsed.skipped.push((row.at, why));
            }
            None => parsed.rows.push(row),
        }
    }
}

/// Gives each list's entries the positions 1 to n in the order the export gives them (by its positions, then by
/// row), as the library keeps them: an export with gaps or shared ranks then matches what the first import stored,
/// and a second import changes nothing.
pub(crate) fn renumber_lists(parsed: &mut Parsed) {
    let mut by_list: std::collections::HashMap<String, Vec<(u32, usize)>> = std::collections::HashMap::new();
    for (i, row) in parsed.rows.iter().enumerate() {
        if let Item::ListEntry { list, position, .. } = &row.item {
            by_list.entry(crate::text::name_key(list)).or_default().push((*position, i));
        }
    }
    for mut entries in by_list.into_values() {
        entries.sort_unstable();
        for (n, (_, i)) in entries.into_iter().enumerate() {
            if let Item::ListEntry { position, .. } = &mut parsed.rows[i].item {
                *position = u32::try_from(n + 1).unwrap_or(u32::MAX);
            }
        }
    }
}

/// Two rows of one export that share a source id (two diary rows with one Letterboxd entry URI) but name different
/// films are two viewings: the second film's keeps an id of its own (`#2`, `#3` …, the same on every import), so
/// neither overwrites the other and a second import still changes nothing.
pub(crate) fn distinct_origins(parsed: &mut Parsed) {
    let mut films_by_origin: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for row in &mut parsed.rows {
        if let Item::Viewing { film, origin, .. } = &mut row.item {
            let identity = match &film.imdb {
                Some(id) => id.clone(),
                None => format!("{}|{:?}", crate::text::fold(&film.title), film.year),
            };
            let films = films_by_origin.entry(origin.clone()).or_default();
            let n = match films.iter().position(|f| *f == identity) {
                Some(n) => n,
                None => {
                    films.push(identity);
                    films.len() - 1
                }
            };
            if n > 0 {
                origin.push_str(&format!("#{}", n + 1));
            }
        }
    }
}

/// A name as a message quotes it: at most 60 characters.
fn cut(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{At, FilmRef, Row};

    fn viewing(date: &str, note: &str, tags: &[&str]) -> Item {
        Item::Viewing {
            film: FilmRef { title: "X".into(), year: Some(2000), imdb: None, kind: None, ids: Vec::new() },
            origin: "o".into(),
            watched_on: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            rating: None,
            rewatch: false,
            note: note.into(),
            review: false,
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn dates_notes_tags_and_names_follow_the_apps_own_rules() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(broken(&viewing("2026-12-05", "", &[]), today), None);
        for date in ["9999-12-31", "2026-12-06", "1869-12-31"] {
            assert!(broken(&viewing(date, "", &[]), today).unwrap().contains("date watched"), "{date}");
        }
        assert!(broken(&viewing("2020-01-01", &"n".repeat(20_001), &[]), today).is_some());
        assert!(broken(&viewing("2020-01-01", "", &[&"t".repeat(101)]), today).is_some());
        assert!(broken(&viewing("2020-01-01", "", &[" "]), today).is_some(), "an empty tag");
        let list = |name: &str| Item::List { name: name.into(), description: String::new(), ranked: true };
        assert!(broken(&list(""), today).is_some());
        assert!(broken(&list(&"l".repeat(201)), today).is_some());
        assert_eq!(broken(&list("Fine"), today), None);
    }

    #[test]
    fn the_entries_of_a_skipped_list_are_skipped_with_it() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let at = |line| At { file: "l.csv".into(), line };
        let film = FilmRef { title: "X".into(), year: Some(2000), imdb: None, kind: None, ids: Vec::new() };
        let long = "Too much said".to_owned();
        let mut parsed = Parsed {
            source: crate::model::ImportSource::Letterboxd,
            origin: "t".into(),
            rows: vec![
                Row {
                    item: Item::List { name: long.clone(), description: "d".repeat(20_001), ranked: true },
                    at: at(1),
                },
                Row { item: Item::ListEntry { list: long, film, position: 1, note: String::new() }, at: at(2) },
            ],
            skipped: Vec::new(),
            ignored_files: Vec::new(),
            files: Vec::new(),
            columns: Vec::new(),
            mapping: None,
        };
        enforce(&mut parsed, today);
        assert!(parsed.rows.is_empty());
        // Gaps and shared ranks become 1 to n in the export's order.
        let entry = |position: u32, title: &str| Row {
            item: Item::ListEntry {
                list: "Ranked".into(),
                film: FilmRef { title: title.into(), year: Some(2000), imdb: None, kind: None, ids: Vec::new() },
                position,
                note: String::new(),
            },
            at: at(u64::from(position)),
        };
        parsed.rows = vec![entry(7, "c"), entry(2, "a"), entry(2, "b"), entry(40, "d")];
        renumber_lists(&mut parsed);
        let order: Vec<(String, u32)> = parsed
            .rows
            .iter()
            .map(|r| match &r.item {
                Item::ListEntry { film, position, .. } => (film.title.clone(), *position),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(order, [("c".into(), 3), ("a".into(), 1), ("b".into(), 2), ("d".into(), 4)]);
        let lines: Vec<u64> = parsed.skipped.iter().map(|(a, _)| a.line).collect();
        assert_eq!(lines, vec![1, 2]);
        assert!(parsed.skipped[1].1.contains("was skipped"));
    }
}
