//! Sync through a real replication engine: two Syncthing instances (Debian's `syncthing`), each with its own
//! home and ports on 127.0.0.1, discovery, relays, NAT and reporting off, replicate one folder between two
//! Matinee data folders. Ratings, a viewing and a list made on each side appear on the other, and the two
//! libraries end identical. Skipped, and said so, when syncthing is not installed.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn cli(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_matinee-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .arg("--json")
        .env_remove("MATINEE_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One Syncthing instance, stopped when dropped.
struct Instance {
    child: Child,
    home: PathBuf,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A home with keys; its device id.
fn generate(home: &Path) -> String {
    let out = Command::new("syncthing")
        .args(["generate", "--no-default-folder", "--skip-port-probing"])
        .arg(format!("--home={}", home.display()))
        .env("HOME", home)
        .output()
        .expect("syncthing runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    text.lines()
        .find_map(|l| l.split("Device ID: ").nth(1))
        .map(|id| id.trim().to_owned())
        .unwrap_or_else(|| panic!("no device id from syncthing generate: {text}"))
}

fn config(folder: &Path, me: (&str, u16), other: (&str, u16)) -> String {
    format!(
        r#"<configuration version="36">
    <folder id="matinee" label="Matinee" path="{path}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me_id}"></device>
        <device id="{other_id}"></device>
    </folder>
    <device id="{me_id}" name="me" compression="metadata"><address>tcp://127.0.0.1:{me_port}</address></device>
    <device id="{other_id}" name="other" compression="metadata"><address>tcp://127.0.0.1:{other_port}</address></device>
    <gui enabled="false" tls="false"><address>127.0.0.1:{gui}</address></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{me_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
    </options>
</configuration>
"#,
        path = folder.display(),
        me_id = me.0,
        me_port = me.1,
        other_id = other.0,
        other_port = other.1,
        gui = free_port(),
    )
}

fn serve(home: &Path) -> Instance {
    let child = Command::new("syncthing")
        .args(["serve", "--no-browser", "--no-restart", "--no-default-folder"])
        .arg(format!("--home={}", home.display()))
        .arg(format!("--logfile={}", home.join("syncthing.log").display()))
        .env("HOME", home)
        .env("STNOUPGRADE", "1")
        .env("STNODEFAULTFOLDER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("syncthing serve starts");
    Instance { child, home: home.to_path_buf() }
}

#[test]
fn two_syncthing_instances_carry_each_librarys_changes_to_the_other() {
    if Command::new("syncthing").arg("--version").output().is_err() {
        println!("skipped: syncthing is not installed (apt-get install syncthing; make test installs it)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (home_a, home_b) = (root.join("st-a"), root.join("st-b"));
    let (folder_a, folder_b) = (root.join("a/Sync"), root.join("b/Sync"));
    let (data_a, data_b) = (root.join("a/matinee"), root.join("b/matinee"));
    for f in [&folder_a, &folder_b] {
        std::fs::create_dir_all(f.join(".stfolder")).unwrap();
    }
    let (id_a, id_b) = (generate(&home_a), generate(&home_b));
    let (port_a, port_b) = (free_port(), free_port());
    std::fs::write(home_a.join("config.xml"), config(&folder_a, (&id_a, port_a), (&id_b, port_b))).unwrap();
    std::fs::write(home_b.join("config.xml"), config(&folder_b, (&id_b, port_b), (&id_a, port_a))).unwrap();
    let instances = [serve(&home_a), serve(&home_b)];

    // Each side: a rating, a viewing and a list of its own, made before and after joining.
    cli(&data_a, &["rate", "White God (2014)", "4/5"]);
    cli(&data_a, &["sync", "folder", folder_a.to_str().unwrap(), "--name", "Laptop"]);
    cli(&data_a, &["log", "The Guilty (2018)", "--date", "2025-02-14", "--rating", "3.5/5"]);
    cli(&data_a, &["list", "create", "Rainy days"]);
    cli(&data_a, &["list", "add", "Rainy days", "The Guilty (2018)"]);
    cli(&data_b, &["sync", "folder", folder_b.to_str().unwrap(), "--name", "Desktop"]);
    cli(&data_b, &["rate", "Parasite (2019)", "5/5"]);
    cli(&data_b, &["log", "Miracle in Cell No. 7 (2013)", "--date", "2024-12-25"]);
    cli(&data_b, &["list", "create", "With Dad"]);
    cli(&data_b, &["list", "add", "With Dad", "Miracle in Cell No. 7 (2013)"]);

    let export = |data: &Path, name: &str| {
        let out = root.join(name);
        let _ = std::fs::remove_file(&out);
        cli(data, &["export", "--format", "json", out.to_str().unwrap()]);
        std::fs::read_to_string(out).unwrap()
    };
    let started = Instant::now();
    let deadline = started + Duration::from_secs(120);
    loop {
        cli(&data_a, &["sync", "now"]);
        cli(&data_b, &["sync", "now"]);
        let (ea, eb) = (export(&data_a, "a.json"), export(&data_b, "b.json"));
        let a_status = cli(&data_a, &["sync", "status"]);
        let both =
            a_status["computers"].as_array().is_some_and(|c| c.len() == 2 && c.iter().all(|c| c["up_to_date"] == true));
        if ea == eb && both {
            let v: serde_json::Value = serde_json::from_str(&ea).unwrap();
            assert_eq!(v["ratings"].as_array().unwrap().len(), 3, "{}", v["ratings"]);
            assert_eq!(v["viewings"].as_array().unwrap().len(), 2);
            let lists: Vec<&str> = v["lists"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
            assert_eq!(lists, ["Rainy days", "With Dad"]);
            break;
        }
        if Instant::now() > deadline {
            for i in &instances {
                let log = std::fs::read_to_string(i.home.join("syncthing.log")).unwrap_or_default();
                eprintln!("--- {}:\n{}", i.home.display(), log.lines().rev().take(30).collect::<Vec<_>>().join("\n"));
            }
            panic!("the libraries did not meet through Syncthing in 120 s:\nA status {a_status}");
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    println!(
        "figure: two Syncthing instances brought both libraries together in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Each folder holds both computers' files, brought by Syncthing (Matinee wrote only its own).
    let device_a = cli(&data_a, &["sync", "status"])["device"].as_str().unwrap().to_owned();
    let device_b = cli(&data_b, &["sync", "status"])["device"].as_str().unwrap().to_owned();
    assert!(
        folder_b.join(&device_a).join("device.json").exists() && folder_a.join(&device_b).join("device.json").exists()
    );
    // On B, A's rating as its card shows it.
    assert_eq!(cli(&data_b, &["show", "White God (2014)"])["user"]["rating"], 80);
    assert_eq!(cli(&data_a, &["show", "Parasite (2019)"])["user"]["rating"], 100);
}
