//! The fuzz binary: every parser of matinee-core fed mutated real exports (../shared/real-exports) and generated
//! inputs, seeded and shrunk by proptest. Properties: no panic, no case over its time bound, a refused input names
//! its file (and a line that exists) and changes nothing, an accepted import comes back whole through Matinee's
//! JSON export. `make test` runs a small fixed-seed run; `make fuzz` runs the release build for minutes (see
//! fuzz/runner.rs for the settings). Inputs that once failed are replayed from tests/fuzz-regressions/.

#[path = "common/dump.rs"]
mod dump;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/runner.rs"]
mod runner;
#[path = "fuzz/support.rs"]
mod support;

use std::collections::HashSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use matinee_core::catalogue::{build_catalogue, dataset, Catalogue, PackSource};
use matinee_core::import::{read_bytes, SourceFile};
use matinee_core::model::{CsvMapping, CsvTarget, FilmKind, ImportSource, SearchQuery, SeenFilter};
use matinee_core::pack::{parse_pack, read_pack_file, STARTER_PACK};
use matinee_core::{CoreError, Rating};
use mutate::Edit;
use proptest::prelude::*;
use proptest::sample::Index;
use support::{check_import, check_parse, fresh, real, real_files, ImportInput};

/// One in this many import cases also goes through a fresh library (import, import again, export, re-import): the
/// parse-level checks are far cheaper and run on every case. Which ones is decided by the input's bytes, so that a
/// failing input shrinks through the same checks.
const DEEP_EVERY: u64 = 16;
/// Inputs larger than this go through the parse-level checks only (a whole export through a library is seconds).
const DEEP_MAX_BYTES: usize = 48 * 1024;

/// True for about one input in `every`, by a hash of its bytes.
fn chosen(bytes: &[&[u8]], every: u64) -> bool {
    let hash = bytes
        .iter()
        .flat_map(|b| b.iter())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    hash.is_multiple_of(every)
}

/// A seed: a set of files (a folder, or one file) an import is pointed at.
type Seed = Vec<SourceFile>;

/// The first `n` lines of a file, as a smaller seed whose mutations reach more of its shape.
fn head(file: &SourceFile, n: usize) -> SourceFile {
    let end =
        file.bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(n).map_or(file.bytes.len(), |(i, _)| i + 1);
    SourceFile { name: file.name.clone(), bytes: file.bytes[..end].to_vec() }
}

/// Seeds from real export folders: each whole folder, each file alone, and each file's head.
fn seeds_of(folders: &[&str], keep: impl Fn(&SourceFile) -> bool) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for folder in folders {
        let files: Vec<SourceFile> = real_files(folder).into_iter().filter(|f| keep(f)).collect();
        assert!(!files.is_empty(), "the real export {folder} has files to seed from");
        for f in &files {
            seeds.push(vec![f.clone()]);
            seeds.push(vec![head(f, 12)]);
        }
        seeds.push(files);
    }
    seeds
}

/// An import case: a seed, edits of its files (each edit names its file), maybe a file dropped, and whether the
/// source is named or told from the files.
#[derive(Debug, Clone)]
struct FilesCase {
    seed: Index,
    edits: Vec<(Index, Edit)>,
    drop: Option<Index>,
    named: bool,
}

fn files_case(max_edits: usize) -> impl Strategy<Value = FilesCase> {
    (
        any::<Index>(),
        proptest::collection::vec((any::<Index>(), mutate::edit()), 0..=max_edits),
        proptest::option::weighted(0.1, any::<Index>()),
        any::<bool>(),
    )
        .prop_map(|(seed, edits, drop, named)| FilesCase { seed, edits, drop, named })
}

fn materialise(seeds: &[Seed], case: &FilesCase) -> Seed {
    let mut files = seeds[case.seed.index(seeds.len())].clone();
    for (file, edit) in &case.edits {
        let i = file.index(files.len());
        files[i].bytes = mutate::apply(&files[i].bytes, std::slice::from_ref(edit));
    }
    if let Some(d) = &case.drop {
        if files.len() > 1 {
            files.remove(d.index(files.len()));
        }
    }
    files
}

/// The bytes of a set of files, for a failure's record: each file's name on a line, then its bytes.
fn files_bytes(files: &[SourceFile]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in files {
        out.extend_from_slice(format!("==> {} ({} bytes)\n", f.name, f.bytes.len()).as_bytes());
        out.extend_from_slice(&f.bytes);
        out.push(b'\n');
    }
    out
}

/// Both levels of the import properties: the parse on every case, a fresh library on one in `DEEP_EVERY`.
fn check_both(input: &ImportInput, deep: &runner::Deep) -> Result<(), String> {
    check_parse(input)?;
    let bytes: Vec<&[u8]> = input.files.iter().map(|f| f.bytes.as_slice()).collect();
    let size: usize = bytes.iter().map(|b| b.len()).sum();
    if size <= DEEP_MAX_BYTES && chosen(&bytes, DEEP_EVERY) {
        deep.add();
        check_import(input)?;
    }
    Ok(())
}

