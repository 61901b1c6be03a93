//! Tonight on real SQLite files: every constraint holds, every pick has a reason the data bears out, a seed
//! repeats a draw, "Not tonight" keeps a film out for its period, bad constraints name their field; and a
//! property test over a catalogue built from generated IMDb-shaped datasets and a random library.

use std::path::Path;

use matinee_core::model::{FilmCard, FilmKind, PickReasonKind, TonightPicks, TonightQuery, ViewingInput};
use matinee_core::{CoreError, DataDir, Matinee};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const MIRACLE: &str = "mt:miracle-in-cell-no-7-2013";
const PARASITE: &str = "tt6751668";
const MEMORIES: &str = "mt:memories-of-murder-2003";

fn fresh() -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    (tmp, m)
}

fn picks(m: &Matinee, q: TonightQuery) -> TonightPicks {
    m.tonight(&q).unwrap_or_else(|e| panic!("{q:?}: {e}"))
}

fn keys(p: &TonightPicks) -> Vec<String> {
    p.picks.iter().map(|p| p.film.key.0.clone()).collect()
}

fn field_of(e: CoreError) -> String {
    match e {
        CoreError::Invalid { field, .. } => field,
        other => panic!("not a field's error: {other}"),
    }
}

#[test]
fn every_pick_has_a_reason_and_the_draw_repeats_with_its_seed() {
    let (_tmp, m) = fresh();
    for seed in 0..20 {
        let q = TonightQuery { seed: Some(seed), ..TonightQuery::default() };
        let a = picks(&m, q.clone());
        assert_eq!(a.picks.len(), 3);
        assert_eq!(a.seed, seed);
        assert!(a.picks.iter().all(|p| !p.reasons.is_empty()), "{:?}", a.picks);
        assert_eq!(keys(&a), keys(&picks(&m, q)), "seed {seed} draws the same films again");
    }
    let draws: std::collections::HashSet<Vec<String>> =
        (0..20).map(|seed| keys(&picks(&m, TonightQuery { seed: Some(seed), ..TonightQuery::default() }))).collect();
    assert!(draws.len() > 10, "other seeds draw other films: {} distinct draws of 20", draws.len());
    let none = picks(&m, TonightQuery::default());
    assert_eq!(none.picks.len(), 3, "no seed: one is chosen and said");
}

#[test]
fn the_reasons_are_facts_of_the_library_and_the_catalogue() {
    let (_tmp, mut m) = fresh();
    m.rating_set(PARASITE, Some(90)).unwrap();
    m.watchlist_set(MEMORIES, true).unwrap();
    let p =
        picks(&m, TonightQuery { like: Some("Parasite".into()), count: Some(12), seed: Some(1), ..Default::default() });
    let memories = p.picks.iter().find(|p| p.film.key.0 == MEMORIES).expect("Memories of Murder shares Bong Joon-ho");
    let texts: Vec<&str> = memories.reasons.iter().map(|r| r.text.as_str()).collect();
    let on = |kind: PickReasonKind| memories.reasons.iter().filter(move |r| r.kind == kind).map(|r| r.text.as_str());
    assert!(on(PickReasonKind::Watchlist).any(|t| t.starts_with("On your watchlist since ")), "{texts:?}");
    assert!(
        on(PickReasonKind::Director).any(|t| t == "Directed by Bong Joon-ho, whose Parasite you rated 4.5/5"),
        "{texts:?}"
    );
    assert!(on(PickReasonKind::Like).any(|t| t == "Like Parasite: also directed by Bong Joon-ho"), "{texts:?}");
    for pick in &p.picks {
        let card = m.film(&pick.film.key.0).unwrap();
        for r in &pick.reasons {
            match r.kind {
                PickReasonKind::Watchlist => assert!(card.user.on_watchlist, "{}: {}", card.title, r.text),
                PickReasonKind::Director => {
                    assert!(card.directors.iter().any(|d| r.text.contains(&d.name)), "{}: {}", card.title, r.text)
                }
                PickReasonKind::Cast => {
                    assert!(card.cast.iter().any(|c| r.text.contains(&c.name)), "{}: {}", card.title, r.text)
                }
                PickReasonKind::Curated => {
                    assert!(
                        card.takes.iter().any(|t| r.text.contains(&t.line) && r.text.contains(&t.author)),
                        "{}",
                        r.text
                    )
                }
                PickReasonKind::Runtime => {
                    let m = card.runtime_minutes.expect("a runtime reason needs a runtime");
                    assert!(r.text.starts_with(&matinee_core::runtime_words(m)) && m <= 400, "{}", r.text);
                }
                PickReasonKind::Companion => panic!("no companion tonight: {}", r.text),
                PickReasonKind::TitleRegion => panic!("no country or language asked for: {}", r.text),
                PickReasonKind::Taste | PickReasonKind::Like | PickReasonKind::Score => {
                    assert!(!r.text.is_empty())
                }
            }
        }
        assert_ne!(pick.film.key.0, PARASITE, "the film asked to be like is not a pick");
    }
}

