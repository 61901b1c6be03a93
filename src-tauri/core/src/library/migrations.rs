//! Numbered schema migrations of the library, on `PRAGMA user_version`, each applied in one transaction.

use rusqlite::Connection;

use crate::error::Result;

/// Migration N (1-based) brings the schema from version N-1 to N. Append only; never edit a released one.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation: films the user touched, watchlist, current ratings, notes.
    "CREATE TABLE film_ref (
        key TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        year INTEGER,
        first_seen_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE watchlist_entry (
        film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE rating (
        film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
        value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100),
        rated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE note (
        film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;",
    // 2: the viewing life: a dated diary with rewatches, lists (ranked or not), tags.
    "CREATE TABLE viewing (
        id INTEGER PRIMARY KEY,
        film_key TEXT NOT NULL REFERENCES film_ref(key),
        watched_on TEXT CHECK (watched_on IS NULL OR watched_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        rating INTEGER CHECK (rating BETWEEN 0 AND 100),
        rewatch INTEGER NOT NULL DEFAULT 0 CHECK (rewatch IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX viewing_film ON viewing (film_key);
    CREATE INDEX viewing_watched_on ON viewing (watched_on);
    CREATE TABLE film_list (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_fold TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        ranked INTEGER NOT NULL DEFAULT 0 CHECK (ranked IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE list_entry (
        list_id INTEGER NOT NULL REFERENCES film_list(id) ON DELETE CASCADE,
        film_key TEXT NOT NULL REFERENCES film_ref(key),
        position INTEGER NOT NULL CHECK (position >= 1),
        note TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        PRIMARY KEY (list_id, film_key)
    ) STRICT;
    CREATE INDEX list_entry_position ON list_entry (list_id, position);
    CREATE TABLE tag (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_fold TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE TABLE film_tag (
        film_key TEXT NOT NULL REFERENCES film_ref(key),
        tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (film_key, tag_id)
    ) STRICT;
    CREATE INDEX film_tag_tag ON film_tag (tag_id);",
    // 3: imports: batches and the provenance of every imported row; viewings remember the row they came from,
    // so an import run twice changes nothing; films known only from imports keep their kind and external ids.
    "CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        origin TEXT NOT NULL,
        started_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE import_row (
        batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_row_batch ON import_row (batch_id);
    ALTER TABLE viewing ADD COLUMN origin TEXT;
    CREATE UNIQUE INDEX viewing_origin ON viewing (origin) WHERE origin IS NOT NULL;
    ALTER TABLE film_ref ADD COLUMN kind TEXT;
    CREATE TABLE film_external_id (
        film_key TEXT NOT NULL REFERENCES film_ref(key),
        source TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (source, value)
    ) STRICT;",
    // 4: Tonight: films the user said "Not tonight" to, left out of the picks until a day; companions, other
    // people's watchlists and seen films for an evening together, kept apart from the user's own films; the
    // user's own pack: takes, synopses and curated links, and the name and version it is exported under.
    "CREATE TABLE not_tonight (
        film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
        until TEXT NOT NULL,
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE companion (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_fold TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        added_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE companion_film (
        companion_id INTEGER NOT NULL REFERENCES companion(id) ON DELETE CASCADE,
        film_key TEXT NOT NULL,
        title TEXT NOT NULL,
        year INTEGER,
        on_watchlist INTEGER NOT NULL CHECK (on_watchlist IN (0, 1)),
        seen INTEGER NOT NULL CHECK (seen IN (0, 1)),
        in_catalogue INTEGER NOT NULL CHECK (in_catalogue IN (0, 1)),
        PRIMARY KEY (companion_id, film_key)
    ) STRICT;
    CREATE TABLE own_take (
        film_key TEXT PRIMARY KEY NOT NULL REFERENCES film_ref(key),
        text TEXT,
        line TEXT,
        score_tenths INTEGER CHECK (score_tenths BETWEEN 0 AND 100),
        synopsis TEXT,
        updated_at TEXT NOT NULL,
        CHECK ((text IS NULL) = (line IS NULL) AND (text IS NULL) = (score_tenths IS NULL)),
        CHECK (text IS NOT NULL OR synopsis IS NOT NULL)
    ) STRICT;
    CREATE TABLE own_link (
        from_key TEXT NOT NULL REFERENCES film_ref(key),
        to_key TEXT NOT NULL REFERENCES film_ref(key),
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (from_key, to_key)
    ) STRICT;
    CREATE TABLE own_pack (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pack_id TEXT NOT NULL,
        author TEXT NOT NULL,
        version INTEGER NOT NULL,
        exported_at TEXT
    ) STRICT;",
    // 5: sync through a replicated folder: viewings and lists get ids that hold on every computer (given when
    // the library first syncs); the folder and this computer's id and name; the heads of every synced key; how
    // far each computer's files have been read; the records written here and not yet in this computer's file;
    // the settings that follow the library to every computer (the rating scale, the first day of the week).
    "ALTER TABLE viewing ADD COLUMN uid TEXT;
    CREATE UNIQUE INDEX viewing_uid ON viewing (uid) WHERE uid IS NOT NULL;
    ALTER TABLE film_list ADD COLUMN uid TEXT;
    CREATE UNIQUE INDEX film_list_uid ON film_list (uid) WHERE uid IS NOT NULL;
    CREATE TABLE sync_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        folder TEXT NOT NULL,
        device TEXT NOT NULL,
        name TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        clock_ms INTEGER NOT NULL DEFAULT 0,
        clock_n INTEGER NOT NULL DEFAULT 0,
        log_number INTEGER NOT NULL DEFAULT 1,
        log_bytes INTEGER NOT NULL DEFAULT 0,
        log_lines INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT
    ) STRICT;
    CREATE TABLE sync_head (
        key TEXT NOT NULL,
        id TEXT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (key, id)
    ) STRICT;
    CREATE TABLE sync_file (
        path TEXT PRIMARY KEY NOT NULL,
        offset INTEGER NOT NULL,
        size INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        line TEXT NOT NULL
    ) STRICT;
    CREATE TABLE synced_setting (
        name TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;",
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration the database has not had, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// Applies migrations up to `target`; tests use it to make databases of earlier versions.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for version in (current + 1)..=target {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[(version - 1) as usize])?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_earlier_version_migrates_to_the_latest() {
        for start in 0..=LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            migrate(&mut conn).unwrap();
            let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(v, LATEST_VERSION, "from version {start}");
            let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(ok, "ok");
        }
    }
}
