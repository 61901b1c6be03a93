//! Stats over real exports, checked against figures computed here straight from the export files; and the query
//! checked field by field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use matinee_core::import::read_path;
use matinee_core::stats::{RankingKind, StatsQuery};
use matinee_core::{CoreError, DataDir, Matinee};

fn real(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-exports").join(path);
    assert!(p.exists(), "the real export {} is missing: tests read ../shared/real-exports", p.display());
    p
}

fn imported(path: &Path) -> (tempfile::TempDir, Matinee) {
    let tmp = tempfile::tempdir().unwrap();
    let mut m = Matinee::open(DataDir::at(tmp.path())).unwrap();
    let files = read_path(path).unwrap();
    let (plan, _) = m.import_prepare(files, None, &path.display().to_string()).unwrap();
    m.import_apply(&plan, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    (tmp, m)
}

/// A Letterboxd CSV's rows as (column → value) maps.
fn csv_rows(file: &Path) -> Vec<BTreeMap<String, String>> {
    if !file.exists() {
        return Vec::new();
    }
    let mut reader = csv::Reader::from_path(file).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| headers.iter().zip(r.iter()).map(|(h, v)| (h.to_owned(), v.to_owned())).collect())
        .collect()
}

/// The viewings a Letterboxd export holds, read as its files say: every diary row, every review whose entry is not
/// in the diary (the same Letterboxd URI), and an undated viewing for each watched film with neither. Each as
/// (watched date or "", rating as 0..100, marked a rewatch).
fn export_viewings(dir: &Path) -> Vec<(String, Option<u32>, bool)> {
    let diary = csv_rows(&dir.join("diary.csv"));
    let reviews = csv_rows(&dir.join("reviews.csv"));
    let uris: std::collections::HashSet<&str> = diary.iter().map(|r| r["Letterboxd URI"].as_str()).collect();
    let entries: Vec<&BTreeMap<String, String>> =
        diary.iter().chain(reviews.iter().filter(|r| !uris.contains(r["Letterboxd URI"].as_str()))).collect();
    let titled: std::collections::HashSet<(String, String)> =
        entries.iter().map(|r| (r["Name"].to_lowercase(), r["Year"].clone())).collect();
    let mut out: Vec<(String, Option<u32>, bool)> = entries
        .iter()
        .map(|r| {
            let stars: Option<f64> = r["Rating"].parse().ok();
            (r["Watched Date"].clone(), stars.map(|s| (s * 20.0).round() as u32), r["Rewatch"] == "Yes")
        })
        .collect();
    for w in csv_rows(&dir.join("watched.csv")) {
        if !titled.contains(&(w["Name"].to_lowercase(), w["Year"].clone())) {
            out.push((String::new(), None, false));
        }
    }
    out
}

#[test]
fn stats_of_a_real_letterboxd_export_match_its_diary_csv() {
    for export in ["letterboxd/aguitov-2026", "letterboxd/extratone-2024", "letterboxd/patrickmjones-2022"] {
        let (_tmp, m) = imported(&real(export));
        let rows = export_viewings(&real(export));
        let dated: Vec<&(String, Option<u32>, bool)> = rows.iter().filter(|r| !r.0.is_empty()).collect();
        let s = m.stats(&StatsQuery::default()).unwrap();
        assert_eq!(s.totals.viewings as usize, rows.len(), "{export}: every viewing of the export");
        assert_eq!(s.totals.undated_viewings as usize, rows.len() - dated.len(), "{export}");

        // Viewings per month, straight from the Watched Date column.
        let mut months: BTreeMap<String, u32> = BTreeMap::new();
        for r in &dated {
            *months.entry(r.0[..7].to_owned()).or_default() += 1;
        }
        let shown: BTreeMap<String, u32> =
            s.per_month.iter().filter(|c| c.count > 0).map(|c| (c.label.clone(), c.count)).collect();
        assert_eq!(shown, months, "{export}: viewings per month");
        assert_eq!(s.per_month.iter().map(|c| c.count).sum::<u32>() as usize, dated.len());

        // The rating spread of the viewings, in half stars, from the Rating column.
        let mut spread: BTreeMap<u32, u32> = BTreeMap::new();
        for r in &rows {
            if let Some(v) = r.1 {
                *spread.entry(v).or_default() += 1;
            }
        }
        let shown: BTreeMap<u32, u32> =
            s.rating_spread.iter().filter(|r| r.viewings > 0).map(|r| (r.value, r.viewings)).collect();
        assert_eq!(shown, spread, "{export}: the rating spread");
        assert_eq!(s.totals.rated_viewings, spread.values().sum::<u32>(), "{export}");
        let marked = rows.iter().filter(|r| r.2).count() as u32;
        assert_eq!(s.totals.rewatches, marked, "{export}: rewatches as the export marks them");

        // Each year alone, and the first and last film of the latest one.
        let latest = *s.years.first().unwrap();
        let y = m.stats(&StatsQuery { year: Some(latest), ..Default::default() }).unwrap();
        let in_year: Vec<&&(String, Option<u32>, bool)> =
            dated.iter().filter(|r| r.0.starts_with(&latest.to_string())).collect();
        assert_eq!(y.totals.viewings as usize, in_year.len(), "{export} {latest}");
        let first = in_year.iter().map(|r| r.0.clone()).min().unwrap();
        assert_eq!(y.first_film.unwrap().date, first, "{export}");
        assert_eq!(y.calendar.as_ref().unwrap().days.iter().sum::<u32>() as usize, in_year.len());
        let per_weekday: u32 = y.per_weekday.iter().map(|c| c.count).sum();
        assert_eq!(per_weekday as usize, in_year.len());

        // Films the catalogue does not know still count, with their facts unknown.
        let genres = s.rankings.iter().find(|r| r.kind == RankingKind::Genre).unwrap();
        assert!(genres.films_unknown > 0, "{export}: most of these films are not in the starter catalogue");
        assert!(s.totals.viewings_without_runtime > 0, "{export}");
    }
}

