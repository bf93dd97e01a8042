// The app window: locked down (sandbox, context isolation, no node), at the size and place it was last closed if
// that place is still on a screen, and the check that an IPC message comes from the page the shell loaded.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { BrowserWindow, screen, type Rectangle, type WebFrameMain } from 'electron';
import { isRendererPage } from './rendererProtocol';

interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { width: 800, height: 500 };

export interface MainWindowOptions {
  /** The JSON file holding the last bounds. */
  readonly statePath: string;
  readonly preload: string;
  readonly log: (message: string) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.statePath, options.log);
  const bounds = saved && isOnScreen(saved.bounds) ? saved.bounds : DEFAULT_SIZE;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Thor Paper Desk',
    backgroundColor: '#0e1116',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeFileSync(options.statePath, `${JSON.stringify(state)}\n`);
    } catch (error) {
      options.log(`could not save the window's place: ${String(error)}`);
    }
  });
  return window;
}

function readWindowState(path: string, log: (message: string) => void): WindowState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no saved place yet
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // A torn or hand-edited file: the default place, and the file kept aside (not overwritten at close) to look at.
    const aside = path.replace(/\.json$/, '') + `.broken-${Date.now()}.json`;
    try {
      renameSync(path, aside);
      log(`the window's saved place ${path} could not be read (${String(error)}): the default place is used; the file is kept as ${aside}`);
    } catch {
      log(`the window's saved place ${path} could not be read (${String(error)}): the default place is used`);
    }
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { bounds, maximized } = raw as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [bx, by, bw, bh] = numbers.map(Math.round) as [number, number, number, number];
  return {
    bounds: { x: bx, y: by, width: Math.max(MIN_SIZE.width, bw), height: Math.max(MIN_SIZE.height, bh) },
    maximized: maximized === true,
  };
}

/** Whether enough of the window's top edge (its title bar) lies on some display to grab it and drag it. */
function isOnScreen(bounds: Rectangle): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 30 };
  return screen.getAllDisplays().some(({ workArea }) => {
    const width = Math.min(titleBar.x + titleBar.width, workArea.x + workArea.width) - Math.max(titleBar.x, workArea.x);
    const height = Math.min(titleBar.y + titleBar.height, workArea.y + workArea.height) - Math.max(titleBar.y, workArea.y);
    return width >= 100 && height >= 20;
  });
}

/** IPC is answered only for the app's own top frame, at the address the shell loaded (thor://app/index.html). */
export function appFrameCheck(page: { devServerUrl: string | undefined }) {
  const devOrigin = page.devServerUrl ? new URL(page.devServerUrl).origin : undefined;
  return (frame: WebFrameMain | null): boolean => {
    if (!frame || frame.parent) return false;
    if (!devOrigin) return isRendererPage(frame.url);
    try {
      return new URL(frame.url).origin === devOrigin;
    } catch {
      return false;
    }
  };
}
