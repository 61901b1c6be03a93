// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit by hand.

/**
 * A film's stable key: an IMDb id (`tt0068646`) where one is known, else `mt:` and the folded title and year.
 * The user's library refers to films by this key only, so it survives catalogue rebuilds.
 */
export type FilmKey = string;

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
note_updated_at: string | null, };

/**
 * A film in a list or a small card.
 */
export type FilmSummary = { key: FilmKey, title: string, year: number | null, kind: FilmKind, score: Score | null, 
/**
 * The one-line take, where a pack has one.
 */
line: string | null, genres: Array<string>, poster: Poster, on_watchlist: boolean, rating: number | null, 
/**
 * False when the film is in the user's library but not in the current catalogue.
 */
in_catalogue: boolean, };

/**
 * Why a film is on another's "More like this" shelf.
 */
export type RelatedKind = "curated" | "same_director" | "shared_cast";

export type RelatedFilm = { film: FilmSummary, kind: RelatedKind, 
/**
 * The reason in words: the curator's, or e.g. "Same director: Lee Hwan-kyung".
 */
reason: string, 
/**
 * Who curated the link, for curated links.
 */
curator: string | null, };

/**
 * Everything the film card shows, in the card's order.
 */
export type FilmCard = { key: FilmKey, title: string, original_title: string | null, year: number, kind: FilmKind, score: Score | null, countries: Array<Named>, languages: Array<Named>, genres: Array<string>, directors: Array<PersonRef>, cast: Array<PersonRef>, runtime_minutes: number | null, synopsis: string | null, takes: Array<Take>, poster: Poster, user: UserPart, related: Array<RelatedFilm>, };

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
decade: number | null, limit: number | null, offset: number | null, };

/**
 * One page of search results and the count of all of them.
 */
export type SearchPage = { total: number, films: Array<FilmSummary>, };

/**
 * One value of a filter, with how many films have it.
 */
export type FacetValue = { value: string, label: string, count: number, };

/**
 * The values the Discover filters offer.
 */
export type Facets = { genres: Array<FacetValue>, countries: Array<FacetValue>, decades: Array<FacetValue>, };

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
export type DataPaths = { data_dir: string, library: string, catalogue: string, packs: string, backups: string, settings: string, };

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
notices: Array<string>, paths: DataPaths, backups: Array<BackupInfo>, };

/**
 * What went wrong, for the UI to act on. Never match on the message.
 */
export type ErrorKind = "not_found" | "invalid_input" | "ambiguous" | "pack_invalid" | "library_unavailable" | "storage";

/**
 * The error every command returns.
 */
export type IpcError = { kind: ErrorKind, message: string, };

export type Theme = "system" | "light" | "dark";

export type Settings = { theme: Theme, };

