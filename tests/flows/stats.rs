//! Stats through the real window: a real Letterboxd export imported, Stats opened on all time, a year chosen (its
//! calendar and its table), a director or decade opened in the Diary narrowed to its films, a bad range refused
//! beside its field, and the page in the dark theme.

use super::support::*;
use super::{choose_option, letterboxd_zip, set_value};

#[tokio::test]
async fn stats_of_an_imported_letterboxd_export_switch_years_and_open_the_diary_of_an_entry() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let zip = letterboxd_zip(driver.home.path());
    let client = driver.session().await;
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=import-file]").await.send_keys(zip.to_str().unwrap()).await.unwrap();
    find(&client, "[data-testid=import-apply]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=import-done]", |t| t.contains("Imported"), "the import").await;

    // All time: every viewing the import brought (the diary's, and an undated one for each film only marked watched).
    find(&client, "[data-testid=nav-stats]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=stats-viewings]", |t| t == "433", "the viewings").await;
    let notes = find(&client, ".notes").await.text().await.unwrap();
    assert!(notes.contains("viewings have no date (counted here, in no year)"), "undated ones said apart: {notes}");
    assert!(count(&client, "[data-testid=stats-per-year-bar]").await >= 2, "viewings per year");
    assert_eq!(count(&client, "[data-testid=stats-per-weekday-bar]").await, 7);
    screenshot(&client, "stats").await;

    // A year: twelve months, a calendar of its days, and the calendar as a table.
    let years: Vec<String> = serde_json::from_value(
        client
            .execute(
                "return [...document.querySelectorAll('[data-testid=stats-period] option')].map(o => o.value)",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    let year = years.iter().find(|y| y.len() == 4).expect("a year to choose").clone();
    choose_option(&client, "[data-testid=stats-period]", &year).await;
    wait_text(&client, "[data-testid=stats-label]", |t| t == year, "the year").await;
    assert_eq!(count(&client, "[data-testid=stats-per-month-bar]").await, 12);
    let chosen = find(&client, "[data-testid=stats-period]").await.prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some(year.as_str()), "the select still shows the year");
    let shown: String = serde_json::from_value(
        client
            .execute("const s = document.querySelector('[data-testid=stats-period]'); return s.options[s.selectedIndex].text", vec![])
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(shown, year);
    let days = count(&client, "[data-testid=stats-calendar-day]").await;
    let leap = year.parse::<i32>().unwrap() % 4 == 0;
    assert_eq!(days, if leap { 366 } else { 365 });
    let in_year: u32 = find(&client, "[data-testid=stats-viewings]").await.text().await.unwrap().parse().unwrap();
    screenshot(&client, "stats-year").await;
    find(&client, "[data-testid=stats-calendar-toggle]").await.click().await.unwrap();
    let table = find(&client, "[data-testid=stats-calendar-table]").await.text().await.unwrap();
    assert!(table.contains("Jan") && table.contains("Dec"), "{table}");
    let summed: u32 = serde_json::from_value(
        client
            .execute(
                "return [...document.querySelectorAll('[data-testid=stats-calendar-table] tbody tr td:last-child')]
                     .reduce((n, td) => n + Number(td.textContent), 0)",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(summed, in_year, "the table holds the year's viewings");

    // An entry opens the Diary on its films.
    let entry = "[data-testid=stats-ranking-decade] li";
    let line = find(&client, entry).await.text().await.unwrap();
    let viewings: String = line.rsplit(' ').nth(1).unwrap().to_owned();
    find(&client, &format!("{entry} [data-testid=stats-entry]")).await.click().await.unwrap();
    let narrowed = wait_text(&client, "[data-testid=diary-films]", |t| !t.is_empty(), "the Diary narrowed").await;
    assert!(narrowed.starts_with("Released in the"), "{narrowed}");
    find(&client, "[data-testid=diary-year]").await;
    wait_text(&client, "[data-testid=diary-count]", |t| t.starts_with(&format!("{viewings} ")), "the entry's viewings")
        .await;
    let shown_year = find(&client, "[data-testid=diary-year]").await.prop("value").await.unwrap();
    assert_eq!(shown_year.as_deref(), Some(year.as_str()), "the Diary keeps the year Stats showed");
    find(&client, "[data-testid=diary-films-clear]").await.click().await.unwrap();
    wait_until_text(&client, "[data-testid=diary-count]", &format!("{in_year} viewings")).await;

    // A range that ends before it starts is refused beside its field.
    find(&client, "[data-testid=nav-stats]").await.click().await.unwrap();
    choose_option(&client, "[data-testid=stats-period]", "range").await;
    set_value(&client, "[data-testid=stats-from]", "2023-06-01").await;
    set_value(&client, "[data-testid=stats-to]", "2023-01-01").await;
    let refusal = wait_text(&client, "[data-testid=stats-problem-from]", |t| !t.is_empty(), "the refusal").await;
    assert!(refusal.contains("after it ends"), "{refusal}");

    // Dark.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    find(&client, "[data-testid=theme-dark]").await.click().await.unwrap();
    find(&client, "[data-testid=nav-stats]").await.click().await.unwrap();
    choose_option(&client, "[data-testid=stats-period]", &year).await;
    wait_text(&client, "[data-testid=stats-label]", |t| t == year, "the year again").await;
    screenshot(&client, "stats-dark").await;
    client.close().await.unwrap();
}

async fn wait_until_text(client: &fantoccini::Client, selector: &str, text: &str) {
    wait_text(client, selector, |t| t == text, text).await;
}
