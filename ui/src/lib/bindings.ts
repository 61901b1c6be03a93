// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit by hand.

/**
 * A film's stable key: an IMDb id (`tt0068646`) where one is known, else `mt:` and the folded title and year.
 * The user's library refers to films by this key only, so it survives catalogue rebuilds.
 */
export type FilmKey = string;

/**
 * Sync through a folder: where, as which computer, and the computers that write there.
 */
export type SyncStatus = { folder: string, 
/**
 * Whether the folder is there now (a drive that is not plugged in, a share that is not mounted).
 */
folder_present: boolean, device: string, name: string, joined_at: string, last_sync_at: string | null, 
/**
 * Every computer with files in the folder, this one first.
 */
computers: Array<SyncComputer>, 
/**
 * Changes made here that are not in the folder yet.
 */
unsent: number, conflicts: Array<SyncConflict>, };

export type SyncComputer = { device: string, name: string, this: boolean, 
/**
 * When it last wrote to the folder (RFC 3339), by its own clock.
 */
last_wrote_at: string | null, 
/**
 * Every whole record of its files has been merged into this library.
 */
up_to_date: boolean, 
/**
 * Bytes of its files not read yet (a file still arriving is read when it is whole).
 */
unread_bytes: number, };

/**
 * A change made on one computer that another undid while they were apart: a deletion on one and an edit on the
 * other. The edit is kept until the user says.
 */
export type SyncConflict = { 
/**
 * The synced key, as `sync resolve` takes it (JSON array text).
 */
key: string, 
/**
 * What it is about, said for a person ("Rating of Alien (1979)").
 */
what: string, kept: string, 
/**
 * The kept rating (0 to 100) when the conflict is about one, for the window to show in the user's scale.
 */
kept_rating: number | null, kept_by: string, deleted_by: string, deleted_at: string, };

/**
 * What one sync did.
 */
export type SyncReport = { 
/**
 * Records read from the folder (some may have been known already).
 */
read: number, 
/**
 * Records of this computer's written to the folder.
 */
written: number, 
/**
 * Rows of the library changed by what came from the folder.
 */
changed: number, 
/**
 * Whether this computer's files were compacted into a snapshot.
 */
compacted: boolean, conflicts: number, milliseconds: number, };

/**
 * What a sync in the background did, for the window.
 */
export type SyncEvent = { report: SyncReport | null, 
/**
 * The settings, when another computer's choice of the ones that follow the library changed them here.
 */
settings: Settings | null, 
/**
 * Why it could not sync (the folder is not there, a disk error); the library is as it was.
 */
problem: string | null, };

/**
 * What sort of title a film is.
 */
export type FilmKind = "movie" | "tv-movie" | "show" | "miniseries" | "special" | "short" | "video";

/**
 * A score out of 10 in tenths (69 is 6.9), always with the source it comes from.
 */
export type Score = { tenths: number, 
/**
 * Who gave it: a take pack's author, or an external source such as "IMDb".
 */
source: string, votes: number | null, };

/**
 * A code with its display name: a country (`KR`, South Korea) or a language (`ko`, Korean).
 */
export type Named = { code: string, name: string, };

/**
 * A person credited on a film.
 */
export type PersonRef = { id: number, name: string, };

/**
 * The typographic poster drawn for a film without an image: colours and a pattern, derived from the film's
 * genre and title, so the same film always gets the same poster.
 */
export type Poster = { 
/**
 * CSS colours, `#rrggbb`.
 */
background: string, foreground: string, accent: string, 
/**
 * Which of the poster layouts to draw, 0 to 3.
 */
pattern: number, };

/**
 * One take on a film, with its author.
 */
export type Take = { author: string, pack: string, text: string, line: string, score_tenths: number, };

/**
 * The user's own part of a film card.
 */
export type UserPart = { on_watchlist: boolean, 
/**
 * 0 to 100; 70 is 3.5 stars.
 */
rating: number | null, note: string, 
/**
 * When the note was last saved (UTC, RFC 3339).
 */
note_updated_at: string | null, 
/**
 * The user's tags on the film, by name.
 */
tags: Array<string>, 
/**
 * The lists the film is in.
 */
lists: Array<ListMembership>, 
/**
 * The film's viewings, newest first.
 */
viewings: Array<Viewing>, 
/**
 * The user's own take and synopsis, when they wrote one.
 */
take: OwnTake | null, };

/**
 * A film in a list or a small card.
 */
