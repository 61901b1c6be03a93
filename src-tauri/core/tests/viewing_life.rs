//! The viewing life on real SQLite files: the diary with rewatches, lists, tags, notes search, and the
//! migration that added them.

use matinee_core::library::{Library, LATEST_VERSION};
use matinee_core::model::{DiaryQuery, NoteSource, ViewingId, ViewingInput};
use matinee_core::{CoreError, DataDir, Matinee};

const MIRACLE: &str = "mt:miracle-in-cell-no-7-2013";
const WHITE_GOD: &str = "mt:white-god-2014";
const GUILTY: &str = "mt:the-guilty-2018";

fn fresh() -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    (tmp, m)
}

fn on(date: &str) -> ViewingInput {
    ViewingInput { watched_on: Some(date.into()), ..ViewingInput::default() }
}

mod diary {
    use super::*;

    #[test]
    fn a_second_viewing_is_a_rewatch_and_both_ratings_are_kept() {
        let (_tmp, mut m) = fresh();
        let first = m.viewing_log(MIRACLE, &ViewingInput { rating: Some(60), ..on("2024-01-10") }).unwrap();
        assert!(!first.rewatch);
        let second = m
            .viewing_log(
                MIRACLE,
                &ViewingInput { rating: Some(80), note: "Better the second time".into(), ..on("2025-02-01") },
            )
            .unwrap();
        assert!(second.rewatch, "an earlier viewing exists");
        let user = m.film(MIRACLE).unwrap().user;
        assert_eq!(
            user.rating,
            Some(60),
            "the first viewing's rating became the film's; the second did not replace it"
        );
        let ratings: Vec<Option<u32>> = user.viewings.iter().map(|v| v.rating).collect();
        assert_eq!(ratings, vec![Some(80), Some(60)], "each viewing keeps its own rating, newest first");
        // The current rating is its own fact.
        m.rating_set(MIRACLE, Some(90)).unwrap();
        assert_eq!(m.film(MIRACLE).unwrap().user.viewings[1].rating, Some(60));
    }

    #[test]
    fn an_earlier_viewing_logged_later_is_not_a_rewatch_and_the_flag_can_be_set() {
        let (_tmp, mut m) = fresh();
        m.viewing_log(MIRACLE, &on("2025-02-01")).unwrap();
        let earlier = m.viewing_log(MIRACLE, &on("2020-05-05")).unwrap();
        assert!(!earlier.rewatch, "nothing was watched before 2020-05-05");
        let forced = m.viewing_log(WHITE_GOD, &ViewingInput { rewatch: Some(true), ..on("2021-01-01") }).unwrap();
        assert!(forced.rewatch, "the user says it is a rewatch");
        let edited = m.viewing_update(forced.id, &ViewingInput { rewatch: Some(false), ..on("2021-01-02") }).unwrap();
        assert!(!edited.rewatch);
        assert_eq!(edited.watched_on.as_deref(), Some("2021-01-02"));
    }

    #[test]
    fn bad_dates_and_ratings_are_refused_and_change_nothing() {
        let (_tmp, mut m) = fresh();
        for (input, field) in [
            (on("2999-01-01"), "watched_on"),
            (on("1869-12-31"), "watched_on"),
            (on("2024-02-30"), "watched_on"),
            (ViewingInput { rating: Some(101), ..on("2024-01-01") }, "rating"),
        ] {
            let e = m.viewing_log(MIRACLE, &input).unwrap_err();
            assert!(matches!(e, CoreError::Invalid { field: ref f, .. } if f == field), "{e}");
        }
        assert_eq!(m.diary(&DiaryQuery::default()).unwrap().total, 0);
        assert!(matches!(m.viewing_update(ViewingId(999), &on("2024-01-01")), Err(CoreError::NotFound { .. })));
    }

