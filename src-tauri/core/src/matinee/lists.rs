//! Lists: their summaries and entries, and every change to them.

use super::Matinee;
use crate::error::{CoreError, Result};
use crate::library::FilmLabel;
use crate::model::{ListDetail, ListEntry, ListId, ListSummary};

impl Matinee {
    fn list_summary(&self, id: ListId) -> Result<ListSummary> {
        let row = self.library.list(id)?;
        Ok(ListSummary {
            id: row.id,
            name: row.name,
            description: row.description,
            ranked: row.ranked,
            films: row.films,
        })
    }

    pub fn lists(&self) -> Result<Vec<ListSummary>> {
        self.library.lists()?.into_iter().map(|row| self.list_summary(row.id)).collect()
    }

    /// The list with this name (case and accents ignored), for the CLI.
    pub fn list_named(&self, name: &str) -> Result<ListId> {
        Ok(self.library.list_named(name)?.id)
    }

    pub fn list_get(&self, id: ListId) -> Result<ListDetail> {
        let list = self.list_summary(id)?;
        let entries = self
            .library
            .list_entries(id)?
            .into_iter()
            .map(|(position, key, note)| Ok(ListEntry { position, film: self.summary_of(&key)?, note }))
            .collect::<Result<Vec<_>>>()?;
        Ok(ListDetail { list, entries })
    }

    pub fn list_create(&mut self, name: &str, description: &str, ranked: bool) -> Result<ListSummary> {
        let id = self.library.list_create(name, description, ranked)?;
        self.list_summary(id)
    }

    pub fn list_update(
        &mut self,
        id: ListId,
        name: Option<&str>,
        description: Option<&str>,
        ranked: Option<bool>,
    ) -> Result<ListSummary> {
        self.library.list_update(id, name, description, ranked)?;
        self.list_summary(id)
    }

    pub fn list_delete(&mut self, id: ListId) -> Result<()> {
        self.library.list_delete(id)
    }

    /// Adds a film to a list at a position (1-based; the end when none).
    pub fn list_add(&mut self, id: ListId, key: &str, position: Option<i64>, note: &str) -> Result<ListDetail> {
        let (film, title, year, aliases) = self.label_for(key)?;
        let label = FilmLabel { key: &film, title: &title, year, aliases: &aliases };
        self.library.list_add(id, &label, position, note)?;
        self.list_get(id)
    }

    pub fn list_move(&mut self, id: ListId, key: &str, position: i64) -> Result<ListDetail> {
        let entries = self.library.list_entries(id)?;
        let keys = self.filed_key(key)?;
        let filed = entries
            .iter()
            .find(|(_, k, _)| keys.contains(k))
            .map(|(_, k, _)| k.clone())
            .ok_or_else(|| CoreError::NotFound { what: "film in the list", key: key.to_owned() })?;
        self.library.list_move(id, &filed, position)?;
        self.list_get(id)
    }

    pub fn list_reorder(&mut self, id: ListId, keys: &[String]) -> Result<ListDetail> {
        self.library.list_reorder(id, keys)?;
        self.list_get(id)
    }

    pub fn list_remove(&mut self, id: ListId, key: &str) -> Result<ListDetail> {
        let entries = self.library.list_entries(id)?;
        let keys = self.filed_key(key)?;
        let filed = entries.iter().find(|(_, k, _)| keys.contains(k)).map(|(_, k, _)| k.clone());
        self.library.list_remove(id, filed.as_deref().unwrap_or(key))?;
        self.list_get(id)
    }

    pub fn list_entry_note(&mut self, id: ListId, key: &str, note: &str) -> Result<ListDetail> {
        self.library.list_entry_note(id, key, note)?;
        self.list_get(id)
    }
}
