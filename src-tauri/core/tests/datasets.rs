//! The catalogue built from IMDb-shaped datasets: generated ones (scripts/gen-imdb-datasets.py) and the real
//! dataset heads in ../shared/real-exports. The old catalogue and the user's data survive every failure.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use matinee_core::model::SearchQuery;
use matinee_core::{CoreError, DataDir, Matinee};

fn generate(dir: &Path, titles: u32, gzip: bool) {
    generate_shaped(dir, titles, gzip, "default");
}

/// The generator's datasets of a shape: `default` (the real files' proportions) or `spread` (credits spread over
/// many people).
fn generate_shaped(dir: &Path, titles: u32, gzip: bool, shape: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(script).arg(dir).arg(titles.to_string()).args(["--shape", shape]);
    if gzip {
        cmd.arg("--gzip");
    }
    assert!(cmd.status().expect("python3 runs the generator").success());
}

/// The spread shape credits many more people for the same titles, and builds as the default shape does: every
/// credit of a kept film names a person, and a person is found by name.
#[test]
fn the_spread_shape_credits_more_people_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let mut people = Vec::new();
    for shape in ["default", "spread"] {
        let data = tmp.path().join(format!("datasets-{shape}"));
        generate_shaped(&data, 3000, true, shape);
        let mut m = Matinee::open(DataDir::at(tmp.path().join(format!("matinee-{shape}")))).unwrap();
        let report = m.catalogue_build(&data, &mut quiet()).unwrap();
        assert_eq!((report.titles_read, report.bad_rows), (3000, 0), "{shape}: {:?}", report.bad_row_notes);
        assert!(report.alternate_titles > 0, "{shape}");
        let conn = rusqlite::Connection::open(tmp.path().join(format!("matinee-{shape}/catalogue.sqlite3"))).unwrap();
        let nameless: i64 = conn
            .query_row("SELECT count(*) FROM credit WHERE person_id NOT IN (SELECT id FROM person)", [], |r| r.get(0))
            .unwrap();
        assert_eq!(nameless, 0, "{shape}");
        let name: String = conn
            .query_row(
                "SELECT p.name FROM person p JOIN credit c ON c.person_id = p.id ORDER BY p.id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(m.search(&SearchQuery { text: name.clone(), ..SearchQuery::default() }).unwrap().total > 0, "{name}");
        people.push(report.people);
    }
    assert!(people[1] > people[0] * 3 / 2, "people in the default and the spread shape: {people:?}");
}

fn quiet() -> impl FnMut(&str, u64, u64) -> ControlFlow<()> {
    |_, _, _| ControlFlow::Continue(())
}

fn keys(m: &Matinee, text: &str) -> Vec<String> {
    m.search(&SearchQuery { text: text.into(), limit: Some(500), ..SearchQuery::default() })
        .unwrap()
        .films
        .into_iter()
        .map(|f| f.key.0)
        .collect()
}

#[test]
fn a_generated_dataset_builds_a_searchable_catalogue_and_ratings_survive_rebuilds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 3000, true);
    let dir = DataDir::at(tmp.path().join("matinee"));
    let mut m = Matinee::open(dir.clone()).unwrap();
    let report = m.catalogue_build(&data, &mut quiet()).unwrap();
    assert_eq!(report.titles_read, 3000);
    assert!(report.films_kept > 500 && report.films_kept < 1200, "film-like kinds only: {}", report.films_kept);
    assert!(report.people > 0 && report.alternate_titles > 0);
    let status = m.catalogue_status().unwrap();
    assert!(status.films as u64 >= report.films_kept);
    // The counts kept for busy prefixes are the counts a search makes.
    let kept: Vec<(String, u32)> = {
        let conn = rusqlite::Connection::open(tmp.path().join("matinee/catalogue.sqlite3")).unwrap();
        // The search index, built in a file of its own and copied in, is whole: FTS5's own check of its structure,
        // and one row for every film.
        conn.execute("INSERT INTO film_search (film_search) VALUES ('integrity-check')", []).unwrap();
        let (indexed, films): (i64, i64) = conn
            .query_row("SELECT (SELECT count(*) FROM film_search WHERE film_search MATCH 'a* OR e* OR i* OR o* OR u*'), (SELECT count(*) FROM film)", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert!(indexed > films / 2 && indexed <= films, "{indexed} of {films} films found by a vowel");
        let mut stmt = conn.prepare("SELECT prefix, films FROM prefix_count").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
        rows
    };
    assert!(!kept.is_empty(), "some prefixes are busy enough to be kept");
    for (prefix, films) in &kept {
        let total =
            m.search(&SearchQuery { text: prefix.clone(), limit: Some(1), ..SearchQuery::default() }).unwrap().total;
        assert_eq!(total, *films, "{prefix}");
        let fresh = m
            .search(&SearchQuery {
                text: prefix.clone(),
                genre: Some("Drama".into()),
                limit: Some(1),
                ..SearchQuery::default()
            })
            .unwrap()
            .total;
        assert!(fresh <= *films, "with a filter the count is computed: {prefix}");
    }
    // Every lookup a result page makes is indexed: with a million films a scan costs seconds a page.
    let conn = rusqlite::Connection::open(tmp.path().join("matinee/catalogue.sqlite3")).unwrap();
    for (sql, index) in [
        ("SELECT alias FROM film_alias WHERE film_id = 1", "film_alias_film"),
        ("SELECT id FROM film WHERE rank = 1", "film_rank"),
        ("SELECT title FROM film_aka WHERE film_id = 1", "PRIMARY KEY (film_id=?)"),
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(plan.iter().any(|p| p.contains(index)), "{sql} should use {index}: {plan:?}");
    }
    assert!(status.imdb_datasets.is_some());

    // Folded search finds ø and a dataset film's card has an IMDb score with votes.
    let found = keys(&m, "soren");
    assert!(!found.is_empty(), "Søren titles are found by 'soren'");
    let dataset_film = m
        .search(&SearchQuery { limit: Some(500), ..SearchQuery::default() })
        .unwrap()
        .films
        .into_iter()
        .find(|f| f.key.0.starts_with("tt") && f.score.is_some())
        .expect("a rated dataset film");
    let card = m.film(dataset_film.key.as_str()).unwrap();
    let score = card.score.clone().unwrap();
    assert_eq!(score.source, "IMDb");
    assert!(score.votes.is_some());
    assert!(card.synopsis.is_none() && card.takes.is_empty(), "no invented synopsis or take");

    // A rating on a dataset film and on a pack film stay through a rebuild and a restart.
    m.rating_set(dataset_film.key.as_str(), Some(80)).unwrap();
    m.rating_set("mt:miracle-in-cell-no-7-2013", Some(70)).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    drop(m);
    let m = Matinee::open(dir).unwrap();
    assert_eq!(m.film(dataset_film.key.as_str()).unwrap().user.rating, Some(80));
    assert_eq!(m.film("mt:miracle-in-cell-no-7-2013").unwrap().user.rating, Some(70));
    assert_eq!(m.catalogue_status().unwrap().films, status.films, "the remembered datasets are used again");
}

