// The day's orders of the selected account, newest first: what was asked, its status and, for a rejected or
// canceled order, the engine's reason.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { OrderTermCells, OrderTermHeads } from '../components/orderTerms';
import { orderRow, selectedAccountId, useDesk } from '../state/desk';
import { timeOfDay } from './time';

export function DayOrders() {
  const ids = useDesk(
    useShallow((s) => {
      const account = selectedAccountId(s);
      return s.orders.filter((o) => o.account === account).map((o) => o.id).reverse();
    }),
  );
  return (
    <div className="table-wrap">
      <table className="grid">
        <thead>
          <tr>
            <th className="left">Time</th>
            <th className="left">Symbol</th>
            <OrderTermHeads />
            <th className="left">Reason</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <OrderLine key={id} id={id} />
          ))}
        </tbody>
      </table>
      {ids.length === 0 && <p className="empty">No orders today.</p>}
    </div>
  );
}

const OrderLine = memo(function OrderLine({ id }: { id: number }) {
  const order = useDesk((s) => orderRow(s, id));
  if (!order) return null;
  return (
    <tr data-testid={`order-row-${id}`} className={order.status === 'REJECTED' ? 'rejected' : order.status === 'CANCELED' || order.status === 'EXPIRED' ? 'dimmed' : undefined}>
      <td className="left num muted">{timeOfDay(order.createdAt)}</td>
      <td className="left symbol">{order.symbol}</td>
      <OrderTermCells order={order} statusTestId="order-status" />
      <td className="left reason" title={order.rejectReason ?? order.statusReason ?? undefined}>
        <span className="down" data-testid="order-reject-reason">
          {order.rejectReason ?? ''}
        </span>
        {!order.rejectReason && order.statusReason && (
          <span className="muted" data-testid="order-status-reason">
            {order.statusReason}
          </span>
        )}
      </td>
    </tr>
  );
});
