//! Commands over the user's library: watchlist, ratings, notes.

use matinee_core::model::{FilmSummary, UserPart};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn watchlist_add(state: State<'_, AppState>, key: String) -> IpcResult<UserPart> {
    state.write(|m| m.watchlist_set(&key, true))
}

#[tauri::command]
pub async fn watchlist_remove(state: State<'_, AppState>, key: String) -> IpcResult<UserPart> {
    state.write(|m| m.watchlist_set(&key, false))
}

#[tauri::command]
pub async fn watchlist_list(state: State<'_, AppState>, tag: Option<String>) -> IpcResult<Vec<FilmSummary>> {
    state.read(|m| m.watchlist(tag.as_deref()))
}

/// Sets the rating on the 0 to 100 scale (70 is 3.5 stars).
#[tauri::command]
pub async fn rating_set(state: State<'_, AppState>, key: String, value: i64) -> IpcResult<UserPart> {
    state.write(|m| m.rating_set(&key, Some(value)))
}

#[tauri::command]
pub async fn rating_clear(state: State<'_, AppState>, key: String) -> IpcResult<UserPart> {
    state.write(|m| m.rating_set(&key, None))
}

#[tauri::command]
pub async fn note_set(state: State<'_, AppState>, key: String, text: String) -> IpcResult<UserPart> {
    state.write(|m| m.note_set(&key, &text))
}
