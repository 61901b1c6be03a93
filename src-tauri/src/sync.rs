//! Sync while the app runs: a thread that syncs soon after each change the window makes, when the folder's
//! files change (watched with notify: inotify on Linux), and every half minute in case a change was missed (a
//! network share sends no events). What it did goes to the window over the channel it subscribed with.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use matinee_core::model::SyncReport;
use notify::{RecursiveMode, Watcher};
use serde::Serialize;
use tauri::Manager;
use ts_rs::TS;

use crate::state::AppState;

/// How long after the first change a sync waits for more (a replication engine writes a file in many events;
/// a person rating a run of films changes many rows).
const SETTLE: Duration = Duration::from_millis(800);
/// The check made when nothing has been heard.
const PERIODIC: Duration = Duration::from_secs(30);

/// What a sync in the background did, for the window.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncEvent {
    pub report: Option<SyncReport>,
    /// The settings, when another computer's choice of the ones that follow the library changed them here.
    pub settings: Option<crate::settings::Settings>,
    /// Why it could not sync (the folder is not there, a disk error); the library is as it was.
    pub problem: Option<String>,
}

/// Starts the thread; `wake` is what `AppState::write` and the watcher call.
pub fn start(app: tauri::AppHandle, wake: Sender<()>, woken: Receiver<()>) {
    std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || run(app, wake, woken))
        .expect("a thread can be started");
}

fn run(app: tauri::AppHandle, wake: Sender<()>, woken: Receiver<()>) {
    let mut watching: Option<(PathBuf, notify::RecommendedWatcher)> = None;
    loop {
        match woken.recv_timeout(PERIODIC) {
            Ok(()) => {
                std::thread::sleep(SETTLE);
                while woken.try_recv().is_ok() {}
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let state = app.state::<AppState>();
        let Some((folder, device)) = state.sync_folder() else {
            watching = None;
            continue;
        };
        if watching.as_ref().is_none_or(|(watched, _)| *watched != folder) {
            watching = watch(&folder, &device, wake.clone()).map(|w| (folder.clone(), w));
        }
        let event = match state.sync_in_background() {
            Ok(Some(report)) => SyncEvent { report: Some(report), settings: adopt_settings(&app), problem: None },
            Ok(None) => continue,
            Err(problem) => SyncEvent { report: None, settings: None, problem: Some(problem) },
        };
        state.tell_window(event);
    }
}

/// Watches the folder for other computers' files; this computer's own folder is left out, so its own writes
/// do not wake it again.
fn watch(folder: &Path, device: &str, wake: Sender<()>) -> Option<notify::RecommendedWatcher> {
    let own = folder.join(device);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if event.paths.iter().any(|p| !p.starts_with(&own)) {
                let _ = wake.send(());
            }
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}

/// The settings that follow the library, taken from it into this computer's settings; the new settings when any
/// changed.
pub fn adopt_settings(app: &tauri::AppHandle) -> Option<crate::settings::Settings> {
    let synced = app.state::<AppState>().read(|m| m.synced_settings()).ok()?;
    let store = app.state::<crate::SettingsStore>();
    crate::settings::adopt_synced(&store.0, &synced)
}
