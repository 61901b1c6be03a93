//! Tonight's commands: picks with their reasons, and "Not tonight" for the films set aside.

use matinee_core::model::{NotTonight, TonightPicks, TonightQuery};
use tauri::State;

use crate::error::IpcResult;
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
