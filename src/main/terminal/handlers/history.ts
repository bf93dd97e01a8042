// What stands and what happened: the desk's snapshot as the window shows it, and an account's orders, fills, order
// trails and resets from the ledger, for today or any range of trading days (issue 12). Reads only.
import type { Result } from '../../../shared/contract';
import { orderTrail, resetView } from '../../desk/historyViews';
import { fillView, orderView } from '../../desk/views';
import { tradingDate, tradingDayRange } from '../../engine/tradingDay';
import { priceFormatOf } from '../priceFormat';
import { fail, type HandlerSlice, type TerminalServices } from './handler';

type HistoryCommands = 'getSnapshot' | 'orderHistory' | 'fillHistory' | 'orderEvents' | 'resetHistory';

/** A page of history when no limit is asked: a screenful many times over, small enough to send at once. */
const PAGE = 500;

export function historyHandlers(services: TerminalServices) {
  /** The moments of a range of trading dates; a missing end is the same day, no range at all is today. */
  const range = (from: string | undefined, to: string | undefined): Result<{ start: number; end: number }> => {
    const today = tradingDate(services.desk().clock.now());
    const first = from ?? to ?? today;
    const last = to ?? from ?? today;
    if (first > last) return fail('INVALID_INPUT', `the range ends (${last}) before it starts (${first})`);
    const span = tradingDayRange(first, last);
    return span ? { ok: true, data: span } : fail('INVALID_INPUT', `not a date: ${first} to ${last}`);
  };
  return {
    getSnapshot: () => ({ ok: true, data: services.snapshot() }),
    orderHistory: ({ account, limit, from, to, before }) => {
      const desk = services.desk();
      const priced = (order: Parameters<typeof orderView>[0]) => ({
        ...orderView(order),
        ...priceFormatOf(order.symbol, order.limit ?? order.stop, desk.settings),
      });
      if (from === undefined && to === undefined && before === undefined) {
        return { ok: true, data: desk.orderHistory({ accountId: account, ...(limit ? { limit } : {}) }).map(priced) };
      }
      const span = range(from, to);
      if (!span.ok) return span;
      const orders = desk.ordersPlaced({ accountId: account, from: span.data.start, to: span.data.end, limit: limit ?? PAGE, ...(before ? { before } : {}) });
      return { ok: true, data: orders.map(priced) };
    },
    fillHistory: ({ account, limit, from, to, before }) => {
      const desk = services.desk();
      const priced = (fill: Parameters<typeof fillView>[0]) => ({ ...fillView(fill), ...priceFormatOf(fill.symbol, fill.price, desk.settings) });
      if (from === undefined && to === undefined && before === undefined) {
        return { ok: true, data: desk.fillHistory({ accountId: account, ...(limit ? { limit } : {}) }).map(priced) };
      }
      const span = range(from, to);
      if (!span.ok) return span;
      const fills = desk.fillsBetween({ accountId: account, from: span.data.start, to: span.data.end, limit: limit ?? PAGE, ...(before ? { before } : {}) });
      return { ok: true, data: fills.map(priced) };
    },
    orderEvents: ({ orderId }) => {
      const desk = services.desk();
      const trail = desk.orderTrail(orderId);
      if (!trail) return fail('NOT_FOUND', `no order ${orderId}`);
      return { ok: true, data: orderTrail(trail.order, trail.events, desk.settings) };
    },
    resetHistory: ({ account, from, to }) => {
      const span = range(from, to);
      if (!span.ok) return span;
      return { ok: true, data: services.desk().resets(account, span.data.start, span.data.end).map(resetView) };
    },
  } satisfies HandlerSlice<HistoryCommands>;
}
