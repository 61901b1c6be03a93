use chrono::{NaiveDate, Weekday};

use super::*;
use crate::model::RatingScale;

fn film(key: &str, title: &str, year: Option<i32>) -> FilmFacts {
    FilmFacts { key: key.into(), title: title.into(), year, runtime: Some(100), ..Default::default() }
}

fn seen(film: usize, date: &str, rating: Option<u8>, rewatch: bool, id: i64) -> ViewingFacts {
    ViewingFacts { film, date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(), rating, rewatch, id }
}

const STYLE: Style = Style { week_start: Weekday::Mon, scale: RatingScale::FiveStars };

fn sample() -> (Vec<FilmFacts>, Vec<ViewingFacts>) {
    let mut films = vec![
        film("a", "Alpha", Some(2024)),
        film("b", "Bravo", Some(1999)),
        film("c", "Charlie", Some(2024)),
        film("d", "Delta", Some(2024)),
        film("e", "Echo <script>alert(1)</script> & \"friends\"\u{1}", None),
    ];
    films[3].rating = Some(70); // rated now, never at a viewing
    let viewings = vec![
        seen(0, "2024-03-01", Some(60), false, 1),
        seen(0, "2024-09-01", Some(90), true, 2), // the best of the year counts
        seen(1, "2024-02-10", Some(100), false, 3),
        seen(1, "2025-01-02", Some(20), true, 4),  // another year: not counted
        seen(2, "2023-12-31", Some(80), false, 5), // seen before: not new to the user in 2024
        seen(2, "2024-01-01", None, true, 6),
        seen(3, "2024-05-05", None, false, 7),
        seen(4, "2024-06-06", Some(50), false, 8),
    ];
    (films, viewings)
}

#[test]
fn top_rated_take_the_best_rating_given_that_year_else_the_rating_now() {
    let (films, viewings) = sample();
    let r = compute_review(&films, &viewings, 2024, STYLE, &[]);
    let order: Vec<(&str, Option<u32>)> = r.top_rated.iter().map(|f| (f.film.key.0.as_str(), f.rating)).collect();
    // Charlie's 2024 viewing has no rating and it has none now: not among the rated.
    assert_eq!(order, [("b", Some(100)), ("a", Some(90)), ("d", Some(70)), ("e", Some(50))]);
    assert_eq!(r.top_rated[1].rating_text.as_deref(), Some("4.5/5"));
    assert_eq!(r.top_rated[1].date, "2024-03-01", "the first viewing of the year");
    assert_eq!(r.stats.totals.viewings, 6);
}

#[test]
fn new_releases_are_the_years_films_first_seen_that_year() {
    let (films, viewings) = sample();
    let r = compute_review(&films, &viewings, 2024, STYLE, &[]);
    let keys: Vec<&str> = r.new_releases.iter().map(|f| f.film.key.0.as_str()).collect();
    assert_eq!(keys, ["a", "d"], "Charlie was first seen in 2023, Bravo is from 1999");
    assert_eq!(r.new_releases_total, 2);
    // A year with nothing in it.
    let empty = compute_review(&films, &viewings, 2019, STYLE, &[]);
    assert!(empty.top_rated.is_empty() && empty.new_releases.is_empty());
    assert_eq!(empty.stats.totals.viewings, 0);
}

#[test]
fn lists_count_their_films_seen_that_year() {
    let (films, viewings) = sample();
    let lists = vec![
        ListFacts { name: "Nineties".into(), keys: vec!["b".into(), "zz-never-seen".into()] },
        ListFacts { name: "Untouched".into(), keys: vec!["zz-never-seen".into()] },
        ListFacts { name: "Best".into(), keys: vec!["d".into(), "a".into(), "c".into()] },
    ];
    let r = compute_review(&films, &viewings, 2024, STYLE, &lists);
    let got: Vec<(&str, u32, u32)> = r.lists.iter().map(|l| (l.name.as_str(), l.seen, l.films)).collect();
    assert_eq!(got, [("Best", 3, 3), ("Nineties", 1, 2)], "a list with no film seen that year is left out");
    assert_eq!(r.lists[0].seen_titles, ["Delta", "Alpha", "Charlie"], "in the list's order");
}

#[test]
fn the_page_escapes_what_comes_from_the_library_and_draws_as_a_png_of_its_size() {
    let (films, viewings) = sample();
    let r = compute_review(&films, &viewings, 2024, STYLE, &[]);
    for theme in [ReviewTheme::Light, ReviewTheme::Dark] {
        let page = svg::page(&r, theme);
        assert!(!page.contains("<script"), "a title is text, never markup");
        assert!(page.contains("Echo &lt;script&gt;"), "escaped, not dropped");
        assert!(!page.contains('\u{1}'), "characters XML cannot hold are left out");
        assert!(!page.contains("href"), "nothing outside the document");
        let image = png::render(&page, 0.5).expect("the page draws");
        assert_eq!(png::png_size(&image.bytes), Some((image.width, image.height)));
        assert_eq!(image.width, 600);
        assert!(image.height > 600, "a page taller than wide: {}", image.height);
    }
}

#[test]
fn the_html_page_is_self_contained_and_says_every_chart_as_a_table() {
    let (films, viewings) = sample();
    let lists = vec![ListFacts { name: "<b>Best</b>".into(), keys: vec!["a".into()] }];
    let r = compute_review(&films, &viewings, 2024, STYLE, &lists);
    let page = html::page(&r, ReviewTheme::Light);
    assert!(!page.contains("<script"), "no scripts, and a title is text");
    assert!(!page.contains("http://") && !page.contains("https://"), "no address of anything outside it");
    assert!(page.contains("&lt;b&gt;Best&lt;/b&gt;"));
    assert_eq!(page.matches("<svg role=\"img\"").count(), 4, "months, weekdays, the calendar, the ratings");
    assert_eq!(page.matches("<details>").count(), 4, "each chart with its table");
    // The months' table holds the figures the chart draws.
    assert!(page.contains("<tr><th scope=\"row\">Mar</th><td>1</td></tr>"), "March has one viewing");
    assert!(page.contains("New to you from 2024"));
}

#[test]
fn titles_wrap_and_cut_to_their_width() {
    let lines = svg::wrap("The Assassination of Jesse James by the Coward Robert Ford", 150.0, 20.0, 3);
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| svg::text_width(l, 20.0) <= 150.0 + 1e-9), "{lines:?}");
    assert!(lines[2].ends_with('…'), "the rest is cut: {lines:?}");
    assert_eq!(svg::wrap("Up", 150.0, 20.0, 3), ["Up"]);
    let korean = svg::fit("7번방의 선물 7번방의 선물 7번방의 선물", 120.0, 20.0);
    assert!(korean.ends_with('…') && svg::text_width(&korean, 20.0) <= 120.0 + 1e-9);
}
