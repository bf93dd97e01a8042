// Child process of bench/run.ts (figures 3 and 4): opens a ledger in a fresh Node process and places the first order.
//   node --import tsx bench/openChild.ts DB_PATH
//   node --import tsx bench/openChild.ts --baseline   (imports nothing: the peak RSS of node + tsx alone)
// Prints one JSON line on stdout: times in ms from this process's start (performance.timeOrigin), the part
// that is PaperDesk.open + the first placeOrder alone, and the process's peak RSS.
import type { PaperDesk as PaperDeskType } from '../src/main/desk/desk';

export interface ChildResult {
  /** ms from process start to this script's first line (node start-up + tsx loader). */
  scriptStartMs: number;
  /** ms to import the desk module graph (tsx transform, better-sqlite3 addon, kysely, luxon, decimal.js). */
  moduleLoadMs: number;
  /** PaperDesk.open: open the file, pragmas, migration check, loadState. */
  openMs: number;
  /** The first desk.placeOrder (a LMT that rests), one durable commit. */
  firstOrderMs: number;
  /** openMs + firstOrderMs, measured as one span. */
  readyMs: number;
  /** ms from process start to ready to trade. */
  sinceProcessStartMs: number;
  maxRssMB: number;
  workingOrders: number;
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: openChild.ts DB_PATH | --baseline');
  if (path === '--baseline') {
    process.stdout.write(`${JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
    return;
  }
  const scriptStart = performance.now();
  const { PaperDesk } = await import('../src/main/desk/desk');
  const loaded = performance.now();
  const desk: PaperDeskType = await PaperDesk.open({ path });
  const opened = performance.now();
  const placed = desk.placeOrder({
    account: 'main',
    symbol: 'RDYX',
    side: 'BUY',
    qty: 1,
    orderType: 'LMT',
    limit: '1.00',
    tif: 'GTC',
  });
  const ready = performance.now();
  if (!placed.ok) throw new Error(`first order failed: ${placed.error.message}`);
  if (placed.value.status !== 'WORKING') throw new Error(`first order did not rest: ${placed.value.status}`);
  const workingOrders = desk.state.workingCount();
  desk.close();
  const result: ChildResult = {
    scriptStartMs: scriptStart,
    moduleLoadMs: loaded - scriptStart,
    openMs: opened - loaded,
    firstOrderMs: ready - opened,
    readyMs: ready - loaded,
    sinceProcessStartMs: ready,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    workingOrders,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
