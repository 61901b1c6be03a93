import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { Facets, FilmSummary, SearchPage, SearchQuery } from '../../lib/bindings';

vi.mock('../../lib/backend');
vi.mock('../../lib/app.svelte', (original) => import('../../test/app').then((m) => m.withTestApp(original)));

import { app, mocked } from '../../test/doubles';
import { filmSummary } from '../../test/fixtures';
import Discover from './Discover.svelte';

// jsdom lays nothing out, so the geometry is made up here: a scroll container 800 px high, the grid 1000 px
// wide (5 columns of tiles of 410 px, 16 px apart: a row every 426 px) starting 200 px down its content.
const VIEW = 800;
const GRID_TOP = 200;
const PITCH = 426;
const COLUMNS = 5;
const PAGE = 120;

const NO_FACETS: Facets = {
  total: 0,
  genres: [],
  countries: [],
  decades: [],
  kinds: [],
  runtimes: [],
  scores: [],
  votes: [],
  seen: [],
  tags: [],
};

const film = (i: number) => filmSummary(`f${i}`, `Film ${i}`, { year: 2000 });

/** A catalogue of `total` films numbered from 0, in order, as the backend pages it. */
function catalogue(total: number, prefix = 'f') {
  return async (q: SearchQuery): Promise<SearchPage> => {
    const offset = q.offset ?? 0;
    const films: FilmSummary[] = [];
    for (let i = offset; i < Math.min(total, offset + (q.limit ?? PAGE)); i++) films.push({ ...film(i), key: `${prefix}${i}` });
    return { total, total_exact: true, films };
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const offsets = () => mocked.filmSearch.mock.calls.map(([q]) => q.offset);

let scroller: HTMLElement;
let scrollTop = 0;

/** Scrolls the container as the user would, and waits for the grid to redraw. */
async function scrollTo(top: number) {
  scrollTop = top;
  await fireEvent.scroll(scroller);
}

/**
 * Scrolls row `row` of the million films to the view's top. Their 200,000 rows are taller than a browser
 * draws, so the grid's 15,000,000 px box is scrolled in proportion: list position t is at
 * y = t × (15,000,000 − 800) / (85,199,984 − 800).
 */
async function scrollToRow(row: number) {
  await scrollTo(GRID_TOP + Math.round((row * PITCH * (15_000_000 - VIEW)) / (200_000 * PITCH - 16 - VIEW)));
}

function rows(): HTMLElement[] {
  return within(screen.getByTestId('results')).getAllByRole('row');
}

function tileKeys(): string[] {
  return screen.getAllByTestId('film-tile').map((t) => t.dataset.key ?? '');
}

beforeEach(() => {
  vi.resetAllMocks();
  app.error = null;
  app.film = null;
  app.revision = 0;
  mocked.filmFacets.mockResolvedValue(NO_FACETS);
  mocked.catalogueFacets.mockResolvedValue(NO_FACETS);
  mocked.forYou.mockResolvedValue([]);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  scrollTop = 0;
  scroller = document.createElement('div');
  scroller.style.overflowY = 'auto';
  document.body.appendChild(scroller);
  Object.defineProperty(scroller, 'scrollTop', {
    configurable: true,
    get: () => scrollTop,
    set: (v: number) => (scrollTop = Math.max(0, v)),
  });
  Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: VIEW });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const top = this instanceof HTMLElement && this.dataset.testid === 'results' ? GRID_TOP - scrollTop : 0;
    return { top, bottom: top, left: 0, right: 0, width: 0, height: 0, x: 0, y: top, toJSON: () => ({}) };
  });
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockImplementation(function (this: Element) {
    return this instanceof HTMLElement && this.dataset.testid === 'results' ? 1000 : 0;
  });
});

