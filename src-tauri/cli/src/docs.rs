//! The man pages and shell completions of matinee-cli, generated from its clap definitions for the package:
//! `matinee-cli.1`, one page per subcommand (`matinee-cli-catalogue-download.1`, ...), and the bash, zsh and fish
//! completion scripts.

use std::path::Path;

use clap::CommandFactory;
use matinee_core::CoreError;

fn written(path: &Path, result: std::io::Result<()>) -> Result<(), CoreError> {
    result.map_err(|e| CoreError::io(path, e))
}

/// Writes `command`'s page as `name.1` and each of its visible subcommands' pages as `name-sub.1`, recursively.
fn man_pages(command: &clap::Command, name: &str, bin: &str, dir: &Path) -> Result<(), CoreError> {
    let command = command.clone().name(name.to_owned()).bin_name(bin.to_owned());
    let path = dir.join(format!("{name}.1"));
    let mut page = Vec::new();
    written(&path, clap_mangen::Man::new(command.clone()).render(&mut page))?;
    written(&path, std::fs::write(&path, page))?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), &format!("{bin} {}", sub.get_name()), dir)?;
    }
    Ok(())
}

pub fn write(man: &Path, completions: &Path) -> Result<(), CoreError> {
    for dir in [man, completions] {
        written(dir, std::fs::create_dir_all(dir))?;
    }
    let mut command = crate::Cli::command();
    command.build();
    man_pages(&command, "matinee-cli", "matinee-cli", man)?;
    for shell in [clap_complete::Shell::Bash, clap_complete::Shell::Zsh, clap_complete::Shell::Fish] {
        let path = clap_complete::generate_to(shell, &mut command, "matinee-cli", completions)
            .map_err(|e| CoreError::io(completions, e))?;
        println!("{}", path.display());
    }
    println!("{}", man.display());
    Ok(())
}
