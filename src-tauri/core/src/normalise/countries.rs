//! Countries as ISO 3166-1 alpha-2 codes with English display names and the spellings sources use.

/// (code, display name, other spellings). Historical states keep their ISO 3166-3 style codes.
const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("AR", "Argentina", &[]),
    ("AT", "Austria", &[]),
    ("AU", "Australia", &[]),
    ("BE", "Belgium", &[]),
    ("BA", "Bosnia and Herzegovina", &[]),
    ("BR", "Brazil", &[]),
    ("BG", "Bulgaria", &[]),
    ("BF", "Burkina Faso", &[]),
    ("CA", "Canada", &[]),
    ("CL", "Chile", &[]),
    ("CN", "China", &["People's Republic of China", "PRC"]),
    ("CO", "Colombia", &[]),
    ("HR", "Croatia", &[]),
    ("CU", "Cuba", &[]),
    ("CZ", "Czechia", &["Czech Republic"]),
    ("CSHH", "Czechoslovakia", &[]),
    ("DK", "Denmark", &[]),
    ("EG", "Egypt", &[]),
    ("EE", "Estonia", &[]),
    ("FI", "Finland", &[]),
    ("FR", "France", &[]),
    ("DE", "Germany", &["Deutschland"]),
    ("DDDE", "East Germany", &["German Democratic Republic", "GDR"]),
    ("ML", "Mali", &[]),
    ("MK", "North Macedonia", &["Macedonia"]),
    ("XWG", "West Germany", &["Federal Republic of Germany"]),
    ("GR", "Greece", &[]),
    ("HK", "Hong Kong", &["Hong Kong SAR", "Hong Kong, China"]),
    ("HU", "Hungary", &[]),
    ("IS", "Iceland", &[]),
    ("IN", "India", &[]),
    ("ID", "Indonesia", &[]),
    ("IR", "Iran", &["Iran, Islamic Republic of"]),
    ("IE", "Ireland", &["Republic of Ireland"]),
    ("IL", "Israel", &[]),
    ("IT", "Italy", &[]),
    ("JP", "Japan", &[]),
    ("KZ", "Kazakhstan", &[]),
    ("KE", "Kenya", &[]),
    ("LB", "Lebanon", &[]),
    ("LT", "Lithuania", &[]),
    ("LU", "Luxembourg", &[]),
    ("MX", "Mexico", &[]),
    ("MA", "Morocco", &[]),
    ("LV", "Latvia", &[]),
    ("NL", "Netherlands", &["The Netherlands", "Holland"]),
    ("NZ", "New Zealand", &[]),
    ("NG", "Nigeria", &[]),
    ("NO", "Norway", &[]),
    ("PK", "Pakistan", &[]),
    ("PE", "Peru", &[]),
    ("PH", "Philippines", &["The Philippines"]),
    ("PL", "Poland", &[]),
    ("PT", "Portugal", &[]),
    ("QA", "Qatar", &[]),
    ("RO", "Romania", &[]),
    ("RU", "Russia", &["Russian Federation"]),
    ("SA", "Saudi Arabia", &[]),
    ("SN", "Senegal", &[]),
    ("RS", "Serbia", &[]),
    ("SG", "Singapore", &[]),
    ("SK", "Slovakia", &[]),
    ("SI", "Slovenia", &[]),
    ("ZA", "South Africa", &[]),
    ("KR", "South Korea", &["Korea", "Korea, South", "Republic of Korea", "Korea, Republic of", "ROK"]),
    ("KP", "North Korea", &["Korea, North", "Democratic People's Republic of Korea", "DPRK"]),
    ("SUHH", "Soviet Union", &["USSR", "U.S.S.R."]),
    ("ES", "Spain", &[]),
    ("SE", "Sweden", &[]),
    ("CH", "Switzerland", &[]),
    ("TW", "Taiwan", &["Republic of China", "Chinese Taipei"]),
    ("TH", "Thailand", &[]),
    ("TN", "Tunisia", &[]),
    ("TR", "Turkey", &["Türkiye", "Turkiye"]),
    ("UA", "Ukraine", &[]),
    ("AE", "United Arab Emirates", &["UAE"]),
    ("GB", "United Kingdom", &["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales"]),
    ("US", "United States", &["USA", "U.S.A.", "US", "U.S.", "United States of America", "America"]),
    ("UY", "Uruguay", &[]),
    ("VE", "Venezuela", &[]),
    ("VN", "Vietnam", &["Viet Nam"]),
    ("YUCS", "Yugoslavia", &[]),
];

/// Normalises raw country values to unique codes. The error is the first value that names no country.
pub fn normalise_countries(raws: &[String]) -> Result<Vec<&'static str>, String> {
    super::normalise_list(COUNTRIES, raws)
}

/// The display name of a country code.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|(c, _, _)| *c == code).map(|(_, name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn messy_korea_is_one_country() {
        assert_eq!(normalise_countries(&strings(&["Korea, South Korea"])).unwrap(), vec!["KR"]);
        assert_eq!(normalise_countries(&strings(&["Korea, South"])).unwrap(), vec!["KR"]);
        assert_eq!(normalise_countries(&strings(&["kr", "South Korea"])).unwrap(), vec!["KR"]);
        assert_eq!(country_name("KR"), Some("South Korea"));
    }

    #[test]
    fn several_countries_keep_their_order_and_unknown_is_named() {
        assert_eq!(normalise_countries(&strings(&["Hungary", "Germany, Sweden"])).unwrap(), vec!["HU", "DE", "SE"]);
        assert_eq!(normalise_countries(&strings(&["Atlantis"])), Err("Atlantis".to_owned()));
    }
}
