// The one typed door to the backend: every call the UI makes goes through here, and this is the only file
// that imports Tauri. Errors arrive as `IpcError` ({kind, message}) whatever went wrong.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppStatus,
  Facets,
  FilmCard,
  FilmSummary,
  IpcError,
  SearchPage,
  SearchQuery,
  Settings,
  UserPart,
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
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isIpcError(e)) throw e;
    // Tauri rejects arguments it cannot read before the command runs, with a plain string.
    const error: IpcError = { kind: 'invalid_input', message: String(e) };
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
  watchlistAdd: (key: string) => call<UserPart>('watchlist_add', { key }),
  watchlistRemove: (key: string) => call<UserPart>('watchlist_remove', { key }),
  watchlistList: () => call<FilmSummary[]>('watchlist_list'),
  ratingSet: (key: string, value: number) => call<UserPart>('rating_set', { key, value }),
  ratingClear: (key: string) => call<UserPart>('rating_clear', { key }),
  noteSet: (key: string, text: string) => call<UserPart>('note_set', { key, text }),
};

export type Backend = typeof backend;
export { isIpcError };