/// Fuzzes an importer on mutated real exports.
fn fuzz_importer(target: &'static str, default_cases: u64, seeds: Vec<Seed>, source: ImportSource) {
    runner::run(
        target,
        default_cases,
        files_case(6),
        |case| files_bytes(&materialise(&seeds, case)),
        |case, deep| {
            let files = materialise(&seeds, case);
            let input = ImportInput {
                files,
                source: case.named.then_some(source),
                mapping: None,
                origin: format!("{target}-export"),
            };
            check_both(&input, deep)
        },
    )
    .finish();
}

#[test]
fn letterboxd_csvs() {
    let seeds =
        seeds_of(&["letterboxd/aguitov-2026", "letterboxd/extratone-2024", "letterboxd/patrickmjones-2022"], |_| true);
    fuzz_importer("letterboxd", 48, seeds, ImportSource::Letterboxd);
}

#[test]
fn imdb_csvs_of_every_header_version() {
    let folders = [
        "imdb-exports/mcanouil-2022",
        "imdb-exports/ethanfuerst-2025",
        "imdb-exports/ethanfuerst-2021",
        "imdb-exports/aureliome-2025-it",
        "imdb-exports/laripping-2017",
        "imdb-exports/dns-rs-2024",
        "imdb-exports/laripping-2021",
    ];
    let mut seeds = seeds_of(&folders, |_| true);
    // The same files in Windows-1252, as older exports are written.
    let cp1252: Vec<Seed> = seeds
        .iter()
        .filter(|s| s.len() == 1)
        .map(|s| {
            s.iter()
                .map(|f| SourceFile { name: f.name.clone(), bytes: mutate::apply(&f.bytes, &[Edit::Windows1252]) })
                .collect()
        })
        .collect();
    seeds.extend(cp1252);
    fuzz_importer("imdb", 48, seeds, ImportSource::Imdb);
}

/// A JSON array file cut to its first `n` items, as a smaller seed.
fn json_head(file: &SourceFile, n: usize) -> SourceFile {
    let bytes = match serde_json::from_slice::<serde_json::Value>(&file.bytes) {
        Ok(serde_json::Value::Array(items)) => {
            serde_json::to_vec_pretty(&items.into_iter().take(n).collect::<Vec<_>>()).expect("JSON serialises")
        }
        _ => file.bytes.clone(),
    };
    SourceFile { name: file.name.clone(), bytes }
}

#[test]
fn trakt_json() {
    let mut seeds = Vec::new();
    for folder in ["trakt/josh-trakt-data", "trakt/yamtrack-export", "trakt/yamtrack-api"] {
        let files = real_files(folder);
        for f in &files {
            seeds.push(vec![json_head(f, 6)]);
        }
        seeds.push(files.iter().map(|f| json_head(f, 40)).collect());
        seeds.push(files);
    }
    fuzz_importer("trakt", 48, seeds, ImportSource::Trakt);
}

/// A generic CSV case: a file edited, and a mapping whose columns are picked from the edited file's header (or
/// are names it has not).
#[derive(Debug, Clone)]
struct CsvCase {
    file: FilesCase,
    columns: [Option<Index>; 6],
    scale: Option<u32>,
    target: Option<u8>,
    mapped: bool,
}

fn csv_mapping(case: &CsvCase, file: &SourceFile) -> Option<CsvMapping> {
    if !case.mapped {
        return None;
    }
    let text = file.text().unwrap_or_default();
    let header = text.lines().next().unwrap_or("");
    let sep = if header.contains('\t') {
        '\t'
    } else if header.contains(';') {
        ';'
    } else {
        ','
    };
    let mut names: Vec<String> = header.split(sep).map(|h| h.trim().trim_matches('"').to_owned()).collect();
    names.push("no such column".into());
    let pick = |i: usize| case.columns[i].as_ref().map(|x| names[x.index(names.len())].clone());
    Some(CsvMapping {
        title: pick(0),
        year: pick(1),
        imdb: pick(2),
        rating: pick(3),
        date: pick(4),
        note: pick(5),
        rating_scale: case.scale,
        target: case.target.map(|t| [CsvTarget::Diary, CsvTarget::Ratings, CsvTarget::Watchlist][usize::from(t % 3)]),
    })
}

