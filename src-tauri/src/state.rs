//! The app's state: the core's `Matinee` when the library opened, or why it did not.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use matinee_core::catalogue::Catalogue;
use matinee_core::library::list_backups;
use matinee_core::model::{BackupInfo, DataPaths, Facets, SearchQuery};
use matinee_core::{CoreError, DataDir, LibraryProblem, Matinee, PreparedImport};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorKind, IpcError, IpcResult};

/// Why the app started on the recovery screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StartupProblem {
    /// Set when the library itself is the problem (damaged, or from a newer Matinee).
    pub reason: Option<LibraryProblem>,
    pub message: String,
}

/// What the UI needs to know first: ready, or the recovery screen and its backups.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub ready: bool,
    pub problem: Option<StartupProblem>,
    /// Things to tell the user once (settings reset to defaults, a pack that did not load).
    pub notices: Vec<String>,
    pub paths: DataPaths,
    pub backups: Vec<BackupInfo>,
    /// The IMDb datasets folder the catalogue is to be built from again (by an older Matinee, or the files
    /// changed): start-up left it for the UI to build with progress shown.
    pub catalogue_pending: Option<String>,
    /// The library holds nothing of the user's yet (no rating, viewing, watchlist entry, note or list film):
    /// the welcome page offers the ways in.
    pub library_empty: bool,
}

pub struct AppState {
    dir: DataDir,
    /// The import last previewed, waiting for the user's confirmation, with its token.
    pending_import: Mutex<Option<(u32, PreparedImport)>>,
    /// The take pack last previewed (its file name and bytes), waiting for the user's confirmation.
    pending_pack: Mutex<Option<(u32, String, Vec<u8>)>>,
    next_token: AtomicU32,
    /// Set to stop the import that is running.
    cancel: Arc<AtomicBool>,
    /// Set to stop the catalogue build that is running (apart from the import's, as both may run at once).
    build_cancel: Arc<AtomicBool>,
    /// Held while a download of the IMDb datasets runs, so two never write the same folder.
    downloading: AtomicBool,
    matinee: Mutex<Option<Matinee>>,
    problem: Mutex<Option<StartupProblem>>,
    notices: Mutex<Vec<String>>,
    /// A second, read-only connection to the catalogue for filter counts, so a long count never holds up a
    /// search; with what the catalogue it has open was built from and when.
    facet_reader: Mutex<Option<(String, Catalogue)>>,
    /// Bumped by every count asked for: a count whose number is no longer the latest stops.
    facet_generation: AtomicU64,
    /// Wakes the sync thread after a write (none in tests that run no app).
    sync_wake: Mutex<Option<std::sync::mpsc::Sender<()>>>,
    /// Where the background syncs report to the window.
    sync_channel: Mutex<Option<tauri::ipc::Channel<crate::sync::SyncEvent>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not lock the user out of their library.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn problem_of(e: &CoreError) -> StartupProblem {
    StartupProblem {
        reason: match e {
            CoreError::LibraryUnusable { reason, .. } => Some(*reason),
            _ => None,
        },
        message: e.to_string(),
    }
}

impl AppState {
    /// Opens the stores; a failure is kept for the recovery screen, never turned into a reset or a panic.
    pub fn open(dir: DataDir, mut notices: Vec<String>) -> AppState {
        let (matinee, problem) = match Matinee::open_deferring(dir.clone()) {
            Ok(m) => {
                notices.extend(m.notices().iter().cloned());
                (Some(m), None)
            }
            Err(e) => (None, Some(problem_of(&e))),
        };
        AppState {
            dir,
            pending_import: Mutex::new(None),
            pending_pack: Mutex::new(None),
            next_token: AtomicU32::new(1),
            cancel: Arc::new(AtomicBool::new(false)),
            build_cancel: Arc::new(AtomicBool::new(false)),
            downloading: AtomicBool::new(false),
            matinee: Mutex::new(matinee),
            problem: Mutex::new(problem),
            notices: Mutex::new(notices),
            facet_reader: Mutex::new(None),
            facet_generation: AtomicU64::new(0),
            sync_wake: Mutex::new(None),
            sync_channel: Mutex::new(None),
        }
    }

    fn unavailable(&self) -> IpcError {
        let message =
            lock(&self.problem).as_ref().map(|p| p.message.clone()).unwrap_or_else(|| "the library is not open".into());
        IpcError::new(ErrorKind::LibraryUnavailable, message)
    }

    /// Claims the download folder for one download; `None` while another runs. The claim ends when dropped.
    pub fn claim_download(&self) -> Option<DownloadClaim<'_>> {
        (!self.downloading.swap(true, Ordering::SeqCst)).then_some(DownloadClaim(&self.downloading))
    }