export type FilmSummary = { key: FilmKey, title: string, year: number | null, kind: FilmKind, score: Score | null, 
/**
 * The one-line take, where a pack has one.
 */
line: string | null, 
/**
 * The first two directors, for tiles with no take line to show.
 */
directors: Array<string>, genres: Array<string>, poster: Poster, on_watchlist: boolean, rating: number | null, 
/**
 * False when the film is in the user's library but not in the current catalogue.
 */
in_catalogue: boolean, };

/**
 * Why a film is on another's "More like this" shelf.
 */
export type RelatedKind = "curated" | "same_director" | "shared_cast" | "same_language" | "title_region" | "same_era" | "your_tags" | "your_ratings";

/**
 * The region (and language) IMDb's alternate titles list a film's original title for: "Gisaengchung" is the
 * title listed for South Korea. A fact about the title, not a statement of the film's country.
 */
export type TitleOrigin = { region: Named, language: Named | null, };

/**
 * A take pack ready to import, and the token that imports exactly it.
 */
export type PackReady = { token: number, preview: PackImported, };

/**
 * A take pack imported, and what it changed when it replaced an older version of itself.
 */
export type PackImported = { pack: PackInfo, 
/**
 * The version it replaced, when the pack was there already.
 */
replaced: string | null, 
/**
 * What the new version changed, in words ("2 films added: …", "takes or synopses rewritten: …").
 */
changes: Array<string>, };

export type RelatedFilm = { film: FilmSummary, kind: RelatedKind, 
/**
 * The first reason in words: the curator's, or e.g. "Same director: Lee Hwan-kyung".
 */
reason: string, 
/**
 * Every reason that holds, the first one first ("Same director: …", "Shared cast: …", "Also crime and
 * drama, 2005"); the shelf is ordered by how many there are, then by popularity.
 */
reasons: Array<string>, 
/**
 * Who curated the link, for curated links.
 */
curator: string | null, };

/**
 * Everything the film card shows, in the card's order.
 */
export type FilmCard = { key: FilmKey, title: string, original_title: string | null, year: number, kind: FilmKind, score: Score | null, countries: Array<Named>, languages: Array<Named>, genres: Array<string>, directors: Array<PersonRef>, cast: Array<PersonRef>, runtime_minutes: number | null, 
/**
 * Other titles the film is known by (from the IMDb datasets), each once.
 */
alternate_titles: Array<string>, 
/**
 * For a film with no stated country: the one region that IMDb's alternate titles list its original title
 * for (and that row's language, when it names one). Derived, and shown as such.
 */
title_origin: TitleOrigin | null, synopsis: string | null, takes: Array<Take>, poster: Poster, user: UserPart, related: Array<RelatedFilm>, };

/**
 * The user's side of a search: films seen (a viewing or a rating), not seen, or on the watchlist.
 */
export type SeenFilter = "seen" | "unseen" | "watchlist";

/**
 * A Discover query: text and filters, all optional.
 */
export type SearchQuery = { text: string, genre: string | null, 
/**
 * A country code.
 */
country: string | null, 
/**
 * The first year of a decade: 1990 for the 1990s.
 */
decade: number | null, 
/**
 * Only films with this tag of the user's (case-insensitive).
 */
tag: string | null, kind: FilmKind | null, 
/**
 * Runtime bounds in minutes, inclusive.
 */
min_runtime: number | null, max_runtime: number | null, 
/**
 * Score bounds in tenths (69 is 6.9), inclusive.
 */
min_score: number | null, max_score: number | null, 
/**
 * Only films with at least this many IMDb votes.
 */
min_votes: number | null, seen: SeenFilter | null, limit: number | null, offset: number | null, };

/**
 * One page of search results and the count of all of them.
 */
export type SearchPage = { 
/**
 * How many films match: exact, or (when `total_exact` is false) the cap the count stopped at.
 */
total: number, total_exact: boolean, films: Array<FilmSummary>, };

/**
 * One value of a filter, with how many films have it.
 */
export type FacetValue = { value: string, label: string, count: number, };

/**
 * The values the Discover filters offer.
 */
