//! The IMDb non-commercial datasets (title.basics, title.ratings, title.crew, title.principals, name.basics,
//! title.akas; .tsv.gz as downloaded or unpacked .tsv), streamed into the staging catalogue after the take packs.
//! Film-like titles are kept; a pack film and a dataset film are one film (IMDb id first, then folded title and
//! year). Nothing is held whole in memory: only compact id tables.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};

use crate::error::{CoreError, Result};
use crate::text::fold;

/// The six files, in the order they are read.
pub const FILES: [&str; 6] =
    ["title.ratings", "title.basics", "title.crew", "title.principals", "name.basics", "title.akas"];

const HEADERS: [(&str, &str); 6] = [
    (
        "title.basics",
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
    ),
    ("title.ratings", "tconst\taverageRating\tnumVotes"),
    ("title.crew", "tconst\tdirectors\twriters"),
    ("title.principals", "tconst\tordering\tnconst\tcategory\tjob\tcharacters"),
    ("name.basics", "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles"),
    ("title.akas", "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle"),
];

/// Person ids from the datasets start here, away from the ids of people named in packs.
pub(super) const PERSON_ID_BASE: i64 = 1_000_000_000;
/// Cast members kept per title, in billing order.
const CAST_KEPT: u32 = 5;
/// Bad rows reported by line; the rest are only counted.
const BAD_ROWS_LISTED: usize = 20;

/// The header line a dataset file starts with.
pub(crate) fn expected_header(name: &str) -> &'static str {
    HEADERS.iter().find(|(n, _)| *n == name).map(|(_, h)| *h).unwrap_or("")
}

/// Where each dataset file is: `.tsv.gz` or `.tsv`. title.basics is required, the others add what they hold.
pub fn locate(dir: &Path) -> Result<Vec<(&'static str, PathBuf)>> {
    if !dir.is_dir() {
        return Err(CoreError::invalid("dir", format!("{} is not a folder", dir.display())));
    }
    let mut found = Vec::new();
    for name in FILES {
        for ext in ["tsv.gz", "tsv"] {
            let p = dir.join(format!("{name}.{ext}"));
            if p.is_file() {
                found.push((name, p));
                break;
            }
        }
    }
    if !found.iter().any(|(n, _)| *n == "title.basics") {
        return Err(CoreError::invalid(
            "dir",
            format!("{} has no title.basics.tsv.gz (or .tsv): download the IMDb datasets into it", dir.display()),
        ));
    }
    Ok(found)
}

/// What a build from the datasets found, for the status and the user.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DatasetReport {
    pub titles_read: u64,
    pub films_kept: u64,
    pub merged_with_packs: u64,
    pub people: u64,
    pub alternate_titles: u64,
    /// Films given the region (and language) of their original title from title.akas (`Origins`).
    pub origins: u64,
    pub bad_rows: u64,
    /// The first bad rows, as "file, line N: reason".
    pub bad_row_notes: Vec<String>,
    /// Seconds spent on each file and indexing step, in order (filled in by callers that time them).
    pub phase_seconds: Vec<(String, f64)>,
}

/// Counts the compressed (or plain) bytes read, for progress.
struct Counting<R> {
    inner: R,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Blocks of whole lines, decompressed, checked as UTF-8 and cut into lines and fields on a thread of their own,
/// so that this half of the work overlaps with storing the block before (the two halves of a build on two cores).
const BLOCK: usize = 1 << 20;
/// No line of a dataset file comes near this; a file with longer ones is not one (and offsets stay in a u32).
const LONGEST_LINE: usize = 64 << 20;

/// A block of whole lines with where each line and field is, found by the reading thread.
struct Block {
    text: String,
    /// Per line: its start in `text`, and the index in `ends` one past its last field. An empty line has no field.
    lines: Vec<(u32, u32)>,
    /// The end of every field of every line, in order (a line's last field ends before its `\r\n` or `\n`).
    ends: Vec<u32>,
}

impl Block {
    fn cut(text: String) -> Block {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 64);
        let mut ends = Vec::with_capacity(bytes.len() / 8);
        let mut start = 0usize;
        while start < bytes.len() {
            let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| start + i);
            let line = &bytes[start..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if !line.is_empty() {
                for (i, &b) in line.iter().enumerate() {
                    if b == b'\t' {
                        ends.push((start + i) as u32);
                    }
                }
                ends.push((start + line.len()) as u32);
            }
            lines.push((start as u32, ends.len() as u32));
            start = end + 1;
        }
        Block { text, lines, ends }
    }
}

