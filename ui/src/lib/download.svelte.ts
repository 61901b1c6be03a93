// "Get every film": the IMDb datasets downloaded on request, then the catalogue built from them. One runes
// class holds the steps (what it takes, the download with its progress, the build) so the welcome page and
// Settings > Catalogue show the same thing, and tests can drive it with a fake backend.
import { backend, type Backend } from './backend';
import type { AppState } from './app.svelte';
import type { BuildReport, DownloadInfo, DownloadPlan, DownloadProgress, DownloadReport, IpcError } from './bindings';

export type DownloadPhase =
  | 'idle' // nothing asked yet: the terms and the button that goes online
  | 'planning' // asking the server what the files weigh
  | 'planned' // sizes, disk needed and free: the button that starts
  | 'downloading'
  | 'building'
  | 'done'
  | 'failed';

/** What went wrong, and whether it looks like no network at all (then the folder route is offered first). */
export type DownloadProblem = { message: string; network: boolean; cancelled: boolean };

type Api = Pick<Backend, 'catalogueDownloadInfo' | 'catalogueDownloadPlan' | 'catalogueDownload' | 'catalogueCancel'>;

export class DatasetDownload {
  phase = $state<DownloadPhase>('idle');
  info = $state<DownloadInfo | null>(null);
  plan = $state<DownloadPlan | null>(null);
  progress = $state<DownloadProgress | null>(null);
  /** The files finished in this download, by name. */
  finished = $state<string[]>([]);
  problem = $state<DownloadProblem | null>(null);
  downloaded = $state<DownloadReport | null>(null);
  built = $state<BuildReport | null>(null);

  constructor(
    private readonly app: Pick<AppState, 'buildCatalogue'>,
    private readonly api: Api = backend,
  ) {}

  /** Where from and where to, and the terms: no network needed. */
  async load(): Promise<void> {
    try {
      this.info = await this.api.catalogueDownloadInfo();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Asks the server what the download would fetch and need. */
  async check(): Promise<void> {
    this.problem = null;
    this.phase = 'planning';
    try {
      this.plan = await this.api.catalogueDownloadPlan();
      this.phase = 'planned';
    } catch (e) {
      this.fail(e);
    }
  }

  /** Whether the plan allows a start: the space is there. */
  get canStart(): boolean {
    return this.phase === 'planned' && this.plan !== null && this.plan.enough_space;
  }

  /** Downloads what the plan says, then builds the catalogue from the folder. Answers whether it all worked. */
  async start(): Promise<boolean> {
    if (!this.plan) return false;
    const folder = this.plan.folder;
    this.problem = null;
    this.finished = [];
    this.progress = null;
    this.phase = 'downloading';
    try {
      this.downloaded = await this.api.catalogueDownload((p) => this.hear(p));
      this.progress = null;
      this.phase = 'building';
      this.built = await this.app.buildCatalogue(folder);
      this.phase = 'done';
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  cancel(): void {
    void this.api.catalogueCancel();
  }

  /** Back to the start, keeping what is known of the server. */
  reset(): void {
    this.phase = 'idle';
    this.problem = null;
    this.progress = null;
  }

  private hear(p: DownloadProgress): void {
    const previous = this.progress;
    if (previous && previous.file !== p.file && !this.finished.includes(previous.file)) {
      this.finished = [...this.finished, previous.file];
    }
    this.progress = p;
  }

  private fail(e: unknown): void {
    const err = e as IpcError;
    const message = err?.message ?? String(e);
    const cancelled = err?.kind === 'cancelled';
    this.problem = {
      message: cancelled
        ? this.phase === 'building'
          ? 'The build was cancelled: the catalogue is as it was.'
          : 'The download was stopped. What came is kept: the next download goes on from there.'
        : message,
      network: err?.kind === 'network',
      cancelled,
    };
    this.progress = null;
    this.phase = 'failed';
  }
}
