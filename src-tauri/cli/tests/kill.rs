//! Crash safety of the catalogue build: `matinee-cli catalogue build` killed with SIGKILL at moments spread over
//! the whole build, twenty times, over an existing catalogue, then once more on a disk that fills up. Each time
//! the previous catalogue opens, passes integrity_check, the user's rating is there, and no staging file is left.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn cli(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_matinee-cli"));
    c.arg("--data-dir").arg(data).env_remove("MATINEE_DATA_DIR");
    c
}

#[test]
fn killing_a_build_at_any_moment_keeps_the_previous_catalogue_and_the_library() {
    let tmp = tempfile::tempdir().unwrap();
    let datasets = tmp.path().join("imdb");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    assert!(Command::new("python3").arg(script).arg(&datasets).arg("20000").arg("--gzip").status().unwrap().success());
    let data = tmp.path().join("matinee");

    // The build's time, the shorter of two: a first build on a busy machine (make test runs other tests beside
    // this one) can take twice as long as the next ones, which would push most kills past their ends.
    let mut full = std::time::Duration::MAX;
    for _ in 0..2 {
        let started = Instant::now();
        assert!(cli(&data).args(["catalogue", "build"]).arg(&datasets).output().unwrap().status.success());
        full = full.min(started.elapsed());
    }
    assert!(cli(&data).args(["rate", "Miracle in Cell No. 7", "3.5/5"]).output().unwrap().status.success());
    let films = || {
        let m = matinee_core::Matinee::open(matinee_core::DataDir::at(&data)).unwrap();
        assert!(m.catalogue().integrity_ok().unwrap(), "integrity_check is ok");
        assert_eq!(m.film("mt:miracle-in-cell-no-7-2013").unwrap().user.rating, Some(70), "the rating is there");
        m.catalogue_status().unwrap().films
    };
    let before = films();

    // Twenty kills in `make test`; `make bench` asks for more.
    let kills: u32 = std::env::var("MATINEE_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(20).max(2);
    let mut killed_mid_build = 0;
    for i in 0..kills {
        // Moments spread from the very start to just past the end of a full build.
        let at = full.mul_f64(f64::from(i) / f64::from(kills - 1) * 1.1);
        let mut child = cli(&data).args(["catalogue", "build"]).arg(&datasets).spawn().unwrap();
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished {
            killed_mid_build += 1;
        }
        let after = films();
        assert_eq!(after, before, "kill {i} at {at:?}: the catalogue has the same films");
        assert_eq!(staging_files(&data), Vec::<String>::new(), "kill {i}: the next start removed the staging files");
    }
    assert!(killed_mid_build >= kills / 2, "most kills landed during a build ({killed_mid_build} of {kills})");
    println!("figure: {kills} kills, {killed_mid_build} of them during a build: the previous catalogue and the rating every time");

    // A disk that fills up mid-build (a file-size limit of 1 MiB, SIGXFSZ ignored so writes fail instead):
    // a clear message, the old catalogue, no staging file.
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1024; exec \"$0\" --data-dir \"$1\" catalogue build \"$2\"")
        .arg(env!("CARGO_BIN_EXE_matinee-cli"))
        .arg(&data)
        .arg(&datasets)
        .env_remove("MATINEE_DATA_DIR")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the build cannot finish on a full disk");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("full") || err.contains("too large") || err.contains("disk"), "a clear message: {err}");
    assert_eq!(films(), before, "the old catalogue is still there after a full disk");
    assert_eq!(staging_files(&data), Vec::<String>::new(), "no staging file after a full disk");
}

/// The staging catalogue and the search index's file, and their journals, wherever a build left them.
fn staging_files(data: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging"))
        .collect()
}

/// A download killed with SIGKILL at moments spread over it, then run again, ends with every file whole and
/// byte-identical to the server's, whatever moment the kill hit (before the first byte, mid-file, mid-check,
/// mid-rename). The server is tests/support/dataset_server.py on 127.0.0.1, slowed so the download takes seconds.
#[test]
fn killing_a_download_at_any_moment_then_running_it_again_gives_whole_files() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let served = tmp.path().join("served");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    assert!(Command::new("python3").arg(script).arg(&served).arg("20000").arg("--gzip").status().unwrap().success());
    let total: u64 = std::fs::read_dir(&served).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    let server_script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/support/dataset_server.py");
    // About two seconds for the whole download.
    let mut server = Command::new("python3")
        .arg(server_script)
        .arg(&served)
        .args(["--rate", &(total / 2).to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = format!("http://127.0.0.1:{}/", line.trim());
    let data = tmp.path().join("matinee");
    let folder = tmp.path().join("datasets");
    let download = || {
        let mut c = cli(&data);
        c.args(["catalogue", "download", "--no-build", "--url", &url]).arg(&folder);
        c
    };
    let kills = 8;
    for i in 0..kills {
        let mut child =
            download().stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 250 * i));
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = download().output().unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert!(out.status.success(), "the run after the kills: {}", String::from_utf8_lossy(&out.stderr));
    for entry in std::fs::read_dir(&served).unwrap() {
        let name = entry.unwrap().file_name();
        let sent = std::fs::read(served.join(&name)).unwrap();
        let got = std::fs::read(folder.join(&name)).unwrap();
        assert!(sent == got, "{name:?} is whole and the server's, byte for byte");
    }
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "no part left behind: {left:?}");
}
