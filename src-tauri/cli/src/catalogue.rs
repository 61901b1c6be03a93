//! The catalogue: build it from the IMDb datasets (or download them first), its status, the search benchmark,
//! and take packs. Long jobs draw their progress on a terminal and stop cleanly on Ctrl-C.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::Subcommand;
use matinee_core::catalogue::dataset::DatasetReport;
use matinee_core::catalogue::StepClock;
use matinee_core::model::SearchQuery;
use matinee_core::{CoreError, Matinee};

use crate::context::Context;
use crate::output::answer;

#[derive(Subcommand)]
pub enum CatalogueFamily {
    /// Build the catalogue from the IMDb datasets, or show what it holds.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Import or list take packs.
    #[command(subcommand)]
    Pack(PackCommand),
}

#[derive(Subcommand)]
pub enum CatalogueCommand {
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
    /// Open the cards of films drawn at random from the whole catalogue and print the time of each (with its "More
    /// like this" shelf) and how many get at least six explained neighbours (`make bench`).
    #[command(hide = true)]
    BenchShelf {
        #[arg(long, default_value_t = 300)]
        films: u32,
    },
    /// Time Tonight's picks (none, three and "like" constraints, drawn at random from the catalogue's values) and
    /// print p50/p95/p99; --peer-sql writes the three-constraint sets as SQL for the sqlite3 CLI (`make bench`).
    #[command(hide = true)]
    BenchTonight {
        #[arg(long, default_value_t = 300)]
        picks: u32,
        #[arg(long, value_name = "FILE")]
        peer_sql: Option<PathBuf>,
    },
    /// Time Stats (all time, the busiest year), the year in review and its PNG over the library's diary and
    /// print p50/p95/p99 (`make bench`).
    #[command(hide = true)]
    BenchStats {
        #[arg(long, default_value_t = 20)]
        runs: u32,
    },
}

#[derive(Subcommand)]
pub enum PackCommand {
    /// Validate a take pack file and add it to the catalogue (docs/take-pack.md).
    Import { file: PathBuf },
    /// List the packs in the catalogue.
    List,
    /// Write your own takes, synopses and links as a take pack file (its version goes up by one each time), for
    /// another library to import.
    Export { file: PathBuf },
}

pub fn run(ctx: &mut Context, command: CatalogueFamily) -> Result<(), CoreError> {
    let json = ctx.json;
    match command {
        // A download opens the stores only once the files are in.
        CatalogueFamily::Catalogue(CatalogueCommand::Download { folder, url, plan_only, no_build }) => {
            crate::download::run(&ctx.dir, folder, url.as_deref(), plan_only, no_build, json)?
        }
        CatalogueFamily::Catalogue(CatalogueCommand::Build { dir }) => {
            let started = Instant::now();
            let report = build_with_progress(ctx.matinee_for_build()?, &dir, json)?;
            print_build(&report, started.elapsed().as_secs_f64(), json);
        }
        CatalogueFamily::Catalogue(CatalogueCommand::BenchSearch { queries }) => bench_search(ctx.matinee()?, queries)?,
        CatalogueFamily::Catalogue(CatalogueCommand::BenchShelf { films }) => bench_shelf(ctx.matinee()?, films)?,
        CatalogueFamily::Catalogue(CatalogueCommand::BenchStats { runs }) => bench_stats(ctx.matinee()?, runs)?,
        CatalogueFamily::Catalogue(CatalogueCommand::BenchTonight { picks, peer_sql }) => {
            crate::tonight::bench(ctx.matinee()?, picks, peer_sql.as_deref())?
        }
        CatalogueFamily::Catalogue(CatalogueCommand::Status) => {
            answer(json, &ctx.matinee()?.catalogue_status()?, |s| {
                println!("films           {} ({} with an IMDb id)", s.films, s.films_with_imdb_id);
                println!("take packs      {}", s.packs);
                println!(
                    "IMDb datasets   {}",
                    s.imdb_datasets.as_deref().unwrap_or("none (build with: matinee-cli catalogue build DIR)")
                );
                println!("built           {}", s.built_at.as_deref().unwrap_or("unknown"));
                println!("size            {} MiB", s.size_mib);
            })
        }
        CatalogueFamily::Pack(PackCommand::Import { file }) => {
            answer(json, &ctx.matinee()?.pack_import_report(&file)?, |i| {
                let p = &i.pack;
                println!("imported {} {} by {}: {} films", p.name, p.version, p.author, p.films);
                if let Some(old) = &i.replaced {
                    println!("it replaces version {old}:");
                    for change in &i.changes {
                        println!("  - {change}");
                    }
                }
            })
        }
        CatalogueFamily::Pack(PackCommand::Export { file }) => answer(json, &ctx.matinee()?.pack_export(&file)?, |e| {
            println!(
                "wrote {}: version {}, {} films, {} link{}",
                e.path,
                e.version,
                e.films,
                e.links,
                if e.links == 1 { "" } else { "s" }
            );
            for title in &e.left_out {
                println!("  left out (no year known): {title}");
            }
        }),
        CatalogueFamily::Pack(PackCommand::List) => answer(json, &ctx.matinee()?.pack_list()?, |packs| {
            for p in packs {
                let origin = if p.builtin { "built in" } else { "imported" };
                println!("{:<24} {:<8} {:>5} films  {} ({origin}, {})", p.id, p.version, p.films, p.author, p.licence);
            }
        }),
    }
    Ok(())
}

