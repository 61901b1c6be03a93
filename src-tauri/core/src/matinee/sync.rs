//! Sync through a folder another program replicates (Syncthing, Nextcloud, Dropbox, a share, a USB stick): the
//! folder's side. Each computer writes only in a folder of its own, `FOLDER/<computer id>/`: `device.json` (its
//! name, rewritten whole), and record files it only appends to (`log-000001.jsonl`) or writes whole once
//! (`snapshot-000002.jsonl`, which stands for the older files it replaces). Every computer reads every
//! computer's files and merges them (`crate::sync`, `library::sync_store`). Nothing else in the folder is read.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Matinee;
use crate::error::{CoreError, Result};
use crate::library::sync_store::{known, not_syncing, views, Key, SyncConfig};
use crate::model::{SyncComputer, SyncConflict, SyncReport, SyncStatus};
use crate::sync::{self, Clock, KeyState, Record, RecordFile};

const DEVICE_FILE: &str = "device.json";
const DEVICE_FORMAT: &str = "matinee-sync-device";
/// A computer's name: what the others show it as.
const NAME_MAX_CHARS: usize = 60;
/// A log is compacted into a snapshot when it has this many lines and more than twice as many as there are
/// records of this computer's still in use.
const COMPACT_AFTER_LINES: u64 = 4_096;

#[derive(Debug, Serialize, Deserialize)]
struct DeviceFile {
    format: String,
    device: String,
    name: String,
    written_at: String,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CoreError + '_ {
    move |e| CoreError::io(path, e)
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// This computer's name as the system knows it, for a first name.
fn host_name() -> String {
    let name = fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    if name.is_empty() {
        "This computer".into()
    } else {
        name.chars().take(NAME_MAX_CHARS).collect()
    }
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid("name", "a computer's name cannot be empty"));
    }
    if name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            "name",
            format!("a computer's name is at most {NAME_MAX_CHARS} characters, with no control characters"),
        ));
    }
    Ok(name.to_owned())
}

/// The records this library's rows call for: every row that differs from what the heads say (an edit), every
/// row the heads have and the library no longer does (a deletion, which keeps what it deleted), each having seen
/// all the key's heads and stamped with the time the row was edited where the row says it. A film's row, a
/// list's order and a tag's spelling are never deleted: they go with what holds them; keys of kinds this Matinee
/// does not know are left alone. A row of a key this library never synced that is the same as a record in the
/// folder (two computers that imported one export, a library that joins again) is that record, not a change.
pub(crate) fn own_changes(
    rows: &BTreeMap<Key, Value>,
    heads: &HashMap<Key, KeyState>,
    incoming: &[Record],
    clock: &mut Clock,
    device: &str,
) -> Vec<Record> {
    let before = views(heads);
    let mut in_folder: HashMap<&Key, Vec<&Value>> = HashMap::new();
    for r in incoming {
        if let Some(v) = &r.v {
            in_folder.entry(&r.key).or_default().push(v);
        }
    }
    let mut changes: Vec<(Key, bool, Value)> = Vec::new();
    for (k, v) in rows {
        if before.get(k) == Some(v) {
            continue;
        }
        let never_synced = heads.get(k).is_none_or(|s| s.heads.is_empty());
        if never_synced && in_folder.get(k).is_some_and(|vs| vs.contains(&v)) {
            continue;
        }
        changes.push((k.clone(), false, v.clone()));
    }
    for (k, v) in &before {
        if !rows.contains_key(k) && known(k) && !matches!(k[0].as_str(), "film" | "order" | "tagname") {
            changes.push((k.clone(), true, v.clone()));
        }
    }
    // Films first, so that a file cut short holds the films its other records name.
    changes.sort_by_key(|(k, ..)| (k[0] != "film", k[0] != "list", k.clone()));
    let now = now_ms();
    changes
        .into_iter()
        .map(|(k, del, v)| {
            let ctx = heads.get(&k).map(KeyState::context).unwrap_or_default();
            let at = if del { now } else { edited_at(&k, &v).unwrap_or(now).min(now) };
            Record { id: clock.stamp(at, &ctx, device), key: k, del, v: Some(v), ctx }
        })
        .collect()
}

/// When a row was last edited, as the row itself says (a rating's `rated_at`, a note's `updated_at`, ...).
fn edited_at(k: &Key, v: &Value) -> Option<i64> {
    let field = match k[0].as_str() {
        "rating" => "rated_at",
        "note" | "viewing" | "list" | "take" | "setting" => "updated_at",
        "watch" | "nottonight" => "added_at",
        _ => return None,
    };
    let text = v.get(field)?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.timestamp_millis())
}

