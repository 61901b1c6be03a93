//! Commands over lists: create, rename, describe, delete; add, move, reorder and remove films.

use matinee_core::model::{ListDetail, ListId, ListSummary};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_all(state: State<'_, AppState>) -> IpcResult<Vec<ListSummary>> {
    state.read(|m| m.lists())
}

#[tauri::command]
pub async fn list_get(state: State<'_, AppState>, id: ListId) -> IpcResult<ListDetail> {
    state.read(|m| m.list_get(id))
}

#[tauri::command]
pub async fn list_create(
    state: State<'_, AppState>,
    name: String,
    description: String,
    ranked: bool,
) -> IpcResult<ListSummary> {
    state.write(|m| m.list_create(&name, &description, ranked))
}

/// Changes what is given: the name, the description, whether it is ranked.
#[tauri::command]
pub async fn list_update(
    state: State<'_, AppState>,
    id: ListId,
    name: Option<String>,
    description: Option<String>,
    ranked: Option<bool>,
) -> IpcResult<ListSummary> {
    state.write(|m| m.list_update(id, name.as_deref(), description.as_deref(), ranked))
}

#[tauri::command]
pub async fn list_delete(state: State<'_, AppState>, id: ListId) -> IpcResult<()> {
    state.write(|m| m.list_delete(id))
}

/// Adds a film at a 1-based position, or at the end.
#[tauri::command]
pub async fn list_add(
    state: State<'_, AppState>,
    id: ListId,
    key: String,
    position: Option<i64>,
    note: Option<String>,
) -> IpcResult<ListDetail> {
    state.write(|m| m.list_add(id, &key, position, note.as_deref().unwrap_or("")))
}

#[tauri::command]
pub async fn list_move(state: State<'_, AppState>, id: ListId, key: String, position: i64) -> IpcResult<ListDetail> {
    state.write(|m| m.list_move(id, &key, position))
}

/// Puts the list in exactly this order of film keys.
#[tauri::command]
pub async fn list_reorder(state: State<'_, AppState>, id: ListId, keys: Vec<String>) -> IpcResult<ListDetail> {
    state.write(|m| m.list_reorder(id, &keys))
}

#[tauri::command]
pub async fn list_remove(state: State<'_, AppState>, id: ListId, key: String) -> IpcResult<ListDetail> {
    state.write(|m| m.list_remove(id, &key))
}

#[tauri::command]
pub async fn list_entry_note(
    state: State<'_, AppState>,
    id: ListId,
    key: String,
    note: String,
) -> IpcResult<ListDetail> {
    state.write(|m| m.list_entry_note(id, &key, &note))
}
