// The Electron shell: one locked-down window over the Terminal (src/main/terminal). It opens the Terminal on the
// ledger in the user's data folder, serves the page from thor://app/ (rendererProtocol.ts) with its content security
// policy, answers the window's IPC, relays the pushes, denies every permission and keeps the window from navigating
// or opening others. It decides nothing about trading, and it is, with src/preload, the only code that may import
// electron.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { Terminal } from '../terminal/terminal';
import { serveCommands, relayPushes } from './ipc';
import { describeError, openAppLog } from './log';
import { installMenu } from './menu';
import { RENDERER_SCHEME, RENDERER_URL, serveRenderer } from './rendererProtocol';
import { appFrameCheck, createMainWindow } from './window';

// Tests (and a second desk beside the real one) point the app at another data folder. Before anything reads the
// path: the single-instance lock below is per data folder.
const userDataOverride = process.env['THOR_USER_DATA'];
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

/** The dev server's address under `electron-vite dev`; unset for the built renderer (and never when packaged). */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(__dirname, '../renderer');
const isAppFrame = appFrameCheck({ devServerUrl });

// Before ready, as Electron requires. A standard, secure scheme gives the page an origin of its own (thor://app), so
// 'self' in the policy means the app's files and nothing else on disk, where file:// would grant the whole disk.
protocol.registerSchemesAsPrivileged([
  { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
const dataDir = app.getPath('userData');
const log = openAppLog(join(dataDir, 'logs'));
// A failure nothing caught is logged (once a minute per message, with a count) instead of Electron's error dialog
// every few seconds; the Terminal guards its own timers and pushes, so this is the last net, not the plan.
process.on('uncaughtException', (error) => log.repeat(`uncaught:${String(error)}`, `uncaught: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => log.repeat(`unhandled:${String(reason)}`, `unhandled rejection: ${describeError(reason)}`));

let terminal: Terminal | undefined;
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
    contents.on('render-process-gone', (_e, details) => log.repeat('renderer-gone', `the window's renderer is gone: ${details.reason}`));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // The Terminal stops its file watcher and closes the ledger (async); quit again once it has.
    if (!terminal) return;
    event.preventDefault();
    closeTerminal().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  log.write(`starting Thor Paper Desk ${app.getVersion()} (Electron ${process.versions.electron}), data in ${dataDir}`);
  // Every answer of thor://app carries the policy as a header (index.html has it in a meta tag too).
  protocol.handle(RENDERER_SCHEME, (request) => serveRenderer(rendererDir, request));
  // The desk needs no camera, notifications, clipboard reads, devices or anything else a page may ask for: the
  // checks (asked without a prompt) and the requests (with one) are all denied.
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setDevicePermissionHandler(() => false);

  terminal = await openTerminal();
  serveCommands(terminal, isAppFrame);
  installMenu({ dev: !app.isPackaged, dataDir, logDir: log.dir, window: () => mainWindow });

  const window = createMainWindow({
    statePath: join(dataDir, 'window-state.json'),
    preload: join(__dirname, '../preload/index.js'),
    log: log.write,
  });
  mainWindow = window;
  window.on('closed', () => (mainWindow = undefined));
  relayPushes(terminal, window);
  await window.loadURL(devServerUrl ?? RENDERER_URL);
}

function fail(error: unknown): void {
  log.write(`could not start: ${describeError(error)}`);
  dialog.showErrorBox('Thor Paper Desk could not start', error instanceof Error ? error.message : String(error));
  // exit skips will-quit: close the ledger here.
  void closeTerminal().finally(() => app.exit(1));
}

async function closeTerminal(): Promise<void> {
  const closing = terminal;
  terminal = undefined;
  if (!closing) return;
  try {
    await closing.close();
    log.write('stopped');
  } catch (error) {
    log.write(`the ledger did not close cleanly: ${describeError(error)}`);
  }
}

/** The Terminal on the ledger under the user's data folder (the first account is created on a fresh one). */
async function openTerminal(): Promise<Terminal> {
  // In a checkout, better-sqlite3 in node_modules is built for Node (tests and CLIs); Electron loads its own ABI's
  // build, which scripts/electron-native.mjs puts in native/electron. The installed app has no native/: electron-builder
  // rebuilt better-sqlite3 for Electron when packaging, and its own loader finds that build in app.asar.unpacked.
  const nativeBinding = app.isPackaged ? undefined : join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  try {
    return await Terminal.open({
      ledgerPath: join(dataDir, 'ledger.db'),
      ...(nativeBinding !== undefined && existsSync(nativeBinding) ? { nativeBinding } : {}),
      pickFile: pickQuoteFile,
      pickSaveFile: pickStatementFile,
      log: log.write,
    });
  } catch (error) {
    if (!app.isPackaged && error instanceof Error && /NODE_MODULE_VERSION|better_sqlite3\.node/.test(error.message)) {
      error.message += '\n\nbetter-sqlite3 has no build for Electron: run `node scripts/electron-native.mjs`.';
    }
    throw error;
  }
}

/** The system's save dialog for an exported statement, proposing its file name. */
async function pickStatementFile(suggestedName: string): Promise<string | null> {
  const extension = suggestedName.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const options: SaveDialogOptions = {
    title: 'Export statement',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [
      extension === 'xlsx' ? { name: 'Excel workbook', extensions: ['xlsx'] } : { name: 'CSV', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return picked.canceled || !picked.filePath ? null : picked.filePath;
}

async function pickQuoteFile(): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Choose the quote workbook or CSV',
    properties: ['openFile'],
    filters: [
      { name: 'Quote files', extensions: ['xlsx', 'xlsm', 'csv'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}
