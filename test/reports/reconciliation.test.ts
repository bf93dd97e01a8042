// REPORTS.md 1's reconciliation on random sessions (fast-check): every BALANCE is the previous one plus the row's
// AMOUNT, Misc Fees and Commissions & Fees; the last is the ledger's cash; the fills' realized P&L in the range is
// the journal's trade P&L; every TRD row has its Trade History row. Read back from the CSV text, not from the data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import type { Event } from '../support/scenario';
import { buildLedger } from './session';
import { money, sections, statementText } from './support';

const SYMBOLS = [
  { symbol: 'AAPL', base: 200, tick: '0.01' },
  { symbol: '/ESH26', base: 6000, tick: '0.25' },
  { symbol: '.SPY260116C600', base: 4, tick: '0.01' },
] as const;

const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('quote' as const), which: fc.nat(2), move: fc.integer({ min: -40, max: 40 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('order' as const), which: fc.nat(2), buy: fc.boolean(), qty: fc.integer({ min: 1, max: 7 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('day' as const) }) },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function session(steps: Step[]): Event[] {
  const events: Event[] = [{ type: 'settings', fees: { EQ: '0.003', OPT: '0.02', FUT: '1.25' }, commission: { EQ: '0.005', OPT: '0.65', FUT: '2.25' } }];
  let time = Date.parse('2026-01-05T14:35:00Z');
  const prices = SYMBOLS.map((s) => new Dec(s.base));
  SYMBOLS.forEach((s, i) => events.push({ type: 'quote', symbol: s.symbol, bid: prices[i]!.toFixed(), ask: prices[i]!.plus(s.tick).toFixed(), last: prices[i]!.toFixed() }));
  let n = 0;
  for (const s of steps) {
    time += 60_000;
    const at = new Date(time).toISOString();
    if (s.kind === 'quote') {
      const spec = SYMBOLS[s.which]!;
      prices[s.which] = Dec.max(new Dec(spec.tick).times(10), prices[s.which]!.plus(new Dec(spec.tick).times(s.move)));
      const bid = prices[s.which]!;
      events.push({ type: 'quote', time: at, symbol: spec.symbol, bid: bid.toFixed(), ask: bid.plus(spec.tick).toFixed(), last: bid.toFixed() });
    } else if (s.kind === 'order') {
      events.push({ type: 'place', time: at, ref: `o${(n += 1)}`, symbol: SYMBOLS[s.which]!.symbol, side: s.buy ? 'BUY' : 'SELL', qty: s.qty, orderType: 'MKT' });
    } else if (s.kind === 'reset') {
      events.push({ type: 'reset', time: at });
    } else {
      time += 86_400_000;
      events.push({ type: 'clock', time: new Date(time).toISOString() });
    }
  }
  return events;
}

describe('the statement reconciles on random sessions', () => {
  it('running balance, closing cash, realized P&L and Trade History', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const events = session(steps);
        const ledger = await buildLedger(events);
        try {
          const last = new Date(Date.parse(ledger.output.time)).toISOString().slice(0, 10);
          const to = new Date(Math.max(Date.parse(`${last}T00:00:00Z`), Date.parse('2026-01-05T00:00:00Z')) + 86_400_000 * 3)
            .toISOString()
            .slice(0, 10);
          const { text, data } = await statementText(ledger.path, 'main', '2026-01-05', to);
          const found = sections(text);
          const cash = found.get('Cash Balance')!.rows.filter((r) => r[4] !== 'TOTAL');
          for (let i = 1; i < cash.length; i += 1) {
            const r = cash[i]!;
            expect(money(r[8]).toFixed()).toBe(money(cash[i - 1]![8]).plus(money(r[7])).plus(money(r[5])).plus(money(r[6])).toFixed());
          }
          const ledgerCash = new Dec(ledger.output.accounts[0]!.cash);
          expect(money(cash.at(-1)![8]).toFixed()).toBe(ledgerCash.toFixed());
          // The range runs past the session's end: its open positions are the desk's, to the last digit.
          const held = ledger.output.positions.filter((p) => p.account === 'main' && !new Dec(p.qty).isZero());
          expect(data.positions.map((p) => [p.position.symbol, p.position.qty.toFixed(), p.avgPrice.toFixed(), p.unrealizedPl.toFixed()])).toEqual(
            held
              .sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
              .map((p) => [p.symbol, new Dec(p.qty).toFixed(), new Dec(p.avgPrice).toFixed(), new Dec(p.unrealizedPl).toFixed()]),
          );
          expect(money(found.get('Cash Balance')!.rows.at(-1)![8]).toFixed()).toBe(ledgerCash.toFixed());

          // Realized P&L: every trade of the range (those still open carry their partial closes).
          const realized = data.pieces.reduce((t, p) => t.plus(p.realizedPl), ZERO);
          const closed = data.trades.filter((t) => t.status !== 'OPEN').reduce((t, trade) => t.plus(trade.grossPl), ZERO);
          const open = data.trades.filter((t) => t.status === 'OPEN').reduce((t, trade) => t.plus(trade.grossPl), ZERO);
          expect(realized.toFixed()).toBe(closed.plus(open).toFixed());
          if (open.isZero()) expect(realized.toFixed()).toBe(closed.toFixed());

          const trd = cash.filter((r) => r[2] === 'TRD');
          const history = found.get('Account Trade History')!;
          expect(history.rows).toHaveLength(trd.length);
          expect(trd).toHaveLength(data.pieces.length);
          for (const line of history.lines) expect(line.split(',')).toHaveLength(13);
          const keys = new Set(history.rows.map((t) => `${t[1]}|${t[3]}|${t[4]}|${t[10]}`));
          for (const r of trd) {
            const [, side, qty, price] = /^(BOT|SOLD) (\S+) .* @(\S+)$/.exec(r[4]!)!;
            expect(keys.has(`${r[0]} ${r[1]}|${side === 'BOT' ? 'BUY' : 'SELL'}|${qty}|${price}`)).toBe(true);
          }
        } finally {
          ledger.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
