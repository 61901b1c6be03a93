//! Tags on films, and the search of the user's notes.

use clap::Subcommand;
use matinee_core::CoreError;

use crate::context::Context;
use crate::output::{answer, films_count};

#[derive(Subcommand)]
pub enum TagsCommand {
    /// Tag films and list tags.
    #[command(subcommand)]
    Tag(TagCommand),
    /// Search your notes, viewing notes and list descriptions.
    #[command(subcommand)]
    Notes(NotesCommand),
}

#[derive(Subcommand)]
pub enum TagCommand {
    /// Put a tag on a film (tags ignore case).
    Add { film: String, tag: String },
    /// Take a tag off a film.
    Remove { film: String, tag: String },
    /// Rename a tag; renaming onto an existing tag merges the two.
    Rename { from: String, to: String },
    /// Print every tag with its number of films.
    List,
}

#[derive(Subcommand)]
pub enum NotesCommand {
    /// Find words in notes (case and accents ignored; every word must appear).
    Search { text: String },
}

pub fn run(ctx: &mut Context, command: TagsCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        TagsCommand::Tag(TagCommand::Add { film, tag }) => {
            let key = matinee.resolve(&film)?;
            let part = matinee.tag_add(key.as_str(), &tag)?;
            answer(json, &serde_json::json!({ "key": key, "tags": part.tags }), |_| {
                println!("{key}: tags {}", part.tags.join(", "))
            });
        }
        TagsCommand::Tag(TagCommand::Remove { film, tag }) => {
            let key = matinee.resolve(&film)?;
            let part = matinee.tag_remove(key.as_str(), &tag)?;
            answer(json, &serde_json::json!({ "key": key, "tags": part.tags }), |_| {
                println!("{key}: tags {}", if part.tags.is_empty() { "none".into() } else { part.tags.join(", ") })
            });
        }
        TagsCommand::Tag(TagCommand::Rename { from, to }) => {
            answer(json, &matinee.tag_rename(&from, &to)?, |_| println!("renamed '{from}' to '{to}'"));
        }
        TagsCommand::Tag(TagCommand::List) => answer(json, &matinee.tags()?, |tags| {
            if tags.is_empty() {
                println!("No tags yet. Tag a film with: matinee-cli tag add FILM TAG");
            }
            for t in tags {
                println!("{}  ({})", t.name, films_count(t.films));
            }
        }),
        TagsCommand::Notes(NotesCommand::Search { text }) => answer(json, &matinee.notes_search(&text)?, |hits| {
            if hits.is_empty() {
                println!("No note has all of: {text}");
            }
            for hit in hits {
                let place = match (&hit.film, &hit.list_name) {
                    (Some(f), Some(l)) => format!("{} in '{l}'", f.title),
                    (Some(f), None) => f.title.clone(),
                    (None, Some(l)) => format!("list '{l}'"),
                    (None, None) => String::new(),
                };
                let text: String =
                    hit.parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect();
                println!("{place}: {}", text.replace('\n', " "));
            }
        }),
    }
    Ok(())
}