export type Facets = { 
/**
 * How many films match the query with every filter: exact, also where the search page stopped counting.
 */
total: number, genres: Array<FacetValue>, countries: Array<FacetValue>, decades: Array<FacetValue>, kinds: Array<FacetValue>, 
/**
 * "short" (under 90 minutes), "standard" (90 to 120), "long" (over 120).
 */
runtimes: Array<FacetValue>, 
/**
 * Films with at least this score, in tenths ("80": 8 or more).
 */
scores: Array<FacetValue>, 
/**
 * Films with at least this many votes.
 */
votes: Array<FacetValue>, 
/**
 * "seen", "unseen", "watchlist".
 */
seen: Array<FacetValue>, 
/**
 * The user's tags.
 */
tags: Array<FacetValue>, };

/**
 * A loaded take pack.
 */
export type PackInfo = { id: string, name: string, author: string, version: string, licence: string, films: number, 
/**
 * True for the starter pack that ships inside the app.
 */
builtin: boolean, };

/**
 * A backup of the library database.
 */
export type BackupInfo = { path: string, file_name: string, size_bytes: number, };

/**
 * Where Matinee keeps its files.
 */
export type DataPaths = { data_dir: string, library: string, catalogue: string, packs: string, backups: string, settings: string, 
/**
 * Where "Get every film" downloads the IMDb datasets.
 */
datasets: string, };

/**
 * Why the library database cannot be opened.
 */
export type LibraryProblem = "corrupt" | "too_new";

/**
 * Why the app started on the recovery screen.
 */
export type StartupProblem = { 
/**
 * Set when the library itself is the problem (damaged, or from a newer Matinee).
 */
reason: LibraryProblem | null, message: string, };

/**
 * What the UI needs to know first: ready, or the recovery screen and its backups.
 */
export type AppStatus = { ready: boolean, problem: StartupProblem | null, 
/**
 * Things to tell the user once (settings reset to defaults, a pack that did not load).
 */
notices: Array<string>, paths: DataPaths, backups: Array<BackupInfo>, 
/**
 * The IMDb datasets folder the catalogue is to be built from again (by an older Matinee, or the files
 * changed): start-up left it for the UI to build with progress shown.
 */
catalogue_pending: string | null, 
/**
 * The library holds nothing of the user's yet (no rating, viewing, watchlist entry, note or list film):
 * the welcome page offers the ways in.
 */
library_empty: boolean, };

/**
 * What went wrong, for the UI to act on. Never match on the message.
 */
export type ErrorKind = "not_found" | "invalid_input" | "ambiguous" | "conflict" | "pack_invalid" | "library_unavailable" | "storage" | "cancelled" | "network";

/**
 * The error every command returns.
 */
export type IpcError = { kind: ErrorKind, message: string, 
/**
 * The argument or form field at fault, for `invalid_input`: the UI shows the message beside that field.
 */
field: string | null, };

/**
 * A viewing's id in the diary.
 */
export type ViewingId = number;

/**
 * One viewing of a film: a dated diary entry.
 */
export type Viewing = { id: number, 
/**
 * The local calendar date, `YYYY-MM-DD`; none when the date is not known.
 */
watched_on: string | null, 
/**
 * The rating given at this viewing, 0 to 100; the film's current rating is a separate fact.
 */
rating: number | null, rewatch: boolean, note: string, 
/**
 * Where or how it was watched, in the user's words.
 */
place: string, };

/**
 * What the user fills in to log or edit a viewing.
 */
export type ViewingInput = { 
/**
 * `YYYY-MM-DD`, none for an unknown date. Not in the future, not before 1870.
 */
watched_on: string | null, 
/**
 * 0 to 100.
 */
rating: number | null, 
/**
 * None: decided for you (a rewatch when an earlier viewing exists).
 */
rewatch: boolean | null, note: string, place: string, };

/**
 * A viewing in the diary, with its film.
 */
export type DiaryEntry = { viewing: Viewing, film: FilmSummary, };

/**
 * Which viewings the diary shows.
 */
export type DiaryQuery = { year: number | null, 
/**
 * Only viewings rated at least this (0 to 100).
 */
min_rating: number | null, 
/**
 * Only rewatches (true) or only first viewings (false).
 */
rewatch: boolean | null, 
/**
 * Only films with this tag (by name, case-insensitive).
 */
tag: string | null, 
/**
 * Only these films (by their keys in the library): what a Stats entry stands for ("directed by …").
 */
films: Array<string> | null, };

/**
 * Viewings of one month, newest first; `month` is `YYYY-MM`, or none for viewings without a date.
 */
export type DiaryMonth = { month: string | null, entries: Array<DiaryEntry>, };

/**
 * The diary, grouped by month, with the years it spans for jumping and filtering.
 */
