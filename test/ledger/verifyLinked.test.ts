// verify and migration 0005 over linked orders (ENGINE.md 12): HELD and its events replay through the transition
// table; a second fill in one OCO group and a HELD child whose parent ended are reported; HELD loads by its index.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk;
afterEach(() => t.close());

async function bracketDesk() {
  t = await openTestDesk();
  t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
  const placed = t.desk.placeOrder({
    symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '150.00', tif: 'GTC',
    children: [{ side: 'SELL', orderType: 'LMT', limit: '250.00' }, { side: 'SELL', orderType: 'STP', stop: '100.00' }],
  });
  expect(placed.ok).toBe(true);
  return placed.ok ? placed.value.id : 0;
}

describe('verify knows linked orders', () => {
  it('a bracket with HELD children verifies clean', async () => {
    await bracketDesk();
    expect(verifyLedger(t.desk.ledger).differences).toEqual([]);
  });

  it('reports a HELD child whose parent is no longer working, and two fills in one OCO group', async () => {
    const parent = await bracketDesk();
    t.desk.ledger.sqlite.prepare("UPDATE orders SET status = 'CANCELED' WHERE id = ?").run(parent);
    expect(verifyLedger(t.desk.ledger).differences).toContain(`order ${parent + 1}: HELD, but its parent is CANCELED`);
    t.desk.ledger.sqlite.prepare("UPDATE orders SET status = 'FILLED' WHERE oco_group IS NOT NULL").run();
    const differences = verifyLedger(t.desk.ledger).differences;
    expect(differences).toContain(`OCO group oco-${parent + 1}: 2 members filled`);
    expect(differences.some((d) => d.startsWith(`order ${parent}: status CANCELED`))).toBe(true);
  });

  it('start-up reads HELD orders through their partial index', async () => {
    await bracketDesk();
    const plan = t.desk.ledger.sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM orders WHERE status = 'HELD' ORDER BY id").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('orders_held');
  });
});
