// Linked orders (ENGINE.md 12) and flatten/reverse/cancel all (13) through the scenario runner: brackets, OCO groups,
// HELD children and their reasons, the closing-children rule, refs and input errors; and the runner's clock fix.
import { describe, expect, it } from 'vitest';
import { account, order, position, run, type Event } from '../support/scenario';

const AAPL = (bid: string, ask: string, last = bid): Event => ({ type: 'quote', symbol: 'AAPL', bid, ask, last });
const bracket = (extra: Event = {}): Event => ({
  type: 'place',
  ref: 'p',
  symbol: 'AAPL',
  side: 'BUY',
  qty: 100,
  orderType: 'LMT',
  limit: '199.00',
  tif: 'GTC',
  children: [
    { ref: 'tp', side: 'SELL', orderType: 'LMT', limitTicks: 200 },
    { ref: 'sl', side: 'SELL', orderType: 'STP', stopTicks: -100 },
  ],
  ...extra,
});

describe('brackets and triggered orders (ENGINE.md 12)', () => {
  it('children wait HELD with their given terms (qty and tick prices null), then activate on the parent fill', async () => {
    const held = await run([AAPL('199.98', '200.00'), bracket()]);
    expect(order(held, 'tp')).toMatchObject({ status: 'HELD', qty: null, limit: null, limitTicks: '200', parentRef: 'p', tif: 'GTC' });
    expect(order(held, 'sl')).toMatchObject({ status: 'HELD', qty: null, stop: null, stopTicks: '-100', parentRef: 'p' });
    expect(order(held, 'tp').ocoGroup).not.toBeNull();
    expect(order(held, 'tp').ocoGroup).toBe(order(held, 'sl').ocoGroup);
    expect(order(held, 'p')).toMatchObject({ status: 'WORKING', parentRef: null, ocoGroup: null });
    // HELD children need no buying power: only the parent's 199 x 100 x 25%.
    expect(account(held).orderRequirement).toBe('4975');

    const active = await run([AAPL('199.98', '200.00'), bracket(), AAPL('198.98', '199.00')]);
    expect(order(active, 'p')).toMatchObject({ status: 'FILLED', avgFillPrice: '199' });
    expect(order(active, 'tp')).toMatchObject({ status: 'WORKING', qty: '100', limit: '201' });
    expect(order(active, 'sl')).toMatchObject({ status: 'WORKING', qty: '100', stop: '198' });

    const out = await run([AAPL('199.98', '200.00'), bracket(), AAPL('198.98', '199.00'), AAPL('201.00', '201.02')]);
    expect(order(out, 'tp')).toMatchObject({ status: 'FILLED', avgFillPrice: '201' });
    expect(order(out, 'sl')).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${order(out, 'tp').id} filled` });
    expect(position(out, 'AAPL').qty).toBe('0');
  });

  it('a child stop beyond the market at activation fills at once, in the parent fill’s transaction', async () => {
    const out = await run([
      AAPL('199.98', '200.00'),
      bracket({ orderType: 'MKT', limit: undefined, children: [{ ref: 'sl', side: 'SELL', orderType: 'STP', stop: '205.00' }, { ref: 'tp', side: 'SELL', orderType: 'LMT', limit: '210.00' }] }),
    ]);
    expect(order(out, 'p')).toMatchObject({ status: 'FILLED' });
    expect(order(out, 'sl')).toMatchObject({ status: 'FILLED', avgFillPrice: '199.98' });
    expect(order(out, 'tp')).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${order(out, 'sl').id} filled` });
    expect(position(out, 'AAPL').qty).toBe('0');
  });

  it('a parent that expires, is canceled or is rejected cancels its HELD children with the reason', async () => {
    const expired = await run([AAPL('199.98', '200.00'), bracket({ tif: 'DAY' }), { type: 'clock', time: '2026-01-05T21:05:00Z' }]);
    const p = order(expired, 'p').id;
    expect(order(expired, 'p')).toMatchObject({ status: 'EXPIRED' });
    // The children's DAY expiry is the parent's moment: the parent expires first, the children are CANCELED.
    expect(order(expired, 'tp')).toMatchObject({ status: 'CANCELED', statusReason: `parent order ${p} expired` });
    expect(order(expired, 'sl')).toMatchObject({ status: 'CANCELED', statusReason: `parent order ${p} expired` });

    const canceled = await run([AAPL('199.98', '200.00'), bracket(), { type: 'cancel', ref: 'p' }]);
    expect(order(canceled, 'tp')).toMatchObject({ status: 'CANCELED', statusReason: `parent order ${order(canceled, 'p').id} canceled` });

    const rejected = await run([{ type: 'account', id: 'small', cash: '1000' }, AAPL('199.98', '200.00'), bracket({ qty: 1000 })]);
    expect(order(rejected, 'p')).toMatchObject({ status: 'REJECTED' });
    expect(order(rejected, 'sl')).toMatchObject({ status: 'CANCELED', statusReason: `parent order ${order(rejected, 'p').id} rejected` });
  });

  it('a HELD child can be edited and canceled on its own; the other child stays', async () => {
    const out = await run([
      AAPL('199.98', '200.00'),
      bracket(),
      { type: 'edit', ref: 'tp', limit: '250.00', qty: 50 },
      { type: 'cancel', ref: 'sl' },
      AAPL('198.98', '199.00'),
    ]);
    expect(order(out, 'tp')).toMatchObject({ status: 'WORKING', qty: '50', limit: '250', limitTicks: null });
    expect(order(out, 'sl')).toMatchObject({ status: 'CANCELED', statusReason: 'canceled' });
  });

  it('children are closing: a flip by another order cancels them ("position closed"); a smaller position cuts them', async () => {
    const flip = await run([
      AAPL('198.98', '199.00'),
      bracket(),
      { type: 'place', ref: 'x', symbol: 'AAPL', side: 'SELL', qty: 150, orderType: 'MKT' },
    ]);
    expect(position(flip, 'AAPL').qty).toBe('-50');
    expect(order(flip, 'tp')).toMatchObject({ status: 'CANCELED', statusReason: 'position closed' });
    expect(order(flip, 'sl')).toMatchObject({ status: 'CANCELED', statusReason: 'position closed' });

    const cut = await run([
      AAPL('198.98', '199.00'),
      bracket(),
      { type: 'place', ref: 'x', symbol: 'AAPL', side: 'SELL', qty: 30, orderType: 'MKT' },
    ]);
    expect(order(cut, 'tp')).toMatchObject({ status: 'WORKING', qty: '70', statusReason: 'reduced to position' });
    expect(order(cut, 'sl')).toMatchObject({ status: 'WORKING', qty: '70', statusReason: 'reduced to position' });
  });

  it('childrenOco false: the children are independent', async () => {
    const out = await run([AAPL('199.98', '200.00'), bracket({ childrenOco: false })]);
    expect(order(out, 'tp').ocoGroup).toBeNull();
    expect(order(out, 'sl').ocoGroup).toBeNull();
  });

  it('an input error in a child is listed under the child’s ref and stores nothing', async () => {
    const out = await run([
      AAPL('199.98', '200.00'),
      bracket({ children: [{ ref: 'tp', side: 'SELL', orderType: 'LMT', limitTicks: 200 }, { ref: 'sl', side: 'SELL', orderType: 'STP', stopTicks: '1.5' }] }),
    ]);
    expect(out.orders).toEqual([]);
    expect(out.errors).toEqual([{ line: 2, ref: 'sl', message: 'stopTicks must be a whole number of ticks from -100,000 to 100,000 (got "1.5")' }]);
  });
});

