use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn film(key: &str, runtime: Option<u32>, year: Option<i32>) -> FilmFacts {
    FilmFacts { key: key.into(), title: key.to_uppercase(), year, runtime, ..Default::default() }
}

fn seen(film: usize, date: Option<&str>, rating: Option<u8>, rewatch: bool, id: i64) -> ViewingFacts {
    ViewingFacts { film, date: date.map(day), rating, rewatch, id }
}

const MONDAY: Style = Style { week_start: Weekday::Mon, scale: RatingScale::FiveStars };
const SUNDAY: Style = Style { week_start: Weekday::Sun, scale: RatingScale::FiveStars };

fn all_time() -> Period {
    Period::default()
}

fn year(y: i32) -> Period {
    Period { year: Some(y), ..Default::default() }
}

#[test]
fn totals_count_unknown_runtimes_and_undated_viewings_apart() {
    let films = vec![film("a", Some(100), Some(2001)), film("b", None, Some(1999)), film("c", Some(90), None)];
    let v = vec![
        seen(0, Some("2024-01-05"), Some(80), false, 1),
        seen(0, Some("2024-02-05"), Some(90), true, 2),
        seen(1, Some("2024-03-01"), None, false, 3),
        seen(2, None, Some(60), false, 4),
    ];
    let s = compute(&films, &v, &all_time(), MONDAY);
    let t = &s.totals;
    assert_eq!((t.films, t.viewings, t.rewatches, t.first_watches), (3, 4, 1, 3));
    assert_eq!((t.minutes, t.viewings_without_runtime), (290, 1), "b's runtime is unknown, not zero");
    assert_eq!(t.undated_viewings, 1);
    assert_eq!(t.rated_viewings, 3);
    assert!((t.average_rating.unwrap() - 230.0 / 3.0).abs() < 1e-9);
    assert_eq!(t.median_rating, Some(80.0));
    assert_eq!(t.average_rating_text.as_deref(), Some("3.83/5"));
    // A year holds only its dated viewings; the undated one is still said.
    let y = compute(&films, &v, &year(2024), MONDAY);
    assert_eq!((y.totals.viewings, y.totals.films, y.totals.undated_viewings), (3, 2, 1));
    assert_eq!(y.per_month.len(), 12);
    assert_eq!(y.per_month.iter().map(|c| c.count).collect::<Vec<_>>(), [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
}

#[test]
fn an_empty_year_has_every_month_and_day_at_zero_and_no_extremes() {
    let films = vec![film("a", Some(100), Some(2001))];
    let v = vec![seen(0, Some("2023-06-01"), None, false, 1)];
    let s = compute(&films, &v, &year(2022), MONDAY);
    assert_eq!(s.totals.viewings, 0);
    assert_eq!(s.per_month.iter().map(|c| c.count).sum::<u32>(), 0);
    assert_eq!(s.per_month.len(), 12);
    let cal = s.calendar.unwrap();
    assert_eq!((cal.days.len(), cal.most_in_a_day), (365, 0));
    assert!(s.first_film.is_none() && s.longest_day_streak.is_none() && s.busiest_month.is_none());
    assert!(s.rating_spread.is_empty());
    assert_eq!(s.years, [2023], "the years with viewings, whatever the period");
}

#[test]
fn streaks_run_over_month_and_year_ends_and_leap_days() {
    let films = vec![film("a", None, None)];
    let dates = [
        "2023-12-30",
        "2023-12-31",
        "2024-01-01",
        "2024-01-03",
        "2024-02-28",
        "2024-02-29",
        "2024-03-01",
        "2024-03-02",
    ];
    let v: Vec<ViewingFacts> = dates.iter().enumerate().map(|(i, d)| seen(0, Some(d), None, false, i as i64)).collect();
    let s = compute(&films, &v, &all_time(), MONDAY);
    let streak = s.longest_day_streak.unwrap();
    assert_eq!((streak.length, streak.from.as_str(), streak.to.as_str()), (4, "2024-02-28", "2024-03-02"));
    // Within 2024 only, the year-end run is cut at 1 January.
    let y = compute(&films, &v, &year(2024), MONDAY);
    assert_eq!(y.longest_day_streak.unwrap().length, 4);
    let cal = y.calendar.unwrap();
    assert_eq!(cal.days.len(), 366, "2024 is a leap year");
    assert_eq!(cal.days[59], 1, "29 February is day 60");
    assert_eq!(cal.first_column_offset, 0, "1 January 2024 is a Monday");
    // Three days from 30 Dec to 1 Jan, all time: the first run is 3 long; the later one is longer.
    let short = compute(&films, &v[..4], &all_time(), MONDAY).longest_day_streak.unwrap();
    assert_eq!((short.length, short.from.as_str(), short.to.as_str()), (3, "2023-12-30", "2024-01-01"));
}

#[test]
fn weeks_start_on_the_day_the_settings_say() {
    let films = vec![film("a", None, None)];
    // Sunday 7 Jan 2024 and Monday 8 Jan: one week when weeks start on Sunday, two weeks when on Monday.
    let v = vec![seen(0, Some("2024-01-07"), None, false, 1), seen(0, Some("2024-01-08"), None, false, 2)];
    let monday = compute(&films, &v, &all_time(), MONDAY);
    let sunday = compute(&films, &v, &all_time(), SUNDAY);
    assert_eq!(monday.longest_week_streak.unwrap().length, 2);
    assert_eq!(sunday.longest_week_streak.unwrap().length, 1);
    assert_eq!(sunday.busiest_week.unwrap(), Count { label: "2024-01-07".into(), count: 2 });
    assert_eq!(monday.per_weekday[0].label, "Monday");
    assert_eq!(sunday.per_weekday[0].label, "Sunday");
    assert_eq!(sunday.per_weekday[0].count, 1);
    assert_eq!(sunday.per_weekday[1].count, 1);
    let y = compute(&films, &v, &year(2024), SUNDAY);
    assert_eq!(y.calendar.unwrap().first_column_offset, 1, "1 January 2024, a Monday, is the second column");
    // Weeks in a row across a year end.
    let v = vec![seen(0, Some("2023-12-27"), None, false, 1), seen(0, Some("2024-01-02"), None, false, 2)];
    let s = compute(&films, &v, &all_time(), MONDAY).longest_week_streak.unwrap();
    assert_eq!((s.length, s.from.as_str(), s.to.as_str()), (2, "2023-12-25", "2024-01-01"));
}

#[test]
fn the_spread_counts_each_viewing_at_its_rating_and_each_film_at_its_rating_now() {
    let mut films = vec![film("a", None, None), film("b", None, None)];
    films[0].rating = Some(90);
    films[1].rating = Some(70);
    let v = vec![
        seen(0, Some("2024-01-01"), Some(70), false, 1),
        seen(0, Some("2024-05-01"), Some(90), true, 2),
        seen(1, Some("2024-06-01"), Some(70), false, 3),
    ];
    let s = compute(&films, &v, &all_time(), MONDAY);
    assert_eq!(s.rating_spread.len(), 10, "half a star to five stars");
    let at = |value: u32| s.rating_spread.iter().find(|r| r.value == value).unwrap();
    assert_eq!((at(70).viewings, at(70).films, at(70).label.as_str()), (2, 1, "3.5/5"));
    assert_eq!((at(90).viewings, at(90).films), (1, 1));
    assert_eq!(s.rating_spread.iter().map(|r| r.viewings).sum::<u32>(), 3);
    let ten = compute(&films, &v, &all_time(), Style { scale: RatingScale::TenPoint, ..MONDAY });
    assert_eq!(ten.rating_spread.iter().find(|r| r.value == 70).unwrap().label, "7.0/10");
}

#[test]
fn rankings_count_viewings_and_rank_averages_with_a_minimum_and_say_what_is_unknown() {
    let mut films: Vec<FilmFacts> = (0..5).map(|i| film(&format!("f{i}"), Some(100), Some(1990 + i))).collect();
    for f in &mut films[..4] {
        f.directors = vec!["Agnès Varda".into()];
    }
    films[3].directors.push("Jacques Demy".into());
    for (i, r) in [80, 90, 100, 60].iter().enumerate() {
        films[i].rating = Some(*r);
    }
    films[4].year = None;
    let v: Vec<ViewingFacts> = (0..5).map(|i| seen(i, Some("2024-03-01"), None, false, i as i64)).collect();
    let mut v = v;
    v.push(seen(3, Some("2024-03-02"), None, true, 9));
    let s = compute(&films, &v, &all_time(), MONDAY);
    let directors = s.rankings.iter().find(|r| r.kind == RankingKind::Director).unwrap();
    assert_eq!(directors.most_watched[0].name, "Agnès Varda");
    assert_eq!((directors.most_watched[0].viewings, directors.most_watched[0].films.len()), (5, 4));
    assert_eq!(directors.films_unknown, 1, "f4 has no director");
    assert_eq!(directors.highest_rated.len(), 1, "Demy has one rated film, under the minimum of 3");
    assert_eq!(directors.highest_rated[0].average_rating, Some(82.5));
    let decades = s.rankings.iter().find(|r| r.kind == RankingKind::Decade).unwrap();
    assert_eq!(decades.most_watched[0].name, "1990s");
    assert_eq!(decades.films_unknown, 1, "a film with no year is unknown, not year 0");
}

#[test]
fn milestones_count_different_films_over_the_whole_history() {
    let films: Vec<FilmFacts> = (0..260).map(|i| film(&format!("f{i}"), None, None)).collect();
    let mut v = Vec::new();
    for i in 0..260 {
        let date = day("2020-01-01") + Duration::days(i as i64);
        v.push(ViewingFacts { film: i, date: Some(date), rating: None, rewatch: false, id: i as i64 });
        // A rewatch of the first film each day: not a new film.
        v.push(ViewingFacts { film: 0, date: Some(date), rating: None, rewatch: true, id: 1000 + i as i64 });
    }
    let s = compute(&films, &v, &all_time(), MONDAY);
    let got: Vec<(u32, String)> = s.milestones.iter().map(|m| (m.number, m.date.clone())).collect();
    assert_eq!(got, [(100, "2020-04-09".to_owned()), (250, "2020-09-06".to_owned())]);
    assert_eq!(s.milestones[0].film.key.0, "f99");
    let y = compute(&films, &v, &Period { from: Some(day("2020-06-01")), ..Default::default() }, MONDAY);
    assert_eq!(y.milestones.iter().map(|m| m.number).collect::<Vec<_>>(), [250], "only the ones in the period");
    assert_eq!(s.most_rewatched[0].film.key.0, "f0");
    assert_eq!(s.most_rewatched[0].value, 261);
}

#[test]
fn films_extremes_crowd_and_watchlist() {
    let mut films =
        vec![film("long", Some(229), Some(1962)), film("short", Some(8), Some(1895)), film("own", None, None)];
    films[0].score = Some((83, "IMDb".into()));
    films[0].rating = Some(100);
    films[1].score = Some((70, "IMDb".into()));
    films[1].rating = Some(40);
    films[2].watchlist_since = Some(day("2023-01-15"));
    let waiting = film("waiting", Some(95), Some(2019));
    films.push(FilmFacts { watchlist_since: Some(day("2022-05-01")), ..waiting });
    films[0].watchlist_since = Some(day("2023-02-01"));
    let v = vec![seen(0, Some("2023-03-10"), None, false, 1), seen(1, Some("2023-03-11"), None, false, 2)];
    let s = compute(&films, &v, &all_time(), MONDAY);
    let longest = s.longest_film.as_ref().unwrap();
    assert_eq!((longest.film.key.0.as_str(), longest.value), ("long", 229));
    assert_eq!(s.shortest_film.as_ref().unwrap().film.key.0, "short");
    assert_eq!(s.oldest_film.as_ref().unwrap().value, 1895);
    assert_eq!(s.crowd.films, 2);
    assert_eq!(s.crowd.above[0].difference, 17);
    assert_eq!(s.crowd.below[0].difference, -30);
    let w = &s.watchlist;
    assert_eq!((w.size, w.unseen), (3, 2));
    assert_eq!(w.oldest.iter().map(|d| d.film.key.0.as_str()).collect::<Vec<_>>(), ["waiting", "own"]);
    let march = w.months.iter().find(|m| m.month == "2023-03").unwrap();
    assert_eq!((march.added, march.watched, march.size), (0, 1, 3));
    assert_eq!(w.months.first().unwrap().month, "2022-05");
}
