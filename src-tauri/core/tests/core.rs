//! Core tests on real SQLite files in temporary folders: the stores, packs, search and the data rules.

use std::path::Path;

use matinee_core::library::Library;
use matinee_core::model::{RelatedKind, SearchQuery};
use matinee_core::{CoreError, DataDir, LibraryProblem, Matinee};

const MIRACLE: &str = "mt:miracle-in-cell-no-7-2013";

fn fresh() -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    (tmp, m)
}

fn search(m: &Matinee, text: &str) -> Vec<String> {
    m.search(&SearchQuery { text: text.into(), ..SearchQuery::default() })
        .unwrap()
        .films
        .into_iter()
        .map(|f| f.key.0)
        .collect()
}

fn write_pack(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

fn pack_json(id: &str, films: &str, related: &str) -> String {
    format!(
        r#"{{"format":"matinee-take-pack","format_version":1,"id":"{id}","name":"Test {id}","author":"Tess Tester",
            "version":"1.0.0","licence":"CC0-1.0","films":[{films}],"related":[{related}]}}"#
    )
}

mod starter_pack {
    use super::*;

    /// The starter pack is a catalogue worth choosing from before any download: 250 films or more across eras,
    /// at least 120 curated links, and a "More like this" shelf of three or more on every film.
    #[test]
    fn every_starter_film_has_a_shelf_of_three_and_the_pack_is_wide() {
        let (_tmp, m) = fresh();
        let films = m.search(&SearchQuery { limit: Some(500), ..SearchQuery::default() }).unwrap().films;
        assert!(films.len() >= 250, "{} films", films.len());
        let pack: serde_json::Value =
            serde_json::from_str(include_str!("../packs/starter.json")).expect("the starter pack is JSON");
        assert!(pack["related"].as_array().unwrap().len() >= 120, "curated links");
        let decades: std::collections::BTreeSet<i32> =
            films.iter().filter_map(|f| f.year).map(|y| y / 10 * 10).collect();
        assert!(decades.len() >= 9, "{decades:?}");
        for f in &films {
            let card = m.film(&f.key.0).unwrap();
            assert!(card.related.len() >= 3, "{} has {} films like it", card.title, card.related.len());
            assert!(card.related.iter().all(|r| !r.reason.is_empty()));
        }
    }

    #[test]
    fn the_reference_film_and_its_shelf_are_there_with_their_scores() {
        let (_tmp, m) = fresh();
        let card = m.film(MIRACLE).unwrap();
        assert_eq!(card.score.as_ref().unwrap().tenths, 69);
        assert_eq!(card.runtime_minutes, Some(127));
        assert_eq!(card.genres, vec!["Comedy", "Drama", "Family"]);
        let curated: Vec<(String, u32)> = card
            .related
            .iter()
            .filter(|r| r.kind == RelatedKind::Curated)
            .map(|r| (r.film.title.clone(), r.film.score.as_ref().unwrap().tenths))
            .collect();
        let expected = [
            ("City Hunter", 67),
            ("White God", 73),
            ("Comrades, Almost a Love Story", 82),
            ("The Trial of the Chicago 7", 81),
            ("Problemista", 86),
            ("The Guilty", 90),
            ("Forgotten Love", 77),
            ("System Crasher", 90),
            ("Falling in Love Like in Movies", 84),
            ("Bray Wyatt: Becoming Immortal", 85),
        ];
        assert_eq!(curated.len(), 10, "the shelf holds the ten curated films: {curated:?}");
        for (title, score) in expected {
            assert!(
                curated.contains(&(title.to_owned(), score)),
                "{title} with {score} should be on the shelf: {curated:?}"
            );
        }
        // Each shelf film links back to the reference film, with a reason.
        let white_god = m.resolve("White God (2014)").unwrap();
        let back = m.film(white_god.as_str()).unwrap();
        assert!(back.related.iter().any(|r| r.film.key.0 == MIRACLE && !r.reason.is_empty()));
    }

