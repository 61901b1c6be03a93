use rusqlite::Connection;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = &args[1];
    let mode = args[2].as_str();
    let work = "/tmp/exp_fts.sqlite3";
    let _ = std::fs::remove_file(work);
    std::fs::copy(src, work).unwrap();
    let conn = Connection::open(work).unwrap();
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").unwrap();
    conn.create_scalar_function(
        "fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8 | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(matinee_core::text::fold(ctx.get_raw(0).as_str().unwrap_or_default())),
    )
    .unwrap();
    conn.execute_batch("DROP TABLE IF EXISTS film_search; DROP INDEX IF EXISTS film_aka_film;").unwrap();
    let prefix = std::env::var("PFX").unwrap_or("1 2 3 4 5".into());
    let t = Instant::now();
    let select = "SELECT f.rank,
                f.title_fold || ' ' || coalesce(f.original_fold, '') || ' ' ||
                coalesce((SELECT group_concat(fold(a.title), ' ') FROM film_aka a WHERE a.film_id = f.id), '') || ' ' ||
                coalesce((SELECT group_concat(p.name_fold, ' ') FROM credit c JOIN person p ON p.id = c.person_id
                          WHERE c.film_id = f.id), '')
         FROM film f ORDER BY f.rank";
    match mode {
        "select" => {
            conn.execute_batch("CREATE INDEX film_aka_film ON film_aka (film_id);").unwrap();
            eprintln!("aka index {:?}", t.elapsed());
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT sum(length(t)) FROM ({})",
                        select
                            .replace("f.rank,", "f.rank, ")
                            .replace("FROM film f ORDER BY f.rank", "AS t FROM film f ORDER BY f.rank")
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            eprintln!("select {n} bytes {:?}", t.elapsed());
        }
        "texts" | "fts" | "nomerge" => {
            conn.execute_batch("CREATE INDEX film_aka_film ON film_aka (film_id);").unwrap();
            conn.execute_batch(&format!(
                "CREATE TABLE texts (rank INTEGER PRIMARY KEY, t TEXT); INSERT INTO texts {select};"
            ))
            .unwrap();
            eprintln!("texts {:?}", t.elapsed());
            let t = Instant::now();
            conn.execute_batch(&format!("CREATE VIRTUAL TABLE film_search USING fts5(terms, tokenize = 'ascii', content = '', columnsize = 0, detail = none, prefix = '{prefix}');")).unwrap();
            if mode == "nomerge" {
                conn.execute_batch("INSERT INTO film_search(film_search, rank) VALUES('automerge', 0); INSERT INTO film_search(film_search, rank) VALUES('crisismerge', 100000);").unwrap();
                if let Ok(h) = std::env::var("HASH") {
                    conn.execute_batch(&format!("INSERT INTO film_search(film_search, rank) VALUES('hashsize', {h});"))
                        .unwrap();
                }
            }
            conn.execute_batch("INSERT INTO film_search (rowid, terms) SELECT rank, t FROM texts ORDER BY rank")
                .unwrap();
            eprintln!("fts insert {:?}", t.elapsed());
            if mode == "nomerge" {
                let segs: i64 = conn.query_row("SELECT count(*) FROM film_search_idx", [], |r| r.get(0)).unwrap();
                eprintln!("idx rows {segs}");
                let t = Instant::now();
                conn.execute_batch("INSERT INTO film_search(film_search) VALUES('optimize');").unwrap();
                eprintln!("optimize {:?}", t.elapsed());
            }
            let sz: i64 = conn.query_row("SELECT sum(length(block)) FROM film_search_data", [], |r| r.get(0)).unwrap();
            eprintln!("fts data {} MB", sz / 1_000_000);
        }
        "pipe" => {
            conn.execute_batch("CREATE INDEX film_aka_film ON film_aka (film_id);").unwrap();
            eprintln!("aka index {:?}", t.elapsed());
            drop(conn);
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(i64, String)>>(64);
            let reader = std::thread::spawn(move || {
                let t = Instant::now();
                let conn = Connection::open_with_flags(work, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
                let mm = std::env::var("MMAP").unwrap_or("0".into());
                conn.execute_batch(&format!(
                    "PRAGMA mmap_size = {mm}; PRAGMA cache_size = -{};",
                    std::env::var("CACHE").unwrap_or("2000".into())
                ))
                .unwrap();
                let mut films =
                    conn.prepare("SELECT id, rank, title_fold, original_fold FROM film ORDER BY rank").unwrap();
                let mut akas = conn.prepare("SELECT title FROM film_aka WHERE film_id = ?1").unwrap();
                let mut names = conn
                    .prepare(
                        "SELECT p.name_fold FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = ?1",
                    )
                    .unwrap();
                let mut rows = films.query([]).unwrap();
                let mut batch = Vec::with_capacity(256);
                let mut words: Vec<String> = Vec::new();
                let mut n = 0u64;
                while let Some(r) = rows.next().unwrap() {
                    let id: i64 = r.get(0).unwrap();
                    let rank: i64 = r.get(1).unwrap();
                    words.clear();
                    let title: String = r.get(2).unwrap();
                    words.extend(title.split(' ').map(str::to_owned));
                    if let Some(o) = r.get::<_, Option<String>>(3).unwrap() {
                        words.extend(o.split(' ').map(str::to_owned));
                    }
                    let mut ar = akas.query([id]).unwrap();
                    while let Some(a) = ar.next().unwrap() {
                        let a = a.get_ref(0).unwrap().as_str().unwrap();
                        let f = matinee_core::text::fold(a);
                        words.extend(f.split(' ').map(str::to_owned));
                    }
                    let mut nr = names.query([id]).unwrap();
                    while let Some(a) = nr.next().unwrap() {
                        if let Some(a) = a.get_ref(0).unwrap().as_str_or_null().unwrap() {
                            words.extend(a.split(' ').map(str::to_owned));
                        }
                    }
                    words.sort_unstable();
                    words.dedup();
                    let text = words.join(" ");
                    n += words.len() as u64;
                    batch.push((rank, text));
                    if batch.len() == 256 {
                        tx.send(std::mem::replace(&mut batch, Vec::with_capacity(256))).unwrap();
                    }
                }
                tx.send(batch).unwrap();
                eprintln!("reader done {:?} tokens {n}", t.elapsed());
            });
            let t = Instant::now();
            let sp = "/tmp/exp_search.sqlite3";
            let _ = std::fs::remove_file(sp);
            let s = Connection::open(sp).unwrap();
            s.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").unwrap();
            s.execute_batch(&format!("CREATE VIRTUAL TABLE film_search USING fts5(terms, tokenize = 'ascii', content = '', columnsize = 0, detail = none, prefix = '{prefix}');")).unwrap();
            s.execute_batch("INSERT INTO film_search(film_search, rank) VALUES('automerge', 0); INSERT INTO film_search(film_search, rank) VALUES('crisismerge', 100000); BEGIN").unwrap();
            {
                let mut ins = s.prepare("INSERT INTO film_search (rowid, terms) VALUES (?1, ?2)").unwrap();
                for b in rx {
                    for (r, t) in b {
                        ins.execute(rusqlite::params![r, t]).unwrap();
                    }
                }
            }
            eprintln!("fts inserted {:?}", t.elapsed());
            s.execute_batch("INSERT INTO film_search(film_search) VALUES('optimize'); COMMIT;").unwrap();
            eprintln!("fts optimized {:?}", t.elapsed());
            reader.join().unwrap();
        }
        _ => panic!(),
    }
}
