//! The library's side of sync: every precious row as a keyed value (`extract`), what the merged records say the
//! library should hold (`views`), and the writes that make it so (`materialise`); the heads, the clock, the
//! files read so far and the records not yet written out, all kept in the library itself.
//!
//! Keys and their values (docs/sync.md):
//! `["film", key]` the film's title, year, kind and ids; `["watch", film]`; `["rating", film]`; `["note", film]`;
//! `["viewing", uid]`; `["list", uid]` its name, description and ranking; `["entry", list, film]` a film on a
//! list with its note; `["order", list]` the list's films in order; `["tag", tag, film]`; `["tagname", tag]`
//! how a tag is spelt; `["take", film]`, `["link", from, to]`, `["pack"]` the user's own takes;
//! `["nottonight", film]`.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{json, Value};

use super::user_data::now;
use super::Library;
use crate::error::{CoreError, Result};
use crate::sync::{Clock, KeyState, Record};

pub type Key = Vec<String>;

/// The kinds of key this Matinee reads and writes; records of other kinds (a newer Matinee's) are kept among
/// the heads and passed on, never deleted.
const KINDS: [&str; 15] = [
    "film",
    "watch",
    "rating",
    "note",
    "viewing",
    "list",
    "entry",
    "order",
    "tag",
    "tagname",
    "take",
    "link",
    "pack",
    "nottonight",
    "setting",
];

/// Whether this Matinee knows what a key stands for in the library.
pub fn known(k: &Key) -> bool {
    KINDS.contains(&k[0].as_str())
        && (k[0] != "setting" || k.get(1).is_some_and(|n| SYNCED_SETTINGS.contains(&n.as_str())))
}

/// The settings that follow the library to every computer: how ratings are shown and where weeks start. The
/// others (theme, date format, where the datasets come from) are the computer's own.
pub const SYNCED_SETTINGS: [&str; 2] = ["rating_scale", "week_start"];

/// The folder and this computer, as the library keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    pub folder: String,
    pub device: String,
    pub name: String,
    pub joined_at: String,
    pub clock: Clock,
    pub log_number: u32,
    pub log_bytes: u64,
    pub log_lines: u64,
    pub last_sync_at: Option<String>,
}

fn s(v: &Value, field: &str) -> Option<String> {
    v.get(field).and_then(Value::as_str).map(str::to_owned)
}

fn i(v: &Value, field: &str) -> Option<i64> {
    v.get(field).and_then(Value::as_i64)
}

fn b(v: &Value, field: &str) -> bool {
    v.get(field).and_then(Value::as_bool).unwrap_or(false)
}

fn key(parts: &[&str]) -> Key {
    parts.iter().map(|p| (*p).to_owned()).collect()
}

