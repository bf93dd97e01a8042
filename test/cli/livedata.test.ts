import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmRun, ROOT, type CliResult } from '../support/cli';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer } from '../support/workbooks';

const dir = tempDir('thor-livedata-cli-');
afterAll(() => dir.cleanup());

describe('npm run livedata -- inspect (LIVEDATA.md)', () => {
  it('prints one JSON object for a workbook, quotes sorted by symbol, fields only with values', async () => {
    const file = join(dir.path, 'quotes.xlsx');
    writeFileSync(
      file,
      await workbookBuffer({
        Sheet1: [
          [rtd('LAST', 'MSFT', 430.25), rtd('BID', 'MSFT', 'N/A')],
          [rtd('LAST', '/ES:XCME', 6857.25), rtd('BID', '/ES:XCME', 6857)],
          [null, null, { formula: 'RTD("tos.rtd",,"LAST",$D3)', result: 1 }],
        ],
      }),
    );
    const result = npmRun('livedata', ['inspect', file]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      source: 'workbook',
      quotes: [
        { symbol: '/ES', last: '6857.25', bid: '6857' },
        { symbol: 'MSFT', last: '430.25' },
      ],
      warnings: ['Sheet1!C3: symbol argument refers to an empty cell'],
    });
  });

  it('reads a CSV by its extension', () => {
    const file = join(dir.path, 'quotes.csv');
    writeFileSync(file, 'Symbol,Last\nAAPL,230.5\n');
    const result = npmRun('livedata', ['inspect', file]);
    expect(JSON.parse(result.stdout)).toEqual({ source: 'csv', quotes: [{ symbol: 'AAPL', last: '230.5' }], warnings: [] });
  });

  it.each([
    ['a missing file', 'nope.xlsx', /file not found/],
    ['a corrupt workbook', 'corrupt.xlsx', /cannot read .*corrupt\.xlsx: cannot read the workbook/],
    ['an unknown extension', 'quotes.txt', /not a workbook/],
  ])('exits 1 on %s with one clear line on stderr and nothing on stdout', (_name, name, message) => {
    const file = join(dir.path, name);
    if (name !== 'nope.xlsx') writeFileSync(file, 'PK\u0003\u0004 this is not really a zip');
    const result = npmRun('livedata', ['inspect', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').filter((l) => !l.includes('npm warn'))).toHaveLength(1);
  });

  // A hostile path must fail at once: a bounded spawn, so a hang fails the test instead of holding it forever.
  function inspectWithin(file: string, timeoutMs = 30_000): CliResult {
    const result = spawnSync('npm', ['run', '--silent', 'livedata', '--', 'inspect', file], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const hostile: [string, (path: string) => void, string][] = [
    ['a FIFO (never opened: opening one blocks)', (path) => spawnSync('mkfifo', [path]), 'the path is a pipe, not a saved file'],
    ['a folder named like a CSV', (path) => mkdirSync(path), 'the path is a folder: choose the quotes file in it'],
    ['a link to /dev/zero', (path) => symlinkSync('/dev/zero', path), 'the path is a link (shortcut): links are not followed, choose the file itself'],
    [
      'a 200 MB (sparse) file, refused by its size',
      (path) => {
        writeFileSync(path, '');
        truncateSync(path, 200 * 1024 * 1024);
      },
      'the file is 200 MB, larger than 50 MB (limit)',
    ],
  ];
  it.skipIf(process.platform === 'win32').each(hostile)('exits 1 at once on %s, with one line on stderr', (name, make, why) => {
    const file = join(dir.path, `hostile-${hostile.findIndex(([n]) => n === name)}.csv`);
    make(file);
    const result = inspectWithin(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n').filter((l) => !l.includes('npm warn'))).toEqual([`livedata: cannot read ${file}: ${why}`]);
  });

  it('reads a relative path from the current folder', () => {
    writeFileSync(join(dir.path, 'rel.csv'), 'Symbol,Last\nAAPL,230.5\n');
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/livedata.ts'), 'inspect', 'rel.csv'], { cwd: dir.path, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ source: 'csv', quotes: [{ symbol: 'AAPL', last: '230.5' }], warnings: [] });
  });

  it('reads the real TOS workbook of the research samples', () => {
    const result = npmRun('livedata', ['inspect', resolve(__dirname, '../../../shared/research/samples/Cocodog2014_thor_RTD_TOS.xlsm')]);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.quotes).toHaveLength(12);
  });
});
