//! The CLI's contract, run as a script would run it: command names, arguments, `--json`, exit status.

use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_matinee-cli"))
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env_remove("MATINEE_DATA_DIR")
            .output()
            .expect("run matinee-cli")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("valid JSON")
    }
}

#[test]
fn search_finds_folded_prefixes_and_reports_the_total() {
    let cli = Cli::new();
    let page = cli.json(&["search", "MIRAC"]);
    assert_eq!(page["films"][0]["key"], "mt:miracle-in-cell-no-7-2013");
    assert_eq!(page["total"], 1);
    let korean = cli.json(&["search", "--country", "KR", "--limit", "500"]);
    assert!(korean["total"].as_u64().unwrap() >= 1);
    let human = cli.ok(&["search", "miracle"]);
    assert!(human.contains("Miracle in Cell No. 7 (2013)") && human.contains("1 of 1 films"));
}

#[test]
fn rate_in_every_scale_and_clear() {
    let cli = Cli::new();
    for (given, stored) in [("3.5/5", 70), ("7/10", 70), ("85/100", 85), ("0.5/5", 10)] {
        let answer = cli.json(&["rate", "Miracle in Cell No. 7 (2013)", given]);
        assert_eq!(answer["rating"], stored, "{given}");
    }
    let card = cli.json(&["show", "mt:miracle-in-cell-no-7-2013"]);
    assert_eq!(card["user"]["rating"], 10);
    assert_eq!(cli.json(&["rate", "Miracle in Cell No. 7", "--clear"])["rating"], serde_json::Value::Null);

    let bad = cli.run(&["rate", "Miracle in Cell No. 7", "6/5"]);
    assert_eq!(bad.status.code(), Some(5), "invalid input");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("rating"));
    let card = cli.json(&["show", "mt:miracle-in-cell-no-7-2013"]);
    assert_eq!(card["user"]["rating"], serde_json::Value::Null, "a refused rating changed nothing");
}