/// What the reading thread could not read: the file (an I/O or unpacking error), or one of its lines (not UTF-8;
/// the number of whole lines before it in that block).
enum ReadError {
    Io(std::io::Error),
    NotText {
        lines_before: u64,
    },
    /// The next line runs past `LONGEST_LINE`.
    TooLong,
}

type Blocks = (std::sync::mpsc::Receiver<std::result::Result<Block, ReadError>>, std::thread::JoinHandle<()>);

fn read_blocks(path: &Path, read: std::sync::Arc<std::sync::atomic::AtomicU64>) -> Result<Blocks> {
    let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    let counting = Counting { inner: file, read };
    let mut reader: Box<dyn Read + Send> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counting)))
    } else {
        Box::new(counting)
    };
    let (send, receive) = std::sync::mpsc::sync_channel(4);
    let reader_thread = std::thread::spawn(move || {
        let mut carry: Vec<u8> = Vec::new();
        let mut done = false;
        while !done {
            let mut block = std::mem::take(&mut carry);
            let start = block.len();
            block.resize(start + BLOCK, 0);
            let n = match reader.read(&mut block[start..]) {
                Ok(n) => n,
                Err(e) => {
                    let _ = send.send(Err(ReadError::Io(e)));
                    return;
                }
            };
            block.truncate(start + n);
            if n == 0 {
                done = true;
            } else if let Some(end) = block[start..].iter().rposition(|&b| b == b'\n') {
                // Keep the unfinished last line for the next block (what was carried has no line end).
                carry = block.split_off(start + end + 1);
            } else if block.len() > LONGEST_LINE {
                let _ = send.send(Err(ReadError::TooLong));
                return;
            } else {
                carry = block;
                continue;
            }
            if block.is_empty() {
                continue;
            }
            let sent = match String::from_utf8(block) {
                Ok(text) => send.send(Ok(Block::cut(text))),
                Err(e) => {
                    let bytes = e.as_bytes();
                    let lines_before = bytes[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
                    let _ = send.send(Err(ReadError::NotText { lines_before: lines_before as u64 }));
                    return;
                }
            };
            if sent.is_err() {
                return; // The reader stopped (an error or a cancel): so does this thread.
            }
        }
    });
    Ok((receive, reader_thread))
}

