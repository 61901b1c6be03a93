//! Sync through a folder (Settings > Sync): choose the folder in the desktop's dialog, name this computer, see
//! the other computers and settle conflicts.

use std::path::PathBuf;

use matinee_core::model::{SyncReport, SyncStatus};
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::state::AppState;
use crate::sync::SyncEvent;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> IpcResult<Option<SyncStatus>> {
    state.read(|m| m.sync_status())
}

/// The desktop's folder dialog, for the folder to sync through.
#[tauri::command]
pub async fn sync_choose_folder(state: State<'_, AppState>, window: tauri::WebviewWindow) -> IpcResult<Option<String>> {
    let current = state.read(|m| m.sync_config())?.map(|c| PathBuf::from(c.folder));
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let start = current.into_iter().chain(home.iter().map(|h| h.join("Sync"))).chain(home.clone()).find(|d| d.is_dir());
    let mut dialog = window.dialog().file().set_title("The folder to sync through").set_parent(&window);
    if let Some(start) = start {
        dialog = dialog.set_directory(start);
    }
    match dialog.blocking_pick_folder() {
        None => Ok(None),
        Some(path) => path
            .into_path()
            .map(|p| Some(p.to_string_lossy().into_owned()))
            .map_err(|e| IpcError::new(ErrorKind::InvalidInput, format!("that folder cannot be used: {e}"))),
    }
}

/// Syncs through `folder` as the computer called `name` (the system's name when blank); a backup first, then
/// the library's rows are merged with the folder's.
#[tauri::command]
pub async fn sync_join(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    folder: String,
    name: String,
) -> IpcResult<SyncReport> {
    let name = Some(name.trim()).filter(|n| !n.is_empty());
    if folder.trim().is_empty() {
        return Err(IpcError {
            field: Some("folder".into()),
            ..IpcError::new(ErrorKind::InvalidInput, "choose the folder to sync through")
        });
    }
    let report = state.write_quietly(|m| m.sync_folder(&PathBuf::from(folder.trim()), name))?;
    crate::sync::adopt_settings(&app);
    state.wake_sync();
    Ok(report)
}

#[tauri::command]
pub async fn sync_now(app: tauri::AppHandle, state: State<'_, AppState>) -> IpcResult<SyncReport> {
    let report = state.write_quietly(|m| m.sync_now(false))?;
    crate::sync::adopt_settings(&app);
    Ok(report)
}

#[tauri::command]
pub async fn sync_rename(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    state.write(|m| m.sync_rename(&name))
}

#[tauri::command]
pub async fn sync_resolve(state: State<'_, AppState>, key: String, keep: bool) -> IpcResult<SyncReport> {
    state.write_quietly(|m| m.sync_resolve(&key, keep))
}

#[tauri::command]
pub async fn sync_leave(state: State<'_, AppState>) -> IpcResult<bool> {
    state.write_quietly(|m| m.sync_leave())
}

/// The channel the background syncs report on, while the window lives.
#[tauri::command]
pub async fn sync_subscribe(state: State<'_, AppState>, on_event: Channel<SyncEvent>) -> IpcResult<()> {
    state.subscribe_sync(on_event);
    Ok(())
}
