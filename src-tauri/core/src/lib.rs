//! matinee-core: the whole Matinee domain with no Tauri in it. The desktop shell and the CLI are thin
//! adapters over `Matinee`.

pub mod catalogue;
pub mod error;
pub mod import;
pub mod library;
pub mod model;
pub mod normalise;
pub mod pack;
pub mod paths;
pub mod poster;
pub mod rating;
pub mod review;
pub mod stats;
pub mod sync;
pub mod text;

mod matinee;

pub use error::{CoreError, LibraryProblem, Result};
pub use matinee::{
    runtime_words, CompanionFilms, Matinee, PreparedImport, ReviewFormat, ReviewWritten, StagedPack, NOT_TONIGHT_DAYS,
};
pub use paths::DataDir;
pub use rating::Rating;
