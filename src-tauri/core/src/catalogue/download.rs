//! IMDb's non-commercial datasets, downloaded on request into a folder of their own (never into the live
//! catalogue): what a download would fetch and need, asked of the server first; each file fetched into
//! `<name>.part`, resumed with HTTP range requests after a cancel, a dropped connection, a kill or a restart;
//! each checked (a whole gzip stream, the expected header line) before it takes its own name; newer copies
//! fetched again when the server has them. This is the only code in Matinee that goes online.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::dataset::{expected_header, FILES};
use crate::error::{CoreError, Result};
use crate::model::{DatasetFilePlan, DatasetFileState, DownloadPlan, DownloadProgress, DownloadReport, DownloadedFile};

/// Where IMDb publishes the datasets.
pub const OFFICIAL_BASE_URL: &str = "https://datasets.imdbws.com/";

/// The datasets' terms, shown before the first download.
pub const TERMS: &str = "IMDb makes these datasets available for personal and non-commercial use only, under the \
terms at https://developer.imdb.com/non-commercial-datasets/ and the IMDb Conditions of Use. By downloading them you \
accept those terms. The information courtesy of IMDb (https://www.imdb.com), used with permission. Matinee uses the \
files only on this computer, to build your catalogue; it sends nothing back.";

/// The record of what was fetched, kept in the download folder.
const MANIFEST: &str = "downloads.json";

/// The disk a build needs per byte of the six compressed files. Measured on generated datasets: 100 k titles,
/// 20.7 MB of .tsv.gz gave a 24.0 MB catalogue; 1 M titles, 214.8 MB gave 246.0 MB (1.15 bytes a byte both
/// times). The build writes its staging file and the search index's scratch file beside the catalogue in use
/// before it swaps them, so twice that, and some room.
const CATALOGUE_BYTES_PER_DOWNLOADED_BYTE: f64 = 2.5;

/// A wait on the network longer than this (connecting, or between two reads) is a failure.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of a server's own words a message quotes.
const QUOTE_MAX: usize = 200;

/// The file name a dataset has on the server and on disk.
fn file_name(dataset: &str) -> String {
    format!("{dataset}.tsv.gz")
}

/// What the server says of a file: its size and the validators that tell one copy from the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Copy {
    size: Option<u64>,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl Copy {
    /// Whether `other` is the same copy of the file as far as both tell.
    fn same_as(&self, other: &Copy) -> bool {
        let agree = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        if self.size.is_some() && other.size.is_some() && self.size != other.size {
            return false;
        }
        agree(&self.etag, &other.etag).or(agree(&self.last_modified, &other.last_modified)).unwrap_or(true)
    }

    /// The validator for `If-Range`: the entity tag when it is a strong one, else the date.
    fn validator(&self) -> Option<&str> {
        self.etag.as_deref().filter(|e| !e.starts_with("W/")).or(self.last_modified.as_deref())
    }
}

/// What the folder holds: the copies downloaded whole and checked, and the copies the `.part` files come from.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    complete: BTreeMap<String, Copy>,
    partial: BTreeMap<String, Copy>,
}