export type Diary = { months: Array<DiaryMonth>, total: number, 
/**
 * Every year with a viewing, newest first (whatever the filter).
 */
years: Array<number>, };

/**
 * The period and films Stats is asked about; all optional (all time, every film).
 */
export type StatsQuery = { 
/**
 * One calendar year.
 */
year: number | null, 
/**
 * A range of local dates, `YYYY-MM-DD`, both ends included; either end may be left open.
 */
from: string | null, to: string | null, 
/**
 * Only films with this tag of the user's (by name, case-insensitive).
 */
tag: string | null, 
/**
 * The day weeks start on: `monday` (the default) or `sunday`.
 */
week_start: string | null, 
/**
 * How ratings are written in the `…_text` fields (five stars unless said).
 */
scale: RatingScale | null, };

/**
 * A film as Stats names it.
 */
export type StatsFilm = { key: FilmKey, title: string, year: number | null, };

/**
 * A label and a count: a year, a month (`YYYY-MM`), a weekday, a week (the date it starts).
 */
export type Count = { label: string, count: number, };

export type StatsPeriod = { 
/**
 * "All time", "2024", "2024-03-01 to 2024-05-31", with the tag when one is asked for.
 */
label: string, year: number | null, from: string | null, to: string | null, tag: string | null, };

export type StatsTotals = { 
/**
 * Different films with a viewing in the period.
 */
films: number, viewings: number, rewatches: number, first_watches: number, 
/**
 * Minutes watched, from the runtimes the catalogue knows.
 */
minutes: number, 
/**
 * Viewings of films whose runtime is not known: not in `minutes`.
 */
viewings_without_runtime: number, 
/**
 * Viewings with a rating given at the time, and their average and median (0 to 100).
 */
rated_viewings: number, average_rating: number | null, average_rating_text: string | null, median_rating: number | null, median_rating_text: string | null, 
/**
 * Viewings with no date: counted in "all time" only, and always said apart.
 */
undated_viewings: number, };

/**
 * A year of days, for the calendar heatmap: the count of viewings on each day, 1 January first.
 */
export type YearCalendar = { year: number, 
/**
 * The weekday of 1 January, 0 = the first day of the week in the settings.
 */
first_column_offset: number, days: Array<number>, most_in_a_day: number, };

/**
 * One step of the rating spread: the viewings rated that at the time, and the films rated that now.
 */
export type RatingStep = { 
/**
 * 10, 20, … 100 (half a star, one star, …); 0 for a rating of zero.
 */
value: number, label: string, viewings: number, films: number, };

/**
 * One director, actor, country, language, genre or decade, with what the period holds of it.
 */
export type RankedEntry = { 
/**
 * A person's name, a country's or language's name, a genre, "1990s".
 */
name: string, 
/**
 * The films it stands for, so a link can open the Diary filtered to them.
 */
films: Array<FilmKey>, viewings: number, 
/**
 * The user's average rating of those films (their current rating, else the last one given at a viewing).
 */
average_rating: number | null, average_rating_text: string | null, rated_films: number, };

export type RankingKind = "director" | "actor" | "country" | "language" | "genre" | "decade";

export type Ranking = { kind: RankingKind, 
/**
 * Most viewings first.
 */
most_watched: Array<RankedEntry>, 
/**
 * Highest average first, among entries with at least `min_rated` rated films.
 */
highest_rated: Array<RankedEntry>, min_rated: number, 
/**
 * Films of the period for which this is not known (a film of your own, a dataset film without countries).
 */
films_unknown: number, };

/**
 * A run of days or weeks in a row with a viewing.
 */
export type Streak = { length: number, 
/**
 * The first and the last day (for weeks: the first day of the first and of the last week).
 */
from: string, to: string, };

export type DatedFilm = { film: StatsFilm, date: string, };

export type Milestone = { 
/**
 * The 100th, 250th, … different film seen.
 */
number: number, film: StatsFilm, date: string, };

export type FilmMeasure = { film: StatsFilm, 
/**
 * Minutes for the longest and shortest, the release year for the oldest, viewings for the most rewatched.
 */
value: number, };

export type CrowdFilm = { film: StatsFilm, rating: number, rating_text: string, 
/**
 * The catalogue's score, in tenths of a point out of 10 (the same 0 to 100 as a rating).
 */
score_tenths: number, score_source: string, 
/**
 * rating - score, in the same units.
 */
difference: number, };

/**
 * The user's ratings beside the catalogue's scores, for the period's films that have both.
 */
