//! The facts Stats needs of many films at once: runtime, score, people, genres, countries and languages, read in
//! one query per kind of fact for every film asked for.

use std::collections::HashMap;

use super::Catalogue;
use crate::error::Result;
use crate::stats::FilmFacts;

impl Catalogue {
    /// The catalogue's facts of the films these keys (any alias) name, by the key asked with. Keys the catalogue
    /// does not know are left out: their facts are unknown.
    pub fn stats_facts(&self, keys: &[String]) -> Result<HashMap<String, FilmFacts>> {
        let known = self.known_films(keys)?;
        let ids: Vec<i64> = known.iter().map(|k| k.id).collect();
        let list = serde_json::to_string(&ids).expect("numbers serialise");
        let mut by_id: HashMap<i64, FilmFacts> = HashMap::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT id, key, title, year, runtime_minutes, score_tenths, score_source FROM film
                 WHERE id IN (SELECT value FROM json_each(?1))",
            )?;
            let rows = stmt.query_map([&list], |r| {
                let score: Option<u32> = r.get(5)?;
                let source: Option<String> = r.get(6)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    FilmFacts {
                        key: r.get(1)?,
                        title: r.get(2)?,
                        year: r.get(3)?,
                        runtime: r.get(4)?,
                        score: score.map(|s| (s, source.unwrap_or_default())),
                        ..Default::default()
                    },
                ))
            })?;
            for row in rows {
                let (id, facts) = row?;
                by_id.insert(id, facts);
            }
        }
        let mut each = |sql: &str, put: &mut dyn FnMut(&mut FilmFacts, String, String)| -> Result<()> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([&list], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
            for row in rows {
                let (id, a, b) = row?;
                if let Some(f) = by_id.get_mut(&id) {
                    put(f, a, b);
                }
            }
            Ok(())
        };
        each(
            "SELECT c.film_id, c.role, p.name FROM credit c JOIN person p ON p.id = c.person_id
             WHERE c.film_id IN (SELECT value FROM json_each(?1)) ORDER BY c.film_id, c.role, c.ord",
            &mut |f, role, name| if role == "director" { f.directors.push(name) } else { f.cast.push(name) },
        )?;
        each(
            "SELECT fg.film_id, g.name, '' FROM film_genre fg JOIN genre g ON g.id = fg.genre_id
             WHERE fg.film_id IN (SELECT value FROM json_each(?1)) ORDER BY fg.film_id, fg.ord",
            &mut |f, name, _| f.genres.push(name),
        )?;
        each(
            "SELECT fc.film_id, c.name, '' FROM film_country fc JOIN country c ON c.code = fc.code
             WHERE fc.film_id IN (SELECT value FROM json_each(?1)) ORDER BY fc.film_id, fc.ord",
            &mut |f, name, _| f.countries.push(name),
        )?;
        each(
            "SELECT fl.film_id, l.name, '' FROM film_language fl JOIN language l ON l.code = fl.code
             WHERE fl.film_id IN (SELECT value FROM json_each(?1)) ORDER BY fl.film_id, fl.ord",
            &mut |f, name, _| f.languages.push(name),
        )?;
        Ok(known.into_iter().filter_map(|k| Some((k.key, by_id.get(&k.id)?.clone()))).collect())
    }
}
