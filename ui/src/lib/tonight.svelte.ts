// Tonight's state as a runes class: the constraints as the form holds them, the picks shown, re-rolls that never
// show the same films again, "Not tonight" with its undo, and each refused constraint's message by field.
import type { FilmKind, IpcError, NotTonight, TonightPick, TonightPicks, TonightQuery } from './bindings';

/** The calls Tonight makes (the backend's, or a test's). */
export type TonightApi = {
  tonightPick(query: TonightQuery): Promise<TonightPicks>;
  tonightHide(key: string): Promise<NotTonight>;
  tonightUnhide(key: string): Promise<boolean>;
};

/** A genre wanted or left out; a genre with neither is free. */
export type GenreChoice = 'want' | 'avoid';

/** The form's fields, by the names the core's errors give them. */
export type Field =
  | 'max_runtime'
  | 'genres'
  | 'not_genres'
  | 'language'
  | 'country'
  | 'decade'
  | 'min_score'
  | 'min_votes'
  | 'kind'
  | 'tags'
  | 'like'
  | 'with';

const FIELDS: readonly string[] = [
  'max_runtime',
  'genres',
  'not_genres',
  'language',
  'country',
  'decade',
  'min_score',
  'min_votes',
  'kind',
  'tags',
  'like',
  'with',
];

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && typeof (e as IpcError).message === 'string';
}

/** A whole number typed in a field, or null for an empty one; anything else is the field's error. */
function wholeNumber(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : 'bad';
}

export class Tonight {
  /** The time there is, in minutes, as typed ('' for any length). */
  maxRuntime = $state('');
  unseen = $state(true);
  watchlist = $state(false);
  genres = $state<Record<string, GenreChoice>>({});
  language = $state('');
  country = $state('');
  /** The first year of a decade, as a select gives it ('' for any). */
  decade = $state('');
  /** The lowest score in tenths ('' for any). */
  minScore = $state('');
  minVotes = $state('');
  kind = $state('');
  tag = $state('');
  like = $state('');
  /** The companion watching too, by name ('' for nobody). */
  with = $state('');

  picks = $state<TonightPick[]>([]);
  /** The answer of the last draw, for the count of films that fit; null before the first. */
  last = $state<TonightPicks | null>(null);
  errors = $state<Partial<Record<Field, string>>>({});
  /** An error no field owns. */
  error = $state<string | null>(null);
  busy = $state(false);

  /** Every film shown since the constraints were last asked for, so a re-roll shows others. */
  private shown: string[] = [];

  constructor(
    private readonly api: TonightApi,
    /** The seed of each draw; none lets the core choose (tests give one). */
    private readonly seed: () => number | null = () => null,
  ) {}

  /** Moves a genre from free to wanted to left out and back. */
  cycleGenre(name: string): void {
    const now = this.genres[name];
    const next = { ...this.genres };
    if (now === undefined) next[name] = 'want';
    else if (now === 'want') next[name] = 'avoid';
    else delete next[name];
    this.genres = next;
  }

  /** The constraints as the core takes them, or null when a field cannot be read (its error is set). */
  query(exclude: string[]): TonightQuery | null {
    const errors: Partial<Record<Field, string>> = {};
    const runtime = wholeNumber(this.maxRuntime);
    if (runtime === 'bad') errors.max_runtime = 'Give the time there is in minutes, such as 120.';
    const votes = wholeNumber(this.minVotes);
    if (votes === 'bad') errors.min_votes = 'Give a whole number of votes.';
    this.errors = errors;
    if (Object.keys(errors).length) return null;
    const want = Object.keys(this.genres).filter((g) => this.genres[g] === 'want');
    const avoid = Object.keys(this.genres).filter((g) => this.genres[g] === 'avoid');
    const text = (s: string) => (s.trim() === '' ? null : s.trim());
    return {
      max_runtime: runtime as number | null,
      unseen: this.unseen,
      watchlist: this.watchlist,
      genres: want,
      not_genres: avoid,
      language: text(this.language),
      country: text(this.country),
      decade: this.decade ? Number(this.decade) : null,
      year_from: null,
      year_to: null,
      min_score: this.minScore ? Number(this.minScore) : null,
      min_votes: votes as number | null,
      kind: (this.kind || null) as FilmKind | null,
      tags: this.tag ? [this.tag] : [],
      like: text(this.like),
      count: 3,
      seed: this.seed(),
      exclude: exclude.map((k) => k),
      rating_scale: null,
      with: text(this.with),
    };
  }

  /** Picks under the constraints as they stand now, starting afresh. */
  async roll(): Promise<void> {
    this.shown = [];
    await this.draw(false);
  }

  /** Three others: never the ones just shown, and none shown since the last roll while others are left. */
  async reroll(): Promise<void> {
    await this.draw(true);
  }

  private async draw(again: boolean): Promise<void> {
    const current = this.picks.map((p) => p.film.key);
    const query = this.query(again ? this.shown : []);
    if (query === null) return;
    this.busy = true;
    this.error = null;
    try {
      let answer = await this.api.tonightPick(query);
      // Everything shown so far has been seen once: start over, leaving out only the films on screen.
      if (again && answer.picks.length < (query.count ?? 3) && this.shown.length > current.length) {
        this.shown = [...current];
        answer = await this.api.tonightPick({ ...query, exclude: current });
      }
      this.last = answer;
      this.picks = answer.picks;
      this.shown = [...this.shown, ...answer.picks.map((p) => p.film.key)];
    } catch (e) {
      this.refused(e);
    } finally {
      this.busy = false;
    }
  }

  /** Sets a film aside ("Not tonight") and takes it off the picks; the answer says until when. */
  async hide(key: string): Promise<NotTonight | null> {
    try {
      const hidden = await this.api.tonightHide(key);
      this.picks = this.picks.filter((p) => p.film.key !== key);
      return hidden;
    } catch (e) {
      this.refused(e);
      return null;
    }
  }

  /** The undo of `hide`: the film may be picked again (it comes back at the next draw). */
  async unhide(key: string): Promise<void> {
    try {
      await this.api.tonightUnhide(key);
    } catch (e) {
      this.refused(e);
    }
  }

  private refused(e: unknown): void {
    if (isIpcError(e) && e.field && FIELDS.includes(e.field)) {
      // The core names the field before its message ("max_runtime: …"): the form says it beside the field.
      const prefix = `${e.field}: `;
      const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      this.errors = { ...this.errors, [e.field as Field]: message };
    } else {
      this.error = isIpcError(e) ? e.message : String(e);
    }
  }
}
