// Positions of the selected account, as main computed them: quantity, average price, mark, P/L open (amount and
// percent), P/L day and market value. A position closed today stays, dimmed, for its day P/L. Flatten sends the
// closing market order, Reverse one of twice the position the other way (each through the confirmation when
// Settings asks for one); main cancels the symbol's working and held orders first, as TOS does (ENGINE.md 13).
// Cancel all cancels every working and held order of the account. It never computes P&L: main sends it.
import Decimal from 'decimal.js';
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatQuantity, signOf } from '../../../shared/format';
import { Money, PnL, Price, Qty } from '../components/figures';
import { ConfirmDialog } from '../components/Modal';
import { positionKey, positionRow, selectedAccountId, useDesk, type PositionRow } from '../state/desk';
import { editTicket } from '../state/ticket';
import { run } from '../state/thor';
import { showToast } from '../state/toasts';

export function Positions() {
  const keys = useDesk(
    useShallow((s) => {
      const account = selectedAccountId(s);
      return s.positions.filter((p) => p.account === account).map(positionKey);
    }),
  );
  const [closing, setClosing] = useState<{ position: PositionRow; how: CloseOut } | null>(null);
  const confirmOrders = useDesk((s) => s.settings?.confirmOrders ?? true);
  const account = useDesk(selectedAccountId);
  const pending = useDesk((s) => s.workingOrders.filter((o) => o.account === account).length);
  const [canceling, setCanceling] = useState(false);

  const closeOut = async (position: PositionRow, how: CloseOut) => {
    setClosing(null);
    const request = { account: position.account, symbol: position.symbol };
    const result = await run((t) => (how === 'flatten' ? t.flatten(request) : t.reverse(request)));
    if (!result.ok) showToast('error', `${how === 'flatten' ? 'Flatten' : 'Reverse'} ${position.symbol}: ${result.error.message}`);
    else if (result.data.status === 'REJECTED') showToast('error', `Reverse ${position.symbol} rejected: ${result.data.rejectReason ?? 'no reason given'}`);
  };
  const askCloseOut = (position: PositionRow, how: CloseOut) => {
    if (confirmOrders) setClosing({ position, how });
    else void closeOut(position, how);
  };
  const cancelAll = async () => {
    if (!account) return;
    setCanceling(true);
    const result = await run((t) => t.cancelAll({ account }));
    setCanceling(false);
    if (!result.ok) showToast('error', `Cancel all: ${result.error.message}`);
  };

  return (
    <section className="panel positions" aria-label="Positions">
      <header className="panel-title">
        <span>Positions</span>
        <span className="muted small">{keys.length > 0 ? `${keys.length}` : ''}</span>
        <span className="spacer" />
        <button
          type="button"
          className="small-button danger"
          data-testid="positions-cancel-all"
          title="Cancel every working and held order of the account"
          disabled={pending === 0 || canceling}
          onClick={() => void cancelAll()}
        >
          Cancel all orders
        </button>
      </header>
      <div className="table-wrap">
        <table className="grid">
          <thead>
            <tr>
              <th className="left">Symbol</th>
              <th>Qty</th>
              <th>Avg Price</th>
              <th>Mark</th>
              <th>P/L Open</th>
              <th className="narrow-hide">P/L %</th>
              <th>P/L Day</th>
              <th className="narrow-hide">Mkt Value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <PositionLine key={key} positionKey={key} onCloseOut={askCloseOut} />
            ))}
          </tbody>
        </table>
        {keys.length === 0 && <p className="empty">No positions.</p>}
      </div>
      {closing && (
        <ConfirmDialog
          title={closing.how === 'flatten' ? 'Flatten position' : 'Reverse position'}
          text={closeOutInWords(closing.position, closing.how)}
          confirmLabel={closing.how === 'flatten' ? 'Flatten' : 'Reverse'}
          danger
          onConfirm={() => void closeOut(closing.position, closing.how)}
          onCancel={() => setClosing(null)}
        />
      )}
    </section>
  );
}

type CloseOut = 'flatten' | 'reverse';

/**
 * "SELL 100 AAPL MKT DAY (flatten)", "SELL 200 AAPL MKT DAY (reverse)": the order main will place, after canceling
 * the symbol's orders. Twice the quantity is the order's size, not a P&L figure.
 */
function closeOutInWords(position: PositionRow, how: CloseOut): string {
  const side = signOf(position.qty) > 0 ? 'SELL' : 'BUY';
  const size = new Decimal(position.qty).abs().times(how === 'flatten' ? 1 : 2).toFixed();
  return `${side} ${formatQuantity(size)} ${position.symbol} MKT DAY (${how}; cancels its working and held orders)`;
}

const PositionLine = memo(function PositionLine({ positionKey: key, onCloseOut }: { positionKey: string; onCloseOut: (p: PositionRow, how: CloseOut) => void }) {
  const p = useDesk((s) => positionRow(s, key));
  if (!p) return null;
  const closed = signOf(p.qty) === 0;
  return (
    <tr data-testid={`position-row-${p.symbol}`} className={closed ? 'dimmed' : undefined}>
      <td className="left symbol clickable" title="Load in the ticket" onClick={() => editTicket({ symbol: p.symbol })}>
        {p.symbol}
      </td>
      <td className={`num ${signOf(p.qty) < 0 ? 'down' : ''}`}>
        <Qty value={p.qty} testId="position-qty" />
      </td>
      <td className="num">
        <Price value={p.avgPrice} format={p.priceFormat} tick={p.tick} />
      </td>
      <td className="num" title={p.markIsAverage ? 'No quote: the average price stands in for the mark' : undefined}>
        <Price value={p.mark} format={p.priceFormat} tick={p.tick} className={p.markIsAverage ? 'muted' : undefined} />
        {p.markIsAverage && <span className="muted">*</span>}
      </td>
      <td className="num">
        <PnL value={p.unrealizedPl} testId="position-pl-open" />
      </td>
      <td className="num narrow-hide">
        <PnL value={p.plPercent} percent />
      </td>
      <td className="num">
        <PnL value={p.plDay} testId="position-pl-day" />
      </td>
      <td className="num narrow-hide">
        <Money value={p.marketValue} />
      </td>
      <td className="actions">
        <button type="button" className="small-button" data-testid="position-flatten" disabled={closed} onClick={() => onCloseOut(p, 'flatten')}>
          Flatten
        </button>
        <button type="button" className="small-button" data-testid="position-reverse" title="A market order of twice the position the other way" disabled={closed} onClick={() => onCloseOut(p, 'reverse')}>
          Reverse
        </button>
      </td>
    </tr>
  );
});