#[test]
fn the_constraints_hold_on_the_starter_catalogue() {
    let (_tmp, mut m) = fresh();
    m.rating_set(MIRACLE, Some(80)).unwrap();
    m.viewing_log(PARASITE, &ViewingInput { watched_on: Some("2024-02-02".into()), ..Default::default() }).unwrap();
    m.tag_add(MEMORIES, "Korean nights").unwrap();
    m.tag_add(MIRACLE, "Korean nights").unwrap();
    let q = TonightQuery {
        max_runtime: Some(130),
        genres: vec!["drama".into()],
        not_genres: vec!["Comedy".into()],
        count: Some(12),
        ..Default::default()
    };
    for seed in 0..10 {
        for p in picks(&m, TonightQuery { seed: Some(seed), ..q.clone() }).picks {
            let card = m.film(&p.film.key.0).unwrap();
            assert!(card.runtime_minutes.is_some_and(|r| r <= 130), "{}", card.title);
            assert!(
                card.genres.iter().any(|g| g == "Drama") && !card.genres.iter().any(|g| g == "Comedy"),
                "{}",
                card.title
            );
        }
    }
    let unseen = picks(&m, TonightQuery { unseen: true, count: Some(12), ..Default::default() });
    for seed in 0..30 {
        let k = keys(&picks(&m, TonightQuery { unseen: true, seed: Some(seed), ..Default::default() }));
        assert!(!k.contains(&MIRACLE.to_string()) && !k.contains(&PARASITE.to_string()), "seen films: {k:?}");
    }
    let all = m.catalogue().film_count().unwrap();
    assert_eq!(unseen.candidates, all - 2, "every film but the two seen");
    let tagged = picks(&m, TonightQuery { tags: vec!["korean NIGHTS".into()], count: Some(12), ..Default::default() });
    let mut k = keys(&tagged);
    k.sort();
    assert_eq!(k, vec![MEMORIES.to_string(), MIRACLE.to_string()]);
    let korean = picks(&m, TonightQuery { language: Some("Korean".into()), count: Some(12), ..Default::default() });
    for p in &korean.picks {
        assert!(m.film(&p.film.key.0).unwrap().languages.iter().any(|l| l.code == "ko"), "{}", p.film.title);
    }
    assert_eq!(
        korean.candidates,
        picks(&m, TonightQuery { language: Some("ko".into()), ..Default::default() }).candidates
    );
    let nineties =
        picks(&m, TonightQuery { decade: Some(1990), min_score: Some(85), count: Some(12), ..Default::default() });
    assert!(!nineties.picks.is_empty());
    for p in &nineties.picks {
        assert!(
            (1990..=1999).contains(&p.film.year.unwrap()) && p.film.score.as_ref().unwrap().tenths >= 85,
            "{}",
            p.film.title
        );
    }
    let watchlist = picks(&m, TonightQuery { watchlist: true, ..Default::default() });
    assert_eq!((watchlist.candidates, watchlist.picks.len()), (0, 0), "an empty watchlist has nothing to pick");
    m.watchlist_set(MEMORIES, true).unwrap();
    let watchlist = picks(&m, TonightQuery { watchlist: true, ..Default::default() });
    assert_eq!(keys(&watchlist), vec![MEMORIES.to_string()]);
    let none = picks(&m, TonightQuery { kind: Some(FilmKind::Miniseries), decade: Some(1870), ..Default::default() });
    assert!(none.picks.is_empty());
    // A re-roll's films are never those just shown.
    let first = picks(&m, TonightQuery { seed: Some(5), ..Default::default() });
    let exclude = first.picks.iter().map(|p| p.film.key.clone()).collect();
    let again = picks(&m, TonightQuery { seed: Some(5), exclude, ..Default::default() });
    assert!(keys(&again).iter().all(|k| !keys(&first).contains(k)));
}

