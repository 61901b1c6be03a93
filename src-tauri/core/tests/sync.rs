//! Sync through a folder, on real libraries and real files: three computers make random changes across the
//! whole domain, and their folders are copied to one another in random orders, cut short, twice, with
//! replication engines' leftovers beside them. When every file has reached every computer, all three export
//! the identical library, and nothing any of them logged is lost unless a rule says so.

use std::fs;
use std::path::{Path, PathBuf};

use matinee_core::model::{DiaryQuery, ViewingInput};
use matinee_core::{DataDir, Matinee};

const FILMS: [&str; 6] = [
    "mt:miracle-in-cell-no-7-2013",
    "mt:white-god-2014",
    "mt:the-guilty-2018",
    "mt:memories-of-murder-2003",
    "mt:parasite-2019",
    "mt:spirited-away-2001",
];
const LISTS: [&str; 3] = ["Favourites", "Rainy days", "To show Ana"];
const TAGS: [&str; 3] = ["noir", "Noir", "slow"];

struct Computer {
    _tmp: tempfile::TempDir,
    m: Matinee,
    /// This computer's copy of the replicated folder.
    folder: PathBuf,
    device: String,
}

fn computer(n: usize) -> Computer {
    let tmp = tempfile::tempdir().unwrap();
    let mut m = Matinee::open(DataDir::at(tmp.path().join("data"))).unwrap();
    let folder = tmp.path().join("Sync");
    m.sync_folder(&folder, Some(&format!("computer {n}"))).unwrap();
    let device = m.sync_status().unwrap().unwrap().device;
    Computer { _tmp: tmp, m, folder, device }
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p).into_iter().map(|f| Path::new(&e.file_name()).join(f)));
        } else {
            out.push(PathBuf::from(e.file_name()));
        }
    }
    out
}

/// What a replication engine does between two computers' copies of the folder: every file of `from` that is
/// longer there reaches `to` (all of it, or with `cut` only part of it, as a copy still under way); files the
/// writing computer removed go from `to` when `from` is that computer. A computer's own folder is only ever
/// written by itself.
fn replicate(from: &Computer, to: &Computer, cut: Option<&mut fastrand::Rng>) {
    let mut cut = cut;
    for rel in files_under(&from.folder) {
        if rel.starts_with(&to.device) {
            continue;
        }
        let src = from.folder.join(&rel);
        let dst = to.folder.join(&rel);
        let bytes = fs::read(&src).unwrap();
        let have = fs::metadata(&dst).map(|m| m.len() as usize).unwrap_or(0);
        if bytes.len() <= have && dst.exists() && !rel.ends_with("device.json") {
            continue;
        }
        let end = match cut.as_deref_mut() {
            Some(rng) if bytes.len() > have + 1 => {
                if rng.bool() {
                    rng.usize(have + 1..bytes.len())
                } else {
                    bytes.len()
                }
            }
            _ => bytes.len(),
        };
        fs::create_dir_all(dst.parent().unwrap()).unwrap();
        fs::write(&dst, &bytes[..end]).unwrap();
    }
    let own = to.folder.join(&from.device);
    for rel in files_under(&own) {
        if !from.folder.join(&from.device).join(&rel).exists() {
            fs::remove_file(own.join(rel)).unwrap();
        }
    }
}

/// Leftovers of replication engines and of people, which must never be read or break anything.
fn litter(c: &Computer, rng: &mut fastrand::Rng) {
    let dirs: Vec<PathBuf> =
        fs::read_dir(&c.folder).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    let Some(dir) = dirs.get(rng.usize(..dirs.len().max(1))) else { return };
    let junk = [
        "log-000001.sync-conflict-20261207-101010-ABCDEFG.jsonl",
        "log-000001 (conflicted copy 2026-12-07).jsonl",
        "~syncthing~log-000001.jsonl.tmp",
    ];
    let text = "{\"id\":\"0000000000001-00000000-0000000000000000\",\"key\":[\"rating\",\"mt:parasite-2019\"],\"v\":{\"value\":1}}\n";
    fs::write(dir.join(junk[rng.usize(..junk.len())]), text).unwrap();
    fs::create_dir_all(c.folder.join(".stversions").join("0123456789abcdef")).unwrap();
    fs::write(c.folder.join(".stversions/0123456789abcdef/log-000001.jsonl"), text).unwrap();
}