/// Streams the lines of one dataset file after checking its header. `each` gets (line number, fields).
fn each_row(
    name: &str,
    path: &Path,
    report: &mut DatasetReport,
    progress: &mut dyn FnMut(&str, u64, u64) -> ControlFlow<()>,
    mut each: impl FnMut(u64, &[&str]) -> Result<()>,
) -> Result<()> {
    let total = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?.len();
    if progress(name, 0, total).is_break() {
        return Err(CoreError::Cancelled);
    }
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (blocks, reader_thread) = read_blocks(path, read.clone())?;
    let expected = HEADERS.iter().find(|(n, _)| *n == name).map(|(_, h)| *h).unwrap_or("");
    let columns = expected.split('\t').count();
    let mut number = 0u64;
    let fail = |number: u64, e: &dyn std::fmt::Display| {
        CoreError::invalid("file", format!("{}, line {number}: cannot be read: {e}", path.display()))
    };
    let mut fields: Vec<&str> = Vec::with_capacity(columns + 1);
    for block in blocks {
        let block = match block {
            Ok(block) => block,
            Err(ReadError::Io(e)) => return Err(fail(number + 1, &format!("{e} (is the file cut short?)"))),
            Err(ReadError::NotText { lines_before }) => {
                return Err(fail(number + lines_before + 1, &"it is not UTF-8 text"));
            }
            Err(ReadError::TooLong) => {
                return Err(fail(number + 1, &format!("it runs past {} MiB without ending", LONGEST_LINE >> 20)));
            }
        };
        let mut first = 0usize;
        for &(start, last) in &block.lines {
            number += 1;
            let (start, last) = (start as usize, last as usize);
            let line_ends = &block.ends[first..last];
            first = last;
            if number == 1 {
                let header = line_ends.last().map_or("", |&end| &block.text[start..end as usize]);
                if header != expected {
                    return Err(CoreError::invalid(
                        "file",
                        format!(
                            "{}, line 1: not the header of {name} (expected: {})",
                            path.display(),
                            expected.replace('\t', " ")
                        ),
                    ));
                }
                continue;
            }
            if line_ends.is_empty() {
                continue;
            }
            // One vector for every line's fields, emptied between lines.
            let mut line_fields = std::mem::take(&mut fields);
            let mut from = start;
            for &end in line_ends {
                line_fields.push(&block.text[from..end as usize]);
                from = end as usize + 1;
            }
            if line_fields.len() != columns {
                report.bad_rows += 1;
                if report.bad_row_notes.len() < BAD_ROWS_LISTED {
                    report.bad_row_notes.push(format!(
                        "{}, line {number}: {} fields where {columns} were expected",
                        path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
                        line_fields.len()
                    ));
                }
            } else {
                each(number, &line_fields)?;
            }
            line_fields.clear();
            fields = line_fields.into_iter().map(|_| "").collect();
            if number.is_multiple_of(100_000)
                && progress(name, read.load(std::sync::atomic::Ordering::Relaxed), total).is_break()
            {
                return Err(CoreError::Cancelled);
            }
        }
    }
    // The blocks ended: at the end of the file, or because the reading thread died, which must not pass for one.
    if reader_thread.join().is_err() {
        return Err(fail(number + 1, &"the file could not be unpacked"));
    }
    if progress(name, total, total).is_break() {
        return Err(CoreError::Cancelled);
    }
    Ok(())
}

/// Numbers of dataset ids (the 94435 of nm0094435) below this are kept in a bitmap, 32 MB at most; the real files'
/// highest nconst is some 15 million (2 MB). Past it, which no real file reaches, a hash set keeps them.
const BITMAP_IDS: u32 = 1 << 28;

/// A set of dataset id numbers: a credited person is marked and looked up in a few nanoseconds, where a hash set
/// costs a hash and a cache miss in a table of millions (the people of a build are millions at full scale).
#[derive(Default)]
struct IdSet {
    bits: Vec<u64>,
    rest: HashSet<u32>,
    len: usize,
}

impl IdSet {
    /// Adds `n`; true if it was not there yet.
    fn insert(&mut self, n: u32) -> bool {
        let added = if n < BITMAP_IDS {
            let word = (n / 64) as usize;
            if word >= self.bits.len() {
                // Grown by half again at least, so a file in id order reallocates a few dozen times in all.
                let grown = (word + 1).max(self.bits.len() + self.bits.len() / 2).min((BITMAP_IDS / 64) as usize);
                self.bits.resize(grown, 0);
            }
            let bit = 1u64 << (n % 64);
            let added = self.bits[word] & bit == 0;
            self.bits[word] |= bit;
            added
        } else {
            self.rest.insert(n)
        };
        self.len += usize::from(added);
        added
    }

