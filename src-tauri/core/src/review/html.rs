//! The year in review as one self-contained HTML file: its styles inside it, its charts as inline SVG, each chart
//! followed by a table of the same figures. No scripts, nothing fetched from anywhere.

use std::fmt::Write as _;

use super::svg::{
    bar_chart, calendar, calendar_size, caveats, coverage, esc, headline, highlights, month_bars, palette, poster,
    rankings, rating_bars, weekday_bars, SANS, SERIF,
};
use super::{day_text, ReviewTheme, YearReview};

fn chart(title: &str, bars: &[(String, u32)], head: (&str, &str), p: &super::svg::Palette) -> String {
    let (w, h) = (520.0, 200.0);
    let mut rows = String::new();
    for (label, count) in bars {
        let _ = write!(rows, "<tr><th scope=\"row\">{}</th><td>{count}</td></tr>", esc(label));
    }
    format!(
        r#"<figure><figcaption>{t}</figcaption><svg role="img" aria-label="{t}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{SANS}">{}</svg><details><summary>As a table</summary><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{rows}</tbody></table></details></figure>"#,
        bar_chart(bars, w, h, p),
        esc(head.0),
        esc(head.1),
        t = esc(title),
    )
}

/// The page, written in `theme`'s colours.
pub fn page(review: &YearReview, theme: ReviewTheme) -> String {
    let p = palette(theme);
    let s = &review.stats;
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1><span class=\"year\">{}</span> A year in film</h1><p>Your year in review, from your Matinee diary.</p></header>",
        review.year
    );
    body.push_str("<section class=\"figures\" aria-label=\"The year in figures\"><dl>");
    for (figure, what) in headline(review) {
        let _ = write!(body, "<div><dt>{}</dt><dd>{}</dd></div>", esc(what), esc(&figure));
    }
    body.push_str("</dl>");
    for c in caveats(review) {
        let _ = write!(body, "<p class=\"note\">{}</p>", esc(&c));
    }
    body.push_str("</section>");

    if !review.top_rated.is_empty() {
        body.push_str("<section><h2>Rated highest</h2><ol class=\"posters\">");
        for f in &review.top_rated {
            let year = f.film.year.map(|y| format!(" ({y})")).unwrap_or_default();
            let _ = write!(
                body,
                "<li><span aria-hidden=\"true\">{}</span><strong>{}</strong> {}{}</li>",
                poster(f, 180.0),
                esc(f.rating_text.as_deref().unwrap_or("")),
                esc(&f.film.title),
                esc(&year)
            );
        }
        body.push_str("</ol></section>");
    }

    body.push_str("<section><h2>Viewings by month and by day of the week</h2><div class=\"pair\">");
    body.push_str(&chart("Viewings per month", &month_bars(s), ("Month", "Viewings"), &p));
    body.push_str(&chart("Viewings per day of the week", &weekday_bars(s), ("Day", "Viewings"), &p));
    body.push_str("</div></section>");

    if let Some(cal) = &s.calendar {
        let (w, h) = calendar_size(cal);
        let busy: Vec<String> = cal
            .days
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .filter_map(|(i, n)| {
                let d =
                    chrono::NaiveDate::from_ymd_opt(cal.year, 1, 1)?.checked_add_days(chrono::Days::new(i as u64))?;
                Some(format!("<tr><th scope=\"row\">{d}</th><td>{n}</td></tr>"))
            })
            .collect();
        let _ = write!(
            body,
            r#"<section><h2>Every day of the year</h2><figure class="wide"><svg role="img" aria-label="Viewings on each day of {y}" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{SANS}">{}</svg><details><summary>The days with a viewing, as a table</summary><table><thead><tr><th scope="col">Day</th><th scope="col">Viewings</th></tr></thead><tbody>{}</tbody></table></details></figure></section>"#,
            calendar(cal, &s.per_weekday, &p),
            busy.join(""),
            y = cal.year,
        );
    }

    let ratings = rating_bars(s);
    let lights = highlights(review);
    body.push_str("<section><h2>Ratings given, and highlights</h2><div class=\"pair\">");
    if !ratings.is_empty() {
        body.push_str(&chart("Ratings given at the year's viewings", &ratings, ("Rating", "Viewings"), &p));
    }
    if !lights.is_empty() {
        body.push_str("<dl class=\"highlights\">");
        for (what, fact) in &lights {
            let _ = write!(body, "<div><dt>{}</dt><dd>{}</dd></div>", esc(what), esc(fact));
        }
        body.push_str("</dl>");
    }
    body.push_str("</div></section>");

    let ranks = rankings(review);
    if !ranks.is_empty() {
        body.push_str("<section><h2>Most watched</h2>");
        if let Some(c) = coverage(review) {
            let _ = write!(body, "<p class=\"note\">{}</p>", esc(&c));
        }
        body.push_str("<div class=\"ranks\">");
        for (heading, entries) in ranks {
            let _ = write!(body, "<div><h3>{}</h3><ol>", esc(heading));
            for (name, n) in entries {
                let _ = write!(body, "<li>{} <span class=\"muted\">{}</span></li>", esc(&name), esc(&n));
            }
            body.push_str("</ol></div>");
        }
        body.push_str("</div></section>");
    }

    if !review.new_releases.is_empty() {
        let _ = write!(body, "<section><h2>New to you from {}</h2><ul class=\"new\">", review.year);
        for f in &review.new_releases {
            let rating = f.rating_text.as_deref().map(|r| format!(" · {r}")).unwrap_or_default();
            let _ = write!(
                body,
                "<li>{} <span class=\"muted\">{}{}</span></li>",
                esc(&f.film.title),
                esc(&day_text(&f.date, review.year)),
                esc(&rating)
            );
        }
        body.push_str("</ul>");
        let more = review.new_releases_total as usize - review.new_releases.len();
        if more > 0 {
            let _ = write!(body, "<p class=\"muted\">and {more} more</p>");
        }
        body.push_str("</section>");
    }

    if !review.lists.is_empty() {
        body.push_str("<section><h2>Your lists this year</h2><ul class=\"lists\">");
        for l in &review.lists {
            let _ = write!(
                body,
                "<li><strong>{}</strong> <span class=\"muted\">{} of its {} films seen in {}</span><br>{}</li>",
                esc(&l.name),
                l.seen,
                l.films,
                review.year,
                esc(&l.seen_titles.join(", "))
            );
        }
        body.push_str("</ul></section>");
    }
    body.push_str("<footer>Made with Matinee, offline, from your own diary.</footer>");

    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{year} in film: a year in review</title>