#[test]
fn watchlist_and_notes_round_trip() {
    let cli = Cli::new();
    assert!(cli.ok(&["watchlist", "list"]).contains("empty"));
    cli.ok(&["watchlist", "add", "White God (2014)"]);
    let list = cli.json(&["watchlist", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "White God");
    cli.ok(&["watchlist", "remove", "White God"]);
    assert_eq!(cli.json(&["watchlist", "list"]).as_array().unwrap().len(), 0);

    cli.ok(&["note", "White God", "The dogs steal it."]);
    assert_eq!(cli.ok(&["note", "White God"]).trim(), "The dogs steal it.");
    assert_eq!(cli.json(&["note", "White God"])["note"], "The dogs steal it.");
}

#[test]
fn unknown_and_ambiguous_films_change_nothing() {
    let cli = Cli::new();
    let missing = cli.run(&["rate", "No Such Film (1901)", "3/5"]);
    assert_eq!(missing.status.code(), Some(3));
    let pack = cli.dir.path().join("twins.json");
    std::fs::write(
        &pack,
        r#"{"format":"matinee-take-pack","format_version":1,"id":"twins","name":"Twins","author":"T",
            "version":"1","licence":"CC0-1.0","films":[
            {"ref":"a","title":"Twin Title","year":1990,"kind":"movie"},
            {"ref":"b","title":"Twin Title","year":2020,"kind":"movie"}]}"#,
    )
    .unwrap();
    cli.ok(&["pack", "import", pack.to_str().unwrap()]);
    let out = cli.run(&["watchlist", "add", "Twin Title"]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Twin Title (1990)") && err.contains("Twin Title (2020)"), "{err}");
    assert_eq!(cli.json(&["watchlist", "list"]).as_array().unwrap().len(), 0);
}

#[test]
fn packs_import_list_and_refuse_bad_files() {
    let cli = Cli::new();
    let listed = cli.json(&["pack", "list"]);
    assert_eq!(listed[0]["id"], "matinee-starter");
    assert_eq!(listed[0]["builtin"], true);
    let bad = cli.dir.path().join("broken.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = cli.run(&["pack", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.json") && err.contains("line 1"), "{err}");
    assert_eq!(cli.json(&["pack", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn where_prints_the_data_paths_and_every_command_has_help() {
    let cli = Cli::new();
    let paths = cli.json(&["where"]);
    assert_eq!(paths["data_dir"], cli.dir.path().to_str().unwrap());
    assert!(paths["library"].as_str().unwrap().ends_with("library.sqlite3"));
    for command in [
        vec!["search"],
        vec!["show"],
        vec!["watchlist", "add"],
        vec!["watchlist", "remove"],
        vec!["watchlist", "list"],
        vec!["rate"],
        vec!["note"],
        vec!["pack", "import"],
        vec!["pack", "list"],
        vec!["where"],
        vec!["log"],
        vec!["diary"],
        vec!["list", "create"],
        vec!["list", "add"],
        vec!["list", "move"],
        vec!["list", "show"],
        vec!["tag", "add"],
        vec!["tag", "list"],
        vec!["notes", "search"],
        vec!["tonight"],
        vec!["not-tonight"],
        vec!["companion", "add"],
        vec!["companion", "list"],
        vec!["companion", "remove"],
        vec!["stats"],
        vec!["review"],
    ] {
        let mut args = command.clone();
        args.push("--help");
        let out = cli.run(&args);
        assert!(out.status.success(), "{command:?} --help");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn the_data_folder_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_matinee-cli"))
        .args(["where", "--json"])
        .env("MATINEE_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let paths: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(paths["data_dir"], dir.path().to_str().unwrap());
}

#[test]
fn log_and_diary_with_rewatches_and_refusals() {
    let cli = Cli::new();
    let first =
        cli.json(&["log", "White God (2014)", "--date", "2024-03-01", "--rating", "4/5", "--note", "The dogs!"]);
    assert_eq!(first["rewatch"], false);
    assert_eq!(first["rating"], 80);
    let second = cli.json(&["log", "White God", "--date", "2024-05-02"]);
    assert_eq!(second["rewatch"], true, "an earlier viewing exists");
    cli.ok(&["log", "Miracle in Cell No. 7", "--no-date", "--rewatch"]);
    let diary = cli.json(&["diary", "--year", "2024"]);
    assert_eq!(diary["total"], 2);
    assert_eq!(diary["months"][0]["month"], "2024-05");
    let human = cli.ok(&["diary"]);
    assert!(human.contains("date unknown") && human.contains("3 viewings"), "{human}");

    let future = cli.run(&["log", "White God", "--date", "2999-01-01"]);
    assert_eq!(future.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&future.stderr).contains("watched_on"));
    assert_eq!(cli.json(&["diary"])["total"], 3, "a refused viewing changes nothing");
}

#[test]
fn ranked_lists_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["list", "create", "Korean essentials", "--ranked"]);
    cli.ok(&["list", "add", "korean essentials", "Miracle in Cell No. 7"]);
    cli.ok(&["list", "add", "Korean essentials", "Parasite"]);
    let shown = cli.json(&["list", "add", "Korean essentials", "Memories of Murder", "--rank", "1"]);
    let order: Vec<&str> =
        shown["entries"].as_array().unwrap().iter().map(|e| e["film"]["title"].as_str().unwrap()).collect();
    assert_eq!(order, vec!["Memories of Murder", "Miracle in Cell No. 7", "Parasite"]);
    let moved = cli.json(&["list", "move", "Korean essentials", "Parasite", "1"]);
    assert_eq!(moved["entries"][0]["film"]["title"], "Parasite");
    assert_eq!(moved["entries"][2]["position"], 3);
    assert!(cli.ok(&["list", "show", "Korean essentials"]).contains("  1. Parasite (2019)"));
    let dup = cli.run(&["list", "add", "Korean essentials", "Parasite"]);
    assert_eq!(dup.status.code(), Some(6), "already in the list: a conflict");
    let bad_rank = cli.run(&["list", "move", "Korean essentials", "Parasite", "9"]);
    assert_eq!(bad_rank.status.code(), Some(5));
    let missing = cli.run(&["list", "show", "No such list"]);
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn tags_and_notes_search() {
    let cli = Cli::new();
    cli.ok(&["tag", "add", "White God", "Dogs"]);
    cli.ok(&["tag", "add", "Parasite", "DOGS"]);
    let tags = cli.json(&["tag", "list"]);
    assert_eq!(tags.as_array().unwrap().len(), 1, "tags ignore case");
    assert_eq!(tags[0]["films"], 2);
    let empty = cli.run(&["tag", "add", "Parasite", "  "]);
    assert_eq!(empty.status.code(), Some(5));
    assert_eq!(cli.json(&["search", "--tag", "dogs"])["total"], 2);

    cli.ok(&["note", "Parasite", "Saw it at the Cinémathèque, twice."]);
    let hits = cli.json(&["notes", "search", "cinematheque"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["film"]["title"], "Parasite");
    assert!(cli.ok(&["notes", "search", "CINÉMA"]).contains("[Cinéma]"), "the match is marked");
}

/// A Trakt play at the very edge of time, or before films, is skipped with its line in every timezone; a play
/// near midnight UTC lands on the local date of the timezone the import runs in.
#[test]
fn trakt_plays_at_the_edges_of_time_are_skipped_and_local_dates_follow_the_timezone() {
    let play = |id: u64, at: &str| {
        format!(
            r#"{{"id": {id}, "watched_at": "{at}", "action": "watch", "type": "movie",
               "movie": {{"title": "Parasite", "year": 2019, "ids": {{"trakt": 1, "imdb": "tt6751668"}}}}}}"#
        )
    };
    let history = format!(
        "[\n{},\n{},\n{}\n]\n",
        play(1, "9999-12-31T23:59:59.000Z"),
        play(2, "1869-12-31T12:00:00.000Z"),
        play(3, "2024-03-09T22:30:00.000Z")
    );
    for (tz, local) in [("Asia/Tokyo", "2024-03-10"), ("America/Los_Angeles", "2024-03-09"), ("UTC", "2024-03-09")] {
        let cli = Cli::new();
        let file = cli.dir.path().join("watched-history.json");
        std::fs::write(&file, &history).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_matinee-cli"))
            .arg("--data-dir")
            .arg(cli.dir.path())
            .args(["import", file.to_str().unwrap(), "--source", "trakt", "--json"])
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(out.status.success(), "{tz}: {}", String::from_utf8_lossy(&out.stderr));
        let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let skipped = outcome["preview"]["skipped"].as_array().unwrap();
        assert_eq!(skipped.len(), 2, "{tz}: {skipped:?}");
        assert!(skipped.iter().all(|s| s["text"].as_str().unwrap().contains("date watched")), "{tz}: {skipped:?}");
        let diary = Command::new(env!("CARGO_BIN_EXE_matinee-cli"))
            .arg("--data-dir")
            .arg(cli.dir.path())
            .args(["diary", "--json"])
            .env("TZ", tz)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&diary.stdout);
        assert!(text.contains(local), "{tz}: the play is on {local}: {text}");
        assert!(!text.contains("9999") && !text.contains("10000"), "{tz}: {text}");
    }
}

/// An import on a disk that fills up (a file-size limit, SIGXFSZ ignored so writes fail): a message that says
/// what happened and what to do, the library as it was, and no backup of its own left taking room.
#[test]
fn an_import_on_a_full_disk_says_so_changes_nothing_and_leaves_no_backup_behind() {
    let cli = Cli::new();
    cli.ok(&["rate", "White God (2014)", "4/5"]);
    let export =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports/letterboxd/aguitov-2026");
    assert!(export.exists(), "tests read ../shared/real-exports");
    let rating = || cli.json(&["show", "White God (2014)"])["user"]["rating"].clone();
    assert_eq!(rating(), serde_json::json!(80));
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 300; exec \"$0\" --data-dir \"$1\" import \"$2\"")
        .arg(env!("CARGO_BIN_EXE_matinee-cli"))
        .arg(cli.dir.path())
        .arg(&export)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("nothing was written") && said.contains("disk"), "{said}");
    assert_eq!(rating(), serde_json::json!(80), "the library is as it was");
    let backups: Vec<String> = std::fs::read_dir(cli.dir.path().join("backups"))
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(backups.iter().all(|b| !b.contains("before-import")), "{backups:?}");
}

