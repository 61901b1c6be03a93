//! Writing the search index of a new catalogue, on both cores: one thread reads every film's words in rank order
//! from the staging catalogue while this one indexes them into a file of their own; the finished index is then
//! copied into the catalogue. The busy prefixes are counted on the index's file while the rest of the catalogue is
//! finished and checked.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rusqlite::{params, Connection, OpenFlags};

use crate::error::{CoreError, Result};
use crate::text::fold;

/// The index: which films have a word (no positions, no copy of the text), a third of the size and twice as fast
/// to build as a full one. Prefixes of up to five letters have their own entries, so a first letter or a short
/// word reads one list. The text is folded before it comes here (letters and digits, single spaces), so the
/// tokenizer only splits on spaces: the index's words are exactly the folded words a query is made of.
pub(super) const FTS_TABLE: &str = "CREATE VIRTUAL TABLE film_search USING fts5(
    terms, tokenize = 'ascii', content = '', columnsize = 0, detail = none, prefix = '1 2 3 4 5'
);";

/// Prefixes whose words appear in at least this many films get their count kept at build time.
const PREFIX_COUNT_FROM: i64 = 10_000;
/// Counts are kept for prefixes of up to this many letters (longer ones match fewer films).
const PREFIX_COUNT_LONGEST: usize = 12;

/// Films sent from the reading thread at a time.
const BATCH: usize = 512;

type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64) -> ControlFlow<()>;

/// Writes `film_search` and `prefix_count` into the staging catalogue at `staging` (open as `conn`, films
/// ranked), using `scratch` as the index's own file on the way; `finish` runs on `conn` meanwhile, and stops
/// early (any error) when the flag it is given is set.
pub(super) fn write(
    conn: &mut Connection,
    staging: &Path,
    scratch: &Path,
    finish: impl FnOnce(&mut Connection, &AtomicBool) -> Result<()> + Send,
    progress: Progress<'_>,
) -> Result<()> {
    let _scratch = Scratch::new(scratch);
    let films: i64 = conn.query_row("SELECT count(*) FROM film", [], |r| r.get(0))?;
    let search = Connection::open(scratch)?;
    search.execute_batch(&format!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; {FTS_TABLE}
         -- One merge of every segment at the end instead of merges all along (about a third less work).
         INSERT INTO film_search (film_search, rank) VALUES ('automerge', 0);
         INSERT INTO film_search (film_search, rank) VALUES ('crisismerge', 1999);
         -- Segments of 8 MB rather than 1 MB: fewer to merge (a bigger buffer sorts slower: 32 MB lost time).
         INSERT INTO film_search (film_search, rank) VALUES ('hashsize', 8388608);"
    ))?;

    // Reading and indexing side by side. The catalogue is not written meanwhile, so both connections can use it.
    let (sender, receiver) = sync_channel::<Vec<(i64, String)>>(16);
    std::thread::scope(|scope| -> Result<()> {
        let reader = scope.spawn(move || read_words(staging, sender));
        let indexed = index_words(&search, receiver, films as u64, progress);
        // The reader stops when the receiver is gone (a cancel or an error here); its own error comes first.
        let read = reader.join().map_err(|_| CoreError::invalid("catalogue", "the search index reader stopped"))?;
        read.and(indexed)
    })?;
    if progress("search index", films as u64, films as u64).is_break() {
        return Err(CoreError::Cancelled);
    }
    if progress("filter table and checks", 0, 1).is_break() {
        return Err(CoreError::Cancelled);
    }

    // `finish` writes the rest of the catalogue while the index merges its segments and counts the busy prefixes,
    // each on a thread of its own; this one asks for a cancel meanwhile, and interrupts both when one comes.
    let cancelled = AtomicBool::new(false);
    let interrupts = [conn.get_interrupt_handle(), search.get_interrupt_handle()];
    let busy = std::thread::scope(|scope| -> Result<Vec<(String, i64)>> {
        let catalogue: &mut Connection = conn;
        let cancelled = &cancelled;
        let filter = scope.spawn(move || finish(catalogue, cancelled));
        let counter = scope.spawn(move || {
            search
                .execute_batch("INSERT INTO film_search (film_search) VALUES ('optimize');")
                .map_err(CoreError::from)
                .and_then(|()| busy_prefixes(&search, films))
                .and_then(|busy| super::quick_check(&search, "search index").map(|()| busy))
        });
        loop {
            if !cancelled.load(Ordering::Relaxed) && progress("filter table and checks", 0, 1).is_break() {
                cancelled.store(true, Ordering::Relaxed);
            }
            if cancelled.load(Ordering::Relaxed) {
                // Again until both have stopped: an interrupt only reaches the statement running at the time.
                interrupts.iter().for_each(rusqlite::InterruptHandle::interrupt);
            }
            if filter.is_finished() && counter.is_finished() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let stopped = || CoreError::invalid("catalogue", "the catalogue's finishing stopped");
        let filtered = filter.join().map_err(|_| stopped())?;
        let counted = counter.join().map_err(|_| stopped())?;
        if cancelled.load(Ordering::Relaxed) {
            return Err(CoreError::Cancelled);
        }
        filtered.and(counted)
    })?;
    if progress("copying search index", 0, 1).is_break() {
        return Err(CoreError::Cancelled);
    }

    let tx = conn.transaction()?;
    tx.execute("ATTACH DATABASE ?1 AS search", [scratch.to_string_lossy()])?;
    // The catalogue's own film_search was made empty with the schema; its pages become the finished index's.
    tx.execute_batch(
        "DELETE FROM main.film_search_data;
         DELETE FROM main.film_search_idx;
         INSERT INTO main.film_search_data SELECT * FROM search.film_search_data;
         INSERT INTO main.film_search_idx SELECT * FROM search.film_search_idx;
         CREATE TABLE prefix_count (prefix TEXT PRIMARY KEY NOT NULL, films INTEGER NOT NULL) STRICT;",
    )?;
    {
        let mut insert = tx.prepare("INSERT INTO prefix_count (prefix, films) VALUES (?1, ?2)")?;
        for (prefix, n) in &busy {
            insert.execute(params![prefix, n])?;
        }
    }
    tx.commit()?;
    conn.execute_batch("DETACH DATABASE search")?;
    Ok(())
}

