//! Building the catalogue (from the take packs at start, from the IMDb datasets on request) and the take packs:
//! when a build is needed, how it is asked for, and what the catalogue holds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Matinee;
use crate::catalogue::{self, build_catalogue, Catalogue, PackSource};
use crate::error::{CoreError, Result};
use crate::model::PackInfo;
use crate::pack::{parse_pack, TakePack, STARTER_PACK, STARTER_PACK_NAME};
use crate::paths::DataDir;

impl Matinee {
    /// Rebuilds the catalogue from the packs even when nothing changed. The user's data is untouched.
    pub fn rebuild_catalogue(&mut self) -> Result<()> {
        let mut notices = Vec::new();
        self.catalogue = ensure_catalogue(&self.dir, true, &mut notices)?;
        self.notices = notices;
        Ok(())
    }

    /// Builds the catalogue from the IMDb datasets in `folder` and the take packs, in a staging file that replaces
    /// the catalogue only when it is complete and checked. `progress` hears (file, bytes done, bytes total) and may
    /// cancel; the catalogue in use stays until the swap. The folder is remembered for later rebuilds.
    pub fn catalogue_build(
        &mut self,
        folder: &Path,
        progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    ) -> Result<crate::catalogue::dataset::DatasetReport> {
        let (catalogue, report, notices) = Self::build_catalogue_apart(&self.dir, folder, progress)?;
        self.install_catalogue(catalogue, notices);
        Ok(report)
    }

    /// The build of `catalogue_build` without the open stores, so a caller can keep using them (searching the
    /// old catalogue) while it runs, then `install_catalogue` the result.
    pub fn build_catalogue_apart(
        dir: &DataDir,
        folder: &Path,
        progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    ) -> Result<(Catalogue, crate::catalogue::dataset::DatasetReport, Vec<String>)> {
        let folder = std::fs::canonicalize(folder).map_err(|e| CoreError::io(folder, e))?;
        let mut notices = Vec::new();
        let request = BuildRequest { force: true, datasets: Some(&folder), progress, defer_datasets: false };
        let (catalogue, report, _) = build_if_needed(dir, request, &mut notices)?;
        Ok((catalogue, report.unwrap_or_default(), notices))
    }

    /// Puts a freshly built catalogue in use.
    pub fn install_catalogue(&mut self, catalogue: Catalogue, notices: Vec<String>) {
        self.catalogue = catalogue;
        self.notices = notices;
        self.pending_build = None;
    }

    /// What the catalogue holds and where it came from.
    pub fn catalogue_status(&self) -> Result<crate::model::CatalogueStatus> {
        let films = self.catalogue.film_count()?;
        let from_datasets: u32 =
            self.catalogue.conn().query_row("SELECT count(*) FROM film WHERE imdb_id IS NOT NULL", [], |r| r.get(0))?;
        let size = std::fs::metadata(self.dir.catalogue()).map(|m| m.len()).unwrap_or(0);
        Ok(crate::model::CatalogueStatus {
            films,
            films_with_imdb_id: from_datasets,
            packs: self.catalogue.packs()?.len() as u32,
            imdb_datasets: read_sources(&self.dir).imdb_datasets.map(|p| p.to_string_lossy().into_owned()),
            built_at: self.catalogue.meta("built_at")?,
            size_mib: (size / (1024 * 1024)) as u32,
        })
    }

    /// Validates the pack at `path`, keeps a copy in the data folder and rebuilds the catalogue with it.
    /// A pack that breaks a rule changes nothing.
    pub fn pack_import(&mut self, path: &Path) -> Result<PackInfo> {
        Ok(self.pack_import_report(path)?.pack)
    }

    /// Imports a take pack like `pack_import`, and says what a newer version of a pack already there changed.
    pub fn pack_import_report(&mut self, path: &Path) -> Result<crate::model::PackImported> {
        let staged = Self::pack_stage(&self.dir, path)?;
        if let Err(e) = self.rebuild_catalogue() {
            staged.put_back()?;
            return Err(e);
        }
        self.pack_imported(staged)
    }

