//! The installed package's app, started as a person would start it from the applications menu: run by
//! `make package-test` with MATINEE_E2E_APP=/usr/bin/matinee (ignored otherwise).

mod support;

use support::*;

#[tokio::test]
#[ignore = "run by make package-test on the installed package"]
async fn the_installed_app_starts_and_draws_its_first_page() {
    let app = std::env::var("MATINEE_E2E_APP").expect("MATINEE_E2E_APP names the installed app");
    assert!(std::path::Path::new(&app).is_file(), "{app} is installed");
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let started = std::time::Instant::now();
    let client = driver.session().await;
    wait_text(&client, "nav[aria-label=Main] .brand", |t| t == "Matinee", "the brand in the navigation").await;
    // A fresh data folder opens on the welcome page.
    find(&client, "[data-testid=welcome]").await;
    println!(
        "figure: the installed app drew its first page {:.2} s after the session began",
        started.elapsed().as_secs_f64()
    );
    screenshot(&client, "installed-first-page").await;
    assert!(driver.data_dir().join("library.sqlite3").is_file(), "the installed app made its library");
    client.close().await.unwrap();
}