    #[test]
    fn enough_films_for_discover_each_with_a_take_and_synopsis() {
        let (_tmp, m) = fresh();
        let page = m.search(&SearchQuery { limit: Some(500), ..SearchQuery::default() }).unwrap();
        assert!(page.total >= 51, "at least the reference film, its ten and forty more: {}", page.total);
        for film in &page.films {
            let card = m.film(film.key.as_str()).unwrap();
            assert!(!card.takes.is_empty(), "{} has a take", card.title);
            assert!(card.synopsis.is_some(), "{} has a synopsis", card.title);
            assert!(card.takes[0].line.chars().count() <= 120);
        }
    }

    #[test]
    fn messy_facts_are_normalised_and_same_director_works() {
        let (_tmp, m) = fresh();
        let card = m.film(MIRACLE).unwrap();
        assert_eq!(card.countries.len(), 1);
        assert_eq!((card.countries[0].code.as_str(), card.countries[0].name.as_str()), ("KR", "South Korea"));
        assert_eq!(card.languages.len(), 1);
        assert_eq!((card.languages[0].code.as_str(), card.languages[0].name.as_str()), ("ko", "Korean"));
        assert_eq!(card.directors.len(), 1, "two spellings of one director are one person");
        assert_eq!(card.directors[0].name, "Lee Hwan-kyung");
        let same: Vec<&str> = card
            .related
            .iter()
            .filter(|r| r.kind == RelatedKind::SameDirector)
            .map(|r| r.film.title.as_str())
            .collect();
        assert!(!same.is_empty(), "same director finds his other films");
        assert!(card
            .related
            .iter()
            .filter(|r| r.kind == RelatedKind::SameDirector)
            .all(|r| r.reason.contains("Lee Hwan-kyung")));
    }
}

mod search {
    use super::*;

    #[test]
    fn case_and_diacritics_are_folded_and_prefixes_match() {
        let (_tmp, m) = fresh();
        assert_eq!(search(&m, "miracle").first().map(String::as_str), Some(MIRACLE));
        assert!(search(&m, "MIRA").contains(&MIRACLE.to_owned()), "prefix, any case");
        let amelie = search(&m, "amelie");
        assert!(!amelie.is_empty(), "amelie finds Amélie");
        assert_eq!(search(&m, "AMÉLIE"), amelie);
        assert!(search(&m, "zzzzqqq").is_empty());
    }

    #[test]
    fn people_are_searched_too() {
        let (_tmp, m) = fresh();
        let found = search(&m, "hwan kyung");
        assert!(found.contains(&MIRACLE.to_owned()), "the director's name finds his films: {found:?}");
        assert!(found.len() >= 3, "Miracle in Cell No. 7, Lump Sugar and Champ: {found:?}");
    }

    #[test]
    fn filters_combine_with_text() {
        let (_tmp, m) = fresh();
        let korean =
            m.search(&SearchQuery { country: Some("KR".into()), limit: Some(500), ..SearchQuery::default() }).unwrap();
        assert!(korean.films.iter().any(|f| f.key.0 == MIRACLE));
        let q = |decade| SearchQuery {
            text: "miracle".into(),
            decade: Some(decade),
            genre: Some("Family".into()),
            ..SearchQuery::default()
        };
        assert_eq!(m.search(&q(2010)).unwrap().total, 1);
        assert_eq!(m.search(&q(1990)).unwrap().total, 0);
        let bad = m.search(&SearchQuery { decade: Some(1995), ..SearchQuery::default() });
        assert!(matches!(bad, Err(CoreError::Invalid { ref field, .. }) if field == "decade"));
    }

    #[test]
    fn facets_count_films() {
        let (_tmp, m) = fresh();
        let facets = m.facets().unwrap();
        let kr = facets.countries.iter().find(|c| c.value == "KR").unwrap();
        assert_eq!(kr.label, "South Korea");
        assert!(kr.count >= 1);
        assert!(facets.decades.iter().any(|d| d.value == "2010" && d.label == "2010s"));
    }
}

mod user_data {
    use super::*;

