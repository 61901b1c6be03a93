//! The values that cross from the core to its callers (the app's IPC, the CLI's `--json`).
//! TypeScript declarations for the UI are generated from these types; never write them by hand.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A film's stable key: an IMDb id (`tt0068646`) where one is known, else `mt:` and the folded title and year.
/// The user's library refers to films by this key only, so it survives catalogue rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct FilmKey(pub String);

impl FilmKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FilmKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of title a film is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FilmKind {
    Movie,
    TvMovie,
    Show,
    Miniseries,
    Special,
    Short,
    Video,
}

impl FilmKind {
    /// Every kind, in the order filters list them.
    pub const ALL: [FilmKind; 7] = [
        FilmKind::Movie,
        FilmKind::TvMovie,
        FilmKind::Show,
        FilmKind::Miniseries,
        FilmKind::Special,
        FilmKind::Short,
        FilmKind::Video,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FilmKind::Movie => "movie",
            FilmKind::TvMovie => "tv-movie",
            FilmKind::Show => "show",
            FilmKind::Miniseries => "miniseries",
            FilmKind::Special => "special",
            FilmKind::Short => "short",
            FilmKind::Video => "video",
        }
    }

    pub fn parse(s: &str) -> Option<FilmKind> {
        FilmKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A score out of 10 in tenths (69 is 6.9), always with the source it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Score {
    pub tenths: u32,
    /// Who gave it: a take pack's author, or an external source such as "IMDb".
    pub source: String,
    pub votes: Option<u32>,
}

/// A code with its display name: a country (`KR`, South Korea) or a language (`ko`, Korean).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Named {
    pub code: String,
    pub name: String,
}

/// The region (and language) IMDb's alternate titles list a film's original title for: "Gisaengchung" is the
/// title listed for South Korea. A fact about the title, not a statement of the film's country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TitleOrigin {
    pub region: Named,
    pub language: Option<Named>,
}

/// A person credited on a film.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    pub id: u32,
    pub name: String,
}

/// The typographic poster drawn for a film without an image: colours and a pattern, derived from the film's
/// genre and title, so the same film always gets the same poster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Poster {
    /// CSS colours, `#rrggbb`.
    pub background: String,
    pub foreground: String,
    pub accent: String,
    /// Which of the poster layouts to draw, 0 to 3.
    pub pattern: u32,
}

/// One take on a film, with its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Take {
    pub author: String,
    pub pack: String,
    pub text: String,
    pub line: String,
    pub score_tenths: u32,
}

/// The user's own part of a film card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct UserPart {
    pub on_watchlist: bool,
    /// 0 to 100; 70 is 3.5 stars.
    pub rating: Option<u32>,
    pub note: String,
    /// When the note was last saved (UTC, RFC 3339).
    pub note_updated_at: Option<String>,
    /// The user's tags on the film, by name.
    pub tags: Vec<String>,
    /// The lists the film is in.
    pub lists: Vec<ListMembership>,
    /// The film's viewings, newest first.
    pub viewings: Vec<Viewing>,
    /// The user's own take and synopsis, when they wrote one.
    pub take: Option<OwnTake>,
}

/// The user's take on a film (text, one-line version and score, all three or none) and their synopsis.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct OwnTake {
    pub text: Option<String>,
    pub line: Option<String>,
    /// 0 to 100: 85 is 8.5 of 10.
    pub score_tenths: Option<u32>,
    pub synopsis: Option<String>,
    pub updated_at: String,
}

/// A list a film is in, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListMembership {
    #[ts(type = "number")]
    pub list: ListId,
    pub name: String,
    pub ranked: bool,
    pub position: u32,
}

/// A film in a list or a small card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilmSummary {
    pub key: FilmKey,
    pub title: String,
    pub year: Option<i32>,
    pub kind: FilmKind,
    pub score: Option<Score>,
    /// The one-line take, where a pack has one.
    pub line: Option<String>,
    /// The first two directors, for tiles with no take line to show.
    pub directors: Vec<String>,
    pub genres: Vec<String>,
    pub poster: Poster,
    pub on_watchlist: bool,
    pub rating: Option<u32>,
    /// False when the film is in the user's library but not in the current catalogue.
    pub in_catalogue: bool,
}

