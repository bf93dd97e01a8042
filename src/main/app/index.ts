// The Electron shell: one locked-down window over the paper desk. It opens the ledger, answers the window's IPC and
// keeps the window from navigating or opening others. It decides nothing about trading (the desk does), and it is,
// with src/preload, the only code that may import electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, type WebFrameMain } from 'electron';
import { PaperDesk } from '../desk/desk';
import { IPC_CHANNELS, type DeskHello } from '../../shared/api';

/** The dev server's address under `electron-vite dev`; unset for the built renderer (and never when packaged). */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(__dirname, '../renderer/index.html');

// Same policy as the meta tag in index.html; the header also covers what the tag cannot (frame-ancestors, etc.).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

let desk: PaperDesk | undefined;
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one ledger would race: the first instance keeps it and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    // Links never navigate or open the app's windows; the renderer is the only page it shows.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    desk?.close();
    desk = undefined;
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  if (!devServerUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  }
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  desk = await openDesk();
  const opened = desk;
  ipcMain.handle(IPC_CHANNELS.hello, (event): DeskHello => {
    if (!isAppFrame(event.senderFrame)) throw new Error('desk:hello from a frame that is not the app window');
    return { accounts: countAccounts(opened) };
  });

  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = undefined));
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Thor Paper Desk could not start', message);
  // exit skips will-quit: close the ledger here.
  desk?.close();
  desk = undefined;
  app.exit(1);
}

/** The ledger under the user's data folder, with the first account created on a fresh one. */
async function openDesk(): Promise<PaperDesk> {
  // better-sqlite3 in node_modules is built for Node (tests and CLIs); Electron loads its own ABI's build, which
  // scripts/electron-native.mjs puts here.
  const nativeBinding = join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  let opened: PaperDesk;
  try {
    opened = await PaperDesk.open({
      path: join(app.getPath('userData'), 'ledger.db'),
      ...(existsSync(nativeBinding) ? { nativeBinding } : {}),
    });
  } catch (error) {
    if (error instanceof Error && /NODE_MODULE_VERSION|better_sqlite3\.node/.test(error.message)) {
      error.message += '\n\nbetter-sqlite3 has no build for Electron: run `node scripts/electron-native.mjs`.';
    }
    throw error;
  }
  if (countAccounts(opened) === 0) {
    const created = opened.createAccount({ id: 'main' });
    if (!created.ok) {
      opened.close();
      throw new Error(`could not create the first account: ${created.error.message}`);
    }
  }
  return opened;
}

function countAccounts(opened: PaperDesk): number {
  return [...opened.state.accounts()].length;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Thor Paper Desk',
    backgroundColor: '#0e1116',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererFile);
  loading.catch(fail);
  return window;
}

/** IPC is answered only for the app's own top frame, at the address the shell loaded. */
function isAppFrame(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin;
  return url.protocol === 'file:' && fileURLToPath(url) === rendererFile;
}
