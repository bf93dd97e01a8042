// Property tests over random sessions with brackets, OCO groups, trailing stops, flatten, reverse and cancel all
// (ENGINE.md 11-13): two members of one OCO group never both fill; a child never opens or grows a position; after
// any fill no working child is larger than the position it protects; verify stays clean; a restart changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperDesk } from '../../src/main/desk/desk';
import { orderView } from '../../src/main/desk/views';
import type { Change } from '../../src/main/engine/change';
import { ZERO } from '../../src/main/engine/decimal';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk } from '../support/desk';
import { linkedOpArbitrary, Session } from '../support/randomOps';

const sessions = fc.array(linkedOpArbitrary, { minLength: 5, maxLength: 70 });
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** After each committed change: every working child closes at most the position, on the closing side. */
function checkChildren(desk: PaperDesk, change: Change) {
  if (change.fills.length === 0) return;
  for (const order of desk.state.allWorkingOrders()) {
    if (order.parentId === null) continue;
    const held = desk.state.position(order.accountId, order.symbol)?.qty ?? ZERO;
    const closes = order.side === 'BUY' ? held.lessThan(0) : held.greaterThan(0);
    expect(closes, `child ${order.id} ${order.side} against position ${held.toFixed()}`).toBe(true);
    expect(order.qty.lessThanOrEqualTo(held.abs()), `child ${order.id} qty ${order.qty.toFixed()} > ${held.abs().toFixed()}`).toBe(true);
  }
}

describe('linked and trailing orders: properties', () => {
  it('OCO members never both fill; children never open or grow a position, nor outsize it; verify is clean; restart keeps all', async () => {
    await fc.assert(
      fc.asyncProperty(sessions, async (ops) => {
        const t = await openTestDesk();
        try {
          const session = new Session(t.desk, (minutes) => (t.clock.time += minutes * 60_000));
          const childFills: { change: Change; before: Map<string, string> }[] = [];
          let positions = new Map<string, string>();
          const off = t.desk.subscribe((change) => {
            checkChildren(t.desk, change);
            childFills.push({ change, before: positions });
            positions = new Map([...t.desk.state.allPositions()].map((p) => [p.symbol, p.qty.toFixed()]));
          });
          for (const op of ops) session.apply(op);
          off();
          // A child's own fill never opens a position nor takes it through zero.
          const orders = new Map(t.desk.ledger.orders().map((o) => [o.id, o]));
          for (const { change, before } of childFills) {
            for (const fill of change.fills) {
              if (orders.get(fill.orderId)?.parentId == null || change.fills.length > 1) continue;
              const was = Number(before.get(fill.symbol) ?? '0');
              const delta = fill.side === 'BUY' ? Number(fill.qty.toFixed()) : -Number(fill.qty.toFixed());
              expect(Math.abs(was + delta) <= Math.abs(was) && Math.sign(was + delta) !== -Math.sign(was), `child fill ${fill.id}`).toBe(true);
            }
          }
          const filledPerGroup = t.desk.ledger.sqlite
            .prepare("SELECT oco_group, COUNT(*) AS n FROM orders WHERE oco_group IS NOT NULL AND status = 'FILLED' GROUP BY oco_group HAVING n > 1")
            .all();
          expect(filledPerGroup).toEqual([]);
          expect(verifyLedger(t.desk.ledger).differences).toEqual([]);
          const before = t.desk.ledger.orders().map(orderView);
          const live = [...t.desk.state.allWorkingOrders()].map(orderView);
          await t.reopen();
          expect(t.desk.ledger.orders().map(orderView)).toEqual(before);
          expect([...t.desk.state.allWorkingOrders()].map(orderView)).toEqual(live);
        } finally {
          t.close();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
