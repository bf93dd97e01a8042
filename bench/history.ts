// History benchmarks (`npm run bench -- --only=history`), lines of `name value unit` (issue 12):
//   history_month_20k_fills_first_page_ms    the first page (300, newest first) of one account's fills of a month of
//                                            20,000 fills, in a ledger of 60,000 fills (the months before and after
//                                            too), read and turned into the contract's rows: the first call after
//                                            the desk opened (target < 50 ms)
//   history_month_20k_fills_page_median_ms   the same, median of 9 calls
//   history_month_20k_fills_last_page_ms     the month's last page (cursor 19,800 rows deep), median of 9
//   history_month_20k_orders_first_page_ms   the first page of the month's 20,000 orders, first call after opening
//   history_order_trail_median_us            one order's event trail (3 events) as the window reads it, median
import { join } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { orderTrail } from '../src/main/desk/historyViews';
import { fillView, orderView } from '../src/main/desk/views';
import { Dec, ZERO } from '../src/main/engine/decimal';
import type { Fill } from '../src/main/engine/model';
import { tradingDayRange } from '../src/main/engine/tradingDay';
import { eventRow, fillRow, orderRow } from '../src/main/ledger/rows';
import { benchOrder } from './orders';
import { priceFormatOf } from '../src/main/terminal/priceFormat';

type Report = (name: string, value: number, unit: string) => void;
type Progress = (message: string) => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const PAGE = 300;
const PER_MONTH = 20_000;
/** Three months, the middle one measured: 2026-02 (20 trading days). */
const MONTHS = [Date.parse('2026-01-05T14:30:00Z'), Date.parse('2026-02-02T14:30:00Z'), Date.parse('2026-03-02T14:30:00Z')];

function writeMonths(desk: PaperDesk): void {
  const { sql } = desk.ledger;
  let id = 0;
  sql.transaction(() => {
    for (const start of MONTHS) {
      for (let i = 0; i < PER_MONTH; i += 1) {
        id += 1;
        // 1,000 a day over 20 weekdays, 23.4 s apart from 09:30 New York.
        const day = Math.floor(i / 1_000);
        const time = start + (Math.floor(day / 5) * 7 + (day % 5)) * 86_400_000 + (i % 1_000) * 23_400;
        const price = new Dec(200 + (i % 50) / 100);
        const side = i % 2 === 0 ? 'BUY' : 'SELL';
        const order = benchOrder({
          id, symbol: 'AAPL', side, qty: new Dec(100), limit: price, tif: 'DAY', status: 'FILLED',
          filledQty: new Dec(100), avgFillPrice: price, createdAt: time - 5_000, updatedAt: time,
        });
        const fill: Fill = {
          id, orderId: id, accountId: 'main', symbol: 'AAPL', assetType: 'EQ', side, qty: new Dec(100), price, multiplier: new Dec(1),
          commission: ZERO, fees: ZERO, realizedPl: ZERO, time,
          quote: { bid: '199.98', ask: '200', last: '199.99', mark: '199.99', time: new Date(time).toISOString() }, reason: 'resting LMT: touch',
        };
        sql.writeRow('orders', orderRow(order));
        sql.writeRow('order_events', eventRow({ orderId: id, type: 'ACCEPTED', time: time - 5_000, detail: null }));
        sql.writeRow('order_events', eventRow({ orderId: id, type: 'REPLACED', time: time - 2_000, detail: { before: { qty: '50' }, after: { qty: '100' } } }));
        sql.writeRow('order_events', eventRow({ orderId: id, type: 'FILLED', time, detail: { fillId: id, qty: '100', price: price.toFixed() } }));
        sql.writeRow('fills', fillRow(fill));
      }
    }
  });
}

export async function benchHistory(dir: string, report: Report, progress: Progress): Promise<void> {
  const path = join(dir, 'history.db');
  const clock = { now: () => Date.parse('2026-04-01T15:00:00Z') };
  let desk = await PaperDesk.open({ path, clock });
  desk.createAccount({ id: 'main' });
  progress('history: writing 60,000 orders and fills');
  writeMonths(desk);
  desk.close();
  desk = await PaperDesk.open({ path, clock });
  try {
    const month = tradingDayRange('2026-02-02', '2026-02-27')!;
    const filter = { accountId: 'main', from: month.start, to: month.end, limit: PAGE };
    const fillsPage = (before?: number) =>
      desk.fillsBetween({ ...filter, ...(before ? { before } : {}) }).map((f) => ({ ...fillView(f), ...priceFormatOf(f.symbol, f.price, desk.settings) }));
    const ordersPage = () => desk.ordersPlaced(filter).map((o) => ({ ...orderView(o), ...priceFormatOf(o.symbol, o.limit, desk.settings) }));

    let t0 = performance.now();
    const first = fillsPage();
    report('history_month_20k_fills_first_page_ms', performance.now() - t0, 'ms');
    if (first.length !== PAGE || first[0]!.id !== 2 * PER_MONTH) throw new Error('bench: the month’s first page of fills is wrong');
    t0 = performance.now();
    const orders = ordersPage();
    report('history_month_20k_orders_first_page_ms', performance.now() - t0, 'ms');
    if (orders.length !== PAGE) throw new Error('bench: the month’s first page of orders is wrong');

    const samples: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      t0 = performance.now();
      fillsPage();
      samples.push(performance.now() - t0);
    }
    report('history_month_20k_fills_page_median_ms', median(samples), 'ms');
    const deep = PER_MONTH + PAGE; // the last page holds fills PER_MONTH + 1 .. PER_MONTH + PAGE
    const deepSamples: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      t0 = performance.now();
      const last = fillsPage(deep + 1);
      deepSamples.push(performance.now() - t0);
      if (last.length !== PAGE || last.at(-1)!.id !== PER_MONTH + 1) throw new Error('bench: the month’s last page of fills is wrong');
    }
    report('history_month_20k_fills_last_page_ms', median(deepSamples), 'ms');

    const trailSamples: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      t0 = performance.now();
      const found = desk.orderTrail(PER_MONTH + 1 + i)!;
      orderTrail(found.order, found.events, desk.settings);
      trailSamples.push((performance.now() - t0) * 1_000);
    }
    report('history_order_trail_median_us', median(trailSamples), 'us');
  } finally {
    desk.close();
  }
}