    fn contains(&self, n: u32) -> bool {
        if n < BITMAP_IDS {
            self.bits.get((n / 64) as usize).is_some_and(|w| w & (1u64 << (n % 64)) != 0)
        } else {
            self.rest.contains(&n)
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

fn null(field: &str) -> Option<&str> {
    (field != "\\N" && !field.is_empty()).then_some(field)
}

/// `tt0068646` -> 68646.
fn id_number(id: &str, prefix: &str) -> Option<u32> {
    id.strip_prefix(prefix).and_then(|n| n.parse().ok())
}

fn kind_of(title_type: &str) -> Option<&'static str> {
    Some(match title_type {
        "movie" => "movie",
        "tvMovie" => "tv-movie",
        "tvSeries" => "show",
        "tvMiniSeries" => "miniseries",
        "tvSpecial" => "special",
        "short" => "short",
        "video" => "video",
        _ => return None,
    })
}

/// Loads the datasets into the staging catalogue that already holds the packs' films.
/// `own_keys` are the `mt:` keys of films the user has that no catalogue knew (from an import made before the
/// datasets were there): a dataset film of the same title and year takes the key as an alias, so the user's
/// ratings, viewings and notes on it become the dataset film's.
pub fn load(
    conn: &mut Connection,
    files: &[(&'static str, PathBuf)],
    own_keys: &HashSet<String>,
    progress: &mut dyn FnMut(&str, u64, u64) -> ControlFlow<()>,
) -> Result<DatasetReport> {
    let mut report = DatasetReport::default();
    let path_of = |name: &str| files.iter().find(|(n, _)| *n == name).map(|(_, p)| p.clone());
    let tx = conn.transaction()?;

    // Ratings first: a compact table of tconst -> (rating in tenths, votes).
    let mut ratings: HashMap<u32, (u8, u32)> = HashMap::new();
    if let Some(p) = path_of("title.ratings") {
        each_row("title.ratings", &p, &mut report, progress, |_, f| {
            if let (Some(id), Ok(avg), Ok(votes)) = (id_number(f[0], "tt"), f[1].parse::<f32>(), f[2].parse::<u32>()) {
                ratings.insert(id, ((avg * 10.0).round().clamp(0.0, 100.0) as u8, votes));
            }
            Ok(())
        })?;
    }

    // Titles: film-like kinds only; merged with a pack film when one has the IMDb id, or the same title and year
    // and no IMDb id of its own.
    let mut kept: Vec<(u32, i64)> = Vec::new();
    let mut titles_read = 0u64;
    // Own films by the dataset films of their title and year: joined only where exactly one film answers (two
    // films of one title and year could be either: the user's data stays on the own film).
    let mut own_matches: HashMap<String, Vec<i64>> = HashMap::new();
    let mut merged = 0u64;
    let mut merged_films: Vec<i64> = Vec::new();
    {
        // The packs' films, few enough to hold: by every key they have, and by folded title and year when they
        // have no IMDb id, so the millions of dataset rows are matched without a query each.
        let mut pack_by_key: HashMap<String, i64> = HashMap::new();
        let mut pack_by_title: HashMap<(String, i32), i64> = HashMap::new();
        {
            let mut stmt = tx.prepare("SELECT alias, film_id FROM film_alias")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (alias, id) = row?;
                pack_by_key.insert(alias, id);
            }
            let mut stmt = tx.prepare("SELECT title_fold, year, id FROM film WHERE imdb_id IS NULL")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?, r.get::<_, i64>(2)?)))? {
                let (title, year, id) = row?;
                pack_by_title.insert((title, year), id);
            }
        }
        let mut attach = tx.prepare(
            "UPDATE film SET imdb_id = ?2, runtime_minutes = coalesce(runtime_minutes, ?3), votes = ?4,
                    score_tenths = coalesce(score_tenths, ?5), score_source = coalesce(score_source, ?6)
             WHERE id = ?1",
        )?;
        let mut alias = tx.prepare("INSERT OR IGNORE INTO film_alias (alias, film_id) VALUES (?1, ?2)")?;
        let mut insert = tx.prepare(
            "INSERT OR IGNORE INTO film (key, imdb_id, title, original_title, year, kind, runtime_minutes, synopsis,
                               score_tenths, score_source, votes, title_fold, original_fold, genre_bits)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut genre = tx.prepare("INSERT OR IGNORE INTO genre (name) VALUES (?1)")?;
        let mut genre_ids: HashMap<String, i64> = HashMap::new();
        let mut genres: Vec<i64> = Vec::new();
        let mut film_genre =
            tx.prepare("INSERT OR IGNORE INTO film_genre (film_id, genre_id, ord) VALUES (?1, ?2, ?3)")?;
        let mut genre_id = |name: &str| -> Result<i64> {
            if let Some(&id) = genre_ids.get(name) {
                return Ok(id);
            }
            genre.execute([name])?;
            let id: i64 = tx.query_row("SELECT id FROM genre WHERE name = ?1", [name], |r| r.get(0))?;
            genre_ids.insert(name.to_owned(), id);
            Ok(id)
        };
        let basics = path_of("title.basics").expect("located");
        // Lines that repeat a title's tconst: the first row of a title is kept, the others are bad rows.
        let mut repeated: Vec<(u64, String)> = Vec::new();
        each_row("title.basics", &basics, &mut report, progress, |number, f| {
            titles_read += 1;
            let Some(kind) = kind_of(f[1]) else { return Ok(()) };
            let Some(num) = id_number(f[0], "tt") else { return Ok(()) };
            let Some(year) = null(f[5]).and_then(|y| y.parse::<i32>().ok()) else { return Ok(()) };
            let title = f[2];
            let original = null(f[3]).filter(|o| *o != title);
            let runtime = null(f[7]).and_then(|r| r.parse::<u32>().ok());
            let (score, votes) = match ratings.get(&num) {
                Some(&(s, v)) => (Some(s), Some(v)),
                None => (None, None),
            };
            let source = score.map(|_| "IMDb");
            let title_fold = fold(title);
            let existing = pack_by_key.get(f[0]).copied().or_else(|| pack_by_title.remove(&(title_fold.clone(), year)));
            let id = match existing {
                Some(id) if merged_films.contains(&id) => {
                    repeated.push((number, f[0].to_owned()));
                    return Ok(());
                }
                Some(id) => {
                    attach.execute(params![id, f[0], runtime, votes, score, source])?;
                    alias.execute(params![f[0], id])?;
                    merged += 1;
                    merged_films.push(id);
                    id
                }
                None => {
                    genres.clear();
                    for g in null(f[8]).into_iter().flat_map(|gs| gs.split(',')) {
                        genres.push(genre_id(g)?);
                    }
                    let inserted = insert.execute(params![
                        f[0],
                        title,
                        original,
                        year,
                        kind,
                        runtime,
                        score,
                        source,
                        votes,
                        title_fold,
                        original.map(fold),
                        super::facets::genre_bits(genres.iter().copied())
                    ])?;
                    if inserted == 0 {
                        repeated.push((number, f[0].to_owned()));
                        return Ok(());
                    }
                    let id = tx.last_insert_rowid();
                    alias.execute(params![f[0], id])?;
                    if !own_keys.is_empty() {
                        for t in std::iter::once(title).chain(original) {
                            let own = format!("mt:{}", crate::text::slug(t, year));
                            if own_keys.contains(&own) {
                                let films = own_matches.entry(own).or_default();
                                if !films.contains(&id) {
                                    films.push(id);
                                }
                            }
                        }
                    }
                    for (ord, g) in genres.iter().enumerate() {
                        film_genre.execute(params![id, g, ord as i64])?;
                    }
                    id
                }
            };
            kept.push((num, id));
            Ok(())
        })?;
        let file = basics.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        for (number, tconst) in repeated {
            report.bad_rows += 1;
            if report.bad_row_notes.len() < BAD_ROWS_LISTED {
                report
                    .bad_row_notes
                    .push(format!("{file}, line {number}: {tconst} is a title already read; the first row is kept"));
            }
        }
    }
    for (own, films) in &own_matches {
        if let [film] = films.as_slice() {
            tx.execute("INSERT OR IGNORE INTO film_alias (alias, film_id) VALUES (?1, ?2)", params![own, film])?;
        }
    }
    report.titles_read = titles_read;
    report.merged_with_packs = merged;
    report.films_kept = kept.len() as u64;
    drop(ratings);
    kept.sort_unstable();
    let film_of = |tconst: &str| -> Option<i64> {
        let n = id_number(tconst, "tt")?;
        kept.binary_search_by_key(&n, |(k, _)| *k).ok().map(|i| kept[i].1)
    };

