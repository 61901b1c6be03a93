//! Tonight through the real window: constraints, three picks with their reasons, a re-roll, "Not tonight",
//! opening a pick, logging it as watched, and a refused constraint said beside its field.

use super::support::*;
use super::{set_value, wait_until_gone, ESCAPE};
use fantoccini::Client;

/// The keys of the picks on screen, in order.
async fn pick_keys(client: &Client) -> Vec<String> {
    let keys = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=tonight-pick-card]')].map(e => e.dataset.key)",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(keys).unwrap()
}

/// Waits until the picks on screen are not `before` (a new draw has landed) and returns them.
async fn new_picks(client: &Client, before: &[String]) -> Vec<String> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let now = pick_keys(client).await;
        if !now.is_empty() && now != before {
            return now;
        }
        assert!(std::time::Instant::now() < deadline, "no new picks came (still {before:?})");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Presses "Pick for tonight" and waits for the new draw (each has a seed of its own).
async fn pick_again(client: &Client) {
    let seed = find(client, "[data-testid=tonight-picks]").await.attr("data-seed").await.unwrap();
    find(client, "[data-testid=tonight-pick]").await.click().await.unwrap();
    wait_attr(
        client,
        "[data-testid=tonight-picks]",
        "data-seed",
        |s| s.is_some() && s != seed.as_deref(),
        "a new draw",
    )
    .await;
}

/// Every pick's reasons and facts line, by key.
async fn pick_texts(client: &Client) -> Vec<(String, Vec<String>, String)> {
    let v = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=tonight-pick-card]')].map(e => [e.dataset.key,
               [...e.querySelectorAll('[data-testid=tonight-reason]')].map(r => r.textContent.trim()),
               e.querySelector('.facts').textContent])",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
