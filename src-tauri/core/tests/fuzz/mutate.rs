//! Mutations of seed files for the fuzz binary: byte-level edits (flip, set, insert, delete, truncate), line-level
//! ones (duplicate, delete, swap, wide rows, line endings), encodings (a BOM, Windows-1252) and JSON-aware ones
//! (a node replaced, removed or duplicated). Every edit is a small value that proptest generates and shrinks, so a
//! failing input comes back as the seed and the few edits that still make it fail.

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// Tokens an edit may insert: the services' delimiters and quoting, line ends, BOMs, Windows-1252 and broken UTF-8
/// bytes, huge and odd numbers, dates at the edges, header names of every format, JSON punctuation and FTS syntax.
pub const TOKENS: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b",\"",
    b"\"\n\"",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\x00",
    b"\x80",
    b"\x93quoted\x94",
    b"Am\xe9lie",
    b"\xC3",
    b"\xF0\x9F\x8E\xAC",
    b"\\N",
    b" ",
    b"0",
    b"-1",
    b"99999999999999999999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"1e309",
    b"NaN",
    b"0.5",
    b"10.5",
    b"4.75",
    b"5,5",
    b"0000-00-00",
    b"0000-01-01",
    b"9999-12-31",
    b"2024-02-30",
    b"2023-02-29",
    b"2100-01-01",
    b"1869-12-31",
    b"+262143-12-31",
    b"-262144-01-01",
    b"1/1/1",
    b"13/45/2020",
    b"Mon Feb 30 25:61:61 2014",
    b"2024-03-09T25:00:00.000Z",
    b"2024-03-09T10:00:00.000+99:00",
    b"Date",
    b"Name",
    b"Year",
    b"Letterboxd URI",
    b"Rating",
    b"Rating10",
    b"Rewatch",
    b"Tags",
    b"Watched Date",
    b"Review",
    b"Letterboxd list export v7",
    b"Date,Name,Tags,URL,Description",
    b"Position,Name,Year,URL,Description",
    b"Const",
    b"Your Rating",
    b"Date Rated",
    b"Title",
    b"Title Type",
    b"Release Date",
    b"Created",
    b"Position",
    b"You rated",
    b"tvEpisode",
    b"movie",
    b"tvSeries",
    b"tt0068646",
    b"tt",
    b"tt99999999999999999999",
    b"https://boxd.it/",
    b"tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
    b"nm0000001",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"null",
    b"true",
    b"\"watched_at\"",
    b"\"movie\"",
    b"\"episode\"",
    b"\"imdb\"",
    b"AND",
    b"OR",
    b"NOT",
    b"NEAR(",
    b"*",
    b"^",
    b"(",
    b")",
    b"-",
    b"'",
    b"%",
    b"_",
    b"\\",
    b"../",
    b"/etc/passwd",
];

/// JSON values a JSON edit may put in place of a node.
pub fn json_values() -> Vec<Value> {
    let deep = (0..300).fold(Value::Null, |v, _| Value::Array(vec![v]));
    vec![
        Value::Null,
        Value::Bool(true),
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!(i64::MIN),
        serde_json::json!(u64::MAX),
        serde_json::json!(1e308),
        serde_json::json!(0.5),
        serde_json::json!(101),
        serde_json::json!(""),
        serde_json::json!(" "),
        serde_json::json!("x".repeat(20_000)),
        serde_json::json!("2024-02-30"),
        serde_json::json!("9999-12-31"),
        serde_json::json!("0000-01-01"),
        serde_json::json!("2024-03-09T10:00:00.000Z"),
        serde_json::json!("+262143-12-31T23:59:59Z"),
        serde_json::json!("\u{0}"),
        serde_json::json!("tt0068646"),
        serde_json::json!("movie"),
        serde_json::json!("episode"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({"title": "Amélie", "year": 2001, "ids": {"imdb": "tt0211915", "trakt": 1}}),
        serde_json::json!([{"watched_at": "2024-01-01T00:00:00.000Z", "type": "movie", "movie": {"title": "X"}}]),
        deep,
    ]
}

/// Line endings a whole file can be converted to.
#[derive(Debug, Clone, Copy)]
pub enum Ending {
    Lf,
    CrLf,
    Cr,
}

/// One edit of a file.
#[derive(Debug, Clone)]
pub enum Edit {
    FlipBit { at: Index, bit: u8 },
    SetByte { at: Index, byte: u8 },
    Insert { at: Index, token: Index },
    InsertRandom { at: Index, bytes: Vec<u8> },
    Delete { at: Index, len: u16 },
    Truncate { at: Index },
    DuplicateLine { line: Index, times: u16 },
    DeleteLine { line: Index },
    SwapLines { a: Index, b: Index },
    ReplaceField { line: Index, field: Index, token: Index },
    WideRow { line: Index, fields: u16 },
    LongField { line: Index, bytes: u32 },
    Endings(Ending),
    Bom,
    Windows1252,
    JsonReplace { node: Index, value: Index },
    JsonRemove { node: Index },
    JsonDuplicate { node: Index },
}

/// Any edit; the line and JSON edits are weighted up because they keep more of the file's shape.
pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit { at, bit }),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::SetByte { at, byte }),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(at, token)| Edit::Insert { at, token }),
        1 => (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Edit::InsertRandom { at, bytes }),
        2 => (any::<Index>(), 1u16..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        1 => any::<Index>().prop_map(|at| Edit::Truncate { at }),
        2 => (any::<Index>(), prop_oneof![1u16..3, 1u16..300]).prop_map(|(line, times)| Edit::DuplicateLine { line, times }),
        2 => any::<Index>().prop_map(|line| Edit::DeleteLine { line }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        5 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(line, field, token)| Edit::ReplaceField { line, field, token }),
        1 => (any::<Index>(), prop_oneof![1u16..20, 500u16..700]).prop_map(|(line, fields)| Edit::WideRow { line, fields }),
        1 => (any::<Index>(), prop_oneof![1u32..5000, 4_000_000u32..4_300_000])
            .prop_map(|(line, bytes)| Edit::LongField { line, bytes }),
        1 => prop_oneof![Just(Ending::Lf), Just(Ending::CrLf), Just(Ending::Cr)].prop_map(Edit::Endings),
        1 => Just(Edit::Bom),
        1 => Just(Edit::Windows1252),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(node, value)| Edit::JsonReplace { node, value }),
        1 => any::<Index>().prop_map(|node| Edit::JsonRemove { node }),
        1 => any::<Index>().prop_map(|node| Edit::JsonDuplicate { node }),
    ]
}

