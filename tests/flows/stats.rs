//! Stats through the real window: a real Letterboxd export imported, Stats opened on all time, a year chosen (its
//! calendar and its table), a director or decade opened in the Diary narrowed to its films, a bad range refused
//! beside its field, and the page in the dark theme; the year in review opened from Stats, switched to another
//! year, and saved as a PNG (checked to be of the size it states) and as one HTML file.

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

    // The year in review, from the year Stats shows: posters of the year's highest rated, then another year.
    find(&client, "[data-testid=nav-stats]").await.click().await.unwrap();
    choose_option(&client, "[data-testid=stats-period]", &year).await;
    wait_text(&client, "[data-testid=stats-label]", |t| t == year, "the year").await;
    click(&client, "[data-testid=stats-open-review]").await;
    wait_text(&client, "[data-testid=review-year]", |t| t == year, "the review's year").await;
    wait_text(&client, "[data-testid=review-films]", |t| !t.is_empty(), "the review's figures").await;
    let other = years.iter().filter(|y| y.len() == 4).nth(3).expect("a fourth year").clone();
    choose_option(&client, "[data-testid=review-pick-year]", &other).await;
    wait_text(&client, "[data-testid=review-year]", |t| t == other, "the other year").await;
    let picked = find(&client, "[data-testid=review-pick-year]").await.prop("value").await.unwrap();
    assert_eq!(picked.as_deref(), Some(other.as_str()), "the year picker shows the year shown");
    let films: u32 =
        wait_text(&client, "[data-testid=review-films]", |t| !t.is_empty(), "its films").await.parse().unwrap();
    let posters = count(&client, "[data-testid=review-top] li").await;
    assert!(posters > 0 && posters <= 10, "the year's highest rated as posters: {posters}");
    assert_eq!(count(&client, "[data-testid=review-per-month-bar]").await, 12);
    screenshot(&client, "review").await;

    // Saved as a PNG: a PNG of the size the window states, and as one HTML file with no script in it.
    click(&client, "[data-testid=review-save-png]").await;
    let saved = wait_text(&client, "[data-testid=review-written]", |t| t.contains("pixels"), "the PNG saved").await;
    let written = find(&client, "[data-testid=review-written]").await;
    let path = written.attr("data-path").await.unwrap().expect("the path");
    let width: u32 = written.attr("data-width").await.unwrap().unwrap().parse().unwrap();
    let height: u32 = written.attr("data-height").await.unwrap().unwrap().parse().unwrap();
    assert!(saved.contains(&format!("{width} × {height} pixels")), "{saved}");
    let png = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((word(16), word(20)), (width, height), "the size it states");
    assert_eq!(width, 2400);
    click(&client, "[data-testid=review-save-html]").await;
    wait_text(&client, "[data-testid=review-written]", |t| t.contains("web page"), "the HTML saved").await;
    let html_path = find(&client, "[data-testid=review-written]").await.attr("data-path").await.unwrap().unwrap();
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!doctype html>") && !html.contains("<script"), "self-contained, no scripts");
    // The window's figure as it stands now (the one read above may have been drawn before the year's came in).
    let films_now = find(&client, "[data-testid=review-films]").await.text().await.unwrap();
    assert!(films_now.parse::<u32>().is_ok_and(|n| n > 0 && films > 0), "{films_now}");
    assert!(html.contains(&format!("<dd>{films_now}</dd>")), "the same figures as the window: {films_now}");
    assert_ne!(html_path, path);

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
    click(&client, "[data-testid=stats-open-review]").await;
    wait_text(&client, "[data-testid=review-year]", |t| t == year, "the review, dark").await;
    wait_text(&client, "[data-testid=review-films]", |t| !t.is_empty(), "its figures").await;
    screenshot(&client, "review-dark").await;
    client.close().await.unwrap();
}

async fn wait_until_text(client: &fantoccini::Client, selector: &str, text: &str) {
    wait_text(client, selector, |t| t == text, text).await;
}