async fn tonight_picks_three_with_reasons_rerolls_sets_one_aside_and_logs_one() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let client = driver.session().await;
    look_around(&client).await;

    // T opens Tonight from anywhere.
    client.find(css("body")).await.unwrap().send_keys("t").await.unwrap();
    find(&client, "[data-testid=tonight-form]").await;

    // A refused constraint is said beside its field, and no pick is shown.
    find(&client, "[data-testid=tonight-language]").await.send_keys("xx").await.unwrap();
    find(&client, "[data-testid=tonight-pick]").await.click().await.unwrap();
    let refusal =
        wait_text(&client, "[data-testid=tonight-error-language]", |t| !t.is_empty(), "the language error").await;
    assert!(refusal.contains("'xx' is not a language"), "{refusal}");
    assert!(pick_keys(&client).await.is_empty());
    set_value(&client, "[data-testid=tonight-language]", "").await;

    // Two constraints: two hours at most, and a drama.
    set_value(&client, "[data-testid=tonight-runtime]", "120").await;
    find(&client, "[data-testid=tonight-genre][data-genre=Drama]").await.click().await.unwrap();
    find(&client, "[data-testid=tonight-pick]").await.click().await.unwrap();
    let first = new_picks(&client, &[]).await;
    assert_eq!(first.len(), 3, "three picks: {first:?}");
    assert_eq!(count(&client, "[data-testid=tonight-error-language]").await, 0, "the error went with the field's fix");
    for (key, reasons, facts) in pick_texts(&client).await {
        assert!(!reasons.is_empty(), "{key} has no reason");
        assert!(facts.contains("Drama"), "{key} is a drama: {facts}");
        let runtime =
            reasons.iter().find(|r| r.contains("fits your 2 hours")).unwrap_or_else(|| panic!("{key}: {reasons:?}"));
        // "1 h 42 min: fits your 2 hours": the runtime said is at most two hours.
        let words: Vec<&str> = runtime.split(':').next().unwrap().split(' ').collect();
        let minutes = match words.as_slice() {
            [h, "h", m, "min"] => h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap(),
            [h, "h"] => h.parse::<u32>().unwrap() * 60,
            [m, "min"] => m.parse::<u32>().unwrap(),
            other => panic!("{other:?}"),
        };
        assert!(minutes <= 120, "{key} runs {minutes} minutes");
    }
    let counted =
        wait_text(&client, "[data-testid=tonight-count]", |t| t.contains("films that fit"), "the count").await;
    screenshot(&client, "tonight").await;

    // Three others: none of the ones just shown.
    find(&client, "[data-testid=tonight-reroll]").await.click().await.unwrap();
    let second = new_picks(&client, &first).await;
    assert_eq!(second.len(), 3);
    assert!(second.iter().all(|k| !first.contains(k)), "{first:?} then {second:?}");

    // Not tonight: the film leaves the picks, and no draw brings it back.
    let hidden = second[0].clone();
    find(&client, &format!("[data-testid=tonight-pick-card][data-key='{hidden}'] [data-testid=tonight-hide]"))
        .await
        .click()
        .await
        .unwrap();
    wait_text(&client, "[data-testid=toast]", |t| t.contains("set aside until"), "the toast").await;
    wait_until_gone(&client, &format!("[data-testid=tonight-pick-card][data-key='{hidden}']")).await;
    let mut before = pick_keys(&client).await;
    for _ in 0..4 {
        pick_again(&client).await;
        wait_text(&client, "[data-testid=tonight-count]", |t| t.contains("leaving out 1 set aside"), "the count").await;
        let now = pick_keys(&client).await;
        assert!(!now.contains(&hidden), "{hidden} came back: {now:?}");
        before = now;
    }
    assert!(!before.is_empty());
    // What is set aside can be seen, with the day it comes back.
    find(&client, "[data-testid=tonight-set-aside-show]").await.click().await.unwrap();
    let aside =
        wait_text(&client, "[data-testid=tonight-set-aside]", |t| t.contains("until"), "the films set aside").await;
    assert_eq!(count(&client, "[data-testid=tonight-set-aside] li").await, 1, "{aside}");
    assert_ne!(counted, "", "{counted}");

    // Open a pick: its card; Esc comes back to Tonight with the picks still there.
    let opened = before[0].clone();
    find(&client, &format!("[data-testid=tonight-pick-card][data-key='{opened}'] [data-testid=tonight-open]"))
        .await
        .click()
        .await
        .unwrap();
    wait_attr(&client, "[data-testid=film-card]", "data-key", |k| k == Some(opened.as_str()), &opened).await;
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
    wait_until_gone(&client, "[data-testid=film-card]").await;
    assert_eq!(pick_keys(&client).await, before, "the picks stay under the card");

    // Watched it: the viewing form, saved into the diary.
    let watched = before[1].clone();
    find(&client, &format!("[data-testid=tonight-pick-card][data-key='{watched}'] [data-testid=tonight-watched]"))
        .await
        .click()
        .await
        .unwrap();
    find(&client, "[data-testid=viewing-date]").await;
    set_value(&client, "[data-testid=viewing-date]", "2026-12-01").await;
    find(&client, "[data-testid=viewing-save]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=toast]", |t| t.contains("is in your diary"), "the toast").await;
    find(&client, "[data-testid=nav-diary]").await.click().await.unwrap();
    find(&client, &format!("[data-testid=diary-entry][data-key='{watched}']")).await;

    // Seen now, it is never picked when only unseen films are asked for (the box is ticked by default).
    client.find(css("body")).await.unwrap().send_keys("t").await.unwrap();
    for _ in 0..3 {
        pick_again(&client).await;
        let now = pick_keys(&client).await;
        assert!(!now.contains(&watched), "{watched} was logged, yet picked: {now:?}");
    }

    // Watching with someone: their Letterboxd watchlist, chosen in the window, and picks from it alone (the
    // user's watchlist is empty), each saying so.
    let theirs = driver.home.path().join("watchlist.csv");
    std::fs::write(
        &theirs,
        "Date,Name,Year,Letterboxd URI\n2024-01-01,Tokyo Story,1953,https://boxd.it/a1\n\
         2024-01-02,Parasite,2019,https://boxd.it/a2\n2024-01-03,Seven Samurai,1954,https://boxd.it/a3\n",
    )
    .unwrap();
    find(&client, "[data-testid=companion-new]").await.click().await.unwrap();
    find(&client, "[data-testid=companion-name]").await.send_keys("Ana").await.unwrap();
    find(&client, "[data-testid=companion-file]").await.send_keys(theirs.to_str().unwrap()).await.unwrap();
    find(&client, "[data-testid=companion-add]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=companion]", |t| t.contains("Ana · 3 of 3"), "the companion").await;
    screenshot(&client, "tonight-companion-added").await;
    set_value(&client, "[data-testid=tonight-runtime]", "").await;
    find(&client, "[data-testid=tonight-genre][data-genre=Drama]").await.click().await.unwrap();
    find(&client, "[data-testid=tonight-genre][data-genre=Drama]").await.click().await.unwrap();
    find(&client, "[data-testid=tonight-pick]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=tonight-count]", |t| t.contains("on one of them"), "the companion's line").await;
    screenshot(&client, "tonight-with-companion").await;
    let with_ana = pick_texts(&client).await;
    let line = find(&client, "[data-testid=tonight-count]").await.text().await.unwrap();
    assert!(!with_ana.is_empty(), "{line}");
    for (key, reasons, _) in &with_ana {
        assert!(reasons.iter().any(|r| r == "On Ana's watchlist"), "{key}: {reasons:?}");
    }
}
