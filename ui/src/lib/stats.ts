// Words and labels for Stats: the figures themselves all come from the core (`stats_get`).
import type { RankingKind, StatsQuery, StatsTotals } from './bindings';

/** 5 h 30 min; 0 min. */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h.toLocaleString('en')} h` : `${h.toLocaleString('en')} h ${m} min`;
}

/** The time watched, or "unknown" when not one of the viewings' runtimes is known (never a made-up zero). */
export function watchedText(totals: Pick<StatsTotals, 'minutes' | 'viewings_without_runtime'>): string {
  if (totals.minutes === 0 && totals.viewings_without_runtime > 0) return 'unknown';
  return hoursText(totals.minutes);
}

const KINDS: Record<RankingKind, { title: string; one: string }> = {
  director: { title: 'Directors', one: 'Directed by' },
  actor: { title: 'Actors', one: 'With' },
  country: { title: 'Countries', one: 'From' },
  language: { title: 'Languages', one: 'In' },
  genre: { title: 'Genres', one: 'Genre:' },
  decade: { title: 'Release decades', one: 'Released in the' },
};

export function rankingTitle(kind: RankingKind): string {
  return KINDS[kind].title;
}

/** What the Diary says it is narrowed to, for an entry: "Directed by Agnès Varda". */
export function diaryLabel(kind: RankingKind, name: string): string {
  return `${KINDS[kind].one} ${name}`;
}

/** Under a month's bar: "Mar" within a year, "Mar 24" across years. */
export function monthTick(month: string, withYear: boolean): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const name = names[Number(month.slice(5, 7)) - 1] ?? month;
  return withYear ? `${name} ${month.slice(2, 4)}` : name;
}

/** The query for a period chosen in the view: 'all', a year ('2024') or 'range' with its two dates. */
export function statsQuery(period: string, from: string, to: string, tag: string): StatsQuery {
  const base: StatsQuery = { year: null, from: null, to: null, tag: tag || null, week_start: null, scale: null };
  if (period === 'range') return { ...base, from: from || null, to: to || null };
  if (period !== 'all' && period !== '') return { ...base, year: Number(period) };
  return base;
}
