//! What the end-to-end tests share: a display (Xvfb when there is none), tauri-driver on free ports, a fresh
//! data folder per test, and a WebDriver client with helpers that wait instead of sleeping.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// One end-to-end test at a time: each starts a whole app, and the machine has two cores.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub const WAIT: Duration = Duration::from_secs(20);

/// The folder screenshots are written to (README names it).
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn stop(child: &mut Child) {
    // SIGTERM, never SIGKILL: a killed tauri-driver leaves WebKitWebDriver behind.
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// An X display for the app: the one the environment has, else a private Xvfb.
pub struct Display {
    name: String,
    xvfb: Option<Child>,
}

impl Display {
    pub fn get() -> Display {
        if let Ok(name) = std::env::var("DISPLAY") {
            if !name.is_empty() && std::env::var_os("MATINEE_E2E_OWN_XVFB").is_none() {
                return Display { name, xvfb: None };
            }
        }
        for n in 90..140 {
            if Path::new(&format!("/tmp/.X{n}-lock")).exists() {
                continue;
            }
            let name = format!(":{n}");
            let mut child = Command::new("Xvfb")
                .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is installed (make test installs it)");
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    return Display { name, xvfb: Some(child) };
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            stop(&mut child);
            panic!("Xvfb {name} did not start");
        }
        panic!("no free X display number between :90 and :139");
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(child) = &mut self.xvfb {
            stop(child);
        }
    }
}

/// tauri-driver with its own ports and a fresh home for the app.
pub struct Driver {
    child: Child,
    pub port: u16,
    pub home: tempfile::TempDir,
    _display: Display,
}

impl Driver {
    pub fn start() -> Driver {
        Driver::start_in(None)
    }

    /// Starts tauri-driver for an app whose data folder is `data` (a temporary one when `None`).
    pub fn start_in(data: Option<PathBuf>) -> Driver {
        Driver::start_with(data, &[])
    }

    /// As `start_in`, with more environment for the app (`MATINEE_DATASETS_URL`, say).
    pub fn start_with(data: Option<PathBuf>, env: &[(&str, &str)]) -> Driver {
        let display = Display::get();
        let home = tempfile::tempdir().expect("temp folder");
        let port = free_port();
        let native = free_port();
        let tauri_driver = which("tauri-driver");
        let child = Command::new(tauri_driver)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", &display.name)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("MATINEE_DATA_DIR", data.unwrap_or_else(|| home.path().join("matinee")))
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (make test installs it)");
        Driver { child, port, home, _display: display }
    }

    /// The X display the app is on (for xdotool).
    pub fn display(&self) -> &str {
        &self._display.name
    }

    /// Answers the desktop's folder dialog that the app opened (GTK's file chooser, titled `title`) with `folder`,
    /// as a person would: the location field (Ctrl+L), the path typed, the Open button.
    pub fn choose_folder_in_dialog(&self, title: &str, folder: &Path) {
        let xdotool = |args: &[&str]| {
            Command::new("xdotool").args(args).env("DISPLAY", self.display()).output().expect("xdotool is installed")
        };
        let deadline = Instant::now() + WAIT;
        let window = loop {
            let found = xdotool(&["search", "--onlyvisible", "--name", title]);
            let id = String::from_utf8_lossy(&found.stdout).lines().last().map(str::to_owned);
            if let Some(id) = id.filter(|i| !i.is_empty()) {
                break id;
            }
            assert!(Instant::now() < deadline, "the folder dialog \"{title}\" did not open");
            std::thread::sleep(Duration::from_millis(200));
        };
        // No window manager gives it focus under Xvfb: give it focus, then type into it. (A dialog closed stays as
        // an unmapped window: only visible ones count.)
        std::thread::sleep(Duration::from_millis(500));
        xdotool(&["windowfocus", "--sync", &window]);
        xdotool(&["key", "ctrl+l"]);
        std::thread::sleep(Duration::from_millis(300));
        let path = folder.to_string_lossy().into_owned();
        xdotool(&["type", "--delay", "20", &path]);
        // The chooser reads the folders it completes from before it takes Enter.
        std::thread::sleep(Duration::from_millis(1500));
        self.screenshot_display("folder-dialog");
        // Then its Open button, clicked where GTK puts it (bottom right of the dialog): under Xvfb, with no window
        // manager, the location field does not act on Enter.
        let geometry = xdotool(&["getwindowgeometry", "--shell", &window]);
        let text = String::from_utf8_lossy(&geometry.stdout).into_owned();
        let get = |k: &str| -> i64 {
            text.lines().find_map(|l| l.strip_prefix(&format!("{k}="))).and_then(|v| v.parse().ok()).unwrap_or(0)
        };
        let (x, y, w, h) = (get("X"), get("Y"), get("WIDTH"), get("HEIGHT"));
        let open = [(x + w - 45).to_string(), (y + h - 14).min(797).to_string()];
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            xdotool(&["mousemove", &open[0], &open[1], "click", "1"]);
            std::thread::sleep(Duration::from_millis(400));
            let still = xdotool(&["search", "--onlyvisible", "--name", title]);
            if String::from_utf8_lossy(&still.stdout).trim().is_empty() {
                return;
            }
        }
        self.screenshot_display("folder-dialog-failed");
        panic!("the folder dialog did not take {}", folder.display());
    }

    /// A screenshot of the whole display (the app's window and any dialog over it), with ImageMagick's `import`.
    pub fn screenshot_display(&self, name: &str) {
        let path = screenshot_dir().join(format!("{name}.png"));
        let _ = Command::new("import").args(["-window", "root"]).arg(&path).env("DISPLAY", self.display()).status();
    }

    /// The app's data folder in this test.
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("matinee")
    }

    /// Starts the app and connects to it, retrying while tauri-driver and WebKitWebDriver come up.
    pub async fn session(&self) -> Client {
        // The installed app when a test names it (`make package-test`), else the one this build made.
        let app = std::env::var("MATINEE_E2E_APP").unwrap_or_else(|_| env!("CARGO_BIN_EXE_matinee").to_owned());
        self.session_of(&app).await
    }

    /// Starts the app at `app` (another program than Matinee, for the benchmark's peer) and connects to it.
    pub async fn session_of(&self, app: &str) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        // A cold first start (a fresh display, WebKit's caches empty, two busy cores) can take a while.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                Ok(client) => return client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => {
                    let alive = Path::new(&format!("/proc/{}", self.child.id())).exists();
                    panic!("could not start a WebDriver session with the app (tauri-driver running: {alive}): {e}")
                }
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

