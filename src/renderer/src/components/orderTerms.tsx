// The headers and cells every order table shares, Side through Filled: the trading screen's orders of the day and the History
// screen show an order's terms the same way. Renders what main sent; it computes nothing.
import type { Priced } from '../../../shared/contract';
import type { OrderView } from '../../../shared/views';
import { Price, Qty } from './figures';

/** TOS's words for an order type: "STP LMT", "TRAIL STP", "TRAIL STP LMT". */
export function orderTypeWords(type: OrderView['orderType']): string {
  return type.replace(/_/g, ' ');
}

/** The headers over OrderTermCells. */
export function OrderTermHeads() {
  return (
    <>
      <th className="left">Side</th>
      <th>Qty</th>
      <th className="left">Type</th>
      <th>Limit</th>
      <th>Stop</th>
      <th className="left">TIF</th>
      <th className="left">Status</th>
      <th>Filled</th>
    </>
  );
}

export function OrderTermCells({ order, statusTestId }: { order: OrderView & Priced; statusTestId: string }) {
  const { priceFormat: format, tick } = order;
  return (
    <>
      <td className={`left ${order.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{order.side}</td>
      <td className="num">
        {/* A HELD child's qty is the parent's fill, unknown until it fills. */}
        {order.qtyFromParent ? (
          <span className="muted" title="The parent's filled quantity">
            fill
          </span>
        ) : (
          <Qty value={order.qty} />
        )}
      </td>
      <td className="left">{orderTypeWords(order.orderType)}</td>
      <td className="num">{order.limit ? <Price value={order.limit} format={format} tick={tick} /> : <span className="muted">—</span>}</td>
      <td className="num">{order.stop ? <Price value={order.stop} format={format} tick={tick} /> : <span className="muted">—</span>}</td>
      <td className="left">{order.tif}</td>
      <td className="left">
        <span className={`status status-${order.status.toLowerCase()}`} data-testid={statusTestId}>
          {order.status}
        </span>
      </td>
      <td className="num">
        {order.avgFillPrice ? (
          <>
            <Qty value={order.filledQty} /> @ <Price value={order.avgFillPrice} format={format} tick={tick} />
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </>
  );
}
