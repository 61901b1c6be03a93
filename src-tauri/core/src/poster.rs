//! The typographic poster: a palette and a layout derived from a film's genre and title alone.

use crate::model::Poster;

/// A stable 64-bit FNV-1a hash: the same text gives the same poster on every machine and every build.
pub(crate) fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The base hue of a genre, in degrees: warm for comedy and romance, cold for thrillers, earthy for westerns.
fn genre_hue(genre: &str) -> Option<f64> {
    let hue = match genre.to_ascii_lowercase().as_str() {
        "comedy" => 42.0,
        "romance" => 340.0,
        "drama" => 212.0,
        "family" => 28.0,
        "animation" => 160.0,
        "crime" => 0.0,
        "thriller" | "mystery" => 228.0,
        "horror" => 355.0,
        "sci-fi" | "science fiction" => 190.0,
        "fantasy" => 270.0,
        "war" | "history" => 75.0,
        "western" => 25.0,
        "documentary" => 120.0,
        "music" | "musical" => 300.0,
        "action" | "adventure" => 15.0,
        "biography" => 95.0,
        "sport" => 140.0,
        _ => return None,
    };
    Some(hue)
}

/// Converts HSL (degrees, 0..1, 0..1) to `#rrggbb`.
fn hsl(h: f64, s: f64, l: f64) -> String {
    let h = h.rem_euclid(360.0) / 360.0;
    let q = if l < 0.5 { l * (1.0 + s) } else { l + s - l * s };
    let p = 2.0 * l - q;
    let channel = |t: f64| {
        let t = t.rem_euclid(1.0);
        let v = if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        };
        (v * 255.0).round().clamp(0.0, 255.0) as u8
    };
    format!("#{:02x}{:02x}{:02x}", channel(h + 1.0 / 3.0), channel(h), channel(h - 1.0 / 3.0))
}

/// The poster of a film with this title, year and first genre.
pub fn poster_for(title: &str, year: Option<i32>, first_genre: Option<&str>) -> Poster {
    let hash = fnv1a(&format!("{title}\u{1f}{}", year.unwrap_or(0)));
    let jitter = (hash % 41) as f64 - 20.0;
    let hue = first_genre.and_then(genre_hue).unwrap_or(((hash >> 8) % 360) as f64) + jitter;
    let dark = !(hash >> 16).is_multiple_of(3);
    let (bg_l, fg_l) = if dark { (0.2, 0.93) } else { (0.82, 0.14) };
    Poster {
        background: hsl(hue, 0.45, bg_l),
        foreground: hsl(hue, 0.25, fg_l),
        accent: hsl(hue + 150.0, 0.7, if dark { 0.62 } else { 0.42 }),
        pattern: ((hash >> 24) % 4) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_film_same_poster_and_others_differ() {
        let a = poster_for("Miracle in Cell No. 7", Some(2013), Some("Comedy"));
        assert_eq!(a, poster_for("Miracle in Cell No. 7", Some(2013), Some("Comedy")));
        assert_ne!(a, poster_for("White God", Some(2014), Some("Drama")));
        assert!(a.background.starts_with('#') && a.background.len() == 7);
    }

    #[test]
    fn hsl_primaries() {
        assert_eq!(hsl(0.0, 1.0, 0.5), "#ff0000");
        assert_eq!(hsl(120.0, 1.0, 0.5), "#00ff00");
    }
}