impl Manifest {
    fn read(folder: &Path) -> Manifest {
        std::fs::read(folder.join(MANIFEST)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    /// Written to a temporary file, synced, and renamed: a kill leaves the old manifest or the new one.
    fn write(&self, folder: &Path) -> Result<()> {
        let target = folder.join(MANIFEST);
        let temp = folder.join(format!("{MANIFEST}.partial"));
        let bytes = serde_json::to_vec_pretty(self).expect("the manifest serialises");
        let mut file = File::create(&temp).map_err(|e| CoreError::io(&temp, e))?;
        file.write_all(&bytes).and_then(|()| file.sync_all()).map_err(|e| CoreError::io(&temp, e))?;
        std::fs::rename(&temp, &target).map_err(|e| CoreError::io(&target, e))
    }
}

/// The base URL: `MATINEE_DATASETS_URL` when set, else `configured`, else IMDb's official location; http or https,
/// ending with `/`.
pub fn base_url(configured: Option<&str>) -> Result<String> {
    let from_env = std::env::var("MATINEE_DATASETS_URL").ok().filter(|u| !u.trim().is_empty());
    let chosen = from_env.as_deref().or(configured.filter(|u| !u.trim().is_empty())).unwrap_or(OFFICIAL_BASE_URL);
    let mut url = chosen.trim().to_owned();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) || url.split("://").nth(1).is_none_or(|rest| rest.is_empty()) {
        return Err(CoreError::invalid("url", format!("'{}' is not an http:// or https:// address", quote(&url))));
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// The host of a URL, for messages.
fn host(url: &str) -> &str {
    url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or(url)
}

/// At most `QUOTE_MAX` characters of text from elsewhere.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_recv_response(Some(READ_TIMEOUT))
        .timeout_per_read(Some(READ_TIMEOUT))
        .http_status_as_error(false)
        .user_agent(format!("Matinee/{} (the film catalogue of one person)", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// A failed request, said plainly with what to do.
fn network_error(e: ureq::Error, url: &str) -> CoreError {
    let host = host(url);
    let folder_route = "Check the connection, or download the files yourself and choose their folder in \
                        Settings > Catalogue.";
    let message = match e {
        ureq::Error::HostNotFound => {
            format!("could not reach {host}: the name was not found (no network, or no DNS). {folder_route}")
        }
        ureq::Error::ConnectionFailed => format!("could not connect to {host}. {folder_route}"),
        ureq::Error::Timeout(_) | ureq::Error::BodyStalled => {
            format!("{host} stopped answering. What came is kept: download again to go on from there.")
        }
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => format!(
            "a secure connection to {host} could not be made ({}); check the computer's clock and the network.",
            quote(&e.to_string())
        ),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::NotConnected
                    | std::io::ErrorKind::AddrNotAvailable
                    | std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NetworkUnreachable
            ) =>
        {
            format!("could not connect to {host} ({}). {folder_route}", quote(&io.to_string()))
        }
        ureq::Error::Io(io) => format!(
            "the connection to {host} failed ({}). What came is kept: download again to go on from there.",
            quote(&io.to_string())
        ),
        other => format!("the request to {host} failed: {}. {folder_route}", quote(&other.to_string())),
    };
    CoreError::Network { message }
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| quote(v.trim()))
}

fn status_error(name: &str, url: &str, status: ureq::http::StatusCode) -> CoreError {
    let what = status.canonical_reason().unwrap_or("");
    let hint = match status.as_u16() {
        404 | 410 => "the server has no such file: check the address in Settings > Catalogue > Download from.",
        401 | 403 => "the server refused it.",
        500..=599 => "the server failed; try again later.",
        _ => "try again later.",
    };
    CoreError::Network {
        message: format!("{name}: {} answered {} {what} for {}; {hint}", host(url), status.as_u16(), quote(url)),
    }
}

/// Asks the server about one file: a HEAD request, or the first byte when HEAD is refused.
fn ask(agent: &ureq::Agent, base: &str, name: &str) -> Result<Copy> {
    let url = format!("{base}{name}");
    let resp = agent.head(&url).call().map_err(|e| network_error(e, &url))?;
    let status = resp.status();
    if status.is_success() {
        return Ok(Copy {
            size: header(&resp, "content-length").and_then(|v| v.parse().ok()),
            etag: header(&resp, "etag"),
            last_modified: header(&resp, "last-modified"),
        });
    }
    if status.as_u16() != 405 && status.as_u16() != 501 {
        return Err(status_error(name, &url, status));
    }
    let resp = agent.get(&url).header("Range", "bytes=0-0").call().map_err(|e| network_error(e, &url))?;
    let size = match resp.status().as_u16() {
        206 => header(&resp, "content-range").and_then(|r| r.rsplit('/').next().and_then(|t| t.parse().ok())),
        200 => header(&resp, "content-length").and_then(|v| v.parse().ok()),
        _ => return Err(status_error(name, &url, resp.status())),
    };
    Ok(Copy { size, etag: header(&resp, "etag"), last_modified: header(&resp, "last-modified") })
}

/// Free bytes on the disk that holds `folder` (or its nearest existing parent).
fn free_space(folder: &Path) -> u64 {
    let mut at = folder;
    loop {
        if at.exists() {
            return fs4::available_space(at).unwrap_or(0);
        }
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => return fs4::available_space(".").unwrap_or(0),
        }
    }
}

fn part_path(folder: &Path, name: &str) -> PathBuf {
    folder.join(format!("{name}.part"))
}

fn file_len(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len())
}

/// The plan with the server's copies, for `download` to follow.
struct Planned {
    plan: DownloadPlan,
    copies: Vec<Copy>,
}

fn make_plan(folder: &Path, base: &str, agent: &ureq::Agent) -> Result<Planned> {
    let manifest = Manifest::read(folder);
    let mut files = Vec::new();
    let mut copies = Vec::new();
    let (mut to_fetch, mut total) = (0u64, 0u64);
    for dataset in FILES {
        let name = file_name(dataset);
        let remote = ask(agent, base, &name)?;
        let complete = file_len(&folder.join(&name));
        let part = file_len(&part_path(folder, &name));
        let known = manifest.complete.get(&name);
        let (state, have) = match (complete, known) {
            (Some(len), Some(copy)) if copy.size == Some(len) && copy.same_as(&remote) => {
                (DatasetFileState::Complete, len)
            }
            _ => {
                let resumable = part.filter(|_| manifest.partial.get(&name).is_some_and(|c| c.same_as(&remote)));
                match (resumable, complete) {
                    (Some(len), _) if remote.size.is_none_or(|s| len <= s) => (DatasetFileState::Partial, len),
                    (_, Some(_)) => (DatasetFileState::Changed, 0),
                    _ => (DatasetFileState::Missing, 0),
                }
            }
        };
        let size = remote.size;
        total = total.saturating_add(size.unwrap_or(have));
        if state != DatasetFileState::Complete {
            to_fetch = to_fetch.saturating_add(size.map_or(0, |s| s.saturating_sub(have)));
        }
        files.push(DatasetFilePlan { name, size_bytes: size, have_bytes: have, state });
        copies.push(remote);
    }
    let catalogue = (total as f64 * CATALOGUE_BYTES_PER_DOWNLOADED_BYTE) as u64;
    let disk_needed_bytes = to_fetch.saturating_add(catalogue);
    let disk_free_bytes = free_space(folder);
    let plan = DownloadPlan {
        base_url: base.to_owned(),
        folder: folder.to_string_lossy().into_owned(),
        files,
        download_bytes: to_fetch,
        disk_needed_bytes,
        disk_free_bytes,
        enough_space: disk_free_bytes >= disk_needed_bytes,
    };
    Ok(Planned { plan, copies })
}

/// Asks the server for each file's size and validators, compares them with what `folder` holds, measures the free
/// space, and says what a download would fetch and need. Goes online; writes nothing.
pub fn plan(folder: &Path, base_url: &str) -> Result<DownloadPlan> {
    Ok(make_plan(folder, base_url, &agent())?.plan)
}

/// Reports progress at most ten times a second, with the pace over the last few seconds.
struct Pace {
    started: Instant,
    last_report: Option<Instant>,
    samples: std::collections::VecDeque<(Instant, u64)>,
}

impl Pace {
    fn new() -> Pace {
        Pace { started: Instant::now(), last_report: None, samples: std::collections::VecDeque::new() }
    }

