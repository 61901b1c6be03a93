//! Stats: every figure of the viewing life for all time, a year or a range of dates, optionally of one tag.

use clap::{Args, Subcommand};
use matinee_core::model::RatingScale;
use matinee_core::review::ReviewTheme;
use matinee_core::stats::{Count, Ranking, RankingKind, Stats, StatsQuery};
use matinee_core::{CoreError, ReviewFormat};

use crate::context::Context;
use crate::output::{answer, year_suffix};

#[derive(Subcommand)]
pub enum StatsCommand {
    /// Print every figure of Stats: totals, viewings per year, month and weekday, the rating spread, the most
    /// watched and highest rated directors, actors, countries, languages, genres and decades, streaks,
    /// milestones, the films against the crowd, and the watchlist. All time unless --year or --from/--to say.
    Stats(StatsArgs),
    /// Write the year in review: the year's figures and charts, its highest rated films as posters, the first
    /// viewings of its own films and your lists, as a PNG image (for sharing) or one self-contained HTML file.
    Review(ReviewArgs),
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("output").required(true).multiple(true).args(["png", "html"]))]
pub struct ReviewArgs {
    /// The year to review.
    #[arg(allow_negative_numbers = true)]
    year: i32,
    /// Write it as a PNG image here (2400 pixels wide).
    #[arg(long, value_name = "FILE")]
    png: Option<std::path::PathBuf>,
    /// Write it as one HTML file here (no scripts, nothing fetched).
    #[arg(long, value_name = "FILE")]
    html: Option<std::path::PathBuf>,
    /// Only films with this tag of yours.
    #[arg(long, value_name = "T")]
    tag: Option<String>,
    /// light (the default) or dark.
    #[arg(long, value_name = "THEME", default_value = "light")]
    theme: String,
    /// The day weeks start on: monday or sunday.
    #[arg(long, value_name = "DAY", default_value = "monday")]
    week_start: String,
    /// How ratings are written: five (stars, the default), ten or hundred.
    #[arg(long, value_name = "SCALE", default_value = "five")]
    scale: String,
}

#[derive(Args)]
pub struct StatsArgs {
    /// One calendar year.
    #[arg(long, allow_negative_numbers = true, conflicts_with_all = ["from", "to"])]
    year: Option<i32>,
    /// The first day of a range, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// The last day of a range, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only films with this tag of yours.
    #[arg(long, value_name = "T")]
    tag: Option<String>,
    /// The day weeks start on (for weeks and the weekday figures): monday or sunday.
    #[arg(long, value_name = "DAY", default_value = "monday")]
    week_start: String,
    /// How ratings are written: five (stars, the default), ten or hundred.
    #[arg(long, value_name = "SCALE", default_value = "five")]
    scale: String,
}

pub fn run(ctx: &mut Context, command: StatsCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    let matinee = ctx.matinee()?;
    match command {
        StatsCommand::Stats(args) => {
            let query = StatsQuery {
                year: args.year,
                from: args.from,
                to: args.to,
                tag: args.tag,
                week_start: Some(args.week_start),
                scale: Some(scale_named(&args.scale)?),
            };
            let stats = matinee.stats(&query)?;
            answer(json, &stats, print_stats);
            Ok(())
        }
        StatsCommand::Review(args) => {
            let theme = ReviewTheme::parse(&args.theme).ok_or_else(|| {
                CoreError::invalid("theme", format!("a theme is light or dark, not '{}'", args.theme))
            })?;
            let query = StatsQuery {
                year: Some(args.year),
                tag: args.tag,
                week_start: Some(args.week_start),
                scale: Some(scale_named(&args.scale)?),
                ..Default::default()
            };
            let mut written = Vec::new();
            for (format, path) in [(ReviewFormat::Png, args.png), (ReviewFormat::Html, args.html)] {
                if let Some(path) = path {
                    written.push(matinee.review_export(&query, format, theme, &path)?);
                }
            }
            let report = serde_json::json!({ "year": args.year, "written": written });
            answer(json, &report, |_| {
                for one in &written {
                    let size = match (one.width, one.height) {
                        (Some(w), Some(h)) => format!("a PNG image of {w} × {h} pixels"),
                        _ => "one HTML file".to_owned(),
                    };
                    println!(
                        "Wrote {}: {size}, {} KB, in {} ms.",
                        one.path,
                        one.bytes.div_ceil(1024),
                        one.milliseconds
                    );
                }
            });
            Ok(())
        }
    }
}

fn scale_named(name: &str) -> Result<RatingScale, CoreError> {
    match name {
        "five" => Ok(RatingScale::FiveStars),
        "ten" => Ok(RatingScale::TenPoint),
        "hundred" => Ok(RatingScale::HundredPoint),
        other => Err(CoreError::invalid("scale", format!("a scale is five, ten or hundred, not '{other}'"))),
    }
}

fn counts(label: &str, counts: &[Count]) {
    if counts.iter().all(|c| c.count == 0) {
        return;
    }
    let widest = counts.iter().map(|c| c.count).max().unwrap_or(1).max(1);
    println!("\n{label}");
    for c in counts {
        let bar = "█".repeat(((c.count * 30).div_ceil(widest)) as usize);
        println!("  {:<10} {:>5}  {bar}", c.label, c.count);
    }
}

