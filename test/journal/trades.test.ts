// JOURNAL.md 1, 2 and 4 through the scenario runner: trades flat-to-flat, scale-ins and partial exits, flips split
// with their commission and fees, resets, excursions at quotes and at fills, tags from the ticket.
import { describe, expect, it } from 'vitest';
import { run, type Event } from '../support/scenario';

const q = (time: string, bid: string, ask: string, extra: Event = {}): Event => ({
  type: 'quote',
  time,
  symbol: 'AAPL',
  bid,
  ask,
  last: bid,
  ...extra,
});
const mkt = (ref: string, side: 'BUY' | 'SELL', qty: number, extra: Event = {}): Event => ({
  type: 'place',
  ref,
  symbol: 'AAPL',
  side,
  qty,
  orderType: 'MKT',
  ...extra,
});

describe('trades', () => {
  it('one round trip: opens at the first fill, closes at the flat one, with its figures', async () => {
    const out = await run([
      { type: 'settings', commission: { EQ: '0.01' }, fees: { EQ: '0.001' } },
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      mkt('b', 'BUY', 100),
      q('2026-01-05T14:45:00Z', '101.00', '101.02'),
      mkt('s', 'SELL', 100),
    ]);
    expect(out.trades).toHaveLength(1);
    expect(out.trades[0]).toMatchObject({
      id: 1,
      direction: 'LONG',
      status: 'CLOSED',
      openedAt: '2026-01-05T14:30:00.000Z',
      closedAt: '2026-01-05T14:45:00.000Z',
      maxQty: '100',
      entryQty: '100',
      exitQty: '100',
      avgEntry: '100',
      avgExit: '101',
      grossPl: '100',
      commissions: '2.2',
      netPl: '97.8',
      durationSeconds: 900,
      fills: [1, 2],
    });
  });

  it('scale-ins and partial exits stay in one trade; averages are quantity-weighted; grossPl agrees with the notionals', async () => {
    const out = await run([
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      mkt('b1', 'BUY', 100),
      q('2026-01-05T14:31:00Z', '101.99', '102.00'),
      mkt('b2', 'BUY', 300),
      q('2026-01-05T14:32:00Z', '103.00', '103.02'),
      mkt('s1', 'SELL', 200),
      q('2026-01-05T14:33:00Z', '100.00', '100.02'),
      mkt('s2', 'SELL', 200),
    ]);
    expect(out.trades).toHaveLength(1);
    const t = out.trades[0]!;
    expect(t).toMatchObject({ status: 'CLOSED', maxQty: '400', entryQty: '400', exitQty: '400', avgEntry: '101.5', avgExit: '101.5' });
    expect(t.grossPl).toBe('0');
    expect(t.fills).toEqual([1, 2, 3, 4]);
    const realized = out.fills.reduce((sum, f) => sum + Number(f.realizedPl), 0);
    expect(Number(t.grossPl)).toBe(realized);
  });

  it('a flip closes the trade and opens the other direction at the same price and time, splitting commission and fees', async () => {
    const out = await run([
      { type: 'settings', commission: { EQ: '0.65' }, fees: { EQ: '0.01' } },
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      mkt('b', 'BUY', 1),
      q('2026-01-05T14:40:00Z', '101.00', '101.02'),
      mkt('s', 'SELL', 3),
    ]);
    expect(out.trades.map((t) => [t.direction, t.status])).toEqual([
      ['LONG', 'CLOSED'],
      ['SHORT', 'OPEN'],
    ]);
    const [closed, opened] = out.trades;
    // The flip's fill: commission 1.95, fees 0.03; a third to the closing part, two thirds to the opening one.
    expect(closed).toMatchObject({ commissions: '1.32', grossPl: '1', netPl: '-0.32', exitQty: '1', fills: [1, 2] });
    expect(opened).toMatchObject({
      commissions: '1.32',
      openedAt: '2026-01-05T14:40:00.000Z',
      entryQty: '2',
      avgEntry: '101',
      maxQty: '2',
      fills: [2],
      closedAt: null,
      etd: null,
      durationSeconds: null,
    });
    expect(Number(closed!.commissions) + Number(opened!.commissions) - 0.66).toBeCloseTo(1.98, 10);
  });

  it('a reset ends open trades as RESET, keeping what they realized, and they are left out of the statistics', async () => {
    const out = await run([
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      mkt('b', 'BUY', 100),
      q('2026-01-05T14:40:00Z', '101.00', '101.02'),
      mkt('s', 'SELL', 40),
      { type: 'reset', time: '2026-01-05T15:00:00Z' },
    ]);
    expect(out.trades).toHaveLength(1);
    expect(out.trades[0]).toMatchObject({
      status: 'RESET',
      closedAt: '2026-01-05T15:00:00.000Z',
      grossPl: '40',
      exitQty: '40',
      etd: null,
      durationSeconds: 1800,
    });
    expect(out.stats.main).toMatchObject({ trades: 0, netPl: '0', winRate: null, profitFactor: null, avgWin: null });
  });

  it('excursions: measured at each quote and at fills; at the close the value is grossPl; mae <= 0 <= mfe', async () => {
    const out = await run([
      q('2026-01-05T14:30:00Z', '99.98', '100.00', { mark: '99.99' }),
      mkt('b', 'BUY', 10),
      q('2026-01-05T14:31:00Z', '97.00', '97.02', { mark: '97.01' }),
      q('2026-01-05T14:32:00Z', '104.00', '104.02', { mark: '104.01' }),
      q('2026-01-05T14:33:00Z', '102.00', '102.02', { mark: '102.01' }),
      mkt('s', 'SELL', 10),
    ]);
    const t = out.trades[0]!;
    expect(t).toMatchObject({ mae: '-29.9', mfe: '40.1', grossPl: '20', etd: '20.1' });
  });

  it('a short trade in a loss: the close sets mae when it is the worst moment', async () => {
    const out = await run([
      q('2026-01-05T14:30:00Z', '100.00', '100.00'),
      mkt('s', 'SELL', 10),
      q('2026-01-05T14:31:00Z', '100.50', '101.00'),
      mkt('b', 'BUY', 10),
    ]);
    expect(out.trades[0]).toMatchObject({ direction: 'SHORT', grossPl: '-10', mae: '-10', mfe: '0', etd: '10' });
  });

  it('tags travel from the ticket to the trade, trimmed, compared without case, in the order added', async () => {
    const out = await run([
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      mkt('b', 'BUY', 10, { tags: ['Breakout', ' gap '] }),
      mkt('b2', 'BUY', 10, { tags: ['breakout', 'A+'] }),
      mkt('s', 'SELL', 20, { tags: ['exit-early'] }),
      mkt('bad', 'BUY', 10, { tags: ['x'.repeat(33)] }),
    ]);
    expect(out.trades[0]!.tags).toEqual(['Breakout', 'gap', 'A+', 'exit-early']);
    expect(out.errors.map((e) => e.ref)).toEqual(['bad']);
  });

  it('trades are per account and symbol, listed in the order they opened', async () => {
    const out = await run([
      { type: 'account', id: 'one' },
      { type: 'account', id: 'two' },
      q('2026-01-05T14:30:00Z', '99.99', '100.00'),
      { type: 'quote', symbol: 'MSFT', bid: '400', ask: '400.1' },
      mkt('a', 'BUY', 1, { account: 'two' }),
      mkt('b', 'BUY', 1, { account: 'one' }),
      { type: 'place', ref: 'c', symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'MKT', account: 'one' },
    ]);
    expect(out.trades.map((t) => [t.id, t.account, t.symbol, t.direction])).toEqual([
      [1, 'two', 'AAPL', 'LONG'],
      [2, 'one', 'AAPL', 'LONG'],
      [3, 'one', 'MSFT', 'SHORT'],
    ]);
    expect(Object.keys(out.stats)).toEqual(['one', 'two']);
  });
});
