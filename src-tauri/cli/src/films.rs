//! Films: search the catalogue, show a card, the watchlist, ratings and film notes.

use clap::{Args, Subcommand};
use matinee_core::model::{FacetValue, FilmCard, FilmKind, Named, PersonRef, SearchQuery, SeenFilter};
use matinee_core::{CoreError, Matinee, Rating};

use crate::context::Context;
use crate::output::{answer, done, print_json, stars, summary_line};

#[derive(Subcommand)]
pub enum FilmCommand {
    /// Search the catalogue by title (case and diacritics folded, prefix matching).
    Search(SearchArgs),
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
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find; empty lists everything.
    text: Vec<String>,
    /// Only films of this genre, e.g. Drama.
    #[arg(long)]
    genre: Option<String>,
    /// Only films from this country (ISO code, e.g. KR).
    #[arg(long)]
    country: Option<String>,
    /// Only films of this decade, e.g. 1990.
    #[arg(long)]
    decade: Option<i32>,
    /// Only films with this tag of yours.
    #[arg(long)]
    tag: Option<String>,
    /// Only this kind: movie, tv-movie, show, miniseries, special, short, video.
    #[arg(long)]
    kind: Option<String>,
    /// Only films with at least this many IMDb votes.
    #[arg(long)]
    min_votes: Option<u32>,
    /// Only films scored at least this, out of 10 (e.g. 7.5).
    #[arg(long)]
    min_score: Option<f32>,
    /// Runtime range in minutes.
    #[arg(long)]
    min_runtime: Option<u32>,
    #[arg(long)]
    max_runtime: Option<u32>,
    /// Only films you have not seen (no viewing, no rating).
    #[arg(long, conflicts_with_all = ["seen", "watchlist"])]
    unseen: bool,
    /// Only films you have seen.
    #[arg(long, conflicts_with = "watchlist")]
    seen: bool,
    /// Only films on your watchlist.
    #[arg(long)]
    watchlist: bool,
    /// Print how many films have each kind, genre and decade.
    #[arg(long)]
    facets: bool,
    /// How many results to print.
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

#[derive(Subcommand)]
pub enum WatchlistCommand {
    /// Put a film on the watchlist.
    Add { film: String },
    /// Take a film off the watchlist.
    Remove { film: String },
    /// List the watchlist, most recently added first.
    List,
}

pub fn run(ctx: &mut Context, command: FilmCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        FilmCommand::Search(args) => search(matinee, json, args)?,
        FilmCommand::Show { film } => {
            let key = matinee.resolve(&film)?;
            answer(json, &matinee.film(key.as_str())?, print_card);
        }
        FilmCommand::Watchlist(WatchlistCommand::Add { film }) => {
            let key = matinee.resolve(&film)?;
            matinee.watchlist_set(key.as_str(), true)?;
            done(json, &key, "added to the watchlist");
        }
        FilmCommand::Watchlist(WatchlistCommand::Remove { film }) => {
            let key = matinee.resolve(&film)?;
            matinee.watchlist_set(key.as_str(), false)?;
            done(json, &key, "removed from the watchlist");
        }
        FilmCommand::Watchlist(WatchlistCommand::List) => answer(json, &matinee.watchlist(None)?, |list| {
            if list.is_empty() {
                println!("The watchlist is empty. Add a film with: matinee-cli watchlist add FILM");
            }
            for film in list {
                println!("{}", summary_line(film));
            }
        }),
        FilmCommand::Rate { film, rating, clear } => {
            let key = matinee.resolve(&film)?;
            let value = if clear {
                None
            } else {
                let text = rating.expect("clap requires a rating unless --clear");
                Some(i64::from(Rating::parse(&text)?.value()))
            };
            let part = matinee.rating_set(key.as_str(), value)?;
            answer(json, &serde_json::json!({ "key": key, "rating": part.rating }), |_| match part.rating {
                Some(v) => println!("{key}: rated {} ({v}/100)", stars(v)),
                None => println!("{key}: rating cleared"),
            });
        }
        FilmCommand::Note { film, text: Some(text) } => {
            let key = matinee.resolve(&film)?;
            let part = matinee.note_set(key.as_str(), &text)?;
            answer(json, &serde_json::json!({ "key": key, "note": part.note }), |_| {
                println!("{key}: note {}", if part.note.is_empty() { "removed" } else { "saved" })
            });
        }
        FilmCommand::Note { film, text: None } => {
            let key = matinee.resolve(&film)?;
            let card = matinee.film(key.as_str())?;
            answer(json, &serde_json::json!({ "key": key, "note": card.user.note }), |_| {
                println!("{}", card.user.note)
            });
        }
    }
    Ok(())
}

/// A film kind as typed: movie, tv-movie, show, miniseries, special, short or video.
pub fn parse_kind(k: &str) -> Result<FilmKind, CoreError> {
    FilmKind::parse(k).ok_or_else(|| {
        CoreError::invalid("kind", format!("'{k}' is not movie, tv-movie, show, miniseries, special, short or video"))
    })
}

fn search(matinee: &mut Matinee, json: bool, args: SearchArgs) -> Result<(), CoreError> {
    let kind = args.kind.as_deref().map(parse_kind).transpose()?;
    let seen = if args.unseen {
        Some(SeenFilter::Unseen)
    } else if args.seen {
        Some(SeenFilter::Seen)
    } else if args.watchlist {
        Some(SeenFilter::Watchlist)
    } else {
        None
    };
    let query = SearchQuery {
        text: args.text.join(" "),
        genre: args.genre,
        country: args.country,
        decade: args.decade,
        tag: args.tag,
        kind,
        min_runtime: args.min_runtime,
        max_runtime: args.max_runtime,
        min_score: args.min_score.map(|s| (s * 10.0).round().clamp(0.0, 1000.0) as u32),
        max_score: None,
        min_votes: args.min_votes,
        seen,
        limit: Some(args.limit),
        offset: None,
    };
    let mut page = matinee.search(&query)?;
    let facet_counts = if args.facets || !page.total_exact { Some(matinee.search_facets(&query)?) } else { None };
    // Scripts get the exact count: past the search's cap it comes from the filter counts.
    if let Some(f) = facet_counts.as_ref().filter(|_| !page.total_exact) {
        page.total = f.total;
        page.total_exact = true;
    }
    let facet_counts = facet_counts.filter(|_| args.facets);
    if json {
        match facet_counts {
            Some(f) => print_json(&serde_json::json!({ "page": page, "facets": f })),
            None => print_json(&page),
        }
        return Ok(());
    }
    if let Some(f) = &facet_counts {
        let show = |name: &str, values: &[FacetValue]| {
            let parts: Vec<String> = values.iter().take(12).map(|v| format!("{} {}", v.label, v.count)).collect();
            println!("{name:<8} {}", parts.join(" · "));
        };
        show("kinds", &f.kinds);
        show("genres", &f.genres);
        show("decades", &f.decades);
    }
    for film in &page.films {
        println!("{}", summary_line(film));
    }
    println!("{} of {} films", page.films.len(), page.total);
    Ok(())
}

fn print_card(card: &FilmCard) {
    let names = |v: &[Named]| v.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
    let people = |v: &[PersonRef]| v.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
    println!("{} ({})  {}", card.title, card.year, card.key);
    if let Some(o) = &card.original_title {
        println!("  original title  {o}");
    }
    if let Some(o) = &card.title_origin {
        let language = o.language.as_ref().map(|l| format!(", in {}", l.name)).unwrap_or_default();
        println!(
            "  title region    {}{language} (where IMDb lists the original title; no country stated)",
            o.region.name
        );
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
