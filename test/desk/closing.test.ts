// Flatten, reverse and cancel all as desk operations (ENGINE.md 13): each is one change, so one transaction; and the
// preview prices an order with the same cash function the fill then uses.
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/main/engine/change';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk;
afterEach(() => t.close());

async function deskWithAapl(cash?: string): Promise<TestDesk> {
  t = await openTestDesk({ account: false });
  t.desk.createAccount({ id: 'main', ...(cash ? { cash } : {}) });
  t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
  return t;
}

function changesOf(run: () => unknown): Change[] {
  const changes: Change[] = [];
  const off = t.desk.subscribe((change) => changes.push(change));
  run();
  off();
  return changes;
}

const qty = (symbol: string) => t.desk.position('main', symbol)?.qty.toFixed();

describe('flatten, reverse and cancel all', () => {
  it('flatten cancels the symbol’s working orders and closes the position in one change', async () => {
    await deskWithAapl();
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
    t.desk.placeOrder({ symbol: 'AAPL', side: 'SELL', qty: 100, orderType: 'LMT', limit: '250', tif: 'GTC' });
    t.desk.applyQuote(quote({ symbol: 'MSFT', bid: '400', ask: '400.10', last: '400.05' }));
    const msft = t.desk.placeOrder({ symbol: 'MSFT', side: 'BUY', qty: 1, orderType: 'LMT', limit: '300' });
    let result: ReturnType<typeof t.desk.flatten> | undefined;
    const changes = changesOf(() => (result = t.desk.flatten('main', 'aapl')));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.events.map((e) => e.type)).toEqual(['CANCELED', 'ACCEPTED', 'FILLED']);
    expect(result).toMatchObject({ ok: true, value: { canceled: [{ status: 'CANCELED' }], order: { side: 'SELL', status: 'FILLED' } } });
    expect(qty('AAPL')).toBe('0');
    // Other symbols' orders are left alone.
    expect(msft.ok && t.desk.state.workingOrder(msft.value.id)?.status).toBe('WORKING');
  });

  it('reverse turns the position around with one MKT order of twice its size', async () => {
    await deskWithAapl();
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
    const result = t.desk.reverse('main', 'AAPL');
    expect(result).toMatchObject({ ok: true, value: { canceled: [], order: { side: 'SELL', qty: expect.anything(), status: 'FILLED' } } });
    expect(result.ok && result.value.order?.qty.toFixed()).toBe('200');
    expect(qty('AAPL')).toBe('-100');
  });

  it('a rejected reverse keeps its cancels and the position', async () => {
    // 400 AAPL at 200 on 25,000 (4x day-trading power): the opening half of a reverse (short 400) needs about
    // 20,000, more than the ~5,000 left.
    await deskWithAapl('25000');
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 300, orderType: 'MKT' });
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '150', tif: 'GTC' });
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
    const changes = changesOf(() => t.desk.reverse('main', 'AAPL'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.events.map((e) => e.type)).toEqual(['CANCELED', 'REJECTED']);
    expect(changes[0]!.orders.at(-1)?.rejectReason).toMatch(/^insufficient buying power/);
    expect(qty('AAPL')).toBe('400');
    expect([...t.desk.state.workingOrdersOf('main')]).toHaveLength(0);
  });

  it('with no position, flatten and reverse cancel the symbol’s orders and place nothing', async () => {
    await deskWithAapl();
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150' });
    expect(t.desk.reverse('main', 'AAPL')).toMatchObject({ ok: true, value: { canceled: [{ symbol: 'AAPL' }], order: null } });
    expect(t.desk.flatten('main', 'AAPL')).toMatchObject({ ok: true, value: { canceled: [], order: null } });
    expect(t.desk.flatten('nobody', 'AAPL')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'unknown account "nobody"' } });
  });

  it('cancel all cancels every working order of the account in one change', async () => {
    await deskWithAapl();
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150' });
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '151' });
    let result: ReturnType<typeof t.desk.cancelAll> | undefined;
    const changes = changesOf(() => (result = t.desk.cancelAll('main')));
    expect(changes).toHaveLength(1);
    expect(result?.ok && result.value.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    expect(t.desk.cancelAll('nobody')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the preview and the fill agree on cash', () => {
  it.each([
    ['BUY', 'AAPL', '100'],
    ['SELL', 'AAPL', '100'],
    ['BUY', '.AAPL260116C200', '3'],
  ] as const)('%s %s: the cash a fill moves is the preview’s cash effect less its costs', async (side, symbol, size) => {
    await deskWithAapl();
    t.desk.updateSettings({ commission: { EQ: '0.005', OPT: '0.65' }, fees: { EQ: '0.01', OPT: '0.02' } });
    t.desk.applyQuote(quote({ symbol: '.AAPL260116C200', bid: '4.90', ask: '5.10', last: '5.00' }));
    if (side === 'SELL' || symbol.startsWith('.')) {
      t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
    }
    if (symbol.startsWith('.')) t.desk.placeOrder({ symbol, side: 'BUY', qty: 5, orderType: 'MKT' });
    const order = { symbol, side, qty: size, orderType: 'MKT' } as const;
    const preview = t.desk.previewOrder(order);
    if (!preview.ok) throw new Error(preview.error.message);
    const before = t.desk.state.account('main')!.cash;
    t.desk.placeOrder(order);
    const moved = t.desk.state.account('main')!.cash.minus(before);
    expect(moved.toFixed()).toBe(preview.value.cashEffect.minus(preview.value.costs).toFixed());
    expect(preview.value.cashEffect.isZero()).toBe(false);
  });
});
