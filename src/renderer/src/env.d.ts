// What the renderer's globals look like: window.thor exists when the preload ran (the Electron app) or the browser
// transport connected (src/renderer/src/transport), and not otherwise, so the page checks before calling it.
/// <reference types="vite/client" />
import type { ThorApi } from '../../shared/contract';

declare global {
  interface Window {
    thor?: ThorApi;
  }
}
