//! End-to-end tests: the real app (the debug binary with the embedded UI) on real SQLite files, driven through
//! tauri-driver and WebDriver under a display of its own. Screenshots land in target/screenshots/.

#[path = "flows/stats.rs"]
mod stats;
mod support;
#[path = "flows/sync.rs"]
mod sync;
#[path = "flows/takes.rs"]
mod takes;
#[path = "flows/tonight.rs"]
mod tonight;

use fantoccini::Client;
use support::*;

const MIRACLE: &str = "mt:miracle-in-cell-no-7-2013";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const NOTE: &str = "Bring tissues. Watched with Dad on a rainy Sunday.";

async fn open_from_search(client: &Client, text: &str, key: &str) {
    let search = find(client, "[data-testid=search]").await;
    search.clear().await.expect("clear search");
    search.send_keys(text).await.expect("type into search");
    let tile = format!("[data-testid=results] [data-key='{key}'] button.open");
    click(client, &tile).await;
    wait_attr(client, "[data-testid=film-card]", "data-key", |k| k == Some(key), key).await;
}

#[tokio::test]
async fn a_new_user_searches_rates_notes_and_finds_it_all_after_a_restart() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();

    let client = driver.session().await;
    // A fresh library opens on the welcome page, whose third way in is one key away.
    find(&client, "[data-testid=welcome-history]").await;
    find(&client, "[data-testid=welcome-films]").await;
    screenshot(&client, "welcome").await;
    look_around(&client).await;
    // The starter catalogue is there on first start, with no network.
    let shown = wait_text(&client, "[data-testid=result-count]", |t| t.ends_with("films"), "a film count").await;
    let total: u32 = shown.split(' ').next().unwrap().parse().unwrap();
    assert!(total >= 51, "the starter pack brings at least 51 films, saw {total}");
    // An empty library's "For you" is the starter pack's curated picks, labelled as such.
    let starter =
        wait_text(&client, "[data-testid=for-you-shelf][data-kind=starter] h2", |t| !t.is_empty(), "For you").await;
    assert!(starter.contains("starter pack"), "{starter}");
    screenshot(&client, "discover").await;

    // About (key 8): the version, where the data lives, and the licences of what is built in.
    client.find(css("body")).await.unwrap().send_keys("8").await.unwrap();
    let about = wait_text(&client, "[data-testid=about-paths]", |t| !t.is_empty(), "the data paths").await;
    assert!(about.contains(&driver.data_dir().display().to_string()), "About names the data folder: {about}");
    let licences = wait_text(&client, "[data-testid=about-licences]", |t| t.contains("MIT"), "the licences").await;
    assert!(licences.contains("Apache"), "{licences}");
    screenshot(&client, "about").await;

    // `/` focuses the search box from anywhere.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    client.find(css("body")).await.unwrap().send_keys("/").await.unwrap();
    let focused = client.execute("return document.activeElement && document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, serde_json::json!("search"), "/ should focus the search box");

    // Keyboard only: type into the focused box, Enter opens the first result, Esc closes the card and gives
    // focus back to the search box, Enter opens it again.
    let search = client.active_element().await.unwrap();
    search.send_keys("miracle").await.unwrap();
    find(&client, &format!("[data-testid=results] [data-key='{MIRACLE}']")).await;
    wait_text(&client, "[data-testid=result-count]", |t| t == "1 film", "one result").await;
    search.send_keys(ENTER).await.unwrap();
    wait_attr(&client, "[data-testid=film-card]", "data-key", |k| k == Some(MIRACLE), MIRACLE).await;
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
    find(&client, "[data-testid=results]").await;
    let focused = client.execute("return document.activeElement && document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, serde_json::json!("search"), "closing the card gives focus back");
    client.active_element().await.unwrap().send_keys(ENTER).await.unwrap();
    wait_text(&client, "[data-testid=card-title]", |t| t.contains("Miracle in Cell No. 7"), "the title").await;
    // Messy facts arrive normalised: one country, one language, one director.
    wait_text(&client, "[data-testid=card-countries]", |t| t == "South Korea", "one country").await;
    wait_text(&client, "[data-testid=card-languages]", |t| t == "Korean", "one language").await;
    wait_text(&client, "[data-testid=card-directors]", |t| t == "Lee Hwan-kyung", "one director").await;
    wait_text(&client, "[data-testid=card-score]", |t| t.contains("6.9"), "the score 6.9").await;
    let take = wait_text(&client, "[data-testid=card-take]", |t| t.len() > 40, "a take").await;
    assert!(take.contains("Matinee curators"), "the take names its author: {take}");
    let curated = client.find_all(css("[data-testid=related] [data-testid=related-reason]")).await.unwrap();
    let mut curated_count = 0;
    for reason in &curated {
        if reason.text().await.unwrap().starts_with("Curated by") {
            curated_count += 1;
        }
    }
    assert_eq!(curated_count, 10, "the ten films of the reference shelf are curated links");
    screenshot(&client, "film-card-light").await;

    // The user's part: watchlist, 3.5 stars, a note saved as it is typed.
    find(&client, "[data-testid=watchlist-toggle]").await.click().await.unwrap();
    wait_attr(&client, "[data-testid=watchlist-toggle]", "aria-pressed", |v| v == Some("true"), "pressed").await;
    find(&client, "[data-testid=star-7]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=rating-text]", |t| t == "3.5 stars", "3.5 stars").await;
    // Every star, the half one included, is drawn in its place in the widget.
    let widths = client
        .execute(
            "const box = document.querySelector('[data-testid=star-rating]').getBoundingClientRect();
             return [...document.querySelectorAll('[data-testid=star-rating] > span')].map(s => {
               const r = s.getBoundingClientRect();
               return Math.round(r.width) + '@' + (r.top >= box.top && r.bottom <= box.bottom + 1);
             });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(widths, serde_json::json!(["30@true", "30@true", "30@true", "30@true", "30@true"]));
    let note = find(&client, "[data-testid=note]").await;
    note.click().await.unwrap();
    note.send_keys(NOTE).await.unwrap();
    wait_attr(&client, "[data-testid=note-status]", "data-state", |s| s == Some("saved"), "saved").await;
    client.execute("document.getElementById('yours-heading').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "film-card-more-like-this").await;

    // Dark theme, chosen in Settings, for the next screenshots and to check it persists.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    find(&client, "[data-testid=theme-dark]").await.click().await.unwrap();
    find(&client, "[data-testid=nav-watchlist]").await.click().await.unwrap();
    find(&client, &format!("[data-testid=watchlist] [data-key='{MIRACLE}']")).await;
    screenshot(&client, "watchlist").await;
    find(&client, &format!("[data-testid=watchlist] [data-key='{MIRACLE}'] button.open")).await.click().await.unwrap();
    find(&client, "[data-testid=film-card]").await;
    screenshot(&client, "film-card-dark").await;
    client.close().await.expect("quit the app");

    // Start again on the same data folder: everything is still there.
    let client = driver.session().await;
    find(&client, "[data-testid=nav-watchlist]").await.click().await.unwrap();
    find(&client, &format!("[data-testid=watchlist] [data-key='{MIRACLE}'] button.open")).await.click().await.unwrap();
    wait_attr(&client, "[data-testid=watchlist-toggle]", "aria-pressed", |v| v == Some("true"), "on the watchlist")
        .await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "3.5 stars", "the rating kept").await;
    let kept = find(&client, "[data-testid=note]").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(NOTE), "the note survives a restart");
    let theme = client.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
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
    let notice =
        wait_text(&client, "[data-testid=notice]", |t| t.contains("Settings could not be read"), "a notice").await;
    assert!(notice.contains("library is untouched"), "the notice reassures about the library: {notice}");
    // The app works: the catalogue is searchable.
    look_around(&client).await;
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
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4.5 stars", "the restored rating").await;
    client.close().await.unwrap();
    let kept = std::fs::read_dir(driver.data_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("library.sqlite3.replaced-"));
    assert!(kept, "the damaged library is kept beside the restored one");
}

/// IPC-level: bad arguments reach the real commands and come back as typed `{kind, message}` errors, the
/// library unchanged; what the capability does not grant is refused.
#[tokio::test]
async fn bad_ipc_arguments_get_typed_errors_and_change_nothing() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let client = driver.session().await;
    look_around(&client).await;
    let results = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const invoke = window.__TAURI_INTERNALS__.invoke;
               const out = {};
               const attempt = async (name, cmd, args) => {
                 try { out[name] = { ok: await invoke(cmd, args) }; } catch (e) { out[name] = { err: e }; }
               };
               (async () => {
                 await attempt('rating_300', 'rating_set', { key: arguments[0], value: 300 });
                 await attempt('rating_negative', 'rating_set', { key: arguments[0], value: -5 });
                 await attempt('unknown_film', 'film_get', { key: 'mt:no-such-film-1901' });
                 await attempt('empty_key', 'note_set', { key: '', text: 'x' });
                 await attempt('watch_unknown', 'watchlist_add', { key: 'mt:no-such-film-1901' });
                 await attempt('store_direct', 'plugin:store|load', { path: 'settings.json' });
                 await attempt('card', 'film_get', { key: arguments[0] });
                 done(out);
               })();"#,
            vec![serde_json::json!(MIRACLE)],
        )
        .await
        .expect("the script ran");
    let kind = |name: &str| results[name]["err"]["kind"].as_str().map(str::to_owned);
    assert_eq!(kind("rating_300").as_deref(), Some("invalid_input"), "{results}");
    assert_eq!(kind("rating_negative").as_deref(), Some("invalid_input"));
    assert!(results["rating_300"]["err"]["message"].as_str().unwrap().contains("rating"));
    assert_eq!(kind("unknown_film").as_deref(), Some("not_found"));
    assert_eq!(kind("empty_key").as_deref(), Some("invalid_input"));
    assert_eq!(kind("watch_unknown").as_deref(), Some("not_found"));
    assert!(
        results["store_direct"]["ok"].is_null() && !results["store_direct"]["err"].is_null(),
        "the window has no access to the store plugin: {}",
        results["store_direct"]
    );
    let user = &results["card"]["ok"]["user"];
    assert_eq!(user["rating"], serde_json::Value::Null, "refused calls changed nothing");
    assert_eq!(user["on_watchlist"], false);
    client.close().await.unwrap();
}

