//! Build script of the minimal peer app: reads its tauri.conf.json.

fn main() {
    tauri_build::build();
}