    /// The first half of a pack import, for a caller that builds the catalogue apart with progress (the window):
    /// checks the pack at `path` and keeps a copy in the data folder, remembering what it replaces. The caller
    /// then builds (`rebuild_catalogue_apart`), and either installs the catalogue and calls `pack_imported`, or,
    /// when the build fails or is cancelled, calls `StagedPack::put_back`.
    pub fn pack_stage(dir: &DataDir, path: &Path) -> Result<StagedPack> {
        let bytes = std::fs::read(path).map_err(|e| CoreError::Pack {
            file: path.to_owned(),
            location: "file".into(),
            message: format!("cannot be read: {e}"),
        })?;
        Self::pack_stage_bytes(dir, path, bytes)
    }

    /// `pack_stage` for a pack's bytes; `name` names the file in messages.
    pub fn pack_stage_bytes(dir: &DataDir, name: &Path, bytes: Vec<u8>) -> Result<StagedPack> {
        let kept = KeptPack::of(dir, name, &bytes)?;
        write_atomically(&kept.target, &bytes)?;
        Ok(StagedPack { target: kept.target, previous: kept.previous, before: kept.before, pack: kept.pack })
    }

    /// What importing these pack bytes would do, changing nothing: the pack, the version it would replace and what
    /// that version changes. A pack that breaks a rule is refused here, naming the file and the place.
    pub fn pack_preview(&self, name: &Path, bytes: Vec<u8>) -> Result<crate::model::PackImported> {
        let KeptPack { pack, before, .. } = KeptPack::of(&self.dir, name, &bytes)?;
        Ok(crate::model::PackImported {
            replaced: before.as_ref().map(|b| b.version.clone()),
            changes: before.as_ref().map(|b| pack_changes(b, &pack)).unwrap_or_default(),
            pack: PackInfo {
                id: pack.id.clone(),
                name: pack.name.clone(),
                author: pack.author.clone(),
                version: pack.version.clone(),
                licence: pack.licence.clone(),
                films: pack.films.len() as u32,
                builtin: false,
            },
        })
    }

    /// Rebuilds the catalogue from the packs (and the IMDb datasets it was built from, if any) without the open
    /// stores, with progress and cancel as `build_catalogue_apart`; `install_catalogue` puts it in use.
    pub fn rebuild_catalogue_apart(
        dir: &DataDir,
        progress: &mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    ) -> Result<(Catalogue, Vec<String>)> {
        let mut notices = Vec::new();
        let request = BuildRequest { force: true, datasets: None, progress, defer_datasets: false };
        let (catalogue, _, _) = build_if_needed(dir, request, &mut notices)?;
        Ok((catalogue, notices))
    }

    /// The second half of a pack import, once the catalogue built with the pack is in use: the pack as the
    /// catalogue has it, and what changed since the version it replaced.
    pub fn pack_imported(&self, staged: StagedPack) -> Result<crate::model::PackImported> {
        let StagedPack { before, pack, .. } = staged;
        let info = self
            .catalogue
            .packs()?
            .into_iter()
            .find(|p| p.id == pack.id)
            .ok_or_else(|| CoreError::NotFound { what: "pack", key: pack.id.clone() })?;
        Ok(crate::model::PackImported {
            replaced: before.as_ref().map(|b| b.version.clone()),
            changes: before.as_ref().map(|b| pack_changes(b, &pack)).unwrap_or_default(),
            pack: info,
        })
    }

    pub fn pack_list(&self) -> Result<Vec<PackInfo>> {
        self.catalogue.packs()
    }
}

/// A pack read from bytes, beside the copy of it the data folder keeps (if any).
struct KeptPack {
    pack: TakePack,
    /// Where the data folder keeps it.
    target: PathBuf,
    previous: Option<Vec<u8>>,
    before: Option<TakePack>,
}

