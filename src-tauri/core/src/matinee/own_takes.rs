//! The user's own pack: takes, synopses and curated links written on film cards, signed with the user's name,
//! shown beside the packs' takes, and written out as a take pack file (docs/take-pack.md) that another library
//! imports like any pack. The version goes up by one at every export.

use std::collections::HashMap;
use std::path::Path;

use super::Matinee;
use crate::error::{CoreError, Result};
use crate::library::FilmLabel;
use crate::model::{OwnPack, PackExport, UserPart};

impl Matinee {
    /// Writes the user's take on a film (text, one-line version and score in tenths: all three or none) and their
    /// synopsis; all empty removes them.
    pub fn take_set(
        &mut self,
        key: &str,
        text: &str,
        line: &str,
        score_tenths: Option<i64>,
        synopsis: &str,
    ) -> Result<UserPart> {
        let score = match score_tenths {
            None => None,
            Some(s) if (0..=100).contains(&s) => Some(s as u32),
            Some(s) => return Err(CoreError::invalid("score", format!("a score is 0 to 10, not {}", s as f64 / 10.0))),
        };
        self.write_user(key, |library, label| library.own_take_set(label, text, line, score, synopsis))
    }

    /// A curated link of the user's: "more like this, because …", shown on `from`'s shelf.
    pub fn link_add(&mut self, from: &str, to: &str, reason: &str) -> Result<()> {
        let (fk, ft, fy, fa) = self.label_for(from)?;
        let (tk, tt, ty, ta) = self.label_for(to)?;
        let from = FilmLabel { key: &fk, title: &ft, year: fy, aliases: &fa };
        let to = FilmLabel { key: &tk, title: &tt, year: ty, aliases: &ta };
        self.library.own_link_set(&from, &to, reason)
    }

    /// Removes a link of the user's; an absent one is an error that says so.
    pub fn link_remove(&mut self, from: &str, to: &str) -> Result<()> {
        let (from_keys, to_keys) = (self.filed_key(from)?, self.filed_key(to)?);
        if self.library.own_link_remove(&from_keys, &to_keys)? {
            Ok(())
        } else {
            Err(CoreError::NotFound { what: "link", key: format!("{from} → {to}") })
        }
    }

    /// The name the user's takes are signed with, and what their pack holds.
    pub fn own_pack(&self) -> Result<OwnPack> {
        let row = self.library.own_pack()?;
        Ok(OwnPack {
            author: row.as_ref().map(|r| r.author.clone()),
            pack_id: row.as_ref().map(|r| r.pack_id.clone()),
            version: row.as_ref().map_or(0, |r| r.version),
            takes: self.library.own_takes()?.len() as u32,
            links: self.library.own_links()?.len() as u32,
        })
    }

    pub fn author_set(&mut self, name: &str) -> Result<OwnPack> {
        self.library.own_author_set(name)?;
        self.own_pack()
    }

    /// The user's signature on takes ("you" until a name is given).
    pub(super) fn own_author(&self) -> Result<String> {
        Ok(self.library.own_pack()?.map_or_else(|| "you".to_owned(), |p| p.author))
    }

    /// Writes the user's pack to `path` as a take pack of the next version, checked by the same reader every
    /// pack import uses before it is written.
    pub fn pack_export(&mut self, path: &Path) -> Result<PackExport> {
        let Some(pack) = self.library.own_pack()? else {
            return Err(CoreError::invalid("author", "give the name your takes are signed with first"));
        };
        let takes = self.library.own_takes()?;
        let links = self.library.own_links()?;
        if takes.is_empty() && links.is_empty() {
            return Err(CoreError::invalid("pack", "you have written no take, synopsis or link yet"));
        }
        let version = pack.version + 1;
        // Every film the pack speaks of, once, with a ref of its own.
        let mut refs: HashMap<String, String> = HashMap::new();
        let mut films: Vec<serde_json::Value> = Vec::new();
        let mut left_out = Vec::new();
        let mut film_of = |key: &str, take: Option<&crate::library::OwnTakeRow>| -> Result<Option<String>> {
            if let Some(r) = refs.get(key) {
                return Ok(Some(r.clone()));
            }
            let summary = self.summary_of(key)?;
            let Some(year) = summary.year.filter(|y| (1870..=2100).contains(y)) else {
                left_out.push(summary.title.clone());
                return Ok(None);
            };
            let base: String = crate::text::slug(&summary.title, year)
                .chars()
                .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '-' })
                .collect();
            let base = base.trim_matches('-').chars().take(56).collect::<String>();
            let mut reference = if base.is_empty() { format!("film-{}", films.len() + 1) } else { base };
            if refs.values().any(|r| r == &reference) {
                reference = format!("{reference}-{}", films.len() + 1);
            }
            let imdb = self
                .catalogue
                .film_row(key)?
                .and_then(|row| row.aliases.into_iter().find(|a| a.starts_with("tt")))
                .or_else(|| key.starts_with("tt").then(|| key.to_owned()));
            let mut film = serde_json::json!({
                "ref": reference, "title": summary.title, "year": year, "kind": summary.kind.as_str(),
            });
            if let Some(id) = imdb {
                film["ids"] = serde_json::json!({ "imdb": id });
            }
            if let Some(t) = take {
                if let Some(s) = &t.synopsis {
                    film["synopsis"] = serde_json::json!(s);
                }
                if let (Some(text), Some(line), Some(score)) = (&t.text, &t.line, t.score_tenths) {
                    film["take"] = serde_json::json!({ "text": text, "line": line, "score": f64::from(score) / 10.0 });
                }
            }
            refs.insert(key.to_owned(), reference.clone());
            films.push(film);
            Ok(Some(reference))
        };
        for (key, take) in &takes {
            film_of(key, Some(take))?;
        }
        let mut related = Vec::new();
        for (from, to, reason, _) in &links {
            if let (Some(f), Some(t)) = (film_of(from, None)?, film_of(to, None)?) {
                related.push(serde_json::json!({ "from": f, "to": t, "reason": reason }));
            }
        }
        let count = films.len() as u32;
        let document = serde_json::json!({
            "format": "matinee-take-pack",
            "format_version": 1,
            "id": pack.pack_id,
            "name": format!("{}'s takes", pack.author),
            "author": pack.author,
            "version": version.to_string(),
            "licence": "All rights reserved",
            "description": format!("Takes, synopses and links written in Matinee by {}.", pack.author),
            "films": films,
            "related": related,
        });
        let text = serde_json::to_string_pretty(&document).expect("JSON values serialise");
        crate::pack::parse_pack(&text, path)?;
        super::catalogue::write_atomically(path, text.as_bytes())?;
        self.library.own_pack_exported()?;
        Ok(PackExport {
            path: path.display().to_string(),
            version,
            films: count,
            links: related.len() as u32,
            left_out,
        })
    }
}
