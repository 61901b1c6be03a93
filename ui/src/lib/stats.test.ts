import { describe, expect, it } from 'vitest';
import { diaryLabel, hoursText, monthTick, statsQuery } from './stats';

describe('stats words', () => {
  it('writes hours and minutes', () => {
    expect(hoursText(0)).toBe('0 min');
    expect(hoursText(45)).toBe('45 min');
    expect(hoursText(120)).toBe('2 h');
    expect(hoursText(93 * 60 + 5)).toBe('93 h 5 min');
  });
  it('names an entry as the Diary shows it', () => {
    expect(diaryLabel('director', 'Agnès Varda')).toBe('Directed by Agnès Varda');
    expect(diaryLabel('decade', '1990s')).toBe('Released in the 1990s');
  });
  it('labels months with or without the year', () => {
    expect(monthTick('2024-03', false)).toBe('Mar');
    expect(monthTick('2024-12', true)).toBe('Dec 24');
  });
  it('builds the query of a period', () => {
    expect(statsQuery('all', '', '', '')).toMatchObject({ year: null, from: null, to: null, tag: null });
    expect(statsQuery('2024', '', '', 'Comfort')).toMatchObject({ year: 2024, tag: 'Comfort' });
    expect(statsQuery('range', '2024-01-01', '', '')).toMatchObject({ year: null, from: '2024-01-01', to: null });
  });
});
