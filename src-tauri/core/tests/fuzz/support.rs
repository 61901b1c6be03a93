//! What the fuzz targets share: the real exports in ../shared/real-exports (never copied into the repository),
//! fresh data folders made from one template, a dump of the library's tables, and the properties every import
//! holds: a refused input names its file (and the line, when it names one, is in the file) and changes nothing; an
//! accepted one keeps every row's file and line, changes nothing when imported again, and comes back whole through
//! Matinee's JSON export.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use matinee_core::import::{read_bytes, read_path, SourceFile};
use matinee_core::model::{CsvMapping, ImportSource};
use matinee_core::{DataDir, Matinee};

/// A real export (file or folder), which must be there: a missing one fails the test with its path.
pub fn real(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports").join(path);
    assert!(
        p.exists(),
        "the real export {} is missing: the fuzz seeds are read from ../shared/real-exports",
        p.display()
    );
    p
}

/// The files of a real export, read as an import reads them.
pub fn real_files(path: &str) -> Vec<SourceFile> {
    read_path(&real(path)).unwrap_or_else(|e| panic!("the real export {path} reads: {e}"))
}

/// A data folder whose catalogue (the starter pack's) was built once; fresh folders are copies of it.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            drop(Matinee::open(DataDir::at(tmp.path())).expect("a fresh data folder opens"));
            tmp
        })
        .path()
}

/// A fresh data folder with the starter catalogue and an empty library, opened (a copy of the template: far
/// cheaper than building the catalogue again).
pub fn fresh() -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for f in ["catalogue.sqlite3", "library.sqlite3"] {
        std::fs::copy(template().join(f), tmp.path().join(f)).expect("the template data folder copies");
    }
    let m = Matinee::open(DataDir::at(tmp.path())).expect("a copy of the template opens");
    (tmp, m)
}

/// The starter catalogue's file in the template, for targets that compare a catalogue before and after.
pub fn template_catalogue() -> PathBuf {
    template().join("catalogue.sqlite3")
}

pub use crate::dump::dump;

/// The first line where two texts differ, for a failure message.
pub fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    for i in 0..la.len().max(lb.len()) {
        let (x, y) = (la.get(i).copied().unwrap_or("<none>"), lb.get(i).copied().unwrap_or("<none>"));
        if x != y {
            return format!("line {}: {x:.300} / {y:.300}", i + 1);
        }
    }
    "no line differs".into()
}

/// How many lines a file has, counting `\n`, `\r\n` and a lone `\r` as the importers do.
fn line_count(file: &SourceFile) -> u64 {
    let text = file.text().unwrap_or_default();
    let b = text.as_bytes();
    let breaks =
        b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count();
    breaks as u64 + 1
}

/// Every "line N" a message gives.
fn lines_named(message: &str) -> Vec<u64> {
    message
        .match_indices("line ")
        .filter_map(|(i, _)| {
            let digits: String = message[i + 5..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// A refusal's message names one of the files (or what the user pointed at), and any line it names is in a file.
pub fn check_refusal(message: &str, files: &[SourceFile], origin: &str) -> Result<(), String> {
    let named = files.iter().any(|f| message.contains(&f.name)) || message.contains(origin);
    if !named {
        return Err(format!("the refusal names no file: {message:.500}"));
    }
    let most = files.iter().map(line_count).max().unwrap_or(1);
    for line in lines_named(message) {
        if line == 0 || line > most {
            return Err(format!("the refusal names line {line}, which no file has (at most {most}): {message:.500}"));
        }
    }
    Ok(())
}

/// How an import is asked for: the files, the source (or none, to tell it from the files) and a CSV's mapping.
#[derive(Clone)]
pub struct ImportInput {
    pub files: Vec<SourceFile>,
    pub source: Option<ImportSource>,
    pub mapping: Option<CsvMapping>,
    pub origin: String,
}

/// The parse-level properties: no panic; a refusal names its file and a line that exists; an accepted input's
/// rows and skipped rows each name one of the files and a line in it.
pub fn check_parse(input: &ImportInput) -> Result<(), String> {
    let parsed = matinee_core::import::parse(input.files.clone(), input.source, input.mapping.clone(), &input.origin);
    match parsed {
        Err(e) => check_refusal(&e.to_string(), &input.files, &input.origin),
        Ok(p) => {
            let counts: std::collections::HashMap<&str, u64> =
                input.files.iter().map(|f| (f.name.as_str(), line_count(f))).collect();
            let places =
                p.rows.iter().map(|r| (&r.at, "row")).chain(p.skipped.iter().map(|(at, _)| (at, "skipped row")));
            for (at, what) in places {
                let Some(&most) = counts.get(at.file.as_str()) else {
                    return Err(format!("a {what} names the file '{}', which the input has not", at.file));
                };
                if at.line == 0 || at.line > most {
                    return Err(format!("a {what} names {} line {}, outside its {most} lines", at.file, at.line));
                }
            }
            Ok(())
        }
    }
}

fn go_on() -> impl FnMut(usize, usize) -> std::ops::ControlFlow<()> {
    |_, _| std::ops::ControlFlow::Continue(())
}

/// The library-level properties, in a fresh data folder: a refused input changes nothing (and names its file);
/// an accepted one, applied, changes nothing when imported again, and its JSON export imported into another fresh
/// library exports the same again.
pub fn check_import(input: &ImportInput) -> Result<(), String> {
    let (tmp, mut m) = fresh();
    let before = dump(tmp.path());
    let unchanged = |what: &str| -> Result<(), String> {
        let after = dump(tmp.path());
        if after == before {
            Ok(())
        } else {
            Err(format!("{what} changed the library: {}", first_difference(&before, &after)))
        }
    };
    let prepared = m.import_prepare_mapped(input.files.clone(), input.source, input.mapping.clone(), &input.origin);
    let plan = match prepared {
        Err(e) => {
            check_refusal(&e.to_string(), &input.files, &input.origin)?;
            return unchanged("a refused import");
        }
        Ok((plan, _)) => plan,
    };
    unchanged("a preview")?;
    if let Err(e) = m.import_apply(&plan, &mut go_on()) {
        unchanged("an import that failed")?;
        return Err(format!("an import whose preview was accepted failed to apply: {e}"));
    }
    let once = dump(tmp.path());
    let (again, _) = m
        .import_prepare_mapped(input.files.clone(), input.source, input.mapping.clone(), &input.origin)
        .map_err(|e| format!("the same input, accepted once, is refused the second time: {e}"))?;
    m.import_apply(&again, &mut go_on()).map_err(|e| format!("the same import applied again failed: {e}"))?;
    let twice = dump(tmp.path());
    if twice != once {
        return Err(format!("the same import applied again changed the library: {}", first_difference(&once, &twice)));
    }
    let json = m.export_json().map_err(|e| format!("the library does not export: {e}"))?;
    let (_tmp2, mut other) = fresh();
    let files = read_bytes("library.json", json.clone().into_bytes()).map_err(|e| format!("the export reads: {e}"))?;
    let (plan, _) = other
        .import_prepare(files, None, "library.json")
        .map_err(|e| format!("Matinee's own export is refused: {e}"))?;
    other.import_apply(&plan, &mut go_on()).map_err(|e| format!("Matinee's own export fails to apply: {e}"))?;
    let json2 = other.export_json().map_err(|e| format!("the second library does not export: {e}"))?;
    if json2 != json {
        return Err(format!("the export did not come back whole: {}", first_difference(&json, &json2)));
    }
    Ok(())
}
