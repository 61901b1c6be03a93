//! A generic CSV or TSV film list: the delimiter and the columns are found from the header (title, year, IMDb id,
//! rating and its scale, date, note), or given by the user; every row becomes a viewing, a rating or a watchlist
//! entry.

use std::collections::HashMap;

use super::input::SourceFile;
use super::table::{read_rows, Rows};
use super::{parse_date, parse_year, At, FilmRef, Item, Parsed, Row};
use crate::model::{CsvMapping, CsvTarget};
use crate::text::fold;

/// Header names that usually mean each field, folded.
const GUESSES: [(&str, &[&str]); 6] = [
    ("title", &["title", "name", "film", "movie", "film title", "movie title", "original title"]),
    ("year", &["year", "release year", "released", "yr"]),
    ("imdb", &["imdb", "imdb id", "imdbid", "const", "tconst", "imdb_id"]),
    ("rating", &["rating", "your rating", "score", "my rating", "stars", "rating10"]),
    ("date", &["date", "watched", "watched date", "watched on", "date watched", "seen", "watcheddate"]),
    ("note", &["note", "notes", "review", "comment", "comments"]),
];

fn delimiter(first_line: &str) -> u8 {
    let counts = [
        (b'\t', first_line.matches('\t').count()),
        (b';', first_line.matches(';').count()),
        (b',', first_line.matches(',').count()),
    ];
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map(|(d, _)| *d).unwrap_or(b',')
}

/// The mapping the header suggests.
pub fn guess(headers: &[String]) -> CsvMapping {
    let find = |field: &str| -> Option<String> {
        let names = GUESSES.iter().find(|(f, _)| *f == field).map(|(_, n)| *n).unwrap_or(&[]);
        names.iter().find_map(|n| headers.iter().find(|h| fold(h) == fold(n)).cloned())
    };
    CsvMapping {
        title: find("title"),
        year: find("year"),
        imdb: find("imdb"),
        rating: find("rating"),
        rating_scale: None,
        date: find("date"),
        note: find("note"),
        target: None,
    }
}

/// A rating on `scale` (5, 10 or 100) as 0 to 100, or why not.
fn rating_on(text: &str, scale: u32) -> Result<Option<u8>, String> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    let v: f64 = t.parse().map_err(|_| format!("the rating '{text}' is not a number"))?;
    if scale == 5 && ((v * 2.0) - (v * 2.0).round()).abs() > 1e-9 {
        return Err(format!("the rating '{text}' is not 0.5 to 5 stars in halves"));
    }
    let value = v * 100.0 / f64::from(scale);
    if !(0.0..=100.0).contains(&value) || (value - value.round()).abs() > 1e-6 {
        return Err(format!("the rating '{text}' is not a value of a {scale}-point scale"));
    }
    Ok(Some(value.round() as u8))
}

