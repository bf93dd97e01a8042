// Orders the benchmarks write straight into a ledger: one WORKING GTC LMT order of account main, 1 share of a stock,
// with whatever a bench changes. Benchmark fixtures only; the desk never builds orders this way.
import { Dec } from '../src/main/engine/decimal';
import type { Order } from '../src/main/engine/model';

export function benchOrder(fields: Pick<Order, 'id' | 'symbol' | 'createdAt'> & Partial<Order>): Order {
  return {
    accountId: 'main',
    clientOrderId: null,
    assetType: 'EQ',
    side: 'BUY',
    qty: new Dec(1),
    type: 'LMT',
    limit: new Dec(1),
    stop: null,
    tif: 'GTC',
    status: 'WORKING',
    triggered: false,
    filledQty: new Dec(0),
    avgFillPrice: null,
    rejectReason: null,
    statusReason: null,
    expiresAt: null,
    updatedAt: fields.createdAt,
    tags: [],
    parentId: null,
    ocoGroup: null,
    limitTicks: null,
    stopTicks: null,
    trail: null,
    ...fields,
  };
}
