//! What every command is run with: the data folder, whether to answer in JSON, and the stores, opened on first
//! use so that the commands that need no library (`where`, `restore`, `catalogue download`) never open one.

use std::path::{Path, PathBuf};

use matinee_core::{CoreError, DataDir, Matinee};

pub struct Context {
    pub dir: DataDir,
    pub json: bool,
    matinee: Option<Matinee>,
}

impl Context {
    pub fn new(data_dir: Option<PathBuf>, json: bool) -> Self {
        Context { dir: DataDir::resolve(data_dir), json, matinee: None }
    }

    /// The stores, opened once. A catalogue built from the IMDb datasets by an older Matinee (or from files that
    /// changed since) is built again first, with progress, rather than silently; the start-up notices go to
    /// standard error.
    pub fn matinee(&mut self) -> Result<&mut Matinee, CoreError> {
        self.open(true)
    }

    /// The stores for a command that builds the catalogue itself, so a pending rebuild is left to it.
    pub fn matinee_for_build(&mut self) -> Result<&mut Matinee, CoreError> {
        self.open(false)
    }

    /// The stores when a command opened them.
    pub fn opened(&mut self) -> Option<&mut Matinee> {
        self.matinee.as_mut()
    }

    fn open(&mut self, rebuild_pending: bool) -> Result<&mut Matinee, CoreError> {
        if self.matinee.is_none() {
            let mut matinee = Matinee::open_deferring(self.dir.clone())?;
            if let Some(folder) = matinee.pending_build().map(Path::to_path_buf).filter(|_| rebuild_pending) {
                eprintln!("matinee-cli: the catalogue is built again from the IMDb datasets in {}", folder.display());
                crate::catalogue::build_with_progress(&mut matinee, &folder, self.json)?;
            }
            for notice in matinee.notices() {
                eprintln!("matinee-cli: {notice}");
            }
            self.matinee = Some(matinee);
        }
        Ok(self.matinee.as_mut().expect("opened just above"))
    }
}