/// A computer's files in the folder: (path relative to the folder, kind, number, size).
fn record_files(dir: &Path, device: &str) -> Vec<(String, RecordFile, u32, u64)> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, number)) = sync::record_file_number(&name) else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_file() {
            out.push((format!("{device}/{name}"), kind, number, meta.len()));
        }
    }
    out.sort_by_key(|f| f.2);
    out
}

/// The number below which a computer's files are replaced by a snapshot this library has read whole (files a
/// replication engine left behind after their writer removed them).
fn replaced_below(files: &[(String, RecordFile, u32, u64)], known: &HashMap<String, (u64, u64)>) -> u32 {
    files
        .iter()
        .filter(|(path, kind, _, size)| {
            *kind == RecordFile::Snapshot
                && known.get(path).is_some_and(|&(offset, was)| offset == *size && was == *size)
        })
        .map(|f| f.2)
        .max()
        .unwrap_or(0)
}

/// The computers' folders: every folder named as a computer id (replication engines' own folders, conflict
/// copies and anything else are not).
fn device_dirs(folder: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(folder).map_err(io(folder))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if sync::is_device_id(&name) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

fn read_device_file(dir: &Path) -> Option<DeviceFile> {
    let text = fs::read(dir.join(DEVICE_FILE)).ok()?;
    serde_json::from_slice::<DeviceFile>(&text).ok().filter(|d| d.format == DEVICE_FORMAT)
}

/// Writes a file whole under a temporary name, syncs it and renames it into place.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().expect("a file in a folder");
    let name = path.file_name().expect("a file name").to_string_lossy();
    let partial = dir.join(format!(".{name}.partial"));
    let mut f = fs::File::create(&partial).map_err(io(&partial))?;
    f.write_all(bytes).map_err(io(&partial))?;
    f.sync_all().map_err(io(&partial))?;
    drop(f);
    fs::rename(&partial, path).map_err(io(path))?;
    sync_dir(dir);
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Matinee {
    /// Syncs this library through `folder` (made if its parent is there), as a computer called `name` (the
    /// system's name when none is given). A library that already syncs through this folder only takes the new
    /// name; one that synced elsewhere leaves that folder. A backup of the library is made first, as for an
    /// import; then the library's rows are written to the folder and merged with what is there.
    pub fn sync_folder(&mut self, folder: &Path, name: Option<&str>) -> Result<SyncReport> {
        let name = name.map(checked_name).transpose()?;
        if folder.as_os_str().is_empty() {
            return Err(CoreError::invalid("folder", "choose a folder"));
        }
        if !folder.exists() {
            let parent = folder.parent().filter(|p| !p.as_os_str().is_empty() && p.is_dir()).ok_or_else(|| {
                CoreError::invalid(
                    "folder",
                    format!("{} is not there, nor the folder it would be made in", folder.display()),
                )
            })?;
            fs::create_dir(folder).map_err(io(parent))?;
        }
        if !folder.is_dir() {
            return Err(CoreError::invalid("folder", format!("{} is a file, not a folder", folder.display())));
        }
        let folder = folder.canonicalize().map_err(io(folder))?;
        let folder_text = folder.to_string_lossy().into_owned();
        // A folder inside the data folder would be replicated with the library's own files: refuse it.
        if let Ok(data) = self.dir.root().canonicalize() {
            if folder.starts_with(&data) {
                return Err(CoreError::invalid(
                    "folder",
                    format!("{} is inside Matinee's data folder: choose a folder of its own", folder.display()),
                ));
            }
        }
        match self.library.sync_config()? {
            Some(c) if c.folder == folder_text => {
                if let Some(name) = &name {
                    self.library.sync_rename(name)?;
                }
            }
            _ => {
                self.library.backup_to_folder(&self.dir.backups(), "before-sync")?;
                let name = name.unwrap_or_else(host_name);
                self.library.sync_join(&folder_text, &sync::new_device_id(), &name)?;
            }
        }
        self.sync_now(false)
    }

    pub fn sync_rename(&mut self, name: &str) -> Result<()> {
        let name = checked_name(name)?;
        self.library.sync_config()?.ok_or_else(not_syncing)?;
        self.library.sync_rename(&name)?;
        Ok(())
    }

    /// Stops syncing. The folder's files are left as they are (other computers still use them); this
    /// library keeps all its rows.
    pub fn sync_leave(&mut self) -> Result<bool> {
        self.library.sync_leave()
    }

    /// Whether this library syncs (the status is then cheap to ask for: no file is read, only listed).
    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        self.library.sync_config()
    }

    /// One sync: this computer's pending records written out, every computer's new whole records read and
    /// merged, this library's own changes since the last sync written out. Safe to stop at any point: what was
    /// merged is in the library in one transaction, what is to be written out is kept until it is.
    pub fn sync_now(&mut self, compact: bool) -> Result<SyncReport> {
        let _one = self.sync_lock()?;
        self.sync_once(compact)
    }

    /// One process syncs a library at a time (the app and the command line may both be at it): a lock on a file
    /// in the data folder, let go when the process ends however it ends.
    fn sync_lock(&self) -> Result<fs::File> {
        let path = self.dir.root().join("sync.lock");
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
        file.lock().map_err(io(&path))?;
        Ok(file)
    }

    fn sync_once(&mut self, compact: bool) -> Result<SyncReport> {
        let started = Instant::now();
        let config = self.library.sync_config()?.ok_or_else(not_syncing)?;
        let folder = PathBuf::from(&config.folder);
        if !folder.is_dir() {
            return Err(CoreError::invalid(
                "folder",
                format!(
                    "the sync folder {} is not there (a drive not plugged in, a share not mounted?): nothing was synced",
                    folder.display()
                ),
            ));
        }
        let own_dir = folder.join(&config.device);
        fs::create_dir_all(&own_dir).map_err(io(&own_dir))?;
        let (mut written, mut lost) = self.flush_outbox(&folder)?;

        let known = self.library.sync_files()?;
        let mut incoming = Vec::new();
        let mut files = Vec::new();
        let mut present = std::collections::HashSet::new();
        for (device, dir) in device_dirs(&folder)? {
            let device_files = record_files(&dir, &device);
            let stands_for = replaced_below(&device_files, &known);
            for (path, _, number, size) in device_files {
                present.insert(path.clone());
                if number < stands_for {
                    // Older than a snapshot read whole: everything in it still in use is in the snapshot.
                    continue;
                }
                let start = match known.get(&path) {
                    Some(&(offset, was)) if size >= was => offset,
                    // A file that shrank was written again: all of it is read.
                    _ => 0,
                };
                if known.get(&path).is_some_and(|&(offset, was)| offset == size && was == size) {
                    continue;
                }
                let full = folder.join(&path);
                let mut bytes = Vec::new();
                let mut file = fs::File::open(&full).map_err(io(&full))?;
                file.seek(SeekFrom::Start(start)).map_err(io(&full))?;
                std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io(&full))?;
                let (records, settled) = sync::read_records(&bytes, 0);
                incoming.extend(records);
                files.push((path, start + settled as u64, start + bytes.len() as u64));
            }
        }
        let read = incoming.len() as u64;
        let device = config.device.clone();
        let (made, changed) = self.library.sync_merge(incoming, &files, |rows, heads, incoming, clock| {
            own_changes(rows, heads, incoming, clock, &device)
        })?;
        let gone: Vec<String> = known.keys().filter(|p| !present.contains(*p)).cloned().collect();
        if !gone.is_empty() {
            self.library.sync_forget_files(&gone)?;
        }
        let (more, lost_now) = self.flush_outbox(&folder)?;
        written += more;
        lost |= lost_now;
        let config = self.library.sync_config()?.ok_or_else(not_syncing)?;
        let heads = self.library.sync_heads()?;
        let own_heads = heads.values().flat_map(|s| &s.heads).filter(|h| h.device() == config.device).count() as u64;
        let compacted =
            compact || lost || (config.log_lines >= COMPACT_AFTER_LINES && config.log_lines > 2 * own_heads);
        if compacted {
            self.compact(&folder, &config, &heads)?;
        }
        let device_file = read_device_file(&own_dir);
        if !made.is_empty() || compacted || device_file.is_none_or(|d| d.name != config.name) {
            let file = DeviceFile {
                format: DEVICE_FORMAT.into(),
                device: config.device.clone(),
                name: config.name.clone(),
                written_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            };
            write_whole(&own_dir.join(DEVICE_FILE), &serde_json::to_vec_pretty(&file).expect("plain JSON"))?;
        }
        Ok(SyncReport {
            read,
            written,
            changed: changed as u64,
            compacted,
            conflicts: self.conflicts(&heads)?.len() as u32,
            milliseconds: started.elapsed().as_millis() as u64,
        })
    }

    /// Appends the records waiting in the library to this computer's log and syncs it to disk; then forgets
    /// them. A line cut short at the log's end (a write stopped half way) is cut back first; whole lines are
    /// never cut, even past what the library recorded (a backup put back, another process's write): others may
    /// have read them. A log shorter than recorded (lines lost from the folder) is left, the records go to a new
    /// log, and a snapshot at the end of the sync writes all that is still in use.
    fn flush_outbox(&mut self, folder: &Path) -> Result<(u64, bool)> {
        let outbox = self.library.sync_outbox()?;
        let Some(&(last, _)) = outbox.last() else { return Ok((0, false)) };
        let config = self.library.sync_config()?.ok_or_else(not_syncing)?;
        let dir = folder.join(&config.device);
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        let mut number = config.log_number.max(1);
        let mut path = dir.join(sync::record_file_name(RecordFile::Log, number));
        let lost = fs::metadata(&path).map_or(0, |m| m.len()) < config.log_bytes;
        let mut lines = config.log_lines;
        if lost {
            number = record_files(&dir, &config.device).iter().map(|f| f.2).max().unwrap_or(0).max(number) + 1;
            path = dir.join(sync::record_file_name(RecordFile::Log, number));
            lines = 0;
        }
        let existed = path.exists();
        let mut f = fs::OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        let len = f.metadata().map_err(io(&path))?.len();
        if len > 0 {
            let mut tail = [0u8; 1];
            f.seek(SeekFrom::Start(len - 1)).map_err(io(&path))?;
            std::io::Read::read_exact(&mut f, &mut tail).map_err(io(&path))?;
            if tail[0] != b'\n' {
                let bytes = fs::read(&path).map_err(io(&path))?;
                let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
                f.set_len(whole as u64).map_err(io(&path))?;
            }
        }
        f.seek(SeekFrom::End(0)).map_err(io(&path))?;
        let mut bytes = Vec::new();
        for (_, line) in &outbox {
            bytes.extend_from_slice(line.as_bytes());
        }
        f.write_all(&bytes).map_err(io(&path))?;
        f.sync_all().map_err(io(&path))?;
        if !existed {
            sync_dir(&dir);
        }
        let length = f.metadata().map_err(io(&path))?.len();
        self.library.sync_outbox_written(last, number, length, lines + outbox.len() as u64)?;
        Ok((outbox.len() as u64, lost))
    }

    /// Writes every record of this computer's that is still in use into one snapshot file, then removes the
    /// older files it stands for. Another computer that had read the old files loses nothing: records are
    /// never taken back, only replaced by later ones.
    fn compact(&mut self, folder: &Path, config: &SyncConfig, heads: &HashMap<Key, KeyState>) -> Result<()> {
        let dir = folder.join(&config.device);
        let files = record_files(&dir, &config.device);
        let top = files.iter().map(|f| f.2).max().unwrap_or(0).max(config.log_number);
        let number = top + 1;
        let mut own: Vec<&Record> =
            heads.values().flat_map(|s| &s.heads).filter(|h| h.device() == config.device).collect();
        own.sort_by(|a, b| a.id.cmp(&b.id));
        let mut bytes = Vec::new();
        for r in own {
            bytes.extend_from_slice(sync::encode(r).as_bytes());
        }
        // The next records go to a log after the snapshot, recorded before the snapshot is written: stopped in
        // between, the snapshot is written again over a higher number, and no record lands in a log it replaces.
        self.library.sync_outbox_written(0, number + 1, 0, 0)?;
        write_whole(&dir.join(sync::record_file_name(RecordFile::Snapshot, number)), &bytes)?;
        for (path, _, n, _) in files {
            if n < number {
                let _ = fs::remove_file(folder.join(path));
            }
        }
        Ok(())
    }

    /// Where the folder is, the computers that write there and how far this library has merged them.
    pub fn sync_status(&self) -> Result<Option<SyncStatus>> {
        let Some(config) = self.library.sync_config()? else { return Ok(None) };
        let folder = PathBuf::from(&config.folder);
        let folder_present = folder.is_dir();
        let known = self.library.sync_files()?;
        let mut computers = Vec::new();
        if folder_present {
            for (device, dir) in device_dirs(&folder)? {
                let files = record_files(&dir, &device);
                let stands_for = replaced_below(&files, &known);
                let unread: u64 = files
                    .iter()
                    .filter(|f| f.2 >= stands_for)
                    .map(|(path, _, _, size)| size.saturating_sub(known.get(path).map_or(0, |k| k.0)))
                    .sum();
                let file = read_device_file(&dir);
                let this = device == config.device;
                computers.push(SyncComputer {
                    name: if this {
                        config.name.clone()
                    } else {
                        file.as_ref().map_or_else(|| format!("computer {device}"), |f| f.name.clone())
                    },
                    this,
                    last_wrote_at: file.map(|f| f.written_at),
                    up_to_date: this || unread == 0,
                    unread_bytes: if this { 0 } else { unread },
                    device,
                });
            }
        }
        if !computers.iter().any(|c| c.this) {
            computers.push(SyncComputer {
                device: config.device.clone(),
                name: config.name.clone(),
                this: true,
                last_wrote_at: None,
                up_to_date: true,
                unread_bytes: 0,
            });
        }
        computers.sort_by_key(|c| (!c.this, c.name.to_lowercase(), c.device.clone()));
        let heads = self.library.sync_heads()?;
        Ok(Some(SyncStatus {
            folder: config.folder.clone(),
            folder_present,
            device: config.device.clone(),
            name: config.name.clone(),
            joined_at: config.joined_at.clone(),
            last_sync_at: config.last_sync_at.clone(),
            unsent: self.library.sync_outbox()?.len() as u64,
            conflicts: self.conflicts(&heads)?,
            computers,
        }))
    }

    /// Settles a conflict: `keep` the edit (and, for a list, the list with the films added to it), or delete it
    /// as the other computer did. Then syncs.
    pub fn sync_resolve(&mut self, key: &str, keep: bool) -> Result<SyncReport> {
        let _one = self.sync_lock()?;
        let config = self.library.sync_config()?.ok_or_else(not_syncing)?;
        let k: Key = serde_json::from_str(key).map_err(|_| {
            CoreError::invalid("key", format!("{} is not a synced key (see sync status)", super::tonight::quote(key)))
        })?;
        let heads = self.library.sync_heads()?;
        if !self.conflicts(&heads)?.iter().any(|c| c.key == key) {
            return Err(CoreError::NotFound { what: "conflict", key: key.to_owned() });
        }
        let state = heads.get(&k).cloned().unwrap_or_default();
        let value = state.value().cloned().or_else(|| state.deletion().and_then(|d| d.v.clone()));
        let mut settle: Vec<(Key, bool, Option<Value>)> = vec![(k.clone(), !keep, value)];
        if !keep && k[0] == "list" {
            // The films added to the deleted list go with it.
            for (ek, es) in &heads {
                if ek[0] == "entry" && ek[1] == k[1] && es.value().is_some() {
                    settle.push((ek.clone(), true, es.value().cloned()));
                }
            }
        }
        let device = config.device.clone();
        let report = {
            let started = Instant::now();
            let (made, changed) = self.library.sync_merge(Vec::new(), &[], |rows, heads, incoming, clock| {
                let mut out = own_changes(rows, heads, incoming, clock, &device);
                let now = now_ms();
                for (k, del, v) in settle {
                    let ctx = heads.get(&k).map(KeyState::context).unwrap_or_default();
                    out.push(Record { id: clock.stamp(now, &ctx, &device), key: k, del, v, ctx });
                }
                out
            })?;
            (made.len(), changed, started)
        };
        let mut after = self.sync_once(false)?;
        after.changed += report.1 as u64;
        after.milliseconds += report.2.elapsed().as_millis() as u64;
        let _ = report.0;
        Ok(after)
    }

    /// The conflicts among the heads: a key deleted on one computer and edited on another, and a list deleted
    /// on one while films were added to it on another.
    fn conflicts(&self, heads: &HashMap<Key, KeyState>) -> Result<Vec<SyncConflict>> {
        let name_of = |device: &str| -> String {
            match self.library.sync_config().ok().flatten() {
                Some(c) if c.device == device => c.name,
                Some(c) => read_device_file(&Path::new(&c.folder).join(device))
                    .map_or_else(|| format!("computer {device}"), |f| f.name),
                None => device.to_owned(),
            }
        };
        let when = |r: &Record| {
            chrono::DateTime::from_timestamp_millis(r.millis())
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        let mut keys: Vec<&Key> = heads.keys().collect();
        keys.sort();
        for k in keys {
            let state = &heads[k];
            let found = match state.conflict() {
                Some((kept, deleted)) => Some((kept.clone(), deleted.clone())),
                None if k[0] == "list" => state.deletion().and_then(|deleted| {
                    // Films added to the list apart from its deletion keep it.
                    let added = heads
                        .iter()
                        .filter(|(ek, es)| ek[0] == "entry" && ek[1] == k[1] && es.value().is_some())
                        .flat_map(|(_, es)| es.heads.iter().filter(|h| !h.del))
                        .max_by(|a, b| a.id.cmp(&b.id))?;
                    Some((added.clone(), deleted.clone()))
                }),
                None => None,
            };
            let Some((kept, deleted)) = found else { continue };
            let (what, kept_text) = self.describe(k, state.value().or(deleted.v.as_ref()), &kept)?;
            let value = state.value().or(deleted.v.as_ref());
            let kept_rating = match k[0].as_str() {
                "rating" | "viewing" => {
                    value.and_then(|v| v.get(if k[0] == "rating" { "value" } else { "rating" })).and_then(Value::as_u64)
                }
                _ => None,
            };
            out.push(SyncConflict {
                key: serde_json::to_string(k).expect("strings"),
                what,
                kept: kept_text,
                kept_rating: kept_rating.map(|r| r as u32),
                kept_by: name_of(kept.device()),
                deleted_by: name_of(deleted.device()),
                deleted_at: when(&deleted),
            });
        }
        Ok(out)
    }

    /// A key said for a person, and the kept value.
    fn describe(&self, k: &Key, value: Option<&Value>, kept: &Record) -> Result<(String, String)> {
        let film = |key: &str| -> String {
            match self.library.user_rows(&[key]).ok().and_then(|rows| rows.get(key).cloned()) {
                Some(row) => match row.year {
                    Some(y) => format!("{} ({y})", row.title),
                    None => row.title,
                },
                None => key.to_owned(),
            }
        };
        let text = |v: Option<&Value>, field: &str| {
            v.and_then(|v| v.get(field)).map(|f| f.to_string().trim_matches('"').to_owned())
        };
        let part = |n: usize| k.get(n).map(String::as_str).unwrap_or("");
        Ok(match part(0) {
            "rating" => (
                format!("Rating of {}", film(part(1))),
                text(value, "value").map(|v| format!("{v}/100")).unwrap_or_default(),
            ),
            "watch" => (format!("{} on the watchlist", film(part(1))), "on the watchlist".into()),
            "note" => (format!("Note on {}", film(part(1))), text(value, "body").unwrap_or_default()),
            "viewing" => {
                let f = value.and_then(|v| v.get("film")).and_then(Value::as_str).unwrap_or("");
                let day = text(value, "watched_on").filter(|d| d != "null").unwrap_or_else(|| "no date".into());
                (format!("Viewing of {} on {day}", film(f)), text(value, "note").unwrap_or_default())
            }
            "list" => {
                let name = text(value, "name").unwrap_or_default();
                let kept_text = if kept.key[0] == "entry" {
                    format!("{} added to it", film(kept.key.get(2).map(String::as_str).unwrap_or("")))
                } else {
                    name.clone()
                };
                (format!("List {name}"), kept_text)
            }
            "entry" => (format!("{} on a list", film(part(2))), text(value, "note").unwrap_or_default()),
            "tag" => (format!("Tag {} on {}", part(1), film(part(2))), part(1).to_owned()),
            "take" => (format!("Your take on {}", film(part(1))), text(value, "line").unwrap_or_default()),
            "link" => {
                (format!("Link from {} to {}", film(part(1)), film(part(2))), text(value, "reason").unwrap_or_default())
            }
            "nottonight" => {
                (format!("{} set aside from Tonight", film(part(1))), text(value, "until").unwrap_or_default())
            }
            other => (other.to_owned(), String::new()),
        })
    }
}

impl Matinee {
    /// The settings that follow the library to every computer (`SYNCED_SETTINGS`), as (name, JSON text).
    pub fn synced_settings(&self) -> Result<Vec<(String, String)>> {
        self.library.synced_settings()
    }

    /// Records that the user changed a setting that follows the library; the next sync takes it to the others.
    pub fn synced_setting_set(&mut self, name: &str, value: &str) -> Result<()> {
        self.library.synced_setting_set(name, value)
    }

    /// Rows this process wrote to the library since it opened it: the CLI syncs after a command that wrote.
    pub fn library_rows_written(&self) -> u64 {
        self.library.rows_written()
    }
}
