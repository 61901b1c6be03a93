//! matinee-cli: Matinee's library and catalogue from a terminal, for scripts, backups and headless machines.
//! Every command works on the same data folder as the app; `--json` gives a machine-readable answer.
//!
//! Each family of commands is a module of its own, holding its clap definitions beside the code that runs them
//! (`films`, `tonight`, `diary`, `stats`, `takes`, `lists`, `tags`, `transfer`, `sync`, `catalogue`, `about`); `output` is the one place that formats
//! answers and maps errors to exit codes; `context` opens the stores for the commands that need them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use matinee_core::CoreError;

mod about;
mod catalogue;
mod context;
mod diary;
mod docs;
mod download;
mod films;
mod lists;
mod output;
mod stats;
mod sync;
mod tags;
mod takes;
mod tonight;
mod transfer;

use context::Context;

/// Matinee from a terminal. FILM is a film key (mt:white-god-2014), an IMDb id (tt0068646), or a title with an
/// optional year: "White God (2014)". An ambiguous title lists the candidates and changes nothing.
///
/// Exit status: 0 done; 1 an error; 2 bad usage; 3 no such film; 4 ambiguous film; 5 invalid input;
/// 6 conflict; 7 a download failed (network); 130 cancelled.
#[derive(Parser)]
#[command(name = "matinee-cli", version, about, long_about)]
struct Cli {
    /// The data folder (default: $MATINEE_DATA_DIR, else $XDG_DATA_HOME/org.matinee.app).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print a machine-readable JSON answer.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

/// Every command, family by family, in the order `--help` lists them.
#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Films(films::FilmCommand),
    #[command(flatten)]
    Tonight(tonight::TonightCommand),
    #[command(flatten)]
    Diary(diary::DiaryCommand),
    #[command(flatten)]
    Stats(stats::StatsCommand),
    #[command(flatten)]
    Lists(lists::ListsCommand),
    #[command(flatten)]
    Tags(tags::TagsCommand),
    #[command(flatten)]
    Takes(takes::TakesCommand),
    #[command(flatten)]
    Transfer(transfer::TransferCommand),
    #[command(flatten)]
    Sync(sync::SyncFamily),
    #[command(flatten)]
    Catalogue(catalogue::CatalogueFamily),
    #[command(flatten)]
    About(about::AboutCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut ctx = Context::new(cli.data_dir, cli.json);
    let syncs_itself = matches!(cli.command, Command::Sync(_));
    let result: Result<(), CoreError> = match cli.command {
        Command::Films(c) => films::run(&mut ctx, c),
        Command::Tonight(c) => tonight::run(&mut ctx, c),
        Command::Diary(c) => diary::run(&mut ctx, c),
        Command::Stats(c) => stats::run(&mut ctx, c),
        Command::Lists(c) => lists::run(&mut ctx, c),
        Command::Tags(c) => tags::run(&mut ctx, c),
        Command::Takes(c) => takes::run(&mut ctx, c),
        Command::Transfer(c) => transfer::run(&mut ctx, c),
        Command::Sync(c) => sync::run(&mut ctx, c),
        Command::Catalogue(c) => catalogue::run(&mut ctx, c),
        Command::About(c) => about::run(&ctx, c),
    };
    if result.is_ok() && !syncs_itself {
        sync::after_write(&mut ctx);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => output::report(&e, cli.json),
    }
}