    #[test]
    fn watchlist_rating_and_note_are_kept_and_reported() {
        let (_tmp, mut m) = fresh();
        m.watchlist_set(MIRACLE, true).unwrap();
        m.rating_set(MIRACLE, Some(70)).unwrap();
        let part = m.note_set(MIRACLE, "Bring tissues.").unwrap();
        assert!(part.on_watchlist);
        assert_eq!(part.rating, Some(70));
        assert_eq!(part.note, "Bring tissues.");
        assert_eq!(m.watchlist(None).unwrap()[0].key.0, MIRACLE);
        let found = m.search(&SearchQuery { text: "miracle".into(), ..SearchQuery::default() });
        let first = &found.unwrap().films[0];
        assert!(first.on_watchlist && first.rating == Some(70), "search results carry the user's marks");

        // Clearing is possible, and an empty note removes the note.
        assert_eq!(m.rating_set(MIRACLE, None).unwrap().rating, None);
        assert_eq!(m.note_set(MIRACLE, "  ").unwrap().note, "");
        assert!(!m.watchlist_set(MIRACLE, false).unwrap().on_watchlist);
        assert!(m.watchlist(None).unwrap().is_empty());
    }

    #[test]
    fn bad_input_is_refused_and_changes_nothing() {
        let (tmp, mut m) = fresh();
        m.rating_set(MIRACLE, Some(70)).unwrap();
        let before = std::fs::read(tmp.path().join("library.sqlite3")).unwrap();
        for bad in [101, -1, 1000] {
            let e = m.rating_set(MIRACLE, Some(bad)).unwrap_err();
            assert!(matches!(e, CoreError::Invalid { ref field, .. } if field == "rating"), "{bad}: {e}");
        }
        assert!(matches!(m.rating_set("mt:no-such-film-1900", Some(50)), Err(CoreError::NotFound { .. })));
        assert!(matches!(m.note_set("", "text"), Err(CoreError::Invalid { ref field, .. }) if field == "key"));
        assert!(matches!(m.note_set(MIRACLE, &"x".repeat(100_001)), Err(CoreError::Invalid { .. })));
        assert_eq!(m.film(MIRACLE).unwrap().user.rating, Some(70), "the earlier rating is intact");
        drop(m);
        let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
        let rows: i64 = conn.query_row("SELECT count(*) FROM film_ref", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1, "refused writes left no trace");
        assert!(!before.is_empty());
    }

    #[test]
    fn ratings_are_stored_on_the_0_to_100_scale() {
        let (tmp, mut m) = fresh();
        let value = matinee_core::Rating::parse("3.5/5").unwrap().value();
        m.rating_set(MIRACLE, Some(value.into())).unwrap();
        drop(m);
        let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
        let stored: i64 =
            conn.query_row("SELECT value FROM rating WHERE film_key = ?1", [MIRACLE], |r| r.get(0)).unwrap();
        assert_eq!(stored, 70);
    }

    #[test]
    fn everything_survives_a_catalogue_rebuild_and_a_lost_catalogue() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path());
        let keys = {
            let mut m = Matinee::open(dir.clone()).unwrap();
            let page = m.search(&SearchQuery { limit: Some(500), ..SearchQuery::default() }).unwrap();
            let keys: Vec<String> = page.films.iter().map(|f| f.key.0.clone()).collect();
            for (i, key) in keys.iter().enumerate() {
                m.rating_set(key, Some((i as i64 * 7) % 101)).unwrap();
                m.note_set(key, &format!("note {i}")).unwrap();
            }
            m.rebuild_catalogue().unwrap();
            for (i, key) in keys.iter().enumerate() {
                let user = m.film(key).unwrap().user;
                assert_eq!(user.rating, Some(((i as u32) * 7) % 101), "{key} rating after rebuild");
                assert_eq!(user.note, format!("note {i}"));
            }
            keys
        };
        std::fs::remove_file(dir.catalogue()).unwrap();
        let m = Matinee::open(dir).unwrap();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(m.film(key).unwrap().user.note, format!("note {i}"), "{key} after a lost catalogue");
        }
    }
}

mod library_file {
    use super::*;

