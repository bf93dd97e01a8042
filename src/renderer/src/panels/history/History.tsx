// The History screen (issue 12, Alt+3): the selected account's orders and fills of any range of trading days (today
// by default; Yesterday, This week, or From/To), newest first, a page at a time in a virtual list. An order opens
// (Enter or a click) to its event trail with times; fills show their exec id, date and time; a reset is a row where
// it happened. Times are New York's, like TOS. It shows what main sent and computes no figure.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { OrderEventView, ResetView } from '../../../../shared/contract';
import { formatMoney, signOf } from '../../../../shared/format';
import { PnL, Price, Qty } from '../../components/figures';
import { OrderTermCells, OrderTermHeads } from '../../components/orderTerms';
import { selectedAccountId, useDesk } from '../../state/desk';
import {
  loadMore,
  refreshHistory,
  setHistoryTab,
  showRange,
  toggleTrail,
  useHistory,
  type HistoryFill,
  type HistoryOrder,
  type HistoryPreset,
  type HistoryTab,
} from '../../state/history';
import { nyDate, nyDateTime, nyTime } from './nyTime';

const ROW_PX = 24;
const PRESETS: readonly [Exclude<HistoryPreset, 'custom'>, string][] = [
  ['today', 'Today'],
  ['yesterday', 'Yesterday'],
  ['week', 'This week'],
];

type Entry =
  | { kind: 'order'; key: string; order: HistoryOrder; expanded: boolean }
  | { kind: 'trail'; key: string; orderId: number; events: readonly OrderEventView[] | null }
  | { kind: 'fill'; key: string; fill: HistoryFill }
  | { kind: 'reset'; key: string; reset: ResetView };

/** Rows and resets newest first; a reset older than every row loaded waits until the last page is in. */
function withResets<T>(rows: readonly T[], timeOf: (row: T) => string, resets: readonly ResetView[], more: boolean, toEntry: (row: T) => Entry[]): Entry[] {
  const out: Entry[] = [];
  let r = 0;
  const resetEntry = (reset: ResetView): Entry => ({ kind: 'reset', key: `reset-${reset.kind}-${reset.time}`, reset });
  for (const row of rows) {
    const time = timeOf(row);
    while (r < resets.length && resets[r]!.time >= time) out.push(resetEntry(resets[r++]!));
    out.push(...toEntry(row));
  }
  if (!more) while (r < resets.length) out.push(resetEntry(resets[r++]!));
  return out;
}

export function History() {
  const account = useDesk(selectedAccountId);
  const today = useDesk((s) => s.market?.tradingDate ?? '');
  const preset = useHistory((s) => s.preset);
  const to = useHistory((s) => s.to);
  // Today's orders and fills as the snapshots carry them: when they move, a range that holds today is asked again.
  const todayKey = useDesk((s) => `${s.orders.length}|${s.fills.length}|${s.orders.reduce((m, o) => (o.updatedAt > m ? o.updatedAt : m), '')}`);

  useEffect(() => {
    if (!today) return;
    const { preset: current, from, to: end } = useHistory.getState();
    void showRange(account, current, today, current === 'custom' ? { from, to: end } : undefined);
  }, [account, today]);
  useEffect(() => {
    if (today && to >= today) void refreshHistory(account);
    // Only a change of today's rows asks again (the range's own changes go through showRange), so `to` and `account`
    // are read as they stand, not listened to.
  }, [todayKey]);

  return (
    <main className="history" data-testid="history" aria-label="History">
      <HistoryBar account={account} today={today} preset={preset} />
      <HistoryList account={account} />
    </main>
  );
}

function HistoryBar({ account, today, preset }: { account: string | null; today: string; preset: HistoryPreset }) {
  const shownFrom = useHistory((s) => s.from);
  const shownTo = useHistory((s) => s.to);
  const tab = useHistory((s) => s.tab);
  const orders = useHistory((s) => s.orders.length + (s.moreOrders ? '+' : ''));
  const fills = useHistory((s) => s.fills.length + (s.moreFills ? '+' : ''));
  const error = useHistory((s) => s.error);
  const [from, setFrom] = useState(shownFrom);
  const [to, setTo] = useState(shownTo);
  // A preset fills the fields with its dates; a custom range leaves them as typed (a blur of From must not undo To).
  useEffect(() => {
    if (preset === 'custom') return;
    setFrom(shownFrom);
    setTo(shownTo);
  }, [preset, shownFrom, shownTo]);
  const applyCustom = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return;
    if (from === shownFrom && to === shownTo) return;
    void showRange(account, 'custom', today, from <= to ? { from, to } : { from: to, to: from });
  };
  return (
    <div className="journal-filters panel-title" role="toolbar" aria-label="History range">
      <div className="side-toggle" role="group" aria-label="Range">
        {PRESETS.map(([kind, label]) => (
          <button key={kind} type="button" data-testid={`history-${kind}`} className={preset === kind ? 'on' : ''} aria-pressed={preset === kind} onClick={() => void showRange(account, kind, today)}>
            {label}
          </button>
        ))}
      </div>
      <label className="field inline">
        <span>From</span>
        <input type="date" data-testid="history-from" value={from} onChange={(e) => setFrom(e.target.value)} onBlur={applyCustom} onKeyDown={(e) => e.key === 'Enter' && applyCustom()} />
      </label>
      <label className="field inline">
        <span>To</span>
        <input type="date" data-testid="history-to" value={to} onChange={(e) => setTo(e.target.value)} onBlur={applyCustom} onKeyDown={(e) => e.key === 'Enter' && applyCustom()} />
      </label>
      <div className="tabs" role="tablist" aria-label="Orders or fills">
        <TabButton tab="orders" on={tab === 'orders'} label="Orders" count={orders} />
        <TabButton tab="fills" on={tab === 'fills'} label="Fills" count={fills} />
      </div>
      <span className="muted small" data-testid="history-range">
        {shownFrom === shownTo ? shownFrom : `${shownFrom} to ${shownTo}`} · trading days end 17:00 ET · times ET
      </span>
      {error && <span className="down small" role="alert">{error}</span>}
    </div>
  );
}

