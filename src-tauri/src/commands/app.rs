//! Commands about the app itself: start-up status, recovery, settings.

use matinee_core::model::DataPaths;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

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

/// Saves the settings; the ones that follow the library (the rating scale, the first day of the week) are also
/// recorded in it, so a library that syncs takes them to the other computers.
#[tauri::command]
pub async fn settings_set(
    store: State<'_, SettingsStore>,
    state: State<'_, AppState>,
    settings: Settings,
) -> IpcResult<Settings> {
    let before = settings::load(&store.0);
    settings::save(&store.0, &settings)
        .map_err(|e| IpcError::new(ErrorKind::Storage, format!("settings could not be saved: {e}")))?;
    let (old, new) =
        (serde_json::to_value(&before).unwrap_or_default(), serde_json::to_value(&settings).unwrap_or_default());
    for name in matinee_core::library::sync_store::SYNCED_SETTINGS {
        if old.get(name) != new.get(name) {
            if let Some(value) = new.get(name) {
                // A library that is not open (the recovery screen) keeps the setting on this computer alone.
                let _ = state.write(|m| m.synced_setting_set(name, &value.to_string()));
            }
        }
    }
    Ok(settings)
}

/// The licences of the code built into Matinee, generated from the lock files by `make licenses` (cargo-about for
/// the Rust crates, the UI's package.json files for what the page bundles).
const LICENCES: &str = include_str!("../../licenses.json");

/// One licence and the packages that come under it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Licence {
    /// The SPDX identifier, e.g. `MIT`.
    pub id: String,
    pub name: String,
    /// The packages, as `name version`.
    pub used_by: Vec<String>,
    pub text: String,
}

/// What the About page shows: the version, where the data lives, the licences, the datasets' terms.
#[derive(Debug, Clone, Serialize, TS)]
pub struct About {
    pub version: String,
    pub paths: DataPaths,
    pub licences: Vec<Licence>,
    pub datasets_terms: String,
}

/// The licences embedded in the app.
pub fn licences() -> Vec<Licence> {
    #[derive(Deserialize)]
    struct File {
        licences: Vec<Licence>,
    }
    serde_json::from_str::<File>(LICENCES).map(|f| f.licences).unwrap_or_default()
}

#[tauri::command]
pub async fn app_about(state: State<'_, AppState>) -> IpcResult<About> {
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        paths: state.data_dir().describe(),
        licences: licences(),
        datasets_terms: matinee_core::catalogue::download::TERMS.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every crate built into the app or the CLI on Linux (their normal dependencies, with features resolved as the
    /// build resolves them, less what only compile-time macros use), as `name version`, from `cargo tree`.
    fn shipped_crates() -> BTreeSet<String> {
        let out = std::process::Command::new(env!("CARGO"))
            .args(["tree", "--locked", "-e", "normal,no-proc-macro", "--target", "x86_64-unknown-linux-gnu"])
            .args(["-p", "matinee", "-p", "matinee-cli", "--prefix", "none", "-f", "{p}"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo tree runs");
        assert!(out.status.success(), "cargo tree: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                let name = words.next()?;
                let version = words.next()?.strip_prefix('v')?;
                (!name.starts_with("matinee")).then(|| format!("{name} {version}"))
            })
            .collect()
    }

    #[test]
    fn the_about_page_names_the_licence_of_every_crate_built_in() {
        let listed: BTreeSet<String> = super::licences().into_iter().flat_map(|l| l.used_by).collect();
        let missing: Vec<String> = shipped_crates().into_iter().filter(|c| !listed.contains(c)).collect();
        assert!(
            missing.is_empty(),
            "src-tauri/licenses.json does not name {} crates built in (run `make licenses`): {missing:?}",
            missing.len()
        );
        // The page's own code is there too: Svelte's runtime is bundled into the window.
        assert!(listed.iter().any(|p| p.starts_with("svelte ")), "the bundled npm packages are listed");
    }
}