/// Builds the catalogue from the datasets in `dir`, drawing progress on a terminal; Ctrl-C cancels cleanly.
pub fn build_with_progress(matinee: &mut Matinee, dir: &Path, json: bool) -> Result<DatasetReport, CoreError> {
    let cancelled = cancel_flag();
    let show = !json && std::io::stderr().is_terminal();
    let started = Instant::now();
    // How long each file and each indexing step took, for the report.
    let mut phases: Vec<(String, Instant)> = Vec::new();
    let mut clock = StepClock::default();
    let report = matinee.catalogue_build(dir, &mut |file, done, total| {
        if phases.last().is_none_or(|(name, _)| name != file) {
            phases.push((file.to_owned(), Instant::now()));
        }
        if show {
            let pct = (done * 100).checked_div(total).unwrap_or(100);
            let elapsed = started.elapsed().as_secs();
            let left =
                clock.seconds_left(file, done, total).map(|s| format!("about {s}s left in it")).unwrap_or_default();
            eprint!("\rbuilding: {file:<18} {pct:>3}%  {elapsed:>4}s elapsed  {left:<22}");
        }
        go_on(cancelled)
    });
    if show {
        eprintln!();
    }
    let mut report = report?;
    let ends = phases.iter().skip(1).map(|(_, t)| *t).chain([Instant::now()]);
    report.phase_seconds =
        phases.iter().zip(ends).map(|((name, start), end)| (name.clone(), (end - *start).as_secs_f64())).collect();
    Ok(report)
}

/// Set by Ctrl-C, for the long jobs (a download, a build) to stop cleanly; a second Ctrl-C ends the process the
/// usual way.
pub fn cancel_flag() -> &'static AtomicBool {
    static FLAG: AtomicBool = AtomicBool::new(false);
    static HANDLER: std::sync::Once = std::sync::Once::new();
    HANDLER.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if FLAG.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    });
    &FLAG
}

/// Whether a long job goes on: it stops once Ctrl-C was pressed (`cancel_flag`).
pub fn go_on(cancelled: &AtomicBool) -> ControlFlow<()> {
    if cancelled.load(Ordering::SeqCst) {
        ControlFlow::Break(())
    } else {
        ControlFlow::Continue(())
    }
}

/// A build's report for `--json`.
pub fn build_json(report: &DatasetReport, seconds: f64) -> serde_json::Value {
    serde_json::json!({
        "titles_read": report.titles_read,
        "films_kept": report.films_kept,
        "merged_with_packs": report.merged_with_packs,
        "people": report.people,
        "alternate_titles": report.alternate_titles,
        "original_title_regions": report.origins,
        "bad_rows": report.bad_rows,
        "bad_row_notes": report.bad_row_notes,
        "seconds": seconds,
        "phase_seconds": report.phase_seconds,
    })
}

/// A build's report, as JSON or for a person.
pub fn print_build(report: &DatasetReport, seconds: f64, json: bool) {
    answer(json, &build_json(report, seconds), |_| {
        println!(
            "built in {seconds:.1} s: {} films kept of {} titles ({} merged with take-pack films), {} people, {} alternate titles ({} films with the region of their original title)",
            report.films_kept,
            report.titles_read,
            report.merged_with_packs,
            report.people,
            report.alternate_titles,
            report.origins
        );
        let phases: Vec<String> =
            report.phase_seconds.iter().map(|(name, secs)| format!("{name} {secs:.1} s")).collect();
        println!("  {}", phases.join(" · "));
        if report.bad_rows > 0 {
            println!("{} rows skipped:", report.bad_rows);
            for n in &report.bad_row_notes {
                println!("  {n}");
            }
        }
    });
}

