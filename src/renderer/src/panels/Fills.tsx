// The day's fills of the selected account, newest first, each with its execution id, the rule that filled it (the
// engine's reason) and the quote it met. Earlier days are on the History screen.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney, signOf } from '../../../shared/format';
import { PnL, Price, Qty } from '../components/figures';
import { fillRow, selectedAccountId, useDesk } from '../state/desk';
import { timeOfDay } from './time';

export function Fills() {
  const ids = useDesk(
    useShallow((s) => {
      const account = selectedAccountId(s);
      return s.fills.filter((f) => f.account === account).map((f) => f.id).reverse();
    }),
  );
  return (
    <div className="table-wrap">
      <table className="grid">
        <thead>
          <tr>
            <th>Exec</th>
            <th className="left">Time</th>
            <th className="left">Symbol</th>
            <th className="left">Side</th>
            <th>Qty</th>
            <th>Price</th>
            <th>Comm + fees</th>
            <th>Realized P/L</th>
            <th className="left">Why it filled</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <FillLine key={id} id={id} />
          ))}
        </tbody>
      </table>
      {ids.length === 0 && <p className="empty">No fills today.</p>}
    </div>
  );
}

/** Commission, and the fees beside it when there are any: shown as main sent them, not added up here. */
function charges(commission: string, fees: string): string {
  return signOf(fees) === 0 ? formatMoney(commission) : `${formatMoney(commission)} + ${formatMoney(fees)}`;
}

const FillLine = memo(function FillLine({ id }: { id: number }) {
  const fill = useDesk((s) => fillRow(s, id));
  if (!fill) return null;
  const q = fill.quote;
  const met = `quote: bid ${q.bid ?? '—'} ask ${q.ask ?? '—'} last ${q.last ?? '—'}`;
  return (
    <tr data-testid={`fill-row-${id}`}>
      <td className="num muted" data-testid="fill-exec-id">{fill.id}</td>
      <td className="left num muted">{timeOfDay(fill.time)}</td>
      <td className="left symbol">{fill.symbol}</td>
      <td className={`left ${fill.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{fill.side}</td>
      <td className="num">
        <Qty value={fill.qty} />
      </td>
      <td className="num">
        <Price value={fill.price} format={fill.priceFormat} tick={fill.tick} testId="fill-price" />
      </td>
      <td className="num">{charges(fill.commission, fill.fees)}</td>
      <td className="num">
        <PnL value={fill.realizedPl} />
      </td>
      <td className="left reason" title={`${fill.reason}\n${met}`}>
        <span data-testid="fill-reason">{fill.reason}</span>
      </td>
    </tr>
  );
});