/// One random change. Errors (a list name in use, nothing to remove) are a person's mistakes and change
/// nothing; the ops that log viewings remember the note that marks each.
fn act(c: &mut Computer, rng: &mut fastrand::Rng, n: usize, logged: &mut Vec<String>, touched: &mut Vec<String>) {
    let film = FILMS[rng.usize(..FILMS.len())];
    let other = FILMS[rng.usize(..FILMS.len())];
    let m = &mut c.m;
    let lists = m.lists().unwrap();
    let list = (!lists.is_empty()).then(|| lists[rng.usize(..lists.len())].id);
    let viewings: Vec<(i64, String)> = m
        .diary(&DiaryQuery::default())
        .unwrap()
        .months
        .into_iter()
        .flat_map(|month| month.entries)
        .map(|e| (e.viewing.id.0, e.viewing.note))
        .collect();
    let viewing = (!viewings.is_empty()).then(|| viewings[rng.usize(..viewings.len())].clone());
    let _ = match rng.u8(..18) {
        0 | 1 => m.rating_set(film, if rng.u8(..5) == 0 { None } else { Some(rng.i64(0..=100)) }).map(drop),
        2 => m.watchlist_set(film, rng.bool()).map(drop),
        3 => m
            .note_set(film, if rng.bool() { "" } else { ["Slow burn", "See again", "Ana's pick"][rng.usize(..3)] })
            .map(drop),
        4 | 5 => {
            let note = format!("viewing {n}");
            let day = format!("2025-{:02}-{:02}", rng.u8(1..=12), rng.u8(1..=28));
            let input = ViewingInput {
                watched_on: Some(day),
                rating: Some(rng.i64(0..=100)),
                note: note.clone(),
                ..Default::default()
            };
            m.viewing_log(film, &input).map(|_| logged.push(note))
        }
        6 => match viewing {
            Some((id, note)) => {
                touched.push(note);
                let input = ViewingInput {
                    watched_on: Some("2024-06-01".into()),
                    note: format!("edited {n}"),
                    ..Default::default()
                };
                m.viewing_update(matinee_core::model::ViewingId(id), &input).map(drop)
            }
            None => Ok(()),
        },
        7 => match viewing {
            Some((id, note)) => {
                touched.push(note);
                m.viewing_delete(matinee_core::model::ViewingId(id))
            }
            None => Ok(()),
        },
        8 => m.list_create(LISTS[rng.usize(..LISTS.len())], "", rng.bool()).map(drop),
        9 | 10 => match list {
            Some(id) => m.list_add(id, film, if rng.bool() { Some(1) } else { None }, "").map(drop),
            None => Ok(()),
        },
        11 => match list {
            Some(id) => m.list_remove(id, film).map(drop),
            None => Ok(()),
        },
        12 => match list {
            Some(id) => m.list_move(id, film, rng.i64(1..=3)).map(drop),
            None => Ok(()),
        },
        13 => match (list, rng.u8(..4)) {
            (Some(id), 0) => m.list_delete(id),
            (Some(id), _) => m.list_update(id, Some(LISTS[rng.usize(..LISTS.len())]), Some("renamed"), None).map(drop),
            (None, _) => Ok(()),
        },
        14 => m.tag_add(film, TAGS[rng.usize(..TAGS.len())]).map(drop),
        15 => m.tag_remove(film, TAGS[rng.usize(..TAGS.len())]).map(drop),
        16 if rng.bool() => m.take_set(film, "A take of my own.", "Mine", Some(rng.i64(0..=100)), "").map(drop),
        16 => m.synced_setting_set("rating_scale", ["\"five_stars\"", "\"ten_point\""][rng.usize(..2)]),
        _ => m.link_add(film, other, "Both made me cry").map(drop),
    };
}