#[test]
fn not_tonight_keeps_a_film_out_for_its_period_and_survives_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
        m.watchlist_set(MEMORIES, true).unwrap();
        m.watchlist_set(MIRACLE, true).unwrap();
        let set = m.not_tonight(MEMORIES, None).unwrap();
        let expected = chrono::Local::now().date_naive() + chrono::Days::new(30);
        assert_eq!(set.until, expected.to_string(), "30 days by default");
        assert!(matches!(m.not_tonight(MIRACLE, Some(0)), Err(CoreError::Invalid { .. })));
        assert!(matches!(m.not_tonight(MIRACLE, Some(3651)), Err(CoreError::Invalid { .. })));
    }
    let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    for seed in 0..10 {
        let p = picks(&m, TonightQuery { watchlist: true, seed: Some(seed), ..Default::default() });
        assert_eq!(keys(&p), vec![MIRACLE.to_string()]);
        assert_eq!(p.hidden, 1);
    }
    assert_eq!(m.not_tonight_list().unwrap().iter().map(|n| n.key.0.as_str()).collect::<Vec<_>>(), vec![MEMORIES]);
    assert!(m.not_tonight_clear(MEMORIES).unwrap());
    assert!(!m.not_tonight_clear(MEMORIES).unwrap(), "already back");
    assert_eq!(picks(&m, TonightQuery { watchlist: true, ..Default::default() }).picks.len(), 2);
    // A period that has ended no longer counts (written as an older Matinee's day would have left it).
    m.not_tonight(MEMORIES, Some(1)).unwrap();
    drop(m);
    let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
    conn.execute("UPDATE not_tonight SET until = '2020-01-01'", []).unwrap();
    drop(conn);
    let m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    assert!(m.not_tonight_list().unwrap().is_empty());
    assert_eq!(picks(&m, TonightQuery { watchlist: true, ..Default::default() }).picks.len(), 2);
}

#[test]
fn a_bad_constraint_names_its_field_and_changes_nothing() {
    let (tmp, m) = fresh();
    let cases: Vec<(TonightQuery, &str)> = vec![
        (TonightQuery { max_runtime: Some(0), ..Default::default() }, "max_runtime"),
        (TonightQuery { max_runtime: Some(-90), ..Default::default() }, "max_runtime"),
        (TonightQuery { genres: vec!["Nope".into()], ..Default::default() }, "genres"),
        (TonightQuery { not_genres: vec!["Nope".into()], ..Default::default() }, "not_genres"),
        (
            TonightQuery { genres: vec!["Drama".into()], not_genres: vec!["drama".into()], ..Default::default() },
            "not_genres",
        ),
        (TonightQuery { language: Some("xx".into()), ..Default::default() }, "language"),
        (TonightQuery { country: Some("Narnia".into()), ..Default::default() }, "country"),
        (TonightQuery { decade: Some(1995), ..Default::default() }, "decade"),
        (TonightQuery { year_from: Some(2000), year_to: Some(1990), ..Default::default() }, "year_to"),
        (TonightQuery { decade: Some(1960), year_from: Some(1980), ..Default::default() }, "year_from"),
        (TonightQuery { min_score: Some(110), ..Default::default() }, "min_score"),
        (TonightQuery { min_score: Some(-1), ..Default::default() }, "min_score"),
        (TonightQuery { min_votes: Some(-1), ..Default::default() }, "min_votes"),
        (TonightQuery { tags: vec!["never made".into()], ..Default::default() }, "tags"),
        (TonightQuery { like: Some("No Such Film (1901)".into()), ..Default::default() }, "like"),
        (TonightQuery { count: Some(0), ..Default::default() }, "count"),
        (TonightQuery { count: Some(13), ..Default::default() }, "count"),
    ];
    for (q, field) in cases {
        let e = m.tonight(&q).expect_err(field);
        assert_eq!(field_of(e), field, "{q:?}");
    }
    drop(m);
    let conn = rusqlite::Connection::open(tmp.path().join("library.sqlite3")).unwrap();
    let rows: i64 = conn
        .query_row("SELECT (SELECT count(*) FROM film_ref) + (SELECT count(*) FROM not_tonight)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "nothing was written");
}

/// A catalogue built from generated datasets, once for the property test.
fn generated(dir: &Path) -> Matinee {
    let data = dir.join("datasets");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    let ok = std::process::Command::new("python3").arg(script).arg(&data).arg("4000").status().unwrap().success();
    assert!(ok, "the generator runs");
    let mut m = Matinee::open(DataDir::at(dir.join("matinee"))).unwrap();
    m.catalogue_build(&data, &mut |_: &str, _: u64, _: u64| std::ops::ControlFlow::Continue(())).unwrap();
    m
}

/// Whether a film's card keeps every constraint of `q`, and which one it breaks.
fn breaks(q: &TonightQuery, card: &FilmCard, seen: bool, hidden: bool) -> Option<&'static str> {
    let runtime = card.runtime_minutes;
    let votes = card.score.as_ref().and_then(|s| s.votes).unwrap_or(0);
    let score = card.score.as_ref().map(|s| s.tenths);
    let has = |g: &String| card.genres.iter().any(|c| c.eq_ignore_ascii_case(g));
    [
        (q.max_runtime.is_some_and(|m| runtime.is_none_or(|r| i64::from(r) > m)), "max_runtime"),
        (!q.genres.is_empty() && !q.genres.iter().any(has), "genres"),
        (q.not_genres.iter().any(has), "not_genres"),
        (q.decade.is_some_and(|d| card.year / 10 * 10 != d), "decade"),
        (q.year_from.is_some_and(|y| card.year < y) || q.year_to.is_some_and(|y| card.year > y), "years"),
        (q.min_score.is_some_and(|s| score.is_none_or(|t| i64::from(t) < s)), "min_score"),
        (q.min_votes.is_some_and(|v| i64::from(votes) < v), "min_votes"),
        (q.kind.is_some_and(|k| card.kind != k), "kind"),
        (q.unseen && seen, "unseen"),
        (q.watchlist && !card.user.on_watchlist, "watchlist"),
        (!q.tags.is_empty() && !card.user.tags.iter().any(|t| q.tags.contains(t)), "tags"),
        (q.exclude.contains(&card.key), "exclude"),
        (hidden, "not tonight"),
    ]
    .into_iter()
    .find(|(broken, _)| *broken)
    .map(|(_, name)| name)
}