impl Library {
    /// The settings that follow the library, as the app's settings file spells their values (JSON text).
    pub fn synced_settings(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare("SELECT name, value FROM synced_setting ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Records a change of a setting that follows the library.
    pub fn synced_setting_set(&mut self, name: &str, value: &str) -> Result<()> {
        if !SYNCED_SETTINGS.contains(&name) {
            return Err(CoreError::invalid("name", format!("{name} is not a setting that syncs")));
        }
        if value.len() > 200 {
            return Err(CoreError::invalid("value", "at most 200 bytes"));
        }
        self.conn().execute(
            "INSERT INTO synced_setting (name, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
             WHERE synced_setting.value <> excluded.value",
            params![name, value, now()],
        )?;
        Ok(())
    }

    /// Rows written through this connection since it was opened.
    pub fn rows_written(&self) -> u64 {
        self.conn().total_changes()
    }

    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT folder, device, name, joined_at, clock_ms, clock_n, log_number, log_bytes, log_lines, last_sync_at
                 FROM sync_config WHERE id = 1",
                [],
                |r| {
                    Ok(SyncConfig {
                        folder: r.get(0)?,
                        device: r.get(1)?,
                        name: r.get(2)?,
                        joined_at: r.get(3)?,
                        clock: Clock { ms: r.get(4)?, n: r.get(5)? },
                        log_number: r.get(6)?,
                        log_bytes: r.get::<_, i64>(7)? as u64,
                        log_lines: r.get::<_, i64>(8)? as u64,
                        last_sync_at: r.get(9)?,
                    })
                },
            )
            .optional()?)
    }

    /// Joins a folder as a new computer: what was known of any earlier folder is forgotten (the library's own
    /// rows stay, and are written out to the new folder at the first sync).
    pub fn sync_join(&mut self, folder: &str, device: &str, name: &str) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        clear(&tx)?;
        tx.execute(
            "INSERT INTO sync_config (id, folder, device, name, joined_at) VALUES (1, ?1, ?2, ?3, ?4)",
            params![folder, device, name, now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn sync_rename(&mut self, name: &str) -> Result<()> {
        self.conn().execute("UPDATE sync_config SET name = ?1 WHERE id = 1", params![name])?;
        Ok(())
    }

    /// Stops syncing: the folder and the records are forgotten, the library's rows stay as they are.
    pub fn sync_leave(&mut self) -> Result<bool> {
        let tx = self.conn_mut().transaction()?;
        let was = tx.query_row("SELECT count(*) FROM sync_config", [], |r| r.get::<_, i64>(0))? > 0;
        clear(&tx)?;
        tx.commit()?;
        Ok(was)
    }

    /// Every key's heads.
    pub fn sync_heads(&self) -> Result<HashMap<Key, KeyState>> {
        let mut stmt = self.conn().prepare("SELECT line FROM sync_head ORDER BY key, id")?;
        let mut out: HashMap<Key, KeyState> = HashMap::new();
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let record: Record = serde_json::from_str(&line?)
                .map_err(|e| CoreError::invalid("sync", format!("a sync record in the library does not read: {e}")))?;
            let state = out.entry(record.key.clone()).or_default();
            state.heads.push(record);
        }
        Ok(out)
    }

    /// How far each file of the folder has been read (path relative to the folder, offset, size then).
    pub fn sync_files(&self) -> Result<HashMap<String, (u64, u64)>> {
        let mut stmt = self.conn().prepare("SELECT path, offset, size FROM sync_file")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)? as u64, r.get::<_, i64>(2)? as u64))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Records written here that are not yet in this computer's file, in order.
    pub fn sync_outbox(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare("SELECT seq, line FROM sync_outbox ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// After the outbox's lines up to `seq` are in the file (synced to disk): its new length and line count.
    pub fn sync_outbox_written(&mut self, seq: i64, log_number: u32, bytes: u64, lines: u64) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM sync_outbox WHERE seq <= ?1", params![seq])?;
        tx.execute(
            "UPDATE sync_config SET log_number = ?1, log_bytes = ?2, log_lines = ?3 WHERE id = 1",
            params![log_number, bytes as i64, lines as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One merge, in one transaction: the records read from the folder join the heads, this computer's own
    /// changes since the last merge become records (`own`, given the heads before the merge and the clock), and
    /// the library's rows are written to what the merged heads say. Returns the records made here and the keys
    /// whose rows were written.
    pub fn sync_merge(
        &mut self,
        incoming: Vec<Record>,
        files: &[(String, u64, u64)],
        own: impl FnOnce(&BTreeMap<Key, Value>, &HashMap<Key, KeyState>, &[Record], &mut Clock) -> Vec<Record>,
    ) -> Result<(Vec<Record>, usize)> {
        let config = self.sync_config()?.ok_or_else(not_syncing)?;
        let mut heads = self.sync_heads()?;
        let tx = self.conn_mut().transaction()?;
        assign_uids(&tx)?;
        let rows = extract(&tx)?;
        // This library's own changes are made into records against the heads as they were, before anything read
        // now is added: a change made here while apart from the others is one made apart.
        let mut clock = config.clock;
        let made = own(&rows, &heads, &incoming, &mut clock);
        let mut touched: Vec<Key> = Vec::new();
        for r in made.iter().cloned().chain(incoming) {
            let k = r.key.clone();
            if heads.entry(k.clone()).or_default().add(r) {
                touched.push(k);
            }
        }
        touched.sort();
        touched.dedup();
        for k in &touched {
            let key_text = serde_json::to_string(k).expect("a key is strings");
            tx.execute("DELETE FROM sync_head WHERE key = ?1", params![key_text])?;
            for h in &heads[k].heads {
                tx.execute(
                    "INSERT INTO sync_head (key, id, line) VALUES (?1, ?2, ?3)",
                    params![key_text, h.id, serde_json::to_string(h).expect("a record is JSON")],
                )?;
            }
        }
        for r in &made {
            tx.execute("INSERT INTO sync_outbox (line) VALUES (?1)", params![crate::sync::encode(r)])?;
        }
        // The rows the merged heads call for, where they differ from what the library holds.
        let wanted = views(&heads);
        let rows = extract(&tx)?;
        let mut writes: Vec<(&Key, Option<&Value>)> = Vec::new();
        for (k, v) in &wanted {
            if known(k) && rows.get(k) != Some(v) {
                writes.push((k, Some(v)));
            }
        }
        for k in rows.keys() {
            if !wanted.contains_key(k) && !matches!(k[0].as_str(), "film" | "order" | "tagname") {
                writes.push((k, None));
            }
        }
        writes.sort_by_key(|(k, v)| (write_rank(k, v.is_some()), (*k).clone()));
        let written = writes.len();
        let mut renamed_lists = Vec::new();
        for (k, v) in writes {
            materialise(&tx, k, v, &wanted, &mut renamed_lists)?;
        }
        for (uid, name) in renamed_lists {
            tx.execute(
                "UPDATE film_list SET name_fold = ?2 WHERE uid = ?1",
                params![uid, crate::text::name_key(&name)],
            )?;
        }
        for (path, offset, size) in files {
            tx.execute(
                "INSERT INTO sync_file (path, offset, size) VALUES (?1, ?2, ?3)
                 ON CONFLICT (path) DO UPDATE SET offset = excluded.offset, size = excluded.size",
                params![path, *offset as i64, *size as i64],
            )?;
        }
        tx.execute(
            "UPDATE sync_config SET clock_ms = ?1, clock_n = ?2, last_sync_at = ?3 WHERE id = 1",
            params![clock.ms, clock.n, now()],
        )?;
        tx.commit()?;
        Ok((made, written))
    }

    /// Forgets the files no longer in the folder.
    pub fn sync_forget_files(&mut self, gone: &[String]) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        for path in gone {
            tx.execute("DELETE FROM sync_file WHERE path = ?1", params![path])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The library's rows as keyed values (viewings and lists given their ids first).
    pub fn sync_rows(&mut self) -> Result<BTreeMap<Key, Value>> {
        let tx = self.conn_mut().transaction()?;
        assign_uids(&tx)?;
        let rows = extract(&tx)?;
        tx.commit()?;
        Ok(rows)
    }
}

pub(crate) fn not_syncing() -> CoreError {
    CoreError::invalid("sync", "this library does not sync yet: choose a folder first (matinee-cli sync folder DIR)")
}

fn clear(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("DELETE FROM sync_config; DELETE FROM sync_head; DELETE FROM sync_file; DELETE FROM sync_outbox;")
}

/// Films first (everything refers to them), lists before their entries and entries before their order; a
/// deletion of an entry before its list's.
fn write_rank(k: &Key, upsert: bool) -> u8 {
    match (k[0].as_str(), upsert) {
        ("film", _) => 0,
        ("tagname", _) => 1,
        ("list", true) => 2,
        ("order", _) => 5,
        ("list", false) => 4,
        _ => 3,
    }
}

/// Ids that hold on every computer: an imported viewing's is its source row's (so two computers that imported
/// one export agree), another's is random; a list's is its name when it was first synced (so lists of one
/// name made on two computers become one).
fn assign_uids(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE viewing SET uid = CASE WHEN origin IS NOT NULL THEN 'o:' || origin ELSE 'r:' || lower(hex(randomblob(8))) END
         WHERE uid IS NULL",
        [],
    )?;
    let lists: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, name_fold FROM film_list WHERE uid IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        rows
    };
    for (id, fold) in lists {
        let by_name = format!("n:{fold}");
        let taken: bool = tx
            .query_row("SELECT count(*) FROM film_list WHERE uid = ?1", params![by_name], |r| r.get::<_, i64>(0))?
            > 0;
        let uid = if taken { format!("r:{:016x}", fastrand::u64(..)) } else { by_name };
        tx.execute("UPDATE film_list SET uid = ?2 WHERE id = ?1", params![id, uid])?;
    }
    Ok(())
}

fn rows_of<T>(
    tx: &Transaction<'_>,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    super::portable::all(tx, sql, [], f)
}

/// Every synced row of the library as a keyed value.
fn extract(tx: &Transaction<'_>) -> Result<BTreeMap<Key, Value>> {
    let mut out = BTreeMap::new();
    let mut ids: HashMap<String, Vec<Value>> = HashMap::new();
    for (film, source, value) in
        rows_of(tx, "SELECT film_key, source, value FROM film_external_id ORDER BY film_key, source, value", |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
    {
        ids.entry(film).or_default().push(json!([source, value]));
    }
    for (k, v) in rows_of(
        tx,
        "SELECT key, title, year, kind, first_seen_at FROM film_ref WHERE first_seen_at <> ''",
        |r| {
            let k: String = r.get(0)?;
            Ok((
                k,
                json!({"title": r.get::<_, String>(1)?, "year": r.get::<_, Option<i64>>(2)?, "kind": r.get::<_, Option<String>>(3)?,
                   "first_seen_at": r.get::<_, String>(4)?}),
            ))
        },
    )? {
        let mut v = v;
        v["ids"] = Value::Array(ids.remove(&k).unwrap_or_default());
        out.insert(key(&["film", &k]), v);
    }
    for (k, v) in rows_of(tx, "SELECT film_key, added_at FROM watchlist_entry", |r| {
        Ok((r.get::<_, String>(0)?, json!({"added_at": r.get::<_, String>(1)?})))
    })? {
        out.insert(key(&["watch", &k]), v);
    }
    for (k, v) in rows_of(tx, "SELECT film_key, value, rated_at FROM rating", |r| {
        Ok((r.get::<_, String>(0)?, json!({"value": r.get::<_, i64>(1)?, "rated_at": r.get::<_, String>(2)?})))
    })? {
        out.insert(key(&["rating", &k]), v);
    }
    for (k, v) in rows_of(tx, "SELECT film_key, body, updated_at FROM note", |r| {
        Ok((r.get::<_, String>(0)?, json!({"body": r.get::<_, String>(1)?, "updated_at": r.get::<_, String>(2)?})))
    })? {
        out.insert(key(&["note", &k]), v);
    }
    for (k, v) in rows_of(
        tx,
        "SELECT uid, film_key, watched_on, rating, rewatch, note, place, created_at, updated_at, origin FROM viewing
         WHERE deleted_at IS NULL",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                json!({"film": r.get::<_, String>(1)?, "watched_on": r.get::<_, Option<String>>(2)?,
                       "rating": r.get::<_, Option<i64>>(3)?, "rewatch": r.get::<_, bool>(4)?,
                       "note": r.get::<_, String>(5)?, "place": r.get::<_, String>(6)?,
                       "created_at": r.get::<_, String>(7)?, "updated_at": r.get::<_, String>(8)?,
                       "origin": r.get::<_, Option<String>>(9)?}),
            ))
        },
    )? {
        out.insert(key(&["viewing", &k]), v);
    }
    for (k, v) in rows_of(tx, "SELECT uid, name, description, ranked, created_at, updated_at FROM film_list", |r| {
        Ok((
            r.get::<_, String>(0)?,
            json!({"name": r.get::<_, String>(1)?, "description": r.get::<_, String>(2)?, "ranked": r.get::<_, bool>(3)?,
                   "created_at": r.get::<_, String>(4)?, "updated_at": r.get::<_, String>(5)?}),
        ))
    })? {
        out.insert(key(&["list", &k]), v);
    }
    let mut orders: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (list, film, v) in rows_of(
        tx,
        "SELECT l.uid, e.film_key, e.note, e.added_at FROM list_entry e JOIN film_list l ON l.id = e.list_id
         ORDER BY l.uid, e.position, e.film_key",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                json!({"note": r.get::<_, String>(2)?, "added_at": r.get::<_, String>(3)?}),
            ))
        },
    )? {
        orders.entry(list.clone()).or_default().push(Value::String(film.clone()));
        out.insert(key(&["entry", &list, &film]), v);
    }
    for (list, films) in orders {
        out.insert(key(&["order", &list]), Value::Array(films));
    }
    for (fold, film, v) in
        rows_of(tx, "SELECT t.name_fold, f.film_key, f.added_at FROM film_tag f JOIN tag t ON t.id = f.tag_id", |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, json!({"added_at": r.get::<_, String>(2)?})))
        })?
    {
        out.insert(key(&["tag", &fold, &film]), v);
    }
    for (fold, name) in
        rows_of(tx, "SELECT name_fold, name FROM tag", |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
    {
        out.insert(key(&["tagname", &fold]), json!({ "name": name }));
    }
    for (k, v) in rows_of(tx, "SELECT film_key, text, line, score_tenths, synopsis, updated_at FROM own_take", |r| {
        Ok((
            r.get::<_, String>(0)?,
            json!({"text": r.get::<_, Option<String>>(1)?, "line": r.get::<_, Option<String>>(2)?,
                   "score_tenths": r.get::<_, Option<i64>>(3)?, "synopsis": r.get::<_, Option<String>>(4)?,
                   "updated_at": r.get::<_, String>(5)?}),
        ))
    })? {
        out.insert(key(&["take", &k]), v);
    }
    for (from, to, v) in rows_of(tx, "SELECT from_key, to_key, reason, created_at FROM own_link", |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            json!({"reason": r.get::<_, String>(2)?, "created_at": r.get::<_, String>(3)?}),
        ))
    })? {
        out.insert(key(&["link", &from, &to]), v);
    }
    for v in rows_of(tx, "SELECT pack_id, author, version, exported_at FROM own_pack", |r| {
        Ok(json!({"pack_id": r.get::<_, String>(0)?, "author": r.get::<_, String>(1)?, "version": r.get::<_, i64>(2)?,
                  "exported_at": r.get::<_, Option<String>>(3)?}))
    })? {
        out.insert(key(&["pack"]), v);
    }
    for (k, v) in rows_of(tx, "SELECT name, value, updated_at FROM synced_setting", |r| {
        Ok((r.get::<_, String>(0)?, json!({"value": r.get::<_, String>(1)?, "updated_at": r.get::<_, String>(2)?})))
    })? {
        out.insert(key(&["setting", &k]), v);
    }
    for (k, v) in rows_of(tx, "SELECT film_key, until, added_at FROM not_tonight", |r| {
        Ok((r.get::<_, String>(0)?, json!({"until": r.get::<_, String>(1)?, "added_at": r.get::<_, String>(2)?})))
    })? {
        out.insert(key(&["nottonight", &k]), v);
    }
    Ok(out)
}

