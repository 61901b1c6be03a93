//! The diary: viewings logged, changed, deleted and restored, and the diary grouped by month.

use std::collections::HashMap;

use super::{merge_user_rows, viewing_of, Matinee};
use crate::error::Result;
use crate::library::FilmLabel;
use crate::model::{Diary, DiaryEntry, DiaryMonth, DiaryQuery, FilmSummary, Viewing, ViewingId, ViewingInput};

impl Matinee {
    /// Logs a viewing of a film. When the film has no current rating yet, the viewing's rating becomes it too;
    /// after that the two are separate facts.
    pub fn viewing_log(&mut self, key: &str, input: &ViewingInput) -> Result<Viewing> {
        let (film, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &film, title: &title, year, aliases: &aliases };
        let id = self.library.viewing_add(&label, input, crate::library::today())?;
        if let Some(rating) = input.rating {
            let keys: Vec<&str> = aliases.iter().map(String::as_str).collect();
            if merge_user_rows(&keys, &self.library.user_rows(&keys)?).rating.is_none() {
                self.library.rating_set(&label, Some(crate::Rating::new(rating, "rating")?))?;
            }
        }
        Ok(viewing_of(self.library.viewing(id)?))
    }

    pub fn viewing_update(&mut self, id: ViewingId, input: &ViewingInput) -> Result<Viewing> {
        self.library.viewing_update(id, input, crate::library::today())?;
        Ok(viewing_of(self.library.viewing(id)?))
    }

    /// Deletes a viewing; `viewing_restore` undoes it.
    pub fn viewing_delete(&mut self, id: ViewingId) -> Result<()> {
        self.library.viewing_delete(id)
    }

    pub fn viewing_restore(&mut self, id: ViewingId) -> Result<Viewing> {
        self.library.viewing_restore(id)?;
        Ok(viewing_of(self.library.viewing(id)?))
    }

    /// The diary grouped by month, newest first; viewings without a date come last.
    pub fn diary(&self, query: &DiaryQuery) -> Result<Diary> {
        let rows = self.library.diary(query)?;
        let total = rows.len() as u32;
        let mut months: Vec<DiaryMonth> = Vec::new();
        let mut summaries: HashMap<String, FilmSummary> = HashMap::new();
        for row in rows {
            let month = row.watched_on.map(|d| d.format("%Y-%m").to_string());
            let film = match summaries.get(&row.film_key) {
                Some(s) => s.clone(),
                None => {
                    let s = self.summary_of(&row.film_key)?;
                    summaries.insert(row.film_key.clone(), s.clone());
                    s
                }
            };
            let entry = DiaryEntry { viewing: viewing_of(row), film };
            match months.last_mut() {
                Some(last) if last.month == month => last.entries.push(entry),
                _ => months.push(DiaryMonth { month, entries: vec![entry] }),
            }
        }
        Ok(Diary { months, total, years: self.library.diary_years()? })
    }
}