/// Up to `max` edits of one file.
pub fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(edit(), 0..=max)
}

fn pos(at: &Index, len: usize) -> usize {
    at.index(len + 1)
}

/// The file's lines, each with its line end.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    if out.is_empty() {
        out.push(Vec::new());
    }
    out
}

/// The delimiter a line most likely uses.
fn delimiter(line: &[u8]) -> u8 {
    if line.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}

/// Applies `edits` in order to `bytes`.
pub fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for e in edits {
        apply_one(&mut out, e);
    }
    out
}

fn apply_one(out: &mut Vec<u8>, edit: &Edit) {
    let len = out.len();
    match edit {
        Edit::FlipBit { at, bit } => {
            if len > 0 {
                out[at.index(len)] ^= 1 << bit;
            }
        }
        Edit::SetByte { at, byte } => {
            if len > 0 {
                out[at.index(len)] = *byte;
            }
        }
        Edit::Insert { at, token } => {
            let t = TOKENS[token.index(TOKENS.len())];
            let p = pos(at, len);
            out.splice(p..p, t.iter().copied());
        }
        Edit::InsertRandom { at, bytes } => {
            let p = pos(at, len);
            out.splice(p..p, bytes.iter().copied());
        }
        Edit::Delete { at, len: n } => {
            let p = pos(at, len);
            let end = (p + usize::from(*n)).min(len);
            out.drain(p..end);
        }
        Edit::Truncate { at } => out.truncate(pos(at, len)),
        Edit::DuplicateLine { line, times } => {
            let mut ls = lines(out);
            let i = line.index(ls.len());
            let mut copy = ls[i].clone();
            if !copy.ends_with(b"\n") {
                copy.push(b'\n');
                ls[i].push(b'\n');
            }
            // Copies up to a few MiB in all: a larger file tests the machine, not the parser.
            let times = usize::from(*times).min((4 << 20) / copy.len().max(1));
            for _ in 0..times {
                ls.insert(i + 1, copy.clone());
            }
            *out = ls.concat();
        }
        Edit::DeleteLine { line } => {
            let mut ls = lines(out);
            let i = line.index(ls.len());
            ls.remove(i);
            *out = ls.concat();
        }
        Edit::SwapLines { a, b } => {
            let mut ls = lines(out);
            let (i, j) = (a.index(ls.len()), b.index(ls.len()));
            ls.swap(i, j);
            *out = ls.concat();
        }
        Edit::ReplaceField { line, field, token } => {
            let mut ls = lines(out);
            let i = line.index(ls.len());
            let d = delimiter(&ls[i]);
            let body_len = ls[i].iter().rposition(|&b| b != b'\n' && b != b'\r').map_or(0, |p| p + 1);
            let ending = ls[i][body_len..].to_vec();
            let mut fields: Vec<Vec<u8>> = ls[i][..body_len].split(|&b| b == d).map(<[u8]>::to_vec).collect();
            let f = field.index(fields.len());
            fields[f] = TOKENS[token.index(TOKENS.len())].to_vec();
            let mut joined = fields.join(&d);
            joined.extend_from_slice(&ending);
            ls[i] = joined;
            *out = ls.concat();
        }
        Edit::WideRow { line, fields } => {
            let mut ls = lines(out);
            let i = line.index(ls.len());
            let d = delimiter(&ls[i]);
            let body_len = ls[i].iter().rposition(|&b| b != b'\n' && b != b'\r').map_or(0, |p| p + 1);
            let extra: Vec<u8> = std::iter::repeat_n([d, b'x'], usize::from(*fields)).flatten().collect();
            ls[i].splice(body_len..body_len, extra);
            *out = ls.concat();
        }
        Edit::LongField { line, bytes } => {
            let mut ls = lines(out);
            let i = line.index(ls.len());
            let body_len = ls[i].iter().rposition(|&b| b != b'\n' && b != b'\r').map_or(0, |p| p + 1);
            ls[i].splice(body_len..body_len, std::iter::repeat_n(b'a', *bytes as usize));
            *out = ls.concat();
        }
        Edit::Endings(ending) => {
            let text: Vec<u8> = out.iter().copied().filter(|&b| b != b'\r').collect();
            *out = match ending {
                Ending::Lf => text,
                Ending::CrLf => {
                    text.iter().flat_map(|&b| if b == b'\n' { vec![b'\r', b'\n'] } else { vec![b] }).collect()
                }
                Ending::Cr => text.iter().map(|&b| if b == b'\n' { b'\r' } else { b }).collect(),
            };
        }
        Edit::Bom => out.splice(0..0, b"\xEF\xBB\xBF".iter().copied()).for_each(drop),
        Edit::Windows1252 => {
            let text = String::from_utf8_lossy(out).into_owned();
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
            *out = bytes.into_owned();
        }
        Edit::JsonReplace { node, value } => json_edit(out, node, |v, parent, key| {
            let values = json_values();
            let new = values[value.index(values.len())].clone();
            match (parent, key) {
                (Some(p), Key::Field(k)) => {
                    p[k.as_str()] = new;
                }
                (Some(p), Key::Item(i)) => p[i] = new,
                (None, _) => *v = new,
            }
        }),
        Edit::JsonRemove { node } => json_edit(out, node, |_, parent, key| match (parent, key) {
            (Some(Value::Object(p)), Key::Field(k)) => {
                p.remove(&k);
            }
            (Some(Value::Array(p)), Key::Item(i)) => {
                p.remove(i);
            }
            _ => {}
        }),
        Edit::JsonDuplicate { node } => json_edit(out, node, |_, parent, key| {
            if let (Some(Value::Array(p)), Key::Item(i)) = (parent, key) {
                let copy = p[i].clone();
                p.insert(i, copy);
            }
        }),
    }
}

