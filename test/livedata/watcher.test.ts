// The file watcher on real files in temp folders: Excel's save dance, the ~$ owner file, truncated and empty
// files, a file gone for good, an unreadable path, bursts, lost events, stale and quiet, CSV. Every wait is on a
// listener callback (a snapshot or a status), never on a sleep; the only timers are safety timeouts that fail.
import { watch as fsWatch, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSource, type FileSourceOptions } from '../../src/main/livedata/fileSource';
import { snapshotToJson, type LiveQuote, type Snapshot } from '../../src/main/livedata/snapshot';
import type { SourceListener, SourceStatus } from '../../src/main/livedata/source';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer, type CellSpec } from '../support/workbooks';

const SAFETY_MS = 5_000;
const SYMBOLS = ['AAPL', 'MSFT', 'SPY'] as const;

interface SnapshotEvent {
  readonly snapshot: Snapshot;
  readonly changes: ReadonlyMap<string, LiveQuote>;
  readonly readAt: number;
}

type Event = { readonly type: 'snapshot'; readonly value: SnapshotEvent } | { readonly type: 'status'; readonly value: SourceStatus };

/** Records everything a source reports; next() is a promise resolved by the next matching callback. */
class Recorder implements SourceListener {
  readonly events: Event[] = [];
  private waiters: { match: (event: Event) => boolean; resolve: (event: Event) => void }[] = [];

  snapshot(snapshot: Snapshot, changes: ReadonlyMap<string, LiveQuote>, readAt: number): void {
    this.push({ type: 'snapshot', value: { snapshot, changes, readAt } });
  }

  status(status: SourceStatus): void {
    this.push({ type: 'status', value: status });
  }

  get snapshots(): SnapshotEvent[] {
    return this.events.flatMap((e) => (e.type === 'snapshot' ? [e.value] : []));
  }

  get statuses(): SourceStatus[] {
    return this.events.flatMap((e) => (e.type === 'status' ? [e.value] : []));
  }

  /** The next snapshot (from now on) that matches. Create it before the action that should cause it. */
  nextSnapshot(what: string, match: (event: SnapshotEvent) => boolean): Promise<SnapshotEvent> {
    return this.next(what, (e) => e.type === 'snapshot' && match(e.value)).then((e) => e.value as SnapshotEvent);
  }

  /** The next status (from now on) that matches. */
  nextStatus(what: string, match: (status: SourceStatus) => boolean): Promise<SourceStatus> {
    return this.next(what, (e) => e.type === 'status' && match(e.value)).then((e) => e.value as SourceStatus);
  }

