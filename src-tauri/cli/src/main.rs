//! matinee-cli: Matinee's library and catalogue from a terminal, for scripts, backups and headless machines.
//! Every command works on the same data folder as the app; `--json` gives a machine-readable answer.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use matinee_core::model::{FilmCard, FilmSummary, SearchQuery};
use matinee_core::{CoreError, DataDir, Matinee, Rating};
use serde::Serialize;

/// Matinee from a terminal. FILM is a film key (mt:white-god-2014), an IMDb id (tt0068646), or a title with an
/// optional year: "White God (2014)". An ambiguous title lists the candidates and changes nothing.
///
/// Exit status: 0 done; 1 an error; 2 bad usage; 3 no such film; 4 ambiguous film; 5 invalid input.
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

#[derive(Subcommand)]
enum Command {
    /// Search the catalogue by title (case and diacritics folded, prefix matching).
    Search {
        /// Words to find; empty lists everything.
        text: Option<String>,
        /// Only films of this genre, e.g. Drama.
        #[arg(long)]
        genre: Option<String>,
        /// Only films from this country (ISO code, e.g. KR).
        #[arg(long)]
        country: Option<String>,
        /// Only films of this decade, e.g. 1990.
        #[arg(long)]
        decade: Option<i32>,
        /// How many results to print.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show a film's card.
    Show { film: String },
    /// Add to, remove from or list the watchlist.
    #[command(subcommand)]
    Watchlist(WatchlistCommand),
    /// Rate a film: 3.5/5 (stars in halves), 7/10 or 70/100; --clear removes the rating.
    Rate {
        film: String,
        /// The rating, e.g. 3.5/5.
        #[arg(required_unless_present = "clear", conflicts_with = "clear")]
        rating: Option<String>,
        #[arg(long)]
        clear: bool,
    },
    /// Print a film's note, or replace it with TEXT (an empty TEXT removes it).
    Note { film: String, text: Option<String> },
    /// Import or list take packs.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Print where Matinee keeps its files.
    Where,
}

#[derive(Subcommand)]
enum WatchlistCommand {
    /// Put a film on the watchlist.
    Add { film: String },
    /// Take a film off the watchlist.
    Remove { film: String },
    /// List the watchlist, most recently added first.
    List,
}

#[derive(Subcommand)]
enum PackCommand {
    /// Validate a take pack file and add it to the catalogue (docs/take-pack.md).
    Import { file: PathBuf },
    /// List the packs in the catalogue.
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e, json),
    }
}

fn report(error: &CoreError, json: bool) -> ExitCode {
    let (kind, code) = match error {
        CoreError::NotFound { .. } => ("not_found", 3),
        CoreError::Ambiguous { .. } => ("ambiguous", 4),
        CoreError::Invalid { .. } | CoreError::Pack { .. } => ("invalid_input", 5),
        CoreError::LibraryUnusable { .. } => ("library_unavailable", 1),
        CoreError::Db(_) | CoreError::Io { .. } => ("storage", 1),
    };
    let candidates = match error {
        CoreError::Ambiguous { candidates, .. } => candidates.clone(),
        _ => Vec::new(),
    };
    if json {
        let body = serde_json::json!({ "kind": kind, "message": error.to_string(), "candidates": candidates });
        eprintln!("{body}");
    } else {
        eprintln!("matinee-cli: {error}");
        for c in &candidates {
            eprintln!("  {c}");
        }
    }
    ExitCode::from(code)
}

