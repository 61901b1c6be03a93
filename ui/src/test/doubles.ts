// What a component test reaches once its file has mocked the backend (vi.mock('…/lib/backend'), every call
// a vi.fn) and app.svelte (with `withTestApp` from ./app): import it after those two lines.
import { vi } from 'vitest';
import { backend } from '../lib/backend';
import { useApp } from '../lib/app.svelte';

/** The backend's calls, each a mock to answer as the test needs. */
export const mocked = vi.mocked(backend);

/** The one AppState the components under test share. */
export const app = useApp();
