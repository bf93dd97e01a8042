// The end-to-end fixtures: a fresh data folder per test, and `page` showing the real app on it, served by the browser
// host (project `chromium`, which also hands the spec the host's Terminal to drive the feed) or the Electron app
// (project `electron`, where `terminal` is undefined). Specs wait on what the page shows, never on sleeps.
// A spec drives prices through a quote file it writes: `test.use({ quotes: { kind, lines } })` starts the app on a
// CSV or workbook in a folder of its own (the `feed` fixture rewrites it), `test.use({ quoteFile })` on a given file.
// `restart()` stops the services and starts them again on the same data folder (a new browser host, or a relaunched
// Electron app with the same THOR_USER_DATA).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../src/main/browserHost/browserHost';
import type { Terminal } from '../../src/main/terminal/terminal';
import { electronExecutable, NO_ELECTRON, RENDERER_DIR, ROOT } from './paths';
import { QuoteFile, quoteFileBytes, type QuoteFileKind, type QuoteLine } from './quoteFiles';

/** The practice feed's seed: the same market in every run. */
export const PRACTICE_SEED = 7;

export interface ThorWorkerOptions {
  /** Which host shows the page; set per project in playwright.config.ts. */
  readonly appHost: 'browser' | 'electron';
}

export interface ThorTestOptions {
  /** Start on this quote file (.xlsx, .xlsm, .csv) instead of the practice feed. */
  readonly quoteFile: string | undefined;
  /** Start on a quote file the test owns, written with these quotes first; `feed` rewrites it. */
  readonly quotes: { readonly kind: QuoteFileKind; readonly lines: readonly QuoteLine[] } | undefined;
  /** The practice feed's options (browser host only). */
  readonly practice: NonNullable<BrowserHostOptions['practice']>;
}

/** The services again, on the same data folder: the page to use from now on and the new Terminal (browser host). */
export type Restart = () => Promise<{ page: Page; terminal: Terminal | undefined }>;

interface HostControl {
  current: BrowserHost;
  restart(): Promise<BrowserHost>;
}

interface ElectronControl {
  app: ElectronApplication;
  window: Page;
  relaunch(): Promise<Page>;
}

interface ThorFixtures {
  /** This test's data folder (the ledger, and the Electron app's user data), removed after the test. */
  readonly dataDir: string;
  /** The quote file of `test.use({ quotes })`, undefined without it. */
  readonly feed: QuoteFile | undefined;
  /** The browser host's Terminal: the real desk behind the page. Undefined under Electron. */
  readonly terminal: Terminal | undefined;
  readonly browserHost: BrowserHost | undefined;
  readonly restart: Restart;
  readonly electronSkip: void;
  readonly sourceFile: string | undefined;
  readonly hostControl: HostControl | undefined;
  readonly electronControl: ElectronControl | undefined;
}

interface ThorWorkerFixtures {
  /** Chromium for the browser host's pages; never launched for the Electron project. */
  readonly hostBrowser: Browser | undefined;
}

