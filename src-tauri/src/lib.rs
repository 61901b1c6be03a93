//! The Matinee desktop shell: the only Rust that knows Tauri. It opens the core's stores, holds them as state
//! and exposes thin commands to the window.

pub mod commands;
pub mod error;
pub mod settings;
pub mod state;
pub mod sync;

#[cfg(test)]
mod bindings;

use std::sync::Arc;

use matinee_core::DataDir;
use tauri::Manager;
use tauri_plugin_store::{Store, StoreExt};

/// The settings store, opened once at start.
pub struct SettingsStore(pub Arc<Store<tauri::Wry>>);

/// Starts the app. The data folder is `--data-dir DIR` from the command line, else `MATINEE_DATA_DIR`, else the
/// usual per-user folder (the CLI resolves it the same way).
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::new().build())
        // Folder dialogs are opened by the app's own commands; the window is granted none of the plugin's.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let dir = DataDir::resolve(data_dir_argument());
            std::fs::create_dir_all(dir.root())?;
            let mut notices = Vec::new();
            if let Some(notice) = settings::set_aside_if_unreadable(&dir.settings()) {
                notices.push(notice);
            }
            let store = app.store(dir.settings())?;
            app.manage(SettingsStore(store));
            let state = state::AppState::open(dir, notices);
            let (wake, woken) = std::sync::mpsc::channel();
            state.set_sync_wake(wake.clone());
            app.manage(state);
            sync::start(app.handle().clone(), wake.clone(), woken);
            // A first sync soon after start: what the other computers did while this one was off.
            let _ = wake.send(());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::app_about,
            commands::app::library_restore,
            commands::app::settings_get,
            commands::app::settings_set,
            commands::films::film_search,
            commands::films::film_get,
            commands::films::catalogue_facets,
            commands::films::film_facets,
            commands::library::watchlist_add,
            commands::library::watchlist_remove,
            commands::library::watchlist_list,
            commands::library::rating_set,
            commands::library::rating_clear,
            commands::library::note_set,
            commands::catalogue::catalogue_status,
            commands::catalogue::catalogue_build,
            commands::catalogue::catalogue_cancel,
            commands::stats::stats_get,
            commands::stats::review_get,
            commands::stats::review_export,
            commands::catalogue::pack_preview,
            commands::catalogue::pack_import,
            commands::download::catalogue_download_info,
            commands::download::catalogue_download_plan,
            commands::download::catalogue_download,
            commands::download::catalogue_choose_folder,
            commands::transfer::import_preview,
            commands::transfer::import_apply,
            commands::transfer::import_cancel,
            commands::transfer::library_export,
            commands::transfer::library_backup,
            commands::diary::viewing_log,
            commands::diary::viewing_update,
            commands::diary::viewing_delete,
            commands::diary::viewing_restore,
            commands::diary::diary_get,
            commands::lists::list_all,
            commands::lists::list_get,
            commands::lists::list_create,
            commands::lists::list_update,
            commands::lists::list_delete,
            commands::lists::list_add,
            commands::lists::list_move,
            commands::lists::list_reorder,
            commands::lists::list_remove,
            commands::lists::list_entry_note,
            commands::tags::tag_add,
            commands::tags::tag_remove,
            commands::tags::tag_list,
            commands::tags::tag_rename,
            commands::tags::notes_search,
            commands::tonight::tonight_pick,
            commands::tonight::tonight_hide,
            commands::tonight::tonight_unhide,
            commands::tonight::tonight_hidden,
            commands::tonight::companion_add,
            commands::tonight::companion_list,
            commands::tonight::companion_remove,
            commands::tonight::for_you,
            commands::takes::take_set,
            commands::takes::link_add,
            commands::takes::link_remove,
            commands::takes::own_pack_get,
            commands::takes::author_set,
            commands::sync::sync_status,
            commands::sync::sync_choose_folder,
            commands::sync::sync_join,
            commands::sync::sync_now,
            commands::sync::sync_rename,
            commands::sync::sync_resolve,
            commands::sync::sync_leave,
            commands::sync::sync_subscribe,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("matinee: the app could not start: {e}");
            std::process::exit(1);
        });
}

fn data_dir_argument() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(value.into());
        }
    }
    None
}
