// The history commands of the contract (issue 12): ranges of trading dates parsed and checked, today by default, old
// callers (no range) answered as before, a page at a time with a cursor, an order's trail, resets.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandName, CommandResponses } from '../../src/shared/contract';
import { Terminal } from '../../src/main/terminal/terminal';
import { Dec } from '../../src/main/engine/decimal';
import { TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir>;
let terminal: Terminal;
let clock: TestClock;

beforeEach(async () => {
  dir = tempDir('thor-history-');
  clock = new TestClock(Date.parse('2026-01-05T14:30:00Z'));
  terminal = await Terminal.open({ ledgerPath: join(dir.path, 'ledger.db'), clock, practice: { seed: 7, intervalMs: 60_000 }, log: () => {} });
  terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') });
});
afterEach(async () => {
  await terminal.close();
  dir.cleanup();
});

const ticket = { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '100', orderType: 'MKT', tif: 'DAY' } as const;

/** A command's answer, typed as the contract says; a refusal fails the test with its message. */
async function data<K extends CommandName>(name: K, request: Record<string, unknown>): Promise<CommandResponses[K]> {
  const result = await terminal.handle(name, request);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as CommandResponses[K];
}

describe('history commands', () => {
  it('today by default, any earlier range on request, newest first; without a range every order oldest first, as before', async () => {
    await terminal.handle('placeOrder', ticket);
    clock.set('2026-01-06T15:00:00Z');
    await terminal.handle('placeOrder', { ...ticket, qty: '5' });
    await terminal.handle('placeOrder', { ...ticket, orderType: 'LMT', limit: '150.5', qty: '7' });

    const all = await data('orderHistory', { account: 'main' });
    expect(all.map((o) => o.qty)).toEqual(['100', '5', '7']);
    const today = await data('orderHistory', { account: 'main', from: '2026-01-06' });
    expect(today.map((o) => o.qty)).toEqual(['7', '5']);
    expect(today[0]).toMatchObject({ limit: '150.5', priceFormat: { kind: 'decimal', decimals: 2 }, tick: '0.01' });
    const monday = await data('orderHistory', { account: 'main', from: '2026-01-05', to: '2026-01-05' });
    expect(monday.map((o) => o.qty)).toEqual(['100']);
    const both = await data('fillHistory', { account: 'main', from: '2026-01-05', to: '2026-01-06' });
    expect(both.map((f) => [f.id, f.time, f.qty])).toEqual([
      [2, '2026-01-06T15:00:00.000Z', '5'],
      [1, '2026-01-05T14:30:00.000Z', '100'],
    ]);
    const page = await data('fillHistory', { account: 'main', from: '2026-01-05', to: '2026-01-06', limit: 1, before: 2 });
    expect(page.map((f) => f.id)).toEqual([1]);
    // The day the clock is in, when no date is given with a cursor.
    expect((await data('fillHistory', { account: 'main', before: 3 })).map((f) => f.id)).toEqual([2]);
  });

  it('refuses a range that ends before it starts, or a date that is none', async () => {
    expect(await terminal.handle('orderHistory', { account: 'main', from: '2026-01-06', to: '2026-01-05' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'the range ends (2026-01-05) before it starts (2026-01-06)' },
    });
    expect(await terminal.handle('fillHistory', { account: 'main', from: '2026-02-31' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('fillHistory', { account: 'main', from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers an order’s trail with times and words, and the resets of a range', async () => {
    const placed = await data('placeOrder', { ...ticket, orderType: 'LMT', limit: '150', tif: 'GTC' });
    clock.set('2026-01-05T14:31:00Z');
    expect(await terminal.handle('editOrder', { orderId: placed.id, limit: '151.25', qty: '200' })).toMatchObject({ ok: true });
    clock.set('2026-01-05T14:32:00Z');
    await terminal.handle('resetAccount', { account: 'main' });
    expect(await data('orderEvents', { orderId: placed.id })).toEqual([
      { type: 'ACCEPTED', time: '2026-01-05T14:30:00.000Z', text: 'accepted' },
      { type: 'REPLACED', time: '2026-01-05T14:31:00.000Z', text: 'limit 150.00 → 151.25, qty 100 → 200' },
      { type: 'CANCELED', time: '2026-01-05T14:32:00.000Z', text: 'account reset' },
    ]);
    expect(await terminal.handle('orderEvents', { orderId: 404 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const resets = await data('resetHistory', { account: 'main' });
    expect(resets.map((r) => [r.kind, r.time])).toEqual([
      ['RESET', '2026-01-05T14:32:00.000Z'],
      ['OPEN', '2026-01-05T14:30:00.000Z'],
    ]);
  });
});