/// Why a film is on another's "More like this" shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RelatedKind {
    /// Put there by a person, in a take pack.
    Curated,
    /// Computed: the two films share a director.
    SameDirector,
    /// Computed: the two films share cast.
    SharedCast,
    /// Computed: the same original language and country, shared genres, the same years.
    SameLanguage,
    /// Computed, for films with no stated country: IMDb lists both original titles for the same region, and the
    /// films share genres from the same years.
    TitleRegion,
    /// Computed: the same main genres from the same years.
    SameEra,
    /// The user gave both films one of their tags.
    YourTags,
    /// The user rated both films highly.
    YourRatings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RelatedFilm {
    pub film: FilmSummary,
    pub kind: RelatedKind,
    /// The first reason in words: the curator's, or e.g. "Same director: Lee Hwan-kyung".
    pub reason: String,
    /// Every reason that holds, the first one first ("Same director: …", "Shared cast: …", "Also crime and
    /// drama, 2005"); the shelf is ordered by how many there are, then by popularity.
    pub reasons: Vec<String>,
    /// Who curated the link, for curated links.
    pub curator: Option<String>,
}

/// Everything the film card shows, in the card's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilmCard {
    pub key: FilmKey,
    pub title: String,
    pub original_title: Option<String>,
    pub year: i32,
    pub kind: FilmKind,
    pub score: Option<Score>,
    pub countries: Vec<Named>,
    pub languages: Vec<Named>,
    pub genres: Vec<String>,
    pub directors: Vec<PersonRef>,
    pub cast: Vec<PersonRef>,
    pub runtime_minutes: Option<u32>,
    /// Other titles the film is known by (from the IMDb datasets), each once.
    pub alternate_titles: Vec<String>,
    /// For a film with no stated country: the one region that IMDb's alternate titles list its original title
    /// for (and that row's language, when it names one). Derived, and shown as such.
    pub title_origin: Option<TitleOrigin>,
    pub synopsis: Option<String>,
    pub takes: Vec<Take>,
    pub poster: Poster,
    pub user: UserPart,
    pub related: Vec<RelatedFilm>,
}

/// A Discover query: text and filters, all optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    pub genre: Option<String>,
    /// A country code.
    pub country: Option<String>,
    /// The first year of a decade: 1990 for the 1990s.
    pub decade: Option<i32>,
    /// Only films with this tag of the user's (case-insensitive).
    pub tag: Option<String>,
    pub kind: Option<FilmKind>,
    /// Runtime bounds in minutes, inclusive.
    pub min_runtime: Option<u32>,
    pub max_runtime: Option<u32>,
    /// Score bounds in tenths (69 is 6.9), inclusive.
    pub min_score: Option<u32>,
    pub max_score: Option<u32>,
    /// Only films with at least this many IMDb votes.
    pub min_votes: Option<u32>,
    pub seen: Option<SeenFilter>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// The user's side of a search: films seen (a viewing or a rating), not seen, or on the watchlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeenFilter {
    Seen,
    Unseen,
    Watchlist,
}

/// One page of search results and the count of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchPage {
    /// How many films match: exact, or (when `total_exact` is false) the cap the count stopped at.
    pub total: u32,
    pub total_exact: bool,
    pub films: Vec<FilmSummary>,
}

/// One value of a filter, with how many films have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u32,
}

/// The values the Discover filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    /// How many films match the query with every filter: exact, also where the search page stopped counting.
    #[serde(default)]
    pub total: u32,
    pub genres: Vec<FacetValue>,
    pub countries: Vec<FacetValue>,
    pub decades: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
    /// "short" (under 90 minutes), "standard" (90 to 120), "long" (over 120).
    #[serde(default)]
    pub runtimes: Vec<FacetValue>,
    /// Films with at least this score, in tenths ("80": 8 or more).
    #[serde(default)]
    pub scores: Vec<FacetValue>,
    /// Films with at least this many votes.
    #[serde(default)]
    pub votes: Vec<FacetValue>,
    /// "seen", "unseen", "watchlist".
    #[serde(default)]
    pub seen: Vec<FacetValue>,
    /// The user's tags.
    #[serde(default)]
    pub tags: Vec<FacetValue>,
}

/// A loaded take pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackInfo {
    pub id: String,
    pub name: String,
    pub author: String,
    pub version: String,
    pub licence: String,
    pub films: u32,
    /// True for the starter pack that ships inside the app.
    pub builtin: bool,
}

/// A backup of the library database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub size_bytes: u32,
}