#[test]
fn the_real_dataset_heads_build_and_alternate_titles_are_searched() {
    for head in ["othonas-2021", "slefforge-2024"] {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports/imdb-datasets").join(head);
        assert!(data.is_dir(), "tests read ../shared/real-exports");
        let tmp = tempfile::tempdir().unwrap();
        let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        let report = m.catalogue_build(&data, &mut quiet()).unwrap();
        assert!(report.films_kept > 0, "{head}: {report:?}");
        // Carmencita (tt0000001, a short) is in both heads.
        let card = m.film("tt0000001").unwrap();
        assert_eq!(card.title, "Carmencita");
        assert_eq!(card.kind, matinee_core::model::FilmKind::Short);
        assert_eq!(card.year, 1894);
        assert_eq!(card.score.unwrap().source, "IMDb");
        if head == "othonas-2021" {
            let titles = m.film("tt0000001").unwrap().alternate_titles;
            assert!(titles.contains(&"Καρμενσίτα".to_owned()), "{titles:?}");
            // Alternate titles are searched, in any script: the Greek and Russian titles of Carmencita.
            assert_eq!(keys(&m, "Καρμενσίτα").first().map(String::as_str), Some("tt0000001"));
            assert_eq!(keys(&m, "карменсита").first().map(String::as_str), Some("tt0000001"));
        }
    }
}

/// Copies the generated files, applying `damage` to one of them.
fn damaged(from: &Path, to: &Path, file: &str, damage: impl Fn(Vec<u8>) -> Vec<u8>) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(e.path()).unwrap();
        let bytes = if name == file { damage(bytes) } else { bytes };
        std::fs::write(to.join(&name), bytes).unwrap();
    }
    to.to_owned()
}

