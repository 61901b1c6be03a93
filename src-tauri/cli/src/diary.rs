//! The diary: log a viewing, print the diary by month.

use clap::Subcommand;
use matinee_core::model::{DiaryQuery, ViewingInput};
use matinee_core::{CoreError, Rating};

use crate::context::Context;
use crate::output::{answer, stars, year_suffix};

#[derive(Subcommand)]
pub enum DiaryCommand {
    /// Log a viewing in the diary (a rewatch is detected from earlier viewings unless --rewatch says so).
    Log {
        film: String,
        /// The local date watched, YYYY-MM-DD (default: today). Use --no-date when it is not known.
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "no_date")]
        date: Option<String>,
        /// The date is not known.
        #[arg(long)]
        no_date: bool,
        /// The rating at this viewing: 4/5, 8/10 or 80/100.
        #[arg(long)]
        rating: Option<String>,
        /// Mark it as a rewatch.
        #[arg(long)]
        rewatch: bool,
        /// A short note on this viewing.
        #[arg(long, default_value = "")]
        note: String,
        /// Where or how it was watched.
        #[arg(long, default_value = "")]
        place: String,
    },
    /// Print the diary, newest first, grouped by month.
    Diary {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
}

pub fn run(ctx: &mut Context, command: DiaryCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        DiaryCommand::Log { film, date, no_date, rating, rewatch, note, place } => {
            let key = matinee.resolve(&film)?;
            let input = ViewingInput {
                // Today in local time, as the diary's dates are written.
                watched_on: if no_date {
                    None
                } else {
                    Some(date.unwrap_or_else(|| matinee_core::library::today().to_string()))
                },
                rating: rating.map(|r| Rating::parse(&r).map(|v| i64::from(v.value()))).transpose()?,
                rewatch: rewatch.then_some(true),
                note,
                place,
            };
            answer(json, &matinee.viewing_log(key.as_str(), &input)?, |viewing| {
                let when = viewing.watched_on.clone().unwrap_or_else(|| "an unknown date".into());
                let again = if viewing.rewatch { " (rewatch)" } else { "" };
                println!("{key}: logged on {when}{again}");
            });
        }
        DiaryCommand::Diary { year } => {
            answer(json, &matinee.diary(&DiaryQuery { year, ..DiaryQuery::default() })?, |diary| {
                if diary.total == 0 {
                    let period = year.map(|y| format!(" for {y}")).unwrap_or_default();
                    println!("The diary is empty{period}. Log a viewing with: matinee-cli log FILM");
                    return;
                }
                for month in &diary.months {
                    println!("{} ({})", month.month.as_deref().unwrap_or("date unknown"), month.entries.len());
                    for e in &month.entries {
                        let v = &e.viewing;
                        let rating = v.rating.map(|r| format!("  {}", stars(r))).unwrap_or_default();
                        let again = if v.rewatch { "  ↻" } else { "" };
                        let year = year_suffix(e.film.year);
                        let date = v.watched_on.as_deref().unwrap_or("----------");
                        println!("  {date}  {}{year}{rating}{again}", e.film.title);
                        if !v.note.is_empty() {
                            println!("              {}", v.note);
                        }
                    }
                }
                println!("{} viewings", diary.total);
            });
        }
    }
    Ok(())
}
