// Property-based tests of the engine + ledger over random sessions (ENGINE.md 9 and the P&L invariants).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountsAndPositions, fillView, orderView } from '../../src/main/desk/views';
import type { PaperDesk } from '../../src/main/desk/desk';
import { accountMetrics } from '../../src/main/engine/accounting';
import { ZERO } from '../../src/main/engine/decimal';
import { markPrice } from '../../src/main/engine/quotes';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk } from '../support/desk';
import { opArbitrary, Session, type Op } from '../support/randomOps';

const sessions = fc.array(opArbitrary, { minLength: 5, maxLength: 60 });
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

function snapshot(desk: PaperDesk) {
  return {
    ...accountsAndPositions(desk.state),
    orders: desk.ledger.orders().map(orderView),
    fills: desk.ledger.fills().map(fillView),
    working: [...desk.state.allWorkingOrders()].map(orderView),
  };
}

describe('engine properties', () => {
  it('stored positions and cash equal a recomputation from fills; no order fills twice; a clientOrderId makes one order', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, async (ops) => {
        const t = await openTestDesk();
        try {
          const session = new Session(t.desk, (minutes) => (t.clock.time += minutes * 60_000));
          for (const op of ops) session.apply(op);
          const report = verifyLedger(t.desk.ledger);
          expect(report.differences).toEqual([]);
          const perOrder = t.desk.ledger.sqlite.prepare('SELECT order_id, COUNT(*) AS n FROM fills GROUP BY order_id HAVING n > 1').all();
          expect(perOrder).toEqual([]);
          const clientIds = t.desk.ledger.sqlite
            .prepare('SELECT account_id, client_order_id, COUNT(*) AS n FROM orders WHERE client_order_id IS NOT NULL GROUP BY 1, 2 HAVING n > 1')
            .all();
          expect(clientIds).toEqual([]);
          // The in-memory state is what a fresh load of the ledger gives.
          const before = snapshot(t.desk);
          await t.reopen();
          expect(snapshot(t.desk)).toEqual(before);
        } finally {
          t.close();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('an accepted order never takes available funds below zero beyond its own trading costs', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, async (ops) => {
        const t = await openTestDesk();
        try {
          const session = new Session(t.desk, (minutes) => (t.clock.time += minutes * 60_000));
          for (const op of ops) {
            const account = () => t.desk.state.account('main')!;
            const before = accountMetrics(t.desk.state, account()).availableFunds;
            const fillsBefore = t.desk.state.lastFillId;
            const ordersBefore = t.desk.state.lastOrderId;
            session.apply(op);
            if (op.kind !== 'place' || t.desk.state.lastOrderId === ordersBefore) continue;
            const placed = t.desk.state.orderById(t.desk.state.lastOrderId)!;
            if (placed.status === 'REJECTED') continue;
            const after = accountMetrics(t.desk.state, account()).availableFunds;
            if (after.greaterThanOrEqualTo(0) || after.greaterThanOrEqualTo(before)) continue;
            // It went below zero: only its own fill's costs (commission, fees, crossing the spread) may do that.
            const fills = t.desk.ledger.fills().filter((f) => f.id > fillsBefore && f.orderId === placed.id);
            let costs = ZERO;
            for (const fill of fills) {
              const mark = markPrice(t.desk.state.quote(fill.symbol))?.price ?? fill.price;
              costs = costs.plus(fill.commission).plus(fill.fees).plus(fill.price.minus(mark).abs().times(fill.qty).times(fill.multiplier));
            }
            expect(after.plus(costs).greaterThanOrEqualTo(0)).toBe(true);
          }
        } finally {
          t.close();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a session run straight through ends in the same state as one closed and reopened at random points', async () => {
    const withRestarts = fc.array(fc.tuple(opArbitrary, fc.boolean()), { minLength: 5, maxLength: 50 });
    await fc.assert(
      fc.asyncProperty(withRestarts, async (steps) => {
        const ops: Op[] = steps.map(([op]) => op);
        const straight = await openTestDesk();
        const restarted = await openTestDesk();
        try {
          const a = new Session(straight.desk, (m) => (straight.clock.time += m * 60_000));
          for (const op of ops) a.apply(op);
          const b = new Session(restarted.desk, (m) => (restarted.clock.time += m * 60_000));
          for (const [op, reopen] of steps) {
            b.apply(op);
            if (reopen) b.useDesk(await restarted.reopen());
          }
          expect(snapshot(restarted.desk)).toEqual(snapshot(straight.desk));
        } finally {
          straight.close();
          restarted.close();
        }
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 2)) },
    );
  });
});
