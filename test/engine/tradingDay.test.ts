import { describe, expect, it } from 'vitest';
import { dayOrderExpiry, nextRollAfter, rollAtOrBefore } from '../../src/main/engine/tradingDay';
import { AAPL, account, order, position, run } from '../support/scenario';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the trading day clock (ENGINE.md 8)', () => {
  it('rolls at 17:00 New York, winter and summer time', () => {
    expect(iso(nextRollAfter(at('2026-01-05T14:30:00Z')))).toBe('2026-01-05T22:00:00.000Z');
    expect(iso(nextRollAfter(at('2026-07-06T14:30:00Z')))).toBe('2026-07-06T21:00:00.000Z');
    // The Sunday of the March change: the next roll is Monday 17:00 EDT.
    expect(iso(nextRollAfter(at('2026-03-08T12:00:00Z')))).toBe('2026-03-09T21:00:00.000Z');
  });

  it('rolls on weekdays: Friday 17:00 opens Monday', () => {
    expect(iso(nextRollAfter(at('2026-01-09T22:00:00Z')))).toBe('2026-01-12T22:00:00.000Z');
    expect(iso(rollAtOrBefore(at('2026-01-11T15:00:00Z')))).toBe('2026-01-09T22:00:00.000Z');
  });

  it('expires DAY stock and option orders at 16:00 and futures at the 17:00 roll', () => {
    expect(iso(dayOrderExpiry('EQ', at('2026-01-05T14:30:00Z')))).toBe('2026-01-05T21:00:00.000Z');
    expect(iso(dayOrderExpiry('OPT', at('2026-01-05T14:30:00Z')))).toBe('2026-01-05T21:00:00.000Z');
    expect(iso(dayOrderExpiry('FUT', at('2026-01-05T14:30:00Z')))).toBe('2026-01-05T22:00:00.000Z');
    // After the close a stock DAY order is for the next session.
    expect(iso(dayOrderExpiry('EQ', at('2026-01-05T21:30:00Z')))).toBe('2026-01-06T21:00:00.000Z');
    // Sunday evening futures belong to Monday.
    expect(iso(dayOrderExpiry('FUT', at('2026-01-11T23:30:00Z')))).toBe('2026-01-12T22:00:00.000Z');
  });
});

describe('expiry and the roll in a run', () => {
  it('DAY orders expire at their moment, before the first event at or after it; GTC ones keep working', async () => {
    const out = await run([
      AAPL,
      { type: 'quote', symbol: '/ES', bid: '6000.00', ask: '6000.25', last: '6000.25' },
      { type: 'place', ref: 'eq', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150.00' },
      { type: 'place', ref: 'gtc', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150.00', tif: 'GTC' },
      { type: 'place', ref: 'fut', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'LMT', limit: '5000.00' },
      { type: 'clock', time: '2026-01-05T21:00:00Z' },
    ]);
    expect(order(out, 'eq').status).toBe('EXPIRED');
    expect(order(out, 'fut').status).toBe('WORKING');
    expect(order(out, 'gtc').status).toBe('WORKING');
    const later = await run([
      { type: 'place', ref: 'fut', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'LMT', limit: '5000.00' },
      { type: 'clock', time: '2026-01-05T21:59:59Z' },
    ]);
    expect(order(later, 'fut').status).toBe('WORKING');
    const rolled = await run([
      { type: 'place', ref: 'fut', symbol: '/ES', side: 'BUY', qty: 1, orderType: 'LMT', limit: '5000.00' },
      { type: 'clock', time: '2026-01-05T22:00:00Z' },
    ]);
    expect(order(rolled, 'fut').status).toBe('EXPIRED');
  });

  it('an expired order no longer fills, and its requirement is released', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'LMT', limit: '150.00' },
      { type: 'quote', time: '2026-01-05T21:30:00Z', symbol: 'AAPL', bid: '149.00', ask: '149.01', last: '149.00' },
    ]);
    expect(order(out, 'b').status).toBe('EXPIRED');
    expect(out.fills).toHaveLength(0);
    expect(account(out).orderRequirement).toBe('0');
  });

  it('the roll zeroes realized P&L for the day, drops closed positions, and P/L Day starts from the roll', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
      { type: 'place', ref: 'b2', symbol: 'MSFT', side: 'BUY', qty: 10, orderType: 'LMT', limit: '400.00', tif: 'GTC' },
      { type: 'quote', symbol: 'MSFT', bid: '399.00', ask: '399.50', last: '399.20' },
      { type: 'place', ref: 's2', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'MKT' },
      { type: 'quote', time: '2026-01-05T20:00:00Z', symbol: 'AAPL', bid: '210.00', ask: '210.00', last: '210.00' },
      { type: 'clock', time: '2026-01-05T22:00:00Z' },
    ]);
    expect(account(out)).toMatchObject({ realizedPlDay: '0', plDay: '0', unrealizedPl: '1000' });
    expect(out.positions.map((p) => p.symbol)).toEqual(['AAPL']);
    expect(position(out, 'AAPL').realizedPlDay).toBe('0');

    const nextDay = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
      { type: 'quote', time: '2026-01-05T20:00:00Z', symbol: 'AAPL', bid: '210.00', ask: '210.00', last: '210.00' },
      { type: 'quote', time: '2026-01-06T15:00:00Z', symbol: 'AAPL', bid: '212.00', ask: '212.00', last: '212.00' },
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 50, orderType: 'MKT' },
    ]);
    // realized today 50 x (212 - 200) = 600; unrealized now 50 x 12 = 600; at the roll it was 1000.
    expect(account(nextDay)).toMatchObject({ realizedPlDay: '600', unrealizedPl: '600', plDay: '200' });
    expect(position(nextDay, 'AAPL')).toMatchObject({ realizedPlDay: '600', plDay: '200' });
  });
});

describe('reset (ENGINE.md 10)', () => {
  it('cancels working orders, removes positions, restores cash; history stays', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
      { type: 'place', ref: 'w', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150.00' },
      { type: 'reset' },
    ]);
    expect(account(out)).toMatchObject({ cash: '100000', netLiq: '100000', realizedPlDay: '0', plDay: '0' });
    expect(out.positions).toEqual([]);
    expect(order(out, 'w')).toMatchObject({ status: 'CANCELED', statusReason: 'account reset' });
    expect(order(out, 'b').status).toBe('FILLED');
    expect(out.fills).toHaveLength(1);
  });

  it('an unknown account is an error in the list, and nothing changes', async () => {
    const out = await run([{ type: 'reset', account: 'ghost' }]);
    expect(out.errors).toEqual([{ line: 1, ref: null, message: 'unknown account "ghost"' }]);
  });
});
