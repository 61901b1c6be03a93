import { describe, expect, it, vi } from 'vitest';
import { Tonight, type TonightApi } from './tonight.svelte';
import type { IpcError, TonightPick, TonightPicks, TonightQuery } from './bindings';
import { filmSummary } from '../test/fixtures';

function pick(key: string): TonightPick {
  return {
    film: filmSummary(key, `Film ${key}`),
    runtime_minutes: 100,
    reasons: [{ kind: 'runtime', text: '1 h 40 min: fits your 2 hours', film: null }],
  };
}

function answer(keys: string[], candidates = 10): TonightPicks {
  return { picks: keys.map(pick), candidates, pool_capped: false, seed: 7, hidden: 0, both_watchlists: null };
}

function api(...answers: TonightPicks[]) {
  const tonightPick = vi.fn<(q: TonightQuery) => Promise<TonightPicks>>();
  for (const a of answers) tonightPick.mockResolvedValueOnce(a);
  return {
    tonightPick,
    tonightHide: vi.fn().mockResolvedValue({ key: 'b', title: 'Film b', year: 2019, until: '2027-01-06' }),
    tonightUnhide: vi.fn().mockResolvedValue(true),
  } satisfies TonightApi;
}

/** The query of the n-th call. */
function sent(calls: ReturnType<typeof api>, n: number): TonightQuery {
  const call = calls.tonightPick.mock.calls[n];
  if (!call) throw new Error(`no call ${n}`);
  return call[0];
}

describe('Tonight', () => {
  it('sends the constraints as the core takes them', async () => {
    const calls = api(answer(['a', 'b', 'c']));
    const t = new Tonight(calls, () => 42);
    t.maxRuntime = '120';
    t.cycleGenre('Drama');
    t.cycleGenre('Horror');
    t.cycleGenre('Horror');
    t.language = ' ko ';
    t.minScore = '70';
    t.watchlist = true;
    await t.roll();
    const q = sent(calls, 0);
    expect(q).toMatchObject({
      max_runtime: 120,
      genres: ['Drama'],
      not_genres: ['Horror'],
      language: 'ko',
      min_score: 70,
      watchlist: true,
      unseen: true,
      seed: 42,
      exclude: [],
      count: 3,
    });
    expect(t.picks.map((p) => p.film.key)).toEqual(['a', 'b', 'c']);
  });

  it('a genre pressed three times is free again', () => {
    const t = new Tonight(api());
    t.cycleGenre('Drama');
    expect(t.genres).toEqual({ Drama: 'want' });
    t.cycleGenre('Drama');
    expect(t.genres).toEqual({ Drama: 'avoid' });
    t.cycleGenre('Drama');
    expect(t.genres).toEqual({});
  });

  it('a re-roll leaves out every film shown since the roll, then starts over when they run out', async () => {
    const calls = api(answer(['a', 'b', 'c']), answer(['d', 'e', 'f']), answer(['g']), answer(['a', 'b', 'g']));
    const t = new Tonight(calls);
    await t.roll();
    await t.reroll();
    expect(sent(calls, 1).exclude).toEqual(['a', 'b', 'c']);
    expect(t.picks.map((p) => p.film.key)).toEqual(['d', 'e', 'f']);
    await t.reroll();
    // Only one film was left unshown: the next draw leaves out just the three on screen.
    expect(sent(calls, 2).exclude).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(sent(calls, 3).exclude).toEqual(['d', 'e', 'f']);
    expect(t.picks.map((p) => p.film.key)).toEqual(['a', 'b', 'g']);
  });

  it('a new roll forgets what was shown', async () => {
    const calls = api(answer(['a', 'b', 'c']), answer(['a', 'b', 'c']));
    const t = new Tonight(calls);
    await t.roll();
    await t.roll();
    expect(sent(calls, 1).exclude).toEqual([]);
  });

  it('a refused constraint is said beside its field, and a field that cannot be read is never sent', async () => {
    const calls = api();
    const refusal: IpcError = { kind: 'invalid_input', message: 'a runtime is a number of minutes above 0, not -5', field: 'max_runtime' };
    calls.tonightPick.mockRejectedValueOnce(refusal);
    const t = new Tonight(calls);
    t.maxRuntime = '-5';
    await t.roll();
    expect(t.errors.max_runtime).toBe('a runtime is a number of minutes above 0, not -5');
    t.maxRuntime = 'two hours';
    await t.roll();
    expect(calls.tonightPick).toHaveBeenCalledTimes(1);
    expect(t.errors.max_runtime).toMatch(/minutes/);
    const other: IpcError = { kind: 'storage', message: 'disk I/O error', field: null };
    calls.tonightPick.mockRejectedValueOnce(other);
    t.maxRuntime = '';
    await t.roll();
    expect(t.errors).toEqual({});
    expect(t.error).toBe('disk I/O error');
  });

  it('"Not tonight" takes the film off the picks, and its undo lets it back', async () => {
    const calls = api(answer(['a', 'b', 'c']));
    const t = new Tonight(calls);
    await t.roll();
    const hidden = await t.hide('b');
    expect(hidden?.until).toBe('2027-01-06');
    expect(t.picks.map((p) => p.film.key)).toEqual(['a', 'c']);
    await t.unhide('b');
    expect(calls.tonightUnhide).toHaveBeenCalledWith('b');
  });
});