#[test]
fn tonight_picks_with_reasons_repeats_a_seed_and_refuses_bad_constraints_with_exit_5() {
    let cli = Cli::new();
    cli.ok(&["rate", "Miracle in Cell No. 7", "4.5/5"]);
    cli.ok(&["watchlist", "add", "Memories of Murder"]);
    let args = ["tonight", "--max-runtime", "130", "--genre", "Drama", "--unseen", "--seed", "11", "--count", "5"];
    let picks = cli.json(&args);
    let list = picks["picks"].as_array().unwrap();
    assert_eq!(list.len(), 5, "{picks}");
    for p in list {
        assert!(p["runtime_minutes"].as_u64().unwrap() <= 130, "{p}");
        assert!(p["film"]["genres"].as_array().unwrap().iter().any(|g| g == "Drama"), "{p}");
        assert_ne!(p["film"]["key"], "mt:miracle-in-cell-no-7-2013", "rated, so seen");
        let reasons = p["reasons"].as_array().unwrap();
        assert!(reasons
            .iter()
            .any(|r| r["kind"] == "runtime" && r["text"].as_str().unwrap().ends_with("fits your 2 h 10 min")));
    }
    assert_eq!(picks["seed"], 11);
    assert_eq!(cli.json(&args)["picks"], picks["picks"], "the same seed draws the same films");
    let human = cli.ok(&["tonight", "--seed", "3"]);
    let films = cli.json(&["catalogue", "status"])["films"].clone();
    assert!(human.starts_with(&format!("Tonight, from {films} films that fit (seed 3):")), "{human}");
    assert!(human.contains("\n1. ") && human.contains("   - "), "{human}");

    // Not tonight: set aside, listed, never picked, then let back.
    let set = cli.json(&["not-tonight", "Memories of Murder", "--days", "3"]);
    assert_eq!(set["key"], "mt:memories-of-murder-2003");
    let listed = cli.json(&["not-tonight", "--list"]);
    assert_eq!(listed[0]["until"], set["until"]);
    let watchlist = cli.json(&["tonight", "--watchlist"]);
    assert_eq!((watchlist["picks"].as_array().unwrap().len(), &watchlist["hidden"]), (0, &serde_json::json!(1)));
    cli.ok(&["not-tonight", "Memories of Murder", "--clear"]);
    assert_eq!(cli.json(&["tonight", "--watchlist"])["picks"][0]["film"]["key"], "mt:memories-of-murder-2003");

    for (bad, field) in [
        (vec!["--max-runtime", "0"], "max_runtime"),
        (vec!["--max-runtime", "-20"], "max_runtime"),
        (vec!["--genre", "Westernish"], "genres"),
        (vec!["--language", "zz"], "language"),
        (vec!["--min-score", "11"], "min_score"),
        (vec!["--like", "A Film Nobody Made (1901)"], "like"),
        (vec!["--decade", "1995"], "decade"),
    ] {
        let mut args = vec!["tonight", "--json"];
        args.extend(bad.iter());
        let out = cli.run(&args);
        assert_eq!(out.status.code(), Some(5), "{bad:?}");
        let error: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert!(error["message"].as_str().unwrap().starts_with(&format!("{field}: ")), "{bad:?}: {error}");
    }
}