#[test]
fn a_bad_query_names_its_field_and_a_tag_narrows_the_films() {
    let (_tmp, mut m) = imported(&real("letterboxd/aguitov-2026"));
    for (q, field) in [
        (StatsQuery { year: Some(1200), ..Default::default() }, "year"),
        (StatsQuery { from: Some("2024-13-01".into()), ..Default::default() }, "from"),
        (StatsQuery { to: Some("yesterday".into()), ..Default::default() }, "to"),
        (StatsQuery { from: Some("2024-05-01".into()), to: Some("2024-04-01".into()), ..Default::default() }, "from"),
        (StatsQuery { year: Some(2024), from: Some("2024-01-01".into()), ..Default::default() }, "year"),
        (StatsQuery { tag: Some("no such tag".into()), ..Default::default() }, "tag"),
        (StatsQuery { week_start: Some("friday".into()), ..Default::default() }, "week_start"),
    ] {
        match m.stats(&q) {
            Err(CoreError::Invalid { field: f, .. }) => assert_eq!(f, field, "{q:?}"),
            other => panic!("{q:?}: {other:?}"),
        }
    }
    let all = m.stats(&StatsQuery::default()).unwrap();
    let some = all.last_film.clone().unwrap().film;
    m.tag_add(&some.key.0, "Comfort").unwrap();
    let tagged = m.stats(&StatsQuery { tag: Some("comfort".into()), ..Default::default() }).unwrap();
    assert_eq!(tagged.totals.films, 1);
    let of_it = m.film(&some.key.0).unwrap().user.viewings.len() as u32;
    assert_eq!(tagged.totals.viewings, of_it);
    assert!(tagged.period.label.contains("Comfort"), "{}", tagged.period.label);
    // An entry's films open the Diary filtered to them: every viewing of those films, no other.
    let genres = all.rankings.iter().find(|r| r.kind == RankingKind::Decade).unwrap();
    let entry = &genres.most_watched[0];
    let films: Vec<String> = entry.films.iter().map(|k| k.0.clone()).collect();
    let diary = m.diary(&matinee_core::model::DiaryQuery { films: Some(films.clone()), ..Default::default() }).unwrap();
    assert_eq!(diary.total, entry.viewings, "{}", entry.name);
    assert!(diary.months.iter().flat_map(|mo| &mo.entries).all(|e| films.contains(&e.film.key.0)));
    // A range.
    let range = m
        .stats(&StatsQuery { from: Some("2024-01-01".into()), to: Some("2024-06-30".into()), ..Default::default() })
        .unwrap();
    let rows = export_viewings(&real("letterboxd/aguitov-2026"));
    let expected = rows.iter().filter(|r| r.0.as_str() >= "2024-01-01" && r.0.as_str() <= "2024-06-30").count();
    assert_eq!(range.totals.viewings as usize, expected);
}
