// The history's texts (issue 12): an order's event trail as the trader reads it ("limit 101.00 -> 100.50, qty 100 ->
// 200", "canceled by flatten") and a reset as a row. Prices are shown as the engine's messages show them (the
// tick's decimals, 32nds for Treasuries). It reads records only: it must never query the ledger or decide anything.
import { formatQuantity } from '../../shared/format';
import type { OrderEventView, ResetView } from '../../shared/views';
import { Dec } from '../engine/decimal';
import { priceText, resolveInstrument } from '../engine/instruments';
import type { Order, OrderEvent, Reset } from '../engine/model';
import type { Settings } from '../engine/settings';

const iso = (ms: number) => new Date(ms).toISOString();

/** The terms a REPLACED event keeps before and after (engine.ts `terms`). */
interface Terms {
  qty?: unknown;
  orderType?: unknown;
  limit?: unknown;
  stop?: unknown;
  tif?: unknown;
}

/** Each event of an order with its time and what it did, oldest first. */
export function orderTrail(order: Order, events: readonly OrderEvent[], settings: Settings): OrderEventView[] {
  const resolved = resolveInstrument(order.symbol, settings);
  const price = (value: unknown): string => {
    if (typeof value !== 'string') return '—';
    try {
      return resolved.ok ? priceText(resolved.instrument, new Dec(value), settings) : value;
    } catch {
      return value;
    }
  };
  return events.map((event) => ({ type: event.type, time: iso(event.time), text: eventText(order, event, price) }));
}

function eventText(order: Order, event: OrderEvent, price: (value: unknown) => string): string {
  const detail = event.detail ?? {};
  const reason = typeof detail.reason === 'string' ? detail.reason : null;
  switch (event.type) {
    case 'ACCEPTED':
      return 'accepted';
    case 'REJECTED':
      return reason ? `rejected: ${reason}` : 'rejected';
    case 'REPLACED': {
      const before = detail.before as Terms | undefined;
      const after = detail.after as Terms | undefined;
      // Rows written without what changed read "replaced" (the ledger has always kept it; be safe for any that lack it).
      if (!before || !after) return 'replaced';
      const changes: string[] = [];
      if (before.orderType !== after.orderType) changes.push(`type ${String(before.orderType).replace('_', ' ')} → ${String(after.orderType).replace('_', ' ')}`);
      if (before.limit !== after.limit) changes.push(`limit ${price(before.limit)} → ${price(after.limit)}`);
      if (before.stop !== after.stop) changes.push(`stop ${price(before.stop)} → ${price(after.stop)}`);
      if (before.qty !== after.qty) changes.push(`qty ${quantity(before.qty)} → ${quantity(after.qty)}`);
      if (before.tif !== after.tif) changes.push(`TIF ${String(before.tif)} → ${String(after.tif)}`);
      return changes.length > 0 ? changes.join(', ') : 'replaced, nothing changed';
    }
    case 'TRIGGERED': {
      const [source, at] = Object.entries(detail)[0] ?? [];
      return source && at !== null ? `triggered: ${source} ${price(at)}` : 'triggered';
    }
    case 'FILLED': {
      const qty = detail.qty ?? order.qty.toFixed();
      const exec = typeof detail.fillId === 'number' ? ` (exec ${detail.fillId})` : '';
      return `filled ${quantity(qty)} @ ${price(detail.price)}${exec}`;
    }
    case 'CANCELED':
    case 'EXPIRED':
      return reason ?? event.type.toLowerCase();
    default:
      return String(event.type).toLowerCase();
  }
}

function quantity(value: unknown): string {
  return typeof value === 'string' ? formatQuantity(value) : '—';
}

export function resetView(reset: Reset): ResetView {
  return {
    account: reset.accountId,
    kind: reset.kind,
    time: iso(reset.time),
    startingBalance: reset.startingBalance.toFixed(),
    cashBefore: reset.cashBefore.toFixed(),
  };
}