#[test]
fn a_bad_file_refuses_the_build_and_the_old_catalogue_and_the_library_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good");
    generate(&good, 2000, true);
    let dir = DataDir::at(tmp.path().join("matinee"));
    let mut m = Matinee::open(dir.clone()).unwrap();
    m.catalogue_build(&good, &mut quiet()).unwrap();
    let films = m.catalogue_status().unwrap().films;
    m.note_set("mt:white-god-2014", "keep me").unwrap();

    // A truncated download: a clear message naming the file, nothing lost.
    let cut = damaged(&good, &tmp.path().join("cut"), "title.basics.tsv.gz", |b| b[..b.len() / 2].to_vec());
    let e = m.catalogue_build(&cut, &mut quiet()).unwrap_err();
    assert!(e.to_string().contains("title.basics.tsv.gz"), "{e}");
    // A wrong header refuses the build.
    let wrong = damaged(&good, &tmp.path().join("wrong"), "title.ratings.tsv.gz", |_| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"id\tscore\n").unwrap();
        gz.finish().unwrap()
    });
    let e = m.catalogue_build(&wrong, &mut quiet()).unwrap_err();
    assert!(e.to_string().contains("title.ratings") && e.to_string().contains("line 1"), "{e}");
    // Cancelled halfway.
    let e = m.catalogue_build(&good, &mut |file, _, _| {
        if file == "title.crew" {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(matches!(e, Err(CoreError::Cancelled)));
    // Cancelled while the search index is written on two threads, as its finishing step starts, and while that
    // step runs on two threads (its second report comes from the thread that waits for them).
    for (step, nth) in [("search index", 2), ("filter table and checks", 1), ("filter table and checks", 2)] {
        let mut seen = 0;
        let e = m.catalogue_build(&good, &mut |file, _, _| {
            seen += usize::from(file == step);
            if seen >= nth {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert!(matches!(e, Err(CoreError::Cancelled)), "{step} ({nth}): {e:?}");
    }

    assert_eq!(m.catalogue_status().unwrap().films, films, "the old catalogue is still the one in use");
    assert!(!dir.catalogue().with_extension("staging.sqlite3").exists(), "no staging file is left");
    assert!(!dir.catalogue().with_extension("staging.search.sqlite3").exists(), "no search index file is left");
    drop(m);
    let m = Matinee::open(dir).unwrap();
    assert_eq!(m.catalogue_status().unwrap().films, films);
    assert_eq!(m.film("mt:white-god-2014").unwrap().user.note, "keep me");
}

#[test]
fn rows_with_the_wrong_number_of_fields_are_skipped_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good");
    generate(&good, 500, false);
    let bad = damaged(&good, &tmp.path().join("bad"), "title.basics.tsv", |b| {
        let mut text = String::from_utf8(b).unwrap();
        text.push_str("tt9999999\tmovie\tOnly four\tfields\n");
        text.into_bytes()
    });
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    let report = m.catalogue_build(&bad, &mut quiet()).unwrap();
    assert_eq!(report.bad_rows, 1);
    assert!(report.bad_row_notes[0].contains("title.basics.tsv, line 502"), "{:?}", report.bad_row_notes);
}

/// Pages asked for one by one join into the same list as one long page (exact titles first, then popularity),
/// and every filter count is the total a search with that filter value finds.
#[test]
fn pages_join_without_gaps_and_every_filter_count_is_a_search_total() {
    use matinee_core::catalogue::{RUNTIMES, SCORES, VOTES};
    use matinee_core::model::{FilmKind, SeenFilter};

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 3000, false);
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let all = m.search(&SearchQuery { limit: Some(500), ..SearchQuery::default() }).unwrap().films;
    // Some of the user's own marks, for the seen / watchlist / tag counts.
    for (i, film) in all.iter().take(40).enumerate() {
        let key = film.key.as_str();
        match i % 4 {
            0 => drop(m.rating_set(key, Some(60)).unwrap()),
            1 => drop(m.watchlist_set(key, true).unwrap()),
            2 => drop(m.tag_add(key, "Late night").unwrap()),
            _ => drop(m.tag_add(key, "Rewatch soon").unwrap()),
        }
    }
    let popular = matinee_core::text::fold(&all[0].title);
    let two_words: String = {
        let words: Vec<&str> = popular.split(' ').collect();
        if words.len() > 1 {
            format!("{} {}", words[0], words[1].chars().next().unwrap())
        } else {
            popular.clone()
        }
    };
    let queries = [
        SearchQuery::default(),
        SearchQuery { text: popular.clone(), ..SearchQuery::default() },
        SearchQuery { text: two_words, ..SearchQuery::default() },
        SearchQuery { text: "s".into(), genre: Some("Drama".into()), ..SearchQuery::default() },
        SearchQuery { kind: Some(FilmKind::Movie), min_votes: Some(100), ..SearchQuery::default() },
        SearchQuery { text: "l".into(), seen: Some(SeenFilter::Unseen), tag: None, ..SearchQuery::default() },
    ];
    for query in &queries {
        let total = |q: &SearchQuery| m.search(&SearchQuery { limit: Some(1), ..q.clone() }).unwrap().total;
        // Pages of 7 join into the first 70 of one page of 70.
        let long: Vec<String> = m
            .search(&SearchQuery { limit: Some(70), ..query.clone() })
            .unwrap()
            .films
            .into_iter()
            .map(|f| f.key.0)
            .collect();
        let mut joined = Vec::new();
        for page in 0..10 {
            let q = SearchQuery { limit: Some(7), offset: Some(page * 7), ..query.clone() };
            joined.extend(m.search(&q).unwrap().films.into_iter().map(|f| f.key.0));
        }
        assert_eq!(joined, long, "pages of {query:?}");
        let mut unique = long.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), long.len(), "no film twice: {query:?}");
        if query.text == popular {
            let first = m.film(&long[0]).unwrap();
            assert_eq!(matinee_core::text::fold(&first.title), query.text, "the exact title comes first");
        }

        let facets = m.search_facets(query).unwrap();
        let check = |values: &[matinee_core::model::FacetValue], with: &dyn Fn(&str) -> SearchQuery| {
            for v in values {
                assert_eq!(v.count, total(&with(&v.value)), "{} in {query:?}", v.value);
            }
        };
        check(&facets.genres, &|v| SearchQuery { genre: Some(v.into()), ..query.clone() });
        check(&facets.countries, &|v| SearchQuery { country: Some(v.into()), ..query.clone() });
        check(&facets.decades, &|v| SearchQuery { decade: Some(v.parse().unwrap()), ..query.clone() });
        check(&facets.kinds, &|v| SearchQuery { kind: FilmKind::parse(v), ..query.clone() });
        check(&facets.runtimes, &|v| {
            let (_, lo, hi) = RUNTIMES.iter().find(|r| r.0 == v).unwrap();
            SearchQuery { min_runtime: *lo, max_runtime: *hi, ..query.clone() }
        });
        check(&facets.scores, &|v| SearchQuery { min_score: Some(v.parse().unwrap()), ..query.clone() });
        check(&facets.votes, &|v| SearchQuery { min_votes: Some(v.parse().unwrap()), ..query.clone() });
        check(&facets.seen, &|v| {
            let seen = match v {
                "seen" => SeenFilter::Seen,
                "unseen" => SeenFilter::Unseen,
                _ => SeenFilter::Watchlist,
            };
            SearchQuery { seen: Some(seen), ..query.clone() }
        });
        check(&facets.tags, &|v| SearchQuery { tag: Some(v.into()), ..query.clone() });
        assert_eq!(facets.scores.len(), SCORES.len());
        assert_eq!(facets.votes.len(), VOTES.len());
        assert_eq!(facets.tags.len(), 2);
        assert!(facets.genres.iter().any(|g| g.count > 0) || total(query) == 0);
    }
}

/// A catalogue built from the datasets by an older Matinee, or from files that changed since, is not rebuilt
/// silently at start: the app opens at once (the old catalogue, or the take packs standing in for one of an older
/// schema) and is told which folder to build from, with progress, later.
#[test]
fn start_up_leaves_a_dataset_rebuild_to_the_caller_and_keeps_something_to_search() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 3000, true);
    let dir = DataDir::at(tmp.path().join("matinee"));
    let mut m = Matinee::open(dir.clone()).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let films = m.catalogue_status().unwrap().films;
    let rated = keys(&m, "").into_iter().find(|k| k.starts_with("tt")).expect("a dataset film");
    m.rating_set(&rated, Some(90)).unwrap();
    drop(m);

    // Nothing changed: nothing pending.
    let m = Matinee::open_deferring(dir.clone()).unwrap();
    assert_eq!(m.pending_build(), None);
    drop(m);

    // The dataset files changed: the catalogue in use stays, a build is pending.
    let basics = data.join("title.basics.tsv.gz");
    let file = std::fs::OpenOptions::new().append(true).open(&basics).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60)).unwrap();
    drop(file);
    let m = Matinee::open_deferring(dir.clone()).unwrap();
    assert_eq!(m.pending_build(), Some(std::fs::canonicalize(&data).unwrap().as_path()));
    assert_eq!(m.catalogue_status().unwrap().films, films, "the old catalogue answers meanwhile");
    drop(m);

    // A catalogue of an older schema: the take packs stand in, the build is pending, the rating is kept.
    let conn = rusqlite::Connection::open(tmp.path().join("matinee/catalogue.sqlite3")).unwrap();
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'", []).unwrap();
    drop(conn);
    let mut m = Matinee::open_deferring(dir.clone()).unwrap();
    let folder = m.pending_build().expect("a build is pending").to_path_buf();
    let stand_in = m.catalogue_status().unwrap().films;
    assert!(stand_in > 0 && stand_in < films, "the take packs alone: {stand_in} of {films}");
    assert_eq!(m.film(&rated).unwrap().user.rating, Some(90), "the rating is there before the build");
    m.catalogue_build(&folder, &mut quiet()).unwrap();
    assert_eq!(m.pending_build(), None);
    assert_eq!(m.catalogue_status().unwrap().films, films);
    assert_eq!(m.film(&rated).unwrap().user.rating, Some(90));
    drop(m);
    assert_eq!(Matinee::open_deferring(dir).unwrap().pending_build(), None, "built: nothing pending any more");
}

