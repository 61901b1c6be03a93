//! The one error that crosses IPC: `{kind, message}` with a closed set of kinds the UI switches on.

use matinee_core::CoreError;
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, for the UI to act on. Never match on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No film (or backup) with that key.
    NotFound,
    /// An argument broke a rule: a rating outside 0 to 100, an empty key, an over-long note.
    InvalidInput,
    /// A title that names several films.
    Ambiguous,
    /// The change clashes with what is there: a list name in use, a film already in the list.
    Conflict,
    /// A take pack that is not JSON or breaks the format.
    PackInvalid,
    /// The library could not be opened; the recovery screen explains why.
    LibraryUnavailable,
    /// The database or the disk failed.
    Storage,
    /// The user cancelled a long job; nothing was changed.
    Cancelled,
    /// A download failed (offline, the server refused, the connection dropped); nothing else was changed.
    Network,
}

/// The error every command returns.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
    /// The argument or form field at fault, for `invalid_input`: the UI shows the message beside that field.
    pub field: Option<String>,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        IpcError { kind, message: message.into(), field: None }
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let kind = match &e {
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::Invalid { .. } => ErrorKind::InvalidInput,
            CoreError::Ambiguous { .. } => ErrorKind::Ambiguous,
            CoreError::Conflict { .. } => ErrorKind::Conflict,
            CoreError::Pack { .. } => ErrorKind::PackInvalid,
            CoreError::LibraryUnusable { .. } => ErrorKind::LibraryUnavailable,
            CoreError::Db(_) | CoreError::Io { .. } => ErrorKind::Storage,
            CoreError::Cancelled => ErrorKind::Cancelled,
            CoreError::Network { .. } => ErrorKind::Network,
        };
        match e {
            // The field travels on its own, so the message reads well beside that field.
            CoreError::Invalid { field, message } => IpcError { kind, message, field: Some(field) },
            other => IpcError::new(kind, other.to_string()),
        }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