    #[test]
    fn viewings_without_a_date_are_allowed_and_come_last() {
        let (_tmp, mut m) = fresh();
        m.viewing_log(MIRACLE, &ViewingInput::default()).unwrap();
        m.viewing_log(WHITE_GOD, &on("2024-03-09")).unwrap();
        let diary = m.diary(&DiaryQuery::default()).unwrap();
        let months: Vec<Option<&str>> = diary.months.iter().map(|mo| mo.month.as_deref()).collect();
        assert_eq!(months, vec![Some("2024-03"), None]);
    }

    #[test]
    fn the_diary_groups_by_month_filters_and_undoes_a_delete() {
        let (_tmp, mut m) = fresh();
        m.viewing_log(MIRACLE, &ViewingInput { rating: Some(70), ..on("2024-03-09") }).unwrap();
        m.viewing_log(WHITE_GOD, &on("2024-03-20")).unwrap();
        let gone = m.viewing_log(GUILTY, &ViewingInput { rating: Some(90), ..on("2023-12-31") }).unwrap();
        m.viewing_log(MIRACLE, &on("2024-04-01")).unwrap();
        let diary = m.diary(&DiaryQuery::default()).unwrap();
        assert_eq!(diary.total, 4);
        assert_eq!(diary.years, vec![2024, 2023]);
        let shape: Vec<(String, usize)> =
            diary.months.iter().map(|mo| (mo.month.clone().unwrap(), mo.entries.len())).collect();
        assert_eq!(shape, vec![("2024-04".into(), 1), ("2024-03".into(), 2), ("2023-12".into(), 1)]);
        assert_eq!(diary.months[1].entries[0].film.key.0, WHITE_GOD, "newest first within a month");

        let q = |year, min_rating, rewatch| DiaryQuery { year, min_rating, rewatch, tag: None, films: None };
        assert_eq!(m.diary(&q(Some(2023), None, None)).unwrap().total, 1);
        assert_eq!(m.diary(&q(None, Some(80), None)).unwrap().total, 1);
        assert_eq!(m.diary(&q(None, None, Some(true))).unwrap().total, 1);

        m.viewing_delete(gone.id).unwrap();
        assert_eq!(m.diary(&DiaryQuery::default()).unwrap().total, 3);
        assert_eq!(m.diary(&DiaryQuery::default()).unwrap().years, vec![2024]);
        let back = m.viewing_restore(gone.id).unwrap();
        assert_eq!(back.rating, Some(90), "undo brings the viewing back whole");
        assert_eq!(m.diary(&DiaryQuery::default()).unwrap().total, 4);
    }
}

mod lists {
    use super::*;

    #[test]
    fn a_ranked_list_keeps_contiguous_ranks_through_adds_moves_and_removals() {
        let (_tmp, mut m) = fresh();
        let list = m.list_create("Korean essentials", "Start here.", true).unwrap();
        m.list_add(list.id, MIRACLE, None, "").unwrap();
        m.list_add(list.id, WHITE_GOD, None, "").unwrap();
        let detail = m.list_add(list.id, GUILTY, Some(1), "tense").unwrap();
        let order = |d: &matinee_core::model::ListDetail| {
            d.entries.iter().map(|e| (e.position, e.film.key.0.clone())).collect::<Vec<_>>()
        };
        assert_eq!(order(&detail), vec![(1, GUILTY.into()), (2, MIRACLE.into()), (3, WHITE_GOD.into())]);
        let detail = m.list_move(list.id, GUILTY, 3).unwrap();
        assert_eq!(order(&detail), vec![(1, MIRACLE.into()), (2, WHITE_GOD.into()), (3, GUILTY.into())]);
        let detail = m.list_move(list.id, GUILTY, 2).unwrap();
        assert_eq!(order(&detail), vec![(1, MIRACLE.into()), (2, GUILTY.into()), (3, WHITE_GOD.into())]);
        let detail = m.list_reorder(list.id, &[WHITE_GOD.into(), MIRACLE.into(), GUILTY.into()]).unwrap();
        assert_eq!(order(&detail), vec![(1, WHITE_GOD.into()), (2, MIRACLE.into()), (3, GUILTY.into())]);
        let detail = m.list_remove(list.id, WHITE_GOD).unwrap();
        assert_eq!(order(&detail), vec![(1, MIRACLE.into()), (2, GUILTY.into())]);
        assert_eq!(detail.entries[1].note, "tense", "the entry note stays with its film");
    }

