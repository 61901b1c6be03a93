//! Letterboxd account exports: diary, reviews, ratings, watched, watchlist and lists, as the service writes
//! them (2019 to 2026 layouts). deleted/ and orphaned/ are not the user's live data and are left aside.

use std::collections::HashMap;

use super::input::SourceFile;
use super::table::{field, read_rows, read_table, Table};
use super::{parse_date, parse_year, At, FilmRef, Item, Parsed, Row};

/// Letterboxd ratings are half stars from 0.5 to 5: 3.5 stars is 70, never rounded.
fn parse_stars(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let halves = t
        .parse::<f64>()
        .ok()
        .map(|v| v * 2.0)
        .filter(|h| (h - h.round()).abs() < 1e-9 && (1.0..=10.0).contains(h))
        .ok_or_else(|| format!("the rating '{t}' is not 0.5 to 5 stars in halves"))?;
    Ok(Some((halves.round() as u8) * 10))
}

/// The film of a row. In ratings, watched, watchlist and list files the URI is the film's own
/// (`https://boxd.it/28DI`); in the diary and reviews it is the entry's, so it says nothing about the film.
fn film(table: &Table, record: &csv::StringRecord, uri_is_film: bool) -> Result<FilmRef, String> {
    let name = field(record, table.column(&["name"]));
    if name.is_empty() {
        return Err("the film has no name".into());
    }
    let ids = if uri_is_film { film_uri(field(record, table.column(&["letterboxd uri", "url"]))) } else { Vec::new() };
    Ok(FilmRef {
        title: name.to_owned(),
        year: parse_year(field(record, table.column(&["year"]))),
        imdb: None,
        kind: None,
        ids,
    })
}

fn film_uri(uri: &str) -> Vec<(&'static str, String)> {
    let uri = uri.trim();
    if uri.starts_with("https://boxd.it/") || uri.starts_with("https://letterboxd.com/film/") {
        vec![("letterboxd", uri.to_owned())]
    } else {
        Vec::new()
    }
}