/// A search counts up to a cap and says so past it; the filter counts give the exact number.
#[test]
fn a_count_past_the_cap_is_marked_and_the_filter_counts_are_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 40_000, false);
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let films = m.catalogue_status().unwrap().films;
    let cap = matinee_core::catalogue::COUNT_CAP;
    assert!(films > cap, "enough films to pass the cap: {films}");
    let all = m.search(&SearchQuery::default()).unwrap();
    assert!(all.total_exact);
    assert_eq!(all.total, films, "no filter: the catalogue's count");
    let every = SearchQuery { min_votes: Some(0), ..SearchQuery::default() };
    let page = m.search(&every).unwrap();
    assert!(!page.total_exact, "a filter that keeps every film is counted up to the cap");
    assert_eq!(page.total, cap);
    assert_eq!(m.search_facets(&every).unwrap().total, films, "the filter counts count them all");
    let fewer = SearchQuery { min_votes: Some(1_000), ..SearchQuery::default() };
    let page = m.search(&fewer).unwrap();
    assert!(page.total_exact && page.total < cap);
    assert_eq!(m.search_facets(&fewer).unwrap().total, page.total);
}

/// A film the user rated before the datasets were there (an own film, known by title and year only) becomes the
/// dataset film of that title and year when the catalogue is built: one film, with the rating on it.
#[test]
fn own_films_from_before_the_datasets_merge_with_the_dataset_film_of_their_title_and_year() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 3000, false);
    // Which films the datasets hold, from a scratch build.
    let scratch = Matinee::open(DataDir::at(tmp.path().join("scratch"))).and_then(|mut m| {
        m.catalogue_build(&data, &mut quiet())?;
        Ok(m)
    });
    let scratch = scratch.unwrap();
    let film = scratch
        .search(&SearchQuery { limit: Some(200), ..SearchQuery::default() })
        .unwrap()
        .films
        .into_iter()
        .filter(|f| f.key.0.starts_with("tt"))
        .find(|f| scratch.catalogue().films_titled(&f.title, f.year).unwrap().len() == 1)
        .expect("a dataset film with a title and year of its own");
    drop(scratch);

    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    let csv = format!(
        "Date,Name,Year,Letterboxd URI,Rating\n2024-05-01,\"{}\",{},https://boxd.it/x1,4\n",
        film.title.replace('"', "\"\""),
        film.year.unwrap()
    );
    let files = matinee_core::import::read_bytes("ratings.csv", csv.into_bytes()).unwrap();
    let (plan, _) = m.import_prepare(files, None, "ratings.csv").unwrap();
    m.import_apply(&plan, &mut |_, _| ControlFlow::Continue(())).unwrap();
    assert!(m.film(film.key.as_str()).is_err(), "not in the catalogue yet");
    let own_key = format!("mt:{}", matinee_core::text::slug(&film.title, film.year.unwrap()));
    m.tag_add(&own_key, "festival").unwrap();

    m.catalogue_build(&data, &mut quiet()).unwrap();
    // Tagged under its own key before the build, put on the watchlist under its IMDb id after: the search that
    // asks for both finds it, and counts it as the filter counts do.
    m.watchlist_set(film.key.as_str(), true).unwrap();
    // (Writes gather a film's rows under its current key; an import can still leave them apart: put the tag back.)
    let library = rusqlite::Connection::open(tmp.path().join("matinee/library.sqlite3")).unwrap();
    let moved = library.execute("UPDATE film_tag SET film_key = ?1 WHERE film_key = ?2", [&own_key, &film.key.0]);
    assert_eq!(moved.unwrap(), 1);
    drop(library);
    let both = SearchQuery {
        tag: Some("festival".into()),
        seen: Some(matinee_core::model::SeenFilter::Watchlist),
        limit: Some(5),
        ..SearchQuery::default()
    };
    let page = m.search(&both).unwrap();
    assert_eq!(page.films.iter().map(|f| f.key.clone()).collect::<Vec<_>>(), vec![film.key.clone()]);
    assert_eq!(m.search_facets(&both).unwrap().total, page.total);
    let card = m.film(film.key.as_str()).unwrap();
    assert_eq!(card.user.rating, Some(80), "the rating made on the own film is on the dataset film");
    let found = m.search(&SearchQuery { text: film.title.clone(), limit: Some(5), ..SearchQuery::default() }).unwrap();
    assert_eq!(found.films[0].key, film.key);
    assert_eq!(found.films[0].rating, Some(80), "and the search result shows it");
}

