// The bottom right: the day's orders and fills as two tabs, each tab labelled with its count.
import { useState } from 'react';
import { selectedAccountId, useDesk } from '../state/desk';
import { DayOrders } from './DayOrders';
import { Fills } from './Fills';

type Tab = 'orders' | 'fills';

export function Activity() {
  const [tab, setTab] = useState<Tab>('orders');
  const orders = useDesk((s) => {
    const account = selectedAccountId(s);
    return s.orders.filter((o) => o.account === account).length;
  });
  const fills = useDesk((s) => {
    const account = selectedAccountId(s);
    return s.fills.filter((f) => f.account === account).length;
  });
  return (
    <section className="panel activity" aria-label="Orders and fills of the day">
      <header className="panel-title tabs" role="tablist">
        <button type="button" role="tab" data-testid="tab-orders" aria-selected={tab === 'orders'} className={tab === 'orders' ? 'tab on' : 'tab'} onClick={() => setTab('orders')}>
          Orders today <span className="count">{orders}</span>
        </button>
        <button type="button" role="tab" data-testid="tab-fills" aria-selected={tab === 'fills'} className={tab === 'fills' ? 'tab on' : 'tab'} onClick={() => setTab('fills')}>
          Fills <span className="count">{fills}</span>
        </button>
      </header>
      {tab === 'orders' ? <DayOrders /> : <Fills />}
    </section>
  );
}
