// The app's state for component tests. A test file mocks app.svelte with `withTestApp`, so that `useApp()`
// answers one real AppState without a parent component to provide it (the context's key is private).
import type { AppState } from '../lib/app.svelte';

type AppModule = typeof import('../lib/app.svelte');

/** A factory for vi.mock: app.svelte as it is, with `useApp()` answering one AppState made for the test file. */
export async function withTestApp(importOriginal: () => Promise<unknown>): Promise<AppModule> {
  const real = (await importOriginal()) as AppModule;
  const app: AppState = new real.AppState();
  return { ...real, useApp: () => app };
}
