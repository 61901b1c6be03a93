//! Commands that fetch the IMDb datasets: what a download would fetch and need (the only commands that go
//! online, and only when the user presses the button that says so), the download itself with progress and
//! cancel, and the desktop's folder dialog for datasets the user already has.

use std::sync::atomic::Ordering;

use matinee_core::catalogue::download;
use matinee_core::model::{DownloadPlan, DownloadProgress, DownloadReport};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::settings;
use crate::state::AppState;
use crate::SettingsStore;

/// What the window says before a download, without going online: where from, where to, and the terms.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DownloadInfo {
    /// Where the files would come from (IMDb's official location unless changed).
    pub base_url: String,
    pub official: bool,
    /// The folder they go into, inside the data folder.
    pub folder: String,
    /// The datasets' terms of use, shown before the first download.
    pub terms: String,
}

fn base_url(store: &SettingsStore) -> IpcResult<String> {
    let configured = settings::load(&store.0).datasets_url;
    Ok(download::base_url(configured.as_deref().filter(|u| !u.trim().is_empty()))?)
}

fn stopped(e: tauri::Error) -> IpcError {
    IpcError::new(ErrorKind::Storage, format!("the download stopped: {e}"))
}

#[tauri::command]
pub async fn catalogue_download_info(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
) -> IpcResult<DownloadInfo> {
    let base_url = base_url(&store)?;
    Ok(DownloadInfo {
        official: base_url == download::OFFICIAL_BASE_URL,
        base_url,
        folder: state.data_dir().datasets().to_string_lossy().into_owned(),
        terms: download::TERMS.to_owned(),
    })
}

/// Asks the server what the six files weigh and says what a download would fetch and need. Goes online.
#[tauri::command]
pub async fn catalogue_download_plan(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
) -> IpcResult<DownloadPlan> {
    let base_url = base_url(&store)?;
    let folder = state.data_dir().datasets();
    let plan =
        tauri::async_runtime::spawn_blocking(move || download::plan(&folder, &base_url)).await.map_err(stopped)?;
    Ok(plan?)
}

/// Downloads what is missing, partial or changed into the datasets folder; `catalogue_cancel` stops it and
/// keeps what came, so the next download resumes. The build is the window's next step (`catalogue_build`).
#[tauri::command]
pub async fn catalogue_download(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    on_progress: Channel<DownloadProgress>,
) -> IpcResult<DownloadReport> {
    let base_url = base_url(&store)?;
    let _claim = state
        .claim_download()
        .ok_or_else(|| IpcError::new(ErrorKind::Conflict, "a download of the IMDb datasets is already running"))?;
    let folder = state.data_dir().datasets();
    let cancel = state.build_cancel_flag();
    cancel.store(false, Ordering::SeqCst);
    let report = tauri::async_runtime::spawn_blocking(move || {
        download::download(&folder, &base_url, &mut |p| {
            let _ = on_progress.send(p.clone());
            if cancel.load(Ordering::SeqCst) {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })
    })
    .await
    .map_err(stopped)?;
    Ok(report?)
}

/// Opens the desktop's folder dialog for the folder of IMDb datasets, in the folder last built from (else the
/// Downloads folder, else home); `None` when the user closes it.
#[tauri::command]
pub async fn catalogue_choose_folder(
    state: State<'_, AppState>,
    window: tauri::WebviewWindow,
) -> IpcResult<Option<String>> {
    let remembered = state.read(|m| m.catalogue_status())?.imdb_datasets.map(std::path::PathBuf::from);
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let start = remembered
        .and_then(|d| d.parent().map(std::path::Path::to_path_buf))
        .into_iter()
        .chain(home.iter().map(|h| h.join("Downloads")))
        .chain(home.clone())
        .find(|d| d.is_dir());
    let mut dialog = window.dialog().file().set_title("The folder of the IMDb datasets").set_parent(&window);
    if let Some(start) = start {
        dialog = dialog.set_directory(start);
    }
    let chosen = dialog.blocking_pick_folder();
    match chosen {
        None => Ok(None),
        Some(path) => path
            .into_path()
            .map(|p| Some(p.to_string_lossy().into_owned()))
            .map_err(|e| IpcError::new(ErrorKind::InvalidInput, format!("that folder cannot be used: {e}"))),
    }
}