/// Where Matinee keeps its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DataPaths {
    pub data_dir: String,
    pub library: String,
    pub catalogue: String,
    pub packs: String,
    pub backups: String,
    pub settings: String,
    /// Where "Get every film" downloads the IMDb datasets.
    pub datasets: String,
}

/// A viewing's id in the diary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct ViewingId(#[ts(type = "number")] pub i64);

/// One viewing of a film: a dated diary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Viewing {
    #[ts(type = "number")]
    pub id: ViewingId,
    /// The local calendar date, `YYYY-MM-DD`; none when the date is not known.
    pub watched_on: Option<String>,
    /// The rating given at this viewing, 0 to 100; the film's current rating is a separate fact.
    pub rating: Option<u32>,
    pub rewatch: bool,
    pub note: String,
    /// Where or how it was watched, in the user's words.
    pub place: String,
}

/// A viewing in the diary, with its film.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiaryEntry {
    pub viewing: Viewing,
    pub film: FilmSummary,
}

/// What the user fills in to log or edit a viewing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ViewingInput {
    /// `YYYY-MM-DD`, none for an unknown date. Not in the future, not before 1870.
    pub watched_on: Option<String>,
    /// 0 to 100.
    #[ts(type = "number | null")]
    pub rating: Option<i64>,
    /// None: decided for you (a rewatch when an earlier viewing exists).
    pub rewatch: Option<bool>,
    pub note: String,
    pub place: String,
}

/// Which viewings the diary shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DiaryQuery {
    pub year: Option<i32>,
    /// Only viewings rated at least this (0 to 100).
    #[ts(type = "number | null")]
    pub min_rating: Option<i64>,
    /// Only rewatches (true) or only first viewings (false).
    pub rewatch: Option<bool>,
    /// Only films with this tag (by name, case-insensitive).
    pub tag: Option<String>,
    /// Only these films (by their keys in the library): what a Stats entry stands for ("directed by …").
    pub films: Option<Vec<String>>,
}

/// Viewings of one month, newest first; `month` is `YYYY-MM`, or none for viewings without a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiaryMonth {
    pub month: Option<String>,
    pub entries: Vec<DiaryEntry>,
}

/// The diary, grouped by month, with the years it spans for jumping and filtering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diary {
    pub months: Vec<DiaryMonth>,
    pub total: u32,
    /// Every year with a viewing, newest first (whatever the filter).
    pub years: Vec<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct ListId(#[ts(type = "number")] pub i64);

/// A list without its films.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListSummary {
    #[ts(type = "number")]
    pub id: ListId,
    pub name: String,
    pub description: String,
    pub ranked: bool,
    pub films: u32,
}

/// One film in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListEntry {
    /// 1-based; the rank in a ranked list.
    pub position: u32,
    pub film: FilmSummary,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListDetail {
    pub list: ListSummary,
    pub entries: Vec<ListEntry>,
}

/// A user-defined tag and how many films carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tag {
    pub name: String,
    pub films: u32,
}

/// A piece of text with the parts that matched a search marked, for the UI to highlight without HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

/// Where a notes search hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoteSource {
    /// The film's note.
    FilmNote,
    /// A viewing's note in the diary.
    ViewingNote,
    /// A list's description.
    ListDescription,
    /// The note on a film's entry in a list.
    ListEntryNote,
}

/// One notes search hit: what it opens (a film, or a list) and the text with the match marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoteHit {
    pub source: NoteSource,
    pub film: Option<FilmSummary>,
    #[ts(type = "number | null")]
    pub list: Option<ListId>,
    pub list_name: Option<String>,
    pub watched_on: Option<String>,
    pub parts: Vec<TextPart>,
}

/// How ratings are shown; the stored value (0 to 100) never changes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RatingScale {
    /// Five stars with halves (70 is 3.5 stars).
    #[default]
    FiveStars,
    /// Ten points with one decimal (70 is 7.0).
    TenPoint,
    /// A hundred points (70 is 70).
    HundredPoint,
}

/// Where an import comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    Letterboxd,
    Imdb,
    Trakt,
    Csv,
    /// Matinee's own JSON export of a library.
    Matinee,
}

/// A row of an import worth showing on its own: skipped, matched only loosely, or a film created for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportNote {
    pub file: String,
    pub line: u32,
    pub text: String,
}

