// The one typed door to the backend: every call the UI makes goes through here, and this is the only file
// that imports Tauri. Errors arrive as `IpcError` ({kind, message}) whatever went wrong.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  About,
  AppStatus,
  BuildProgress,
  BuildReport,
  CatalogueStatus,
  Companion,
  CsvMapping,
  Diary,
  DiaryQuery,
  DownloadInfo,
  DownloadPlan,
  DownloadProgress,
  DownloadReport,
  Facets,
  FilmCard,
  FilmSummary,
  ForYouShelf,
  ImportOutcome,
  ImportProgress,
  ImportReady,
  IpcError,
  ListDetail,
  ListSummary,
  NoteHit,
  NotTonight,
  OwnPack,
  PackImported,
  PackReady,
  Stats,
  StatsQuery,
  SyncEvent,
  SyncReport,
  SyncStatus,
  YearReview,
  ReviewFormat,
  ReviewTheme,
  ReviewWritten,
  SearchPage,
  SearchQuery,
  Settings,
  Tag,
  TonightPicks,
  TonightQuery,
  UserPart,
  Viewing,
  ViewingInput,
  Written,
} from './bindings';

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).kind === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/** Calls a command; a failure is always thrown as an IpcError. */
async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (e) {
    if (isIpcError(e)) throw e;
    // Tauri rejects arguments it cannot read before the command runs, with a plain string.
    const error: IpcError = { kind: 'invalid_input', message: String(e), field: null };
    throw error;
  }
}

