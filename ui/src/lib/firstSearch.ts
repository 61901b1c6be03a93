// Discover's first page of films, asked for as the app starts, beside its status, rather than once Discover has
// been drawn: the first tiles can then come with the first frame instead of a frame or two later.
import { backend } from './backend';
import type { SearchPage, SearchQuery } from './bindings';

/** Films fetched at a time by Discover. */
export const PAGE = 120;

/** Discover's query with nothing typed and no filter set; its own queries are built on it (same fields, same order). */
export function emptyQuery(): SearchQuery {
  return {
    text: '',
    genre: null,
    country: null,
    decade: null,
    tag: null,
    kind: null,
    min_runtime: null,
    max_runtime: null,
    min_score: null,
    max_score: null,
    min_votes: null,
    seen: null,
    limit: PAGE,
    offset: null,
  };
}

let early: { key: string; revision: number; answer: Promise<SearchPage> } | null = null;

/** Asks for the first page of the empty query now; `revision` is the library's, so a later change voids it. */
export function askEarly(revision: number): void {
  const query = emptyQuery();
  try {
    const answer = backend.filmSearch({ ...query, offset: 0 });
    // Whoever takes it hears a failure; nobody taking it is no failure.
    answer.catch(() => undefined);
    early = { key: JSON.stringify(query), revision, answer };
  } catch {
    early = null;
  }
}

/** The early answer, once, if it answers `query`'s first page at the library's `revision`; else null. */
export function takeEarly(query: SearchQuery, revision: number): Promise<SearchPage> | null {
  const found = early;
  early = null;
  return found && found.key === JSON.stringify(query) && found.revision === revision ? found.answer : null;
}
