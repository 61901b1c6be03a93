//! Settings, kept with tauri-plugin-store. Nothing precious lives here: a settings file that is empty, corrupt
//! or half-written is set aside, the defaults are used and the user is told; the app always starts.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tauri::Runtime;
use tauri_plugin_store::Store;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Settings {
    pub theme: Theme,
}

/// Checks the settings file before the store reads it. An unreadable one is renamed aside (kept, not deleted),
/// and the notice to show is returned.
pub fn set_aside_if_unreadable(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let readable = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).is_ok();
    if readable {
        return None;
    }
    let stamp = chrono_like_stamp();
    let aside = path.with_extension(format!("json.unreadable-{stamp}"));
    let kept = match std::fs::rename(path, &aside) {
        Ok(()) => format!(" The unreadable file was kept as {}.", aside.display()),
        Err(_) => String::new(),
    };
    Some(format!(
        "Settings could not be read ({} bytes, not valid settings), so the defaults are in use. Your library is untouched.{kept}",
        bytes.len()
    ))
}

fn chrono_like_stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    secs.to_string()
}

/// Reads the settings from the store; a value that does not parse falls back to its default.
pub fn load<R: Runtime>(store: &Store<R>) -> Settings {
    let theme = store.get("theme").and_then(|v| serde_json::from_value::<Theme>(v).ok()).unwrap_or_default();
    Settings { theme }
}

/// Writes the settings into the store and saves it.
pub fn save<R: Runtime>(store: &Store<R>, settings: &Settings) -> Result<(), tauri_plugin_store::Error> {
    store.set("theme", serde_json::to_value(settings.theme).expect("a theme serialises"));
    store.save()
}
