//! Text folding for search and identity: case, diacritics and the letters Unicode does not decompose.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: lower case, no diacritics, and ø ł ß æ œ đ þ spelt out in ASCII, with every run
/// of punctuation and spacing turned into one space. "Amélie" and "AMELIE" fold to the same text;
/// "Søren" folds to "soren".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        fold_ascii(text, &mut out);
    } else {
        fold_unicode(text, &mut out);
    }
    out
}

fn fold_unicode(text: &str, out: &mut String) {
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
}

/// `fold` for ASCII text, which has nothing to decompose: most titles and names, read millions of times in a build.
fn fold_ascii(text: &str, out: &mut String) {
    let mut pending_space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(b.to_ascii_lowercase() as char);
        } else if b != b'\'' {
            pending_space = true;
        }
    }
}

/// Folds `text` character by character, keeping for every folded byte the byte range of the original
/// character it came from, so that a match found in folded text can be marked in the original. Punctuation and
/// spacing become single spaces; apostrophes vanish, as in `fold`.
pub fn fold_mapped(text: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let range = start..start + c.len_utf8();
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        let piece = fold(c.encode_utf8(&mut [0u8; 4]));
        let piece = if piece.is_empty() { " ".to_owned() } else { piece };
        if piece == " " && folded.ends_with(' ') {
            continue;
        }
        for _ in 0..piece.len() {
            origin.push(range.clone());
        }
        folded.push_str(&piece);
    }
    (folded, origin)
}

/// Marks where every term (folded words) starts a word of `text`; returns None unless all terms are there.
/// The result alternates plain and matched parts of the original text.
pub fn mark_terms(text: &str, terms: &[String]) -> Option<Vec<(String, bool)>> {
    let (folded, origin) = fold_mapped(text);
    let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
    for term in terms {
        let mut found = false;
        let mut from = 0;
        while let Some(i) = folded[from..].find(term.as_str()).map(|i| i + from) {
            if i == 0 || folded.as_bytes()[i - 1] == b' ' {
                let start = origin[i].start;
                let end = origin[i + term.len() - 1].end;
                hits.push(start..end);
                found = true;
            }
            from = i + 1;
            while !folded.is_char_boundary(from) {
                from += 1;
            }
        }
        if !found {
            return None;
        }
    }
    hits.sort_by_key(|r| r.start);
    let mut parts = Vec::new();
    let mut at = 0;
    for hit in hits {
        if hit.end <= at {
            continue;
        }
        let start = hit.start.max(at);
        if start > at {
            parts.push((text[at..start].to_owned(), false));
        }
        parts.push((text[start..hit.end].to_owned(), true));
        at = hit.end;
    }
    if at < text.len() {
        parts.push((text[at..].to_owned(), false));
    }
    Some(parts)
}

/// The identity of a name the user gives (a list's, a tag's): folded for case and accents, but a name of
/// symbols only ("❦") keeps its own characters, lower-cased, so two such names stay apart.
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    if folded.is_empty() {
        name.to_lowercase()
    } else {
        folded
    }
}

/// A stable key fragment: the folded title with words joined by `-`, then the year.
/// The longest title part of a slug kept whole: every key made from one (`mt:`, the part, the year) is under the
/// 512 bytes a film key may have, so keys that were ever valid stay as they were. A longer part is cut to
/// `SLUG_TITLE_CUT` bytes and given a hash of all of it, so every title, however long, gets a valid key.
const SLUG_TITLE_MAX: usize = 480;
const SLUG_TITLE_CUT: usize = 440;

pub fn slug(title: &str, year: i32) -> String {
    let folded = fold(title);
    let mut s = folded.replace(' ', "-");
    if s.len() > SLUG_TITLE_MAX {
        // A very long title is cut, and told apart from others cut the same way by a hash of all of it.
        let hash = crate::poster::fnv1a(&s);
        let mut cut = SLUG_TITLE_CUT;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.truncate(s.trim_end_matches('-').len());
        s.push_str(&format!("-{hash:016x}"));
    }
    if !s.is_empty() {
        s.push('-');
    }
    s.push_str(&year.to_string());
    s
}

