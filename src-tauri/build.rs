//! Build script of the desktop app: reads tauri.conf.json and declares the app's own commands as
//! permissions, so the window's capability can grant exactly the commands it uses.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*").app_manifest(
            tauri_build::AppManifest::new().commands(&[
                "app_status",
                "library_restore",
                "film_search",
                "film_get",
                "catalogue_facets",
                "watchlist_add",
                "watchlist_remove",
                "watchlist_list",
                "rating_set",
                "rating_clear",
                "note_set",
                "settings_get",
                "settings_set",
                "film_facets",
                "catalogue_status",
                "catalogue_build",
                "catalogue_cancel",
                "import_preview",
                "import_apply",
                "import_cancel",
                "library_export",
                "library_backup",
                "viewing_log",
                "viewing_update",
                "viewing_delete",
                "viewing_restore",
                "diary_get",
                "list_all",
                "list_get",
                "list_create",
                "list_update",
                "list_delete",
                "list_add",
                "list_move",
                "list_reorder",
                "list_remove",
                "list_entry_note",
                "tag_add",
                "tag_remove",
                "tag_list",
                "tag_rename",
                "notes_search",
            ]),
        ),
    )
    .expect("tauri build configuration");
}