export type Crowd = { films: number, average_rating: number | null, average_score: number | null, 
/**
 * Where the user rates above the crowd most, then below.
 */
above: Array<CrowdFilm>, below: Array<CrowdFilm>, };

export type WatchlistMonth = { month: string, 
/**
 * Films on the watchlist now that were added that month.
 */
added: number, 
/**
 * Films on the watchlist that were first seen that month, after being added.
 */
watched: number, 
/**
 * Films on the watchlist now that had been added by the end of that month.
 */
size: number, };

export type WatchlistStats = { 
/**
 * Films on the watchlist now, and those of them not yet seen.
 */
size: number, unseen: number, months: Array<WatchlistMonth>, 
/**
 * The unseen films that have waited longest, with the day each was added.
 */
oldest: Array<DatedFilm>, };

/**
 * Every figure of Stats for one period.
 */
export type Stats = { period: StatsPeriod, 
/**
 * Every year with a dated viewing, newest first (whatever the period), for switching between years.
 */
years: Array<number>, totals: StatsTotals, per_year: Array<Count>, 
/**
 * Every month of the period from the first viewing to the last (all twelve for a year), `YYYY-MM`.
 */
per_month: Array<Count>, 
/**
 * Seven, from the first day of the week in the settings.
 */
per_weekday: Array<Count>, 
/**
 * For a year.
 */
calendar: YearCalendar | null, rating_spread: Array<RatingStep>, rankings: Array<Ranking>, busiest_weekday: Count | null, busiest_week: Count | null, busiest_month: Count | null, first_film: DatedFilm | null, last_film: DatedFilm | null, 
/**
 * The milestones reached in the period.
 */
milestones: Array<Milestone>, longest_day_streak: Streak | null, longest_week_streak: Streak | null, longest_film: FilmMeasure | null, shortest_film: FilmMeasure | null, oldest_film: FilmMeasure | null, most_rewatched: Array<FilmMeasure>, crowd: Crowd, watchlist: WatchlistStats, };

/**
 * A film as the year in review shows it.
 */
export type ReviewFilm = { film: StatsFilm, poster: Poster, 
/**
 * The highest rating given at a viewing that year, else the film's rating now (0 to 100).
 */
rating: number | null, rating_text: string | null, 
/**
 * The first viewing of the film that year.
 */
date: string, };

/**
 * One of the user's lists, with the films on it seen that year.
 */
export type ReviewList = { name: string, 
/**
 * Films on the list.
 */
films: number, 
/**
 * Of those, films with a viewing that year, and the first few of their titles (in the list's order).
 */
seen: number, seen_titles: Array<string>, };

/**
 * Everything the year in review shows.
 */
export type YearReview = { year: number, 
/**
 * Stats for that year.
 */
stats: Stats, 
/**
 * The year's films by the rating given, highest first (rated ones only), up to `TOP_RATED`.
 */
top_rated: Array<ReviewFilm>, 
/**
 * Films released that year and seen for the first time that year, by date, up to `NEW_RELEASES`;
 * `new_releases_total` counts them all.
 */
new_releases: Array<ReviewFilm>, new_releases_total: number, 
/**
 * Lists with a film seen that year, most such films first.
 */
lists: Array<ReviewList>, scale: RatingScale, };

/**
 * The page's colours.
 */
export type ReviewTheme = "light" | "dark";

/**
 * What the year in review is written as.
 */
export type ReviewFormat = "png" | "html";

/**
 * A year in review written to a file.
 */
export type ReviewWritten = { path: string, format: ReviewFormat, bytes: number, 
/**
 * The image's size in pixels (a PNG only).
 */
width: number | null, height: number | null, 
/**
 * How long drawing and writing it took.
 */
milliseconds: number, };

export type ListId = number;

/**
 * A list without its films.
 */
export type ListSummary = { id: number, name: string, description: string, ranked: boolean, films: number, };

/**
 * A list a film is in, and where.
 */
export type ListMembership = { list: number, name: string, ranked: boolean, position: number, };

/**
 * One film in a list.
 */
export type ListEntry = { 
/**
 * 1-based; the rank in a ranked list.
 */
position: number, film: FilmSummary, note: string, };

export type ListDetail = { list: ListSummary, entries: Array<ListEntry>, };

/**
 * A user-defined tag and how many films carry it.
 */
export type Tag = { name: string, films: number, };

/**
 * A piece of text with the parts that matched a search marked, for the UI to highlight without HTML.
 */
