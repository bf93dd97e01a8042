// `npm run --silent report -- statement ...` as a user runs it: each format written, the ledger byte for byte the
// same afterwards and readable when the file is read-only, and exit 2 with one line for each kind of bad input.
import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmRun } from '../support/cli';
import { tempDir } from '../support/scenario';
import { buildLedger } from './session';

let ledger: Awaited<ReturnType<typeof buildLedger>>;
let out: { path: string; cleanup: () => void };

beforeAll(async () => {
  ledger = await buildLedger();
  out = tempDir('thor-report-cli-');
});
afterAll(() => {
  ledger.cleanup();
  out.cleanup();
});

const args = (overrides: Record<string, string | undefined> = {}) => {
  const values: Record<string, string | undefined> = {
    db: ledger.path,
    account: 'main',
    from: '2026-01-05',
    to: '2026-01-06',
    format: 'tos-csv',
    out: join(out.path, 'statement.csv'),
    ...overrides,
  };
  return ['statement', ...Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]))];
};

describe('report statement', () => {
  it('writes the statement, exit 0, and leaves the ledger byte for byte as it was, even read-only', () => {
    const copy = join(out.path, 'readonly.db');
    copyFileSync(ledger.path, copy);
    chmodSync(copy, 0o444);
    const before = readFileSync(copy);
    const result = npmRun('report', args({ db: copy, format: 'tos-csv', out: join(out.path, 'a.csv') }));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(copy).equals(before)).toBe(true);
    const text = readFileSync(join(out.path, 'a.csv'), 'utf8');
    expect(text.split('\n')[2]).toBe('Account Statement for main (paper) since 1/5/26 through 1/6/26');
  });

  it('writes each other format', () => {
    for (const [format, file] of [
      ['xlsx', 'b.xlsx'],
      ['trades-csv', 'trades.csv'],
      ['fills-csv', 'fills.csv'],
    ] as const) {
      const before = readFileSync(ledger.path);
      const result = npmRun('report', args({ format, out: join(out.path, file) }));
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(ledger.path).equals(before)).toBe(true);
      expect(existsSync(join(out.path, file))).toBe(true);
    }
    expect(readFileSync(join(out.path, 'fills.csv'), 'utf8').split('\n')[0]).toBe(
      'id,orderId,account,symbol,assetType,side,qty,price,multiplier,commission,fees,realizedPl,time,reason',
    );
    expect(readFileSync(join(out.path, 'b.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it.each([
    ['an unknown account', { account: 'nobody' }, /^report: no account "nobody" in this ledger\n$/],
    ['a bad date', { from: '2026-02-30' }, /^report: --from must be a date YYYY-MM-DD \(got "2026-02-30"\)\n$/],
    ['from after to', { from: '2026-01-07' }, /^report: --from 2026-01-07 is after --to 2026-01-06\n$/],
    ['a missing ledger', { db: '/nonexistent/ledger.db' }, /^report: no ledger at \/nonexistent\/ledger.db\n$/],
    ['an unknown format', { format: 'pdf' }, /^report: --format must be one of tos-csv, xlsx, trades-csv, fills-csv \(got pdf\)\n$/],
    ['a missing option', { out: undefined }, /^report: --out is required\n$/],
  ])('exit 2 with one line for %s', (_, overrides, message) => {
    const result = npmRun('report', args(overrides));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exit 2 for an unknown command and for a file that is not a ledger', () => {
    const unknown = npmRun('report', ['print']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('report: unknown command print (the command is statement)\n');
    const notLedger = npmRun('report', args({ db: join(__dirname, 'session.ts') }));
    expect(notLedger.status).toBe(2);
    expect(notLedger.stderr.split('\n')).toHaveLength(2);
  });
});