    fn due(&mut self, force: bool) -> bool {
        let now = Instant::now();
        let due = force || self.last_report.is_none_or(|t| now.duration_since(t) >= Duration::from_millis(100));
        if due {
            self.last_report = Some(now);
        }
        due
    }

    /// Bytes a second over the last five seconds (received this session only).
    fn speed(&mut self, received: u64) -> u64 {
        let now = Instant::now();
        self.samples.push_back((now, received));
        while self.samples.len() > 2 && now.duration_since(self.samples[0].0) > Duration::from_secs(5) {
            self.samples.pop_front();
        }
        let (t0, b0) = self.samples[0];
        let secs = now.duration_since(t0).as_secs_f64();
        if secs < 0.2 {
            let all = now.duration_since(self.started).as_secs_f64();
            return if all > 0.0 { (received as f64 / all) as u64 } else { 0 };
        }
        ((received - b0) as f64 / secs) as u64
    }
}

/// Why a file that arrived whole is not usable.
fn check(path: &Path, dataset: &str, on_checked: &mut dyn FnMut(u64) -> ControlFlow<()>) -> Result<(), String> {
    struct Counting<R> {
        inner: R,
        read: u64,
    }
    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n as u64;
            Ok(n)
        }
    }
    let file = File::open(path).map_err(|e| e.to_string())?;
    let counting = Counting { inner: file, read: 0 };
    let mut reader = BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(counting));
    let mut first = String::new();
    reader.read_line(&mut first).map_err(|e| format!("it is not a whole gzip file ({e})"))?;
    let want = expected_header(dataset);
    if first.trim_end_matches(['\n', '\r']) != want {
        return Err(format!("its first line is not the {dataset} header: '{}'", quote(first.trim_end())));
    }
    if on_checked(0).is_break() {
        return Err(String::new());
    }
    let mut buf = vec![0u8; 1 << 20];
    let mut since = Instant::now();
    loop {
        let n = reader.read(&mut buf).map_err(|e| format!("it is not a whole gzip file ({e})"))?;
        if n == 0 {
            return Ok(());
        }
        if since.elapsed() >= Duration::from_millis(100) {
            since = Instant::now();
            if on_checked(reader.get_ref().get_ref().read).is_break() {
                return Err(String::new());
            }
        }
    }
}

