//! Commands over tags and notes search.

use matinee_core::model::{NoteHit, Tag, UserPart};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn tag_add(state: State<'_, AppState>, key: String, tag: String) -> IpcResult<UserPart> {
    state.write(|m| m.tag_add(&key, &tag))
}

#[tauri::command]
pub async fn tag_remove(state: State<'_, AppState>, key: String, tag: String) -> IpcResult<UserPart> {
    state.write(|m| m.tag_remove(&key, &tag))
}

#[tauri::command]
pub async fn tag_list(state: State<'_, AppState>) -> IpcResult<Vec<Tag>> {
    state.read(|m| m.tags())
}

/// Renames a tag; onto the name of another tag, the two merge.
#[tauri::command]
pub async fn tag_rename(state: State<'_, AppState>, from: String, to: String) -> IpcResult<Vec<Tag>> {
    state.write(|m| m.tag_rename(&from, &to))
}

#[tauri::command]
pub async fn notes_search(state: State<'_, AppState>, text: String) -> IpcResult<Vec<NoteHit>> {
    state.read(|m| m.notes_search(&text))
}
