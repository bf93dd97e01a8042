import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmRun, ROOT } from '../support/cli';
import { jsonl, tempDir } from '../support/scenario';

const dir = tempDir('thor-cli-');
afterAll(() => dir.cleanup());

function scenarioFile(name: string, text: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
}

describe('npm run scenario (SCENARIOS.md)', () => {
  it('runs the example of SCENARIOS.md and prints the final state', () => {
    const result = npmRun('scenario', [join(ROOT, 'test/scenarios/spec-example.jsonl')]);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.time).toBe('2026-01-05T15:00:00.000Z');
    expect(out.accounts[0]).toMatchObject({ id: 'main', cash: '100100', realizedPlDay: '100', okToTrade: true });
    expect(out.positions).toEqual([expect.objectContaining({ symbol: 'AAPL', qty: '0', realizedPlDay: '100' })]);
    expect(out.orders.map((o: { ref: string; status: string }) => [o.ref, o.status])).toEqual([
      ['b1', 'FILLED'],
      ['s1', 'FILLED'],
    ]);
    expect(out.fills.map((f: { ref: string; price: string; time: string }) => [f.ref, f.price, f.time])).toEqual([
      ['b1', '200', '2026-01-05T14:30:00.000Z'],
      ['s1', '201', '2026-01-05T15:00:00.000Z'],
    ]);
    expect(out.errors).toEqual([]);
    for (const key of ['id', 'broker', 'margin', 'cash', 'netLiq', 'availableFunds', 'buyingPower', 'dayTradingBuyingPower', 'optionBuyingPower', 'unrealizedPl', 'realizedPlDay', 'plDay', 'okToTrade']) {
      expect(out.accounts[0]).toHaveProperty(key);
    }
  });

  it.each([
    ['not JSON', '{"type":"quote","symbol":"AAPL"}\n{oops', 'line 2'],
    ['unknown type', '{"type":"teleport"}', 'line 1'],
    ['a missing required field', '{"type":"place","ref":"a","symbol":"AAPL","side":"BUY","orderType":"MKT"}', 'line 1'],
    ['time going backwards', '{"type":"clock","time":"2026-01-05T15:00:00Z"}\n{"type":"clock","time":"2026-01-05T14:00:00Z"}', 'line 2'],
  ])('exits 2 on %s, naming the line, with nothing on stdout', (_name, text, line) => {
    const result = npmRun('scenario', [scenarioFile(`bad-${line}.jsonl`, text)]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(line);
  });

  it('lists input errors and failed edits without stopping the run', () => {
    const file = scenarioFile(
      'errors.jsonl',
      jsonl([
        { type: 'quote', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' },
        { type: 'place', ref: 'zero', symbol: 'AAPL', side: 'BUY', qty: 0, orderType: 'MKT' },
        { type: 'place', ref: 'nolimit', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT' },
        { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' },
        { type: 'edit', ref: 'b', qty: 2 },
        { type: 'cancel', ref: 'ghost' },
      ]),
    );
    const result = npmRun('scenario', [file]);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.errors).toEqual([
      { line: 2, ref: 'zero', message: 'qty must be a whole number from 1 to 1,000,000 (got 0)' },
      { line: 3, ref: 'nolimit', message: 'a LMT order needs a limit price' },
      { line: 5, ref: 'b', message: 'Only WORKING orders can be edited (current status: FILLED)' },
      { line: 6, ref: 'ghost', message: 'no order has ref "ghost"' },
    ]);
    expect(out.orders).toHaveLength(1);
  });

  it('names one order under two refs when a clientOrderId repeats, listing it once under the first', () => {
    const file = scenarioFile(
      'coid.jsonl',
      jsonl([
        { type: 'place', ref: 'a', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150', clientOrderId: 'k' },
        { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150', clientOrderId: 'k' },
        { type: 'cancel', ref: 'b' },
      ]),
    );
    const out = JSON.parse(npmRun('scenario', [file]).stdout);
    expect(out.orders).toEqual([expect.objectContaining({ ref: 'a', status: 'CANCELED' })]);
  });

  it('keeps the database with --db, and verify finds no difference in it', () => {
    const db = join(dir.path, 'kept.db');
    expect(npmRun('scenario', [join(ROOT, 'test/scenarios/spec-example.jsonl'), '--db', db]).status).toBe(0);
    expect(existsSync(db)).toBe(true);
    const verify = npmRun('ledger', ['verify', '--db', db]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('no differences');
    const again = npmRun('scenario', [join(ROOT, 'test/scenarios/spec-example.jsonl'), '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe('');
  });

  it('verify reports a tampered ledger', () => {
    const db = join(dir.path, 'tampered.db');
    npmRun('scenario', [join(ROOT, 'test/scenarios/spec-example.jsonl'), '--db', db]);
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE accounts SET cash = '1000000' WHERE id = 'main'").run();
    sqlite.close();
    const verify = npmRun('ledger', ['verify', '--db', db, '--json']);
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout).differences).toEqual(['account main: cash stored 1000000, recomputed 100100']);
  });

  it('prints plain decimals, never exponents', () => {
    const file = scenarioFile(
      'tiny.jsonl',
      jsonl([
        { type: 'quote', symbol: 'SNDL', bid: '0.0001', ask: '0.0002', last: '0.0001' },
        { type: 'place', ref: 'b', symbol: 'SNDL', side: 'BUY', qty: 1000000, orderType: 'MKT' },
      ]),
    );
    const text = npmRun('scenario', [file]).stdout;
    expect(text).not.toMatch(/\d[eE][+-]?\d/);
    expect(readFileSync(file, 'utf8')).toContain('SNDL');
  });
});