    #[test]
    fn a_new_library_is_durable_and_migrated() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::open(&tmp.path().join("library.sqlite3"), &tmp.path().join("backups")).unwrap();
        drop(lib);
        let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, matinee_core::library::LATEST_VERSION);
    }

    #[test]
    fn a_library_from_a_newer_matinee_is_refused_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("library.sqlite3");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let e = Matinee::open(DataDir::at(tmp.path())).err().expect("refused");
        assert!(matches!(e, CoreError::LibraryUnusable { reason: LibraryProblem::TooNew, .. }), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "never reset, never migrated down");
    }

    #[test]
    fn a_damaged_library_is_refused_untouched_and_a_backup_restores_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path());
        {
            let mut m = Matinee::open(dir.clone()).unwrap();
            m.rating_set(MIRACLE, Some(90)).unwrap();
            m.library().backup_to_folder(&dir.backups(), "manual").unwrap();
        }
        let garbage = vec![0x5au8; 4096];
        std::fs::write(dir.library(), &garbage).unwrap();
        let _ = std::fs::remove_file(tmp.path().join("library.sqlite3-wal"));
        let e = Matinee::open(dir.clone()).err().expect("refused");
        assert!(matches!(e, CoreError::LibraryUnusable { reason: LibraryProblem::Corrupt, .. }), "{e}");
        assert_eq!(std::fs::read(dir.library()).unwrap(), garbage, "the damaged file is left as it was");

        let backups = matinee_core::library::list_backups(&dir.backups());
        let newest = backups.first().expect("a backup");
        let kept = matinee_core::library::restore_backup(&dir.library(), Path::new(&newest.path)).unwrap();
        assert_eq!(std::fs::read(&kept).unwrap(), garbage, "the replaced file is kept");
        let m = Matinee::open(dir).unwrap();
        assert_eq!(m.film(MIRACLE).unwrap().user.rating, Some(90));
    }

    #[test]
    fn a_daily_backup_is_taken_once_the_library_holds_something() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path());
        {
            let mut m = Matinee::open(dir.clone()).unwrap();
            assert!(m.backups().is_empty(), "nothing to back up yet");
            m.watchlist_set(MIRACLE, true).unwrap();
        }
        let m = Matinee::open(dir.clone()).unwrap();
        assert_eq!(m.backups().len(), 1);
        drop(m);
        let m = Matinee::open(dir).unwrap();
        assert_eq!(m.backups().len(), 1, "one a day, not one a start");
    }
}

mod packs {
    use super::*;

