// The reader thread and what crosses its boundary: decimals go over as text and come back as exact Decs; a worker
// that dies is replaced on the next read; close() never waits; and the statuses a FileSource builds from its answers
// (no quotes, warnings, a budget from the options, junk bytes) are one clean line. Real files, real workers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FileSource, fileSourceHandles, type FileSourceOptions } from '../../src/main/livedata/fileSource';
import { DEFAULT_MAX_SYMBOLS, DEFAULT_READ_BUDGETS } from '../../src/main/livedata/quotesFile';
import {
  decodeSnapshot,
  encodeError,
  encodeSnapshot,
  liveReaderThreads,
  ReaderError,
  ReaderThread,
  readerEntry,
} from '../../src/main/livedata/readerThread';
import { snapshotToJson, type Snapshot } from '../../src/main/livedata/snapshot';
import { MAX_STATUS_MESSAGE, type SourceStatus } from '../../src/main/livedata/source';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer } from '../support/workbooks';

const SAFETY_MS = 10_000;
const dir = tempDir('thor-reader-');
afterAll(() => dir.cleanup());

const readers: ReaderThread[] = [];
const sources: FileSource[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.close();
  for (const source of sources.splice(0)) await source.stop();
  expect(fileSourceHandles()).toEqual({ sources: 0, watchers: 0, readers: 0 });
});

function reader(memoryMb?: number): ReaderThread {
  const r = new ReaderThread(memoryMb ? { memoryMb } : {});
  readers.push(r);
  return r;
}

const options = { deadlineMs: 5_000, maxSymbols: DEFAULT_MAX_SYMBOLS };

