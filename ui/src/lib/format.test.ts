import { describe, expect, it } from 'vitest';
import { ratingToStars, runtimeText, scoreLabel, scoreText, starsText, starsToRating } from './format';

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
