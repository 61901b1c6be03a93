//! Text folding for search and identity: case, diacritics and the letters Unicode does not decompose.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: lower case, no diacritics, and ø ł ß æ œ đ þ spelt out in ASCII, with every run
/// of punctuation and spacing turned into one space. "Amélie" and "AMELIE" fold to the same text;
/// "Søren" folds to "soren".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for lower in c.to_lowercase() {
            let spelt: Option<&str> = match lower {
                'ø' => Some("o"),
                'ł' => Some("l"),
                'ß' => Some("ss"),
                'æ' => Some("ae"),
                'œ' => Some("oe"),
                'đ' | 'ð' => Some("d"),
                'þ' => Some("th"),
                'ı' => Some("i"),
                _ => None,
            };
            if let Some(s) = spelt {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push_str(s);
            } else if lower.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(lower);
            } else if lower == '\'' || lower == '\u{2019}' {
                // "Schindler's" folds to "schindlers": apostrophes join, they do not split.
            } else {
                pending_space = true;
            }
        }
    }
    out
}

/// A stable key fragment: the folded title with words joined by `-`, then the year.
pub fn slug(title: &str, year: i32) -> String {
    let folded = fold(title);
    let mut s = folded.replace(' ', "-");
    if !s.is_empty() {
        s.push('-');
    }
    s.push_str(&year.to_string());
    s
}

/// Words of `text` for a prefix full-text query, folded the same way as the index.
pub fn query_terms(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_undecomposable_letters() {
        assert_eq!(fold("Amélie"), "amelie");
        assert_eq!(fold("Y tu mamá también"), "y tu mama tambien");
        assert_eq!(fold("Søren Łódź Straße Æon"), "soren lodz strasse aeon");
        assert_eq!(fold("  Comrades, Almost a Love Story "), "comrades almost a love story");
        assert_eq!(fold("Schindler's List"), "schindlers list");
    }

    #[test]
    fn slug_joins_words_and_year() {
        assert_eq!(slug("Miracle in Cell No. 7", 2013), "miracle-in-cell-no-7-2013");
        assert_eq!(slug("!!!", 1999), "1999");
    }
}