function file(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

describe('the wire form of a snapshot', () => {
  it('carries every value exactly, as the canonical text the snapshot holds', () => {
    const snapshot: Snapshot = {
      source: 'workbook',
      quotes: new Map([
        ['/ES', { last: '6857.25', bid: '-0.07', ask: null, description: 'E-mini S&P 500 — Dezember' }],
        ['TINY', { last: '0.000000000001', volume: '999999999999999', netChange: '0', description: null }],
        ['ZB', { last: '117.4375' }],
      ]),
      warnings: ['Sheet1!C7: symbol argument refers to an empty cell'],
    };
    const wire = encodeSnapshot(snapshot);
    expect(wire.quotes[1]).toEqual(['TINY', { last: '0.000000000001', volume: '999999999999999', netChange: '0', description: null }]);
    const back = decodeSnapshot(structuredClone(wire));
    expect(snapshotToJson(back)).toEqual(snapshotToJson(snapshot));
    expect(back.warnings).toEqual(snapshot.warnings);
    const es = back.quotes.get('/ES')!;
    expect(es).toEqual({ last: '6857.25', bid: '-0.07', ask: null, description: 'E-mini S&P 500 — Dezember' });
    expect('mark' in es).toBe(false); // a field without a cell stays absent, never null
  });

  it('carries an error as its kind, message, fs code or budget', () => {
    expect(encodeError(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).toEqual({
      kind: 'fs',
      message: 'ENOENT: no such file',
      code: 'ENOENT',
    });
    expect(encodeError(new Error('the CSV is empty'))).toEqual({ kind: 'file', message: 'the CSV is empty' });
  });
});

describe('the reader thread', () => {
  it('runs the worker from its .ts entry under vitest and tsx', () => {
    const entry = readerEntry();
    expect(entry.file).toMatch(/src[\\/]main[\\/]livedata[\\/]readWorker\.ts$/);
    expect(entry.execArgv[0]).toBe('--require');
    expect(entry.execArgv[1]).toMatch(/tsx/);
  });

  it('reads a real workbook off the main thread, answering Decs', async () => {
    const path = file('quotes.xlsx', await workbookBuffer({ Sheet1: [[rtd('LAST', 'MSFT', 430.25), rtd('BID', '/ES:XCME', 6857.25)]] }));
    const r = reader();
    const read = await r.read(path, DEFAULT_READ_BUDGETS, options);
    expect(snapshotToJson(read.snapshot).quotes).toEqual([
      { symbol: '/ES', bid: '6857.25' },
      { symbol: 'MSFT', last: '430.25' },
    ]);
    expect(read.snapshot.quotes.get('MSFT')!.last).toBe('430.25');
    expect(read.size).toBeGreaterThan(0);
    expect(liveReaderThreads()).toBe(1);
    // The same worker serves the next read.
    await r.read(path, DEFAULT_READ_BUDGETS, options);
    expect(liveReaderThreads()).toBe(1);
  });

  it('says an fs error with its code, and a budget by its words', async () => {
    const r = reader();
    await expect(r.read(join(dir.path, 'none.csv'), DEFAULT_READ_BUDGETS, options)).rejects.toMatchObject({ name: 'ReadFailure', code: 'ENOENT' });
    const path = file('small.csv', 'Symbol,Last\nAAPL,1\n');
    await expect(r.read(path, { ...DEFAULT_READ_BUDGETS, maxFileBytes: 10 }, options)).rejects.toMatchObject({
      name: 'ReadFailure',
      limit: 'fileSize',
      message: 'the file is 19 bytes, larger than 10 bytes (limit)',
    });
  });

  it('is replaced on the next read after it died of a file too big for its memory', async () => {
    const r = reader(24);
    const good = file('good.csv', 'Symbol,Last\nAAPL,230.5\n');
    await r.read(good, DEFAULT_READ_BUDGETS, options);
    const rows = Array.from({ length: 4_000 }, (_, i) => `S${i},${i + 1},${'D'.repeat(4_000)}`);
    const fat = file('fat.csv', `Symbol,Last,Description\n${rows.join('\n')}\n`);
    const crash = r.read(fat, DEFAULT_READ_BUDGETS, options);
    await expect(crash).rejects.toBeInstanceOf(ReaderError);
    await expect(crash).rejects.toMatchObject({ reason: 'crash', message: 'the file could not be read: the reader ran out of memory' });
    expect(liveReaderThreads()).toBe(0);
    const again = await r.read(good, DEFAULT_READ_BUDGETS, options);
    expect(snapshotToJson(again.snapshot).quotes).toEqual([{ symbol: 'AAPL', last: '230.5' }]);
    expect(liveReaderThreads()).toBe(1);
  });

  it('close() ends a read in progress and a worker still starting, without waiting', async () => {
    const r = reader();
    const path = file('c.csv', 'Symbol,Last\nAAPL,1\n');
    const read = r.read(path, DEFAULT_READ_BUDGETS, options); // the worker is still loading its modules
    await r.close();
    await expect(read).rejects.toMatchObject({ reason: 'stopped' });
    expect(liveReaderThreads()).toBe(0);
    await expect(r.read(path, DEFAULT_READ_BUDGETS, options)).rejects.toMatchObject({ reason: 'stopped' });
  });
});

/** Starts a FileSource on a file and resolves with its first status that matches. */
function statusOf(path: string, match: (status: SourceStatus) => boolean, extra: FileSourceOptions = {}): Promise<SourceStatus> {
  const source = new FileSource(path, { pollMs: 50, maxBackoffMs: 100, ...extra });
  sources.push(source);
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    new Promise<SourceStatus>((resolve) =>
      source.start({
        snapshot: () => undefined,
        status: (status) => {
          if (match(status)) resolve(status);
        },
      }),
    ),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out; status ${JSON.stringify(source.status())}`)), SAFETY_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

const CLEAN_LINE = /^[^\p{C}\u2028\u2029\uFFFD]*$/u;

describe('the statuses a file source builds from the reader', () => {
  it('a workbook that reads fine but holds no quotes is an error, not connected', async () => {
    const path = file('empty.xlsx', await workbookBuffer({ Sheet1: [['Notes', 'nothing here'], [1, 2]] }));
    expect(await statusOf(path, (s) => s.state !== 'waiting')).toMatchObject({
      state: 'error',
      message: 'no tos.rtd cells and no quote table found',
    });
  });

  it('a CSV with a header and no rows is an error too', async () => {
    const path = file('header.csv', 'Symbol,Last,Bid,Ask\r\n');
    expect(await statusOf(path, (s) => s.state !== 'waiting')).toMatchObject({ state: 'error', message: 'the CSV has a header but no quote rows' });
  });

  it('connected carries the first warning and how many more there are', async () => {
    const path = file(
      'warned.xlsx',
      await workbookBuffer({
        Sheet1: [
          [rtd('LAST', 'MSFT', 430.25)],
          [{ formula: 'RTD("tos.rtd",,"LAST",$D2)', result: 1 }],
          [{ formula: 'RTD("tos.rtd",,"BID",$D3)', result: 1 }],
          [{ formula: 'RTD("tos.rtd",,"ASK",$D4)', result: 1 }],
        ],
      }),
    );
    const status = await statusOf(path, (s) => s.state === 'connected');
    expect(status.message).toBe('Sheet1!A2: symbol argument refers to an empty cell (and 2 more warnings)');
  });

  it('takes its budgets from the options, unset ones from the defaults', async () => {
    const path = file('budget.csv', `Symbol,Last\n${'AAPL,1\n'.repeat(20)}`);
    expect(await statusOf(path, (s) => s.state === 'error', { budgets: { maxFileBytes: 100 } })).toMatchObject({
      message: 'the file is 152 bytes, larger than 100 bytes (limit)',
    });
    const many = file('many.csv', `Symbol,Last\n${Array.from({ length: 30 }, (_, i) => `S${i},${i + 1}`).join('\n')}\n`);
    expect(await statusOf(many, (s) => s.state === 'error', { maxSymbols: 10 })).toMatchObject({
      message: 'the file has more than 10 quotes (limit): a quotes sheet has far fewer',
    });
  });

  it('never shows a file\'s junk bytes: every error is one clean line', async () => {
    // Deterministic junk: a CSV and a "workbook" of bytes 0-255 with quotes, line breaks and a zip signature.
    const junk = Buffer.from(Array.from({ length: 4_096 }, (_, i) => (i * 131 + 7) % 256));
    const cases = [
      file('junk.csv', Buffer.concat([Buffer.from('Symbol,Last\n"AAPL'), junk])),
      file('junk2.csv', Buffer.concat([Buffer.from('"'), junk, Buffer.from('\n"x\u0007\u001b[2J",1\n')])),
      file('junk.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), junk])),
    ];
    for (const path of cases) {
      const status = await statusOf(path, (s) => s.state === 'error');
      expect(status.message, path).toMatch(CLEAN_LINE);
      expect([...status.message!].length, path).toBeLessThanOrEqual(MAX_STATUS_MESSAGE);
    }
  });
});
