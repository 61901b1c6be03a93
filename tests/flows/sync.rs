//! Sync through the real window: Settings > Sync with the folder chosen in the desktop's dialog, a rating made
//! in the window reaching another data folder's library through matinee-cli, and that library's rating reaching
//! the window; then a deletion made apart from an edit, shown as a conflict and settled in the window.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::*;
use super::{open_film, wait_until_gone, MIRACLE};

const WHITE_GOD: &str = "mt:white-god-2014";

/// matinee-cli as this build made it, on `data`.
fn cli(data: &Path, args: &[&str]) -> serde_json::Value {
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/debug/matinee-cli");
    assert!(bin.exists(), "{} is built by cargo test --workspace", bin.display());
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .arg("--json")
        .env_remove("MATINEE_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// Polls the other library (syncing it each time) until `check` holds.
async fn until_cli(
    data: &Path,
    film: &str,
    what: &str,
    check: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        cli(data, &["sync", "now"]);
        let card = cli(data, &["show", film]);
        if check(&card["user"]) {
            return card;
        }
        assert!(std::time::Instant::now() < deadline, "{what}: the other library has {}", card["user"]);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn a_rating_made_in_the_window_reaches_another_computer_and_a_conflict_is_settled_in_the_window() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let folder = driver.home.path().join("Sync");
    let other = driver.home.path().join("other-computer");
    // The other computer is there first, with a rating of its own.
    cli(&other, &["rate", WHITE_GOD, "4/5"]);
    cli(&other, &["sync", "folder", folder.to_str().unwrap(), "--name", "Desktop"]);

    let client = driver.session().await;
    look_around(&client).await;
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    client.execute("document.getElementById('sync').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "sync-settings-empty").await;
    // Nothing chosen: said beside the form, nothing changes.
    click(&client, "[data-testid=sync-start]").await;
    wait_text(&client, "[data-testid=sync-error]", |t| t.contains("Choose the folder"), "the missing folder").await;
    click(&client, "[data-testid=sync-choose]").await;
    driver.choose_folder_in_dialog("The folder to sync through", &folder);
    wait_attr(&client, "[data-testid=sync-folder]", "value", |v| v.is_some_and(|v| v.ends_with("/Sync")), "the folder")
        .await;
    find(&client, "[data-testid=sync-name]").await.send_keys("Laptop").await.unwrap();
    click(&client, "[data-testid=sync-start]").await;
    let shown = wait_text(&client, "[data-testid=sync-folder-shown]", |t| t.ends_with("/Sync"), "syncing").await;
    assert!(shown.contains(&folder.display().to_string()), "{shown}");
    let table = wait_text(
        &client,
        "[data-testid=sync-computers]",
        |t| t.contains("Desktop") && t.contains("Laptop"),
        "both computers",
    )
    .await;
    assert!(table.contains("all its changes"), "{table}");
    screenshot(&client, "sync-settings").await;

    // The other computer's rating is here.
    open_film(&client, "white god", WHITE_GOD).await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4 stars", "the other computer's rating").await;
    // A rating made here reaches the other library within seconds.
    open_film(&client, "miracle", MIRACLE).await;
    click(&client, "[data-testid=star-7]").await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "3.5 stars", "3.5 stars").await;
    until_cli(&other, MIRACLE, "the window's rating", |u| u["rating"] == 70).await;

    // Apart (the folder away, as an unplugged drive): the window changes the rating, the other deletes it.
    let away = driver.home.path().join("Sync.away");
    std::fs::rename(&folder, &away).unwrap();
    click(&client, "[data-testid=star-9]").await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4.5 stars", "4.5 stars").await;
    let out = Command::new(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/debug/matinee-cli"))
        .arg("--data-dir")
        .arg(&other)
        .args(["rate", MIRACLE, "--clear"])
        .env_remove("MATINEE_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success());
    // The window says it could not sync, and the change is kept.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    click(&client, "[data-testid=sync-now]").await;
    wait_text(&client, "[data-testid=sync-error]", |t| t.contains("not there"), "the folder is away").await;
    std::fs::rename(&away, &folder).unwrap();
    cli(&other, &["sync", "now"]);
    click(&client, "[data-testid=sync-now]").await;
    let conflict = wait_text(
        &client,
        "[data-testid=sync-conflict]",
        |t| t.contains("Rating of Miracle in Cell No. 7"),
        "the conflict",
    )
    .await;
    assert!(conflict.contains("deleted on Desktop") && conflict.contains("changed on Laptop"), "{conflict}");
    assert!(conflict.contains("(4.5 stars)"), "the kept rating in the user's scale: {conflict}");
    client.execute("document.getElementById('sync').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "sync-conflict").await;
    // Settled here as the deletion: gone here, and on the other computer once it syncs.
    click(&client, "[data-testid=sync-delete]").await;
    wait_until_gone(&client, "[data-testid=sync-conflict]").await;
    open_film(&client, "miracle", MIRACLE).await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "Not rated", "no rating").await;
    until_cli(&other, MIRACLE, "the settled deletion", |u| u["rating"].is_null()).await;
    let status = cli(&other, &["sync", "status"]);
    assert_eq!(status["conflicts"].as_array().unwrap().len(), 0, "{status}");

    // The rating scale follows the library: chosen in this window, it is the other computer's too; the other
    // computer's first day of the week comes here.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    click(&client, "[data-testid=scale-ten_point]").await;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        cli(&other, &["sync", "now"]);
        let settings =
            matinee_core::Matinee::open(matinee_core::DataDir::at(&other)).unwrap().synced_settings().unwrap();
        if settings.contains(&("rating_scale".to_owned(), "\"ten_point\"".to_owned())) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the scale did not reach the other library: {settings:?}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    {
        let mut m = matinee_core::Matinee::open(matinee_core::DataDir::at(&other)).unwrap();
        m.synced_setting_set("week_start", "\"sunday\"").unwrap();
        m.sync_now(false).unwrap();
    }
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let shown =
            client.execute("return document.querySelector('[data-testid=week-start]').value", vec![]).await.unwrap();
        if shown == serde_json::json!("sunday") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the other computer's week start did not come: {shown}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    client.close().await.unwrap();
}