fn run(seed: u64, computers: usize, ops: usize) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut cs: Vec<Computer> = (0..computers).map(computer).collect();
    let mut logged = Vec::new();
    let mut touched = Vec::new();
    for n in 0..ops {
        let i = rng.usize(..cs.len());
        match rng.u8(..10) {
            0..=5 => act(&mut cs[i], &mut rng, n, &mut logged, &mut touched),
            6 | 7 => {
                let report = cs[i].m.sync_now(rng.u8(..8) == 0);
                report.unwrap_or_else(|e| panic!("seed {seed}: sync: {e}"));
            }
            8 => {
                let j = rng.usize(..cs.len());
                if i != j {
                    let mut cut = fastrand::Rng::with_seed(rng.u64(..));
                    replicate(&cs[j], &cs[i], Some(&mut cut));
                }
            }
            _ => litter(&cs[i], &mut rng),
        }
    }
    // Everything reaches everyone.
    for _ in 0..3 {
        for c in &mut cs {
            c.m.sync_now(false).unwrap();
        }
        for i in 0..cs.len() {
            for j in 0..cs.len() {
                if i != j {
                    replicate(&cs[j], &cs[i], None);
                }
            }
        }
    }
    for c in &mut cs {
        c.m.sync_now(false).unwrap();
    }
    let exports: Vec<String> = cs.iter().map(|c| c.m.export_json().unwrap()).collect();
    for (i, e) in exports.iter().enumerate().skip(1) {
        if e != &exports[0] {
            let first = exports[0].lines().zip(e.lines()).position(|(a, b)| a != b).unwrap_or(0);
            let show = |s: &str| s.lines().skip(first.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
            panic!(
                "seed {seed}: computer {i} differs from computer 0 at line {first}:\n{}\n---\n{}",
                show(&exports[0]),
                show(e)
            );
        }
    }
    let settings: Vec<_> = cs.iter().map(|c| c.m.synced_settings().unwrap()).collect();
    assert!(settings.iter().all(|s| s == &settings[0]), "seed {seed}: the settings that sync: {settings:?}");
    for (status, c) in cs.iter().map(|c| (c.m.sync_status().unwrap().unwrap(), c)) {
        if !status.computers.iter().all(|c| c.up_to_date) {
            for rel in files_under(&c.folder) {
                let bytes = fs::read(c.folder.join(&rel)).unwrap();
                eprintln!(
                    "{} {} {:?}",
                    rel.display(),
                    bytes.len(),
                    String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(200)..])
                );
            }
        }
        assert!(status.computers.iter().all(|c| c.up_to_date), "seed {seed}: {status:?}");
        assert_eq!(status.computers.len(), computers, "seed {seed}: {status:?}");
        assert_eq!(status.unsent, 0);
    }
    // Every viewing logged and never edited or deleted anywhere is there, once.
    let export: serde_json::Value = serde_json::from_str(&exports[0]).unwrap();
    let notes: Vec<&str> = export["viewings"].as_array().unwrap().iter().map(|v| v["note"].as_str().unwrap()).collect();
    for note in logged.iter().filter(|n| !touched.contains(n)) {
        assert_eq!(notes.iter().filter(|n| *n == note).count(), 1, "seed {seed}: {note} in {notes:?}");
    }
    // A second round with nothing new writes nothing.
    for c in &mut cs {
        let report = c.m.sync_now(false).unwrap();
        assert_eq!((report.written, report.changed), (0, 0), "seed {seed}: {report:?}");
    }
}

#[test]
fn three_computers_that_change_anything_apart_end_with_the_same_library() {
    let seeds: u64 = std::env::var("SYNC_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    for seed in 0..seeds {
        run(seed, 3, 120);
    }
}