/// How many of one kind of thing an import adds, changes, finds already there, or cannot use.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ImportCount {
    pub what: String,
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub source: ImportSource,
    /// Every file read: its name, what it held, how many rows.
    pub files: Vec<ImportNote>,
    pub counts: Vec<ImportCount>,
    /// Films that match nothing in the catalogue: kept as your own films, never dropped.
    pub new_films: u32,
    pub new_film_rows: Vec<ImportNote>,
    /// Matched by title with the year off by one: shown so that you can check them.
    pub weak_matches: Vec<ImportNote>,
    /// Rows that cannot be used, with the reason.
    pub skipped: Vec<ImportNote>,
    /// Files left aside, with the reason (deleted or orphaned items, comments, profile).
    pub ignored_files: Vec<ImportNote>,
    /// True when applying would change nothing.
    pub nothing_to_do: bool,
    /// For a generic CSV: its columns and the mapping used, for the user to check and change.
    pub columns: Vec<String>,
    pub mapping: Option<CsvMapping>,
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    pub batch: u32,
    pub preview: ImportPreview,
    /// The backup of the library taken just before.
    pub backup: String,
}

/// What a generic CSV or TSV film list holds, as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvTarget {
    /// Films watched: each row a viewing (with its date and rating where given).
    Diary,
    /// Films rated: each row the film's current rating.
    Ratings,
    /// Films to watch.
    Watchlist,
}

/// Which column of a generic CSV or TSV holds what. Column names as in the file's header.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CsvMapping {
    pub title: Option<String>,
    pub year: Option<String>,
    pub imdb: Option<String>,
    pub rating: Option<String>,
    /// The rating column's scale: 5 (stars, halves allowed), 10 or 100; none to tell from the values.
    pub rating_scale: Option<u32>,
    pub date: Option<String>,
    pub note: Option<String>,
    /// None: a diary when there is a date column, else ratings when there is a rating column, else a watchlist.
    pub target: Option<CsvTarget>,
}

/// What the catalogue holds and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogueStatus {
    pub films: u32,
    pub films_with_imdb_id: u32,
    pub packs: u32,
    /// The folder of IMDb datasets it was built from, if any.
    pub imdb_datasets: Option<String>,
    pub built_at: Option<String>,
    pub size_mib: u32,
}

/// Where one of the IMDb dataset files stands in the download folder, against the server's copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DatasetFileState {
    /// Downloaded whole, checked, and the server's copy is the same.
    Complete,
    /// Part of it is there (an interrupted download): the rest is fetched from where it stopped.
    Partial,
    /// Not there yet.
    Missing,
    /// There, but the server has a newer copy: it is fetched again.
    Changed,
}

/// One dataset file in a download plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatasetFilePlan {
    /// The file's name, e.g. `title.basics.tsv.gz`.
    pub name: String,
    /// Its size on the server, when the server says.
    #[ts(type = "number | null")]
    pub size_bytes: Option<u64>,
    /// The bytes of it already in the folder that will be kept.
    #[ts(type = "number")]
    pub have_bytes: u64,
    pub state: DatasetFileState,
}

/// What a download of the IMDb datasets will fetch and need, told before it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DownloadPlan {
    /// Where the files come from (ends with `/`).
    pub base_url: String,
    /// The folder they are downloaded into (never the live catalogue).
    pub folder: String,
    pub files: Vec<DatasetFilePlan>,
    /// Bytes still to fetch.
    #[ts(type = "number")]
    pub download_bytes: u64,
    /// Disk the download and the catalogue build need beyond what is there, as estimated.
    #[ts(type = "number")]
    pub disk_needed_bytes: u64,
    /// Free space on the disk of the data folder.
    #[ts(type = "number")]
    pub disk_free_bytes: u64,
    /// Whether the free space covers what is needed.
    pub enough_space: bool,
}

/// How far a download of the IMDb datasets has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DownloadProgress {
    /// The file being fetched or checked, e.g. `title.basics.tsv.gz`.
    pub file: String,
    /// Its place among the files, from 1.
    pub file_number: u32,
    pub file_count: u32,
    /// Bytes of this file on disk so far (a resumed file starts where it stopped).
    #[ts(type = "number")]
    pub done_bytes: u64,
    #[ts(type = "number | null")]
    pub total_bytes: Option<u64>,
    /// Bytes received per second, over the last few seconds.
    #[ts(type = "number")]
    pub bytes_per_second: u64,
    /// Estimated seconds left for this file, once the pace is known.
    pub seconds_left: Option<u32>,
    /// The file is whole and being checked (complete gzip stream, expected header line).
    pub checking: bool,
}

