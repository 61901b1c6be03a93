import { describe, expect, it, vi } from 'vitest';
import type { FilmSummary, IpcError, ListDetail } from '../../lib/bindings';
import { filmSummary as film } from '../../test/fixtures';
import { filmsText, keyTarget, ListPageState } from './listPage.svelte';

const A = film('tt1', 'Alpha');
const B = film('tt2', 'Beta');
const C = film('tt3', 'Gamma');

function detail(films: FilmSummary[], notes: Record<string, string> = {}, id = 7): ListDetail {
  return {
    list: { id, name: 'Favourites', description: '', ranked: true, films: films.length },
    entries: films.map((f, i) => ({ position: i + 1, film: f, note: notes[f.key] ?? '' })),
  };
}

function fakeApi(start: ListDetail = detail([A, B, C])) {
  return {
    listGet: vi.fn(async (_id: number) => structuredClone(start)),
    listMove: vi.fn(),
    listReorder: vi.fn(),
    listRemove: vi.fn(),
    listAdd: vi.fn(),
    listUpdate: vi.fn(),
    listDelete: vi.fn(async () => null),
    listEntryNote: vi.fn(),
  };
}

function fakeApp() {
  return { fail: vi.fn(), changed: vi.fn(), say: vi.fn(), openList: vi.fn() };
}

async function opened(api = fakeApi(), app = fakeApp(), id = 7) {
  const page = new ListPageState(() => id, app, api);
  await page.load(id);
  return { page, api, app };
}

const keys = (d: ListDetail | null) => d?.entries.map((e) => e.film.key);

