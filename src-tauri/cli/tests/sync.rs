//! `matinee-cli sync`, run as a script runs it: two data folders on one sync folder (as two computers whose
//! replication has caught up), every write command syncing after itself, conflicts settled from the command
//! line, exit codes; and SIGKILL while records are written to the folder and while they are merged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn cli(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_matinee-cli"));
    c.arg("--data-dir").arg(data).env_remove("MATINEE_DATA_DIR");
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    cli(data).args(args).output().unwrap()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(data, &all)).expect("JSON")
}

fn export(data: &Path, out: &Path) -> String {
    let _ = std::fs::remove_file(out);
    ok(data, &["export", "--format", "json", out.to_str().unwrap()]);
    std::fs::read_to_string(out).unwrap()
}

fn real_export() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports/letterboxd/aguitov-2026");
    assert!(p.exists(), "tests read ../shared/real-exports");
    p
}

#[test]
fn two_data_folders_on_one_sync_folder_stay_in_step_command_by_command() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, folder) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("Sync"));
    let f = folder.to_str().unwrap();

    // Not syncing yet: status says so (null), `now` is refused with exit 5.
    assert_eq!(json(&a, &["sync", "status"]), serde_json::Value::Null);
    assert_eq!(run(&a, &["sync", "now"]).status.code(), Some(5));
    // A folder whose parent is not there: exit 5, and it names the folder.
    let out = run(&a, &["sync", "folder", "/nonexistent/deeper/Sync"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/deeper/Sync"));
    // An empty name: exit 5, naming the field.
    let out = run(&a, &["sync", "folder", f, "--name", " "]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("name"));

    ok(&a, &["rate", "White God (2014)", "4/5"]);
    let joined = json(&a, &["sync", "folder", f, "--name", "Laptop"]);
    assert!(joined["written"].as_u64().unwrap() >= 2, "the library's rating and its film went out: {joined}");
    assert_eq!(joined["conflicts"], 0);
    let backups = std::fs::read_dir(a.join("backups"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("before-sync"))
        .count();
    assert_eq!(backups, 1, "a backup before joining");

    json(&b, &["sync", "folder", f, "--name", "Desktop"]);
    let shown = json(&b, &["show", "White God (2014)"]);
    assert_eq!(shown["user"]["rating"], 80, "the rating reached the other library: {}", shown["user"]);

    // A write command on b syncs after itself; a's next command sees it.
    ok(&b, &["log", "The Guilty (2018)", "--date", "2025-03-01"]);
    ok(&b, &["list", "create", "Rainy days"]);
    ok(&b, &["list", "add", "Rainy days", "The Guilty (2018)"]);
    json(&a, &["sync", "now"]);
    let diary = json(&a, &["diary"]);
    assert_eq!(diary["total"], 1, "{diary}");
    assert_eq!(json(&a, &["list", "show", "Rainy days"])["entries"].as_array().unwrap().len(), 1);

    let status = json(&a, &["sync", "status"]);
    let names: Vec<&str> =
        status["computers"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Laptop", "Desktop"]);
    assert!(status["computers"].as_array().unwrap().iter().all(|c| c["up_to_date"] == true), "{status}");

    // Apart (the folder is away, as a drive that is not plugged in): a deletes the rating, b changes it. Each
    // change is saved and said not to be synced; `sync now` is refused with exit 5 and names the folder.
    let away = tmp.path().join("away");
    std::fs::rename(&folder, &away).unwrap();
    let out = run(&a, &["rate", "White God (2014)", "--clear"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not synced"), "{}", String::from_utf8_lossy(&out.stderr));
    ok(&b, &["rate", "White God (2014)", "2/5"]);
    let out = run(&b, &["sync", "now"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains(f), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&a, &["sync", "status"])["folder_present"], false);
    std::fs::rename(&away, &folder).unwrap();
    json(&a, &["sync", "now"]);
    json(&b, &["sync", "now"]);
    json(&a, &["sync", "now"]);
    let conflicts = json(&a, &["sync", "status"])["conflicts"].clone();
    assert_eq!(conflicts.as_array().unwrap().len(), 1, "{conflicts}");
    assert_eq!(conflicts[0]["kept_by"], "Desktop");
    assert_eq!(conflicts[0]["deleted_by"], "Laptop");
    assert_eq!(json(&a, &["show", "White God (2014)"])["user"]["rating"], 40, "the edit is kept until settled");
    assert_eq!(json(&a, &["sync", "status"])["conflicts"], json(&b, &["sync", "status"])["conflicts"]);
    let human = ok(&a, &["sync", "status"]);
    assert!(human.contains("conflict: Rating of White God (2014)"), "{human}");
    // Unknown key: exit 3; bad key: exit 5; --keep with --delete: usage, exit 2.
    assert_eq!(run(&a, &["sync", "resolve", "[\"rating\",\"tt0\"]", "--keep"]).status.code(), Some(3));
    assert_eq!(run(&a, &["sync", "resolve", "rating", "--keep"]).status.code(), Some(5));
    assert_eq!(run(&a, &["sync", "resolve", "x", "--keep", "--delete"]).status.code(), Some(2));
    let key = conflicts[0]["key"].as_str().unwrap();
    json(&a, &["sync", "resolve", key, "--keep"]);
    json(&b, &["sync", "now"]);
    for side in [&a, &b] {
        assert_eq!(json(side, &["sync", "status"])["conflicts"].as_array().unwrap().len(), 0);
        assert_eq!(json(side, &["show", "White God (2014)"])["user"]["rating"], 40);
    }
    assert_eq!(export(&a, &tmp.path().join("a.json")), export(&b, &tmp.path().join("b.json")));

    // Leaving keeps the library; a write afterwards does not touch the folder.
    assert_eq!(json(&b, &["sync", "leave"])["left"], true);
    let before = dir_bytes(&folder);
    ok(&b, &["rate", "The Guilty (2018)", "3/5"]);
    assert_eq!(dir_bytes(&folder), before);
    assert_eq!(json(&b, &["show", "White God (2014)"])["user"]["rating"], 40);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| if e.path().is_dir() { dir_bytes(&e.path()) } else { e.metadata().unwrap().len() })
        .sum()
}

/// SIGKILL at moments spread over a sync that writes a whole library out (an imported Letterboxd export), and
/// over one that merges it in: each time the library opens whole (quick_check at open) and the next sync
/// finishes the work; at the end both libraries export the same file.
#[test]
fn killing_a_sync_while_it_writes_or_merges_loses_nothing_and_the_next_sync_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, folder) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("Sync"));
    let f = folder.to_str().unwrap();
    ok(&a, &["import", real_export().to_str().unwrap()]);
    let a_dev = {
        // Time one whole first sync of this library on a copy, to spread the kills over it.
        let probe = tmp.path().join("probe");
        copy_dir(&a, &probe);
        let started = Instant::now();
        ok(&probe, &["sync", "folder", tmp.path().join("ProbeSync").to_str().unwrap()]);
        let full = started.elapsed();
        let kills = 12u32;
        for i in 0..kills {
            let at = full.mul_f64(f64::from(i) / f64::from(kills) * 1.2);
            let mut child = cli(&a)
                .args(["sync", if i == 0 { "folder" } else { "now" }])
                .args(if i == 0 { vec![f] } else { vec![] })
                .spawn()
                .unwrap();
            std::thread::sleep(at);
            let _ = child.kill();
            let _ = child.wait();
            if i == 0 && json(&a, &["sync", "status"]).is_null() {
                // Killed before it joined: join again.
                let mut again = cli(&a).args(["sync", "folder", f]).spawn().unwrap();
                std::thread::sleep(at / 2);
                let _ = again.kill();
                let _ = again.wait();
            }
        }
        if json(&a, &["sync", "status"]).is_null() {
            ok(&a, &["sync", "folder", f]);
        }
        json(&a, &["sync", "now"]);
        json(&a, &["sync", "status"])["device"].as_str().unwrap().to_owned()
    };
    let records = std::fs::read_dir(folder.join(&a_dev))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".jsonl"))
        .count();
    assert!(records >= 1);

    // b merges it all in, killed along the way.
    ok(&b, &["rate", "Parasite (2019)", "5/5"]);
    let started = Instant::now();
    let probe = tmp.path().join("probe-b");
    copy_dir(&b, &probe);
    copy_dir(&folder, &tmp.path().join("ProbeSync2"));
    ok(&probe, &["sync", "folder", tmp.path().join("ProbeSync2").to_str().unwrap()]);
    let full = started.elapsed().max(Duration::from_millis(50));
    let mut joined = false;
    for i in 0..12u32 {
        let at = full.mul_f64(f64::from(i) / 12.0 * 1.2);
        let mut child = if joined {
            cli(&b).args(["sync", "now"]).spawn().unwrap()
        } else {
            cli(&b).args(["sync", "folder", f]).spawn().unwrap()
        };
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        joined = !json(&b, &["sync", "status"]).is_null();
    }
    if !joined {
        ok(&b, &["sync", "folder", f]);
    }
    json(&b, &["sync", "now"]);
    json(&a, &["sync", "now"]);
    json(&b, &["sync", "now"]);
    let (ea, eb) = (export(&a, &tmp.path().join("a.json")), export(&b, &tmp.path().join("b.json")));
    assert_eq!(ea, eb, "both libraries end the same");
    let v: serde_json::Value = serde_json::from_str(&ea).unwrap();
    assert!(v["viewings"].as_array().unwrap().len() > 500, "the imported diary is all there");
    assert!(v["ratings"].as_array().unwrap().iter().any(|r| r["film"] == "tt6751668" && r["value"] == 100));
}

