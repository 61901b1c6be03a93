// Data the component tests build their fake backend's answers from.
import type { FilmSummary } from '../lib/bindings';

/** A film as a search or a list shows it: a movie with no score, credits or rating, unless `more` gives them. */
export function filmSummary(key: string, title: string, more: Partial<FilmSummary> = {}): FilmSummary {
  return {
    key,
    title,
    year: 2019,
    kind: 'movie',
    score: null,
    line: null,
    directors: [],
    genres: [],
    poster: { background: '#112233', foreground: '#eeeeee', accent: '#ff8800', pattern: 0 },
    on_watchlist: false,
    rating: null,
    in_catalogue: true,
    ...more,
  };
}
