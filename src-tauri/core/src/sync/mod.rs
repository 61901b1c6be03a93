//! Sync through a replicated folder: the records, their clock, their files and how they merge. No database and
//! no folder here: `library::sync_store` reads and writes the library's side, `matinee::sync` the folder's.
//!
//! Every precious thing in the library is a keyed value (a rating is `["rating", film]`, a viewing
//! `["viewing", uid]`). A change is a `Record`: the key, the new value or a deletion, an id (milliseconds of
//! the edit, a counter of the computer's, the computer's id: sortable as text, and always later than every
//! record of the key its writer had seen), and what its writer had seen of the key (`ctx`: the latest id of each
//! computer that wrote it, a version vector: a computer's records of one key each see the one before). A key's
//! state is the set of its records no other record has seen (its heads): one after an ordinary edit, more after
//! edits made apart. Its value is the head with the highest id, so of two edits made apart the later one wins;
//! a deletion and an edit made apart keep the edit and are a conflict the user settles. Adding a record is
//! idempotent, commutative and associative, so every computer that has the same records has the same state,
//! whatever order they came in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg(test)]
mod tests;

/// One change to one key, as a line of a computer's file. Fields a newer Matinee adds are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub key: Vec<String>,
    /// A deletion; `v` then keeps the value that was deleted, so a conflict can show it and bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub del: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<Value>,
    /// The latest record of this key the writer had seen from each computer (its own included), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ctx: Vec<String>,
}

impl Record {
    /// The computer that wrote it (the id's last part).
    pub fn device(&self) -> &str {
        self.id.rsplit('-').next().unwrap_or("")
    }

    /// When it was written, in milliseconds since 1970 by its writer's clock.
    pub fn millis(&self) -> i64 {
        parse_id(&self.id).map_or(0, |(ms, _, _)| ms)
    }
}

/// The line a record is written as: its JSON, a tab and a checksum of the JSON, and a newline. A line without
/// its newline or whose checksum does not match (a copy cut short, a file still arriving) is not a record.
pub fn encode(record: &Record) -> String {
    let json = serde_json::to_string(record).expect("a record is plain JSON");
    format!("{json}\t{:016x}\n", fnv64(json.as_bytes()))
}

/// The record a whole line holds (without its newline), or none when it is not one.
pub fn decode(line: &[u8]) -> Option<Record> {
    read_line(line).ok().flatten()
}

/// A line: `Err` when it is not whole (cut short, damaged: its checksum does not match), `Ok(None)` when it is
/// whole but not a record this Matinee can read (a newer one's), else the record.
fn read_line(line: &[u8]) -> Result<Option<Record>, ()> {
    let tab = line.iter().rposition(|&b| b == b'\t').ok_or(())?;
    let (json, sum) = (&line[..tab], &line[tab + 1..]);
    let sum = std::str::from_utf8(sum).map_err(drop)?;
    if sum.len() != 16 || u64::from_str_radix(sum, 16).map_err(drop)? != fnv64(json) {
        return Err(());
    }
    let Ok(mut record) = serde_json::from_slice::<Record>(json) else { return Ok(None) };
    record.ctx.sort();
    record.ctx.dedup();
    let readable =
        parse_id(&record.id).is_some() && !record.key.is_empty() && record.ctx.iter().all(|c| parse_id(c).is_some());
    Ok(readable.then_some(record))
}

/// FNV-1a, 64 bits: enough to tell a damaged line from a whole one.
fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A computer's id: 16 lowercase hex digits, made once when it joins a folder.
pub fn new_device_id() -> String {
    format!("{:016x}", fastrand::u64(..))
}

pub fn is_device_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// A record id: `MMMMMMMMMMMMM-NNNNNNNN-DEVICE`, milliseconds and counter zero-padded so ids sort as text.
pub fn make_id(ms: i64, n: u32, device: &str) -> String {
    format!("{ms:013}-{n:08}-{device}")
}

pub fn parse_id(id: &str) -> Option<(i64, u32, &str)> {
    let mut parts = id.splitn(3, '-');
    let (ms, n, device) = (parts.next()?, parts.next()?, parts.next()?);
    if ms.len() != 13 || n.len() != 8 || !is_device_id(device) {
        return None;
    }
    Some((ms.parse().ok()?, n.parse().ok()?, device))
}

/// Where a computer's ids stand: the counter goes up with every id it makes, so no two are alike whatever
/// milliseconds they carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub ms: i64,
    pub n: u32,
}

