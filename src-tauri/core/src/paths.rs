//! Where Matinee keeps its files, for the app and the CLI alike.

use std::path::{Path, PathBuf};

use crate::model::DataPaths;

/// The app's identifier: its data folder is `$XDG_DATA_HOME/<IDENTIFIER>` unless told otherwise.
pub const IDENTIFIER: &str = "org.matinee.app";

/// The data folder and the files in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The folder named by `explicit` (`--data-dir`), else `MATINEE_DATA_DIR`, else
    /// `$XDG_DATA_HOME/org.matinee.app`, else `~/.local/share/org.matinee.app`.
    pub fn resolve(explicit: Option<PathBuf>) -> DataDir {
        let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let root = explicit
            .or_else(|| from_env("MATINEE_DATA_DIR"))
            .or_else(|| from_env("XDG_DATA_HOME").map(|d| d.join(IDENTIFIER)))
            .or_else(|| from_env("HOME").map(|h| h.join(".local/share").join(IDENTIFIER)))
            .unwrap_or_else(|| PathBuf::from(".matinee"));
        DataDir { root }
    }

    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn library(&self) -> PathBuf {
        self.root.join("library.sqlite3")
    }
    pub fn catalogue(&self) -> PathBuf {
        self.root.join("catalogue.sqlite3")
    }
    pub fn packs(&self) -> PathBuf {
        self.root.join("packs")
    }
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }
    /// The folder the IMDb datasets are downloaded into (`catalogue download`, the app's "Get every film").
    pub fn datasets(&self) -> PathBuf {
        self.root.join("datasets")
    }
    pub fn settings(&self) -> PathBuf {
        self.root.join("settings.json")
    }

    pub fn describe(&self) -> DataPaths {
        let s = |p: PathBuf| p.to_string_lossy().into_owned();
        DataPaths {
            data_dir: s(self.root.clone()),
            library: s(self.library()),
            catalogue: s(self.catalogue()),
            packs: s(self.packs()),
            backups: s(self.backups()),
            settings: s(self.settings()),
            datasets: s(self.datasets()),
        }
    }
}
