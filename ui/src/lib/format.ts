// Display rules shared by every view: scores, ratings in stars, runtimes, lists of names.
import type { Named, PersonRef, Score } from './bindings';

/** 69 tenths -> "6.9". */
export function scoreText(tenths: number): string {
  return (tenths / 10).toFixed(1);
}

/** "6.9 · Matinee curators", or with votes for an external score. */
export function scoreLabel(score: Score): string {
  const votes = score.votes != null ? ` · ${score.votes.toLocaleString('en')} votes` : '';
  return `${scoreText(score.tenths)} · ${score.source}${votes}`;
}

/** A 0..100 rating in stars with halves: 70 -> 3.5. */
export function ratingToStars(value: number): number {
  return Math.round(value / 10) / 2;
}

/** Stars with halves to the 0..100 scale: 3.5 -> 70. */
export function starsToRating(stars: number): number {
  return Math.round(stars * 2) * 10;
}

/** 70 -> "3.5 stars"; 20 -> "1 star". */
export function starsText(value: number): string {
  const stars = ratingToStars(value);
  return `${stars} ${stars === 1 ? 'star' : 'stars'}`;
}

/** 127 -> "2 h 7 min". */
export function runtimeText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function names(list: Array<Named | PersonRef>): string {
  return list.map((n) => n.name).join(', ');
}

/** "movie" -> "Movie", "tv-movie" -> "TV movie". */
export function kindText(kind: string): string {
  if (kind === 'tv-movie') return 'TV movie';
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
