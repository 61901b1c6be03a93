//! Tonight's commands: picks with their reasons, and "Not tonight" for the films set aside.

use matinee_core::model::{Companion, ForYouShelf, NotTonight, TonightPicks, TonightQuery};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::commands::transfer::{header, percent_decode};
use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::settings;
use crate::state::AppState;
use crate::SettingsStore;

/// Picks under the query's constraints; the reasons write ratings on the scale of the settings.
#[tauri::command]
pub async fn tonight_pick(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    query: TonightQuery,
) -> IpcResult<TonightPicks> {
    let query = TonightQuery { rating_scale: Some(settings::load(&store.0).rating_scale), ..query };
    state.read(|m| m.tonight(&query))
}

/// Sets a film aside from the picks for the days the settings say (30 by default).
#[tauri::command]
pub async fn tonight_hide(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    key: String,
) -> IpcResult<NotTonight> {
    let days = settings::load(&store.0).not_tonight_days;
    state.write(|m| m.not_tonight(&key, days))
}

/// Lets a film set aside be picked again (an undo of `tonight_hide`).
#[tauri::command]
pub async fn tonight_unhide(state: State<'_, AppState>, key: String) -> IpcResult<bool> {
    state.write(|m| m.not_tonight_clear(&key))
}

#[tauri::command]
pub async fn tonight_hidden(state: State<'_, AppState>) -> IpcResult<Vec<NotTonight>> {
    state.read(|m| m.not_tonight_list())
}

/// Reads a companion's export from the request body (its file name in `x-file-name`, the companion's name in
/// `x-companion`, both URI-encoded) and keeps their films under that name.
#[tauri::command]
pub async fn companion_add(state: State<'_, AppState>, request: Request<'_>) -> IpcResult<Companion> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::new(ErrorKind::InvalidInput, "a companion needs their export's bytes"));
    };
    let file = header(&request, "x-file-name").map(percent_decode).unwrap_or_else(|| "export".into());
    let name = header(&request, "x-companion").map(percent_decode).unwrap_or_default();
    let files = matinee_core::import::read_bytes(&file, bytes.clone())?;
    state.write(|m| m.companion_add(&name, files, &file))
}

#[tauri::command]
pub async fn companion_list(state: State<'_, AppState>) -> IpcResult<Vec<Companion>> {
    state.read(|m| m.companion_list())
}

#[tauri::command]
pub async fn companion_remove(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    state.write(|m| m.companion_remove(&name))
}

/// Discover's "For you" shelves, with ratings written on the scale of the settings.
#[tauri::command]
pub async fn for_you(state: State<'_, AppState>, store: State<'_, SettingsStore>) -> IpcResult<Vec<ForYouShelf>> {
    let scale = settings::load(&store.0).rating_scale;
    state.read(|m| m.for_you(scale))
}
