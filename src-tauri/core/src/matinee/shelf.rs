//! "More like this" with the user's own reasons: the catalogue's neighbours of a film (curated, people, language,
//! genres and era), joined by films the user gave one of the same tags and, when the user rated this film
//! highly, films they rated highly too that share a genre with it. Each reason is a fact of the catalogue or of
//! the library; the shelf is ordered by how many hold, then by popularity.

use std::collections::HashMap;

use super::Matinee;
use crate::catalogue::{FilmRow, Neighbour, SHELF_SIZE};
use crate::error::Result;
use crate::model::{RatingScale, RelatedFilm, RelatedKind, UserPart};

/// A rating that counts as liking a film: 3.5 stars.
const LIKED: u32 = 70;
/// How many of the user's films a tag or the ratings may bring to a shelf.
const FROM_LIBRARY: usize = 12;

impl Matinee {
    /// The film's shelf, cut to `SHELF_SIZE`: curated links first, then by reasons and popularity.
    pub(super) fn shelf(&self, row: &FilmRow, user: &UserPart) -> Result<Vec<RelatedFilm>> {
        let mut neighbours = self.catalogue.neighbours(row.id)?;
        // The user's own links lead, as curated ones, signed with their name.
        let mine: Vec<(String, String)> = self
            .library
            .own_links()?
            .into_iter()
            .filter(|(from, ..)| row.aliases.contains(from))
            .map(|(_, to, reason, _)| (to, reason))
            .collect();
        if !mine.is_empty() {
            let author = self.own_author()?;
            let films = self.catalogue.known_films(&mine.iter().map(|m| m.0.clone()).collect::<Vec<_>>())?;
            for (to, reason) in mine.iter().rev() {
                let Some(film) = films.iter().find(|f| &f.key == to) else { continue };
                neighbours.retain(|n| n.id != film.id);
                neighbours.insert(
                    0,
                    Neighbour {
                        id: film.id,
                        rank: film.rank,
                        reasons: vec![(RelatedKind::Curated, reason.clone())],
                        curator: Some(author.clone()),
                    },
                );
            }
        }
        let curated = neighbours.iter().take_while(|n| n.reasons[0].0 == RelatedKind::Curated).count();
        let add = |neighbours: &mut Vec<Neighbour>, id: i64, rank: i64, kind: RelatedKind, text: String| {
            if id == row.id {
                return;
            }
            match neighbours.iter_mut().find(|n| n.id == id) {
                Some(n) => n.reasons.push((kind, text)),
                None => neighbours.push(Neighbour { id, rank, reasons: vec![(kind, text)], curator: None }),
            }
        };
        for tag in &user.tags {
            let tagged = self.library.films_tagged(tag)?;
            for film in self.catalogue.known_films(&tagged)?.into_iter().take(FROM_LIBRARY) {
                add(&mut neighbours, film.id, film.rank, RelatedKind::YourTags, format!("You tagged both “{tag}”"));
            }
        }
        if let Some(mine) = user.rating.filter(|r| *r >= LIKED) {
            let this = self.catalogue.known_films(std::slice::from_ref(&row.key.0))?;
            let genres = this.first().map(|f| f.genres.clone()).unwrap_or_default();
            let ratings: HashMap<String, u8> = self.library.ratings()?.into_iter().collect();
            let liked: Vec<String> =
                ratings.iter().filter(|(_, r)| u32::from(**r) >= LIKED).map(|(k, _)| k.clone()).collect();
            let mut films = self.catalogue.known_films(&liked)?;
            films.retain(|f| f.genres.iter().any(|g| genres.contains(g)));
            films.sort_by_key(|f| (std::cmp::Reverse(ratings[&f.key]), f.rank));
            let scale = RatingScale::FiveStars;
            for film in films.into_iter().take(FROM_LIBRARY) {
                let text = format!(
                    "You rated both highly: {} and {}",
                    scale.format(mine as u8),
                    scale.format(ratings[&film.key])
                );
                add(&mut neighbours, film.id, film.rank, RelatedKind::YourRatings, text);
            }
        }
        crate::catalogue::sort_neighbours(&mut neighbours[curated..]);
        neighbours.truncate(SHELF_SIZE.max(curated));
        let mut shelf = self.catalogue.shelf_of(neighbours)?;
        let mut films: Vec<_> = shelf.iter().map(|r| r.film.clone()).collect();
        self.mark_user(&mut films)?;
        for (r, f) in shelf.iter_mut().zip(films) {
            r.film = f;
        }
        Ok(shelf)
    }
}
