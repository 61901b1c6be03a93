//! Commands over the catalogue: search, film cards, filter values.

use matinee_core::model::{Facets, FilmCard, SearchPage, SearchQuery};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn film_search(state: State<'_, AppState>, query: SearchQuery) -> IpcResult<SearchPage> {
    state.read(|m| m.search(&query))
}

#[tauri::command]
pub async fn film_get(state: State<'_, AppState>, key: String) -> IpcResult<FilmCard> {
    state.read(|m| m.film(&key))
}

/// How many of a query's films have each kind, genre, country and decade.
#[tauri::command]
pub async fn film_facets(state: State<'_, AppState>, query: SearchQuery) -> IpcResult<Facets> {
    state.read(|m| m.search_facets(&query))
}

#[tauri::command]
pub async fn catalogue_facets(state: State<'_, AppState>) -> IpcResult<Facets> {
    state.read(|m| m.facets())
}