/// Writes a title.basics of its own: `rows` are (tconst number, title, year).
fn basics_only(dir: &Path, rows: &[(u32, String, i32)]) {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = String::from(
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n",
    );
    for (n, title, year) in rows {
        text.push_str(&format!("tt{n:07}\tmovie\t{title}\t{title}\t0\t{year}\t\\N\t90\tDrama\n"));
    }
    std::fs::write(dir.join("title.basics.tsv"), text).unwrap();
}

/// More films than a page share one title: all of them come first, and the pages past them go on without a gap.
#[test]
fn hundreds_of_films_of_one_title_page_through_without_gaps() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    let mut rows: Vec<(u32, String, i32)> =
        (0..620).map(|i| (i + 1, "Untitled".to_owned(), 1950 + (i as i32 % 70))).collect();
    rows.extend((0..40).map(|i| (1000 + i, format!("Untitled Story {i}"), 2000)));
    basics_only(&data, &rows);
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let page = |offset: u32, limit: u32| -> Vec<String> {
        let q =
            SearchQuery { text: "untitled".into(), offset: Some(offset), limit: Some(limit), ..SearchQuery::default() };
        m.search(&q).unwrap().films.into_iter().map(|f| f.key.0).collect()
    };
    let mut all = Vec::new();
    for offset in (0..700).step_by(97) {
        all.extend(page(offset, 97));
    }
    assert_eq!(all.len(), 660, "every film once");
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 660);
    let first_story = all.iter().position(|k| k.as_str() >= "tt0001000").unwrap();
    assert_eq!(first_story, 620, "the 620 films titled exactly so come first");
}

/// An own film whose title and year two dataset films share is joined to neither: its data stays where it is.
#[test]
fn an_own_film_matching_two_dataset_films_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    basics_only(&data, &[(1, "Home".into(), 2009), (2, "Home".into(), 2009), (3, "Harbour".into(), 2009)]);
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    let csv = "Date,Name,Year,Letterboxd URI,Rating\n2024-05-01,Home,2009,https://boxd.it/h1,4\n\
               2024-05-01,Harbour,2009,https://boxd.it/h2,3\n";
    let files = matinee_core::import::read_bytes("ratings.csv", csv.as_bytes().to_vec()).unwrap();
    let (plan, _) = m.import_prepare(files, None, "ratings.csv").unwrap();
    m.import_apply(&plan, &mut |_, _| ControlFlow::Continue(())).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    assert_eq!(m.film("tt0000003").unwrap().user.rating, Some(60), "one film of that title and year: joined");
    for key in ["tt0000001", "tt0000002"] {
        assert_eq!(m.film(key).unwrap().user.rating, None, "{key}: two films could be either");
    }
    assert_eq!(m.film("mt:home-2009").unwrap().user.rating, Some(80), "the own film keeps its rating");
    // Symbols a tokenizer could split on never break a search.
    for text in ["a\u{1F170}b", "home \u{24B6}", "\u{2122}"] {
        m.search(&SearchQuery { text: text.into(), ..SearchQuery::default() }).unwrap();
        m.search_facets(&SearchQuery { text: text.into(), ..SearchQuery::default() }).unwrap();
    }
}

/// A library whose catalogue was built from these dataset files (name, content), in a temporary folder.
fn built_from(files: &[(&str, &str)]) -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for (name, text) in files {
        std::fs::write(data.join(name), text).unwrap();
    }
    let mut m = Matinee::open(DataDir::at(tmp.path().join("lib"))).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    (tmp, m)
}

