import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { DatasetDownload } from './download.svelte';
import type { BuildReport, DownloadPlan, DownloadProgress, DownloadReport, IpcError } from './bindings';

const PLAN: DownloadPlan = {
  base_url: 'http://127.0.0.1:8000/',
  folder: '/data/datasets',
  files: [
    { name: 'title.ratings.tsv.gz', size_bytes: 100, have_bytes: 0, state: 'missing' },
    { name: 'title.basics.tsv.gz', size_bytes: 1000, have_bytes: 400, state: 'partial' },
  ],
  download_bytes: 700,
  disk_needed_bytes: 5000,
  disk_free_bytes: 10_000,
  enough_space: true,
};

const BUILT = { status: { films: 1234 } } as unknown as BuildReport;

function progress(file: string, done: number): DownloadProgress {
  return {
    file,
    file_number: 1,
    file_count: 2,
    done_bytes: done,
    total_bytes: 1000,
    bytes_per_second: 100,
    seconds_left: 3,
    checking: false,
  };
}

function fakeApi() {
  return {
    catalogueDownloadInfo: vi.fn().mockResolvedValue({ base_url: PLAN.base_url, official: false, folder: PLAN.folder, terms: 'Personal use.' }),
    catalogueDownloadPlan: vi.fn().mockResolvedValue(PLAN),
    catalogueDownload: vi.fn(),
    catalogueCancel: vi.fn().mockResolvedValue(null),
  };
}

describe('getting every film', () => {
  it('asks the server first, then downloads into the planned folder and builds from it', async () => {
    const api = fakeApi();
    const app = { buildCatalogue: vi.fn().mockResolvedValue(BUILT) };
    api.catalogueDownload.mockImplementation(async (hear: (p: DownloadProgress) => void) => {
      hear(progress('title.ratings.tsv.gz', 100));
      hear(progress('title.basics.tsv.gz', 500));
      return { folder: PLAN.folder, files: [], fetched_bytes: 700, seconds: 1 } satisfies DownloadReport;
    });
    const d = new DatasetDownload(app, api);
    // Nothing goes online before the user asks for the sizes.
    await d.load();
    expect(api.catalogueDownloadPlan).not.toHaveBeenCalled();
    expect(d.canStart).toBe(false);
    await d.check();
    expect(d.phase).toBe('planned');
    expect(d.canStart).toBe(true);
    expect(await d.start()).toBe(true);
    flushSync();
    // A file whose successor started is finished.
    expect(d.finished).toEqual(['title.ratings.tsv.gz']);
    expect(app.buildCatalogue).toHaveBeenCalledWith('/data/datasets');
    expect(d.phase).toBe('done');
  });

  it('will not start when the disk is short', async () => {
    const api = fakeApi();
    api.catalogueDownloadPlan.mockResolvedValue({ ...PLAN, enough_space: false, disk_free_bytes: 10 });
    const d = new DatasetDownload({ buildCatalogue: vi.fn() }, api);
    await d.check();
    expect(d.canStart).toBe(false);
  });

  it('tells a network failure apart, and a cancel keeps what came', async () => {
    const api = fakeApi();
    const offline: IpcError = { kind: 'network', message: 'could not reach the server', field: null };
    api.catalogueDownloadPlan.mockRejectedValueOnce(offline);
    const d = new DatasetDownload({ buildCatalogue: vi.fn() }, api);
    await d.check();
    expect(d.phase).toBe('failed');
    expect(d.problem).toEqual({ message: 'could not reach the server', network: true, cancelled: false });

    await d.check();
    const cancelled: IpcError = { kind: 'cancelled', message: 'cancelled: nothing was changed', field: null };
    api.catalogueDownload.mockRejectedValueOnce(cancelled);
    expect(await d.start()).toBe(false);
    expect(d.problem?.cancelled).toBe(true);
    expect(d.problem?.message).toMatch(/kept/);
  });
});