/// The index's own file, gone when the build is done with it, whatever the outcome.
struct Scratch<'a>(&'a Path);

impl<'a> Scratch<'a> {
    fn new(path: &'a Path) -> Scratch<'a> {
        let _ = std::fs::remove_file(path);
        Scratch(path)
    }
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.0);
    }
}

/// Sends every film's distinct folded words, most popular film first: titles, alternate titles, and the names of
/// its directors and cast. Stops quietly when nobody listens any more.
fn read_words(staging: &Path, sender: SyncSender<Vec<(i64, String)>>) -> Result<()> {
    let conn =
        Connection::open_with_flags(staging, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    // Reading through a memory map saves a copy of every page read: 3 s of a real-scale build. The pages count in
    // the process's resident memory while this thread runs (up to the file's size), but they are the file's own
    // cached pages, shared with the page cache and dropped first under pressure; the map goes with the thread.
    conn.execute_batch("PRAGMA mmap_size = 2000000000;")?;
    let names = Names::read(&conn)?;
    // Films in rank order; a film's alternate titles and credits are each one seek.
    let mut films = conn.prepare("SELECT id, rank, title_fold, original_fold FROM film ORDER BY rank")?;
    let mut akas = conn.prepare("SELECT title FROM film_aka WHERE film_id = ?1")?;
    let mut credits = conn.prepare("SELECT person_id FROM credit WHERE film_id = ?1")?;
    let mut rows = films.query([])?;
    let mut batch = Vec::with_capacity(BATCH);
    let mut all = String::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        all.clear();
        for column in [2, 3] {
            if let Some(text) = row.get_ref(column)?.as_str_or_null().map_err(rusqlite::Error::from)? {
                all.push_str(text);
                all.push(' ');
            }
        }
        let mut titles = akas.query([id])?;
        while let Some(aka) = titles.next()? {
            all.push_str(&fold(aka.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?));
            all.push(' ');
        }
        let mut people = credits.query([id])?;
        while let Some(person) = people.next()? {
            all.push_str(names.get(person.get(0)?));
            all.push(' ');
        }
        batch.push((row.get(1)?, distinct_words(&all)));
        if batch.len() == BATCH && sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
            return Ok(());
        }
    }
    let _ = sender.send(batch);
    Ok(())
}

/// Every person's folded name, in memory for the search index's pass: a film's credits then cost no lookups.
/// Dataset people are numbered from their IMDb number, so a name is found by position; take-pack people, a few
/// hundred, below that. About 10 bytes per IMDb number beside the names: some 150 MB for the full datasets.
struct Names {
    /// (start, end) in `text` of each id from `base`; (0, 0) for an id without a person.
    spans: Vec<(u32, u32)>,
    base: i64,
    small: HashMap<i64, (u32, u32)>,
    text: String,
}

impl Names {
    fn read(conn: &Connection) -> Result<Names> {
        let base = super::dataset::PERSON_ID_BASE;
        let highest: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM person", [], |r| r.get(0))?;
        let mut names = Names {
            spans: vec![(0, 0); usize::try_from(highest - base + 1).unwrap_or(0)],
            base,
            small: HashMap::new(),
            text: String::new(),
        };
        let mut stmt = conn.prepare("SELECT id, name_fold FROM person")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let start = names.text.len();
            names.text.push_str(row.get_ref(1)?.as_str_or_null().map_err(rusqlite::Error::from)?.unwrap_or(""));
            let span = (offset(start)?, offset(names.text.len())?);
            match usize::try_from(id - base) {
                Ok(i) => names.spans[i] = span,
                Err(_) => {
                    names.small.insert(id, span);
                }
            }
        }
        Ok(names)
    }

    fn get(&self, id: i64) -> &str {
        let span = match usize::try_from(id - self.base) {
            Ok(i) => self.spans.get(i).copied(),
            Err(_) => self.small.get(&id).copied(),
        };
        span.map_or("", |(start, end)| &self.text[start as usize..end as usize])
    }
}