#[test]
fn generic_csv_with_a_mapping() {
    // Film lists of other shapes: the services' files under other names, as CSV, TSV and semicolon-separated.
    let mut seeds: Vec<Seed> = Vec::new();
    for path in [
        "letterboxd/aguitov-2026/diary.csv",
        "letterboxd/aguitov-2026/ratings.csv",
        "letterboxd/extratone-2024/watchlist.csv",
        "imdb-exports/ethanfuerst-2025/ratings.csv",
        "imdb-exports/laripping-2017/WATCHLIST.csv",
    ] {
        let bytes = std::fs::read(real(path)).expect("the real export reads");
        let f = head(&SourceFile { name: "films.csv".into(), bytes }, 30);
        let text = f.text().expect("the seed is text");
        seeds.push(vec![f.clone()]);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        for (sep, name) in [(b'\t', "films.tsv"), (b';', "films.txt")] {
            let mut out = csv::WriterBuilder::new().delimiter(sep).flexible(true).from_writer(Vec::new());
            for rec in reader.records().flatten() {
                out.write_record(&rec).expect("a record writes");
            }
            reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            seeds.push(vec![SourceFile { name: name.into(), bytes: out.into_inner().expect("the writer flushes") }]);
        }
    }
    let strategy = (
        files_case(5),
        proptest::array::uniform6(proptest::option::of(any::<Index>())),
        proptest::option::of(prop_oneof![Just(5u32), Just(10), Just(100), any::<u32>()]),
        proptest::option::of(any::<u8>()),
        any::<bool>(),
    )
        .prop_map(|(file, columns, scale, target, mapped)| CsvCase { file, columns, scale, target, mapped });
    runner::run(
        "csv",
        48,
        strategy,
        |case| files_bytes(&materialise(&seeds, &case.file)),
        |case, deep| {
            let files = materialise(&seeds, &case.file);
            let mapping = csv_mapping(case, &files[0]);
            let input = ImportInput { files, source: Some(ImportSource::Csv), mapping, origin: "films-export".into() };
            check_both(&input, deep)
        },
    )
    .finish();
}

/// Matinee's JSON exports to mutate: a library made from real exports, and one with every section filled in.
fn library_exports() -> &'static Vec<Seed> {
    static EXPORTS: OnceLock<Vec<Seed>> = OnceLock::new();
    EXPORTS.get_or_init(|| {
        let mut seeds = Vec::new();
        let (_tmp, mut m) = fresh();
        for path in ["letterboxd/patrickmjones-2022", "trakt/yamtrack-export"] {
            let cut = |f: SourceFile| if path.starts_with("trakt") { json_head(&f, 25) } else { head(&f, 25) };
            let files: Vec<SourceFile> = real_files(path).into_iter().map(cut).collect();
            let (plan, _) = m.import_prepare(files, None, path).expect("a real export's head imports");
            m.import_apply(&plan, &mut |_, _| ControlFlow::Continue(())).expect("a real export's head applies");
        }
        let key = m.library().export().expect("the library exports").films[0].key.clone();
        m.note_set(&key, "A note, with \"quotes\" and a line\nbreak.").expect("a note is set");
        m.tag_add(&key, "fuzz tag").expect("a tag is added");
        let list = m.list_create("Fuzz list", "A description", true).expect("a list is made");
        m.list_add(list.id, &key, None, "an entry note").expect("a film goes on the list");
        let json = m.export_json().expect("the library exports");
        seeds.push(vec![SourceFile { name: "library.json".into(), bytes: json.clone().into_bytes() }]);
        // A smaller one: the first few items of each section.
        let mut value: serde_json::Value = serde_json::from_str(&json).expect("the export is JSON");
        for section in ["films", "watchlist", "ratings", "notes", "viewings", "lists", "tags"] {
            if let Some(items) = value.get_mut(section).and_then(serde_json::Value::as_array_mut) {
                items.truncate(4);
            }
        }
        let small = serde_json::to_vec_pretty(&value).expect("JSON serialises");
        seeds.push(vec![SourceFile { name: "library.json".into(), bytes: small }]);
        seeds
    })
}

#[test]
fn matinee_json_export() {
    let seeds = library_exports();
    let (_tmp, m) = fresh();
    let m = std::cell::RefCell::new(m);
    runner::run(
        "matinee-json",
        48,
        files_case(5),
        |case| files_bytes(&materialise(seeds, case)),
        |case, deep| {
            let files = materialise(seeds, case);
            let origin = "library.json";
            // The dry run on a library that stays as it is: the merge is rolled back.
            let source = case.named.then_some(ImportSource::Matinee);
            if let Err(e) = m.borrow_mut().import_prepare(files.clone(), source, origin) {
                let message = e.to_string();
                support::check_refusal(&message, &files, origin)?;
            }
            let size: usize = files.iter().map(|f| f.bytes.len()).sum();
            if size <= DEEP_MAX_BYTES && chosen(&[files[0].bytes.as_slice()], DEEP_EVERY / 2) {
                deep.add();
                check_import(&ImportInput { files, source, mapping: None, origin: origin.into() })?;
            }
            Ok(())
        },
    )
    .finish();
}

/// Zips of real exports, small and whole, stored and deflated.
fn zip_seeds() -> Vec<Vec<u8>> {
    let zip_of = |files: &[SourceFile], deflate: bool| {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for f in files {
            out.start_file(f.name.as_str(), options).expect("a zip entry starts");
            out.write_all(&f.bytes).expect("a zip entry writes");
        }
        out.finish().expect("the zip finishes").into_inner()
    };
    let letterboxd = real_files("letterboxd/patrickmjones-2022");
    let imdb = real_files("imdb-exports/ethanfuerst-2025");
    let trakt = real_files("trakt/yamtrack-export");
    let small: Vec<SourceFile> =
        letterboxd.iter().filter(|f| f.name.ends_with("diary.csv")).map(|f| head(f, 4)).collect();
    let json = &library_exports()[1];
    vec![
        zip_of(&small, false),
        zip_of(&small, true),
        zip_of(&imdb.iter().map(|f| head(f, 6)).collect::<Vec<_>>(), false),
        zip_of(json, true),
        zip_of(&letterboxd, true),
        zip_of(&trakt, true),
    ]
}

