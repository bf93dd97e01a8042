// ENGINE.md 13 with linked orders: flatten, reverse and cancel all are one change each, HELD children included.
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/main/engine/change';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk;
afterEach(() => t.close());

function changesOf(run: () => unknown): Change[] {
  const changes: Change[] = [];
  const off = t.desk.subscribe((change) => changes.push(change));
  run();
  off();
  return changes;
}

async function longWithBracket() {
  t = await openTestDesk();
  t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
  t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
  // A resting bracket to add 100 more, its two children HELD.
  const placed = t.desk.placeOrder({
    symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'LMT', limit: '150.00', tif: 'GTC',
    children: [{ side: 'SELL', orderType: 'LMT', limit: '250.00' }, { side: 'SELL', orderType: 'STP', stop: '140.00' }],
  });
  return placed.ok ? placed.value.id : 0;
}

describe('flatten, reverse and cancel all over HELD orders', () => {
  it('flatten: the parent, its HELD children and the closing order in one change', async () => {
    const parent = await longWithBracket();
    const changes = changesOf(() => t.desk.flatten('main', 'AAPL'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.events.map((e) => [e.orderId, e.type])).toEqual([
      [parent, 'CANCELED'],
      [parent + 1, 'CANCELED'],
      [parent + 2, 'CANCELED'],
      [parent + 3, 'ACCEPTED'],
      [parent + 3, 'FILLED'],
    ]);
    expect(t.desk.position('main', 'AAPL')?.qty.toFixed()).toBe('0');
    expect(t.desk.heldChildren(parent)).toEqual([]);
  });

  it('reverse on a short with a rejected turn: the cancels stand, the position stays', async () => {
    t = await openTestDesk({ account: false });
    t.desk.createAccount({ id: 'main', cash: '30000' });
    t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    t.desk.placeOrder({ symbol: 'AAPL', side: 'SELL', qty: 500, orderType: 'MKT' });
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 500, orderType: 'STP', stop: '210.00', tif: 'GTC' });
    const result = t.desk.reverse('main', 'AAPL');
    expect(result).toMatchObject({ ok: true, value: { canceled: [{ status: 'CANCELED' }], order: { side: 'BUY', status: 'REJECTED' } } });
    expect(t.desk.position('main', 'AAPL')?.qty.toFixed()).toBe('-500');
  });

  it('cancel all: WORKING and HELD orders in one change', async () => {
    const parent = await longWithBracket();
    const changes = changesOf(() => t.desk.cancelAll('main'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.orders.map((o) => [o.id, o.status])).toEqual([
      [parent, 'CANCELED'],
      [parent + 1, 'CANCELED'],
      [parent + 2, 'CANCELED'],
    ]);
  });
});