fn print_json<T: Serialize>(value: &T) {
    let text = serde_json::to_string_pretty(value).expect("values of the core always serialise");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

fn run(cli: Cli) -> Result<(), CoreError> {
    let dir = DataDir::resolve(cli.data_dir);
    if let Command::Where = cli.command {
        let paths = dir.describe();
        if cli.json {
            print_json(&paths);
        } else {
            println!("data folder  {}", paths.data_dir);
            println!("library      {}", paths.library);
            println!("catalogue    {}", paths.catalogue);
            println!("packs        {}", paths.packs);
            println!("backups      {}", paths.backups);
            println!("settings     {}", paths.settings);
        }
        return Ok(());
    }
    let mut matinee = Matinee::open(dir)?;
    for notice in matinee.notices() {
        eprintln!("matinee-cli: {notice}");
    }
    let json = cli.json;
    match cli.command {
        Command::Where => unreachable!("handled before opening the stores"),
        Command::Search { text, genre, country, decade, limit } => {
            let page = matinee.search(&SearchQuery {
                text: text.unwrap_or_default(),
                genre,
                country,
                decade,
                limit: Some(limit),
                offset: None,
            })?;
            if json {
                print_json(&page);
            } else {
                for film in &page.films {
                    println!("{}", summary_line(film));
                }
                println!("{} of {} films", page.films.len(), page.total);
            }
        }
        Command::Show { film } => {
            let key = matinee.resolve(&film)?;
            let card = matinee.film(key.as_str())?;
            if json {
                print_json(&card);
            } else {
                print_card(&card);
            }
        }
        Command::Watchlist(WatchlistCommand::Add { film }) => {
            let key = matinee.resolve(&film)?;
            matinee.watchlist_set(key.as_str(), true)?;
            done(json, &key, "added to the watchlist");
        }
        Command::Watchlist(WatchlistCommand::Remove { film }) => {
            let key = matinee.resolve(&film)?;
            matinee.watchlist_set(key.as_str(), false)?;
            done(json, &key, "removed from the watchlist");
        }
        Command::Watchlist(WatchlistCommand::List) => {
            let list = matinee.watchlist()?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                println!("The watchlist is empty. Add a film with: matinee-cli watchlist add FILM");
            } else {
                for film in &list {
                    println!("{}", summary_line(film));
                }
            }
        }
        Command::Rate { film, rating, clear } => {
            let key = matinee.resolve(&film)?;
            let value = if clear {
                None
            } else {
                let text = rating.expect("clap requires a rating unless --clear");
                Some(i64::from(Rating::parse(&text)?.value()))
            };
            let part = matinee.rating_set(key.as_str(), value)?;
            if json {
                print_json(&serde_json::json!({ "key": key, "rating": part.rating }));
            } else {
                match part.rating {
                    Some(v) => println!("{key}: rated {} ({v}/100)", stars(v)),
                    None => println!("{key}: rating cleared"),
                }
            }
        }
        Command::Note { film, text } => {
            let key = matinee.resolve(&film)?;
            match text {
                Some(text) => {
                    let part = matinee.note_set(key.as_str(), &text)?;
                    if json {
                        print_json(&serde_json::json!({ "key": key, "note": part.note }));
                    } else if part.note.is_empty() {
                        println!("{key}: note removed");
                    } else {
                        println!("{key}: note saved");
                    }
                }
                None => {
                    let card = matinee.film(key.as_str())?;
                    if json {
                        print_json(&serde_json::json!({ "key": key, "note": card.user.note }));
                    } else {
                        println!("{}", card.user.note);
                    }
                }
            }
        }
        Command::Pack(PackCommand::Import { file }) => {
            let info = matinee.pack_import(&file)?;
            if json {
                print_json(&info);
            } else {
                println!("imported {} {} by {}: {} films", info.name, info.version, info.author, info.films);
            }
        }
        Command::Pack(PackCommand::List) => {
            let packs = matinee.pack_list()?;
            if json {
                print_json(&packs);
            } else {
                for p in &packs {
                    let origin = if p.builtin { "built in" } else { "imported" };
                    println!(
                        "{:<24} {:<8} {:>5} films  {} ({origin}, {})",
                        p.id, p.version, p.films, p.author, p.licence
                    );
                }
            }
        }
    }
    Ok(())
}

fn done(json: bool, key: &matinee_core::model::FilmKey, what: &str) {
    if json {
        print_json(&serde_json::json!({ "key": key, "done": what }));
    } else {
        println!("{key}: {what}");
    }
}

/// 70 -> "★★★½ 3.5/5"
fn stars(value: u32) -> String {
    let halves = (value + 5) / 10;
    let mut s = "★".repeat((halves / 2) as usize);
    if halves % 2 == 1 {
        s.push('½');
    }
    format!("{s} {}/5", halves as f32 / 2.0)
}

fn summary_line(film: &FilmSummary) -> String {
    let year = film.year.map(|y| format!(" ({y})")).unwrap_or_default();
    let score =
        film.score.as_ref().map(|s| format!("{:>4.1}", s.tenths as f32 / 10.0)).unwrap_or_else(|| "   -".into());
    let mut marks = String::new();
    if film.on_watchlist {
        marks.push_str("  [watchlist]");
    }
    if let Some(r) = film.rating {
        marks.push_str(&format!("  [rated {}]", stars(r)));
    }
    format!("{score}  {}{year}  {}{marks}", film.title, film.key)
}

fn print_card(card: &FilmCard) {
    let names = |v: &[matinee_core::model::Named]| v.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
    let people =
        |v: &[matinee_core::model::PersonRef]| v.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
    println!("{} ({})  {}", card.title, card.year, card.key);
    if let Some(o) = &card.original_title {
        println!("  original title  {o}");
    }
    if let Some(s) = &card.score {
        println!("  score           {:.1} ({})", s.tenths as f32 / 10.0, s.source);
    }
    println!("  kind            {}", card.kind.as_str());
    for (label, value) in [
        ("countries", names(&card.countries)),
        ("languages", names(&card.languages)),
        ("genres", card.genres.join(", ")),
        ("directed by", people(&card.directors)),
        ("cast", people(&card.cast)),
        ("runtime", card.runtime_minutes.map(|m| format!("{m} min")).unwrap_or_default()),
    ] {
        if !value.is_empty() {
            println!("  {label:<15} {value}");
        }
    }
    if let Some(s) = &card.synopsis {
        println!("\nWhat it's about\n  {s}");
    }
    for take in &card.takes {
        println!("\nThe take ({}, {:.1})\n  {}", take.author, take.score_tenths as f32 / 10.0, take.text);
    }
    println!("\nYours");
    println!("  watchlist       {}", if card.user.on_watchlist { "yes" } else { "no" });
    println!("  rating          {}", card.user.rating.map(stars).unwrap_or_else(|| "none".into()));
    if !card.user.note.is_empty() {
        println!("  note            {}", card.user.note);
    }
    if !card.related.is_empty() {
        println!("\nMore like this");
        for r in &card.related {
            println!("  {}  — {}", summary_line(&r.film), r.reason);
        }
    }
}