    #[test]
    fn bad_list_arguments_are_typed_errors_and_change_nothing() {
        let (_tmp, mut m) = fresh();
        let list = m.list_create("Ranked", "", true).unwrap();
        m.list_add(list.id, MIRACLE, None, "").unwrap();
        assert!(matches!(m.list_create("  ranked ", "", false), Err(CoreError::Conflict { .. })), "names ignore case");
        assert!(matches!(m.list_create("  ", "", false), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.list_add(list.id, MIRACLE, None, ""), Err(CoreError::Conflict { .. })), "once per list");
        assert!(matches!(m.list_add(list.id, WHITE_GOD, Some(5), ""), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.list_add(list.id, WHITE_GOD, Some(0), ""), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.list_move(list.id, MIRACLE, 2), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.list_reorder(list.id, &[MIRACLE.into(), MIRACLE.into()]), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.list_get(matinee_core::model::ListId(77)), Err(CoreError::NotFound { .. })));
        let detail = m.list_get(list.id).unwrap();
        assert_eq!(detail.entries.len(), 1);
        assert_eq!(detail.entries[0].position, 1);
    }

    #[test]
    fn lists_are_renamed_described_and_deleted_and_a_film_can_be_in_many() {
        let (_tmp, mut m) = fresh();
        let a = m.list_create("A", "", false).unwrap();
        let b = m.list_create("B", "", true).unwrap();
        m.list_add(a.id, MIRACLE, None, "").unwrap();
        m.list_add(b.id, MIRACLE, None, "").unwrap();
        let lists = m.film(MIRACLE).unwrap().user.lists;
        assert_eq!(lists.len(), 2);
        let renamed = m.list_update(a.id, Some("Tearjerkers"), Some("Bring tissues"), None).unwrap();
        assert_eq!((renamed.name.as_str(), renamed.description.as_str()), ("Tearjerkers", "Bring tissues"));
        m.list_delete(b.id).unwrap();
        assert_eq!(m.lists().unwrap().len(), 1);
        assert_eq!(m.film(MIRACLE).unwrap().user.lists.len(), 1);
    }
}

mod tags {
    use super::*;

    #[test]
    fn tags_ignore_case_filter_everything_and_merge_on_rename() {
        let (_tmp, mut m) = fresh();
        m.tag_add(MIRACLE, "Tearjerker").unwrap();
        let part = m.tag_add(MIRACLE, "TEARJERKER").unwrap();
        assert_eq!(part.tags, vec!["Tearjerker"], "one tag whatever the case");
        m.tag_add(WHITE_GOD, "dogs").unwrap();
        m.tag_add(GUILTY, "Thriller night").unwrap();
        m.watchlist_set(WHITE_GOD, true).unwrap();
        m.watchlist_set(GUILTY, true).unwrap();
        m.viewing_log(WHITE_GOD, &on("2024-01-01")).unwrap();
        m.viewing_log(MIRACLE, &on("2024-01-02")).unwrap();

        let search =
            m.search(&matinee_core::model::SearchQuery { tag: Some("DOGS".into()), ..Default::default() }).unwrap();
        assert_eq!(search.films.iter().map(|f| f.key.0.as_str()).collect::<Vec<_>>(), vec![WHITE_GOD]);
        assert_eq!(m.watchlist(Some("dogs")).unwrap().len(), 1);
        let diary = m.diary(&DiaryQuery { tag: Some("Dogs".into()), ..DiaryQuery::default() }).unwrap();
        assert_eq!(diary.total, 1);

        m.tag_rename("dogs", "Animals").unwrap();
        m.tag_rename("tearjerker", "animals").unwrap();
        let tags = m.tags().unwrap();
        assert_eq!(tags.len(), 2, "{tags:?}");
        let animals = tags.iter().find(|t| t.name.eq_ignore_ascii_case("animals")).unwrap();
        assert_eq!(animals.films, 2, "the merged tag carries both films");
        assert!(matches!(m.tag_add(MIRACLE, "   "), Err(CoreError::Invalid { .. })));
        m.tag_remove(GUILTY, "thriller NIGHT").unwrap();
        assert_eq!(m.tags().unwrap().len(), 1, "a tag no film carries is forgotten");
    }
}