<style>
body {{ margin: 0 auto; max-width: 1120px; padding: 40px; background: {bg}; color: {ink}; font-family: {SANS}; line-height: 1.45; }}
h1, h2, h3 {{ font-family: {SERIF}; }}
h1 {{ font-size: 2.2rem; margin: 0; }} h1 .year {{ font-size: 4rem; margin-right: 0.3em; }}
h2 {{ font-size: 1.5rem; margin: 2.2rem 0 0.8rem; }} h3 {{ font-size: 1rem; color: {accent}; margin: 0 0 0.4rem; }}
.figures dl {{ display: flex; flex-wrap: wrap; gap: 14px; margin: 1.5rem 0 0; }}
.figures dl div {{ background: {card}; border: 1px solid {grid}; border-radius: 10px; padding: 14px 18px; min-width: 130px; display: flex; flex-direction: column-reverse; }}
.figures dd {{ margin: 0; font: 700 2rem {SERIF}; }} .figures dt, .muted, .note, figcaption {{ color: {muted}; }}
.posters {{ list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 20px; }}
.posters svg {{ display: block; margin-bottom: 6px; }}
.pair {{ display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }}
figure {{ margin: 0; }} figure svg {{ max-width: 100%; height: auto; }}
.highlights {{ margin: 0; flex: 1; min-width: 280px; }} .highlights dt {{ color: {muted}; font-size: 0.85rem; }} .highlights dd {{ margin: 0 0 0.6rem; }}
.ranks {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 24px; }}
.ranks ol, .new, .lists {{ padding-left: 1.4em; }} .new {{ columns: 2; }}
table {{ border-collapse: collapse; margin-top: 0.5rem; }} th, td {{ text-align: left; padding: 2px 12px 2px 0; }}
footer {{ margin-top: 3rem; color: {muted}; font-size: 0.85rem; }}
</style>
</head>
<body>
{body}
</body>
</html>
"#,
        year = review.year,
        bg = p.background,
        ink = p.ink,
        accent = p.accent,
        card = p.card,
        grid = p.grid,
        muted = p.muted,
    )
}
