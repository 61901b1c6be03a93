//! Stats for a period, with the week start and rating scale of the settings unless the query says otherwise.

use matinee_core::stats::{Stats, StatsQuery};
use tauri::State;

use crate::error::IpcResult;
use crate::settings::{self, WeekStart};
use crate::state::AppState;
use crate::SettingsStore;

#[tauri::command]
pub async fn stats_get(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    query: StatsQuery,
) -> IpcResult<Stats> {
    let settings = settings::load(&store.0);
    let week_start = match settings.week_start {
        WeekStart::Monday => "monday",
        WeekStart::Sunday => "sunday",
    };
    let query = StatsQuery {
        week_start: query.week_start.or_else(|| Some(week_start.to_owned())),
        scale: query.scale.or(Some(settings.rating_scale)),
        ..query
    };
    state.read(|m| m.stats(&query))
}
