import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { FilmSummary, ListDetail, ListEntry } from '../../lib/bindings';

vi.mock('../../lib/backend');
vi.mock('../../lib/app.svelte', (original) => import('../../test/app').then((m) => m.withTestApp(original)));

import { app, mocked } from '../../test/doubles';
import { filmSummary as film } from '../../test/fixtures';
import ListPage from './ListPage.svelte';

const FILMS = {
  memories: film('tt0353969', 'Memories of Murder'),
  parasite: film('tt6751668', 'Parasite'),
  mother: film('tt1216496', 'Mother'),
};

/** A list of 7 with these films in this order, positions 1..n. */
function detail(films: FilmSummary[], ranked = true, notes: Record<string, string> = {}): ListDetail {
  const entries: ListEntry[] = films.map((f, i) => ({ position: i + 1, film: f, note: notes[f.key] ?? '' }));
  return {
    list: { id: 7, name: 'Bong Joon-ho, ranked', description: 'Best first', ranked, films: films.length },
    entries,
  };
}

const START = [FILMS.memories, FILMS.parasite, FILMS.mother];

/** What the fake backend holds: listGet answers it, and each change answers with (and stores) its new state. */
let stored: ListDetail;

type ListChange = 'listMove' | 'listReorder' | 'listRemove' | 'listAdd' | 'listEntryNote';

/** The next call of `command` changes the list to `d` and answers with it, as the backend does. */
function answers(command: ListChange, d: ListDetail) {
  mocked[command].mockImplementationOnce(async () => {
    stored = d;
    return structuredClone(d);
  });
}

async function open(d: ListDetail = detail(START)) {
  stored = d;
  mocked.listGet.mockImplementation(async () => structuredClone(stored));
  mocked.listUpdate.mockImplementation(async (_id, name, description, ranked) => {
    stored = {
      ...stored,
      list: {
        ...stored.list,
        name: name ?? stored.list.name,
        description: description ?? stored.list.description,
        ranked: ranked ?? stored.list.ranked,
      },
    };
    return structuredClone(stored.list);
  });
  const result = render(ListPage, { id: 7 });
  const entries = await screen.findAllByTestId('list-entry');
  return { ...result, entries };
}

function entryByKey(key: string): HTMLElement {
  const entry = screen.getAllByTestId('list-entry').find((e) => e.dataset.key === key);
  if (!entry) throw new Error(`no entry ${key}`);
  return entry;
}

beforeEach(() => {
  vi.resetAllMocks();
  app.error = null;
  app.toast = null;
  app.list = 7;
});

