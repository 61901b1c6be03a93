//! Commands over the catalogue: search, film cards, filter values.

use matinee_core::model::{Facets, FilmCard, SearchPage, SearchQuery};
use tauri::{Manager, State};

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

/// How many of a query's films have each filter value; `None` when a newer request took its place.
#[tauri::command]
pub async fn film_facets(app: tauri::AppHandle, query: SearchQuery) -> IpcResult<Option<Facets>> {
    // Counting runs on a thread of its own, so searches go on while it does.
    tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().count_facets(&query))
        .await
        .map_err(|e| crate::error::IpcError::new(crate::error::ErrorKind::Storage, format!("the count stopped: {e}")))?
}

#[tauri::command]
pub async fn catalogue_facets(state: State<'_, AppState>) -> IpcResult<Facets> {
    state.read(|m| m.facets())
}