    /// Runs a read on the open stores.
    pub fn read<T>(&self, f: impl FnOnce(&Matinee) -> matinee_core::Result<T>) -> IpcResult<T> {
        let guard = lock(&self.matinee);
        let matinee = guard.as_ref().ok_or_else(|| self.unavailable())?;
        Ok(f(matinee)?)
    }

    /// Runs a write on the open stores; a library that syncs sends the change to the folder soon after.
    pub fn write<T>(&self, f: impl FnOnce(&mut Matinee) -> matinee_core::Result<T>) -> IpcResult<T> {
        let value = self.write_quietly(f)?;
        self.wake_sync();
        Ok(value)
    }

    /// A write that is not followed by a sync (a sync itself).
    pub fn write_quietly<T>(&self, f: impl FnOnce(&mut Matinee) -> matinee_core::Result<T>) -> IpcResult<T> {
        let mut guard = lock(&self.matinee);
        let matinee = guard.as_mut().ok_or_else(|| self.unavailable())?;
        Ok(f(matinee)?)
    }

    pub fn set_sync_wake(&self, wake: std::sync::mpsc::Sender<()>) {
        *lock(&self.sync_wake) = Some(wake);
    }

    pub fn wake_sync(&self) {
        if let Some(wake) = lock(&self.sync_wake).as_ref() {
            let _ = wake.send(());
        }
    }

    pub fn subscribe_sync(&self, channel: tauri::ipc::Channel<crate::sync::SyncEvent>) {
        *lock(&self.sync_channel) = Some(channel);
    }

    pub fn tell_window(&self, event: crate::sync::SyncEvent) {
        if let Some(channel) = lock(&self.sync_channel).as_ref() {
            let _ = channel.send(event);
        }
    }

    /// The folder this library syncs through and this computer's id, when it does.
    pub fn sync_folder(&self) -> Option<(std::path::PathBuf, String)> {
        let guard = lock(&self.matinee);
        let config = guard.as_ref()?.sync_config().ok()??;
        Some((config.folder.into(), config.device))
    }

    /// One sync for the background thread: none when the library does not sync.
    pub fn sync_in_background(&self) -> Result<Option<matinee_core::model::SyncReport>, String> {
        let mut guard = lock(&self.matinee);
        let Some(matinee) = guard.as_mut() else { return Ok(None) };
        if !matches!(matinee.sync_config(), Ok(Some(_))) {
            return Ok(None);
        }
        matinee.sync_now(false).map(Some).map_err(|e| e.to_string())
    }