/// What a download did with each file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DownloadedFile {
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// False when the file in the folder was already the server's copy.
    pub fetched: bool,
    /// Where the download resumed from (0 when it started at the beginning).
    #[ts(type = "number")]
    pub resumed_from: u64,
    /// A damaged copy was found by the check and fetched again.
    pub fetched_again: bool,
}

/// The outcome of a download of the IMDb datasets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DownloadReport {
    pub folder: String,
    pub files: Vec<DownloadedFile>,
    #[ts(type = "number")]
    pub fetched_bytes: u64,
    pub seconds: f64,
}

/// What tonight allows, for the picker: every constraint optional and combinable. Numbers are signed so that a
/// negative one reaches the rules and is refused by name rather than by the decoder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TonightQuery {
    /// The longest film tonight allows, in minutes.
    #[ts(type = "number | null")]
    pub max_runtime: Option<i64>,
    /// Only films the user has not seen (no viewing, no rating).
    pub unseen: bool,
    /// Only films on the user's watchlist; else the whole catalogue.
    pub watchlist: bool,
    /// Films with any of these genres.
    pub genres: Vec<String>,
    /// Films with none of these genres.
    pub not_genres: Vec<String>,
    /// An original language: an ISO 639 code or its name.
    pub language: Option<String>,
    /// A country: an ISO 3166 code or its name.
    pub country: Option<String>,
    /// The first year of a decade (1990 for the 1990s).
    pub decade: Option<i32>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// The lowest score, in tenths (70 is 7.0).
    #[ts(type = "number | null")]
    pub min_score: Option<i64>,
    #[ts(type = "number | null")]
    pub min_votes: Option<i64>,
    pub kind: Option<FilmKind>,
    /// Films with any of these tags of the user's.
    pub tags: Vec<String>,
    /// Something like this film: what a person typed (a key, an IMDb id, a title with an optional year).
    pub like: Option<String>,
    /// How many picks (3 when not given, at most 12).
    pub count: Option<u32>,
    /// The seed of the weighted draw: the same seed on the same data gives the same picks.
    pub seed: Option<u32>,
    /// Films not to pick (those just shown, for a re-roll).
    pub exclude: Vec<FilmKey>,
    /// How the reasons write the user's ratings.
    pub rating_scale: Option<RatingScale>,
    /// Watching with a companion (by name): films on both watchlists that neither has seen, else films on
    /// either watchlist that neither has seen.
    pub with: Option<String>,
}

/// Why a film was picked: each reason is a fact of the catalogue or of the user's library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PickReasonKind {
    /// On the user's watchlist, since a date.
    Watchlist,
    /// On the companion's watchlist (or both).
    Companion,
    /// Related to the film asked for with "something like".
    Like,
    /// Directed by someone whose other film the user rated highly.
    Director,
    /// With an actor from a film the user rated highly.
    Cast,
    /// Shares genres (and language) with a film the user rated highly.
    Taste,
    /// A take pack speaks of it.
    Curated,
    /// Its runtime fits the time given.
    Runtime,
    /// Its score and votes.
    Score,
    /// It has no stated country or language, and the country or language asked for is the one IMDb's alternate
    /// titles list its original title for.
    TitleRegion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PickReason {
    pub kind: PickReasonKind,
    /// The reason in words: "On your watchlist since March 2023".
    pub text: String,
    /// The other film the reason speaks of, where it names one.
    pub film: Option<FilmKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TonightPick {
    pub film: FilmSummary,
    pub runtime_minutes: Option<u32>,
    /// At least one, always.
    pub reasons: Vec<PickReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TonightPicks {
    pub picks: Vec<TonightPick>,
    /// How many films fit every constraint (counted up to `POOL`; `pool_capped` says when it stopped there).
    pub candidates: u32,
    pub pool_capped: bool,
    /// The seed the draw used (given, or chosen): passing it back gives the same picks.
    pub seed: u32,
    /// Films left out because the user said "Not tonight" to them.
    pub hidden: u32,
    /// With a companion: whether the picks are on both watchlists (else on either).
    pub both_watchlists: Option<bool>,
}

/// A film the user said "Not tonight" to, and the day it may be picked again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotTonight {
    pub key: FilmKey,
    pub title: String,
    pub year: Option<i32>,
    /// The first day (YYYY-MM-DD, local) it may be picked again.
    pub until: String,
}

/// Someone to watch with: their watchlist and seen films, read from their export and kept apart from the user's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Companion {
    pub name: String,
    /// The file their films came from.
    pub source: String,
    /// When it was read (UTC, RFC 3339).
    pub added_at: String,
    /// Films on their watchlist, and of those the ones the catalogue has (the others cannot be picked).
    pub watchlist: u32,
    pub watchlist_in_catalogue: u32,
    /// Films they have seen (rated, logged or marked watched).
    pub seen: u32,
}