enum Key {
    Field(String),
    Item(usize),
}

/// Parses `out` as JSON, picks the node at `node` (depth first) and lets `f` change it or its parent, then writes
/// the JSON back. Text that is not JSON is left as it is.
fn json_edit(out: &mut Vec<u8>, node: &Index, f: impl FnOnce(&mut Value, Option<&mut Value>, Key)) {
    let text = String::from_utf8_lossy(out);
    let Ok(mut root) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else { return };
    // Paths of every node, depth first.
    let mut paths: Vec<Vec<Key>> = Vec::new();
    fn walk(v: &Value, path: &mut Vec<Key>, paths: &mut Vec<Vec<Key>>) {
        if paths.len() > 200_000 {
            return;
        }
        paths.push(
            path.iter()
                .map(|k| match k {
                    Key::Field(s) => Key::Field(s.clone()),
                    Key::Item(i) => Key::Item(*i),
                })
                .collect(),
        );
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    path.push(Key::Item(i));
                    walk(x, path, paths);
                    path.pop();
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    path.push(Key::Field(k.clone()));
                    walk(x, path, paths);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(&root, &mut Vec::new(), &mut paths);
    let mut path = paths.swap_remove(node.index(paths.len()));
    match path.pop() {
        None => f(&mut root, None, Key::Item(0)),
        Some(last) => {
            let mut parent = &mut root;
            for k in &path {
                parent = match k {
                    Key::Field(s) => &mut parent[s.as_str()],
                    Key::Item(i) => &mut parent[*i],
                };
            }
            let mut dummy = Value::Null;
            f(&mut dummy, Some(parent), last);
        }
    }
    let pretty = out.contains(&b'\n');
    *out = if pretty { serde_json::to_vec_pretty(&root) } else { serde_json::to_vec(&root) }.expect("JSON serialises");
}
