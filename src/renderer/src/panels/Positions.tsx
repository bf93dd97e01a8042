// Positions of the selected account, as main computed them: quantity, average price, mark, P/L open (amount and
// percent), P/L day and market value. A position closed today stays, dimmed, for its day P/L. Flatten sends the
// closing market order (through the confirmation when Settings asks for one); main cancels the symbol's working
// orders first, as TOS does.
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
  const [flattening, setFlattening] = useState<PositionRow | null>(null);
  const confirmOrders = useDesk((s) => s.settings?.confirmOrders ?? true);

  const flatten = async (position: PositionRow) => {
    setFlattening(null);
    const result = await run((t) => t.flatten({ account: position.account, symbol: position.symbol }));
    if (!result.ok) showToast('error', `Flatten ${position.symbol}: ${result.error.message}`);
  };
  const askFlatten = (position: PositionRow) => {
    if (confirmOrders) setFlattening(position);
    else void flatten(position);
  };

  return (
    <section className="panel positions" aria-label="Positions">
      <header className="panel-title">
        <span>Positions</span>
        <span className="muted small">{keys.length > 0 ? `${keys.length}` : ''}</span>
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
              <PositionLine key={key} positionKey={key} onFlatten={askFlatten} />
            ))}
          </tbody>
        </table>
        {keys.length === 0 && <p className="empty">No positions.</p>}
      </div>
      {flattening && (
        <ConfirmDialog
          title="Flatten position"
          text={`${signOf(flattening.qty) > 0 ? 'SELL' : 'BUY'} ${formatQuantity(flattening.qty).replace(/^-/, '')} ${flattening.symbol} MKT DAY (flatten)`}
          confirmLabel="Flatten"
          danger
          onConfirm={() => void flatten(flattening)}
          onCancel={() => setFlattening(null)}
        />
      )}
    </section>
  );
}

const PositionLine = memo(function PositionLine({ positionKey: key, onFlatten }: { positionKey: string; onFlatten: (p: PositionRow) => void }) {
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
        <button type="button" className="small-button" data-testid="position-flatten" disabled={closed} onClick={() => onFlatten(p)}>
          Flatten
        </button>
      </td>
    </tr>
  );
});