/// Text written on Windows has CRLF line ends inside multi-line fields; the library keeps `\n` only.
fn one_line_ending(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn tags(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The identity of a diary entry: its Letterboxd URI, or its film, dates and place among equal rows.
fn entry_origin(table: &Table, record: &csv::StringRecord, seen: &mut HashMap<String, u32>) -> String {
    let uri = field(record, table.column(&["letterboxd uri"]));
    if !uri.is_empty() {
        return format!("letterboxd:entry:{uri}");
    }
    let base = format!(
        "letterboxd:entry:{}|{}|{}|{}",
        field(record, table.column(&["name"])),
        field(record, table.column(&["year"])),
        field(record, table.column(&["watched date"])),
        field(record, table.column(&["date"])),
    );
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    format!("{base}#{n}")
}

pub fn parse(files: &[SourceFile], out: &mut Parsed) -> Result<(), String> {
    let mut reviews: Vec<Row> = Vec::new();
    for file in files {
        let folder = file.folder();
        let base = file.base_name();
        let top = folder.split('/').next().unwrap_or("").to_owned();
        if top == "deleted" || top == "orphaned" {
            out.ignored_files
                .push((file.name.clone(), format!("{top} items are not part of your live Letterboxd data")));
            continue;
        }
        if !base.ends_with(".csv") {
            out.ignored_files.push((file.name.clone(), "not a CSV file".into()));
            continue;
        }
        if top == "likes" || base == "comments.csv" || base == "profile.csv" {
            out.ignored_files
                .push((file.name.clone(), "likes, comments and the profile are not kept by Matinee".into()));
            continue;
        }
        let text = file.text()?;
        if top == "lists" {
            parse_list(file, &text, out)?;
            continue;
        }
        let table = read_table(file, &text)?;
        let kind = match base.as_str() {
            "diary.csv" => "diary",
            "reviews.csv" => "reviews",
            "ratings.csv" => "ratings",
            "watched.csv" => "watched",
            "watchlist.csv" => "watchlist",
            _ if table.has("letterboxd uri") && table.has("watched date") => "diary",
            _ if table.has("letterboxd uri") && table.has("rating") => "ratings",
            _ if table.has("letterboxd uri") => "watched",
            _ => {
                out.ignored_files.push((file.name.clone(), "not a file of a Letterboxd export".into()));
                continue;
            }
        };
        table.require(&["name"])?;
        table.require(&["year"])?;
        table.report_refused(out);
        let mut seen = HashMap::new();
        let mut count = 0;
        for (line, record) in &table.records {
            let at = At { file: file.name.clone(), line: *line };
            let film = match film(&table, record, !matches!(kind, "diary" | "reviews")) {
                Ok(f) => f,
                Err(reason) => {
                    out.skipped.push((at, reason));
                    continue;
                }
            };
            let item = match kind {
                "diary" | "reviews" => {
                    let rating = match parse_stars(field(record, table.column(&["rating"]))) {
                        Ok(r) => r,
                        Err(reason) => {
                            out.skipped.push((at, reason));
                            continue;
                        }
                    };
                    let watched = field(record, table.column(&["watched date"]));
                    let watched_on = if watched.is_empty() {
                        None
                    } else {
                        match parse_date(watched) {
                            Some(d) => Some(d),
                            None => {
                                out.skipped.push((at, format!("the watched date '{watched}' is not a date")));
                                continue;
                            }
                        }
                    };
                    Item::Viewing {
                        origin: entry_origin(&table, record, &mut seen),
                        film,
                        watched_on,
                        rating,
                        rewatch: field(record, table.column(&["rewatch"])).eq_ignore_ascii_case("yes"),
                        note: if kind == "reviews" {
                            one_line_ending(field(record, table.column(&["review"])))
                        } else {
                            String::new()
                        },
                        review: kind == "reviews",
                        tags: tags(field(record, table.column(&["tags"]))),
                    }
                }
                "ratings" => match parse_stars(field(record, table.column(&["rating"]))) {
                    Ok(Some(value)) => Item::Rating { film, value },
                    Ok(None) => {
                        out.skipped.push((at, "the row has no rating".into()));
                        continue;
                    }
                    Err(reason) => {
                        out.skipped.push((at, reason));
                        continue;
                    }
                },
                "watched" => Item::Watched { film },
                _ => Item::Watchlist { film, added: parse_date(field(record, table.column(&["date"]))) },
            };
            count += 1;
            let row = Row { item, at };
            if kind == "reviews" {
                reviews.push(row);
            } else {
                out.rows.push(row);
            }
        }
        out.files.push((file.name.clone(), kind.to_owned(), count));
    }
    // A review belongs to its diary entry (the same Letterboxd URI): it becomes that viewing's note.
    for review in reviews {
        let Item::Viewing { origin, note, .. } = &review.item else { continue };
        let entry = out.rows.iter_mut().find_map(|r| match &mut r.item {
            Item::Viewing { origin: o, note: n, review: is_review, .. } if o == origin => Some((n, is_review)),
            _ => None,
        });
        match entry {
            Some((existing, is_review)) => {
                *existing = note.clone();
                *is_review = true;
            }
            None => out.rows.push(review),
        }
    }
    Ok(())
}

/// A list file: an optional `Letterboxd list export vN` line, the list's own row under
/// `Date,Name,Tags,URL,Description`, a blank line, then its films under `Position,Name,Year,URL,Description`.
fn parse_list(file: &SourceFile, text: &str, out: &mut Parsed) -> Result<(), String> {
    let rows = read_rows(file, text, b',')?;
    for (line, why) in rows.refused {
        out.skipped.push((At { file: file.name.clone(), line }, why));
    }
    let mut list: Option<(String, String)> = None;
    let mut in_films = false;
    let mut header_seen = false;
    let mut count = 0;
    for (line, record) in rows.records {
        let first = record.get(0).unwrap_or("").trim().to_lowercase();
        if first.starts_with("letterboxd list export") {
            continue;
        }
        if first == "date" && !in_films {
            header_seen = true;
            continue;
        }
        if first == "position" {
            in_films = true;
            continue;
        }
        let at = At { file: file.name.clone(), line };
        if !in_films {
            if header_seen && list.is_none() {
                let name = record.get(1).unwrap_or("").trim().to_owned();
                let description = one_line_ending(record.get(4).unwrap_or("").trim());
                if name.is_empty() {
                    return Err(format!("{}, line {line}: the list has no name", file.name));
                }
                out.rows.push(Row {
                    item: Item::List { name: name.clone(), description: description.clone(), ranked: false },
                    at,
                });
                list = Some((name, description));
            }
            continue;
        }
        let Some((name, _)) = &list else {
            return Err(format!("{}: the list's own row (Date,Name,Tags,URL,Description) is missing", file.name));
        };
        let position: u32 = match record.get(0).unwrap_or("").trim().parse() {
            Ok(p) if p >= 1 => p,
            _ => {
                out.skipped.push((at, "the position is not a number".into()));
                continue;
            }
        };
        let title = record.get(1).unwrap_or("").trim();
        if title.is_empty() {
            out.skipped.push((at, "the film has no name".into()));
            continue;
        }
        let film = FilmRef {
            title: title.to_owned(),
            year: parse_year(record.get(2).unwrap_or("")),
            imdb: None,
            kind: None,
            ids: film_uri(record.get(3).unwrap_or("")),
        };
        let note = one_line_ending(record.get(4).unwrap_or("").trim());
        out.rows.push(Row { item: Item::ListEntry { list: name.clone(), film, position, note }, at });
        count += 1;
    }
    if list.is_none() {
        return Err(format!("{}: not a Letterboxd list (no Date,Name,Tags,URL,Description row)", file.name));
    }
    out.files.push((file.name.clone(), "list".into(), count));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_stars_are_exact() {
        assert_eq!(parse_stars("3.5"), Ok(Some(70)));
        assert_eq!(parse_stars("0.5"), Ok(Some(10)));
        assert_eq!(parse_stars("5"), Ok(Some(100)));
        assert_eq!(parse_stars(""), Ok(None));
        assert!(parse_stars("3.3").is_err());
        assert!(parse_stars("6").is_err());
        assert!(parse_stars("0").is_err());
    }
}
