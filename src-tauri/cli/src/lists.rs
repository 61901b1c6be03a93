//! Lists: create, fill, reorder and show them.

use clap::Subcommand;
use matinee_core::model::ListDetail;
use matinee_core::CoreError;

use crate::context::Context;
use crate::output::{answer, films_count, year_suffix};

#[derive(Subcommand)]
pub enum ListsCommand {
    /// Create, fill, reorder and show lists.
    #[command(subcommand)]
    List(ListCommand),
}

#[derive(Subcommand)]
pub enum ListCommand {
    /// Create a list.
    Create {
        name: String,
        /// Films in this list have ranks.
        #[arg(long)]
        ranked: bool,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Add a film to a list, at the end or at a rank (later films move down).
    Add {
        name: String,
        film: String,
        #[arg(long, value_name = "N")]
        rank: Option<i64>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move a film to position N (1 is the top).
    Move { name: String, film: String, position: i64 },
    /// Take a film out of a list.
    Remove { name: String, film: String },
    /// Show a list with its films in order.
    Show { name: String },
    /// Print every list.
    All,
}

pub fn run(ctx: &mut Context, ListsCommand::List(command): ListsCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    let detail = match command {
        ListCommand::Create { name, ranked, description } => {
            answer(json, &matinee.list_create(&name, &description, ranked)?, |list| {
                println!("created {}list '{}'", if list.ranked { "ranked " } else { "" }, list.name)
            });
            return Ok(());
        }
        ListCommand::All => {
            answer(json, &matinee.lists()?, |lists| {
                if lists.is_empty() {
                    println!("No lists yet. Create one with: matinee-cli list create NAME [--ranked]");
                }
                for l in lists {
                    println!("{}  ({}{})", l.name, films_count(l.films), if l.ranked { ", ranked" } else { "" });
                }
            });
            return Ok(());
        }
        ListCommand::Add { name, film, rank, note } => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            matinee.list_add(id, key.as_str(), rank, &note)?
        }
        ListCommand::Move { name, film, position } => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            matinee.list_move(id, key.as_str(), position)?
        }
        ListCommand::Remove { name, film } => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            matinee.list_remove(id, key.as_str())?
        }
        ListCommand::Show { name } => {
            let id = matinee.list_named(&name)?;
            matinee.list_get(id)?
        }
    };
    answer(json, &detail, print_list);
    Ok(())
}

fn print_list(detail: &ListDetail) {
    let l = &detail.list;
    println!("{}{}  ({})", l.name, if l.ranked { ", ranked" } else { "" }, films_count(l.films));
    if !l.description.is_empty() {
        println!("  {}", l.description);
    }
    for e in &detail.entries {
        let rank = if l.ranked { format!("{:>3}. ", e.position) } else { "   - ".into() };
        let note = if e.note.is_empty() { String::new() } else { format!("  — {}", e.note) };
        println!("{rank}{}{}  {}{note}", e.film.title, year_suffix(e.film.year), e.film.key);
    }
}
