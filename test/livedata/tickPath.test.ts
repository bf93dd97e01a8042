// The tick path: a FileSource on a real workbook feeding a real desk (SQLite in a temp folder) through LiveData.
// Only changed symbols reach the engine, working orders fill when the workbook moves through them, N/A makes a
// field unknown, the UI gets coalesced frames, and the practice feed drives the same path. Waits are on callbacks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/main/engine/change';
import type { Quote } from '../../src/main/engine/quotes';
import { FileSource } from '../../src/main/livedata/fileSource';
import { LiveData, type LiveFrame } from '../../src/main/livedata/liveData';
import { PracticeMarket } from '../../src/main/livedata/practiceFeed';
import { PracticeSource } from '../../src/main/livedata/practiceSource';
import { snapshotToJson, type LiveQuote } from '../../src/main/livedata/snapshot';
import { openTestDesk, type TestDesk } from '../support/desk';
import { tempDir } from '../support/scenario';
import { workbookBuffer, type CellSpec } from '../support/workbooks';

const SAFETY_MS = 5_000;

type Cell = number | string | { error: string };
type Row = { last: Cell; bid: Cell; ask: Cell };
type Board = Record<string, Row>;

/** A TOS-style sheet: per symbol LAST, BID, ASK RTD cells referencing the symbol in column A. */
function board(rows: Board): Promise<Buffer> {
  const sheet: CellSpec[][] = [['Symbol', 'Last', 'Bid', 'Ask']];
  Object.entries(rows).forEach(([symbol, row], i) => {
    const r = i + 2;
    const cell = (field: string, result: Cell) => ({ formula: `RTD("tos.rtd",,"${field}",$A${r})`, result });
    sheet.push([symbol, cell('LAST', row.last), cell('BID', row.bid), cell('ASK', row.ask)]);
  });
  return workbookBuffer({ Sheet1: sheet });
}

const START: Board = {
  AAPL: { last: 199.99, bid: 199.98, ask: 200 },
  MSFT: { last: 430.25, bid: 430.2, ask: 430.3 },
  SPY: { last: 600.01, bid: 600, ask: 600.02 },
  QQQ: { last: 520.5, bid: 520.49, ask: 520.51 },
};

let dir: ReturnType<typeof tempDir>;
let t: TestDesk;
let live: LiveData;
let frames: LiveFrame[];
const frameWaiters = new Set<(frame: LiveFrame) => void>();

beforeEach(async () => {
  dir = tempDir('thor-tick-');
  t = await openTestDesk();
  frames = [];
  frameWaiters.clear();
});

afterEach(async () => {
  await live?.stop();
  t.close();
  dir.cleanup();
});

/** The next time LiveData has applied a read whose changes match (create it before the action). */
function nextApplied(what: string, match: (changes: ReadonlyMap<string, LiveQuote>) => boolean) {
  return safely(
    new Promise<ReadonlyMap<string, LiveQuote>>((resolve) => {
      const off = live.onApplied((changes) => {
        if (!match(changes)) return;
        off();
        resolve(changes);
      });
    }),
    what,
  );
}

/** The next frame (from now on) that matches, resolved by the onFrame callback. */
function nextFrame(what: string, match: (frame: LiveFrame) => boolean) {
  return safely(
    new Promise<LiveFrame>((resolve) => {
      const waiter = (frame: LiveFrame) => {
        if (!match(frame)) return;
        frameWaiters.delete(waiter);
        resolve(frame);
      };
      frameWaiters.add(waiter);
    }),
    what,
  );
}

function onFrame(frame: LiveFrame) {
  frames.push(frame);
  for (const waiter of [...frameWaiters]) waiter(frame);
}

