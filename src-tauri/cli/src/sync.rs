//! Sync through a folder that Syncthing, Nextcloud, Dropbox, a share or a USB stick replicates (docs/sync.md).

use std::path::PathBuf;

use clap::Subcommand;
use matinee_core::model::{SyncReport, SyncStatus};
use matinee_core::CoreError;

use crate::context::Context;
use crate::output::answer;

#[derive(Subcommand)]
pub enum SyncFamily {
    /// Keep this library in step with your other computers through a folder they all see.
    #[command(subcommand)]
    Sync(SyncCommand),
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Sync through DIR (made if its parent is there), as a computer called NAME (default: the system's name).
    /// A backup of the library is made first; then what it holds is merged with what the folder holds.
    Folder {
        dir: PathBuf,
        #[arg(long)]
        name: Option<String>,
    },
    /// The folder, this computer, the other computers that write there and whether this library has all of
    /// their changes; conflicts to settle.
    Status,
    /// Read the folder and write this library's changes to it now (every write command also does).
    Now {
        /// Also compact this computer's records into one snapshot file.
        #[arg(long)]
        compact: bool,
    },
    /// Rename this computer as the others show it.
    Rename { name: String },
    /// Settle a conflict (a deletion on one computer, an edit on another): keep the edit, or delete.
    Resolve {
        /// The conflict's key, as `sync status` prints it.
        key: String,
        #[arg(long, conflicts_with = "delete", required_unless_present = "delete")]
        keep: bool,
        #[arg(long)]
        delete: bool,
    },
    /// Stop syncing. The library keeps everything; the folder keeps its files for the other computers.
    Leave,
}

fn print_report(r: &SyncReport) {
    println!(
        "synced: {} records read, {} written, {} rows of this library changed{} ({} ms)",
        r.read,
        r.written,
        r.changed,
        if r.compacted { ", compacted" } else { "" },
        r.milliseconds
    );
    if r.conflicts > 0 {
        println!("{} conflict(s) to settle: see matinee-cli sync status", r.conflicts);
    }
}

fn print_status(s: &SyncStatus) {
    println!("folder: {}{}", s.folder, if s.folder_present { "" } else { " (not there now)" });
    println!("this computer: {} ({})", s.name, s.device);
    println!("last sync: {}", s.last_sync_at.as_deref().unwrap_or("never"));
    if s.unsent > 0 {
        println!("changes not yet in the folder: {}", s.unsent);
    }
    for c in s.computers.iter().filter(|c| !c.this) {
        let state =
            if c.up_to_date { "up to date".to_owned() } else { format!("{} bytes not merged yet", c.unread_bytes) };
        println!("  {} ({}): last wrote {}, {state}", c.name, c.device, c.last_wrote_at.as_deref().unwrap_or("never"));
    }
    if s.computers.len() == 1 {
        println!("  no other computer writes to this folder yet");
    }
    for c in &s.conflicts {
        println!(
            "conflict: {} was deleted on {} ({}) and changed on {}: kept '{}'. Settle it with: matinee-cli sync resolve '{}' --keep|--delete",
            c.what, c.deleted_by, c.deleted_at, c.kept_by, c.kept, c.key
        );
    }
}

pub fn run(ctx: &mut Context, SyncFamily::Sync(command): SyncFamily) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        SyncCommand::Folder { dir, name } => answer(json, &matinee.sync_folder(&dir, name.as_deref())?, print_report),
        SyncCommand::Status => match matinee.sync_status()? {
            Some(status) => answer(json, &status, print_status),
            None => answer(json, &serde_json::Value::Null, |_| {
                println!("This library does not sync. Start with: matinee-cli sync folder DIR")
            }),
        },
        SyncCommand::Now { compact } => answer(json, &matinee.sync_now(compact)?, print_report),
        SyncCommand::Rename { name } => {
            matinee.sync_rename(&name)?;
            answer(json, &matinee.sync_now(false)?, print_report);
        }
        SyncCommand::Resolve { key, keep, .. } => answer(json, &matinee.sync_resolve(&key, keep)?, print_report),
        SyncCommand::Leave => {
            let was = matinee.sync_leave()?;
            answer(json, &serde_json::json!({ "left": was }), |_| {
                println!("{}", if was { "This library no longer syncs." } else { "This library was not syncing." })
            });
        }
    }
    Ok(())
}

/// After a command that wrote to the library: its changes go to the folder. A sync that fails is said on
/// standard error; the change itself is saved, so the command still succeeds.
pub fn after_write(ctx: &mut Context) {
    let Some(matinee) = ctx.opened() else { return };
    if matinee.library_rows_written() == 0 || !matches!(matinee.sync_config(), Ok(Some(_))) {
        return;
    }
    if let Err(e) = matinee.sync_now(false) {
        eprintln!("matinee-cli: the change is saved here but was not synced: {e}");
    }
}