impl Clock {
    /// An id for a change made at `at_ms` (when the row was edited, by this computer's clock), later than every
    /// id in `after` (what the writer had seen of the key: a change made after seeing another sorts after it,
    /// whatever the clocks of the two computers say).
    pub fn stamp(&mut self, at_ms: i64, after: &[String], device: &str) -> String {
        self.n += 1;
        let mut ms = at_ms.max(0);
        if let Some((seen_ms, seen_n)) = after.iter().filter_map(|id| parse_id(id)).map(|(ms, n, _)| (ms, n)).max() {
            if (ms, self.n) <= (seen_ms, seen_n) {
                ms = seen_ms + 1;
            }
        }
        self.ms = self.ms.max(ms);
        make_id(ms, self.n, device)
    }
}

/// Whether `ctx` (a version vector of ids) has seen the record `id`: it holds an id of the same computer at or
/// after it.
pub fn covers(ctx: &[String], id: &str) -> bool {
    let device = id.rsplit('-').next().unwrap_or("");
    ctx.iter().any(|c| c.rsplit('-').next() == Some(device) && c.as_str() >= id)
}

/// What is known of one key: its heads, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyState {
    pub heads: Vec<Record>,
}

impl KeyState {
    /// Whether the record is one of these or was seen by one of them.
    pub fn knows(&self, id: &str) -> bool {
        self.heads.iter().any(|h| h.id == id || covers(&h.ctx, id))
    }

    /// Adds a record; false when it was known already (so nothing changed).
    pub fn add(&mut self, record: Record) -> bool {
        if self.knows(&record.id) {
            return false;
        }
        self.heads.retain(|h| !covers(&record.ctx, &h.id));
        let at = self.heads.partition_point(|h| h.id < record.id);
        self.heads.insert(at, record);
        true
    }

    /// The key's value: the latest head that is not a deletion (an edit made apart from a deletion is kept).
    pub fn value(&self) -> Option<&Value> {
        self.heads.iter().rev().find(|h| !h.del).and_then(|h| h.v.as_ref())
    }

    /// A deletion made apart from an edit that is kept: the user is asked.
    pub fn conflict(&self) -> Option<(&Record, &Record)> {
        let kept = self.heads.iter().rev().find(|h| !h.del)?;
        let deleted = self.heads.iter().rev().find(|h| h.del)?;
        Some((kept, deleted))
    }

    /// The latest deletion among the heads when the key is deleted (its `v` is what was deleted).
    pub fn deletion(&self) -> Option<&Record> {
        if self.heads.iter().any(|h| !h.del) {
            return None;
        }
        self.heads.last()
    }

    /// What a new record of this key has seen: every head and all they had seen, as the latest id of each
    /// computer.
    pub fn context(&self) -> Vec<String> {
        let mut latest: BTreeMap<&str, &str> = BTreeMap::new();
        for id in self.heads.iter().flat_map(|h| std::iter::once(h.id.as_str()).chain(h.ctx.iter().map(String::as_str)))
        {
            let slot = latest.entry(id.rsplit('-').next().unwrap_or("")).or_insert(id);
            if id > *slot {
                *slot = id;
            }
        }
        let mut out: Vec<String> = latest.into_values().map(str::to_owned).collect();
        out.sort();
        out
    }
}

/// Whether a file name in a computer's folder is one of Matinee's record files (`log-000001.jsonl`,
/// `snapshot-000002.jsonl`), and its number. Anything else there (a replication engine's conflict copies,
/// temporary and version files) is none of Matinee's and is left alone.
pub fn record_file_number(name: &str) -> Option<(RecordFile, u32)> {
    let (kind, rest) = if let Some(rest) = name.strip_prefix("log-") {
        (RecordFile::Log, rest)
    } else {
        (RecordFile::Snapshot, name.strip_prefix("snapshot-")?)
    };
    let digits = rest.strip_suffix(".jsonl")?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, digits.parse().ok()?))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFile {
    Log,
    Snapshot,
}

pub fn record_file_name(kind: RecordFile, number: u32) -> String {
    match kind {
        RecordFile::Log => format!("log-{number:06}.jsonl"),
        RecordFile::Snapshot => format!("snapshot-{number:06}.jsonl"),
    }
}

/// The whole records in a file's bytes from `offset`, and the offset up to which every line was whole and
/// valid (where the next read starts: a line cut short or damaged is read again until it is whole).
pub fn read_records(bytes: &[u8], offset: usize) -> (Vec<Record>, usize) {
    let mut out = Vec::new();
    let mut settled = offset.min(bytes.len());
    let mut all_good = true;
    let mut at = settled;
    while let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
        let line = &bytes[at..at + nl];
        at += nl + 1;
        match read_line(line) {
            Ok(Some(r)) => out.push(r),
            // Whole, and a newer Matinee's: passed over for good.
            Ok(None) => {}
            Err(()) => all_good = false,
        }
        if all_good {
            settled = at;
        }
    }
    (out, settled)
}
