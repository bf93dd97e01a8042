// The working orders of the selected account, each editable in place (qty, type, limit, stop, TIF; prices step by
// the order's tick with the arrows), with its stop's trigger state and the engine's reason it has not filled yet
// (one cell: the badge leads the reason). Groups (ENGINE.md 12): a bracket's children indented under their parent
// (HELD until it fills, their prices in ticks from the fill), OCO members marked and kept together; a trailing
// stop's terms editable and its live stop and watermark shown. It never works out a price: main sends them.
// Enter or Save sends editOrder with only the fields changed; Esc drops the edit; the engine's refusal shows in the
// row. Cancel per row, Cancel group on a group's first row, Cancel all for the account (held orders too).
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import type { WorkingOrderView } from '../../../shared/contract';
import { formatPrice, signOf } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';
import { Qty } from '../components/figures';
import { orderTypeWords } from '../components/orderTerms';
import { PriceInput } from '../components/PriceInput';
import { priceForField } from '../components/priceStep';
import { selectedAccountId, useDesk, workingOrderRow } from '../state/desk';
import { isTrailing, needsLimit, needsStop, oneOfWords, ORDER_TYPES, TIFS, TRAIL_REFS, TRAIL_UNITS } from '../../../shared/vocabulary';
import type { OrderType, Tif, TrailRef, TrailUnit } from '../state/ticket';
import { run } from '../state/thor';
import { showToast } from '../state/toasts';

/** A row's place: indented under its parent, and, on a group's first row, every member's id (for Cancel group). */
interface Placed {
  id: number;
  child: boolean;
  group: number[] | null;
}

/**
 * The rows in the order the trader reads them: each group together (a parent, then its children; an OCO group's
 * members one after the other), groups and lone orders by their first id. A child whose parent has filled stands
 * with its OCO partners at its own place.
 */
export function layoutRows(orders: readonly Pick<WorkingOrderView, 'id' | 'parentId' | 'ocoGroup'>[]): Placed[] {
  const present = new Set(orders.map((o) => o.id));
  const groupOf = new Map<string, number>();
  const keyOf = (o: (typeof orders)[number]): number => {
    if (o.parentId !== null && present.has(o.parentId)) return o.parentId;
    if (o.ocoGroup !== null) {
      const first = groupOf.get(o.ocoGroup);
      if (first !== undefined) return first;
      groupOf.set(o.ocoGroup, o.id);
    }
    return o.id;
  };
  const keyed = [...orders].sort((a, b) => a.id - b.id).map((o) => ({ o, key: keyOf(o) }));
  keyed.sort((a, b) => a.key - b.key || a.o.id - b.o.id);
  const members = new Map<number, number[]>();
  for (const { o, key } of keyed) members.set(key, [...(members.get(key) ?? []), o.id]);
  return keyed.map(({ o, key }) => {
    const group = members.get(key)!;
    return { id: o.id, child: o.parentId !== null && present.has(o.parentId), group: group.length > 1 && group[0] === o.id ? group : null };
  });
}

export function WorkingOrders() {
  const account = useDesk(selectedAccountId);
  // A string, so the layout is worked out again only when an order comes, goes or changes its links.
  const links = useDesk((s) =>
    JSON.stringify(s.workingOrders.filter((o) => o.account === account).map((o) => [o.id, o.parentId, o.ocoGroup])),
  );
  const rows = useMemo(() => {
    const parsed = JSON.parse(links) as [number, number | null, string | null][];
    return layoutRows(parsed.map(([id, parentId, ocoGroup]) => ({ id, parentId, ocoGroup })));
  }, [links]);
  const [busy, setBusy] = useState(false);

  const cancelAll = async () => {
    if (!account) return;
    setBusy(true);
    const result = await run((t) => t.cancelAll({ account }));
    setBusy(false);
    if (!result.ok) showToast('error', `Cancel all: ${result.error.message}`);
  };

  return (
    <section className="panel working" aria-label="Working orders">
      <header className="panel-title">
        <span>Working orders</span>
        <span className="muted small">{rows.length > 0 ? `${rows.length}` : ''}</span>
        <span className="spacer" />
        <button type="button" className="small-button danger" data-testid="cancel-all" disabled={rows.length === 0 || busy} onClick={() => void cancelAll()}>
          Cancel all
        </button>
      </header>
      <div className="table-wrap">
        <table className="grid editable">
          <thead>
            <tr>
              <th className="left">Symbol</th>
              <th className="left">Side</th>
              <th>Qty</th>
              <th className="left">Type</th>
              <th>Limit</th>
              <th>Stop</th>
              <th className="left">TIF</th>
              <th className="left why-col" title="A stop's trigger state, and the engine's reason the order has not filled">
                Why<span className="narrow-hide"> not filled</span>
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <WorkingLine key={row.id} id={row.id} child={row.child} group={row.group} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">No working orders.</p>}
      </div>
    </section>
  );
}