describe('OCO groups (ENGINE.md 12)', () => {
  const oco = (a: Event = {}, b: Event = {}): Event => ({
    type: 'oco',
    orders: [
      { ref: 'up', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'STP', stop: '202.00', tif: 'GTC', ...a },
      { ref: 'down', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'LMT', limit: '195.00', tif: 'GTC', ...b },
    ],
  });

  it('one member filling cancels the other; buying power counts the largest member once', async () => {
    const resting = await run([AAPL('199.98', '200.00'), oco()]);
    // 202 x 100 x 25% = 5050 (the larger), not 5050 + 4875.
    expect(account(resting).orderRequirement).toBe('5050');
    const out = await run([AAPL('199.98', '200.00'), oco(), AAPL('202.00', '202.02', '202.01')]);
    expect(order(out, 'up')).toMatchObject({ status: 'FILLED' });
    expect(order(out, 'down')).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${order(out, 'up').id} filled` });
  });

  it('a member that fills on arrival cancels the rest; canceling one member leaves the other', async () => {
    const arrival = await run([AAPL('199.98', '200.00'), oco({}, { limit: '200.00' })]);
    expect(order(arrival, 'down')).toMatchObject({ status: 'FILLED' });
    expect(order(arrival, 'up')).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${order(arrival, 'down').id} filled` });
    const one = await run([AAPL('199.98', '200.00'), oco(), { type: 'cancel', ref: 'up' }]);
    expect(order(one, 'down')).toMatchObject({ status: 'WORKING' });
  });

  it('a group that does not fit is REJECTED whole; an input error in a member stores nothing and names it', async () => {
    const rejected = await run([{ type: 'account', id: 'a', cash: '1000' }, AAPL('199.98', '200.00'), oco()]);
    expect(order(rejected, 'up')).toMatchObject({ status: 'REJECTED', rejectReason: expect.stringContaining('insufficient buying power') });
    expect(order(rejected, 'down')).toMatchObject({ status: 'REJECTED' });
    const bad = await run([AAPL('199.98', '200.00'), oco({}, { limit: '195.001' })]);
    expect(bad.orders).toEqual([]);
    expect(bad.errors).toEqual([{ line: 2, ref: 'down', message: 'limit 195.001 is off the tick grid of AAPL: it must be a multiple of 0.01' }]);
  });
});