/// Figures for `make bench`, not a test of speed: time from asking for a session (the app's process start) to its
/// first drawn page, and the proportional memory (PSS) of the app and its WebKit processes, side by side for the
/// minimal Tauri app in MATINEE_BENCH_MINIMAL_APP (benches/minimal-tauri), Matinee on its starter catalogue, and
/// Matinee on the large catalogue in MATINEE_BENCH_DATA_DIR. Each app starts five times on one set of caches: the
/// first start fills WebKit's and Mesa's caches (and Matinee's builds its starter catalogue), the other four are
/// what a person meets every day.
#[tokio::test]
#[ignore = "prints figures; run by make bench"]
async fn startup_figures() {
    let _one = ONE_AT_A_TIME.lock().await;
    let matinee = env!("CARGO_BIN_EXE_matinee").to_owned();
    let mut rows: Vec<(String, StartFigures)> = Vec::new();
    if let Ok(minimal) = std::env::var("MATINEE_BENCH_MINIMAL_APP") {
        let driver = Driver::start();
        rows.push((
            "minimal Tauri 2 app, one line of text".into(),
            starts(&driver, &minimal, "[data-testid=hello]").await,
        ));
    }
    let driver = Driver::start();
    rows.push(("Matinee, starter catalogue".into(), starts(&driver, &matinee, FIRST_TILE).await));
    if let Some(data) = std::env::var_os("MATINEE_BENCH_DATA_DIR") {
        let data = std::path::PathBuf::from(data);
        let films = matinee_core::catalogue::Catalogue::open(&data.join("catalogue.sqlite3"))
            .and_then(|c| c.film_count())
            .expect("the benchmark's catalogue opens");
        let driver = Driver::start_in(Some(data));
        rows.push((format!("Matinee, a catalogue of {films} films"), starts(&driver, &matinee, FIRST_TILE).await));
    }
    println!(
        "figure: start to the first drawn page (session request to the page's own clock of it), memory once idle;"
    );
    println!("figure: warm is the median of four starts after the first, which filled WebKit's and Mesa's caches");
    println!(
        "figure: {:<40} {:>8} {:>8} {:>8} {:>8} {:>9} {:>8} {:>15}",
        "app", "first", "warm", "native", "page", "DOM ready", "PSS MiB", "vs the first"
    );
    let base = rows.first().map(|(_, f)| (f.warm_median(), f.pss_kib));
    for (label, f) in &rows {
        let ratio = base
            .map(|(ms, pss)| format!("{:.2}x / {:.2}x", f.warm_median() / ms, f.pss_kib as f64 / pss as f64))
            .unwrap_or_default();
        println!(
            "figure: {label:<40} {:>5.0} ms {:>5.0} ms {:>5.0} ms {:>5.0} ms {:>6.0} ms {:>8.1} {ratio:>15}",
            f.first_ms,
            f.warm_median(),
            f.median(|s| s.native_ms),
            f.median(|s| s.page_ms),
            f.median(|s| s.dom_ready_ms),
            f.pss_kib as f64 / 1024.0
        );
        // In the order they came, so that a slow frame shows as a gap between two marks.
        let mut marks: Vec<(&str, f64)> = f
            .marks
            .iter()
            .map(|(name, ms)| {
                let mut ms = ms.clone();
                ms.sort_by(f64::total_cmp);
                (name.as_str(), ms[ms.len() / 2])
            })
            .collect();
        marks.sort_by(|a, b| a.1.total_cmp(&b.1));
        for (name, ms) in marks {
            println!("figure:   page mark {name:<32} {ms:>5.0} ms after navigation (median)");
        }
    }
}

