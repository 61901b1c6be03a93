//! A minimal Tauri 2 app, the peer of Matinee's start-up and memory figures: one window, one line of text, no
//! commands and no plugins.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the window opens");
}