export type TextPart = { text: string, hit: boolean, };

/**
 * Where a notes search hit was found.
 */
export type NoteSource = "film_note" | "viewing_note" | "list_description" | "list_entry_note";

/**
 * One notes search hit: what it opens (a film, or a list) and the text with the match marked.
 */
export type NoteHit = { source: NoteSource, film: FilmSummary | null, list: number | null, list_name: string | null, watched_on: string | null, parts: Array<TextPart>, };

/**
 * How ratings are shown; the stored value (0 to 100) never changes with it.
 */
export type RatingScale = "five_stars" | "ten_point" | "hundred_point";

/**
 * The first day of a week, for calendars and weekly counts.
 */
export type WeekStart = "monday" | "sunday";

/**
 * How dates are written.
 */
export type DateFormat = "long" | "iso" | "day_month_year" | "month_day_year";

/**
 * Where an import comes from.
 */
export type ImportSource = "letterboxd" | "imdb" | "trakt" | "csv" | "matinee";

/**
 * What a generic CSV or TSV film list holds, as a whole.
 */
export type CsvTarget = "diary" | "ratings" | "watchlist";

/**
 * Which column of a generic CSV or TSV holds what. Column names as in the file's header.
 */
export type CsvMapping = { title: string | null, year: string | null, imdb: string | null, rating: string | null, 
/**
 * The rating column's scale: 5 (stars, halves allowed), 10 or 100; none to tell from the values.
 */
rating_scale: number | null, date: string | null, note: string | null, 
/**
 * None: a diary when there is a date column, else ratings when there is a rating column, else a watchlist.
 */
target: CsvTarget | null, };

/**
 * A row of an import worth showing on its own: skipped, matched only loosely, or a film created for it.
 */
export type ImportNote = { file: string, line: number, text: string, };

/**
 * How many of one kind of thing an import adds, changes, finds already there, or cannot use.
 */
export type ImportCount = { what: string, added: number, changed: number, unchanged: number, };

/**
 * What an import would do, before anything is written.
 */
export type ImportPreview = { source: ImportSource, 
/**
 * Every file read: its name, what it held, how many rows.
 */
files: Array<ImportNote>, counts: Array<ImportCount>, 
/**
 * Films that match nothing in the catalogue: kept as your own films, never dropped.
 */
new_films: number, new_film_rows: Array<ImportNote>, 
/**
 * Matched by title with the year off by one: shown so that you can check them.
 */
weak_matches: Array<ImportNote>, 
/**
 * Rows that cannot be used, with the reason.
 */
skipped: Array<ImportNote>, 
/**
 * Files left aside, with the reason (deleted or orphaned items, comments, profile).
 */
ignored_files: Array<ImportNote>, 
/**
 * True when applying would change nothing.
 */
nothing_to_do: boolean, 
/**
 * For a generic CSV: its columns and the mapping used, for the user to check and change.
 */
columns: Array<string>, mapping: CsvMapping | null, };

/**
 * What an applied import did.
 */
export type ImportOutcome = { batch: number, preview: ImportPreview, 
/**
 * The backup of the library taken just before.
 */
backup: string, };

/**
 * A preview, and the token that applies exactly what it shows.
 */
export type ImportReady = { token: number, preview: ImportPreview, };

/**
 * How far an import has got.
 */
export type ImportProgress = { done: number, total: number, };

/**
 * Where an export or backup was written.
 */
export type Written = { paths: Array<string>, };

/**
 * What the catalogue holds and where it came from.
 */
export type CatalogueStatus = { films: number, films_with_imdb_id: number, packs: number, 
/**
 * The folder of IMDb datasets it was built from, if any.
 */
imdb_datasets: string | null, built_at: string | null, size_mib: number, };

/**
 * How far a catalogue build has got: the file being read and its bytes.
 */
export type BuildProgress = { file: string, percent: number, 
/**
 * The estimated seconds left in this file or step, once it has gone far enough to tell.
 */
seconds_left: number | null, };

/**
 * What a build kept and skipped.
 */
export type BuildReport = { films_kept: number, titles_read: number, merged_with_packs: number, people: number, alternate_titles: number, bad_rows: number, bad_row_notes: Array<string>, status: CatalogueStatus, };

export type Theme = "system" | "light" | "dark";

/**
 * Every setting. Each is read on its own: one unreadable value falls back to its default, the others stay.
 */
