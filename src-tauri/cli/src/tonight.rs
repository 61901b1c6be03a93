//! Tonight: picks for the evening with their reasons, and the films set aside with "Not tonight".

use clap::{Args, Subcommand};
use matinee_core::model::{FilmKey, TonightPicks, TonightQuery};
use matinee_core::{runtime_words, CoreError, NOT_TONIGHT_DAYS};

use crate::context::Context;
use crate::output::{answer, done, year_suffix};

#[derive(Subcommand)]
pub enum TonightCommand {
    /// Pick films for tonight, each with the reasons it fits. Every constraint is optional; repeated --genre,
    /// --not-genre and --tag options combine (any of the genres and tags, none of the left-out genres).
    Tonight(Box<TonightArgs>),
    /// Set a film aside from the picks for a while (30 days unless --days says otherwise), let it back with
    /// --clear, or list the films set aside with --list.
    NotTonight {
        /// The film to set aside (or let back with --clear).
        #[arg(required_unless_present = "list")]
        film: Option<String>,
        /// How many days to set it aside for.
        #[arg(long, conflicts_with_all = ["clear", "list"])]
        days: Option<u32>,
        /// Let the film be picked again.
        #[arg(long, conflicts_with = "list")]
        clear: bool,
        /// List the films set aside, soonest back first.
        #[arg(long)]
        list: bool,
    },
    /// Discover's "For you": films like the ones you rated highly, watchlist films for an evening (or, with
    /// nothing to go on yet, the starter pack's curated picks), each with its reasons.
    ForYou,
    /// Someone to watch with: their watchlist (and seen films) from their export, kept apart from your films.
    #[command(subcommand)]
    Companion(CompanionCommand),
}

#[derive(Subcommand)]
pub enum CompanionCommand {
    /// Read NAME's export (a Letterboxd zip or watchlist.csv, an IMDb watchlist CSV, a Trakt export, a Matinee
    /// library file); a name read again is replaced.
    Add { name: String, file: std::path::PathBuf },
    /// List the companions with how many films each brings.
    List,
    /// Forget a companion and their films.
    Remove { name: String },
}

#[derive(Args)]
pub struct TonightArgs {
    /// The time there is, in minutes: no film runs longer.
    #[arg(long, value_name = "MIN", allow_negative_numbers = true)]
    max_runtime: Option<i64>,
    /// Only films you have not seen (no viewing, no rating).
    #[arg(long)]
    unseen: bool,
    /// Only films on your watchlist (else the whole catalogue).
    #[arg(long)]
    watchlist: bool,
    /// A genre wanted, e.g. Drama (repeat for any of several).
    #[arg(long = "genre", value_name = "G")]
    genres: Vec<String>,
    /// A genre left out (repeatable).
    #[arg(long = "not-genre", value_name = "G")]
    not_genres: Vec<String>,
    /// The original language: an ISO 639 code (ko) or a name (Korean).
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
    /// A country: an ISO 3166 code (KR) or a name.
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// A decade, by its first year: 1990.
    #[arg(long, allow_negative_numbers = true)]
    decade: Option<i32>,
    /// The earliest year.
    #[arg(long, allow_negative_numbers = true)]
    year_from: Option<i32>,
    /// The latest year.
    #[arg(long, allow_negative_numbers = true)]
    year_to: Option<i32>,
    /// The lowest score, out of 10 (e.g. 7.5).
    #[arg(long, allow_negative_numbers = true)]
    min_score: Option<f64>,
    /// The fewest IMDb votes.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    min_votes: Option<i64>,
    /// Only this kind: movie, tv-movie, show, miniseries, special, short, video.
    #[arg(long)]
    kind: Option<String>,
    /// A tag of yours (repeat for any of several).
    #[arg(long = "tag", value_name = "T")]
    tags: Vec<String>,
    /// Something like this film.
    #[arg(long, value_name = "FILM")]
    like: Option<String>,
    /// How many picks (1 to 12).
    #[arg(long, default_value_t = 3)]
    count: u32,
    /// The seed of the draw: the same seed on the same library and catalogue gives the same picks.
    #[arg(long, value_name = "N")]
    seed: Option<u32>,
    /// A film not to pick (repeatable): those shown last time, for others.
    #[arg(long, value_name = "FILM")]
    exclude: Vec<String>,
    /// Watching with someone: a companion's name, or their export file (read for this once): films on both
    /// watchlists that neither has seen, else films on either watchlist that neither has seen.
    #[arg(long, value_name = "NAME|FILE")]
    with: Option<String>,
}

