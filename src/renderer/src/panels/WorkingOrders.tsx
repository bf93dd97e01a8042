// The working orders of the selected account, each editable in place (qty, type, limit, stop, TIF; prices step by
// the order's tick with the arrows), with its stop's trigger state and the engine's reason it has not filled yet
// (one cell: the badge leads the reason).
// Enter or Save sends editOrder with only the fields changed; Esc drops the edit; the engine's refusal shows in the
// row. Cancel per row, Cancel all for the account.
import { memo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { signOf } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';
import { Qty } from '../components/figures';
import { PriceInput } from '../components/PriceInput';
import { priceForField } from '../components/priceStep';
import { selectedAccountId, useDesk, workingOrderRow } from '../state/desk';
import { needsLimit, needsStop, oneOfWords, ORDER_TYPES, TIFS } from '../../../shared/vocabulary';
import type { OrderType, Tif } from '../state/ticket';
import { run } from '../state/thor';
import { showToast } from '../state/toasts';

export function WorkingOrders() {
  const account = useDesk(selectedAccountId);
  const ids = useDesk(useShallow((s) => s.workingOrders.filter((o) => o.account === account).map((o) => o.id)));
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
        <span className="muted small">{ids.length > 0 ? `${ids.length}` : ''}</span>
        <span className="spacer" />
        <button type="button" className="small-button danger" data-testid="cancel-all" disabled={ids.length === 0 || busy} onClick={() => void cancelAll()}>
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
            {ids.map((id) => (
              <WorkingLine key={id} id={id} />
            ))}
          </tbody>
        </table>
        {ids.length === 0 && <p className="empty">No working orders.</p>}
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
}

const WorkingLine = memo(function WorkingLine({ id }: { id: number }) {
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
    qty: order.qty,
    orderType: order.orderType,
    limit: order.limit ? priceForField(order.limit, format, order.tick) : '',
    stop: order.stop ? priceForField(order.stop, format, order.tick) : '',
    tif: order.tif,
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

  const isStop = order.orderType === 'STP' || order.orderType === 'STP_LMT';
  const partial = signOf(order.filledQty) > 0;

  return (
    <tr data-testid={`working-row-${id}`} className={dirty ? 'editing' : undefined} onKeyDown={onKeyDown}>
      <td className="left symbol">{order.symbol}</td>
      <td className={`left ${order.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{order.side}</td>
      <td className="num">
        <input className="qty-input" aria-label="Quantity" data-testid="working-qty" inputMode="numeric" value={shown.qty} onChange={(event) => change('qty', event.target.value)} />
        {partial && (
          <span className="muted small" title="Filled so far">
            {' '}
            (<Qty value={order.filledQty} />)
          </span>
        )}
      </td>
      <td className="left">
        <select aria-label="Order type" data-testid="working-type" value={shown.orderType} onChange={(event) => change('orderType', oneOfWords(ORDER_TYPES, event.target.value) ?? shown.orderType)}>
          <option value="LMT">LMT</option>
          <option value="MKT">MKT</option>
          <option value="STP">STP</option>
          <option value="STP_LMT">STP LMT</option>
        </select>
      </td>
      <td className="num">
        {needsLimit(shown.orderType) ? (
          <PriceInput testId="working-limit" label="Limit price" className="compact" value={shown.limit} onChange={(v) => change('limit', v)} tick={order.tick} format={format} reference={reference} />
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num">
        {needsStop(shown.orderType) ? (
          <PriceInput testId="working-stop" label="Stop price" className="compact" value={shown.stop} onChange={(v) => change('stop', v)} tick={order.tick} format={format} reference={reference} />
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
          {isStop && (
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
      </td>
    </tr>
  );
});
