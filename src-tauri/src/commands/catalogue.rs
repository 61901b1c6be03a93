//! Commands over the catalogue's sources: its status, building it from the IMDb datasets, and importing a take
//! pack (both in the background, with progress and cancel; the old catalogue answers searches until the new one
//! is swapped in).

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use matinee_core::model::{CatalogueStatus, PackImported};
use matinee_core::Matinee;
use serde::Serialize;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;
use ts_rs::TS;

use crate::commands::transfer::{header, percent_decode};
use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::state::AppState;

/// How far a catalogue build has got: the file being read and its bytes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BuildProgress {
    pub file: String,
    pub percent: u32,
    /// The estimated seconds left in this file or step, once it has gone far enough to tell.
    pub seconds_left: Option<u32>,
}

/// What a build kept and skipped.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BuildReport {
    pub films_kept: u32,
    pub titles_read: u32,
    pub merged_with_packs: u32,
    pub people: u32,
    pub alternate_titles: u32,
    pub bad_rows: u32,
    pub bad_row_notes: Vec<String>,
    pub status: CatalogueStatus,
}

#[tauri::command]
pub async fn catalogue_status(state: State<'_, AppState>) -> IpcResult<CatalogueStatus> {
    state.read(|m| m.catalogue_status())
}

/// Builds the catalogue from the IMDb datasets in `dir`; `catalogue_cancel` stops it and changes nothing.
#[tauri::command]
pub async fn catalogue_build(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<BuildProgress>,
) -> IpcResult<BuildReport> {
    let folder = PathBuf::from(dir.trim());
    if dir.trim().is_empty() {
        return Err(IpcError {
            field: Some("dir".into()),
            ..IpcError::new(ErrorKind::InvalidInput, "give the folder of the IMDb datasets")
        });
    }
    let data_dir = state.data_dir().clone();
    let cancel = state.build_cancel_flag();
    cancel.store(false, Ordering::SeqCst);
    let built = tauri::async_runtime::spawn_blocking(move || {
        Matinee::build_catalogue_apart(&data_dir, &folder, &mut reporter(&on_progress, &cancel))
    })
    .await
    .map_err(|e| IpcError::new(ErrorKind::Storage, format!("the build stopped: {e}")))?;
    let (catalogue, report, notices) = built?;
    state.write(|m| {
        m.install_catalogue(catalogue, notices);
        let status = m.catalogue_status()?;
        Ok(BuildReport {
            films_kept: report.films_kept as u32,
            titles_read: report.titles_read as u32,
            merged_with_packs: report.merged_with_packs as u32,
            people: report.people as u32,
            alternate_titles: report.alternate_titles as u32,
            bad_rows: report.bad_rows as u32,
            bad_row_notes: report.bad_row_notes,
            status,
        })
    })
}

#[tauri::command]
pub async fn catalogue_cancel(state: State<'_, AppState>) -> IpcResult<()> {
    state.build_cancel_flag().store(true, Ordering::SeqCst);
    Ok(())
}

/// A take pack ready to import, and the token that imports exactly it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PackReady {
    pub token: u32,
    pub preview: PackImported,
}

/// Reads the take pack in the request body (its file name in `x-file-name`, URI-encoded) and says what importing it
/// would do: the pack, and the version it replaces with what changed. A pack that breaks a rule is refused with
/// the file and the place named; nothing changes until `pack_import`.
#[tauri::command]
pub async fn pack_preview(state: State<'_, AppState>, request: Request<'_>) -> IpcResult<PackReady> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::new(ErrorKind::InvalidInput, "a take pack needs the file's bytes"));
    };
    let name = header(&request, "x-file-name").map(percent_decode).unwrap_or_else(|| "take pack".into());
    let preview = state.read(|m| m.pack_preview(std::path::Path::new(&name), bytes.clone()))?;
    Ok(PackReady { token: state.keep_pack(name, bytes.clone()), preview })
}

/// Imports the take pack previewed with `token`: keeps it in the data folder and rebuilds the catalogue with it
/// (with the IMDb datasets too, when the catalogue was built from them: minutes, hence the progress), then swaps
/// the new catalogue in. `catalogue_cancel` stops it, and a stopped or failed import leaves the packs and the
/// catalogue as they were.
#[tauri::command]
pub async fn pack_import(
    state: State<'_, AppState>,
    token: u32,
    on_progress: Channel<BuildProgress>,
) -> IpcResult<PackImported> {
    let Some((name, bytes)) = state.take_pack(token) else {
        return Err(IpcError {
            field: Some("token".into()),
            ..IpcError::new(ErrorKind::InvalidInput, "that pack is no longer waiting: choose the file again")
        });
    };
    let data_dir = state.data_dir().clone();
    let cancel = state.build_cancel_flag();
    cancel.store(false, Ordering::SeqCst);
    let built = tauri::async_runtime::spawn_blocking(move || {
        let staged = Matinee::pack_stage_bytes(&data_dir, std::path::Path::new(&name), bytes)?;
        let built = Matinee::rebuild_catalogue_apart(&data_dir, &mut reporter(&on_progress, &cancel));
        match built {
            Ok(built) => Ok((staged, built)),
            Err(e) => {
                staged.put_back()?;
                Err(e)
            }
        }
    })
    .await
    .map_err(|e| IpcError::new(ErrorKind::Storage, format!("the import stopped: {e}")))?;
    let (staged, (catalogue, notices)) = built?;
    state.write(|m| {
        m.install_catalogue(catalogue, notices);
        m.pack_imported(staged)
    })
}

/// A build's progress callback: sends the step, its percent and the time left down the channel, and stops the
/// build when `catalogue_cancel` has set the flag.
fn reporter<'a>(
    channel: &'a Channel<BuildProgress>,
    cancel: &'a std::sync::atomic::AtomicBool,
) -> impl FnMut(&str, u64, u64) -> ControlFlow<()> + 'a {
    let mut clock = matinee_core::catalogue::StepClock::default();
    move |file, done, total| {
        let percent = (done * 100).checked_div(total).unwrap_or(100) as u32;
        let seconds_left = clock.seconds_left(file, done, total).map(|s| s.min(u64::from(u32::MAX)) as u32);
        let _ = channel.send(BuildProgress { file: file.to_owned(), percent, seconds_left });
        if cancel.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}