impl KeptPack {
    /// Checks the pack's bytes (`name` names the file in messages) and finds its kept copy. The starter pack's id
    /// is refused: the built-in pack is not replaced from outside.
    fn of(dir: &DataDir, name: &Path, bytes: &[u8]) -> Result<Self> {
        let pack = crate::pack::read_pack_bytes(bytes.to_vec(), name)?;
        let starter = parse_pack(STARTER_PACK, Path::new(STARTER_PACK_NAME))?;
        if pack.id == starter.id {
            return Err(CoreError::invalid(
                "id",
                format!(
                    "{}: the id '{}' belongs to the built-in starter pack; give the pack its own id",
                    name.display(),
                    pack.id
                ),
            ));
        }
        let folder = dir.packs();
        std::fs::create_dir_all(&folder).map_err(|e| CoreError::io(&folder, e))?;
        let target = folder.join(format!("{}.json", pack.id));
        let previous = std::fs::read(&target).ok();
        let before = previous
            .as_ref()
            .and_then(|b| String::from_utf8(b.clone()).ok())
            .and_then(|text| crate::pack::parse_pack(&text, &target).ok());
        Ok(Self { pack, target, previous, before })
    }
}

/// A take pack copied into the data folder for a build that has not yet finished (`Matinee::pack_stage`).
pub struct StagedPack {
    target: PathBuf,
    /// The copy it replaced, if any, as it was.
    previous: Option<Vec<u8>>,
    before: Option<TakePack>,
    pack: TakePack,
}

impl StagedPack {
    /// The pack's name, for progress and messages.
    pub fn name(&self) -> &str {
        &self.pack.name
    }

    /// Puts things back as they were: the old copy of this pack, or none.
    pub fn put_back(self) -> Result<()> {
        match self.previous {
            Some(old) => write_atomically(&self.target, &old),
            None => std::fs::remove_file(&self.target).map_err(|io| CoreError::io(&self.target, io)),
        }
    }
}

/// Every pack to build from: the starter pack, then the user's packs in name order. A user pack that no longer
/// loads is left out with a notice; the starter pack must always load.
fn load_packs(dir: &DataDir, notices: &mut Vec<String>) -> Result<(Vec<PackSource>, String)> {
    let mut fingerprint = Fingerprint::new();
    fingerprint.add(&catalogue::SCHEMA_VERSION.to_string());
    fingerprint.add(STARTER_PACK);
    let mut packs = vec![PackSource { pack: parse_pack(STARTER_PACK, Path::new(STARTER_PACK_NAME))?, builtin: true }];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.packs())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                notices.push(format!("{}: not loaded: {e}", file.display()));
                continue;
            }
        };
        match parse_pack(&text, &file) {
            Ok(pack) if packs.iter().any(|p| p.pack.id == pack.id) => {
                notices.push(format!("{}: not loaded: another pack has the id '{}'", file.display(), pack.id));
            }
            Ok(pack) => {
                fingerprint.add(&file.to_string_lossy());
                fingerprint.add(&text);
                packs.push(PackSource { pack, builtin: false });
            }
            Err(e) => notices.push(format!("A pack was not loaded: {e}")),
        }
    }
    Ok((packs, fingerprint.finish()))
}

/// Where the catalogue's IMDb datasets are, remembered after a successful build
/// (`catalogue-sources.json` in the data folder).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct CatalogueSources {
    imdb_datasets: Option<PathBuf>,
}