#[test]
fn companions_from_a_real_letterboxd_export_and_tonight_with_them() {
    let cli = Cli::new();
    let export = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/real-exports/letterboxd/aguitov-2026");
    let added = cli.json(&["companion", "add", "Ana", export]);
    assert_eq!(added["name"], "Ana");
    assert!(
        added["watchlist"].as_u64().unwrap() > 2000 && added["watchlist_in_catalogue"].as_u64().unwrap() > 0,
        "{added}"
    );
    assert_eq!(cli.json(&["watchlist", "list"]), serde_json::json!([]), "nothing of Ana's is in the user's watchlist");
    assert_eq!(cli.json(&["companion", "list"])[0]["name"], "Ana");
    let picks = cli.json(&["tonight", "--with", "ana", "--seed", "1"]);
    assert_eq!(picks["both_watchlists"], false, "the user's watchlist is empty: {picks}");
    for p in picks["picks"].as_array().unwrap() {
        assert!(p["reasons"].as_array().unwrap().iter().any(|r| r["text"] == "On Ana's watchlist"), "{p}");
    }
    // The export itself, read for this once.
    let once = cli.json(&["tonight", "--with", export, "--seed", "1"]);
    assert_eq!(
        once["picks"],
        picks["picks"].to_string().replace("Ana's", "aguitov-2026's").parse::<serde_json::Value>().unwrap()
    );
    let unknown = cli.run(&["tonight", "--with", "Bo"]);
    assert_eq!(unknown.status.code(), Some(5));
    cli.ok(&["companion", "remove", "Ana"]);
    assert_eq!(cli.run(&["companion", "remove", "Ana"]).status.code(), Some(3), "no such companion");
    let ratings =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/real-exports/imdb-exports/mcanouil-2022/ratings.csv");
    assert_eq!(cli.run(&["companion", "add", "Mc", ratings]).status.code(), Some(5), "no watchlist in it");
}

