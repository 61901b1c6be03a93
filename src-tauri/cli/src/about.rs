//! What matinee-cli says about itself: where Matinee keeps its files, and its man pages and completions.

use std::path::PathBuf;

use clap::Subcommand;
use matinee_core::CoreError;

use crate::context::Context;
use crate::output::answer;

#[derive(Subcommand)]
pub enum AboutCommand {
    /// Print where Matinee keeps its files.
    Where,
    /// Write the man pages (matinee-cli.1 and one per subcommand) and the bash, zsh and fish completions (for
    /// packaging).
    #[command(hide = true)]
    GenerateDocs {
        /// The folder for the man pages.
        #[arg(long, value_name = "DIR")]
        man: PathBuf,
        /// The folder for the completion scripts.
        #[arg(long, value_name = "DIR")]
        completions: PathBuf,
    },
}

pub fn run(ctx: &Context, command: AboutCommand) -> Result<(), CoreError> {
    match command {
        AboutCommand::Where => answer(ctx.json, &ctx.dir.describe(), |paths| {
            println!("data folder  {}", paths.data_dir);
            println!("library      {}", paths.library);
            println!("catalogue    {}", paths.catalogue);
            println!("packs        {}", paths.packs);
            println!("backups      {}", paths.backups);
            println!("settings     {}", paths.settings);
            println!("datasets     {}", paths.datasets);
        }),
        AboutCommand::GenerateDocs { man, completions } => crate::docs::write(&man, &completions)?,
    }
    Ok(())
}
