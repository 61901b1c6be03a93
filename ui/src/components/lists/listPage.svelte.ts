// One list's page as a runes class: the list as the backend last answered, the changes made to it one after
// another (moves, drag and drop, removal with undo, notes, name, description, ranking, deletion), what the live
// region says, and where focus goes after each. ListPage.svelte draws it; tests drive it with a fake backend.
import { tick } from 'svelte';
import { backend, type Backend } from '../../lib/backend';
import type { AppState } from '../../lib/app.svelte';
import type { IpcError, ListDetail, ListEntry, ListSummary } from '../../lib/bindings';

type Api = Pick<
  Backend,
  'listGet' | 'listMove' | 'listReorder' | 'listRemove' | 'listAdd' | 'listUpdate' | 'listDelete' | 'listEntryNote'
>;

/** Picks the position a film moves to from its current position and the number of films. */
export type Target = (from: number, count: number) => number;

/** The keyboard moves of an entry's handle: Alt with an arrow, Home or End. */
export function keyTarget(event: KeyboardEvent): Target | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing) return null;
  if (event.key === 'ArrowUp') return (from) => from - 1;
  if (event.key === 'ArrowDown') return (from) => from + 1;
  if (event.key === 'Home') return () => 1;
  if (event.key === 'End') return (_, count) => count;
  return null;
}

export function filmsText(n: number): string {
  return `${n} ${n === 1 ? 'film' : 'films'}`;
}

export class ListPageState {
  detail = $state<ListDetail | null>(null);
  loadError = $state<string | null>(null);
  /** What the live region says after a move or a removal. */
  announcement = $state('');

  renaming = $state(false);
  nameDraft = $state('');
  nameError = $state('');
  descriptionError = $state('');
  confirmingDelete = $state(false);

  /** The entry being dragged, and where it would land. */
  dragKey = $state<string | null>(null);
  dropAt = $state<{ key: string; after: boolean } | null>(null);

  // The elements focus goes to, bound by the page; without them (in tests) focus is left alone.
  heading = $state<HTMLElement | null>(null);
  entries = $state<HTMLElement | null>(null);
  renameInput = $state<HTMLInputElement | null>(null);
  renameButton = $state<HTMLElement | null>(null);
  deleteButton = $state<HTMLElement | null>(null);
  cancelDeleteButton = $state<HTMLElement | null>(null);