#[derive(Debug, Clone)]
struct ZipCase {
    seed: Index,
    edits: Vec<Edit>,
}

#[test]
fn zip_input() {
    let seeds = zip_seeds();
    let strategy = (
        any::<Index>(),
        proptest::collection::vec(
            prop_oneof![
                (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit { at, bit }),
                (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::SetByte { at, byte }),
                (any::<Index>(), 1u16..64).prop_map(|(at, len)| Edit::Delete { at, len }),
                any::<Index>().prop_map(|at| Edit::Truncate { at }),
                (any::<Index>(), any::<Index>()).prop_map(|(at, token)| Edit::Insert { at, token }),
            ],
            0..4,
        ),
    )
        .prop_map(|(seed, edits)| ZipCase { seed, edits });
    let materialise = |case: &ZipCase| mutate::apply(&seeds[case.seed.index(seeds.len())], &case.edits);
    runner::run("zip", 64, strategy, materialise, |case, deep| {
        let bytes = materialise(case);
        let files = match read_bytes("export.zip", bytes) {
            Err(e) => {
                let message = e.to_string();
                return if message.contains("export.zip") {
                    Ok(())
                } else {
                    Err(format!("a refused zip is not named: {message}"))
                };
            }
            Ok(files) => files,
        };
        for f in &files {
            let unsafe_name = f.name.is_empty()
                || f.name.starts_with('/')
                || f.name.contains('\\')
                || f.name.split('/').any(|part| part == "..");
            if unsafe_name {
                return Err(format!("a zip entry came out with the name '{}', outside the export", f.name));
            }
        }
        let input = ImportInput { files, source: None, mapping: None, origin: "export.zip".into() };
        check_both(&input, deep)
    })
    .finish();
}

/// Take packs to mutate: the starter pack, and a small pack of its own id made from its first films.
fn pack_seeds() -> Vec<Vec<u8>> {
    let mut small: serde_json::Value = serde_json::from_str(STARTER_PACK).expect("the starter pack is JSON");
    small["id"] = "fuzz-pack".into();
    small["name"] = "Fuzz pack".into();
    let films = small["films"].as_array_mut().expect("a pack has films");
    films.truncate(4);
    let kept: HashSet<String> = films.iter().filter_map(|f| f["ref"].as_str().map(str::to_owned)).collect();
    let related = small["related"].as_array_mut().expect("a pack has links");
    related.retain(|l| [&l["from"], &l["to"]].iter().all(|r| r.as_str().is_some_and(|r| kept.contains(r))));
    vec![STARTER_PACK.as_bytes().to_vec(), serde_json::to_vec_pretty(&small).expect("JSON serialises")]
}

