// JOURNAL.md's invariants over random sessions (fast-check): trades' net P&L sums to realized minus costs; every
// fill in exactly one trade (two on a flip); trades recomputed from fills equal the stored ones (verify);
// mae <= 0 <= mfe and etd >= 0; trades and tags the same after a restart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeView } from '../../src/main/desk/journalViews';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import { netPl } from '../../src/main/engine/journal';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk } from '../support/desk';
import { opArbitrary, Session } from '../support/randomOps';

const sessions = fc.array(opArbitrary, { minLength: 5, maxLength: 60 });
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

describe('journal properties', () => {
  it('trades partition the fills and add up to the realized P&L less the costs; verify recomputes them', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, async (ops) => {
        const t = await openTestDesk();
        try {
          const session = new Session(t.desk, (minutes) => (t.clock.time += minutes * 60_000));
          for (const op of ops) session.apply(op);
          const fills = t.desk.fillHistory();
          const trades = t.desk.trades();
          let net = ZERO;
          for (const trade of trades) net = net.plus(netPl(trade));
          let expected = ZERO;
          for (const fill of fills) expected = expected.plus(fill.realizedPl).minus(fill.commission).minus(fill.fees);
          expect(net.minus(expected).abs().lessThan(new Dec('1e-20'))).toBe(true);

          const owners = new Map<number, number>();
          for (const trade of trades) for (const id of trade.fills) owners.set(id, (owners.get(id) ?? 0) + 1);
          for (const fill of fills) expect([1, 2]).toContain(owners.get(fill.id));
          expect([...owners.keys()].sort((a, b) => a - b)).toEqual(fills.map((f) => f.id));

          for (const trade of trades) {
            expect(trade.mae.lessThanOrEqualTo(0)).toBe(true);
            expect(trade.mfe.greaterThanOrEqualTo(0)).toBe(true);
            if (trade.status === 'CLOSED') expect(trade.mfe.minus(trade.grossPl).greaterThanOrEqualTo(0)).toBe(true);
          }
          expect(verifyLedger(t.desk.ledger).differences).toEqual([]);

          const tagged = trades[0];
          if (tagged) expect(t.desk.editTrade(tagged.id, { addTags: ['Setup A'], note: 'note' }).ok).toBe(true);
          const before = t.desk.trades().map(tradeView);
          await t.reopen();
          const after = t.desk.trades().map(tradeView);
          expect(after).toEqual(before);
          expect(verifyLedger(t.desk.ledger).differences).toEqual([]);
        } finally {
          t.close();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
