import { describe, expect, it } from 'vitest';
import {
  agoText,
  bytesText,
  speedText,
  timeLeftText,
  canShow,
  dateText,
  monthText,
  parseRating,
  ratingText,
  ratingToStars,
  runtimeText,
  scoreLabel,
  scoreText,
  starsText,
  starsToRating,
  todayIso,
  weekStartIso,
} from './format';

describe('ratings', () => {
  it('maps every half star to the stored 0..100 value and back', () => {
    // Every value the five-star widget can show must round-trip exactly, or a rating would drift when re-saved.
    for (let halves = 0; halves <= 10; halves++) {
      const stars = halves / 2;
      expect(ratingToStars(starsToRating(stars))).toBe(stars);
    }
    expect(starsToRating(3.5)).toBe(70);
    expect(starsToRating(0.5)).toBe(10);
  });

  it('says stars in words', () => {
    expect(starsText(70)).toBe('3.5 stars');
    expect(starsText(20)).toBe('1 star');
  });
});

describe('scores and runtimes', () => {
  it('shows one decimal and the source', () => {
    expect(scoreText(69)).toBe('6.9');
    expect(scoreText(90)).toBe('9.0');
    expect(scoreLabel({ tenths: 69, source: 'Matinee curators', votes: null })).toBe('6.9 · Matinee curators');
    expect(scoreLabel({ tenths: 81, source: 'IMDb', votes: 12345 })).toBe('8.1 · IMDb · 12,345 votes');
  });

  it('writes runtimes in hours and minutes', () => {
    expect(runtimeText(127)).toBe('2 h 7 min');
    expect(runtimeText(85)).toBe('1 h 25 min');
    expect(runtimeText(45)).toBe('45 min');
    expect(runtimeText(120)).toBe('2 h');
  });
});

describe('rating scales', () => {
  it('round-trips every value each scale can show, for all of 0..100', () => {
    // Changing the scale changes only the display: text shown in a scale reads back as the same integer.
    for (const scale of ['five_stars', 'ten_point', 'hundred_point'] as const) {
      let shown = 0;
      for (let v = 0; v <= 100; v++) {
        if (!canShow(v, scale)) continue;
        if (scale === 'five_stars' && v === 0) continue; // no star widget shows zero stars as a rating
        shown++;
        const text = ratingText(v, scale).replace(/ stars?$/, '').replace(/\/(10|100)$/, '');
        expect(parseRating(text, scale)).toBe(v);
      }
      expect(shown).toBe(scale === 'five_stars' ? 10 : 101);
    }
  });

  it('refuses text that is not a value of the scale', () => {
    expect(parseRating('3.3', 'five_stars')).toBeNull();
    expect(parseRating('6', 'five_stars')).toBeNull();
    expect(parseRating('10.5', 'ten_point')).toBeNull();
    expect(parseRating('101', 'hundred_point')).toBeNull();
    expect(parseRating('abc', 'ten_point')).toBeNull();
  });
});

describe('dates', () => {
  it('writes calendar dates without time zone shifts', () => {
    expect(dateText('2024-03-09', 'long')).toBe('9 March 2024');
    expect(dateText('2024-03-09', 'iso')).toBe('2024-03-09');
    expect(dateText('2024-03-09', 'day_month_year')).toBe('09/03/2024');
    expect(dateText('2024-03-09', 'month_day_year')).toBe('03/09/2024');
    expect(dateText(null, 'long')).toBe('Date unknown');
    expect(monthText('2024-12')).toBe('December 2024');
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('weeks', () => {
  it('starts on the day the settings name', () => {
    // 2026-11-25 is a Wednesday.
    expect(weekStartIso('2026-11-25', 'monday')).toBe('2026-11-23');
    expect(weekStartIso('2026-11-25', 'sunday')).toBe('2026-11-22');
    expect(weekStartIso('2026-11-22', 'monday')).toBe('2026-11-16');
    expect(weekStartIso('2026-11-22', 'sunday')).toBe('2026-11-22');
  });
});

describe('timeLeftText', () => {
  it('says nothing without an estimate, seconds in fives under a minute, minutes past it', () => {
    expect(timeLeftText(null)).toBe('');
    expect(timeLeftText(0)).toBe('a few seconds left');
    expect(timeLeftText(38)).toBe('about 40 s left');
    expect(timeLeftText(58)).toBe('about 1 min left');
    expect(timeLeftText(150)).toBe('about 3 min left');
  });
});

describe('sizes', () => {
  it('writes bytes in the decimal units file managers use', () => {
    expect(bytesText(512)).toBe('512 bytes');
    expect(bytesText(8_400)).toBe('8.4 kB');
    expect(bytesText(350_000_000)).toBe('350 MB');
    expect(bytesText(1_700_000_000)).toBe('1.7 GB');
    expect(speedText(2_500_000)).toBe('2.5 MB/s');
  });
});

describe('agoText', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it('says how long ago, in the largest unit that fits', () => {
    expect(agoText(null, now)).toBe('never');
    expect(agoText('2026-12-07T11:59:40Z', now)).toBe('just now');
    expect(agoText('2026-12-07T11:56:00Z', now)).toBe('4 min ago');
    expect(agoText('2026-12-07T09:00:00Z', now)).toBe('3 h ago');
    expect(agoText('2026-12-05T12:00:00Z', now)).toBe('2 days ago');
    expect(agoText('2026-10-01T12:00:00Z', now)).toBe('2026-10-01');
    expect(agoText('not a date', now)).toBe('never');
  });
});