/// `catalogue bench-search`: the app's search call and a bm25-ranked one, timed over the same prefixes.
fn bench_search(matinee: &mut Matinee, queries: u32) -> Result<(), CoreError> {
    let prefixes = matinee.catalogue().bench_prefixes(queries)?;
    let time = |f: &mut dyn FnMut(&String) -> Result<(), CoreError>| timed(&prefixes, f);
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
    for (name, ms, tail) in
        [("popularity order", &popular, ""), ("bm25 ranked      ", &bm25, "  (first page only, no count)")]
    {
        println!("  {name}  {}{tail}", percentiles(ms));
    }
    Ok(())
}

/// Runs `f` on every item and returns the times in milliseconds, sorted.
pub fn timed<T>(items: &[T], f: &mut dyn FnMut(&T) -> Result<(), CoreError>) -> Result<Vec<f64>, CoreError> {
    let mut ms = Vec::with_capacity(items.len());
    for item in items {
        let start = Instant::now();
        f(item)?;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    Ok(ms)
}

/// "p50 1.23 ms  p95 4.56 ms  p99 7.89 ms" of sorted times.
pub fn percentiles(ms: &[f64]) -> String {
    let pct = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    format!("p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms", pct(0.5), pct(0.95), pct(0.99))
}

fn bench_stats(matinee: &mut Matinee, runs: u32) -> Result<(), CoreError> {
    use matinee_core::review::{png, svg, ReviewTheme};
    use matinee_core::stats::StatsQuery;
    let all = matinee.stats(&StatsQuery::default())?;
    let busiest = all.per_year.iter().max_by_key(|c| c.count).and_then(|c| c.label.parse::<i32>().ok());
    let Some(year) = busiest else {
        return Err(CoreError::invalid("viewings", "the library has no dated viewings to count"));
    };
    let rounds: Vec<u32> = (0..runs).collect();
    let year_query = StatsQuery { year: Some(year), ..Default::default() };
    println!(
        "Stats over {} viewings of {} films ({} dated in {year}, the busiest year), {runs} runs each, in process:",
        all.totals.viewings,
        all.totals.films,
        all.per_year.iter().find(|c| c.label == year.to_string()).map_or(0, |c| c.count)
    );
    let ms = timed(&rounds, &mut |_| matinee.stats(&StatsQuery::default()).map(drop))?;
    println!("  all time            {}", percentiles(&ms));
    let ms = timed(&rounds, &mut |_| matinee.stats(&year_query).map(drop))?;
    println!("  one year            {}", percentiles(&ms));
    let ms = timed(&rounds, &mut |_| matinee.year_review(&year_query).map(drop))?;
    println!("  year in review      {}", percentiles(&ms));
    let review = matinee.year_review(&year_query)?;
    let few: Vec<u32> = (0..runs.min(5)).collect();
    let mut size = (0, 0, 0);
    let ms = timed(&few, &mut |_| {
        let image = png::render(&svg::page(&review, ReviewTheme::Light), matinee_core::review::PNG_SCALE)?;
        size = (image.width, image.height, image.bytes.len());
        Ok(())
    })?;
    println!(
        "  its PNG             {}  ({} × {} pixels, {} KB; drawing and encoding)",
        percentiles(&ms),
        size.0,
        size.1,
        size.2 / 1024
    );
    Ok(())
}

fn bench_shelf(matinee: &mut Matinee, films: u32) -> Result<(), CoreError> {
    let total = matinee.catalogue().film_count()?;
    let mut rng = fastrand::Rng::with_seed(20261207);
    let ranks: Vec<i64> = (0..films).map(|_| rng.i64(1..=i64::from(total))).collect();
    let ids = matinee.catalogue().ids_of_ranks(&ranks)?;
    let keys: Vec<String> = matinee
        .catalogue()
        .summaries(&ranks.iter().filter_map(|r| ids.get(r).copied()).collect::<Vec<_>>())?
        .into_iter()
        .map(|f| f.key.0)
        .collect();
    let mut six = 0;
    let mut sizes = 0;
    let ms = timed(&keys, &mut |key| {
        let card = matinee.film(key)?;
        sizes += card.related.len();
        six += usize::from(card.related.len() >= 6);
        Ok(())
    })?;
    println!("film cards with their \"More like this\" shelf, {} films drawn at random from {total}:", keys.len());
    println!("  {}", percentiles(&ms));
    println!(
        "  {six} of {} ({:.0}%) have at least six explained neighbours; {:.1} on average",
        keys.len(),
        100.0 * six as f64 / keys.len().max(1) as f64,
        sizes as f64 / keys.len().max(1) as f64
    );
    Ok(())
}
