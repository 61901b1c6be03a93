//! Reading what the user points an import at: a zip as downloaded, an unpacked folder, or one file. Text is
//! decoded from UTF-8 (a BOM is dropped) or, when it is not UTF-8, from Windows-1252 as older IMDb exports are.

use std::io::Read;
use std::path::Path;

use crate::error::{CoreError, Result};

/// The most one import reads, in bytes: far above any real export, short of filling memory.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// One file of an import, named by its path inside the zip or folder (`lists/2026-ranked.csv`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// The file's name without folders, lower-cased: `diary.csv`.
    pub fn base_name(&self) -> String {
        self.name.rsplit('/').next().unwrap_or(&self.name).to_lowercase()
    }

    /// The folder part, lower-cased: `lists`, `deleted`, or empty.
    pub fn folder(&self) -> String {
        match self.name.rsplit_once('/') {
            Some((dir, _)) => dir.to_lowercase(),
            None => String::new(),
        }
    }

    /// The text of the file: UTF-8 without its BOM, else Windows-1252.
    pub fn text(&self) -> std::result::Result<String, String> {
        if self.bytes.iter().all(|&b| b == 0) && !self.bytes.is_empty() {
            return Err(format!("{} holds only NUL bytes: it is damaged", self.name));
        }
        let bytes = self.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Ok(text.into_owned())
            }
        }
    }
}

/// Reads a zip, a folder (every file below it) or a single file.
pub fn read_path(path: &Path) -> Result<Vec<SourceFile>> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut total = 0;
        read_folder(path, path, &mut files, &mut total)?;
        files.sort_by(|a, b| a.name.cmp(&b.name));
        if files.is_empty() {
            return Err(CoreError::invalid("path", format!("{} has no files to import", path.display())));
        }
        return Ok(files);
    }
    if meta.len() > MAX_TOTAL_BYTES {
        return Err(CoreError::invalid("path", format!("{} is larger than an export can be", path.display())));
    }
    let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read_bytes(&name, bytes)
}

/// Reads the bytes of a file the user dropped or picked: a zip is opened, anything else is one file.
pub fn read_bytes(name: &str, bytes: Vec<u8>) -> Result<Vec<SourceFile>> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_zip(name, &bytes);
    }
    Ok(vec![SourceFile { name: name.to_owned(), bytes }])
}

fn read_folder(root: &Path, dir: &Path, out: &mut Vec<SourceFile>, total: &mut u64) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| CoreError::io(dir, e))? {
        let entry = entry.map_err(|e| CoreError::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| CoreError::io(&path, e))?;
        if kind.is_dir() {
            read_folder(root, &path, out, total)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| CoreError::io(&path, e))?;
            *total += bytes.len() as u64;
            if *total > MAX_TOTAL_BYTES {
                return Err(CoreError::invalid("path", format!("{} is larger than an export can be", root.display())));
            }
            let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(SourceFile { name, bytes });
        }
    }
    Ok(())
}

fn read_zip(name: &str, bytes: &[u8]) -> Result<Vec<SourceFile>> {
    let bad = |why: String| CoreError::invalid("file", format!("{name} is not a readable zip: {why}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut files = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let Some(inner) = entry.enclosed_name() else {
            continue;
        };
        let inner = inner.to_string_lossy().replace('\\', "/");
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_TOTAL_BYTES - total + 1)
            .read_to_end(&mut data)
            .map_err(|e| bad(format!("{inner}: {e}")))?;
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(bad("it unpacks to more than an export can be".into()));
        }
        files.push(SourceFile { name: inner, bytes: data });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    if files.is_empty() {
        return Err(bad("it holds no files".into()));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_a_bom_and_reads_windows_1252() {
        let f = |bytes: &[u8]| SourceFile { name: "x.csv".into(), bytes: bytes.to_vec() };
        assert_eq!(f(b"\xEF\xBB\xBFConst").text().unwrap(), "Const");
        assert_eq!(f(b"Am\xe9lie").text().unwrap(), "Amélie");
        assert!(f(&[0u8; 208]).text().is_err());
    }

    #[test]
    fn a_truncated_zip_is_refused_with_its_name() {
        let e = read_bytes("export.zip", b"PK\x03\x04garbage".to_vec()).unwrap_err();
        assert!(e.to_string().contains("export.zip"), "{e}");
    }
}