describe('ListPage', () => {
  it('shows the entries in order with their ranks', async () => {
    const { entries } = await open();
    expect(entries.map((e) => e.dataset.key)).toEqual(['tt0353969', 'tt6751668', 'tt1216496']);
    expect(entries.map((e) => e.dataset.position)).toEqual(['1', '2', '3']);
    expect(entries.map((e) => e.querySelector('.rank')?.textContent)).toEqual(['1.', '2.', '3.']);
    expect(entries[1]?.textContent).toContain('Parasite');
    expect(screen.getByTestId('list-name').textContent).toBe('Bong Joon-ho, ranked');
    expect(mocked.listGet).toHaveBeenCalledWith(7);
  });

  it('shows no ranks in a list that is not ranked', async () => {
    const { entries } = await open(detail(START, false));
    expect(entries.every((e) => e.querySelector('.rank') === null)).toBe(true);
  });

  it('disables Move up on the first entry and Move down on the last', async () => {
    const { entries } = await open();
    const [first, middle, last] = entries as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(first).getByTestId<HTMLButtonElement>('move-up').disabled).toBe(true);
    expect(within(first).getByTestId<HTMLButtonElement>('move-down').disabled).toBe(false);
    expect(within(middle).getByTestId<HTMLButtonElement>('move-up').disabled).toBe(false);
    expect(within(last).getByTestId<HTMLButtonElement>('move-down').disabled).toBe(true);
  });

  it('moves an entry up with Alt+ArrowUp on its handle, keeps focus on it and says where it went', async () => {
    await open();
    answers('listMove', detail([FILMS.parasite, FILMS.memories, FILMS.mother]));
    const handle = within(entryByKey('tt6751668')).getByTestId('entry-handle');
    expect(handle.getAttribute('aria-label')).toBe('Move Parasite, position 2 of 3');
    handle.focus();
    await fireEvent.keyDown(handle, { key: 'ArrowUp', altKey: true });

    await waitFor(() => expect(mocked.listMove).toHaveBeenCalledWith(7, 'tt6751668', 1));
    await waitFor(() =>
      expect(screen.getByTestId('list-announce').textContent).toBe('Parasite moved to position 1 of 3'),
    );
    const moved = screen.getAllByTestId('list-entry')[0]!;
    expect(moved.dataset.key).toBe('tt6751668');
    expect(moved.dataset.position).toBe('1');
    await waitFor(() => expect(document.activeElement).toBe(within(moved).getByTestId('entry-handle')));
    expect(within(moved).getByTestId('entry-handle').getAttribute('aria-label')).toBe(
      'Move Parasite, position 1 of 3',
    );
  });

  it('ignores the arrows without Alt, and Alt+End sends the entry to the bottom', async () => {
    await open();
    answers('listMove', detail([FILMS.parasite, FILMS.mother, FILMS.memories]));
    const handle = within(entryByKey('tt0353969')).getByTestId('entry-handle');
    await fireEvent.keyDown(handle, { key: 'ArrowDown' });
    await fireEvent.keyDown(handle, { key: 'End', altKey: true });
    await waitFor(() => expect(mocked.listMove).toHaveBeenCalledTimes(1));
    expect(mocked.listMove).toHaveBeenCalledWith(7, 'tt0353969', 3);
  });

  it('moves with the Move down button and to a typed position on Enter', async () => {
    await open();
    answers('listMove', detail([FILMS.parasite, FILMS.memories, FILMS.mother]));
    await fireEvent.click(within(entryByKey('tt0353969')).getByTestId('move-down'));
    await waitFor(() => expect(mocked.listMove).toHaveBeenCalledWith(7, 'tt0353969', 2));
    await waitFor(() => expect(screen.getAllByTestId('list-entry')[0]?.dataset.key).toBe('tt6751668'));

    answers('listMove', detail([FILMS.mother, FILMS.parasite, FILMS.memories]));
    const field = within(entryByKey('tt1216496')).getByTestId<HTMLInputElement>('move-to');
    await fireEvent.input(field, { target: { value: '1' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(mocked.listMove).toHaveBeenLastCalledWith(7, 'tt1216496', 1));
  });

  it('reorders by drag and drop, sending the full new order', async () => {
    await open();
    answers('listReorder', detail([FILMS.mother, FILMS.memories, FILMS.parasite]));
    const dragged = entryByKey('tt1216496');
    const target = entryByKey('tt0353969');
    await fireEvent.dragStart(dragged);
    await fireEvent.dragOver(target, { clientY: 0 });
    await fireEvent.drop(target);
    await waitFor(() =>
      expect(mocked.listReorder).toHaveBeenCalledWith(7, ['tt1216496', 'tt0353969', 'tt6751668']),
    );
    await waitFor(() =>
      expect(screen.getByTestId('list-announce').textContent).toBe('Mother moved to position 1 of 3'),
    );
  });

  it('removes an entry and offers an Undo that puts it back where it was, with its note', async () => {
    await open(detail(START, true, { tt6751668: 'The stairs!' }));
    answers('listRemove', detail([FILMS.memories, FILMS.mother]));
    await fireEvent.click(within(entryByKey('tt6751668')).getByTestId('entry-remove'));
    await waitFor(() => expect(mocked.listRemove).toHaveBeenCalledWith(7, 'tt6751668'));
    await waitFor(() => expect(app.toast?.action?.label).toBe('Undo'));
    expect(app.toast?.message).toContain('Parasite');

    answers('listAdd', detail(START, true, { tt6751668: 'The stairs!' }));
    app.toast?.action?.run();
    await waitFor(() => expect(mocked.listAdd).toHaveBeenCalledWith(7, 'tt6751668', 2, 'The stairs!'));
  });

  it('renames on Enter and cancels on Escape', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('list-rename'));
    const input = screen.getByTestId<HTMLInputElement>('list-rename-input');
    await fireEvent.input(input, { target: { value: 'Bong, best first' } });
    await fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('list-rename-input')).toBeNull();
    expect(mocked.listUpdate).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('list-rename'));
    const again = screen.getByTestId<HTMLInputElement>('list-rename-input');
    await fireEvent.input(again, { target: { value: 'Bong, best first' } });
    await fireEvent.keyDown(again, { key: 'Enter' });
    await waitFor(() => expect(mocked.listUpdate).toHaveBeenCalledWith(7, 'Bong, best first', null, null));
    await waitFor(() => expect(screen.getByTestId('list-name').textContent).toBe('Bong, best first'));
  });

  it('shows a name already in use next to the rename field', async () => {
    await open();
    mocked.listUpdate.mockRejectedValue({ kind: 'conflict', message: "there is already a list called 'Top ten'" });
    await fireEvent.click(screen.getByTestId('list-rename'));
    const input = screen.getByTestId<HTMLInputElement>('list-rename-input');
    await fireEvent.input(input, { target: { value: 'top ten' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getByTestId('list-rename-error').textContent).toContain('already a list called'),
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('asks before deleting the list, inline', async () => {
    await open();
    mocked.listDelete.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId('list-delete'));
    expect(mocked.listDelete).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('list-delete-cancel'));
    expect(screen.queryByTestId('list-delete-confirm')).toBeNull();

    await fireEvent.click(screen.getByTestId('list-delete'));
    await fireEvent.click(screen.getByTestId('list-delete-confirm'));
    await waitFor(() => expect(mocked.listDelete).toHaveBeenCalledWith(7));
    await waitFor(() => expect(app.list).toBeNull());
  });

  it('saves an entry note when the field loses focus', async () => {
    await open();
    answers('listEntryNote', detail(START, true, { tt1216496: 'Kim Hye-ja' }));
    const note = within(entryByKey('tt1216496')).getByTestId<HTMLTextAreaElement>('entry-note');
    note.value = 'Kim Hye-ja';
    await fireEvent.blur(note);
    await waitFor(() => expect(mocked.listEntryNote).toHaveBeenCalledWith(7, 'tt1216496', 'Kim Hye-ja'));
  });

  it('says how to fill an empty list', async () => {
    mocked.listGet.mockResolvedValue(detail([]));
    render(ListPage, { id: 7 });
    const empty = await screen.findByTestId('list-empty');
    expect(empty.textContent).toContain('This list is empty. Open any film and use “Add to list”.');
  });

  it('renders text from data as text, never as markup', async () => {
    const hostile = film('mt:x-2020', '<b>x</b>');
    const d = detail([hostile, FILMS.parasite], true, { 'mt:x-2020': '<b>note</b><img src=x>' });
    d.list.name = '<b>name</b>';
    d.list.description = '<b>description</b>';
    const { container } = await open(d);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<b>x</b>');
    expect(screen.getByTestId('list-name').textContent).toBe('<b>name</b>');
    expect(screen.getByTestId<HTMLTextAreaElement>('list-description').value).toBe('<b>description</b>');
    expect(within(entryByKey('mt:x-2020')).getByTestId<HTMLTextAreaElement>('entry-note').value).toBe(
      '<b>note</b><img src=x>',
    );
    expect(within(entryByKey('mt:x-2020')).getByTestId('entry-handle').getAttribute('aria-label')).toBe(
      'Move <b>x</b>, position 1 of 2',
    );
  });
});
