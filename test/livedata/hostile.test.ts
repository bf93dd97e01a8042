// Hostile quote files against the real reader thread, a real LiveData and a real desk (SQLite in a temp folder): a
// 200 MB sparse file, 100,000 rows, a FIFO, a link to /dev/zero, a folder named x.csv, a file rewritten during the
// read, a read stuck past its deadline, a reader out of memory. Each ends within its budget with a one-line status,
// the last good quotes stay, orders fill meanwhile, and the process's memory stays bounded. Waits are on callbacks.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, renameSync, rmdirSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileSource, fileSourceHandles, type FileSourceOptions } from '../../src/main/livedata/fileSource';
import { LiveData } from '../../src/main/livedata/liveData';
import type { LiveQuote, Snapshot } from '../../src/main/livedata/snapshot';
import type { QuoteSource, SourceListener, SourceStatus } from '../../src/main/livedata/source';
import { openTestDesk, quote, type TestDesk } from '../support/desk';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer } from '../support/workbooks';

const SAFETY_MS = 10_000;
const MB = 1024 * 1024;
const WINDOWS = process.platform === 'win32';

type Event = { type: 'status'; status: SourceStatus } | { type: 'snapshot'; snapshot: Snapshot; changes: ReadonlyMap<string, LiveQuote> };

/** The file source as LiveData sees it, with every status and snapshot recorded on the way (a tee, not a stand-in). */
class Tee implements QuoteSource {
  readonly events: Event[] = [];
  private waiters: { match: (event: Event) => boolean; resolve: (event: Event) => void }[] = [];
  constructor(readonly inner: FileSource) {}
  get kind() {
    return this.inner.kind;
  }
  start(listener: SourceListener): void {
    this.inner.start({
      snapshot: (snapshot, changes, readAt) => {
        this.push({ type: 'snapshot', snapshot, changes });
        listener.snapshot(snapshot, changes, readAt);
      },
      status: (status) => {
        this.push({ type: 'status', status });
        listener.status(status);
      },
    });
  }
  stop(): Promise<void> {
    return this.inner.stop();
  }
  status(): SourceStatus {
    return this.inner.status();
  }
  get snapshots(): Snapshot[] {
    return this.events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot] : []));
  }
  nextStatus(what: string, match: (status: SourceStatus) => boolean): Promise<SourceStatus> {
    return this.next(what, (e) => e.type === 'status' && match(e.status)).then((e) => (e as { status: SourceStatus }).status);
  }
  nextSnapshot(what: string, match: (snapshot: Snapshot) => boolean): Promise<Snapshot> {
    return this.next(what, (e) => e.type === 'snapshot' && match(e.snapshot)).then((e) => (e as { snapshot: Snapshot }).snapshot);
  }
  private next(what: string, match: (event: Event) => boolean): Promise<Event> {
    return safely(
      new Promise<Event>((resolve) => this.waiters.push({ match, resolve })),
      () => `${what}; saw ${JSON.stringify(this.events.slice(-6).map((e) => (e.type === 'status' ? [e.status.state, e.status.message] : lasts(e.snapshot))))}`,
    );
  }
  private push(event: Event) {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(event)) continue;
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(event);
    }
  }
}

