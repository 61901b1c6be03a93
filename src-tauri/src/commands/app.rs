//! Commands about the app itself: start-up status, recovery, settings.

use tauri::State;

use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::settings::{self, Settings};
use crate::state::{AppState, AppStatus};
use crate::SettingsStore;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> IpcResult<AppStatus> {
    Ok(state.status())
}

/// Restores one of the listed library backups, by file name.
#[tauri::command]
pub async fn library_restore(state: State<'_, AppState>, file_name: String) -> IpcResult<AppStatus> {
    state.restore(&file_name)
}

#[tauri::command]
pub async fn settings_get(store: State<'_, SettingsStore>) -> IpcResult<Settings> {
    Ok(settings::load(&store.0))
}

#[tauri::command]
pub async fn settings_set(store: State<'_, SettingsStore>, settings: Settings) -> IpcResult<Settings> {
    settings::save(&store.0, &settings)
        .map_err(|e| IpcError::new(ErrorKind::Storage, format!("settings could not be saved: {e}")))?;
    Ok(settings)
}