pub fn run(ctx: &mut Context, command: TonightCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        TonightCommand::Tonight(args) => {
            let args = *args;
            let min_score = match args.min_score {
                None => None,
                Some(s) if !s.is_finite() => {
                    return Err(CoreError::invalid("min_score", "a score is a number, 0 to 10"))
                }
                Some(s) => Some((s * 10.0).round().clamp(-1e6, 1e6) as i64),
            };
            let exclude = args.exclude.iter().map(|f| matinee.resolve(f)).collect::<Result<Vec<FilmKey>, _>>()?;
            let query = TonightQuery {
                max_runtime: args.max_runtime,
                unseen: args.unseen,
                watchlist: args.watchlist,
                genres: args.genres,
                not_genres: args.not_genres,
                language: args.language,
                country: args.country,
                decade: args.decade,
                year_from: args.year_from,
                year_to: args.year_to,
                min_score,
                min_votes: args.min_votes,
                kind: args.kind.as_deref().map(crate::films::parse_kind).transpose()?,
                tags: args.tags,
                like: args.like,
                count: Some(args.count),
                seed: args.seed,
                exclude,
                rating_scale: None,
                with: None,
            };
            let picks = match args.with {
                None => matinee.tonight(&query)?,
                // A file or folder on disk is read for this once; anything else names a companion.
                Some(file) if std::path::Path::new(&file).exists() => {
                    let path = std::path::Path::new(&file);
                    let files = matinee_core::import::read_path(path)?;
                    let name = path.file_stem().map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
                    let films = matinee.companion_films_of(files, &path.display().to_string())?;
                    let films = films.into_iter().map(|f| (f.key, f.on_watchlist, f.seen)).collect();
                    matinee.tonight_with(&query, Some(matinee_core::CompanionFilms { name, films }))?
                }
                Some(name) => matinee.tonight(&TonightQuery { with: Some(name), ..query })?,
            };
            answer(json, &picks, print_picks);
        }
        TonightCommand::ForYou => answer(json, &matinee.for_you(Default::default())?, |shelves| {
            for shelf in shelves {
                println!("{}", shelf.title);
                for s in &shelf.films {
                    println!("  {}{}  {}", s.film.title, year_suffix(s.film.year), s.film.key);
                    for r in &s.reasons {
                        println!("    - {r}");
                    }
                }
                println!();
            }
        }),
        TonightCommand::Companion(CompanionCommand::Add { name, file }) => {
            let files = matinee_core::import::read_path(&file)?;
            let c = matinee.companion_add(&name, files, &file.display().to_string())?;
            answer(json, &c, |c| {
                println!(
                    "{}: {} films on the watchlist ({} in the catalogue), {} seen, from {}",
                    c.name, c.watchlist, c.watchlist_in_catalogue, c.seen, c.source
                )
            });
        }
        TonightCommand::Companion(CompanionCommand::List) => answer(json, &matinee.companion_list()?, |list| {
            if list.is_empty() {
                println!("No companion yet. Add one with: matinee-cli companion add NAME THEIR-EXPORT");
            }
            for c in list {
                println!(
                    "{:<20} {:>5} on the watchlist ({} in the catalogue)  {:>5} seen",
                    c.name, c.watchlist, c.watchlist_in_catalogue, c.seen
                );
            }
        }),
        TonightCommand::Companion(CompanionCommand::Remove { name }) => {
            matinee.companion_remove(&name)?;
            answer(json, &serde_json::json!({ "name": name, "done": "removed" }), |_| println!("{name}: removed"));
        }
        TonightCommand::NotTonight { list: true, .. } => answer(json, &matinee.not_tonight_list()?, |list| {
            if list.is_empty() {
                println!("No film is set aside. Set one aside with: matinee-cli not-tonight FILM");
            }
            for n in list {
                println!("{}{}  {}  back on {}", n.title, year_suffix(n.year), n.key, n.until);
            }
        }),
        TonightCommand::NotTonight { film, clear: true, .. } => {
            let key = matinee.resolve(&film.expect("clap requires a film unless --list"))?;
            let was = matinee.not_tonight_clear(key.as_str())?;
            done(json, &key, if was { "may be picked again" } else { "was not set aside" });
        }
        TonightCommand::NotTonight { film, days, .. } => {
            let key = matinee.resolve(&film.expect("clap requires a film unless --list"))?;
            let set = matinee.not_tonight(key.as_str(), days.or(Some(NOT_TONIGHT_DAYS)))?;
            answer(json, &set, |n| println!("{}: not picked until {}", n.key, n.until));
        }
    }
    Ok(())
}

fn print_picks(result: &TonightPicks) {
    if result.picks.is_empty() {
        println!("No film fits all of that tonight{}. Try fewer constraints.", hidden_note(result.hidden));
        return;
    }
    let more = if result.pool_capped { "+" } else { "" };
    match result.both_watchlists {
        Some(true) => println!("On both watchlists, seen by neither of you."),
        Some(false) => {
            println!("No film on both watchlists fits, so these are on one of them, seen by neither of you.")
        }
        None => {}
    }
    println!(
        "Tonight, from {}{more} {} that fit{} (seed {}):",
        result.candidates,
        if result.candidates == 1 { "film" } else { "films" },
        hidden_note(result.hidden),
        result.seed
    );
    for (i, pick) in result.picks.iter().enumerate() {
        let film = &pick.film;
        let mut facts = vec![film.key.to_string()];
        if let Some(m) = pick.runtime_minutes {
            facts.push(runtime_words(m));
        }
        if let Some(s) = &film.score {
            facts.push(format!("{}.{}", s.tenths / 10, s.tenths % 10));
        }
        println!("\n{}. {}{}  ({})", i + 1, film.title, year_suffix(film.year), facts.join(" · "));
        for reason in &pick.reasons {
            println!("   - {}", reason.text);
        }
    }
}