afterEach(() => {
  scroller.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function open(total: number) {
  mocked.filmSearch.mockImplementation(catalogue(total));
  render(Discover, { target: scroller });
  await waitFor(() => expect(screen.getAllByTestId('film-tile').length).toBeGreaterThan(0));
}

describe('Discover results', () => {
  it('draws only the rows in view of a million films, and says how many there are', async () => {
    await open(1_000_000);
    expect(screen.getByTestId('result-count').textContent?.trim()).toBe('1,000,000 films');
    const grid = screen.getByTestId('results');
    expect(grid.getAttribute('role')).toBe('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('200000');
    expect(grid.getAttribute('aria-colcount')).toBe(String(COLUMNS));
    // The grid starts 200 px down an 800 px view: rows 0 and 1 show, and two more of overscan.
    expect(rows().map((r) => r.getAttribute('aria-rowindex'))).toEqual(['1', '2', '3', '4']);
    expect(tileKeys()).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}`));
    expect(screen.queryByTestId('load-more')).toBeNull();
    // One page asked for, of the first 120.
    expect(mocked.filmSearch).toHaveBeenCalledTimes(1);
    expect(mocked.filmSearch.mock.calls[0]?.[0]).toMatchObject({ offset: 0, limit: PAGE });
  });

  it('fetches the page of the rows scrolled to, shows placeholders meanwhile, and keeps few pages', async () => {
    await open(1_000_000);
    const page = deferred<SearchPage>();
    mocked.filmSearch.mockImplementationOnce(() => page.promise);
    // Row 1006 (films 5,030 to 5,034) at the view's top.
    await scrollToRow(1006);
    await waitFor(() => expect(offsets()).toContain(4920));
    const drawn = rows().map((r) => Number(r.getAttribute('aria-rowindex')) - 1);
    expect(drawn.length).toBeLessThanOrEqual(8);
    expect(drawn).toContain(1006);
    // Drawn with the overscan, films 5,020 to 5,049 span pages 41 (4,920) and 42 (5,040): both asked for, once.
    expect(offsets().filter((o) => o === 4920)).toHaveLength(1);
    expect(offsets()).toContain(5040);
    expect(mocked.filmSearch.mock.calls.every(([q]) => q.limit === PAGE)).toBe(true);
    // Page 41 has not come yet: its films are busy placeholders, as tall as tiles.
    const waiting = screen.getAllByTestId('film-placeholder');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((p) => p.getAttribute('aria-busy') === 'true')).toBe(true);
    page.resolve(await catalogue(1_000_000)({ offset: 4920, limit: PAGE } as SearchQuery));
    await waitFor(() => expect(tileKeys()).toContain('f5030'));

    // Far away and back: the pages near the first place were dropped (asked for again), the first page never.
    const visited = [100_000, 50_000, 150_000, 20_000, 190_000, 70_000];
    for (const row of visited) {
      await scrollToRow(row);
      await waitFor(() => expect(tileKeys()).toContain(`f${row * COLUMNS}`));
    }
    const before = mocked.filmSearch.mock.calls.length;
    await scrollToRow(1006);
    await waitFor(() => expect(tileKeys()).toContain('f5030'));
    expect(offsets().slice(before)).toContain(4920);
    await scrollTo(0);
    await waitFor(() => expect(tileKeys()).toContain('f0'));
    expect(offsets().filter((o) => o === 0)).toHaveLength(1);
  });

  it('reaches the last film at the end of the scroll', async () => {
    await open(1_000_000);
    await scrollTo(GRID_TOP + 15_000_000 - VIEW);
    await waitFor(() => expect(tileKeys()).toContain('f999999'));
    expect(offsets()).toContain(999_960);
    const last = rows().at(-1)!;
    expect(last.getAttribute('aria-rowindex')).toBe('200000');
  });

  it('starts again from the top for a new query, and drops the old one', async () => {
    await open(1_000_000);
    await scrollTo(GRID_TOP + 5_000_000);
    await waitFor(() => expect(offsets().length).toBeGreaterThan(1));
    mocked.filmSearch.mockImplementation(catalogue(42, 'x'));
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'vertigo' } });
    expect(scrollTop).toBe(0);
    await waitFor(() => expect(screen.getByTestId('result-count').textContent?.trim()).toBe('42 films'));
    const last = mocked.filmSearch.mock.calls.at(-1)?.[0];
    expect(last).toMatchObject({ text: 'vertigo', offset: 0, limit: PAGE });
    expect(tileKeys().every((k) => k.startsWith('x'))).toBe(true);
    expect(tileKeys()[0]).toBe('x0');
    expect(screen.getByTestId('results').getAttribute('aria-rowcount')).toBe('9');
  });

  it('ignores a late answer to an older query', async () => {
    await open(1_000_000);
    const first = deferred<SearchPage>();
    const second = deferred<SearchPage>();
    mocked.filmSearch.mockImplementationOnce(() => first.promise).mockImplementationOnce(() => second.promise);
    const search = screen.getByTestId('search');
    await fireEvent.input(search, { target: { value: 'a' } });
    await fireEvent.input(search, { target: { value: 'ab' } });
    expect(screen.getByTestId('result-count').textContent).toContain('searching…');
    second.resolve({ total: 1, total_exact: true, films: [{ ...film(0), key: 'ab', title: 'Abba' }] });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent?.trim()).toBe('1 film'));
    first.resolve({ total: 3, total_exact: true, films: [film(7), film(8), film(9)] });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('result-count').textContent?.trim()).toBe('1 film');
    expect(tileKeys()).toEqual(['ab']);
    // Enter opens the first result of the query on screen.
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(app.film).toBe('ab');
  });

  it('keeps its place and its tiles when the library changes', async () => {
    await open(1_000_000);
    await scrollToRow(30); // films 150 to 154, page 1
    await waitFor(() => expect(tileKeys()).toContain('f150'));
    const tile = screen.getAllByTestId('film-tile').find((t) => t.dataset.key === 'f150')!;
    const [calls, place] = [mocked.filmSearch.mock.calls.length, scrollTop];
    app.revision++;
    await waitFor(() => expect(offsets().slice(calls)).toContain(120));
    expect(scrollTop).toBe(place);
    expect(screen.getAllByTestId('film-tile').find((t) => t.dataset.key === 'f150')).toBe(tile);
  });

  it('shows a capped count as "10,000+" until the filter counts bring the exact number', async () => {
    const facets = deferred<Facets>();
    mocked.filmFacets.mockImplementation(() => facets.promise);
    mocked.filmSearch.mockImplementation(async (q) => ({ ...(await catalogue(137_191)(q)), total: 10_000, total_exact: false }));
    render(Discover, { target: scroller });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent?.trim()).toBe('10,000+ films'));
    facets.resolve({ ...NO_FACETS, total: 137_191 });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent?.trim()).toBe('137,191 films'));
    expect(screen.getByTestId('results').getAttribute('aria-rowcount')).toBe(String(Math.ceil(137_191 / COLUMNS)));
  });

  it('keeps the exact count through a library change while the search count is capped', async () => {
    mocked.filmFacets.mockResolvedValue({ ...NO_FACETS, total: 137_191 });
    mocked.filmSearch.mockImplementation(async (q) => ({ ...(await catalogue(137_191)(q)), total: 10_000, total_exact: false }));
    render(Discover, { target: scroller });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent?.trim()).toBe('137,191 films'));
    const facets = deferred<Facets>();
    mocked.filmFacets.mockImplementation(() => facets.promise);
    const calls = mocked.filmSearch.mock.calls.length;
    app.revision++;
    await waitFor(() => expect(mocked.filmSearch.mock.calls.length).toBeGreaterThan(calls));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('result-count').textContent?.trim()).toBe('137,191 films');
    expect(screen.getByTestId('results').getAttribute('aria-rowcount')).toBe(String(Math.ceil(137_191 / COLUMNS)));
    facets.resolve({ ...NO_FACETS, total: 137_191 });
  });

  it('shows the empty state when nothing matches', async () => {
    await open(3);
    mocked.filmSearch.mockResolvedValue({ total: 0, total_exact: true, films: [] });
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'zzz' } });
    await screen.findByTestId('empty-results');
    expect(screen.getByTestId('result-count').textContent?.trim()).toBe('0 films');
    expect(screen.queryByTestId('results')).toBeNull();
  });

  it('moves focus with the arrow keys across a page boundary, waiting on a placeholder for its film', async () => {
    await open(1_000_000);
    const page = deferred<SearchPage>();
    mocked.filmSearch.mockImplementation(async (q) =>
      q.offset === PAGE ? page.promise : catalogue(1_000_000)(q),
    );
    const focusedKey = () => document.activeElement?.closest<HTMLElement>('[data-testid="film-tile"]')?.dataset.key;

    await fireEvent.keyDown(screen.getByTestId('search'), { key: 'ArrowDown' });
    await waitFor(() => expect(focusedKey()).toBe('f0'));
    expect(document.activeElement?.classList.contains('open')).toBe(true);
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(focusedKey()).toBe('f1'));
    for (let n = 0; n < 22; n++) await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(focusedKey()).toBe('f111'));
    // The view followed: row 22 is drawn, the first rows are not.
    expect(rows().map((r) => r.getAttribute('aria-rowindex'))).not.toContain('1');
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(focusedKey()).toBe('f114'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(focusedKey()).toBe('f119'));
    // Film 120 is on the next page, which has not come: focus rests on its placeholder...
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.closest('[data-index]')?.getAttribute('data-index')).toBe('120'));
    expect(document.activeElement?.getAttribute('data-testid')).toBe('film-placeholder');
    expect(offsets()).toContain(PAGE);
    // ...and moves to the film's own button when it comes.
    page.resolve(await catalogue(1_000_000)({ offset: PAGE, limit: PAGE } as SearchQuery));
    await waitFor(() => expect(focusedKey()).toBe('f120'));
    expect(document.activeElement?.classList.contains('open')).toBe(true);
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await waitFor(() => expect(focusedKey()).toBe('f120'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    await waitFor(() => expect(focusedKey()).toBe('f119'));
    await fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    await waitFor(() => expect(focusedKey()).toBe('f114'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Home', ctrlKey: true });
    await waitFor(() => expect(focusedKey()).toBe('f0'));
  });

  it('keeps the focused tile drawn when the user scrolls far from it', async () => {
    await open(1_000_000);
    await fireEvent.keyDown(screen.getByTestId('search'), { key: 'ArrowDown' });
    const button = await waitFor(() => {
      const b = document.activeElement as HTMLElement;
      expect(b.closest<HTMLElement>('[data-testid="film-tile"]')?.dataset.key).toBe('f0');
      return b;
    });
    await scrollToRow(50);
    await waitFor(() => expect(tileKeys()).toContain('f250'));
    expect(rows().map((r) => r.getAttribute('aria-rowindex'))).toContain('1');
    expect(document.activeElement).toBe(button);
    await fireEvent.keyDown(button, { key: 'ArrowDown' });
    await waitFor(() =>
      expect(document.activeElement?.closest<HTMLElement>('[data-testid="film-tile"]')?.dataset.key).toBe('f5'),
    );
  });
});
