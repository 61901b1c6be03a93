//! Imports on the real exports in ../shared/real-exports (never copied into the repository) and on hostile
//! files made here: exact values, every row accounted for, bad input refused whole or skipped by line, and a
//! second run that changes nothing.

use std::path::{Path, PathBuf};

#[path = "common/dump.rs"]
mod dump;
use dump::dump;

use matinee_core::import::{read_bytes, read_path, SourceFile};
use matinee_core::model::{DiaryQuery, ImportPreview, ImportSource};
use matinee_core::{CoreError, DataDir, Matinee};

fn real(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports").join(path);
    assert!(p.exists(), "the real export {} is missing: tests read ../shared/real-exports", p.display());
    p
}

fn fresh() -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    (tmp, m)
}

fn import(m: &mut Matinee, path: &Path) -> ImportPreview {
    let files = read_path(path).unwrap();
    let (plan, _) = m.import_prepare(files, None, &path.display().to_string()).unwrap();
    m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().preview
}

fn dry_run(m: &mut Matinee, path: &Path) -> ImportPreview {
    let files = read_path(path).unwrap();
    m.import_prepare(files, None, "test").unwrap().1
}

fn count(p: &ImportPreview, what: &str) -> (u32, u32, u32) {
    p.counts.iter().find(|c| c.what == what).map(|c| (c.added, c.changed, c.unchanged)).unwrap_or((0, 0, 0))
}

/// Imports `files`, returns what the import said, and checks that importing the same files again changes nothing.
fn import_twice(m: &mut Matinee, files: impl Fn() -> Vec<SourceFile>) -> ImportPreview {
    let (plan, said) = m.import_prepare(files(), None, "t").unwrap();
    m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    let (_, again) = m.import_prepare(files(), None, "t").unwrap();
    assert!(again.nothing_to_do, "a second import changes nothing: {:?}", again.counts);
    said
}

mod letterboxd {
    use super::*;

    #[test]
    fn a_whole_2026_export_comes_in_exactly_and_a_second_run_changes_nothing() {
        let (tmp, mut m) = fresh();
        let p = import(&mut m, &real("letterboxd/aguitov-2026"));
        assert_eq!(p.source, ImportSource::Letterboxd);
        assert_eq!(count(&p, "viewings").0, 913, "every diary row is a viewing");
        assert_eq!(count(&p, "ratings").0, 913);
        assert_eq!(count(&p, "lists").0, 4);
        assert!(p.ignored_files.iter().any(|f| f.file == "deleted/diary.csv"), "deleted/ is not live data");
        assert!(p.ignored_files.iter().any(|f| f.file == "orphaned/diary.csv"));
        // 3.5 stars is 70, exactly.
        let remember_me = m.resolve("Remember Me (2010)").unwrap();
        assert_eq!(m.film(remember_me.as_str()).unwrap().user.rating, Some(70));

        let before = dump(tmp.path());
        let again = import(&mut m, &real("letterboxd/aguitov-2026"));
        assert!(again.nothing_to_do, "{:?}", again.counts);
        assert_eq!(dump(tmp.path()), before, "the second import wrote nothing");
    }

    #[test]
    fn reviews_with_html_and_line_breaks_become_their_viewing_notes() {
        let (_tmp, mut m) = fresh();
        let p = import(&mut m, &real("letterboxd/extratone-2024"));
        assert_eq!(count(&p, "reviews").0, 127, "every review, on its diary entry");
        let diary = m.diary(&DiaryQuery { year: Some(2017), ..DiaryQuery::default() }).unwrap();
        let spectre = diary
            .months
            .iter()
            .flat_map(|mo| &mo.entries)
            .find(|e| e.film.title == "Spectre")
            .expect("Spectre is in the 2017 diary");
        assert!(
            spectre.viewing.note.starts_with("Big Dan - his face, a jowly slate.\n\nBig Aston"),
            "line breaks kept"
        );
        let lost_boys = m.resolve("The Lost Boys (1987)").unwrap();
        let user = m.film(lost_boys.as_str()).unwrap().user;
        assert_eq!(user.viewings[0].note, "<b>KIEFO LOL</b>", "HTML is kept as the text it is");
        assert_eq!(user.rating, Some(70));
    }