/// Random constraints over a generated catalogue and a random library: every pick keeps every constraint, has a
/// reason, and is never a film set aside.
#[test]
fn random_constraints_over_a_generated_catalogue_are_all_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let mut m = generated(tmp.path());
    let films: Vec<String> = m
        .search(&matinee_core::model::SearchQuery { limit: Some(400), ..Default::default() })
        .unwrap()
        .films
        .into_iter()
        .map(|f| f.key.0)
        .collect();
    let genres: Vec<String> = m.facets().unwrap().genres.into_iter().map(|g| g.value).collect();
    assert!(films.len() >= 300 && genres.len() >= 5, "{} films, {genres:?}", films.len());
    // The library: ratings, viewings, the watchlist, tags and films set aside, on random films.
    let mut rng = fastrand::Rng::with_seed(20261207);
    for key in &films {
        match rng.u8(..10) {
            0 => drop(m.rating_set(key, Some(i64::from(rng.u8(..=10)) * 10)).unwrap()),
            1 => drop(m.viewing_log(key, &ViewingInput::default()).unwrap()),
            2 | 3 => drop(m.watchlist_set(key, true).unwrap()),
            4 => drop(m.tag_add(key, ["cosy", "loud"][rng.usize(..2)]).unwrap()),
            5 => drop(m.not_tonight(key, Some(7)).unwrap()),
            _ => {}
        }
    }
    let hidden: Vec<String> = m.not_tonight_list().unwrap().into_iter().map(|n| n.key.0).collect();
    assert!(!hidden.is_empty());

    let genre = proptest::sample::select(genres.clone());
    let film = proptest::sample::select(films.clone());
    let strategy = (
        proptest::option::of(60i64..200),
        any::<bool>(),
        prop::bool::weighted(0.2),
        proptest::collection::vec(genre.clone(), 0..2),
        proptest::collection::vec(genre, 0..2),
        proptest::option::of(prop_oneof![Just(1970), Just(1990), Just(2000), Just(2010)]),
        proptest::option::of(40i64..90),
        proptest::option::of(prop_oneof![Just(10i64), Just(1000), Just(20000)]),
        proptest::option::of(prop_oneof![Just(FilmKind::Movie), Just(FilmKind::TvMovie)]),
        proptest::option::of(prop_oneof![Just("cosy".to_string()), Just("loud".to_string())]),
        proptest::collection::vec(film, 0..4),
        any::<u32>(),
    );
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    let picked = std::cell::Cell::new(0usize);
    runner
        .run(&strategy, |(runtime, unseen, watchlist, want, avoid, decade, score, votes, kind, tag, exclude, seed)| {
            let avoid: Vec<String> = avoid.into_iter().filter(|g| !want.contains(g)).collect();
            let q = TonightQuery {
                max_runtime: runtime,
                unseen,
                watchlist,
                genres: want,
                not_genres: avoid,
                decade,
                min_score: score,
                min_votes: votes,
                kind,
                tags: tag.into_iter().collect(),
                exclude: exclude.into_iter().map(matinee_core::model::FilmKey).collect(),
                count: Some(6),
                seed: Some(seed),
                ..Default::default()
            };
            let answer = m.tonight(&q).map_err(|e| TestCaseError::fail(format!("{q:?}: {e}")))?;
            prop_assert!(answer.picks.len() <= 6);
            for pick in &answer.picks {
                let card = m.film(&pick.film.key.0).unwrap();
                let seen = card.user.rating.is_some() || !card.user.viewings.is_empty();
                let broken = breaks(&q, &card, seen, hidden.contains(&card.key.0));
                prop_assert!(broken.is_none(), "{} breaks {:?} of {:?}", card.title, broken, q);
                prop_assert!(!pick.reasons.is_empty(), "{} has no reason", card.title);
            }
            picked.set(picked.get() + answer.picks.len());
            Ok(())
        })
        .unwrap();
    assert!(picked.get() > 300, "the constraints left picks to check: {}", picked.get());
}