pub fn parse(files: &[SourceFile], mapping: Option<CsvMapping>, out: &mut Parsed) -> Result<(), String> {
    let [file] = files else {
        return Err("a generic CSV import reads one file at a time".into());
    };
    let text = file.text()?;
    let sep = delimiter(text.lines().next().unwrap_or(""));
    let Rows { mut records, refused } = read_rows(file, &text, sep)?;
    if let Some((line, why)) = refused.first() {
        if records.first().is_none_or(|(first, _)| first > line) {
            return Err(format!("{}, line {line}: not a header: {why}", file.name));
        }
    }
    for (line, why) in refused {
        out.skipped.push((At { file: file.name.clone(), line }, why));
    }
    if records.is_empty() {
        return Err(format!("{}: the file is empty", file.name));
    }
    let headers: Vec<String> = records.remove(0).1.iter().map(|h| h.trim().to_owned()).collect();
    let mut mapping = mapping.unwrap_or_else(|| guess(&headers));
    let index = |name: &Option<String>, field: &str| -> Result<Option<usize>, String> {
        match name {
            None => Ok(None),
            Some(n) => headers.iter().position(|h| h == n).map(Some).ok_or_else(|| {
                format!(
                    "{}: there is no column '{n}' for the {field} (the columns are: {})",
                    file.name,
                    headers.join(", ")
                )
            }),
        }
    };
    let c_title = index(&mapping.title, "title")?.ok_or_else(|| {
        format!("{}: which column holds the title? (the columns are: {})", file.name, headers.join(", "))
    })?;
    let c_year = index(&mapping.year, "year")?;
    let c_imdb = index(&mapping.imdb, "IMDb id")?;
    let c_rating = index(&mapping.rating, "rating")?;
    let c_date = index(&mapping.date, "date")?;
    let c_note = index(&mapping.note, "note")?;
    let get =
        |rec: &csv::StringRecord, c: Option<usize>| c.and_then(|i| rec.get(i)).map(str::trim).unwrap_or("").to_owned();
    let scale = match mapping.rating_scale {
        Some(s @ (5 | 10 | 100)) => s,
        Some(other) => return Err(format!("{}: a rating scale is 5, 10 or 100, not {other}", file.name)),
        None => {
            // Told from the values: halves up to 5 are stars, up to 10 ten points, else a hundred.
            let max = records
                .iter()
                .filter_map(|(_, r)| get(r, c_rating).replace(',', ".").parse::<f64>().ok())
                .fold(0.0f64, f64::max);
            if max <= 5.0 {
                5
            } else if max <= 10.0 {
                10
            } else {
                100
            }
        }
    };
    if c_rating.is_some() {
        mapping.rating_scale = Some(scale);
    }
    let target = mapping.target.unwrap_or(if c_date.is_some() {
        CsvTarget::Diary
    } else if c_rating.is_some() {
        CsvTarget::Ratings
    } else {
        CsvTarget::Watchlist
    });
    mapping.target = Some(target);
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut count = 0;
    for (line, rec) in &records {
        let at = At { file: file.name.clone(), line: *line };
        let mut title = get(rec, Some(c_title));
        if title.is_empty() {
            out.skipped.push((at, "the row has no title".into()));
            continue;
        }
        let mut year = parse_year(&get(rec, c_year));
        // "Heat (1995)" in the title column carries its year.
        if year.is_none() {
            if let Some((t, y)) = title.rsplit_once(" (").and_then(|(t, rest)| rest.strip_suffix(')').map(|y| (t, y))) {
                if let Some(y) = parse_year(y) {
                    year = Some(y);
                    title = t.trim().to_owned();
                }
            }
        }
        let imdb = Some(get(rec, c_imdb)).filter(|id| id.starts_with("tt") && id.len() >= 9);
        let rating = match rating_on(&get(rec, c_rating), scale) {
            Ok(r) => r,
            Err(reason) => {
                out.skipped.push((at, reason));
                continue;
            }
        };
        let date_text = get(rec, c_date);
        let date = if date_text.is_empty() {
            None
        } else {
            match parse_date(&date_text) {
                Some(d) => Some(d),
                None => {
                    out.skipped.push((at, format!("the date '{date_text}' is not a date")));
                    continue;
                }
            }
        };
        let film = FilmRef { title: title.clone(), year, imdb, kind: None, ids: Vec::new() };
        let item = match target {
            CsvTarget::Diary => {
                let base =
                    format!("csv:{}|{:?}|{}", fold(&title), year, date.map(|d| d.to_string()).unwrap_or_default());
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                Item::Viewing {
                    film,
                    origin: format!("{base}#{n}"),
                    watched_on: date,
                    rating,
                    rewatch: false,
                    note: get(rec, c_note).replace("\r\n", "\n"),
                    review: !get(rec, c_note).is_empty(),
                    tags: Vec::new(),
                }
            }
            CsvTarget::Ratings => match rating {
                Some(value) => Item::Rating { film, value },
                None => {
                    out.skipped.push((at, "the row has no rating".into()));
                    continue;
                }
            },
            CsvTarget::Watchlist => Item::Watchlist { film, added: date },
        };
        out.rows.push(Row { item, at });
        count += 1;
    }
    out.files.push((file.name.clone(), "film list".into(), count));
    out.columns = headers;
    out.mapping = Some(mapping);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_on_every_scale_and_the_header_guess() {
        assert_eq!(rating_on("3.5", 5), Ok(Some(70)));
        assert_eq!(rating_on("7", 10), Ok(Some(70)));
        assert_eq!(rating_on("7,5", 10), Ok(Some(75)));
        assert_eq!(rating_on("70", 100), Ok(Some(70)));
        assert!(rating_on("3.3", 5).is_err());
        assert!(rating_on("11", 10).is_err());
        let m = guess(&["Film".into(), "Released".into(), "My Rating".into(), "Seen".into()]);
        assert_eq!(m.title.as_deref(), Some("Film"));
        assert_eq!(m.year.as_deref(), Some("Released"));
        assert_eq!(m.rating.as_deref(), Some("My Rating"));
        assert_eq!(m.date.as_deref(), Some("Seen"));
        assert_eq!(delimiter("a\tb\tc"), b'\t');
    }
}