/// What the merged heads say the library holds, key by key: each key's value, then what depends on other keys.
/// A list deleted on one computer while films were added to it on another stays, with the films (a conflict
/// the user settles); entries of a list that is gone go with it; two lists that came to share a name are told
/// apart by a number, the list with the smaller id keeping the name; a list's order is its last saved order
/// with the films added since after it, oldest first.
pub fn views(heads: &HashMap<Key, KeyState>) -> BTreeMap<Key, Value> {
    let mut out: BTreeMap<Key, Value> = BTreeMap::new();
    for (k, state) in heads {
        if let Some(v) = state.value() {
            out.insert(k.clone(), v.clone());
        }
    }
    // Lists kept alive by films added apart from their deletion.
    let live_lists: Vec<String> = out
        .keys()
        .filter(|k| k[0] == "entry")
        .map(|k| k[1].clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for uid in live_lists {
        let list_key = key(&["list", &uid]);
        if out.contains_key(&list_key) {
            continue;
        }
        if let Some(was) = heads.get(&list_key).and_then(KeyState::deletion).and_then(|d| d.v.clone()) {
            out.insert(list_key, was);
        }
    }
    let lists: std::collections::BTreeSet<String> =
        out.keys().filter(|k| k[0] == "list").map(|k| k[1].clone()).collect();
    out.retain(|k, _| !(k[0] == "entry" || k[0] == "order") || lists.contains(&k[1]));
    // Names: the smaller id keeps a shared name, the others get the first free "name (2)", "name (3)".
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for uid in &lists {
        let k = key(&["list", uid]);
        let name = s(&out[&k], "name").unwrap_or_default();
        let mut shown = name.clone();
        let mut n = 2;
        while !taken.insert(crate::text::name_key(&shown)) {
            shown = format!("{name} ({n})");
            n += 1;
        }
        if shown != name {
            out.get_mut(&k).expect("listed")["name"] = Value::String(shown);
        }
    }
    // Orders.
    let mut members: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (k, v) in &out {
        if k[0] == "entry" {
            members.entry(k[1].clone()).or_default().push((s(v, "added_at").unwrap_or_default(), k[2].clone()));
        }
    }
    out.retain(|k, _| k[0] != "order");
    for (uid, mut films) in members {
        let saved: Vec<String> = heads
            .get(&key(&["order", &uid]))
            .and_then(KeyState::value)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        films.sort();
        let present: std::collections::HashSet<&str> = films.iter().map(|(_, f)| f.as_str()).collect();
        let mut order: Vec<String> = Vec::new();
        let mut placed = std::collections::HashSet::new();
        for f in saved {
            if present.contains(f.as_str()) && placed.insert(f.clone()) {
                order.push(f);
            }
        }
        for (_, f) in &films {
            if placed.insert(f.clone()) {
                order.push(f.clone());
            }
        }
        out.insert(key(&["order", &uid]), Value::Array(order.into_iter().map(Value::String).collect()));
    }
    // A tag's spelling only where the tag is on a film.
    let tags: std::collections::HashSet<String> = out.keys().filter(|k| k[0] == "tag").map(|k| k[1].clone()).collect();
    out.retain(|k, _| k[0] != "tagname" || tags.contains(&k[1]));
    out
}

/// A placeholder for a film a record names before the film's own record has come: its `first_seen_at` is empty,
/// so it is never taken for the user's own row and written out.
fn ensure_film(tx: &Transaction<'_>, film: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO film_ref (key, title, year, first_seen_at) VALUES (?1, ?1, NULL, '') ON CONFLICT (key) DO NOTHING",
        params![film],
    )?;
    Ok(())
}