    // Credits: directors from title.crew, top-billed cast from title.principals; only for kept titles.
    let mut needed = IdSet::default();
    {
        let mut credit =
            tx.prepare("INSERT OR IGNORE INTO credit (film_id, person_id, role, ord) VALUES (?1, ?2, ?3, ?4)")?;
        if let Some(p) = path_of("title.crew") {
            each_row("title.crew", &p, &mut report, progress, |_, f| {
                let (Some(film), Some(directors)) = (film_of(f[0]), null(f[1])) else { return Ok(()) };
                for (ord, d) in directors.split(',').enumerate() {
                    if let Some(n) = id_number(d, "nm") {
                        credit.execute(params![film, PERSON_ID_BASE + i64::from(n), "director", ord as i64])?;
                        needed.insert(n);
                    }
                }
                Ok(())
            })?;
        }
        if let Some(p) = path_of("title.principals") {
            let mut last: Option<i64> = None;
            let mut count = 0;
            each_row("title.principals", &p, &mut report, progress, |_, f| {
                if !matches!(f[3], "actor" | "actress" | "self") {
                    return Ok(());
                }
                let Some(film) = film_of(f[0]) else { return Ok(()) };
                if last != Some(film) {
                    last = Some(film);
                    count = 0;
                }
                if count >= CAST_KEPT {
                    return Ok(());
                }
                if let Some(n) = id_number(f[2], "nm") {
                    let ord: i64 = f[1].parse().unwrap_or(99);
                    credit.execute(params![film, PERSON_ID_BASE + i64::from(n), "cast", ord])?;
                    needed.insert(n);
                    count += 1;
                }
                Ok(())
            })?;
        }
    }
    // People credited on kept titles.
    let mut found = 0usize;
    if let Some(p) = path_of("name.basics") {
        let mut person =
            tx.prepare("INSERT OR IGNORE INTO person (id, key, name, name_fold) VALUES (?1, ?2, ?3, ?4)")?;
        let mut people = 0u64;
        each_row("name.basics", &p, &mut report, progress, |_, f| {
            if let Some(n) = id_number(f[0], "nm") {
                if needed.contains(n) {
                    // A row is written once per id (the id is the key), so these count distinct people.
                    found += person.execute(params![PERSON_ID_BASE + i64::from(n), f[0], f[1], fold(f[1])])?;
                    people += 1;
                }
            }
            Ok(())
        })?;
        report.people = people;
    }
    // Credits whose person is missing from name.basics would show nameless: drop them. When every credited person
    // was found there is nothing to drop, and the pass over all credits is saved.
    if found < needed.len() {
        tx.execute(
            "DELETE FROM credit WHERE person_id >= ?1 AND person_id NOT IN (SELECT id FROM person)",
            [PERSON_ID_BASE],
        )?;
    }
    same_people(&tx, &merged_films)?;
    // Alternate titles: kept on the card and searched ("Der Pate" finds The Godfather).
    if let Some(p) = path_of("title.akas") {
        // A title's `ordering` numbers its alternate titles; a repeated one is a repeated row.
        let mut aka =
            tx.prepare("INSERT OR IGNORE INTO film_aka (film_id, ord, title, region) VALUES (?1, ?2, ?3, ?4)")?;
        let mut akas = 0u64;
        let mut origins = super::origin::Origins::new(&tx)?;
        each_row("title.akas", &p, &mut report, progress, |_, f| {
            let Some(film) = film_of(f[0]) else { return Ok(()) };
            let ord = f[1].parse::<i64>().unwrap_or(-(akas as i64) - 1);
            akas += aka.execute(params![film, ord, f[2], null(f[3])])? as u64;
            origins.row(film, f[2], null(f[3]), null(f[4]))
        })?;
        origins.finish()?;
        report.alternate_titles = akas;
        report.origins = origins.written;
    }
    tx.execute_batch("CREATE INDEX IF NOT EXISTS film_votes ON film (votes);")?;
    tx.commit()?;
    Ok(report)
}