describe('a list page', () => {
  it('shows the answer of the latest load only', async () => {
    const api = fakeApi();
    let answerOld: (d: ListDetail) => void = () => {};
    api.listGet.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    const page = new ListPageState(() => 7, fakeApp(), api);
    const old = page.load(7);
    await page.load(7);
    answerOld(detail([C]));
    await old;
    // The load that started later is the one the page keeps.
    expect(keys(page.detail)).toEqual(['tt1', 'tt2', 'tt3']);
  });

  it('says why a list could not be opened', async () => {
    const api = fakeApi();
    api.listGet.mockRejectedValueOnce({ kind: 'not_found', message: 'no list 7', field: null } satisfies IpcError);
    const page = new ListPageState(() => 7, fakeApp(), api);
    await page.load(7);
    expect(page.loadError).toBe('no list 7');
  });

  it('clamps a move to the ends and moves nothing to where the film already is', async () => {
    const { page, api, app } = await opened();
    api.listMove.mockResolvedValueOnce(detail([B, C, A]));
    await page.move('tt1', () => 99, 'move-to');
    // Past the end means the last place, and the page tells the library it changed.
    expect(api.listMove).toHaveBeenCalledWith(7, 'tt1', 3);
    expect(keys(page.detail)).toEqual(['tt2', 'tt3', 'tt1']);
    expect(page.announcement).toBe('Alpha moved to position 3 of 3');
    expect(app.changed).toHaveBeenCalled();

    await page.move('tt1', (from) => from + 1, 'move-down');
    expect(api.listMove).toHaveBeenCalledTimes(1);
    expect(page.announcement).toBe('Alpha is already at position 3 of 3');
  });

  it('ignores a typed position that is not a number', async () => {
    const { page, api } = await opened();
    await page.moveTo('tt2', 'top');
    expect(api.listMove).not.toHaveBeenCalled();
  });

  it('runs changes one after another, each from the list the previous one left', async () => {
    const { page, api } = await opened();
    api.listMove.mockResolvedValueOnce(detail([A, C, B])).mockResolvedValueOnce(detail([A, C, B]));
    // Two presses of Alt+Down on Beta: the second starts from position 3, so it asks for nothing.
    await Promise.all([page.move('tt2', (from) => from + 1, 'entry-handle'), page.move('tt2', (from) => from + 1, 'entry-handle')]);
    expect(api.listMove).toHaveBeenCalledTimes(1);
  });

  it('drops a dragged film before or after the entry under it, sending the whole order', async () => {
    const { page, api } = await opened();
    api.listReorder.mockResolvedValueOnce(detail([B, C, A]));
    page.startDrag('tt1');
    page.dragOver('tt3', true);
    expect(page.dropAt).toEqual({ key: 'tt3', after: true });
    await page.drop();
    expect(api.listReorder).toHaveBeenCalledWith(7, ['tt2', 'tt3', 'tt1']);
    expect(page.dragKey).toBeNull();
    expect(page.announcement).toBe('Alpha moved to position 3 of 3');

    // A drop where the film already is sends nothing.
    page.startDrag('tt2');
    page.dragOver('tt3', false);
    await page.drop();
    expect(api.listReorder).toHaveBeenCalledTimes(1);
  });

  it('offers an Undo that puts a removed film back at its place, with its note', async () => {
    const { page, api, app } = await opened(fakeApi(detail([A, B, C], { tt2: 'The stairs' })));
    api.listRemove.mockResolvedValueOnce(detail([A, C]));
    await page.remove('tt2');
    expect(page.announcement).toBe('Beta removed from “Favourites”');
    const toast = app.say.mock.calls[0]?.[0];
    expect(toast?.action?.label).toBe('Undo');

    api.listAdd.mockResolvedValueOnce(detail([A, B, C], { tt2: 'The stairs' }));
    toast?.action?.run();
    await vi.waitFor(() => expect(page.announcement).toBe('Beta is back at position 2 of 3'));
    expect(api.listAdd).toHaveBeenCalledWith(7, 'tt2', 2, 'The stairs');
  });

  it('saves a note only when it changed', async () => {
    const { page, api } = await opened(fakeApi(detail([A], { tt1: 'seen twice' })));
    await page.saveNote('tt1', ' seen twice ');
    expect(api.listEntryNote).not.toHaveBeenCalled();
    api.listEntryNote.mockResolvedValueOnce(detail([A], { tt1: 'seen three times' }));
    await page.saveNote('tt1', 'seen three times');
    expect(api.listEntryNote).toHaveBeenCalledWith(7, 'tt1', 'seen three times');
    expect(page.entryOf('tt1')?.note).toBe('seen three times');
  });

  it('keeps the rename open with the reason when the name is taken, and other failures go to the app', async () => {
    const { page, api, app } = await opened();
    await page.startRename();
    expect(page.nameDraft).toBe('Favourites');
    page.nameDraft = 'Top ten';
    api.listUpdate.mockRejectedValueOnce({ kind: 'conflict', message: 'already a list called Top ten', field: null });
    await page.saveRename();
    expect(page.renaming).toBe(true);
    expect(page.nameError).toBe('already a list called Top ten');
    expect(app.fail).not.toHaveBeenCalled();

    api.listUpdate.mockRejectedValueOnce({ kind: 'db', message: 'disk full', field: null });
    await page.saveRename();
    expect(app.fail).toHaveBeenCalled();

    api.listUpdate.mockResolvedValueOnce({ ...detail([A, B, C]).list, name: 'Top ten' });
    await page.saveRename();
    expect(page.renaming).toBe(false);
    expect(page.detail?.list.name).toBe('Top ten');
  });

  it('shows a refused description by its field', async () => {
    const { page, api } = await opened();
    api.listUpdate.mockRejectedValueOnce({ kind: 'invalid_input', message: 'too long', field: null });
    await page.saveDescription('x'.repeat(30_000));
    expect(page.descriptionError).toBe('too long');
  });

  it('deletes the list and goes back to all lists', async () => {
    const { page, api, app } = await opened();
    await page.askDelete();
    expect(page.confirmingDelete).toBe(true);
    await page.deleteList();
    expect(api.listDelete).toHaveBeenCalledWith(7);
    expect(app.openList).toHaveBeenCalledWith(null);
    expect(app.say.mock.calls[0]?.[0].message).toBe('Deleted the list “Favourites”; its films stay in your library');
  });
});

describe('the keys of an entry handle', () => {
  const press = (key: string, altKey = true) => new KeyboardEvent('keydown', { key, altKey });

  it('move with Alt only, one place or to an end', () => {
    expect(keyTarget(press('ArrowUp', false))).toBeNull();
    expect(keyTarget(press('ArrowUp'))?.(2, 5)).toBe(1);
    expect(keyTarget(press('ArrowDown'))?.(2, 5)).toBe(3);
    expect(keyTarget(press('Home'))?.(4, 5)).toBe(1);
    expect(keyTarget(press('End'))?.(2, 5)).toBe(5);
    expect(keyTarget(press('a'))).toBeNull();
  });

  it('count films in words', () => {
    expect(filmsText(1)).toBe('1 film');
    expect(filmsText(3)).toBe('3 films');
  });
});