    #[test]
    fn the_2022_layout_with_empty_uris_and_years_and_lists_without_a_marker() {
        let (_tmp, mut m) = fresh();
        let p = import(&mut m, &real("letterboxd/patrickmjones-2022"));
        assert_eq!(count(&p, "viewings").0, 2133, "rows with an empty URI or year are kept too");
        assert!(count(&p, "lists").0 >= 20);
        let lists = m.lists().unwrap();
        let favourites = lists.iter().find(|l| l.name == "All-Time Favorites").expect("the list");
        let detail = m.list_get(favourites.id).unwrap();
        assert_eq!(detail.entries[0].film.title, "Sonatine");
        let positions: Vec<u32> = detail.entries.iter().map(|e| e.position).collect();
        assert_eq!(positions, (1..=positions.len() as u32).collect::<Vec<_>>(), "positions stay 1..n");
    }

    #[test]
    fn a_zip_as_downloaded_imports_like_its_folder() {
        let folder = real("letterboxd/extratone-2024");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for entry in walk(&folder) {
            let name = entry.strip_prefix(&folder).unwrap().to_string_lossy().into_owned();
            zip.start_file(name, options).unwrap();
            std::io::Write::write_all(&mut zip, &std::fs::read(&entry).unwrap()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let (_t1, mut from_zip) = fresh();
        let (_t2, mut from_folder) = fresh();
        let files = read_bytes("letterboxd-export.zip", bytes.clone()).unwrap();
        let zipped = from_zip.import_prepare(files, None, "zip").unwrap().1;
        assert_eq!(zipped.counts, dry_run(&mut from_folder, &folder).counts);
        // A truncated download is refused with its name, and nothing is written.
        let cut = read_bytes("letterboxd-export.zip", bytes[..bytes.len() / 2].to_vec());
        match cut {
            Err(e) => assert!(e.to_string().contains("letterboxd-export.zip"), "{e}"),
            Ok(files) => {
                let e = from_zip.import_prepare(files, None, "zip").err().expect("refused");
                assert!(e.to_string().contains("letterboxd-export.zip") || e.to_string().contains("csv"), "{e}");
            }
        }
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out.sort();
        out
    }
}

mod imdb {
    use super::*;

    #[test]
    fn every_header_version_and_encoding_reads() {
        for (path, what, at_least) in [
            ("imdb-exports/laripping-2017/WATCHLIST.csv", "watchlist entries", 90),
            ("imdb-exports/laripping-2021/WATCHLIST.csv", "watchlist entries", 140),
            ("imdb-exports/dns-rs-2024/WATCHLIST.csv", "watchlist entries", 1500),
            ("imdb-exports/ethanfuerst-2021/ratings.csv", "ratings", 260),
            ("imdb-exports/mcanouil-2022/ratings.csv", "ratings", 1900),
            ("imdb-exports/ethanfuerst-2025/ratings.csv", "ratings", 400),
            ("imdb-exports/aureliome-2025-it/ratings.csv", "ratings", 800),
        ] {
            let (_tmp, mut m) = fresh();
            let p = import(&mut m, &real(path));
            assert_eq!(p.source, ImportSource::Imdb, "{path}");
            assert!(count(&p, what).0 >= at_least, "{path}: {:?}", p.counts);
        }
    }

    #[test]
    fn windows_1252_titles_are_decoded_and_ids_are_the_keys() {
        let (_tmp, mut m) = fresh();
        import(&mut m, &real("imdb-exports/laripping-2021/WATCHLIST.csv"));
        let titles: Vec<String> = m.watchlist(None).unwrap().into_iter().map(|f| f.title).collect();
        assert!(titles.iter().any(|t| t.contains("Das weiße Band")), "ß from Windows-1252");
        assert!(titles.iter().any(|t| t.starts_with("Szabadság")));
        let card = m.film("tt0093105").unwrap();
        assert_eq!(card.title, "Good Morning, Vietnam");
        assert!(card.user.on_watchlist);
    }

    #[test]
    fn episodes_are_skipped_with_their_line_and_ratings_are_exact() {
        let (_tmp, mut m) = fresh();
        let p = import(&mut m, &real("imdb-exports/aureliome-2025-it/ratings.csv"));
        assert!(p.skipped.iter().any(|s| s.file == "ratings.csv" && s.line > 1 && s.text.contains("episode")));
        assert_eq!(m.film("tt1074638").unwrap().user.rating, Some(70), "Skyfall rated 7/10 is 70");
    }

    #[test]
    fn letterboxd_after_imdb_merges_rather_than_duplicates() {
        let (tmp, mut m) = fresh();
        let dir = tmp.path().join("lb");
        std::fs::create_dir_all(&dir).unwrap();
        import(&mut m, &real("imdb-exports/laripping-2021/WATCHLIST.csv"));
        std::fs::write(
            dir.join("ratings.csv"),
            "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,\"Good Morning, Vietnam\",1987,https://boxd.it/x,4\n",
        )
        .unwrap();
        let p = import(&mut m, &dir);
        assert_eq!(p.new_films, 0, "the Letterboxd film is the IMDb film already in the library");
        let card = m.film("tt0093105").unwrap();
        assert_eq!((card.user.rating, card.user.on_watchlist), (Some(80), true));
    }
}

mod bad_input {
    use super::*;

    fn file(name: &str, text: &str) -> Vec<matinee_core::import::SourceFile> {
        read_bytes(name, text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn a_missing_required_column_refuses_the_whole_import() {
        let (tmp, mut m) = fresh();
        let before = dump(tmp.path());
        let e = m
            .import_prepare(
                file("diary.csv", "Date,Title,Letterboxd URI,Watched Date\n2024-01-01,X,u,2024-01-01\n"),
                None,
                "t",
            )
            .err()
            .expect("refused");
        assert!(e.to_string().contains("diary.csv") && e.to_string().contains("'name'"), "{e}");
        assert_eq!(dump(tmp.path()), before);
    }

    #[test]
    fn bad_rows_are_skipped_with_file_line_and_reason() {
        let (_tmp, mut m) = fresh();
        let text = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
                    2024-01-01,Fine,2001,u1,3.5,,,2024-01-01\r\n\
                    2024-01-01,Bad Rating,2001,u2,7,,,2024-01-01\r\n\
                    2024-01-01,Bad Date,2001,u3,3,,,2024-13-45\r\n\
                    2024-01-01,\"Quote \"\"Inside\"\" Title\",2001,u4,,,,2024-01-02";
        let (plan, p) = m.import_prepare(file("diary.csv", text), None, "t").unwrap();
        let skipped: Vec<(u32, &str)> = p.skipped.iter().map(|s| (s.line, s.text.as_str())).collect();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert_eq!(skipped[0].0, 3);
        assert!(skipped[0].1.contains("'7'"));
        assert_eq!(skipped[1].0, 4);
        assert!(skipped[1].1.contains("2024-13-45"));
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        assert!(m.resolve("Quote \"Inside\" Title (2001)").is_ok(), "quotes inside titles survive");
    }

    #[test]
    fn a_list_with_gaps_and_shared_ranks_imports_once_and_then_changes_nothing() {
        let (_tmp, mut m) = fresh();
        let text = "Letterboxd list export v7\r\n\
                    Date,Name,Tags,URL,Description\r\n\
                    2024-01-01,Gappy,,https://boxd.it/l1,\r\n\
                    \r\n\
                    Position,Name,Year,URL,Description\r\n\
                    1,Parasite,2019,https://boxd.it/a1,\r\n\
                    3,White God,2014,https://boxd.it/a2,\r\n\
                    3,The Guilty,2018,https://boxd.it/a3,\r\n\
                    9,Burning,2018,https://boxd.it/a4,\r\n";
        import_twice(&mut m, || read_bytes("lists/gappy.csv", text.as_bytes().to_vec()).unwrap());
    }

    #[test]
    fn a_diary_entry_or_a_rating_said_twice_keeps_the_last_and_names_the_line_that_wins() {
        let (_tmp, mut m) = fresh();
        let text = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
                    2024-01-01,White God,2014,https://boxd.it/twice,3.5,,,2024-01-01\r\n\
                    2024-01-02,White God,2014,https://boxd.it/twice,4.5,,,2024-01-02\r\n";
        let p = import_twice(&mut m, || read_bytes("diary.csv", text.as_bytes().to_vec()).unwrap());
        let skipped: Vec<(u32, &str)> = p.skipped.iter().map(|s| (s.line, s.text.as_str())).collect();
        assert_eq!(skipped, vec![(2, "line 3 has this diary entry again and is kept")]);
        let diary = m.diary(&DiaryQuery::default()).unwrap();
        let entries: Vec<_> = diary.months.iter().flat_map(|mo| mo.entries.iter()).collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].viewing.watched_on.as_deref(), Some("2024-01-02"));
        assert_eq!(entries[0].viewing.rating, Some(90));

        let ratings =
            "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Parasite,2019,u,4\n2024-01-01,Parasite,2019,u,5\n";
        let p = import_twice(&mut m, || read_bytes("ratings.csv", ratings.as_bytes().to_vec()).unwrap());
        assert!(p.skipped.iter().any(|s| s.line == 2 && s.text == "line 3 rates this film again and is kept"), "{p:?}");
    }

    #[test]
    fn two_diary_rows_sharing_an_entry_uri_stay_two_viewings_of_their_own_films() {
        let (_tmp, mut m) = fresh();
        let text = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n\
                    2024-01-01,White God,2014,https://boxd.it/same,3.5,,,2024-01-01\r\n\
                    2024-02-01,The Guilty,2018,https://boxd.it/same,4,,,2024-02-02\r\n";
        let files = || read_bytes("diary.csv", text.as_bytes().to_vec()).unwrap();
        let (plan, _) = m.import_prepare(files(), None, "t").unwrap();
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        let diary = m.diary(&DiaryQuery::default()).unwrap();
        let mut seen: Vec<(String, Option<String>)> = diary
            .months
            .iter()
            .flat_map(|mo| mo.entries.iter())
            .map(|e| (e.film.title.clone(), e.viewing.watched_on.clone()))
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            [("The Guilty".into(), Some("2024-02-02".into())), ("White God".into(), Some("2024-01-01".into()))]
        );
        let (_, again) = m.import_prepare(files(), None, "t").unwrap();
        assert!(again.nothing_to_do, "{:?}", again.counts);
    }

    #[test]
    fn a_watchlist_row_without_a_year_and_a_rating_with_it_stay_one_film_through_a_second_import() {
        for (title, year) in [("White God", "2014"), ("A Film Nobody Knows", "2019")] {
            for ratings_first in [false, true] {
                let (tmp, mut m) = fresh();
                let watchlist = format!("Date,Name,Year,Letterboxd URI\r\n2024-01-01,{title},,https://boxd.it/w1\r\n");
                let ratings = format!(
                    "Date,Name,Year,Letterboxd URI,Rating\r\n2024-01-02,{title},{year},https://boxd.it/r1,4\r\n"
                );
                let files = || {
                    let mut parts = vec![("watchlist.csv", watchlist.clone()), ("ratings.csv", ratings.clone())];
                    if ratings_first {
                        parts.reverse();
                    }
                    parts.into_iter().flat_map(|(n, t)| read_bytes(n, t.into_bytes()).unwrap()).collect::<Vec<_>>()
                };
                let (plan, _) = m.import_prepare(files(), Some(ImportSource::Letterboxd), "t").unwrap();
                m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
                let once = dump(tmp.path());
                let (plan, again) = m.import_prepare(files(), Some(ImportSource::Letterboxd), "t").unwrap();
                m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
                assert_eq!(dump(tmp.path()), once, "{title}, ratings first {ratings_first}: {:?}", again.counts);
                let (_, third) = m.import_prepare(files(), Some(ImportSource::Letterboxd), "t").unwrap();
                assert!(third.nothing_to_do, "{title}, ratings first {ratings_first}: {:?}", third.counts);
            }
        }
    }

    #[test]
    fn a_film_with_a_very_long_title_gets_a_key_that_opens_and_rates() {
        let (_tmp, mut m) = fresh();
        let title = format!("The Longest {} Title", "Very ".repeat(140));
        let text = format!("Date,Name,Year,Letterboxd URI,Rating\r\n2024-01-01,{title},2001,u1,3.5\r\n");
        let (plan, _) = m.import_prepare(file("ratings.csv", &text), None, "t").unwrap();
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        let key = m.resolve(&format!("{title} (2001)")).unwrap();
        assert!(key.as_str().len() <= 512, "a valid key: {} bytes", key.as_str().len());
        let card = m.film(key.as_str()).unwrap();
        assert_eq!(card.title, title);
        m.rating_set(key.as_str(), Some(80)).unwrap();
        assert_eq!(m.film(key.as_str()).unwrap().user.rating, Some(80));
    }

    #[test]
    fn a_file_of_nul_bytes_or_of_the_wrong_kind_is_refused() {
        let (_tmp, mut m) = fresh();
        let real_nul = real("letterboxd/aguitov-2026/deleted/comments.csv");
        let nul = read_bytes("diary.csv", std::fs::read(&real_nul).unwrap()).unwrap();
        let e = m.import_prepare(nul, Some(ImportSource::Letterboxd), "t").err().expect("refused");
        assert!(e.to_string().contains("NUL"), "{e}");
        let alone = read_path(&real_nul).unwrap();
        let e = m.import_prepare(alone, Some(ImportSource::Letterboxd), "comments.csv").err().expect("refused");
        assert!(e.to_string().contains("nothing to import"), "{e}");
        let e = m.import_prepare(file("notes.txt", "just some words\n"), None, "t").err().expect("refused");
        assert!(e.to_string().contains("notes.txt"), "{e}");
    }

    #[test]
    fn cancelling_an_import_writes_nothing() {
        let (tmp, mut m) = fresh();
        let before = dump(tmp.path());
        let files = read_path(&real("letterboxd/aguitov-2026")).unwrap();
        let (plan, _) = m.import_prepare(files, None, "t").unwrap();
        let mut calls = 0;
        let e = m
            .import_apply(&plan, &mut |_, _| {
                calls += 1;
                if calls > 3 {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            })
            .expect_err("cancelled");
        assert!(matches!(e, CoreError::Cancelled));
        assert_eq!(dump(tmp.path()), before, "all or nothing");
    }

    /// Hostile field values through a real CSV writer and back: tabs, line breaks, quotes, `\N`, control
    /// characters, emoji and RTL text all arrive as they were written.
    #[test]
    fn hostile_strings_round_trip_through_the_csv_reader() {
        let pieces =
            ["\t", "\n", "\r\n", "\"", "\"\"", ",", "\\N", "\u{1}", "\u{7f}", "🎬", "שלום", " ", "a", "Ω", "'"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut titles = Vec::new();
        for i in 0..300 {
            let mut t = format!("T{i} ");
            for _ in 0..(next() % 8) {
                t.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            titles.push(t);
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "Date",
            "Name",
            "Year",
            "Letterboxd URI",
            "Rating",
            "Rewatch",
            "Review",
            "Tags",
            "Watched Date",
        ])
        .unwrap();
        for (i, t) in titles.iter().enumerate() {
            w.write_record(["2024-01-01", t, "1999", &format!("u{i}"), "", "", t, "", "2024-01-01"]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let (_tmp, mut m) = fresh();
        let files = read_bytes("reviews.csv", bytes).unwrap();
        let (plan, p) = m.import_prepare(files, None, "t").unwrap();
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        let diary = m.diary(&DiaryQuery::default()).unwrap();
        let mut notes: Vec<String> =
            diary.months.iter().flat_map(|mo| &mo.entries).map(|e| e.viewing.note.clone()).collect();
        notes.sort();
        // Only the ends are trimmed and CRLF inside a field becomes LF, as for every imported text.
        let mut expected: Vec<String> = titles.iter().map(|t| t.trim().replace("\r\n", "\n")).collect();
        expected.sort();
        let differ = notes.iter().zip(&expected).filter(|(a, b)| a != b).count();
        assert!(notes.len() == expected.len() && differ == 0, "{differ} notes differ from what was written");
    }
}

mod export_and_backup {
    use super::*;

    #[test]
    fn json_export_imported_into_an_empty_library_exports_identically_and_twice_changes_nothing() {
        let (_t1, mut a) = fresh();
        import(&mut a, &real("letterboxd/extratone-2024"));
        a.note_set("mt:miracle-in-cell-no-7-2013", "Ünïcode, \"quotes\"\nand lines").unwrap();
        let list = a.list_create("Ranked ✓", "desc", true).unwrap();
        a.list_add(list.id, "mt:white-god-2014", None, "dogs").unwrap();
        let first = a.export_json().unwrap();

        let (t2, mut b) = fresh();
        let file = t2.path().join("library.json");
        std::fs::write(&file, &first).unwrap();
        let p = import(&mut b, &file);
        assert_eq!(p.source, ImportSource::Matinee);
        assert_eq!(b.export_json().unwrap(), first, "export, import into an empty library, export: identical");
        let again = import(&mut b, &file);
        assert!(again.nothing_to_do);
        assert_eq!(b.export_json().unwrap(), first);
    }

    #[test]
    fn a_broken_library_export_names_the_place_and_writes_nothing() {
        let (tmp, mut m) = fresh();
        m.note_set("mt:miracle-in-cell-no-7-2013", "x").unwrap();
        let mut export: serde_json::Value = serde_json::from_str(&m.export_json().unwrap()).unwrap();
        export["ratings"] =
            serde_json::json!([{ "film": "mt:nowhere-1900", "value": 50, "rated_at": "2024-01-01T00:00:00Z" }]);
        let file = tmp.path().join("bad.json");
        std::fs::write(&file, serde_json::to_string(&export).unwrap()).unwrap();
        let before = dump(tmp.path());
        let files = read_path(&file).unwrap();
        let e = m.import_prepare(files, None, "bad.json").err().expect("refused");
        assert!(e.to_string().contains("ratings[0].film"), "{e}");
        assert_eq!(dump(tmp.path()), before);
    }

    #[test]
    fn a_library_export_that_breaks_the_apps_rules_is_refused_naming_file_and_place() {
        let (tmp, mut m) = fresh();
        m.note_set("mt:miracle-in-cell-no-7-2013", "x").unwrap();
        m.viewing_log("mt:miracle-in-cell-no-7-2013", &Default::default()).unwrap();
        let list = m.list_create("Two", "", true).unwrap().id;
        m.list_add(list, "mt:miracle-in-cell-no-7-2013", None, "").unwrap();
        m.list_add(list, "mt:white-god-2014", None, "").unwrap();
        m.tag_add("mt:white-god-2014", "dogs").unwrap();
        let good: serde_json::Value = serde_json::from_str(&m.export_json().unwrap()).unwrap();
        let before = dump(tmp.path());
        type Spoil = Box<dyn Fn(&mut serde_json::Value)>;
        let cases: Vec<(&str, Spoil)> = vec![
            ("viewings[0].watched_on", Box::new(|e| e["viewings"][0]["watched_on"] = "9999-12-31".into())),
            ("viewings[0].watched_on", Box::new(|e| e["viewings"][0]["watched_on"] = "1869-12-31".into())),
            ("lists[0].entries[1].position", Box::new(|e| e["lists"][0]["entries"][1]["position"] = 1.into())),
            ("lists[0].entries", Box::new(|e| e["lists"][0]["entries"][1]["position"] = 4_000_000_000u64.into())),
            ("lists[0].entries", Box::new(|e| e["lists"][0]["entries"][0]["position"] = 0.into())),
            ("lists[0].name", Box::new(|e| e["lists"][0]["name"] = "".into())),
            ("tags[0].name", Box::new(|e| e["tags"][0]["name"] = " ".into())),
            ("tags[0].name", Box::new(|e| e["tags"][0]["name"] = "t".repeat(101).into())),
            ("films[0].key", Box::new(|e| e["films"][0]["key"] = "".into())),
        ];
        for (place, spoil) in cases {
            let mut export = good.clone();
            spoil(&mut export);
            let file = tmp.path().join("spoilt.json");
            std::fs::write(&file, serde_json::to_string(&export).unwrap()).unwrap();
            let files = read_path(&file).unwrap();
            let e = m.import_prepare(files, Some(ImportSource::Matinee), "spoilt.json").err().expect("refused");
            let said = e.to_string();
            assert!(said.contains("spoilt.json") && said.contains(place), "{place}: {said}");
            assert_eq!(dump(tmp.path()), before, "{place}: nothing changed");
        }
    }

    #[test]
    fn letterboxd_csv_export_keeps_ratings_dates_rewatches_and_reviews() {
        let (tmp, mut m) = fresh();
        import(&mut m, &real("letterboxd/extratone-2024"));
        let out = tmp.path().join("for-letterboxd");
        m.export_letterboxd(&out).unwrap();
        let mut r = csv::Reader::from_path(out.join("diary.csv")).unwrap();
        assert_eq!(
            r.headers().unwrap().iter().collect::<Vec<_>>(),
            vec!["Title", "Year", "imdbID", "WatchedDate", "Rating10", "Rewatch", "Tags", "Review"]
        );
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        let lost_boys = rows.iter().find(|row| &row[0] == "The Lost Boys").unwrap();
        assert_eq!((&lost_boys[3], &lost_boys[4], &lost_boys[7]), ("2017-12-19", "7", "<b>KIEFO LOL</b>"));
        // Read back by our own importer as a generic Letterboxd-style file: nothing lost on the way.
        assert_eq!(rows.len(), m.diary(&DiaryQuery::default()).unwrap().total as usize);
    }

    #[test]
    fn backup_and_restore_take_a_backup_first_and_keep_the_replaced_file() {
        let (tmp, mut m) = fresh();
        let dir = DataDir::at(tmp.path());
        m.rating_set("mt:white-god-2014", Some(40)).unwrap();
        let file = tmp.path().join("mine.sqlite3");
        m.backup_to(&file).unwrap();
        assert!(matches!(m.backup_to(&file), Err(CoreError::Conflict { .. })), "never overwrites");
        m.rating_set("mt:white-god-2014", Some(90)).unwrap();
        drop(m);
        let (safety, kept) = Matinee::restore_from(&dir, &file).unwrap();
        let safety = safety.expect("the current library is backed up first");
        assert!(safety.exists() && kept.exists());
        let m = Matinee::open(dir).unwrap();
        assert_eq!(m.film("mt:white-god-2014").unwrap().user.rating, Some(40));
        // The library before the restore is in the safety backup.
        let conn = rusqlite::Connection::open(&safety).unwrap();
        let v: i64 = conn.query_row("SELECT value FROM rating", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 90);
    }
}

mod trakt {
    use super::*;

    #[test]
    fn history_ratings_and_watchlist_from_the_official_export() {
        let (_tmp, mut m) = fresh();
        let p = import(&mut m, &real("trakt/yamtrack-export"));
        assert_eq!(p.source, ImportSource::Trakt);
        assert_eq!(count(&p, "watchlist entries").0, 6);
        assert_eq!(count(&p, "ratings").0, 4, "show ratings are kept with the show");
        assert!(count(&p, "viewings").0 > 0);
        assert_eq!(count(&p, "reviews").0, 0, "episode summaries are not reviews");
        // Frieren is a show, rated 8/10 = 80.
        let card = m.film("tt22248376").unwrap();
        assert_eq!(card.user.rating, Some(80));
        assert_eq!(card.kind, matinee_core::model::FilmKind::Show, "the kind the export gave");
        let again = import(&mut m, &real("trakt/yamtrack-export"));
        assert!(again.nothing_to_do, "{:?}", again.counts);
    }

    #[test]
    fn lists_take_their_names_from_lists_json_and_null_years_are_kept() {
        let (_tmp, mut m) = fresh();
        let p = import(&mut m, &real("trakt/josh-trakt-data/lists"));
        assert_eq!(count(&p, "list entries").0, 45);
        assert_eq!(count(&p, "watchlist entries").0, 176, "items with a null year are kept too");
        let lists = m.lists().unwrap();
        assert_eq!(lists.len(), 1);
        assert_eq!(lists[0].films, 45);
    }

    #[test]
    fn a_truncated_json_file_refuses_the_import_with_its_line() {
        let (tmp, mut m) = fresh();
        let before = dump(tmp.path());
        let files = read_path(&real("trakt/josh-trakt-data/ratings/ratings-movies.json.head2000")).unwrap();
        let e = m.import_prepare(files, None, "t").err().expect("refused");
        assert!(e.to_string().contains("ratings-movies.json.head2000, line 2001"), "{e}");
        assert_eq!(dump(tmp.path()), before);
    }
}

/// Hostile text through the JSON export and back: control characters, quotes, backslashes, `\N`, lone
/// surrogate-free emoji and RTL text are kept byte for byte.
#[test]
fn hostile_strings_round_trip_through_the_json_export() {
    let hostile = ["\t\"\\N\"\n", "\u{0}\u{1}\u{1f}", "\\\\u0041", "🎬‍🔥 שלום", "</script><b>x</b>", "\r\n\r", "''\"\""];
    let (_t1, mut a) = fresh();
    let keys = ["mt:miracle-in-cell-no-7-2013", "mt:white-god-2014", "mt:the-guilty-2018"];
    for (i, text) in hostile.iter().enumerate() {
        let key = keys[i % keys.len()];
        a.viewing_log(key, &matinee_core::model::ViewingInput { note: format!("{i}{text}"), ..Default::default() })
            .unwrap();
    }
    a.note_set(keys[0], hostile.concat().as_str()).unwrap();
    let first = a.export_json().unwrap();
    let (t2, mut b) = fresh();
    let file = t2.path().join("hostile.json");
    std::fs::write(&file, &first).unwrap();
    import(&mut b, &file);
    assert_eq!(b.export_json().unwrap(), first);
    assert_eq!(b.film(keys[0]).unwrap().user.note, hostile.concat().trim_end());
}

mod generic_csv {
    use super::*;
    use matinee_core::model::{CsvMapping, CsvTarget};

    #[test]
    fn columns_are_guessed_or_given_and_the_rows_land_as_asked() {
        let (_tmp, mut m) = fresh();
        let text = "Title;Year;Rating;Watched\nWhite God;2014;4,5;09/03/2024\nMiracle in Cell No. 7;2013;3;\n";
        let files = read_bytes("films.csv", text.as_bytes().to_vec()).unwrap();
        let (plan, p) = m.import_prepare(files, None, "films.csv").unwrap();
        assert_eq!(p.source, ImportSource::Csv);
        assert_eq!(p.columns, vec!["Title", "Year", "Rating", "Watched"]);
        let mapping = p.mapping.clone().unwrap();
        assert_eq!((mapping.title.as_deref(), mapping.rating_scale), (Some("Title"), Some(5)));
        assert_eq!(mapping.target, Some(CsvTarget::Diary));
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        let white_god = m.film("mt:white-god-2014").unwrap().user;
        assert_eq!(white_god.viewings[0].rating, Some(90), "4,5 of 5 is 90");
        assert_eq!(white_god.viewings[0].watched_on.as_deref(), Some("2024-09-03"), "M/D/YYYY");

        // The same file read as a watchlist instead.
        let files = read_bytes("films.csv", text.as_bytes().to_vec()).unwrap();
        let as_watchlist =
            CsvMapping { title: Some("Title".into()), target: Some(CsvTarget::Watchlist), ..Default::default() };
        let (plan, _) = m.import_prepare_mapped(files, Some(ImportSource::Csv), Some(as_watchlist), "t").unwrap();
        m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
        assert_eq!(m.watchlist(None).unwrap().len(), 2);
    }

    #[test]
    fn a_mapping_naming_a_missing_column_is_refused_with_the_columns() {
        let (_tmp, mut m) = fresh();
        let files = read_bytes("films.tsv", b"Name\tWhen\nHeat\t2024-01-01\n".to_vec()).unwrap();
        let mapping = CsvMapping { title: Some("Film".into()), ..Default::default() };
        let e = m.import_prepare_mapped(files, Some(ImportSource::Csv), Some(mapping), "t").err().expect("refused");
        assert!(e.to_string().contains("no column 'Film'") && e.to_string().contains("Name, When"), "{e}");
    }
}

/// A film Letterboxd renamed between two exports is still one film: its Letterboxd URI was remembered.
#[test]
fn a_renamed_film_is_found_again_by_its_service_id() {
    let (tmp, mut m) = fresh();
    let dir = tmp.path().join("lb");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |title: &str, rating: &str| {
        std::fs::write(
            dir.join("ratings.csv"),
            format!("Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,{title},1999,https://boxd.it/zZ9,{rating}\n"),
        )
        .unwrap();
    };
    write("The Olde Title", "3");
    let first = import(&mut m, &dir);
    assert_eq!(first.new_films, 1);
    write("The New Title", "4");
    let second = import(&mut m, &dir);
    assert_eq!(second.new_films, 0, "the same film, found by its URI");
    assert_eq!(count(&second, "ratings"), (0, 1, 0), "its rating changed");
    let key = m.resolve("The Olde Title (1999)").unwrap();
    assert_eq!(m.film(key.as_str()).unwrap().user.rating, Some(80));

    // The id travels in Matinee's JSON export: a library restored from it finds the film by its URI too.
    let json = m.export_json().unwrap();
    assert!(json.contains("\"source\": \"letterboxd\"") && json.contains("https://boxd.it/zZ9"), "{json}");
    let (tmp2, mut other) = fresh();
    let (plan, _) = other.import_prepare(read_bytes("library.json", json.into_bytes()).unwrap(), None, "t").unwrap();
    other.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    write("A Third Title", "4.5");
    let third = import(&mut other, &dir);
    assert_eq!(third.new_films, 0, "the restored library finds the film by its URI: {third:?}");
    assert_eq!(count(&third, "ratings"), (0, 1, 0));
    drop(tmp2);
}
