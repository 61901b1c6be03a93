//! Ratings, stored losslessly on a 0 to 100 integer scale whatever scale they were given on.

use crate::error::{CoreError, Result};

/// A rating on the 0 to 100 scale: 3.5 stars = 7/10 = 70, half a star = 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rating(u8);

impl Rating {
    /// A rating from a 0 to 100 value; anything else is refused, naming `field`.
    pub fn new(value: i64, field: &str) -> Result<Rating> {
        if (0..=100).contains(&value) {
            Ok(Rating(value as u8))
        } else {
            Err(CoreError::invalid(field, format!("a rating is 0 to 100, not {value}")))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Parses `3.5/5` (stars in halves), `7/10` (one decimal allowed) or `70/100`.
    pub fn parse(text: &str) -> Result<Rating> {
        let field = "rating";
        let bad = || CoreError::invalid(field, format!("'{text}' is not a rating: write it as 3.5/5, 7/10 or 70/100"));
        let (number, scale) = text.trim().split_once('/').ok_or_else(bad)?;
        let number = number.trim();
        // Work in tenths so that no float rounding can change a value.
        let tenths = parse_tenths(number).ok_or_else(bad)?;
        let value = match scale.trim() {
            "5" => {
                if tenths % 5 != 0 {
                    return Err(CoreError::invalid(
                        field,
                        format!("'{text}': stars go in halves (0.5, 1, 1.5, ... 5)"),
                    ));
                }
                tenths * 2
            }
            "10" => tenths,
            "100" => {
                if tenths % 10 != 0 {
                    return Err(CoreError::invalid(field, format!("'{text}': a 100-point rating is a whole number")));
                }
                tenths / 10
            }
            _ => return Err(bad()),
        };
        // The range is said with the text as written, which the user can find (not the value it came to).
        Rating::new(value, field).map_err(|_| {
            CoreError::invalid(field, format!("'{text}' is past the top of its scale (5/5, 10/10, 100/100)"))
        })
    }

    /// The rating in stars, halves included (70 is 3.5).
    pub fn stars(self) -> f32 {
        (self.0 as f32 / 10.0).round() / 2.0
    }
}

/// "3.5" -> 35, "7" -> 70; at most one decimal; no sign, no exponent.
fn parse_tenths(number: &str) -> Option<i64> {
    let (whole, frac) = match number.split_once('.') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    if whole.is_empty() || whole.len() > 4 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    Some(whole * 10 + frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scale_lands_on_the_same_integer() {
        assert_eq!(Rating::parse("3.5/5").unwrap().value(), 70);
        assert_eq!(Rating::parse("7/10").unwrap().value(), 70);
        assert_eq!(Rating::parse("70/100").unwrap().value(), 70);
        assert_eq!(Rating::parse("0.5/5").unwrap().value(), 10);
        assert_eq!(Rating::parse("7.5/10").unwrap().value(), 75);
        assert_eq!(Rating::parse("5/5").unwrap().value(), 100);
    }

    #[test]
    fn out_of_range_and_malformed_are_refused() {
        for bad in ["6/5", "3.3/5", "11/10", "101/100", "-1/10", "7", "abc/5", "7/7", "1e1/10", "7.55/10"] {
            assert!(Rating::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Rating::new(101, "value").is_err());
        assert!(Rating::new(-1, "value").is_err());
    }

    #[test]
    fn star_halves_round_trip() {
        for half_stars in 0..=10 {
            let text = format!("{}/5", half_stars as f32 / 2.0);
            let r = Rating::parse(&text).unwrap();
            assert_eq!(r.stars(), half_stars as f32 / 2.0);
        }
    }
}

pub use crate::model::RatingScale;

impl RatingScale {
    /// True when the scale can show `value` exactly (five stars show only whole and half stars).
    pub fn can_show(self, value: u8) -> bool {
        match self {
            RatingScale::FiveStars => value.is_multiple_of(10),
            RatingScale::TenPoint | RatingScale::HundredPoint => value <= 100,
        }
    }

    /// The value as this scale writes it: `3.5/5`, `7.0/10`, `70/100`.
    pub fn format(self, value: u8) -> String {
        match self {
            RatingScale::FiveStars => {
                let halves = (u32::from(value) + 5) / 10;
                if halves % 2 == 0 {
                    format!("{}/5", halves / 2)
                } else {
                    format!("{}.5/5", halves / 2)
                }
            }
            RatingScale::TenPoint => format!("{}.{}/10", value / 10, value % 10),
            RatingScale::HundredPoint => format!("{value}/100"),
        }
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    /// Every value a scale can show goes out as text and comes back as the same integer, for all 0..=100.
    #[test]
    fn every_showable_value_round_trips_through_every_scale() {
        for scale in [RatingScale::FiveStars, RatingScale::TenPoint, RatingScale::HundredPoint] {
            let mut shown = 0;
            for value in 0..=100u8 {
                if !scale.can_show(value) {
                    continue;
                }
                shown += 1;
                let text = scale.format(value);
                assert_eq!(Rating::parse(&text).unwrap().value(), value, "{scale:?} {value} as {text}");
            }
            let expected = if scale == RatingScale::FiveStars { 11 } else { 101 };
            assert_eq!(shown, expected, "{scale:?} shows {expected} values");
        }
    }

    #[test]
    fn a_value_stays_exact_across_scale_changes() {
        // Showing 75 in stars rounds the display, never the stored value.
        assert_eq!(RatingScale::FiveStars.format(75), "4/5");
        assert_eq!(RatingScale::TenPoint.format(75), "7.5/10");
        assert_eq!(RatingScale::HundredPoint.format(75), "75/100");
    }
}
