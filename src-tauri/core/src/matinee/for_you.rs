//! "For you" on Discover: shelves of unseen films like the ones the user rated highly ("Because you gave White
//! God 4/5"), watchlist films that fit a typical evening, and, for a library with nothing to go on yet, the
//! starter pack's curated picks, labelled as such. Every film carries its reasons.

use std::collections::HashSet;

use chrono::Datelike;

use super::Matinee;
use crate::error::Result;
use crate::model::{ForYouKind, ForYouShelf, RatingScale, Suggestion, TonightQuery};

/// A rating that starts a "because" shelf: four stars.
const LOVED: u8 = 80;
/// How many "because" shelves, and how many films a shelf shows.
const BECAUSE_SHELVES: usize = 3;
const SHELF_FILMS: usize = 8;
/// A typical evening, in minutes.
const EVENING: i64 = 120;

impl Matinee {
    /// Discover's "For you" shelves.
    pub fn for_you(&self, scale: RatingScale) -> Result<Vec<ForYouShelf>> {
        let mut shelves = Vec::new();
        let seen = self.catalogue.ranks_of_keys(&self.library.seen_keys()?)?;
        let mut ratings: Vec<(String, u8)> = self.library.ratings()?.into_iter().filter(|(_, r)| *r >= LOVED).collect();
        ratings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut shown: HashSet<i64> = HashSet::new();
        for (key, rating) in ratings {
            if shelves.len() == BECAUSE_SHELVES {
                break;
            }
            let Some(row) = self.catalogue.film_row(&key)? else { continue };
            let mut neighbours = self.catalogue.neighbours(row.id)?;
            neighbours.retain(|n| !seen.contains(&n.rank) && !shown.contains(&n.id));
            neighbours.truncate(SHELF_FILMS);
            if neighbours.is_empty() {
                continue;
            }
            shown.extend(neighbours.iter().map(|n| n.id));
            let mut films = Vec::new();
            for related in self.catalogue.shelf_of(neighbours)? {
                let mut reasons = related.reasons.clone();
                if let Some(curator) = &related.curator {
                    reasons[0] = format!("Curated by {curator}: {}", reasons[0]);
                }
                films.push(Suggestion { film: related.film, reasons });
            }
            self.mark_suggestions(&mut films)?;
            shelves.push(ForYouShelf {
                kind: ForYouKind::Because,
                title: format!("Because you gave {} {}", row.title, scale.format(rating)),
                from: Some(row.key.clone()),
                films,
            });
        }
        // The watchlist, for an evening: Tonight's draw, seeded by the day so the shelf holds still all day.
        let day = chrono::Local::now().date_naive().num_days_from_ce() as u32;
        let evening = self.tonight(&TonightQuery {
            watchlist: true,
            unseen: true,
            max_runtime: Some(EVENING),
            count: Some(SHELF_FILMS as u32),
            seed: Some(day),
            rating_scale: Some(scale),
            ..TonightQuery::default()
        })?;
        if !evening.picks.is_empty() {
            shelves.push(ForYouShelf {
                kind: ForYouKind::Evening,
                title: "From your watchlist, for a two-hour evening".into(),
                from: None,
                films: evening
                    .picks
                    .into_iter()
                    .map(|p| Suggestion { film: p.film, reasons: p.reasons.into_iter().map(|r| r.text).collect() })
                    .collect(),
            });
        }
        if shelves.is_empty() {
            let seen_keys: HashSet<String> =
                self.catalogue.with_all_aliases(self.library.seen_keys()?)?.into_iter().collect();
            let mut films: Vec<Suggestion> = self
                .catalogue
                .starter_picks(SHELF_FILMS + 4)?
                .into_iter()
                .filter(|(f, _)| !seen_keys.contains(&f.key.0))
                .map(|(film, reason)| Suggestion { film, reasons: vec![reason] })
                .collect();
            films.truncate(SHELF_FILMS);
            self.mark_suggestions(&mut films)?;
            if !films.is_empty() {
                shelves.push(ForYouShelf {
                    kind: ForYouKind::Starter,
                    title: "Curated picks from the starter pack, until your ratings can say more".into(),
                    from: None,
                    films,
                });
            }
        }
        Ok(shelves)
    }

    fn mark_suggestions(&self, films: &mut [Suggestion]) -> Result<()> {
        let mut summaries: Vec<_> = films.iter().map(|s| s.film.clone()).collect();
        self.mark_user(&mut summaries)?;
        for (s, f) in films.iter_mut().zip(summaries) {
            s.film = f;
        }
        Ok(())
    }
}