export type Settings = { theme: Theme, rating_scale: RatingScale, week_start: WeekStart, date_format: DateFormat, 
/**
 * The columns of a generic CSV import, remembered when the user asks.
 */
csv_mapping: CsvMapping | null, 
/**
 * The welcome page was left (by any of its ways in): it is not shown again.
 */
welcome_done: boolean, 
/**
 * Where the IMDb datasets are downloaded from; none means IMDb's official location.
 * `MATINEE_DATASETS_URL` in the environment wins over it.
 */
datasets_url: string | null, 
/**
 * How many days "Not tonight" sets a film aside for; none means 30.
 */
not_tonight_days: number | null, };

/**
 * Where one of the IMDb dataset files stands in the download folder, against the server's copy.
 */
export type DatasetFileState = "complete" | "partial" | "missing" | "changed";

/**
 * One dataset file in a download plan.
 */
export type DatasetFilePlan = { 
/**
 * The file's name, e.g. `title.basics.tsv.gz`.
 */
name: string, 
/**
 * Its size on the server, when the server says.
 */
size_bytes: number | null, 
/**
 * The bytes of it already in the folder that will be kept.
 */
have_bytes: number, state: DatasetFileState, };

/**
 * What a download of the IMDb datasets will fetch and need, told before it starts.
 */
export type DownloadPlan = { 
/**
 * Where the files come from (ends with `/`).
 */
base_url: string, 
/**
 * The folder they are downloaded into (never the live catalogue).
 */
folder: string, files: Array<DatasetFilePlan>, 
/**
 * Bytes still to fetch.
 */
download_bytes: number, 
/**
 * Disk the download and the catalogue build need beyond what is there, as estimated.
 */
disk_needed_bytes: number, 
/**
 * Free space on the disk of the data folder.
 */
disk_free_bytes: number, 
/**
 * Whether the free space covers what is needed.
 */
enough_space: boolean, };

/**
 * How far a download of the IMDb datasets has got.
 */
export type DownloadProgress = { 
/**
 * The file being fetched or checked, e.g. `title.basics.tsv.gz`.
 */
file: string, 
/**
 * Its place among the files, from 1.
 */
file_number: number, file_count: number, 
/**
 * Bytes of this file on disk so far (a resumed file starts where it stopped).
 */
done_bytes: number, total_bytes: number | null, 
/**
 * Bytes received per second, over the last few seconds.
 */
bytes_per_second: number, 
/**
 * Estimated seconds left for this file, once the pace is known.
 */
seconds_left: number | null, 
/**
 * The file is whole and being checked (complete gzip stream, expected header line).
 */
checking: boolean, };

/**
 * What a download did with each file.
 */
export type DownloadedFile = { name: string, bytes: number, 
/**
 * False when the file in the folder was already the server's copy.
 */
fetched: boolean, 
/**
 * Where the download resumed from (0 when it started at the beginning).
 */
resumed_from: number, 
/**
 * A damaged copy was found by the check and fetched again.
 */
fetched_again: boolean, };

/**
 * The outcome of a download of the IMDb datasets.
 */
export type DownloadReport = { folder: string, files: Array<DownloadedFile>, fetched_bytes: number, seconds: number, };

/**
 * What the window says before a download, without going online: where from, where to, and the terms.
 */
export type DownloadInfo = { 
/**
 * Where the files would come from (IMDb's official location unless changed).
 */
base_url: string, official: boolean, 
/**
 * The folder they go into, inside the data folder.
 */
folder: string, 
/**
 * The datasets' terms of use, shown before the first download.
 */
terms: string, };

/**
 * One licence and the packages that come under it.
 */
export type Licence = { 
/**
 * The SPDX identifier, e.g. `MIT`.
 */
id: string, name: string, 
/**
 * The packages, as `name version`.
 */
used_by: Array<string>, text: string, };

/**
 * What the About page shows: the version, where the data lives, the licences, the datasets' terms.
 */
export type About = { version: string, paths: DataPaths, licences: Array<Licence>, datasets_terms: string, };

/**
 * What tonight allows, for the picker: every constraint optional and combinable. Numbers are signed so that a
 * negative one reaches the rules and is refused by name rather than by the decoder.
 */