  private next(what: string, match: (event: Event) => boolean): Promise<Event> {
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (event: Event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${SAFETY_MS} ms waiting for ${what}; saw ${dump(this.events.slice(-8))}`));
      }, SAFETY_MS);
      this.waiters.push(waiter);
    });
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

function dump(events: readonly Event[]): string {
  return JSON.stringify(
    events.map((e) =>
      e.type === 'status' ? { status: e.value.state, message: e.value.message } : { snapshot: lasts(e.value.snapshot) },
    ),
  );
}

/** last of each symbol in a snapshot, as text. */
function lasts(snapshot: Snapshot): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [symbol, quote] of snapshot.quotes) {
    const last = quote.last;
    out[symbol] = last ?? null;
  }
  return out;
}

const hasLasts = (expected: Record<string, string>) => (event: SnapshotEvent) => {
  const got = lasts(event.snapshot);
  return Object.entries(expected).every(([symbol, last]) => got[symbol] === last);
};

/** A TOS-style workbook: per symbol LAST, BID, ASK RTD cells, the symbol in column A referenced by the formulas. */
async function quotesWorkbook(prices: Record<string, number>): Promise<Buffer> {
  const rows: CellSpec[][] = [['Symbol', 'Last', 'Bid', 'Ask']];
  Object.entries(prices).forEach(([symbol, last], i) => {
    const r = i + 2;
    rows.push([
      symbol,
      { formula: `RTD("tos.rtd",,"LAST",$A${r})`, result: last },
      { formula: `RTD("tos.rtd",,"BID",$A${r})`, result: last - 0.01 },
      rtd('ASK', symbol, last + 0.01),
    ]);
  });
  return workbookBuffer({ Quotes: rows });
}

const prices = (base: number) => ({ AAPL: base, MSFT: base + 200, SPY: base + 400 });
const expectedLasts = (base: number) => ({ AAPL: String(base), MSFT: String(base + 200), SPY: String(base + 400) });

function csvText(base: number): string {
  return `Symbol,Last,Bid,Ask\r\n${SYMBOLS.map((s, i) => `${s},${base + 200 * i},${base + 200 * i - 0.01},${base + 200 * i + 0.01}`).join('\r\n')}\r\n`;
}

let dir: ReturnType<typeof tempDir>;
let sources: FileSource[];

beforeEach(() => {
  dir = tempDir('thor-watch-');
  sources = [];
});

afterEach(async () => {
  for (const source of sources) await source.stop();
  try {
    chmodSync(dir.path, 0o755);
  } catch {
    // already gone
  }
  dir.cleanup();
});

/** Starts a source on `name` in the temp folder and waits for its first good read. */
async function started(name: string, options: FileSourceOptions = {}, content?: Buffer | string) {
  const path = join(dir.path, name);
  if (content !== undefined) writeFileSync(path, content);
  const source = new FileSource(path, { pollMs: 50, debounceMs: 3, maxBackoffMs: 100, ...options });
  sources.push(source);
  const recorder = new Recorder();
  const first = recorder.nextSnapshot('the first read', () => true);
  source.start(recorder);
  return { path, source, recorder, first: await first };
}

/** Every snapshot a source gave had every symbol: a failed read never showed up as lost quotes. */
function expectNoLostSymbols(recorder: Recorder) {
  for (const { snapshot } of recorder.snapshots) expect([...snapshot.quotes.keys()].sort()).toEqual([...SYMBOLS]);
}

/** The file as the trader left it: bytes, mtime and the folder's names. */
function fingerprint(path: string) {
  const folder = join(path, '..');
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs, names: readdirSync(folder).sort() };
}

describe('the file watcher on a workbook', () => {
  it('reads the quotes on start, says connected, and never writes the file', async () => {
    const path = join(dir.path, 'quotes.xlsx');
    writeFileSync(path, await quotesWorkbook(prices(100)));
    const before = fingerprint(path);
    const { source, recorder, first } = await started('quotes.xlsx');
    expect(snapshotToJson(first.snapshot).quotes).toEqual([
      { symbol: 'AAPL', last: '100', bid: '99.99', ask: '100.01' },
      { symbol: 'MSFT', last: '300', bid: '299.99', ask: '300.01' },
      { symbol: 'SPY', last: '500', bid: '499.99', ask: '500.01' },
    ]);
    expect([...first.changes.keys()].sort()).toEqual([...SYMBOLS]);
    expect(source.status()).toMatchObject({ kind: 'workbook', state: 'connected', message: null, path, lastReadAt: first.readAt });
    expect(recorder.statuses.map((s) => s.state)).toEqual(['connected']);
    // Let the poll look at the file a few times, then stop: nothing was written, nothing was added to the folder.
    for (let i = 0; i < 3; i += 1) await nextCall(source, 'poll');
    await source.stop();
    expect(fingerprint(path)).toEqual(before);
  });

  it("picks up Excel's save (temp file, delete, rename) and ignores the ~$ owner file", async () => {
    const path = join(dir.path, 'quotes.xlsx');
    const owner = join(dir.path, '~$quotes.xlsx');
    writeFileSync(path, await quotesWorkbook(prices(100)));
    const { source, recorder } = await started('quotes.xlsx', { missingGraceMs: 5_000, pollMs: 60_000 });

    // Excel opens the workbook: the owner file appears, then changes. A watch of our own on the folder sees those
    // events; libuv hands one inotify read to every watcher of the folder before the next turn, so after it and a
    // setImmediate the source has seen them too.
    const schedule = vi.spyOn(source as unknown as { schedule: (ms: number) => void }, 'schedule');
    const seen = new Promise<void>((resolve) => {
      const spy = fsWatch(dir.path, (_event, name) => {
        if (name === '~$quotes.xlsx') {
          spy.close();
          resolve();
        }
      });
      writeFileSync(owner, Buffer.from([0x0b, 0x74, 0x72, 0x61, 0x64, 0x65, 0x72, 0x00, 0xff, 0xfe]));
      writeFileSync(owner, Buffer.alloc(165, 0x20), { flag: 'a' });
    });
    await withSafety(seen, 'the owner file event');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(schedule).not.toHaveBeenCalled();
    expect(recorder.events).toHaveLength(2); // the first read's status and snapshot only

    // The save: a temp name without extension in the same folder, the original deleted, the temp renamed in.
    // Between the delete and the rename the source tries to read and meets "not found": wait for that failure.
    const temp = join(dir.path, '8A2F3C10');
    writeFileSync(temp, await quotesWorkbook(prices(110)));
    const missed = nextCall(source, 'failed');
    const picked = recorder.nextSnapshot('the saved values', hasLasts(expectedLasts(110)));
    unlinkSync(path);
    const error = (await missed)[0] as NodeJS.ErrnoException;
    expect(error.code).toBe('ENOENT');
    renameSync(temp, path);
    const after = fingerprint(path);
    await picked;
    writeFileSync(owner, Buffer.alloc(165, 0x21)); // Excel touches the owner file again

    await source.stop();
    // The moment without the file was within the grace: no "waiting", no error, no snapshot with lost quotes.
    expect(recorder.statuses.map((s) => s.state)).toEqual(['connected', 'stopped']);
    expectNoLostSymbols(recorder);
    expect(fingerprint(path)).toEqual({ ...after, names: ['quotes.xlsx', '~$quotes.xlsx'] });
    expect(readFileSync(owner)).toEqual(Buffer.alloc(165, 0x21));
  });

  // chokidar drops a change that follows the last within 50 ms: one write a source, so none is a second in a row.
  const writesChokidarAloneSees: [string, (path: string, temp: string, content: Buffer) => void][] = [
    ["Excel's save (temp, delete, rename)", (path, temp, content) => (writeFileSync(temp, content), unlinkSync(path), renameSync(temp, path))],
    ['a rename over it', (path, temp, content) => (writeFileSync(temp, content), renameSync(temp, path))],
    ['a write in place', (path, _temp, content) => writeFileSync(path, content)],
  ];
  it.each(writesChokidarAloneSees)("chokidar alone (the folder's notifications closed, no poll) watches only the file and sees %s", async (_what, write) => {
    // The folder is a trader's Documents: chokidar watches the workbook, not the files beside it.
    for (let i = 0; i < 50; i += 1) writeFileSync(join(dir.path, `other-${i}.txt`), 'x');
    const { path, source, recorder } = await started('quotes.xlsx', { missingGraceMs: 5_000, pollMs: 600_000 }, await quotesWorkbook(prices(100)));
    (source as unknown as { folderWatcher: { close(): void } }).folderWatcher.close();
    const chokidar = (source as unknown as { watcher: { getWatched(): Record<string, string[]> } }).watcher;
    expect(chokidar.getWatched()).toEqual({ [dir.path]: ['quotes.xlsx'] });
    const content = await quotesWorkbook(prices(110));
    const picked = recorder.nextSnapshot('the write', hasLasts(expectedLasts(110)));
    write(path, join(dir.path, '8A2F3C10'), content);
    await picked;
    expect(source.status().state).toBe('connected');
    expectNoLostSymbols(recorder);
  });

  it("counts the grace from when the file went missing: Excel's save a minute after the last read is no 'waiting'", async () => {
    // TOS quotes only reach the disk when something saves: a minute between saves is ordinary. The save's moment
    // without the file is as short as ever, so it must not show "waiting for file".
    let now = 1_000_000;
    const { path, source, recorder } = await started(
      'quotes.xlsx',
      { now: () => now, missingGraceMs: 2_000, staleAfterMs: 600_000, quietAfterMs: 600_000, pollMs: 60_000 },
      await quotesWorkbook(prices(100)),
    );
    now += 60_000;
    const temp = join(dir.path, '5C0FFEE1');
    writeFileSync(temp, await quotesWorkbook(prices(105)));
    const missed = nextCall(source, 'failed');
    const picked = recorder.nextSnapshot('the saved values', hasLasts(expectedLasts(105)));
    unlinkSync(path);
    expect(((await missed)[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
    renameSync(temp, path);
    expect((await picked).readAt).toBe(1_060_000);
    expect(recorder.statuses.map((s) => s.state)).toEqual(['connected']);
  });

  it('keeps the last good quotes through a truncated zip, says why, and recovers on the next good write', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', {}, await quotesWorkbook(prices(100)));
    const good = await quotesWorkbook(prices(120));
    const broken = recorder.nextStatus('the error', (s) => s.state === 'error' && /truncated|corrupt/.test(s.message ?? ''));
    writeFileSync(path, good.subarray(0, Math.floor(good.length / 2)));
    const status = await broken;
    expect(status.message).toBe('cannot read the workbook: not a complete workbook file (truncated or corrupt zip)');
    expect(status.lastReadAt).toBe(recorder.snapshots[0]!.readAt); // the last good read still stands
    expect(recorder.snapshots).toHaveLength(1);

    const back = recorder.nextSnapshot('the good write', hasLasts(expectedLasts(120)));
    writeFileSync(path, good);
    const fresh = await back;
    expect(source.status().state).toBe('connected');
    expect(source.status().message).toBeNull();
    expect([...fresh.changes.keys()].sort()).toEqual([...SYMBOLS]);
    expectNoLostSymbols(recorder);
  });

  it('says the file is empty for a 0-byte file, and recovers', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', {}, await quotesWorkbook(prices(100)));
    const empty = recorder.nextStatus('the empty-file error', (s) => s.state === 'error');
    writeFileSync(path, '');
    expect((await empty).message).toBe('the file is empty (is it being written?)');
    const back = recorder.nextSnapshot('the good write', hasLasts(expectedLasts(130)));
    writeFileSync(path, await quotesWorkbook(prices(130)));
    await back;
    expect(source.status().state).toBe('connected');
    expectNoLostSymbols(recorder);
  });

  it('waits for a file gone longer than the grace, and reads it when it comes back', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', { missingGraceMs: 50 }, await quotesWorkbook(prices(100)));
    const waiting = recorder.nextStatus('waiting', (s) => s.state === 'waiting');
    unlinkSync(path);
    expect(await waiting).toMatchObject({ state: 'waiting', message: 'waiting for file: not found' });
    expect(recorder.statuses.map((s) => s.state)).toEqual(['connected', 'waiting']); // no error on the way
    const back = recorder.nextSnapshot('the file again', hasLasts(expectedLasts(140)));
    writeFileSync(path, await quotesWorkbook(prices(140)));
    await back;
    expect(source.status().state).toBe('connected');
    expectNoLostSymbols(recorder);
  });

  // Tests run as root here and in CI, where chmod 000 does not stop a read. A directory at the file's path is an
  // unreadable "file" for any user, deterministically: the reader's lstat refuses it before opening anything.
  it('shows an error for a path that cannot be read (a directory in its place), and recovers', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', {}, await quotesWorkbook(prices(100)));
    const failing = recorder.nextStatus('the read error', (s) => s.state === 'error');
    unlinkSync(path);
    mkdirSync(path);
    expect((await failing).message).toBe('the path is a folder: choose the quotes file in it');
    expect(recorder.snapshots).toHaveLength(1);
    const back = recorder.nextSnapshot('the file again', hasLasts(expectedLasts(150)));
    rmdirSync(path);
    writeFileSync(path, await quotesWorkbook(prices(150)));
    await back;
    expect(source.status().state).toBe('connected');
    expectNoLostSymbols(recorder);
  });

  it.skipIf(process.getuid?.() === 0)('says the file is locked when it may not be read (chmod 000, not as root)', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', {}, await quotesWorkbook(prices(100)));
    const locked = recorder.nextStatus('the locked error', (s) => s.state === 'error');
    chmodSync(path, 0o000);
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect((await locked).message).toBe('the file is locked (EACCES)');
    const back = recorder.nextSnapshot('the file readable again', hasLasts(expectedLasts(160)));
    chmodSync(path, 0o644);
    writeFileSync(path, await quotesWorkbook(prices(160)));
    await back;
    expect(source.status().state).toBe('connected');
  });

  it('ends on the last values after a burst of rewrites made while it reads', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', {}, await quotesWorkbook(prices(100)));
    const buffers = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => quotesWorkbook(prices(100 + i))));
    const last = recorder.nextSnapshot('the last write', hasLasts(expectedLasts(108)));
    for (const buffer of buffers) await writeFile(path, buffer); // in place, async: reads run between the writes
    await last;
    await source.stop(); // lets any read in progress finish
    const snapshots = recorder.snapshots;
    expect(lasts(snapshots.at(-1)!.snapshot)).toEqual(expectedLasts(108));
    expectNoLostSymbols(recorder);
    // Every value it showed was one that was written, in order: nothing from a half-read file.
    const seen = snapshots.map((s) => Number(lasts(s.snapshot).AAPL));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    for (const value of seen) expect(value).toBeGreaterThanOrEqual(100);
  });

  it('the poll picks up a rewrite the watchers missed (watchers closed)', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', { pollMs: 20 }, await quotesWorkbook(prices(100)));
    // No way to make chokidar and fs.watch miss an event on demand: close both, so only the poll can see it.
    const inner = source as unknown as { watcher: { close(): Promise<void> }; folderWatcher: { close(): void } };
    await inner.watcher.close();
    inner.folderWatcher.close();
    const picked = recorder.nextSnapshot('the rewrite', hasLasts(expectedLasts(170)));
    const polled = vi.spyOn(source as unknown as { poll: () => Promise<void> }, 'poll');
    writeFileSync(path, await quotesWorkbook(prices(170)));
    const later = new Date(statSync(path).mtimeMs + 10_000);
    utimesSync(path, later, later);
    await picked;
    expect(polled).toHaveBeenCalled();
    expect(source.status().state).toBe('connected');
  });

  it("decides chokidar's events by the stats chokidar hands over: the file just read costs no look, another one does", async () => {
    const { path, source } = await started('quotes.xlsx', { pollMs: 60_000 }, await quotesWorkbook(prices(100)));
    // chokidar's own events are the watcher's to give; emitted here as chokidar emits them, with and without stats.
    const chokidar = (source as unknown as { watcher: { emit(event: string, ...args: unknown[]): boolean } }).watcher;
    const polled = vi.spyOn(source as unknown as { poll: () => Promise<void> }, 'poll');
    const read = statSync(path);
    chokidar.emit('change', path, read);
    chokidar.emit('add', path, read);
    expect(polled).not.toHaveBeenCalled();
    chokidar.emit('change', path, { ...read, mtimeMs: read.mtimeMs + 1_000 });
    expect(polled).toHaveBeenCalledTimes(1);
    chokidar.emit('change', path, { ...read, size: read.size + 1 });
    chokidar.emit('unlink', path);
    expect(polled).toHaveBeenCalledTimes(3);
    expect(source.status().state).toBe('connected');
  });

  it('each read and each stat puts the safety-net poll off by a whole interval', async () => {
    const { path, source, recorder } = await started('quotes.xlsx', { pollMs: 60_000 }, await quotesWorkbook(prices(100)));
    const timer = (source as unknown as { pollTimer: NodeJS.Timeout }).pollTimer;
    const putOff = vi.spyOn(timer, 'refresh');
    const picked = recorder.nextSnapshot('the rewrite', hasLasts(expectedLasts(130)));
    writeFileSync(path, await quotesWorkbook(prices(130)));
    await picked;
    expect(putOff).toHaveBeenCalled();
    putOff.mockClear();
    await (source as unknown as { poll: () => Promise<void> }).poll();
    expect(putOff).toHaveBeenCalledTimes(1);
  });

  it('goes stale when the file is not rewritten, and connected again when it is', async () => {
    let now = 1_000_000;
    const { path, source, recorder } = await started(
      'quotes.xlsx',
      { now: () => now, staleAfterMs: 1_000, pollMs: 20 },
      await quotesWorkbook(prices(100)),
    );
    const stale = recorder.nextStatus('stale', (s) => s.state === 'stale');
    now += 5_000;
    expect(await stale).toMatchObject({ state: 'stale', message: 'not rewritten for 5 s', lastReadAt: 1_000_000 });
    const back = recorder.nextStatus('connected', (s) => s.state === 'connected');
    writeFileSync(path, await quotesWorkbook(prices(101)));
    expect(await back).toMatchObject({ lastReadAt: 1_005_000, lastChangeAt: 1_005_000 });
    expect(source.status().state).toBe('connected');
  });

  it('goes quiet when the file is rewritten with no value changed, and connected when one changes', async () => {
    let now = 1_000_000;
    const original = await quotesWorkbook(prices(100));
    const { path, source, recorder } = await started(
      'quotes.xlsx',
      { now: () => now, staleAfterMs: 3_000, quietAfterMs: 1_000, pollMs: 20 },
      original,
    );
    const quiet = recorder.nextStatus('quiet', (s) => s.state === 'quiet');
    const reread = recorder.nextSnapshot('the identical rewrite', (s) => s.readAt === 1_005_000);
    now += 5_000;
    writeFileSync(path, original); // the same bytes again, a new mtime: TOS closed, the VBA timer still saving
    const status = await quiet;
    expect(status.message).toBe('no value changed for 5 s (TOS closed or the market shut?)');
    expect(status.lastChangeAt).toBe(1_000_000);
    expect((await reread).changes.size).toBe(0);
    const back = recorder.nextStatus('connected', (s) => s.state === 'connected');
    writeFileSync(path, await quotesWorkbook({ ...prices(100), MSFT: 301 }));
    expect(await back).toMatchObject({ lastChangeAt: 1_005_000 });
    expect(source.status().state).toBe('connected');
  });
});

describe('the file watcher on a CSV', () => {
  it('reads it, picks up a rewrite, keeps the last good quotes through a half-written row, and never writes it', async () => {
    const { path, source, recorder, first } = await started('quotes.csv', {}, csvText(100));
    expect(first.snapshot.source).toBe('csv');
    expect(lasts(first.snapshot)).toEqual(expectedLasts(100));
    expect(source.status()).toMatchObject({ kind: 'csv', state: 'connected' });

    const rewrite = recorder.nextSnapshot('the rewrite', hasLasts(expectedLasts(110)));
    writeFileSync(path, csvText(110));
    expect([...(await rewrite).changes.keys()].sort()).toEqual([...SYMBOLS]);

    const broken = recorder.nextStatus('the error', (s) => s.state === 'error');
    writeFileSync(path, csvText(120).slice(0, -12)); // the last row cut short: fewer fields than the header
    expect((await broken).message).toBe('the CSV ends in the middle of a row (is it being written?)');
    expect(lasts(recorder.snapshots.at(-1)!.snapshot)).toEqual(expectedLasts(110));

    const back = recorder.nextSnapshot('the whole file', hasLasts(expectedLasts(120)));
    writeFileSync(path, csvText(120));
    await back;
    expect(source.status().state).toBe('connected');
    const after = fingerprint(path);
    await source.stop();
    expect(fingerprint(path)).toEqual(after);
    expectNoLostSymbols(recorder);
  });

  it('the poll sees a same-size rewrite by its mtime alone (watchers closed)', async () => {
    const { path, source, recorder } = await started('quotes.csv', { pollMs: 20 }, csvText(110));
    const inner = source as unknown as { watcher: { close(): Promise<void> }; folderWatcher: { close(): void } };
    await inner.watcher.close();
    inner.folderWatcher.close();
    const before = statSync(path);
    const picked = recorder.nextSnapshot('the rewrite', hasLasts(expectedLasts(120)));
    writeFileSync(path, csvText(120));
    expect(statSync(path).size).toBe(before.size);
    const later = new Date(before.mtimeMs + 10_000);
    utimesSync(path, later, later);
    await picked;
  });
});

/** Resolves with the arguments of the next call of an instance method (private ones too), once it has returned
 * (or its promise has settled). The method is wrapped on the instance for that one call, then unwrapped. */
function nextCall(target: object, method: string): Promise<unknown[]> {
  const instance = target as Record<string, (...args: unknown[]) => unknown>;
  const original = instance[method]!;
  return withSafety(
    new Promise<unknown[]>((resolve) => {
      instance[method] = function (this: unknown, ...args: unknown[]) {
        delete instance[method];
        const result = original.apply(this, args);
        if (result instanceof Promise) void result.finally(() => resolve(args));
        else resolve(args);
        return result;
      };
    }),
    `a call of ${method}`,
  ).finally(() => delete instance[method]);
}

function withSafety<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${SAFETY_MS} ms waiting for ${what}`)), SAFETY_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