/// A film suggested on Discover's "For you", with every reason it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Suggestion {
    pub film: FilmSummary,
    /// At least one, always.
    pub reasons: Vec<String>,
}

/// Where a "For you" shelf comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ForYouKind {
    /// Films like one the user rated highly.
    Because,
    /// Watchlist films that fit a typical evening.
    Evening,
    /// The starter pack's curated picks, for a library with nothing to go on yet.
    Starter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ForYouShelf {
    pub kind: ForYouKind,
    /// "Because you gave White God 4/5".
    pub title: String,
    /// The film the shelf starts from (for "because" shelves).
    pub from: Option<FilmKey>,
    pub films: Vec<Suggestion>,
}

/// The user's own pack: the name their takes are signed with, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnPack {
    /// None until the user gives a name (takes are then signed "you").
    pub author: Option<String>,
    pub pack_id: Option<String>,
    /// The version of the last export (0 before the first).
    pub version: u32,
    pub takes: u32,
    pub links: u32,
}

/// A take pack written from the user's own pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackExport {
    pub path: String,
    pub version: u32,
    pub films: u32,
    pub links: u32,
    /// Films left out because the pack format needs a year and the library does not know it.
    pub left_out: Vec<String>,
}

/// A take pack imported, and what it changed when it replaced an older version of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackImported {
    pub pack: PackInfo,
    /// The version it replaced, when the pack was there already.
    pub replaced: Option<String>,
    /// What the new version changed, in words ("2 films added: …", "takes or synopses rewritten: …").
    pub changes: Vec<String>,
}

/// Sync through a folder: where, as which computer, and the computers that write there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    pub folder: String,
    /// Whether the folder is there now (a drive that is not plugged in, a share that is not mounted).
    pub folder_present: bool,
    pub device: String,
    pub name: String,
    pub joined_at: String,
    pub last_sync_at: Option<String>,
    /// Every computer with files in the folder, this one first.
    pub computers: Vec<SyncComputer>,
    /// Changes made here that are not in the folder yet.
    #[ts(type = "number")]
    pub unsent: u64,
    pub conflicts: Vec<SyncConflict>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncComputer {
    pub device: String,
    pub name: String,
    pub this: bool,
    /// When it last wrote to the folder (RFC 3339), by its own clock.
    pub last_wrote_at: Option<String>,
    /// Every whole record of its files has been merged into this library.
    pub up_to_date: bool,
    /// Bytes of its files not read yet (a file still arriving is read when it is whole).
    #[ts(type = "number")]
    pub unread_bytes: u64,
}

/// A change made on one computer that another undid while they were apart: a deletion on one and an edit on the
/// other. The edit is kept until the user says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncConflict {
    /// The synced key, as `sync resolve` takes it (JSON array text).
    pub key: String,
    /// What it is about, said for a person ("Rating of Alien (1979)").
    pub what: String,
    pub kept: String,
    /// The kept rating (0 to 100) when the conflict is about one, for the window to show in the user's scale.
    pub kept_rating: Option<u32>,
    pub kept_by: String,
    pub deleted_by: String,
    pub deleted_at: String,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// Records read from the folder (some may have been known already).
    #[ts(type = "number")]
    pub read: u64,
    /// Records of this computer's written to the folder.
    #[ts(type = "number")]
    pub written: u64,
    /// Rows of the library changed by what came from the folder.
    #[ts(type = "number")]
    pub changed: u64,
    /// Whether this computer's files were compacted into a snapshot.
    pub compacted: bool,
    pub conflicts: u32,
    #[ts(type = "number")]
    pub milliseconds: u64,
}