/// A pack film that is also in the datasets: its people are named once, as the pack names them, and a dataset
/// film by the same director is found from the card's "same director" link.
#[test]
fn a_pack_film_in_the_datasets_names_each_person_once() {
    let (_tmp, m) = built_from(&[
        (
            "title.basics.tsv",
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
             tt6751668\tmovie\tParasite\tGisaengchung\t0\t2019\t\\N\t132\tDrama,Thriller\n\
             tt9999990\tmovie\tA Film Only the Datasets Have\t\\N\t0\t2020\t\\N\t100\tDrama\n",
        ),
        ("title.crew.tsv", "tconst\tdirectors\twriters\ntt6751668\tnm0094435\t\\N\ntt9999990\tnm0094435\t\\N\n"),
        (
            "title.principals.tsv",
            "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n\
             tt6751668\t1\tnm0814280\tactor\t\\N\t\\N\ntt6751668\t2\tnm9999991\tactor\t\\N\t\\N\n\
             tt9999990\t1\tnm0814280\tactor\t\\N\t\\N\n",
        ),
        (
            "name.basics.tsv",
            "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n\
             nm0094435\tBong Joon Ho\t1969\t\\N\tdirector\t\\N\nnm0814280\tSong Kang-ho\t1967\t\\N\tactor\t\\N\n\
             nm9999991\tSomeone Else\t\\N\t\\N\tactor\t\\N\n",
        ),
    ]);
    let card = m.film("tt6751668").unwrap();
    let names = |people: &[matinee_core::model::PersonRef]| people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&card.directors), ["Bong Joon-ho"], "the pack's director, once");
    let cast = names(&card.cast);
    assert_eq!(cast.iter().filter(|n| n.as_str() == "Song Kang-ho").count(), 1, "{cast:?}");
    assert!(!cast.contains(&"Someone Else".to_owned()), "the pack's cast stands: {cast:?}");
    // The pack's director and the dataset's are one person: the other film by him is found through the card.
    let by = m.search(&SearchQuery { text: "bong joon".into(), limit: Some(10), ..SearchQuery::default() }).unwrap();
    let keys: Vec<String> = by.films.iter().map(|f| f.key.as_str().to_owned()).collect();
    assert!(keys.contains(&"tt9999990".to_owned()) && keys.contains(&"tt6751668".to_owned()), "{keys:?}");
    let other = m.film("tt9999990").unwrap();
    assert_eq!(other.directors[0].id, card.directors[0].id, "one identity for the director");
}

/// Two IMDb people of one name, each on a film a pack credits to its person of that name: neither is taken for
/// the pack's person, so their other films are not joined to the pack's.
#[test]
fn namesakes_in_the_datasets_stay_apart_from_a_pack_person() {
    let (_tmp, m) = built_from(&[
        (
            "title.basics.tsv",
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
             tt6751668\tmovie\tParasite\tGisaengchung\t0\t2019\t\\N\t132\tDrama\n\
             tt0353969\tmovie\tMemories of Murder\tSalinui chueok\t0\t2003\t\\N\t131\tCrime\n\
             tt9999990\tmovie\tA Film Only the Datasets Have\t\\N\t0\t2020\t\\N\t100\tDrama\n",
        ),
        (
            "title.crew.tsv",
            "tconst\tdirectors\twriters\ntt6751668\tnm0094435\t\\N\ntt0353969\tnm9999992\t\\N\n\
             tt9999990\tnm0094435\t\\N\n",
        ),
        (
            "name.basics.tsv",
            "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n\
             nm0094435\tBong Joon Ho\t1969\t\\N\tdirector\t\\N\nnm9999992\tBong Joon Ho\t\\N\t\\N\tdirector\t\\N\n",
        ),
    ]);
    let parasite = m.film("tt6751668").unwrap();
    assert_eq!(parasite.directors.len(), 1, "{:?}", parasite.directors);
    assert_eq!(parasite.directors[0].name, "Bong Joon-ho");
    let other = m.film("tt9999990").unwrap();
    assert_eq!(other.directors[0].name, "Bong Joon Ho", "the IMDb person, left as IMDb names them");
    assert_ne!(other.directors[0].id, parasite.directors[0].id, "not joined to the pack's person");
}

/// A credit whose person name.basics lacks is dropped (it would show nameless); the credits of people it has stay.
/// Without name.basics every dataset credit goes.
#[test]
fn a_credit_whose_person_is_not_in_name_basics_is_dropped() {
    let basics =
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
                  tt9999980\tmovie\tA Film of Two Directors\t\\N\t0\t2020\t\\N\t100\tDrama\n";
    let crew = "tconst\tdirectors\twriters\ntt9999980\tnm9999981,nm9999982\t\\N\n";
    let principals = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n\
                      tt9999980\t1\tnm9999983\tactress\t\\N\t\\N\ntt9999980\t2\tnm9999984\tactor\t\\N\t\\N\n";
    let names = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n\
                 nm9999981\tFirst Director\t\\N\t\\N\tdirector\t\\N\nnm9999983\tAn Actress\t\\N\t\\N\tactress\t\\N\n";
    let (_tmp, m) = built_from(&[
        ("title.basics.tsv", basics),
        ("title.crew.tsv", crew),
        ("title.principals.tsv", principals),
        ("name.basics.tsv", names),
    ]);
    let card = m.film("tt9999980").unwrap();
    let names_of =
        |people: &[matinee_core::model::PersonRef]| people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names_of(&card.directors), ["First Director"]);
    assert_eq!(names_of(&card.cast), ["An Actress"]);
    // Everyone found: nothing dropped.
    let all = format!(
        "{names}nm9999982\tSecond Director\t\\N\t\\N\tdirector\t\\N\nnm9999984\tAn Actor\t\\N\t\\N\tactor\t\\N\n"
    );
    let (_tmp, m) = built_from(&[
        ("title.basics.tsv", basics),
        ("title.crew.tsv", crew),
        ("title.principals.tsv", principals),
        ("name.basics.tsv", &all),
    ]);
    let card = m.film("tt9999980").unwrap();
    assert_eq!(names_of(&card.directors), ["First Director", "Second Director"]);
    assert_eq!(names_of(&card.cast), ["An Actress", "An Actor"]);
    let (_tmp, m) =
        built_from(&[("title.basics.tsv", basics), ("title.crew.tsv", crew), ("title.principals.tsv", principals)]);
    let card = m.film("tt9999980").unwrap();
    assert!(card.directors.is_empty() && card.cast.is_empty(), "{:?} {:?}", card.directors, card.cast);
}