export type TonightQuery = { 
/**
 * The longest film tonight allows, in minutes.
 */
max_runtime: number | null, 
/**
 * Only films the user has not seen (no viewing, no rating).
 */
unseen: boolean, 
/**
 * Only films on the user's watchlist; else the whole catalogue.
 */
watchlist: boolean, 
/**
 * Films with any of these genres.
 */
genres: Array<string>, 
/**
 * Films with none of these genres.
 */
not_genres: Array<string>, 
/**
 * An original language: an ISO 639 code or its name.
 */
language: string | null, 
/**
 * A country: an ISO 3166 code or its name.
 */
country: string | null, 
/**
 * The first year of a decade (1990 for the 1990s).
 */
decade: number | null, year_from: number | null, year_to: number | null, 
/**
 * The lowest score, in tenths (70 is 7.0).
 */
min_score: number | null, min_votes: number | null, kind: FilmKind | null, 
/**
 * Films with any of these tags of the user's.
 */
tags: Array<string>, 
/**
 * Something like this film: what a person typed (a key, an IMDb id, a title with an optional year).
 */
like: string | null, 
/**
 * How many picks (3 when not given, at most 12).
 */
count: number | null, 
/**
 * The seed of the weighted draw: the same seed on the same data gives the same picks.
 */
seed: number | null, 
/**
 * Films not to pick (those just shown, for a re-roll).
 */
exclude: Array<FilmKey>, 
/**
 * How the reasons write the user's ratings.
 */
rating_scale: RatingScale | null, 
/**
 * Watching with a companion (by name): films on both watchlists that neither has seen, else films on
 * either watchlist that neither has seen.
 */
with: string | null, };

/**
 * Why a film was picked: each reason is a fact of the catalogue or of the user's library.
 */
export type PickReasonKind = "watchlist" | "companion" | "like" | "director" | "cast" | "taste" | "curated" | "runtime" | "score" | "title_region";

export type PickReason = { kind: PickReasonKind, 
/**
 * The reason in words: "On your watchlist since March 2023".
 */
text: string, 
/**
 * The other film the reason speaks of, where it names one.
 */
film: FilmKey | null, };

export type TonightPick = { film: FilmSummary, runtime_minutes: number | null, 
/**
 * At least one, always.
 */
reasons: Array<PickReason>, };

export type TonightPicks = { picks: Array<TonightPick>, 
/**
 * How many films fit every constraint (counted up to `POOL`; `pool_capped` says when it stopped there).
 */
candidates: number, pool_capped: boolean, 
/**
 * The seed the draw used (given, or chosen): passing it back gives the same picks.
 */
seed: number, 
/**
 * Films left out because the user said "Not tonight" to them.
 */
hidden: number, 
/**
 * With a companion: whether the picks are on both watchlists (else on either).
 */
both_watchlists: boolean | null, };

/**
 * A film the user said "Not tonight" to, and the day it may be picked again.
 */
export type NotTonight = { key: FilmKey, title: string, year: number | null, 
/**
 * The first day (YYYY-MM-DD, local) it may be picked again.
 */
until: string, };

/**
 * Someone to watch with: their watchlist and seen films, read from their export and kept apart from the user's.
 */
export type Companion = { name: string, 
/**
 * The file their films came from.
 */
source: string, 
/**
 * When it was read (UTC, RFC 3339).
 */
added_at: string, 
/**
 * Films on their watchlist, and of those the ones the catalogue has (the others cannot be picked).
 */
watchlist: number, watchlist_in_catalogue: number, 
/**
 * Films they have seen (rated, logged or marked watched).
 */
seen: number, };

/**
 * A film suggested on Discover's "For you", with every reason it is there.
 */
export type Suggestion = { film: FilmSummary, 
/**
 * At least one, always.
 */
reasons: Array<string>, };

/**
 * Where a "For you" shelf comes from.
 */
export type ForYouKind = "because" | "evening" | "starter";

export type ForYouShelf = { kind: ForYouKind, 
/**
 * "Because you gave White God 4/5".
 */
title: string, 
/**
 * The film the shelf starts from (for "because" shelves).
 */
from: FilmKey | null, films: Array<Suggestion>, };

/**
 * The user's take on a film (text, one-line version and score, all three or none) and their synopsis.
 */
export type OwnTake = { text: string | null, line: string | null, 
/**
 * 0 to 100: 85 is 8.5 of 10.
 */
score_tenths: number | null, synopsis: string | null, updated_at: string, };

/**
 * The user's own pack: the name their takes are signed with, and what it holds.
 */
export type OwnPack = { 
/**
 * None until the user gives a name (takes are then signed "you").
 */
author: string | null, pack_id: string | null, 
/**
 * The version of the last export (0 before the first).
 */
version: number, takes: number, links: number, };