fn hidden_note(hidden: u32) -> String {
    match hidden {
        0 => String::new(),
        1 => ", leaving out 1 film set aside".into(),
        n => format!(", leaving out {n} films set aside"),
    }
}

/// One constraint of the benchmark's random sets, with the same condition as SQL for the sqlite3 CLI's peer run.
fn bench_constraint(rng: &mut fastrand::Rng, kind: usize, genres: &[(i64, String)], q: &mut TonightQuery) -> String {
    let (id, name) = &genres[rng.usize(..genres.len().min(12))];
    match kind {
        0 => {
            let m = [90, 100, 120, 150][rng.usize(..4)];
            q.max_runtime = Some(m);
            format!("f.runtime_minutes <= {m}")
        }
        1 => {
            q.genres.push(name.clone());
            format!("f.id IN (SELECT film_id FROM film_genre WHERE genre_id = {id})")
        }
        2 => {
            let d = 1950 + 10 * rng.i32(0..7);
            q.decade = Some(d);
            format!("f.year BETWEEN {d} AND {}", d + 9)
        }
        3 => {
            let s = [60, 70, 80][rng.usize(..3)];
            q.min_score = Some(s);
            format!("f.score_tenths >= {s}")
        }
        4 => {
            let v = [1_000, 10_000][rng.usize(..2)];
            q.min_votes = Some(v);
            format!("f.votes >= {v}")
        }
        5 => {
            q.not_genres.push(name.clone());
            format!("f.id NOT IN (SELECT film_id FROM film_genre WHERE genre_id = {id})")
        }
        _ => {
            q.kind = Some(matinee_core::model::FilmKind::Movie);
            "f.kind = 'movie'".into()
        }
    }
}

/// `catalogue bench-tonight`: Tonight's picks timed under constraint sets drawn from the catalogue's own values.
pub fn bench(
    matinee: &mut matinee_core::Matinee,
    picks: u32,
    peer_sql: Option<&std::path::Path>,
) -> Result<(), CoreError> {
    use crate::catalogue::{percentiles, timed};
    let genres = matinee.catalogue().genre_ids()?;
    let films = matinee.catalogue().film_count()?;
    let popular: Vec<String> = matinee
        .search(&matinee_core::model::SearchQuery { limit: Some(200), ..Default::default() })?
        .films
        .into_iter()
        .map(|f| f.key.0)
        .collect();
    let mut rng = fastrand::Rng::with_seed(20261207);
    let mut none = Vec::new();
    let mut three = Vec::new();
    let mut like = Vec::new();
    let mut sql = String::new();
    for seed in 0..picks {
        none.push(TonightQuery { seed: Some(seed), ..Default::default() });
        let mut q = TonightQuery { seed: Some(seed), ..Default::default() };
        let mut kinds: Vec<usize> = (0..7).collect();
        rng.shuffle(&mut kinds);
        let conditions: Vec<String> =
            kinds[..3].iter().map(|&k| bench_constraint(&mut rng, k, &genres, &mut q)).collect();
        // A genre both wanted and left out is a refused set, not a pick: keep the first.
        q.not_genres.retain(|g| !q.genres.contains(g));
        sql.push_str(&format!(
            "SELECT f.key FROM film f WHERE {} ORDER BY random() LIMIT 3;\n",
            conditions.join(" AND ")
        ));
        three.push(q);
        let mut q = TonightQuery { seed: Some(seed), ..Default::default() };
        q.like = Some(popular[rng.usize(..popular.len())].clone());
        bench_constraint(&mut rng, 0, &genres, &mut q);
        like.push(q);
    }
    if let Some(path) = peer_sql {
        std::fs::write(path, sql).map_err(|e| CoreError::io(path, e))?;
    }
    println!("Tonight over {films} films, {picks} draws of 3 picks each (core, in process, reasons included):");
    for (name, queries) in [("no constraints   ", &none), ("three constraints", &three), ("like FILM + time ", &like)] {
        let mut capped = 0;
        let ms = timed(queries, &mut |q| {
            let answer = matinee.tonight(q)?;
            capped += u32::from(answer.pool_capped);
            Ok(())
        })?;
        println!(
            "  {name}  {}  ({capped} of {picks} stopped at the pool of the 2000 most popular that fit)",
            percentiles(&ms)
        );
    }
    Ok(())
}