/// Every dataset film gets a "More like this" shelf, and every reason on it holds on the two films' cards: a
/// director or an actor named on both, the same two main genres within five years; the user's tags and ratings
/// join as reasons of their own.
#[test]
fn a_dataset_film_gets_an_explained_shelf_whose_reasons_hold() {
    use matinee_core::model::RelatedKind;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("datasets");
    generate(&data, 3000, false);
    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let films = m.search(&SearchQuery { limit: Some(300), ..SearchQuery::default() }).unwrap().films;
    let mut six = 0;
    for film in films.iter().filter(|f| f.key.0.starts_with("tt")).take(120) {
        let card = m.film(&film.key.0).unwrap();
        six += usize::from(card.related.len() >= 6);
        let mut last = usize::MAX;
        for r in &card.related {
            assert_eq!(r.reasons.first(), Some(&r.reason));
            assert!(
                r.reasons.len() <= last || r.reasons.iter().any(|t| t.starts_with("You ")),
                "{}: ordered by how many reasons hold",
                card.title
            );
            last = r.reasons.len();
            let other = m.film(&r.film.key.0).unwrap();
            for reason in &r.reasons {
                if let Some(names) = reason.strip_prefix("Same director: ") {
                    for name in names.split(", ") {
                        assert!(
                            card.directors.iter().chain(&other.directors).filter(|p| p.name == name).count() == 2,
                            "{reason}"
                        );
                    }
                } else if let Some(names) = reason.strip_prefix("Shared cast: ") {
                    for name in names.split(", ") {
                        assert!(
                            card.cast.iter().any(|p| p.name == name) && other.cast.iter().any(|p| p.name == name),
                            "{reason}"
                        );
                    }
                } else if let Some(rest) = reason.strip_prefix("Also ") {
                    let (genres, year) = rest.rsplit_once(", ").unwrap();
                    assert_eq!(year.parse::<i32>().unwrap(), other.year, "{reason}");
                    assert!((card.year - other.year).abs() <= 5, "{reason}");
                    for g in genres.split(" and ") {
                        assert!(other.genres.iter().any(|o| o.to_lowercase() == g), "{reason}: {:?}", other.genres);
                        assert!(card.genres.iter().take(2).any(|o| o.to_lowercase() == g), "{reason}");
                    }
                } else if let Some(rest) = reason.strip_prefix("Original title also listed for ") {
                    let (region, rest) = rest.split_once(" (IMDb alternate titles): ").unwrap();
                    let (here, there) = (card.title_origin.as_ref().unwrap(), other.title_origin.as_ref().unwrap());
                    assert!(here.region.name == region && there.region.name == region, "{reason}");
                    let year = rest.rsplit_once(", ").unwrap().1;
                    assert_eq!(year.parse::<i32>().unwrap(), other.year, "{reason}");
                    assert!((card.year - other.year).abs() <= 5, "{reason}");
                } else if !(reason.starts_with("You tagged both") || reason.starts_with("You rated both highly")) {
                    panic!("a reason no rule made: {reason}");
                }
            }
        }
    }
    assert!(six >= 100, "{six} of 120 dataset films have six neighbours or more");

    // The user's own reasons: a tag on two films, and two films rated highly that share a genre.
    let (a, b) = (&films[0].key.0, &films[1].key.0);
    m.tag_add(a, "rainy sundays").unwrap();
    m.tag_add(b, "rainy sundays").unwrap();
    let card = m.film(a).unwrap();
    let tagged = card.related.iter().find(|r| &r.film.key.0 == b).expect("the other tagged film is on the shelf");
    assert!(tagged.reasons.iter().any(|t| t == "You tagged both “rainy sundays”"), "{:?}", tagged.reasons);
    let genre = card.genres[0].clone();
    let same_genre = films.iter().skip(2).find(|f| f.genres.contains(&genre)).unwrap();
    m.rating_set(a, Some(90)).unwrap();
    m.rating_set(&same_genre.key.0, Some(80)).unwrap();
    let card = m.film(a).unwrap();
    let rated = card.related.iter().find(|r| r.film.key == same_genre.key).expect("the other liked film is there");
    assert!(rated.reasons.iter().any(|t| t == "You rated both highly: 4.5/5 and 4/5"), "{:?}", rated.reasons);
    assert!(card.related.iter().all(|r| r.kind != RelatedKind::Curated || r.curator.is_some()));
}

/// The region of an original title, derived from title.akas as the real files have it: the one region a film's
/// original title is listed for, checked against the real dataset heads read independently here.
#[test]
fn the_real_heads_give_the_region_their_original_titles_are_listed_for() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports/imdb-datasets/othonas-2021");
    let tmp = tempfile::tempdir().unwrap();
    let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    m.catalogue_build(&data, &mut quiet()).unwrap();
    let basics = std::fs::read_to_string(data.join("title.basics.tsv")).unwrap();
    let akas = std::fs::read_to_string(data.join("title.akas.tsv")).unwrap();
    let original: std::collections::HashMap<&str, &str> =
        basics.lines().skip(1).map(|l| l.split('\t').collect::<Vec<_>>()).map(|f| (f[0], f[3])).collect();
    let mut regions: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
    for f in akas.lines().skip(1).map(|l| l.split('\t').collect::<Vec<_>>()) {
        if original.get(f[0]) == Some(&f[2]) && f[3].len() == 2 && f[3] != "\\N" {
            regions.entry(f[0]).or_default().insert(f[3]);
        }
    }
    let mut derived = 0;
    for (id, _) in original.iter().filter(|(id, _)| akas.contains(&format!("{id}\t"))) {
        let Ok(card) = m.film(id) else { continue };
        let expected = regions.get(id).filter(|r| r.len() == 1).and_then(|r| r.first().copied());
        assert_eq!(card.title_origin.as_ref().map(|o| o.region.code.as_str()), expected, "{id} {}", card.title);
        derived += usize::from(expected.is_some());
    }
    assert!(derived >= 5, "{derived} films with a title region");
    // Le clown et ses chiens (1892) is listed under its original title for France; Carmencita for the US.
    let clown = m.film("tt0000002").unwrap();
    let origin = clown.title_origin.expect("a title region");
    assert_eq!((origin.region.code.as_str(), origin.region.name.as_str()), ("FR", "France"));
    assert!(clown.countries.is_empty(), "a title region is not a stated country");
    assert_eq!(m.film("tt0000001").unwrap().title_origin.unwrap().region.code, "US");
}

