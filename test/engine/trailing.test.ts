// Trailing stops (ENGINE.md 11) through the scenario runner and the real desk: the watermark and stop on the order
// row, ticks and percent rounded away from the market, waiting with no reference, TRIGGERED with the stop,
// TRAIL_STP_LMT as a limit at stop - limitOffset, edits re-anchoring W, exchange hours freezing W, the requirement.
import { afterEach, describe, expect, it } from 'vitest';
import { whyNotFilled } from '../../src/main/engine/engine';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk, quote, type TestDesk } from '../support/desk';
import { account, order, run, type Event } from '../support/scenario';

const q = (last: string, extra: Record<string, string> = {}): Event => ({
  type: 'quote',
  symbol: 'MSFT',
  bid: (Number(last) - 0.01).toFixed(2),
  ask: (Number(last) + 0.01).toFixed(2),
  last,
  mark: last,
  ...extra,
});
const long: Event[] = [q('100.00'), { type: 'place', ref: 'b', symbol: 'MSFT', side: 'BUY', qty: 10, orderType: 'MKT' }];

describe('trailing stops (ENGINE.md 11)', () => {
  it('a SELL trail follows the high only, triggers at the stop and fills as MKT; TRIGGERED records the stop', async () => {
    const out = await run([
      ...long,
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '2.00', tif: 'GTC' },
      q('101.50'),
      q('100.75'),
    ]);
    expect(order(out, 't')).toMatchObject({ status: 'WORKING', trailWatermark: '101.5', trailStop: '99.5' });
    const filled = await run([
      ...long,
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '2.00', tif: 'GTC' },
      q('101.50'),
      q('100.75'),
      q('99.50'),
    ]);
    expect(order(filled, 't')).toMatchObject({ status: 'FILLED', triggered: true, avgFillPrice: '99.49', trailStop: '99.5', trailWatermark: '101.5' });
    expect(filled.fills.at(-1)!.reason).toContain('TRAIL_STP SELL: trailing stop triggered (last 99.50 <= stop 99.50)');
  });

  it('says why it has not filled in the trader’s words', async () => {
    t = await openTestDesk();
    t.desk.applyQuote(quote({ symbol: 'MSFT', bid: '99.99', ask: '100.01', last: '100.00', mark: '100.00' }));
    const placed = t.desk.placeOrder({ symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'TRAIL_STP', trailOffset: '2.00', tif: 'GTC' });
    t.desk.applyQuote(quote({ symbol: 'MSFT', mark: '101.50', last: '101.50' }));
    t.desk.applyQuote(quote({ symbol: 'MSFT', mark: '100.75', last: '100.75' }));
    const working = t.desk.state.workingOrder(placed.ok ? placed.value.id : 0)!;
    expect(whyNotFilled(t.desk.state, working)).toBe('trails MARK by 2.00 from high 101.50: stop 99.50; needs last <= 99.50, last is 100.75');
  });

  it('a BUY trail follows the low; ticks and percent offsets round away from the market', async () => {
    const out = await run([
      { type: 'quote', symbol: '/ESH6', bid: '6000.00', ask: '6000.25', last: '6000.00', mark: '6000.00' },
      { type: 'place', ref: 'ticks', symbol: '/ESH6', side: 'BUY', qty: 1, orderType: 'TRAIL_STP', trailOffset: 3, trailUnit: 'TICKS', tif: 'GTC' },
      q('100.00'),
      // 1.5% of 100.00 = 1.50 exactly; of 99.37 = 1.49055: SELL stop 97.87945 rounds down to 97.87.
      { type: 'place', ref: 'pctSell', symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'TRAIL_STP', trailOffset: '1.5', trailUnit: 'PERCENT', tif: 'GTC', account: 'main' },
      { type: 'place', ref: 'pctBuy', symbol: 'MSFT', side: 'BUY', qty: 1, orderType: 'TRAIL_STP', trailOffset: '1.5', trailUnit: 'PERCENT', tif: 'GTC' },
      { type: 'quote', symbol: '/ESH6', last: '5990.00', mark: '5990.00' },
      q('99.37'),
    ]);
    expect(order(out, 'ticks')).toMatchObject({ status: 'WORKING', trailWatermark: '5990', trailStop: '5990.75' });
    // SELL: W stays 100 (99.37 is no new high): stop 98.5. BUY: W 99.37, stop 99.37 + 1.49055 = 100.86055, up to 100.87.
    expect(order(out, 'pctSell')).toMatchObject({ status: 'WORKING', trailWatermark: '100', trailStop: '98.5' });
    expect(order(out, 'pctBuy')).toMatchObject({ status: 'WORKING', trailWatermark: '99.37', trailStop: '100.87' });
  });

  it('with no reference yet it waits with no stop, then anchors on the first one', async () => {
    const before = await run([
      { type: 'quote', symbol: 'MSFT', bid: '99.99', ask: '100.01', last: '100.00', mark: '100.00' },
      { type: 'place', ref: 'b', symbol: 'MSFT', side: 'BUY', qty: 10, orderType: 'MKT' },
      { type: 'quote', symbol: 'MSFT', mark: null, bid: null, ask: null, last: null },
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '1.00', trailRef: 'BID', tif: 'GTC' },
    ]);
    expect(order(before, 't')).toMatchObject({ status: 'WORKING', trailWatermark: null, trailStop: null });
    const after = await run([
      { type: 'quote', symbol: 'MSFT', bid: '99.99', ask: '100.01', last: '100.00', mark: '100.00' },
      { type: 'place', ref: 'b', symbol: 'MSFT', side: 'BUY', qty: 10, orderType: 'MKT' },
      { type: 'quote', symbol: 'MSFT', mark: null, bid: null, ask: null, last: null },
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '1.00', trailRef: 'BID', tif: 'GTC' },
      { type: 'quote', symbol: 'MSFT', bid: '50.00', last: '50.02' },
    ]);
    expect(order(after, 't')).toMatchObject({ status: 'WORKING', trailWatermark: '50', trailStop: '49' });
  });

  it('TRAIL_STP_LMT triggers into a limit at stop - limitOffset and rests there, keeping its type', async () => {
    const out = await run([
      ...long,
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP_LMT', trailOffset: '1.00', limitOffset: '0.10', tif: 'GTC' },
      // Gaps through the stop 99.00 and the limit 98.90: triggered, the limit rests.
      { type: 'quote', symbol: 'MSFT', bid: '98.50', ask: '98.52', last: '98.51', mark: '98.51' },
    ]);
    expect(order(out, 't')).toMatchObject({ status: 'WORKING', orderType: 'TRAIL_STP_LMT', triggered: true, limit: '98.9', trailStop: '99' });
  });

  it('an edit re-anchors W at the current reference', async () => {
    const out = await run([
      ...long,
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '1.00', tif: 'GTC' },
      q('103.00'),
      q('102.50'),
      { type: 'edit', ref: 't', trailOffset: '0.40' },
    ]);
    // Before the edit W was 103 (stop 102); the edit takes 102.50 as W, though it is below the old high.
    expect(order(out, 't')).toMatchObject({ status: 'WORKING', trailWatermark: '102.5', trailStop: '102.1', trailOffset: '0.4' });
  });

  it('with exchange hours W moves only while the market is open', async () => {
    const out = await run([
      { type: 'settings', marketHours: 'exchange' },
      ...long,
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'TRAIL_STP', trailOffset: '1.00', tif: 'GTC' },
      // 17:00 New York: closed. A new high is not taken.
      { ...q('110.00'), time: '2026-01-05T22:00:00Z' },
    ]);
    expect(order(out, 't')).toMatchObject({ status: 'WORKING', trailWatermark: '100', trailStop: '99' });
  });

  it('the working-order requirement prices a trailing order at its stop, or the market before one exists', async () => {
    const out = await run([
      q('100.00'),
      { type: 'place', ref: 't', symbol: 'MSFT', side: 'BUY', qty: 100, orderType: 'TRAIL_STP', trailOffset: '5.00', tif: 'GTC' },
    ]);
    // Stop 105.00 x 100 x 25%.
    expect(account(out).orderRequirement).toBe('2625');
  });

  it('input errors: offsets off the grid, percent above 50, fractional ticks, a limitOffset on TRAIL_STP', async () => {
    const place = (fields: Event): Event => ({ type: 'place', ref: 'x', symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'TRAIL_STP', ...fields });
    const out = await run([
      q('100.00'),
      place({ trailOffset: '0.005' }),
      place({ trailOffset: '51', trailUnit: 'PERCENT' }),
      place({ trailOffset: '1.5', trailUnit: 'TICKS' }),
      place({ trailOffset: '1', limitOffset: '0.1' }),
      place({}),
      place({ trailOffset: '1', trailRef: 'MID' }),
    ]);
    expect(out.orders).toEqual([]);
    expect(out.errors.map((e) => e.message)).toEqual([
      'trailOffset 0.005 is off the tick grid of MSFT: it must be a multiple of 0.01',
      'a PERCENT trailOffset must be above 0 and at most 50 (got "51")',
      'a TICKS trailOffset must be a whole number from 1 to 100,000 (got "1.5")',
      'limitOffset is for TRAIL_STP_LMT orders only (got TRAIL_STP)',
      'a TRAIL_STP order needs a trailOffset',
      'unknown trailRef "MID": use MARK, LAST, BID or ASK',
    ]);
  });

  it('a quote that moves W writes the order row without an event, and a restart resumes from it', async () => {
    t = await openTestDesk();
    t.desk.applyQuote(quote({ symbol: 'MSFT', bid: '99.99', ask: '100.01', last: '100.00', mark: '100.00' }));
    const placed = t.desk.placeOrder({ symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'TRAIL_STP', trailOffset: '1.00', tif: 'GTC' });
    const id = placed.ok ? placed.value.id : 0;
    const events = () => (t!.desk.ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM order_events').get() as { n: number }).n;
    const before = events();
    t.desk.applyQuote(quote({ symbol: 'MSFT', mark: '104.00', last: '104.00' }));
    expect(events()).toBe(before);
    const row = t.desk.ledger.sqlite.prepare('SELECT trail_watermark, trail_stop FROM orders WHERE id = ?').get(id);
    expect(row).toEqual({ trail_watermark: '104', trail_stop: '103' });
    const desk = await t.reopen();
    expect(desk.state.workingOrder(id)?.trail).toMatchObject({ watermark: expect.anything(), stop: expect.anything() });
    expect(desk.state.workingOrder(id)!.trail!.stop!.toFixed()).toBe('103');
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
  });
});

let t: TestDesk | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});