/// "1 film", "3 films".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn kind_name(kind: RankingKind) -> &'static str {
    match kind {
        RankingKind::Director => "Directors",
        RankingKind::Actor => "Actors",
        RankingKind::Country => "Countries",
        RankingKind::Language => "Languages",
        RankingKind::Genre => "Genres",
        RankingKind::Decade => "Release decades",
    }
}

fn ranking(r: &Ranking) {
    if r.most_watched.is_empty() {
        return;
    }
    println!("\n{}", kind_name(r.kind));
    let watched: Vec<String> = r
        .most_watched
        .iter()
        .map(|e| format!("{} ({} films, {} viewings)", e.name, e.films.len(), e.viewings))
        .collect();
    println!("  most watched   {}", watched.join(" · "));
    if !r.highest_rated.is_empty() {
        let rated: Vec<String> = r
            .highest_rated
            .iter()
            .map(|e| {
                format!("{} ({}, {} films)", e.name, e.average_rating_text.as_deref().unwrap_or("-"), e.rated_films)
            })
            .collect();
        println!("  highest rated  {} (at least {} rated films)", rated.join(" · "), r.min_rated);
    }
    if r.films_unknown > 0 {
        println!("  not known for {}", plural(r.films_unknown as usize, "film"));
    }
}

fn print_stats(s: &Stats) {
    let t = &s.totals;
    println!("Stats: {}", s.period.label);
    println!(
        "  {} films, {} viewings ({} first watches, {} rewatches)",
        t.films, t.viewings, t.first_watches, t.rewatches
    );
    let hours = t.minutes / 60;
    print!("  {hours} h {} min watched", t.minutes % 60);
    if t.viewings_without_runtime > 0 {
        print!(" ({} viewings without a known runtime are not counted)", t.viewings_without_runtime);
    }
    println!();
    if let (Some(avg), Some(median)) = (&t.average_rating_text, &t.median_rating_text) {
        println!("  ratings given: {} viewings, average {avg}, median {median}", t.rated_viewings);
    }
    if t.undated_viewings > 0 {
        let kept = if s.period.year.is_none() && s.period.from.is_none() && s.period.to.is_none() {
            "counted above"
        } else {
            "not in any period"
        };
        println!("  {} viewings have no date ({kept})", t.undated_viewings);
    }
    if s.period.year.is_none() {
        counts("Viewings per year", &s.per_year);
    }
    if s.per_month.len() <= 36 {
        counts("Viewings per month", &s.per_month);
    }
    counts("Viewings per weekday", &s.per_weekday);
    if let Some(c) = &s.calendar {
        let active = c.days.iter().filter(|d| **d > 0).count();
        println!("\nCalendar {}: {active} days with a viewing, at most {} in a day", c.year, c.most_in_a_day);
    }
    if !s.rating_spread.is_empty() {
        println!("\nRatings        given then   films now");
        for r in &s.rating_spread {
            println!("  {:<12} {:>10} {:>11}", r.label, r.viewings, r.films);
        }
    }
    for r in &s.rankings {
        ranking(r);
    }
    println!();
    let line = |label: &str, value: Option<String>| {
        if let Some(v) = value {
            println!("  {label:<22} {v}");
        }
    };
    let film = |f: &matinee_core::stats::StatsFilm| format!("{}{}", f.title, year_suffix(f.year));
    line("busiest weekday", s.busiest_weekday.as_ref().map(|c| format!("{} ({})", c.label, c.count)));
    line("busiest week", s.busiest_week.as_ref().map(|c| format!("from {} ({})", c.label, c.count)));
    line("busiest month", s.busiest_month.as_ref().map(|c| format!("{} ({})", c.label, c.count)));
    line("first film", s.first_film.as_ref().map(|d| format!("{} on {}", film(&d.film), d.date)));
    line("last film", s.last_film.as_ref().map(|d| format!("{} on {}", film(&d.film), d.date)));
    line(
        "longest daily streak",
        s.longest_day_streak.as_ref().map(|k| format!("{} days, {} to {}", k.length, k.from, k.to)),
    );
    line(
        "longest weekly streak",
        s.longest_week_streak.as_ref().map(|k| format!("{} weeks, {} to {}", k.length, k.from, k.to)),
    );
    line("longest film", s.longest_film.as_ref().map(|m| format!("{} ({} min)", film(&m.film), m.value)));
    line("shortest film", s.shortest_film.as_ref().map(|m| format!("{} ({} min)", film(&m.film), m.value)));
    line("oldest film", s.oldest_film.as_ref().map(|m| film(&m.film)));
    for m in &s.milestones {
        println!("  {:<22} {} on {}", format!("film number {}", m.number), film(&m.film), m.date);
    }
    if !s.most_rewatched.is_empty() {
        let list: Vec<String> = s.most_rewatched.iter().map(|m| format!("{} ×{}", film(&m.film), m.value)).collect();
        println!("  {:<22} {}", "most rewatched", list.join(" · "));
    }
    let c = &s.crowd;
    if c.films > 0 {
        println!("\nYou and the crowd: {} films with your rating and a catalogue score", c.films);
        for f in c.above.iter().chain(&c.below) {
            println!(
                "  {:<40} yours {:<7} {} {}.{}",
                film(&f.film),
                f.rating_text,
                f.score_source,
                f.score_tenths / 10,
                f.score_tenths % 10
            );
        }
    }
    let w = &s.watchlist;
    if w.size > 0 {
        println!("\nWatchlist: {} films, {} not yet seen", w.size, w.unseen);
        for d in &w.oldest {
            println!("  waiting since {}  {}", d.date, film(&d.film));
        }
    }
}