fn which(program: &str) -> PathBuf {
    let candidates =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).unwrap_or_default();
    let home_cargo = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"));
    candidates
        .into_iter()
        .chain(home_cargo)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(program))
}

pub fn css(selector: &str) -> Locator<'_> {
    Locator::Css(selector)
}

/// Waits for an element to appear.
pub async fn find(client: &Client, selector: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("{selector} did not appear: {e}"))
}

/// Clicks an element once it is there, finding it again when a re-render replaced the one found (a list that
/// redraws as the user types).
pub async fn click(client: &Client, selector: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let result = match client.find(Locator::Css(selector)).await {
            Ok(el) => el.click().await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => return,
            Err(e) if Instant::now() >= deadline => panic!("{selector} could not be clicked: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Waits until `check` holds for the element's text.
pub async fn wait_text(client: &Client, selector: &str, check: impl Fn(&str) -> bool, what: &str) -> String {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(selector)).await {
            if let Ok(text) = el.text().await {
                if check(&text) {
                    return text;
                }
                last = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{selector}: expected {what}, last saw {last:?}");
}

/// Waits until `check` holds for an attribute of the element.
pub async fn wait_attr(client: &Client, selector: &str, attr: &str, check: impl Fn(Option<&str>) -> bool, what: &str) {
    let deadline = Instant::now() + WAIT;
    let mut last = None;
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(selector)).await {
            if let Ok(value) = el.attr(attr).await {
                if check(value.as_deref()) {
                    return;
                }
                last = value;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{selector}[{attr}]: expected {what}, last saw {last:?}");
}

/// Counts the elements matching `selector`.
pub async fn count(client: &Client, selector: &str) -> usize {
    client.find_all(Locator::Css(selector)).await.map(|v| v.len()).unwrap_or(0)
}

/// Waits for WebKit to draw the current state, then writes a screenshot.
pub async fn screenshot(client: &Client, name: &str) {
    let _ = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await;
    let png = tokio::time::timeout(Duration::from_secs(20), client.screenshot())
        .await
        .expect("the screenshot came back in time")
        .expect("a screenshot");
    let path = screenshot_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
}

/// A fresh library opens on the welcome page: take its "Just look around" way (the `J` key) to Discover.
pub async fn look_around(client: &Client) {
    find(client, "[data-testid=welcome]").await;
    client.find(css("body")).await.expect("the page").send_keys("j").await.expect("press J");
    find(client, "[data-testid=search]").await;
}

/// Goes to Discover whether or not the library opened on the welcome page (a library of unknown contents).
pub async fn past_welcome(client: &Client) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if client.find(css("[data-testid=welcome]")).await.is_ok() {
            return look_around(client).await;
        }
        if client.find(css("[data-testid=search]")).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("neither the welcome page nor Discover appeared");
}

/// A local HTTP server over a folder of dataset files, as the datasets' own server answers (HEAD, Range), at
/// `rate` bytes a second per request when given (tests/support/dataset_server.py). Stopped when dropped.
pub struct DatasetServer {
    child: Child,
    pub url: String,
}

impl DatasetServer {
    pub fn start(dir: &Path, rate: Option<u64>) -> DatasetServer {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/dataset_server.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script).arg(dir).stdout(Stdio::piped()).stderr(Stdio::inherit());
        if let Some(rate) = rate {
            cmd.args(["--rate", &rate.to_string()]);
        }
        let mut child = cmd.spawn().expect("python3 runs the dataset server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("its output")).read_line(&mut line).expect("its port");
        let port: u16 = line.trim().parse().unwrap_or_else(|_| panic!("the dataset server said {line:?}"));
        DatasetServer { child, url: format!("http://127.0.0.1:{port}/") }
    }
}

impl Drop for DatasetServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
