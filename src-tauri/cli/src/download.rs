//! `matinee-cli catalogue download`: IMDb's datasets fetched into a folder (the terms and the plan first, a
//! progress line on a terminal, Ctrl-C keeps what came and a second run goes on), then the catalogue built.

use std::io::IsTerminal;
use std::path::PathBuf;

use matinee_core::catalogue::download;
use matinee_core::model::{DatasetFileState, DownloadPlan};
use matinee_core::{CoreError, DataDir, Matinee};

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn print_plan(plan: &DownloadPlan) {
    eprintln!("from {} into {}", plan.base_url, plan.folder);
    for f in &plan.files {
        let size = f.size_bytes.map(megabytes).unwrap_or_else(|| "size unknown".into());
        let state = match f.state {
            DatasetFileState::Complete => "have it".to_owned(),
            DatasetFileState::Partial => format!("{} here, the rest to fetch", megabytes(f.have_bytes)),
            DatasetFileState::Missing => "to fetch".to_owned(),
            DatasetFileState::Changed => "a newer copy to fetch".to_owned(),
        };
        eprintln!("  {:<24} {size:>10}  {state}", f.name);
    }
    eprintln!(
        "to download {}; with the catalogue built from it, about {} of disk is needed and {} is free",
        megabytes(plan.download_bytes),
        megabytes(plan.disk_needed_bytes),
        megabytes(plan.disk_free_bytes)
    );
}

pub fn run(
    data: &DataDir,
    folder: Option<PathBuf>,
    url: Option<&str>,
    plan_only: bool,
    no_build: bool,
    json: bool,
) -> Result<(), CoreError> {
    let folder = folder.unwrap_or_else(|| data.datasets());
    let base = download::base_url(url)?;
    if !json {
        eprintln!("{}\n", download::TERMS);
    }
    let plan = download::plan(&folder, &base)?;
    if plan_only {
        if json {
            crate::output::print_json(&plan);
        } else {
            print_plan(&plan);
        }
        return Ok(());
    }
    if !json {
        print_plan(&plan);
    }
    let cancelled = crate::catalogue::cancel_flag();
    let show = !json && std::io::stderr().is_terminal();
    let report = download::download(&folder, &base, &mut |p| {
        if show {
            let done = megabytes(p.done_bytes);
            let total = p.total_bytes.map(|t| format!(" of {}", megabytes(t))).unwrap_or_default();
            let what = if p.checking {
                "checking".to_owned()
            } else {
                let left = p.seconds_left.map(|s| format!(", about {s}s left")).unwrap_or_default();
                format!("{}/s{left}", megabytes(p.bytes_per_second))
            };
            eprint!("\r[{}/{}] {:<24} {done}{total}  {what:<28}", p.file_number, p.file_count, p.file);
        }
        crate::catalogue::go_on(cancelled)
    });
    if show {
        eprintln!();
    }
    let report = report.map_err(|e| match e {
        CoreError::Cancelled => {
            eprintln!("matinee-cli: stopped; what came is kept in {}: run it again to go on", folder.display());
            e
        }
        other => other,
    })?;
    if !json {
        let fetched = report.files.iter().filter(|f| f.fetched).count();
        println!(
            "downloaded {} in {:.1} s ({fetched} of {} files fetched, the others were there already)",
            megabytes(report.fetched_bytes),
            report.seconds,
            report.files.len()
        );
    }
    if no_build {
        if json {
            crate::output::print_json(&serde_json::json!({ "download": report }));
        }
        return Ok(());
    }
    let mut matinee = Matinee::open_deferring(data.clone())?;
    let started = std::time::Instant::now();
    let built = crate::catalogue::build_with_progress(&mut matinee, &folder, json)?;
    let seconds = started.elapsed().as_secs_f64();
    if json {
        let build = crate::catalogue::build_json(&built, seconds);
        crate::output::print_json(&serde_json::json!({ "download": report, "build": build }));
    } else {
        crate::catalogue::print_build(&built, seconds, false);
    }
    Ok(())
}
