//! Downloading the IMDb datasets from an HTTP server started here on 127.0.0.1, serving files made by
//! scripts/gen-imdb-datasets.py, and misbehaving as servers do: a connection cut mid-file, no range support,
//! a missing file, a damaged file, a file that changes. Nothing touches the live catalogue until a build.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::{Arc, Mutex};

use matinee_core::catalogue::dataset::FILES;
use matinee_core::catalogue::download;
use matinee_core::model::{DatasetFileState, DownloadProgress, SearchQuery};
use matinee_core::{CoreError, DataDir, Matinee};

/// How the test server behaves, changeable while it runs.
#[derive(Default)]
struct Behaviour {
    files: HashMap<String, Vec<u8>>,
    /// A version per file, in its ETag: bumped when the file changes.
    versions: HashMap<String, u32>,
    /// Send only this many bytes of a GET's body (promising them all), then close: a dropped connection.
    cut_after: Option<usize>,
    /// Answer every GET whole with 200, whatever the Range.
    no_ranges: bool,
    /// Claim this size in HEAD answers (a file larger than any disk).
    claimed_size: Option<u64>,
    /// (method, file, Range header) of every request.
    seen: Vec<(String, String, Option<String>)>,
}

struct Server {
    url: String,
    behaviour: Arc<Mutex<Behaviour>>,
}

fn respond(mut stream: std::net::TcpStream, shared: &Mutex<Behaviour>) -> std::io::Result<()> {
    use std::io::{BufRead, Write};
    let mut reader = std::io::BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let mut range = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("range") {
                range = Some(value.trim().to_owned());
            }
        }
    }
    let mut words = first.split_whitespace();
    let method = words.next().unwrap_or("").to_owned();
    let name = words.next().unwrap_or("").trim_start_matches('/').to_owned();
    let mut b = shared.lock().unwrap();
    b.seen.push((method.clone(), name.clone(), range.clone()));
    let Some(body) = b.files.get(&name).cloned() else {
        return stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    };
    let version = b.versions.get(&name).copied().unwrap_or(1);
    let mut head = format!(
        "ETag: \"{}-{version}\"\r\nLast-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\nAccept-Ranges: bytes\r\nConnection: close\r\n",
        body.len()
    );
    if method == "HEAD" {
        let size = b.claimed_size.unwrap_or(body.len() as u64);
        return stream.write_all(format!("HTTP/1.1 200 OK\r\n{head}Content-Length: {size}\r\n\r\n").as_bytes());
    }
    let from: usize = match (&range, b.no_ranges) {
        (Some(r), false) => {
            r.strip_prefix("bytes=").and_then(|r| r.strip_suffix('-')).and_then(|n| n.parse().ok()).unwrap_or(0)
        }
        _ => 0,
    };
    if from > body.len() {
        return stream
            .write_all(b"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    let status = if from > 0 {
        head.push_str(&format!("Content-Range: bytes {from}-{}/{}\r\n", body.len() - 1, body.len()));
        "206 Partial Content"
    } else {
        "200 OK"
    };
    let rest = &body[from..];
    let sent = rest.len().min(b.cut_after.unwrap_or(usize::MAX));
    drop(b);
    // The whole length is promised; a cut sends less and closes the connection, as a dropped link does.
    stream.write_all(format!("HTTP/1.1 {status}\r\n{head}Content-Length: {}\r\n\r\n", rest.len()).as_bytes())?;
    stream.write_all(&rest[..sent])?;
    stream.flush()
}

impl Server {
    /// A small HTTP/1.1 server on 127.0.0.1 over `files`: HEAD, GET with `Range: bytes=N-`, one request a
    /// connection, and the misbehaviours `Behaviour` asks for.
    fn start(files: HashMap<String, Vec<u8>>) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let behaviour = Arc::new(Mutex::new(Behaviour { files, ..Behaviour::default() }));
        let shared = behaviour.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let _ = respond(stream, &shared);
                });
            }
        });
        Server { url: format!("http://127.0.0.1:{port}/"), behaviour }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Behaviour) -> T) -> T {
        f(&mut self.behaviour.lock().unwrap())
    }
}