/// The film list Discover draws first.
const FIRST_TILE: &str = "[data-testid=results] [data-testid=film-tile]";

/// One app's start-up figures, in milliseconds: each start from the session request to the first drawn page, split
/// into the native part (to the page's navigation start: the process, its set-up, GTK and WebKit's processes) and the
/// page's part (navigation to drawn: the bundle, its first calls, the first frames).
struct StartFigures {
    first_ms: f64,
    warm: Vec<Start>,
    pss_kib: u64,
    /// The page's own marks of its start (Matinee's: status in, first search asked and answered, results drawn),
    /// each with its times over the warm starts.
    marks: Vec<(String, Vec<f64>)>,
}

#[derive(Clone, Copy)]
struct Start {
    native_ms: f64,
    page_ms: f64,
    /// The page's DOMContentLoaded, from its navigation start: the HTML and the script bundle read and run.
    dom_ready_ms: f64,
}

impl StartFigures {
    fn median(&self, part: impl Fn(&Start) -> f64) -> f64 {
        let mut ms: Vec<f64> = self.warm.iter().map(part).collect();
        ms.sort_by(f64::total_cmp);
        ms.get(ms.len() / 2).copied().unwrap_or(self.first_ms)
    }
    fn warm_median(&self) -> f64 {
        self.median(|s| s.native_ms + s.page_ms)
    }
}

/// Starts `app` five times, each time until `ready` is drawn; Matinee's first start takes the welcome page's
/// "Just look around". The page's own clock says when it was drawn: the mark each page makes two frames after its
/// content is in (Matinee's first results; the minimal page's line of text), so both count their first frames. The memory is read on the last start, once the
/// window is idle.
async fn starts(driver: &Driver, app: &str, ready: &str) -> StartFigures {
    let path = std::fs::canonicalize(app).expect("the app to measure exists");
    let mut figures = StartFigures { first_ms: 0.0, warm: Vec::new(), pss_kib: 0, marks: Vec::new() };
    for round in 0..5 {
        let epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        let requested = epoch.as_secs_f64() * 1000.0;
        let client = driver.session_of(app).await;
        if round == 0 && ready == FIRST_TILE {
            past_welcome(&client).await;
        }
        find(&client, ready).await;
        let clock = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const started = performance.now();
                 const look = () => {
                   const mark = performance.getEntriesByName('matinee:first-results')[0];
                   const paint = performance.getEntriesByName('first-contentful-paint')[0];
                   const nav = performance.getEntriesByType('navigation')[0];
                   const drawn = mark ? mark.startTime : paint ? paint.startTime : null;
                   if (drawn === null && performance.now() - started < 5000) return requestAnimationFrame(look);
                   done({ origin: performance.timeOrigin, drawn: drawn ?? performance.now(),
                          domReady: nav ? nav.domContentLoadedEventEnd : 0,
                          marks: performance.getEntriesByType('mark').concat(performance.getEntriesByType('paint'))
                            .map((m) => [m.name, m.startTime]) });
                 };
                 requestAnimationFrame(look);",
                vec![],
            )
            .await
            .expect("the page tells its clock");
        let number = |name: &str| clock[name].as_f64().unwrap_or(0.0);
        let start = Start {
            native_ms: number("origin") - requested,
            page_ms: number("drawn"),
            dom_ready_ms: number("domReady"),
        };
        if round == 0 {
            figures.first_ms = start.native_ms + start.page_ms;
        } else {
            figures.warm.push(start);
            for mark in clock["marks"].as_array().into_iter().flatten() {
                let name = mark[0].as_str().unwrap_or_default().to_owned();
                match figures.marks.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, ms)) => ms.push(mark[1].as_f64().unwrap_or(0.0)),
                    None => figures.marks.push((name, vec![mark[1].as_f64().unwrap_or(0.0)])),
                }
            }
        }
        settle_of(&path).await;
        if round == 4 {
            figures.pss_kib = pss_kib_of(&path).0;
        }
        client.close().await.unwrap();
    }
    figures
}