/// Two computers that imported the same Letterboxd export before they met have one diary, not two.
#[test]
fn the_same_export_imported_on_two_computers_is_one_diary_when_they_meet() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, folder) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("Sync"));
    let export_dir = real_export();
    for side in [&a, &b] {
        ok(side, &["import", export_dir.to_str().unwrap()]);
    }
    let alone = serde_json::from_str::<serde_json::Value>(&export(&a, &tmp.path().join("alone.json"))).unwrap();
    let viewings = alone["viewings"].as_array().unwrap().len();
    assert!(viewings > 500);
    ok(&a, &["sync", "folder", folder.to_str().unwrap(), "--name", "A"]);
    ok(&b, &["sync", "folder", folder.to_str().unwrap(), "--name", "B"]);
    json(&a, &["sync", "now"]);
    let (ea, eb) = (export(&a, &tmp.path().join("a.json")), export(&b, &tmp.path().join("b.json")));
    assert_eq!(ea, eb);
    let merged: serde_json::Value = serde_json::from_str(&ea).unwrap();
    assert_eq!(merged["viewings"].as_array().unwrap().len(), viewings, "each viewing once");
    // The same ratings (each computer stamped its own import's time on them; the later stamp is kept).
    let ratings = |v: &serde_json::Value| -> Vec<(String, u64)> {
        v["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["film"].as_str().unwrap().to_owned(), r["value"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(ratings(&merged), ratings(&alone));
}
