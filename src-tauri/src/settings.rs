//! Settings, kept with tauri-plugin-store. Nothing precious lives here: a settings file that is empty, corrupt
//! or half-written is set aside, the defaults are used and the user is told; the app always starts.

use std::path::Path;

use matinee_core::model::{CsvMapping, RatingScale};
use serde::de::DeserializeOwned;
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

/// The first day of a week, for calendars and weekly counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 9 March 2024
    #[default]
    Long,
    /// 2024-03-09
    Iso,
    /// 09/03/2024
    DayMonthYear,
    /// 03/09/2024
    MonthDayYear,
}

/// Every setting. Each is read on its own: one unreadable value falls back to its default, the others stay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub rating_scale: RatingScale,
    pub week_start: WeekStart,
    pub date_format: DateFormat,
    /// The columns of a generic CSV import, remembered when the user asks.
    pub csv_mapping: Option<CsvMapping>,
    /// The welcome page was left (by any of its ways in): it is not shown again.
    pub welcome_done: bool,
    /// Where the IMDb datasets are downloaded from; none means IMDb's official location.
    /// `MATINEE_DATASETS_URL` in the environment wins over it.
    pub datasets_url: Option<String>,
    /// How many days "Not tonight" sets a film aside for; none means 30.
    pub not_tonight_days: Option<u32>,
}

/// Checks the settings file before the store reads it. An unreadable one is renamed aside (kept, not deleted),
/// and the notice to show is returned.
pub fn set_aside_if_unreadable(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let readable = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).is_ok();
    if readable {
        return None;
    }
    let stamp = unix_seconds();
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

fn unix_seconds() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    secs.to_string()
}

/// Reads the settings from the store; a value that does not parse falls back to its default.
pub fn load<R: Runtime>(store: &Store<R>) -> Settings {
    fn value<T: DeserializeOwned + Default, R: Runtime>(store: &Store<R>, key: &str) -> T {
        store.get(key).and_then(|v| serde_json::from_value::<T>(v).ok()).unwrap_or_default()
    }
    Settings {
        theme: value(store, "theme"),
        rating_scale: value(store, "rating_scale"),
        week_start: value(store, "week_start"),
        date_format: value(store, "date_format"),
        csv_mapping: value(store, "csv_mapping"),
        welcome_done: value(store, "welcome_done"),
        datasets_url: value(store, "datasets_url"),
        not_tonight_days: value(store, "not_tonight_days"),
    }
}

/// Writes the settings into the store, one key a setting, and saves it.
pub fn save<R: Runtime>(store: &Store<R>, settings: &Settings) -> Result<(), tauri_plugin_store::Error> {
    if let serde_json::Value::Object(values) = serde_json::to_value(settings).expect("settings serialise") {
        for (key, value) in values {
            store.set(key, value);
        }
    }
    store.save()
}

/// Takes the library's values of the settings that follow it (another computer's choice, brought by sync) into
/// this computer's settings; the settings when any changed. A value this build cannot read is left aside.
pub fn adopt_synced<R: Runtime>(store: &Store<R>, synced: &[(String, String)]) -> Option<Settings> {
    let current = serde_json::to_value(load(store)).ok()?;
    let mut changed = false;
    for (name, text) in synced {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { continue };
        if current.get(name) != Some(&value) && valid(name, &value) {
            store.set(name.clone(), value);
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    store.save().ok()?;
    Some(load(store))
}

fn valid(name: &str, value: &serde_json::Value) -> bool {
    match name {
        "rating_scale" => serde_json::from_value::<RatingScale>(value.clone()).is_ok(),
        "week_start" => serde_json::from_value::<WeekStart>(value.clone()).is_ok(),
        _ => false,
    }
}
