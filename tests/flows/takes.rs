//! Your own takes through the real window: a name in Settings, a take written on a card and shown beside the
//! pack's take with its author, a link of your own on the shelf, the pack exported from Import & export, then
//! imported into a fresh library's window (a broken file refused first, a newer version saying what changed),
//! whose card shows the take with its author.

use super::support::*;
use super::{open_film, ESCAPE};

const WHITE_GOD: &str = "mt:white-god-2014";
const TAKE: &str = "Dogs run the city and the film runs on fury: a fable with teeth.";

#[tokio::test]
async fn a_take_of_your_own_is_signed_shown_beside_the_packs_exported_and_read_by_another_library() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let client = driver.session().await;
    look_around(&client).await;

    // A name to sign with.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    find(&client, "[data-testid=author-name]").await.send_keys("Ana Reyes").await.unwrap();
    find(&client, "[data-testid=author-save]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=author-saved]", |t| t.contains("Ana Reyes"), "the name").await;

    // A take, refused first for its score, then saved.
    open_film(&client, "white god", WHITE_GOD).await;
    find(&client, "[data-testid=take-write]").await.click().await.unwrap();
    find(&client, "[data-testid=take-text]").await.send_keys(TAKE).await.unwrap();
    find(&client, "[data-testid=take-line]").await.send_keys("A furious fable with a canine army.").await.unwrap();
    find(&client, "[data-testid=take-score]").await.send_keys("11").await.unwrap();
    find(&client, "[data-testid=take-synopsis]")
        .await
        .send_keys("A girl searches Budapest for her dog.")
        .await
        .unwrap();
    find(&client, "[data-testid=take-save]").await.click().await.unwrap();
    let refusal = wait_text(&client, "[data-testid=take-error-score]", |t| !t.is_empty(), "the score's error").await;
    assert!(refusal.contains("0 to 10"), "{refusal}");
    let score = find(&client, "[data-testid=take-score]").await;
    score.clear().await.unwrap();
    score.send_keys("8.5").await.unwrap();
    find(&client, "[data-testid=take-save]").await.click().await.unwrap();
    let takes = wait_text(&client, ".card-view", |t| t.contains(TAKE), "the take on the card").await;
    assert_eq!(count(&client, "[data-testid=card-take]").await, 2, "the pack's take and yours");
    assert!(takes.contains("— Ana Reyes, 8.5/10") && takes.contains("— Matinee curators"), "both signed");
    wait_text(&client, "[data-testid=own-synopsis]", |t| t.contains("Budapest"), "your synopsis").await;

    // A link of your own leads the shelf, signed.
    find(&client, "[data-testid=link-new]").await.click().await.unwrap();
    find(&client, "[data-testid=link-to]").await.send_keys("Parasite").await.unwrap();
    find(&client, "[data-testid=link-reason]").await.send_keys("Two families, one house, no mercy").await.unwrap();
    find(&client, "[data-testid=link-save]").await.click().await.unwrap();
    let first = wait_text(
        &client,
        "[data-testid=related] [data-testid=related-reason]",
        |t| t.contains("Ana Reyes"),
        "the link",
    )
    .await;
    assert_eq!(first, "Curated by Ana Reyes: Two families, one house, no mercy");
    client.execute("document.querySelector('[data-testid=card-take]').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "card-two-takes").await;
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();

    // The pack, exported from Import & export.
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=export-takes]").await.click().await.unwrap();
    let written =
        wait_text(&client, "[data-testid=written]", |t| t.contains("matinee-takes-"), "the pack's path").await;
    let path = std::path::PathBuf::from(written.trim_start_matches("Written: ").trim());
    let pack: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!((pack["author"].as_str(), pack["version"].as_str()), (Some("Ana Reyes"), Some("1")), "{pack}");
    // Kept apart: the first app's home goes with it.
    let other = tempfile::tempdir().unwrap();
    let kept = other.path().join("ana-takes.json");
    std::fs::copy(&path, &kept).unwrap();
    let path = kept;
    client.close().await.unwrap();
    drop(driver);

    // Another library's window imports it from Import & export: a broken file first, refused by name.
    let data = other.path().join("matinee");
    let broken = other.path().join("broken-pack.json");
    std::fs::write(&broken, "{\"format\": \"matinee-take-pack\", \"films\": [").unwrap();
    let driver = Driver::start_in(Some(data));
    let client = driver.session().await;
    past_welcome(&client).await;
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=pack-file]").await.send_keys(&broken.display().to_string()).await.unwrap();
    let refused = wait_text(&client, "[data-testid=pack-problem]", |t| !t.is_empty(), "the refusal").await;
    assert!(refused.contains("broken-pack.json"), "{refused}");
    find(&client, "[data-testid=pack-file]").await.send_keys(&path.display().to_string()).await.unwrap();
    let preview = wait_text(&client, "[data-testid=pack-preview]", |t| t.contains("Ana Reyes"), "the preview").await;
    assert!(preview.contains("version 1") && preview.contains("New to this library"), "{preview}");
    find(&client, "[data-testid=pack-import]").await.click().await.unwrap();
    let imported = wait_text(&client, "[data-testid=pack-imported]", |t| t.contains("Imported"), "the import").await;
    assert!(imported.contains("Ana Reyes"), "{imported}");

    // A newer version replaces it and says what changed.
    let mut newer = pack.clone();
    newer["version"] = "2".into();
    let films = newer["films"].as_array_mut().unwrap();
    let white_god = films.iter_mut().find(|f| f["take"].is_object()).expect("the film with the take");
    white_god["take"]["line"] = "A furious fable, and a tender one.".into();
    let newer_path = other.path().join("ana-takes-2.json");
    std::fs::write(&newer_path, serde_json::to_string_pretty(&newer).unwrap()).unwrap();
    find(&client, "[data-testid=pack-file]").await.send_keys(&newer_path.display().to_string()).await.unwrap();
    let preview =
        wait_text(&client, "[data-testid=pack-preview]", |t| t.contains("replaces version 1"), "the newer one").await;
    let changes = find(&client, "[data-testid=pack-changes]").await.text().await.unwrap();
    assert!(changes.contains("White God"), "what changed, named: {preview}");
    screenshot(&client, "pack-import-newer").await;
    find(&client, "[data-testid=pack-import]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=pack-imported]", |t| t.contains("replaced version 1"), "the newer import").await;

    // The card shows the take with its author.
    open_film(&client, "white god", WHITE_GOD).await;
    let takes = wait_text(&client, ".card-view", |t| t.contains(TAKE), "the imported take").await;
    assert!(takes.contains("— Ana Reyes, 8.5/10"), "signed by its author");
    let shelf = wait_text(&client, "[data-testid=related]", |t| t.contains("no mercy"), "the pack's link").await;
    assert!(shelf.contains("Curated by Ana Reyes: Two families, one house, no mercy"), "{shelf}");
    client.close().await.unwrap();
}
