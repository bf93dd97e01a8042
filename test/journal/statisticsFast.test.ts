// The fast statistics (scaled integers, the New York calendar without luxon per trade) against straightforward
// Decimal computations on random trades: equal to the digit, in the cents regime, with more decimals, with thirds
// from a flip's split commission and with amounts too large for the integers (where the Decimal path takes over).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { statisticsView } from '../../src/main/desk/journalViews';
import { Dec, ZERO, plain } from '../../src/main/engine/decimal';
import type { Trade } from '../../src/main/engine/journal';
import {
  byClosing,
  NewYorkCalendar,
  scaledInteger,
  tradeStatistics,
  tradeStatisticsInDecimals,
} from '../../src/main/engine/statistics';
import { nextRollAfter } from '../../src/main/engine/tradingDay';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2027-01-01T00:00:00Z');

const cents = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => new Dec(n).div(100));
const anyAmount = fc.oneof(
  cents,
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Dec(n)),
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => new Dec(n).div(10_000)),
  // A flip's split commission: amount x part / fill qty, 34 digits.
  fc.integer({ min: -1000, max: 1000 }).map((n) => new Dec(n).div(3)),
  // Too large for the integers' exact range once summed.
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Dec(n).times('1e12')),
);

function tradeOf(amount: fc.Arbitrary<Dec>): fc.Arbitrary<Omit<Trade, 'id'>> {
  return fc
    .record({
      symbol: fc.constantFrom('AAPL', 'MSFT', '/ES'),
      direction: fc.constantFrom('LONG' as const, 'SHORT' as const),
      status: fc.constantFrom('CLOSED' as const, 'CLOSED' as const, 'CLOSED' as const, 'OPEN' as const, 'RESET' as const),
      // Whole minutes half the time, so the 17:00 roll and whole hours are met exactly.
      openedAt: fc.oneof(
        fc.integer({ min: FROM, max: TO }),
        fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => m * 60_000),
      ),
      durationMinutes: fc.integer({ min: 0, max: 4 * 24 * 60 }),
      closeFillId: fc.integer({ min: 1, max: 50 }),
      grossPl: amount,
      commissions: amount.map((a) => a.abs()),
      mae: amount.map((a) => a.abs().negated()),
      mfe: amount.map((a) => a.abs()),
      tags: fc.subarray(['A', 'a', 'breakout', 'News', 'news']),
    })
    .map((r) => ({
      accountId: 'main',
      symbol: r.symbol,
      assetType: 'EQ' as const,
      multiplier: new Dec(1),
      direction: r.direction,
      status: r.status,
      openedAt: r.openedAt,
      closedAt: r.status === 'OPEN' ? null : r.openedAt + r.durationMinutes * 60_000,
      openFillId: 1,
      closeFillId: r.status === 'OPEN' ? null : r.closeFillId,
      qty: ZERO,
      cost: ZERO,
      maxQty: new Dec(1),
      entryQty: new Dec(1),
      exitQty: new Dec(1),
      entryNotional: new Dec(1),
      exitNotional: new Dec(1),
      grossPl: r.grossPl,
      commissions: r.commissions,
      mfe: r.mfe,
      mae: r.mae,
      tags: r.tags,
      note: '',
      fills: [1],
    }));
}

const withIds = (trades: Omit<Trade, 'id'>[]): Trade[] => trades.map((t, i) => ({ ...t, id: i + 1 }));
const sessions = fc.oneof(
  fc.array(tradeOf(cents), { maxLength: 80 }).map(withIds),
  fc.array(tradeOf(anyAmount), { maxLength: 80 }).map(withIds),
);

