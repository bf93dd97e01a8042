import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, quote, rowCounts, type TestDesk } from '../support/desk';

let t: TestDesk;
beforeEach(async () => {
  t = await openTestDesk();
  t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
});
afterEach(() => t.close());

const good = { symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '150.00' };

describe('input errors store nothing (ENGINE.md 3)', () => {
  it.each([
    ['unknown account', { ...good, account: 'nope' }, 'unknown account "nope"'],
    ['untradable symbol', { ...good, symbol: '$SPX' }, '$SPX can be quoted but not traded'],
    ['currency pair', { ...good, symbol: 'EUR/USD' }, 'EUR/USD can be quoted but not traded'],
    ['unknown futures root', { ...good, symbol: '/XXZ25', limit: '1' }, 'unknown futures contract /XXZ25: add it in Settings'],
    ['malformed option', { ...good, symbol: '.AAPL' }, 'malformed option symbol .AAPL'],
    ['qty 0', { ...good, qty: 0 }, 'qty must be a whole number from 1 to 1,000,000 (got 0)'],
    ['fractional qty', { ...good, qty: '1.5' }, 'qty must be a whole number from 1 to 1,000,000 (got "1.5")'],
    ['qty too large', { ...good, qty: 1_000_001 }, 'qty must be a whole number from 1 to 1,000,000 (got 1000001)'],
    ['negative qty', { ...good, qty: -5 }, 'qty must be a whole number from 1 to 1,000,000 (got -5)'],
    ['qty of the wrong type', { ...good, qty: true }, 'qty must be a whole number from 1 to 1,000,000 (got true)'],
    ['unknown side', { ...good, side: 'HOLD' }, 'unknown side "HOLD": use BUY or SELL'],
    ['unknown order type', { ...good, orderType: 'MOC' }, 'unknown order type "MOC": use MKT, LMT, STP, STP_LMT, TRAIL_STP or TRAIL_STP_LMT'],
    ['unknown tif', { ...good, tif: 'IOC' }, 'unknown tif "IOC": use DAY, GTC, EXT or GTC_EXT'],
    ['LMT without limit', { ...good, limit: undefined }, 'a LMT order needs a limit price'],
    ['zero limit', { ...good, limit: '0' }, 'limit must be a positive price (got "0")'],
    ['negative limit', { ...good, limit: -1 }, 'limit must be a positive price (got -1)'],
    ['limit of the wrong type', { ...good, limit: 'cheap' }, 'limit must be a decimal number (got "cheap")'],
    ['STP without stop', { ...good, orderType: 'STP' }, 'a STP order needs a stop price'],
    ['STP_LMT without stop', { ...good, orderType: 'STP_LMT' }, 'a STP_LMT order needs a stop price'],
    ['STP_LMT without limit', { ...good, orderType: 'STP_LMT', limit: undefined, stop: '150' }, 'a STP_LMT order needs a limit price'],
    ['non-positive stop', { ...good, orderType: 'STP', stop: '0' }, 'stop must be a positive price (got "0")'],
    ['limit off the tick grid', { ...good, limit: '150.005' }, 'limit 150.005 is off the tick grid of AAPL: it must be a multiple of 0.01'],
    ['futures stop off the tick grid', { ...good, symbol: '/ES', orderType: 'STP', stop: '6000.10' }, 'stop 6000.1 is off the tick grid of /ES: it must be a multiple of 0.25'],
    ['symbol of the wrong type', { ...good, symbol: 42 }, 'symbol must be text (got 42)'],
    ['clientOrderId of the wrong type', { ...good, clientOrderId: 7 }, 'clientOrderId must be text of 1 to 64 characters (got 7)'],
  ])('%s', (_name, input, message) => {
    const before = rowCounts(t.desk);
    const result = t.desk.placeOrder(input as never);
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
    expect(rowCounts(t.desk)).toEqual(before);
  });

  it('accepts numbers as JSON strings or numbers, and lower-priced stocks on the 0.0001 grid', () => {
    expect(t.desk.placeOrder({ ...good, qty: '10', limit: 150 }).ok).toBe(true);
    const penny = t.desk.placeOrder({ ...good, symbol: 'SNDL', limit: '0.5123' });
    expect(penny.ok && penny.value.status).toBe('WORKING');
  });

  it('a business rejection is stored as a REJECTED order with one REJECTED event', () => {
    const before = rowCounts(t.desk);
    const result = t.desk.placeOrder({ symbol: 'MSFT', side: 'BUY', qty: 1, orderType: 'MKT' });
    expect(result.ok && result.value.status).toBe('REJECTED');
    const after = rowCounts(t.desk);
    expect(after.orders).toBe(before.orders! + 1);
    expect(after.order_events).toBe(before.order_events! + 1);
    expect(after.fills).toBe(before.fills);
  });
});

