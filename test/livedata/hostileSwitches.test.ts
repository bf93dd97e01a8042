// Source switches under fire, through the real Terminal and LiveData: 20 overlapping setSource calls leave exactly one
// source (its watchers, its reader thread) running, the last one asked; a path that cannot be a quotes file is refused
// when chosen, and a saved one at start-up falls back to the practice feed with a log line. Waits are on pushes.
import { execFileSync } from 'node:child_process';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent, SourceStatusView } from '../../src/shared/contract';
import { FileSource, fileSourceHandles } from '../../src/main/livedata/fileSource';
import { LiveData } from '../../src/main/livedata/liveData';
import { PracticeSource } from '../../src/main/livedata/practiceSource';
import type { QuoteSource } from '../../src/main/livedata/source';
import { Terminal } from '../../src/main/terminal/terminal';
import { openTestDesk, TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer } from '../support/workbooks';

const SAFETY_MS = 10_000;
const WINDOWS = process.platform === 'win32';

let dir: ReturnType<typeof tempDir>;
let terminal: Terminal | null;
let logs: string[];

async function open(): Promise<Terminal> {
  terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock: new TestClock(),
    practice: { seed: 7, intervalMs: 60_000 },
    fileSource: { pollMs: 50, maxBackoffMs: 100 },
    log: (message) => logs.push(message),
  });
  return terminal;
}

beforeEach(() => {
  dir = tempDir('thor-switch-');
  terminal = null;
  logs = [];
});

afterEach(async () => {
  await terminal?.close();
  dir.cleanup();
  expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
});

