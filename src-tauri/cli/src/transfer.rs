//! Moving the library in and out: imports from other services, exports, backups and restores.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;
use matinee_core::model::{CsvMapping, CsvTarget, ImportPreview, ImportSource};
use matinee_core::{CoreError, Matinee};

use crate::context::Context;
use crate::output::answer;

#[derive(Subcommand)]
pub enum TransferCommand {
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
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Letterboxd,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum SourceArg {
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

pub fn run(ctx: &mut Context, command: TransferCommand) -> Result<(), CoreError> {
    let json = ctx.json;
    match command {
        // A restore replaces the library file, so it runs with the library closed.
        TransferCommand::Restore { file } => {
            let (safety, kept) = Matinee::restore_from(&ctx.dir, &file)?;
            let body = serde_json::json!({ "restored": file, "backup_of_previous": safety, "previous_kept_as": kept });
            answer(json, &body, |_| {
                println!("restored {}", file.display());
                if let Some(s) = &safety {
                    println!("the library before the restore was backed up to {}", s.display());
                }
                println!("the replaced file is kept as {}", kept.display());
            });
        }
        TransferCommand::Import { path, dry_run, source, map } => {
            import(ctx.matinee()?, json, path, dry_run, source, map)?
        }
        TransferCommand::Export { format, out } => {
            let matinee = ctx.matinee()?;
            let written = match format {
                ExportFormat::Json => {
                    let text = matinee.export_json()?;
                    std::fs::write(&out, text).map_err(|e| CoreError::io(&out, e))?;
                    vec![out.clone()]
                }
                ExportFormat::Letterboxd => matinee.export_letterboxd(&out)?,
            };
            answer(json, &written, |written| {
                for path in written {
                    println!("wrote {}", path.display());
                }
            });
        }
        TransferCommand::Backup { file } => {
            ctx.matinee()?.backup_to(&file)?;
            answer(json, &serde_json::json!({ "backup": file }), |_| {
                println!("backed up the library to {}", file.display())
            });
        }
    }
    Ok(())
}

fn import(
    matinee: &mut Matinee,
    json: bool,
    path: PathBuf,
    dry_run: bool,
    source: Option<SourceArg>,
    map: Option<String>,
) -> Result<(), CoreError> {
    let files = matinee_core::import::read_path(&path)?;
    let origin = path.display().to_string();
    let mapping = map.as_deref().map(parse_mapping).transpose()?;
    let source = source.map(Into::into).or(mapping.as_ref().map(|_| ImportSource::Csv));
    let (plan, preview) = matinee.import_prepare_mapped(files, source, mapping, &origin)?;
    if dry_run || preview.nothing_to_do {
        answer(json, &preview, |p| print_preview(p, true));
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
    answer(json, &outcome, |outcome| {
        print_preview(&outcome.preview, false);
        println!("backup of the library before the import: {}", outcome.backup);
    });
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
    println!("{} export ({} files read)", p.source.label(), p.files.len());
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