function TabButton({ tab, on, label, count }: { tab: HistoryTab; on: boolean; label: string; count: string }) {
  return (
    <button type="button" role="tab" data-testid={`history-tab-${tab}`} aria-selected={on} className={on ? 'tab on' : 'tab'} onClick={() => setHistoryTab(tab)}>
      {label} <span className="count">{count}</span>
    </button>
  );
}

function HistoryList({ account }: { account: string | null }) {
  const tab = useHistory((s) => s.tab);
  const orders = useHistory((s) => s.orders);
  const fills = useHistory((s) => s.fills);
  const resets = useHistory((s) => s.resets);
  const open = useHistory((s) => s.open);
  const more = useHistory((s) => (tab === 'orders' ? s.moreOrders : s.moreFills));
  const entries = useMemo<Entry[]>(
    () =>
      tab === 'orders'
        ? withResets(orders, (o) => o.createdAt, resets, more, (order) => {
            const expanded = order.id in open;
            const row: Entry = { kind: 'order', key: `order-${order.id}`, order, expanded };
            return expanded ? [row, { kind: 'trail', key: `trail-${order.id}`, orderId: order.id, events: open[order.id] ?? null }] : [row];
          })
        : withResets(fills, (f) => f.time, resets, more, (fill) => [{ kind: 'fill', key: `fill-${fill.id}`, fill }]),
    [tab, orders, fills, resets, open, more],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (index) => entries[index]?.key ?? index,
    initialRect: { width: 0, height: 30 * ROW_PX },
  });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (more && lastShown >= entries.length - 20) void loadMore(account, tab);
  }, [more, lastShown, entries.length, account, tab]);

  // Keyboard first: arrows move the cursor over orders and fills, Enter opens or closes an order's trail.
  const [cursor, setCursor] = useState<string | null>(null);
  const selectable = useMemo(() => entries.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'order' || e.kind === 'fill'), [entries]);
  const move = useCallback(
    (step: number) => {
      if (selectable.length === 0) return;
      const at = selectable.findIndex(([e]) => e.key === cursor);
      const next = selectable[Math.max(0, Math.min(selectable.length - 1, at < 0 ? 0 : at + step))]!;
      setCursor(next[0].key);
      rows.scrollToIndex(next[1]);
    },
    [selectable, cursor, rows],
  );
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      move(event.key === 'Home' ? -selectable.length : selectable.length);
    } else if (event.key === 'Enter' && cursor?.startsWith('order-')) {
      event.preventDefault();
      void toggleTrail(Number(cursor.slice('order-'.length)));
    }
  };

  const top = items[0]?.start ?? 0;
  const bottom = items.length > 0 ? rows.getTotalSize() - items[items.length - 1]!.end : 0;
  const columns = tab === 'orders' ? 12 : 11;
  return (
    <section className="panel history-list" aria-label={tab === 'orders' ? 'Orders of the range' : 'Fills of the range'}>
      <div className="table-wrap" ref={scroller} tabIndex={0} data-testid="history-list" onKeyDown={onKey}>
        <table className="grid history-grid">
          <thead>{tab === 'orders' ? <OrderHead /> : <FillHead />}</thead>
          <tbody>
            {top > 0 && <Spacer height={top} columns={columns} />}
            {items.map((item) => {
              const entry = entries[item.index]!;
              return <EntryRow key={item.key} entry={entry} index={item.index} measure={rows.measureElement} columns={columns} cursor={cursor === entry.key} onPick={setCursor} />;
            })}
            {bottom > 0 && <Spacer height={bottom} columns={columns} />}
          </tbody>
        </table>
        {entries.length === 0 && <p className="empty">{tab === 'orders' ? 'No orders in this range.' : 'No fills in this range.'}</p>}
      </div>
    </section>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="spacer-row" aria-hidden>
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

function OrderHead() {
  return (
    <tr>
      <th className="left">Placed (ET)</th>
      <th className="left">Symbol</th>
      <OrderTermHeads />
      <th className="left">Last change (ET)</th>
      <th className="left">Reason</th>
    </tr>
  );
}

function FillHead() {
  return (
    <tr>
      <th>Exec ID</th>
      <th className="left">Date</th>
      <th className="left">Time (ET)</th>
      <th className="left">Symbol</th>
      <th className="left">Side</th>
      <th>Qty</th>
      <th>Price</th>
      <th>Comm + fees</th>
      <th>Realized P/L</th>
      <th>Order</th>
      <th className="left">Why it filled</th>
    </tr>
  );
}

interface RowProps {
  entry: Entry;
  index: number;
  measure: (el: Element | null) => void;
  columns: number;
  cursor: boolean;
  onPick: (key: string) => void;
}

function EntryRow({ entry, index, measure, columns, cursor, onPick }: RowProps) {
  const cls = `${index % 2 === 1 ? 'alt' : ''}${cursor ? ' selected' : ''}`;
  switch (entry.kind) {
    case 'reset':
      return (
        <tr ref={measure} data-index={index} className="reset-row" data-testid="history-reset">
          <td colSpan={columns}>{resetText(entry.reset)}</td>
        </tr>
      );
    case 'trail':
      return (
        <tr ref={measure} data-index={index} className="trail-row" data-testid={`order-trail-${entry.orderId}`}>
          <td colSpan={columns}>
            {entry.events === null ? (
              <span className="muted">…</span>
            ) : (
              <ol className="trail">
                {entry.events.map((event, i) => (
                  <li key={i} data-testid="trail-event">
                    <span className="num muted">{nyDateTime(event.time)}</span> <span className={`status status-${eventTone(event.type)}`}>{event.type}</span> <span>{event.text}</span>
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      );
    case 'order': {
      const { order } = entry;
      return (
        <tr
          ref={measure}
          data-index={index}
          data-testid={`history-order-${order.id}`}
          aria-expanded={entry.expanded}
          className={`${cls} clickable${order.status === 'REJECTED' ? ' rejected' : order.status === 'CANCELED' || order.status === 'EXPIRED' ? ' dimmed' : ''}`}
          onClick={() => {
            onPick(entry.key);
            void toggleTrail(order.id);
          }}
        >
          <OrderCells order={order} />
        </tr>
      );
    }
    case 'fill':
      return (
        <tr ref={measure} data-index={index} data-testid={`history-fill-${entry.fill.id}`} className={cls} onClick={() => onPick(entry.key)}>
          <FillCells fill={entry.fill} />
        </tr>
      );
  }
}

function eventTone(type: OrderEventView['type']): string {
  return type === 'ACCEPTED' || type === 'REPLACED' || type === 'TRIGGERED' ? 'working' : type.toLowerCase();
}

function resetText(reset: ResetView): string {
  const when = `${nyDate(reset.time)} ${nyTime(reset.time)} ET`;
  return reset.kind === 'OPEN'
    ? `Account ${reset.account} opened with ${formatMoney(reset.startingBalance)} · ${when}`
    : `Account ${reset.account} reset to ${formatMoney(reset.startingBalance)} (cash was ${formatMoney(reset.cashBefore)}) · ${when}`;
}

function OrderCells({ order }: { order: HistoryOrder }) {
  const reason = order.rejectReason ?? order.statusReason;
  return (
    <>
      <td className="left num muted" data-testid="history-placed">{nyDateTime(order.createdAt)}</td>
      <td className="left symbol">{order.symbol}</td>
      <OrderTermCells order={order} statusTestId="history-status" />
      <td className="left num muted">{order.updatedAt === order.createdAt ? '' : nyDateTime(order.updatedAt)}</td>
      <td className={`left reason${order.rejectReason ? ' down' : ' muted'}`} title={reason ?? undefined}>
        {reason ?? ''}
      </td>
    </>
  );
}

/** Commission, and the fees beside it when there are any: shown as main sent them, not added up here. */
function charges(commission: string, fees: string): string {
  return signOf(fees) === 0 ? formatMoney(commission) : `${formatMoney(commission)} + ${formatMoney(fees)}`;
}

function FillCells({ fill }: { fill: HistoryFill }) {
  return (
    <>
      <td className="num" data-testid="history-exec-id">{fill.id}</td>
      <td className="left num" data-testid="history-date">{nyDate(fill.time)}</td>
      <td className="left num" data-testid="history-time">{nyTime(fill.time)}</td>
      <td className="left symbol">{fill.symbol}</td>
      <td className={`left ${fill.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{fill.side}</td>
      <td className="num">
        <Qty value={fill.qty} />
      </td>
      <td className="num">
        <Price value={fill.price} format={fill.priceFormat} tick={fill.tick} />
      </td>
      <td className="num">{charges(fill.commission, fill.fees)}</td>
      <td className="num">
        <PnL value={fill.realizedPl} />
      </td>
      <td className="num muted">{fill.orderId}</td>
      <td className="left reason" title={fill.reason}>
        {fill.reason}
      </td>
    </>
  );
}
