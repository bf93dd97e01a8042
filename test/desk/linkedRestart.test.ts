// A restart in the middle of linked and trailing orders (ENGINE.md 9, 11, 12): HELD children, OCO groups and
// trailing watermarks come back exactly, and the next quote carries on as if nothing had happened.
import { afterEach, describe, expect, it } from 'vitest';
import { whyNotFilled } from '../../src/main/engine/engine';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk;
afterEach(() => t.close());

const aapl = (bid: string, ask: string) => quote({ symbol: 'AAPL', bid, ask, last: bid });

describe('restart in the middle of linked orders', () => {
  it('a bracket whose parent rests: children come back HELD, then activate on the fill after the restart', async () => {
    t = await openTestDesk();
    t.desk.applyQuote(aapl('199.98', '200.00'));
    const placed = t.desk.placeOrder({
      symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'LMT', limit: '199.00', tif: 'GTC',
      children: [
        { side: 'SELL', orderType: 'LMT', limitTicks: 100 },
        { side: 'SELL', orderType: 'TRAIL_STP', trailOffset: '1.00' },
      ],
    });
    expect(placed.ok).toBe(true);
    const parent = placed.ok ? placed.value.id : 0;
    const desk = await t.reopen();
    const held = desk.heldChildren(parent);
    expect(held.map((o) => o.status)).toEqual(['HELD', 'HELD']);
    expect(held[0]!.limitTicks?.toFixed()).toBe('100');
    expect(whyNotFilled(desk.state, held[0]!)).toBe(`held until order ${parent} fills`);
    desk.applyQuote(aapl('198.98', '199.00'));
    const [take, trail] = [desk.state.workingOrder(parent + 1)!, desk.state.workingOrder(parent + 2)!];
    expect(take.limit?.toFixed()).toBe('200');
    expect(take.qty.toFixed()).toBe('10');
    expect(take.ocoGroup).toBe(trail.ocoGroup);
    // The trail anchored at activation on the mark 198.99: stop 197.99.
    expect(trail.trail?.stop?.toFixed()).toBe('197.99');
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
  });

  it('an OCO group and a trailing stop after a restart: the group still cancels, W keeps its high', async () => {
    t = await openTestDesk();
    t.desk.applyQuote(aapl('199.98', '200.00'));
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'MKT' });
    const oco = t.desk.placeOco({
      orders: [
        { symbol: 'AAPL', side: 'SELL', qty: 10, orderType: 'LMT', limit: '205.00', tif: 'GTC' },
        { symbol: 'AAPL', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '2.00', tif: 'GTC' },
      ],
    });
    expect(oco.ok).toBe(true);
    const [limit, trail] = oco.ok ? oco.value.map((o) => o.id) : [];
    t.desk.applyQuote(aapl('203.00', '203.02'));
    let desk = await t.reopen();
    expect(desk.state.workingOrder(trail!)!.trail!.watermark!.toFixed()).toBe('203.01');
    desk.applyQuote(aapl('202.00', '202.02'));
    desk = await t.reopen();
    expect(desk.state.workingOrder(trail!)!.trail!.stop!.toFixed()).toBe('201.01');
    desk.applyQuote(aapl('201.00', '201.02'));
    expect(desk.state.orderById(trail!)!.status).toBe('FILLED');
    expect(desk.state.orderById(limit!)).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${trail} filled` });
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
  });
});