#[test]
fn a_rating_a_viewing_and_a_list_made_on_each_side_reach_the_other() {
    let mut a = computer(1);
    let mut b = computer(2);
    a.m.rating_set(FILMS[0], Some(80)).unwrap();
    let list = a.m.list_create("Favourites", "", true).unwrap().id;
    a.m.list_add(list, FILMS[1], None, "").unwrap();
    b.m.viewing_log(FILMS[2], &ViewingInput { watched_on: Some("2025-03-01".into()), ..Default::default() }).unwrap();
    let theirs = b.m.list_create("favourites", "", false).unwrap().id;
    b.m.list_add(theirs, FILMS[3], None, "").unwrap();
    for _ in 0..2 {
        a.m.sync_now(false).unwrap();
        b.m.sync_now(false).unwrap();
        replicate(&a, &b, None);
        replicate(&b, &a, None);
    }
    a.m.sync_now(false).unwrap();
    b.m.sync_now(false).unwrap();
    assert_eq!(b.m.film(FILMS[0]).unwrap().user.rating, Some(80));
    assert_eq!(a.m.film(FILMS[2]).unwrap().user.viewings.len(), 1);
    // Two lists of one name, made apart, are one list with the films of both.
    let lists = a.m.lists().unwrap();
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert_eq!(lists[0].films, 2);
    assert_eq!(a.m.export_json().unwrap(), b.m.export_json().unwrap());
    let status = a.m.sync_status().unwrap().unwrap();
    let names: Vec<&str> = status.computers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["computer 1", "computer 2"]);
}

#[test]
fn a_deletion_on_one_computer_and_an_edit_on_the_other_is_a_conflict_the_user_settles() {
    let mut a = computer(1);
    let mut b = computer(2);
    a.m.rating_set(FILMS[0], Some(60)).unwrap();
    let exchange = |a: &mut Computer, b: &mut Computer| {
        a.m.sync_now(false).unwrap();
        replicate(a, b, None);
        b.m.sync_now(false).unwrap();
        replicate(b, a, None);
        a.m.sync_now(false).unwrap();
    };
    exchange(&mut a, &mut b);
    assert_eq!(b.m.film(FILMS[0]).unwrap().user.rating, Some(60));
    // Apart: a deletes the rating, b changes it.
    a.m.rating_set(FILMS[0], None).unwrap();
    a.m.sync_now(false).unwrap();
    b.m.rating_set(FILMS[0], Some(90)).unwrap();
    b.m.sync_now(false).unwrap();
    exchange(&mut a, &mut b);
    for c in [&a, &b] {
        assert_eq!(c.m.film(FILMS[0]).unwrap().user.rating, Some(90), "the edit is kept until the user says");
        let conflicts = c.m.sync_status().unwrap().unwrap().conflicts;
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert!(conflicts[0].what.starts_with("Rating of "), "{:?}", conflicts[0]);
        assert_eq!((conflicts[0].kept_by.as_str(), conflicts[0].deleted_by.as_str()), ("computer 2", "computer 1"));
    }
    // Settled on a as the deletion: gone on both, no conflict left.
    let key = a.m.sync_status().unwrap().unwrap().conflicts[0].key.clone();
    a.m.sync_resolve(&key, false).unwrap();
    exchange(&mut a, &mut b);
    for c in [&a, &b] {
        assert_eq!(c.m.film(FILMS[0]).unwrap().user.rating, None);
        assert!(c.m.sync_status().unwrap().unwrap().conflicts.is_empty());
    }
    assert!(a.m.sync_resolve(&key, true).is_err(), "no conflict is left to settle");
}

