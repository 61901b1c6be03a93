//! People's names: one identity whatever the order or case of the parts of a name.

use crate::text::fold;

/// The identity of a name: its folded parts, sorted, so that "HWAN-KYUNG LEE" and "Lee Hwan-kyung" are one
/// person. Two different people with exactly the same parts share a key; sources with their own person ids
/// (IMDb's nconst) will key on those instead.
pub fn person_key(name: &str) -> String {
    let mut parts: Vec<String> = fold(name).split([' ', '-']).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    parts.sort();
    parts.join(" ")
}

/// Splits one raw credit into its people. A comma separates either different people ("Joel Coen, Ethan Coen")
/// or two spellings of one person ("HWAN-KYUNG LEE, LEE HWAN-KYUNG"); spellings of one person are merged,
/// keeping the last spelling, which such sources write in the person's own name order.
pub fn split_people(raw: &str) -> Vec<String> {
    let mut people: Vec<(String, String)> = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let key = person_key(part);
        if key.is_empty() {
            continue;
        }
        match people.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = part.to_owned(),
            None => people.push((key, part.to_owned())),
        }
    }
    people.into_iter().map(|(_, name)| name).collect()
}

/// Chooses how to show a person from every spelling seen: the first that is not all capitals, else the
/// last spelling put in title case ("LEE HWAN-KYUNG" becomes "Lee Hwan-Kyung").
pub fn display_name<'a>(spellings: impl IntoIterator<Item = &'a str>) -> String {
    let mut last_caps: Option<&str> = None;
    for s in spellings {
        let has_lower = s.chars().any(char::is_lowercase);
        let has_upper = s.chars().any(char::is_uppercase);
        if has_lower || !has_upper {
            return s.to_owned();
        }
        last_caps = Some(s);
    }
    last_caps.map(title_case).unwrap_or_default()
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start_of_word = true;
    for c in s.chars() {
        if start_of_word {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = c == ' ' || c == '-' || c == '\'';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_spellings_of_one_director_are_one_person() {
        let people = split_people("HWAN-KYUNG LEE, LEE HWAN-KYUNG");
        assert_eq!(people, vec!["LEE HWAN-KYUNG".to_owned()]);
        assert_eq!(person_key("HWAN-KYUNG LEE"), person_key("Lee Hwan-kyung"));
    }

    #[test]
    fn different_people_stay_apart() {
        assert_eq!(split_people("Joel Coen, Ethan Coen").len(), 2);
    }

    #[test]
    fn display_prefers_a_cased_spelling() {
        assert_eq!(display_name(["LEE HWAN-KYUNG", "Lee Hwan-kyung"]), "Lee Hwan-kyung");
        assert_eq!(display_name(["LEE HWAN-KYUNG"]), "Lee Hwan-Kyung");
    }
}