#[test]
fn stats_print_every_figure_in_json_and_refuse_a_bad_period_with_exit_5() {
    let cli = Cli::new();
    cli.ok(&["log", "White God", "--date", "2024-03-09", "--rating", "4/5"]);
    cli.ok(&["log", "White God", "--date", "2024-03-10", "--rating", "4.5/5"]);
    cli.ok(&["log", "Parasite", "--date", "2023-12-31", "--rating", "5/5"]);
    let all = cli.json(&["stats"]);
    assert_eq!(all["totals"]["viewings"], 3);
    assert_eq!(all["totals"]["films"], 2);
    assert_eq!(all["totals"]["rewatches"], 1);
    assert_eq!(all["years"], serde_json::json!([2024, 2023]));
    assert_eq!(all["longest_day_streak"]["length"], 2);
    let year = cli.json(&["stats", "--year", "2024", "--week-start", "sunday"]);
    assert_eq!(year["totals"]["viewings"], 2);
    assert_eq!(year["per_month"].as_array().unwrap().len(), 12);
    assert_eq!(year["per_weekday"][0]["label"], "Sunday");
    assert_eq!(year["calendar"]["days"].as_array().unwrap().len(), 366);
    assert_eq!(year["first_film"]["date"], "2024-03-09");
    assert_eq!(year["totals"]["average_rating_text"], "4.25/5");
    let ten = cli.json(&["stats", "--year", "2024", "--scale", "ten"]);
    assert_eq!(ten["totals"]["average_rating_text"], "8.5/10");
    let range = cli.json(&["stats", "--from", "2023-12-31", "--to", "2024-03-09"]);
    assert_eq!(range["totals"]["viewings"], 2);
    let directors = all["rankings"].as_array().unwrap().iter().find(|r| r["kind"] == "director").unwrap();
    assert!(directors["most_watched"][0]["name"].is_string());
    let human = cli.ok(&["stats", "--year", "2024"]);
    assert!(human.contains("Stats: 2024") && human.contains("2 viewings"), "{human}");
    for bad in [
        vec!["stats", "--year", "3000"],
        vec!["stats", "--from", "2024-02-30"],
        vec!["stats", "--tag", "never made"],
        vec!["stats", "--week-start", "friday"],
        vec!["stats", "--from", "2024-05-01", "--to", "2024-01-01"],
    ] {
        let out = cli.run(&bad);
        assert_eq!(out.status.code(), Some(5), "{bad:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn review_writes_the_year_as_a_png_of_the_size_it_states_and_as_one_html_file() {
    let cli = Cli::new();
    cli.ok(&["log", "White God", "--date", "2024-03-09", "--rating", "4/5"]);
    cli.ok(&["log", "Parasite", "--date", "2024-12-31", "--rating", "5/5"]);
    cli.ok(&["log", "Parasite", "--date", "2023-01-02"]);
    let out = tempfile::tempdir().unwrap();
    let png = out.path().join("2024.png");
    let html = out.path().join("2024.html");
    let report = cli.json(&[
        "review",
        "2024",
        "--png",
        png.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--theme",
        "dark",
    ]);
    assert_eq!(report["year"], 2024);
    let written = report["written"].as_array().unwrap();
    assert_eq!(written.len(), 2);
    assert_eq!((written[0]["format"].as_str(), written[1]["format"].as_str()), (Some("png"), Some("html")));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let word = |at: usize| u64::from(u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()));
    assert_eq!(serde_json::json!(word(16)), written[0]["width"], "the width it states");
    assert_eq!(serde_json::json!(word(20)), written[0]["height"], "the height it states");
    assert_eq!(written[0]["bytes"], bytes.len());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Parasite") && page.contains("White God") && !page.contains("<script"));
    assert!(page.contains("Rated highest"));
    let human = cli.ok(&["review", "2024", "--html", html.to_str().unwrap()]);
    assert!(human.contains("one HTML file"), "{human}");
    // No output asked for, a year with nothing in it, a folder that is not there, a theme that is not one.
    assert_eq!(cli.run(&["review", "2024"]).status.code(), Some(2), "clap refuses a missing --png/--html");
    let missing = out.path().join("no/such/folder/r.png");
    for bad in [
        vec!["review", "2019", "--png", png.to_str().unwrap()],
        vec!["review", "2024", "--png", missing.to_str().unwrap()],
        vec!["review", "2024", "--html", html.to_str().unwrap(), "--theme", "sepia"],
    ] {
        let run = cli.run(&bad);
        let err = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.code(), Some(5), "{bad:?}: {err}");
        assert!(!err.is_empty());
    }
    let none = cli.run(&["review", "2019", "--png", png.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&none.stderr).contains("years with viewings: 2024, 2023"));
    assert_eq!(std::fs::read(&png).unwrap(), bytes, "a refused review leaves the file as it was");
}