/// Describes a failed write: a full disk is said as such, with what to do.
fn write_error(path: &Path, e: std::io::Error, still: Option<u64>) -> CoreError {
    let full = e.raw_os_error() == Some(28) || e.kind() == std::io::ErrorKind::StorageFull;
    if full {
        let more = still.map(|s| format!(" (about {} MB more for this file alone)", s.div_ceil(1_000_000)));
        let message = format!(
            "the disk is full{}: free some space, then download again to go on from here; what came is kept",
            more.unwrap_or_default()
        );
        return CoreError::io(path, std::io::Error::new(std::io::ErrorKind::StorageFull, message));
    }
    CoreError::io(path, e)
}

/// The progress a callback hears, made from what is known.
#[allow(clippy::too_many_arguments)]
fn report(
    on_progress: &mut dyn FnMut(&DownloadProgress) -> ControlFlow<()>,
    name: &str,
    number: usize,
    done: u64,
    total: Option<u64>,
    speed: u64,
    checking: bool,
) -> ControlFlow<()> {
    let seconds_left = match (total, speed) {
        (Some(t), s) if s > 0 && t >= done => u32::try_from((t - done) / s).ok(),
        _ => None,
    };
    on_progress(&DownloadProgress {
        file: name.to_owned(),
        file_number: number as u32,
        file_count: FILES.len() as u32,
        done_bytes: done,
        total_bytes: total,
        bytes_per_second: speed,
        seconds_left,
        checking,
    })
}

