// What the renderer's globals look like: window.thor exists when the preload ran (the Electron app), and not in a
// plain browser (the test host), so the page checks before calling it.
/// <reference types="vite/client" />
import type { ThorApi } from '../../shared/api';

declare global {
  interface Window {
    readonly thor?: ThorApi;
  }
}
