import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../../lib/backend');
vi.mock('../../lib/app.svelte', (original) => import('../../test/app').then((m) => m.withTestApp(original)));

import { app, mocked } from '../../test/doubles';
import { DEFAULT_SETTINGS } from '../../lib/app.svelte';
import Welcome from './Welcome.svelte';

beforeEach(() => {
  vi.resetAllMocks();
  app.view = 'welcome';
  app.settings = { ...DEFAULT_SETTINGS };
  mocked.catalogueStatus.mockResolvedValue({
    films: 51,
    films_with_imdb_id: 40,
    packs: 1,
    imdb_datasets: null,
    built_at: null,
    size_mib: 1,
  });
  mocked.catalogueDownloadInfo.mockResolvedValue({
    base_url: 'https://datasets.imdbws.com/',
    official: true,
    folder: '/data/datasets',
    terms: 'For personal and non-commercial use only.',
  });
  mocked.settingsSet.mockImplementation(async (s) => s);
});

describe('the welcome page', () => {
  it('offers three ways in and names the starter catalogue', async () => {
    render(Welcome);
    expect(screen.getByTestId('welcome-history')).toBeTruthy();
    expect(screen.getByTestId('welcome-films')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('welcome-look').textContent).toContain('51 films'));
  });

  it('B opens the import with its drop zone, G the download with the terms, and nothing goes online', async () => {
    render(Welcome);
    await fireEvent.keyDown(window, { key: 'b' });
    expect(screen.getByTestId('import-drop')).toBeTruthy();
    await fireEvent.keyDown(window, { key: 'g' });
    await waitFor(() => expect(screen.getByTestId('dataset-terms').textContent).toContain('non-commercial'));
    // Only the button that says it goes online asks the server.
    expect(mocked.catalogueDownloadPlan).not.toHaveBeenCalled();
    expect(app.view).toBe('welcome');
  });

  it('J looks around: Discover, and the page is not shown again', async () => {
    render(Welcome);
    await fireEvent.keyDown(window, { key: 'j' });
    expect(app.view).toBe('discover');
    expect(app.settings.welcome_done).toBe(true);
    expect(mocked.settingsSet).toHaveBeenCalledWith(expect.objectContaining({ welcome_done: true }));
  });

  it('leaves typing alone: a J in a field is a letter', async () => {
    render(Welcome);
    await fireEvent.keyDown(window, { key: 'b' });
    const select = screen.getByTestId('import-source');
    await fireEvent.keyDown(select, { key: 'j' });
    expect(app.view).toBe('welcome');
  });
});