/// Fetches one file into its `.part`, resuming from what is there when the server allows. Answers where it
/// resumed from.
#[allow(clippy::too_many_arguments)]
fn fetch(
    agent: &ureq::Agent,
    base: &str,
    folder: &Path,
    name: &str,
    number: usize,
    remote: &Copy,
    manifest: &mut Manifest,
    on_progress: &mut dyn FnMut(&DownloadProgress) -> ControlFlow<()>,
) -> Result<u64> {
    let url = format!("{base}{name}");
    let part = part_path(folder, name);
    let resumable = manifest.partial.get(name).is_some_and(|c| c.same_as(remote));
    let mut have = if resumable { file_len(&part).unwrap_or(0) } else { 0 };
    if remote.size.is_some_and(|s| have > s) {
        have = 0;
    }
    let mut request = agent.get(&url);
    if have > 0 {
        request = request.header("Range", format!("bytes={have}-"));
        if let Some(v) = remote.validator() {
            request = request.header("If-Range", v);
        }
    }
    let mut resp = request.call().map_err(|e| network_error(e, &url))?;
    let status = resp.status().as_u16();
    let start = match status {
        206 => {
            let from = header(&resp, "content-range")
                .and_then(|r| r.strip_prefix("bytes ").and_then(|r| r.split('-').next()).and_then(|s| s.parse().ok()));
            if from != Some(have) {
                return Err(CoreError::Network {
                    message: format!("{name}: {} sent another part of the file than asked; try again.", host(&url)),
                });
            }
            have
        }
        // The server sent the whole file: it ignores ranges, or its copy changed.
        200 => 0,
        // The part is already as long as the file: it only needs its check.
        416 if remote.size == Some(have) && have > 0 => return Ok(have),
        _ => return Err(status_error(name, &url, resp.status())),
    };
    let copy = Copy {
        size: match status {
            206 => remote.size,
            _ => header(&resp, "content-length").and_then(|v| v.parse().ok()).or(remote.size),
        },
        etag: header(&resp, "etag").or_else(|| remote.etag.clone()),
        last_modified: header(&resp, "last-modified").or_else(|| remote.last_modified.clone()),
    };
    // The copy the part comes from is on record before its first byte, so a kill at any moment resumes rightly.
    manifest.partial.insert(name.to_owned(), copy.clone());
    manifest.write(folder)?;
    let mut file = if start > 0 { OpenOptions::new().append(true).open(&part) } else { File::create(&part) }
        .map_err(|e| write_error(&part, e, copy.size))?;
    let mut reader = resp.body_mut().as_reader();
    let mut buf = vec![0u8; 256 * 1024];
    let mut done = start;
    let mut pace = Pace::new();
    let _ = report(on_progress, name, number, done, copy.size, 0, false);
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let _ = file.sync_all();
                let got = if done > 0 { format!(" after {} MB", done / 1_000_000) } else { String::new() };
                return Err(CoreError::Network {
                    message: format!(
                        "{name}: the connection to {} dropped{got} ({}). What came is kept: download again to go on from there.",
                        host(&url),
                        quote(&e.to_string())
                    ),
                });
            }
        };
        file.write_all(&buf[..n]).map_err(|e| write_error(&part, e, copy.size.map(|s| s.saturating_sub(done))))?;
        done += n as u64;
        if pace.due(false) {
            let speed = pace.speed(done - start);
            if report(on_progress, name, number, done, copy.size, speed, false).is_break() {
                file.sync_all().map_err(|e| write_error(&part, e, None))?;
                return Err(CoreError::Cancelled);
            }
        }
    }
    file.sync_all().map_err(|e| write_error(&part, e, None))?;
    if let Some(size) = copy.size {
        if done != size {
            return Err(CoreError::Network {
                message: format!(
                    "{name}: {} ended the file after {done} of {size} bytes. What came is kept: download again to go \
                     on from there.",
                    host(&url)
                ),
            });
        }
    }
    let speed = pace.speed(done - start);
    let _ = report(on_progress, name, number, done, copy.size, speed, false);
    Ok(start)
}

