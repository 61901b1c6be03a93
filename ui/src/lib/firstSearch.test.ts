import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchPage } from './bindings';

vi.mock('./backend');

import { backend } from './backend';
import { askEarly, emptyQuery, PAGE, takeEarly } from './firstSearch';

const mocked = vi.mocked(backend);
const answer: SearchPage = { total: 0, total_exact: true, films: [] };

describe('the first search asked as the app starts', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    mocked.filmSearch.mockResolvedValue(answer);
  });

  it('asks for the first page of the empty query once', () => {
    askEarly(0);
    expect(mocked.filmSearch).toHaveBeenCalledTimes(1);
    expect(mocked.filmSearch.mock.calls[0]?.[0]).toEqual({ ...emptyQuery(), limit: PAGE, offset: 0 });
  });

  it('answers the same query at the same revision, once', async () => {
    askEarly(3);
    const early = takeEarly(emptyQuery(), 3);
    expect(early).not.toBeNull();
    await expect(early).resolves.toBe(answer);
    expect(takeEarly(emptyQuery(), 3)).toBeNull();
  });

  it('answers nothing for another query or after a library change', () => {
    askEarly(0);
    expect(takeEarly({ ...emptyQuery(), text: 'godfather' }, 0)).toBeNull();
    askEarly(0);
    expect(takeEarly(emptyQuery(), 1)).toBeNull();
  });

  it('lets a failed early answer go unheard and the app start', async () => {
    mocked.filmSearch.mockRejectedValueOnce(new Error('the library is not ready'));
    expect(() => askEarly(0)).not.toThrow();
    await Promise.resolve();
    expect(takeEarly(emptyQuery(), 0)).not.toBeNull();
  });
});
