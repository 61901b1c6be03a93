//! matinee-cli: Matinee's library and catalogue from a terminal, for scripts, backups and headless machines.
//! Every command works on the same data folder as the app; `--json` gives a machine-readable answer.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use matinee_core::model::{
    CsvMapping, CsvTarget, DiaryQuery, FilmCard, FilmKind, FilmSummary, ImportPreview, ImportSource, ListDetail,
    SearchQuery, SeenFilter, ViewingInput,
};
use matinee_core::{CoreError, DataDir, Matinee, Rating};
use serde::Serialize;

mod docs;
mod download;

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

#[derive(Subcommand)]
enum Command {
    /// Search the catalogue by title (case and diacritics folded, prefix matching).
    Search {
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
    /// Create, fill, reorder and show lists.
    #[command(subcommand)]
    List(ListCommand),
    /// Tag films and list tags.
    #[command(subcommand)]
    Tag(TagCommand),
    /// Search your notes, viewing notes and list descriptions.
    #[command(subcommand)]
    Notes(NotesCommand),
    /// Import a Letterboxd or IMDb export: the zip as downloaded, its unpacked folder, or one of its CSV files.
    /// Prints what will change, then applies it all in one transaction after a backup. Running it again
    /// changes nothing.
    Import {
        path: PathBuf,
        /// Only print what would change.
        #[arg(long)]
        dry_run: bool,
        /// The service that wrote the export (detected when not given).
        #[arg(long, value_enum)]
        source: Option<SourceArg>,
        /// For a generic CSV or TSV: which column holds what, e.g.
        /// `title=Film,year=Released,rating=Score/10,date=Seen,note=Comment,target=diary`
        /// (target: diary, ratings or watchlist). Columns not given are guessed from the header.
        #[arg(long, value_name = "FIELD=COLUMN,...")]
        map: Option<String>,
    },
    /// Export the library: `json` is Matinee's complete, documented format (OUT is a file); `letterboxd` writes
    /// diary.csv, ratings.csv and watchlist.csv in the CSV format Letterboxd imports (OUT is a folder).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        out: PathBuf,
    },
    /// Copy the library into FILE (SQLite's backup API); an existing file is never overwritten.
    Backup { file: PathBuf },
    /// Put the backup FILE in place of the library, after a backup of the current one (kept beside it too).
    Restore { file: PathBuf },
    /// Build the catalogue from the IMDb datasets, or show what it holds.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Import or list take packs.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Print where Matinee keeps its files.
    Where,
    /// Write the man pages (matinee-cli.1 and one per subcommand) and the bash, zsh and fish completions (for
    /// packaging).
    #[command(hide = true)]
    GenerateDocs {
        /// The folder for the man pages.
        #[arg(long, value_name = "DIR")]
        man: PathBuf,
        /// The folder for the completion scripts.
        #[arg(long, value_name = "DIR")]
        completions: PathBuf,
    },
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

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Json,
    Letterboxd,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SourceArg {
    Letterboxd,
    Imdb,
    Trakt,
    Csv,
    Matinee,
}

impl From<SourceArg> for ImportSource {
    fn from(s: SourceArg) -> Self {
        match s {
            SourceArg::Letterboxd => ImportSource::Letterboxd,
            SourceArg::Imdb => ImportSource::Imdb,
            SourceArg::Trakt => ImportSource::Trakt,
            SourceArg::Csv => ImportSource::Csv,
            SourceArg::Matinee => ImportSource::Matinee,
        }
    }
}

#[derive(Subcommand)]
enum ListCommand {
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

#[derive(Subcommand)]
enum TagCommand {
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
enum NotesCommand {
    /// Find words in notes (case and accents ignored; every word must appear).
    Search { text: String },
}

#[derive(Subcommand)]
enum CatalogueCommand {
    /// Build the catalogue from the IMDb datasets in DIR (title.basics, title.ratings, title.crew,
    /// title.principals, name.basics, title.akas; .tsv.gz as downloaded or .tsv) and the take packs. The catalogue
    /// in use stays until the new one is complete; Ctrl-C cancels cleanly. DIR is remembered for rebuilds.
    Build { dir: PathBuf },
    /// Download IMDb's non-commercial datasets and build the catalogue from them.
    ///
    /// The six files `build` reads go into DIR (default: `datasets` in the data folder). Asks the server for the sizes first and checks the free
    /// space; Ctrl-C stops and keeps what came, and a second run goes on from there; each file is checked before
    /// use. Only this command goes online. The address is --url, else $MATINEE_DATASETS_URL, else
    /// https://datasets.imdbws.com/.
    Download {
        /// Where the files go (default: the data folder's `datasets`).
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// Where the files come from (http:// or https://).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Only say what a download would fetch and need.
        #[arg(long)]
        plan_only: bool,
        /// Download only; build later with `catalogue build DIR`.
        #[arg(long)]
        no_build: bool,
    },
    /// Print what the catalogue holds and where it came from.
    Status,
    /// Time prefix searches of 1 to 6 characters drawn from the catalogue's titles and print p50/p95/p99, beside
    /// the same queries ranked by bm25 (a benchmark; `make bench` runs it).
    #[command(hide = true)]
    BenchSearch {
        #[arg(long, default_value_t = 1000)]
        queries: u32,
    },
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
        CoreError::Conflict { .. } => ("conflict", 6),
        CoreError::Invalid { .. } | CoreError::Pack { .. } => ("invalid_input", 5),
        CoreError::LibraryUnusable { .. } => ("library_unavailable", 1),
        CoreError::Db(_) | CoreError::Io { .. } => ("storage", 1),
        CoreError::Cancelled => ("cancelled", 130),
        CoreError::Network { .. } => ("network", 7),
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

/// Builds the catalogue from the datasets in `dir`, drawing progress on a terminal; Ctrl-C cancels cleanly.
fn build_with_progress(
    matinee: &mut Matinee,
    dir: &Path,
    json: bool,
) -> Result<matinee_core::catalogue::dataset::DatasetReport, CoreError> {
    let cancelled = cancel_flag();
    let show = !json && std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    // How long each file and each indexing step took, for the report.
    let mut phases: Vec<(String, std::time::Instant)> = Vec::new();
    let mut clock = matinee_core::catalogue::StepClock::default();
    let report = matinee.catalogue_build(dir, &mut |file, done, total| {
        if phases.last().is_none_or(|(name, _)| name != file) {
            phases.push((file.to_owned(), std::time::Instant::now()));
        }
        if show {
            let pct = (done * 100).checked_div(total).unwrap_or(100);
            let elapsed = started.elapsed().as_secs();
            let left =
                clock.seconds_left(file, done, total).map(|s| format!("about {s}s left in it")).unwrap_or_default();
            eprint!("\rbuilding: {file:<18} {pct:>3}%  {elapsed:>4}s elapsed  {left:<22}");
        }
        if cancelled.load(std::sync::atomic::Ordering::SeqCst) {
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    });
    if show {
        eprintln!();
    }
    let mut report = report?;
    let ends = phases.iter().skip(1).map(|(_, t)| *t).chain([std::time::Instant::now()]);
    report.phase_seconds =
        phases.iter().zip(ends).map(|((name, start), end)| (name.clone(), (end - *start).as_secs_f64())).collect();
    Ok(report)
}

/// Set by Ctrl-C, for the long jobs (a download, a build) to stop cleanly; a second Ctrl-C ends the process the
/// usual way.
fn cancel_flag() -> &'static std::sync::atomic::AtomicBool {
    static FLAG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    static HANDLER: std::sync::Once = std::sync::Once::new();
    HANDLER.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if FLAG.swap(true, std::sync::atomic::Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    });
    &FLAG
}

/// A build's report for `--json`.
fn build_json(report: &matinee_core::catalogue::dataset::DatasetReport, seconds: f64) -> serde_json::Value {
    serde_json::json!({
        "titles_read": report.titles_read,
        "films_kept": report.films_kept,
        "merged_with_packs": report.merged_with_packs,
        "people": report.people,
        "alternate_titles": report.alternate_titles,
        "bad_rows": report.bad_rows,
        "bad_row_notes": report.bad_row_notes,
        "seconds": seconds,
        "phase_seconds": report.phase_seconds,
    })
}

/// A build's report for a person.
fn print_build(report: &matinee_core::catalogue::dataset::DatasetReport, seconds: f64) {
    println!(
        "built in {seconds:.1} s: {} films kept of {} titles ({} merged with take-pack films), {} people, {} alternate titles",
        report.films_kept, report.titles_read, report.merged_with_packs, report.people, report.alternate_titles
    );
    let phases: Vec<String> = report.phase_seconds.iter().map(|(name, secs)| format!("{name} {secs:.1} s")).collect();
    println!("  {}", phases.join(" · "));
    if report.bad_rows > 0 {
        println!("{} rows skipped:", report.bad_rows);
        for n in &report.bad_row_notes {
            println!("  {n}");
        }
    }
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
            println!("datasets     {}", paths.datasets);
        }
        return Ok(());
    }
    if let Command::GenerateDocs { man, completions } = &cli.command {
        return docs::write(man, completions);
    }
    if let Command::Restore { file } = &cli.command {
        let (safety, kept) = Matinee::restore_from(&dir, file)?;
        if cli.json {
            print_json(
                &serde_json::json!({ "restored": file, "backup_of_previous": safety, "previous_kept_as": kept }),
            );
        } else {
            println!("restored {}", file.display());
            if let Some(s) = safety {
                println!("the library before the restore was backed up to {}", s.display());
            }
            println!("the replaced file is kept as {}", kept.display());
        }
        return Ok(());
    }
    if let Command::Catalogue(CatalogueCommand::Download { folder, url, plan_only, no_build }) = &cli.command {
        return download::run(&dir, folder.clone(), url.as_deref(), *plan_only, *no_build, cli.json);
    }
    let mut matinee = Matinee::open_deferring(dir)?;
    // A catalogue built from the IMDb datasets by an older Matinee (or from files that changed since) is built
    // again first, with progress, rather than silently.
    let building = matches!(cli.command, Command::Catalogue(CatalogueCommand::Build { .. }));
    if let Some(folder) = matinee.pending_build().map(Path::to_path_buf).filter(|_| !building) {
        eprintln!("matinee-cli: the catalogue is built again from the IMDb datasets in {}", folder.display());
        build_with_progress(&mut matinee, &folder, cli.json)?;
    }
    for notice in matinee.notices() {
        eprintln!("matinee-cli: {notice}");
    }
    let json = cli.json;
    match cli.command {
        Command::Where
        | Command::Restore { .. }
        | Command::GenerateDocs { .. }
        | Command::Catalogue(CatalogueCommand::Download { .. }) => {
            unreachable!("handled before opening the stores")
        }
        Command::Export { format, out } => {
            let written = match format {
                ExportFormat::Json => {
                    let text = matinee.export_json()?;
                    std::fs::write(&out, text).map_err(|e| CoreError::io(&out, e))?;
                    vec![out.clone()]
                }
                ExportFormat::Letterboxd => matinee.export_letterboxd(&out)?,
            };
            if json {
                print_json(&written);
            } else {
                for path in &written {
                    println!("wrote {}", path.display());
                }
            }
        }
        Command::Backup { file } => {
            matinee.backup_to(&file)?;
            if json {
                print_json(&serde_json::json!({ "backup": file }));
            } else {
                println!("backed up the library to {}", file.display());
            }
        }
        Command::Search {
            text,
            genre,
            country,
            decade,
            tag,
            kind,
            min_votes,
            min_score,
            min_runtime,
            max_runtime,
            unseen,
            seen,
            watchlist,
            facets,
            limit,
        } => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(FilmKind::parse(k).ok_or_else(|| {
                    CoreError::invalid(
                        "kind",
                        format!("'{k}' is not movie, tv-movie, show, miniseries, special, short or video"),
                    )
                })?),
            };
            let query = SearchQuery {
                text: text.join(" "),
                genre,
                country,
                decade,
                tag,
                kind,
                min_runtime,
                max_runtime,
                min_score: min_score.map(|s| (s * 10.0).round().clamp(0.0, 1000.0) as u32),
                max_score: None,
                min_votes,
                seen: if unseen {
                    Some(SeenFilter::Unseen)
                } else if seen {
                    Some(SeenFilter::Seen)
                } else if watchlist {
                    Some(SeenFilter::Watchlist)
                } else {
                    None
                },
                limit: Some(limit),
                offset: None,
            };
            let mut page = matinee.search(&query)?;
            let facet_counts = if facets || !page.total_exact { Some(matinee.search_facets(&query)?) } else { None };
            // Scripts get the exact count: past the search's cap it comes from the filter counts.
            if let Some(f) = facet_counts.as_ref().filter(|_| !page.total_exact) {
                page.total = f.total;
                page.total_exact = true;
            }
            let facet_counts = facet_counts.filter(|_| facets);
            if json {
                match facet_counts {
                    Some(f) => print_json(&serde_json::json!({ "page": page, "facets": f })),
                    None => print_json(&page),
                }
            } else {
                if let Some(f) = &facet_counts {
                    let show = |name: &str, values: &[matinee_core::model::FacetValue]| {
                        let parts: Vec<String> =
                            values.iter().take(12).map(|v| format!("{} {}", v.label, v.count)).collect();
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
            let list = matinee.watchlist(None)?;
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
        Command::Log { film, date, no_date, rating, rewatch, note, place } => {
            let key = matinee.resolve(&film)?;
            let input = ViewingInput {
                watched_on: if no_date { None } else { Some(date.unwrap_or_else(chrono_today)) },
                rating: rating.map(|r| Rating::parse(&r).map(|v| i64::from(v.value()))).transpose()?,
                rewatch: rewatch.then_some(true),
                note,
                place,
            };
            let viewing = matinee.viewing_log(key.as_str(), &input)?;
            if json {
                print_json(&viewing);
            } else {
                let when = viewing.watched_on.clone().unwrap_or_else(|| "an unknown date".into());
                let again = if viewing.rewatch { " (rewatch)" } else { "" };
                println!("{key}: logged on {when}{again}");
            }
        }
        Command::Diary { year } => {
            let diary = matinee.diary(&DiaryQuery { year, ..DiaryQuery::default() })?;
            if json {
                print_json(&diary);
            } else if diary.total == 0 {
                println!(
                    "The diary is empty{}. Log a viewing with: matinee-cli log FILM",
                    year.map(|y| format!(" for {y}")).unwrap_or_default()
                );
            } else {
                for month in &diary.months {
                    println!("{} ({})", month.month.as_deref().unwrap_or("date unknown"), month.entries.len());
                    for e in &month.entries {
                        let v = &e.viewing;
                        let rating = v.rating.map(|r| format!("  {}", stars(r))).unwrap_or_default();
                        let again = if v.rewatch { "  ↻" } else { "" };
                        let year = e.film.year.map(|y| format!(" ({y})")).unwrap_or_default();
                        println!(
                            "  {}  {}{year}{rating}{again}",
                            v.watched_on.as_deref().unwrap_or("----------"),
                            e.film.title
                        );
                        if !v.note.is_empty() {
                            println!("              {}", v.note);
                        }
                    }
                }
                println!("{} viewings", diary.total);
            }
        }
        Command::List(ListCommand::Create { name, ranked, description }) => {
            let list = matinee.list_create(&name, &description, ranked)?;
            if json {
                print_json(&list);
            } else {
                println!("created {}list '{}'", if list.ranked { "ranked " } else { "" }, list.name);
            }
        }
        Command::List(ListCommand::Add { name, film, rank, note }) => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            let detail = matinee.list_add(id, key.as_str(), rank, &note)?;
            show_list(&detail, json);
        }
        Command::List(ListCommand::Move { name, film, position }) => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            let detail = matinee.list_move(id, key.as_str(), position)?;
            show_list(&detail, json);
        }
        Command::List(ListCommand::Remove { name, film }) => {
            let id = matinee.list_named(&name)?;
            let key = matinee.resolve(&film)?;
            let detail = matinee.list_remove(id, key.as_str())?;
            show_list(&detail, json);
        }
        Command::List(ListCommand::Show { name }) => {
            let id = matinee.list_named(&name)?;
            show_list(&matinee.list_get(id)?, json);
        }
        Command::List(ListCommand::All) => {
            let lists = matinee.lists()?;
            if json {
                print_json(&lists);
            } else if lists.is_empty() {
                println!("No lists yet. Create one with: matinee-cli list create NAME [--ranked]");
            } else {
                for l in &lists {
                    println!("{}  ({}{})", l.name, films_count(l.films), if l.ranked { ", ranked" } else { "" });
                }
            }
        }
        Command::Tag(TagCommand::Add { film, tag }) => {
            let key = matinee.resolve(&film)?;
            let part = matinee.tag_add(key.as_str(), &tag)?;
            if json {
                print_json(&serde_json::json!({ "key": key, "tags": part.tags }));
            } else {
                println!("{key}: tags {}", part.tags.join(", "));
            }
        }
        Command::Tag(TagCommand::Remove { film, tag }) => {
            let key = matinee.resolve(&film)?;
            let part = matinee.tag_remove(key.as_str(), &tag)?;
            if json {
                print_json(&serde_json::json!({ "key": key, "tags": part.tags }));
            } else {
                println!("{key}: tags {}", if part.tags.is_empty() { "none".into() } else { part.tags.join(", ") });
            }
        }
        Command::Tag(TagCommand::Rename { from, to }) => {
            let tags = matinee.tag_rename(&from, &to)?;
            if json {
                print_json(&tags);
            } else {
                println!("renamed '{from}' to '{to}'");
            }
        }
        Command::Tag(TagCommand::List) => {
            let tags = matinee.tags()?;
            if json {
                print_json(&tags);
            } else if tags.is_empty() {
                println!("No tags yet. Tag a film with: matinee-cli tag add FILM TAG");
            } else {
                for t in &tags {
                    println!("{}  ({})", t.name, films_count(t.films));
                }
            }
        }
        Command::Notes(NotesCommand::Search { text }) => {
            let hits = matinee.notes_search(&text)?;
            if json {
                print_json(&hits);
            } else if hits.is_empty() {
                println!("No note has all of: {text}");
            } else {
                for hit in &hits {
                    let place = match (&hit.film, &hit.list_name) {
                        (Some(f), Some(l)) => format!("{} in '{l}'", f.title),
                        (Some(f), None) => f.title.clone(),
                        (None, Some(l)) => format!("list '{l}'"),
                        (None, None) => String::new(),
                    };
                    let text: String = hit
                        .parts
                        .iter()
                        .map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() })
                        .collect();
                    println!("{place}: {}", text.replace('\n', " "));
                }
            }
        }
        Command::Import { path, dry_run, source, map } => {
            let files = matinee_core::import::read_path(&path)?;
            let origin = path.display().to_string();
            let mapping = map.as_deref().map(parse_mapping).transpose()?;
            let source = source.map(Into::into).or(mapping.as_ref().map(|_| ImportSource::Csv));
            let (plan, preview) = matinee.import_prepare_mapped(files, source, mapping, &origin)?;
            if dry_run || preview.nothing_to_do {
                if json {
                    print_json(&preview);
                } else {
                    print_preview(&preview, true);
                }
                return Ok(());
            }
            let show_progress = !json && std::io::stderr().is_terminal();
            let outcome = matinee.import_apply(&plan, &mut |done, total| {
                if show_progress {
                    let width = 30;
                    let filled = (done * width).checked_div(total).unwrap_or(width);
                    eprint!("\rimporting [{}{}] {done}/{total}", "#".repeat(filled), " ".repeat(width - filled));
                }
                std::ops::ControlFlow::Continue(())
            })?;
            if show_progress {
                eprintln!();
            }
            if json {
                print_json(&outcome);
            } else {
                print_preview(&outcome.preview, false);
                println!("backup of the library before the import: {}", outcome.backup);
            }
        }
        Command::Catalogue(CatalogueCommand::Build { dir }) => {
            let started = std::time::Instant::now();
            let report = build_with_progress(&mut matinee, &dir, json)?;
            let seconds = started.elapsed().as_secs_f64();
            if json {
                print_json(&build_json(&report, seconds));
            } else {
                print_build(&report, seconds);
            }
        }
        Command::Catalogue(CatalogueCommand::BenchSearch { queries }) => {
            let prefixes = matinee.catalogue().bench_prefixes(queries)?;
            let time = |f: &mut dyn FnMut(&str) -> Result<(), CoreError>| -> Result<Vec<f64>, CoreError> {
                let mut ms = Vec::with_capacity(prefixes.len());
                for p in &prefixes {
                    let start = std::time::Instant::now();
                    f(p)?;
                    ms.push(start.elapsed().as_secs_f64() * 1000.0);
                }
                ms.sort_by(f64::total_cmp);
                Ok(ms)
            };
            let pct = |ms: &[f64], q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
            // The same call the app makes for each keystroke: the page, its total and the user's marks.
            let popular = time(&mut |p| {
                matinee.search(&SearchQuery { text: p.into(), limit: Some(60), ..Default::default() })?;
                Ok(())
            })?;
            let bm25 = time(&mut |p| {
                matinee.catalogue().search_bm25(p, 60)?;
                Ok(())
            })?;
            let films = matinee.catalogue().film_count()?;
            println!(
                "{} prefix queries (1 to 6 characters) over {films} films, first page of 60 with the total count:",
                prefixes.len()
            );
            println!(
                "  popularity order  p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
                pct(&popular, 0.5),
                pct(&popular, 0.95),
                pct(&popular, 0.99)
            );
            println!(
                "  bm25 ranked       p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  (first page only, no count)",
                pct(&bm25, 0.5),
                pct(&bm25, 0.95),
                pct(&bm25, 0.99)
            );
        }
        Command::Catalogue(CatalogueCommand::Status) => {
            let status = matinee.catalogue_status()?;
            if json {
                print_json(&status);
            } else {
                println!("films           {} ({} with an IMDb id)", status.films, status.films_with_imdb_id);
                println!("take packs      {}", status.packs);
                println!(
                    "IMDb datasets   {}",
                    status.imdb_datasets.as_deref().unwrap_or("none (build with: matinee-cli catalogue build DIR)")
                );
                println!("built           {}", status.built_at.as_deref().unwrap_or("unknown"));
                println!("size            {} MiB", status.size_mib);
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

/// `title=Film,year=Released,rating=Score/10,target=diary` -> a mapping.
fn parse_mapping(text: &str) -> Result<CsvMapping, CoreError> {
    let mut m = CsvMapping::default();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (field, column) =
            part.split_once('=').ok_or_else(|| CoreError::invalid("map", format!("'{part}' is not FIELD=COLUMN")))?;
        let column = column.trim().to_owned();
        match field.trim() {
            "title" => m.title = Some(column),
            "year" => m.year = Some(column),
            "imdb" => m.imdb = Some(column),
            "rating" => match column.rsplit_once('/') {
                Some((c, scale)) => {
                    m.rating = Some(c.to_owned());
                    m.rating_scale = Some(
                        scale.parse().map_err(|_| CoreError::invalid("map", format!("'{scale}' is not a scale")))?,
                    );
                }
                None => m.rating = Some(column),
            },
            "date" => m.date = Some(column),
            "note" => m.note = Some(column),
            "target" => {
                m.target = Some(match column.as_str() {
                    "diary" => CsvTarget::Diary,
                    "ratings" => CsvTarget::Ratings,
                    "watchlist" => CsvTarget::Watchlist,
                    other => {
                        return Err(CoreError::invalid(
                            "map",
                            format!("target '{other}' is not diary, ratings or watchlist"),
                        ))
                    }
                })
            }
            other => {
                return Err(CoreError::invalid(
                    "map",
                    format!("'{other}' is not a field: title, year, imdb, rating, date, note or target"),
                ))
            }
        }
    }
    Ok(m)
}

fn print_preview(p: &ImportPreview, dry_run: bool) {
    let verb = if dry_run { "would" } else { "did" };
    println!("{} export ({} files read)", source_name(p.source), p.files.len());
    if let Some(m) = &p.mapping {
        let show = |name: &str, c: &Option<String>| c.as_ref().map(|c| format!("{name}={c}"));
        let used: Vec<String> = [
            show("title", &m.title),
            show("year", &m.year),
            show("imdb", &m.imdb),
            show("rating", &m.rating).map(|r| format!("{r}/{}", m.rating_scale.unwrap_or(10))),
            show("date", &m.date),
            show("note", &m.note),
        ]
        .into_iter()
        .flatten()
        .collect();
        println!("  columns: {}", p.columns.join(", "));
        println!("  read as: {} (change with --map)", used.join(","));
    }
    for c in &p.counts {
        println!("  {:<18} {:>5} added  {:>5} changed  {:>5} already there", c.what, c.added, c.changed, c.unchanged);
    }
    if p.new_films > 0 {
        println!("  {} films match nothing in the catalogue and {verb} become your own films", p.new_films);
    }
    for n in p.weak_matches.iter().take(20) {
        println!("  check {}:{}: {}", n.file, n.line, n.text);
    }
    if !p.skipped.is_empty() {
        println!("  {} rows skipped:", p.skipped.len());
        for n in p.skipped.iter().take(20) {
            println!("    {}:{}: {}", n.file, n.line, n.text);
        }
        if p.skipped.len() > 20 {
            println!("    ... and {} more (--json lists them all)", p.skipped.len() - 20);
        }
    }
    for n in &p.ignored_files {
        println!("  left aside: {} ({})", n.file, n.text);
    }
    if p.nothing_to_do {
        println!("Nothing to change: this export is already in your library.");
    } else if dry_run {
        println!("Nothing was written (--dry-run).");
    }
}

fn source_name(s: ImportSource) -> &'static str {
    s.label()
}

/// Today in local time, as the diary's dates are written.
fn chrono_today() -> String {
    matinee_core::library::today().to_string()
}

fn show_list(detail: &ListDetail, json: bool) {
    if json {
        print_json(detail);
        return;
    }
    let l = &detail.list;
    println!("{}{}  ({})", l.name, if l.ranked { ", ranked" } else { "" }, films_count(l.films));
    if !l.description.is_empty() {
        println!("  {}", l.description);
    }
    for e in &detail.entries {
        let rank = if l.ranked { format!("{:>3}. ", e.position) } else { "   - ".into() };
        let year = e.film.year.map(|y| format!(" ({y})")).unwrap_or_default();
        let note = if e.note.is_empty() { String::new() } else { format!("  — {}", e.note) };
        println!("{rank}{}{year}  {}{note}", e.film.title, e.film.key);
    }
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

fn films_count(n: u32) -> String {
    if n == 1 {
        "1 film".into()
    } else {
        format!("{n} films")
    }
}
