//! The year in review over the library: the year checked, the facts Stats reads and the user's lists gathered,
//! and the page written as a PNG or an HTML file.

use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::write_atomically;
use super::Matinee;
use crate::error::{CoreError, Result};
use crate::review::{compute_review, html, png, svg, ListFacts, ReviewTheme, YearReview, PNG_SCALE};
use crate::stats::StatsQuery;

/// What the year in review is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewFormat {
    /// An image for sharing, twice the page's size in pixels.
    Png,
    /// One self-contained HTML file.
    Html,
}

/// A year in review written to a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewWritten {
    pub path: String,
    pub format: ReviewFormat,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The image's size in pixels (a PNG only).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// How long drawing and writing it took.
    #[ts(type = "number")]
    pub milliseconds: u64,
}

impl Matinee {
    /// The year in review of `query.year` (required), for the films of `query.tag` when one is given.
    pub fn year_review(&self, query: &StatsQuery) -> Result<YearReview> {
        let Some(year) = query.year else {
            return Err(CoreError::invalid("year", "say which year to review, for example 2024"));
        };
        let (period, style) = self.stats_period(query)?;
        let only = match &period.tag {
            Some(tag) => Some(self.library.films_tagged(tag)?),
            None => None,
        };
        let (films, viewings) = self.stats_facts(only.as_deref())?;
        let lists = self
            .library
            .lists()?
            .into_iter()
            .map(|row| {
                let keys = self.library.list_entries(row.id)?.into_iter().map(|(_, key, _)| key).collect();
                Ok(ListFacts { name: row.name, keys })
            })
            .collect::<Result<Vec<_>>>()?;
        let review = compute_review(&films, &viewings, year, style, &lists);
        if review.stats.totals.viewings == 0 {
            let years: Vec<String> = review.stats.years.iter().map(i32::to_string).collect();
            let have = if years.is_empty() {
                "there are no dated viewings in your diary yet".to_owned()
            } else {
                format!("years with viewings: {}", years.join(", "))
            };
            let whose = period.tag.as_ref().map(|t| format!(" of films tagged '{t}'")).unwrap_or_default();
            return Err(CoreError::invalid("year", format!("you have no dated viewings{whose} in {year}; {have}")));
        }
        Ok(review)
    }

    /// Writes the year in review to `path` as `format`, whole or not at all.
    pub fn review_export(
        &self,
        query: &StatsQuery,
        format: ReviewFormat,
        theme: ReviewTheme,
        path: &Path,
    ) -> Result<ReviewWritten> {
        let review = self.year_review(query)?;
        let started = Instant::now();
        let (bytes, size) = match format {
            ReviewFormat::Png => {
                let image = png::render(&svg::page(&review, theme), PNG_SCALE)?;
                (image.bytes, Some((image.width, image.height)))
            }
            ReviewFormat::Html => (html::page(&review, theme).into_bytes(), None),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                return Err(CoreError::invalid(
                    "file",
                    format!("{}: the folder {} does not exist", path.display(), parent.display()),
                ));
            }
        }
        write_atomically(path, &bytes)?;
        Ok(ReviewWritten {
            path: path.to_string_lossy().into_owned(),
            format,
            bytes: bytes.len() as u64,
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            milliseconds: started.elapsed().as_millis() as u64,
        })
    }
}