  private sequence = 0;
  private headingFocused = false;
  // Changes run one after another, so each starts from the list the previous one left behind
  // (holding Alt+Down moves a film one place per key press, never twice to the same place).
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly listId: () => number,
    private readonly app: Pick<AppState, 'fail' | 'changed' | 'say' | 'openList'>,
    private readonly api: Api = backend,
  ) {}

  get id(): number {
    return this.listId();
  }

  /** Fetches the list; an answer for an older load is dropped, and another list's page is cleared at once. */
  load(listId: number): Promise<void> {
    if (this.detail && this.detail.list.id !== listId) {
      this.detail = null;
      this.headingFocused = false;
    }
    const mine = ++this.sequence;
    return this.api
      .listGet(listId)
      .then((d) => {
        if (mine !== this.sequence) return;
        this.detail = d;
        this.loadError = null;
        if (!this.headingFocused) {
          this.headingFocused = true;
          void tick().then(() => this.heading?.focus());
        }
      })
      .catch((e) => {
        if (mine === this.sequence) this.loadError = (e as IpcError)?.message ?? String(e);
      });
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(op).catch((e) => this.app.fail(e));
    return this.queue;
  }

  /** Shows the list the backend answered with; a load still in flight is older, so it is dropped. */
  private apply(d: ListDetail) {
    if (d.list.id === this.id) {
      this.sequence++;
      this.detail = d;
    }
    this.app.changed();
  }

  private applySummary(summary: ListSummary) {
    if (this.detail && summary.id === this.id) {
      this.sequence++;
      this.detail = { ...this.detail, list: summary };
    }
    this.app.changed();
  }

  entryOf(key: string): ListEntry | undefined {
    return this.detail?.entries.find((e) => e.film.key === key);
  }

  /** One of an entry's controls, found by the entry's key (entries re-render as they move). */
  control(key: string, testid: string): HTMLElement | null {
    if (!this.entries) return null;
    for (const li of this.entries.querySelectorAll<HTMLElement>('[data-testid="list-entry"]')) {
      if (li.dataset.key === key) return li.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    }
    return null;
  }

  /** Gives focus back to the control that was used, or the entry's handle when that control is now disabled. */
  private async refocus(key: string, testid: string) {
    await tick();
    let target = this.control(key, testid);
    if (!target || (target instanceof HTMLButtonElement && target.disabled)) target = this.control(key, 'entry-handle');
    target?.focus();
  }

  private announceMoved(d: ListDetail, key: string) {
    const entry = d.entries.find((e) => e.film.key === key);
    if (entry) this.announcement = `${entry.film.title} moved to position ${entry.position} of ${d.entries.length}`;
  }

  /** Moves a film to the position `target` picks, then focuses the entry's control `focusOn`. */
  move(key: string, target: Target, focusOn: string): Promise<void> {
    return this.enqueue(async () => {
      const entry = this.entryOf(key);
      if (!entry || !this.detail) return;
      const count = this.detail.entries.length;
      const to = Math.min(Math.max(Math.round(target(entry.position, count)), 1), count);
      if (to === entry.position) {
        this.announcement = `${entry.film.title} is already at position ${to} of ${count}`;
        return;
      }
      const d = await this.api.listMove(this.id, key, to);
      this.apply(d);
      this.announceMoved(d, key);
      await this.refocus(key, focusOn);
    });
  }

  /** Moves a film to a typed position; a position past either end lands at that end. */
  async moveTo(key: string, typed: string): Promise<void> {
    const wanted = Number.parseInt(typed, 10);
    if (Number.isFinite(wanted)) await this.move(key, () => wanted, 'move-to');
    // The field then shows where the film really is, also after a typo.
    const now = this.entryOf(key);
    const field = this.control(key, 'move-to');
    if (now && field instanceof HTMLInputElement) field.value = String(now.position);
  }

  startDrag(key: string) {
    this.dragKey = key;
  }

  /** Marks where the dragged film would land: before or after the entry under the pointer. */
  dragOver(key: string, after: boolean) {
    if (this.dropAt?.key !== key || this.dropAt.after !== after) this.dropAt = { key, after };
  }

  endDrag() {
    this.dragKey = null;
    this.dropAt = null;
  }

  /** Drops the dragged film where it was shown to land, sending the whole new order. */
  drop(): Promise<void> {
    const moving = this.dragKey;
    const at = this.dropAt;
    this.endDrag();
    if (moving === null || !at || at.key === moving) return Promise.resolve();
    return this.enqueue(async () => {
      if (!this.detail) return;
      const before = this.detail.entries.map((e) => e.film.key);
      if (!before.includes(moving) || !before.includes(at.key)) return;
      const keys = before.filter((k) => k !== moving);
      keys.splice(keys.indexOf(at.key) + (at.after ? 1 : 0), 0, moving);
      if (keys.every((k, i) => k === before[i])) return;
      const d = await this.api.listReorder(this.id, keys);
      this.apply(d);
      this.announceMoved(d, moving);
      await this.refocus(moving, 'entry-handle');
    });
  }

  /** Takes a film off the list and offers an Undo that puts it back where it was, with its note. */
  remove(key: string): Promise<void> {
    return this.enqueue(async () => {
      const entry = this.entryOf(key);
      if (!entry || !this.detail) return;
      const { position, note } = entry;
      const title = entry.film.title;
      const listName = this.detail.list.name;
      const index = this.detail.entries.indexOf(entry);
      const d = await this.api.listRemove(this.id, key);
      this.apply(d);
      this.announcement = `${title} removed from “${listName}”`;
      // Focus goes to the film that took its place, or the one before it, or the heading of an emptied list.
      await tick();
      const next = d.entries[index] ?? d.entries[index - 1];
      const target = next ? this.control(next.film.key, 'entry-handle') : this.heading;
      target?.focus();
      this.app.say({
        message: `Removed ${title} from “${listName}”`,
        action: { label: 'Undo', run: () => void this.undoRemove(key, position, note) },
      });
    });
  }

  private undoRemove(key: string, position: number, note: string): Promise<void> {
    const listId = this.id;
    return this.enqueue(async () => {
      // Other films may have gone meanwhile; the old place is then past the end.
      const count = this.detail?.list.id === listId ? this.detail.entries.length : null;
      const at = count === null ? position : Math.min(position, count + 1);
      const d = await this.api.listAdd(listId, key, at, note === '' ? null : note);
      this.apply(d);
      const entry = d.entries.find((e) => e.film.key === key);
      if (entry) this.announcement = `${entry.film.title} is back at position ${entry.position} of ${d.entries.length}`;
    });
  }

  saveNote(key: string, text: string): Promise<void> {
    return this.enqueue(async () => {
      const entry = this.entryOf(key);
      if (!entry || text.trim() === entry.note) return;
      this.apply(await this.api.listEntryNote(this.id, key, text));
    });
  }

  async startRename() {
    if (!this.detail) return;
    this.nameDraft = this.detail.list.name;
    this.nameError = '';
    this.renaming = true;
    await tick();
    this.renameInput?.focus();
    this.renameInput?.select();
  }

  async stopRename() {
    this.renaming = false;
    this.nameError = '';
    await tick();
    this.renameButton?.focus();
  }

  /** Saves the name typed; a name in use or not allowed is shown by the field, which keeps focus. */
  saveRename(): Promise<void> {
    const name = this.nameDraft;
    return this.enqueue(async () => {
      if (!this.detail) return;
      if (name.trim() === this.detail.list.name) {
        await this.stopRename();
        return;
      }
      try {
        this.applySummary(await this.api.listUpdate(this.id, name, null, null));
        await this.stopRename();
      } catch (e) {
        const err = e as IpcError;
        if (err?.kind === 'conflict' || err?.kind === 'invalid_input') {
          this.nameError = err.message;
          this.renameInput?.focus();
        } else {
          throw e;
        }
      }
    });
  }

  saveDescription(text: string): Promise<void> {
    return this.enqueue(async () => {
      if (!this.detail || text.trim() === this.detail.list.description) return;
      try {
        this.applySummary(await this.api.listUpdate(this.id, null, text, null));
        this.descriptionError = '';
      } catch (e) {
        const err = e as IpcError;
        if (err?.kind === 'invalid_input') this.descriptionError = err.message;
        else throw e;
      }
    });
  }

  /** Makes the list ranked or not; when that fails, `box` shows the list as it still is. */
  setRanked(box: HTMLInputElement): Promise<void> {
    const ranked = box.checked;
    return this.enqueue(async () => {
      try {
        this.applySummary(await this.api.listUpdate(this.id, null, null, ranked));
      } catch (e) {
        box.checked = this.detail?.list.ranked ?? !ranked;
        throw e;
      }
    });
  }

  async askDelete() {
    this.confirmingDelete = true;
    await tick();
    this.cancelDeleteButton?.focus();
  }

  async cancelDelete() {
    this.confirmingDelete = false;
    await tick();
    this.deleteButton?.focus();
  }

  /** Deletes the list and goes back to all lists; its films stay in the library. */
  deleteList(): Promise<void> {
    return this.enqueue(async () => {
      const name = this.detail?.list.name ?? 'the list';
      await this.api.listDelete(this.id);
      this.app.openList(null);
      this.app.changed();
      this.app.say({ message: `Deleted the list “${name}”; its films stay in your library` });
    });
  }
}