function safely<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${SAFETY_MS} ms waiting for ${what}`)), SAFETY_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** LiveData on a FileSource over a workbook in the temp folder, started and through its first read. */
async function startFile(rows: Board, frameMs = 16) {
  const path = join(dir.path, 'quotes.xlsx');
  writeFileSync(path, await board(rows));
  live = new LiveData(t.desk, { frameMs, onFrame });
  // The quotes' time is the desk clock's, so fills and quotes share one timeline.
  const source = new FileSource(path, { now: () => t.clock.now(), debounceMs: 3, pollMs: 50, maxBackoffMs: 100 });
  const first = nextApplied('the first read', (changes) => changes.size > 0);
  await live.use(source);
  await first;
  return { path, source };
}

const text = (value: { toFixed(): string } | null | undefined) => (value ? value.toFixed() : value);

describe('the tick path from a workbook to the desk', () => {
  it('sends only the symbols that changed, with only their changed fields; the others keep their quote object', async () => {
    const { path } = await startFile(START);
    expect(text(t.desk.state.quote('AAPL')?.ask)).toBe('200');
    const before = new Map(Object.keys(START).map((s) => [s, t.desk.state.quote(s)!]));
    const deskQuotes: string[] = [];
    const off = t.desk.subscribe((change: Change) => deskQuotes.push(...change.quotes.map((q) => q.symbol)));

    t.clock.time += 1_000;
    const applied = nextApplied('the MSFT move', (changes) => changes.has('MSFT'));
    writeFileSync(path, await board({ ...START, MSFT: { last: 430.3, bid: 430.25, ask: 430.3 } }));
    const changes = await applied;
    off();

    expect([...changes.keys()]).toEqual(['MSFT']);
    expect(snapshotToJson({ source: 'workbook', quotes: changes, warnings: [] }).quotes).toEqual([
      { symbol: 'MSFT', last: '430.3', bid: '430.25' }, // ask did not change: not sent
    ]);
    expect(deskQuotes).toEqual(['MSFT']);
    for (const symbol of ['AAPL', 'SPY', 'QQQ']) expect(t.desk.state.quote(symbol)).toBe(before.get(symbol));
    const msft = t.desk.state.quote('MSFT')!;
    expect(msft).not.toBe(before.get('MSFT'));
    expect([text(msft.last), text(msft.bid), text(msft.ask), msft.time]).toEqual(['430.3', '430.25', '430.3', t.clock.now()]);
    expect(live.lastChanged('MSFT')).toBe(t.clock.now());
    expect(live.lastChanged('AAPL')).toBe(t.clock.now() - 1_000);
  });

  it('fills a working LMT order when the workbook moves through its limit', async () => {
    const { path } = await startFile(START);
    const placed = t.desk.placeOrder({ account: 'main', symbol: 'AAPL', side: 'BUY', qty: '10', orderType: 'LMT', limit: '199.50', tif: 'DAY' });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(placed.value.status).toBe('WORKING');

    // A move that does not reach the limit fills nothing.
    const near = nextApplied('the move near the limit', (changes) => changes.has('AAPL'));
    writeFileSync(path, await board({ ...START, AAPL: { last: 199.6, bid: 199.55, ask: 199.6 } }));
    await near;
    expect(t.desk.state.orderById(placed.value.id)?.status).toBe('WORKING');

    t.clock.time += 60_000;
    const through = nextApplied('the move through the limit', (changes) => changes.has('AAPL'));
    writeFileSync(path, await board({ ...START, AAPL: { last: 199.4, bid: 199.35, ask: 199.4 } }));
    await through;
    const order = t.desk.state.orderById(placed.value.id)!;
    expect(order.status).toBe('FILLED');
    expect([text(order.avgFillPrice), text(order.filledQty), order.updatedAt]).toEqual(['199.5', '10', t.clock.now()]);
    expect(text(t.desk.state.position('main', 'AAPL')?.qty)).toBe('10');
  });

  it('makes a field unknown (null) when its cell turns N/A, keeping the others', async () => {
    const { path } = await startFile(START);
    const applied = nextApplied('the N/A', (changes) => changes.has('SPY'));
    writeFileSync(path, await board({ ...START, SPY: { last: 600.01, bid: { error: '#N/A' }, ask: 'N/A' } }));
    expect((await applied).get('SPY')).toEqual({ bid: null, ask: null });
    const spy = t.desk.state.quote('SPY')!;
    expect([spy.bid, spy.ask, text(spy.last)]).toEqual([null, null, '600.01']);
    // and back
    const back = nextApplied('the values back', (changes) => changes.has('SPY'));
    writeFileSync(path, await board(START));
    await back;
    expect([text(t.desk.state.quote('SPY')!.bid), text(t.desk.state.quote('SPY')!.ask)]).toEqual(['600', '600.02']);
  });

  it('coalesces many rewrites into fewer frames carrying the union of the changed symbols', async () => {
    const { path } = await startFile(START, 250);
    await nextFrame('the first frame', (frame) => frame.symbols.length > 0);
    const framesBefore = frames.length;

    // Each rewrite moves one symbol; wait for each to be applied so every change surely reached the desk.
    const moves: [string, Row][] = [
      ['AAPL', { last: 200.01, bid: 200, ask: 200.02 }],
      ['MSFT', { last: 431, bid: 430.9, ask: 431 }],
      ['AAPL', { last: 200.02, bid: 200.01, ask: 200.03 }],
      ['SPY', { last: 601, bid: 600.99, ask: 601.01 }],
      ['AAPL', { last: 200.03, bid: 200.02, ask: 200.04 }],
      ['MSFT', { last: 431.5, bid: 431.4, ask: 431.5 }],
    ];
    let rows = START;
    for (const [symbol, row] of moves) {
      rows = { ...rows, [symbol]: row };
      const applied = nextApplied(`the ${symbol} move`, (changes) => changes.has(symbol));
      writeFileSync(path, await board(rows));
      await applied;
    }
    // The frame timer started with the first move; wait until the frames since then cover every move.
    const covered = () => new Set(frames.slice(framesBefore).flatMap((frame) => frame.symbols)).size === 3;
    if (!covered()) await nextFrame('the frames covering every move', covered);
    const later = frames.slice(framesBefore);
    const symbols = later.flatMap((frame) => frame.symbols);
    expect(new Set(symbols)).toEqual(new Set(['AAPL', 'MSFT', 'SPY'])); // QQQ never changed: never in a frame
    for (const frame of later) expect(new Set(frame.symbols).size).toBe(frame.symbols.length); // once per frame
    expect(later.length).toBeLessThanOrEqual(moves.length);
    expect(later.at(-1)!.status.state).toBe('connected');
  });
});

describe('the practice feed on the tick path', () => {
  it('feeds the desk the seeded board, then moving quotes', async () => {
    live = new LiveData(t.desk, { onFrame });
    const source = new PracticeSource({ seed: 11, speed: 100, intervalMs: 500, now: () => t.clock.now() }); // a step every 5 ms
    const boardOf = (quotes: Iterable<Quote>) =>
      Object.fromEntries([...quotes].map((q) => [q.symbol, [text(q.bid), text(q.ask), text(q.last)]]));

    const first = nextApplied('the first board', (changes) => changes.size > 0);
    let steps = 0;
    const moved = safely(
      new Promise<void>((resolve) => {
        const off = live.onApplied(() => {
          steps += 1;
          if (steps >= 20) {
            off();
            resolve();
          }
        });
      }),
      'twenty steps',
    );
    await live.use(source);
    const start = await first;
    const expected = snapshotToJson(new PracticeMarket(11).board()).quotes;
    expect(snapshotToJson({ source: 'practice', quotes: start, warnings: [] }).quotes).toEqual(expected);
    const symbols = expected.map((q) => q.symbol!);
    const atStart = Object.fromEntries(expected.map((q) => [q.symbol, [q.bid, q.ask, q.last]]));
    // Only microtasks ran since the first board was applied: the desk holds exactly that board.
    expect(boardOf(symbols.map((s) => t.desk.state.quote(s)!))).toEqual(atStart);

    await moved;
    await live.stop();
    const now = boardOf(symbols.map((s) => t.desk.state.quote(s)!));
    expect(Object.keys(now).sort()).toEqual(['/CL', '/ES', '/GC', '/NQ', 'AAPL', 'MSFT', 'NVDA', 'QQQ', 'SPY', 'TSLA']);
    expect(now).not.toEqual(atStart);
    for (const symbol of symbols) {
      const quote = t.desk.state.quote(symbol)!;
      expect(quote.bid!.lessThan(quote.ask!), symbol).toBe(true);
    }
    expect(live.symbols().sort()).toEqual(Object.keys(now).sort());
  });
});
