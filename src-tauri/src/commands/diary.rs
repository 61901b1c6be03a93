//! Commands over the diary: log, edit, delete (with undo) and list viewings.

use matinee_core::model::{Diary, DiaryQuery, UserPart, Viewing, ViewingId, ViewingInput};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// Logs a viewing and returns the film's updated user part.
#[tauri::command]
pub async fn viewing_log(state: State<'_, AppState>, key: String, input: ViewingInput) -> IpcResult<UserPart> {
    state.write(|m| {
        m.viewing_log(&key, &input)?;
        Ok(m.film(&key)?.user)
    })
}

#[tauri::command]
pub async fn viewing_update(state: State<'_, AppState>, id: ViewingId, input: ViewingInput) -> IpcResult<Viewing> {
    state.write(|m| m.viewing_update(id, &input))
}

#[tauri::command]
pub async fn viewing_delete(state: State<'_, AppState>, id: ViewingId) -> IpcResult<()> {
    state.write(|m| m.viewing_delete(id))
}

/// Undoes a delete.
#[tauri::command]
pub async fn viewing_restore(state: State<'_, AppState>, id: ViewingId) -> IpcResult<Viewing> {
    state.write(|m| m.viewing_restore(id))
}

#[tauri::command]
pub async fn diary_get(state: State<'_, AppState>, query: DiaryQuery) -> IpcResult<Diary> {
    state.read(|m| m.diary(&query))
}