    const FILM: &str = r#"{"ref":"a-quiet-test-2001","title":"A Quiet Test","year":2001,"kind":"movie",
        "countries":["France"],"languages":["French"],"genres":["Drama"],"directors":["Ada Testeur"],
        "synopsis":"A test film.","take":{"text":"Fine.","line":"Fine.","score":7.5}}"#;

    #[test]
    fn a_valid_pack_adds_its_films_and_survives_restarts() {
        let (tmp, mut m) = fresh();
        let file = write_pack(tmp.path(), "mine.json", &pack_json("my-pack", FILM, ""));
        let info = m.pack_import(&file).unwrap();
        assert_eq!((info.id.as_str(), info.films, info.builtin), ("my-pack", 1, false));
        assert_eq!(search(&m, "quiet test"), vec!["mt:a-quiet-test-2001".to_owned()]);
        drop(m);
        let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        assert_eq!(m.pack_list().unwrap().len(), 2);
        assert_eq!(search(&m, "quiet test").len(), 1);
    }

    #[test]
    fn broken_packs_name_the_place_and_load_nothing() {
        let (tmp, mut m) = fresh();
        let cases = [
            ("{\n  \"format\": \"matinee-take-pack\",\n  oops\n}", "line 3"),
            (&pack_json("p", &FILM.replace("2001,", "\"2001\","), "") as &str, "films[0].year"),
            (&pack_json("p", &FILM.replace("\"France\"", "\"Atlantis\""), ""), "films[0].countries"),
            (&pack_json("p", &FILM.replace("7.5", "75"), ""), "films[0].take.score"),
            (&pack_json("p", FILM, r#"{"from":"a-quiet-test-2001","to":"nope","reason":"x"}"#), "related[0].to"),
            (&pack_json("p", &FILM.replace("\"kind\"", "\"knid\""), ""), "films[0]"),
            (&pack_json("matinee-starter", FILM, ""), "starter"),
        ];
        for (i, (body, expected)) in cases.iter().enumerate() {
            let file = write_pack(tmp.path(), &format!("bad-{i}.json"), body);
            let e = m.pack_import(&file).unwrap_err();
            let text = e.to_string();
            assert!(text.contains(&format!("bad-{i}.json")), "the message names the file: {text}");
            assert!(text.contains(expected), "case {i}: '{text}' should mention {expected}");
            assert_eq!(m.pack_list().unwrap().len(), 1, "nothing was loaded from case {i}");
            assert!(search(&m, "quiet test").is_empty());
        }
        assert!(!tmp.path().join("packs").join("p.json").exists());
    }

    #[test]
    fn a_pack_that_is_not_utf8_names_the_place_and_a_huge_value_makes_no_huge_message() {
        let (tmp, mut m) = fresh();
        let mut bytes = pack_json("p", FILM, "").into_bytes();
        let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 5;
        bytes[at] = 0xff;
        let file = tmp.path().join("latin.json");
        std::fs::write(&file, &bytes).unwrap();
        let said = m.pack_import(&file).unwrap_err().to_string();
        assert!(said.contains("line 2, column 5") && said.contains("UTF-8"), "{said}");

        let huge = "x".repeat(10 * 1024 * 1024);
        let body = pack_json("p", &FILM.replace("\"France\"", &format!("\"{huge}\"")), "");
        let file = write_pack(tmp.path(), "huge.json", &body);
        let said = m.pack_import(&file).unwrap_err().to_string();
        assert!(said.contains("films[0].countries") && said.len() < 1000, "{} bytes: {}", said.len(), &said[..200]);
        assert_eq!(m.pack_list().unwrap().len(), 1, "nothing was loaded");
    }

    #[test]
    fn a_film_two_packs_speak_of_is_one_film_with_both_takes() {
        let (tmp, mut m) = fresh();
        m.rating_set(MIRACLE, Some(80)).unwrap();
        let film = r#"{"ref":"miracle","title":"Miracle in Cell No. 7","year":2013,"kind":"movie",
            "ids":{"imdb":"tt9999999"},"take":{"text":"Another view.","line":"Another view.","score":8.0}}"#;
        let file = write_pack(tmp.path(), "second.json", &pack_json("second", film, ""));
        m.pack_import(&file).unwrap();
        assert_eq!(search(&m, "miracle in cell").len(), 1, "one film, not two");
        // The film now has an IMDb id as its key; the rating made under the old key is still its rating.
        let card = m.film(MIRACLE).unwrap();
        assert_eq!(card.key.0, "tt9999999");
        assert_eq!(card.takes.len(), 2, "each pack's take, with its author");
        assert!(card.takes.iter().any(|t| t.author == "Tess Tester"));
        assert_eq!(card.user.rating, Some(80));
        // A new write moves the user's rows onto the film's key: nothing splits, nothing is lost.
        m.note_set("tt9999999", "merged").unwrap();
        let user = m.film("tt9999999").unwrap().user;
        assert_eq!((user.rating, user.note.as_str()), (Some(80), "merged"));
        assert_eq!(m.resolve(MIRACLE).unwrap().0, "tt9999999");
    }

    #[test]
    fn an_ambiguous_title_lists_the_candidates() {
        let (tmp, mut m) = fresh();
        let films = r#"{"ref":"twin-a","title":"Twin Title","year":1990,"kind":"movie"},
                       {"ref":"twin-b","title":"Twin Title","year":2020,"kind":"movie"}"#;
        let file = write_pack(tmp.path(), "twins.json", &pack_json("twins", films, ""));
        m.pack_import(&file).unwrap();
        match m.resolve("twin title") {
            Err(CoreError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
            other => panic!("expected ambiguity, got {other:?}"),
        }
        assert_eq!(m.resolve("Twin Title (2020)").unwrap().0, "mt:twin-title-2020");
    }

    #[test]
    fn a_stale_staging_file_is_removed_at_start() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = tmp.path().join("catalogue.staging.sqlite3");
        std::fs::write(&staging, b"half a catalogue").unwrap();
        let _m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        assert!(!staging.exists());
    }
}

mod review_regressions {
    use super::*;