describe('edit and cancel (ENGINE.md 3)', () => {
  it('only WORKING orders can be edited or canceled, and the error names the status', () => {
    const filled = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' });
    if (!filled.ok) throw new Error('not placed');
    const before = rowCounts(t.desk);
    expect(t.desk.editOrder(filled.value.id, { qty: 2 })).toEqual({
      ok: false,
      error: { code: 'NOT_WORKING', message: 'Only WORKING orders can be edited (current status: FILLED)' },
    });
    expect(t.desk.cancelOrder(filled.value.id)).toEqual({
      ok: false,
      error: { code: 'NOT_WORKING', message: 'Only WORKING orders can be canceled (current status: FILLED)' },
    });
    expect(t.desk.cancelOrder(999)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no order 999' } });
    expect(rowCounts(t.desk)).toEqual(before);
  });

  it('an edit changes qty, type, prices and tif, writes REPLACED, and is evaluated at once', () => {
    const placed = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '190.00' });
    if (!placed.ok) throw new Error('not placed');
    const edited = t.desk.editOrder(placed.value.id, { qty: 20, limit: '195.00', tif: 'GTC' });
    expect(edited.ok && edited.value).toMatchObject({ status: 'WORKING', tif: 'GTC', expiresAt: null });
    expect(edited.ok && edited.value.qty.toFixed()).toBe('20');
    const marketable = t.desk.editOrder(placed.value.id, { limit: '200.50' });
    expect(marketable.ok && marketable.value.status).toBe('FILLED');
    expect(marketable.ok && marketable.value.avgFillPrice?.toFixed()).toBe('200');
    const types = t.desk.ledger.sqlite
      .prepare('SELECT type FROM order_events WHERE order_id = ? ORDER BY id')
      .all(placed.value.id)
      .map((r) => (r as { type: string }).type);
    expect(types).toEqual(['ACCEPTED', 'REPLACED', 'REPLACED', 'FILLED']);
  });

  it('an edit is validated as a new order; a bad one changes nothing', () => {
    const placed = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '190.00' });
    if (!placed.ok) throw new Error('not placed');
    const before = rowCounts(t.desk);
    expect(t.desk.editOrder(placed.value.id, { qty: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(t.desk.editOrder(placed.value.id, { orderType: 'STP' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'a STP order needs a stop price' },
    });
    expect(rowCounts(t.desk)).toEqual(before);
    expect(t.desk.state.workingOrder(placed.value.id)?.limit?.toFixed()).toBe('190');
  });

  it('an edit checks buying power without its own old requirement, and a failed edit leaves the order as it was', () => {
    // 100,000 at 25%: 400,000 of stock. 2,000 x 190 = 380,000 needs 95,000.
    const placed = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 2000, orderType: 'LMT', limit: '190.00', tif: 'GTC' });
    if (!placed.ok || placed.value.status !== 'WORKING') throw new Error('not working');
    const bigger = t.desk.editOrder(placed.value.id, { qty: 2100 }); // needs 99,750: fits only without the old 95,000
    expect(bigger.ok).toBe(true);
    const tooBig = t.desk.editOrder(placed.value.id, { qty: 2200 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'EDIT_REJECTED' } });
    expect(!tooBig.ok && tooBig.error.message).toBe('insufficient buying power: needs 104,500.00, available 100,000.00');
    expect(t.desk.state.workingOrder(placed.value.id)?.qty.toFixed()).toBe('2100');
  });

  it('side, symbol and account cannot change in an edit', () => {
    const placed = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '190.00' });
    if (!placed.ok) throw new Error('not placed');
    t.desk.editOrder(placed.value.id, { side: 'SELL', symbol: 'MSFT' } as never);
    expect(t.desk.state.workingOrder(placed.value.id)).toMatchObject({ side: 'BUY', symbol: 'AAPL' });
  });

  it('cancel writes CANCELED', () => {
    const placed = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '190.00' });
    if (!placed.ok) throw new Error('not placed');
    const canceled = t.desk.cancelOrder(placed.value.id);
    expect(canceled.ok && canceled.value.status).toBe('CANCELED');
    expect(t.desk.state.workingCount()).toBe(0);
  });
});

describe('clientOrderId (ENGINE.md 9)', () => {
  it('placing again with an existing clientOrderId returns that order and creates nothing, also after a restart', async () => {
    const input = { symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '190.00', clientOrderId: 'abc-1' };
    const first = t.desk.placeOrder(input);
    const before = rowCounts(t.desk);
    const again = t.desk.placeOrder({ ...input, qty: 99 });
    expect(again.ok && first.ok && again.value.id === first.value.id).toBe(true);
    expect(rowCounts(t.desk)).toEqual(before);
    const reopened = await t.reopen();
    const afterRestart = reopened.placeOrder(input);
    expect(afterRestart.ok && first.ok && afterRestart.value.id === first.value.id).toBe(true);
    expect(rowCounts(reopened)).toEqual(before);
  });

  it('is unique per account, not across accounts', () => {
    t.desk.createAccount({ id: 'other' });
    const input = { symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '190.00', clientOrderId: 'x' };
    const a = t.desk.placeOrder({ ...input, account: 'main' });
    const b = t.desk.placeOrder({ ...input, account: 'other' });
    expect(a.ok && b.ok && a.value.id !== b.value.id).toBe(true);
  });
});
