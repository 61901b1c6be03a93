import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import FilmTile from './FilmTile.svelte';
import type { FilmSummary } from '../../lib/bindings';

const hostile: FilmSummary = {
  key: 'mt:x-2020',
  title: '<img src=x onerror="window.pwned=1">',
  year: 2020,
  kind: 'show',
  score: { tenths: 84, source: 'Matinee curators', votes: null },
  line: '<b>bold</b> claim',
  directors: ['Nameless <Director>'],
  genres: ['Drama', 'Comedy', 'Horror'],
  poster: { background: '#112233', foreground: '#eeeeee', accent: '#ff8800', pattern: 2 },
  on_watchlist: true,
  rating: 70,
  in_catalogue: true,
};

describe('FilmTile', () => {
  it('shows text from data as text, never as markup', () => {
    const { container } = render(FilmTile, { film: hostile, onopen: () => {} });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(container.textContent).toContain('<b>bold</b> claim');
  });

  it('shows the score, kind, two genres and the user marks', () => {
    const { container } = render(FilmTile, { film: hostile, onopen: () => {} });
    const text = container.textContent ?? '';
    expect(text).toContain('8.4');
    expect(text).toContain('Show');
    expect(text).toContain('Drama · Comedy');
    expect(text).not.toContain('Horror');
    expect(text).toContain('On watchlist');
    expect(text).toContain('3.5 stars');
  });

  it('names the directors, as text, when the film has no take line', async () => {
    const { container, rerender } = render(FilmTile, { film: hostile, onopen: () => {} });
    expect(container.querySelector('[data-testid=tile-directors]')).toBeNull();
    const dataset = { ...hostile, line: null, directors: ['Nameless <Director>', 'Another One'] };
    await rerender({ film: dataset, onopen: () => {} });
    const by = container.querySelector('[data-testid=tile-directors]');
    expect(by?.textContent).toBe('Directed by Nameless <Director> and Another One');
  });

  it('opens the film by its key', async () => {
    const onopen = vi.fn();
    render(FilmTile, { film: hostile, onopen });
    await fireEvent.click(screen.getByRole('button'));
    expect(onopen).toHaveBeenCalledWith('mt:x-2020');
  });
});
