//! Commands for moving data in and out: import previews and imports (with progress and cancel), exports and
//! backups. Files come from the page as bytes the user picked or dropped: the window needs no file-system access.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use matinee_core::model::{CsvMapping, ImportOutcome, ImportPreview, ImportSource};
use serde::Serialize;
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;
use ts_rs::TS;

use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::state::AppState;

/// A preview, and the token that applies exactly what it shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReady {
    pub token: u32,
    pub preview: ImportPreview,
}

/// How far an import has got.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Where an export or backup was written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Written {
    pub paths: Vec<String>,
}

pub(crate) fn header<'a>(request: &'a Request<'_>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Reads the file in the request body (a zip, a CSV or a library export) and previews its import. The headers
/// carry the file's name (`x-file-name`, URI-encoded) and, optionally, the source (`x-source`).
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, request: Request<'_>) -> IpcResult<ImportReady> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::new(ErrorKind::InvalidInput, "the import needs the file's bytes"));
    };
    let name = header(&request, "x-file-name").map(percent_decode).unwrap_or_else(|| "import".into());
    let source = match header(&request, "x-source") {
        None | Some("") | Some("auto") => None,
        Some("letterboxd") => Some(ImportSource::Letterboxd),
        Some("imdb") => Some(ImportSource::Imdb),
        Some("matinee") => Some(ImportSource::Matinee),
        Some("trakt") => Some(ImportSource::Trakt),
        Some("csv") => Some(ImportSource::Csv),
        Some(other) => return Err(IpcError::new(ErrorKind::InvalidInput, format!("unknown source '{other}'"))),
    };
    let mapping: Option<CsvMapping> = match header(&request, "x-mapping") {
        Some(text) if !text.is_empty() => Some(serde_json::from_str(&percent_decode(text)).map_err(|e| IpcError {
            field: Some("mapping".into()),
            ..IpcError::new(ErrorKind::InvalidInput, format!("the column mapping is not readable: {e}"))
        })?),
        _ => None,
    };
    let source = source.or(mapping.as_ref().map(|_| ImportSource::Csv));
    let files = matinee_core::import::read_bytes(&name, bytes.clone())?;
    let (prepared, preview) = state.write(|m| m.import_prepare_mapped(files, source, mapping, &name))?;
    let token = state.keep_import(prepared);
    Ok(ImportReady { token, preview })
}

/// Applies the previewed import, streaming progress; `import_cancel` stops it and nothing is kept.
#[tauri::command]
pub async fn import_apply(
    state: State<'_, AppState>,
    token: u32,
    on_progress: Channel<ImportProgress>,
) -> IpcResult<ImportOutcome> {
    let prepared = state
        .take_import(token)
        .ok_or_else(|| IpcError::new(ErrorKind::NotFound, "this preview has expired: choose the file again"))?;
    let cancel = state.cancel_flag();
    cancel.store(false, Ordering::SeqCst);
    state.write(|m| {
        m.import_apply(&prepared, &mut |done, total| {
            let _ = on_progress.send(ImportProgress { done: done as u32, total: total as u32 });
            if cancel.load(Ordering::SeqCst) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
    })
}

#[tauri::command]
pub async fn import_cancel(state: State<'_, AppState>) -> IpcResult<()> {
    state.cancel_flag().store(true, Ordering::SeqCst);
    Ok(())
}

/// The folder exports go to: the user's Downloads folder when there is one, else `exports` in the data folder.
pub(crate) fn export_folder(state: &AppState) -> PathBuf {
    let downloads = std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Downloads"));
    match downloads {
        Some(d) if d.is_dir() => d,
        _ => state.data_dir().root().join("exports"),
    }
}

fn stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    secs.to_string()
}

/// Writes the whole library as JSON (docs/library-export.md) or as Letterboxd CSVs; answers where.
#[tauri::command]
pub async fn library_export(state: State<'_, AppState>, format: String) -> IpcResult<Written> {
    let folder = export_folder(&state);
    std::fs::create_dir_all(&folder)
        .map_err(|e| IpcError::new(ErrorKind::Storage, format!("{}: {e}", folder.display())))?;
    let paths = match format.as_str() {
        "json" => {
            let path = folder.join(format!("matinee-library-{}.json", stamp()));
            let text = state.read(|m| m.export_json())?;
            std::fs::write(&path, text)
                .map_err(|e| IpcError::new(ErrorKind::Storage, format!("{}: {e}", path.display())))?;
            vec![path]
        }
        "take-pack" => {
            let path = folder.join(format!("matinee-takes-{}.json", stamp()));
            vec![state.write(|m| m.pack_export(&path))?.path.into()]
        }
        "letterboxd" => {
            state.read(|m| m.export_letterboxd(&folder.join(format!("matinee-for-letterboxd-{}", stamp()))))?
        }
        other => return Err(IpcError::new(ErrorKind::InvalidInput, format!("unknown export format '{other}'"))),
    };
    Ok(Written { paths: paths.into_iter().map(|p| p.to_string_lossy().into_owned()).collect() })
}

/// Backs the library up into the backups folder now.
#[tauri::command]
pub async fn library_backup(state: State<'_, AppState>) -> IpcResult<Written> {
    let folder = state.data_dir().backups();
    let path = state.read(|m| m.library().backup_to_folder(&folder, "manual"))?;
    Ok(Written { paths: vec![path.to_string_lossy().into_owned()] })
}

/// `%C3%A9t%C3%A9.zip` -> `été.zip`; anything malformed stays as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
