//! Languages as ISO 639-1 codes (ISO 639-3 where 639-1 has none) with English display names.

const LANGUAGES: &[(&str, &str, &[&str])] = &[
    ("af", "Afrikaans", &[]),
    ("ar", "Arabic", &[]),
    ("bm", "Bambara", &[]),
    ("bn", "Bengali", &["Bangla"]),
    ("bs", "Bosnian", &[]),
    ("yue", "Cantonese", &["Chinese (Cantonese)"]),
    ("ca", "Catalan", &[]),
    ("hr", "Croatian", &[]),
    ("cs", "Czech", &[]),
    ("da", "Danish", &[]),
    ("nl", "Dutch", &["Flemish"]),
    ("en", "English", &[]),
    ("et", "Estonian", &[]),
    ("mk", "Macedonian", &[]),
    ("fa", "Persian", &["Farsi"]),
    ("fi", "Finnish", &[]),
    ("fr", "French", &["Français"]),
    ("de", "German", &["Deutsch"]),
    ("el", "Greek", &[]),
    ("he", "Hebrew", &[]),
    ("hi", "Hindi", &[]),
    ("hu", "Hungarian", &[]),
    ("is", "Icelandic", &[]),
    ("id", "Indonesian", &[]),
    ("ga", "Irish", &["Irish Gaelic"]),
    ("it", "Italian", &[]),
    ("ja", "Japanese", &[]),
    ("kk", "Kazakh", &[]),
    ("ko", "Korean", &[]),
    ("la", "Latin", &[]),
    ("lt", "Lithuanian", &[]),
    ("cmn", "Mandarin", &["Chinese (Mandarin)", "Mandarin Chinese"]),
    ("zh", "Chinese", &[]),
    ("no", "Norwegian", &[]),
    ("pl", "Polish", &[]),
    ("pt", "Portuguese", &[]),
    ("pa", "Punjabi", &[]),
    ("ro", "Romanian", &[]),
    ("ru", "Russian", &[]),
    ("sr", "Serbian", &[]),
    ("sk", "Slovak", &[]),
    ("es", "Spanish", &["Español", "Castilian"]),
    ("sw", "Swahili", &[]),
    ("sv", "Swedish", &[]),
    ("tl", "Tagalog", &["Filipino"]),
    ("ta", "Tamil", &[]),
    ("te", "Telugu", &[]),
    ("th", "Thai", &[]),
    ("tr", "Turkish", &[]),
    ("uk", "Ukrainian", &[]),
    ("ur", "Urdu", &[]),
    ("vi", "Vietnamese", &[]),
    ("wo", "Wolof", &[]),
    ("xh", "Xhosa", &[]),
    ("yi", "Yiddish", &[]),
    ("zu", "Zulu", &[]),
];

/// Normalises raw language values to unique codes. The error is the first value that names no language.
pub fn normalise_languages(raws: &[String]) -> Result<Vec<&'static str>, String> {
    super::normalise_list(LANGUAGES, raws)
}

/// The display name of a language code.
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(c, _, _)| *c == code).map(|(_, name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_fold_to_one_code() {
        let raws = vec!["Korean".to_owned(), "ko".to_owned(), "KOREAN".to_owned()];
        assert_eq!(normalise_languages(&raws).unwrap(), vec!["ko"]);
        assert_eq!(language_name("ko"), Some("Korean"));
        assert!(normalise_languages(&["Klingonese".to_owned()]).is_err());
    }
}
