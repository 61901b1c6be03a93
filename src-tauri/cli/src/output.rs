//! The one place that formats answers: JSON for scripts, lines for people, and the exit status of an error.

use std::io::Write;

use matinee_core::model::{FilmKey, FilmSummary};
use matinee_core::CoreError;
use serde::Serialize;

/// Prints `value` as JSON with `--json`, else runs `human`, which prints it for a person.
pub fn answer<T: Serialize>(json: bool, value: &T, human: impl FnOnce(&T)) {
    if json {
        print_json(value);
    } else {
        human(value);
    }
}

pub fn print_json<T: Serialize>(value: &T) {
    let text = serde_json::to_string_pretty(value).expect("values of the core always serialise");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// The answer of a command that did one thing to one film.
pub fn done(json: bool, key: &FilmKey, what: &str) {
    answer(json, &serde_json::json!({ "key": key, "done": what }), |_| println!("{key}: {what}"));
}

/// The error's message on standard error (with `--json`, as `{kind, message, candidates}`), and its exit status.
pub fn report(error: &CoreError, json: bool) -> std::process::ExitCode {
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
    std::process::ExitCode::from(code)
}

/// 70 -> "★★★½ 3.5/5"
pub fn stars(value: u32) -> String {
    let halves = (value + 5) / 10;
    let mut s = "★".repeat((halves / 2) as usize);
    if halves % 2 == 1 {
        s.push('½');
    }
    format!("{s} {}/5", halves as f32 / 2.0)
}

/// " (1999)", or nothing when the year is not known.
pub fn year_suffix(year: Option<i32>) -> String {
    year.map(|y| format!(" ({y})")).unwrap_or_default()
}

/// One film on one line: score, title, year, key and the user's marks.
pub fn summary_line(film: &FilmSummary) -> String {
    let year = year_suffix(film.year);
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

pub fn films_count(n: u32) -> String {
    if n == 1 {
        "1 film".into()
    } else {
        format!("{n} films")
    }
}