/// Figures for `make bench`: search latency through the app's IPC, as the page sees it (invoke to answer, JSON
/// included), over the catalogue in MATINEE_BENCH_DATA_DIR (a data folder whose catalogue was built from large
/// generated datasets); then the app's memory with that catalogue open.
#[tokio::test]
#[ignore = "prints figures; run by make bench"]
async fn search_ipc_figures() {
    let Some(data) = std::env::var_os("MATINEE_BENCH_DATA_DIR").map(std::path::PathBuf::from) else {
        println!("figure: search through IPC skipped (MATINEE_BENCH_DATA_DIR is not set)");
        return;
    };
    let (prefixes, genres, cards) = {
        let catalogue = matinee_core::catalogue::Catalogue::open(&data.join("catalogue.sqlite3")).unwrap();
        let genres: Vec<String> = catalogue.genre_ids().unwrap().into_iter().map(|(_, name)| name).collect();
        // Films drawn at random over the whole catalogue, for their cards and "More like this" shelves.
        let films = i64::from(catalogue.film_count().unwrap());
        let ranks: Vec<i64> = (0..300).map(|i| 1 + (i * 7_919_i64 * 104_729) % films).collect();
        let ids: Vec<i64> = catalogue.ids_of_ranks(&ranks).unwrap().into_values().collect();
        let cards: Vec<String> = catalogue.summaries(&ids).unwrap().into_iter().map(|f| f.key.0).collect();
        (catalogue.bench_prefixes(1000).unwrap(), genres, cards)
    };
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start_in(Some(data));
    let client = driver.session().await;
    past_welcome(&client).await;
    find(&client, "[data-testid=results] [data-testid=film-tile]").await;
    let settled = settle().await;
    println!("figure: the window went idle {:.1} s after its first results were in the page", settled.as_secs_f64());
    let searches = |texts: Vec<String>, limit: u32| -> Vec<serde_json::Value> {
        texts.into_iter().map(|text| serde_json::json!({ "query": { "text": text, "limit": limit } })).collect()
    };
    let pct = |ms: &[f64], q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    let long = std::time::Duration::from_secs(600);
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(long), Some(long), Some(std::time::Duration::ZERO));
    client.update_timeouts(timeouts).await.unwrap();
    // The floor: the same round trip for one film of the whole catalogue, which the core answers from memory.
    let floor = invoke_times(&client, "film_search", searches(vec![String::new(); 1000], 1)).await;
    println!(
        "figure: IPC round trip floor (one film, no text): p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
        pct(&floor, 0.5),
        pct(&floor, 0.95),
        pct(&floor, 0.99)
    );
    let search = invoke_times(&client, "film_search", searches(prefixes.clone(), 60)).await;
    println!(
        "figure: search through IPC, {} prefix queries (1 to 6 characters), page of 60 with the total: \
         p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
        search.len(),
        pct(&search, 0.5),
        pct(&search, 0.95),
        pct(&search, 0.99)
    );
    let some: Vec<String> = prefixes.iter().step_by(5).cloned().collect();
    let facets = invoke_times(&client, "film_facets", searches(some, 60)).await;
    println!(
        "figure: filter counts through IPC, {} of those queries: p50 {:.1} ms  p95 {:.1} ms  p99 {:.1} ms",
        facets.len(),
        pct(&facets, 0.5),
        pct(&facets, 0.95),
        pct(&facets, 0.99)
    );
    // Tonight: three constraints of the catalogue's own values (a time, a genre, a decade), each with a seed.
    let queries: Vec<serde_json::Value> = (0..200u32)
        .map(|i| {
            let runtime = [90, 120, 150][i as usize % 3];
            let genre = &genres[i as usize % genres.len().min(12)];
            serde_json::json!({ "max_runtime": runtime, "genres": [genre], "decade": 1950 + 10 * (i % 7), "seed": i })
        })
        .collect();
    let queries = queries.into_iter().map(|query| serde_json::json!({ "query": query })).collect();
    let tonight = invoke_times(&client, "tonight_pick", queries).await;
    println!(
        "figure: Tonight through IPC, {} draws of 3 picks with three constraints (time, genre, decade): \
         p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
        tonight.len(),
        pct(&tonight, 0.5),
        pct(&tonight, 0.95),
        pct(&tonight, 0.99)
    );
    let keys = cards.into_iter().map(|key| serde_json::json!({ "key": key })).collect();
    let shelf = invoke_times(&client, "film_get", keys).await;
    println!(
        "figure: film cards with their More like this shelf through IPC, {} films drawn over the catalogue: \
         p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
        shelf.len(),
        pct(&shelf, 0.5),
        pct(&shelf, 0.95),
        pct(&shelf, 0.99)
    );
    let (pss, processes) = app_pss_kib();
    println!("figure: memory PSS with this catalogue open {:.1} MiB over {processes} processes", pss as f64 / 1024.0);
    client.close().await.unwrap();
}

/// Calls `command` once with each of `args` from the page, one after another, and returns each round trip's time
/// in milliseconds, sorted.
async fn invoke_times(client: &Client, command: &str, args: Vec<serde_json::Value>) -> Vec<f64> {
    let answer = client
        .execute_async(
            "const [command, args, done] = arguments;
             const invoke = window.__TAURI_INTERNALS__.invoke;
             (async () => {
               const ms = [];
               for (const a of args) {
                 const t = performance.now();
                 await invoke(command, a);
                 ms.push(performance.now() - t);
               }
               done(ms);
             })().catch((e) => done(JSON.stringify(e)));",
            vec![serde_json::json!(command), serde_json::json!(args)],
        )
        .await
        .unwrap();
    let mut ms: Vec<f64> = answer
        .as_array()
        .unwrap_or_else(|| panic!("{command} failed: {answer}"))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    ms.sort_by(f64::total_cmp);
    ms
}

/// The processes of the program at `app` and their children (WebKit's web and network processes).
fn processes_of(app: &std::path::Path) -> Vec<u32> {
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        stat.rsplit(')').next()?.split_whitespace().nth(1)?.parse().ok()
    };
    let pids: Vec<u32> =
        std::fs::read_dir("/proc").unwrap().flatten().filter_map(|e| e.file_name().to_str()?.parse().ok()).collect();
    let roots: Vec<u32> = pids
        .iter()
        .copied()
        .filter(|p| std::fs::read_link(format!("/proc/{p}/exe")).ok().as_deref() == Some(app))
        .collect();
    pids.into_iter()
        .filter(|&pid| {
            let mut cur = Some(pid);
            while let Some(p) = cur {
                if roots.contains(&p) {
                    return true;
                }
                cur = parent_of(p).filter(|&q| q > 1);
            }
            false
        })
        .collect()
}

/// The PSS of the app's processes, from /proc/PID/smaps_rollup.
fn app_pss_kib() -> (u64, usize) {
    pss_kib_of(&std::fs::canonicalize(env!("CARGO_BIN_EXE_matinee")).unwrap())
}

/// The proportional memory of the program at `app` and its children, with how many processes that is.
fn pss_kib_of(app: &std::path::Path) -> (u64, usize) {
    let mut total = 0;
    let mut count = 0;
    for pid in processes_of(app) {
        if let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
            if let Some(line) = rollup.lines().find(|l| l.starts_with("Pss:")) {
                total += line.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
                count += 1;
            }
        }
    }
    (total, count)
}

/// CPU time the app's processes have used, in clock ticks (user and system, from /proc/PID/stat).
fn cpu_ticks_of(app: &std::path::Path) -> u64 {
    processes_of(app)
        .into_iter()
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let fields: Vec<u64> =
                stat.rsplit(')').next()?.split_whitespace().skip(11).take(2).filter_map(|v| v.parse().ok()).collect();
            Some(fields.iter().sum::<u64>())
        })
        .sum()
}

/// Waits until the app is idle (under 30 ms of CPU in half a second), at most a minute; returns how long that
/// took. Without a GPU, WebKit draws its first frames through a software renderer that compiles its shaders first,
/// which keeps both cores busy for several seconds after the page has loaded: timing anything during it measures
/// the renderer, not the app.
async fn settle() -> std::time::Duration {
    settle_of(&std::fs::canonicalize(env!("CARGO_BIN_EXE_matinee")).unwrap()).await
}

/// As `settle`, for the program at `app`.
async fn settle_of(app: &std::path::Path) -> std::time::Duration {
    let started = std::time::Instant::now();
    let mut before = cpu_ticks_of(app);
    while started.elapsed() < std::time::Duration::from_secs(60) {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let now = cpu_ticks_of(app);
        if now.saturating_sub(before) < 3 {
            break;
        }
        before = now;
    }
    started.elapsed()
}