function safely<T>(promise: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${SAFETY_MS} ms waiting for ${what()}`)), SAFETY_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function lasts(snapshot: Snapshot): Record<string, string | null> {
  return Object.fromEntries([...snapshot.quotes].map(([symbol, q]) => [symbol, q.last == null ? null : String(q.last)]));
}

const csv = (base: number) => `Symbol,Last,Bid,Ask\r\nAAPL,${base},${base - 0.01},${base + 0.01}\r\nMSFT,${base + 200},${base + 199.99},${base + 200.01}\r\n`;

async function workbook(base: number): Promise<Buffer> {
  return workbookBuffer({ Quotes: [[rtd('LAST', 'AAPL', base), rtd('BID', 'AAPL', base - 0.01), rtd('LAST', 'MSFT', base + 200)]] });
}

/** Replaces the file at `path` the way a save does: a temp name in the folder, then a rename over it. */
function replace(path: string, make: (temp: string) => void) {
  const temp = `${path}.tmp-${process.hrtime.bigint()}`;
  make(temp);
  renameSync(temp, path);
}

let dir: ReturnType<typeof tempDir>;
let t: TestDesk;
let live: LiveData | null;
let baselineRss = 0;
let peakRss = 0;
let sampler: NodeJS.Timeout;

beforeAll(() => {
  baselineRss = process.memoryUsage().rss;
  peakRss = baselineRss;
  // A sampler, not a wait: the peak between tests' checks is what the budget is about.
  sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
});

afterAll(() => clearInterval(sampler));

beforeEach(async () => {
  dir = tempDir('thor-hostile-');
  t = await openTestDesk();
  live = null;
});

afterEach(async () => {
  await live?.stop();
  t.close();
  dir.cleanup();
  // Nothing leaks from a test: no source, watcher or reader thread runs on.
  expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  expect((peakRss - baselineRss) / MB).toBeLessThan(200);
});

/** LiveData on a FileSource over `name`, written with `content`, through its first good read. */
async function startOn(name: string, content: string | Buffer, options: FileSourceOptions = {}) {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  const source = new Tee(
    new FileSource(path, { pollMs: 50, debounceMs: 3, maxBackoffMs: 100, now: () => t.clock.now(), ...options }),
  );
  live = new LiveData(t.desk, { frameMs: 0 });
  const first = source.nextSnapshot('the first read', () => true);
  await live.use(source);
  await first;
  return { path, source, lastGood: source.status().lastReadAt };
}

/** The desk still trades: a BUY LMT order on a symbol the file does not have fills from a quote applied directly. */
function orderFillsMeanwhile() {
  t.desk.applyQuote(quote({ symbol: 'IBM', bid: '100.95', ask: '101', last: '101' }));
  const placed = t.desk.placeOrder({ account: 'main', symbol: 'IBM', side: 'BUY', qty: '1', orderType: 'LMT', limit: '100', tif: 'DAY' });
  if (!placed.ok) throw new Error(placed.error.message);
  expect(placed.value.status).toBe('WORKING');
  t.desk.applyQuote(quote({ symbol: 'IBM', bid: '99.95', ask: '100', last: '100' }));
  expect(t.desk.state.orderById(placed.value.id)?.status).toBe('FILLED');
}

/** The desk holds the last good file's quotes. */
function expectLastGood(base: number, source: Tee, lastGood: number | null) {
  expect(String(t.desk.state.quote('AAPL')?.last)).toBe(String(base));
  expect(String(t.desk.state.quote('MSFT')?.last)).toBe(String(base + 200));
  expect(source.status().lastReadAt).toBe(lastGood);
  for (const snapshot of source.snapshots) expect(Object.keys(lasts(snapshot)).sort()).toEqual(['AAPL', 'MSFT']);
}

describe('hostile files: each ends within its budget, with a one-line status, and the last good quotes stay', () => {
  it('a 200 MB (sparse) file is refused by its size without being read', async () => {
    const { path, source, lastGood } = await startOn('quotes.xlsx', await workbook(100));
    const refused = source.nextStatus('the size error', (s) => s.state === 'error');
    const started = performance.now();
    replace(path, (temp) => {
      writeFileSync(temp, '');
      truncateSync(temp, 200 * MB); // a hole: no disk, no bytes to read
    });
    orderFillsMeanwhile();
    expect((await refused).message).toBe('the file is 200 MB, larger than 50 MB (limit)');
    expect(performance.now() - started).toBeLessThan(2_000);
    expectLastGood(100, source, lastGood);
    // And it comes back on the next good save.
    const good = await workbook(101);
    const back = source.nextSnapshot('the good file', (s) => lasts(s).AAPL === '101');
    replace(path, (temp) => writeFileSync(temp, good));
    await back;
    expect(source.status().state).toBe('connected');
  });

  it('a 100,000-row CSV is refused as more quotes than a sheet holds, before it is parsed', async () => {
    const { path, source, lastGood } = await startOn('quotes.csv', csv(100));
    const rows = Array.from({ length: 100_000 }, (_, i) => `S${i},${100 + i / 100},${99 + i / 100},${101 + i / 100}`);
    const refused = source.nextStatus('the row-count error', (s) => s.state === 'error');
    const started = performance.now();
    replace(path, (temp) => writeFileSync(temp, `Symbol,Last,Bid,Ask\n${rows.join('\n')}\n`));
    orderFillsMeanwhile();
    expect((await refused).message).toBe('the file has more than 5000 quotes (limit): a quotes sheet has far fewer');
    expect(performance.now() - started).toBeLessThan(2_000);
    expectLastGood(100, source, lastGood);
    expect(t.desk.state.quote('S1')).toBeUndefined();
  });

  it.skipIf(WINDOWS)('a FIFO is refused without being opened (opening one blocks), also as the first file', async () => {
    const { path, source, lastGood } = await startOn('quotes.csv', csv(100));
    const refused = source.nextStatus('the FIFO error', (s) => s.state === 'error');
    unlinkSync(path);
    execFileSync('mkfifo', [path]);
    orderFillsMeanwhile();
    expect((await refused).message).toBe('the path is a pipe, not a saved file');
    expectLastGood(100, source, lastGood);
    // No reader holds it open: a writer that does not wait is refused (ENXIO) exactly when nobody reads.
    expect(() => closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))).toThrow(/ENXIO/);
    await live!.stop();

    // A FIFO from the start: an error status at once, never a hang.
    const fresh = new Tee(new FileSource(path, { pollMs: 50, maxBackoffMs: 100 }));
    live = new LiveData(t.desk, { frameMs: 0 });
    const first = fresh.nextStatus('the FIFO error at start', (s) => s.state === 'error');
    await live.use(fresh);
    expect((await first).message).toBe('the path is a pipe, not a saved file');
    orderFillsMeanwhile();
  });

  it.skipIf(WINDOWS)('a link to /dev/zero is refused, and the file is read again when it is a file again', async () => {
    const { path, source, lastGood } = await startOn('quotes.csv', csv(100));
    const refused = source.nextStatus('the link error', (s) => s.state === 'error');
    replace(path, (temp) => symlinkSync('/dev/zero', temp));
    orderFillsMeanwhile();
    expect((await refused).message).toBe('the path is a link (shortcut): links are not followed, choose the file itself');
    expectLastGood(100, source, lastGood);
    const back = source.nextSnapshot('the file again', (s) => lasts(s).AAPL === '105');
    replace(path, (temp) => writeFileSync(temp, csv(105)));
    await back;
    expect(source.status()).toMatchObject({ state: 'connected', message: null });
  });

  it('a folder named x.csv is refused', async () => {
    const { path, source, lastGood } = await startOn('x.csv', csv(100));
    const refused = source.nextStatus('the folder error', (s) => s.state === 'error');
    unlinkSync(path);
    mkdirSync(path);
    orderFillsMeanwhile();
    expect((await refused).message).toBe('the path is a folder: choose the quotes file in it');
    expectLastGood(100, source, lastGood);
    const back = source.nextSnapshot('the file again', (s) => lasts(s).AAPL === '106');
    rmdirSync(path);
    writeFileSync(path, csv(106));
    await back;
  });

  it('a file rewritten while it was read is read again, and what was read before the rewrite is never applied', async () => {
    let during: ((attempt: number) => void) | null = null;
    const attempts: number[] = [];
    const { path, source } = await startOn('quotes.csv', csv(100), {
      afterBytes: async (attempt) => {
        if (!during) return;
        attempts.push(attempt);
        during(attempt);
      },
    });
    // The rewrite to 110 starts a read; once its bytes are in, the file changes again (to 1200.5: another size).
    during = (attempt) => {
      if (attempt === 1) {
        writeFileSync(path, csv(1200.5));
        orderFillsMeanwhile();
      }
    };
    const applied = source.nextSnapshot('the second version', (s) => lasts(s).AAPL === '1200.5');
    writeFileSync(path, csv(110));
    await applied;
    expect(attempts.slice(0, 2)).toEqual([1, 2]);
    expect(source.snapshots.map((s) => lasts(s).AAPL)).not.toContain('110');
    expect(String(t.desk.state.quote('AAPL')?.last)).toBe('1200.5');
    expect(source.status().state).toBe('connected');
  });

  it('a file rewritten during every attempt ends in an error, keeping the last good quotes', async () => {
    let rewriting = false;
    let n = 0;
    const { path, source, lastGood } = await startOn('quotes.csv', csv(100), {
      // Each rewrite a different size: two writes within one clock tick of the file system may share an mtime.
      afterBytes: async () => {
        if (rewriting) writeFileSync(path, csv(200) + '\r\n'.repeat((n += 1)));
      },
    });
    const failed = source.nextStatus('the restless-file error', (s) => s.state === 'error');
    rewriting = true;
    writeFileSync(path, csv(150));
    orderFillsMeanwhile();
    expect((await failed).message).toBe('the file kept changing while it was read');
    rewriting = false;
    expectLastGood(100, source, lastGood);
  });

  it('a read stuck past its deadline: the reader is ended, the status says so, and reads resume later', async () => {
    let hold: Promise<void> | null = null;
    let stuck: () => void = () => undefined;
    const { path, source, lastGood } = await startOn('quotes.xlsx', await workbook(100), {
      budgets: { maxReadMs: 300 },
      deadlineMarginMs: 100,
      afterBytes: () => {
        stuck();
        return hold ?? Promise.resolve();
      },
    });
    hold = new Promise<void>(() => undefined); // never resumes: the worker must be ended
    const reached = new Promise<void>((resolve) => (stuck = resolve));
    const late = source.nextStatus('the time-limit error', (s) => s.state === 'error');
    const started = performance.now();
    writeFileSync(path, await workbook(110));
    await safely(reached, () => 'the stuck read');
    orderFillsMeanwhile(); // the read is stuck in the worker right now
    expect(fileSourceHandles().readers).toBe(1);
    expect((await late).message).toBe('the read took longer than 300 ms (limit)');
    expect(performance.now() - started).toBeLessThan(300 + 100 + 2_000);
    expectLastGood(100, source, lastGood);

    // The next read, after the hold, runs in a new worker and gets the file.
    hold = null;
    const back = source.nextSnapshot('the file in a new reader', (s) => lasts(s).AAPL === '120');
    writeFileSync(path, await workbook(120));
    await back;
    expect(fileSourceHandles().readers).toBe(1);
    expect(source.status()).toMatchObject({ state: 'connected', message: null });
  });

  it('a read that is really slow meets the time budget from the reader itself', async () => {
    // 1 ms for the whole read: no real read fits, so this source never has a good read to keep.
    const path = join(dir.path, 'quotes.csv');
    const rows = Array.from({ length: 4_000 }, (_, i) => `S${i},${100 + i},${99 + i},${101 + i}`);
    writeFileSync(path, `Symbol,Last,Bid,Ask\n${rows.join('\n')}\n`);
    const source = new Tee(new FileSource(path, { budgets: { maxReadMs: 1 }, deadlineMarginMs: 5_000, pollMs: 50, maxBackoffMs: 100 }));
    live = new LiveData(t.desk, { frameMs: 0 });
    const late = source.nextStatus('the time-limit error', (s) => s.state === 'error');
    await live.use(source);
    orderFillsMeanwhile();
    expect((await late).message).toBe('the read took longer than 1 ms (limit)');
    expect(source.snapshots).toHaveLength(0);
    expect(t.desk.state.quote('S1')).toBeUndefined();
  });

  it('while a read is stuck the status still turns stale, and stop() does not wait for the read', async () => {
    let stuck: () => void = () => undefined;
    let holding = false;
    const { path, source } = await startOn('quotes.csv', csv(100), {
      budgets: { maxReadMs: 60_000 },
      staleAfterMs: 1_000,
      pollMs: 20,
      afterBytes: () => {
        if (!holding) return Promise.resolve();
        stuck();
        return new Promise<void>(() => undefined);
      },
    });
    holding = true;
    const reached = new Promise<void>((resolve) => (stuck = resolve));
    writeFileSync(path, csv(101));
    await safely(reached, () => 'the stuck read');
    const stale = source.nextStatus('stale', (s) => s.state === 'stale');
    t.clock.time += 5_000;
    expect((await stale).message).toBe('not rewritten for 5 s');
    orderFillsMeanwhile();
    const stopping = performance.now();
    await live!.stop();
    live = null;
    expect(performance.now() - stopping).toBeLessThan(1_000);
    expect(source.status().state).toBe('stopped');
    expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
  });

  it('a reader that runs out of memory is replaced on the next read; the status says why', async () => {
    // A small heap for the reader (24 MB), so a 16 MB CSV of long descriptions is more than it can hold.
    const { path, source, lastGood } = await startOn('quotes.csv', csv(100), { readerMemoryMb: 24 });
    const crashed = source.nextStatus('the out-of-memory error', (s) => s.state === 'error');
    const fat = Buffer.alloc(4_000 * 4_020, 'D');
    let at = fat.write('Symbol,Last,Description\n');
    for (let i = 0; i < 4_000; i += 1) {
      at += fat.write(`S${i},${100 + i},`, at);
      at += 4_000;
      at += fat.write('\n', at);
    }
    replace(path, (temp) => writeFileSync(temp, fat.subarray(0, at)));
    orderFillsMeanwhile();
    expect((await crashed).message).toBe('the file could not be read: the reader ran out of memory');
    expectLastGood(100, source, lastGood);
    expect(fileSourceHandles().readers).toBe(0);

    const back = source.nextSnapshot('the file in a new reader', (s) => lasts(s).AAPL === '130');
    replace(path, (temp) => writeFileSync(temp, csv(130)));
    await back;
    expect(fileSourceHandles().readers).toBe(1);
    expect(source.status().state).toBe('connected');
  });
});