/// The most words a query keeps: no title needs more, and a pasted page of text stays a query that answers at once.
pub const MAX_QUERY_TERMS: usize = 32;

/// Words of `text` for a prefix full-text query, folded the same way as the index: each word once (every word must
/// match, so a repeat adds nothing), the first `MAX_QUERY_TERMS` of them.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in fold(text).split(' ').filter(|w| !w.is_empty()) {
        if terms.len() == MAX_QUERY_TERMS {
            break;
        }
        if !terms.iter().any(|t| t == word) {
            terms.push(word.to_owned());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_keeps_each_word_once_and_at_most_its_share() {
        assert_eq!(query_terms("the Thing the thing"), vec!["the", "thing"], "a repeated word is one term");
        let long = (0..1000).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        assert_eq!(query_terms(&long).len(), MAX_QUERY_TERMS, "a pasted page of words is cut to the first few");
    }

    #[test]
    fn folds_case_diacritics_and_undecomposable_letters() {
        assert_eq!(fold("Amélie"), "amelie");
        assert_eq!(fold("Y tu mamá también"), "y tu mama tambien");
        assert_eq!(fold("Søren Łódź Straße Æon"), "soren lodz strasse aeon");
        assert_eq!(fold("  Comrades, Almost a Love Story "), "comrades almost a love story");
        assert_eq!(fold("Schindler's List"), "schindlers list");
    }

    #[test]
    fn ascii_text_folds_as_the_general_path_folds_it() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        let samples =
            [printable.as_str(), "  The Godfather: Part II ", "Schindler's List", "A.I.", "WALL-E", "9/11", "'"];
        for text in samples {
            let (mut fast, mut general) = (String::new(), String::new());
            fold_ascii(text, &mut fast);
            fold_unicode(text, &mut general);
            assert_eq!(fast, general, "{text:?}");
        }
    }

    #[test]
    fn marks_folded_word_prefixes_in_the_original_text() {
        let parts = mark_terms("Saw it at the Cinémathèque — CINEMA heaven.", &["cinem".to_owned()]).unwrap();
        let hits: Vec<&str> = parts.iter().filter(|p| p.1).map(|p| p.0.as_str()).collect();
        assert_eq!(hits, vec!["Ciném", "CINEM"]);
        let joined: String = parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(joined, "Saw it at the Cinémathèque — CINEMA heaven.", "nothing lost or added");
        assert!(mark_terms("Søren's film", &["soren".to_owned(), "film".to_owned()]).is_some());
        assert!(mark_terms("a cinema", &["inema".to_owned()]).is_none(), "word starts only");
        assert!(mark_terms("a cinema", &["cinema".to_owned(), "absent".to_owned()]).is_none(), "every term");
    }

    #[test]
    fn slug_joins_words_and_year() {
        assert_eq!(slug("Miracle in Cell No. 7", 2013), "miracle-in-cell-no-7-2013");
        assert_eq!(slug("!!!", 1999), "1999");
        // A title of any length gives a key under the limit, and two long titles that share their start differ.
        let long = "très ".repeat(400);
        let a = slug(&format!("{long} one"), 2020);
        let b = slug(&format!("{long} two"), 2020);
        assert!(a.len() <= 440 + 17 + 5 && a.ends_with("-2020"), "{a}");
        // Titles that always gave valid keys keep them.
        let fits = "a".repeat(480);
        assert_eq!(slug(&fits, 2020), format!("{fits}-2020"));
        assert_ne!(a, b);
        assert_eq!(a, slug(&format!("{long} one"), 2020), "the same title gives the same key");
        let wide = "長".repeat(300);
        assert!(slug(&wide, 1999).len() <= 440 + 17 + 5, "cut on a character boundary");
    }
}
