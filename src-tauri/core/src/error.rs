//! The core's error type: variants a caller can act on, each with a message a person can read.

use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The thing asked for does not exist (a film key, a backup).
    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },
    /// A value from the user or a caller breaks a rule; `field` names the argument or form field.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The request names more than one thing (an ambiguous title).
    #[error("{message}")]
    Ambiguous { message: String, candidates: Vec<String> },
    /// The change would clash with what is there (a list name in use, a film already in a list).
    #[error("{message}")]
    Conflict { message: String },
    /// The user stopped a long job; nothing of it was kept.
    #[error("cancelled: nothing was changed")]
    Cancelled,
    /// A take pack could not be read or broke its format; nothing from it was loaded.
    #[error("{}: {location}: {message}", file.display())]
    Pack { file: PathBuf, location: String, message: String },
    /// The library database cannot be used as it is (corrupt, or written by a newer Matinee).
    #[error("{message}")]
    LibraryUnusable { reason: LibraryProblem, message: String },
    /// A download could not be made (no network, DNS, TLS, an HTTP error, a dropped connection, a damaged file);
    /// the message says what happened and what to do. Nothing else was changed.
    #[error("{message}")]
    Network { message: String },
    #[error("{}", db_message(.0))]
    Db(#[from] rusqlite::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Why the library database cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LibraryProblem {
    /// `PRAGMA quick_check` reported damage, or the file is not a database.
    Corrupt,
    /// The schema version is newer than this build knows.
    TooNew,
}

/// A database failure said as a person needs it: a full disk or a disk that fails is named as such, with what to
/// do; anything else keeps SQLite's words.
fn db_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => {
            "the disk is full, so nothing was written: free some space and try again".to_owned()
        }
        Some(rusqlite::ErrorCode::SystemIoFailure) => format!(
            "the disk could not be read or written ({e}), so nothing was written: check the disk and its free \
             space, then try again"
        ),
        _ => format!("database error: {e}"),
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: field.into(), message: message.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CoreError::Io { path: path.into(), source }
    }
}