/// The six files of a generated dataset of `titles` titles, by name.
fn generated(titles: u32) -> HashMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .arg(dir.path())
        .arg(titles.to_string())
        .arg("--gzip")
        .status()
        .expect("python3 runs the generator");
    assert!(status.success());
    FILES
        .iter()
        .map(|f| {
            let name = format!("{f}.tsv.gz");
            let bytes = std::fs::read(dir.path().join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

fn quiet() -> impl FnMut(&DownloadProgress) -> ControlFlow<()> {
    |_| ControlFlow::Continue(())
}

fn same_files(folder: &Path, files: &HashMap<String, Vec<u8>>) {
    for (name, bytes) in files {
        let got = std::fs::read(folder.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(got == *bytes, "{name} arrived byte for byte");
        assert!(!folder.join(format!("{name}.part")).exists(), "{name}: no part left behind");
    }
}

#[test]
fn a_whole_download_then_a_build_gives_a_searchable_catalogue() {
    let files = generated(3000);
    let server = Server::start(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    let plan = download::plan(&folder, &server.url).unwrap();
    assert!(plan.files.iter().all(|f| f.state == DatasetFileState::Missing));
    let total: u64 = files.values().map(|b| b.len() as u64).sum();
    assert_eq!(plan.download_bytes, total);
    assert!(plan.enough_space && plan.disk_needed_bytes > total);
    assert!(!folder.exists(), "planning writes nothing");

    let mut heard = Vec::new();
    let report = download::download(&folder, &server.url, &mut |p| {
        heard.push(p.clone());
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(report.fetched_bytes, total);
    assert!(report.files.iter().all(|f| f.fetched && f.resumed_from == 0 && !f.fetched_again));
    same_files(&folder, &files);
    assert!(heard.iter().any(|p| p.checking), "each file is checked");
    assert!(heard.iter().any(|p| p.file == "title.akas.tsv.gz" && p.file_number == 6 && p.file_count == 6));

    // Asked again, everything is there: nothing to fetch.
    let again = download::plan(&folder, &server.url).unwrap();
    assert!(again.files.iter().all(|f| f.state == DatasetFileState::Complete), "{again:?}");
    assert_eq!(again.download_bytes, 0);

    let mut m = Matinee::open(DataDir::at(tmp.path().join("matinee"))).unwrap();
    let built = m.catalogue_build(&folder, &mut |_, _, _| ControlFlow::Continue(())).unwrap();
    assert_eq!(built.titles_read, 3000);
    let top = m.search(&SearchQuery { limit: Some(1), ..SearchQuery::default() }).unwrap().films.remove(0);
    assert!(top.key.0.starts_with("tt"), "a dataset film: {top:?}");
}

#[test]
fn a_connection_cut_mid_file_is_resumed_with_a_range_request() {
    let files = generated(2000);
    let server = Server::start(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    server.with(|b| b.cut_after = Some(20_000));
    // The first file longer than the cut is where the connection drops.
    let (index, cut) =
        FILES.iter().map(|f| format!("{f}.tsv.gz")).enumerate().find(|(_, name)| files[name].len() > 20_000).unwrap();
    let e = download::download(&folder, &server.url, &mut quiet()).unwrap_err();
    let said = e.to_string();
    assert!(matches!(e, CoreError::Network { .. }), "{said}");
    assert!(said.contains(&cut) && said.contains("kept"), "{said}");
    let part = folder.join(format!("{cut}.part"));
    assert_eq!(std::fs::metadata(&part).unwrap().len(), 20_000, "what came is kept");
    let plan = download::plan(&folder, &server.url).unwrap();
    assert_eq!(plan.files[index].state, DatasetFileState::Partial);
    assert_eq!(plan.files[index].have_bytes, 20_000);

    server.with(|b| b.cut_after = None);
    let report = download::download(&folder, &server.url, &mut quiet()).unwrap();
    assert_eq!(report.files[index].resumed_from, 20_000);
    same_files(&folder, &files);
    let ranges: Vec<Option<String>> =
        server.with(|b| b.seen.iter().filter(|(m, n, _)| m == "GET" && *n == cut).map(|s| s.2.clone()).collect());
    assert_eq!(ranges, [None, Some("bytes=20000-".to_owned())], "the second request asked for the rest only");
}

#[test]
fn a_server_without_ranges_sends_the_file_again_from_the_start() {
    let files = generated(2000);
    let server = Server::start(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    server.with(|b| b.cut_after = Some(15_000));
    download::download(&folder, &server.url, &mut quiet()).unwrap_err();
    server.with(|b| {
        b.cut_after = None;
        b.no_ranges = true;
    });
    let report = download::download(&folder, &server.url, &mut quiet()).unwrap();
    assert_eq!(report.files[0].resumed_from, 0, "the whole file came again");
    same_files(&folder, &files);
}

#[test]
fn a_missing_file_is_named_with_the_servers_answer_and_changes_nothing() {
    let mut files = generated(1000);
    files.remove("name.basics.tsv.gz");
    let server = Server::start(files);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    let e = download::plan(&folder, &server.url).unwrap_err();
    let said = e.to_string();
    assert!(
        matches!(e, CoreError::Network { .. }) && said.contains("name.basics.tsv.gz") && said.contains("404"),
        "{said}"
    );
    let e = download::download(&folder, &server.url, &mut quiet()).unwrap_err();
    assert!(e.to_string().contains("404"), "{e}");
    assert!(std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0) == 0, "nothing was written");
}

#[test]
fn a_damaged_file_is_fetched_again_and_one_damaged_for_good_is_named() {
    let files = generated(1000);
    let good = files["title.crew.tsv.gz"].clone();
    let mut damaged = files.clone();
    // A gzip stream cut short, served whole as if it were the file.
    damaged.insert("title.crew.tsv.gz".into(), good[..good.len() / 2].to_vec());
    let server = Server::start(damaged);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    let e = download::download(&folder, &server.url, &mut quiet()).unwrap_err();
    let said = e.to_string();
    assert!(said.contains("title.crew.tsv.gz") && said.contains("damaged"), "{said}");
    assert!(!folder.join("title.crew.tsv.gz").exists(), "a damaged file never takes the dataset's name");
    let crew_gets = server.with(|b| b.seen.iter().filter(|(m, n, _)| m == "GET" && n == "title.crew.tsv.gz").count());
    assert_eq!(crew_gets, 2, "fetched again once");

    // Once the server has it right, the download ends well, keeping the files that were already checked.
    server.with(|b| {
        b.files.insert("title.crew.tsv.gz".into(), good);
        b.versions.insert("title.crew.tsv.gz".into(), 2);
    });
    let report = download::download(&folder, &server.url, &mut quiet()).unwrap();
    assert!(!report.files[0].fetched && report.files[2].fetched, "{:?}", report.files);
    same_files(&folder, &files);
}

#[test]
fn a_cancel_keeps_what_came_and_the_next_download_goes_on_from_it() {
    let files = generated(3000);
    let server = Server::start(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    let mut calls = 0;
    let e = download::download(&folder, &server.url, &mut |p| {
        calls += 1;
        if p.file == "title.basics.tsv.gz" && p.done_bytes > 0 && !p.checking {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    // The file may arrive in one read; a cancel on its first report still stops before the next file.
    match e {
        Err(CoreError::Cancelled) => {}
        other => panic!("cancelled, not {other:?} after {calls} reports"),
    }
    assert!(folder.join("title.ratings.tsv.gz").exists(), "the first file was whole and checked");
    assert!(!folder.join("title.principals.tsv.gz").exists());
    let report = download::download(&folder, &server.url, &mut quiet()).unwrap();
    assert!(!report.files[0].fetched, "the first file is not fetched again");
    same_files(&folder, &files);
}

#[test]
fn a_disk_too_small_is_told_before_anything_is_written() {
    let files = generated(500);
    let server = Server::start(files);
    server.with(|b| b.claimed_size = Some(1 << 62));
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    let plan = download::plan(&folder, &server.url).unwrap();
    assert!(!plan.enough_space, "{plan:?}");
    let e = download::download(&folder, &server.url, &mut quiet()).unwrap_err();
    assert!(matches!(&e, CoreError::Invalid { field, .. } if field == "folder"), "{e}");
    assert!(e.to_string().contains("MB free"), "{e}");
    let gets = server.with(|b| b.seen.iter().filter(|(m, _, _)| m == "GET").count());
    assert_eq!(gets, 0, "no file was fetched");
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none(), "nothing was written");
}

#[test]
fn a_newer_copy_on_the_server_is_fetched_again_alone() {
    let files = generated(1000);
    let server = Server::start(files.clone());
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("datasets");
    download::download(&folder, &server.url, &mut quiet()).unwrap();
    let newer = generated(1200)["title.ratings.tsv.gz"].clone();
    server.with(|b| {
        b.files.insert("title.ratings.tsv.gz".into(), newer.clone());
        b.versions.insert("title.ratings.tsv.gz".into(), 2);
    });
    let plan = download::plan(&folder, &server.url).unwrap();
    let states: Vec<DatasetFileState> = plan.files.iter().map(|f| f.state).collect();
    assert_eq!(states[0], DatasetFileState::Changed);
    assert!(states[1..].iter().all(|s| *s == DatasetFileState::Complete), "{states:?}");
    let report = download::download(&folder, &server.url, &mut quiet()).unwrap();
    assert_eq!(report.files.iter().filter(|f| f.fetched).count(), 1);
    assert_eq!(std::fs::read(folder.join("title.ratings.tsv.gz")).unwrap(), newer);
}

#[test]
fn no_server_at_all_is_said_plainly() {
    // A port with nothing listening: the connection is refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    let e = download::plan(&tmp.path().join("d"), &format!("http://127.0.0.1:{port}/")).unwrap_err();
    assert!(matches!(e, CoreError::Network { .. }), "{e}");
    assert!(e.to_string().contains("could not connect") && e.to_string().contains("folder"), "{e}");
}
