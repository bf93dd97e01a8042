// History in the app (issue 12): orders and fills of any range of trading days (17:00 New York to 17:00, DST
// included), each order's trail with its times and reasons, fills with their exec ids and dates, resets where they
// happened; the range queries walk their indexes (no sort), so a deep page costs what the first one does.
import { afterEach, describe, expect, it } from 'vitest';
import { orderTrail } from '../../src/main/desk/historyViews';
import { tradingDayRange } from '../../src/main/engine/tradingDay';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk;

const at = (iso: string) => Date.parse(iso);
const day = (date: string) => tradingDayRange(date, date)!;

function aapl(fields: Record<string, string>) {
  t.desk.applyQuote(quote({ symbol: 'AAPL', ...fields }));
}

function place(fields: Record<string, unknown>) {
  const result = t.desk.placeOrder({ account: 'main', symbol: 'AAPL', tif: 'GTC', ...fields } as never);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function trail(id: number) {
  const found = t.desk.orderTrail(id)!;
  return orderTrail(found.order, found.events, t.desk.settings).map((e) => `${e.type} ${e.text}`);
}

describe('trading days as ranges of time', () => {
  it('a day runs from the 17:00 New York roll before it to its own, Monday from Friday 17:00, in both DST seasons', () => {
    expect(day('2026-01-06')).toEqual({ start: at('2026-01-05T22:00:00Z'), end: at('2026-01-06T22:00:00Z') });
    expect(day('2026-01-05')).toEqual({ start: at('2026-01-02T22:00:00Z'), end: at('2026-01-05T22:00:00Z') });
    // DST starts Sunday 2026-03-08: Monday's day opens at Friday 17:00 EST and closes at Monday 17:00 EDT.
    expect(day('2026-03-09')).toEqual({ start: at('2026-03-06T22:00:00Z'), end: at('2026-03-09T21:00:00Z') });
    // DST ends Sunday 2026-11-01: Friday 17:00 EDT to Monday 17:00 EST.
    expect(day('2026-11-02')).toEqual({ start: at('2026-10-30T21:00:00Z'), end: at('2026-11-02T22:00:00Z') });
    // A weekend date is Monday's day; a range includes both of its ends.
    expect(day('2026-01-10')).toEqual(day('2026-01-12'));
    expect(tradingDayRange('2026-01-05', '2026-01-09')).toEqual({ start: at('2026-01-02T22:00:00Z'), end: at('2026-01-09T22:00:00Z') });
    expect(tradingDayRange('2026-13-45', '2026-01-09')).toBeNull();
  });
});

describe('the history of orders and fills', () => {
  afterEach(() => t.close());

  it('keeps each order’s trail: accepted, replaced with what changed, triggered, filled with its exec id, canceled by flatten, expired, account reset', async () => {
    t = await openTestDesk();
    aapl({ bid: '199.98', ask: '200.00', last: '199.99' });
    const edited = place({ side: 'BUY', qty: '100', orderType: 'LMT', limit: '101' });
    t.clock.set('2026-01-05T14:31:00Z');
    expect(t.desk.editOrder(edited.id, { limit: '100.50', qty: '200' }).ok).toBe(true);
    t.clock.set('2026-01-05T14:32:00Z');
    aapl({ bid: '100.30', ask: '100.40', last: '100.35' });
    const stop = place({ side: 'BUY', qty: '10', orderType: 'STP', stop: '101' });
    t.clock.set('2026-01-05T14:33:00Z');
    aapl({ bid: '101.10', ask: '101.20', last: '101.15' });
    const target = place({ side: 'SELL', qty: '210', orderType: 'LMT', limit: '150' });
    t.clock.set('2026-01-05T14:34:00Z');
    const flat = t.desk.flatten('main', 'AAPL');
    expect(flat.ok).toBe(true);
    const day5 = place({ side: 'BUY', qty: '1', orderType: 'LMT', limit: '50', tif: 'DAY' });
    t.clock.set('2026-01-05T21:00:00Z'); // 16:00 New York: the DAY order expires
    t.desk.catchUp();

    expect(trail(edited.id)).toEqual([
      'ACCEPTED accepted',
      'REPLACED limit 101.00 → 100.50, qty 100 → 200',
      'FILLED filled 200 @ 100.50 (exec 1)',
    ]);
    expect(trail(stop.id)).toEqual(['ACCEPTED accepted', 'TRIGGERED triggered: last 101.15', 'FILLED filled 10 @ 101.20 (exec 2)']);
    expect(trail(target.id)).toEqual(['ACCEPTED accepted', 'CANCELED canceled by flatten']);
    expect(trail(day5.id)).toEqual(['ACCEPTED accepted', 'EXPIRED DAY order expired']);
    // Each event keeps its own time: the edit a minute after the placing, the fill at its quote's.
    const times = orderTrail(t.desk.orderTrail(edited.id)!.order, t.desk.orderTrail(edited.id)!.events, t.desk.settings).map((e) => e.time);
    expect(times).toEqual(['2026-01-05T14:30:00.000Z', '2026-01-05T14:31:00.000Z', '2026-01-05T14:32:00.000Z']);

    t.clock.set('2026-01-05T22:10:00Z');
    const late = place({ side: 'BUY', qty: '1', orderType: 'LMT', limit: '50' });
    t.clock.set('2026-01-05T22:30:00Z');
    expect(t.desk.resetAccount('main').ok).toBe(true);
    expect(trail(late.id)).toEqual(['ACCEPTED accepted', 'CANCELED account reset']);
    expect(t.desk.orderTrail(9999)).toBeUndefined();
  });

  it('names cancel all and reverse in the reason, and shows a Treasury’s prices in 32nds (ZN in halves: 110\'080)', async () => {
    t = await openTestDesk();
    aapl({ bid: '199.98', ask: '200.00', last: '199.99' });
    const resting = place({ side: 'BUY', qty: '1', orderType: 'LMT', limit: '150' });
    expect(t.desk.cancelAll('main').ok).toBe(true);
    expect(trail(resting.id)).toEqual(['ACCEPTED accepted', 'CANCELED canceled by cancel all']);
    place({ side: 'BUY', qty: '1', orderType: 'MKT' });
    const target = place({ side: 'SELL', qty: '1', orderType: 'LMT', limit: '250' });
    expect(t.desk.reverse('main', 'AAPL').ok).toBe(true);
    expect(trail(target.id)).toEqual(['ACCEPTED accepted', 'CANCELED canceled by reverse']);

    t.desk.applyQuote(quote({ symbol: '/ZNH26', bid: '110.5', ask: '110.515625', last: '110.5' }));
    const zn = t.desk.placeOrder({ account: 'main', symbol: '/ZNH26', side: 'BUY', qty: '1', orderType: 'LMT', limit: '110', tif: 'GTC' });
    if (!zn.ok) throw new Error(zn.error.message);
    expect(t.desk.editOrder(zn.value.id, { limit: '110.25' }).ok).toBe(true);
    expect(trail(zn.value.id)).toEqual(['ACCEPTED accepted', "REPLACED limit 110'000 → 110'080"]);
  });

  it('a REPLACED event stored without what changed reads "replaced"', async () => {
    t = await openTestDesk();
    aapl({ bid: '199.98', ask: '200.00', last: '199.99' });
    const order = place({ side: 'BUY', qty: '100', orderType: 'LMT', limit: '101' });
    expect(t.desk.editOrder(order.id, { limit: '100' }).ok).toBe(true);
    t.desk.ledger.sqlite.prepare("UPDATE order_events SET detail = NULL WHERE type = 'REPLACED'").run();
    expect(trail(order.id)).toEqual(['ACCEPTED accepted', 'REPLACED replaced']);
  });

  it('orders by the trading day they were placed and fills by theirs: 16:59:59 and 17:00 New York fall on two days', async () => {
    t = await openTestDesk();
    aapl({ bid: '199.98', ask: '200.00', last: '199.99' });
    t.clock.set('2026-01-05T21:59:59Z'); // 16:59:59 New York, Monday: Monday's day
    const monday = place({ side: 'BUY', qty: '1', orderType: 'MKT' });
    t.clock.set('2026-01-05T22:00:00Z'); // 17:00: the roll, Tuesday's day
    const tuesday = place({ side: 'BUY', qty: '2', orderType: 'MKT' });
    const range = (date: string) => ({ accountId: 'main', from: day(date).start, to: day(date).end, limit: 100 });
    expect(t.desk.ordersPlaced(range('2026-01-05')).map((o) => o.id)).toEqual([monday.id]);
    expect(t.desk.ordersPlaced(range('2026-01-06')).map((o) => o.id)).toEqual([tuesday.id]);
    const mondayFills = t.desk.fillsBetween(range('2026-01-05'));
    expect(mondayFills.map((f) => [f.id, new Date(f.time).toISOString()])).toEqual([[1, '2026-01-05T21:59:59.000Z']]);
    expect(t.desk.fillsBetween(range('2026-01-06')).map((f) => f.id)).toEqual([2]);
    expect(t.desk.fillsBetween({ ...range('2026-01-05'), accountId: 'other' })).toEqual([]);
    // The opening of the account on Monday's day, a reset on Tuesday's, each where it happened.
    t.clock.set('2026-01-06T15:00:00Z');
    expect(t.desk.resetAccount('main').ok).toBe(true);
    expect(t.desk.resets('main', day('2026-01-05').start, day('2026-01-05').end).map((r) => r.kind)).toEqual(['OPEN']);
    const tuesdayResets = t.desk.resets('main', day('2026-01-06').start, day('2026-01-06').end);
    expect(tuesdayResets.map((r) => [r.kind, new Date(r.time).toISOString()])).toEqual([['RESET', '2026-01-06T15:00:00.000Z']]);
  });

  it('pages newest first with a cursor, and fills of the same second stay in id order', async () => {
    t = await openTestDesk();
    aapl({ bid: '199.98', ask: '200.00', last: '199.99' });
    for (let i = 0; i < 7; i += 1) place({ side: 'BUY', qty: '1', orderType: 'MKT' }); // one clock second: ties on time
    const { start, end } = day('2026-01-05');
    const filter = { accountId: 'main', from: start, to: end, limit: 3 };
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = t.desk.fillsBetween({ ...filter, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      pages.push(page.map((f) => f.id));
      before = page.at(-1)!.id;
    }
    expect(pages).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
    const orders = t.desk.ordersPlaced({ ...filter, before: 5 });
    expect(orders.map((o) => o.id)).toEqual([4, 3, 2]);
  });

  it('the range queries read their index in order: no table scan, no sort', async () => {
    t = await openTestDesk();
    const plan = (sql: string) =>
      (t.desk.ledger.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('main', 'a', 'b', 'c', 1, 10) as { detail: string }[]).map((r) => r.detail).join('; ');
    const fills = plan('SELECT * FROM fills WHERE account_id = ? AND time >= ? AND time < ? AND (time, id) < (?, ?) ORDER BY time DESC, id DESC LIMIT ?');
    expect(fills).toContain('USING INDEX fills_account_time');
    expect(fills).not.toContain('TEMP B-TREE');
    const orders = plan(
      'SELECT * FROM orders WHERE account_id = ? AND created_at >= ? AND created_at < ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?',
    );
    expect(orders).toContain('USING INDEX orders_account_created');
    expect(orders).not.toContain('TEMP B-TREE');
  });
});
