import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';

vi.mock('../../lib/backend');
vi.mock('../../lib/app.svelte', (original) => import('../../test/app').then((m) => m.withTestApp(original)));

import { app, mocked } from '../../test/doubles';
import { filmSummary } from '../../test/fixtures';
import ForYou from './ForYou.svelte';

beforeEach(() => {
  vi.resetAllMocks();
  app.revision = 0;
});

describe('For you', () => {
  it('shows each shelf with its title and every film with its reasons', async () => {
    mocked.forYou.mockResolvedValue([
      {
        kind: 'because',
        title: 'Because you gave White God 4/5',
        from: 'mt:white-god-2014',
        films: [
          { film: filmSummary('mt:a', 'Alpha'), reasons: ['Same director: Kornél Mundruczó', 'Also drama, 2016'] },
          { film: filmSummary('mt:b', 'Beta'), reasons: ['Also drama and thriller, 2014'] },
        ],
      },
    ]);
    render(ForYou);
    await waitFor(() => expect(screen.getByTestId('for-you-shelf').dataset.kind).toBe('because'));
    expect(screen.getByRole('heading', { name: 'Because you gave White God 4/5' })).toBeTruthy();
    const reasons = screen.getAllByTestId('related-reason').map((r) => r.textContent);
    expect(reasons).toEqual(['Same director: Kornél Mundruczó · Also drama, 2016', 'Also drama and thriller, 2014']);
  });

  it('shows nothing when there is nothing to suggest, and asks again after a change to the library', async () => {
    mocked.forYou.mockResolvedValue([]);
    render(ForYou);
    await waitFor(() => expect(mocked.forYou).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('for-you')).toBeNull();
    app.revision++;
    await waitFor(() => expect(mocked.forYou).toHaveBeenCalledTimes(2));
  });
});