fn list_id(tx: &Transaction<'_>, uid: &str) -> rusqlite::Result<Option<i64>> {
    tx.query_row("SELECT id FROM film_list WHERE uid = ?1", params![uid], |r| r.get(0)).optional()
}

fn tag_id(tx: &Transaction<'_>, fold: &str, wanted: &BTreeMap<Key, Value>) -> rusqlite::Result<i64> {
    let name = wanted.get(&key(&["tagname", fold])).and_then(|v| s(v, "name")).unwrap_or_else(|| fold.to_owned());
    tx.execute(
        "INSERT INTO tag (name, name_fold) VALUES (?1, ?2) ON CONFLICT (name_fold) DO NOTHING",
        params![name, fold],
    )?;
    tx.query_row("SELECT id FROM tag WHERE name_fold = ?1", params![fold], |r| r.get(0))
}

/// Writes one key's row to what the merged records say (`None`: the row goes).
fn materialise(
    tx: &Transaction<'_>,
    k: &Key,
    v: Option<&Value>,
    wanted: &BTreeMap<Key, Value>,
    renamed_lists: &mut Vec<(String, String)>,
) -> rusqlite::Result<()> {
    let part = |n: usize| k.get(n).map(String::as_str).unwrap_or("");
    match (part(0), v) {
        ("film", Some(v)) => {
            tx.execute(
                "INSERT INTO film_ref (key, title, year, kind, first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key) DO UPDATE SET title = excluded.title, year = excluded.year, kind = excluded.kind,
                 first_seen_at = excluded.first_seen_at",
                params![
                    part(1),
                    s(v, "title").unwrap_or_default(),
                    i(v, "year"),
                    s(v, "kind"),
                    s(v, "first_seen_at").unwrap_or_else(now)
                ],
            )?;
            tx.execute("DELETE FROM film_external_id WHERE film_key = ?1", params![part(1)])?;
            for pair in v.get("ids").and_then(Value::as_array).into_iter().flatten() {
                if let (Some(source), Some(value)) =
                    (pair.get(0).and_then(Value::as_str), pair.get(1).and_then(Value::as_str))
                {
                    tx.execute(
                        "INSERT OR IGNORE INTO film_external_id (film_key, source, value) VALUES (?1, ?2, ?3)",
                        params![part(1), source, value],
                    )?;
                }
            }
        }
        ("watch", Some(v)) => {
            ensure_film(tx, part(1))?;
            tx.execute(
                "INSERT INTO watchlist_entry (film_key, added_at) VALUES (?1, ?2)
                 ON CONFLICT (film_key) DO UPDATE SET added_at = excluded.added_at",
                params![part(1), s(v, "added_at")],
            )?;
        }
        ("watch", None) => {
            tx.execute("DELETE FROM watchlist_entry WHERE film_key = ?1", params![part(1)])?;
        }
        ("rating", Some(v)) => {
            ensure_film(tx, part(1))?;
            tx.execute(
                "INSERT INTO rating (film_key, value, rated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_key) DO UPDATE SET value = excluded.value, rated_at = excluded.rated_at",
                params![part(1), i(v, "value").unwrap_or(0).clamp(0, 100), s(v, "rated_at")],
            )?;
        }
        ("rating", None) => {
            tx.execute("DELETE FROM rating WHERE film_key = ?1", params![part(1)])?;
        }
        ("note", Some(v)) => {
            ensure_film(tx, part(1))?;
            tx.execute(
                "INSERT INTO note (film_key, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![part(1), s(v, "body").unwrap_or_default(), s(v, "updated_at")],
            )?;
        }
        ("note", None) => {
            tx.execute("DELETE FROM note WHERE film_key = ?1", params![part(1)])?;
        }
        ("viewing", Some(v)) => {
            let film = s(v, "film").unwrap_or_default();
            ensure_film(tx, &film)?;
            let id: Option<i64> =
                tx.query_row("SELECT id FROM viewing WHERE uid = ?1", params![part(1)], |r| r.get(0)).optional()?;
            let origin = s(v, "origin");
            // A viewing of the same source row already here under another id is this one.
            let id = match (id, &origin) {
                (None, Some(o)) => {
                    tx.query_row("SELECT id FROM viewing WHERE origin = ?1", params![o], |r| r.get(0)).optional()?
                }
                (id, _) => id,
            };
            let values = params![
                part(1),
                film,
                s(v, "watched_on"),
                i(v, "rating").map(|r| r.clamp(0, 100)),
                b(v, "rewatch"),
                s(v, "note").unwrap_or_default(),
                s(v, "place").unwrap_or_default(),
                s(v, "created_at").unwrap_or_else(now),
                s(v, "updated_at").unwrap_or_else(now),
                origin
            ];
            match id {
                Some(id) => {
                    tx.execute(
                        &format!(
                            "UPDATE viewing SET uid = ?1, film_key = ?2, watched_on = ?3, rating = ?4, rewatch = ?5, note = ?6,
                             place = ?7, created_at = ?8, updated_at = ?9, origin = ?10, deleted_at = NULL WHERE id = {id}"
                        ),
                        values,
                    )?;
                }
                None => {
                    tx.execute(
                        "INSERT INTO viewing (uid, film_key, watched_on, rating, rewatch, note, place, created_at, updated_at, origin)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        values,
                    )?;
                }
            }
        }
        ("viewing", None) => {
            // Deleted as the diary deletes: kept aside, so it can still be brought back.
            tx.execute(
                "UPDATE viewing SET deleted_at = ?2 WHERE uid = ?1 AND deleted_at IS NULL",
                params![part(1), now()],
            )?;
        }
        ("list", Some(v)) => {
            let name = s(v, "name").unwrap_or_default();
            // The folded name is set once every list is written, so two lists can swap names.
            let placeholder = format!("\u{1}sync\u{1}{}", part(1));
            let values = params![
                part(1),
                name,
                placeholder,
                s(v, "description").unwrap_or_default(),
                b(v, "ranked"),
                s(v, "created_at").unwrap_or_else(now),
                s(v, "updated_at").unwrap_or_else(now)
            ];
            match list_id(tx, part(1))? {
                Some(id) => tx.execute(
                    &format!(
                        "UPDATE film_list SET uid = ?1, name = ?2, name_fold = ?3, description = ?4, ranked = ?5,
                         created_at = ?6, updated_at = ?7 WHERE id = {id}"
                    ),
                    values,
                )?,
                None => tx.execute(
                    "INSERT INTO film_list (uid, name, name_fold, description, ranked, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    values,
                )?,
            };
            renamed_lists.push((part(1).to_owned(), name));
        }
        ("list", None) => {
            if let Some(id) = list_id(tx, part(1))? {
                tx.execute("DELETE FROM list_entry WHERE list_id = ?1", params![id])?;
                tx.execute("DELETE FROM film_list WHERE id = ?1", params![id])?;
            }
        }
        ("entry", Some(v)) => {
            if let Some(list) = list_id(tx, part(1))? {
                ensure_film(tx, part(2))?;
                tx.execute(
                    "INSERT INTO list_entry (list_id, film_key, position, note, added_at)
                     VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM list_entry WHERE list_id = ?1), ?3, ?4)
                     ON CONFLICT (list_id, film_key) DO UPDATE SET note = excluded.note, added_at = excluded.added_at",
                    params![list, part(2), s(v, "note").unwrap_or_default(), s(v, "added_at")],
                )?;
            }
        }
        ("entry", None) => {
            if let Some(list) = list_id(tx, part(1))? {
                tx.execute("DELETE FROM list_entry WHERE list_id = ?1 AND film_key = ?2", params![list, part(2)])?;
            }
        }
        ("order", Some(Value::Array(films))) => {
            if let Some(list) = list_id(tx, part(1))? {
                for (n, film) in films.iter().filter_map(Value::as_str).enumerate() {
                    tx.execute(
                        "UPDATE list_entry SET position = ?3 WHERE list_id = ?1 AND film_key = ?2",
                        params![list, film, n as i64 + 1],
                    )?;
                }
            }
        }
        ("tag", Some(v)) => {
            ensure_film(tx, part(2))?;
            let id = tag_id(tx, part(1), wanted)?;
            tx.execute(
                "INSERT INTO film_tag (film_key, tag_id, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_key, tag_id) DO UPDATE SET added_at = excluded.added_at",
                params![part(2), id, s(v, "added_at")],
            )?;
        }
        ("tag", None) => {
            tx.execute(
                "DELETE FROM film_tag WHERE film_key = ?1 AND tag_id = (SELECT id FROM tag WHERE name_fold = ?2)",
                params![part(2), part(1)],
            )?;
            tx.execute(
                "DELETE FROM tag WHERE name_fold = ?1 AND NOT EXISTS (SELECT 1 FROM film_tag WHERE tag_id = tag.id)",
                params![part(1)],
            )?;
        }
        ("tagname", Some(v)) => {
            tx.execute("UPDATE tag SET name = ?2 WHERE name_fold = ?1", params![part(1), s(v, "name")])?;
        }
        ("take", Some(v)) => {
            ensure_film(tx, part(1))?;
            tx.execute(
                "INSERT INTO own_take (film_key, text, line, score_tenths, synopsis, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (film_key) DO UPDATE SET text = excluded.text, line = excluded.line,
                 score_tenths = excluded.score_tenths, synopsis = excluded.synopsis, updated_at = excluded.updated_at",
                params![part(1), s(v, "text"), s(v, "line"), i(v, "score_tenths"), s(v, "synopsis"), s(v, "updated_at")],
            )?;
        }
        ("take", None) => {
            tx.execute("DELETE FROM own_take WHERE film_key = ?1", params![part(1)])?;
        }
        ("link", Some(v)) => {
            ensure_film(tx, part(1))?;
            ensure_film(tx, part(2))?;
            tx.execute(
                "INSERT INTO own_link (from_key, to_key, reason, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (from_key, to_key) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
                params![part(1), part(2), s(v, "reason").unwrap_or_default(), s(v, "created_at")],
            )?;
        }
        ("link", None) => {
            tx.execute("DELETE FROM own_link WHERE from_key = ?1 AND to_key = ?2", params![part(1), part(2)])?;
        }
        ("pack", Some(v)) => {
            tx.execute(
                "INSERT INTO own_pack (id, pack_id, author, version, exported_at) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET pack_id = excluded.pack_id, author = excluded.author,
                 version = excluded.version, exported_at = excluded.exported_at",
                params![s(v, "pack_id"), s(v, "author"), i(v, "version").unwrap_or(0), s(v, "exported_at")],
            )?;
        }
        ("pack", None) => {
            tx.execute("DELETE FROM own_pack", [])?;
        }
        ("nottonight", Some(v)) => {
            ensure_film(tx, part(1))?;
            tx.execute(
                "INSERT INTO not_tonight (film_key, until, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (film_key) DO UPDATE SET until = excluded.until, added_at = excluded.added_at",
                params![part(1), s(v, "until"), s(v, "added_at")],
            )?;
        }
        ("nottonight", None) => {
            tx.execute("DELETE FROM not_tonight WHERE film_key = ?1", params![part(1)])?;
        }
        ("setting", Some(v)) if SYNCED_SETTINGS.contains(&part(1)) => {
            tx.execute(
                "INSERT INTO synced_setting (name, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![part(1), s(v, "value").unwrap_or_default(), s(v, "updated_at").unwrap_or_else(now)],
            )?;
        }
        ("setting", None) => {
            tx.execute("DELETE FROM synced_setting WHERE name = ?1", params![part(1)])?;
        }
        // Keys a newer Matinee writes are kept among the heads and left out of the library.
        _ => {}
    }
    Ok(())
}