/// Figures for `make bench` (an ignored test, run in release): a year of typical use on one computer and the
/// size of its folder before and after compaction; a computer catching up on 10 000 changes; two libraries of
/// 5 000 viewings each merging. `SYNC_FIGURES_DIR` keeps the folders for the sqlite3 peer that bench.sh runs.
#[test]
#[ignore]
fn sync_figures() {
    use matinee_core::model::SearchQuery;
    use std::time::Instant;
    let keep = std::env::var_os("SYNC_FIGURES_DIR").map(PathBuf::from);
    let films = |m: &Matinee| -> Vec<String> {
        let page = m.search(&SearchQuery { limit: Some(500), ..Default::default() }).unwrap();
        page.films.into_iter().map(|f| f.key.0).collect()
    };
    let bytes = |dir: &Path| -> u64 { files_under(dir).iter().map(|f| fs::metadata(dir.join(f)).unwrap().len()).sum() };
    let mut rng = fastrand::Rng::with_seed(2026);

    // A year: every day a viewing or two, rated, the film's rating set; now and then a watchlist change, a note, a
    // list entry, a tag, a viewing edited. Synced after each day, as the app does after each change.
    let mut a = computer(1);
    let keys = films(&a.m);
    let mut changes = 0;
    for day in 0..365 {
        for _ in 0..rng.usize(1..=2) {
            let film = &keys[rng.usize(..keys.len())];
            let date = chrono_day(day);
            let v = ViewingInput { watched_on: Some(date), rating: Some(rng.i64(4..=10) * 10), ..Default::default() };
            a.m.viewing_log(film, &v).unwrap();
            a.m.rating_set(film, v.rating).unwrap();
            changes += 2;
        }
        let film = &keys[rng.usize(..keys.len())];
        match rng.u8(..10) {
            0..=2 => drop(a.m.watchlist_set(film, rng.bool()).unwrap()),
            3 => drop(a.m.note_set(film, "Worth a second look.").unwrap()),
            4 => drop(a.m.tag_add(film, ["noir", "slow", "funny"][rng.usize(..3)]).unwrap()),
            _ => {}
        }
        changes += 1;
        a.m.sync_now(false).unwrap();
    }
    let own = a.folder.join(&a.device);
    let before = bytes(&own);
    a.m.sync_now(true).unwrap();
    let after = bytes(&own);
    println!(
        "figure: a year of typical use ({changes} changes, 365 syncs): this computer's folder {:.1} KiB, {:.1} KiB after compaction",
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );

    // 10 000 changes on one computer (ratings changed again and again, viewings, lists, tags, takes), then
    // another computer joins the folder and catches up.
    let mut big = computer(2);
    let mut logged = Vec::new();
    let mut touched = Vec::new();
    // Synced after every change, as the app does.
    for n in 0..10_000 {
        act(&mut big, &mut rng, n, &mut logged, &mut touched);
        big.m.sync_now(false).unwrap();
    }
    big.m.sync_now(false).unwrap();
    let mut late = computer(3);
    replicate(&big, &late, None);
    let started = Instant::now();
    let report = late.m.sync_now(false).unwrap();
    println!(
        "figure: catching up on 10 000 changes: {} records read, {} rows written, {:.0} ms",
        report.read,
        report.changed,
        started.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(late.m.export_json().unwrap(), big.m.export_json().unwrap());

    // Two libraries of 5 000 viewings each, made apart, meet.
    let (mut x, mut y) = (computer(4), computer(5));
    for c in [&mut x, &mut y] {
        let keys = films(&c.m);
        for i in 0..5_000 {
            let v = ViewingInput {
                watched_on: Some(chrono_day(i % 3650)),
                rating: Some(rng.i64(1..=10) * 10),
                ..Default::default()
            };
            c.m.viewing_log(&keys[rng.usize(..keys.len())], &v).unwrap();
        }
        c.m.sync_now(false).unwrap();
    }
    replicate(&x, &y, None);
    let started = Instant::now();
    let first = y.m.sync_now(false).unwrap();
    let first_ms = started.elapsed().as_secs_f64() * 1e3;
    replicate(&y, &x, None);
    let started = Instant::now();
    let second = x.m.sync_now(false).unwrap();
    println!(
        "figure: two libraries of 5 000 viewings each: the first merges the other's {} records in {first_ms:.0} ms, the other then {} in {:.0} ms",
        first.read,
        second.read,
        started.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(x.m.export_json().unwrap(), y.m.export_json().unwrap());
    if let Some(dir) = keep {
        fs::create_dir_all(&dir).unwrap();
        for rel in files_under(&late.folder.join(&big.device)) {
            let to = dir.join("catch-up").join(&rel);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(late.folder.join(&big.device).join(&rel), to).unwrap();
        }
    }
}

/// Day `n` from 1 January 2015, as YYYY-MM-DD.
fn chrono_day(n: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    (start + chrono::Duration::days(n as i64)).format("%Y-%m-%d").to_string()
}

/// Sync, then copy every folder to every other, three times over, and sync once more.
fn round(cs: &mut [&mut Computer]) {
    for _ in 0..3 {
        for c in cs.iter_mut() {
            c.m.sync_now(false).unwrap();
        }
        for i in 0..cs.len() {
            for j in 0..cs.len() {
                if i != j {
                    replicate(&*cs[j], &*cs[i], None);
                }
            }
        }
    }
    for c in cs.iter_mut() {
        c.m.sync_now(false).unwrap();
    }
}

#[test]
fn a_library_that_joins_again_takes_the_newer_edits_made_while_it_was_away() {
    let mut a = computer(1);
    let mut b = computer(2);
    a.m.rating_set(FILMS[0], Some(60)).unwrap();
    round(&mut [&mut a, &mut b]);
    assert_eq!(b.m.film(FILMS[0]).unwrap().user.rating, Some(60));
    a.m.sync_leave().unwrap();
    // While a is away, b changes the rating.
    b.m.rating_set(FILMS[0], Some(90)).unwrap();
    b.m.sync_now(false).unwrap();
    replicate(&b, &a, None);
    // a joins the same folder again ("merges again: nothing is duplicated").
    let folder = a.folder.clone();
    a.m.sync_folder(&folder, Some("computer 1")).unwrap();
    a.device = a.m.sync_status().unwrap().unwrap().device;
    round(&mut [&mut a, &mut b]);
    assert_eq!(a.m.film(FILMS[0]).unwrap().user.rating, b.m.film(FILMS[0]).unwrap().user.rating);
    assert_eq!(b.m.film(FILMS[0]).unwrap().user.rating, Some(90), "b's later edit was replaced by a's stale row");
}

#[test]
fn an_edit_made_while_the_folder_was_away_loses_to_a_later_edit_elsewhere() {
    let mut a = computer(1);
    let mut b = computer(2);
    a.m.rating_set(FILMS[0], Some(60)).unwrap();
    round(&mut [&mut a, &mut b]);
    let away = a.folder.with_file_name("Sync-away");
    fs::rename(&a.folder, &away).unwrap();
    a.m.rating_set(FILMS[0], Some(10)).unwrap(); // 10:00, stick unplugged
    assert!(a.m.sync_now(false).is_err());
    std::thread::sleep(std::time::Duration::from_millis(50));
    b.m.rating_set(FILMS[0], Some(90)).unwrap(); // 11:00 on b
    b.m.sync_now(false).unwrap();
    fs::rename(&away, &a.folder).unwrap();
    round(&mut [&mut a, &mut b]);
    assert_eq!(b.m.film(FILMS[0]).unwrap().user.rating, Some(90), "the later edit (b's) should win");
}

#[test]
fn a_backup_put_back_never_cuts_records_other_computers_may_have_read() {
    let mut a = computer(1);
    let mut b = computer(2);
    let mut c = computer(3);
    a.m.rating_set(FILMS[0], Some(60)).unwrap();
    a.m.sync_now(false).unwrap();
    let backup = a._tmp.path().join("before.sqlite");
    a.m.backup_to(&backup).unwrap();
    a.m.rating_set(FILMS[1], Some(70)).unwrap();
    a.m.sync_now(false).unwrap();
    replicate(&a, &b, None);
    b.m.sync_now(false).unwrap();
    assert_eq!(b.m.film(FILMS[1]).unwrap().user.rating, Some(70));
    // Restore the backup on a (library closed first).
    let dir = DataDir::at(a._tmp.path().join("data"));
    let spare = tempfile::tempdir().unwrap();
    drop(std::mem::replace(&mut a.m, Matinee::open(DataDir::at(spare.path().join("d"))).unwrap()));
    Matinee::restore_from(&dir, &backup).unwrap();
    a.m = Matinee::open(dir).unwrap();
    a.m.rating_set(FILMS[2], Some(80)).unwrap();
    a.m.sync_now(false).unwrap();
    round(&mut [&mut a, &mut b, &mut c]);
    let r = |c: &Computer| c.m.film(FILMS[1]).unwrap().user.rating;
    assert_eq!((r(&a), r(&b), r(&c)), (Some(70), Some(70), Some(70)), "c never gets the rating a cut out of its log");
}

#[test]
fn keys_a_newer_matinee_writes_are_never_deleted_by_this_one() {
    let mut a = computer(1);
    let newer = "00000000000000ff";
    let dir = a.folder.join(newer);
    fs::create_dir_all(&dir).unwrap();
    let ms = chrono::Utc::now().timestamp_millis();
    let mut lines = String::new();
    for (n, key) in [vec!["future", "x"], vec!["setting", "theme_of_the_future"]].into_iter().enumerate() {
        let r = matinee_core::sync::Record {
            id: matinee_core::sync::make_id(ms, n as u32, newer),
            key: key.into_iter().map(String::from).collect(),
            del: false,
            v: Some(serde_json::json!({"value": "kept by the newer version"})),
            ctx: vec![],
        };
        lines.push_str(&matinee_core::sync::encode(&r));
    }
    fs::write(dir.join("log-000001.jsonl"), lines).unwrap();
    a.m.sync_now(false).unwrap();
    a.m.sync_now(false).unwrap();
    let own = fs::read_to_string(a.folder.join(&a.device).join("log-000001.jsonl")).unwrap_or_default();
    let deletions: Vec<&str> = own.lines().filter(|l| l.contains("\"del\":true")).collect();
    assert!(deletions.is_empty(), "a deleted what it does not understand: {deletions:#?}");
}

#[test]
fn a_sync_stopped_between_a_snapshot_and_its_bookkeeping_hides_no_later_record() {
    let mut a = computer(1);
    let mut b = computer(2);
    a.m.rating_set(FILMS[0], Some(60)).unwrap();
    round(&mut [&mut a, &mut b]);
    let own = a.folder.join(&a.device);
    let saved: Vec<(PathBuf, Vec<u8>)> =
        files_under(&own).into_iter().map(|f| (own.join(&f), fs::read(own.join(&f)).unwrap())).collect();
    a.m.sync_now(true).unwrap(); // `sync now --compact`
                                 // Stopped after the snapshot was written, before the files it replaces were removed: they are still there.
    for (p, bytes) in &saved {
        if !p.ends_with("device.json") {
            fs::write(p, bytes).unwrap();
        }
    }
    replicate(&a, &b, None);
    b.m.sync_now(false).unwrap(); // b reads the snapshot whole
    a.m.rating_set(FILMS[1], Some(70)).unwrap();
    round(&mut [&mut a, &mut b]);
    assert_eq!(b.m.film(FILMS[1]).unwrap().user.rating, Some(70), "the next record went to a log after the snapshot");
}

#[test]
fn what_a_record_has_seen_stays_one_id_a_computer_however_often_a_key_changes() {
    let mut a = computer(1);
    let t = std::time::Instant::now();
    for n in 0..600 {
        a.m.rating_set(FILMS[0], Some((n % 100) as i64)).unwrap();
        a.m.sync_now(false).unwrap();
    }
    let own = a.folder.join(&a.device);
    let size: u64 = files_under(&own).iter().map(|f| fs::metadata(own.join(f)).unwrap().len()).sum();
    let last = fs::read_to_string(own.join("log-000001.jsonl")).unwrap();
    let longest = last.lines().map(str::len).max().unwrap();
    assert!(longest < 600, "a record stays short: {longest} bytes");
    assert!(size < 400 * 1024, "600 edits of one rating take {size} bytes");
    let _ = t;
}