const WHITE_GOD: &str = "mt:white-god-2014";
const PARASITE: &str = "tt6751668";
const ALT_UP: &str = "\u{E00A}\u{E013}\u{E000}";

/// Opens a film's card from Discover's search box.
async fn open_film(client: &Client, text: &str, key: &str) {
    find(client, "[data-testid=nav-discover]").await.click().await.unwrap();
    open_from_search(client, text, key).await;
}

/// Sets an input's value the way typing would (date inputs do not take keys the same way everywhere).
async fn set_value(client: &Client, selector: &str, value: &str) {
    client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(selector), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

async fn log_viewing(client: &Client, date: &str, note: &str, shot: Option<&str>) {
    find(client, "[data-testid=log-viewing]").await.click().await.unwrap();
    set_value(client, "[data-testid=viewing-date]", date).await;
    if !note.is_empty() {
        find(client, "[data-testid=viewing-note]").await.send_keys(note).await.unwrap();
    }
    if let Some(name) = shot {
        client.execute("document.querySelector('[data-testid=viewing-form]').scrollIntoView()", vec![]).await.unwrap();
        screenshot(client, name).await;
    }
    find(client, "[data-testid=viewing-save]").await.click().await.unwrap();
    wait_until_gone(client, "[data-testid=viewing-form]").await;
}

async fn wait_until_gone(client: &Client, selector: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while count(client, selector).await > 0 {
        assert!(std::time::Instant::now() < deadline, "{selector} did not go away");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn list_order(client: &Client) -> Vec<String> {
    let order = client
        .execute("return [...document.querySelectorAll('[data-testid=list-entry]')].map(e => e.dataset.key)", vec![])
        .await
        .unwrap();
    serde_json::from_value(order).unwrap()
}

async fn add_to_list(client: &Client, list_name: &str) {
    let picker = find(client, "[data-testid=list-picker]").await;
    picker.click().await.unwrap();
    let options = picker.find_all(css("option")).await.unwrap();
    for option in options {
        if option.text().await.unwrap() == list_name {
            option.click().await.unwrap();
            break;
        }
    }
    wait_text(client, "[data-testid=membership]", |t| t.starts_with(list_name), "the list chip").await;
}

#[tokio::test]
async fn the_viewing_life_diary_lists_tags_and_notes_survive_a_restart() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let client = driver.session().await;
    look_around(&client).await;

    // Two viewings of one film on two dates: the second is a rewatch.
    open_film(&client, "miracle", MIRACLE).await;
    log_viewing(&client, "2024-03-09", "Saw it at the Cinémathèque; bring tissues.", None).await;
    log_viewing(&client, "2025-01-20", "", Some("viewing-form")).await;
    let viewings = wait_text(&client, "[data-testid=card-viewings]", |t| t.contains("rewatch"), "a rewatch").await;
    assert_eq!(count(&client, "[data-testid=card-viewing]").await, 2, "{viewings}");
    assert!(viewings.find("20 January 2025").unwrap() < viewings.find("9 March 2024").unwrap(), "newest first");

    // A tag.
    find(&client, "[data-testid=tag-input]").await.send_keys("Tearjerker").await.unwrap();
    find(&client, "[data-testid=tag-add]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=tags]", |t| t.contains("Tearjerker"), "the tag").await;

    // A ranked list of three films, made from the cards.
    let picker = find(&client, "[data-testid=list-picker]").await;
    picker.click().await.unwrap();
    picker.find(css("option[value=new]")).await.unwrap().click().await.unwrap();
    let name = find(&client, "input[placeholder='Name of the new list']").await;
    name.send_keys("Korean essentials\u{E007}").await.unwrap();
    wait_text(&client, "[data-testid=membership]", |t| t.starts_with("Korean essentials"), "the new list").await;
    // One film straight from a search result, one from its card.
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
    find(&client, "[data-testid=nav-discover]").await.click().await.unwrap();
    let search = find(&client, "[data-testid=search]").await;
    search.clear().await.unwrap();
    search.send_keys("white god").await.unwrap();
    let quick =
        find(&client, &format!("[data-testid=results] [data-key='{WHITE_GOD}'] [data-testid=quick-list-add]")).await;
    quick.click().await.unwrap();
    for option in quick.find_all(css("option")).await.unwrap() {
        if option.text().await.unwrap() == "Korean essentials" {
            option.click().await.unwrap();
        }
    }
    wait_text(&client, "[data-testid=toast]", |t| t.contains("White God added"), "the toast").await;
    open_film(&client, "parasite", PARASITE).await;
    add_to_list(&client, "Korean essentials").await;

    // Reorder by keyboard: Parasite from third to first.
    find(&client, "[data-testid=nav-lists]").await.click().await.unwrap();
    find(&client, "[data-testid=list-row] button").await.click().await.unwrap();
    find(&client, "[data-testid=list-page] [data-testid=list-entry]").await;
    assert_eq!(list_order(&client).await, vec![MIRACLE, WHITE_GOD, PARASITE]);
    let handle =
        find(&client, &format!("[data-testid=list-entry][data-key='{PARASITE}'] [data-testid=entry-handle]")).await;
    handle.send_keys(ALT_UP).await.unwrap();
    wait_attr(
        &client,
        &format!("[data-testid=list-entry][data-key='{PARASITE}']"),
        "data-position",
        |p| p == Some("2"),
        "2",
    )
    .await;
    client.active_element().await.unwrap().send_keys(ALT_UP).await.unwrap();
    wait_attr(
        &client,
        &format!("[data-testid=list-entry][data-key='{PARASITE}']"),
        "data-position",
        |p| p == Some("1"),
        "1",
    )
    .await;
    assert_eq!(list_order(&client).await, vec![PARASITE, MIRACLE, WHITE_GOD]);
    screenshot(&client, "list-ranked").await;

    // Filter Discover by the tag.
    find(&client, "[data-testid=nav-discover]").await.click().await.unwrap();
    find(&client, "[data-testid=search]").await.clear().await.unwrap();
    let tag_filter = find(&client, "[data-testid=filter-tag]").await;
    tag_filter.click().await.unwrap();
    tag_filter.find(css("option[value=Tearjerker]")).await.unwrap().click().await.unwrap();
    wait_text(&client, "[data-testid=result-count]", |t| t == "1 film", "one tagged film").await;

    // Find the note by a word in it, folded: "cinematheque" finds "Cinémathèque".
    find(&client, "[data-testid=nav-notes]").await.click().await.unwrap();
    find(&client, "[data-testid=notes-search]").await.send_keys("cinematheque").await.unwrap();
    let hit = wait_text(&client, "[data-testid=note-hit]", |t| t.contains("Cinémathèque"), "the note").await;
    assert!(hit.contains("Miracle in Cell No. 7"), "{hit}");
    let marked = find(&client, "[data-testid=note-hit] mark").await.text().await.unwrap();
    assert_eq!(marked, "Cinémathèque");
    screenshot(&client, "notes-search").await;
    find(&client, "[data-testid=note-hit]").await.click().await.unwrap();
    wait_attr(&client, "[data-testid=film-card]", "data-key", |k| k == Some(MIRACLE), MIRACLE).await;

    find(&client, "[data-testid=nav-diary]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=diary-count]", |t| t == "2 viewings", "two viewings").await;
    screenshot(&client, "diary").await;
    client.close().await.unwrap();

    // Restart: everything is still there.
    let client = driver.session().await;
    find(&client, "[data-testid=nav-diary]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=diary-count]", |t| t == "2 viewings", "two viewings after restart").await;
    assert_eq!(count(&client, "[data-testid=rewatch-mark]").await, 1);
    find(&client, "[data-testid=nav-lists]").await.click().await.unwrap();
    find(&client, "[data-testid=list-row] button").await.click().await.unwrap();
    find(&client, "[data-testid=list-entry]").await;
    assert_eq!(list_order(&client).await, vec![PARASITE, MIRACLE, WHITE_GOD]);
    find(&client, "[data-testid=nav-notes]").await.click().await.unwrap();
    find(&client, "[data-testid=notes-search]").await.send_keys("tissues").await.unwrap();
    wait_text(&client, "[data-testid=note-hit]", |t| t.contains("tissues"), "the note after restart").await;
    open_film(&client, "miracle", MIRACLE).await;
    wait_text(&client, "[data-testid=tags]", |t| t.contains("Tearjerker"), "the tag after restart").await;
    client.close().await.unwrap();
}

/// The Letterboxd export of ../shared/real-exports/letterboxd/extratone-2024 zipped as the service serves it.
fn letterboxd_zip(dir: &std::path::Path) -> std::path::PathBuf {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-exports/letterboxd/extratone-2024");
    assert!(folder.is_dir(), "tests read the real exports from ../shared/real-exports");
    let path = dir.join("letterboxd-extratone-2024-04-01-utc.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![folder.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                zip.start_file(p.strip_prefix(&folder).unwrap().to_string_lossy(), options).unwrap();
                std::io::Write::write_all(&mut zip, &std::fs::read(&p).unwrap()).unwrap();
            }
        }
    }
    zip.finish().unwrap();
    path
}