/// Downloads what is missing, partial or changed into `folder`, reporting progress (Break cancels: the part is
/// kept, and the next download goes on from it), then checks every fetched file; a damaged one is fetched again
/// once. Refuses to start when the free space is short.
pub fn download(
    folder: &Path,
    base_url: &str,
    on_progress: &mut dyn FnMut(&DownloadProgress) -> ControlFlow<()>,
) -> Result<DownloadReport> {
    let started = Instant::now();
    std::fs::create_dir_all(folder).map_err(|e| CoreError::io(folder, e))?;
    let agent = agent();
    let Planned { plan, copies } = make_plan(folder, base_url, &agent)?;
    if !plan.enough_space {
        return Err(CoreError::invalid(
            "folder",
            format!(
                "{} has {} MB free, and the download with the catalogue built from it needs about {} MB: free some \
                 space and try again",
                folder.display(),
                plan.disk_free_bytes / 1_000_000,
                plan.disk_needed_bytes.div_ceil(1_000_000)
            ),
        ));
    }
    let mut manifest = Manifest::read(folder);
    let mut report_files = Vec::new();
    let mut fetched_bytes = 0;
    for (i, (file, remote)) in plan.files.iter().zip(&copies).enumerate() {
        let number = i + 1;
        let name = file.name.as_str();
        let dataset = FILES[i];
        if file.state == DatasetFileState::Complete {
            report_files.push(DownloadedFile {
                name: name.to_owned(),
                bytes: file.have_bytes,
                fetched: false,
                resumed_from: 0,
                fetched_again: false,
            });
            continue;
        }
        let mut fetched_again = false;
        let mut resumed_from = 0;
        for attempt in 0..2 {
            let from = fetch(&agent, base_url, folder, name, number, remote, &mut manifest, on_progress)?;
            if attempt == 0 {
                resumed_from = from;
            }
            let part = part_path(folder, name);
            let size = file_len(&part).unwrap_or(0);
            let mut cancelled = false;
            let checked = check(&part, dataset, &mut |read| {
                let flow = report(on_progress, name, number, read, Some(size), 0, true);
                cancelled |= flow.is_break();
                flow
            });
            if cancelled {
                return Err(CoreError::Cancelled);
            }
            match checked {
                Ok(()) => {
                    let target = folder.join(name);
                    std::fs::rename(&part, &target).map_err(|e| CoreError::io(&target, e))?;
                    let copy = manifest.partial.remove(name).unwrap_or_else(|| remote.clone());
                    manifest.complete.insert(name.to_owned(), Copy { size: Some(size), ..copy });
                    manifest.write(folder)?;
                    fetched_bytes += size - from;
                    report_files.push(DownloadedFile {
                        name: name.to_owned(),
                        bytes: size,
                        fetched: true,
                        resumed_from,
                        fetched_again,
                    });
                    break;
                }
                Err(why) => {
                    // The damaged copy goes; the next attempt starts from nothing.
                    let _ = std::fs::remove_file(&part);
                    manifest.partial.remove(name);
                    manifest.write(folder)?;
                    if attempt == 1 {
                        return Err(CoreError::Network {
                            message: format!(
                                "{name} from {} is damaged: {why}. It was fetched twice; try again later, or download \
                                 the files yourself and choose their folder in Settings > Catalogue.",
                                host(base_url)
                            ),
                        });
                    }
                    fetched_again = true;
                }
            }
        }
    }
    Ok(DownloadReport {
        folder: folder.to_string_lossy().into_owned(),
        files: report_files,
        fetched_bytes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_is_an_http_address_ending_with_a_slash() {
        // The environment may name one for tests; these look at the configured value only when it does not.
        if std::env::var_os("MATINEE_DATASETS_URL").is_some() {
            return;
        }
        assert_eq!(base_url(None).unwrap(), OFFICIAL_BASE_URL);
        assert_eq!(base_url(Some("http://127.0.0.1:8000")).unwrap(), "http://127.0.0.1:8000/");
        assert_eq!(base_url(Some("  ")).unwrap(), OFFICIAL_BASE_URL);
        for bad in ["ftp://x/", "file:///etc/", "https://", "datasets.imdbws.com", "http://a b/"] {
            assert!(base_url(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn copies_are_told_apart_by_size_and_validators() {
        let a = Copy { size: Some(10), etag: Some("\"1\"".into()), last_modified: None };
        assert!(a.same_as(&a.clone()));
        assert!(!a.same_as(&Copy { size: Some(11), ..a.clone() }));
        assert!(!a.same_as(&Copy { etag: Some("\"2\"".into()), ..a.clone() }));
        assert!(a.same_as(&Copy { etag: None, ..a.clone() }), "nothing says they differ");
        assert_eq!(a.validator(), Some("\"1\""));
        let weak = Copy { etag: Some("W/\"1\"".into()), last_modified: Some("Tue, 01 Dec 2026".into()), size: None };
        assert_eq!(weak.validator(), Some("Tue, 01 Dec 2026"), "If-Range needs a strong validator");
    }

    #[test]
    fn messages_quote_at_most_a_few_hundred_characters() {
        let long = "x".repeat(10_000);
        assert!(quote(&long).chars().count() <= QUOTE_MAX + 1);
        assert_eq!(host("https://datasets.imdbws.com/title.basics.tsv.gz"), "datasets.imdbws.com");
    }
}
