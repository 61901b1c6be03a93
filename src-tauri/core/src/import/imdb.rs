//! IMDb exports: ratings.csv and list exports (the watchlist among them), in every header version IMDb has
//! written (2017's quoted lower-case layout to 2025's), any language of the type labels, ISO or M/D/YYYY dates.

use super::input::SourceFile;
use super::table::{field, read_table};
use super::{parse_date, parse_year, At, FilmRef, Item, Parsed, Row};
use crate::model::FilmKind;

/// IMDb's title types, in the English and Italian labels and the dataset codes its exports use. Episodes are
/// not films: `Err` says so.
fn kind_of(label: &str) -> Result<Option<FilmKind>, String> {
    let l = label.trim().to_lowercase().replace([' ', '-'], "");
    Ok(Some(match l.as_str() {
        "" => return Ok(None),
        "movie" | "film" | "featurefilm" => FilmKind::Movie,
        "tvmovie" | "filmtv" => FilmKind::TvMovie,
        "tvseries" | "serietv" => FilmKind::Show,
        "tvminiseries" | "miniserietv" | "miniserie" => FilmKind::Miniseries,
        "tvspecial" | "specialetv" => FilmKind::Special,
        "short" | "tvshort" | "cortometraggio" => FilmKind::Short,
        "video" => FilmKind::Video,
        "tvepisode" | "episodiotv" | "episode" => return Err("a TV episode, not a film".into()),
        "videogame" | "videogioco" => return Err("a video game, not a film".into()),
        _ => FilmKind::Movie,
    }))
}

/// IMDb ratings are whole numbers from 1 to 10: 7 is 70.
fn parse_ten(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(v) if (1..=10).contains(&v) => Ok(Some(v * 10)),
        _ => Err(format!("the rating '{t}' is not 1 to 10")),
    }
}

pub fn parse(files: &[SourceFile], out: &mut Parsed) -> Result<(), String> {
    for file in files {
        if !file.base_name().ends_with(".csv") {
            out.ignored_files.push((file.name.clone(), "not a CSV file".into()));
            continue;
        }
        let text = file.text()?;
        let table = read_table(file, &text)?;
        if !table.has("const") {
            out.ignored_files.push((file.name.clone(), "not an IMDb export (no Const column)".into()));
            continue;
        }
        table.report_refused(out);
        let is_list = table.has("position");
        let stem = file.base_name().trim_end_matches(".csv").to_owned();
        let watchlist = is_list && stem.eq_ignore_ascii_case("watchlist");
        let list_name = (is_list && !watchlist).then(|| {
            let raw = file.name.rsplit('/').next().unwrap_or(&file.name).trim_end_matches(".csv").to_owned();
            raw.replace(['_', '-'], " ")
        });
        let c_const = table.require(&["const"])?;
        let c_title = table.require(&["title"])?;
        let c_year = table.column(&["year"]);
        let c_type = table.column(&["title type"]);
        let c_rating = table.column(&["your rating", "you rated"]);
        let c_created = table.column(&["created"]);
        let c_position = table.column(&["position"]);
        let c_description = table.column(&["description"]);
        if !is_list {
            table.require(&["your rating"])?;
        }
        if let Some(name) = &list_name {
            out.rows.push(Row {
                item: Item::List { name: name.clone(), description: String::new(), ranked: true },
                at: At { file: file.name.clone(), line: 1 },
            });
        }
        let mut count = 0;
        for (line, record) in &table.records {
            let at = At { file: file.name.clone(), line: *line };
            let id = field(record, Some(c_const));
            if !(id.starts_with("tt") && id.len() >= 9 && id[2..].bytes().all(|b| b.is_ascii_digit())) {
                out.skipped.push((at, format!("'{id}' is not an IMDb id")));
                continue;
            }
            let kind = match kind_of(field(record, c_type)) {
                Ok(k) => k,
                Err(reason) => {
                    out.skipped.push((at, reason));
                    continue;
                }
            };
            let title = field(record, Some(c_title));
            let film = FilmRef {
                title: title.to_owned(),
                year: parse_year(field(record, c_year)),
                imdb: Some(id.to_owned()),
                kind,
                ids: Vec::new(),
            };
            let rating = match parse_ten(field(record, c_rating)) {
                Ok(r) => r,
                Err(reason) => {
                    out.skipped.push((at, reason));
                    continue;
                }
            };
            if let Some(value) = rating {
                out.rows.push(Row { item: Item::Rating { film: film.clone(), value }, at: at.clone() });
            }
            if watchlist {
                out.rows.push(Row {
                    item: Item::Watchlist { film: film.clone(), added: parse_date(field(record, c_created)) },
                    at: at.clone(),
                });
            } else if let Some(name) = &list_name {
                let position = field(record, c_position).parse().unwrap_or(count + 1);
                out.rows.push(Row {
                    item: Item::ListEntry {
                        list: name.clone(),
                        film,
                        position,
                        note: field(record, c_description).to_owned(),
                    },
                    at,
                });
            }
            count += 1;
        }
        let kind = if watchlist {
            "watchlist"
        } else if is_list {
            "list"
        } else {
            "ratings"
        };
        out.files.push((file.name.clone(), kind.to_owned(), count));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_types_in_every_label() {
        assert_eq!(kind_of("movie"), Ok(Some(FilmKind::Movie)));
        assert_eq!(kind_of("Movie"), Ok(Some(FilmKind::Movie)));
        assert_eq!(kind_of("Film"), Ok(Some(FilmKind::Movie)));
        assert_eq!(kind_of("TV Mini Series"), Ok(Some(FilmKind::Miniseries)));
        assert_eq!(kind_of("tvMiniSeries"), Ok(Some(FilmKind::Miniseries)));
        assert_eq!(kind_of("Serie TV"), Ok(Some(FilmKind::Show)));
        assert!(kind_of("TV Episode").is_err());
        assert_eq!(parse_ten("7"), Ok(Some(70)));
        assert!(parse_ten("11").is_err());
    }
}