fn offset(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| CoreError::invalid("catalogue", "more than 4 GB of names"))
}

/// The distinct words of folded text, one space between them (an alternate title often repeats the title: the
/// index needs each word once).
fn distinct_words(text: &str) -> String {
    let mut words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// Indexes what the reader sends, in one transaction, reporting progress as it goes.
fn index_words(
    search: &Connection,
    receiver: Receiver<Vec<(i64, String)>>,
    films: u64,
    progress: Progress<'_>,
) -> Result<()> {
    search.execute_batch("BEGIN")?;
    let mut insert = search.prepare("INSERT INTO film_search (rowid, terms) VALUES (?1, ?2)")?;
    let mut done = 0u64;
    for batch in receiver {
        for (rank, words) in &batch {
            insert.execute(params![rank, words])?;
        }
        done += batch.len() as u64;
        if progress("search index", done, films).is_break() {
            return Err(CoreError::Cancelled);
        }
    }
    drop(insert);
    search.execute_batch("COMMIT")?;
    Ok(())
}

/// Exact match counts of the prefixes that match the most films ("s", "the", "love": hundreds of thousands of
/// films at full scale), so that counting them while the user types costs nothing. The index's own term list
/// gives an upper bound for each prefix (a film with two words of one prefix is in both words' counts); only the
/// prefixes whose bound is high are counted exactly.
fn busy_prefixes(search: &Connection, films: i64) -> Result<Vec<(String, i64)>> {
    search.execute_batch("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, film_search, row);")?;
    // At full scale the busy prefixes; in a small catalogue, the few that match a tenth of it.
    let from = PREFIX_COUNT_FROM.min((films / 10).max(50));
    let busy = {
        let mut stmt = search.prepare("SELECT term, doc FROM temp.vocab")?;
        let mut rows = stmt.query([])?;
        let mut bounds = PrefixBounds::new(from);
        while let Some(row) = rows.next()? {
            bounds.add(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?, row.get(1)?);
        }
        bounds.finish()
    };
    let mut counted = Vec::new();
    let mut count = search.prepare("SELECT count(*) FROM film_search WHERE film_search MATCH ?1")?;
    for prefix in busy {
        let n: i64 = count.query_row([format!("\"{prefix}\"*")], |r| r.get(0))?;
        if n >= from {
            counted.push((prefix, n));
        }
    }
    drop(count);
    search.execute_batch("DROP TABLE temp.vocab;")?;
    Ok(counted)
}

/// The prefixes (1 to `PREFIX_COUNT_LONGEST` characters) whose words' film counts add up to at least `from`, over
/// terms given in sorted order: the terms of one prefix follow each other, so a stack of the current term's
/// prefixes is all it takes.
struct PrefixBounds {
    from: i64,
    /// The previous term, and the byte length and running bound of each of its prefixes, shortest first.
    previous: String,
    open: Vec<(usize, i64)>,
    busy: Vec<String>,
}

impl PrefixBounds {
    fn new(from: i64) -> PrefixBounds {
        PrefixBounds { from, previous: String::new(), open: Vec::new(), busy: Vec::new() }
    }

    fn add(&mut self, term: &str, docs: i64) {
        let shared: usize = term
            .char_indices()
            .zip(self.previous.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, c), _)| at + c.len_utf8());
        self.close_longer_than(shared);
        for open in &mut self.open {
            open.1 += docs;
        }
        let ends = term.char_indices().skip(1).map(|(at, _)| at).chain([term.len()]).take(PREFIX_COUNT_LONGEST);
        for end in ends.filter(|&end| end > shared) {
            self.open.push((end, docs));
        }
        self.previous.clear();
        self.previous.push_str(term);
    }

    fn close_longer_than(&mut self, len: usize) {
        while let Some(&(end, bound)) = self.open.last() {
            if end <= len {
                break;
            }
            self.open.pop();
            if bound >= self.from {
                self.busy.push(self.previous[..end].to_owned());
            }
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.close_longer_than(0);
        self.busy.sort();
        self.busy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_kept_once_each() {
        assert_eq!(distinct_words("the godfather  der pate the godfather coppola "), "coppola der godfather pate the");
        assert_eq!(distinct_words(""), "");
    }

    #[test]
    fn prefix_bounds_add_up_the_words_of_each_prefix() {
        let terms =
            [("love", 5), ("lover", 3), ("lovers", 2), ("luck", 4), ("sø", 6), ("søren", 1), ("zzzzzzzzzzzzzzzz", 9)];
        let mut bounds = PrefixBounds::new(9);
        for (term, docs) in terms {
            bounds.add(term, docs);
        }
        // l: 14, lo/lov/love: 10, lover: 5; s/sø: 7; z: 9 and every longer prefix up to 12 letters.
        let mut want = vec!["l", "lo", "lov", "love"];
        let zs: Vec<String> = (1..=PREFIX_COUNT_LONGEST).map(|n| "z".repeat(n)).collect();
        want.extend(zs.iter().map(String::as_str));
        want.sort();
        assert_eq!(bounds.finish(), want);
    }
}