/** The next pushed snapshot whose source status matches (create it before the action). */
function nextSource(t: Terminal, what: string, match: (status: SourceStatusView) => boolean): Promise<SourceStatusView> {
  let timer: NodeJS.Timeout | undefined;
  let off: () => void = () => undefined;
  return Promise.race([
    new Promise<SourceStatusView>((resolve) => {
      off = t.subscribe((event: PushEvent) => {
        const status = event.type === 'snapshot' ? event.snapshot.source : event.type === 'status' ? event.status : null;
        if (status && match(status)) resolve(status);
      });
      // A status reached before the subscription counts too.
      if (match(t.sourceStatus())) resolve(t.sourceStatus());
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; status ${JSON.stringify(t.sourceStatus())}`)), SAFETY_MS);
    }),
  ]).finally(() => {
    clearTimeout(timer);
    off();
  });
}

describe('overlapping source switches', () => {
  it('20 overlapping setSource calls leave exactly one source running, the last one asked', async () => {
    const t = await open();
    const csv = join(dir.path, 'a.csv');
    const xlsx = join(dir.path, 'b.xlsx');
    writeFileSync(csv, 'Symbol,Last,Bid,Ask\nAAPL,230.5,230.49,230.51\n');
    writeFileSync(xlsx, await workbookBuffer({ Sheet1: [[rtd('LAST', 'MSFT', 430.25), rtd('BID', 'MSFT', 430.2)]] }));
    const requests = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? { kind: 'practice' } : { kind: 'file', path: i % 3 === 1 ? csv : xlsx }));
    expect(requests.at(-1)).toEqual({ kind: 'file', path: csv });
    const results = await Promise.all(requests.map((request) => t.handle('setSource', request)));
    for (const result of results) expect(result.ok).toBe(true);
    expect(t.settings().source).toEqual({ kind: 'file', path: csv });

    const connected = await nextSource(t, 'the last source connected', (s) => s.state === 'connected' && s.path === csv);
    expect(connected.kind).toBe('csv');
    expect(fileSourceHandles()).toEqual({ sources: 1, watchers: 2, readers: 1 });

    // And a burst that ends on the practice feed leaves no file source at all.
    await Promise.all([xlsx, csv, xlsx].map((path) => t.handle('setSource', { kind: 'file', path })).concat(t.handle('setSource', { kind: 'practice' })));
    expect(t.settings().source).toEqual({ kind: 'practice' });
    expect(t.sourceStatus().kind).toBe('practice');
    expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
  });

  it('LiveData.use, called 20 times without waiting, stops every source it replaced', async () => {
    const desk = await openTestDesk();
    const live = new LiveData(desk.desk);
    try {
      const files = [0, 1, 2].map((i) => {
        const path = join(dir.path, `q${i}.csv`);
        writeFileSync(path, `Symbol,Last\nS${i},${i + 1}\n`);
        return path;
      });
      const sources: QuoteSource[] = Array.from({ length: 20 }, (_, i) =>
        i % 4 === 2 ? new PracticeSource({ seed: i, intervalMs: 60_000 }) : new FileSource(files[i % 3]!, { pollMs: 50 }),
      );
      await Promise.all(sources.map((source) => live.use(source)));
      // One file source runs, the last: every other one was stopped, or never started (replaced before its turn).
      expect(fileSourceHandles()).toMatchObject({ sources: 1, watchers: 2 });
      expect(live.status()).toBe(sources.at(-1)!.status());
      const others = sources.slice(0, -1).map((s) => (s.status().state === 'stopped' ? 'stopped' : s.status().message));
      expect(new Set(others)).toEqual(new Set(['stopped', 'not started']));
      await live.stop();
      expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
    } finally {
      desk.close();
    }
  });
});

describe('paths refused when chosen', () => {
  it.skipIf(WINDOWS)('a FIFO, a folder, a share, a relative path: refused at once, the current source stays', async () => {
    const t = await open();
    const fifo = join(dir.path, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, string][] = [
      [fifo, 'the path is a pipe, not a saved file'],
      [dir.path + '/', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
      ['//host/share/ThorQuotes.csv', 'choose a file on this computer: network paths (\\\\host\\share) are not read'],
      ['ThorQuotes.csv', 'give the whole path of the file (such as C:\\Users\\me\\ThorQuotes.csv), not a relative one'],
      [join(dir.path, 'missing.csv'), 'the file does not exist: check the path, or start the export macro first'],
    ];
    for (const [path, message] of cases) {
      expect(await t.handle('setSource', { kind: 'file', path })).toEqual({ ok: false, error: { code: 'SOURCE_ERROR', message } });
    }
    expect(t.settings().source).toEqual({ kind: 'practice' });
    expect(t.sourceStatus().kind).toBe('practice');
    expect(fileSourceHandles().sources).toBe(0);
  });

  it.skipIf(WINDOWS)('a saved source that became a FIFO falls back to practice with a log line; a missing one waits', async () => {
    const file = join(dir.path, 'quotes.csv');
    writeFileSync(file, 'Symbol,Last\nAAPL,230.5\n');
    let t = await open();
    expect(await t.handle('setSource', { kind: 'file', path: file })).toMatchObject({ ok: true });
    await t.close();

    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    t = await open();
    expect(t.settings().source).toEqual({ kind: 'practice' });
    expect(logs).toEqual([`the saved data source ${file} could not be used: the path is a pipe, not a saved file; using the practice feed`]);
    expect(await t.handle('setSource', { kind: 'file', path: join(dir.path, 'later.csv') })).toMatchObject({ ok: false });
    await t.close();

    // Saved, then gone before the app starts (Excel and its macro not running yet): kept, waiting for the file.
    unlinkSync(file);
    writeFileSync(file, 'Symbol,Last\nAAPL,230.5\n');
    t = await open();
    expect(await t.handle('setSource', { kind: 'file', path: file })).toMatchObject({ ok: true });
    await t.close();
    unlinkSync(file);
    logs = [];
    t = await open();
    expect(t.settings().source).toEqual({ kind: 'file', path: file });
    expect(logs).toEqual([]);
    const back = nextSource(t, 'the file read once it is there', (s) => s.state === 'connected');
    writeFileSync(file, 'Symbol,Last\nAAPL,231\n');
    await back;
  });
});