/// Dataset films with no stated country: the region of the original title links them on the shelf and answers
/// Tonight's country, each time said as what it is.
#[test]
fn a_title_region_links_dataset_films_and_answers_a_country_asked_for() {
    use matinee_core::model::{PickReasonKind, RelatedKind, TonightQuery};
    let (_tmp, m) = built_from(&[
        (
            "title.basics.tsv",
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
             tt9100001\tmovie\tThe Harbour Light\tHangu-ui bul\t0\t2011\t\\N\t118\tDrama,Romance\n\
             tt9100002\tmovie\tA Winter Road\tGyeoul-gil\t0\t2014\t\\N\t104\tDrama,Romance\n\
             tt9100003\tmovie\tLong Summer\tLong Summer\t0\t2012\t\\N\t99\tDrama,Romance\n\
             tt9100004\tmovie\tEverywhere\tEverywhere\t0\t2013\t\\N\t95\tDrama,Romance\n",
        ),
        (
            "title.ratings.tsv",
            "tconst\taverageRating\tnumVotes\ntt9100001\t7.4\t5200\ntt9100002\t7.1\t3100\n\
             tt9100003\t6.9\t8000\ntt9100004\t6.5\t9000\n",
        ),
        (
            "title.akas.tsv",
            "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n\
             tt9100001\t1\tHangu-ui bul\t\\N\t\\N\toriginal\t\\N\t1\n\
             tt9100001\t2\tHangu-ui bul\tKR\tko\timdbDisplay\t\\N\t0\n\
             tt9100001\t3\tThe Harbour Light\tUS\t\\N\t\\N\t\\N\t0\n\
             tt9100002\t1\tGyeoul-gil\t\\N\t\\N\toriginal\t\\N\t1\n\
             tt9100002\t2\tGyeoul-gil\tKR\t\\N\timdbDisplay\t\\N\t0\n\
             tt9100003\t1\tLong Summer\tUS\t\\N\t\\N\t\\N\t0\n\
             tt9100003\t2\tLong Summer\tGB\t\\N\t\\N\t\\N\t0\n\
             tt9100004\t1\tEverywhere\tXWW\t\\N\t\\N\t\\N\t0\n",
        ),
    ]);
    let harbour = m.film("tt9100001").unwrap();
    let origin = harbour.title_origin.clone().expect("listed for South Korea only");
    assert_eq!(origin.region.code, "KR");
    assert_eq!(origin.language.as_ref().map(|l| l.code.as_str()), Some("ko"));
    assert_eq!(m.film("tt9100002").unwrap().title_origin.unwrap().language, None, "no language named");
    assert_eq!(m.film("tt9100003").unwrap().title_origin, None, "listed for two regions: none said");
    assert_eq!(m.film("tt9100004").unwrap().title_origin, None, "the world is no region");
    let winter = harbour.related.iter().find(|r| r.film.key.0 == "tt9100002").expect("on the shelf");
    assert_eq!(winter.kind, RelatedKind::TitleRegion);
    assert_eq!(
        winter.reason,
        "Original title also listed for South Korea (IMDb alternate titles): drama and romance, 2014"
    );
    let long = harbour.related.iter().find(|r| r.film.key.0 == "tt9100003").expect("same genres and years");
    assert_eq!(long.kind, RelatedKind::SameEra, "{:?}", long.reasons);

    // Tonight, South Korea: the two films listed for it, each saying why; the others are not.
    let years = (Some(2010), Some(2015));
    let picks = m
        .tonight(&TonightQuery {
            country: Some("KR".into()),
            count: Some(5),
            year_from: years.0,
            year_to: years.1,
            ..Default::default()
        })
        .unwrap();
    let mut keys: Vec<&str> = picks.picks.iter().map(|p| p.film.key.0.as_str()).collect();
    keys.sort_unstable();
    assert!(keys.contains(&"tt9100001") && keys.contains(&"tt9100002"), "{keys:?}");
    assert!(!keys.contains(&"tt9100003") && !keys.contains(&"tt9100004"), "{keys:?}");
    for p in picks.picks.iter().filter(|p| p.film.key.0.starts_with("tt")) {
        assert!(
            p.reasons.iter().any(|r| r.kind == PickReasonKind::TitleRegion
                && r.text == "Its original title is the one listed for South Korea (IMDb alternate titles)"),
            "{:?}",
            p.reasons
        );
    }
    let korean = m
        .tonight(&TonightQuery {
            language: Some("ko".into()),
            count: Some(5),
            year_from: years.0,
            year_to: years.1,
            ..Default::default()
        })
        .unwrap();
    assert!(korean.picks.iter().any(|p| p.film.key.0 == "tt9100001"));
    assert!(!korean.picks.iter().any(|p| p.film.key.0 == "tt9100002"), "no language named for it");
}