#[tokio::test]
async fn a_letterboxd_zip_imported_through_the_window_fills_the_diary_and_a_second_import_changes_nothing() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let zip = letterboxd_zip(driver.home.path());
    let client = driver.session().await;
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=import-file]").await.send_keys(zip.to_str().unwrap()).await.unwrap();
    find(&client, "[data-testid=import-preview]").await;
    wait_text(&client, "[data-testid=import-preview] table", |t| t.contains("viewings"), "the counts").await;
    let counts = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=import-count]')]
                 .map(r => r.querySelector('th').textContent + '=' + r.querySelector('td').textContent)",
            vec![],
        )
        .await
        .unwrap();
    let counts: Vec<String> = serde_json::from_value(counts).unwrap();
    assert!(counts.contains(&"viewings=339".to_owned()), "{counts:?}");
    assert!(counts.contains(&"reviews=127".to_owned()), "{counts:?}");
    screenshot(&client, "import-preview").await;
    find(&client, "[data-testid=import-apply]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=import-done]", |t| t.contains("Imported"), "done").await;
    find(&client, "[data-testid=nav-diary]").await.click().await.unwrap();
    // 339 diary entries and 94 films marked watched without a diary entry (each an undated viewing).
    wait_text(&client, "[data-testid=diary-count]", |t| t == "433 viewings", "the imported diary").await;
    screenshot(&client, "diary-after-import").await;

    // The same file again: the preview says nothing would change.
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=import-file]").await.send_keys(zip.to_str().unwrap()).await.unwrap();
    find(&client, "[data-testid=import-nothing]").await;
    assert_eq!(count(&client, "[data-testid=import-apply]").await, 0, "nothing to apply");

    // Going back: the backup taken before the import restores the library as it was (an empty diary).
    let before = find(&client, "[data-testid=backups] li:last-child button").await;
    let row = client
        .execute("return document.querySelector('[data-testid=backups] li:last-child code').textContent", vec![])
        .await
        .unwrap();
    assert!(row.as_str().unwrap().contains("before-import"), "{row}");
    before.click().await.unwrap();
    find(&client, "[data-testid=restore-confirm]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=notice]", |t| t.contains("Restored"), "the restore notice").await;
    find(&client, "[data-testid=nav-diary]").await.click().await.unwrap();
    find(&client, "[data-testid=diary-empty]").await;
    client.close().await.unwrap();
}