describe('flatten, reverse and cancel all (ENGINE.md 13)', () => {
  it('flatten cancels working and held orders of the symbol and closes; its order is flatten-1', async () => {
    const out = await run([AAPL('198.98', '199.00'), bracket(), bracket({ ref: 'p2', limit: '150.00', children: [{ ref: 'c2', side: 'SELL', orderType: 'LMT', limit: '300' }] }), { type: 'flatten', symbol: 'AAPL' }]);
    expect(order(out, 'flatten-1')).toMatchObject({ side: 'SELL', qty: '100', orderType: 'MKT', status: 'FILLED' });
    for (const ref of ['tp', 'sl', 'p2', 'c2']) expect(order(out, ref).status).toBe('CANCELED');
    expect(position(out, 'AAPL').qty).toBe('0');
  });

  it('reverse on a short buys twice the position; named refs are kept; no position: cancels only', async () => {
    const out = await run([
      AAPL('199.98', '200.00'),
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 100, orderType: 'MKT' },
      { type: 'reverse', symbol: 'AAPL' },
      { type: 'reverse', symbol: 'AAPL', ref: 'back' },
      { type: 'place', ref: 'w', symbol: 'MSFT', side: 'BUY', qty: 1, orderType: 'LMT', limit: '1.00' },
      { type: 'flatten', symbol: 'MSFT' },
    ]);
    expect(order(out, 'reverse-1')).toMatchObject({ side: 'BUY', qty: '200', status: 'FILLED' });
    expect(order(out, 'back')).toMatchObject({ side: 'SELL', qty: '200', status: 'FILLED' });
    expect(position(out, 'AAPL').qty).toBe('-100');
    expect(order(out, 'w')).toMatchObject({ status: 'CANCELED' });
    expect(out.orders.some((o) => o.ref === 'flatten-1')).toBe(false);
  });

  it('cancelAll cancels every WORKING and HELD order of the account', async () => {
    const out = await run([AAPL('199.98', '200.00'), bracket(), { type: 'cancelAll' }]);
    expect(out.orders.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
  });
});

describe('the runner applies the clock before every event', () => {
  it('an edit or cancel of an unknown ref, or a taken ref, still runs the expiries and the roll due by its time', async () => {
    for (const failing of [
      { type: 'edit', ref: 'nope', qty: 1, time: '2026-01-05T21:30:00Z' },
      { type: 'cancel', ref: 'nope', time: '2026-01-05T21:30:00Z' },
      { type: 'place', ref: 'd', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '1.00', time: '2026-01-05T21:30:00Z' },
    ]) {
      const out = await run([AAPL('199.98', '200.00'), { type: 'place', ref: 'd', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '100.00' }, failing]);
      expect(out.errors).toHaveLength(1);
      expect(order(out, 'd')).toMatchObject({ status: 'EXPIRED', statusReason: 'DAY order expired' });
    }
  });
});
