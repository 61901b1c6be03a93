//! The user's own pack: takes, synopses, links, and the name they are signed with.

use matinee_core::model::{OwnPack, UserPart};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// Writes the user's take (text, line and score in tenths: all three or none) and synopsis; all empty removes them.
#[tauri::command]
pub async fn take_set(
    state: State<'_, AppState>,
    key: String,
    text: String,
    line: String,
    score: Option<i64>,
    synopsis: String,
) -> IpcResult<UserPart> {
    state.write(|m| m.take_set(&key, &text, &line, score, &synopsis))
}

/// Links `to` (what the user typed: a title, a key) onto `from`'s shelf, because `reason`.
#[tauri::command]
pub async fn link_add(state: State<'_, AppState>, from: String, to: String, reason: String) -> IpcResult<()> {
    state.write(|m| {
        let to = m.resolve(&to).map_err(|e| match e {
            matinee_core::CoreError::NotFound { .. } | matinee_core::CoreError::Ambiguous { .. } => {
                matinee_core::CoreError::invalid("to", e.to_string())
            }
            other => other,
        })?;
        m.link_add(&from, to.as_str(), &reason)
    })
}

#[tauri::command]
pub async fn link_remove(state: State<'_, AppState>, from: String, to: String) -> IpcResult<()> {
    state.write(|m| m.link_remove(&from, &to))
}

#[tauri::command]
pub async fn own_pack_get(state: State<'_, AppState>) -> IpcResult<OwnPack> {
    state.read(|m| m.own_pack())
}

#[tauri::command]
pub async fn author_set(state: State<'_, AppState>, name: String) -> IpcResult<OwnPack> {
    state.write(|m| m.author_set(&name))
}