/** The sums of JOURNAL.md 3 the plain way: one Decimal operation after another, in closing order. */
function reference(trades: Trade[]) {
  const closed = trades.filter((t) => t.status === 'CLOSED').sort(byClosing);
  let netPl = ZERO;
  let commissions = ZERO;
  let grossProfit = ZERO;
  let grossLoss = ZERO;
  let peak = ZERO;
  let maxDrawdown = ZERO;
  let mae = ZERO;
  let mfe = ZERO;
  let etd = ZERO;
  const bySymbol = new Map<string, Dec>();
  for (const t of closed) {
    const net = t.grossPl.minus(t.commissions);
    netPl = netPl.plus(net);
    commissions = commissions.plus(t.commissions);
    if (net.greaterThan(0)) grossProfit = grossProfit.plus(net);
    if (net.lessThan(0)) grossLoss = grossLoss.plus(net);
    peak = Dec.max(peak, netPl);
    maxDrawdown = Dec.max(maxDrawdown, peak.minus(netPl));
    mae = mae.plus(t.mae);
    mfe = mfe.plus(t.mfe);
    etd = etd.plus(t.mfe.minus(t.grossPl));
    bySymbol.set(t.symbol, (bySymbol.get(t.symbol) ?? ZERO).plus(net));
  }
  const n = closed.length;
  return {
    netPl: plain(netPl),
    commissions: plain(commissions),
    grossProfit: plain(grossProfit),
    grossLoss: plain(grossLoss),
    maxDrawdown: plain(maxDrawdown),
    avgMae: n > 0 ? plain(mae.div(n)) : null,
    avgMfe: n > 0 ? plain(mfe.div(n)) : null,
    avgEtd: n > 0 ? plain(etd.div(n)) : null,
    bySymbol: Object.fromEntries([...bySymbol].map(([k, v]) => [k, plain(v)])),
  };
}

describe('fast statistics', () => {
  it('equal the Decimal path and a plain Decimal computation on random trades, to the digit', () => {
    fc.assert(
      fc.property(sessions, (trades) => {
        const fast = statisticsView(tradeStatistics(trades));
        expect(fast).toEqual(statisticsView(tradeStatisticsInDecimals(trades)));
        const plainWay = reference(trades);
        const { bySymbol, ...sums } = plainWay;
        expect(fast).toMatchObject(sums);
        expect(Object.fromEntries(Object.entries(fast.bySymbol).map(([k, v]) => [k, v.netPl]))).toEqual(bySymbol);
      }),
      { numRuns: RUNS },
    );
  });

  it('scaledInteger: value x 10^scale when that is a safe integer, null otherwise', () => {
    const safe = new Dec(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.oneof(cents, ...[anyAmount]), fc.integer({ min: 0, max: 15 }), (value, scale) => {
        const exact = value.times(new Dec(10).pow(scale));
        const got = scaledInteger(value, scale);
        if (exact.isInteger() && exact.abs().lessThanOrEqualTo(safe)) expect(got).toBe(exact.toNumber());
        else expect(got).toBeNull();
      }),
      { numRuns: RUNS * 5 },
    );
    expect(scaledInteger(new Dec('-0.01'), 2)).toBe(-1);
    expect(scaledInteger(new Dec('0.001'), 2)).toBeNull();
    expect(scaledInteger(new Dec('12345678.9'), 2)).toBe(1234567890);
    expect(scaledInteger(ZERO, 2)).toBe(0);
    expect(Object.is(scaledInteger(new Dec('-0'), 2), 0)).toBe(true);
  });

  it('the calendar agrees with luxon and tradingDay.ts: hours, weekdays, trading days, across DST and weekends', () => {
    const calendar = new NewYorkCalendar();
    const check = (ms: number) => {
      const here = DateTime.fromMillis(ms, { zone: 'America/New_York' });
      expect(calendar.hourAndWeekday(ms)).toEqual({
        hour: String(here.hour).padStart(2, '0'),
        weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][here.weekday - 1],
      });
      expect(calendar.tradingDay(ms)).toBe(DateTime.fromMillis(nextRollAfter(ms), { zone: 'America/New_York' }).toISODate());
    };
    // Every hour's edges around the 2026 DST changes, and the rolls of those days.
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let h = 0; h < 24; h += 1) for (const d of [-1, 0, 1]) check(start + h * 3_600_000 + d);
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }), (ms) => check(ms)),
      { numRuns: RUNS * 10 },
    );
  });
});
