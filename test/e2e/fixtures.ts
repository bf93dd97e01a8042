// The end-to-end fixtures: a fresh data folder per test, and `page` showing the real app on it, served by the browser
// host (project `chromium`, which also hands the spec the host's Terminal to drive the feed) or the Electron app
// (project `electron`, where `terminal` is undefined). Specs wait on what the page shows, never on sleeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type Browser, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../src/main/browserHost/browserHost';
import type { Terminal } from '../../src/main/terminal/terminal';
import { electronExecutable, NO_ELECTRON, RENDERER_DIR, ROOT } from './paths';

/** The practice feed's seed: the same market in every run. */
export const PRACTICE_SEED = 7;

export interface ThorWorkerOptions {
  /** Which host shows the page; set per project in playwright.config.ts. */
  readonly appHost: 'browser' | 'electron';
}

export interface ThorTestOptions {
  /** Start on this quote file (.xlsx, .xlsm, .csv) instead of the practice feed. */
  readonly quoteFile: string | undefined;
  /** The practice feed's options (browser host only). */
  readonly practice: NonNullable<BrowserHostOptions['practice']>;
}

interface ThorFixtures {
  /** This test's data folder (the ledger, and the Electron app's user data), removed after the test. */
  readonly dataDir: string;
  /** The browser host's Terminal: the real desk behind the page. Undefined under Electron. */
  readonly terminal: Terminal | undefined;
  readonly browserHost: BrowserHost | undefined;
  readonly electronSkip: void;
}

interface ThorWorkerFixtures {
  /** Chromium for the browser host's pages; never launched for the Electron project. */
  readonly hostBrowser: Browser | undefined;
}

export const test = base.extend<ThorTestOptions & ThorFixtures, ThorWorkerOptions & ThorWorkerFixtures>({
  appHost: ['browser', { scope: 'worker', option: true }],
  quoteFile: [undefined, { option: true }],
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

  browserHost: async ({ appHost, dataDir, quoteFile, practice }, use) => {
    if (appHost !== 'browser') return use(undefined);
    const host = await startBrowserHost({
      dataDir,
      rendererDir: RENDERER_DIR,
      practice,
      fileSource: { debounceMs: 20, pollMs: 250 },
      log: () => {},
    });
    try {
      if (quoteFile) {
        const result = await host.terminal.handle('setSource', { kind: 'file', path: quoteFile });
        expect(result, `the quote file ${quoteFile}`).toMatchObject({ ok: true });
      }
      await use(host);
    } finally {
      await host.close();
    }
  },

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

  page: async ({ appHost, hostBrowser, browserHost, dataDir, quoteFile, contextOptions }, use) => {
    if (appHost === 'browser') {
      const context = await hostBrowser!.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      const page = await context.newPage();
      await page.goto(browserHost!.url);
      await use(page);
      await context.close();
      return;
    }
    // The built renderer, never a dev server; Electron as an app, never as plain Node.
    const inherited = Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL' && entry[0] !== 'ELECTRON_RUN_AS_NODE',
    );
    const env = { ...Object.fromEntries(inherited), THOR_USER_DATA: dataDir };
    // The repository as the app: package.json's main is out/main/index.js, and the app path is where native/ is.
    const app = await _electron.launch({ executablePath: electronExecutable()!, args: [ROOT], cwd: ROOT, env });
    try {
      const appWindow = await app.firstWindow();
      await appWindow.waitForLoadState('domcontentloaded');
      if (quoteFile) {
        const result = await appWindow.evaluate((path) => window.thor!.setSource({ kind: 'file', path }), quoteFile);
        expect(result, `the quote file ${quoteFile}`).toMatchObject({ ok: true });
      }
      await use(appWindow);
    } finally {
      await app.close();
    }
  },
});

export { expect };
export type { Page };
