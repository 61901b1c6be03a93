//! The library's tables as text, shared by the test binaries that compare a library before and after (imports.rs,
//! fuzz.rs): `#[path = "common/dump.rs"] mod dump;`.

use std::path::Path;

/// Every row of every table of the user's, as text: two libraries with the same dump hold the same data.
pub fn dump(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("library.sqlite3")).expect("the library opens for reading");
    let mut out = String::new();
    for (table, order) in [
        ("film_ref", "key"),
        ("film_external_id", "film_key, source"),
        ("watchlist_entry", "film_key"),
        ("rating", "film_key"),
        ("note", "film_key"),
        ("viewing", "id"),
        ("film_list", "id"),
        ("list_entry", "list_id, position"),
        ("tag", "id"),
        ("film_tag", "film_key, tag_id"),
    ] {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).expect("the table is there");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .expect("the table reads");
        for row in rows {
            out.push_str(table);
            out.push_str(&row.expect("a row reads").join("|"));
            out.push('\n');
        }
    }
    out
}
