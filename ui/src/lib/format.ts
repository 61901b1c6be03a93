// Display rules shared by every view: scores, ratings in stars, runtimes, lists of names.
import type { DateFormat, Named, PersonRef, RatingScale, Score, WeekStart } from './bindings';

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

/** A 0..100 rating in the chosen scale: 70 is "3.5 stars", "7.0/10" or "70/100". */
export function ratingText(value: number, scale: RatingScale): string {
  if (scale === 'ten_point') return `${(value / 10).toFixed(1)}/10`;
  if (scale === 'hundred_point') return `${value}/100`;
  return starsText(value);
}

/** Reads what the user typed in a scale back to 0..100; null when it is not a value of that scale. */
export function parseRating(text: string, scale: RatingScale): number | null {
  const t = text.trim();
  if (scale === 'ten_point') {
    if (!/^\d{1,2}(\.\d)?$/.test(t)) return null;
    const tenths = Math.round(Number(t) * 10);
    return tenths <= 100 ? tenths : null;
  }
  if (scale === 'hundred_point') {
    if (!/^\d{1,3}$/.test(t)) return null;
    const v = Number(t);
    return v <= 100 ? v : null;
  }
  if (!/^\d(\.[05])?$/.test(t)) return null;
  const stars = Number(t);
  return stars >= 0.5 && stars <= 5 ? starsToRating(stars) : null;
}

/** Can the scale show this stored value exactly? Stars show whole and half stars only. */
export function canShow(value: number, scale: RatingScale): boolean {
  return scale === 'five_stars' ? value % 10 === 0 : value >= 0 && value <= 100;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A calendar date (YYYY-MM-DD) in the chosen format; never shifted by time zones. */
export function dateText(iso: string | null, format: DateFormat): string {
  if (!iso) return 'Date unknown';
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return iso;
  if (format === 'iso') return iso;
  if (format === 'day_month_year') return `${d}/${m}/${y}`;
  if (format === 'month_day_year') return `${m}/${d}/${y}`;
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "2024-03" -> "March 2024"; null -> "Date unknown". */
export function monthText(month: string | null): string {
  if (!month) return 'Date unknown';
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** Today as YYYY-MM-DD in local time. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The first day (YYYY-MM-DD) of the week holding `iso`, weeks starting on Monday or Sunday. */
export function weekStartIso(iso: string, start: WeekStart): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const offset = start === 'monday' ? (date.getDay() + 6) % 7 : date.getDay();
  date.setDate(date.getDate() - offset);
  return todayIso(date);
}

/** An estimate of time left, rounded as a person would say it: "about 40 s left", "about 3 min left". */
export function timeLeftText(seconds: number | null): string {
  if (seconds == null) return '';
  if (seconds < 8) return 'a few seconds left';
  if (seconds < 55) return `about ${Math.round(seconds / 5) * 5} s left`;
  return `about ${Math.max(1, Math.round(seconds / 60))} min left`;
}

/** A size in bytes, in the decimal units file managers use: 1_700_000_000 -> "1.7 GB", 8_400 -> "8 kB". */
export function bytesText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A transfer speed: 2_500_000 -> "2.5 MB/s". */
export function speedText(bytesPerSecond: number): string {
  return `${bytesText(bytesPerSecond)}/s`;
}

/** When something happened, said from now: "just now", "4 min ago", "3 h ago", "2 days ago", else the date. */
export function agoText(iso: string | null, now: Date = new Date()): string {
  if (!iso) return 'never';
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (Number.isNaN(seconds)) return 'never';
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 86400 * 14) return `${Math.round(seconds / 86400)} days ago`;
  return then.toISOString().slice(0, 10);
}