fn read_sources(dir: &DataDir) -> CatalogueSources {
    std::fs::read(dir.root().join("catalogue-sources.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_sources(dir: &DataDir, sources: &CatalogueSources) -> Result<()> {
    let text = serde_json::to_vec_pretty(sources).expect("sources serialise");
    write_atomically(&dir.root().join("catalogue-sources.json"), &text)
}

/// A build request: rebuild even when nothing changed, and which datasets to use (overriding the remembered ones).
pub(super) struct BuildRequest<'a> {
    pub(super) force: bool,
    pub(super) datasets: Option<&'a Path>,
    pub(super) progress: &'a mut dyn FnMut(&str, u64, u64) -> std::ops::ControlFlow<()>,
    /// Leave a needed build from the remembered datasets to the caller (see `Matinee::open_deferring`).
    pub(super) defer_datasets: bool,
}

/// Builds the catalogue when its packs or datasets changed (or when forced), then opens it. Datasets that were
/// used before but are gone now never cost the user the catalogue they have: it stays, with a notice.
pub(super) fn ensure_catalogue(dir: &DataDir, force: bool, notices: &mut Vec<String>) -> Result<Catalogue> {
    let mut quiet = |_: &str, _: u64, _: u64| std::ops::ControlFlow::Continue(());
    let request = BuildRequest { force, datasets: None, progress: &mut quiet, defer_datasets: false };
    build_if_needed(dir, request, notices).map(|(c, _, _)| c)
}

pub(super) fn build_if_needed(
    dir: &DataDir,
    request: BuildRequest<'_>,
    notices: &mut Vec<String>,
) -> Result<(Catalogue, Option<crate::catalogue::dataset::DatasetReport>, Option<PathBuf>)> {
    let path = dir.catalogue();
    // One builder at a time across processes (the app and the CLI may start together); the lock goes with
    // the file handle, also when a process dies.
    let lock_path = path.with_extension("lock");
    let lock = std::fs::File::create(&lock_path).map_err(|e| CoreError::io(&lock_path, e))?;
    lock.lock().map_err(|e| CoreError::io(&lock_path, e))?;
    catalogue::remove_stale_staging(&path)?;
    let (packs, pack_fingerprint) = load_packs(dir, notices)?;
    let remembered = read_sources(dir).imdb_datasets;
    let wanted = request.datasets.map(Path::to_path_buf).or(remembered.clone());
    let files = match &wanted {
        None => None,
        Some(folder) => match crate::catalogue::dataset::locate(folder) {
            Ok(files) => Some(files),
            Err(e) if request.datasets.is_some() => return Err(e),
            Err(e) => {
                let existing = catalogue::stored_fingerprint(&path).is_some();
                notices.push(format!(
                    "The IMDb datasets the catalogue was built from are not available ({e}).{}",
                    if existing { " The catalogue stays as it was." } else { "" }
                ));
                if existing {
                    drop(lock);
                    return Ok((Catalogue::open(&path)?, None, None));
                }
                None
            }
        },
    };
    let mut fingerprint = Fingerprint::new();
    fingerprint.add(&pack_fingerprint);
    for (name, file) in files.iter().flatten() {
        let meta = std::fs::metadata(file).map_err(|e| CoreError::io(file, e))?;
        let modified = meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
        fingerprint.add(&format!("{name}|{}|{}|{:?}", file.display(), meta.len(), modified));
    }
    let fingerprint = fingerprint.finish();
    let mut report = None;
    let stored = catalogue::stored_fingerprint(&path);
    let needed = request.force || stored.as_deref() != Some(fingerprint.as_str());
    if needed && request.defer_datasets && request.datasets.is_none() && files.is_some() {
        let folder = wanted.clone();
        if stored.is_none() {
            // Of another schema or unreadable: the take packs alone stand in until the datasets are built again
            // (under a fingerprint of their own, so the next start still asks for that build).
            let mut packs_only = Fingerprint::new();
            packs_only.add(&pack_fingerprint);
            build_catalogue(&path, &packs, &packs_only.finish(), None, &HashSet::new(), request.progress)?;
        }
        drop(lock);
        return Ok((Catalogue::open(&path)?, None, folder));
    }
    if needed {
        let own = if files.is_some() { own_film_keys(dir) } else { HashSet::new() };
        report = build_catalogue(&path, &packs, &fingerprint, files.as_deref(), &own, request.progress)?;
        if request.datasets.is_some() {
            write_sources(dir, &CatalogueSources { imdb_datasets: wanted })?;
        }
    }
    drop(lock);
    Ok((Catalogue::open(&path)?, report, None))
}

/// The `mt:` keys of the user's films (those that no catalogue knew when they came in), read from the library
/// file on a connection of its own; none when it cannot be read (the build goes on without them).
fn own_film_keys(dir: &DataDir) -> HashSet<String> {
    let read = || -> rusqlite::Result<HashSet<String>> {
        let conn = rusqlite::Connection::open_with_flags(dir.library(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut stmt = conn.prepare("SELECT key FROM film_ref WHERE key LIKE 'mt:%'")?;
        let keys = stmt.query_map([], |r| r.get(0))?.collect();
        keys
    };
    read().unwrap_or_default()
}

/// FNV-1a over every input, each followed by a separator: cheap, stable, and enough to notice a change.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
    fn add(&mut self, text: &str) {
        for byte in text.as_bytes().iter().chain(&[0u8]) {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Writes the file whole or not at all: into `NAME.partial` beside it, synced, then renamed over it.
pub(super) fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut name = target.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".partial");
    let temp = target.with_file_name(name);
    let mut file = std::fs::File::create(&temp).map_err(|e| CoreError::io(&temp, e))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| CoreError::io(&temp, e))?;
    std::fs::rename(&temp, target).map_err(|e| CoreError::io(target, e))
}

/// What a pack's new version changed against its old one, in words: films added and removed, takes and synopses
/// rewritten, links added and removed.
fn pack_changes(old: &TakePack, new: &TakePack) -> Vec<String> {
    use std::collections::{BTreeSet, HashMap};
    let films = |p: &TakePack| -> HashMap<String, crate::pack::PackFilm> {
        p.films.iter().map(|f| (f.reference.clone(), f.clone())).collect()
    };
    let links = |p: &TakePack| -> BTreeSet<(String, String, String)> {
        p.links.iter().map(|(a, b, r)| (p.films[*a].title.clone(), p.films[*b].title.clone(), r.clone())).collect()
    };
    let (a, b) = (films(old), films(new));
    let mut out = Vec::new();
    let titles = |refs: Vec<&String>, from: &HashMap<String, crate::pack::PackFilm>| -> String {
        let mut t: Vec<String> = refs.into_iter().map(|r| format!("{} ({})", from[r].title, from[r].year)).collect();
        t.sort();
        t.join(", ")
    };
    let added: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let removed: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let rewritten: Vec<&String> = b
        .keys()
        .filter(|k| a.get(*k).is_some_and(|o| (&o.take, &o.synopsis) != (&b[*k].take, &b[*k].synopsis)))
        .collect();
    if !added.is_empty() {
        out.push(format!(
            "{} film{} added: {}",
            added.len(),
            if added.len() == 1 { "" } else { "s" },
            titles(added, &b)
        ));
    }
    if !removed.is_empty() {
        out.push(format!(
            "{} film{} removed: {}",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            titles(removed, &a)
        ));
    }
    if !rewritten.is_empty() {
        out.push(format!("takes or synopses rewritten: {}", titles(rewritten, &b)));
    }
    let (la, lb) = (links(old), links(new));
    let new_links = lb.difference(&la).count();
    let gone_links = la.difference(&lb).count();
    if new_links > 0 {
        out.push(format!("{new_links} link{} added", if new_links == 1 { "" } else { "s" }));
    }
    if gone_links > 0 {
        out.push(format!("{gone_links} link{} removed", if gone_links == 1 { "" } else { "s" }));
    }
    if out.is_empty() {
        out.push("nothing changed in its films, takes or links".into());
    }
    out
}