/// A companion's Letterboxd export: a watchlist and the films they watched, as Letterboxd writes them.
fn companion_export(dir: &Path, watchlist: &[(&str, i32)], watched: &[(&str, i32)]) -> std::path::PathBuf {
    let folder = dir.join("ana-letterboxd");
    std::fs::create_dir_all(&folder).unwrap();
    let csv = |rows: &[(&str, i32)]| {
        let mut s = String::from("Date,Name,Year,Letterboxd URI\n");
        for (i, (title, year)) in rows.iter().enumerate() {
            s.push_str(&format!("2024-01-0{},\"{title}\",{year},https://boxd.it/x{i}{year}\n", i % 9 + 1));
        }
        s
    };
    std::fs::write(folder.join("watchlist.csv"), csv(watchlist)).unwrap();
    std::fs::write(folder.join("watched.csv"), csv(watched)).unwrap();
    folder
}

#[test]
fn with_a_companion_the_picks_are_on_both_watchlists_then_on_either_and_seen_by_neither() {
    let (tmp, mut m) = fresh();
    for key in [MEMORIES, MIRACLE, PARASITE, "mt:white-god-2014"] {
        m.watchlist_set(key, true).unwrap();
    }
    m.rating_set(PARASITE, Some(80)).unwrap();
    let folder = companion_export(
        tmp.path(),
        &[("Memories of Murder", 2003), ("Parasite", 2019), ("Tokyo Story", 1953), ("A Film Nobody Made", 1901)],
        &[("Miracle in Cell No. 7", 2013)],
    );
    let before = m.library().film_refs().unwrap();
    let files = matinee_core::import::read_path(&folder).unwrap();
    let ana = m.companion_add("Ana", files, "ana-letterboxd").unwrap();
    assert_eq!((ana.watchlist, ana.watchlist_in_catalogue, ana.seen), (4, 3, 1), "{ana:?}");
    assert_eq!(m.library().film_refs().unwrap(), before, "nothing of Ana's is in the user's films");

    // Both want Memories of Murder and Parasite; the user has rated Parasite, so only one film is on both.
    for seed in 0..10 {
        let p = picks(&m, TonightQuery { with: Some("ana".into()), seed: Some(seed), ..Default::default() });
        assert_eq!(p.both_watchlists, Some(true));
        assert_eq!(keys(&p), vec![MEMORIES.to_string()]);
        let reason = &p.picks[0].reasons[0];
        assert_eq!(reason.kind, PickReasonKind::Companion);
        assert!(
            reason.text.starts_with("On both watchlists: yours since ") && reason.text.ends_with(", and Ana's"),
            "{}",
            reason.text
        );
    }
    // With Memories of Murder set aside, nothing is on both: films on either, seen by neither (so not Miracle,
    // which Ana watched, nor Parasite, which the user rated).
    m.not_tonight(MEMORIES, None).unwrap();
    let p = picks(&m, TonightQuery { with: Some("Ana".into()), count: Some(12), ..Default::default() });
    assert_eq!(p.both_watchlists, Some(false));
    let mut k = keys(&p);
    k.sort();
    assert_eq!(k, vec!["mt:tokyo-story-1953".to_string(), "mt:white-god-2014".to_string()]);
    let tokyo = p.picks.iter().find(|p| p.film.key.0 == "mt:tokyo-story-1953").unwrap();
    assert!(tokyo.reasons.iter().any(|r| r.text == "On Ana's watchlist"), "{:?}", tokyo.reasons);

    // Read again under the same name, the companion is replaced; removed, the name is unknown.
    let files = matinee_core::import::read_path(&folder.join("watchlist.csv")).unwrap();
    assert_eq!(m.companion_add("ANA", files, "watchlist.csv").unwrap().seen, 0);
    assert_eq!(m.companion_list().unwrap().len(), 1);
    m.companion_remove("ana").unwrap();
    assert!(m.companion_list().unwrap().is_empty());
    assert!(matches!(m.companion_remove("ana"), Err(CoreError::NotFound { .. })));
    let e = m.tonight(&TonightQuery { with: Some("Ana".into()), ..Default::default() }).unwrap_err();
    assert_eq!(field_of(e), "with");
    // An export without a watchlist is refused by its file, and keeps nothing.
    let ratings = tmp.path().join("ratings.csv");
    std::fs::write(&ratings, "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Parasite,2019,https://boxd.it/x,4\n")
        .unwrap();
    let e = m.companion_add("Bo", matinee_core::import::read_path(&ratings).unwrap(), "ratings.csv").unwrap_err();
    assert_eq!(field_of(e), "file");
    assert!(m.companion_list().unwrap().is_empty());
}

