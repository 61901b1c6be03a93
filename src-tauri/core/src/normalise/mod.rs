//! Normalisation of messy facts: countries and languages to codes with display names, people to one
//! identity whatever the order or case of the parts of their name.

mod countries;
mod languages;
mod people;

pub use countries::{country_name, normalise_countries};
pub use languages::{language_name, normalise_languages};
pub use people::{display_name, person_key, split_people};

/// Looks `raw` up in a table of (code, display name, aliases); matches by folded name, alias or code.
fn lookup(table: &[(&'static str, &'static str, &[&'static str])], raw: &str) -> Option<&'static str> {
    let folded = crate::text::fold(raw);
    if folded.is_empty() {
        return None;
    }
    table.iter().find_map(|(code, name, aliases)| {
        let hit = crate::text::fold(code) == folded
            || crate::text::fold(name) == folded
            || aliases.iter().any(|a| crate::text::fold(a) == folded);
        hit.then_some(*code)
    })
}

/// Normalises a list of raw values to unique codes, in first-seen order. A whole value is tried first
/// ("Korea, South" is one country), then its comma-separated parts ("Korea, South Korea" is two spellings of
/// one). Returns the first value that matches nothing as the error.
fn normalise_list(
    table: &[(&'static str, &'static str, &[&'static str])],
    raws: &[String],
) -> Result<Vec<&'static str>, String> {
    let mut codes: Vec<&'static str> = Vec::new();
    let mut push = |code: &'static str| {
        if !codes.contains(&code) {
            codes.push(code);
        }
    };
    for raw in raws {
        if let Some(code) = lookup(table, raw) {
            push(code);
            continue;
        }
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match lookup(table, part) {
                Some(code) => push(code),
                None => return Err(part.to_owned()),
            }
        }
    }
    Ok(codes)
}