export const backend = {
  appStatus: () => call<AppStatus>('app_status'),
  libraryRestore: (fileName: string) => call<AppStatus>('library_restore', { fileName }),
  settingsGet: () => call<Settings>('settings_get'),
  settingsSet: (settings: Settings) => call<Settings>('settings_set', { settings }),

  filmSearch: (query: SearchQuery) => call<SearchPage>('film_search', { query }),
  filmGet: (key: string) => call<FilmCard>('film_get', { key }),
  catalogueFacets: () => call<Facets>('catalogue_facets'),
  /** The filter values of a query's films, with counts. */
  filmFacets: (query: SearchQuery) => call<Facets>('film_facets', { query }),

  watchlistAdd: (key: string) => call<UserPart>('watchlist_add', { key }),
  watchlistRemove: (key: string) => call<UserPart>('watchlist_remove', { key }),
  watchlistList: (tag: string | null) => call<FilmSummary[]>('watchlist_list', { tag }),
  ratingSet: (key: string, value: number) => call<UserPart>('rating_set', { key, value }),
  ratingClear: (key: string) => call<UserPart>('rating_clear', { key }),
  noteSet: (key: string, text: string) => call<UserPart>('note_set', { key, text }),

  /** Logs a viewing; answers with the film's updated user part. */
  viewingLog: (key: string, input: ViewingInput) => call<UserPart>('viewing_log', { key, input }),
  viewingUpdate: (id: number, input: ViewingInput) => call<Viewing>('viewing_update', { id, input }),
  viewingDelete: (id: number) => call<null>('viewing_delete', { id }),
  /** Undoes a delete. */
  viewingRestore: (id: number) => call<Viewing>('viewing_restore', { id }),
  diaryGet: (query: DiaryQuery) => call<Diary>('diary_get', { query }),
  /** Every figure of Stats for a period (the settings' week start and rating scale unless the query says). */
  statsGet: (query: StatsQuery) => call<Stats>('stats_get', { query }),
  /** The year in review of `query.year`. */
  reviewGet: (query: StatsQuery) => call<YearReview>('review_get', { query }),
  /** Writes the year in review as a PNG or an HTML file into the exports folder; answers where and how big. */
  reviewExport: (query: StatsQuery, format: ReviewFormat, theme: ReviewTheme) =>
    call<ReviewWritten>('review_export', { query, format, theme }),

  listAll: () => call<ListSummary[]>('list_all'),
  listGet: (id: number) => call<ListDetail>('list_get', { id }),
  listCreate: (name: string, description: string, ranked: boolean) =>
    call<ListSummary>('list_create', { name, description, ranked }),
  /** Changes what is given (null keeps it). */
  listUpdate: (id: number, name: string | null, description: string | null, ranked: boolean | null) =>
    call<ListSummary>('list_update', { id, name, description, ranked }),
  listDelete: (id: number) => call<null>('list_delete', { id }),
  /** Adds a film at a 1-based position, or at the end when position is null. */
  listAdd: (id: number, key: string, position: number | null, note: string | null) =>
    call<ListDetail>('list_add', { id, key, position, note }),
  listMove: (id: number, key: string, position: number) => call<ListDetail>('list_move', { id, key, position }),
  /** Puts the list in exactly this order of film keys. */
  listReorder: (id: number, keys: string[]) => call<ListDetail>('list_reorder', { id, keys }),
  listRemove: (id: number, key: string) => call<ListDetail>('list_remove', { id, key }),
  listEntryNote: (id: number, key: string, note: string) => call<ListDetail>('list_entry_note', { id, key, note }),

  tagAdd: (key: string, tag: string) => call<UserPart>('tag_add', { key, tag }),
  tagRemove: (key: string, tag: string) => call<UserPart>('tag_remove', { key, tag }),
  tagList: () => call<Tag[]>('tag_list'),
  /** Renames a tag; onto another tag's name, the two merge. */
  tagRename: (from: string, to: string) => call<Tag[]>('tag_rename', { from, to }),
  notesSearch: (text: string) => call<NoteHit[]>('notes_search', { text }),

  /** Picks for tonight under the constraints, each with its reasons. */
  tonightPick: (query: TonightQuery) => call<TonightPicks>('tonight_pick', { query }),
  /** Sets a film aside from the picks for the days the settings say. */
  tonightHide: (key: string) => call<NotTonight>('tonight_hide', { key }),
  tonightUnhide: (key: string) => call<boolean>('tonight_unhide', { key }),
  tonightHidden: () => call<NotTonight[]>('tonight_hidden'),
  /** Keeps a companion's films (their export's bytes, sent as they are) under their name. */
  companionAdd: (name: string, fileName: string, bytes: Uint8Array) =>
    call<Companion>('companion_add', bytes, {
      'x-file-name': encodeURIComponent(fileName),
      'x-companion': encodeURIComponent(name),
    }),
  companionList: () => call<Companion[]>('companion_list'),
  /** Writes the user's take (score in tenths, or null with no take) and synopsis; all empty removes them. */
  takeSet: (key: string, text: string, line: string, score: number | null, synopsis: string) =>
    call<UserPart>('take_set', { key, text, line, score, synopsis }),
  /** Puts the film `to` names (a title, a key) on `from`'s shelf, because `reason`. */
  linkAdd: (from: string, to: string, reason: string) => call<null>('link_add', { from, to, reason }),
  linkRemove: (from: string, to: string) => call<null>('link_remove', { from, to }),
  ownPackGet: () => call<OwnPack>('own_pack_get'),
  authorSet: (name: string) => call<OwnPack>('author_set', { name }),
  /** Discover's "For you" shelves. */
  forYou: () => call<ForYouShelf[]>('for_you'),
  companionRemove: (name: string) => call<null>('companion_remove', { name }),

  /** Previews importing a file (its bytes, sent as they are); `source` is 'auto', 'letterboxd', 'imdb' or 'matinee'. */
  importPreview: (name: string, bytes: Uint8Array, source: string, mapping: CsvMapping | null = null) =>
    call<ImportReady>('import_preview', bytes, {
      'x-file-name': encodeURIComponent(name),
      'x-source': source,
      'x-mapping': mapping ? encodeURIComponent(JSON.stringify(mapping)) : '',
    }),
  /** Applies the previewed import; `onProgress` hears how far it has got. */
  importApply: (token: number, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportOutcome>('import_apply', { token, onProgress: channel });
  },
  importCancel: () => call<null>('import_cancel'),
  catalogueStatus: () => call<CatalogueStatus>('catalogue_status'),
  /** Builds the catalogue from the IMDb datasets in `dir`; `onProgress` hears the file and its percent. */
  catalogueBuild: (dir: string, onProgress: (p: BuildProgress) => void) => {
    const channel = new Channel<BuildProgress>();
    channel.onmessage = onProgress;
    return call<BuildReport>('catalogue_build', { dir, onProgress: channel });
  },
  /** Says what importing a take pack (its bytes, sent as they are) would do; changes nothing. */
  packPreview: (fileName: string, bytes: Uint8Array) =>
    call<PackReady>('pack_preview', bytes, { 'x-file-name': encodeURIComponent(fileName) }),
  /** Imports the previewed pack and rebuilds the catalogue with it; `onProgress` hears each step. */
  packImport: (token: number, onProgress: (p: BuildProgress) => void) => {
    const channel = new Channel<BuildProgress>();
    channel.onmessage = onProgress;
    return call<PackImported>('pack_import', { token, onProgress: channel });
  },
  /** Stops the catalogue build or the dataset download that is running. */
  catalogueCancel: () => call<null>('catalogue_cancel'),
  /** Where the datasets would come from and go to, and their terms; offline. */
  catalogueDownloadInfo: () => call<DownloadInfo>('catalogue_download_info'),
  /** Asks the datasets' server what a download would fetch and need: goes online. */
  catalogueDownloadPlan: () => call<DownloadPlan>('catalogue_download_plan'),
  /** Downloads the IMDb datasets into the data folder (resuming what an earlier one left); then build from it. */
  catalogueDownload: (onProgress: (p: DownloadProgress) => void) => {
    const channel = new Channel<DownloadProgress>();
    channel.onmessage = onProgress;
    return call<DownloadReport>('catalogue_download', { onProgress: channel });
  },
  /** Opens the desktop's folder dialog; null when the user closes it. */
  catalogueChooseFolder: () => call<string | null>('catalogue_choose_folder'),
  appAbout: () => call<About>('app_about'),
  libraryExport: (format: 'json' | 'letterboxd' | 'take-pack') => call<Written>('library_export', { format }),
  libraryBackup: () => call<Written>('library_backup'),
  /** Where the library syncs through and the computers there; null when it does not sync. */
  syncStatus: () => call<SyncStatus | null>('sync_status'),
  /** Opens the desktop's folder dialog for the sync folder; null when the user closes it. */
  syncChooseFolder: () => call<string | null>('sync_choose_folder'),
  /** Starts syncing through `folder` as `name` (blank: the system's name): a backup, then a first merge. */
  syncJoin: (folder: string, name: string) => call<SyncReport>('sync_join', { folder, name }),
  syncNow: () => call<SyncReport>('sync_now'),
  syncRename: (name: string) => call<null>('sync_rename', { name }),
  /** Settles a conflict: keep the edit, or delete as the other computer did. */
  syncResolve: (key: string, keep: boolean) => call<SyncReport>('sync_resolve', { key, keep }),
  syncLeave: () => call<boolean>('sync_leave'),
  /** Hears every sync made in the background (after a change, when the folder's files change, every 30 s). */
  syncSubscribe: (onEvent: (e: SyncEvent) => void) => {
    const channel = new Channel<SyncEvent>();
    channel.onmessage = onEvent;
    return call<null>('sync_subscribe', { onEvent: channel });
  },
};

export type Backend = typeof backend;
export { isIpcError };