mod notes_search {
    use super::*;

    #[test]
    fn finds_words_across_every_kind_of_note_with_the_match_marked() {
        let (_tmp, mut m) = fresh();
        m.note_set(MIRACLE, "Saw it at the Cinémathèque with Dad.").unwrap();
        m.viewing_log(WHITE_GOD, &ViewingInput { note: "CINEMA night, packed house".into(), ..on("2024-01-01") })
            .unwrap();
        let list =
            m.list_create("Cinema of cruelty", "Films that hurt, from the cinematheque's season", false).unwrap();
        m.list_add(list.id, GUILTY, None, "A favourite of cinema lovers").unwrap();

        let hits = m.notes_search("cinem").unwrap();
        let sources: Vec<NoteSource> = hits.iter().map(|h| h.source).collect();
        assert_eq!(hits.len(), 4, "{sources:?}");
        for kind in [NoteSource::FilmNote, NoteSource::ViewingNote, NoteSource::ListDescription] {
            assert!(sources.contains(&kind), "{kind:?}");
        }
        let film_hit = hits.iter().find(|h| h.source == NoteSource::FilmNote).unwrap();
        assert_eq!(film_hit.film.as_ref().unwrap().key.0, MIRACLE, "a hit opens its film");
        let marked: Vec<&str> = film_hit.parts.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, vec!["Ciném"]);

        assert_eq!(m.notes_search("cinematheque dad").unwrap().len(), 1, "every word must appear");
        assert!(m.notes_search("ematheque").unwrap().is_empty(), "words match from their start");
        assert!(m.notes_search("  ").unwrap().is_empty());
    }
}

mod migration {
    use super::*;

