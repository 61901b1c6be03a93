// The app's shared state as one runes class: which view is open, which film, the theme, notices and errors.
import { getContext, setContext } from 'svelte';
import { backend } from './backend';
import type { AppStatus, IpcError, Theme } from './bindings';

export type View = 'discover' | 'watchlist' | 'settings';

const KEY = Symbol('matinee-app');

export class AppState {
  status = $state<AppStatus | null>(null);
  view = $state<View>('discover');
  /** The key of the film whose card is open, over the current view. */
  film = $state<string | null>(null);
  theme = $state<Theme>('system');
  notices = $state<string[]>([]);
  error = $state<string | null>(null);
  /** Bumped when the user's data changed, so lists reload. */
  revision = $state(0);
  /** Where focus was before a card opened, to give it back when the card closes. */
  private returnFocus: HTMLElement | null = null;

  async start(): Promise<void> {
    try {
      const [status, settings] = await Promise.all([backend.appStatus(), backend.settingsGet()]);
      this.status = status;
      this.notices = status.notices;
      this.setTheme(settings.theme, false);
    } catch (e) {
      this.fail(e);
    }
  }

  show(view: View): void {
    this.film = null;
    this.view = view;
  }

  openFilm(key: string): void {
    const active = document.activeElement;
    if (this.film === null && active instanceof HTMLElement) this.returnFocus = active;
    this.film = key;
  }

  closeFilm(): void {
    this.film = null;
    const target = this.returnFocus;
    this.returnFocus = null;
    queueMicrotask(() => target?.isConnected && target.focus());
  }

  changed(): void {
    this.revision++;
  }

  setTheme(theme: Theme, persist = true): void {
    this.theme = theme;
    document.documentElement.dataset.theme = theme;
    if (persist) backend.settingsSet({ theme }).catch((e) => this.fail(e));
  }

  fail(e: unknown): void {
    this.error = (e as IpcError)?.message ?? String(e);
  }

  dismissNotice(index: number): void {
    this.notices = this.notices.filter((_, i) => i !== index);
  }

  async restore(fileName: string): Promise<void> {
    try {
      this.status = await backend.libraryRestore(fileName);
      this.notices = this.status.notices;
      this.changed();
    } catch (e) {
      this.fail(e);
    }
  }
}

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