    #[test]
    fn two_films_with_different_imdb_ids_stay_two_films_whatever_their_titles() {
        let (tmp, mut m) = fresh();
        let films = r#"{"ref":"a","title":"Twin","year":2001,"kind":"movie","ids":{"imdb":"tt1111111"}},
                       {"ref":"b","title":"Twin","year":2001,"kind":"movie","ids":{"imdb":"tt2222222"}}"#;
        m.pack_import(&write_pack(tmp.path(), "twins.json", &pack_json("twins", films, ""))).unwrap();
        assert_eq!(m.film("tt1111111").unwrap().key.0, "tt1111111");
        assert_eq!(m.film("tt2222222").unwrap().key.0, "tt2222222");
    }

    #[test]
    fn merging_two_keys_of_one_film_keeps_both_notes() {
        let (tmp, mut m) = fresh();
        m.note_set(MIRACLE, "Written under the old key.").unwrap();
        // A pack gives the film an IMDb id; the card reads the old note through the alias.
        let film =
            r#"{"ref":"m","title":"Miracle in Cell No. 7","year":2013,"kind":"movie","ids":{"imdb":"tt9999999"}}"#;
        m.pack_import(&write_pack(tmp.path(), "ids.json", &pack_json("ids", film, ""))).unwrap();
        let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
        // Another note exists under the new key already (written by another tool, say).
        conn.execute_batch(
            "INSERT INTO film_ref (key, title, year, first_seen_at) VALUES ('tt9999999', 'Miracle in Cell No. 7', 2013, '2026-01-01T00:00:00Z');
             INSERT INTO note VALUES ('tt9999999', 'Written under the new key.', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
        let user = m.rating_set("tt9999999", Some(50)).unwrap();
        assert!(user.note.contains("Written under the new key."), "{}", user.note);
        assert!(user.note.contains("Written under the old key."), "{}", user.note);
    }

    #[test]
    fn a_second_pack_with_a_taken_id_is_left_out_with_a_notice() {
        let tmp = tempfile::tempdir().unwrap();
        let packs = tmp.path().join("packs");
        std::fs::create_dir_all(&packs).unwrap();
        let film = r#"{"ref":"x","title":"Only Once","year":2001,"kind":"movie"}"#;
        std::fs::write(packs.join("a.json"), pack_json("same", film, "")).unwrap();
        std::fs::write(packs.join("b.json"), pack_json("same", &film.replace("Only Once", "Twice"), "")).unwrap();
        let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        assert!(m.notices().iter().any(|n| n.contains("b.json") && n.contains("same")), "{:?}", m.notices());
        assert_eq!(search(&m, "only once").len(), 1);
    }

    #[test]
    fn restoring_twice_keeps_every_replaced_library() {
        let (tmp, mut m) = fresh();
        let dir = DataDir::at(tmp.path());
        m.rating_set(MIRACLE, Some(10)).unwrap();
        let backup = m.library().backup_to_folder(&dir.backups(), "manual").unwrap();
        drop(m);
        let first = matinee_core::library::restore_backup(&dir.library(), &backup).unwrap();
        let second = matinee_core::library::restore_backup(&dir.library(), &backup).unwrap();
        assert_ne!(first, second);
        assert!(first.exists() && second.exists());
    }
}

mod own_takes {
    use super::*;

    const WHITE_GOD: &str = "mt:white-god-2014";
    const PARASITE: &str = "tt6751668";

    fn write_take(m: &mut Matinee) {
        m.author_set("Ana Reyes").unwrap();
        m.take_set(WHITE_GOD, "Dogs run the city.", "A furious fable.", Some(85), "A girl looks for her dog.").unwrap();
        m.link_add(WHITE_GOD, PARASITE, "Two families, one house").unwrap();
    }

    #[test]
    fn a_take_is_signed_shown_beside_the_packs_and_on_the_shelf() {
        let (_tmp, mut m) = fresh();
        write_take(&mut m);
        let card = m.film(WHITE_GOD).unwrap();
        let authors: Vec<&str> = card.takes.iter().map(|t| t.author.as_str()).collect();
        assert_eq!(authors, vec!["Matinee curators", "Ana Reyes"]);
        assert_eq!(card.user.take.as_ref().unwrap().synopsis.as_deref(), Some("A girl looks for her dog."));
        assert_eq!(card.related[0].film.key.0, PARASITE);
        assert_eq!(
            (card.related[0].kind, card.related[0].curator.as_deref()),
            (RelatedKind::Curated, Some("Ana Reyes"))
        );
        // Half a take is refused by its field, and changes nothing.
        for (text, line, score, field) in [
            ("t", "", Some(80), "line"),
            ("", "l", Some(80), "text"),
            ("t", "l", None, "score"),
            ("t", "l", Some(101), "score"),
        ] {
            match m.take_set(WHITE_GOD, text, line, score, "") {
                Err(CoreError::Invalid { field: f, .. }) => assert_eq!(f, field, "{text:?} {line:?} {score:?}"),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(m.film(WHITE_GOD).unwrap().user.take.unwrap().score_tenths, Some(85));
        let long = "x".repeat(121);
        assert!(matches!(m.take_set(WHITE_GOD, "t", &long, Some(80), ""), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.link_add(WHITE_GOD, WHITE_GOD, "itself"), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.link_add(WHITE_GOD, PARASITE, "  "), Err(CoreError::Invalid { .. })));
        // All empty removes the take; the link goes with link_remove.
        m.take_set(WHITE_GOD, "", "", None, "").unwrap();
        assert!(m.film(WHITE_GOD).unwrap().user.take.is_none());
        m.link_remove(WHITE_GOD, PARASITE).unwrap();
        assert!(matches!(m.link_remove(WHITE_GOD, PARASITE), Err(CoreError::NotFound { .. })));
    }

    #[test]
    fn takes_travel_in_the_json_export_and_round_trip() {
        let (tmp, mut m) = fresh();
        write_take(&mut m);
        let json = m.export_json().unwrap();
        let data: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(data["format_version"], 3);
        assert_eq!(data["takes"][0]["film"], WHITE_GOD);
        assert_eq!(data["links"][0]["reason"], "Two families, one house");
        assert_eq!(data["pack"]["author"], "Ana Reyes");
        let file = write_pack(tmp.path(), "library.json", &json);
        let (_other, mut fresh_m) = fresh();
        let files = matinee_core::import::read_path(&file).unwrap();
        let (prepared, _) = fresh_m.import_prepare(files, None, "library.json").unwrap();
        fresh_m.import_apply(&prepared, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        assert_eq!(fresh_m.export_json().unwrap(), json, "the same file again");
    }

    #[test]
    fn the_pack_export_is_a_take_pack_whose_new_version_says_what_changed() {
        let (tmp, mut m) = fresh();
        let path = tmp.path().join("ana.json");
        assert!(matches!(m.pack_export(&path), Err(CoreError::Invalid { .. })), "no name yet");
        write_take(&mut m);
        let first = m.pack_export(&path).unwrap();
        assert_eq!((first.version, first.films, first.links), (1, 2, 1));
        let (_other, mut reader) = fresh();
        let imported = reader.pack_import_report(&path).unwrap();
        assert_eq!((imported.pack.author.as_str(), imported.replaced.as_deref()), ("Ana Reyes", None));
        let card = reader.film(WHITE_GOD).unwrap();
        assert!(card
            .takes
            .iter()
            .any(|t| t.author == "Ana Reyes" && t.text == "Dogs run the city." && t.score_tenths == 85));
        // A new version: one take rewritten, one film added.
        m.take_set(WHITE_GOD, "Dogs run the city, and it is glorious.", "A furious fable.", Some(90), "").unwrap();
        m.take_set(PARASITE, "Perfect.", "Perfect.", Some(100), "").unwrap();
        assert_eq!(m.pack_export(&path).unwrap().version, 2);
        let again = reader.pack_import_report(&path).unwrap();
        assert_eq!(again.replaced.as_deref(), Some("1"));
        assert_eq!(
            again.changes,
            vec!["takes or synopses rewritten: Parasite (2019), White God (2014)".to_string()],
            "{:?}",
            again.changes
        );
        assert!(reader.film(WHITE_GOD).unwrap().takes.iter().any(|t| t.score_tenths == 90));
        assert_eq!(
            reader.pack_list().unwrap().iter().filter(|p| p.author == "Ana Reyes").count(),
            1,
            "replaced, not added"
        );
    }
}
