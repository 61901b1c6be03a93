//! Your own pack: takes, synopses and curated links of your own, and the name they are signed with
//! (`pack export` writes them as a take pack).

use clap::Subcommand;
use matinee_core::CoreError;

use crate::context::Context;
use crate::output::{answer, done};

#[derive(Subcommand)]
pub enum TakesCommand {
    /// Write your take on a film (--text, --line and --score together) and/or your synopsis; with no option,
    /// print them; --clear removes both.
    Take {
        film: String,
        /// The take: a short review, no spoilers.
        #[arg(long)]
        text: Option<String>,
        /// Its one-line version for small cards (at most 120 characters).
        #[arg(long)]
        line: Option<String>,
        /// Your score out of 10, with at most one decimal (8.5).
        #[arg(long, allow_negative_numbers = true)]
        score: Option<f64>,
        /// "What it's about", in your words.
        #[arg(long)]
        synopsis: Option<String>,
        #[arg(long, conflicts_with_all = ["text", "line", "score", "synopsis"])]
        clear: bool,
    },
    /// Your curated "more like this" links between films.
    #[command(subcommand)]
    Link(LinkCommand),
    /// Print or set the name your takes are signed with.
    Author { name: Option<String> },
}

#[derive(Subcommand)]
pub enum LinkCommand {
    /// Put TO on FROM's "More like this" shelf, because REASON.
    Add {
        from: String,
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove a link of yours.
    Remove { from: String, to: String },
}

pub fn run(ctx: &mut Context, command: TakesCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        TakesCommand::Take { film, clear, text, line, score, synopsis } => {
            let key = matinee.resolve(&film)?;
            let had = matinee.film(key.as_str())?.user.take.unwrap_or_default();
            if clear {
                matinee.take_set(key.as_str(), "", "", None, "")?;
                done(json, &key, "take and synopsis removed");
                return Ok(());
            }
            if text.is_none() && line.is_none() && score.is_none() && synopsis.is_none() {
                answer(json, &serde_json::json!({ "key": key, "take": had }), |_| {
                    match (&had.text, &had.line, had.score_tenths) {
                        (Some(t), Some(l), Some(s)) => println!("{}.{}/10  {l}\n\n{t}", s / 10, s % 10),
                        _ => println!("No take of yours yet."),
                    }
                    if let Some(s) = &had.synopsis {
                        println!("\nWhat it's about: {s}");
                    }
                });
                return Ok(());
            }
            let score = match score {
                None => had.score_tenths.map(i64::from),
                Some(s) if !s.is_finite() || (s * 10.0).fract().abs() > 1e-6 => {
                    return Err(CoreError::invalid("score", "a score is 0 to 10 with at most one decimal"))
                }
                Some(s) => Some((s * 10.0).round() as i64),
            };
            let text = text.or(had.text).unwrap_or_default();
            let line = line.or(had.line).unwrap_or_default();
            let synopsis = synopsis.or(had.synopsis).unwrap_or_default();
            let part = matinee.take_set(key.as_str(), &text, &line, score, &synopsis)?;
            answer(json, &serde_json::json!({ "key": key, "take": part.take }), |_| println!("{key}: take saved"));
        }
        TakesCommand::Link(LinkCommand::Add { from, to, reason }) => {
            let (from, to) = (matinee.resolve(&from)?, matinee.resolve(&to)?);
            matinee.link_add(from.as_str(), to.as_str(), &reason)?;
            answer(json, &serde_json::json!({ "from": from, "to": to, "reason": reason.trim() }), |_| {
                println!("{from} → {to}: linked")
            });
        }
        TakesCommand::Link(LinkCommand::Remove { from, to }) => {
            let (from, to) = (matinee.resolve(&from)?, matinee.resolve(&to)?);
            matinee.link_remove(from.as_str(), to.as_str())?;
            answer(json, &serde_json::json!({ "from": from, "to": to, "done": "removed" }), |_| {
                println!("{from} → {to}: link removed")
            });
        }
        TakesCommand::Author { name: Some(name) } => answer(json, &matinee.author_set(&name)?, |p| {
            println!("takes signed {}", p.author.as_deref().unwrap_or(""))
        }),
        TakesCommand::Author { name: None } => answer(json, &matinee.own_pack()?, |p| match &p.author {
            Some(a) => println!("{a}: {} takes, {} links; last exported as version {}", p.takes, p.links, p.version),
            None => println!("No name yet. Sign your takes with: matinee-cli author NAME"),
        }),
    }
    Ok(())
}