    /// A library made by the foundation's schema (version 1), with rows in every table of that version.
    fn foundation_library(dir: &std::path::Path) {
        let conn = rusqlite::Connection::open(dir.join("library.sqlite3")).unwrap();
        conn.execute_batch(
            "CREATE TABLE film_ref (key TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, year INTEGER,
                 first_seen_at TEXT NOT NULL) STRICT;
             CREATE TABLE watchlist_entry (film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
                 added_at TEXT NOT NULL) STRICT;
             CREATE TABLE rating (film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
                 value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100), rated_at TEXT NOT NULL) STRICT;
             CREATE TABLE note (film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
                 body TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
             INSERT INTO film_ref VALUES ('mt:miracle-in-cell-no-7-2013', 'Miracle in Cell No. 7', 2013, '2026-01-01T00:00:00Z');
             INSERT INTO film_ref VALUES ('mt:gone-from-the-catalogue-1950', 'Gone From The Catalogue', 1950, '2026-01-01T00:00:00Z');
             INSERT INTO watchlist_entry VALUES ('mt:miracle-in-cell-no-7-2013', '2026-01-02T00:00:00Z');
             INSERT INTO rating VALUES ('mt:miracle-in-cell-no-7-2013', 70, '2026-01-03T00:00:00Z');
             INSERT INTO rating VALUES ('mt:gone-from-the-catalogue-1950', 35, '2026-01-03T00:00:00Z');
             INSERT INTO note VALUES ('mt:miracle-in-cell-no-7-2013', 'Bring tissues.', '2026-01-04T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }

    #[test]
    fn a_foundation_library_keeps_every_row_and_is_backed_up_first() {
        let tmp = tempfile::tempdir().unwrap();
        foundation_library(tmp.path());
        let lib = Library::open(&tmp.path().join("library.sqlite3"), &tmp.path().join("backups")).unwrap();
        drop(lib);
        let backups = matinee_core::library::list_backups(&tmp.path().join("backups"));
        let before = backups.iter().find(|b| b.file_name.ends_with("-before-v2.sqlite3")).expect("a backup");
        let old = rusqlite::Connection::open(&before.path).unwrap();
        let old_version: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(old_version, 1, "the backup is the library as it was before the migration");

        let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        let user = m.film(MIRACLE).unwrap().user;
        assert!(user.on_watchlist);
        assert_eq!(user.rating, Some(70));
        assert_eq!(user.note, "Bring tissues.");
        let gone = m.film("mt:gone-from-the-catalogue-1950").unwrap();
        assert_eq!((gone.title.as_str(), gone.user.rating), ("Gone From The Catalogue", Some(35)));
        drop(m);
        let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }
}

mod aliases {
    use super::*;

    #[test]
    fn viewings_lists_and_tags_follow_a_film_whose_key_changes() {
        let (tmp, mut m) = fresh();
        m.viewing_log(MIRACLE, &on("2024-01-01")).unwrap();
        m.tag_add(MIRACLE, "tears").unwrap();
        let list = m.list_create("L", "", true).unwrap();
        m.list_add(list.id, MIRACLE, None, "").unwrap();
        let pack = tmp.path().join("ids.json");
        std::fs::write(
            &pack,
            r#"{"format":"matinee-take-pack","format_version":1,"id":"ids","name":"Ids","author":"A","version":"1",
                "licence":"CC0-1.0","films":[{"ref":"m","title":"Miracle in Cell No. 7","year":2013,"kind":"movie",
                "ids":{"imdb":"tt9999999"}}]}"#,
        )
        .unwrap();
        m.pack_import(&pack).unwrap();
        let user = m.film("tt9999999").unwrap().user;
        assert_eq!((user.viewings.len(), user.tags.len(), user.lists.len()), (1, 1, 1), "nothing split off");
        // A write under the new key moves every row onto it.
        m.viewing_log("tt9999999", &on("2024-02-02")).unwrap();
        let user = m.film("tt9999999").unwrap().user;
        assert_eq!(user.viewings.len(), 2);
        assert!(user.viewings[0].rewatch);
        assert_eq!(m.list_move(list.id, "tt9999999", 1).unwrap().entries.len(), 1);
    }
}

mod concurrency {
    use super::*;

    /// Two processes writing one library at once (the app and the CLI, two scripts): writes that read first and
    /// then write take the write lock when they begin, so they wait for each other instead of failing with
    /// "database is locked".
    #[test]
    fn two_writers_moving_films_in_one_list_both_succeed_every_time() {
        let tmp = tempfile::tempdir().unwrap();
        let list = {
            let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
            let list = m.list_create("Shared", "", true).unwrap().id;
            for key in [MIRACLE, WHITE_GOD, GUILTY] {
                m.list_add(list, key, None, "").unwrap();
            }
            list
        };
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let dir = DataDir::at(tmp.path());
                std::thread::spawn(move || {
                    let mut m = Matinee::open(dir).unwrap();
                    for i in 0..150 {
                        let key = [MIRACLE, WHITE_GOD, GUILTY][(i + w) % 3];
                        m.list_move(list, key, 1 + ((i * 7 + w) % 3) as i64).unwrap();
                        if i % 10 == 0 {
                            // A tag of each writer's own: one writer's remove must not take away the tag the
                            // other is about to remove (a tag with no film left is gone, and removing it is
                            // NotFound), which would be the test racing itself, not the library.
                            let tag = format!("writer {w}");
                            m.tag_add(key, &tag).unwrap();
                            m.tag_remove(key, &tag).unwrap();
                            m.viewing_log(key, &on("2024-05-01")).unwrap();
                        }
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("a writer failed (database is locked?)");
        }
        let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        let detail = m.list_get(list).unwrap();
        assert_eq!(detail.entries.len(), 3, "no film lost or doubled by the two writers");
    }
}
