// ENGINE.md 14 at the session edges, on a real desk with exchange hours: when orders may fill, what "why not
// filled" says while closed, DAY and EXT expiry, EXT/GTC_EXT input rules, expired options, closed dates.
// January 2026: New York is UTC-5, so 09:30 New York is 14:30Z, 16:00 is 21:00Z, 17:00 is 22:00Z.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { whyNotFilled } from '../../src/main/engine/engine';
import { sessionAt } from '../../src/main/engine/marketHours';
import { tradingDate } from '../../src/main/engine/tradingDay';
import { openTestDesk, type TestDesk } from '../support/desk';

let t: TestDesk;
beforeEach(async () => {
  t = await openTestDesk();
  t.clock.set('2026-01-05T14:00:00Z');
  expect(t.desk.updateSettings({ marketHours: 'exchange' })).toMatchObject({ ok: true });
});
afterEach(() => t.close());

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function quote(symbol: string, timeIso: string, bid: string, ask: string) {
  t.clock.set(timeIso);
  t.desk.applyQuote({ symbol, bid: new Dec(bid), ask: new Dec(ask) });
}

function place(fields: { symbol: string; orderType: string } & Record<string, unknown>) {
  const result = t.desk.placeOrder({ side: 'BUY', qty: '1', ...fields });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const status = (id: number) => t.desk.state.orderById(id)!;

describe('sessions (ENGINE.md 14)', () => {
  const open = (kind: 'regular' | 'extended' | 'futures', when: string, closed: readonly string[] = []) => sessionAt(kind, at(when), closed).open;

  it('stocks and options: the regular session includes 09:30 and excludes 16:00', () => {
    expect(open('regular', '2026-01-05T14:29:59Z')).toBe(false);
    expect(open('regular', '2026-01-05T14:30:00Z')).toBe(true);
    expect(open('regular', '2026-01-05T20:59:59Z')).toBe(true);
    expect(open('regular', '2026-01-05T21:00:00Z')).toBe(false);
  });

  it('extended: 07:00 to 20:00', () => {
    expect(open('extended', '2026-01-05T11:59:59Z')).toBe(false);
    expect(open('extended', '2026-01-05T12:00:00Z')).toBe(true);
    expect(open('extended', '2026-01-05T21:00:00Z')).toBe(true);
    expect(open('extended', '2026-01-06T00:59:59Z')).toBe(true);
    expect(open('extended', '2026-01-06T01:00:00Z')).toBe(false);
  });

  it('futures: Sunday 18:00 to Friday 17:00 with the daily 17:00-18:00 halt', () => {
    expect(open('futures', '2026-01-04T22:59:59Z')).toBe(false); // Sunday 17:59:59
    expect(open('futures', '2026-01-04T23:00:00Z')).toBe(true); // Sunday 18:00
    expect(open('futures', '2026-01-05T21:59:59Z')).toBe(true); // Monday 16:59:59
    expect(open('futures', '2026-01-05T22:00:00Z')).toBe(false); // Monday 17:00, the halt
    expect(open('futures', '2026-01-05T22:59:59Z')).toBe(false);
    expect(open('futures', '2026-01-05T23:00:00Z')).toBe(true); // Monday 18:00
    expect(open('futures', '2026-01-09T21:59:59Z')).toBe(true); // Friday 16:59:59
    expect(open('futures', '2026-01-09T22:00:00Z')).toBe(false); // Friday 17:00
    expect(open('futures', '2026-01-09T23:30:00Z')).toBe(false); // Friday evening: no Friday 18:00 session
  });

  it('weekends are closed for every market', () => {
    for (const kind of ['regular', 'extended', 'futures'] as const) {
      expect(open(kind, '2026-01-10T15:00:00Z')).toBe(false); // Saturday
      expect(open(kind, '2026-01-11T15:00:00Z')).toBe(false); // Sunday 10:00
    }
  });

  it('a closed date has no session: stocks that day, futures from 18:00 the evening before', () => {
    const closed = ['2026-01-19'];
    expect(open('regular', '2026-01-19T15:00:00Z', closed)).toBe(false);
    expect(open('regular', '2026-01-20T15:00:00Z', closed)).toBe(true);
    expect(open('futures', '2026-01-19T15:00:00Z', closed)).toBe(false);
    expect(open('futures', '2026-01-18T23:30:00Z', closed)).toBe(false); // Sunday 18:30 before the closed Monday
    expect(open('futures', '2026-01-19T23:00:00Z', closed)).toBe(true); // Monday 18:00 opens Tuesday's session
  });

  it('the trading date turns at the 17:00 roll and skips the weekend', () => {
    expect(tradingDate(at('2026-01-05T21:59:59Z'))).toBe('2026-01-05');
    expect(tradingDate(at('2026-01-05T22:00:00Z'))).toBe('2026-01-06');
    expect(tradingDate(at('2026-01-09T22:00:00Z'))).toBe('2026-01-12');
  });
});

describe('orders rest while their market is closed (ENGINE.md 14)', () => {
  it('a MKT order placed at 09:29:59 rests, says when the market opens, and fills on the first quote from 09:30', () => {
    quote('AAPL', '2026-01-05T14:29:00Z', '199.98', '200.00');
    t.clock.set('2026-01-05T14:29:59Z');
    const order = place({ symbol: 'AAPL', orderType: 'MKT' });
    expect(order.status).toBe('WORKING');
    expect(whyNotFilled(t.desk.state, order, t.clock.now())).toBe('market closed: opens 09:30 New York');
    quote('AAPL', '2026-01-05T14:30:00Z', '199.99', '200.01');
    expect(status(order.id)).toMatchObject({ status: 'FILLED' });
    expect(status(order.id).avgFillPrice?.toFixed()).toBe('200.01');
    expect(t.desk.fillHistory()[0]!.time).toBe(at('2026-01-05T14:30:00Z'));
  });

  it('a resting LMT marketable at the open fills at the market, as arriving, not at its limit', () => {
    t.clock.set('2026-01-05T13:00:00Z'); // 08:00
    const order = place({ symbol: 'AAPL', orderType: 'LMT', limit: '205', tif: 'GTC' });
    quote('AAPL', '2026-01-05T14:00:00Z', '201.00', '201.02'); // premarket: marketable, but closed
    expect(status(order.id).status).toBe('WORKING');
    quote('AAPL', '2026-01-05T14:30:01Z', '201.00', '201.02');
    expect(status(order.id).avgFillPrice?.toFixed()).toBe('201.02');
  });

  it('an order that rested in the session fills at its limit (touch), the session going on', () => {
    quote('AAPL', '2026-01-05T15:00:00Z', '201.00', '201.02');
    const order = place({ symbol: 'AAPL', orderType: 'LMT', limit: '200' });
    quote('AAPL', '2026-01-05T15:01:00Z', '199.50', '199.60');
    expect(status(order.id).avgFillPrice?.toFixed()).toBe('200');
  });

  it('at 16:00 a stock DAY order expires; an EXT order works until 20:00 and then expires', () => {
    quote('AAPL', '2026-01-05T15:00:00Z', '201.00', '201.02');
    const day = place({ symbol: 'AAPL', orderType: 'LMT', limit: '190' });
    const ext = place({ symbol: 'AAPL', orderType: 'LMT', limit: '190', tif: 'EXT' });
    const gtcExt = place({ symbol: 'AAPL', orderType: 'LMT', limit: '189', tif: 'GTC_EXT' });
    expect(iso(day.expiresAt!)).toBe('2026-01-05T21:00:00.000Z');
    expect(iso(ext.expiresAt!)).toBe('2026-01-06T01:00:00.000Z');
    expect(gtcExt.expiresAt).toBeNull();
    t.clock.set('2026-01-05T21:00:00Z');
    t.desk.catchUp();
    expect(status(day.id)).toMatchObject({ status: 'EXPIRED', statusReason: 'DAY order expired' });
    expect(status(ext.id).status).toBe('WORKING');
    // 16:30: the extended session fills EXT, the regular DAY order is gone
    quote('AAPL', '2026-01-05T21:30:00Z', '189.50', '189.60');
    expect(status(ext.id)).toMatchObject({ status: 'FILLED' });
    expect(status(gtcExt.id).status).toBe('WORKING');
    const late = place({ symbol: 'AAPL', orderType: 'LMT', limit: '150', tif: 'EXT' });
    t.clock.set('2026-01-06T00:59:59Z');
    t.desk.catchUp();
    expect(status(late.id).status).toBe('WORKING');
    t.clock.set('2026-01-06T01:00:00Z');
    t.desk.catchUp();
    expect(status(late.id)).toMatchObject({ status: 'EXPIRED', statusReason: 'EXT order expired' });
    // 20:00: GTC_EXT rests until 07:00
    quote('AAPL', '2026-01-06T01:00:00Z', '188.00', '188.10');
    expect(status(gtcExt.id).status).toBe('WORKING');
    expect(whyNotFilled(t.desk.state, status(gtcExt.id), at('2026-01-06T01:00:00Z'))).toBe('market closed: opens Tuesday 07:00 New York');
    quote('AAPL', '2026-01-06T12:00:00Z', '188.00', '188.10');
    expect(status(gtcExt.id).avgFillPrice?.toFixed()).toBe('188.1');
  });

  it('a DAY order placed after the close works the next session, and one before a weekend on Monday', () => {
    t.clock.set('2026-01-05T21:00:00Z'); // Monday 16:00
    const monday = place({ symbol: 'AAPL', orderType: 'LMT', limit: '100' });
    expect(iso(monday.expiresAt!)).toBe('2026-01-06T21:00:00.000Z');
    t.clock.set('2026-01-09T22:30:00Z'); // Friday 17:30
    const friday = place({ symbol: 'AAPL', orderType: 'LMT', limit: '100' });
    expect(iso(friday.expiresAt!)).toBe('2026-01-12T21:00:00.000Z');
    expect(whyNotFilled(t.desk.state, friday, t.clock.now())).toBe('market closed: opens Monday 09:30 New York');
  });

  it('a closed date moves a DAY order to the next session', () => {
    expect(t.desk.updateSettings({ closedDates: ['2026-01-19'] })).toMatchObject({ ok: true });
    t.clock.set('2026-01-16T22:00:00Z'); // Friday 17:00 before a closed Monday
    const order = place({ symbol: 'AAPL', orderType: 'LMT', limit: '100' });
    expect(iso(order.expiresAt!)).toBe('2026-01-20T21:00:00.000Z');
    expect(whyNotFilled(t.desk.state, order, t.clock.now())).toBe('market closed: opens Tuesday 09:30 New York');
  });

  it('futures: nothing fills in the 17:00-18:00 halt; a DAY order expires at 17:00; Sunday 18:00 opens', () => {
    quote('/ES', '2026-01-05T21:00:00Z', '6000.00', '6000.25');
    const day = place({ symbol: '/ES', orderType: 'LMT', limit: '5990' });
    expect(iso(day.expiresAt!)).toBe('2026-01-05T22:00:00.000Z');
    t.clock.set('2026-01-05T22:00:00Z');
    const mkt = place({ symbol: '/ES', orderType: 'MKT', tif: 'GTC' });
    expect(status(day.id).status).toBe('EXPIRED');
    expect(mkt.status).toBe('WORKING');
    expect(whyNotFilled(t.desk.state, mkt, t.clock.now())).toBe('market closed: opens 18:00 New York');
    quote('/ES', '2026-01-05T22:59:59Z', '6001.00', '6001.25');
    expect(status(mkt.id).status).toBe('WORKING');
    quote('/ES', '2026-01-05T23:00:00Z', '6001.00', '6001.25');
    expect(status(mkt.id).avgFillPrice?.toFixed()).toBe('6001.25');

    t.clock.set('2026-01-10T15:00:00Z'); // Saturday
    const weekend = place({ symbol: '/ES', orderType: 'MKT', tif: 'GTC' });
    expect(whyNotFilled(t.desk.state, weekend, t.clock.now())).toBe('market closed: opens Sunday 18:00 New York');
    quote('/ES', '2026-01-11T22:59:59Z', '6002.00', '6002.25');
    expect(status(weekend.id).status).toBe('WORKING');
    quote('/ES', '2026-01-11T23:00:00Z', '6002.00', '6002.25');
    expect(status(weekend.id).status).toBe('FILLED');
  });

  it('a stop does not trigger while closed', () => {
    t.clock.set('2026-01-05T21:30:00Z');
    const stop = place({ symbol: 'AAPL', orderType: 'STP', stop: '210', tif: 'GTC' });
    quote('AAPL', '2026-01-05T21:31:00Z', '211.00', '211.02');
    expect(status(stop.id)).toMatchObject({ status: 'WORKING', triggered: false });
  });

  it('with always hours the same order fills at 00:35 New York', () => {
    expect(t.desk.updateSettings({ marketHours: 'always' })).toMatchObject({ ok: true });
    quote('AAPL', '2026-01-05T05:35:00Z', '199.98', '200.00');
    const order = place({ symbol: 'AAPL', orderType: 'MKT' });
    expect(order.status).toBe('FILLED');
    expect(whyNotFilled(t.desk.state, order, t.clock.now())).toBeNull();
  });
});

describe('EXT, GTC_EXT and expired options are input errors (ENGINE.md 14)', () => {
  it.each([
    [{ symbol: 'AAPL', orderType: 'MKT', tif: 'EXT' }, 'EXT is for stock LMT orders only (got MKT on AAPL)'],
    [{ symbol: 'AAPL', orderType: 'STP_LMT', limit: '200', stop: '200', tif: 'GTC_EXT' }, 'GTC_EXT is for stock LMT orders only (got STP_LMT on AAPL)'],
    [{ symbol: '/ES', orderType: 'LMT', limit: '6000', tif: 'EXT' }, 'EXT is for stock LMT orders only (got LMT on /ES)'],
    [{ symbol: '.SPY260116C600', orderType: 'LMT', limit: '1', tif: 'GTC_EXT' }, 'GTC_EXT is for stock LMT orders only (got LMT on .SPY260116C600)'],
  ])('%o', (fields, message) => {
    const before = t.desk.orderHistory().length;
    expect(t.desk.placeOrder({ side: 'BUY', qty: '1', ...fields })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
    expect(t.desk.orderHistory()).toHaveLength(before);
  });

  it('an option expired before the trading date cannot be ordered, in both modes; on its last day it can', () => {
    const spec = { symbol: '.SPY251219C600', side: 'BUY', qty: '1', orderType: 'LMT', limit: '1' } as const;
    t.clock.set('2025-12-19T21:59:59Z'); // Friday 16:59:59: still its trading date
    expect(t.desk.placeOrder(spec)).toMatchObject({ ok: true });
    t.clock.set('2025-12-19T22:00:00Z'); // the roll: the trading date is Monday
    expect(t.desk.placeOrder(spec)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'option .SPY251219C600 expired on 2025-12-19' } });
    expect(t.desk.updateSettings({ marketHours: 'always' })).toMatchObject({ ok: true });
    expect(t.desk.placeOrder(spec)).toMatchObject({ ok: false, error: { message: 'option .SPY251219C600 expired on 2025-12-19' } });
  });

  it('settings refuse an unknown mode and a date that does not exist', () => {
    expect(t.desk.updateSettings({ marketHours: 'sometimes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(t.desk.updateSettings({ closedDates: ['2026-02-30'] })).toMatchObject({ ok: false, error: { message: 'closedDates: "2026-02-30" is not a date like "2026-12-25"' } });
    expect(t.desk.settings.closedDates).toEqual([]);
  });

  it('market hours and closed dates survive a restart; a ledger without them gets the desk default', async () => {
    t.desk.updateSettings({ closedDates: ['2026-12-25', '2026-01-19'] });
    const desk = await t.reopen();
    expect(desk.settings).toMatchObject({ marketHours: 'exchange', closedDates: ['2026-01-19', '2026-12-25'] });
  });
});
