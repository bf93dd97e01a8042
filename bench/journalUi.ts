// The journal screen's bench line (`npm run bench -- --only=journalui`):
//   journal_open_100k_trades_ms   the practice desk's ledger holding 100,000 closed trades of account main; the
//                                 built renderer in headless Chromium through the browser host; Alt+2 pressed on the
//                                 trading screen -> the first trade row and the Net P/L card in the DOM and the next
//                                 animation frame started (first screen painted), timed inside the page; median of 3,
//                                 each on a freshly loaded page (target < 300 ms); the answers main keeps until
//                                 the journal changes are warm, as when the trader comes back to the screen
//   journal_open_100k_after_change_ms
//                                 the same, with a trade's note edited before each load, so main computes the
//                                 page, the statistics, the calendar and the tags afresh (the first open after a fill)
import { chromium } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../src/main/browserHost/browserHost';
import { PaperDesk } from '../src/main/desk/desk';
import { tradeRow } from '../src/main/ledger/rows';
import { buildIfStale } from '../test/e2e/globalSetup';
import { RENDERER_DIR } from '../test/e2e/paths';
import { closedTrades } from './journal';

type Report = (name: string, value: number, unit: string) => void;
type Progress = (message: string) => void;

const CHROMIUM = process.env['THOR_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const TRADES = 100_000;

/** A practice ledger with account main and `n` closed trades written straight into its table. */
async function seed(dataDir: string, n: number): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'practice.db');
  const desk = await PaperDesk.open({ path });
  desk.createAccount({ id: 'main' });
  desk.close();
  const rows = closedTrades(n).map(tradeRow);
  const columns = Object.keys(rows[0]!);
  const db = new Database(path);
  const insert = db.prepare(`INSERT INTO trades (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  db.close();
}

export async function benchJournalUi(dir: string, report: Report, progress: Progress): Promise<void> {
  buildIfStale('stderr');
  progress(`journal screen over ${TRADES.toLocaleString('en-US')} trades...`);
  const dataDir = join(dir, 'journal-ui');
  await seed(dataDir, TRADES);
  const browser = await chromium.launch({
    headless: true,
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let host: BrowserHost | undefined;
  try {
    host = await startBrowserHost({ dataDir, rendererDir: RENDERER_DIR, startOnPractice: true, log: (m) => progress(`host: ${m}`) });
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const terminal = host.terminal;
    const open = async (changeFirst: boolean): Promise<number> => {
      const runs: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        await page.goto(host!.url);
        await page.getByTestId('screen-journal').waitFor();
        if (changeFirst) {
          const edited = await terminal.handle('editTrade', { id: 1 + i, note: `bench ${Date.now()}` });
          if (!edited.ok) throw new Error(`editTrade: ${edited.error.message}`);
        }
        // Armed in the page, and awaited before the key is pressed: an evaluate not yet run when the key arrives (its
        // context is made after the navigation) would time from the page's load instead.
        await page.evaluate(() => {
          const state = { start: 0 };
          window.addEventListener('keydown', () => (state.start = performance.now()), { capture: true, once: true });
          (window as unknown as { benchPainted: Promise<number> }).benchPainted = new Promise<number>((resolve, reject) => {
            // No named function here: tsx would wrap it in a helper the page does not have.
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-testid^="trade-row-"]') || !document.querySelector('[data-testid="stat-net"]')?.textContent) return;
              observer.disconnect();
              if (state.start === 0) reject(new Error('the journal painted before the key was pressed'));
              else requestAnimationFrame(() => resolve(performance.now() - state.start));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          });
        });
        await page.keyboard.press('Alt+2');
        const ms = await page.evaluate(() => (window as unknown as { benchPainted: Promise<number> }).benchPainted);
        if (i > 0) runs.push(ms); // the first load warms the host's code paths
      }
      runs.sort((a, b) => a - b);
      return runs[Math.floor(runs.length / 2)]!;
    };
    report('journal_open_100k_trades_ms', await open(false), 'ms');
    report('journal_open_100k_after_change_ms', await open(true), 'ms');
  } finally {
    await host?.close();
    await browser.close();
  }
}
