//! End-to-end tests: the real app (the debug binary with the embedded UI) on real SQLite files, driven through
//! tauri-driver and WebDriver under a display of its own. Screenshots land in target/screenshots/.

mod support;

use fantoccini::Client;
use support::*;

const MIRACLE: &str = "mt:miracle-in-cell-no-7-2013";
const NOTE: &str = "Bring tissues. Watched with Dad on a rainy Sunday.";

async fn open_from_search(client: &Client, text: &str, key: &str) {
    let search = find(client, "[data-testid=search]").await;
    search.clear().await.expect("clear search");
    search.send_keys(text).await.expect("type into search");
    let tile = format!("[data-testid=results] [data-key='{key}'] button.open");
    find(client, &tile).await.click().await.expect("open the film");
    wait_attr(client, "[data-testid=film-card]", "data-key", |k| k == Some(key), key).await;
}

#[tokio::test]
async fn a_new_user_searches_rates_notes_and_finds_it_all_after_a_restart() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();

    let client = driver.session().await;
    // The starter catalogue is there on first start, with no network.
    let shown = wait_text(
        &client,
        "[data-testid=result-count]",
        |t| t.ends_with("films"),
        "a film count",
    )
    .await;
    let total: u32 = shown.split(' ').next().unwrap().parse().unwrap();
    assert!(total >= 51, "the starter pack brings at least 51 films, saw {total}");
    screenshot(&client, "discover").await;

    // `/` focuses the search box from anywhere.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    client.find(css("body")).await.unwrap().send_keys("/").await.unwrap();
    let focused = client
        .execute("return document.activeElement && document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused, serde_json::json!("search"), "/ should focus the search box");

    open_from_search(&client, "miracle", MIRACLE).await;
    wait_text(
        &client,
        "[data-testid=card-title]",
        |t| t.contains("Miracle in Cell No. 7"),
        "the title",
    )
    .await;
    // Messy facts arrive normalised: one country, one language, one director.
    wait_text(
        &client,
        "[data-testid=card-countries]",
        |t| t == "South Korea",
        "one country",
    )
    .await;
    wait_text(
        &client,
        "[data-testid=card-languages]",
        |t| t == "Korean",
        "one language",
    )
    .await;
    wait_text(
        &client,
        "[data-testid=card-directors]",
        |t| t == "Lee Hwan-kyung",
        "one director",
    )
    .await;
    wait_text(
        &client,
        "[data-testid=card-score]",
        |t| t.contains("6.9"),
        "the score 6.9",
    )
    .await;
    let take = wait_text(&client, "[data-testid=card-take]", |t| t.len() > 40, "a take").await;
    assert!(take.contains("Matinee curators"), "the take names its author: {take}");
    let curated = client
        .find_all(css("[data-testid=related] [data-testid=related-reason]"))
        .await
        .unwrap();
    let mut curated_count = 0;
    for reason in &curated {
        if reason.text().await.unwrap().starts_with("Curated by") {
            curated_count += 1;
        }
    }
    assert_eq!(
        curated_count, 10,
        "the ten films of the reference shelf are curated links"
    );
    screenshot(&client, "film-card-light").await;

    // The user's part: watchlist, 3.5 stars, a note saved as it is typed.
    find(&client, "[data-testid=watchlist-toggle]")
        .await
        .click()
        .await
        .unwrap();
    wait_attr(
        &client,
        "[data-testid=watchlist-toggle]",
        "aria-pressed",
        |v| v == Some("true"),
        "pressed",
    )
    .await;
    find(&client, "[data-testid=star-7]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=rating-text]", |t| t == "3.5 stars", "3.5 stars").await;
    let note = find(&client, "[data-testid=note]").await;
    note.click().await.unwrap();
    note.send_keys(NOTE).await.unwrap();
    wait_attr(
        &client,
        "[data-testid=note-status]",
        "data-state",
        |s| s == Some("saved"),
        "saved",
    )
    .await;

    // Dark theme, chosen in Settings, for the next screenshots and to check it persists.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    find(&client, "[data-testid=theme-dark]").await.click().await.unwrap();
    find(&client, "[data-testid=nav-watchlist]")
        .await
        .click()
        .await
        .unwrap();
    find(&client, &format!("[data-testid=watchlist] [data-key='{MIRACLE}']")).await;
    screenshot(&client, "watchlist").await;
    find(
        &client,
        &format!("[data-testid=watchlist] [data-key='{MIRACLE}'] button.open"),
    )
    .await
    .click()
    .await
    .unwrap();
    find(&client, "[data-testid=film-card]").await;
    screenshot(&client, "film-card-dark").await;
    client.close().await.expect("quit the app");

    // Start again on the same data folder: everything is still there.
    let client = driver.session().await;
    find(&client, "[data-testid=nav-watchlist]")
        .await
        .click()
        .await
        .unwrap();
    find(
        &client,
        &format!("[data-testid=watchlist] [data-key='{MIRACLE}'] button.open"),
    )
    .await
    .click()
    .await
    .unwrap();
    wait_attr(
        &client,
        "[data-testid=watchlist-toggle]",
        "aria-pressed",
        |v| v == Some("true"),
        "on the watchlist",
    )
    .await;
    wait_text(
        &client,
        "[data-testid=rating-text]",
        |t| t == "3.5 stars",
        "the rating kept",
    )
    .await;
    let kept = find(&client, "[data-testid=note]").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(NOTE), "the note survives a restart");
    let theme = client
        .execute("return document.documentElement.dataset.theme", vec![])
        .await
        .unwrap();
    assert_eq!(theme, serde_json::json!("dark"), "the theme setting survives a restart");
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_corrupt_settings_file_gives_defaults_and_a_notice() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    std::fs::create_dir_all(driver.data_dir()).unwrap();
    std::fs::write(driver.data_dir().join("settings.json"), b"{\"theme\": \"da").unwrap();

    let client = driver.session().await;
    let notice = wait_text(
        &client,
        "[data-testid=notice]",
        |t| t.contains("Settings could not be read"),
        "a notice",
    )
    .await;
    assert!(
        notice.contains("library is untouched"),
        "the notice reassures about the library: {notice}"
    );
    // The app works: the catalogue is searchable.
    wait_text(&client, "[data-testid=result-count]", |t| t.ends_with("films"), "films").await;
    let aside = std::fs::read_dir(driver.data_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("settings.json.unreadable-"));
    assert!(aside, "the unreadable settings file is kept aside, not deleted");
    screenshot(&client, "corrupt-settings-notice").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_damaged_library_opens_the_recovery_screen_and_a_backup_restores_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    // A library with a rating, backed up, then damaged.
    let dir = matinee_core::DataDir::at(driver.data_dir());
    {
        let mut m = matinee_core::Matinee::open(dir.clone()).unwrap();
        m.rating_set(MIRACLE, Some(90)).unwrap();
        m.library().backup_to_folder(&dir.backups(), "manual").unwrap();
    }
    std::fs::write(dir.library(), vec![0x42u8; 8192]).unwrap();
    for side in ["library.sqlite3-wal", "library.sqlite3-shm"] {
        let _ = std::fs::remove_file(driver.data_dir().join(side));
    }

    let client = driver.session().await;
    find(&client, "[data-testid=recovery]").await;
    screenshot(&client, "recovery").await;
    find(&client, "[data-testid=restore-0]").await.click().await.unwrap();
    open_from_search(&client, "miracle", MIRACLE).await;
    wait_text(
        &client,
        "[data-testid=rating-text]",
        |t| t == "4.5 stars",
        "the restored rating",
    )
    .await;
    client.close().await.unwrap();
    let kept = std::fs::read_dir(driver.data_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("library.sqlite3.replaced-"));
    assert!(kept, "the damaged library is kept beside the restored one");
}