/// A name's words, folded and sorted, hyphens and other marks aside: "Bong Joon-ho" and "Bong Joon Ho" are one.
fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

/// The people of films that are both a pack's and the datasets': where the pack names a film's directors (or cast),
/// those stand and the datasets' are dropped from that film; a dataset person with the name of the pack's person
/// there is that person, so their credits on every other film become the pack person's ("same director" then
/// joins a pack film with the dataset's other films by its director).
fn same_people(tx: &Connection, films: &[i64]) -> Result<()> {
    let mut credits = tx.prepare_cached(
        "SELECT c.person_id, c.role, p.name FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = ?1",
    )?;
    let mut drop_credit =
        tx.prepare_cached("DELETE FROM credit WHERE film_id = ?1 AND role = ?2 AND person_id = ?3")?;
    // Every (dataset person, pack person) pair of the same name on a film both name.
    let mut pairs: HashSet<(i64, i64)> = HashSet::new();
    for &film in films {
        let rows = credits
            .query_map([film], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for role in ["director", "cast"] {
            let pack: Vec<(i64, String)> = rows
                .iter()
                .filter(|(id, r, _)| r == role && *id < PERSON_ID_BASE)
                .map(|(id, _, name)| (*id, name_key(name)))
                .collect();
            if pack.is_empty() {
                continue;
            }
            for (person, _, name) in rows.iter().filter(|(id, r, _)| r == role && *id >= PERSON_ID_BASE) {
                let key = name_key(name);
                if !key.is_empty() {
                    pairs.extend(pack.iter().filter(|(_, k)| *k == key).map(|(p, _)| (*person, *p)));
                }
                drop_credit.execute(params![film, role, person])?;
            }
        }
    }
    // Only where the name points one way on both sides: two IMDb people of one name stay two people.
    let mut per_dataset: HashMap<i64, u32> = HashMap::new();
    let mut per_pack: HashMap<i64, u32> = HashMap::new();
    for (d, p) in &pairs {
        *per_dataset.entry(*d).or_default() += 1;
        *per_pack.entry(*p).or_default() += 1;
    }
    let same: Vec<(i64, i64)> = pairs.into_iter().filter(|(d, p)| per_dataset[d] == 1 && per_pack[p] == 1).collect();
    if same.is_empty() {
        return Ok(());
    }
    // Each is a pass over all credits (no index on the person yet): two passes in all, however many people.
    tx.execute_batch("CREATE TEMP TABLE same_person (dataset INTEGER PRIMARY KEY, pack INTEGER NOT NULL);")?;
    {
        let mut insert = tx.prepare("INSERT INTO temp.same_person (dataset, pack) VALUES (?1, ?2)")?;
        for (d, p) in &same {
            insert.execute([d, p])?;
        }
    }
    tx.execute_batch(
        "UPDATE OR IGNORE credit SET person_id = (SELECT pack FROM temp.same_person WHERE dataset = person_id)
             WHERE person_id IN (SELECT dataset FROM temp.same_person);
         -- What could not move: a film that credits both already, in that role.
         DELETE FROM credit WHERE person_id IN (SELECT dataset FROM temp.same_person);
         DELETE FROM person WHERE id IN (SELECT dataset FROM temp.same_person);
         DROP TABLE temp.same_person;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as each_row hands them over: (line number, fields).
    type Rows = Vec<(u64, Vec<String>)>;

    fn rows_of(name: &str, content: &[u8]) -> (Result<Rows>, DatasetReport) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{name}.tsv"));
        std::fs::write(&path, content).unwrap();
        let mut report = DatasetReport::default();
        let mut rows = Vec::new();
        let result = each_row(name, &path, &mut report, &mut |_, _, _| ControlFlow::Continue(()), |n, f| {
            rows.push((n, f.iter().map(|s| s.to_string()).collect()));
            Ok(())
        });
        (result.map(|()| rows), report)
    }

    #[test]
    fn an_id_set_holds_each_number_once_whatever_its_size() {
        let mut set = IdSet::default();
        assert!(!set.contains(0) && !set.contains(7) && !set.contains(u32::MAX));
        for n in [7, 0, 63, 64, 94435, 15_000_000, BITMAP_IDS - 1, BITMAP_IDS, u32::MAX] {
            assert!(set.insert(n), "{n}");
            assert!(!set.insert(n), "{n} again");
            assert!(set.contains(n), "{n}");
        }
        assert_eq!(set.len(), 9);
        for n in [1, 62, 65, 94434, 94436, BITMAP_IDS + 1, u32::MAX - 1] {
            assert!(!set.contains(n), "{n}");
        }
        assert!(set.bits.len() <= (BITMAP_IDS / 64) as usize);
    }

    #[test]
    fn lines_and_fields_are_cut_as_written() {
        let (rows, report) = rows_of(
            "title.ratings",
            "tconst\taverageRating\tnumVotes\r\ntt1\t7.5\t10\r\n\ntt2\t\t3\ntt3\t1\nttø\t9.0\t4".as_bytes(),
        );
        let rows = rows.unwrap();
        assert_eq!(
            rows,
            vec![
                (2, vec!["tt1".into(), "7.5".into(), "10".into()]),
                (4, vec!["tt2".into(), String::new(), "3".into()]),
                (6, vec!["ttø".into(), "9.0".into(), "4".into()]),
            ]
        );
        assert_eq!(report.bad_rows, 1);
        assert!(report.bad_row_notes[0].contains("line 5: 2 fields where 3"), "{:?}", report.bad_row_notes);
    }

    #[test]
    fn a_line_that_is_not_text_is_named() {
        let (rows, _) = rows_of("title.ratings", b"tconst\taverageRating\tnumVotes\ntt1\t7.5\t10\ntt2\t\xff\t3\n");
        let e = rows.unwrap_err().to_string();
        assert!(e.contains("title.ratings.tsv, line 3") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn an_empty_first_line_is_not_a_header() {
        let (rows, _) = rows_of("title.ratings", b"\r\ntconst\taverageRating\tnumVotes\ntt1\t7.5\t10\n");
        let e = rows.unwrap_err().to_string();
        assert!(e.contains("line 1: not the header of title.ratings"), "{e}");
    }

    #[test]
    fn a_file_with_no_line_ends_is_refused_without_reading_it_all() {
        let mut content = b"tconst\taverageRating\tnumVotes\ntt1\t".to_vec();
        content.resize(LONGEST_LINE + BLOCK * 2, b'x');
        let (rows, _) = rows_of("title.ratings", &content);
        let e = rows.unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("without ending"), "{e}");
    }

    #[test]
    fn lines_longer_than_a_block_are_whole() {
        let long = "x".repeat(BLOCK + 10);
        let content = format!("tconst\taverageRating\tnumVotes\ntt1\t{long}\t1\ntt2\t2\t3\n");
        let (rows, _) = rows_of("title.ratings", content.as_bytes());
        let rows = rows.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1[1].len(), long.len());
        assert_eq!(rows[1], (3, vec!["tt2".into(), "2".into(), "3".into()]));
    }
}
