// The app's shared state as one runes class: which view is open, which film or list, the settings, notices
// and errors. Components get it with useApp().
import { getContext, setContext } from 'svelte';
import { backend } from './backend';
import { askEarly } from './firstSearch';
import type { AppStatus, BuildProgress, BuildReport, IpcError, ListSummary, PackImported, Settings, Tag, Theme } from './bindings';

export type View = 'welcome' | 'discover' | 'tonight' | 'stats' | 'review' | 'watchlist' | 'diary' | 'lists' | 'notes' | 'transfer' | 'settings' | 'about';

const KEY = Symbol('matinee-app');

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  rating_scale: 'five_stars',
  week_start: 'monday',
  date_format: 'long',
  csv_mapping: null,
  welcome_done: false,
  datasets_url: null,
  not_tonight_days: null,
};

/** A short message with an optional action, such as "Viewing deleted · Undo". */
export type Toast = { message: string; action?: { label: string; run: () => void } };

export class AppState {
  status = $state<AppStatus | null>(null);
  view = $state<View>('discover');
  /** The key of the film whose card is open, over the current view. */
  film = $state<string | null>(null);
  /** The list open in the Lists view, or null for all lists. */
  list = $state<number | null>(null);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  notices = $state<string[]>([]);
  error = $state<string | null>(null);
  toast = $state<Toast | null>(null);
  /** Bumped when the user's data changed, so lists reload. */
  revision = $state(0);
  /** The user's tags and lists, for filters and pickers everywhere; refreshed after every change. */
  tags = $state<Tag[]>([]);
  lists = $state<ListSummary[]>([]);
  /** The name the user's takes are signed with, once given (Settings). */
  ownAuthor = $state<string | null>(null);
  /** The catalogue build going on (from Settings, or the one start-up asked for), with its progress. */
  building = $state<BuildProgress | null>(null);
  /** The last background sync: bumped so Settings > Sync reloads; its problem, if it could not sync. */
  syncRevision = $state(0);
  syncProblem = $state<string | null>(null);
  /** Where focus was before a card opened, to give it back when the card closes. */
  private returnFocus: HTMLElement | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  get theme(): Theme {
    return this.settings.theme;
  }

  async start(): Promise<void> {
    // Discover's first films come beside the status instead of after it (a library that is not ready only makes
    // this answer go unused).
    askEarly(this.revision);
    try {
      const [status, settings] = await Promise.all([backend.appStatus(), backend.settingsGet()]);
      // For the start-up figures of `make bench`, beside Discover's marks of its first search.
      performance.mark('matinee:status');
      this.status = status;
      this.notices = status.notices;
      this.settings = settings;
      document.documentElement.dataset.theme = settings.theme;
      // An empty library opens on the ways in, until one is taken or the user moves on.
      if (status.ready && status.library_empty && !settings.welcome_done) this.view = 'welcome';
      if (status.ready) void this.refreshIndex();
      // Changes that other computers make arrive in the background: the views reload when rows changed.
      if (status.ready) {
        void backend
          .syncSubscribe((e) => {
            this.syncProblem = e.problem;
            this.syncRevision++;
            if (e.settings) this.settings = e.settings;
            if (e.report && e.report.changed > 0) this.changed();
          })
          .catch(() => {});
      }
      // A catalogue from an older Matinee (or from dataset files that changed) is built again now, with its
      // progress in view; until then the catalogue at hand answers.
      if (status.ready && status.catalogue_pending) {
        this.notices = [
          ...this.notices,
          `The catalogue is being built again from the IMDb datasets in ${status.catalogue_pending}; the films at hand answer searches until it is ready.`,
        ];
        void this.buildCatalogue(status.catalogue_pending).catch((e) => this.failBuild(e));
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Builds the catalogue from the datasets in `dir`, with progress in `building`; the caller hears the report. */
  async buildCatalogue(dir: string): Promise<BuildReport> {
    this.building = { file: 'starting', percent: 0, seconds_left: null };
    try {
      const report = await backend.catalogueBuild(dir, (p) => (this.building = p));
      this.changed();
      return report;
    } finally {
      this.building = null;
    }
  }

  /** Imports the previewed take pack and rebuilds the catalogue with it, with progress in `building`. */
  async importPack(token: number): Promise<PackImported> {
    this.building = { file: 'starting', percent: 0, seconds_left: null };
    try {
      const imported = await backend.packImport(token, (p) => (this.building = p));
      this.changed();
      return imported;
    } finally {
      this.building = null;
    }
  }

  private failBuild(e: unknown): void {
    const err = e as IpcError;
    if (err?.kind === 'cancelled') this.notices = [...this.notices, 'The catalogue build was cancelled: the catalogue is as it was.'];
    else this.fail(e);
  }

  /** The year the year in review shows. */
  reviewYear = $state<number | null>(null);

  /** Opens the year in review of `year`. */
  openReview(year: number): void {
    this.reviewYear = year;
    this.show('review');
  }

  /** The films the Diary is narrowed to, from a Stats entry ("Directed by Agnès Varda"), until cleared. */
  diaryFilms = $state<{ label: string; keys: string[]; year: number | null } | null>(null);

  /** Opens the Diary on the viewings of these films (of that year, when Stats was showing one). */
  openDiaryFor(label: string, keys: string[], year: number | null = null): void {
    this.diaryFilms = { label, keys, year };
    this.show('diary');
  }

  show(view: View): void {
    this.leavingWelcome(view);
    this.film = null;
    this.view = view;
    if (view !== 'lists') this.list = null;
  }

  /** Moving on from the welcome page by any way (a view's key, the nav) is a choice made: it stays behind. */
  private leavingWelcome(next: View): void {
    if (this.view === 'welcome' && next !== 'welcome' && !this.settings.welcome_done) {
      this.setSetting('welcome_done', true);
    }
  }

  /** Leaves the welcome page for good (it is not shown at the next start) and opens `view`. */
  leaveWelcome(view: View): void {
    if (!this.settings.welcome_done) this.setSetting('welcome_done', true);
    this.show(view);
  }

  openList(id: number | null): void {
    this.leavingWelcome('lists');
    this.film = null;
    this.view = 'lists';
    this.list = id;
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
    void this.refreshIndex();
  }

  private async refreshIndex(): Promise<void> {
    try {
      const [tags, lists, pack] = await Promise.all([backend.tagList(), backend.listAll(), backend.ownPackGet()]);
      [this.tags, this.lists, this.ownAuthor] = [tags, lists, pack?.author ?? null];
    } catch (e) {
      this.fail(e);
    }
  }

  /** Changes one setting and saves them all. */
  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.settings = { ...this.settings, [key]: value };
    if (key === 'theme') document.documentElement.dataset.theme = String(value);
    backend.settingsSet(this.settings).catch((e) => this.fail(e));
  }

  setTheme(theme: Theme): void {
    this.setSetting('theme', theme);
  }

  fail(e: unknown): void {
    this.error = (e as IpcError)?.message ?? String(e);
  }

  say(toast: Toast, ms = 8000): void {
    clearTimeout(this.toastTimer);
    this.toast = toast;
    this.toastTimer = setTimeout(() => (this.toast = null), ms);
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
