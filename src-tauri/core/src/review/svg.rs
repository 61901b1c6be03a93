//! The year in review drawn as one SVG page (1200 units wide, as tall as its content), and the pieces it is made
//! of (a bar chart, a year's calendar, a poster), which the HTML page draws one by one. Everything from the
//! library is escaped; nothing refers to anything outside the document.

use std::fmt::Write as _;

use super::{day_text, hours_text, ReviewFilm, ReviewTheme, YearReview};
use crate::stats::{Count, RankingKind, Stats, YearCalendar};

pub const WIDTH: f64 = 1200.0;
const MARGIN: f64 = 60.0;
pub const SANS: &str = "DejaVu Sans, Noto Sans, Liberation Sans, Helvetica, Arial, WenQuanYi Micro Hei, sans-serif";
pub const SERIF: &str = "DejaVu Serif, Noto Serif, Liberation Serif, Georgia, WenQuanYi Micro Hei, serif";

/// The page's colours for a theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: &'static str,
    pub card: &'static str,
    pub ink: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub accent: &'static str,
    /// No viewing, then four levels of more.
    pub heat: [&'static str; 5],
}

pub fn palette(theme: ReviewTheme) -> Palette {
    match theme {
        ReviewTheme::Light => Palette {
            background: "#faf7f2",
            card: "#ffffff",
            ink: "#1d1b19",
            muted: "#6b645c",
            grid: "#e6e0d8",
            accent: "#b4432f",
            heat: ["#ece6dd", "#f3c9b9", "#e58f73", "#c95a3c", "#8f2f1b"],
        },
        ReviewTheme::Dark => Palette {
            background: "#161514",
            card: "#211f1d",
            ink: "#f2ede6",
            muted: "#a79e93",
            grid: "#35312d",
            accent: "#f08a6c",
            heat: ["#2b2825", "#5a3328", "#8a4630", "#c4603f", "#f29572"],
        },
    }
}

/// Text made safe for XML: the five special characters escaped, characters XML cannot hold dropped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How wide a character sets, in ems (roughly: enough to wrap and cut titles before they overflow).
fn char_em(c: char) -> f64 {
    match c as u32 {
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => 1.0,
        _ if c.is_uppercase() => 0.68,
        _ if c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' => 0.32,
        _ => 0.56,
    }
}

pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// The text cut to fit `width` at `size`, with an ellipsis when cut.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = text_width("…", size);
    for c in text.chars() {
        used += char_em(c) * size;
        if used > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// The text broken into at most `lines` lines of `width`, the last one cut with an ellipsis when it does not fit.
pub fn wrap(text: &str, width: f64, size: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if text_width(&candidate, size) <= width || line.is_empty() {
            line = candidate;
        } else {
            out.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(rest);
    }
    out.into_iter().map(|l| fit(&l, width, size)).collect()
}

fn text(x: f64, y: f64, size: f64, fill: &str, extra: &str, body: &str) -> String {
    format!(r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{fill}"{extra}>{}</text>"#, esc(body))
}

fn month_short(label: &str) -> String {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    label
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| NAMES.get(m - 1))
        .map_or_else(|| label.to_owned(), |n| (*n).to_owned())
}

fn month_long(label: &str) -> String {
    chrono::NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d")
        .map(|d| d.format("%B").to_string())
        .unwrap_or_else(|_| label.to_owned())
}

/// Bars of counts in a `w` by `h` box: the count over each bar, its label under it, a title on each bar for
/// readers that show one.
pub fn bar_chart(bars: &[(String, u32)], w: f64, h: f64, p: &Palette) -> String {
    let mut out = String::new();
    if bars.is_empty() {
        return out;
    }
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let label_h = 22.0;
    let top = 20.0;
    let plot = h - label_h - top;
    let slot = w / bars.len() as f64;
    let bar_w = (slot * 0.7).min(56.0);
    let _ = write!(
        out,
        r#"<line x1="0" y1="{:.1}" x2="{w:.1}" y2="{:.1}" stroke="{}" stroke-width="1"/>"#,
        top + plot,
        top + plot,
        p.grid
    );
    for (i, (label, count)) in bars.iter().enumerate() {
        let bh = plot * f64::from(*count) / f64::from(max);
        let x = slot * i as f64 + (slot - bar_w) / 2.0;
        let y = top + plot - bh;
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{bh:.1}" rx="3" fill="{}"><title>{}: {count}</title></rect>"#,
            p.accent,
            esc(label)
        );
        let cx = slot * i as f64 + slot / 2.0;
        if *count > 0 {
            out.push_str(&text(cx, y - 6.0, 13.0, p.muted, r#" text-anchor="middle""#, &count.to_string()));
        }
        out.push_str(&text(cx, h - 4.0, 13.0, p.muted, r#" text-anchor="middle""#, label));
    }
    out
}

/// The bars of viewings per month of a year.
pub fn month_bars(stats: &Stats) -> Vec<(String, u32)> {
    stats.per_month.iter().map(|c| (month_short(&c.label), c.count)).collect()
}

pub fn weekday_bars(stats: &Stats) -> Vec<(String, u32)> {
    stats.per_weekday.iter().map(|c| (c.label.chars().take(3).collect(), c.count)).collect()
}

pub fn rating_bars(stats: &Stats) -> Vec<(String, u32)> {
    let first = stats.rating_spread.iter().position(|s| s.viewings > 0);
    let last = stats.rating_spread.iter().rposition(|s| s.viewings > 0);
    match (first, last) {
        (Some(a), Some(b)) => stats.rating_spread[a..=b]
            .iter()
            .map(|s| (s.label.split('/').next().unwrap_or(&s.label).to_owned(), s.viewings))
            .collect(),
        _ => Vec::new(),
    }
}

pub const CELL: f64 = 17.0;
pub const GAP: f64 = 3.0;

/// The size of a year's calendar: 53 or 54 columns of weeks, seven rows, month names above.
pub fn calendar_size(cal: &YearCalendar) -> (f64, f64) {
    let columns = (cal.first_column_offset as usize + cal.days.len()).div_ceil(7) as f64;
    (34.0 + columns * (CELL + GAP), 20.0 + 7.0 * (CELL + GAP))
}

/// One square a day, darker for more viewings; each with its date and count as a title.
pub fn calendar(cal: &YearCalendar, weekdays: &[Count], p: &Palette) -> String {
    let mut out = String::new();
    let left = 34.0;
    let top = 20.0;
    for (row, day) in weekdays.iter().enumerate() {
        if row % 2 == 0 {
            let y = top + row as f64 * (CELL + GAP) + CELL - 4.0;
            out.push_str(&text(0.0, y, 11.0, p.muted, "", &day.label.chars().take(3).collect::<String>()));
        }
    }
    let start = chrono::NaiveDate::from_ymd_opt(cal.year, 1, 1);
    let most = cal.most_in_a_day.max(1);
    for (i, count) in cal.days.iter().enumerate() {
        let cell = cal.first_column_offset as usize + i;
        let (col, row) = (cell / 7, cell % 7);
        let x = left + col as f64 * (CELL + GAP);
        let y = top + row as f64 * (CELL + GAP);
        let level = if *count == 0 { 0 } else { 1 + ((count - 1) * 4 / most).min(3) as usize };
        let date = start.and_then(|s| s.checked_add_days(chrono::Days::new(i as u64)));
        if let Some(d) = date {
            if d.format("%d").to_string() == "01" {
                out.push_str(&text(x, 12.0, 11.0, p.muted, "", &d.format("%b").to_string()));
            }
        }
        let what = match count {
            1 => "1 viewing".to_owned(),
            n => format!("{n} viewings"),
        };
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{CELL}" height="{CELL}" rx="3" fill="{}"><title>{}: {}</title></rect>"#,
            p.heat[level],
            date.map(|d| d.to_string()).unwrap_or_default(),
            what
        );
    }
    out
}

/// A typographic poster `w` wide (3:2 tall) as the window draws it: the palette, the band, the title and year.
pub fn poster(film: &ReviewFilm, w: f64) -> String {
    let h = w * 1.5;
    let pad = w * 0.1;
    let pt = &film.poster;
    let mut out = format!(r#"<rect width="{w:.1}" height="{h:.1}" rx="8" fill="{}"/>"#, esc(&pt.background));
    let accent = esc(&pt.accent);
    let band = match pt.pattern {
        0 => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{accent}"/>"#,
            w * 0.1,
            h * 0.1,
            w * 0.8,
            h * 0.04
        ),
        1 => format!(r#"<rect x="{:.1}" y="0" width="{:.1}" height="{h:.1}" fill="{accent}"/>"#, w * 0.8, w * 0.06),
        2 => format!(
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{accent}" fill-opacity="0.85"/>"#,
            w * 0.83,
            h * 0.08 + w * 0.35,
            w * 0.35
        ),
        _ => format!(
            r#"<rect x="0" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{accent}" fill-opacity="0.9"/>"#,
            h * 0.34,
            h * 0.12
        ),
    };
    out.push_str(&band);
    // Clipped to the poster: a circle band reaches past its edge.
    let size = (w * 0.12).round();
    let lines = wrap(&film.film.title, w - 2.0 * pad, size, 5);
    let year_h = if film.film.year.is_some() { size * 0.9 } else { 0.0 };
    let mut y = h - pad - year_h - (lines.len() as f64 - 1.0) * size * 1.08;
    let fg = esc(&pt.foreground);
    for line in &lines {
        out.push_str(&format!(
            r#"<text x="{pad:.1}" y="{y:.1}" font-size="{size}" font-weight="700" font-family="{SERIF}" fill="{fg}">{}</text>"#,
            esc(line)
        ));
        y += size * 1.08;
    }
    if let Some(year) = film.film.year {
        out.push_str(&format!(
            r#"<text x="{pad:.1}" y="{:.1}" font-size="{:.0}" letter-spacing="2" fill="{fg}" fill-opacity="0.8">{year}</text>"#,
            h - pad,
            (size * 0.6).round()
        ));
    }
    format!(r#"<svg width="{w:.1}" height="{h:.1}" viewBox="0 0 {w:.1} {h:.1}" overflow="hidden">{out}</svg>"#)
}

/// The headline figures: (figure, what it counts).
pub fn headline(review: &YearReview) -> Vec<(String, &'static str)> {
    let t = &review.stats.totals;
    let mut out = vec![
        (t.films.to_string(), "films"),
        (t.viewings.to_string(), "viewings"),
        // Not one runtime known: the time watched is unknown, not zero.
        (
            if t.minutes == 0 && t.viewings_without_runtime > 0 { "unknown".to_owned() } else { hours_text(t.minutes) },
            "watched",
        ),
        (t.first_watches.to_string(), "first watches"),
        (t.rewatches.to_string(), "rewatches"),
    ];
    if let Some(a) = &t.average_rating_text {
        out.push((a.clone(), "average rating"));
    }
    out
}

/// What the figures leave out, said plainly.
pub fn caveats(review: &YearReview) -> Vec<String> {
    let t = &review.stats.totals;
    let mut out = Vec::new();
    match t.viewings_without_runtime {
        0 => {}
        1 => out.push("1 viewing is of a film whose runtime is not known: it is not in the time watched.".to_owned()),
        n => {
            out.push(format!("{n} viewings are of films whose runtime is not known: they are not in the time watched."))
        }
    }
    out
}

/// The year's highlights, one line each: (what, the fact).
pub fn highlights(review: &YearReview) -> Vec<(String, String)> {
    let s = &review.stats;
    let times = |n: u32| if n == 1 { "1 viewing".to_owned() } else { format!("{n} viewings") };
    let named = |f: &crate::stats::StatsFilm| match f.year {
        Some(y) => format!("{} ({y})", f.title),
        None => f.title.clone(),
    };
    let mut out = Vec::new();
    if let Some(m) = &s.busiest_month {
        out.push(("Busiest month".to_owned(), format!("{}, {}", month_long(&m.label), times(m.count))));
    }
    if let Some(w) = &s.busiest_weekday {
        out.push(("Busiest day of the week".to_owned(), format!("{}, {}", w.label, times(w.count))));
    }
    if let Some(w) = &s.busiest_week {
        out.push(("Busiest week".to_owned(), format!("from {}, {}", day_text(&w.label, review.year), times(w.count))));
    }
    if let Some(f) = &s.first_film {
        out.push((
            "First film of the year".to_owned(),
            format!("{}, {}", named(&f.film), day_text(&f.date, review.year)),
        ));
    }
    if let Some(f) = &s.last_film {
        out.push((
            "Last film of the year".to_owned(),
            format!("{}, {}", named(&f.film), day_text(&f.date, review.year)),
        ));
    }
    if let Some(st) = s.longest_day_streak.as_ref().filter(|st| st.length > 1) {
        out.push((
            "Longest run of days".to_owned(),
            format!(
                "{} days in a row, {} to {}",
                st.length,
                day_text(&st.from, review.year),
                day_text(&st.to, review.year)
            ),
        ));
    }
    if let Some(st) = s.longest_week_streak.as_ref().filter(|st| st.length > 1) {
        out.push((
            "Longest run of weeks".to_owned(),
            format!("{} weeks in a row, from {}", st.length, day_text(&st.from, review.year)),
        ));
    }
    if let Some(f) = &s.longest_film {
        out.push(("Longest film".to_owned(), format!("{}, {}", named(&f.film), hours_text(f.value))));
    }
    if let Some(f) = &s.shortest_film {
        out.push(("Shortest film".to_owned(), format!("{}, {}", named(&f.film), hours_text(f.value))));
    }
    if let Some(f) = &s.oldest_film {
        out.push(("Oldest film".to_owned(), named(&f.film)));
    }
    for m in &s.milestones {
        out.push((
            format!("Film number {}", m.number),
            format!("{}, {}", named(&m.film), day_text(&m.date, review.year)),
        ));
    }
    if let Some(f) = s.most_rewatched.first().filter(|f| f.value > 1) {
        out.push(("Most seen".to_owned(), format!("{}, {} times", named(&f.film), f.value)));
    }
    out
}

/// The ranked lists the page shows: a heading and up to five (name, films) entries.
pub fn rankings(review: &YearReview) -> Vec<(&'static str, Vec<(String, String)>)> {
    let order = [
        (RankingKind::Director, "Directors"),
        (RankingKind::Actor, "Actors"),
        (RankingKind::Genre, "Genres"),
        (RankingKind::Country, "Countries"),
        (RankingKind::Language, "Languages"),
        (RankingKind::Decade, "Release decades"),
    ];
    order
        .iter()
        .filter_map(|(kind, heading)| {
            let r = review.stats.rankings.iter().find(|r| r.kind == *kind)?;
            let entries: Vec<(String, String)> = r
                .most_watched
                .iter()
                .take(5)
                .map(|e| {
                    let n = e.films.len();
                    (e.name.clone(), if n == 1 { "1 film".to_owned() } else { format!("{n} films") })
                })
                .collect();
            (!entries.is_empty()).then_some((*heading, entries))
        })
        .collect()
}

/// What the rankings leave out: the year's films whose credits the catalogue does not hold.
pub fn coverage(review: &YearReview) -> Option<String> {
    let films = review.stats.totals.films;
    let unknown = review.stats.rankings.iter().find(|r| r.kind == RankingKind::Director)?.films_unknown;
    (unknown > 0).then(|| {
        format!(
            "The catalogue knows who directed {} of the year's {films} films: the people, genres, countries and \
             languages of the others are not known, so they are not counted.",
            films - unknown
        )
    })
}

/// The page builder: elements placed top to bottom.
struct Page {
    body: String,
    y: f64,
    p: Palette,
}

impl Page {
    fn heading(&mut self, title: &str) {
        self.y += 30.0;
        self.body.push_str(&text(
            MARGIN,
            self.y,
            26.0,
            self.p.ink,
            &format!(r#" font-family="{SERIF}" font-weight="700""#),
            title,
        ));
        self.y += 24.0;
    }

    fn group(&mut self, x: f64, y: f64, inner: &str) {
        let _ = write!(self.body, r#"<g transform="translate({x:.1} {y:.1})">{inner}</g>"#);
    }

    fn line(&mut self, x: f64, y: f64, size: f64, fill: &str, extra: &str, body: &str) {
        self.body.push_str(&text(x, y, size, fill, extra, body));
    }
}

/// The whole page.
pub fn page(review: &YearReview, theme: ReviewTheme) -> String {
    let p = palette(theme);
    let mut pg = Page { body: String::new(), y: MARGIN, p };
    let inner = WIDTH - 2.0 * MARGIN;
    let s = &review.stats;

    // The title.
    pg.y += 70.0;
    pg.line(
        MARGIN,
        pg.y,
        84.0,
        p.ink,
        &format!(r#" font-family="{SERIF}" font-weight="700""#),
        &review.year.to_string(),
    );
    pg.line(MARGIN + 250.0, pg.y - 40.0, 30.0, p.ink, &format!(r#" font-family="{SERIF}""#), "A year in film");
    pg.line(MARGIN + 250.0, pg.y - 6.0, 16.0, p.muted, "", "Your year in review, from your Matinee diary");
    pg.y += 40.0;

    // The headline figures, as cards.
    let figures = headline(review);
    let gap = 16.0;
    let card_w = (inner - gap * (figures.len() as f64 - 1.0)) / figures.len() as f64;
    for (i, (figure, what)) in figures.iter().enumerate() {
        let x = MARGIN + i as f64 * (card_w + gap);
        let card = format!(
            r#"<rect width="{card_w:.1}" height="104" rx="10" fill="{}" stroke="{}"/>{}{}"#,
            p.card,
            p.grid,
            text(
                16.0,
                52.0,
                if figure.chars().count() > 7 { 24.0 } else { 36.0 },
                p.ink,
                &format!(r#" font-family="{SERIF}" font-weight="700""#),
                &fit(figure, card_w - 24.0, 36.0)
            ),
            text(16.0, 82.0, 15.0, p.muted, "", what)
        );
        pg.group(x, pg.y, &card);
    }
    pg.y += 104.0;
    for c in caveats(review) {
        pg.y += 26.0;
        pg.line(MARGIN, pg.y, 14.0, p.muted, "", &c);
    }
    pg.y += 20.0;

    // The year's top-rated films, as posters.
    if !review.top_rated.is_empty() {
        pg.heading("Rated highest");
        let per_row = 5usize;
        let gap = 24.0;
        let w = (inner - gap * (per_row as f64 - 1.0)) / per_row as f64;
        for (row, films) in review.top_rated.chunks(per_row).enumerate() {
            let top = pg.y + row as f64 * (w * 1.5 + 70.0);
            for (i, f) in films.iter().enumerate() {
                let x = MARGIN + i as f64 * (w + gap);
                pg.group(x, top, &poster(f, w));
                let rank = row * per_row + i + 1;
                let caption = format!("{rank}. {}", f.rating_text.clone().unwrap_or_default());
                pg.line(x, top + w * 1.5 + 24.0, 16.0, p.ink, r#" font-weight="700""#, &caption);
                pg.line(x, top + w * 1.5 + 46.0, 14.0, p.muted, "", &fit(&f.film.title, w, 14.0));
            }
        }
        let rows = review.top_rated.len().div_ceil(per_row) as f64;
        pg.y += rows * (w * 1.5 + 70.0);
    }

    // The charts: months and weekdays side by side, the calendar, the rating spread.
    let half = (inner - 40.0) / 2.0;
    pg.heading("Viewings by month and by day of the week");
    pg.group(MARGIN, pg.y, &bar_chart(&month_bars(s), half, 200.0, &p));
    pg.group(MARGIN + half + 40.0, pg.y, &bar_chart(&weekday_bars(s), half, 200.0, &p));
    pg.y += 210.0;
    if let Some(cal) = &s.calendar {
        pg.heading("Every day of the year");
        let (_, h) = calendar_size(cal);
        pg.group(MARGIN, pg.y, &calendar(cal, &s.per_weekday, &p));
        pg.y += h + 10.0;
    }
    let ratings = rating_bars(s);
    let lights = highlights(review);
    if !ratings.is_empty() || !lights.is_empty() {
        pg.heading(if ratings.is_empty() { "Highlights" } else { "Ratings given, and highlights" });
        let top = pg.y;
        let (chart_w, lights_x) = if ratings.is_empty() { (0.0, MARGIN) } else { (half, MARGIN + half + 40.0) };
        if !ratings.is_empty() {
            pg.group(MARGIN, top, &bar_chart(&ratings, chart_w, 220.0, &p));
        }
        let lights_w = WIDTH - MARGIN - lights_x;
        let mut y = top + 16.0;
        for (what, fact) in &lights {
            pg.line(lights_x, y, 13.0, p.muted, "", what);
            pg.line(lights_x, y + 18.0, 15.0, p.ink, "", &fit(fact, lights_w, 15.0));
            y += 42.0;
        }
        pg.y = (top + 230.0).max(y);
    }

    // The people and places of the year.
    let ranks = rankings(review);
    if !ranks.is_empty() {
        pg.heading("Most watched");
        if let Some(c) = coverage(review) {
            for line in wrap(&c, inner, 14.0, 2) {
                pg.line(MARGIN, pg.y, 14.0, p.muted, "", &line);
                pg.y += 22.0;
            }
            pg.y += 12.0;
        }
        let col_w = (inner - 2.0 * 40.0) / 3.0;
        for (row, chunk) in ranks.chunks(3).enumerate() {
            let top = pg.y + row as f64 * 190.0;
            for (i, (heading, entries)) in chunk.iter().enumerate() {
                let x = MARGIN + i as f64 * (col_w + 40.0);
                pg.line(x, top + 14.0, 15.0, p.accent, r#" font-weight="700""#, heading);
                for (j, (name, n)) in entries.iter().enumerate() {
                    let y = top + 44.0 + j as f64 * 27.0;
                    let n_w = text_width(n, 14.0);
                    pg.line(x, y, 15.0, p.ink, "", &fit(&format!("{}. {name}", j + 1), col_w - n_w - 12.0, 15.0));
                    pg.line(x + col_w, y, 14.0, p.muted, r#" text-anchor="end""#, n);
                }
            }
        }
        pg.y += ranks.len().div_ceil(3) as f64 * 190.0 - 10.0;
    }

    // First viewings of the year's own films.
    if !review.new_releases.is_empty() {
        pg.heading(&format!("New to you from {}", review.year));
        let col_w = (inner - 40.0) / 2.0;
        let rows = review.new_releases.len().div_ceil(2);
        for (i, f) in review.new_releases.iter().enumerate() {
            let (col, row) = (i / rows, i % rows);
            let x = MARGIN + col as f64 * (col_w + 40.0);
            let y = pg.y + 16.0 + row as f64 * 28.0;
            let right = match &f.rating_text {
                Some(r) => format!("{}  ·  {r}", day_text(&f.date, review.year)),
                None => day_text(&f.date, review.year),
            };
            let right_w = text_width(&right, 14.0);
            pg.line(x, y, 15.0, p.ink, "", &fit(&f.film.title, col_w - right_w - 16.0, 15.0));
            pg.line(x + col_w, y, 14.0, p.muted, r#" text-anchor="end""#, &right);
        }
        pg.y += 16.0 + rows as f64 * 28.0;
        let more = review.new_releases_total as usize - review.new_releases.len();
        if more > 0 {
            pg.line(MARGIN, pg.y + 6.0, 14.0, p.muted, "", &format!("and {more} more"));
            pg.y += 28.0;
        }
    }

    // The lists those films are on.
    if !review.lists.is_empty() {
        pg.heading("Your lists this year");
        for l in review.lists.iter().take(6) {
            let y = pg.y + 16.0;
            let of = format!("{} of its {} films seen in {}", l.seen, l.films, review.year);
            pg.line(MARGIN, y, 16.0, p.ink, r#" font-weight="700""#, &fit(&l.name, inner * 0.55, 16.0));
            pg.line(WIDTH - MARGIN, y, 14.0, p.muted, r#" text-anchor="end""#, &of);
            pg.line(MARGIN, y + 22.0, 14.0, p.muted, "", &fit(&l.seen_titles.join(", "), inner, 14.0));
            pg.y += 52.0;
        }
    }

    pg.y += 40.0;
    pg.line(MARGIN, pg.y, 13.0, p.muted, "", "Made with Matinee, offline, from your own diary.");
    pg.y += MARGIN;
    let height = pg.y.ceil();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{SANS}"><rect width="100%" height="100%" fill="{}"/>{}</svg>"#,
        p.background, pg.body
    )
}
