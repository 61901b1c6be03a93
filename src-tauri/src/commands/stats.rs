//! Stats for a period and the year in review, with the week start and rating scale of the settings unless the
//! query says otherwise.

use matinee_core::review::{ReviewTheme, YearReview};
use matinee_core::stats::{Stats, StatsQuery};
use matinee_core::{ReviewFormat, ReviewWritten};
use tauri::State;

use crate::error::{ErrorKind, IpcError, IpcResult};
use crate::settings::{self, WeekStart};
use crate::state::AppState;
use crate::SettingsStore;

#[tauri::command]
pub async fn stats_get(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    query: StatsQuery,
) -> IpcResult<Stats> {
    let query = with_settings(&store, query);
    state.read(|m| m.stats(&query))
}

/// The settings' week start and rating scale for a query that does not say its own.
fn with_settings(store: &SettingsStore, query: StatsQuery) -> StatsQuery {
    let settings = settings::load(&store.0);
    let week_start = match settings.week_start {
        WeekStart::Monday => "monday",
        WeekStart::Sunday => "sunday",
    };
    StatsQuery {
        week_start: query.week_start.or_else(|| Some(week_start.to_owned())),
        scale: query.scale.or(Some(settings.rating_scale)),
        ..query
    }
}

/// The year in review of `query.year`.
#[tauri::command]
pub async fn review_get(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    query: StatsQuery,
) -> IpcResult<YearReview> {
    let query = with_settings(&store, query);
    state.read(|m| m.year_review(&query))
}

/// Writes the year in review as a PNG or an HTML file into the exports folder (Downloads when there is one),
/// named by its year and never over an earlier file; answers where and how big.
#[tauri::command]
pub async fn review_export(
    state: State<'_, AppState>,
    store: State<'_, SettingsStore>,
    query: StatsQuery,
    format: ReviewFormat,
    theme: ReviewTheme,
) -> IpcResult<ReviewWritten> {
    let query = with_settings(&store, query);
    let year = query.year.unwrap_or_default();
    let folder = super::transfer::export_folder(&state);
    std::fs::create_dir_all(&folder)
        .map_err(|e| IpcError::new(ErrorKind::Storage, format!("{}: {e}", folder.display())))?;
    let extension = match format {
        ReviewFormat::Png => "png",
        ReviewFormat::Html => "html",
    };
    let path = (1..)
        .map(|n| match n {
            1 => folder.join(format!("matinee-{year}-in-review.{extension}")),
            n => folder.join(format!("matinee-{year}-in-review-{n}.{extension}")),
        })
        .find(|p| !p.exists())
        .expect("some name is free");
    state.read(|m| m.review_export(&query, format, theme, &path))
}