/// Picks an option of a select by its value, the way a person would: click the select, click the option.
/// Opens the film of `tile` from the results and waits for its card. The results are drawn again when the
/// catalogue changes: a click that landed on another film while they moved is undone and made again.
async fn open_tile(client: &Client, tile: &str, key: &str) {
    for _ in 0..5 {
        find(client, tile).await.click().await.unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        while std::time::Instant::now() < deadline {
            if let Ok(card) = client.find(css("[data-testid=film-card]")).await {
                if card.attr("data-key").await.ok().flatten().as_deref() == Some(key) {
                    return;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if let Ok(el) = client.active_element().await {
            let _ = el.send_keys(ESCAPE).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    panic!("the card of {key} did not open from {tile}");
}

/// A select whose options are drawn again while the view's data arrives is found again.
async fn choose_option(client: &Client, select: &str, value: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let el = find(client, select).await;
        let chosen = async {
            el.click().await?;
            el.find(css(&format!("option[value='{value}']"))).await?.click().await
        }
        .await;
        match chosen {
            Ok(()) => return,
            Err(e) if std::time::Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => panic!("{select}: no option {value}: {e}"),
        }
    }
}

#[tokio::test]
async fn a_generic_tsv_is_read_with_the_columns_the_user_chooses_and_they_are_remembered() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let file = driver.home.path().join("my films.tsv");
    std::fs::write(
        &file,
        "Film\tReleased\tMy Score\tSeen\tComment\nWhite God\t2014\t8\t2024-02-01\tDogs!\nHeat\t1995\t9.5\t2024-02-03\t\n",
    )
    .unwrap();
    let client = driver.session().await;
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=import-file]").await.send_keys(file.to_str().unwrap()).await.unwrap();
    find(&client, "[data-testid=csv-mapping]").await;
    // "My Score" is not a name the guess knows: the user points at it.
    choose_option(&client, "[data-testid=map-rating]", "My Score").await;
    find(&client, "[data-testid=csv-mapping] input[type=checkbox]").await.click().await.unwrap();
    find(&client, "[data-testid=map-apply]").await.click().await.unwrap();
    wait_attr(&client, "[data-testid=map-rating]", "value", |v| v == Some("My Score"), "the chosen column").await;
    screenshot(&client, "import-csv-mapping").await;
    find(&client, "[data-testid=import-apply]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=import-done]", |t| t.contains("Imported"), "done").await;
    client.close().await.unwrap();

    // The library has both viewings with their ratings on the ten-point scale (9.5/10 = 95).
    let m = matinee_core::Matinee::open(matinee_core::DataDir::at(driver.data_dir())).unwrap();
    let diary = m.diary(&Default::default()).unwrap();
    let ratings: Vec<Option<u32>> = diary.months.iter().flat_map(|mo| &mo.entries).map(|e| e.viewing.rating).collect();
    assert_eq!(ratings, vec![Some(95), Some(80)]);
    drop(m);

    // After a restart the remembered columns are used straight away.
    let client = driver.session().await;
    find(&client, "[data-testid=nav-transfer]").await.click().await.unwrap();
    find(&client, "[data-testid=import-file]").await.send_keys(file.to_str().unwrap()).await.unwrap();
    wait_attr(&client, "[data-testid=map-rating]", "value", |v| v == Some("My Score"), "the remembered column").await;
    find(&client, "[data-testid=import-nothing]").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_catalogue_built_from_imdb_datasets_in_the_window_keeps_a_rating_through_a_rebuild() {
    let _one = ONE_AT_A_TIME.lock().await;
    let driver = Driver::start();
    let datasets = driver.home.path().join("imdb");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-imdb-datasets.py");
    let ok = std::process::Command::new("python3").arg(script).arg(&datasets).arg("50000").arg("--gzip").status();
    assert!(ok.unwrap().success(), "the generator runs");
    let client = driver.session().await;

    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    // The folder comes from the desktop's own folder dialog, answered at the keyboard.
    wait_attr(&client, "[data-testid=catalogue-choose]", "disabled", |d| d.is_none(), "the catalogue status").await;
    find(&client, "[data-testid=catalogue-choose]").await.click().await.unwrap();
    driver.choose_folder_in_dialog("The folder of the IMDb datasets", &datasets);
    let outcome = "[data-testid=catalogue-built], [data-testid=catalogue-problem]";
    let said = wait_text(&client, outcome, |t| !t.is_empty(), "the build report").await;
    assert!(said.contains("films kept"), "the first build: {said}");
    screenshot(&client, "catalogue-built").await;

    // The most voted film of the new catalogue, found by typing its title.
    let catalogue =
        matinee_core::catalogue::Catalogue::open(&matinee_core::DataDir::at(driver.data_dir()).catalogue()).unwrap();
    let top = catalogue
        .search(&matinee_core::model::SearchQuery { limit: Some(1), ..Default::default() }, None)
        .unwrap()
        .films
        .remove(0);
    drop(catalogue);
    assert!(top.key.0.starts_with("tt"), "a dataset film leads the popularity order: {top:?}");
    find(&client, "[data-testid=nav-discover]").await.click().await.unwrap();
    // Two facets narrow the whole catalogue; their counts follow the query.
    let settled = |t: &str| t.ends_with("films") && !t.contains('…');
    let all = wait_text(&client, "[data-testid=result-count]", settled, "a count").await;
    choose_option(&client, "[data-testid=filter-kind]", "movie").await;
    let movies = wait_text(&client, "[data-testid=result-count]", |t| t != all && settled(t), "fewer films").await;
    choose_option(&client, "[data-testid=filter-votes]", "100").await;
    let popular = wait_text(&client, "[data-testid=result-count]", |t| t != movies && settled(t), "fewer still").await;
    let n = |t: &str| t.split(' ').next().unwrap().replace(',', "").parse::<u64>().unwrap();
    assert!(n(&popular) < n(&movies) && n(&movies) < n(&all), "{all} > {movies} > {popular}");
    screenshot(&client, "search-facets").await;
    find(&client, "button.reset").await.click().await.unwrap();
    let search = find(&client, "[data-testid=search]").await;
    search.clear().await.unwrap();
    // Typed a key at a time: after each one the window shows the core's first films for that text, most popular
    // first (the exact title first once it is whole), and the count of them all.
    let catalogue =
        matinee_core::catalogue::Catalogue::open(&matinee_core::DataDir::at(driver.data_dir()).catalogue()).unwrap();
    let mut typed = String::new();
    for c in top.title.chars() {
        typed.push(c);
        search.send_keys(&c.to_string()).await.unwrap();
        let want = typed.clone();
        wait_attr(
            &client,
            "[data-testid=result-count]",
            "data-query",
            |q| q == Some(want.as_str()),
            "this keystroke's answer",
        )
        .await;
        let expected = catalogue
            .search(
                &matinee_core::model::SearchQuery { text: typed.clone(), limit: Some(10), ..Default::default() },
                None,
            )
            .unwrap();
        let shown: Vec<String> = serde_json::from_value(
            client
                .execute(
                    "const tiles = [...document.querySelectorAll('[data-testid=results] [data-testid=film-tile]')];
                     const at = (t) => Number(t.closest('[data-index]').dataset.index);
                     return tiles.sort((a, b) => at(a) - at(b)).slice(0, 10).map((t) => t.dataset.key);",
                    vec![],
                )
                .await
                .unwrap(),
        )
        .unwrap();
        let keys: Vec<String> = expected.films.iter().map(|f| f.key.0.clone()).collect();
        assert_eq!(shown, keys, "the first films for {typed:?}");
        if typed.chars().count() == 2 {
            screenshot(&client, "search-typing").await;
        }
        if expected.total_exact {
            let count = wait_text(&client, "[data-testid=result-count]", |t| !t.contains('…'), "a count").await;
            assert_eq!(count.split(' ').next().unwrap().replace(',', ""), expected.total.to_string(), "{typed:?}");
        }
    }
    drop(catalogue);
    let tile = format!("[data-testid=results] [data-key='{}'] button.open", top.key.0);
    // A dataset film has no take line: its tile says who directed it instead.
    assert!(!top.directors.is_empty(), "the generated datasets credit a director: {top:?}");
    let by = format!("[data-testid=results] [data-key='{}'] [data-testid=tile-directors]", top.key.0);
    // textContent: the line may end in an ellipsis on screen when the names are long.
    let text = find(&client, &by).await.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(text, format!("Directed by {}", top.directors.join(" and ")));
    screenshot(&client, "search-datasets").await;
    find(&client, &tile).await.click().await.unwrap();
    wait_text(&client, "[data-testid=card-score]", |t| t.contains("IMDb"), "an IMDb score").await;
    find(&client, "[data-testid=star-8]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4 stars", "4 stars").await;
    // Its "More like this": computed neighbours, each with the reasons that hold.
    let shelf = wait_text(&client, "[data-testid=related]", |t| !t.is_empty(), "the dataset film's shelf").await;
    assert!(count(&client, "[data-testid=related] [data-testid=related-reason]").await >= 6, "{shelf}");
    client.execute("document.querySelector('[data-testid=related]').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&client, "dataset-film-more-like-this").await;
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();

    // The most popular film with a title region: the card says it is where IMDb lists the original title.
    let conn = rusqlite::Connection::open(matinee_core::DataDir::at(driver.data_dir()).catalogue()).unwrap();
    let (key, title, region): (String, String, String) = conn
        .query_row(
            "SELECT f.key, f.title, o.region FROM film_origin o JOIN film f ON f.id = o.film_id ORDER BY f.rank LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    open_film(&client, &title, &key).await;
    let said = wait_text(&client, "[data-testid=card-title-origin]", |t| !t.is_empty(), "the title region").await;
    let name = matinee_core::normalise::country_name(&region).unwrap_or(&region);
    assert!(said.starts_with(name) && said.contains("no country stated"), "{said}");
    screenshot(&client, "dataset-film-title-region").await;
    client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();

    // Rebuild; the rating is still on the film.
    find(&client, "[data-testid=nav-settings]").await.click().await.unwrap();
    wait_attr(&client, "[data-testid=catalogue-build]", "disabled", |d| d.is_none(), "the remembered folder").await;
    let field = find(&client, "[data-testid=datasets-dir]").await.prop("value").await.unwrap();
    assert_eq!(field.as_deref(), datasets.to_str(), "the folder of the first build is remembered");
    find(&client, "[data-testid=catalogue-build]").await.click().await.unwrap();
    let outcome = "[data-testid=catalogue-built], [data-testid=catalogue-problem]";
    let said = wait_text(&client, outcome, |t| !t.is_empty(), "the second build").await;
    assert!(said.contains("films kept"), "the second build: {said}");
    find(&client, "[data-testid=nav-discover]").await.click().await.unwrap();
    open_tile(&client, &tile, &top.key.0).await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4 stars", "the rating after the rebuild").await;
    client.close().await.unwrap();

    // A catalogue of an older schema (as after an update of Matinee): the app opens at once on the take packs,
    // says so, builds from the remembered datasets with its progress in view, and the rating is on the film again.
    let path = matinee_core::DataDir::at(driver.data_dir()).catalogue();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'", []).unwrap();
    drop(conn);
    let client = driver.session().await;
    wait_text(&client, "[data-testid=notice]", |t| t.contains("being built again"), "the rebuild notice").await;
    screenshot(&client, "catalogue-rebuild-at-start").await;
    wait_until_gone(&client, "[data-testid=catalogue-building]").await;
    open_tile(&client, &tile, &top.key.0).await;
    wait_text(&client, "[data-testid=rating-text]", |t| t == "4 stars", "the rating after the rebuild at start").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_new_user_gets_every_film_from_the_welcome_page_and_the_next_start_skips_it() {
    let _one = ONE_AT_A_TIME.lock().await;
    // The datasets' server: generated files on a local server, slow enough that the download is seen going.
    let served = tempfile::tempdir().unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-imdb-datasets.py");
    let ok = std::process::Command::new("python3").arg(script).arg(served.path()).arg("20000").arg("--gzip").status();
    assert!(ok.unwrap().success(), "the generator runs");
    let total: u64 = std::fs::read_dir(served.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    // About four seconds for the whole download at this rate.
    let server = DatasetServer::start(served.path(), Some(total / 4));
    let driver = Driver::start_with(None, &[("MATINEE_DATASETS_URL", server.url.as_str())]);
    let client = driver.session().await;

    find(&client, "[data-testid=welcome]").await;
    client.find(css("body")).await.unwrap().send_keys("g").await.unwrap();
    // The terms come before anything goes online; the plan says what it takes.
    let terms = wait_text(&client, "[data-testid=dataset-terms]", |t| !t.is_empty(), "the terms").await;
    assert!(terms.to_lowercase().contains("non-commercial"), "the datasets' terms are shown: {terms}");
    find(&client, "[data-testid=download-check]").await.click().await.unwrap();
    let summary = wait_text(&client, "[data-testid=download-summary]", |t| t.contains("To download"), "the plan").await;
    assert!(summary.contains("free"), "the plan gives the disk needed and free: {summary}");
    screenshot(&client, "welcome-download-plan").await;
    find(&client, "[data-testid=download-start]").await.click().await.unwrap();
    wait_text(&client, "[data-testid=download-now]", |t| t.contains("/s"), "a file's progress with its speed").await;
    screenshot(&client, "welcome-download-progress").await;

    // It ends on Discover with the new films searchable.
    find(&client, "[data-testid=search]").await;
    let catalogue_path = matinee_core::DataDir::at(driver.data_dir()).catalogue();
    let top = {
        let catalogue = matinee_core::catalogue::Catalogue::open(&catalogue_path).unwrap();
        let page = catalogue.search(&matinee_core::model::SearchQuery { limit: Some(1), ..Default::default() }, None);
        page.unwrap().films.remove(0)
    };
    assert!(top.key.0.starts_with("tt"), "the catalogue was built from the downloaded datasets: {top:?}");
    open_from_search(&client, &top.title, &top.key.0).await;
    for name in matinee_core::catalogue::dataset::FILES {
        let got = std::fs::read(driver.data_dir().join("datasets").join(format!("{name}.tsv.gz"))).unwrap();
        let sent = std::fs::read(served.path().join(format!("{name}.tsv.gz"))).unwrap();
        assert!(got == sent, "{name} arrived byte for byte");
    }
    client.close().await.unwrap();

    // The next start skips the welcome page, though the library is still empty.
    let client = driver.session().await;
    find(&client, "[data-testid=search]").await;
    assert_eq!(count(&client, "[data-testid=welcome]").await, 0, "no welcome page on the second start");
    client.close().await.unwrap();
}