    /// The filter counts of `query`, on the counting connection, off the stores' lock. A newer request stops this
    /// one, which then answers `None`.
    pub fn count_facets(&self, query: &SearchQuery) -> IpcResult<Option<Facets>> {
        let generation = self.facet_generation.fetch_add(1, Ordering::SeqCst) + 1;
        // The counts must come from the catalogue the searches use, known by what it was built from and when.
        let identity = |c: &Catalogue| -> matinee_core::Result<String> {
            Ok(format!("{:?} {:?}", c.meta("fingerprint")?, c.meta("built_at")?))
        };
        let (user, in_use) = self.read(|m| Ok((m.user_sets()?, identity(m.catalogue())?)))?;
        let mut reader = lock(&self.facet_reader);
        if self.facet_generation.load(Ordering::SeqCst) != generation {
            return Ok(None);
        }
        if reader.as_ref().is_none_or(|(built, _)| *built != in_use) {
            let catalogue = Catalogue::open(&self.dir.catalogue())?;
            *reader = Some((identity(&catalogue)?, catalogue));
        }
        let stale = || self.facet_generation.load(Ordering::SeqCst) != generation;
        let counted = match reader.as_ref() {
            Some((built, catalogue)) if *built == in_use => catalogue.count_facets_for(query, &user, &stale),
            // The file was replaced under the app (a build by the CLI): count on the catalogue in use, as the
            // searches do, until the app opens the new one.
            _ => {
                drop(reader);
                return self.read(|m| m.search_facets(query)).map(Some);
            }
        };
        match counted {
            Ok(facets) => Ok(Some(facets)),
            Err(CoreError::Cancelled) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    /// Keeps a previewed import until it is confirmed; a newer preview replaces it.
    pub fn keep_import(&self, prepared: PreparedImport) -> u32 {
        let token = self.next_token.fetch_add(1, Ordering::SeqCst);
        *lock(&self.pending_import) = Some((token, prepared));
        token
    }

    /// The previewed import with this token, taken out so it is applied once.
    pub fn take_import(&self, token: u32) -> Option<PreparedImport> {
        let mut pending = lock(&self.pending_import);
        match pending.take() {
            Some((t, prepared)) if t == token => Some(prepared),
            other => {
                *pending = other;
                None
            }
        }
    }

    /// Keeps a previewed take pack until it is confirmed; a newer preview replaces it.
    pub fn keep_pack(&self, name: String, bytes: Vec<u8>) -> u32 {
        let token = self.next_token.fetch_add(1, Ordering::SeqCst);
        *lock(&self.pending_pack) = Some((token, name, bytes));
        token
    }

    /// The previewed take pack with this token (its file name and bytes), taken out so it is imported once.
    pub fn take_pack(&self, token: u32) -> Option<(String, Vec<u8>)> {
        let mut pending = lock(&self.pending_pack);
        match pending.take() {
            Some((t, name, bytes)) if t == token => Some((name, bytes)),
            other => {
                *pending = other;
                None
            }
        }
    }

    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    pub fn build_cancel_flag(&self) -> Arc<AtomicBool> {
        self.build_cancel.clone()
    }

    pub fn status(&self) -> AppStatus {
        let (ready, catalogue_pending, library_empty) = match lock(&self.matinee).as_ref() {
            Some(m) => (
                true,
                m.pending_build().map(|p| p.to_string_lossy().into_owned()),
                !m.library().has_user_data().unwrap_or(true),
            ),
            None => (false, None, false),
        };
        AppStatus {
            catalogue_pending,
            library_empty,
            ready,
            problem: lock(&self.problem).clone(),
            notices: std::mem::take(&mut *lock(&self.notices)),
            paths: self.dir.describe(),
            backups: list_backups(&self.dir.backups()),
        }
    }

    /// Restores the backup named `file_name` (one of the listed backups, nothing else) and opens the library
    /// again. The file it replaces is kept beside it.
    pub fn restore(&self, file_name: &str) -> IpcResult<AppStatus> {
        let backup: BackupInfo = list_backups(&self.dir.backups())
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| IpcError::new(ErrorKind::NotFound, format!("no backup named {file_name}")))?;
        {
            let mut guard = lock(&self.matinee);
            // Close the library before its file is moved; whatever happens next, open what is there again.
            *guard = None;
            let restored = Matinee::restore_from(&self.dir, std::path::Path::new(&backup.path));
            match Matinee::open_deferring(self.dir.clone()) {
                Ok(m) => {
                    *guard = Some(m);
                    *lock(&self.problem) = None;
                }
                Err(e) => *lock(&self.problem) = Some(problem_of(&e)),
            }
            let (safety, kept) = restored?;
            let safety =
                safety.map(|s| format!(" A backup of it was taken first: {}.", s.display())).unwrap_or_default();
            lock(&self.notices).push(format!(
                "Restored {}. The library it replaced was kept as {}.{safety}",
                backup.file_name,
                kept.display()
            ));
        }
        Ok(self.status())
    }
}

/// One download's hold on the datasets folder (see `AppState::claim_download`).
pub struct DownloadClaim<'a>(&'a AtomicBool);

impl Drop for DownloadClaim<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter counts come from the catalogue the searches use, also when another process (the CLI) has
    /// replaced the file meanwhile.
    #[test]
    fn counts_follow_the_catalogue_in_use() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path().join("matinee"));
        let state = AppState::open(dir.clone(), Vec::new());
        let query = SearchQuery::default();
        let films = state.read(|m| m.catalogue_status()).unwrap().films;
        assert_eq!(state.count_facets(&query).unwrap().unwrap().total, films);

        // Another process builds a bigger catalogue from datasets into the same folder.
        let data = tmp.path().join("imdb");
        std::fs::create_dir_all(&data).unwrap();
        let mut basics = String::from(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n",
        );
        for n in 1..=30 {
            basics.push_str(&format!("tt{n:07}\tmovie\tFilm {n}\tFilm {n}\t0\t2001\t\\N\t90\tDrama\n"));
        }
        std::fs::write(data.join("title.basics.tsv"), basics).unwrap();
        let mut other = Matinee::open(dir).unwrap();
        other.catalogue_build(&data, &mut |_, _, _| std::ops::ControlFlow::Continue(())).unwrap();
        assert_eq!(other.catalogue_status().unwrap().films, films + 30);

        let counted = state.count_facets(&query).unwrap().unwrap();
        assert_eq!(counted.total, films, "the app still searches the catalogue it has open: so do its counts");
    }
}