export const test = base.extend<ThorTestOptions & ThorFixtures, ThorWorkerOptions & ThorWorkerFixtures>({
  appHost: ['browser', { scope: 'worker', option: true }],
  quoteFile: [undefined, { option: true }],
  quotes: [undefined, { option: true }],
  practice: [{ seed: PRACTICE_SEED }, { option: true }],

  // Before any other fixture: no browser, no host, no data folder for a test that cannot run here.
  electronSkip: [
    async ({ appHost }, use, testInfo) => {
      if (appHost === 'electron' && !electronExecutable()) testInfo.skip(true, NO_ELECTRON);
      await use();
    },
    { auto: true },
  ],

  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'thor-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },

  // A folder of its own: the watcher looks at the file's folder, which must not be the ledger's (WAL writes).
  feed: async ({ quotes }, use) => {
    if (!quotes) return use(undefined);
    const dir = mkdtempSync(join(tmpdir(), 'thor-e2e-quotes-'));
    const path = join(dir, quotes.kind === 'csv' ? 'quotes.csv' : 'rtd.xlsx');
    writeFileSync(path, await quoteFileBytes(quotes.kind, quotes.lines));
    try {
      await use(new QuoteFile(path, quotes.kind, quotes.lines));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },

  sourceFile: async ({ quoteFile, feed }, use) => use(quoteFile ?? feed?.path),

  hostControl: async ({ appHost, dataDir, sourceFile, practice }, use) => {
    if (appHost !== 'browser') return use(undefined);
    const start = () =>
      startBrowserHost({
        dataDir,
        rendererDir: RENDERER_DIR,
        practice,
        fileSource: { debounceMs: 20, pollMs: 250 },
        log: () => {},
      });
    const control: HostControl = {
      current: await start(),
      async restart() {
        await control.current.close();
        control.current = await start();
        return control.current;
      },
    };
    try {
      if (sourceFile) {
        const result = await control.current.terminal.handle('setSource', { kind: 'file', path: sourceFile });
        expect(result, `the quote file ${sourceFile}`).toMatchObject({ ok: true });
        // The live desk keeps exchange hours (ENGINE.md 14): specs trade at any hour of the day they run.
        const hours = await control.current.terminal.handle('updateSettings', { marketHours: 'always' });
        expect(hours).toMatchObject({ ok: true });
      }
      await use(control);
    } finally {
      await control.current.close();
    }
  },

  browserHost: async ({ hostControl }, use) => use(hostControl?.current),

  terminal: async ({ browserHost }, use) => use(browserHost?.terminal),

  // The built-in `browser` would launch Chromium for the Electron project too; this one launches only when needed,
  // with the project's launch options (the runner applies them to every launch of its `playwright`).
  hostBrowser: [
    async ({ appHost, playwright }, use) => {
      if (appHost !== 'browser') return use(undefined);
      const browser = await playwright.chromium.launch();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 0 },
  ],

  electronControl: async ({ appHost, dataDir, sourceFile }, use) => {
    if (appHost !== 'electron') return use(undefined);
    // The built renderer, never a dev server; Electron as an app, never as plain Node.
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL' && entry[0] !== 'ELECTRON_RUN_AS_NODE',
    );
    const env = { ...Object.fromEntries(inherited), THOR_USER_DATA: dataDir };
    const launch = async () => {
      // The repository as the app: package.json's main is out/main/index.js, and the app path is where native/ is.
      const app = await _electron.launch({ executablePath: electronExecutable()!, args: [ROOT], cwd: ROOT, env });
      const window = await app.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      return { app, window };
    };
    const first = await launch();
    const control: ElectronControl = {
      ...first,
      async relaunch() {
        await control.app.close();
        Object.assign(control, await launch());
        return control.window;
      },
    };
    try {
      if (sourceFile) {
        const result = await control.window.evaluate((path) => window.thor!.setSource({ kind: 'file', path }), sourceFile);
        expect(result, `the quote file ${sourceFile}`).toMatchObject({ ok: true });
        const hours = await control.window.evaluate(() => window.thor!.updateSettings({ marketHours: 'always' }));
        expect(hours).toMatchObject({ ok: true });
      }
      await use(control);
    } finally {
      await control.app.close();
    }
  },

  page: async ({ appHost, hostBrowser, hostControl, electronControl, contextOptions }, use) => {
    if (appHost === 'browser') {
      const context = await hostBrowser!.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      const page = await context.newPage();
      await page.goto(hostControl!.current.url);
      await use(page);
      await context.close();
      return;
    }
    await use(electronControl!.window);
  },

  restart: async ({ appHost, hostControl, electronControl, page }, use) => {
    await use(async () => {
      if (appHost === 'browser') {
        const host = await hostControl!.restart();
        await page.goto(host.url);
        return { page, terminal: host.terminal };
      }
      return { page: await electronControl!.relaunch(), terminal: undefined };
    });
  },
});

export { expect };
export type { Page };