interface Draft {
  qty?: string;
  orderType?: OrderType;
  limit?: string;
  stop?: string;
  tif?: Tif;
  limitTicks?: string;
  stopTicks?: string;
  trailOffset?: string;
  trailUnit?: TrailUnit;
  trailRef?: TrailRef;
  limitOffset?: string;
}

const UNIT_SHORT: Record<TrailUnit, string> = { PRICE: '$', TICKS: 't', PERCENT: '%' };
/** Ticks shown signed, as they count from the parent's fill: "+8", "-8". */
const signed = (ticks: string) => (ticks.startsWith('-') || ticks.startsWith('+') ? ticks : `+${ticks}`);

/** Cancels every member of a group, children first (a parent's cancel would take its HELD children with it). */
async function cancelGroup(ids: readonly number[]): Promise<string | null> {
  for (const orderId of [...ids].reverse()) {
    const result = await run((t) => t.cancelOrder({ orderId }));
    // A member already ended by an earlier cancel (OCO, a parent's children) is what the trader wanted.
    if (!result.ok && result.error.code !== 'NOT_WORKING' && result.error.code !== 'NOT_FOUND') return result.error.message;
  }
  return null;
}

const WorkingLine = memo(function WorkingLine({ id, child, group }: { id: number; child: boolean; group: number[] | null }) {
  const order = useDesk((s) => workingOrderRow(s, id));
  // Where an empty price field starts stepping from: the side's market.
  const reference = useDesk((s) => {
    const o = workingOrderRow(s, id);
    const q = o ? s.quoteBySymbol[o.symbol] : undefined;
    return (o?.side === 'BUY' ? q?.ask : q?.bid) ?? q?.last ?? null;
  });
  // Only what the trader changed; everything else follows the order as main reports it.
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!order) return null;

  const format = order.priceFormat;
  const original = {
    // A child that takes the parent's filled qty shows none until it activates.
    qty: order.qtyFromParent ? '' : order.qty,
    orderType: order.orderType,
    limit: order.limit ? priceForField(order.limit, format, order.tick) : '',
    stop: order.stop ? priceForField(order.stop, format, order.tick) : '',
    tif: order.tif,
    limitTicks: order.limitTicks ?? '',
    stopTicks: order.stopTicks ?? '',
    trailOffset: order.trailOffset ?? '',
    trailUnit: order.trailUnit ?? 'PRICE',
    trailRef: order.trailRef ?? 'MARK',
    limitOffset: order.limitOffset ? priceForField(order.limitOffset, format, order.tick) : '',
  };
  const shown = { ...original, ...draft };
  const dirty = Object.keys(draft).length > 0;

  const change = <K extends keyof Draft>(field: K, value: NonNullable<Draft[K]>) => {
    setError(null);
    setDraft((d) => {
      const next = { ...d };
      // Typing a field back to what the order has is no change.
      if (value === original[field]) delete next[field];
      else next[field] = value;
      return next;
    });
  };

  const save = async () => {
    if (!dirty || busy) return;
    setBusy(true);
    const clean = (v: string | undefined) => (v === undefined ? undefined : v.trim().replace(/,/g, ''));
    const result = await run((t) =>
      t.editOrder({
        orderId: id,
        qty: clean(draft.qty),
        orderType: draft.orderType,
        limit: draft.limit === undefined ? undefined : typedPrice(draft.limit),
        stop: draft.stop === undefined ? undefined : typedPrice(draft.stop),
        tif: draft.tif,
        limitTicks: clean(draft.limitTicks)?.replace(/^\+/, ''),
        stopTicks: clean(draft.stopTicks)?.replace(/^\+/, ''),
        // A trailing edit sends its whole terms: the engine re-anchors the watermark on them (ENGINE.md 11).
        ...(isTrailing(shown.orderType) && (draft.orderType || draft.trailOffset || draft.trailUnit || draft.trailRef || draft.limitOffset !== undefined)
          ? {
              trailOffset: clean(shown.trailOffset),
              trailUnit: shown.trailUnit,
              trailRef: shown.trailRef,
              ...(shown.orderType === 'TRAIL_STP_LMT' ? { limitOffset: typedPrice(shown.limitOffset) } : {}),
            }
          : {}),
      }),
    );
    setBusy(false);
    if (result.ok) {
      setDraft({});
      setError(null);
    } else {
      setError(result.error.message);
    }
  };

  const cancel = async () => {
    setBusy(true);
    const result = await run((t) => t.cancelOrder({ orderId: id }));
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  const cancelAllOf = async (members: readonly number[]) => {
    setBusy(true);
    const message = await cancelGroup(members);
    setBusy(false);
    if (message !== null) setError(message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDraft({});
      setError(null);
    }
  };

  const isStop = order.orderType === 'STP' || order.orderType === 'STP_LMT' || isTrailing(order.orderType);
  const held = order.status === 'HELD';
  const trailing = isTrailing(shown.orderType);
  // A HELD child given in ticks keeps its ticks until it activates; its prices come from the parent's fill.
  const limitInTicks = held && order.limitTicks !== null && needsLimit(shown.orderType);
  const stopInTicks = held && order.stopTicks !== null && needsStop(shown.orderType);
  const partial = signOf(order.filledQty) > 0;
  const rowClass = [dirty ? 'editing' : '', child ? 'child-row' : '', order.ocoGroup !== null ? 'oco-member' : ''].filter(Boolean).join(' ');
  const price = (value: string) => formatPrice(value, format, order.tick);

  return (
    <tr data-testid={`working-row-${id}`} data-status={order.status} className={rowClass || undefined} onKeyDown={onKeyDown}>
      <td className="left symbol">
        {child && (
          <span className="child-mark" aria-hidden>
            └{' '}
          </span>
        )}
        {order.symbol}
      </td>
      <td className={`left ${order.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{order.side}</td>
      <td className="num">
        <input className="qty-input" aria-label="Quantity" data-testid="working-qty" inputMode="numeric" placeholder={order.qtyFromParent ? 'fill' : undefined} title={order.qtyFromParent ? "The parent's filled quantity" : undefined} value={shown.qty} onChange={(event) => change('qty', event.target.value)} />
        {partial && (
          <span className="muted small" title="Filled so far">
            {' '}
            (<Qty value={order.filledQty} />)
          </span>
        )}
      </td>
      <td className="left">
        <select aria-label="Order type" data-testid="working-type" value={shown.orderType} onChange={(event) => change('orderType', oneOfWords(ORDER_TYPES, event.target.value) ?? shown.orderType)}>
          {ORDER_TYPES.map((type) => (
            <option key={type} value={type}>
              {orderTypeWords(type)}
            </option>
          ))}
        </select>
      </td>
      <td className="num">
        {limitInTicks ? (
          <TicksInput testId="working-limit-ticks" label="Limit, ticks from the fill" value={shown.limitTicks} onChange={(v) => change('limitTicks', v)} />
        ) : needsLimit(shown.orderType) ? (
          <PriceInput testId="working-limit" label="Limit price" className="compact" value={shown.limit} onChange={(v) => change('limit', v)} tick={order.tick} format={format} reference={reference} />
        ) : shown.orderType === 'TRAIL_STP_LMT' ? (
          <PriceInput testId="working-limit-offset" label="Limit offset" className="compact" value={shown.limitOffset} onChange={(v) => change('limitOffset', v)} tick={order.tick} format={format} reference="0" />
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num">
        {stopInTicks ? (
          <TicksInput testId="working-stop-ticks" label="Stop, ticks from the fill" value={shown.stopTicks} onChange={(v) => change('stopTicks', v)} />
        ) : needsStop(shown.orderType) ? (
          <PriceInput testId="working-stop" label="Stop price" className="compact" value={shown.stop} onChange={(v) => change('stop', v)} tick={order.tick} format={format} reference={reference} />
        ) : trailing ? (
          // Offset and unit on one line, what it trails under them: the row stays as narrow as a price field's.
          <span className="trail-terms">
            <span className="trail-line">
              <input className="qty-input" aria-label="Trail offset" data-testid="working-trail-offset" inputMode="decimal" value={shown.trailOffset} onChange={(event) => change('trailOffset', event.target.value)} />
              <select aria-label="Trail unit" data-testid="working-trail-unit" value={shown.trailUnit} onChange={(event) => change('trailUnit', oneOfWords(TRAIL_UNITS, event.target.value) ?? shown.trailUnit)}>
                {TRAIL_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {UNIT_SHORT[unit]}
                  </option>
                ))}
              </select>
            </span>
            <select aria-label="Trails" data-testid="working-trail-ref" value={shown.trailRef} onChange={(event) => change('trailRef', oneOfWords(TRAIL_REFS, event.target.value) ?? shown.trailRef)}>
              {TRAIL_REFS.map((ref) => (
                <option key={ref} value={ref}>
                  {ref}
                </option>
              ))}
            </select>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="left">
        <select aria-label="Time in force" data-testid="working-tif" className="tif-select" value={shown.tif} onChange={(event) => change('tif', oneOfWords(TIFS, event.target.value) ?? shown.tif)}>
          {TIFS.map((tif) => (
            <option key={tif} value={tif}>
              {tif}
            </option>
          ))}
        </select>
      </td>
      <td className="left why-col">
        {/* The stop's trigger state leads the reason: a column of its own would be "—" for every limit order. */}
        <span className="why-line">
          {held && (
            <span className="badge badge-dim" data-testid="working-held" title={order.why ?? undefined}>
              HELD
            </span>
          )}
          {order.ocoGroup !== null && (
            <span className={`badge badge-link ${held ? 'narrow-hide' : ''}`} data-testid="working-oco" title={`OCO group ${order.ocoGroup}: one fill cancels the others`}>
              OCO
            </span>
          )}
          {group && !child && order.ocoGroup === null && (
            <span className="badge badge-link" data-testid="working-trg" title="Its fill triggers the orders under it">
              TRG
            </span>
          )}
          {order.trailStop !== null && (
            <span className="badge badge-warn" data-testid="working-trail-stop" title={order.trailWatermark ? `watermark ${price(order.trailWatermark)}` : undefined}>
              {/* At 1024 px the price alone: the column is narrow and the badge says what it is by its colour. */}
              <span className="narrow-hide">STP </span>
              {price(order.trailStop)}
            </span>
          )}
          {order.trailWatermark !== null && (
            <span className="muted small num trail-mark narrow-hide" data-testid="working-trail-mark" title="The watermark the stop trails">
              {order.side === 'SELL' ? 'hi' : 'lo'} {price(order.trailWatermark)}
            </span>
          )}
          {/* A trailing stop's live stop says it is armed; only its trigger needs a word. */}
          {isStop && !held && !(isTrailing(order.orderType) && !order.triggered) && (
            <span className={`badge ${order.triggered ? 'badge-warn' : 'badge-dim'}`} data-testid="working-trigger">
              {order.triggered ? 'TRIGGERED' : 'ARMED'}
            </span>
          )}
          <span className="why" data-testid="working-why" title={order.why ?? undefined}>
            {order.why ?? ''}
          </span>
        </span>
        {error && (
          <span className="row-error" data-testid="working-error" role="alert">
            {error}
          </span>
        )}
      </td>
      <td className="actions">
        <button type="button" className="small-button primary" data-testid="working-save" disabled={!dirty || busy} onClick={() => void save()}>
          Save
        </button>
        <button type="button" className="small-button" data-testid="working-cancel" disabled={busy} onClick={() => void cancel()}>
          Cancel
        </button>
        {group && (
          // Under Save and Cancel, so a group's first row grows taller rather than the table wider (1024 px).
          <button type="button" className="small-button danger group-cancel" data-testid="working-cancel-group" aria-label="Cancel group" title={`Cancel the whole group (${group.length} orders)`} disabled={busy} onClick={() => void cancelAllOf(group)}>
            ✕ Group
          </button>
        )}
      </td>
    </tr>
  );
});

/** Whole ticks from the parent's fill, shown signed ("+8", "-8"); arrows step by one. */
function TicksInput({ value, onChange, testId, label }: { value: string; onChange: (value: string) => void; testId: string; label: string }) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const n = Number.parseInt(value.replace(/^\+/, ''), 10);
    if (Number.isNaN(n)) return;
    onChange(String(n + (event.key === 'ArrowUp' ? 1 : -1)));
  };
  return (
    <span className="ticks-input">
      <input className="qty-input" aria-label={label} data-testid={testId} inputMode="numeric" value={value === '' ? '' : signed(value)} onChange={(event) => onChange(event.target.value.replace(/^\+/, ''))} onKeyDown={onKeyDown} />
      <span className="muted small">t</span>
    </span>
  );
}