#[test]
fn take_packs() {
    let seeds = pack_seeds();
    let strategy = (any::<Index>(), mutate::edits(5));
    let materialise = |(seed, edits): &(Index, Vec<Edit>)| mutate::apply(&seeds[seed.index(seeds.len())], edits);
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let path = scratch.path().join("fuzz-pack.json");
    runner::run("pack", 160, strategy, materialise, |case, deep| {
        let bytes = materialise(case);
        std::fs::write(&path, &bytes).map_err(|e| format!("the pack is written: {e}"))?;
        // The text parser and the file reader agree on text that is UTF-8.
        let parsed = read_pack_file(&path);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let again = parse_pack(text, &path);
            if parsed.is_ok() != again.is_ok() {
                return Err("read_pack_file and parse_pack disagree on the same text".into());
            }
        }
        match parsed {
            Err(CoreError::Pack { file, location, message }) => {
                if file != path || location.is_empty() || message.is_empty() {
                    return Err(format!(
                        "a refused pack is not named by file and place: {file:?} {location:?} {message:?}"
                    ));
                }
                if location.chars().count() > 81 || message.chars().count() > 301 {
                    return Err(format!("a refused pack's message runs long: {} / {}", location.len(), message.len()));
                }
            }
            Err(other) => return Err(format!("a pack is refused with an error of another kind: {other}")),
            Ok(pack) => {
                if chosen(&[bytes.as_slice()], DEEP_EVERY) {
                    deep.add();
                    let (tmp, mut m) = fresh();
                    let before = (std::fs::read(tmp.path().join("catalogue.sqlite3")).ok(), support::dump(tmp.path()));
                    match m.pack_import(&path) {
                        Ok(info) => {
                            if info.id != pack.id {
                                return Err(format!("the pack imported as '{}', not '{}'", info.id, pack.id));
                            }
                        }
                        Err(e) => {
                            let after =
                                (std::fs::read(tmp.path().join("catalogue.sqlite3")).ok(), support::dump(tmp.path()));
                            if after != before {
                                return Err(format!("a refused pack changed the catalogue or library: {e}"));
                            }
                            if pack.id != "matinee-starter" {
                                return Err(format!("a pack the parser accepts does not build: {e}"));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    })
    .finish();
}

/// The IMDb dataset sets to mutate: the real heads, and a generated set (scripts/gen-imdb-datasets.py).
fn dataset_seeds() -> Vec<Vec<(String, Vec<u8>)>> {
    let read_set = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .expect("the dataset folder reads")
            .map(|e| e.expect("an entry reads").path())
            .filter(|p| {
                dataset::FILES.iter().any(|n| p.file_name().is_some_and(|f| f.to_string_lossy().starts_with(n)))
            })
            .map(|p| {
                (
                    p.file_name().expect("a file name").to_string_lossy().into_owned(),
                    std::fs::read(&p).expect("a dataset file reads"),
                )
            })
            .collect();
        files.sort();
        files
    };
    let generated = tempfile::tempdir().expect("a temporary folder");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-imdb-datasets.py");
    let status = std::process::Command::new("python3").arg(script).arg(generated.path()).arg("150").status();
    assert!(status.expect("python3 runs the generator").success(), "the dataset generator succeeds");
    let mut sets = vec![
        read_set(&real("imdb-datasets/othonas-2021")),
        read_set(&real("imdb-datasets/slefforge-2024")),
        read_set(generated.path()),
    ];
    // Heads of each set, so that edits reach the rows of every file.
    let heads: Vec<Vec<(String, Vec<u8>)>> = sets
        .iter()
        .map(|set| {
            set.iter()
                .map(|(n, b)| (n.clone(), head(&SourceFile { name: n.clone(), bytes: b.clone() }, 8).bytes))
                .collect()
        })
        .collect();
    sets.extend(heads);
    sets
}

#[derive(Debug, Clone)]
struct DatasetCase {
    set: Index,
    file: Index,
    edits: Vec<Edit>,
    gzip: bool,
    gzip_edits: Vec<Edit>,
    drop: Option<Index>,
}

#[test]
fn imdb_dataset_tsv_reader() {
    let seeds = dataset_seeds();
    let starter = parse_pack(STARTER_PACK, Path::new("starter.json")).expect("the starter pack parses");
    let packs = [PackSource { pack: starter, builtin: true }];
    let strategy = (
        any::<Index>(),
        any::<Index>(),
        mutate::edits(5),
        proptest::bool::weighted(0.3),
        proptest::collection::vec(
            (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::SetByte { at, byte }),
            0..2,
        ),
        proptest::option::weighted(0.05, any::<Index>()),
    )
        .prop_map(|(set, file, edits, gzip, gzip_edits, drop)| DatasetCase {
            set,
            file,
            edits,
            gzip,
            gzip_edits,
            drop,
        });
    let materialise = |case: &DatasetCase| -> Vec<(String, Vec<u8>)> {
        let mut set = seeds[case.set.index(seeds.len())].clone();
        let i = case.file.index(set.len());
        set[i].1 = mutate::apply(&set[i].1, &case.edits);
        if case.gzip {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&set[i].1).expect("gzip writes");
            set[i].1 = mutate::apply(&gz.finish().expect("gzip finishes"), &case.gzip_edits);
            set[i].0.push_str(".gz");
        }
        if let Some(d) = &case.drop {
            set.remove(d.index(set.len()));
        }
        set
    };
    runner::run(
        "imdb-datasets",
        24,
        strategy,
        |case| {
            files_bytes(
                &materialise(case).into_iter().map(|(name, bytes)| SourceFile { name, bytes }).collect::<Vec<_>>(),
            )
        },
        |case, deep| {
            let set = materialise(case);
            let all: Vec<&[u8]> = set.iter().map(|(_, b)| b.as_slice()).collect();
            dataset_holds(&set, chosen(&all, DEEP_EVERY / 2), &packs, Some(deep))
        },
    )
    .finish();
}

/// The dataset properties for one set of files: no panic; a refused file is named by path and line and leaves the
/// catalogue in use as it was; an accepted set, built whole (`whole`), makes a catalogue that opens and answers.
/// Otherwise the build stops where the search index would be made, after the reader and loader have run in full.
fn dataset_holds(
    set: &[(String, Vec<u8>)],
    whole: bool,
    packs: &[PackSource],
    deep: Option<&runner::Deep>,
) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = tmp.path().join("datasets");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (name, bytes) in set {
        std::fs::write(dir.join(name), bytes).map_err(|e| e.to_string())?;
    }
    let files = match dataset::locate(&dir) {
        Ok(files) => files,
        Err(e) => {
            let message = e.to_string();
            return if message.contains(&dir.display().to_string()) {
                Ok(())
            } else {
                Err(format!("a refused folder is not named: {message}"))
            };
        }
    };
    let target = tmp.path().join("catalogue.sqlite3");
    std::fs::copy(support::template_catalogue(), &target).map_err(|e| e.to_string())?;
    let before = std::fs::read(&target).map_err(|e| e.to_string())?;
    // The reader and the loader run in full; the search index is built only in one case in eight.
    let mut progress = |step: &str, _: u64, _: u64| {
        if !whole && step == "ranking films" {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let built = build_catalogue(&target, packs, "fuzz", Some(&files), &HashSet::new(), &mut progress);
    let kept_old = || -> Result<(), String> {
        if std::fs::read(&target).map_err(|e| e.to_string())? == before {
            Ok(())
        } else {
            Err("a build that did not finish changed the catalogue in use".into())
        }
    };
    match built {
        Err(CoreError::Cancelled) if !whole => kept_old(),
        Err(CoreError::Invalid { message, .. }) => {
            kept_old()?;
            let named = files.iter().any(|(_, p)| message.contains(&p.display().to_string()));
            let line = message.contains(", line ");
            if named && line {
                Ok(())
            } else {
                Err(format!("a refused dataset file is not named by path and line: {message}"))
            }
        }
        Err(other) => {
            kept_old()?;
            Err(format!("a dataset is refused with an error of another kind: {other:?}"))
        }
        Ok(report) => {
            if let Some(deep) = deep {
                deep.add();
            }
            let report = report.ok_or("a build from datasets reports on them")?;
            if report.films_kept > report.titles_read {
                return Err(format!("{} films kept from {} titles read", report.films_kept, report.titles_read));
            }
            let catalogue = Catalogue::open(&target).map_err(|e| format!("the new catalogue opens: {e}"))?;
            let page = catalogue
                .search(&SearchQuery { text: "a".into(), ..SearchQuery::default() }, None)
                .map_err(|e| format!("the new catalogue answers a search: {e}"))?;
            if page.films.len() as u32 > page.total {
                return Err("a search page holds more films than its total".into());
            }
            Ok(())
        }
    }
}

/// A rating as the services write it, from parts that reach every branch and edge, or any text at all.
fn rating_text() -> impl Strategy<Value = String> {
    let spaces = prop_oneof![Just(""), Just(" "), Just("\t"), Just("\u{a0}")];
    let number = prop_oneof![
        (0u32..12, proptest::option::of(0u32..100)).prop_map(|(w, f)| match f {
            Some(f) => format!("{w}.{f}"),
            None => w.to_string(),
        }),
        "[0-9]{0,6}(\\.[0-9]{0,3})?",
        "[-+]?[0-9.,eE٣]{0,8}",
        Just("99999999999999999999".to_owned()),
    ];
    let scale =
        prop_oneof![Just("5"), Just("10"), Just("100"), Just("0"), Just("05"), Just("1000"), Just(""), Just("5/5")];
    prop_oneof![
        4 => (spaces.clone(), number, spaces.clone(), scale, spaces).prop_map(|(a, n, b, s, c)| format!("{a}{n}{b}/{a}{s}{c}")),
        1 => any::<String>(),
    ]
}

/// The rating properties: no panic; a refusal quotes the text; an accepted text is worth what it says on its
/// scale (worked out apart) and reads back from every scale's own writing.
fn rating_holds(text: &str) -> Result<(), String> {
    match Rating::parse(text) {
        Err(e) => {
            let message = e.to_string();
            if !message.contains(text) {
                return Err(format!("a refused rating is not quoted in its message: {message}"));
            }
            Ok(())
        }
        Ok(r) => {
            // The value as the text says it, worked out apart: a number on a scale of 5, 10 or 100.
            let (number, scale) = text.trim().split_once('/').ok_or("an accepted rating has a scale")?;
            let n: f64 =
                number.trim().parse().map_err(|_| format!("'{text}' was accepted, but '{number}' is no number"))?;
            let scale: f64 = scale.trim().parse().map_err(|_| format!("'{text}' was accepted without a scale"))?;
            let expected = n * 100.0 / scale;
            if (f64::from(r.value()) - expected).abs() > 1e-6 || r.value() > 100 {
                return Err(format!("'{text}' became {}, not {expected}", r.value()));
            }
            for s in [matinee_core::rating::RatingScale::TenPoint, matinee_core::rating::RatingScale::HundredPoint] {
                let shown = s.format(r.value());
                if Rating::parse(&shown).map(Rating::value).ok() != Some(r.value()) {
                    return Err(format!("{} shown as '{shown}' does not read back", r.value()));
                }
            }
            Ok(())
        }
    }
}

#[test]
fn rating_parsing() {
    runner::run("rating", 2000, rating_text(), |t| t.as_bytes().to_vec(), |text, _| rating_holds(text)).finish();
}

/// A date in one of the layouts the services write, with fields at and past their edges, or any text.
fn date_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![1870i64..2101, -300_000i64..300_000, Just(0), Just(9999), Just(262_143), Just(262_144)];
    let month = prop_oneof![1u32..13, 0u32..100];
    let day = prop_oneof![1u32..32, 0u32..100];
    let day_name = prop_oneof![Just("Mon"), Just("Thu"), Just("Sun"), Just("Xyz")];
    let month_name = prop_oneof![Just("Jan"), Just("Feb"), Just("Aug"), Just("Dec"), Just("Foo")];
    prop_oneof![
        (year.clone(), month.clone(), day.clone()).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (year.clone(), month.clone(), day.clone()).prop_map(|(y, m, d)| format!("{m}/{d}/{y}")),
        (day_name, month_name, day.clone(), 0u32..30, year.clone())
            .prop_map(|(w, m, d, h, y)| format!("{w} {m} {d:2} {h:02}:20:52 {y}")),
        (year, month, day, 0u32..30).prop_map(|(y, m, d, h)| format!("{y:04}-{m:02}-{d:02}T{h:02}:00:00.000Z")),
        "[0-9 /:TZ.-]{0,24}",
        any::<String>(),
    ]
}

#[test]
fn date_and_year_parsing() {
    runner::run(
        "date",
        2000,
        date_text(),
        |t| t.as_bytes().to_vec(),
        |text, _| {
            if let Some(d) = matinee_core::import::parse_date(text) {
                use chrono::Datelike;
                // The date's own numbers are in the text as written, in one layout or another.
                let iso = d.format("%Y-%m-%d").to_string();
                let us = format!("{}/{}/{}", d.month(), d.day(), d.year());
                let t = text.trim();
                let found = t.starts_with(&iso)
                    || t.starts_with(&format!("{:02}/{:02}/{}", d.month(), d.day(), d.year()))
                    || t.starts_with(&us)
                    || (t.ends_with(&d.year().to_string()) && t.contains(&d.format("%b").to_string()))
                    // A year, month or day written with fewer digits or a sign (-001-01-01, 0-1-1): the same numbers
                    // in the same order. The import's rules refuse such a date later (1870 at the earliest).
                    || {
                        let numbers: Vec<i64> = t
                            .split(|c: char| !c.is_ascii_digit())
                            .filter(|n| !n.is_empty())
                            .filter_map(|n| n.parse().ok())
                            .collect();
                        let (y, m, dd) = (i64::from(d.year()).abs(), i64::from(d.month()), i64::from(d.day()));
                        numbers.windows(3).any(|w| w == [y, m, dd] || w == [m, dd, y])
                    };
                if !found {
                    return Err(format!("'{text}' was read as {iso}, which it does not say"));
                }
            }
            if let Some(y) = matinee_core::import::parse_year(text) {
                if !(1870..=2100).contains(&y) || text.trim() != y.to_string() {
                    return Err(format!("'{text}' was read as the year {y}"));
                }
            }
            Ok(())
        },
    )
    .finish();
}

/// A search: any text (a catalogue title edited, FTS syntax, any string) with any filters.
#[derive(Debug, Clone)]
struct QueryCase {
    title: Option<Index>,
    edits: Vec<Edit>,
    text: String,
    numbers: [Option<u32>; 7],
    decade: Option<i32>,
    kind: Option<u8>,
    seen: Option<u8>,
    strings: [Option<String>; 3],
}

fn query_case() -> impl Strategy<Value = QueryCase> {
    let number = proptest::option::of(prop_oneof![0u32..200, any::<u32>()]);
    let string = proptest::option::of(prop_oneof![
        Just(String::new()),
        Just("Drama".to_owned()),
        Just("fr".to_owned()),
        Just("fuzz tag".to_owned()),
        any::<String>()
    ]);
    (
        proptest::option::of(any::<Index>()),
        mutate::edits(3),
        prop_oneof![Just(String::new()), "[a-z \"*^():+-]{0,12}", any::<String>()],
        proptest::array::uniform7(number),
        proptest::option::of(prop_oneof![(187i32..211).prop_map(|d| d * 10), any::<i32>()]),
        proptest::option::of(any::<u8>()),
        proptest::option::of(any::<u8>()),
        proptest::array::uniform3(string),
    )
        .prop_map(|(title, edits, text, numbers, decade, kind, seen, strings)| QueryCase {
            title,
            edits,
            text,
            numbers,
            decade,
            kind,
            seen,
            strings,
        })
}

#[test]
fn search_query_parser() {
    let (_tmp, mut m) = fresh();
    // A library with films seen, listed and tagged, so that the user's filters have something to keep.
    let files: Vec<SourceFile> =
        real_files("letterboxd/patrickmjones-2022").into_iter().map(|f| head(&f, 20)).collect();
    let (plan, _) = m.import_prepare(files, None, "seed").expect("a real export's head imports");
    m.import_apply(&plan, &mut |_, _| ControlFlow::Continue(())).expect("a real export's head applies");
    let key = m.library().export().expect("the library exports").films[0].key.clone();
    m.tag_add(&key, "fuzz tag").expect("a tag is added");
    let titles = m.catalogue().sample_titles(200).expect("the catalogue has titles");
    assert!(!titles.is_empty(), "the starter catalogue has titles to search for");
    let text_of = |case: &QueryCase| match &case.title {
        Some(i) => {
            String::from_utf8_lossy(&mutate::apply(titles[i.index(titles.len())].as_bytes(), &case.edits)).into_owned()
        }
        None => case.text.clone(),
    };
    runner::run(
        "search-query",
        400,
        query_case(),
        |case| text_of(case).into_bytes(),
        |case, _| {
            let text = text_of(case);
            let n = case.numbers;
            let query = SearchQuery {
                text: text.clone(),
                genre: case.strings[0].clone(),
                country: case.strings[1].clone(),
                tag: case.strings[2].clone(),
                decade: case.decade,
                kind: case.kind.map(|k| FilmKind::ALL[usize::from(k) % FilmKind::ALL.len()]),
                min_runtime: n[0],
                max_runtime: n[1],
                min_score: n[2],
                max_score: n[3],
                min_votes: n[4],
                seen: case
                    .seen
                    .map(|s| [SeenFilter::Seen, SeenFilter::Unseen, SeenFilter::Watchlist][usize::from(s % 3)]),
                limit: n[5],
                offset: n[6],
            };
            let page = match m.search(&query) {
                Ok(page) => page,
                Err(CoreError::Invalid { field, .. }) if !field.is_empty() => return Ok(()),
                Err(e) => return Err(format!("a search fails other than by naming a field: {e:?}")),
            };
            // The page size the search documents: 60 unless asked, 1 to 500.
            let limit = query.limit.unwrap_or(60).clamp(1, 500) as usize;
            if page.films.len() > limit {
                return Err(format!("{} films on a page of at most {limit}", page.films.len()));
            }
            let keys: HashSet<&str> = page.films.iter().map(|f| f.key.0.as_str()).collect();
            if keys.len() != page.films.len() {
                return Err("a film is twice on one page".into());
            }
            if page.total_exact && (page.films.len() as u64) > u64::from(page.total) {
                return Err(format!("{} films on a page of a search that found {}", page.films.len(), page.total));
            }
            m.search_facets(&query).map_err(|e| format!("the filter counts of a search that answered fail: {e:?}"))?;
            // A catalogue title searched as it is, with no filter, finds a film of that title on the first page.
            if case.title.is_some() && case.edits.is_empty() {
                let plain = SearchQuery { text: text.clone(), ..SearchQuery::default() };
                let first = m.search(&plain).map_err(|e| e.to_string())?;
                let folded = matinee_core::text::fold(&text);
                if !first.films.iter().any(|f| matinee_core::text::fold(&f.title) == folded) {
                    return Err(format!("the title '{text}' is not found by searching for it"));
                }
            }
            Ok(())
        },
    )
    .finish();
}

/// Inputs that once failed, replayed on every run: tests/fuzz-regressions/<target>/<file>.
#[test]
fn regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&root).expect("tests/fuzz-regressions is there") {
        let target = target.expect("an entry reads").path();
        if !target.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&target)
            .expect("a target folder reads")
            .map(|e| e.expect("an entry reads").path())
            .collect();
        files.sort();
        for file in files {
            replay(&target.file_name().expect("a folder name").to_string_lossy(), &file);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "tests/fuzz-regressions holds the inputs that once failed, and none was found");
}

/// Runs one regression input through its target's properties.
fn replay(target: &str, file: &Path) {
    let bytes = std::fs::read(file).expect("a regression input reads");
    let name = file.file_name().expect("a file name").to_string_lossy().into_owned();
    let result = match target {
        "import" => {
            // The input's file name (less the regression's own suffix) is the file the import reads.
            let inner = name.split_once("--").map_or(name.as_str(), |(_, inner)| inner);
            let input = ImportInput {
                files: vec![SourceFile { name: inner.to_owned(), bytes }],
                source: None,
                mapping: None,
                origin: "regression".into(),
            };
            check_parse(&input).and_then(|()| check_import(&input))
        }
        "rating" => rating_holds(String::from_utf8(bytes).expect("a rating regression is text").trim_end_matches('\n')),
        "imdb-datasets" => {
            // The file's name after its first dot is the dataset file it stands for: x.title.basics.tsv.
            let dataset_file = name.split_once('.').map_or(name.as_str(), |(_, f)| f).to_owned();
            let starter = parse_pack(STARTER_PACK, Path::new("starter.json")).expect("the starter pack parses");
            let packs = [PackSource { pack: starter, builtin: true }];
            let set = [(dataset_file, bytes)];
            dataset_holds(&set, false, &packs, None).and_then(|()| dataset_holds(&set, true, &packs, None))
        }
        "search-query" => {
            // The file is the text typed or pasted into the search box; the search answers within the case bound.
            let (_tmp, m) = fresh();
            let text = String::from_utf8(bytes).expect("a search regression is text");
            let started = std::time::Instant::now();
            let answered = m.search(&SearchQuery { text, ..SearchQuery::default() });
            match answered {
                Err(e) => Err(format!("the search fails: {e}")),
                Ok(_) if started.elapsed() > std::time::Duration::from_secs(5) => {
                    Err(format!("the search took {:.1} s", started.elapsed().as_secs_f64()))
                }
                Ok(_) => Ok(()),
            }
        }
        "csv" => {
            // A JSON record of the file and the mapping the import was asked with.
            let case: serde_json::Value = serde_json::from_slice(&bytes).expect("a CSV regression is JSON");
            let file = SourceFile {
                name: case["file"].as_str().expect("the regression names its file").to_owned(),
                bytes: case["text"].as_str().expect("the regression holds the file's text").as_bytes().to_vec(),
            };
            let mapping: CsvMapping = serde_json::from_value(case["mapping"].clone()).expect("the mapping reads");
            let input = ImportInput {
                files: vec![file],
                source: Some(ImportSource::Csv),
                mapping: Some(mapping),
                origin: "regression".into(),
            };
            check_parse(&input).and_then(|()| check_import(&input))
        }
        other => panic!("tests/fuzz-regressions/{other} is no target the replay knows"),
    };
    if let Err(e) = result {
        panic!("the regression input {} fails again: {e}", file.display());
    }
}