#[test]
fn for_you_starts_from_the_starter_pack_then_from_the_users_own_ratings_and_watchlist() {
    use matinee_core::model::{ForYouKind, RatingScale};
    let (_tmp, mut m) = fresh();
    let shelves = m.for_you(RatingScale::FiveStars).unwrap();
    assert_eq!(shelves.len(), 1);
    assert_eq!(shelves[0].kind, ForYouKind::Starter);
    assert!(shelves[0].title.contains("starter pack"), "labelled as such: {}", shelves[0].title);
    assert!(shelves[0].films.iter().all(|s| s.reasons.len() == 1 && s.reasons[0].starts_with("A starter pick: ")));

    m.rating_set(PARASITE, Some(90)).unwrap();
    m.rating_set("mt:white-god-2014", Some(80)).unwrap();
    m.viewing_log(MEMORIES, &ViewingInput::default()).unwrap();
    m.watchlist_set("tt0034583", true).unwrap(); // Casablanca, 102 minutes
    m.watchlist_set("mt:tokyo-story-1953", true).unwrap(); // 136 minutes: past a two-hour evening
    let shelves = m.for_you(RatingScale::TenPoint).unwrap();
    let kinds: Vec<ForYouKind> = shelves.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, vec![ForYouKind::Because, ForYouKind::Because, ForYouKind::Evening], "{shelves:#?}");
    assert_eq!(shelves[0].title, "Because you gave Parasite 9.0/10");
    assert_eq!(shelves[1].title, "Because you gave White God 8.0/10");
    let seen = [PARASITE, "mt:white-god-2014", MEMORIES];
    let mut all = std::collections::HashSet::new();
    for shelf in &shelves[..2] {
        for s in &shelf.films {
            assert!(!seen.contains(&s.film.key.0.as_str()), "{} is seen", s.film.title);
            assert!(!s.reasons.is_empty());
            assert!(all.insert(s.film.key.0.clone()), "{} is on two shelves", s.film.title);
        }
    }
    let evening: Vec<&str> = shelves[2].films.iter().map(|s| s.film.key.0.as_str()).collect();
    assert_eq!(evening, vec!["tt0034583"]);
    assert!(shelves[2].films[0].reasons.iter().any(|r| r.starts_with("On your watchlist since")));
}
